/*
 * test_decimal.c — strict decimal parsing and fixed-place formatting.
 * Expected values are written out by hand.
 */
#include <string.h>

#include "testutil.h"
#include "base/quotient.h"

static const struct {
    const char *text;
    const char *num; /* the exact value as numerator/denominator */
} good[] = {
    {"1000", "1000"},
    {"-3.25", "-13/4"},
    {"+7", "7"},
    {"0", "0"},
    {"0.5", "1/2"},
    {"1e3", "1000"},
    {"1.5E-2", "3/200"},
    {"12.500", "25/2"},
    {"0.000000000000000000000000000000000000001", "1/1000000000000000000000000000000000000000"},
    {"-0", "0"},
    {"0e999999999999", "0"},
    {"999999999999999.99", "99999999999999999/100"},
    {"1000000000000000000000000000000000000000", "1000000000000000000000000000000000000000"},
};

START_TEST(parses_exactly)
{
    mpq_t q, want;
    mpq_inits(q, want, NULL);
    ck_assert_int_eq(rp_decimal_parse(q, good[_i].text, NULL), RP_OK);
    ck_assert_int_eq(mpq_set_str(want, good[_i].num, 10), 0);
    mpq_canonicalize(want);
    ck_assert_msg(mpq_equal(q, want), "%s", good[_i].text);
    mpq_clears(q, want, NULL);
}
END_TEST

static const struct {
    const char *text;
    rp_status code;
} bad[] = {
    {"", RP_E_VALUE},          {"abc", RP_E_VALUE},       {"1/0", RP_E_VALUE},
    {" 1", RP_E_VALUE},        {"1 ", RP_E_VALUE},        {"1.", RP_E_VALUE},
    {".5", RP_E_VALUE},        {"05", RP_E_VALUE},        {"1e", RP_E_VALUE},
    {"1e+", RP_E_VALUE},       {"--1", RP_E_VALUE},       {"1,000", RP_E_VALUE},
    {"0x10", RP_E_VALUE},      {"inf", RP_E_VALUE},       {"NaN", RP_E_VALUE},
    {"5%", RP_E_VALUE},        {"1e999999999", RP_E_RANGE}, {"1e-999999", RP_E_RANGE},
    {"1e41", RP_E_RANGE},      {"1e-41", RP_E_RANGE},
    {"10000000000000000000000000000000000000000", RP_E_RANGE},
    {"1234567890123456789012345678901234567890123456789012345678901234567", RP_E_RANGE},
};

START_TEST(rejects_bad_text)
{
    mpq_t q;
    mpq_init(q);
    mpq_set_ui(q, 42, 1);
    rp_error err;
    ck_assert_int_eq(rp_decimal_parse(q, bad[_i].text, &err), bad[_i].code);
    ck_assert_msg(err.message[0] != '\0', "no message for %s", bad[_i].text);
    ck_assert_msg(mpq_cmp_ui(q, 42, 1) == 0, "output changed on error: %s", bad[_i].text);
    mpq_clear(q);
}
END_TEST

START_TEST(prefix_stops_at_suffix)
{
    mpq_t q;
    mpq_init(q);
    size_t used = 0;
    ck_assert_int_eq(rp_decimal_parse_prefix(q, &used, "4.9%", 4, NULL), RP_OK);
    ck_assert_uint_eq(used, 3);
    ck_assert_q_eq(q, "4.9");
    /* not NUL-terminated: only len bytes are read */
    ck_assert_int_eq(rp_decimal_parse_prefix(q, &used, "12345", 2, NULL), RP_OK);
    ck_assert_q_eq(q, "12");
    mpq_clear(q);
}
END_TEST

/* What repay prints, read back by the fixture comparer: an exact answer
 * of 53 places, 59 characters (beyond the 40 places a request may give);
 * the strict parser refuses it, the wide one reads it exactly, and keeps
 * the grammar and its own (larger) limits. */
