/*
 * shape.c — the schedule of a loan with a timing, a shape or a convention
 * beyond the plain one (contract/shape.c says which): payments at the
 * start of each period (annuity due), a down payment, broken-period
 * interest collected separately, a balloon (尾款) or a longer amortization
 * term (气球贷), stepped payments (阶梯还款), a custom list (个性化分期), a
 * level payment adjusted (Fineract's EMI adjustment) or rounded to a
 * multiple, solved over an uneven first period or over each period's own
 * rate factor. Built in mpq_t only: the fast form declines these loans.
 *
 * One rule gives every level payment. With D_k the discount to payment k
 * (the product of 1/(1 + g_j) over the periods up to it, g_j the period's
 * growth: the periodic rate, or its own factor), payments w_k·M + c_k (a
 * step multiplies or adds) and F left at the end (the balloon):
 *
 *     P = Σ (w_k·M + c_k)·D_k + F·D_n   ⇒   M = (P − F·D_n − Σ c_k·D_k) / Σ w_k·D_k
 *
 * exact, then rounded once where it is posted (or to a multiple). As in
 * every schedule, each interest is rounded and the last installment clears
 * the balance (README "Schedules").
 */
#include <stdlib.h>
#include <string.h>

#include "build.h"

typedef struct shape {
    const plan_t *p;
    const rp_loan_t *loan;
    int lead;          /* a row on start_date first: down payment, broken-period interest */
    int n;             /* regular installments                                 */
    int amortized;     /* rows the level is solved over (amortization_term)    */
    rp_date_t *due;    /* [0] the first period's start, [k] installment k; or NULL */
    rp_date_t *shown;  /* due, rolled to working days (or due itself)          */
    mpq_t *years;      /* [k − 1]: installment k's year fraction               */
    mpq_t financed;    /* principal − down payment                             */
    mpq_t lead_years;  /* the broken period's year fraction                    */
    mpq_t level;       /* the level payment (annuity, flat), or the principal step */
    mpq_t rate;        /* periodic rate                                         */
} shape_t;

static int timing_start(const shape_t *sh)
{
    return sh->loan->timing == RP_TIMING_START;
}

/* The first period is irregular and keeps being so (not separated). */
static int irregular_first(const shape_t *sh)
{
    return sh->p->irregular && sh->loan->first_period != RP_FIRST_SEPARATE;
}

/* Dates: start timing moves every payment a period earlier (the first on
 * start_date); a separate first period starts the regular rows a period
 * before first_due_date, the days before it being the broken period. */
static rp_status shape_dates(shape_t *sh, rp_error *err)
{
    const plan_t *p = sh->p;
    if (!p->dates)
        return RP_OK;
    sh->due = malloc(sizeof *sh->due * (size_t)(sh->n + 1));
    sh->shown = malloc(sizeof *sh->shown * (size_t)(sh->n + 1));
    if (!sh->due || !sh->shown)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    for (int k = 0; k <= sh->n; k++) {
        int from = timing_start(sh) && k > 0 ? k - 1 : k; /* a period earlier */
        sh->due[k] = p->dates[from];
        sh->shown[k] = rp_sched_shown_date(p, from);
    }
    if (timing_start(sh))
        return RP_OK;
    if (sh->loan->first_period == RP_FIRST_SEPARATE && p->irregular) {
        rp_status st = rp_sched_add_periods(&sh->due[0], p->dates[1], sh->loan->frequency, -1, err);
        if (st == RP_OK && sh->due[0] < p->dates[0])
            st = rp_fail(err, RP_E_VALUE, "first_period",
                         "first_period separate collects the days before a regular first "
                         "period: first_due_date must be more than one period after start_date");
        if (st != RP_OK)
            return st;
        sh->lead = 1;
        if (sh->loan->day_count != RP_DC_PERIOD)
            return rp_year_fraction_in(sh->lead_years, NULL, sh->loan->day_count, p->dates[0],
                                       sh->due[0], &p->dc, err);
        /* under the period convention, days at the daily rate */
        mpq_set_si(sh->lead_years, (long)sh->due[0] - p->dates[0],
                   (unsigned long)sh->loan->daily_basis);
        mpq_canonicalize(sh->lead_years); /* 360 or 365 */
    }
    return RP_OK;
}

