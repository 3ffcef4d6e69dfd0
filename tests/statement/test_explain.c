/*
 * test_explain.c — rates as the workings show them (calc/statement/explain.c):
 * a rate as a percentage at its own places, at most 8, half to even beyond.
 * Each expectation worked by hand.
 */
#include "testutil.h"

#include "statement/explain.h"

static const struct {
    const char *rate, *want;
} percents[] = {
    {"0.18", "18"},                 /* 罚息 at 18% a year */
    {"0.0005", "0.05"},             /* a daily 万分之五 */
    {"0.049", "4.9"},
    {"-0.05", "-5"},
    {"0.123456789012", "12.34567890"}, /* 10 places: cut to 8, the next digit 1 */
    {"0.00000000005", "0.00000000"},   /* 0.000000005: a tie, to the even 0 */
    {"0.0000000015", "0.00000015"},    /* 8 places exactly */
    {"3", "300"},
};

START_TEST(rates_as_percentages)
{
    mpq_t r;
    mpq_init(r);
    q_set(r, percents[_i].rate);
    char text[128];
    rp_explain_percent(text, sizeof text, r);
    ck_assert_str_eq(text, percents[_i].want);
    mpq_clear(r);
}
END_TEST

START_TEST(rates_that_do_not_terminate_or_fit_a_word)
{
    mpq_t r;
    mpq_init(r);
    char text[128];
    mpq_set_ui(r, 49, 12000); /* 4.9% / 12 = 0.408333…% */
    rp_explain_percent(text, sizeof text, r);
    ck_assert_str_eq(text, "0.40833333");
    mpq_set_ui(r, 2, 3); /* 66.666…%: the 8th place rounds up */
    rp_explain_percent(text, sizeof text, r);
    ck_assert_str_eq(text, "66.66666667");
    mpz_set_ui(mpq_numref(r), 1);
    mpz_mul_2exp(mpq_numref(r), mpq_numref(r), 70); /* 2^70 / 100 → 2^70 % */
    mpz_set_ui(mpq_denref(r), 100);
    mpq_canonicalize(r);
    rp_explain_percent(text, sizeof text, r);
    ck_assert_str_eq(text, "1180591620717411303424");
    mpq_clear(r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("explain");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, rates_as_percentages, 0, sizeof percents / sizeof percents[0]);
    tcase_add_test(tc, rates_that_do_not_terminate_or_fit_a_word);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
