/*
 * restructure.h — the work in progress of a restructuring, shared by
 * restructure.c (the actions) and plan.c (rows, checks, pricing).
 */
#ifndef RP_RESTRUCTURE_H
#define RP_RESTRUCTURE_H

#include "tail.h"

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

#endif
