/*
 * reamortize.c — the reamortize action: what is overdue on the date spread
 * over the installments to come, in equal whole units.
 */
#include "restructure.h"

rp_status rp_act_reamortize(work_t *w, int i, rp_error *err)
{
    if (w->tail.count == 0)
        return rp_work_fail(err, RP_E_VALUE, i, NULL,
                       "no installments to come to spread the arrears over: extend first");
    mpq_t arrears, share;
    mpq_inits(arrears, share, NULL);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        if (c != RP_PRINCIPAL)
            rp_qadd(arrears, arrears, w->due_now[c]);
    if (mpq_sgn(arrears) == 0 && mpq_sgn(w->due_now[RP_PRINCIPAL]) == 0)
        rp_work_warn(w, "nothing_overdue", "reamortize: nothing was overdue to spread");
    for (int r = 0; r < w->tail.count; r++) {
        tail_row_t *row = &w->tail.rows[r];
        rp_work_spread(share, arrears, w->tail.count, r, w->rc);
        rp_qadd(row->arrears, row->arrears, share);
        rp_work_spread(share, w->due_now[RP_PRINCIPAL], w->tail.count, r, w->rc);
        rp_qadd(row->principal, row->principal, share);
    }
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_set_ui(w->due_now[c], 0, 1);
    mpq_clears(arrears, share, NULL);
    return RP_OK;
}
