/*
 * yield.c — internal rates of return and present values, exactly.
 *
 * NPV(r) = Σ c_t / (1 + r)^t changes sign where the IRR lies. Multiplying
 * by (1 + r)^m (> 0) leaves a polynomial in x = 1 + r whose sign at a
 * dyadic point x = a / 2^k is the sign of the integer Σ c_t a^(m−t) 2^(kt):
 * no rounding anywhere, so a bracket [low, high] with a sign change is a
 * proof that a root lies inside. A fixed grid over the search range finds
 * the brackets; halving each (dyadic midpoints) narrows it to the
 * precision asked for. Dated flows (XIRR) work the same way in
 * y = (1 + r)^(1/basis), in which the flows form a polynomial again.
 */
#include <stdint.h>
#include <stdlib.h>

#include "signbound.h"

#define GRID_BITS 40       /* grid points are multiples of 2^−40          */
#define MAX_HALVINGS 400   /* far beyond what any precision ≥ 1e−60 needs  */
#define SIGN_NOT_EVALUATED 3

/* The search grid, as periodic (or annual, for XIRR) rates: denser where
 * loans live. Roots closer together than the grid may be missed; the
 * response then says how many Descartes' rule still allows. */
static const int32_t grid_rates[] = { /* in units of 0.0001 (1 bp) */
    -9900, -9500, -9000, -8000, -7000, -6000, -5000, -4000, -3000, -2000,
    -1500, -1000, -700,  -500,  -300,  -200,  -100,  -50,   -20,   -10,
    0,     10,    20,    40,    60,    80,    100,   125,   150,   200,
    250,   300,   400,   500,   700,   1000,  1500,  2000,  3000,  5000,
    7000,  10000, 15000, 20000, 30000, 50000, 70000, 100000,
};
#define GRID_DENOMINATOR 10000
#define GRID_COUNT ((int)(sizeof grid_rates / sizeof grid_rates[0]))

void rp_irr_init(rp_irr_t *r)
{
    r->count = 0;
    r->sign_changes = 0;
    for (int i = 0; i < RP_MAX_ROOTS; i++)
        mpq_inits(r->roots[i].low, r->roots[i].high, NULL);
}

void rp_irr_clear(rp_irr_t *r)
{
    for (int i = 0; i < RP_MAX_ROOTS; i++)
        mpq_clears(r->roots[i].low, r->roots[i].high, NULL);
}

/* The flows as integers with the same signs: each × the lcm of the
 * denominators. */
static mpz_t *integer_flows(mpq_t const *flows, int n)
{
    mpz_t *c = malloc(sizeof *c * (size_t)n);
    if (!c)
        return NULL;
    mpz_t lcm;
    mpz_init_set_ui(lcm, 1);
    for (int i = 0; i < n; i++)
        if (!mpz_divisible_p(lcm, mpq_denref(flows[i]))) /* money: one denominator, mostly */
            mpz_lcm(lcm, lcm, mpq_denref(flows[i]));
    for (int i = 0; i < n; i++) {
        if (mpz_cmp(lcm, mpq_denref(flows[i])) == 0) { /* the common denominator itself */
            mpz_init_set(c[i], mpq_numref(flows[i]));
            continue;
        }
        mpz_init(c[i]);
        mpz_divexact(c[i], lcm, mpq_denref(flows[i]));
        mpz_mul(c[i], c[i], mpq_numref(flows[i]));
    }
    mpz_clear(lcm);
    return c;
}

static void free_flows(mpz_t *c, int n)
{
    for (int i = 0; c && i < n; i++)
        mpz_clear(c[i]);
    free(c);
}

static int sign_changes(mpz_t *c, int n)
{
    int changes = 0, last = 0;
    for (int i = 0; i < n; i++) {
        int s = mpz_sgn(c[i]);
        if (s != 0) {
            if (last != 0 && s != last)
                changes++;
            last = s;
        }
    }
    return changes;
}

