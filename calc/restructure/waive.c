/*
 * waive.c — 减免: a waiver of a component of what is owed on the date, by
 * amount or share: arrears first, then the interest accrued to the date or
 * the principal to come (which is re-amortized). Never more than is owed.
 */
#include <stdio.h>

#include "restructure.h"

rp_status rp_act_waive(work_t *w, const rp_action_t *a, int i, rp_error *err)
{
    rp_component c = a->component;
    mpq_t base, x, part;
    mpq_inits(base, x, part, NULL);
    rp_work_owed(base, w, c);
    if (a->given & RP_HAS_AMOUNT) {
        mpq_set(x, a->amount);
    } else {
        mpq_mul(x, base, a->share);
        rp_round(x, x, w->rc);
    }
    if (mpq_cmp(x, base) > 0) {
        char message[160], shown[48];
        rp_decimal_format(shown, sizeof shown, base, w->rc->places, w->rc->mode);
        snprintf(message, sizeof message,
                 "action %d waives more %s than is owed; cut to the %s owed", i,
                 rp_component_names[c], shown);
        rp_work_warn(w, "waiver_capped", message);
        mpq_set(x, base);
    }
    rp_qadd(w->plan->waived[c], w->plan->waived[c], x);
    if (a->given & RP_HAS_CONDITION) {
        rp_plan_t *p = w->plan;
        if (p->condition_days >= 0 && p->condition_days != a->max_days_late) {
            mpq_clears(base, x, part, NULL);
            return rp_work_fail(err, RP_E_VALUE, i, "condition.max_days_late",
                                "one agreement has one condition: every conditional waiver must "
                                "give the same max_days_late");
        }
        p->condition_days = a->max_days_late;
        rp_qadd(p->conditional[c], p->conditional[c], x);
    }
    /* arrears first, then the interest accrued or the principal to come */
    mpq_set(part, mpq_cmp(x, w->due_now[c]) < 0 ? x : w->due_now[c]);
    rp_qsub(w->due_now[c], w->due_now[c], part);
    rp_qsub(x, x, part);
    rp_status st = RP_OK;
    if (mpq_sgn(x) > 0 && c == RP_INTEREST) {
        rp_qsub(w->accrued, w->accrued, x);
        rp_qsub(w->tail.rows[0].interest, w->tail.rows[0].interest, x);
    } else if (mpq_sgn(x) > 0 && c == RP_PRINCIPAL) {
        st = rp_work_lower_principal(w, x, err);
    }
    mpq_clears(base, x, part, NULL);
    return st;
}
