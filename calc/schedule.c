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

#include "internal.h"

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

/* M = P·i·(1+i)^n / ((1+i)^n − 1), or P/n at a zero rate; rounded once. */
static void annuity_payment(mpq_t out, const mpq_t principal, const mpq_t rate, int n,
                            const rp_round_t *rc)
{
    mpq_t m;
    mpq_init(m);
    if (mpq_sgn(rate) == 0) {
        mpq_set_ui(m, (unsigned long)n, 1);
        mpq_div(m, principal, m); /* n ≥ 1 */
    } else {
        mpq_t growth, one;
        mpq_inits(growth, one, NULL);
        mpq_set_ui(one, 1, 1);
        rp_qadd(growth, one, rate);
        /* (1+i)^n exactly: numerator and denominator powered separately. */
        mpz_pow_ui(mpq_numref(growth), mpq_numref(growth), (unsigned long)n);
        mpz_pow_ui(mpq_denref(growth), mpq_denref(growth), (unsigned long)n);
        mpq_mul(m, principal, rate);
        mpq_mul(m, m, growth);
        rp_qsub(growth, growth, one); /* > 0 since rate > 0 */
        mpq_div(m, m, growth);
        mpq_clears(growth, one, NULL);
    }
    rp_round(out, m, rc);
    mpq_clear(m);
}

static void add_warning(rp_schedule_t *s, const char *code, const char *message)
{
    for (int i = 0; i < s->warning_count; i++)
        if (strcmp(s->warnings[i].code, code) == 0)
            return; /* once per code */
    if (s->warning_count >= RP_WARNING_MAX)
        return;
    rp_warning_t *w = &s->warnings[s->warning_count++];
    snprintf(w->code, sizeof w->code, "%s", code);
    snprintf(w->message, sizeof w->message, "%s", message);
}

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

    /* The level amount: the annuity payment, or the principal part of
     * equal_principal and flat (P/n rounded; the last row takes the rest). */
    if (p->opts && p->opts->level) {
        mpq_set(step, p->opts->level);
        if (loan->method == RP_METHOD_ANNUITY)
            mpq_set(s->level_payment, step);
    } else if (loan->method == RP_METHOD_ANNUITY) {
        annuity_payment(step, loan->principal, p->rate, p->amortizing, rc);
        mpq_set(s->level_payment, step);
    } else {
        mpq_set_ui(step, (unsigned long)p->amortizing, 1);
        mpq_div(step, loan->principal, step);
        rp_round(step, step, rc);
        if (loan->method == RP_METHOD_FLAT) {
            /* level payment = principal part + the regular charge */
            mpq_mul(regular, loan->principal, p->rate);
            rp_round(regular, regular, rc);
            rp_qadd(s->level_payment, step, regular);
        }
    }

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
            } else if (loan->day_count == RP_DC_PERIOD) {
                /* a regular period: its interest is exactly balance × rate / ppy */
                mpq_set(regular, r->interest);
            } else {
                mpq_set(regular, r->interest);
            }
            rp_qsub(r->principal, step, regular);
            if (mpq_sgn(r->principal) < 0)
                add_warning(s, "negative_amortization",
                            "an installment's interest exceeds the level payment: the balance grows");
        } else {
            mpq_set(r->principal, step);
        }
        if (mpq_cmp(r->principal, balance) > 0) {
            mpq_set(r->principal, balance);
            add_warning(s, "paid_early", "rounding repays the principal before the last installment");
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
    rp_status st = rp_loan_check(loan, rc, err);
    if (st != RP_OK)
        return st;

    plan_t p = {.loan = loan, .rc = rc, .opts = opts, .dates = NULL, .irregular = 0};
    p.rows = loan->method == RP_METHOD_BULLET ? 1 : loan->term;
    p.amortizing = p.rows - loan->grace_periods;
    mpq_init(p.rate);
    mpq_set_ui(p.rate, (unsigned long)rp_frequency_per_year(loan->frequency), 1);
    mpq_div(p.rate, loan->annual_rate, p.rate);

    rp_schedule_t s;
    rp_schedule_init(&s);
    if (loan->start_date != RP_DATE_NONE)
        st = plan_dates(&p, err);
    if (st == RP_OK)
        st = alloc_rows(&s, p.rows, err);
    if (st == RP_OK)
        st = fill_rows(&s, &p, err);
    if (st == RP_OK) {
        finish_rows(&s, &p);
        st = rp_schedule_verify(&s, loan, rc, err);
    }
    if (st == RP_OK) {
        rp_schedule_clear(out);
        *out = s; /* moves the rows and the mpq limbs; s is not cleared */
    } else {
        rp_schedule_clear(&s);
    }
    free(p.dates);
    mpq_clear(p.rate);
    return st;
}
