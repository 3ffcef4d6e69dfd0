/*
 * decimal.c — exact decimal text ⇄ mpq_t.
 *
 * Parsing is strict (sign, digits, optional fraction, optional bounded
 * exponent) and never hands user text to mpq_set_str, which would accept
 * spaces and "1/0". Formatting writes a fixed number of places.
 */
#include <stdlib.h>
#include <string.h>

#include "quotient.h"

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Exponents beyond this are cut off while reading; any such number fails the
 * digit limits below, so the cap only keeps the arithmetic in range. */
#define EXPONENT_CAP 100000

/* long: the decimal grammar in order — sign, digits, point, digits,
 * exponent — with each limit checked where it applies: at most max_chars
 * characters (≤ RP_WIDE_DECIMAL_CHARS), max_digits integer digits and
 * decimal places. */
static rp_status parse_prefix(mpq_t out, size_t *consumed, const char *s, size_t len,
                              size_t max_chars, long max_digits, rp_error *err)
{
    size_t i = 0;
    int negative = 0;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        negative = s[i++] == '-';
    if (i >= len || !is_digit(s[i]))
        return rp_fail(err, RP_E_VALUE, NULL, "expected a decimal number such as 1200.50");
    size_t int_start = i;
    while (i < len && is_digit(s[i]))
        i++;
    size_t int_len = i - int_start;
    if (int_len > 1 && s[int_start] == '0')
        return rp_fail(err, RP_E_VALUE, NULL, "a number must not have leading zeros");
    size_t frac_start = i, frac_len = 0;
    if (i < len && s[i] == '.') {
        i++;
        frac_start = i;
        while (i < len && is_digit(s[i]))
            i++;
        frac_len = i - frac_start;
        if (frac_len == 0)
            return rp_fail(err, RP_E_VALUE, NULL, "expected a digit after the decimal point");
    }
    long exponent = 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int exp_negative = 0;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            exp_negative = s[i++] == '-';
        if (i >= len || !is_digit(s[i]))
            return rp_fail(err, RP_E_VALUE, NULL, "expected digits after the exponent 'e'");
        while (i < len && is_digit(s[i])) {
            if (exponent < EXPONENT_CAP)
                exponent = exponent * 10 + (s[i] - '0');
            i++;
        }
        if (exp_negative)
            exponent = -exponent;
    }
    if (i > max_chars)
        return rp_fail(err, RP_E_RANGE, NULL, "a number may have at most %zu characters",
                       max_chars);

    /* Significant digits: integer then fraction digits, without leading
     * zeros; trailing zeros move into the exponent. value = digits × 10^e. */
    char digits[RP_WIDE_DECIMAL_CHARS + 1];
    size_t n = 0;
    for (size_t k = 0; k < int_len; k++)
        digits[n++] = s[int_start + k];
    for (size_t k = 0; k < frac_len; k++)
        digits[n++] = s[frac_start + k];
    long e = exponent - (long)frac_len;
    size_t lead = 0;
    while (lead < n && digits[lead] == '0')
        lead++;
    while (n > lead && digits[n - 1] == '0') {
        n--;
        e++;
    }
    size_t sig = n - lead;
    if (sig == 0) {
        mpq_set_ui(out, 0, 1);
        *consumed = i;
        return RP_OK;
    }
    if (e < -max_digits)
        return rp_fail(err, RP_E_RANGE, NULL, "a number may have at most %ld decimal places",
                       max_digits);
    if ((long)sig + e > max_digits)
        return rp_fail(err, RP_E_RANGE, NULL, "a number may have at most %ld integer digits",
                       max_digits);
    digits[n] = '\0';

    mpq_t v;
    mpq_init(v);
    mpz_set_str(mpq_numref(v), digits + lead, 10); /* only our own checked digits */
    if (e >= 0) {
        mpz_t p;
        mpz_init(p);
        mpz_ui_pow_ui(p, 10, (unsigned long)e);
        mpz_mul(mpq_numref(v), mpq_numref(v), p);
        mpz_clear(p);
    } else {
        mpz_ui_pow_ui(mpq_denref(v), 10, (unsigned long)-e);
        mpq_canonicalize(v); /* denominator is a power of ten, never zero */
    }
    if (negative)
        mpq_neg(v, v);
    mpq_swap(out, v);
    mpq_clear(v);
    *consumed = i;
    return RP_OK;
}

rp_status rp_decimal_parse_prefix(mpq_t out, size_t *consumed, const char *s, size_t len,
                                  rp_error *err)
{
    return parse_prefix(out, consumed, s, len, RP_MAX_DECIMAL_CHARS, RP_MAX_DECIMAL_DIGITS, err);
}

