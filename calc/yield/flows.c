/*
 * flows.c — a schedule or plan as the borrower's timed cash flows, and what
 * rates of return (the APR by the IRR method, PBoC 2021 announcement
 * No. 3; Regulation Z Appendix J's actuarial method for the time of each
 * flow) and present values make of them.
 */
#include <stdlib.h>

#include "base/internal.h"
#include "flows.h"

void rp_flows_init(rp_flows_t *f)
{
    f->n = 0;
    f->amounts = NULL;
    f->when = NULL;
    f->days = NULL;
    f->periods_per_year = 12;
}

void rp_flows_clear(rp_flows_t *f)
{
    for (int i = 0; i < f->n; i++)
        mpq_clear(f->amounts[i]);
    free(f->amounts);
    free(f->when);
    free(f->days);
    rp_flows_init(f);
}

rp_status rp_flows_alloc(rp_flows_t *f, int n, int dated, int periods_per_year, rp_error *err)
{
    rp_flows_clear(f);
    if (n < 1)
        return rp_fail(err, RP_E_VALUE, NULL, "no cash flows");
    mpq_t *amounts = malloc(sizeof *amounts * (size_t)n);
    rp_when_t *when = malloc(sizeof *when * (size_t)n);
    int *days = dated ? calloc((size_t)n, sizeof *days) : NULL;
    if (!amounts || !when || (dated && !days)) {
        free(amounts);
        free(when);
        free(days);
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    }
    for (int t = 0; t < n; t++) {
        mpq_init(amounts[t]);
        when[t] = (rp_when_t){.periods = t, .odd = 0, .period_days = 1};
    }
    f->n = n;
    f->amounts = amounts;
    f->when = when;
    f->days = days;
    f->periods_per_year = periods_per_year;
    return RP_OK;
}

rp_status rp_flows_from_view(rp_flows_t *out, const rp_sched_view_t *s, const rp_loan_t *loan,
                             rp_error *err)
{
    /* a bullet of `term` periods: one slot per period, its payment at the last */
    int dense = loan->method == RP_METHOD_BULLET && loan->term > 0;
    int n = (dense ? loan->term : s->count) + 1;
    int dated = s->count > 0 && rp_sched_view_due(s, 0) != RP_DATE_NONE &&
                loan->start_date != RP_DATE_NONE;
    rp_flows_t f;
    rp_flows_init(&f);
    rp_status st = rp_flows_alloc(&f, n, dated, rp_frequency_per_year(loan->frequency), err);
    if (st != RP_OK)
        return st;
    /* the grid of due dates: anchored as rp_loan_due_date anchors them; a
     * bullet's maturity_date is counted back from itself */
    rp_date_t anchor = loan->first_due_date != RP_DATE_NONE ? loan->first_due_date
                                                            : loan->start_date;
    if (loan->method == RP_METHOD_BULLET && loan->maturity_date != RP_DATE_NONE)
        anchor = RP_DATE_NONE;
    rp_qsub(f.amounts[0], loan->principal, loan->upfront_fee);
    mpq_t payment;
    mpq_init(payment);
    rp_when_many_t when;
    rp_when_many_init(&when, loan->start_date, anchor, loan->frequency, loan->odd_days);
    /* undated, the first row falls on the start (timing start, a down
     * payment): row k is k periods after it */
    int at_start = loan->timing == RP_TIMING_START || mpq_sgn(loan->down_payment) > 0;
    for (int k = 0; k < s->count && st == RP_OK; k++) {
        int t = dense ? n - 1 : k + 1;
        if (at_start && !dated)
            f.when[t].periods = k;
        rp_sched_view_amount(payment, s, k, RP_SF_PAYMENT);
        rp_qsub(f.amounts[t], f.amounts[t], payment);
        rp_date_t due = rp_sched_view_due(s, k);
        if (dated) {
            f.days[t] = (int)(due - loan->start_date);
            if (!dense)
                st = rp_when_many_at(&f.when[t], &when, due, err);
        }
    }
    mpq_clear(payment);
    if (dated) /* empty bullet periods: keep the days rising */
        for (int t = 1; t < n; t++)
            if (f.days[t] < f.days[t - 1])
                f.days[t] = f.days[t - 1];
    if (st != RP_OK) {
        rp_flows_clear(&f);
        return st;
    }
    rp_flows_clear(out);
    *out = f;
    return RP_OK;
}

