/*
 * tvm.c — the time value of money a spreadsheet user brings: future value,
 * present value, payment, number of periods and rate of an annuity, as
 * FV(), PV(), PMT(), NPER() and RATE() define them (signs: money paid out
 * negative; type 0 pays at the end of each period, type 1 at its start):
 *
 *     pv·(1 + r)^n + pmt·(1 + r·type)·((1 + r)^n − 1)/r + fv = 0
 *
 * (at r = 0: pv + pmt·n + fv = 0). FV, PV and PMT over whole periods are
 * rationals, given exactly; NPER is a ratio of logarithms, given within
 * proven bounds (base/logarithm.c); RATE is the IRR of the annuity's flows
 * (yield.c), bracketed as every rate of return is.
 */
#include <stdlib.h>

#include "base/internal.h"

const char *const rp_tvm_names[RP_TVM_COUNT] = {
    [RP_TVM_FV] = "fv",         [RP_TVM_PV] = "pv",           [RP_TVM_PMT] = "pmt",
    [RP_TVM_NPER] = "nper",     [RP_TVM_RATE] = "rate",       [RP_TVM_IPMT] = "ipmt",
    [RP_TVM_PPMT] = "ppmt",     [RP_TVM_CUMIPMT] = "cumipmt", [RP_TVM_CUMPRINC] = "cumprinc",
};

void rp_tvm_init(rp_tvm_t *t)
{
    mpq_inits(t->rate, t->nper, t->pmt, t->pv, t->fv, NULL);
    t->type = 0;
    t->per = t->first = t->last = 0;
}

void rp_tvm_clear(rp_tvm_t *t)
{
    mpq_clears(t->rate, t->nper, t->pmt, t->pv, t->fv, NULL);
}

/* grown = (1 + r)^n, annuity = (1 + r·type)·((1 + r)^n − 1)/r (n at r = 0):
 * what pv and pmt have become at the end of period n, per unit. */
static void factors(mpq_t grown, mpq_t annuity, const rp_tvm_t *t, unsigned long n)
{
    if (mpq_sgn(t->rate) == 0) {
        mpq_set_ui(grown, 1, 1);
        mpq_set_ui(annuity, n, 1);
        return;
    }
    mpq_t one;
    mpq_init(one);
    mpq_set_ui(one, 1, 1);
    mpq_add(grown, one, t->rate);
    mpz_pow_ui(mpq_numref(grown), mpq_numref(grown), n);
    mpz_pow_ui(mpq_denref(grown), mpq_denref(grown), n); /* canonical stays canonical */
    mpq_sub(annuity, grown, one);
    mpq_div(annuity, annuity, t->rate); /* r ≠ 0 */
    if (t->type) {
        mpq_add(one, one, t->rate);
        mpq_mul(annuity, annuity, one);
    }
    mpq_clear(one);
}

static rp_status whole_periods(unsigned long *n, const rp_tvm_t *t, rp_error *err)
{
    if (mpz_cmp_ui(mpq_denref(t->nper), 1) != 0 || mpq_sgn(t->nper) <= 0 ||
        mpz_cmp_ui(mpq_numref(t->nper), RP_MAX_FLOWS) > 0)
        return rp_fail(err, RP_E_VALUE, "nper",
                       "nper must be a whole number of periods, 1 to %d, for an exact answer",
                       RP_MAX_FLOWS);
    *n = mpz_get_ui(mpq_numref(t->nper));
    return RP_OK;
}

/* The level payment of t over n periods: −(fv + pv·grown) / annuity. */
static rp_status payment(mpq_t out, const rp_tvm_t *t, unsigned long n, rp_error *err)
{
    mpq_t grown, annuity;
    mpq_inits(grown, annuity, NULL);
    factors(grown, annuity, t, n);
    rp_status st = RP_OK;
    if (mpq_sgn(annuity) == 0) {
        st = rp_fail(err, RP_E_VALUE, "rate", "no payment fits these terms");
    } else {
        mpq_mul(grown, t->pv, grown);
        mpq_add(grown, grown, t->fv);
        mpq_div(out, grown, annuity);
        mpq_neg(out, out);
    }
    mpq_clears(grown, annuity, NULL);
    return st;
}

/* What pv and pmt are worth after k periods, as FV gives it: −(pv·grown +
 * pmt·annuity) over k. */