/* A whole string, at most max_chars long, under the limits above. */
static rp_status parse_whole(mpq_t out, const char *s, size_t max_chars, long max_digits,
                             rp_error *err)
{
    size_t len = strnlen(s, max_chars + 2);
    size_t used = 0;
    mpq_t v;
    mpq_init(v);
    rp_status st = parse_prefix(v, &used, s, len, max_chars, max_digits, err);
    if (st == RP_OK && used != len) {
        if (len > max_chars)
            st = rp_fail(err, RP_E_RANGE, NULL, "a number may have at most %zu characters",
                         max_chars);
        else
        {
            char shown[16];
            rp_quote(shown, sizeof shown, s + used, len - used, 4);
            st = rp_fail(err, RP_E_VALUE, NULL, "unexpected \"%s\" in a decimal number", shown);
        }
    }
    if (st == RP_OK)
        mpq_swap(out, v);
    mpq_clear(v);
    return st;
}

rp_status rp_decimal_parse(mpq_t out, const char *s, rp_error *err)
{
    return parse_whole(out, s, RP_MAX_DECIMAL_CHARS, RP_MAX_DECIMAL_DIGITS, err);
}

rp_status rp_decimal_parse_wide(mpq_t out, const char *s, rp_error *err)
{
    return parse_whole(out, s, RP_WIDE_DECIMAL_CHARS, RP_WIDE_DECIMAL_DIGITS, err);
}

/* Copies the finished text into buf (cut to size) and returns its length. */
static size_t put_text(char *buf, size_t size, const char *text, size_t need)
{
    if (size > 0) {
        size_t copy = need < size - 1 ? need : size - 1;
        memcpy(buf, text, copy);
        buf[copy] = '\0';
    }
    return need;
}

static const int64_t powers[19] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
                                   100000000, 1000000000, 10000000000, 100000000000,
                                   1000000000000, 10000000000000, 100000000000000,
                                   1000000000000000, 10000000000000000, 100000000000000000,
                                   1000000000000000000};

/* n / 10^places (places ≤ 18) written into buf as rp_decimal_format
 * would, from the end: digits, the point after `want` of them. */
