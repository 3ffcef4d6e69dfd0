/*
 * schedule.c — amortization methods → installment schedule.
 *
 * Rules (README "Schedules"): each period's interest is the balance × the
 * periodic rate, rounded under the context; the annuity payment is rounded
 * once; principal = payment − interest; the last installment clears the
 * balance exactly, so the principal parts always sum to the principal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/quotient.h"

/* What a build derives once from the loan. */
typedef struct plan {
    const rp_loan_t *loan;
    const rp_round_t *rc;
    const rp_schedule_opts_t *opts;
    int rows;            /* installments in the schedule              */
    int amortizing;      /* rows after the grace periods              */
    mpq_t rate;          /* periodic rate: annual / periods per year  */
    rp_date_t *dates;    /* [0] start, [k] due date k; NULL undated  */
    int irregular;       /* first period is not one regular period    */
} plan_t;

/* Puts the field a date error belongs to in err->path; returns st. */
static rp_status at_field(rp_error *err, rp_status st, const char *field)
{
    if (err)
        snprintf(err->path, sizeof err->path, "%s", field);
    return st;
}

static int months_per_period(rp_frequency f)
{
    switch (f) {
    case RP_FREQ_MONTHLY:
        return 1;
    case RP_FREQ_QUARTERLY:
        return 3;
    case RP_FREQ_SEMIANNUAL:
        return 6;
    case RP_FREQ_ANNUAL:
        return 12;
    default:
        return 0; /* weekly and biweekly count days */
    }
}

/* The date `periods` periods after anchor (anchored, month-end clamped). */
static rp_status add_periods(rp_date_t *out, rp_date_t anchor, rp_frequency f, int periods,
                             rp_error *err)
{
    int months = months_per_period(f);
    if (months)
        return rp_date_add_months(out, anchor, months * periods, err);
    long days = (long)(f == RP_FREQ_WEEKLY ? 7 : 14) * periods;
    long last = rp_date_from_ymd(RP_MAX_YEAR, 12, 31);
    if (anchor + days > last)
        return rp_fail(err, RP_E_RANGE, NULL, "the date falls after %d-12-31", RP_MAX_YEAR);
    *out = (rp_date_t)(anchor + days);
    return RP_OK;
}

rp_status rp_loan_due_date(rp_date_t *out, const rp_loan_t *loan, int n, rp_error *err)
{
    if (loan->start_date == RP_DATE_NONE || n < 1)
        return rp_fail(err, RP_E_VALUE, "start_date", "a due date needs a start_date and n ≥ 1");
    if (loan->first_due_date != RP_DATE_NONE) /* anchored on the first due date */
        return add_periods(out, loan->first_due_date, loan->frequency, n - 1, err);
    return add_periods(out, loan->start_date, loan->frequency, n, err);
}

/* Fills p->dates: [0] the start date, then every due date. */
static rp_status plan_dates(plan_t *p, rp_error *err)
{
    const rp_loan_t *loan = p->loan;
    p->dates = malloc(sizeof *p->dates * (size_t)(p->rows + 1));
    if (!p->dates)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    p->dates[0] = loan->start_date;
    if (p->opts && p->opts->dates) {
        for (int k = 1; k <= p->rows; k++)
            p->dates[k] = p->opts->dates[k];
        return RP_OK;
    }
    rp_date_t regular_first;
    rp_status st = add_periods(&regular_first, loan->start_date, loan->frequency, 1, err);
    if (st != RP_OK)
        return at_field(err, st, "start_date");

    if (loan->method == RP_METHOD_BULLET) {
        if (loan->maturity_date != RP_DATE_NONE) {
            p->dates[1] = loan->maturity_date;
            p->irregular = 1; /* interest by days, not by periods */
            return RP_OK;
        }
        st = add_periods(&p->dates[1], loan->start_date, loan->frequency, loan->term, err);
        return st == RP_OK ? RP_OK : at_field(err, st, "term");
    }

    if (loan->first_due_date != RP_DATE_NONE) {
        rp_date_t latest;
        st = add_periods(&latest, loan->start_date, loan->frequency, 2, err);
        if (st != RP_OK || loan->first_due_date > latest)
            return rp_fail(err, RP_E_VALUE, "first_due_date",
                           "first_due_date may be at most two periods after start_date");
        p->irregular = loan->first_due_date != regular_first;
    }
    for (int k = 1; k <= p->rows; k++) {
        st = rp_loan_due_date(&p->dates[k], loan, k, err);
        if (st != RP_OK)
            return at_field(err, st, "term");
    }
    return RP_OK;
}

/* The year fraction installment k's interest covers (k is 1-based). Under
 * day_count period a regular period is 1/ppy of a year and an irregular
 * first period its actual days / daily_basis; a bullet loan's one period is
 * term/ppy (or its days, to a maturity date). Under an actual day count it
 * is the convention's fraction between the row's dates. */
