/*
 * round.c — the rounding context: where money is posted, it is rounded to a
 * whole multiple of a unit under a mode. Nothing else in calc/ rounds money.
 */
#include <limits.h>

#include "quotient.h"

const char *const rp_round_mode_names[RP_ROUND_MODE_COUNT] = {
    [RP_ROUND_HALF_UP] = "half_up",     [RP_ROUND_HALF_EVEN] = "half_even",
    [RP_ROUND_HALF_DOWN] = "half_down", [RP_ROUND_DOWN] = "down",
    [RP_ROUND_UP] = "up",               [RP_ROUND_FLOOR] = "floor",
    [RP_ROUND_CEILING] = "ceiling",
};

void rp_round_init(rp_round_t *rc)
{
    mpq_init(rc->unit);
    mpq_set_ui(rc->unit, 1, 100);
    rc->mode = RP_ROUND_HALF_UP;
    rc->places = 2;
}

void rp_round_clear(rp_round_t *rc)
{
    mpq_clear(rc->unit);
}

rp_status rp_round_set_unit(rp_round_t *rc, const mpq_t unit, rp_error *err)
{
    if (mpq_sgn(unit) <= 0)
        return rp_fail(err, RP_E_VALUE, "unit", "the rounding unit must be greater than 0");
    int places = rp_decimal_places(unit);
    if (places < 0 || places > RP_MAX_UNIT_PLACES)
        return rp_fail(err, RP_E_VALUE, "unit",
                       "the rounding unit must be a decimal with at most %d places, like 0.01 or 0.05",
                       RP_MAX_UNIT_PLACES);
    mpq_t limit;
    mpq_init(limit);
    mpz_ui_pow_ui(mpq_numref(limit), 10, RP_MAX_AMOUNT_DIGITS);
    int too_big = mpq_cmp(unit, limit) >= 0;
    mpq_clear(limit);
    if (too_big)
        return rp_fail(err, RP_E_RANGE, "unit", "the rounding unit must be less than 10^%d",
                       RP_MAX_AMOUNT_DIGITS);
    mpq_set(rc->unit, unit);
    rc->places = places;
    return RP_OK;
}

/* rp_round when x's denominator times the unit's numerator fits a word:
 * everything happens in out's own numerator, no temporaries. Returns -1
 * when it does not apply. */
static int round_small(mpq_t out, const mpq_t x, const rp_round_t *rc)
{
    if (!mpz_fits_ulong_p(mpq_denref(x)) || !mpz_fits_ulong_p(mpq_numref(rc->unit)) ||
        !mpz_fits_ulong_p(mpq_denref(rc->unit)))
        return -1;
    unsigned long xd = mpz_get_ui(mpq_denref(x)), un = mpz_get_ui(mpq_numref(rc->unit));
    unsigned long ud = mpz_get_ui(mpq_denref(rc->unit));
    if (un == 0 || xd > ULONG_MAX / un)
        return -1;
    unsigned long den = xd * un; /* x / unit = (xn · ud) / den */
    int negative = mpz_sgn(mpq_numref(x)) < 0;
    mpz_ptr q = mpq_numref(out); /* out may be x: xn is read first */
    mpz_mul_ui(q, mpq_numref(x), ud);
    unsigned long r = mpz_fdiv_q_ui(q, q, den); /* 0 ≤ r < den */
    int inexact = r != 0;
    if (inexact) {
        int half = r > den - r ? 1 : r == den - r ? 0 : -1;
        if (rp_round_up_inexact(rc->mode, negative, half, mpz_odd_p(q)))
            mpz_add_ui(q, q, 1);
    }
    /* out = q · un / ud, reduced by a word gcd */
    mpz_mul_ui(q, q, un);
    unsigned long g = mpz_gcd_ui(NULL, q, ud);
    if (g > 1)
        mpz_divexact_ui(q, q, g);
    mpz_set_ui(mpq_denref(out), ud / g);
    return inexact;
}

