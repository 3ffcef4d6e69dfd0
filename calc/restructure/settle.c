/*
 * settle.c — 一次性结清: a settlement of an amount or a discount off what is
 * owed, in one payment or a few; what it does not cover is waived in the
 * usual order of willingness.
 */
#include "restructure.h"

rp_status rp_act_settle(work_t *w, const rp_action_t *a, int i, rp_error *err)
{
    mpq_t amount[RP_COMPONENT_COUNT], total, pay, cut, p, other, zero;
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_init(amount[c]);
    mpq_inits(total, pay, cut, p, other, zero, NULL);
    rp_work_remaining(amount, w);
    rp_components_total(total, (mpq_t const *)amount);
    rp_status st = RP_OK;
    if (a->given & RP_HAS_AMOUNT) {
        mpq_set(pay, a->amount);
    } else {
        mpq_set_ui(pay, 1, 1);
        rp_qsub(pay, pay, a->share); /* share is the discount */
        mpq_mul(pay, pay, total);
        rp_round(pay, pay, w->rc);
    }
    if (mpq_sgn(total) == 0)
        st = rp_work_fail(err, RP_E_VALUE, i, NULL, "nothing is owed to settle");
    else if (mpq_cmp(pay, total) > 0)
        st = rp_work_fail(err, RP_E_VALUE, i, "amount", "the settlement is more than is owed");
    else if (mpq_sgn(pay) <= 0)
        st = rp_work_fail(err, RP_E_VALUE, i, "amount", "a settlement must pay something");
    if (st == RP_OK) {
        rp_qsub(cut, total, pay);
        for (int k = 0; k < RP_COMPONENT_COUNT; k++) {
            rp_component c = rp_waive_order[k];
            mpq_t take;
            mpq_init(take);
            mpq_set(take, mpq_cmp(cut, amount[c]) < 0 ? cut : amount[c]);
            rp_qadd(w->plan->waived[c], w->plan->waived[c], take);
            rp_qsub(amount[c], amount[c], take);
            rp_qsub(cut, cut, take);
            mpq_clear(take);
        }
        for (int c = 0; c < RP_COMPONENT_COUNT; c++)
            rp_qadd(c == RP_PRINCIPAL ? p : other, c == RP_PRINCIPAL ? p : other, amount[c]);
        int count = a->periods > 0 ? a->periods : 1;
        st = rp_work_terminal_rows(w, p, other, count, w->date + (a->days > 0 ? a->days : 0), zero, err);
        mpq_set_ui(w->rate, 0, 1);
    }
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_clear(amount[c]);
    mpq_clears(total, pay, cut, p, other, zero, NULL);
    return st;
}
