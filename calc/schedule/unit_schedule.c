/*
 * unit_schedule.c — the fast form of a schedule: every amount a count of
 * the rounding unit in an int64_t, every interest one rounded quotient of
 * 128-bit integers, by the same rules as schedule.c (which converts from
 * it). Each step is checked; a number that does not fit sends the caller
 * to the general path in mpq_t.
 */
#include <stdlib.h>
#include <string.h>

#include "build.h"

/* ---- the fast form: whole units in int64_t -------------------------------
 * The same rules as fill_rows/finish_rows above, on counts of the unit.
 * Every step is exact: interest = round(base × rate × years / unit) is one
 * rounded quotient of 128-bit integers. Each function returns 0 when a
 * number would not fit, and the caller takes the general path. */

/* annual rate × years as num/den in 64 bits (both < 2^62). */
typedef struct factor {
    int64_t num, den;
} factor_t;

static int factor_of(factor_t *f, const mpq_t rate, const mpq_t years, rp_unit_row_t *r)
{
    int64_t rn, rd, yn, yd;
    if (!rp_units_from_z(&rn, mpq_numref(rate)) || !rp_units_from_z(&rd, mpq_denref(rate)) ||
        !rp_units_from_z(&yn, mpq_numref(years)) || !rp_units_from_z(&yd, mpq_denref(years)))
        return 0;
    if (r) {
        r->years_num = yn;
        r->years_den = yd;
    }
    rp_i128 num = (rp_i128)rn * yn, den = (rp_i128)rd * yd; /* < 2^124 */
    if (num >= RP_UNITS_MAX || den >= RP_UNITS_MAX || num < 0)
        return 0;
    f->num = (int64_t)num;
    f->den = (int64_t)den;
    return 1;
}

/* The rate × years of installment k, from scratch (an mpq_t kept for the
 * loop so that no row allocates). */
static int row_factor(factor_t *f, const plan_t *p, int k, mpq_t scratch, rp_unit_row_t *r)
{
    return rp_sched_period_years(scratch, p, k, NULL) == RP_OK &&
           factor_of(f, p->loan->annual_rate, scratch, r);
}

/* round(base × f) in units. */
static int times_factor(int64_t *out, int64_t base, const factor_t *f, const plan_t *p)
{
    return rp_units_round_quotient(out, (rp_i128)base * f->num, f->den, p->rc->mode);
}

/* Principal and interest of every row (fill_rows in units). */
static int fill_units(rp_unit_schedule_t *u, const plan_t *p, mpq_t scratch)
{
    const rp_loan_t *loan = p->loan;
    int64_t principal, balance, step = 0;
    factor_t f = {0, 1}, periodic = {0, 1};
    if (!rp_round_units64(&principal, loan->principal, p->rc))
        return 0;
    balance = principal;
    if (loan->method == RP_METHOD_BULLET) {
        rp_unit_row_t *r = &u->rows[0];
        r->principal = principal;
        return row_factor(&f, p, 1, scratch, r) && times_factor(&r->interest, principal, &f, p);
    }

    mpq_t step_q;
    mpq_init(step_q);
    rp_sched_level_amounts(step_q, scratch, p);
    int ok = rp_round_units64(&step, step_q, p->rc) &&
             rp_round_units64(&u->level_payment, scratch, p->rc);
    mpq_set_ui(scratch, 1, 1);
    ok = ok && factor_of(&periodic, p->rate, scratch, NULL);
    mpq_clear(step_q);

    for (int k = 1; ok && k <= p->rows; k++) {
        rp_unit_row_t *r = &u->rows[k - 1];
        /* rows after the second share one factor under the period convention */
        if (k <= 2 || loan->day_count != RP_DC_PERIOD) {
            ok = row_factor(&f, p, k, scratch, r);
        } else {
            r->years_num = r[-1].years_num;
            r->years_den = r[-1].years_den;
        }
        int64_t base = loan->method == RP_METHOD_FLAT ? principal : balance;
        ok = ok && times_factor(&r->interest, base, &f, p);
        if (!ok)
            break;
        if (k == p->rows) {
            r->principal = balance;
        } else if (k <= loan->grace_periods || loan->method == RP_METHOD_INTEREST_ONLY) {
            r->principal = 0;
        } else if (loan->method == RP_METHOD_ANNUITY) {
            int64_t regular = r->interest;
            if (loan->day_count == RP_DC_PERIOD && k == 1 && p->irregular)
                ok = times_factor(&regular, balance, &periodic, p);
            ok = ok && rp_units_sub(&r->principal, step, regular);
            if (r->principal < 0)
                rp_warning_add_once(u->warnings, &u->warning_count, "negative_amortization",
                            rp_sched_negative_amortization);
        } else {
            r->principal = step;
        }
        if (r->principal > balance) {
            r->principal = balance;
            rp_warning_add_once(u->warnings, &u->warning_count, "paid_early", rp_sched_paid_early);
        }
        ok = ok && rp_units_sub(&balance, balance, r->principal);
    }
    return ok;
}

