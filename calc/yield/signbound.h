/*
 * signbound.h — the sign of a cash-flow polynomial, proved from rounded
 * bounds where they settle it (signbound.c), for the IRR search (yield.c).
 */
#ifndef RP_SIGNBOUND_H
#define RP_SIGNBOUND_H

#include "base/internal.h"

/* The sign of Σ c_i z^(D − e_i) at z = a / 2^k (e_i = days[i],
 * or i when days is NULL; D the last), proved with rounded bounds, or
 * RP_SIGN_UNKNOWN when the bounds straddle zero (evaluate exactly then). */
#define RP_SIGN_UNKNOWN 2
int rp_poly_sign_bounded(mpz_t const *c, const int *days, int n, const mpz_t a, unsigned long k);
/* Its two tiers, tried in this order (tests check each against the exact
 * sign): 62-bit mantissas in machine words, then 128-bit ones in mpz_t. */
int rp_poly_sign_words(mpz_t const *c, const int *days, int n, const mpz_t a, unsigned long k);
int rp_poly_sign_wide(mpz_t const *c, const int *days, int n, const mpz_t a, unsigned long k);

/* A root of Σ c_i z^(D − i) (periodic flows) between lo and hi, guessed in
 * floating point: 1 and the root ≈ *root + *correction (the correction
 * finer than a double near the root) when the guess is usable, else 0.
 * Never a result: the caller proves a bracket around it exactly
 * (root_guess.c). */
int rp_poly_root_guess(double *root, double *correction, mpz_t const *c, int n, double lo,
                       double hi);

/* rp_irr_periodic without the guess: the grid scan and halving alone, which
 * the guessed bracket must equal exactly (the tests check it). */
RP_MUST_CHECK rp_status rp_irr_periodic_scan(rp_irr_t *out, mpq_t const *flows, int n,
                                             const mpq_t precision, rp_error *err);

#endif