/* Installment k's year fraction (k 1-based). */
static rp_status row_years(mpq_t out, const shape_t *sh, int k, rp_error *err)
{
    const rp_loan_t *loan = sh->loan;
    if (sh->due && loan->day_count != RP_DC_PERIOD)
        return rp_year_fraction_in(out, NULL, loan->day_count, sh->due[k - 1], sh->due[k],
                                   &sh->p->dc, err);
    if (k == 1 && timing_start(sh))
        mpq_set_ui(out, 0, 1);
    else if (k == 1 && sh->due && irregular_first(sh))
        mpq_set_si(out, (long)sh->due[1] - sh->due[0], (unsigned long)loan->daily_basis);
    else
        mpq_set_ui(out, 1, (unsigned long)rp_frequency_per_year(loan->frequency));
    mpq_canonicalize(out); /* daily basis and periods a year are never 0 */
    return RP_OK;
}

/* The period's growth for the level payment: the periodic rate, or (its
 * own actual factor) annual × years. Rows past n are amortization_term's. */
static void growth(mpq_t g, const shape_t *sh, int k)
{
    const rp_loan_t *loan = sh->loan;
    int own = k <= sh->n &&
              (loan->annuity_rate == RP_ANNUITY_ACTUAL || (k == 1 && timing_start(sh)) ||
               (k == 1 && irregular_first(sh) && loan->first_period == RP_FIRST_SOLVED));
    if (own)
        mpq_mul(g, loan->annual_rate, sh->years[k - 1]);
    else
        mpq_set(g, sh->rate);
}

/* Payment k as w·M + c: steps multiply by (1 + share)^j or add j·amount,
 * j the number of steps before it. */
static void weights(mpq_t w, mpq_t c, const shape_t *sh, int k)
{
    const rp_loan_t *loan = sh->loan;
    mpq_set_ui(w, 1, 1);
    mpq_set_ui(c, 0, 1);
    if (loan->step_kind == RP_STEP_NONE)
        return;
    unsigned long j = (unsigned long)((k - loan->grace_periods - 1) / loan->step_every);
    if (loan->step_kind == RP_STEP_AMOUNT) {
        mpq_set_ui(c, j, 1);
        mpq_mul(c, c, loan->step);
    } else {
        mpq_set_ui(w, 1, 1);
        rp_qadd(w, w, loan->step);
        mpz_pow_ui(mpq_numref(w), mpq_numref(w), j);
        mpz_pow_ui(mpq_denref(w), mpq_denref(w), j); /* canonical stays canonical */
    }
}

/* out = round(x) to the level's multiple (payment_multiple, its mode) or
 * to the rounding unit. */
static void round_level(mpq_t out, const mpq_t x, const shape_t *sh)
{
    const rp_loan_t *loan = sh->loan;
    if (mpq_sgn(loan->payment_multiple) == 0) {
        rp_round(out, x, sh->p->rc);
        return;
    }
    rp_round_t m;
    rp_round_init(&m);
    mpq_set(m.unit, loan->payment_multiple);
    m.mode = loan->multiple_mode;
    rp_round(out, x, &m);
    rp_round_clear(&m);
}