START_TEST(wide_reads_long_answers)
{
    const char *fv = "86609.36267304300040536731624500462203286588191986083984375";
    mpq_t q, ten;
    mpq_inits(q, ten, NULL);
    ck_assert_int_eq(rp_decimal_parse(q, fv, NULL), RP_E_RANGE);
    ck_assert_int_eq(rp_decimal_parse_wide(q, fv, NULL), RP_OK);
    mpz_ui_pow_ui(mpq_denref(ten), 10, 53); /* q · 10^53 is the digits, whole */
    mpq_set_z(ten, mpq_denref(ten));
    mpq_mul(q, q, ten);
    ck_assert_int_eq(mpz_cmp_ui(mpq_denref(q), 1), 0);
    char digits[80];
    gmp_snprintf(digits, sizeof digits, "%Zd", mpq_numref(q));
    ck_assert_str_eq(digits, "8660936267304300040536731624500462203286588191986083984375");
    ck_assert_int_eq(rp_decimal_parse_wide(q, "1E-25", NULL), RP_OK);
    ck_assert_q_eq(q, "0.0000000000000000000000001");
    ck_assert_int_eq(rp_decimal_parse_wide(q, "0.5 ", NULL), RP_E_VALUE);
    ck_assert_int_eq(rp_decimal_parse_wide(q, "1/3", NULL), RP_E_VALUE);
    ck_assert_int_eq(rp_decimal_parse_wide(q, "1e-201", NULL), RP_E_RANGE);
    ck_assert_int_eq(rp_decimal_parse_wide(q, "1e201", NULL), RP_E_RANGE);
    char huge[RP_WIDE_DECIMAL_CHARS + 8];
    memset(huge, '1', sizeof huge - 1);
    huge[sizeof huge - 1] = '\0';
    ck_assert_int_eq(rp_decimal_parse_wide(q, huge, NULL), RP_E_RANGE);
    mpq_clears(q, ten, NULL);
}
END_TEST

static const struct {
    const char *value;
    int places;
    rp_round_mode mode;
    const char *text;
} formats[] = {
    {"5307.267206", 2, RP_ROUND_HALF_UP, "5307.27"},
    {"0", 2, RP_ROUND_HALF_UP, "0.00"},
    {"-0.001", 2, RP_ROUND_HALF_UP, "0.00"}, /* never "-0.00" */
    {"-0.005", 2, RP_ROUND_HALF_UP, "-0.01"},
    {"0.005", 2, RP_ROUND_HALF_EVEN, "0.00"},
    {"0.015", 2, RP_ROUND_HALF_EVEN, "0.02"},
    {"123", 0, RP_ROUND_HALF_UP, "123"},
    {"0.5", 0, RP_ROUND_HALF_UP, "1"},
    {"7", 3, RP_ROUND_HALF_UP, "7.000"},
    {"0.049", 3, RP_ROUND_HALF_UP, "0.049"},
    {"-1234.5", 1, RP_ROUND_DOWN, "-1234.5"},
    {"999999999999999.99", 2, RP_ROUND_HALF_UP, "999999999999999.99"},
};

START_TEST(formats_fixed_places)
{
    mpq_t q;
    mpq_init(q);
    q_set(q, formats[_i].value);
    char buf[64];
    size_t n = rp_decimal_format(buf, sizeof buf, q, formats[_i].places, formats[_i].mode);
    ck_assert_str_eq(buf, formats[_i].text);
    ck_assert_uint_eq(n, strlen(formats[_i].text));
    mpq_clear(q);
}
END_TEST

START_TEST(format_reports_needed_length)
{
    mpq_t q;
    mpq_init(q);
    q_set(q, "1234567.89");
    char small[5];
    ck_assert_uint_eq(rp_decimal_format(small, sizeof small, q, 2, RP_ROUND_HALF_UP), 10);
    ck_assert_str_eq(small, "1234");
    mpq_clear(q);
}
END_TEST

/* Formatting in machine words and in GMP agree with a third derivation
 * written here (floor quotient, remainder against half the divisor, the
 * mode's rule), on random values at the word boundary and beyond it. */
