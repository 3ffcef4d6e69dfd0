/*
 * signbound.c — the sign of a cash-flow polynomial, proved cheaply.
 *
 * yield.c needs the sign of v = Σ c_i z^(D − e_i) at z = a / 2^k, and
 * the exact value costs integers of k·D bits. Most points are far from a
 * root, where 128 bits of the value settle the sign. This file evaluates
 * v by Horner's rule on an interval [low, high] of binary floating-point
 * numbers (an integer mantissa of at most PRECISION bits and an exponent)
 * that every step rounds outward: low down, high up. Multiplying by z > 0
 * keeps the order, so the true v always lies inside. When the interval
 * ends wholly above or below zero, that is a proof of the sign; otherwise
 * the caller falls back to the exact evaluation.
 */
#include "base/units.h"
#include "signbound.h"

#define PRECISION 128 /* bits kept in each bound's mantissa */

typedef struct bound {
    mpz_t m; /* value = m · 2^e */
    long e;
} bound_t;

/* Keeps at most PRECISION bits of x, rounding down (dir < 0) or up. */
static void trim(bound_t *x, int dir)
{
    size_t bits = mpz_sizeinbase(x->m, 2);
    if (mpz_sgn(x->m) != 0 && bits > PRECISION) {
        mp_bitcnt_t s = bits - PRECISION;
        if (dir < 0)
            mpz_fdiv_q_2exp(x->m, x->m, s);
        else
            mpz_cdiv_q_2exp(x->m, x->m, s);
        x->e += (long)s;
    }
}

/* x = x · a / 2^k, rounded in direction dir. */
static void times_z(bound_t *x, const mpz_t a, unsigned long k, int dir)
{
    mpz_mul(x->m, x->m, a);
    x->e -= (long)k;
    trim(x, dir);
}

/* x = x + c (an integer), rounded in direction dir. */
static void plus(bound_t *x, const mpz_t c, mpz_t tmp, int dir)
{
    if (mpz_sgn(c) == 0)
        return;
    long cbits = (long)mpz_sizeinbase(c, 2);
    if (mpz_sgn(x->m) == 0) {
        mpz_set(x->m, c);
        x->e = 0;
    } else if (x->e >= 0 && x->e > cbits + 2) {
        /* |c| < 2^e: less than one unit of x's mantissa */
        if (dir < 0 && mpz_sgn(c) < 0)
            mpz_sub_ui(x->m, x->m, 1);
        else if (dir > 0 && mpz_sgn(c) > 0)
            mpz_add_ui(x->m, x->m, 1);
    } else if (x->e >= 0) {
        mpz_mul_2exp(x->m, x->m, (mp_bitcnt_t)x->e);
        mpz_add(x->m, x->m, c);
        x->e = 0;
    } else if (-x->e > (long)mpz_sizeinbase(x->m, 2) + 2) {
        /* |x| < 1: c, widened by one */
        int s = mpz_sgn(x->m);
        mpz_set(x->m, c);
        x->e = 0;
        if (dir < 0 && s < 0)
            mpz_sub_ui(x->m, x->m, 1);
        else if (dir > 0 && s > 0)
            mpz_add_ui(x->m, x->m, 1);
    } else {
        mpz_mul_2exp(tmp, c, (mp_bitcnt_t)-x->e);
        mpz_add(x->m, x->m, tmp);
    }
    trim(x, dir);
}

/* ---- the word tier: 62-bit mantissas in int64_t, products in 128 bits ----
 * The same outward-rounded Horner evaluation with a machine-word mantissa:
 * ten times cheaper, and precise enough (2^−62 relative per step) to prove
 * the sign almost everywhere an IRR search looks. Undecided → the tier
 * above. A value is m · 2^e with |m| < 2^62, kept normalized (|m| ≥ 2^60
 * unless 0) so that the term with the larger exponent is the larger. */

#define WORD_BITS 62

typedef struct word_bound {
    int64_t m;
    long e;
} word_bound_t;

static int bit_length(rp_u128 v)
{
    uint64_t high = (uint64_t)(v >> 64), low = (uint64_t)v;
    if (high)
        return 128 - __builtin_clzll(high);
    return low ? 64 - __builtin_clzll(low) : 0;
}

/* v / 2^s (s ≥ 0) rounded toward −∞ (dir < 0) or +∞ (dir > 0). */
static rp_i128 shift_out(rp_i128 v, long s, int dir)
{
    if (s == 0 || v == 0)
        return v;
    int negative = v < 0;
    rp_u128 mag = negative ? -(rp_u128)v : (rp_u128)v;
    rp_u128 q = s >= 128 ? 0 : mag >> s;
    int inexact = s >= 128 ? 1 : (q << s) != mag;
    if (inexact && (negative ? dir < 0 : dir > 0))
        q += 1; /* away from zero is the outward direction here */
    return negative ? -(rp_i128)q : (rp_i128)q;
}

/* x = v · 2^e, normalized, rounded in direction dir. */
static void word_set(word_bound_t *x, rp_i128 v, long e, int dir)
{
    if (v == 0) {
        x->m = 0;
        x->e = 0;
        return;
    }
    for (;;) {
        rp_u128 mag = v < 0 ? -(rp_u128)v : (rp_u128)v;
        int bits = bit_length(mag);
        if (bits > WORD_BITS) { /* rounding up may carry into one more bit: loop */
            v = shift_out(v, bits - WORD_BITS, dir);
            e += bits - WORD_BITS;
            continue;
        }
        int up = WORD_BITS - 1 - bits; /* exact: more bits of nothing */
        if (up > 0) {
            v *= (rp_i128)1 << up;
            e -= up;
        }
        x->m = (int64_t)v;
        x->e = e;
        return;
    }
}

