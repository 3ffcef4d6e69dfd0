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

static rp_status statement_broken(rp_error *err, const char *what)
{
    return rp_fail(err, RP_E_INTERNAL, NULL, "statement self-check failed: %s", what);
}

rp_status rp_statement_verify(const rp_statement_t *st, const rp_loan_t *loan,
                              const rp_events_t *events, const rp_round_t *rc, rp_error *err)
{
    rp_status status = RP_OK;
    mpq_t paid_in, applied, sum, principal, t;
    mpq_inits(paid_in, applied, sum, principal, t, NULL);
    /* every payment up to as_of is accounted for, to the unit */
    for (int i = 0; i < events->count; i++)
        if (events->items[i].type == RP_EVENT_PAYMENT && events->items[i].date <= st->as_of)
            mpq_add(paid_in, paid_in, events->items[i].amount);
    if (!mpq_equal(paid_in, st->paid_total))
        status = statement_broken(err, "payments in ≠ payments recorded");
    for (int e = 0; e < st->entry_count && status == RP_OK; e++) {
        const rp_entry_t *en = &st->entries[e];
        mpq_set_ui(sum, 0, 1);
        for (int i = 0; i < en->count; i++)
            mpq_add(sum, sum, en->applied[i].amount);
        mpq_add(applied, applied, sum);
        if (en->event >= 0) {
            mpq_add(t, sum, en->to_credit);
            mpq_add(t, t, en->to_prepayment);
            if (!mpq_equal(t, en->amount))
                status = statement_broken(err, "a payment ≠ applied + credit + prepaid");
        } else if (!mpq_equal(sum, en->amount)) {
            status = statement_broken(err, "credit used ≠ credit applied");
        }
    }
    /* money in = applied to items + prepaid + credit still held */
    mpq_set_ui(sum, 0, 1);
    for (int k = 0; k < st->item_count && status == RP_OK; k++) {
        const rp_item_t *it = &st->items[k];
        if (it->n > 0)
            mpq_add(principal, principal, it->due[RP_PRINCIPAL]);
        for (int c = 0; c < RP_COMPONENT_COUNT; c++) {
            mpq_add(sum, sum, it->paid[c]);
            if (mpq_cmp(it->paid[c], it->due[c]) > 0 || mpq_sgn(it->paid[c]) < 0)
                status = statement_broken(err, "a component is paid beyond what was due");
            else if (!rp_round_is_multiple(it->due[c], rc) || !rp_round_is_multiple(it->paid[c], rc))
                status = statement_broken(err, "an amount is not a whole number of units");
        }
    }
    if (status == RP_OK && !mpq_equal(sum, applied))
        status = statement_broken(err, "applied amounts ≠ amounts paid on items");
    mpq_add(t, applied, st->prepaid);
    mpq_add(t, t, st->credit);
    if (status == RP_OK && !mpq_equal(t, paid_in))
        status = statement_broken(err, "payments ≠ applied + prepaid + credit");
    mpq_add(principal, principal, st->prepaid);
    if (status == RP_OK && !mpq_equal(principal, loan->principal))
        status = statement_broken(err, "principal is not conserved");
    if (status == RP_OK && (mpq_sgn(st->credit) < 0 || mpq_sgn(st->total_due) < 0))
        status = statement_broken(err, "negative credit or amount due");
    mpq_clears(paid_in, applied, sum, principal, t, NULL);
    return status;
}
