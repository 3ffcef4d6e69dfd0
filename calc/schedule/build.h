/*
 * build.h — what the files that build a schedule share (dates.c,
 * schedule.c, unit_schedule.c): what a build derives once from the loan,
 * and the rules both forms apply. Private to calc/schedule/.
 */
#ifndef RP_BUILD_H
#define RP_BUILD_H

#include "base/quotient.h"
#include "schedule.h"

/* What a build derives once from the loan. */
typedef struct plan {
    const rp_loan_t *loan;
    const rp_round_t *rc;
    const rp_schedule_opts_t *opts;
    int rows;            /* installments in the schedule              */
    int amortizing;      /* rows after the grace periods              */
    mpq_t rate;          /* periodic rate: annual / periods per year  */
    rp_date_t *dates;    /* [0] start, [k] due date k; NULL undated  */
    rp_date_t *shown;    /* the due dates rolled to working days, or NULL */
    int uncovered;       /* a rolled date lies outside the calendar's years */
    int irregular;       /* first period is not one regular period    */
    rp_dc_context_t dc;  /* the grid and maturity a day count may need */
} plan_t;

/* Checks the loan and derives the plan; rp_sched_plan_close releases it. */
rp_status rp_sched_plan_open(plan_t *p, const rp_loan_t *loan, const rp_round_t *rc,
                             const rp_schedule_opts_t *opts, rp_error *err);
void rp_sched_plan_close(plan_t *p);

/* dates.c: p->dates — [0] the start date, then every due date — and
 * whether the first period is irregular. */
rp_status rp_sched_plan_dates(plan_t *p, rp_error *err);

/* The date `periods` (may be negative) periods after anchor, month ends
 * clamped; RP_E_RANGE outside the date limits. */
rp_status rp_sched_add_periods(rp_date_t *out, rp_date_t anchor, rp_frequency f, int periods,
                               rp_error *err);

/* shape.c: the schedule of a shaped loan (rp_loan_shaped) in mpq_t. */
rp_status rp_sched_build_shaped(rp_schedule_t *s, const plan_t *p, rp_error *err);

/* p->shown: the due dates rolled to working days by the loan's calendar
 * (accrual adjusted: p->dates too). */
rp_status rp_sched_roll_dates(plan_t *p, rp_error *err);

/* The year fraction installment k's interest covers (k is 1-based). */
rp_status rp_sched_period_years(mpq_t out, const plan_t *p, int k, rp_error *err);

/* The level amount `step` (annuity payment, or equal principal part) and
 * the level payment before fees. Not for bullets. */
void rp_sched_level_amounts(mpq_t step, mpq_t level_payment, const plan_t *p);

/* Room for count rows in s (initialised, zero). */
rp_status rp_sched_alloc_rows(rp_schedule_t *s, int count, rp_error *err);

/* unit_schedule.c: the fast form of p into u; 0 when a number does not
 * fit (*st stays RP_OK), 1 when built (or *st says why not). */
int rp_sched_build_units(rp_unit_schedule_t *u, const plan_t *p, rp_status *st, rp_error *err);
/* s (initialised) = the fast form u in mpq_t. */
rp_status rp_sched_units_to_schedule(rp_schedule_t *s, const rp_unit_schedule_t *u, const plan_t *p,
                                     rp_error *err);

/* Installment k's due date as the schedule shows it (rolled). */
rp_date_t rp_sched_shown_date(const plan_t *p, int k);

/* The warnings both forms give. */
extern const char rp_sched_calendar_not_covered[];
extern const char rp_sched_negative_amortization[];
extern const char rp_sched_paid_early[];

#endif
