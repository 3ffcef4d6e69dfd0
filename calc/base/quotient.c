/*
 * quotient.c — rounding one quotient to an integer under a mode, in GMP
 * integers or in 128-bit words. The one place the rounding modes are
 * decided: rp_round (the unit), decimal text and the fast schedule form all
 * come here, so they cannot disagree.
 */
#include "quotient.h"

int rp_round_up_inexact(rp_round_mode mode, int negative, int half, int q_odd)
{
    switch (mode) {
    case RP_ROUND_FLOOR:
        return 0;
    case RP_ROUND_CEILING:
        return 1;
    case RP_ROUND_DOWN:
        return negative;
    case RP_ROUND_UP:
        return !negative;
    case RP_ROUND_HALF_DOWN:
        return half > 0 || (half == 0 && negative);
    case RP_ROUND_HALF_EVEN:
        return half > 0 || (half == 0 && q_odd);
    case RP_ROUND_HALF_UP:
    default:
        return half > 0 || (half == 0 && !negative);
    }
}

int rp_round_quotient(mpz_t q, mpz_t num, const mpz_t den, rp_round_mode mode)
{
    int negative = mpz_sgn(num) < 0;
    /* num = q·den + r with 0 ≤ r < den */
    mpz_fdiv_qr(q, num, num, den);
    int inexact = mpz_sgn(num) != 0;
    if (inexact) {
        mpz_mul_2exp(num, num, 1);
        int half = mpz_cmp(num, den);
        if (rp_round_up_inexact(mode, negative, half, mpz_odd_p(q)))
            mpz_add_ui(q, q, 1);
    }
    return inexact;
}

int rp_units_round_quotient(int64_t *q, rp_i128 num, rp_i128 den, rp_round_mode mode)
{
    int negative = num < 0;
    rp_i128 whole, rest;
    if (num > INT64_MIN && num <= INT64_MAX && den <= INT64_MAX) {
        whole = (int64_t)num / (int64_t)den; /* a word division where it fits */
        rest = (int64_t)num % (int64_t)den;
    } else {
        whole = num / den; /* truncated toward zero */
        rest = num % den;
    }
    if (rest < 0) { /* to floor: 0 ≤ rest < den */
        whole -= 1;
        rest += den;
    }
    if (rest != 0) {
        int half = rest > den - rest ? 1 : rest == den - rest ? 0 : -1;
        if (rp_round_up_inexact(mode, negative, half, (int)(whole & 1)))
            whole += 1;
    }
    if (whole <= -RP_UNITS_MAX || whole >= RP_UNITS_MAX)
        return 0;
    *q = (int64_t)whole;
    return 1;
}