static void expected_text(char *out, const mpq_t x, int places, rp_round_mode mode)
{
    mpz_t n, r;
    mpz_inits(n, r, NULL);
    mpz_ui_pow_ui(n, 10, (unsigned long)places);
    mpz_mul(n, n, mpq_numref(x));
    mpz_fdiv_qr(n, r, n, mpq_denref(x));
    if (mpz_sgn(r) != 0) {
        mpz_mul_2exp(r, r, 1);
        int half = mpz_cmp(r, mpq_denref(x)), neg = mpq_sgn(x) < 0, up;
        switch (mode) {
        case RP_ROUND_FLOOR: up = 0; break;
        case RP_ROUND_CEILING: up = 1; break;
        case RP_ROUND_DOWN: up = neg; break;
        case RP_ROUND_UP: up = !neg; break;
        case RP_ROUND_HALF_DOWN: up = half > 0 || (half == 0 && neg); break;
        case RP_ROUND_HALF_EVEN: up = half > 0 || (half == 0 && mpz_odd_p(n)); break;
        default: up = half > 0 || (half == 0 && !neg); break;
        }
        if (up)
            mpz_add_ui(n, n, 1);
    }
    int neg = mpz_sgn(n) < 0;
    mpz_abs(n, n);
    char digits[200];
    mpz_get_str(digits, 10, n);
    size_t len = strlen(digits), o = 0;
    if (neg)
        out[o++] = '-';
    for (size_t pad = len; pad < (size_t)places + 1; pad++)
        out[o++] = '0';
    for (size_t k = 0; k < len; k++)
        out[o++] = digits[k];
    out[o] = '\0';
    if (places > 0) { /* insert the point before the last `places` digits */
        memmove(out + o - places + 1, out + o - places, (size_t)places + 1);
        out[o - places] = '.';
    }
    mpz_clears(n, r, NULL);
}

START_TEST(format_word_and_gmp_paths_agree)
{
    unsigned long long state = 20261123;
    mpq_t x;
    mpq_init(x);
    char got[256], want[256];
    for (int i = 0; i < 20000; i++) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        unsigned long long a = state >> (state % 40 + 1); /* sizes up to 2^63 */
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        unsigned long long b = (state >> (state % 60 + 4)) | 1;
        if (i % 4 == 0) { /* 2·10^p and 2^p: halves fall exactly on a tie */
            b = 2;
            for (int p = 0; p < i % 9; p++)
                b *= 10;
        } else if (i % 4 == 1) {
            b = 1ULL << (i % 30);
        }
        mpz_set_ui(mpq_numref(x), (unsigned long)a);
        mpz_set_ui(mpq_denref(x), (unsigned long)b);
        if (i % 7 == 0) /* beyond a word */
            mpz_mul_2exp(mpq_numref(x), mpq_numref(x), 40);
        if (i % 2)
            mpz_neg(mpq_numref(x), mpq_numref(x));
        mpq_canonicalize(x);
        int places = (int)(state % 22);
        rp_round_mode mode = (rp_round_mode)(state / 22 % RP_ROUND_MODE_COUNT);
        rp_decimal_format(got, sizeof got, x, places, mode);
        expected_text(want, x, places, mode);
        ck_assert_msg(strcmp(got, want) == 0, "%s at %d places, mode %d: %s, expected %s",
                      mpq_get_str(NULL, 10, x), places, mode, got, want);
    }
    mpq_clear(x);
}
END_TEST

START_TEST(counts_places)
{
    mpq_t q;
    mpq_init(q);
    q_set(q, "0.05");
    ck_assert_int_eq(rp_decimal_places(q), 2);
    q_set(q, "10");
    ck_assert_int_eq(rp_decimal_places(q), 0);
    q_set(q, "0.0625");
    ck_assert_int_eq(rp_decimal_places(q), 4);
    mpq_set_ui(q, 1, 3);
    ck_assert_int_eq(rp_decimal_places(q), -1);
    mpq_set_ui(q, 49, 12000); /* 4.9% / 12 does not terminate */
    ck_assert_int_eq(rp_decimal_places(q), -1);
    mpq_set_ui(q, 1, 2 * 2 * 2 * 78125); /* 2^3 · 5^7: 7 places */
    ck_assert_int_eq(rp_decimal_places(q), 7);
    mpq_set_ui(q, 3, 1);
    mpz_mul_2exp(mpq_denref(q), mpq_denref(q), 70); /* beyond a word: 70 places */
    ck_assert_int_eq(rp_decimal_places(q), 70);
    mpz_mul_ui(mpq_denref(q), mpq_denref(q), 3);
    ck_assert_int_eq(rp_decimal_places(q), -1);
    mpq_clear(q);
}
END_TEST