rp_status rp_flows_from_schedule(rp_flows_t *out, const rp_schedule_t *s, const rp_loan_t *loan,
                                 rp_error *err)
{
    rp_sched_view_t v;
    rp_sched_view_general(&v, s);
    return rp_flows_from_view(out, &v, loan, err);
}

int rp_flows_regular(const rp_flows_t *f)
{
    for (int t = 0; t < f->n; t++)
        if (f->when[t].periods != t || f->when[t].odd != 0)
            return 0;
    return 1;
}

void rp_flows_years(mpq_t out, const rp_flows_t *f)
{
    mpq_t t;
    mpq_init(t);
    mpq_set_ui(out, 0, 1);
    for (int k = 0; k < f->n; k++) { /* the latest flow */
        rp_when_periods(t, &f->when[k]);
        if (mpq_cmp(t, out) > 0)
            mpq_set(out, t);
    }
    mpq_set_ui(t, (unsigned long)f->periods_per_year, 1);
    mpq_div(out, out, t); /* periods_per_year ≥ 1 */
    mpq_clear(t);
}

/* The distinct odd fractions of the flows, reduced (p/q, 0 < p < q). */
typedef struct fractions {
    int count;
    unsigned long *p, *q;
    int *group;                   /* per flow: index into p/q, or −1 (whole) */
} fractions_t;

static unsigned long gcd_ul(unsigned long a, unsigned long b)
{
    while (b) {
        unsigned long r = a % b;
        a = b;
        b = r;
    }
    return a;
}

static rp_status fractions_of(fractions_t *fr, const rp_flows_t *f, rp_error *err)
{
    fr->count = 0;
    fr->p = malloc(sizeof *fr->p * (size_t)f->n);
    fr->q = malloc(sizeof *fr->q * (size_t)f->n);
    fr->group = malloc(sizeof *fr->group * (size_t)f->n);
    if (!fr->p || !fr->q || !fr->group)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    for (int k = 0; k < f->n; k++) {
        const rp_when_t *w = &f->when[k];
        fr->group[k] = -1;
        if (w->odd == 0)
            continue;
        unsigned long g = gcd_ul((unsigned long)w->odd, (unsigned long)w->period_days);
        unsigned long p = (unsigned long)w->odd / g, q = (unsigned long)w->period_days / g;
        int j = 0;
        while (j < fr->count && (fr->p[j] != p || fr->q[j] != q))
            j++;
        if (j == fr->count) {
            fr->p[j] = p;
            fr->q[j] = q;
            fr->count++;
        }
        fr->group[k] = j;
    }
    return RP_OK;
}

static void fractions_free(fractions_t *fr)
{
    free(fr->p);
    free(fr->q);
    free(fr->group);
}

/* r (degree ≤ count) = Π over groups l ≠ skip of ((q_l − p_l) + p_l·x),
 * coefficients by rising power. */
static void product_except(mpz_t *r, const fractions_t *fr, int skip)
{
    for (int d = 0; d <= fr->count; d++)
        mpz_set_ui(r[d], d == 0);
    int deg = 0;
    for (int l = 0; l < fr->count; l++) {
        if (l == skip)
            continue;
        /* r ← r · (a + b·x): from the top down so each coefficient is read once */
        unsigned long a = fr->q[l] - fr->p[l], b = fr->p[l];
        mpz_mul_ui(r[deg + 1], r[deg], b);
        for (int d = deg; d >= 1; d--) {
            mpz_mul_ui(r[d], r[d], a);
            mpz_addmul_ui(r[d], r[d - 1], b);
        }
        mpz_mul_ui(r[0], r[0], a);
        deg++;
    }
}

