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
#include "internal.h"

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

int rp_poly_sign_bounded(mpz_t const *c, const int *days, int n, const mpz_t a, unsigned long k)
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