static rp_status period_years(mpq_t out, const plan_t *p, int k, rp_error *err)
{
    const rp_loan_t *loan = p->loan;
    unsigned long ppy = (unsigned long)rp_frequency_per_year(loan->frequency);
    if (loan->day_count != RP_DC_PERIOD)
        return rp_year_fraction(out, loan->day_count, p->dates[k - 1], p->dates[k], err);
    if (k == 1 && p->irregular)
        mpq_set_si(out, (long)p->dates[1] - p->dates[0], (unsigned long)loan->daily_basis);
    else if (loan->method == RP_METHOD_BULLET)
        mpq_set_ui(out, (unsigned long)loan->term, ppy);
    else
        mpq_set_ui(out, 1, ppy);
    mpq_canonicalize(out); /* denominators are ppy or the daily basis, never 0 */
    return RP_OK;
}

/* Installment k's rounded interest on base: base × annual rate × years. */
static rp_status period_interest(rp_installment_t *r, const plan_t *p, int k, mpq_srcptr base,
                                 rp_error *err)
{
    rp_status st = period_years(r->year_fraction, p, k, err);
    if (st == RP_OK) {
        rp_round_mul(r->interest, base, p->loan->annual_rate, r->year_fraction, p->rc);
    }
    return st;
}

/* M = P·i·(1+i)^n / ((1+i)^n − 1), or P/n at a zero rate; rounded once.
 * With i = a/b and P = p/q: M = p·a·(a+b)^n / (q·b·((a+b)^n − b^n)), so
 * the rounded quotient comes from integer powers with no gcd of them. */
static void annuity_payment(mpq_t out, const mpq_t principal, const mpq_t rate, int n,
                            const rp_round_t *rc)
{
    if (mpq_sgn(rate) == 0) {
        mpq_set_ui(out, (unsigned long)n, 1);
        mpq_div(out, principal, out); /* n ≥ 1 */
        rp_round(out, out, rc);
        return;
    }
    mpz_t grown, held, num, den;
    mpz_inits(grown, held, num, den, NULL);
    mpz_add(grown, mpq_numref(rate), mpq_denref(rate));
    mpz_pow_ui(grown, grown, (unsigned long)n);                      /* (a+b)^n */
    mpz_pow_ui(held, mpq_denref(rate), (unsigned long)n);            /* b^n     */
    mpz_mul(num, grown, mpq_numref(rate));
    mpz_mul(num, num, mpq_numref(principal));
    mpz_mul(num, num, mpq_denref(rc->unit));                         /* ÷ unit  */
    mpz_sub(den, grown, held);                                       /* > 0     */
    mpz_mul(den, den, mpq_denref(rate));
    mpz_mul(den, den, mpq_denref(principal));
    mpz_mul(den, den, mpq_numref(rc->unit));
    rp_round_quotient(grown, num, den, rc->mode);                    /* units   */
    mpz_set(mpq_numref(out), grown);
    mpz_set_ui(mpq_denref(out), 1);
    mpq_mul(out, out, rc->unit);
    mpz_clears(grown, held, num, den, NULL);
}

/* The level amount `step`: the annuity payment, or the principal part of
 * equal_principal and flat (P/n rounded; the last row takes the rest); and
 * the level payment before fees (annuity: step; flat: step + the regular
 * charge; otherwise 0). Not for bullets. */
static void level_amounts(mpq_t step, mpq_t level_payment, const plan_t *p)
{
    const rp_loan_t *loan = p->loan;
    mpq_set_ui(level_payment, 0, 1);
    if (p->opts && p->opts->level) {
        mpq_set(step, p->opts->level);
        if (loan->method == RP_METHOD_ANNUITY)
            mpq_set(level_payment, step);
    } else if (loan->method == RP_METHOD_ANNUITY) {
        annuity_payment(step, loan->principal, p->rate, p->amortizing, p->rc);
        mpq_set(level_payment, step);
    } else {
        mpq_set_ui(step, (unsigned long)p->amortizing, 1);
        mpq_div(step, loan->principal, step);
        rp_round(step, step, p->rc);
        if (loan->method == RP_METHOD_FLAT) {
            mpq_mul(level_payment, loan->principal, p->rate);
            rp_round(level_payment, level_payment, p->rc);
            rp_qadd(level_payment, level_payment, step);
        }
    }
}

static void add_warning(rp_warning_t *warnings, int *count, const char *code, const char *message)
{
    for (int i = 0; i < *count; i++)
        if (strcmp(warnings[i].code, code) == 0)
            return; /* once per code */
    if (*count >= RP_WARNING_MAX)
        return;
    rp_warning_t *w = &warnings[(*count)++];
    snprintf(w->code, sizeof w->code, "%s", code);
    snprintf(w->message, sizeof w->message, "%s", message);
}

