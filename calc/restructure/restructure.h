/*
 * restructure.h — the work in progress of a restructuring, shared by
 * restructure.c (the actions) and plan.c (rows, checks, pricing).
 */
#ifndef RP_RESTRUCTURE_H
#define RP_RESTRUCTURE_H

#include "schedule/tail.h"

typedef struct work {
    const rp_loan_t *loan;
    const rp_round_t *rc;
    rp_date_t date;
    mpq_t due_now[RP_COMPONENT_COUNT]; /* owed on the date, by component      */
    mpq_t accrued;            /* interest of the period in progress to the date,
                                 inside tail.rows[0]'s interest              */
    tail_t tail;              /* the installments after the date             */
    mpq_t rate;               /* the plan's annual rate                      */
    rp_method method;
    int periods_per_year;
    const rp_loan_t *rule;    /* whose date rule new installments follow     */
    rp_loan_t date_rule;      /* a rule anchored on the restructure date     */
    rp_date_t original_maturity;
    int reshaped;             /* an action other than waive has run          */
    rp_plan_t *plan;          /* waived, capitalized, warnings               */
} work_t;

/* Turns the work into the plan's rows and totals. */
rp_status rp_plan_finish(rp_plan_t *p, const work_t *w, rp_error *err);

/* The position on the date — the loan replayed with its events, the most
 * costly part of a restructuring — kept for the next restructuring of the
 * same loan, terms, events, date and rounding (by address: the caller
 * keeps them unchanged while it uses the cache, as compare does for its
 * proposals and solve for its candidates). */
typedef struct rp_position {
    int valid;
    const void *loan, *terms, *events, *rc;
    rp_date_t date;
    mpq_t claim[RP_COMPONENT_COUNT], claim_total, due_now[RP_COMPONENT_COUNT], accrued, rate,
        contract_rate;
    int dpd, tier, credit_held;
    tail_t tail;
    rp_date_t original_maturity;
} rp_position_t;

void rp_position_init(rp_position_t *pos);
void rp_position_clear(rp_position_t *pos);

/* rp_restructure, taking the position from pos when it holds this one
 * (and leaving it there for the next call). */
rp_status rp_restructure_from(rp_plan_t *out, rp_position_t *pos, const rp_loan_t *loan,
                              const rp_terms_t *terms, const rp_events_t *events, rp_date_t date,
                              const rp_actions_t *actions, const rp_round_t *rc, rp_error *err);

#endif
