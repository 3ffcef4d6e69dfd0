/*
 * qsum.c — sums of exact amounts, fast where money lives.
 *
 * mpq_add reduces with gcds of whole mpz values and temporaries. Amounts
 * and rates here nearly always have small denominators (a power of ten
 * over a few small factors), so the common denominator and the final
 * reduction fit in a machine word: a·(l/da) ± b·(l/db) over l, then one
 * gcd with the word l. The result is the same canonical rational as
 * mpq_add/mpq_sub give (tests/base/test_round.c checks them against each other);
 * anything larger goes to GMP.
 */
#include <limits.h>

#include "units.h"

/* r = a + sign·b; returns 0 if the denominators are too large (r untouched). */
static int small_sum(mpq_ptr r, mpq_srcptr a, mpq_srcptr b, int sign)
{
    if (!mpz_fits_ulong_p(mpq_denref(a)) || !mpz_fits_ulong_p(mpq_denref(b)))
        return 0;
    unsigned long da = mpz_get_ui(mpq_denref(a)), db = mpz_get_ui(mpq_denref(b));
    unsigned long g = (unsigned long)rp_gcd_u64(da, db);
    unsigned long ua = db / g, ub = da / g; /* l = da·ua = db·ub */
    if (ua > ULONG_MAX / da)
        return 0;
    unsigned long l = da * ua;
    if (a == b) {
        if (sign > 0)
            mpz_mul_2exp(mpq_numref(r), mpq_numref(a), 1);
        else
            mpz_set_ui(mpq_numref(r), 0);
    } else if (r == b) {
        /* b is overwritten first: r = sign·b·ub + a·ua */
        mpz_mul_ui(mpq_numref(r), mpq_numref(b), ub);
        if (sign < 0)
            mpz_neg(mpq_numref(r), mpq_numref(r));
        mpz_addmul_ui(mpq_numref(r), mpq_numref(a), ua);
    } else {
        mpz_mul_ui(mpq_numref(r), mpq_numref(a), ua);
        if (sign > 0)
            mpz_addmul_ui(mpq_numref(r), mpq_numref(b), ub);
        else
            mpz_submul_ui(mpq_numref(r), mpq_numref(b), ub);
    }
    /* reduce by gcd(num, l); a zero numerator gives l, hence 0/1 */
    unsigned long h = mpz_gcd_ui(NULL, mpq_numref(r), l);
    if (h > 1)
        mpz_divexact_ui(mpq_numref(r), mpq_numref(r), h);
    mpz_set_ui(mpq_denref(r), l / h);
    return 1;
}

/* r = a + sign·b when a or b is 0 (most components of most items are). */
static int zero_sum(mpq_ptr r, mpq_srcptr a, mpq_srcptr b, int sign)
{
    if (mpq_sgn(b) == 0) {
        if (r != a)
            mpq_set(r, a);
        return 1;
    }
    if (mpq_sgn(a) == 0) {
        if (sign > 0)
            mpq_set(r, b);
        else
            mpq_neg(r, b);
        return 1;
    }
    return 0;
}

void rp_qadd(mpq_ptr r, mpq_srcptr a, mpq_srcptr b)
{
    if (!zero_sum(r, a, b, +1) && !small_sum(r, a, b, +1))
        mpq_add(r, a, b);
}

void rp_qsub(mpq_ptr r, mpq_srcptr a, mpq_srcptr b)
{
    if (!zero_sum(r, a, b, -1) && !small_sum(r, a, b, -1))
        mpq_sub(r, a, b);
}
