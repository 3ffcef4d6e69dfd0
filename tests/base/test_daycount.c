/*
 * test_daycount.c — year fractions, worked by hand from each convention's
 * definition (see the comment on every case).
 */
#include "testutil.h"

static const struct {
    rp_day_count dc;
    const char *from, *to;
    long num, den;
} fractions[] = {
    /* ACT/360 and ACT/365: 31 actual days */
    {RP_DC_ACT_360, "2024-01-15", "2024-02-15", 31, 360},
    {RP_DC_ACT_365, "2024-01-15", "2024-02-15", 31, 365},
    /* ACT/ACT ISDA across a year end: 17 days of 2023 / 365 + 14 days of 2024 / 366 */
    {RP_DC_ACT_ACT, "2023-12-15", "2024-01-15", 17 * 366 + 14 * 365, 365 * 366},
    /* ACT/ACT within a leap year: 31 / 366 */
    {RP_DC_ACT_ACT, "2024-01-15", "2024-02-15", 31, 366},
    /* ACT/ACT over exactly three calendar years = 3 */
    {RP_DC_ACT_ACT, "2021-01-01", "2024-01-01", 3, 1},
    /* 30/360 US: D1 = 31 → 30; D2 = 29 (not Feb-end rule: D1 is not Feb end): 30 − 1 = 29 */
    {RP_DC_30_360, "2024-01-31", "2024-02-29", 29, 360},
    /* 30/360 US: D1 last of Feb → 30; D2 = 31 with D1 ≥ 30 → 30: one month = 30 */
    {RP_DC_30_360, "2024-02-29", "2024-03-31", 30, 360},
    /* 30/360 US: both last of February → a full year */
    {RP_DC_30_360, "2023-02-28", "2024-02-29", 360, 360},
    /* 30/360 US: D2 = 31 stays when D1 < 30: 60 + 16 = 76 */
    {RP_DC_30_360, "2024-01-15", "2024-03-31", 76, 360},
    /* 30E/360: D2 = 31 → 30 always: 60 + 15 = 75 */
    {RP_DC_30E_360, "2024-01-15", "2024-03-31", 75, 360},
    /* 30E/360: no February rule: 30 + (30 − 29) = 31 */
    {RP_DC_30E_360, "2024-02-29", "2024-03-31", 31, 360},
    /* zero days */
    {RP_DC_ACT_360, "2024-01-15", "2024-01-15", 0, 1},
};

START_TEST(year_fractions)
{
    rp_date_t a, b;
    ck_assert_int_eq(rp_date_parse(&a, fractions[_i].from, NULL), RP_OK);
    ck_assert_int_eq(rp_date_parse(&b, fractions[_i].to, NULL), RP_OK);
    mpq_t got, want;
    mpq_inits(got, want, NULL);
    ck_assert_int_eq(rp_year_fraction(got, fractions[_i].dc, a, b, NULL), RP_OK);
    mpq_set_si(want, fractions[_i].num, (unsigned long)fractions[_i].den);
    mpq_canonicalize(want);
    ck_assert_msg(mpq_equal(got, want), "%s %s..%s", rp_day_count_names[fractions[_i].dc],
                  fractions[_i].from, fractions[_i].to);
    mpq_clears(got, want, NULL);
}
END_TEST

START_TEST(year_fraction_rejects_reversed_dates_and_period)
{
    mpq_t q;
    mpq_init(q);
    ck_assert_int_eq(rp_year_fraction(q, RP_DC_ACT_360, 10, 5, NULL), RP_E_VALUE);
    ck_assert_int_eq(rp_year_fraction(q, RP_DC_PERIOD, 5, 10, NULL), RP_E_VALUE);
    mpq_clear(q);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("daycount");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, year_fractions, 0, N_ELEMENTS(fractions));
    tcase_add_test(tc, year_fraction_rejects_reversed_dates_and_period);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
