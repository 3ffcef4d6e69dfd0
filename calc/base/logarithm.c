/*
 * logarithm.c — the natural logarithm of a rational, within proven bounds.
 * A logarithm of a rational is irrational (but at 1), so, as the IRR is
 * bracketed rather than "converged", ln x is found as two rationals that
 * hold it: x = 2^k·m with 1 ≤ m < 2, ln m = 2·atanh(z) with z =
 * (m − 1)/(m + 1) < 1/3, summed term by term (each term rounded outward to
 * a multiple of 2^−(bits + GUARD_BITS)), plus the series' tail bound;
 * ln 2 = 2·atanh(1/3) the same way. No floating point.
 */
#include "internal.h"

/* bits beyond those asked for, lost to the rounding of the terms */
#define GUARD_BITS 16

/* lo ≤ 2·atanh(z) ≤ hi for a rational 0 ≤ z ≤ 1/3, both multiples of
 * 2^−p; hi − lo ≤ 2^−(p − GUARD_BITS + 1). */
static void atanh2(mpz_t lo, mpz_t hi, const mpq_t z, unsigned long p)
{
    mpz_t term, num, den;
    mpz_inits(term, num, den, NULL);
    mpq_t power, z2;
    mpq_inits(power, z2, NULL);
    mpq_mul(z2, z, z);
    mpq_set(power, z);
    mpz_set_ui(lo, 0);
    mpz_set_ui(hi, 0);
    for (unsigned long j = 0;; j++) {
        /* 2·z^(2j+1)/(2j+1), scaled by 2^p, floored into lo and ceiled into hi */
        mpz_mul_2exp(num, mpq_numref(power), p + 1);
        mpz_mul_ui(den, mpq_denref(power), 2 * j + 1);
        mpz_fdiv_q(term, num, den);
        mpz_add(lo, lo, term);
        mpz_cdiv_q(term, num, den);
        mpz_add(hi, hi, term);
        mpq_mul(power, power, z2);
        /* the tail: 2·z^(2j+3)/((2j+3)(1 − z²)) ≤ 2·z^(2j+3)·(9/8) < 3·z^(2j+3) */
        mpz_mul_2exp(num, mpq_numref(power), p);
        mpz_mul_ui(num, num, 3);
        mpz_cdiv_q(term, num, mpq_denref(power));
        if (mpz_cmp_ui(term, 1) <= 0 || mpq_sgn(z) == 0) {
            mpz_add(hi, hi, term);
            break;
        }
    }
    mpq_clears(power, z2, NULL);
    mpz_clears(term, num, den, NULL);
}

void rp_ln_bounds(mpq_t lo, mpq_t hi, const mpq_t x, unsigned long bits)
{
    unsigned long p = bits + GUARD_BITS;
    /* x = 2^k · m, 1 ≤ m < 2 */
    long k = (long)mpz_sizeinbase(mpq_numref(x), 2) - (long)mpz_sizeinbase(mpq_denref(x), 2);
    mpq_t m, z;
    mpq_inits(m, z, NULL);
    if (k >= 0)
        mpq_div_2exp(m, x, (unsigned long)k);
    else
        mpq_mul_2exp(m, x, (unsigned long)-k);
    if (mpq_cmp_ui(m, 1, 1) < 0) {
        mpq_mul_2exp(m, m, 1);
        k--;
    } else if (mpq_cmp_ui(m, 2, 1) >= 0) {
        mpq_div_2exp(m, m, 1);
        k++;
    }
    mpz_t mlo, mhi, llo, lhi, t;
    mpz_inits(mlo, mhi, llo, lhi, t, NULL);
    /* z = (m − 1)/(m + 1) */
    mpz_sub(mpq_numref(z), mpq_numref(m), mpq_denref(m));
    mpz_add(mpq_denref(z), mpq_numref(m), mpq_denref(m));
    mpq_canonicalize(z); /* m + 1 > 0 */
    atanh2(mlo, mhi, z, p);
    mpq_set_ui(z, 1, 3);
    atanh2(llo, lhi, z, p); /* ln 2 */
    /* ln x = k·ln 2 + ln m: the bounds of k·ln 2 swap when k < 0 */
    if (k >= 0) {
        mpz_mul_ui(t, llo, (unsigned long)k);
        mpz_add(mlo, mlo, t);
        mpz_mul_ui(t, lhi, (unsigned long)k);
        mpz_add(mhi, mhi, t);
    } else {
        mpz_mul_ui(t, lhi, (unsigned long)-k);
        mpz_sub(mlo, mlo, t);
        mpz_mul_ui(t, llo, (unsigned long)-k);
        mpz_sub(mhi, mhi, t);
    }
    mpq_set_z(lo, mlo);
    mpq_div_2exp(lo, lo, p);
    mpq_set_z(hi, mhi);
    mpq_div_2exp(hi, hi, p);
    mpz_clears(mlo, mhi, llo, lhi, t, NULL);
    mpq_clears(m, z, NULL);
}
