/*
 * actions.c — what each action of a restructuring must be given (the
 * list itself is contract/agreement.c).
 */
#include <string.h>

#include "restructure.h"

rp_status rp_action_check(const work_t *w, const rp_action_t *a, int i, int plan_replaced,
                              rp_error *err)
{
    if (plan_replaced)
        return rp_work_fail(err, RP_E_VALUE, i, NULL, "nothing can follow a freeze or a settlement");
    if (w->plan->re_aged)
        return rp_work_fail(err, RP_E_VALUE, i, NULL, "nothing can follow a re_age: it is the plan's last step");
    if ((a->type == RP_ACTION_FREEZE || a->type == RP_ACTION_SETTLE) && w->tail_changed)
        return rp_work_fail(err, RP_E_VALUE, i, NULL,
                       "freeze and settle replace the plan: only waive may come before them");
    switch (a->type) {
    case RP_ACTION_WAIVE:
        if (!(a->given & RP_HAS_AMOUNT) == !(a->given & RP_HAS_SHARE))
            return rp_work_fail(err, RP_E_VALUE, i, NULL, "a waiver takes amount or share");
        if ((a->given & RP_HAS_SHARE) && mpq_cmp_ui(a->share, 1, 1) > 0)
            return rp_work_fail(err, RP_E_VALUE, i, "share", "a waiver cannot be more than 100%");
        if ((a->given & RP_HAS_AMOUNT) && !rp_round_is_multiple(a->amount, w->rc))
            return rp_work_fail(err, RP_E_VALUE, i, "amount", "amounts are whole rounding units");
        return RP_OK;
    case RP_ACTION_EXTEND:
        if ((a->periods > 0) == (a->date != RP_DATE_NONE))
            return rp_work_fail(err, RP_E_VALUE, i, NULL, "extend takes periods or maturity");
        if (a->method == RP_METHOD_BULLET)
            return rp_work_fail(err, RP_E_VALUE, i, "method", "an extension does not become a bullet");
        return RP_OK;
    case RP_ACTION_DEFER:
        if (a->periods < 1)
            return rp_work_fail(err, RP_E_VALUE, i, "installments", "defer needs installments ≥ 1");
        return RP_OK;
    case RP_ACTION_RATE:
        if (!(a->given & RP_HAS_RATE))
            return rp_work_fail(err, RP_E_MISSING, i, "rate", "a rate action needs the new rate");
        return RP_OK;
    case RP_ACTION_FREEZE:
        if (a->periods < 1)
            return rp_work_fail(err, RP_E_VALUE, i, "installments", "freeze needs installments ≥ 1");
        if ((a->given & RP_HAS_FEE) && (a->given & RP_HAS_FEE_SHARE))
            return rp_work_fail(err, RP_E_VALUE, i, "fee", "give fee or fee_share, not both");
        if (a->keep == 0)
            return rp_work_fail(err, RP_E_VALUE, i, "keep", "keep at least one component");
        return RP_OK;
    case RP_ACTION_SETTLE:
        if (!(a->given & RP_HAS_AMOUNT) == !(a->given & RP_HAS_SHARE))
            return rp_work_fail(err, RP_E_VALUE, i, NULL, "a settlement takes amount or discount");
        if ((a->given & RP_HAS_SHARE) && mpq_cmp_ui(a->share, 1, 1) >= 0)
            return rp_work_fail(err, RP_E_VALUE, i, "discount", "a discount must be below 100%");
        if ((a->given & RP_HAS_AMOUNT) && !rp_round_is_multiple(a->amount, w->rc))
            return rp_work_fail(err, RP_E_VALUE, i, "amount", "amounts are whole rounding units");
        return RP_OK;
    default:
        return RP_OK;
    }
}