/* What the search needs to know about one kind of flows. */
typedef struct flows {
    mpz_t *c;
    const int *days;    /* NULL: periodic, c[t] at period t            */
    int n;
    unsigned long root; /* 1 periodic; the basis B for dated flows      */
    int guess;          /* periodic: the bracket may start from a guess */
} flows_t;

/* Sign of the flows' polynomial at z = a / 2^k, where z = 1 + r
 * (periodic) or z = (1 + r)^(1/B) (dated): Σ c_i a^(D−e_i) 2^(k e_i), e_i
 * the period or day of flow i and D the last. */
static int sign_at(const flows_t *f, const mpz_t a, unsigned long k)
{
    int quick = rp_poly_sign_bounded(f->c, f->days, f->n, a, k);
    if (quick != RP_SIGN_UNKNOWN)
        return quick;
    mpz_t acc, term, power;
    mpz_inits(acc, term, power, NULL);
    unsigned long e0 = f->days ? (unsigned long)f->days[0] : 0;
    mpz_mul_2exp(acc, f->c[0], k * e0);
    for (int i = 1; i < f->n; i++) {
        unsigned long e = f->days ? (unsigned long)f->days[i] : (unsigned long)i;
        unsigned long prev = f->days ? (unsigned long)f->days[i - 1] : (unsigned long)(i - 1);
        if (e > prev) {
            mpz_pow_ui(power, a, e - prev);
            mpz_mul(acc, acc, power);
        }
        mpz_mul_2exp(term, f->c[i], k * e);
        mpz_add(acc, acc, term);
    }
    int s = mpz_sgn(acc);
    mpz_clears(acc, term, power, NULL);
    return s;
}

/* rate = (a / 2^k)^B − 1, exactly. */
static void rate_at(mpq_t rate, const mpz_t a, unsigned long k, unsigned long root)
{
    mpz_pow_ui(mpq_numref(rate), a, root);
    mpz_set_ui(mpq_denref(rate), 1);
    mpz_mul_2exp(mpq_denref(rate), mpq_denref(rate), k * root);
    mpq_canonicalize(rate); /* a power of two, never 0 */
    mpz_sub(mpq_numref(rate), mpq_numref(rate), mpq_denref(rate));
}

/* a = the grid point of rate r at k bits: ⌊((1 + r) 2^(kB))^(1/B)⌋. */
static void grid_point(mpz_t a, const mpq_t r, unsigned long k, unsigned long root)
{
    mpq_t x;
    mpq_init(x);
    mpq_set_ui(x, 1, 1);
    rp_qadd(x, x, r);
    mpz_mul_2exp(mpq_numref(x), mpq_numref(x), k * root);
    mpz_fdiv_q(a, mpq_numref(x), mpq_denref(x));
    mpz_root(a, a, root);
    mpq_clear(x);
}

/* Narrows [lo, hi] (both at k bits, signs slo ≠ shi) to the precision and
 * stores it as root number out->count. */
static void narrow(rp_irr_t *out, const flows_t *f, mpz_t lo, mpz_t hi, unsigned long k, int slo,
                   const mpq_t precision)
{
    mpq_t rlo, rhi, width;
    mpz_t mid;
    mpq_inits(rlo, rhi, width, NULL);
    mpz_init(mid);
    for (int i = 0; i < MAX_HALVINGS; i++) {
        rate_at(rlo, lo, k, f->root);
        rate_at(rhi, hi, k, f->root);
        rp_qsub(width, rhi, rlo);
        if (mpq_cmp(width, precision) <= 0)
            break;
        mpz_add(mid, lo, hi); /* the midpoint, at one more bit */
        mpz_mul_2exp(lo, lo, 1);
        mpz_mul_2exp(hi, hi, 1);
        k++;
        int s = sign_at(f, mid, k);
        if (s == 0) { /* an exact root */
            mpz_set(lo, mid);
            mpz_set(hi, mid);
        } else if (s == slo) {
            mpz_set(lo, mid);
        } else {
            mpz_set(hi, mid);
        }
    }
    rate_at(out->roots[out->count].low, lo, k, f->root);
    rate_at(out->roots[out->count].high, hi, k, f->root);
    out->count++;
    mpz_clear(mid);
    mpq_clears(rlo, rhi, width, NULL);
}

