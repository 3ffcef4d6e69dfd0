/*
 * round.c — the rounding context: where money is posted, it is rounded to a
 * whole multiple of a unit under a mode. Nothing else in calc/ rounds money.
 */
#include "internal.h"

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

int rp_round_to_integer(mpz_t n, const mpq_t x, rp_round_mode mode)
{
    mpz_t q, r;
    mpz_inits(q, r, NULL);
    /* x = q + r/den with 0 ≤ r < den (den > 0 in a canonical mpq). */
    mpz_fdiv_qr(q, r, mpq_numref(x), mpq_denref(x));
    int inexact = mpz_sgn(r) != 0;
    if (inexact) {
        int negative = mpq_sgn(x) < 0;
        mpz_mul_2exp(r, r, 1);
        int half = mpz_cmp(r, mpq_denref(x)); /* <0 below half, 0 tie, >0 above */
        int up;                               /* 1: take q + 1, 0: keep q      */
        switch (mode) {
        case RP_ROUND_FLOOR:
            up = 0;
            break;
        case RP_ROUND_CEILING:
            up = 1;
            break;
        case RP_ROUND_DOWN:
            up = negative;
            break;
        case RP_ROUND_UP:
            up = !negative;
            break;
        case RP_ROUND_HALF_DOWN:
            up = half > 0 || (half == 0 && negative);
            break;
        case RP_ROUND_HALF_EVEN:
            up = half > 0 || (half == 0 && mpz_odd_p(q));
            break;
        case RP_ROUND_HALF_UP:
        default:
            up = half > 0 || (half == 0 && !negative);
            break;
        }
        if (up)
            mpz_add_ui(q, q, 1);
    }
    mpz_swap(n, q);
    mpz_clears(q, r, NULL);
    return inexact;
}

int rp_round(mpq_t out, const mpq_t x, const rp_round_t *rc)
{
    mpq_t units;
    mpz_t n;
    mpq_init(units);
    mpz_init(n);
    mpq_div(units, x, rc->unit); /* unit > 0 by construction */
    int inexact = rp_round_to_integer(n, units, rc->mode);
    mpq_set_z(units, n);
    mpq_mul(out, units, rc->unit);
    mpz_clear(n);
    mpq_clear(units);
    return inexact;
}

int rp_round_is_multiple(const mpq_t x, const rp_round_t *rc)
{
    mpq_t units;
    mpq_init(units);
    mpq_div(units, x, rc->unit);
    int whole = mpz_cmp_ui(mpq_denref(units), 1) == 0;
    mpq_clear(units);
    return whole;
}