rp_status rp_flows_irr(rp_irr_t *out, const rp_flows_t *f, const mpq_t precision, rp_error *err)
{
    if (rp_flows_regular(f))
        return rp_irr_periodic(out, (mpq_t const *)f->amounts, f->n, precision, err);
    /* Σ c_k / (L_k(x) x^t_k), L = 1 − f + f·x for x = 1 + i: multiplied by
     * Π_l q_l L_l(x) (> 0 for x > 0) it is Σ_k c_k q_k R_k(x) x^−t_k with
     * R_k the product of the other groups' factors — a polynomial in x^−1
     * once shifted by the groups' count E: coefficient s = t_k − d + E. */
    fractions_t fr;
    rp_status st = fractions_of(&fr, f, err);
    int last = 0;
    for (int k = 0; k < f->n; k++)
        if (f->when[k].periods > last)
            last = f->when[k].periods;
    int E = fr.count, n = last + E + 1;
    mpq_t *c = st == RP_OK ? malloc(sizeof *c * (size_t)n) : NULL;
    mpz_t *r = st == RP_OK ? malloc(sizeof *r * (size_t)(E + 1)) : NULL;
    if (st == RP_OK && (!c || !r))
        st = rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    if (st == RP_OK) {
        for (int s = 0; s < n; s++)
            mpq_init(c[s]);
        for (int d = 0; d <= E; d++)
            mpz_init(r[d]);
        mpq_t term;
        mpq_init(term);
        for (int g = -1; g < fr.count; g++) {
            product_except(r, &fr, g);
            for (int k = 0; k < f->n; k++) {
                if (fr.group[k] != g || mpq_sgn(f->amounts[k]) == 0)
                    continue;
                for (int d = 0; d <= E; d++) {
                    if (mpz_sgn(r[d]) == 0)
                        continue;
                    mpz_mul(mpq_numref(term), mpq_numref(f->amounts[k]), r[d]);
                    if (g >= 0)
                        mpz_mul_ui(mpq_numref(term), mpq_numref(term), fr.q[g]);
                    mpz_set(mpq_denref(term), mpq_denref(f->amounts[k]));
                    mpq_canonicalize(term); /* a flow's denominator, never 0 */
                    int s = f->when[k].periods - d + E;
                    rp_qadd(c[s], c[s], term);
                }
            }
        }
        mpq_clear(term);
        st = rp_irr_periodic(out, (mpq_t const *)c, n, precision, err);
        for (int s = 0; s < n; s++)
            mpq_clear(c[s]);
        for (int d = 0; d <= E; d++)
            mpz_clear(r[d]);
    }
    free(c);
    free(r);
    fractions_free(&fr);
    return st;
}

rp_status rp_flows_apr(rp_root_t *apr, int *found, const rp_flows_t *f, const mpq_t precision,
                       rp_error *err)
{
    rp_irr_t irr;
    rp_irr_init(&irr);
    mpq_t p, k;
    mpq_inits(p, k, NULL);
    mpq_set_ui(k, (unsigned long)f->periods_per_year, 1);
    mpq_div(p, precision, k);
    rp_status st = rp_flows_irr(&irr, f, p, err);
    *found = st == RP_OK && irr.count == 1;
    if (*found) {
        mpq_mul(apr->low, irr.roots[0].low, k);
        mpq_mul(apr->high, irr.roots[0].high, k);
    }
    mpq_clears(p, k, NULL);
    rp_irr_clear(&irr);
    return st;
}

void rp_when_growth(mpq_t out, const rp_when_t *w, const mpq_t rate)
{
    mpq_t x, odd;
    mpq_inits(x, odd, NULL);
    mpq_set_ui(x, 1, 1);
    rp_qadd(x, x, rate);
    mpz_pow_ui(mpq_numref(out), mpq_numref(x), (unsigned long)w->periods);
    mpz_pow_ui(mpq_denref(out), mpq_denref(x), (unsigned long)w->periods); /* coprime powers */
    mpq_set_ui(odd, (unsigned long)w->odd, (unsigned long)w->period_days);
    mpq_canonicalize(odd);
    mpq_mul(odd, odd, rate);
    mpq_set_ui(x, 1, 1);
    rp_qadd(odd, odd, x);
    mpq_mul(out, out, odd);
    mpq_clears(x, odd, NULL);
}