/* ---- one sign change: the bracket from a guess ------------------------
 * Descartes: periodic flows with one sign change have exactly one positive
 * root, and it is simple. The scan and halving below end, in the grid cell
 * [a_j, a_j+1] holding it, after h halvings (the first h at which the
 * width D / 2^(GRID_BITS+h) is within the precision, D = a_j+1 − a_j)
 * with the dyadic cell [2^h a_j + m D, 2^h a_j + (m + 1) D] that holds the
 * root: each halving keeps the half whose ends differ in sign. So a cell
 * of that level whose ends are proved to have the signs before and after
 * the root (neither 0: the root is on no end) is exactly that bracket.
 * A floating-point guess (root_guess.c) says which m to try; exact signs
 * prove it, and a wrong guess only costs more signs or the scan. */

#define GUESS_MAX_HALVINGS 62 /* m counts cells in an int64_t */
#define STEP_MAX ((int64_t)1 << 61) /* the gallop's steps stop doubling here */
#define GUESS_ON_POINT 1e-12 /* a guess this close to a grid point: try it */

/* point = 2^h a_j + m D, for m < 2^62 (split: long may be 32 bits) */
static void cell_point(mpz_t point, const mpz_t base, const mpz_t d, int64_t m)
{
    mpz_set_ui(point, (unsigned long)((uint64_t)m >> 31));
    mpz_mul_2exp(point, point, 31);
    mpz_add_ui(point, point, (unsigned long)((uint64_t)m & 0x7FFFFFFFu));
    mpz_mul(point, point, d);
    mpz_add(point, point, base);
}

typedef struct cells {
    const flows_t *f;
    mpz_t base, d, point;
    unsigned long k;
} cells_t;

static int cell_sign(cells_t *c, int64_t m)
{
    cell_point(c->point, c->base, c->d, m);
    return sign_at(c->f, c->point, c->k);
}

/* The halvings narrow() makes in a cell D wide, or −1 beyond the guess's. */
static int halvings(const mpz_t d, const mpq_t precision)
{
    mpz_t lhs, rhs;
    mpz_inits(lhs, rhs, NULL);
    mpz_mul(lhs, d, mpq_denref(precision));
    mpz_mul_2exp(rhs, mpq_numref(precision), GRID_BITS);
    int h = 0;
    while (mpz_cmp(lhs, rhs) > 0 && h <= GUESS_MAX_HALVINGS) {
        mpz_mul_2exp(rhs, rhs, 1);
        h++;
    }
    mpz_clears(lhs, rhs, NULL);
    return h <= GUESS_MAX_HALVINGS ? h : -1;
}

/* Finds cells lo < hi (ends, 0 … 2^h) with proved signs before and after
 * the root and hi = lo + 1, starting at the guess m: 1 found, 0 not. */
static int prove_cell(cells_t *c, int64_t m, int64_t top, int before, int64_t *found)
{
    int after = -before;
    int64_t lo = m, hi = m + 1, step = 1;
    int slo = cell_sign(c, lo), shi = cell_sign(c, hi);
    while (slo == after) { /* the root lies left of the guess */
        if (lo == 0)
            return 0;
        hi = lo;
        shi = slo;
        lo = lo > step ? lo - step : 0;
        step = step < STEP_MAX ? 2 * step : step;
        slo = cell_sign(c, lo);
    }
    while (shi == before) { /* right of it */
        if (hi == top)
            return 0;
        lo = hi;
        slo = shi;
        hi = top - hi > step ? hi + step : top;
        step = step < STEP_MAX ? 2 * step : step;
        shi = cell_sign(c, hi);
    }
    if (slo != before || shi != after)
        return 0; /* a root on an end: the scan knows what to do */
    while (hi - lo > 1) {
        int64_t mid = lo + (hi - lo) / 2;
        int s = cell_sign(c, mid);
        if (s == before)
            lo = mid;
        else if (s == after)
            hi = mid;
        else
            return 0;
    }
    *found = lo;
    return 1;
}

