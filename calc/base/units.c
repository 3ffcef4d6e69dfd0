/*
 * units.c — counts of the rounding unit between machine integers and GMP
 * (see units.h).
 */
#include <limits.h>

#include "units.h"

int rp_units_from_z(int64_t *out, const mpz_t z)
{
#if GMP_NUMB_BITS >= 64 && GMP_NAIL_BITS == 0
    /* mpz_size, mpz_getlimbn and mpz_sgn are inline in gmp.h: no call on
     * the path every amount takes */
    size_t n = mpz_size(z);
    uint64_t magnitude = n ? (uint64_t)mpz_getlimbn(z, 0) : 0;
    if (n > 1 || magnitude >= (uint64_t)RP_UNITS_MAX)
        return 0;
    *out = mpz_sgn(z) < 0 ? -(int64_t)magnitude : (int64_t)magnitude;
    return 1;
#else
#if LONG_MAX >= INT64_MAX
    if (mpz_fits_slong_p(z)) { /* a long holds it: no export */
        long v = mpz_get_si(z);
        *out = v;
        return v > -RP_UNITS_MAX && v < RP_UNITS_MAX;
    }
#endif
    if (mpz_sizeinbase(z, 2) > 62)
        return 0;
    uint64_t magnitude = 0;
    mpz_export(&magnitude, NULL, -1, sizeof magnitude, 0, 0, z); /* one word at most */
    *out = mpz_sgn(z) < 0 ? -(int64_t)magnitude : (int64_t)magnitude;
    return 1;
#endif
}

void rp_units_set_z(mpz_t z, rp_i128 v)
{
    if (v >= LONG_MIN && v <= LONG_MAX) {
        mpz_set_si(z, (long)v);
        return;
    }
    rp_u128 magnitude = v < 0 ? -(rp_u128)v : (rp_u128)v;
    uint64_t words[2] = {(uint64_t)magnitude, (uint64_t)(magnitude >> 64)};
    mpz_import(z, 2, -1, sizeof words[0], 0, 0, words);
    if (v < 0)
        mpz_neg(z, z);
}

void rp_unit_words(rp_unit_words_t *w, const rp_round_t *rc)
{
    w->rc = rc;
    w->fits = rp_units_from_z(&w->num, mpq_numref(rc->unit)) &&
              rp_units_from_z(&w->den, mpq_denref(rc->unit));
}

void rp_units_to_q(mpq_t out, int64_t units, const rp_unit_words_t *w)
{
    if (w->fits) {
        /* num and den are coprime, so gcd(units·num, den) = gcd(units, den) */
        uint64_t magnitude = units < 0 ? -(uint64_t)units : (uint64_t)units;
        int64_t g = (int64_t)rp_gcd_u64(magnitude % (uint64_t)w->den, (uint64_t)w->den);
        rp_units_set_z(mpq_numref(out), (rp_i128)(units / g) * w->num);
        rp_units_set_z(mpq_denref(out), w->den / g);
        return;
    }
    rp_units_set_z(mpq_numref(out), units); /* a unit beyond 2^62: GMP reduces */
    mpz_set_ui(mpq_denref(out), 1);
    mpq_mul(out, out, w->rc->unit);
}
