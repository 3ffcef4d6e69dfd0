/*
 * verify_schedule.c — a schedule's exact self-checks, in both forms, before it is
 * returned. A failure here is a bug in repay (RP_E_INTERNAL), never output.
 */
#include "base/quotient.h"
#include "schedule.h"

static rp_status broken(rp_error *err, int n, const char *what)
{
    return rp_fail(err, RP_E_INTERNAL, NULL, "self-check failed at installment %d: %s", n, what);
}

/* The checks run on whole counts of the rounding unit (mpz): an amount
 * that is not whole fails first; after that every sum is an integer sum. */
enum { V_PAYMENT, V_PRINCIPAL, V_INTEREST, V_FEE, V_BALANCE, V_COUNT };

rp_status rp_schedule_verify(const rp_schedule_t *s, const rp_loan_t *loan, const rp_round_t *rc,
                             rp_error *err)
{
    rp_status st = RP_OK;
    mpz_t u[V_COUNT], balance, pay, sum[V_COUNT], total;
    for (int i = 0; i < V_COUNT; i++)
        mpz_inits(u[i], sum[i], NULL);
    mpz_inits(balance, pay, total, NULL);
    if (!rp_round_units(balance, loan->principal, rc))
        st = broken(err, 0, "the principal is not a whole number of rounding units");
    mpz_set(total, balance);
    for (int k = 0; k < s->count && st == RP_OK; k++) {
        const rp_installment_t *r = &s->rows[k];
        if (!rp_round_units(u[V_PAYMENT], r->payment, rc) ||
            !rp_round_units(u[V_PRINCIPAL], r->principal, rc) ||
            !rp_round_units(u[V_INTEREST], r->interest, rc) ||
            !rp_round_units(u[V_FEE], r->fee, rc) || !rp_round_units(u[V_BALANCE], r->balance, rc)) {
            st = broken(err, r->n, "an amount is not a whole number of rounding units");
            break;
        }
        mpz_add(pay, u[V_PRINCIPAL], u[V_INTEREST]);
        mpz_add(pay, pay, u[V_FEE]);
        mpz_sub(balance, balance, u[V_PRINCIPAL]);
        for (int i = V_PRINCIPAL; i <= V_FEE; i++)
            mpz_add(sum[i], sum[i], u[i]);
        if (mpz_cmp(pay, u[V_PAYMENT]) != 0)
            st = broken(err, r->n, "payment ≠ principal + interest + fee");
        else if (mpz_cmp(balance, u[V_BALANCE]) != 0)
            st = broken(err, r->n, "balance ≠ previous balance − principal");
        else if (mpz_sgn(balance) < 0)
            st = broken(err, r->n, "negative balance");
        else if (mpz_sgn(u[V_INTEREST]) < 0 || mpz_sgn(u[V_FEE]) < 0)
            st = broken(err, r->n, "negative interest or fee");
    }
    if (st == RP_OK && s->count > 0 && mpq_sgn(s->rows[s->count - 1].balance) != 0)
        st = broken(err, s->count, "the last installment leaves a balance");
    if (st == RP_OK && mpz_cmp(sum[V_PRINCIPAL], total) != 0)
        st = broken(err, s->count, "principal parts do not sum to the principal");
    if (st == RP_OK) {
        mpz_add(pay, sum[V_PRINCIPAL], sum[V_INTEREST]);
        mpz_add(pay, pay, sum[V_FEE]);
        int same = rp_round_units(u[V_PRINCIPAL], s->total_principal, rc) &&
                   rp_round_units(u[V_INTEREST], s->total_interest, rc) &&
                   rp_round_units(u[V_FEE], s->total_fee, rc) &&
                   rp_round_units(u[V_PAYMENT], s->total_payment, rc) &&
                   mpz_cmp(u[V_PRINCIPAL], sum[V_PRINCIPAL]) == 0 &&
                   mpz_cmp(u[V_INTEREST], sum[V_INTEREST]) == 0 &&
                   mpz_cmp(u[V_FEE], sum[V_FEE]) == 0 && mpz_cmp(u[V_PAYMENT], pay) == 0;
        if (!same)
            st = broken(err, s->count, "totals ≠ column sums");
    }
    for (int i = 0; i < V_COUNT; i++)
        mpz_clears(u[i], sum[i], NULL);
    mpz_clears(balance, pay, total, NULL);
    return st;
}

/* The same checks on the fast form; sums in 128 bits cannot overflow. */
rp_status rp_unit_schedule_verify(const rp_unit_schedule_t *s, const rp_loan_t *loan,
                                  const rp_round_t *rc, rp_error *err)
{
    int64_t principal;
    if (!rp_round_units64(&principal, loan->principal, rc))
        return broken(err, 0, "the principal is not a whole number of rounding units");
    rp_i128 balance = principal, sum_principal = 0, sum_interest = 0, sum_fee = 0;
    for (int k = 0; k < s->count; k++) {
        const rp_unit_row_t *r = &s->rows[k];
        balance -= r->principal;
        sum_principal += r->principal;
        sum_interest += r->interest;
        sum_fee += r->fee;
        if ((rp_i128)r->principal + r->interest + r->fee != r->payment)
            return broken(err, r->n, "payment ≠ principal + interest + fee");
        if (balance != r->balance)
            return broken(err, r->n, "balance ≠ previous balance − principal");
        if (balance < 0)
            return broken(err, r->n, "negative balance");
        if (r->interest < 0 || r->fee < 0)
            return broken(err, r->n, "negative interest or fee");
    }
    if (s->count > 0 && s->rows[s->count - 1].balance != 0)
        return broken(err, s->count, "the last installment leaves a balance");
    if (sum_principal != principal)
        return broken(err, s->count, "principal parts do not sum to the principal");
    if (s->total_principal != sum_principal || s->total_interest != sum_interest ||
        s->total_fee != sum_fee || s->total_payment != sum_principal + sum_interest + sum_fee)
        return broken(err, s->count, "totals ≠ column sums");
    return RP_OK;
}
