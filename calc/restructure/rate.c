/*
 * rate.c — the rate action: a new contract rate from a date, the
 * installment in progress pro rata by days, the later ones re-amortized.
 */
#include "restructure.h"

rp_status rp_act_rate(work_t *w, const rp_action_t *a, int i, rp_error *err)
{
    rp_date_t from = a->date != RP_DATE_NONE ? a->date : w->date;
    if (from < w->date)
        return rp_work_fail(err, RP_E_VALUE, i, "from", "a new rate cannot start before the restructure date");
    if (w->method == RP_METHOD_FLAT && w->loan->flat_charge == RP_CHARGE_FEE) {
        /* as in a statement (statement/reshape.c): an installment fee does not reprice */
        rp_work_warn(w, "rate_unused", "a flat loan's installment fee (flat_charge fee) does not reprice");
        return RP_OK;
    }
    int j = 0;
    while (j < w->tail.count && w->tail.rows[j].due <= from)
        j++;
    rp_status st = RP_OK;
    if (j < w->tail.count) {
        mpq_t balance, delta, rest;
        mpq_inits(balance, delta, rest, NULL);
        rp_tail_principal(balance, &w->tail, j);
        rp_qsub(delta, a->rate, w->rate);
        /* the new rate from the day `from` on, counted as interest days are
         * (算头不算尾): that day's interest is the old rate's; so is all
         * interest up to the restructure date, already owed */
        rp_tail_adjust(&w->tail, j, from + 1, balance, delta);
        rp_qsub(rest, balance, w->tail.rows[j].principal);
        if (j + 1 < w->tail.count && mpq_sgn(rest) > 0)
            st = rp_work_check_rebuild(w, w->method, w->tail.count - j - 1, err);
        if (st == RP_OK && j + 1 < w->tail.count && mpq_sgn(rest) > 0)
            st = rp_tail_rebuild(&w->tail, j + 1, w->tail.count - j - 1, rest, a->rate, w->method,
                                 NULL, NULL, w->rule, w->rc, err);
        mpq_clears(balance, delta, rest, NULL);
    } else {
        rp_work_warn(w, "rate_unused", "the new rate starts after the last installment");
    }
    mpq_set(w->rate, a->rate);
    return st;
}