static void value_after(mpq_t out, const rp_tvm_t *t, const mpq_t pmt, unsigned long k)
{
    mpq_t grown, annuity;
    mpq_inits(grown, annuity, NULL);
    factors(grown, annuity, t, k);
    mpq_mul(grown, t->pv, grown);
    mpq_mul(annuity, pmt, annuity);
    mpq_add(out, grown, annuity);
    mpq_neg(out, out);
    mpq_clears(grown, annuity, NULL);
}

/* IPMT of period per, given the payment: FV(per − 1)·r (type 0), or
 * (FV(per − 2) − pmt)·r (type 1; nothing in the first period). */
static void interest_part(mpq_t out, const rp_tvm_t *t, const mpq_t pmt, int per)
{
    if (t->type && per == 1) {
        mpq_set_ui(out, 0, 1);
        return;
    }
    value_after(out, t, pmt, (unsigned long)(per - (t->type ? 2 : 1)));
    if (t->type)
        mpq_sub(out, out, pmt);
    mpq_mul(out, out, t->rate);
}

/* IPMT, PPMT, CUMIPMT, CUMPRINC from the level payment. */
static rp_status parts(mpq_t out, rp_tvm_solve what, const rp_tvm_t *t, unsigned long n,
                       rp_error *err)
{
    int cumulative = what == RP_TVM_CUMIPMT || what == RP_TVM_CUMPRINC;
    int first = cumulative ? t->first : t->per, last = cumulative ? t->last : t->per;
    if (first < 1 || last < first || (unsigned long)last > n)
        return rp_fail(err, RP_E_VALUE, cumulative ? "start_period" : "per",
                       cumulative ? "the periods must run from 1 to nper, start first"
                                  : "per must be a period from 1 to nper");
    mpq_t pmt, part;
    mpq_inits(pmt, part, NULL);
    rp_status st = payment(pmt, t, n, err);
    mpq_set_ui(out, 0, 1);
    for (int per = first; st == RP_OK && per <= last; per++) {
        interest_part(part, t, pmt, per);
        if (what == RP_TVM_PPMT || what == RP_TVM_CUMPRINC)
            mpq_sub(part, pmt, part);
        mpq_add(out, out, part);
    }
    mpq_clears(pmt, part, NULL);
    return st;
}

rp_status rp_tvm_exact(mpq_t out, rp_tvm_solve what, const rp_tvm_t *t, rp_error *err)
{
    unsigned long n;
    if (mpq_cmp_si(t->rate, -1, 1) <= 0)
        return rp_fail(err, RP_E_VALUE, "rate", "the rate must be above −100%% a period");
    rp_status st = whole_periods(&n, t, err);
    if (st != RP_OK)
        return st;
    mpq_t grown, annuity, x;
    mpq_inits(grown, annuity, x, NULL);
    factors(grown, annuity, t, n);
    switch (what) {
    case RP_TVM_FV: /* fv = −(pv·grown + pmt·annuity) */
        value_after(out, t, t->pmt, n);
        break;
    case RP_TVM_PV: /* pv = −(fv + pmt·annuity) / grown */
        mpq_mul(x, t->pmt, annuity);
        mpq_add(x, x, t->fv);
        mpq_div(out, x, grown); /* (1 + r)^n > 0 */
        mpq_neg(out, out);
        break;
    case RP_TVM_PMT: /* pmt = −(fv + pv·grown) / annuity */
        st = payment(out, t, n, err);
        break;
    case RP_TVM_IPMT:
    case RP_TVM_PPMT:
    case RP_TVM_CUMIPMT:
    case RP_TVM_CUMPRINC:
        st = parts(out, what, t, n, err);
        break;
    default:
        st = rp_fail(err, RP_E_INTERNAL, NULL, "rp_tvm_exact does not solve %s", rp_tvm_names[what]);
    }
    mpq_clears(grown, annuity, x, NULL);
    return st;
}

/* The bounds of a/b for intervals a = [a0, a1], b = [b0, b1] not holding 0. */
static void divide_bounds(rp_root_t *out, const mpq_t a0, const mpq_t a1, const mpq_t b0,
                          const mpq_t b1)
{
    mpq_t q[4];
    mpq_srcptr num[4] = {a0, a0, a1, a1}, den[4] = {b0, b1, b0, b1};
    for (int i = 0; i < 4; i++) {
        mpq_init(q[i]);
        mpq_div(q[i], num[i], den[i]);
    }
    mpq_set(out->low, q[0]);
    mpq_set(out->high, q[0]);
    for (int i = 1; i < 4; i++) {
        if (mpq_cmp(q[i], out->low) < 0)
            mpq_set(out->low, q[i]);
        if (mpq_cmp(q[i], out->high) > 0)
            mpq_set(out->high, q[i]);
    }
    for (int i = 0; i < 4; i++)
        mpq_clear(q[i]);
}

