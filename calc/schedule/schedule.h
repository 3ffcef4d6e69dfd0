/*
 * schedule.h — what the schedule layer offers the layers above beyond the
 * public API: rebuilding part of a schedule, the fast form's checks.
 */
#ifndef RP_SCHEDULE_H
#define RP_SCHEDULE_H

#include "base/internal.h"
#include "base/units.h"

/* Options for rebuilding part of a schedule (restructuring, prepayment,
 * repricing). dates: use dates[0] (period start) … dates[term] instead of
 * computing them (every period is then regular). level: force the annuity
 * payment or the equal-principal step instead of computing it; rows whose
 * balance is already cleared come out as zero rows. general: skip the fast
 * form in whole units (tests compare the two paths). anchored, anchor: the
 * grid the original loan's periods lie on, for a day count that measures
 * periods against it (ACT/ACT ICMA). */
typedef struct rp_schedule_opts {
    const rp_date_t *dates;
    mpq_srcptr level;
    int general;
    int anchored;     /* with dates: anchor is the loan's grid anchor …       */
    rp_date_t anchor; /* … for a day count that measures periods on it       */
} rp_schedule_opts_t;

rp_status rp_schedule_build_opts(rp_schedule_t *out, const rp_loan_t *loan, const rp_round_t *rc,
                                 const rp_schedule_opts_t *opts, rp_error *err);

/* The invariants of rp_schedule_verify on the fast form (verify_schedule.c). */
rp_status rp_unit_schedule_verify(const rp_unit_schedule_t *s, const rp_loan_t *loan,
                                  const rp_round_t *rc, rp_error *err);

/* rp_unit_schedule_build that tells "does not fit" (*fits = 0, RP_OK, out
 * untouched) apart from errors, for callers with a general fallback. */
rp_status rp_unit_schedule_try(rp_unit_schedule_t *out, const rp_loan_t *loan,
                               const rp_round_t *rc, int *fits, rp_error *err);
/* The same with the options of rp_schedule_build_opts (general ignored). */
rp_status rp_unit_schedule_try_opts(rp_unit_schedule_t *out, const rp_loan_t *loan,
                                    const rp_round_t *rc, const rp_schedule_opts_t *opts, int *fits,
                                    rp_error *err);

/* rp_when_dated for many dates after one origin (timing.c): the origin's
 * part on the anchor's grid (its first grid point and odd days) is found
 * once, not per date. Same answers, date by date. */
typedef struct rp_when_many {
    rp_date_t origin, anchor;
    rp_frequency f;
    rp_odd_days conv;
    int known;      /* j0 and head hold the anchor grid's origin part */
    long j0;
    rp_when_t head;
    long last_j; /* with known: the grid point the last on-grid date fell on */
} rp_when_many_t;

void rp_when_many_init(rp_when_many_t *m, rp_date_t origin, rp_date_t anchor, rp_frequency f,
                       rp_odd_days conv);
rp_status rp_when_many_at(rp_when_t *out, rp_when_many_t *m, rp_date_t date, rp_error *err);

/* A built schedule in either form, read row by row (view.c): amounts of
 * the fast form become an mpq_t only when read. The view borrows the
 * schedule, which must outlive it. */
typedef struct rp_sched_view {
    const rp_unit_schedule_t *units; /* the fast form, or NULL: general */
    const rp_schedule_t *general;
    int count, warning_count;
    const rp_warning_t *warnings;
    rp_unit_words_t words;
} rp_sched_view_t;

typedef enum rp_sched_field {
    RP_SF_PAYMENT, /* of row k … */
    RP_SF_PRINCIPAL,
    RP_SF_INTEREST,
    RP_SF_FEE,
    RP_SF_BALANCE,
    RP_SF_LEVEL_PAYMENT, /* … of the schedule (k unused) */
    RP_SF_TOTAL_PAYMENT,
    RP_SF_TOTAL_PRINCIPAL,
    RP_SF_TOTAL_INTEREST,
    RP_SF_TOTAL_FEE
} rp_sched_field;

/* Each row's payment (principal + interest + fee), the balance after it
 * from principal down, and the schedule's totals: how every way of
 * building rows (schedule.c, shape.c, repricing.c) ends (sum_rows.c). */
void rp_sched_sum_rows(rp_schedule_t *s, mpq_srcptr principal);

void rp_sched_view_units(rp_sched_view_t *v, const rp_unit_schedule_t *u, const rp_round_t *rc);
void rp_sched_view_general(rp_sched_view_t *v, const rp_schedule_t *s);
int rp_sched_view_n(const rp_sched_view_t *v, int k);
rp_date_t rp_sched_view_due(const rp_sched_view_t *v, int k);
/* out = field f of row k (0 ≤ k < count) or of the whole schedule. */
void rp_sched_view_amount(mpq_t out, const rp_sched_view_t *v, int k, rp_sched_field f);
/* The same amount as a count of whole units (v->words says what a unit
 * is), when the view reads the fast form: 1; 0 for the general form. */
int rp_sched_view_units_amount(int64_t *out, const rp_sched_view_t *v, int k, rp_sched_field f);

#endif
