/*
 * defer.c — 延期还本付息: the installments to come move later; the
 * deferral's interest is accrued into the first one after it, capitalized,
 * or waived.
 */
#include "restructure.h"

rp_status rp_act_defer(work_t *w, const rp_action_t *a, int i, rp_error *err)
{
    if (w->tail.count == 0)
        return rp_work_fail(err, RP_E_VALUE, i, NULL, "nothing falls due after the date to defer");
    rp_status st = RP_OK;
    /* every installment to come moves a->periods later */
    for (int r = 0; r < w->tail.count && st == RP_OK; r++) {
        tail_row_t *row = &w->tail.rows[r];
        row->n += a->periods;
        st = rp_loan_due_date(&row->due, w->rule, row->n, err);
        if (st == RP_OK && r == 0 && row->n > 1)
            st = rp_loan_due_date(&row->start, w->rule, row->n - 1, err);
        else if (r > 0)
            row->start = w->tail.rows[r - 1].due;
    }
    if (st != RP_OK)
        return rp_work_fail(err, RP_E_RANGE, i, "installments", "the deferral moves a date past 2200");
    /* interest for the deferral on the balance: accrued or waived, it is
     * the `periods` added after the installment in progress; capitalized,
     * it is the time up to the new start of that installment (the rest of
     * the period in progress and periods − 1 more), for the rebuilt
     * installment charges its own period on the larger balance */
    mpq_t balance, x, part;
    mpq_inits(balance, x, part, NULL);
    rp_tail_principal(balance, &w->tail, 0);
    int periods = a->interest == RP_DEFER_CAPITALIZE ? a->periods - 1 : a->periods;
    mpq_set_ui(x, (unsigned long)periods, (unsigned long)w->periods_per_year);
    mpq_canonicalize(x);
    mpq_mul(x, x, balance);
    mpq_mul(x, x, w->rate);
    if (a->interest == RP_DEFER_CAPITALIZE) {
        rp_qsub(part, w->tail.rows[0].interest, w->accrued);
        rp_qadd(x, x, part);
    }
    rp_round(x, x, w->rc);
    if (a->interest == RP_DEFER_CAPITALIZE) {
        rp_qadd(w->plan->capitalized, w->plan->capitalized, x);
        rp_qadd(balance, balance, x);
        st = rp_work_rebuild(w, balance, w->tail.count, w->rate, w->method, NULL, err);
    } else if (a->interest == RP_DEFER_ACCRUE) {
        rp_qadd(w->tail.rows[0].interest, w->tail.rows[0].interest, x);
    } else {
        rp_qadd(w->plan->deferral_waived, w->plan->deferral_waived, x);
    }
    mpq_clear(part);
    mpq_clears(balance, x, NULL);
    return st;
}