/* The scan's bracket for flows with one sign change, into r: 1 done, 0
 * when the guess does not lead to a proof (the caller scans). */
static int guessed_bracket(rp_irr_t *r, const flows_t *f, mpz_t const *a, const mpq_t precision)
{
    if (!f->guess || f->days || f->root != 1)
        return 0;
    int first = 0, last = f->n - 1;
    while (mpz_sgn(f->c[first]) == 0)
        first++;
    while (mpz_sgn(f->c[last]) == 0)
        last--;
    /* z → 0: the lowest power, the last flow, leads; z → ∞: the first */
    int before = mpz_sgn(f->c[last]);
    /* floating point only to say where to look: prove_cell decides */
    const double unit = (double)((uint64_t)1 << GRID_BITS); /* grid points < 2^53: exact */
    double z, dz;
    if (!rp_poly_root_guess(&z, &dz, f->c, f->n, mpz_get_d(a[0]) / unit,
                            mpz_get_d(a[GRID_COUNT - 1]) / unit))
        return 0;
    int j = 0;
    while (j + 2 < GRID_COUNT && mpz_get_d(a[j + 1]) / unit <= z)
        j++;
    /* a root on a grid point (a zero rate: flows that sum to nothing) is
     * the scan's exact root there */
    for (int e = j; e <= j + 1; e++) {
        double x = mpz_get_d(a[e]) / unit, gap = z > x ? z - x : x - z;
        if (gap <= x * GUESS_ON_POINT && sign_at(f, a[e], GRID_BITS) == 0) {
            rate_at(r->roots[0].low, a[e], GRID_BITS, 1);
            mpq_set(r->roots[0].high, r->roots[0].low);
            r->count = 1;
            return 1;
        }
    }
    cells_t c = {.f = f};
    mpz_inits(c.base, c.d, c.point, NULL);
    mpz_sub(c.d, a[j + 1], a[j]);
    int h = halvings(c.d, precision), ok = h >= 0;
    int64_t m = 0;
    if (ok) {
        int64_t top = (int64_t)1 << h;
        double u = (z * unit - mpz_get_d(a[j]) + dz * unit) / mpz_get_d(c.d) * (double)top;
        m = !(u > 0) ? 0 : u >= (double)(top - 1) ? top - 1 : (int64_t)u; /* NaN: 0 */
        mpz_mul_2exp(c.base, a[j], (mp_bitcnt_t)h);
        c.k = GRID_BITS + (unsigned long)h;
        ok = prove_cell(&c, m, top, before, &m);
    }
    if (ok) {
        cell_point(c.point, c.base, c.d, m);
        rate_at(r->roots[0].low, c.point, c.k, 1);
        cell_point(c.point, c.base, c.d, m + 1);
        rate_at(r->roots[0].high, c.point, c.k, 1);
        r->count = 1;
    }
    mpz_clears(c.base, c.d, c.point, NULL);
    return ok;
}

