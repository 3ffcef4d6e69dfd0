/*
 * verify_statement.c — a statement's exact self-checks before it is returned: money
 * in = money applied + credit + prepaid; nothing paid beyond what was due;
 * principal conserved; every amount in whole units. A failure is a bug
 * (RP_E_INTERNAL), never output.
 */
#include "base/internal.h"

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
            rp_qadd(paid_in, paid_in, events->items[i].amount);
    if (!mpq_equal(paid_in, st->paid_total))
        status = statement_broken(err, "payments in ≠ payments recorded");
    for (int e = 0; e < st->entry_count && status == RP_OK; e++) {
        const rp_entry_t *en = &st->entries[e];
        mpq_set_ui(sum, 0, 1);
        for (int i = 0; i < en->count; i++)
            rp_qadd(sum, sum, en->applied[i].amount);
        rp_qadd(applied, applied, sum);
        if (en->event >= 0) {
            rp_qadd(t, sum, en->to_credit);
            rp_qadd(t, t, en->to_prepayment);
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
            rp_qadd(principal, principal, it->due[RP_PRINCIPAL]);
        for (int c = 0; c < RP_COMPONENT_COUNT; c++) {
            rp_qadd(sum, sum, it->paid[c]);
            if (mpq_cmp(it->paid[c], it->due[c]) > 0 || mpq_sgn(it->paid[c]) < 0)
                status = statement_broken(err, "a component is paid beyond what was due");
            else if (!rp_round_is_multiple(it->due[c], rc) || !rp_round_is_multiple(it->paid[c], rc))
                status = statement_broken(err, "an amount is not a whole number of units");
        }
    }
    if (status == RP_OK && !mpq_equal(sum, applied))
        status = statement_broken(err, "applied amounts ≠ amounts paid on items");
    rp_qadd(t, applied, st->prepaid);
    rp_qadd(t, t, st->credit);
    if (status == RP_OK && !mpq_equal(t, paid_in))
        status = statement_broken(err, "payments ≠ applied + prepaid + credit");
    rp_qadd(principal, principal, st->prepaid);
    if (status == RP_OK && !mpq_equal(principal, loan->principal))
        status = statement_broken(err, "principal is not conserved");
    if (status == RP_OK && (mpq_sgn(st->credit) < 0 || mpq_sgn(st->total_due) < 0))
        status = statement_broken(err, "negative credit or amount due");
    mpq_clears(paid_in, applied, sum, principal, t, NULL);
    return status;
}