/* NPER = ln((pmt·(1 + r·type) − fv·r) / (pmt·(1 + r·type) + pv·r)) / ln(1 + r), at
 * r = 0 −(pv + fv)/pmt. The logarithms are bounded ever tighter until the
 * quotient is narrower than precision. */
rp_status rp_tvm_nper(rp_root_t *out, const rp_tvm_t *t, const mpq_t precision, rp_error *err)
{
    if (mpq_cmp_si(t->rate, -1, 1) <= 0)
        return rp_fail(err, RP_E_VALUE, "rate", "the rate must be above −100%% a period");
    if (mpq_sgn(t->rate) == 0) {
        if (mpq_sgn(t->pmt) == 0)
            return rp_fail(err, RP_E_VALUE, "pmt", "at a rate of 0 and no payment the balance never changes");
        mpq_add(out->low, t->pv, t->fv);
        mpq_div(out->low, out->low, t->pmt);
        mpq_neg(out->low, out->low);
        mpq_set(out->high, out->low);
        return RP_OK;
    }
    mpq_t paid, a, b, a0, a1, b0, b1, width;
    mpq_inits(paid, a, b, a0, a1, b0, b1, width, NULL);
    mpq_set(paid, t->pmt);
    if (t->type) { /* pmt·(1 + r) */
        mpq_mul(a, t->pmt, t->rate);
        mpq_add(paid, paid, a);
    }
    mpq_mul(a, t->fv, t->rate);
    mpq_sub(a, paid, a);
    mpq_mul(b, t->pv, t->rate);
    mpq_add(b, paid, b);
    rp_status st = RP_OK;
    if (mpq_sgn(b) == 0 || mpq_sgn(a) == 0 || mpq_sgn(a) != mpq_sgn(b)) {
        st = rp_fail(err, RP_E_VALUE, "pmt", "no number of periods fits these terms");
    } else {
        mpq_div(a, a, b);            /* > 0 */
        mpq_set_ui(b, 1, 1);
        mpq_add(b, b, t->rate);      /* > 0, ≠ 1 */
        for (unsigned long bits = 128; bits <= 8192; bits *= 2) {
            rp_ln_bounds(a0, a1, a, bits);
            rp_ln_bounds(b0, b1, b, bits);
            if (mpq_sgn(b0) != mpq_sgn(b1))
                continue; /* ln(1 + r) too close to 0 for these bits */
            divide_bounds(out, a0, a1, b0, b1);
            mpq_sub(width, out->high, out->low);
            if (mpq_cmp(width, precision) <= 0)
                break;
        }
        mpq_sub(width, out->high, out->low);
        if (mpq_cmp(width, precision) > 0)
            st = rp_fail(err, RP_E_RANGE, "rate", "the number of periods cannot be bounded this closely");
    }
    mpq_clears(paid, a, b, a0, a1, b0, b1, width, NULL);
    return st;
}

/* RATE: the rates r where the annuity's flows are worth nothing — its IRR:
 * pv (and a first payment, type 1) now, pmt at each period, fv with the last. */
rp_status rp_tvm_rate(rp_irr_t *out, const rp_tvm_t *t, const mpq_t precision, rp_error *err)
{
    unsigned long n;
    rp_status st = whole_periods(&n, t, err);
    if (st != RP_OK)
        return st;
    mpq_t *flows = malloc(sizeof *flows * (n + 1));
    if (!flows)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    for (unsigned long k = 0; k <= n; k++) {
        mpq_init(flows[k]);
        int pays = t->type ? k < n : k > 0;
        if (pays)
            mpq_set(flows[k], t->pmt);
    }
    mpq_add(flows[0], flows[0], t->pv);
    mpq_add(flows[n], flows[n], t->fv);
    st = rp_irr_periodic(out, (mpq_t const *)flows, (int)n + 1, precision, err);
    for (unsigned long k = 0; k <= n; k++)
        mpq_clear(flows[k]);
    free(flows);
    return st;
}
