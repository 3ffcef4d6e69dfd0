/*
 * invariant.c — exact self-checks run on every result before it is returned.
 * A failure here is a bug in repay, reported as RP_E_INTERNAL, never output.
 */
#include "internal.h"

static rp_status broken(rp_error *err, int n, const char *what)
{
    return rp_fail(err, RP_E_INTERNAL, NULL, "self-check failed at installment %d: %s", n, what);
}

rp_status rp_schedule_verify(const rp_schedule_t *s, const rp_loan_t *loan, const rp_round_t *rc,
                             rp_error *err)
{
    rp_status st = RP_OK;
    mpq_t balance, sum, pay, int_sum, fee_sum;
    mpq_inits(balance, sum, pay, int_sum, fee_sum, NULL);
    mpq_set(balance, loan->principal);
    for (int k = 0; k < s->count && st == RP_OK; k++) {
        const rp_installment_t *r = &s->rows[k];
        mpq_add(pay, r->principal, r->interest);
        mpq_add(pay, pay, r->fee);
        mpq_sub(balance, balance, r->principal);
        mpq_add(sum, sum, r->principal);
        mpq_add(int_sum, int_sum, r->interest);
        mpq_add(fee_sum, fee_sum, r->fee);
        if (!mpq_equal(pay, r->payment))
            st = broken(err, r->n, "payment ≠ principal + interest + fee");
        else if (!mpq_equal(balance, r->balance))
            st = broken(err, r->n, "balance ≠ previous balance − principal");
        else if (mpq_sgn(r->balance) < 0)
            st = broken(err, r->n, "negative balance");
        else if (mpq_sgn(r->interest) < 0 || mpq_sgn(r->fee) < 0)
            st = broken(err, r->n, "negative interest or fee");
        else if (!rp_round_is_multiple(r->payment, rc) || !rp_round_is_multiple(r->principal, rc) ||
                 !rp_round_is_multiple(r->interest, rc) || !rp_round_is_multiple(r->fee, rc))
            st = broken(err, r->n, "an amount is not a whole number of rounding units");
    }
    if (st == RP_OK && s->count > 0 && mpq_sgn(s->rows[s->count - 1].balance) != 0)
        st = broken(err, s->count, "the last installment leaves a balance");
    if (st == RP_OK && !mpq_equal(sum, loan->principal))
        st = broken(err, s->count, "principal parts do not sum to the principal");
    if (st == RP_OK) {
        mpq_add(pay, sum, int_sum);
        mpq_add(pay, pay, fee_sum);
        if (!mpq_equal(sum, s->total_principal) || !mpq_equal(int_sum, s->total_interest) ||
            !mpq_equal(fee_sum, s->total_fee) || !mpq_equal(pay, s->total_payment))
            st = broken(err, s->count, "totals ≠ column sums");
    }
    mpq_clears(balance, sum, pay, int_sum, fee_sum, NULL);
    return st;
}