static const char negative_amortization[] =
    "an installment's interest exceeds the level payment: the balance grows";
static const char paid_early[] = "rounding repays the principal before the last installment";

static rp_status alloc_rows(rp_schedule_t *s, int count, rp_error *err)
{
    if (count < 1 || count > RP_MAX_TERM)
        return rp_fail(err, RP_E_INTERNAL, NULL, "schedule of %d rows", count);
    s->rows = calloc((size_t)count, sizeof *s->rows);
    if (!s->rows)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    for (int k = 0; k < count; k++) {
        rp_installment_t *r = &s->rows[k];
        mpq_inits(r->payment, r->principal, r->interest, r->fee, r->balance, r->year_fraction, NULL);
        r->n = k + 1;
        r->due_date = RP_DATE_NONE;
    }
    s->count = count;
    return RP_OK;
}

/* Fills the principal and interest of every row, method by method. */
static rp_status fill_rows(rp_schedule_t *s, const plan_t *p, rp_error *err)
{
    const rp_loan_t *loan = p->loan;
    const rp_round_t *rc = p->rc;
    rp_status st = RP_OK;
    mpq_t balance, step, regular;
    mpq_inits(balance, step, regular, NULL);
    mpq_set(balance, loan->principal);

    if (loan->method == RP_METHOD_BULLET) {
        rp_installment_t *r = &s->rows[0];
        st = period_interest(r, p, 1, loan->principal, err);
        mpq_set(r->principal, balance);
        goto out;
    }

    level_amounts(step, s->level_payment, p);

    for (int k = 1; k <= p->rows; k++) {
        rp_installment_t *r = &s->rows[k - 1];
        int last = k == p->rows;
        int grace = k <= loan->grace_periods;
        /* flat charges on the original principal, the others on the balance */
        mpq_srcptr base = loan->method == RP_METHOD_FLAT ? loan->principal : balance;
        st = period_interest(r, p, k, base, err);
        if (st != RP_OK)
            goto out;
        if (last) {
            mpq_set(r->principal, balance);
        } else if (grace || loan->method == RP_METHOD_INTEREST_ONLY) {
            mpq_set_ui(r->principal, 0, 1);
        } else if (loan->method == RP_METHOD_ANNUITY) {
            /* An irregular first period changes the interest, not the
             * principal part: that stays what a regular period would give. */
            if (loan->day_count == RP_DC_PERIOD && k == 1 && p->irregular) {
                mpq_mul(regular, balance, p->rate);
                rp_round(regular, regular, rc);
            } else {
                mpq_set(regular, r->interest);
            }
            rp_qsub(r->principal, step, regular);
            if (mpq_sgn(r->principal) < 0)
                add_warning(s->warnings, &s->warning_count, "negative_amortization",
                            negative_amortization);
        } else {
            mpq_set(r->principal, step);
        }
        if (mpq_cmp(r->principal, balance) > 0) {
            mpq_set(r->principal, balance);
            add_warning(s->warnings, &s->warning_count, "paid_early", paid_early);
        }
        rp_qsub(balance, balance, r->principal);
    }
out:
    mpq_clears(balance, step, regular, NULL);
    return st;
}

/* Fees, the flat charge's column, payments, balances and totals. */
static void finish_rows(rp_schedule_t *s, const plan_t *p)
{
    const rp_loan_t *loan = p->loan;
    mpq_t balance;
    mpq_init(balance);
    mpq_set(balance, loan->principal);
    for (int k = 0; k < s->count; k++) {
        rp_installment_t *r = &s->rows[k];
        mpq_set(r->fee, loan->periodic_fee);
        if (loan->method == RP_METHOD_FLAT && loan->flat_charge == RP_CHARGE_FEE) {
            rp_qadd(r->fee, r->fee, r->interest);
            mpq_set_ui(r->interest, 0, 1);
        }
        rp_qadd(r->payment, r->principal, r->interest);
        rp_qadd(r->payment, r->payment, r->fee);
        rp_qsub(balance, balance, r->principal);
        mpq_set(r->balance, balance);
        if (p->dates)
            r->due_date = p->dates[k + 1];
        rp_qadd(s->total_payment, s->total_payment, r->payment);
        rp_qadd(s->total_principal, s->total_principal, r->principal);
        rp_qadd(s->total_interest, s->total_interest, r->interest);
        rp_qadd(s->total_fee, s->total_fee, r->fee);
    }
    if (loan->method == RP_METHOD_ANNUITY || loan->method == RP_METHOD_FLAT)
        rp_qadd(s->level_payment, s->level_payment, loan->periodic_fee);
    mpq_clear(balance);
}

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
    return period_years(scratch, p, k, NULL) == RP_OK &&
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
    level_amounts(step_q, scratch, p);
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
                add_warning(u->warnings, &u->warning_count, "negative_amortization",
                            negative_amortization);
        } else {
            r->principal = step;
        }
        if (r->principal > balance) {
            r->principal = balance;
            add_warning(u->warnings, &u->warning_count, "paid_early", paid_early);
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
        r->due_date = p->dates ? p->dates[k + 1] : RP_DATE_NONE;
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
    return ok;
}

