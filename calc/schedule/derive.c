/*
 * derive.c — what every build of a schedule derives once from the loan
 * (the periodic rate, the rows, the dates, each period's year fraction,
 * the level payment or principal step), shared by both forms: schedule.c
 * in mpq_t and unit_schedule.c in whole units.
 */
#include <stdlib.h>
#include <string.h>

#include "build.h"

/* The year fraction installment k's interest covers (k is 1-based). Under
 * day_count period a regular period is 1/ppy of a year and an irregular
 * first period its actual days / daily_basis; a bullet loan's one period is
 * term/ppy (or its days, to a maturity date). Under an actual day count it
 * is the convention's fraction between the row's dates. */
rp_status rp_sched_period_years(mpq_t out, const plan_t *p, int k, rp_error *err)
{
    const rp_loan_t *loan = p->loan;
    unsigned long ppy = (unsigned long)rp_frequency_per_year(loan->frequency);
    if (loan->day_count != RP_DC_PERIOD)
        return rp_year_fraction_in(out, NULL, loan->day_count, p->dates[k - 1], p->dates[k],
                                   &p->dc, err);
    if (k == 1 && p->irregular)
        mpq_set_si(out, (long)p->dates[1] - p->dates[0], (unsigned long)loan->daily_basis);
    else if (loan->method == RP_METHOD_BULLET)
        mpq_set_ui(out, (unsigned long)loan->term, ppy);
    else
        mpq_set_ui(out, 1, ppy);
    mpq_canonicalize(out); /* denominators are ppy or the daily basis, never 0 */
    return RP_OK;
}

/* M = P·i·(1+i)^n / ((1+i)^n − 1), or P/n at a zero rate; rounded once.
 * With i = a/b and P = p/q: M = p·a·(a+b)^n / (q·b·((a+b)^n − b^n)), so
 * the rounded quotient comes from integer powers with no gcd of them. */
static void rp_sched_annuity_payment(mpq_t out, const mpq_t principal, const mpq_t rate, int n,
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
void rp_sched_level_amounts(mpq_t step, mpq_t level_payment, const plan_t *p)
{
    const rp_loan_t *loan = p->loan;
    mpq_set_ui(level_payment, 0, 1);
    if (p->opts && p->opts->level) {
        mpq_set(step, p->opts->level);
        if (loan->method == RP_METHOD_ANNUITY)
            mpq_set(level_payment, step);
    } else if (loan->method == RP_METHOD_ANNUITY) {
        rp_sched_annuity_payment(step, loan->principal, p->rate, p->amortizing, p->rc);
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

const char rp_sched_negative_amortization[] =
    "an installment's interest exceeds the level payment: the balance grows";
const char rp_sched_paid_early[] = "rounding repays the principal before the last installment";

rp_status rp_sched_alloc_rows(rp_schedule_t *s, int count, rp_error *err)
{
    if (count < 1 || count > RP_MAX_TERM + 1) /* a row on the start date, then the term */
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
/* Checks the loan and derives the plan; plan_close releases it. */
rp_status rp_sched_plan_open(plan_t *p, const rp_loan_t *loan, const rp_round_t *rc,
                           const rp_schedule_opts_t *opts, rp_error *err)
{
    *p = (plan_t){.loan = loan, .rc = rc, .opts = opts, .dates = NULL, .shown = NULL, .irregular = 0};
    mpq_init(p->rate);
    rp_status st = rp_loan_check(loan, rc, err);
    if (st != RP_OK)
        return st;
    p->rows = loan->method == RP_METHOD_BULLET ? 1 : loan->term;
    p->amortizing = p->rows - loan->grace_periods;
    mpq_set_ui(p->rate, (unsigned long)rp_frequency_per_year(loan->frequency), 1);
    mpq_div(p->rate, loan->annual_rate, p->rate);
    if (loan->start_date != RP_DATE_NONE)
        st = rp_sched_plan_dates(p, err);
    if (st == RP_OK)
        st = rp_sched_roll_dates(p, err);
    rp_dc_context_init(&p->dc);
    if (st == RP_OK && p->dates) {
        /* the grid the periods lie on, and the last due date */
        p->dc.anchor = loan->first_due_date != RP_DATE_NONE ? loan->first_due_date
                                                            : loan->start_date;
        if (opts && opts->dates && opts->anchored)
            p->dc.anchor = opts->anchor;
        p->dc.frequency = loan->frequency;
        p->dc.maturity = p->dates[p->rows];
    }
    return st;
}

void rp_sched_plan_close(plan_t *p)
{
    free(p->dates);
    free(p->shown);
    mpq_clear(p->rate);
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
