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
    mpq_t arrears;
    mpq_init(arrears);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        if (c != RP_PRINCIPAL)
            rp_qadd(arrears, arrears, w->due_now[c]);
    if (mpq_sgn(arrears) == 0 && mpq_sgn(w->due_now[RP_PRINCIPAL]) == 0)
        rp_work_warn(w, "nothing_overdue", "reamortize: nothing was overdue to spread");
    spread_t to_arrears, to_principal;
    rp_spread_init(&to_arrears, arrears, w->tail.count, w->rc);
    rp_spread_init(&to_principal, w->due_now[RP_PRINCIPAL], w->tail.count, w->rc);
    for (int r = 0; r < w->tail.count; r++) {
        tail_row_t *row = &w->tail.rows[r];
        rp_qadd(row->arrears, row->arrears, rp_spread_at(&to_arrears, r));
        rp_qadd(row->principal, row->principal, rp_spread_at(&to_principal, r));
    }
    rp_spread_clear(&to_arrears);
    rp_spread_clear(&to_principal);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_set_ui(w->due_now[c], 0, 1);
    mpq_clear(arrears);
    return RP_OK;
}