/* [lo, hi] bracketing the integer z ≥ 0 (tmp: scratch, not z). */
static void word_interval(word_bound_t *lo, word_bound_t *hi, const mpz_t z, mpz_t tmp)
{
    int64_t exact;
    if (rp_units_from_z(&exact, z)) { /* the common case: it fits, no rounding */
        word_set(lo, exact, 0, -1);
        *hi = *lo;
        return;
    }
    size_t bits = mpz_sizeinbase(z, 2);
    long s = bits > WORD_BITS - 1 ? (long)bits - (WORD_BITS - 1) : 0;
    int64_t low, high;
    mpz_fdiv_q_2exp(tmp, z, (mp_bitcnt_t)s);
    rp_units_from_z(&low, tmp); /* < 2^61 in magnitude: fits */
    mpz_cdiv_q_2exp(tmp, z, (mp_bitcnt_t)s);
    rp_units_from_z(&high, tmp);
    word_set(lo, low, s, -1);
    word_set(hi, high, s, +1);
}

/* x = x · z with z in [zlo, zhi] (z > 0), rounded in direction dir. */
static void word_times(word_bound_t *x, const word_bound_t *zlo, const word_bound_t *zhi, long k,
                       int dir)
{
    if (x->m == 0)
        return;
    /* the end of z that pushes x's bound outward */
    const word_bound_t *z = (x->m > 0) == (dir < 0) ? zlo : zhi;
    word_set(x, (rp_i128)x->m * z->m, x->e + z->e - k, dir);
}

/* x = x + y, rounded in direction dir. */
static void word_plus(word_bound_t *x, const word_bound_t *y, int dir)
{
    if (y->m == 0)
        return;
    if (x->m == 0) {
        *x = *y;
        return;
    }
    /* align to the larger exponent: the smaller term rounds outward */
    long e = x->e > y->e ? x->e : y->e;
    rp_i128 sum = shift_out(x->m, e - x->e, dir) + shift_out(y->m, e - y->e, dir);
    word_set(x, sum, e, dir);
}

int rp_poly_sign_words(mpz_t const *c, const int *days, int n, const mpz_t a, unsigned long k)
{
    mpz_t tmp, magnitude;
    mpz_inits(tmp, magnitude, NULL);
    word_bound_t zlo, zhi, lo = {0, 0}, hi = {0, 0}, clo, chi;
    word_interval(&zlo, &zhi, a, tmp);
    for (int i = 0; i < n; i++) {
        if (i > 0) {
            long gap = days ? days[i] - days[i - 1] : 1;
            for (long g = 0; g < gap; g++) {
                word_times(&lo, &zlo, &zhi, (long)k, -1);
                word_times(&hi, &zlo, &zhi, (long)k, +1);
            }
        }
        mpz_abs(magnitude, c[i]);
        word_interval(&clo, &chi, magnitude, tmp);
        if (mpz_sgn(c[i]) < 0) { /* −[clo, chi] = [−chi, −clo] */
            word_bound_t t = clo;
            clo = (word_bound_t){-chi.m, chi.e};
            chi = (word_bound_t){-t.m, t.e};
        }
        if (i == 0) {
            lo = clo;
            hi = chi;
        } else {
            word_plus(&lo, &clo, -1);
            word_plus(&hi, &chi, +1);
        }
    }
    mpz_clears(tmp, magnitude, NULL);
    return lo.m > 0 ? 1 : hi.m < 0 ? -1 : RP_SIGN_UNKNOWN;
}

int rp_poly_sign_bounded(mpz_t const *c, const int *days, int n, const mpz_t a, unsigned long k)
{
    int sign = rp_poly_sign_words(c, days, n, a, k);
    return sign != RP_SIGN_UNKNOWN ? sign : rp_poly_sign_wide(c, days, n, a, k);
}

int rp_poly_sign_wide(mpz_t const *c, const int *days, int n, const mpz_t a, unsigned long k)
{
    bound_t lo, hi;
    mpz_t tmp;
    mpz_init2(lo.m, 2 * PRECISION + 64);
    mpz_init2(hi.m, 2 * PRECISION + 64);
    mpz_init(tmp);
    mpz_set(lo.m, c[0]);
    mpz_set(hi.m, c[0]);
    lo.e = hi.e = 0;
    trim(&lo, -1);
    trim(&hi, +1);
    for (int i = 1; i < n; i++) {
        long gap = days ? days[i] - days[i - 1] : 1;
        for (long g = 0; g < gap; g++) {
            times_z(&lo, a, k, -1);
            times_z(&hi, a, k, +1);
        }
        plus(&lo, c[i], tmp, -1);
        plus(&hi, c[i], tmp, +1);
    }
    int sign = mpz_sgn(lo.m) > 0 ? 1 : mpz_sgn(hi.m) < 0 ? -1 : RP_SIGN_UNKNOWN;
    mpz_clears(lo.m, hi.m, tmp, NULL);
    return sign;
}
