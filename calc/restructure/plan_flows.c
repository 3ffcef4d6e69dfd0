/*
 * plan_flows.c — a restructured loan's whole life as the borrower's cash
 * flows, for a legal cap: what was received at the start, what was paid
 * up to the restructure date, then the plan's installments (row 0 due on
 * the date itself) — statement/history_flows.c times them.
 */
#include <stdlib.h>

#include "base/internal.h"

rp_status rp_plan_history_flows(rp_flows_t *out, const rp_plan_t *plan, const rp_loan_t *loan,
                                const rp_events_t *events, rp_error *err)
{
    int n = plan->count;
    rp_date_t *dates = malloc(sizeof *dates * (size_t)(n > 0 ? n : 1));
    mpq_t *paid = malloc(sizeof *paid * (size_t)(n > 0 ? n : 1));
    if (!dates || !paid) {
        free(dates);
        free(paid);
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    }
    for (int i = 0; i < n; i++) {
        dates[i] = plan->rows[i].due_date;
        *paid[i] = *plan->rows[i].payment; /* a view of the row's payment, not a copy */
    }
    rp_status st = rp_history_flows(out, loan, events, plan->date, dates, (mpq_t const *)paid, n,
                                    err);
    free(dates);
    free(paid);
    return st;
}