/* The annuity's level M, exact: (P − F·D_n − Σ c_k·D_k) / Σ w_k·D_k. */
static void annuity_level(mpq_t out, const shape_t *sh)
{
    const rp_loan_t *loan = sh->loan;
    mpq_t d, g, w, c, sw, sc, dn;
    mpq_inits(d, g, w, c, sw, sc, dn, NULL);
    mpq_set_ui(d, 1, 1);
    int last = loan->grace_periods + sh->amortized;
    for (int k = loan->grace_periods + 1; k <= last; k++) {
        growth(g, sh, k);
        mpz_add(mpq_numref(g), mpq_numref(g), mpq_denref(g)); /* 1 + g */
        mpq_div(d, d, g);                                     /* g > −1 */
        weights(w, c, sh, k);
        mpq_mul(w, w, d);
        rp_qadd(sw, sw, w);
        mpq_mul(c, c, d);
        rp_qadd(sc, sc, c);
        if (k == sh->n)
            mpq_set(dn, d);
    }
    mpq_mul(dn, dn, loan->balloon);
    rp_qsub(out, sh->financed, dn);
    rp_qsub(out, out, sc);
    mpq_div(out, out, sw); /* a sum of positive discounts */
    mpq_clears(d, g, w, c, sw, sc, dn, NULL);
}

/* sh->level: the annuity's payment (its first step's), flat's level
 * payment, or the principal step of equal_principal; rounded. */
static void level_amount(shape_t *sh)
{
    const rp_loan_t *loan = sh->loan;
    mpq_t x;
    mpq_init(x);
    if (sh->p->opts && sh->p->opts->level) { /* a rebuild keeps its payment or step */
        mpq_set(sh->level, sh->p->opts->level);
    } else if (loan->method == RP_METHOD_ANNUITY) {
        annuity_level(x, sh);
        round_level(sh->level, x, sh);
    } else if (loan->method == RP_METHOD_EQUAL_PRINCIPAL || loan->method == RP_METHOD_FLAT) {
        rp_qsub(x, sh->financed, loan->balloon);
        mpq_set_ui(sh->level, (unsigned long)sh->amortized, 1);
        mpq_div(x, x, sh->level);
        if (loan->method == RP_METHOD_FLAT && mpq_sgn(loan->payment_multiple)) {
            mpq_mul(sh->level, sh->financed, sh->rate); /* the flat charge, exact */
            rp_qadd(x, x, sh->level);
            round_level(sh->level, x, sh);
        } else {
            rp_round(sh->level, x, sh->p->rc);
        }
    }
    mpq_clear(x);
}

/* Row r's principal from its interest, by the method. k is the regular
 * installment's number (1-based); level the payment M (annuity). */
static void principal_of(rp_installment_t *r, const shape_t *sh, int k, mpq_srcptr balance,
                         mpq_t scratch)
{
    const rp_loan_t *loan = sh->loan;
    if (k == sh->n) {
        mpq_set(r->principal, balance);
    } else if (k <= loan->grace_periods || loan->method == RP_METHOD_INTEREST_ONLY) {
        mpq_set_ui(r->principal, 0, 1);
    } else if (loan->method == RP_METHOD_CUSTOM) {
        if (loan->custom_kind == RP_CUSTOM_PRINCIPAL)
            mpq_set(r->principal, loan->custom[k - 1]);
        else
            rp_qsub(r->principal, loan->custom[k - 1], r->interest);
    } else if (loan->method == RP_METHOD_ANNUITY) {
        mpq_t w, c;
        mpq_inits(w, c, NULL);
        weights(w, c, sh, k);
        mpq_mul(w, w, sh->level);
        rp_qadd(w, w, c);
        round_level(w, w, sh);
        /* 首期按实际天数: an irregular first period's own interest, the
         * regular principal part (README "Schedules" rule 9) */
        if (k == 1 && irregular_first(sh) && loan->first_period == RP_FIRST_ACTUAL_DAYS &&
            loan->day_count == RP_DC_PERIOD) {
            mpq_mul(scratch, balance, sh->rate);
            rp_round(scratch, scratch, sh->p->rc);
        } else {
            mpq_set(scratch, r->interest);
        }
        rp_qsub(r->principal, w, scratch);
        mpq_clears(w, c, NULL);
    } else if (loan->method == RP_METHOD_FLAT && mpq_sgn(loan->payment_multiple)) {
        rp_qsub(r->principal, sh->level, r->interest);
    } else {
        mpq_set(r->principal, sh->level);
    }
}

