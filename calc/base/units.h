/*
 * units.h — whole counts of the rounding unit in machine integers.
 *
 * The fast form of a schedule keeps every amount as an int64_t count of
 * rc->unit. These helpers move such counts to and from GMP and round a
 * quotient of 128-bit integers exactly as rp_round rounds a rational. Each
 * returns 0 when a value does not fit; the caller then takes the general
 * path in mpq_t, so exactness never depends on the size of the numbers.
 */
#ifndef RP_UNITS_H
#define RP_UNITS_H

#include <stdint.h>

#include "internal.h"

/* 128-bit integers: a GCC and Clang extension, named here and nowhere
 * else (every other file uses these types). */
__extension__ typedef __int128 rp_i128;
__extension__ typedef unsigned __int128 rp_u128;

/* Counts of units stay below 2^62, so a sum or difference of two never
 * overflows before it is checked. */
#define RP_UNITS_MAX ((int64_t)1 << 62)

/* *out = z when |z| < RP_UNITS_MAX; returns 0 otherwise. */
int rp_units_from_z(int64_t *out, const mpz_t z);

/* The unit as words, taken once for many conversions. */
typedef struct rp_unit_words {
    int fits;       /* numerator and denominator below 2^62 */
    int64_t num, den;
    const rp_round_t *rc;
} rp_unit_words_t;

void rp_unit_words(rp_unit_words_t *w, const rp_round_t *rc);

/* out = units · unit, in lowest terms. */
void rp_units_to_q(mpq_t out, int64_t units, const rp_unit_words_t *w);

/* z = v (any 128-bit value). */
void rp_units_set_z(mpz_t z, rp_i128 v);

/* gcd(a, b); gcd(a, 0) = a. */
static inline uint64_t rp_gcd_u64(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* a + b and a − b with the result checked against RP_UNITS_MAX. */
static inline int rp_units_add(int64_t *out, int64_t a, int64_t b)
{
    int64_t r = a + b; /* |a|, |b| < 2^62: cannot overflow */
    *out = r;
    return r > -RP_UNITS_MAX && r < RP_UNITS_MAX;
}
static inline int rp_units_sub(int64_t *out, int64_t a, int64_t b)
{
    return rp_units_add(out, a, -b);
}

#endif