static rp_status search(rp_irr_t *out, const flows_t *f, const mpq_t precision, rp_error *err)
{
    rp_irr_t r;
    rp_irr_init(&r);
    r.sign_changes = sign_changes(f->c, f->n);
    mpz_t a[GRID_COUNT], lo, hi;
    int s[GRID_COUNT];
    mpq_t rate;
    mpq_init(rate);
    mpz_inits(lo, hi, NULL);
    for (int j = 0; j < GRID_COUNT; j++) {
        mpz_init(a[j]);
        if (f->root == 1) { /* ⌊(1 + r) 2^k⌋ in integers */
            mpz_set_ui(a[j], (unsigned long)(GRID_DENOMINATOR + grid_rates[j]));
            mpz_mul_2exp(a[j], a[j], GRID_BITS);
            mpz_fdiv_q_ui(a[j], a[j], GRID_DENOMINATOR);
        } else {
            mpq_set_si(rate, grid_rates[j], GRID_DENOMINATOR);
            mpq_canonicalize(rate);
            grid_point(a[j], rate, GRID_BITS, f->root);
        }
        s[j] = SIGN_NOT_EVALUATED;
    }
    if (r.sign_changes == 1 && guessed_bracket(&r, f, a, precision)) {
        for (int j = 0; j < GRID_COUNT; j++)
            s[j] = 1; /* proved above: nothing left for the scan below */
    } else if (r.sign_changes == 1) {
        /* Descartes: one sign change, exactly one positive root, and it is
         * simple: the signs along the grid are L before it, 0 on it, −L
         * after it. A binary search fills in what the full scan below
         * would find, with ~7 evaluations instead of one per point. */
        int last = GRID_COUNT - 1;
        s[0] = sign_at(f, a[0], GRID_BITS);
        s[last] = sign_at(f, a[last], GRID_BITS);
        /* right: the first point at or after the root (s[left] = s[0]) */
        int left = 0, right = s[0] == 0 ? 0 : last;
        if (s[0] != 0 && s[last] != 0 && s[0] != s[last]) {
            while (right - left > 1) {
                int mid = (left + right) / 2;
                s[mid] = sign_at(f, a[mid], GRID_BITS);
                if (s[mid] == s[0])
                    left = mid;
                else
                    right = mid;
            }
        }
        int before = s[0] != 0 ? s[0] : -s[last], after = s[last] != 0 ? s[last] : -s[0];
        if (s[0] == s[last]) /* no root on the grid's span */
            before = after = s[0];
        for (int j = 0; j < GRID_COUNT; j++)
            if (s[j] == SIGN_NOT_EVALUATED)
                s[j] = j < right ? before : after;
    } else {
        for (int j = 0; j < GRID_COUNT; j++)
            s[j] = sign_at(f, a[j], GRID_BITS);
    }
    for (int j = 0; j < GRID_COUNT && r.count < RP_MAX_ROOTS; j++) {
        if (s[j] == 0) {
            rate_at(r.roots[r.count].low, a[j], GRID_BITS, f->root);
            mpq_set(r.roots[r.count].high, r.roots[r.count].low);
            r.count++;
        } else if (j + 1 < GRID_COUNT && s[j + 1] != 0 && s[j + 1] != s[j]) {
            mpz_set(lo, a[j]);
            mpz_set(hi, a[j + 1]);
            narrow(&r, f, lo, hi, GRID_BITS, s[j], precision);
        }
    }
    for (int j = 0; j < GRID_COUNT; j++)
        mpz_clear(a[j]);
    mpz_clears(lo, hi, NULL);
    mpq_clear(rate);
    /* swap the result in */
    rp_irr_t old = *out;
    *out = r;
    rp_irr_clear(&old);
    (void)err;
    return RP_OK;
}

static rp_status check_flows(mpq_t const *flows, int n, const mpq_t precision, rp_error *err)
{
    if (n < 2)
        return rp_fail(err, RP_E_VALUE, NULL, "a rate of return needs at least two cash flows");
    if (n > RP_MAX_FLOWS)
        return rp_fail(err, RP_E_RANGE, NULL, "at most %d cash flows", RP_MAX_FLOWS);
    if (mpq_sgn(precision) <= 0)
        return rp_fail(err, RP_E_VALUE, NULL, "precision must be greater than 0");
    int any = 0;
    for (int i = 0; i < n; i++)
        any |= mpq_sgn(flows[i]) != 0;
    if (!any)
        return rp_fail(err, RP_E_VALUE, NULL, "every cash flow is zero: any rate fits");
    return RP_OK;
}

