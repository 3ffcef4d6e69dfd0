/*
 * schedule.h — what the schedule layer offers the layers above beyond the
 * public API: rebuilding part of a schedule, the fast form's checks.
 */
#ifndef RP_SCHEDULE_H
#define RP_SCHEDULE_H

#include "base/internal.h"

/* Options for rebuilding part of a schedule (restructuring, prepayment,
 * repricing). dates: use dates[0] (period start) … dates[term] instead of
 * computing them (every period is then regular). level: force the annuity
 * payment or the equal-principal step instead of computing it; rows whose
 * balance is already cleared come out as zero rows. general: skip the fast
 * form in whole units (tests compare the two paths). */
typedef struct rp_schedule_opts {
    const rp_date_t *dates;
    mpq_srcptr level;
    int general;
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

#endif
