/*
 * quotient.h — one quotient rounded to an integer under a rounding mode
 * (quotient.c): the rule every rounding in repay goes through.
 */
#ifndef RP_QUOTIENT_H
#define RP_QUOTIENT_H

#include "units.h"

/* q = num / den (den > 0, not necessarily in lowest terms) rounded under
 * mode; num is scratch. Returns 1 if inexact. */
int rp_round_quotient(mpz_t q, mpz_t num, const mpz_t den, rp_round_mode mode);

/* Whether an inexact quotient whose floor is q rounds up to q + 1 under
 * mode; half compares the remainder with half the divisor (<0, 0 tie, >0). */
int rp_round_up_inexact(rp_round_mode mode, int negative, int half, int q_odd);

/* *q = num / den (den > 0) rounded under mode, as rp_round_quotient does;
 * returns 0 if the result does not fit below RP_UNITS_MAX. */
int rp_units_round_quotient(int64_t *q, rp_i128 num, rp_i128 den, rp_round_mode mode);

/* *out = x / rc->unit when that is a whole count below RP_UNITS_MAX
 * (round.c, beside rp_round_units); returns 0 otherwise. */
int rp_round_units64(int64_t *out, const mpq_t x, const rp_round_t *rc);

/* rp_decimal_format of num / den (den > 0, not necessarily in lowest
 * terms; both below RP_UNITS_MAX) in machine words: the same text, its
 * length returned; 0, with nothing written, when it does not apply
 * (places > 18, a value out of range, a result at or beyond 2^62). */
size_t rp_decimal_format_words(char *buf, size_t size, int64_t num, int64_t den, int places,
                               rp_round_mode mode);

/* *out = x · 10^places when that is a whole number below RP_UNITS_MAX and
 * places ≤ 18 (an amount posted at its unit); returns 0 otherwise. */
int rp_decimal_scaled(int64_t *out, const mpq_t x, int places);

/* out = units / 10^places (places ≤ 18), in lowest terms. */
void rp_decimal_from_scaled(mpq_t out, int64_t units, int places);

/* units / 10^places as rp_decimal_format writes that value at places;
 * 0 when places > 18 or |units| ≥ RP_UNITS_MAX. */
size_t rp_decimal_format_scaled(char *buf, size_t size, int64_t units, int places);

#endif