static rp_status periodic(rp_irr_t *out, mpq_t const *flows, int n, const mpq_t precision,
                          int guess, rp_error *err)
{
    rp_status st = check_flows(flows, n, precision, err);
    if (st != RP_OK)
        return st;
    flows_t f = {integer_flows(flows, n), NULL, n, 1, guess};
    if (!f.c)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    st = search(out, &f, precision, err);
    free_flows(f.c, n);
    return st;
}

rp_status rp_irr_periodic(rp_irr_t *out, mpq_t const *flows, int n, const mpq_t precision,
                          rp_error *err)
{
    return periodic(out, flows, n, precision, 1, err);
}

rp_status rp_irr_periodic_scan(rp_irr_t *out, mpq_t const *flows, int n, const mpq_t precision,
                               rp_error *err)
{
    return periodic(out, flows, n, precision, 0, err);
}

static rp_status check_days(const int *days, int n, int basis, rp_error *err)
{
    if (basis != 360 && basis != 365 && basis != 366)
        return rp_fail(err, RP_E_VALUE, NULL, "basis must be 360, 365 or 366");
    for (int i = 0; i < n; i++)
        if (days[i] < 0 || (i > 0 && days[i] < days[i - 1]))
            return rp_fail(err, RP_E_VALUE, NULL, "cash flow dates must not go back in time");
    return RP_OK;
}

rp_status rp_irr_dated(rp_irr_t *out, mpq_t const *flows, const int *days, int n, int basis,
                       const mpq_t precision, rp_error *err)
{
    rp_status st = check_flows(flows, n, precision, err);
    if (st == RP_OK)
        st = check_days(days, n, basis, err);
    if (st != RP_OK)
        return st;
    flows_t f = {integer_flows(flows, n), days, n, (unsigned long)basis, 0};
    if (!f.c)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    st = search(out, &f, precision, err);
    free_flows(f.c, n);
    return st;
}

void rp_npv_periodic(mpq_t out, const mpq_t rate, mpq_t const *flows, int n)
{
    mpq_t x, v;
    mpq_inits(x, v, NULL);
    mpq_set_ui(x, 1, 1);
    rp_qadd(x, x, rate); /* > 0: rate > −1 is the caller's promise */
    for (int t = n - 1; t >= 0; t--) {
        if (t < n - 1)
            mpq_div(v, v, x);
        rp_qadd(v, v, flows[t]);
    }
    mpq_swap(out, v);
    mpq_clears(x, v, NULL);
}

/* XNPV in fixed point: every power of v = (1 + rate)^(−1/basis) is kept
 * as a pair of integers in units of 2^−p, the lower one rounded down and
 * the upper one up at every step, so the true value always lies between.
 * The powers come in date order, each from the one before by squaring the
 * gap (O(log gap) products of p-bit numbers), so the cost is proportional
 * to the flows, not to the days between them: 10,000 flows over three
 * centuries take milliseconds, where the exact sum over a common
 * denominator a^D grew with the span. */

/* r = a·b / 2^p, rounded down (dir < 0) or up; all positive. */
static void fixed_mul(mpz_t r, const mpz_t a, const mpz_t b, unsigned long p, int dir)
{
    mpz_mul(r, a, b);
    if (dir < 0)
        mpz_fdiv_q_2exp(r, r, p);
    else
        mpz_cdiv_q_2exp(r, r, p);
}

/* out = base^e in units of 2^−p (base in the same units), rounded dir. */
static void fixed_pow(mpz_t out, const mpz_t base, unsigned long e, unsigned long p, int dir)
{
    mpz_t b;
    mpz_init_set(b, base);
    mpz_set_ui(out, 1);
    mpz_mul_2exp(out, out, p); /* 1.0 */
    while (e) {
        if (e & 1)
            fixed_mul(out, out, b, p, dir);
        e >>= 1;
        if (e)
            fixed_mul(b, b, b, p, dir);
    }
    mpz_clear(b);
}