static size_t put_scaled(char *buf, size_t size, int64_t n, int places)
{
    char text[48], *p = text + sizeof text;
    size_t want = places > 0 ? (size_t)places : 0;
    uint64_t magnitude = n < 0 ? -(uint64_t)n : (uint64_t)n;
    for (size_t k = 0; k < want; k++) { /* the places, zeros included: "5" → "0.05" */
        *--p = (char)('0' + magnitude % 10);
        magnitude /= 10;
    }
    if (want > 0)
        *--p = '.';
    do { /* the units: at least one digit */
        *--p = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (n < 0)
        *--p = '-';
    return put_text(buf, size, p, (size_t)(text + sizeof text - p));
}

size_t rp_decimal_format_words(char *buf, size_t size, int64_t num, int64_t den, int places,
                               rp_round_mode mode)
{
    if (places > 18 || den <= 0 || num <= -RP_UNITS_MAX || num >= RP_UNITS_MAX ||
        den >= RP_UNITS_MAX)
        return 0;
    int64_t scale = powers[places > 0 ? places : 0], n;
    rp_i128 scaled = (rp_i128)num * scale;
    if (scale % den == 0) { /* money at its own places: exact, no division */
        scaled = (rp_i128)num * (scale / den);
        if (scaled <= -RP_UNITS_MAX || scaled >= RP_UNITS_MAX)
            return 0;
        n = (int64_t)scaled;
    } else if (!rp_units_round_quotient(&n, scaled, den, mode)) {
        return 0;
    }
    return put_scaled(buf, size, n, places);
}

int rp_decimal_scaled(int64_t *out, const mpq_t x, int places)
{
    int64_t num, den;
    if (places > 18 || !rp_units_from_z(&num, mpq_numref(x)) ||
        !rp_units_from_z(&den, mpq_denref(x)))
        return 0;
    int64_t scale = powers[places > 0 ? places : 0];
    if (scale % den != 0)
        return 0;
    rp_i128 v = (rp_i128)num * (scale / den);
    if (v <= -RP_UNITS_MAX || v >= RP_UNITS_MAX)
        return 0;
    *out = (int64_t)v;
    return 1;
}

void rp_decimal_from_scaled(mpq_t out, int64_t units, int places)
{
    uint64_t scale = (uint64_t)powers[places > 0 ? places : 0];
    uint64_t magnitude = units < 0 ? -(uint64_t)units : (uint64_t)units;
    uint64_t g = rp_gcd_u64(magnitude % scale, scale); /* lowest terms without GMP */
    rp_units_set_z(mpq_numref(out), units / (int64_t)g);
    rp_units_set_z(mpq_denref(out), (int64_t)(scale / g));
}

size_t rp_decimal_format_scaled(char *buf, size_t size, int64_t units, int places)
{
    if (places > 18 || units <= -RP_UNITS_MAX || units >= RP_UNITS_MAX)
        return 0;
    return put_scaled(buf, size, units, places);
}

/* rp_decimal_format in machine words, when x's numerator and denominator
 * and the rounded result stay below 2^62 and places ≤ 18 (nearly every
 * amount): the same text without GMP. Returns 0 when it does not apply. */
static int format_small(size_t *need, char *buf, size_t size, const mpq_t x, int places,
                        rp_round_mode mode)
{
    int64_t num, den;
    if (!rp_units_from_z(&num, mpq_numref(x)) || !rp_units_from_z(&den, mpq_denref(x)))
        return 0;
    *need = rp_decimal_format_words(buf, size, num, den, places, mode);
    return *need > 0;
}

size_t rp_decimal_format(char *buf, size_t size, const mpq_t x, int places, rp_round_mode mode)
{
    size_t need;
    if (format_small(&need, buf, size, x, places, mode))
        return need;
    mpz_t n, num;
    mpz_inits(n, num, NULL);
    size_t want = places > 0 ? (size_t)places : 0;
    /* n = x · 10^places rounded: one quotient, no canonical intermediate.
     * Money (a denominator dividing 10^places) needs no division at all. */
    mpz_ui_pow_ui(num, 10, (unsigned long)want);
    if (mpz_divisible_p(num, mpq_denref(x))) {
        mpz_divexact(num, num, mpq_denref(x));
        mpz_mul(n, num, mpq_numref(x));
    } else {
        mpz_mul(num, num, mpq_numref(x));
        rp_round_quotient(n, num, mpq_denref(x), mode);
    }

    int negative = mpz_sgn(n) < 0; /* a value that rounds to 0 prints "0.00" */
    mpz_abs(n, n);
    size_t cap = mpz_sizeinbase(n, 10) + want + 4;
    char small[2][160]; /* amounts fit here; larger values use the heap */
    char *digits = cap <= sizeof small[0] ? small[0] : malloc(cap);
    char *text = cap + 2 <= sizeof small[1] ? small[1] : malloc(cap + 2);
    need = 0;
    if (digits && text) {
        mpz_get_str(digits, 10, n);
        size_t nd = strlen(digits);
        size_t pad = nd < want + 1 ? want + 1 - nd : 0; /* "5" at 2 places → "005" */
        size_t total = pad + nd, o = 0;
        if (negative)
            text[o++] = '-';
        for (size_t k = 0; k < total; k++) {
            if (k == total - want && want > 0)
                text[o++] = '.';
            text[o++] = k < pad ? '0' : digits[k - pad];
        }
        need = put_text(buf, size, text, o);
    } else if (size > 0) {
        buf[0] = '\0';
    }
    if (digits != small[0])
        free(digits);
    if (text != small[1])
        free(text);
    mpz_clears(n, num, NULL);
    return need;
}

int rp_decimal_places(const mpq_t x)
{
    if (mpz_fits_ulong_p(mpq_denref(x))) { /* nearly always: no GMP temporaries */
        unsigned long den = mpz_get_ui(mpq_denref(x));
        int twos = 0, fives = 0;
        for (; den % 2 == 0; den /= 2)
            twos++;
        for (; den % 5 == 0; den /= 5)
            fives++;
        return den == 1 ? (twos > fives ? twos : fives) : -1;
    }
    mpz_t d, five;
    mpz_init_set(d, mpq_denref(x));
    mpz_init_set_ui(five, 5);
    unsigned long twos = mpz_scan1(d, 0);
    mpz_fdiv_q_2exp(d, d, twos);
    unsigned long fives = mpz_remove(d, d, five);
    int places = mpz_cmp_ui(d, 1) == 0 ? (int)(twos > fives ? twos : fives) : -1;
    mpz_clears(d, five, NULL);
    return places;
}

size_t rp_decimal_format_bounded(char *buf, size_t size, const mpq_t low, const mpq_t high,
                                 int max_places)
{
    char a[128], b[128];
    for (int p = max_places; p >= 0; p--) {
        rp_decimal_format(a, sizeof a, low, p, RP_ROUND_HALF_EVEN);
        rp_decimal_format(b, sizeof b, high, p, RP_ROUND_HALF_EVEN);
        if (strcmp(a, b) == 0 || p == 0) {
            if (p == 0 && strcmp(a, b) != 0) {
                /* not even the units agree: show the midpoint's units */
                mpq_t mid;
                mpq_init(mid);
                rp_qadd(mid, low, high);
                mpq_div_2exp(mid, mid, 1);
                rp_decimal_format(a, sizeof a, mid, 0, RP_ROUND_HALF_EVEN);
                mpq_clear(mid);
            }
            size_t n = strlen(a);
            if (size > 0) {
                size_t copy = n < size - 1 ? n : size - 1;
                memcpy(buf, a, copy);
                buf[copy] = '\0';
            }
            return n;
        }
    }
    return 0;
}

int rp_decimal_within(const mpq_t x, const mpq_t target, const mpq_t tolerance)
{
    mpq_t gap;
    mpq_init(gap);
    rp_qsub(gap, x, target);
    mpq_abs(gap, gap);
    int within = mpq_cmp(gap, tolerance) <= 0;
    mpq_clear(gap);
    return within;
}

size_t rp_decimal_format_percent(char *buf, size_t size, const mpq_t low, const mpq_t high,
                                 int places)
{
    mpq_t lo, hi;
    mpq_inits(lo, hi, NULL);
    mpq_set_ui(lo, 100, 1);
    mpq_mul(hi, high, lo);
    mpq_mul(lo, low, lo);
    size_t n = rp_decimal_format_bounded(buf, size, lo, hi, places);
    mpq_clears(lo, hi, NULL);
    return n;
}