/* Amounts posted at their unit, as whole counts of 10^-places and back to
 * text: the same text rp_decimal_format's independent expectation gives. */
START_TEST(scaled_amounts)
{
    mpq_t x;
    mpq_init(x);
    int64_t u;
    q_set(x, "1266.86");
    ck_assert(rp_decimal_scaled(&u, x, 2) && u == 126686);
    ck_assert(rp_decimal_scaled(&u, x, 4) && u == 12668600);
    ck_assert(!rp_decimal_scaled(&u, x, 1)); /* not a whole count of 0.1 */
    ck_assert(!rp_decimal_scaled(&u, x, 19));
    q_set(x, "-0.005");
    ck_assert(!rp_decimal_scaled(&u, x, 2));
    ck_assert(rp_decimal_scaled(&u, x, 3) && u == -5);
    mpq_set_ui(x, (unsigned long)(RP_UNITS_MAX - 1), 100);
    mpq_canonicalize(x);
    ck_assert(rp_decimal_scaled(&u, x, 2) && u == RP_UNITS_MAX - 1);
    ck_assert(!rp_decimal_scaled(&u, x, 3)); /* ten times that is beyond the bound */
    char text[48], want[256];
    ck_assert_uint_eq(rp_decimal_format_scaled(text, sizeof text, 5, 2), 4);
    ck_assert_str_eq(text, "0.05");
    rp_decimal_format_scaled(text, sizeof text, -5, 2);
    ck_assert_str_eq(text, "-0.05");
    rp_decimal_format_scaled(text, sizeof text, 0, 2);
    ck_assert_str_eq(text, "0.00");
    rp_decimal_format_scaled(text, sizeof text, 70, -1); /* no places: units */
    ck_assert_str_eq(text, "70");
    ck_assert_uint_eq(rp_decimal_format_scaled(text, sizeof text, RP_UNITS_MAX, 2), 0);
    rp_decimal_from_scaled(x, 126686, 2); /* 1266.86 = 63343/50 in lowest terms */
    ck_assert(mpz_cmp_ui(mpq_numref(x), 63343) == 0 && mpz_cmp_ui(mpq_denref(x), 50) == 0);
    rp_decimal_from_scaled(x, -5, 3); /* −0.005 = −1/200 */
    ck_assert(mpz_cmp_si(mpq_numref(x), -1) == 0 && mpz_cmp_ui(mpq_denref(x), 200) == 0);
    rp_decimal_from_scaled(x, 0, 2);
    ck_assert(mpz_sgn(mpq_numref(x)) == 0 && mpz_cmp_ui(mpq_denref(x), 1) == 0);
    unsigned long long state = 20261129;
    for (int i = 0; i < 20000; i++) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        int64_t a = (int64_t)(state >> (state % 60 + 2)); /* below 2^62 */
        int places = (int)(state % 19);
        if (i % 2)
            a = -a;
        mpq_set_si(x, a, 1);
        for (int p = 0; p < places; p++)
            mpz_mul_ui(mpq_denref(x), mpq_denref(x), 10);
        mpq_canonicalize(x);
        ck_assert(rp_decimal_scaled(&u, x, places) && u == a);
        mpq_t back;
        mpq_init(back);
        rp_decimal_from_scaled(back, a, places);
        ck_assert(mpq_equal(back, x) && mpz_cmp(mpq_denref(back), mpq_denref(x)) == 0);
        mpq_clear(back);
        rp_decimal_format_scaled(text, sizeof text, a, places);
        expected_text(want, x, places, RP_ROUND_HALF_EVEN);
        ck_assert_str_eq(text, want);
    }
    mpq_clear(x);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("decimal");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, parses_exactly, 0, N_ELEMENTS(good));
    tcase_add_loop_test(tc, rejects_bad_text, 0, N_ELEMENTS(bad));
    tcase_add_test(tc, prefix_stops_at_suffix);
    tcase_add_test(tc, wide_reads_long_answers);
    tcase_add_loop_test(tc, formats_fixed_places, 0, N_ELEMENTS(formats));
    tcase_add_test(tc, format_reports_needed_length);
    tcase_add_test(tc, counts_places);
    tcase_add_test(tc, scaled_amounts);
    tcase_add_test(tc, format_word_and_gmp_paths_agree);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
