/*
 * flows.h — what the yield layer offers the layers above beyond the public
 * API: flows from a schedule in either form (flows.c).
 */
#ifndef RP_FLOWS_H
#define RP_FLOWS_H

#include "schedule/schedule.h"

/* rp_flows_from_schedule on a view (schedule/view.c): the fast form's
 * rows need no mpq_t copy first. */
RP_MUST_CHECK rp_status rp_flows_from_view(rp_flows_t *out, const rp_sched_view_t *s,
                                           const rp_loan_t *loan, rp_error *err);

#endif
