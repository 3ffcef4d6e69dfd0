/*
 * rates.c — a periodic rate of return read as the annual rates a borrower is
 * shown: the nominal APR (the periodic rate × periods a year, PBoC 2021
 * announcement No. 3's IRR method), the effective rate, and the simple rate
 * (labelled, 单利口径); bounds in, bounds out, exactly.
 */
#include "base/internal.h"

void rp_root_times(rp_root_t *out, const rp_root_t *r, int k)
{
    mpq_t x;
    mpq_init(x);
    mpq_set_ui(x, (unsigned long)k, 1);
    mpq_mul(out->low, r->low, x);
    mpq_mul(out->high, r->high, x);
    mpq_clear(x);
}

/* x^ppy of a rational, numerator and denominator apart (they stay coprime). */
static void power(mpq_t out, const mpq_t x, int ppy)
{
    mpz_pow_ui(mpq_numref(out), mpq_numref(x), (unsigned long)ppy);
    mpz_pow_ui(mpq_denref(out), mpq_denref(x), (unsigned long)ppy);
}

void rp_root_ear(rp_root_t *out, const rp_root_t *irr, int ppy)
{
    /* EAR = (1 + irr)^ppy − 1, rising in irr: the ends map to the ends */
    mpq_t one, x;
    mpq_inits(one, x, NULL);
    mpq_set_ui(one, 1, 1);
    rp_qadd(x, irr->low, one);
    power(out->low, x, ppy);
    rp_qsub(out->low, out->low, one);
    rp_qadd(x, irr->high, one);
    power(out->high, x, ppy);
    rp_qsub(out->high, out->high, one);
    mpq_clears(one, x, NULL);
}

void rp_precision_per_period(mpq_t out, const mpq_t precision, int ppy)
{
    mpq_set_ui(out, (unsigned long)ppy * 1000UL, 1);
    mpq_div(out, precision, out); /* ppy ≥ 1 */
}

void rp_flows_simple_rate(mpq_t out, const rp_flows_t *f, const mpq_t principal)
{
    mpq_t charges, years;
    mpq_inits(charges, years, NULL);
    for (int t = 0; t < f->n; t++)
        rp_qadd(charges, charges, f->amounts[t]);
    mpq_neg(charges, charges); /* payments − net received = interest + fees */
    if (mpq_sgn(principal) != 0)
        mpq_div(charges, charges, principal);
    rp_flows_years(years, f); /* to the last payment, odd days included */
    if (mpq_sgn(years) > 0)
        mpq_div(charges, charges, years);
    mpq_swap(out, charges);
    mpq_clears(charges, years, NULL);
}

rp_status rp_flows_npv_nominal(mpq_t out, const rp_flows_t *f, const mpq_t annual, rp_error *err)
{
    mpq_t i;
    mpq_init(i);
    mpq_set_ui(i, (unsigned long)f->periods_per_year, 1);
    mpq_div(i, annual, i); /* periods_per_year ≥ 1 */
    rp_status st = rp_flows_npv(out, f, i, err);
    mpq_clear(i);
    return st;
}

void rp_rate_per_period(mpq_t out, const mpq_t annual, int periods_per_year)
{
    mpq_t k;
    mpq_init(k);
    mpq_set_ui(k, (unsigned long)(periods_per_year > 0 ? periods_per_year : 1), 1);
    mpq_div(out, annual, k);
    mpq_clear(k);
}