/* out = q · unit, from the count of units q. */
static void units_to_amount(mpq_t out, const mpz_t q, const rp_round_t *rc)
{
    mpz_mul(mpq_numref(out), q, mpq_numref(rc->unit));
    mpz_set(mpq_denref(out), mpq_denref(rc->unit));
    mpq_canonicalize(out); /* the unit's denominator is a small power of ten */
}

/* Rounds a·b·c (c may be NULL) to the unit: one quotient of the raw
 * products, no canonical intermediates (the hot path of every schedule). */
static int round_product(mpq_t out, const mpq_t a, const mpq_t b, const mpq_t c,
                         const rp_round_t *rc)
{
    mpz_t num, den, q;
    mpz_inits(num, den, q, NULL);
    mpz_mul(num, mpq_numref(a), mpq_denref(rc->unit));
    mpz_mul(den, mpq_denref(a), mpq_numref(rc->unit));
    if (b) {
        mpz_mul(num, num, mpq_numref(b));
        mpz_mul(den, den, mpq_denref(b));
    }
    if (c) {
        mpz_mul(num, num, mpq_numref(c));
        mpz_mul(den, den, mpq_denref(c));
    }
    int inexact = rp_round_quotient(q, num, den, rc->mode);
    units_to_amount(out, q, rc);
    mpz_clears(num, den, q, NULL);
    return inexact;
}

int rp_round(mpq_t out, const mpq_t x, const rp_round_t *rc)
{
    int inexact = round_small(out, x, rc);
    return inexact >= 0 ? inexact : round_product(out, x, NULL, NULL, rc);
}

int rp_round_mul(mpq_t out, const mpq_t a, const mpq_t b, const mpq_t c, const rp_round_t *rc)
{
    return round_product(out, a, b, c, rc);
}

/* Whether x is a whole number of units, in words: with x = xn/xd and the
 * unit un/ud both in lowest terms, x / unit = xn·ud / (xd·un) is whole
 * exactly when xd divides ud and un divides xn. Returns -1 when a
 * denominator or the unit's numerator does not fit a word. */
static int whole_in_words(const mpq_t x, const rp_round_t *rc)
{
    if (!mpz_fits_ulong_p(mpq_denref(x)) || !mpz_fits_ulong_p(mpq_numref(rc->unit)) ||
        !mpz_fits_ulong_p(mpq_denref(rc->unit)))
        return -1;
    return mpz_get_ui(mpq_denref(rc->unit)) % mpz_get_ui(mpq_denref(x)) == 0 &&
           mpz_divisible_ui_p(mpq_numref(x), mpz_get_ui(mpq_numref(rc->unit)));
}

int rp_round_units(mpz_t out, const mpq_t x, const rp_round_t *rc)
{
    int whole = whole_in_words(x, rc);
    if (whole == 1) { /* (xn / un) · (ud / xd): no temporaries */
        mpz_divexact_ui(out, mpq_numref(x), mpz_get_ui(mpq_numref(rc->unit)));
        mpz_mul_ui(out, out, mpz_get_ui(mpq_denref(rc->unit)) / mpz_get_ui(mpq_denref(x)));
    }
    if (whole >= 0)
        return whole;
    mpz_t num, den;
    mpz_inits(num, den, NULL);
    mpz_mul(num, mpq_numref(x), mpq_denref(rc->unit));
    mpz_mul(den, mpq_denref(x), mpq_numref(rc->unit));
    whole = mpz_divisible_p(num, den);
    if (whole)
        mpz_divexact(out, num, den);
    mpz_clears(num, den, NULL);
    return whole;
}

int rp_round_is_multiple(const mpq_t x, const rp_round_t *rc)
{
    int whole = whole_in_words(x, rc);
    if (whole >= 0)
        return whole;
    mpz_t units;
    mpz_init(units);
    whole = rp_round_units(units, x, rc);
    mpz_clear(units);
    return whole;
}

int rp_round_units64(int64_t *out, const mpq_t x, const rp_round_t *rc)
{
    mpz_t units;
    mpz_init(units);
    int ok = rp_round_units(units, x, rc) && rp_units_from_z(out, units);
    mpz_clear(units);
    return ok;
}
