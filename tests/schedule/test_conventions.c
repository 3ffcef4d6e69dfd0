/*
 * test_conventions.c — issue 18's conventions where a reviewer found them
 * wrong: a calendar year the request itself supplies, the arrears
 * tolerance's warning in money, interest_only paid at the start of a
 * period, and the caps split judged stretch by stretch.
 */
#include <stdio.h>

#include "testutil.h"

static char *run_ok(const char *text)
{
    char *out = NULL;
    rp_error err;
    rp_status st = rp_run(&out, text, strlen(text), NULL, &err);
    ck_assert_msg(st == RP_OK, "%s: %s", err.path, err.message);
    return out;
}

/* 2027 is past the built-in mainland calendar (2020–2026): without the
 * year's holidays the warning says so; with the request's own 2027 holiday
 * (2027-02-01, a Monday, made a day off) the due date rolls to 02-02 and
 * nothing is "not covered". */
START_TEST(calendar_year_given_by_the_request)
{
    char *out = run_ok("{\"op\": \"schedule\", \"loan\": {\"principal\": \"12000\", \"rate\": \"12%\", \"term\": 3, "
                       "\"start_date\": \"2027-01-01\", \"business_days\": {\"roll\": "
                       "\"following\"}}}");
    ck_assert_msg(strstr(out, "calendar_not_covered") != NULL, "%s", out);
    rp_free(out);
    out = run_ok("{\"op\": \"schedule\", \"loan\": {\"principal\": \"12000\", \"rate\": \"12%\", \"term\": 3, "
                 "\"start_date\": \"2027-01-01\", \"business_days\": {\"roll\": \"following\", "
                 "\"holidays\": [\"2027-02-01\"]}}}");
    ck_assert_msg(strstr(out, "calendar_not_covered") == NULL, "%s", out);
    ck_assert_msg(strstr(out, "\"due_date\": \"2027-02-02\"") != NULL, "%s", out);
    rp_free(out);
}
END_TEST

/* The tolerance is money: "1.00" is printed as amounts are, not "(1)". */
START_TEST(arrears_tolerance_printed_as_money)
{
    char *out = run_ok(
        "{\"op\": \"statement\", \"as_of\": \"2024-12-20\", \"loan\": {\"principal\": \"3000\", "
        "\"rate\": \"12%\", \"term\": 3, \"start_date\": \"2024-01-15\", \"overdue\": "
        "{\"arrears_tolerance\": \"1.00\"}}, \"events\": [{\"type\": \"payment\", \"date\": "
        "\"2024-02-15\", \"amount\": \"1020.00\"}, {\"type\": \"payment\", \"date\": "
        "\"2024-03-15\", \"amount\": \"1020.07\"}, {\"type\": \"payment\", \"date\": "
        "\"2024-04-15\", \"amount\": \"1020.06\"}]}");
    ck_assert_msg(strstr(out, "arrears tolerance (1.00)") != NULL, "%s", out);
    ck_assert_msg(strstr(out, "249 days past due without it, 0 with it") != NULL, "%s", out);
    rp_free(out);
}
END_TEST

/* interest_only at the start of each period would open with a 0.00 row:
 * refused at loan.timing. */
START_TEST(interest_only_at_the_start_refused)
{
    const char *req = "{\"op\": \"schedule\", \"loan\": {\"principal\": \"12000\", \"rate\": \"12%\", \"term\": 3, "
                      "\"method\": \"interest_only\", \"start_date\": \"2024-01-15\", "
                      "\"timing\": \"start\"}}";
    char *out = NULL;
    rp_error err;
    ck_assert_int_eq(rp_run(&out, req, strlen(req), NULL, &err), RP_E_VALUE);
    ck_assert_str_eq(err.path, "$.loan.timing");
    ck_assert_msg(strstr(err.message, "interest_only") != NULL, "%s", err.message);
    rp_free(out);
}
END_TEST

/* 法释〔2020〕17号 Art. 31: 100,000 at 20% from 2019-06-01, interest only,
 * 36 months, filed 2021-03-01 (cap 15.4% from 2020-08-20). Under 24%
 * before, over 15.4% after: excess (tests/oracle/caps_split.py) 9,366.15 —
 * not "within" by slack carried from before the split. */
START_TEST(caps_split_stretch_by_stretch)
{
    char *out = run_ok("{\"op\": \"yield\", \"loan\": {\"principal\": \"100000\", \"rate\": "
                       "\"20%\", \"term\": 36, \"method\": \"interest_only\", \"start_date\": "
                       "\"2019-06-01\"}, \"caps\": {\"filing_date\": \"2021-03-01\"}}");
    ck_assert_msg(strstr(out, "\"within\": false") != NULL, "%s", out);
    ck_assert_msg(strstr(out, "\"excess\": \"9366.15\"") != NULL, "%s", out);
    rp_free(out);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("conventions");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, calendar_year_given_by_the_request);
    tcase_add_test(tc, arrears_tolerance_printed_as_money);
    tcase_add_test(tc, interest_only_at_the_start_refused);
    tcase_add_test(tc, caps_split_stretch_by_stretch);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