/* Σ over the flows of one odd fraction of c_k / (1 + i)^t_k, exactly:
 * over the common denominator D·Xn^T (flows × D whole, x = Xn / Xd) the
 * numerator Σ C_t Xd^t Xn^(T − t) comes by Horner's rule in integers. */
static rp_status group_value(mpq_t out, const rp_flows_t *f, const fractions_t *fr, int g,
                             const mpq_t x, rp_error *err)
{
    rp_status st = RP_OK;
    mpz_t D, acc, dpow, u, npow;
    mpz_inits(D, acc, dpow, u, npow, NULL);
    mpz_set_ui(D, 1);
    int last = -1;
    for (int k = 0; k < f->n; k++)
        if (fr->group[k] == g) {
            mpz_lcm(D, D, mpq_denref(f->amounts[k]));
            if (f->when[k].periods > last)
                last = f->when[k].periods;
        }
    mpq_set_ui(out, 0, 1);
    if (last >= 0) {
        /* the flows of the group by period, as whole numbers over D */
        mpz_t *by = malloc(sizeof *by * (size_t)(last + 1));
        if (!by)
            st = rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
        if (by) {
            for (int t = 0; t <= last; t++)
                mpz_init(by[t]);
            for (int k = 0; k < f->n; k++) {
                if (fr->group[k] != g)
                    continue;
                mpz_divexact(u, D, mpq_denref(f->amounts[k]));
                mpz_addmul(by[f->when[k].periods], u, mpq_numref(f->amounts[k]));
            }
            mpz_set_ui(dpow, 1);
            mpz_set_ui(npow, 1);
            for (int t = 0; t <= last; t++) {
                if (t > 0) {
                    mpz_mul(acc, acc, mpq_numref(x));
                    mpz_mul(dpow, dpow, mpq_denref(x));
                    mpz_mul(npow, npow, mpq_numref(x));
                }
                mpz_addmul(acc, by[t], dpow);
            }
            for (int t = 0; t <= last; t++)
                mpz_clear(by[t]);
            free(by);
            mpz_mul(npow, npow, D);
            mpq_set_num(out, acc);
            mpq_set_den(out, npow);
            mpq_canonicalize(out); /* Xn^T·D > 0 */
        }
    }
    mpz_clears(D, acc, dpow, u, npow, NULL);
    return st;
}

rp_status rp_flows_npv(mpq_t out, const rp_flows_t *f, const mpq_t rate, rp_error *err)
{
    if (mpq_cmp_si(rate, -1, 1) <= 0)
        return rp_fail(err, RP_E_VALUE, NULL, "the rate must be above −100%%");
    fractions_t fr;
    mpq_t x, v, part, l;
    mpq_inits(x, v, part, l, NULL);
    mpq_set_ui(x, 1, 1);
    rp_qadd(x, x, rate);
    rp_status st = fractions_of(&fr, f, err);
    if (st == RP_OK) {
        for (int g = -1; g < fr.count && st == RP_OK; g++) {
            st = group_value(part, f, &fr, g, x, err);
            if (g >= 0) { /* ÷ (1 + i·p/q) */
                mpq_set_ui(l, fr.p[g], fr.q[g]);
                mpq_mul(l, l, rate);
                mpz_add(mpq_numref(l), mpq_numref(l), mpq_denref(l));
                mpq_div(part, part, l); /* 1 + f·i > 0 */
            }
            rp_qadd(v, v, part);
        }
    }
    fractions_free(&fr);
    if (st == RP_OK)
        mpq_swap(out, v);
    mpq_clears(x, v, part, l, NULL);
    return st;
}
