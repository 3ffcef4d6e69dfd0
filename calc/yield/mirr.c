/*
 * mirr.c — the modified internal rate of return of periodic flows, as a
 * spreadsheet's MIRR(values, finance_rate, reinvest_rate) defines it: the
 * negative flows discounted to the start at the finance rate, the positive
 * ones carried to the end at the reinvestment rate, and the rate that
 * grows the one into the other over n − 1 periods:
 *
 *     MIRR = (−FV(positive, reinvest) / PV(negative, finance))^(1/(n−1)) − 1.
 *
 * The root of a rational is found within proven bounds, by halving: x^k
 * against the ratio, both exact.
 */
#include "base/internal.h"

/* 1 if x^k > r (x, r > 0), exactly. */
static int power_above(const mpq_t x, unsigned long k, const mpq_t r)
{
    mpz_t a, b;
    mpz_inits(a, b, NULL);
    mpz_pow_ui(a, mpq_numref(x), k);
    mpz_mul(a, a, mpq_denref(r));
    mpz_pow_ui(b, mpq_denref(x), k);
    mpz_mul(b, b, mpq_numref(r));
    int above = mpz_cmp(a, b) > 0;
    mpz_clears(a, b, NULL);
    return above;
}

rp_status rp_mirr(rp_root_t *out, int *found, mpq_t const *flows, int n, const mpq_t finance,
                  const mpq_t reinvest, const mpq_t precision, rp_error *err)
{
    *found = 0;
    if (n < 2 || n > RP_MAX_FLOWS)
        return rp_fail(err, RP_E_VALUE, NULL, "MIRR needs 2 to %d flows", RP_MAX_FLOWS);
    if (mpq_cmp_si(finance, -1, 1) <= 0 || mpq_cmp_si(reinvest, -1, 1) <= 0)
        return rp_fail(err, RP_E_VALUE, NULL, "a rate must be above −100%% a period");
    mpq_t pv, fv, f, g, x, ratio, lo, hi, mid;
    mpq_inits(pv, fv, f, g, x, ratio, lo, hi, mid, NULL);
    mpq_set_ui(f, 1, 1);
    mpq_add(f, f, finance);   /* 1 + finance rate */
    mpq_set_ui(g, 1, 1);
    mpq_add(g, g, reinvest);  /* 1 + reinvestment rate */
    for (int t = 0; t < n; t++) {
        if (mpq_sgn(flows[t]) < 0) { /* c_t / (1 + f)^t */
            mpq_set(x, f);
            mpz_pow_ui(mpq_numref(x), mpq_numref(x), (unsigned long)t);
            mpz_pow_ui(mpq_denref(x), mpq_denref(x), (unsigned long)t);
            mpq_div(x, flows[t], x);
            mpq_add(pv, pv, x);
        } else if (mpq_sgn(flows[t]) > 0) { /* c_t · (1 + g)^(n−1−t) */
            mpq_set(x, g);
            mpz_pow_ui(mpq_numref(x), mpq_numref(x), (unsigned long)(n - 1 - t));
            mpz_pow_ui(mpq_denref(x), mpq_denref(x), (unsigned long)(n - 1 - t));
            mpq_mul(x, flows[t], x);
            mpq_add(fv, fv, x);
        }
    }
    if (mpq_sgn(pv) < 0 && mpq_sgn(fv) > 0) {
        *found = 1;
        mpq_div(ratio, fv, pv);
        mpq_neg(ratio, ratio); /* > 0 */
        unsigned long k = (unsigned long)(n - 1);
        mpq_set_ui(lo, 0, 1);
        mpq_set_ui(hi, 1, 1);
        while (!power_above(hi, k, ratio)) /* a bracket: lo^k ≤ ratio < hi^k */
            mpq_mul_2exp(hi, hi, 1);
        for (;;) {
            mpq_sub(x, hi, lo);
            if (mpq_cmp(x, precision) <= 0)
                break;
            mpq_add(mid, lo, hi);
            mpq_div_2exp(mid, mid, 1);
            if (power_above(mid, k, ratio))
                mpq_set(hi, mid);
            else
                mpq_set(lo, mid);
        }
        mpq_set_ui(x, 1, 1);
        mpq_sub(out->low, lo, x);
        mpq_sub(out->high, hi, x);
    }
    mpq_clears(pv, fv, f, g, x, ratio, lo, hi, mid, NULL);
    return RP_OK;
}
