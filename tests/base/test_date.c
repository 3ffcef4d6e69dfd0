/*
 * test_date.c — civil dates and month arithmetic. Serials come from
 * Python's datetime (days since 1970-01-01); the rest is worked by hand.
 */
#include "testutil.h"

static const struct {
    int y, m, d;
    long serial;
} serials[] = {
    {1970, 1, 1, 0},       {2024, 1, 15, 19737}, {1900, 1, 1, -25567},
    {2200, 12, 31, 84370}, {2000, 2, 29, 11016},
};

START_TEST(known_serials)
{
    ck_assert_int_eq(rp_date_from_ymd(serials[_i].y, serials[_i].m, serials[_i].d),
                     serials[_i].serial);
    int y, m, d;
    rp_date_to_ymd((rp_date_t)serials[_i].serial, &y, &m, &d);
    ck_assert_int_eq(y, serials[_i].y);
    ck_assert_int_eq(m, serials[_i].m);
    ck_assert_int_eq(d, serials[_i].d);
}
END_TEST

/* Walks the calendar day by day with rp_days_in_month and checks every
 * serial follows the previous one: an independent day counter. */
START_TEST(every_day_in_range)
{
    rp_date_t expect = rp_date_from_ymd(1900, 1, 1);
    for (int y = RP_MIN_YEAR; y <= RP_MAX_YEAR; y++)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= rp_days_in_month(y, m); d++, expect++) {
                ck_assert_int_eq(rp_date_from_ymd(y, m, d), expect);
                int yy, mm, dd;
                rp_date_to_ymd(expect, &yy, &mm, &dd);
                ck_assert(yy == y && mm == m && dd == d);
            }
}
END_TEST

START_TEST(leap_years)
{
    ck_assert(rp_is_leap_year(2024));
    ck_assert(rp_is_leap_year(2000));
    ck_assert(!rp_is_leap_year(1900));
    ck_assert(!rp_is_leap_year(2100));
    ck_assert(!rp_is_leap_year(2023));
    ck_assert_int_eq(rp_days_in_month(2024, 2), 29);
    ck_assert_int_eq(rp_days_in_month(2023, 2), 28);
    ck_assert_int_eq(rp_days_in_month(2023, 13), 0);
}
END_TEST

static const struct {
    const char *text;
    rp_status code;
} parses[] = {
    {"2024-02-29", RP_OK},       {"2023-02-29", RP_E_VALUE}, {"1900-01-01", RP_OK},
    {"2200-12-31", RP_OK},       {"1899-12-31", RP_E_RANGE}, {"2201-01-01", RP_E_RANGE},
    {"2024-1-5", RP_E_VALUE},    {"2024-13-01", RP_E_VALUE}, {"2024-00-10", RP_E_VALUE},
    {"2024-04-31", RP_E_VALUE},  {"20240115", RP_E_VALUE},   {"2024-01-15T00:00", RP_E_VALUE},
    {"", RP_E_VALUE},            {"２０２４-01-15", RP_E_VALUE}, {"2024/01/15", RP_E_VALUE},
};

START_TEST(parses_iso_dates)
{
    rp_date_t d = 7;
    rp_error err;
    ck_assert_int_eq(rp_date_parse(&d, parses[_i].text, &err), parses[_i].code);
    if (parses[_i].code == RP_OK) {
        char back[RP_DATE_TEXT];
        rp_date_format(back, d);
        ck_assert_str_eq(back, parses[_i].text);
    } else {
        ck_assert_int_eq(d, 7);
        ck_assert(err.message[0]);
    }
}
END_TEST

static const struct {
    const char *anchor;
    int months;
    const char *want;
} months[] = {
    {"2024-01-31", 1, "2024-02-29"}, {"2024-01-31", 2, "2024-03-31"},
    {"2024-01-31", 3, "2024-04-30"}, {"2023-01-31", 1, "2023-02-28"},
    {"2024-02-29", 12, "2025-02-28"}, {"2024-02-29", 48, "2028-02-29"},
    {"2024-01-15", 360, "2054-01-15"}, {"2024-03-31", -1, "2024-02-29"},
    {"2024-12-15", 1, "2025-01-15"},  {"2024-05-31", 0, "2024-05-31"},
};

START_TEST(adds_months_from_the_anchor)
{
    rp_date_t a, got, want;
    ck_assert_int_eq(rp_date_parse(&a, months[_i].anchor, NULL), RP_OK);
    ck_assert_int_eq(rp_date_parse(&want, months[_i].want, NULL), RP_OK);
    ck_assert_int_eq(rp_date_add_months(&got, a, months[_i].months, NULL), RP_OK);
    char text[RP_DATE_TEXT];
    rp_date_format(text, got);
    ck_assert_str_eq(text, months[_i].want);
}
END_TEST

START_TEST(month_addition_stays_in_range)
{
    rp_date_t a, got = 5;
    ck_assert_int_eq(rp_date_parse(&a, "2200-12-15", NULL), RP_OK);
    ck_assert_int_eq(rp_date_add_months(&got, a, 1, NULL), RP_E_RANGE);
    ck_assert_int_eq(got, 5);
    ck_assert_int_eq(rp_date_parse(&a, "1900-01-15", NULL), RP_OK);
    ck_assert_int_eq(rp_date_add_months(&got, a, -1, NULL), RP_E_RANGE);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("date");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, known_serials, 0, N_ELEMENTS(serials));
    tcase_add_test(tc, every_day_in_range);
    tcase_add_test(tc, leap_years);
    tcase_add_loop_test(tc, parses_iso_dates, 0, N_ELEMENTS(parses));
    tcase_add_loop_test(tc, adds_months_from_the_anchor, 0, N_ELEMENTS(months));
    tcase_add_test(tc, month_addition_stays_in_range);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
