/*
 * test_rate.c — rate text (percent, per mille, Chinese phrases, 年/月/日
 * prefixes) and unit conversions. Values worked by hand.
 */
#include "testutil.h"

static const struct {
    const char *text;
    const char *want; /* as a plain decimal fraction */
    rp_rate_unit unit;
} good[] = {
    {"4.9%", "0.049", RP_RATE_UNSPECIFIED},
    {"0.049", "0.049", RP_RATE_UNSPECIFIED},
    {"5‰", "0.005", RP_RATE_UNSPECIFIED},
    {"5‱", "0.0005", RP_RATE_UNSPECIFIED},
    {"0.05%", "0.0005", RP_RATE_UNSPECIFIED},
    {"0.05％", "0.0005", RP_RATE_UNSPECIFIED}, /* full-width percent sign */
    {"0%", "0", RP_RATE_UNSPECIFIED},
    {"1e1%", "0.1", RP_RATE_UNSPECIFIED},
    {"万分之五", "0.0005", RP_RATE_UNSPECIFIED},
    {"万分之0.5", "0.00005", RP_RATE_UNSPECIFIED},
    {"万分之零点五", "0.00005", RP_RATE_UNSPECIFIED},
    {"千分之一点五", "0.0015", RP_RATE_UNSPECIFIED},
    {"百分之二十四", "0.24", RP_RATE_UNSPECIFIED},
    {"百分之三十六", "0.36", RP_RATE_UNSPECIFIED},
    {"百分之十八", "0.18", RP_RATE_UNSPECIFIED},
    {"百分之十", "0.1", RP_RATE_UNSPECIFIED},
    {"百分之一百零五", "1.05", RP_RATE_UNSPECIFIED},
    {"百分之一百五十", "1.5", RP_RATE_UNSPECIFIED},
    {"百分之两百", "2", RP_RATE_UNSPECIFIED},
    {"百分之一千零五十", "10.5", RP_RATE_UNSPECIFIED},
    {"百分之四点九", "0.049", RP_RATE_UNSPECIFIED},
    {"日万分之五", "0.0005", RP_RATE_DAILY},
    {"月5‰", "0.005", RP_RATE_MONTHLY},
    {"年4.9%", "0.049", RP_RATE_ANNUAL},
    {"月百分之一点五", "0.015", RP_RATE_MONTHLY},
};

START_TEST(parses_rates)
{
    mpq_t q;
    mpq_init(q);
    rp_rate_unit unit = RP_RATE_ANNUAL;
    rp_error err;
    ck_assert_msg(rp_rate_parse(q, &unit, good[_i].text, &err) == RP_OK, "%s: %s", good[_i].text,
                  err.message);
    ck_assert_q_eq(q, good[_i].want);
    ck_assert_int_eq(unit, good[_i].unit);
    mpq_clear(q);
}
END_TEST

static const char *const bad[] = {
    "abc", "5%%", "1/0", "-200%", "-0.5", "4.9 %", " 4.9%", "4.9%a", "%", "", "万分之",
    "万分之五%", "百分之二四", "百分之一百五", "百分之十百", "万分之五点", "日", "月日5%",
    "万分之-5", "5 ‰", "4,9%", "1e999%",
};

START_TEST(rejects_bad_rates)
{
    mpq_t q;
    mpq_init(q);
    mpq_set_ui(q, 7, 1);
    rp_rate_unit unit = RP_RATE_MONTHLY;
    rp_error err;
    rp_status st = rp_rate_parse(q, &unit, bad[_i], &err);
    ck_assert_msg(st == RP_E_VALUE || st == RP_E_RANGE, "accepted %s", bad[_i]);
    ck_assert(err.message[0]);
    ck_assert(mpq_cmp_ui(q, 7, 1) == 0);
    ck_assert_int_eq(unit, RP_RATE_MONTHLY);
    mpq_clear(q);
}
END_TEST

START_TEST(converts_to_annual)
{
    mpq_t v, a;
    mpq_inits(v, a, NULL);
    q_set(v, "0.005"); /* 5‰ a month = 6% a year */
    rp_rate_to_annual(a, v, RP_RATE_MONTHLY, 360);
    ck_assert_q_eq(a, "0.06");
    q_set(v, "0.0005"); /* 万分之五 a day = 18% (360) or 18.25% (365) */
    rp_rate_to_annual(a, v, RP_RATE_DAILY, 360);
    ck_assert_q_eq(a, "0.18");
    rp_rate_to_annual(a, v, RP_RATE_DAILY, 365);
    ck_assert_q_eq(a, "0.1825");
    rp_rate_to_annual(a, v, RP_RATE_ANNUAL, 360);
    ck_assert_q_eq(a, "0.0005");
    rp_rate_to_annual(v, v, RP_RATE_MONTHLY, 360); /* aliasing */
    ck_assert_q_eq(v, "0.006");
    mpq_clears(v, a, NULL);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rate");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, parses_rates, 0, N_ELEMENTS(good));
    tcase_add_loop_test(tc, rejects_bad_rates, 0, N_ELEMENTS(bad));
    tcase_add_test(tc, converts_to_annual);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