/* Fees, the flat charge's column, payments, balances and totals (finish_rows in units). */
static int finish_units(rp_unit_schedule_t *u, const plan_t *p)
{
    const rp_loan_t *loan = p->loan;
    int64_t fee, balance;
    if (!rp_round_units64(&fee, loan->periodic_fee, p->rc) ||
        !rp_round_units64(&balance, loan->principal, p->rc))
        return 0;
    int ok = 1;
    for (int k = 0; ok && k < u->count; k++) {
        rp_unit_row_t *r = &u->rows[k];
        r->n = k + 1;
        r->due_date = p->dates ? rp_sched_shown_date(p, k + 1) : RP_DATE_NONE;
        r->fee = fee;
        if (loan->method == RP_METHOD_FLAT && loan->flat_charge == RP_CHARGE_FEE) {
            ok = rp_units_add(&r->fee, r->fee, r->interest);
            r->interest = 0;
        }
        ok = ok && rp_units_add(&r->payment, r->principal, r->interest) &&
             rp_units_add(&r->payment, r->payment, r->fee) &&
             rp_units_sub(&balance, balance, r->principal);
        r->balance = balance;
        ok = ok && rp_units_add(&u->total_payment, u->total_payment, r->payment) &&
             rp_units_add(&u->total_principal, u->total_principal, r->principal) &&
             rp_units_add(&u->total_interest, u->total_interest, r->interest) &&
             rp_units_add(&u->total_fee, u->total_fee, r->fee);
    }
    if (ok && (loan->method == RP_METHOD_ANNUITY || loan->method == RP_METHOD_FLAT))
        ok = rp_units_add(&u->level_payment, u->level_payment, fee);
    if (p->uncovered)
        rp_warning_add_once(u->warnings, &u->warning_count, "calendar_not_covered",
                            rp_sched_calendar_not_covered);
    return ok;
}

/* Builds the fast form of p into u (empty on entry). Returns 1 when built
 * and verified (st RP_OK) or when verification failed (st set), 0 when a
 * number does not fit (the general path decides then). */
int rp_sched_build_units(rp_unit_schedule_t *u, const plan_t *p, rp_status *st, rp_error *err)
{
    if (rp_loan_shaped(p->loan))
        return 0; /* shapes and conventions: the general form only (shape.c) */
    u->rows = calloc((size_t)p->rows, sizeof *u->rows);
    if (!u->rows) {
        *st = rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
        return 1;
    }
    u->count = p->rows;
    mpq_t scratch;
    mpq_init(scratch);
    int fits = fill_units(u, p, scratch) && finish_units(u, p);
    mpq_clear(scratch);
    if (fits)
        *st = rp_unit_schedule_verify(u, p->loan, p->rc, err);
    return fits;
}

/* The general form of a built fast form. */
rp_status rp_sched_units_to_schedule(rp_schedule_t *s, const rp_unit_schedule_t *u, const plan_t *p,
                                   rp_error *err)
{
    rp_unit_words_t w;
    rp_unit_words(&w, p->rc);
    rp_status st = rp_sched_alloc_rows(s, u->count, err);
    for (int k = 0; st == RP_OK && k < u->count; k++) {
        const rp_unit_row_t *from = &u->rows[k];
        rp_installment_t *r = &s->rows[k];
        r->due_date = from->due_date;
        rp_units_to_q(r->payment, from->payment, &w);
        rp_units_to_q(r->principal, from->principal, &w);
        rp_units_to_q(r->interest, from->interest, &w);
        rp_units_to_q(r->fee, from->fee, &w);
        rp_units_to_q(r->balance, from->balance, &w);
        rp_units_set_z(mpq_numref(r->year_fraction), from->years_num); /* in lowest terms */
        rp_units_set_z(mpq_denref(r->year_fraction), from->years_den);
    }
    rp_units_to_q(s->level_payment, u->level_payment, &w);
    rp_units_to_q(s->total_payment, u->total_payment, &w);
    rp_units_to_q(s->total_principal, u->total_principal, &w);
    rp_units_to_q(s->total_interest, u->total_interest, &w);
    rp_units_to_q(s->total_fee, u->total_fee, &w);
    s->warning_count = u->warning_count;
    memcpy(s->warnings, u->warnings, sizeof s->warnings);
    return st;
}

void rp_unit_schedule_init(rp_unit_schedule_t *s)
{
    memset(s, 0, sizeof *s);
}

void rp_unit_schedule_clear(rp_unit_schedule_t *s)
{
    free(s->rows);
    rp_unit_schedule_init(s);
}

rp_status rp_unit_schedule_try(rp_unit_schedule_t *out, const rp_loan_t *loan,
                               const rp_round_t *rc, int *fits, rp_error *err)
{
    return rp_unit_schedule_try_opts(out, loan, rc, NULL, fits, err);
}

rp_status rp_unit_schedule_try_opts(rp_unit_schedule_t *out, const rp_loan_t *loan,
                                    const rp_round_t *rc, const rp_schedule_opts_t *opts, int *fits,
                                    rp_error *err)
{
    plan_t p;
    rp_status st = rp_sched_plan_open(&p, loan, rc, opts, err);
    rp_unit_schedule_t u;
    rp_unit_schedule_init(&u);
    *fits = st == RP_OK && rp_sched_build_units(&u, &p, &st, err);
    if (st == RP_OK && *fits) {
        rp_unit_schedule_clear(out);
        *out = u;
    } else {
        rp_unit_schedule_clear(&u);
    }
    rp_sched_plan_close(&p);
    return st;
}

rp_status rp_unit_schedule_build(rp_unit_schedule_t *out, const rp_loan_t *loan,
                                 const rp_round_t *rc, rp_error *err)
{
    int fits;
    rp_status st = rp_unit_schedule_try(out, loan, rc, &fits, err);
    if (st == RP_OK && !fits)
        st = rp_fail(err, RP_E_RANGE, "",
                     "the schedule's numbers do not fit the fast form; use rp_schedule_build");
    return st;
}