/* Builds the fast form of p into u (empty on entry). Returns 1 when built
 * and verified (st RP_OK) or when verification failed (st set), 0 when a
 * number does not fit (the general path decides then). */
static int build_units(rp_unit_schedule_t *u, const plan_t *p, rp_status *st, rp_error *err)
{
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
static rp_status units_to_schedule(rp_schedule_t *s, const rp_unit_schedule_t *u, const plan_t *p,
                                   rp_error *err)
{
    rp_unit_words_t w;
    rp_unit_words(&w, p->rc);
    rp_status st = alloc_rows(s, u->count, err);
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

/* ---- building ------------------------------------------------------------ */

/* Checks the loan and derives the plan; plan_close releases it. */
static rp_status plan_open(plan_t *p, const rp_loan_t *loan, const rp_round_t *rc,
                           const rp_schedule_opts_t *opts, rp_error *err)
{
    *p = (plan_t){.loan = loan, .rc = rc, .opts = opts, .dates = NULL, .irregular = 0};
    mpq_init(p->rate);
    rp_status st = rp_loan_check(loan, rc, err);
    if (st != RP_OK)
        return st;
    p->rows = loan->method == RP_METHOD_BULLET ? 1 : loan->term;
    p->amortizing = p->rows - loan->grace_periods;
    mpq_set_ui(p->rate, (unsigned long)rp_frequency_per_year(loan->frequency), 1);
    mpq_div(p->rate, loan->annual_rate, p->rate);
    if (loan->start_date != RP_DATE_NONE)
        st = plan_dates(p, err);
    return st;
}

static void plan_close(plan_t *p)
{
    free(p->dates);
    mpq_clear(p->rate);
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
    rp_status st = plan_open(&p, loan, rc, opts, err);
    rp_unit_schedule_t u;
    rp_unit_schedule_init(&u);
    *fits = st == RP_OK && build_units(&u, &p, &st, err);
    if (st == RP_OK && *fits) {
        rp_unit_schedule_clear(out);
        *out = u;
    } else {
        rp_unit_schedule_clear(&u);
    }
    plan_close(&p);
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

void rp_schedule_init(rp_schedule_t *s)
{
    s->count = 0;
    s->rows = NULL;
    s->warning_count = 0;
    mpq_inits(s->level_payment, s->total_payment, s->total_principal, s->total_interest,
              s->total_fee, NULL);
}

void rp_schedule_clear(rp_schedule_t *s)
{
    for (int k = 0; k < s->count; k++) {
        rp_installment_t *r = &s->rows[k];
        mpq_clears(r->payment, r->principal, r->interest, r->fee, r->balance, r->year_fraction, NULL);
    }
    free(s->rows);
    s->rows = NULL;
    s->count = 0;
    mpq_clears(s->level_payment, s->total_payment, s->total_principal, s->total_interest,
               s->total_fee, NULL);
}

rp_status rp_schedule_build(rp_schedule_t *out, const rp_loan_t *loan, const rp_round_t *rc,
                            rp_error *err)
{
    return rp_schedule_build_opts(out, loan, rc, NULL, err);
}

rp_status rp_schedule_build_opts(rp_schedule_t *out, const rp_loan_t *loan, const rp_round_t *rc,
                                 const rp_schedule_opts_t *opts, rp_error *err)
{
    plan_t p;
    rp_status st = plan_open(&p, loan, rc, opts, err);
    rp_schedule_t s;
    rp_schedule_init(&s);
    int built = 0;
    if (st == RP_OK && !(opts && opts->general)) {
        rp_unit_schedule_t u;
        rp_unit_schedule_init(&u);
        built = build_units(&u, &p, &st, err);
        if (built && st == RP_OK)
            st = units_to_schedule(&s, &u, &p, err);
        rp_unit_schedule_clear(&u);
    }
    if (st == RP_OK && !built) { /* the general path, in mpq_t */
        st = alloc_rows(&s, p.rows, err);
        if (st == RP_OK)
            st = fill_rows(&s, &p, err);
        if (st == RP_OK) {
            finish_rows(&s, &p);
            st = rp_schedule_verify(&s, loan, rc, err);
        }
    }
    if (st == RP_OK) {
        rp_schedule_clear(out);
        *out = s; /* moves the rows and the mpq limbs; s is not cleared */
    } else {
        rp_schedule_clear(&s);
    }
    plan_close(&p);
    return st;
}