/* lo ≤ Σ c_i v^{d_i} · 2^p ≤ hi, with v at p bits. */
static void npv_fixed(mpz_t lo, mpz_t hi, const mpz_t *c, const int *days, int n, const mpq_t rate,
                      unsigned long basis, unsigned long p)
{
    mpz_t a, v_lo, v_hi, pw_lo, pw_hi, step, t;
    mpz_inits(a, v_lo, v_hi, pw_lo, pw_hi, step, t, NULL);
    /* (1 + rate)^(1/basis) · 2^p lies in [a, a + 1): v = its inverse */
    grid_point(a, rate, p, basis);
    mpz_set_ui(t, 1);
    mpz_mul_2exp(t, t, 2 * p);
    mpz_add_ui(step, a, 1);
    mpz_fdiv_q(v_lo, t, step);
    mpz_cdiv_q(v_hi, t, a);
    mpz_set_ui(pw_lo, 1);
    mpz_mul_2exp(pw_lo, pw_lo, p);
    mpz_set(pw_hi, pw_lo);
    mpz_set_ui(lo, 0);
    mpz_set_ui(hi, 0);
    int last = 0;
    for (int i = 0; i < n; i++) {
        if (days[i] > last) {
            unsigned long gap = (unsigned long)(days[i] - last);
            fixed_pow(step, v_lo, gap, p, -1);
            fixed_mul(pw_lo, pw_lo, step, p, -1);
            fixed_pow(step, v_hi, gap, p, +1);
            fixed_mul(pw_hi, pw_hi, step, p, +1);
            last = days[i];
        }
        int positive = mpz_sgn(c[i]) > 0;
        mpz_addmul(lo, c[i], positive ? pw_lo : pw_hi);
        mpz_addmul(hi, c[i], positive ? pw_hi : pw_lo);
    }
    mpz_clears(a, v_lo, v_hi, pw_lo, pw_hi, step, t, NULL);
}

rp_status rp_npv_dated(mpq_t low, mpq_t high, const mpq_t rate, mpq_t const *flows,
                       const int *days, int n, int basis, const mpq_t precision, rp_error *err)
{
    rp_status st = check_days(days, n, basis, err);
    if (st != RP_OK)
        return st;
    if (mpq_cmp_si(rate, -1, 1) <= 0)
        return rp_fail(err, RP_E_VALUE, NULL, "the discount rate must be above −100%%");
    mpz_t *c = integer_flows(flows, n);
    if (!c)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    mpz_t scale, l, h;
    mpz_inits(scale, l, h, NULL);
    mpz_set_ui(scale, 1);
    for (int i = 0; i < n; i++)
        mpz_lcm(scale, scale, mpq_denref(flows[i]));
    mpq_t lo, hi, width;
    mpq_inits(lo, hi, width, NULL);
    /* more bits until the bounds are narrower than the precision asked for */
    for (unsigned long p = 96; p <= 16384; p *= 2) {
        npv_fixed(l, h, c, days, n, rate, (unsigned long)basis, p);
        mpq_set_z(lo, l);
        mpq_set_z(hi, h);
        mpz_mul_2exp(mpq_denref(lo), scale, p);
        mpz_mul_2exp(mpq_denref(hi), scale, p);
        mpq_canonicalize(lo);
        mpq_canonicalize(hi);
        rp_qsub(width, hi, lo);
        if (mpq_cmp(width, precision) <= 0)
            break;
    }
    mpq_set(low, lo);
    mpq_set(high, hi);
    mpq_clears(lo, hi, width, NULL);
    mpz_clears(scale, l, h, NULL);
    free_flows(c, n);
    return RP_OK;
}