/* Principal and interest of every row, at the level in sh->level; warns of
 * negative amortization and of a principal paid early. */
static void fill(rp_schedule_t *s, const shape_t *sh)
{
    const rp_loan_t *loan = sh->loan;
    mpq_t balance, scratch;
    mpq_inits(balance, scratch, NULL);
    s->warning_count = 0;
    if (sh->lead) {
        rp_installment_t *r = &s->rows[0];
        mpq_set(r->principal, loan->down_payment);
        mpq_set(r->year_fraction, sh->lead_years);
        rp_round_mul(r->interest, sh->financed, loan->annual_rate, sh->lead_years, sh->p->rc);
    }
    mpq_set(balance, sh->financed);
    for (int k = 1; k <= sh->n; k++) {
        rp_installment_t *r = &s->rows[sh->lead + k - 1];
        mpq_srcptr base = loan->method == RP_METHOD_FLAT ? sh->financed : balance;
        mpq_set(r->year_fraction, sh->years[k - 1]);
        rp_round_mul(r->interest, base, loan->annual_rate, r->year_fraction, sh->p->rc);
        principal_of(r, sh, k, balance, scratch);
        if (mpq_sgn(r->principal) < 0)
            rp_warning_add_once(s->warnings, &s->warning_count, "negative_amortization",
                                rp_sched_negative_amortization);
        if (mpq_cmp(r->principal, balance) > 0) {
            mpq_set(r->principal, balance);
            rp_warning_add_once(s->warnings, &s->warning_count, "paid_early", rp_sched_paid_early);
        }
        rp_qsub(balance, balance, r->principal);
    }
    mpq_clears(balance, scratch, NULL);
}

/* Fees, the flat charge's column, payments, balances, dates and totals. */
static void finish(rp_schedule_t *s, const shape_t *sh)
{
    const rp_loan_t *loan = sh->loan;
    for (int i = 0; i < s->count; i++) {
        rp_installment_t *r = &s->rows[i];
        int k = i - sh->lead + 1; /* the regular installment, or 0: the lead row */
        r->n = i + 1;
        mpq_set(r->fee, k > 0 ? loan->periodic_fee : r->fee);
        if (k > 0 && loan->method == RP_METHOD_FLAT && loan->flat_charge == RP_CHARGE_FEE) {
            rp_qadd(r->fee, r->fee, r->interest);
            mpq_set_ui(r->interest, 0, 1);
        }
        if (sh->due)
            r->due_date = k > 0 ? sh->shown[k] : loan->start_date;
    }
    rp_sched_sum_rows(s, loan->principal);
    mpq_set_ui(s->level_payment, 0, 1);
    if (loan->method == RP_METHOD_ANNUITY || loan->method == RP_METHOD_FLAT) {
        if (loan->method == RP_METHOD_FLAT && !mpq_sgn(loan->payment_multiple)) {
            /* flat: the principal step and the regular charge */
            mpq_mul(s->level_payment, sh->financed, sh->rate);
            rp_round(s->level_payment, s->level_payment, sh->p->rc);
            rp_qadd(s->level_payment, s->level_payment, sh->level);
        } else {
            mpq_set(s->level_payment, sh->level);
        }
        rp_qadd(s->level_payment, s->level_payment, loan->periodic_fee);
    }
}

/* The last installment's payment (before fees) less the level. */
static void last_difference(mpq_t out, const rp_schedule_t *s, const shape_t *sh)
{
    const rp_installment_t *r = &s->rows[s->count - 1];
    rp_qadd(out, r->principal, r->interest);
    rp_qsub(out, out, sh->level);
}

