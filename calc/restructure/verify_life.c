/*
 * verify_life.c — the self-check of a statement made of several plans
 * (life.c): exact, on every answer; a failure is an internal error.
 */
#include "restructure.h"

static rp_status life_broken(rp_error *err, const char *what)
{
    return rp_fail(err, RP_E_INTERNAL, NULL, "life self-check failed: %s", what);
}

/* Exact checks across the stretches: every payment applied, credited or
 * prepaid once; nothing paid beyond what was due; principal conserved from
 * the contract through every plan; reinstated = waived on condition. */
rp_status rp_life_verify(const rp_statement_t *st, const rp_life_t *life, const rp_loan_t *loan,
                         const rp_events_t *events, mpq_t const *dropped, const rp_round_t *rc,
                         rp_error *err)
{
    rp_status status = RP_OK;
    mpq_t in, out, sum, t, principal;
    mpq_inits(in, out, sum, t, principal, NULL);
    for (int i = 0; i < events->count; i++)
        if (events->items[i].type == RP_EVENT_PAYMENT && events->items[i].date <= st->as_of)
            rp_qadd(in, in, events->items[i].amount);
    for (int e = 0; e < st->entry_count && status == RP_OK; e++) {
        const rp_entry_t *en = &st->entries[e];
        mpq_set_ui(sum, 0, 1);
        for (int i = 0; i < en->count; i++)
            rp_qadd(sum, sum, en->applied[i].amount);
        if (en->event >= 0) {
            rp_qadd(out, out, en->amount);
            rp_qadd(t, sum, en->to_credit);
            rp_qadd(t, t, en->to_prepayment);
            if (!mpq_equal(t, en->amount))
                status = life_broken(err, "a payment ≠ applied + credit + prepaid");
        }
    }
    if (status == RP_OK && (!mpq_equal(in, out) || !mpq_equal(in, st->paid_total)))
        status = life_broken(err, "payments in ≠ payments recorded");
    /* principal: the contract's installments and what was prepaid are the
     * loan; each plan starts from what the one before left unpaid, and its
     * rows are that less what it waived plus what it capitalized */
    mpq_set(principal, loan->principal);
    for (int p = 0; p <= life->count && status == RP_OK; p++) {
        mpq_set(sum, dropped[p]); /* the plan's principal due */
        mpq_set_ui(t, 0, 1);      /* paid of it */
        for (int k = 0; k < st->item_count; k++) {
            const rp_item_t *it = &st->items[k];
            for (int c = 0; c < RP_COMPONENT_COUNT; c++)
                if (mpq_cmp(it->paid[c], it->due[c]) > 0 || mpq_sgn(it->paid[c]) < 0 ||
                    !rp_round_is_multiple(it->due[c], rc) || !rp_round_is_multiple(it->paid[c], rc))
                    status = life_broken(err, "a component is paid beyond what was due, or not in whole units");
            if (it->plan != p || it->role == RP_ROLE_FEE)
                continue;
            if (it->role == RP_ROLE_INSTALLMENT)
                rp_qadd(sum, sum, it->due[RP_PRINCIPAL]);
            else /* reinstated principal: owed again, outside the rows */
                rp_qsub(t, t, it->due[RP_PRINCIPAL]);
            rp_qadd(t, t, it->paid[RP_PRINCIPAL]);
        }
        if (p == 0) {
            rp_qadd(in, sum, st->prepaid);
            if (!mpq_equal(in, loan->principal))
                status = life_broken(err, "the contract's principal is not conserved");
        } else {
            const rp_plan_t *plan = &life->agreements[p - 1].plan;
            rp_qsub(in, principal, plan->waived[RP_PRINCIPAL]);
            rp_qadd(in, in, plan->capitalized);
            if (!mpq_equal(principal, plan->claim[RP_PRINCIPAL]) || !mpq_equal(sum, in))
                status = life_broken(err, "a plan's principal is not what the one before left");
            for (int c = 0; c < RP_COMPONENT_COUNT; c++)
                if (mpq_sgn(life->agreements[p - 1].reinstated[c]) != 0 &&
                    !mpq_equal(life->agreements[p - 1].reinstated[c], plan->conditional[c]))
                    status = life_broken(err, "reinstated ≠ waived on condition");
        }
        rp_qsub(principal, sum, t); /* unpaid: what the next plan starts from */
    }
    mpq_clears(in, out, sum, t, principal, NULL);
    return status;
}