/* Fineract's EMI adjustment (ProgressiveEMICalculator, EmiAdjustment): when
 * the last installment differs from the level by more than ⌊n/2⌋ units (n
 * the amortizing installments), the level moves by the difference ÷ n,
 * rounded, and is kept if the new difference is smaller; at most
 * ADJUST_ROUNDS times. */
#define ADJUST_ROUNDS 3
static void adjust_level(rp_schedule_t *s, shape_t *sh)
{
    const rp_round_t *rc = sh->p->rc;
    int n = sh->n - sh->loan->grace_periods;
    mpq_t d, d2, gate, kept, move;
    mpq_inits(d, d2, gate, kept, move, NULL);
    mpq_set_ui(gate, (unsigned long)(n / 2), 1);
    mpq_mul(gate, gate, rc->unit);
    for (int round = 0; round < ADJUST_ROUNDS; round++) {
        last_difference(d, s, sh);
        mpq_abs(d2, d);
        if (n < 2 || mpq_cmp(d2, gate) <= 0)
            break;
        mpq_set_ui(move, (unsigned long)n, 1);
        mpq_div(move, d, move);
        rp_round(move, move, rc);
        mpq_set(kept, sh->level);
        rp_qadd(move, sh->level, move);
        round_level(sh->level, move, sh);
        if (mpq_equal(sh->level, kept))
            break;
        fill(s, sh);
        last_difference(move, s, sh);
        mpq_abs(move, move);
        if (mpq_cmp(move, d2) >= 0) { /* not better: the level before */
            mpq_set(sh->level, kept);
            fill(s, sh);
            break;
        }
    }
    mpq_clears(d, d2, gate, kept, move, NULL);
}

static rp_status shape_open(shape_t *sh, const plan_t *p, rp_error *err)
{
    const rp_loan_t *loan = p->loan;
    memset(sh, 0, sizeof *sh);
    sh->p = p;
    sh->loan = loan;
    sh->n = p->rows;
    sh->lead = mpq_sgn(loan->down_payment) > 0;
    sh->amortized = loan->amortization_term ? loan->amortization_term
                                            : sh->n - loan->grace_periods;
    mpq_inits(sh->financed, sh->lead_years, sh->level, sh->rate, NULL);
    rp_qsub(sh->financed, loan->principal, loan->down_payment);
    mpq_set(sh->rate, p->rate);
    sh->years = malloc(sizeof *sh->years * (size_t)sh->n);
    if (!sh->years)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    for (int k = 0; k < sh->n; k++)
        mpq_init(sh->years[k]);
    rp_status st = shape_dates(sh, err);
    for (int k = 1; st == RP_OK && k <= sh->n; k++)
        st = row_years(sh->years[k - 1], sh, k, err);
    return st;
}

static void shape_close(shape_t *sh)
{
    if (sh->years)
        for (int k = 0; k < sh->n; k++)
            mpq_clear(sh->years[k]);
    free(sh->years);
    free(sh->due);
    free(sh->shown);
    mpq_clears(sh->financed, sh->lead_years, sh->level, sh->rate, NULL);
}

rp_status rp_sched_build_shaped(rp_schedule_t *s, const plan_t *p, rp_error *err)
{
    shape_t sh;
    rp_status st = shape_open(&sh, p, err);
    if (st == RP_OK)
        st = rp_sched_alloc_rows(s, sh.lead + sh.n, err);
    if (st == RP_OK) {
        level_amount(&sh);
        fill(s, &sh);
        if (p->loan->level_rule == RP_LEVEL_ADJUSTED && !(p->opts && p->opts->level))
            adjust_level(s, &sh);
        finish(s, &sh);
        if (p->uncovered)
            rp_warning_add_once(s->warnings, &s->warning_count, "calendar_not_covered",
                                rp_sched_calendar_not_covered);
        st = rp_schedule_verify(s, p->loan, p->rc, err);
    }
    shape_close(&sh);
    return st;
}
