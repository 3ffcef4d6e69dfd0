/*
 * test_caps.c — legal caps at their boundary dates, with the LPR table
 * shipped in data/lpr.json (read through the JSON API) and hand-worked
 * excess amounts.
 */
#include <stdio.h>

#include "testutil.h"

/* Runs a yield request whose flows borrow 10,000 and repay 10,000 ×
 * (1 + yearly) in one year (ppy 1), with caps; returns the response. */
static char *yield_caps(const char *caps, const char *repay)
{
    char text[1024];
    snprintf(text, sizeof text,
             "{\"op\": \"yield\", \"cash_flows\": [\"10000\", \"%s\"], \"periods_per_year\": 1, "
             "\"caps\": %s}",
             repay, caps);
    char *out = NULL;
    rp_error err;
    rp_status st = rp_run(&out, text, strlen(text), NULL, &err);
    ck_assert_msg(st == RP_OK, "%s: %s", err.path, err.message);
    return out;
}

static void ck_has(const char *out, const char *want)
{
    ck_assert_msg(strstr(out, want) != NULL, "missing %s in\n%s", want, out);
}

/* 4 × the one-year LPR in force on the contract date (SPC 2020):
 * 2020-08-19 → old rule 24% / 36%; 2020-08-20 → 4 × 3.85% = 15.4%;
 * 2023-08-20 → 4 × 3.55% = 14.2%; 2023-08-21 → 4 × 3.45% = 13.8%;
 * 2024-10-20 → 13.4%; 2024-10-21 → 4 × 3.10% = 12.4%; 2025-05-20 → 12%. */
static const struct {
    const char *date, *basis, *cap;
} boundaries[] = {
    {"2020-08-19", "24_36_rule", "0.24"}, {"2020-08-20", "4x_lpr", "0.154"},
    {"2023-08-20", "4x_lpr", "0.142"},    {"2023-08-21", "4x_lpr", "0.138"},
    {"2024-10-20", "4x_lpr", "0.134"},    {"2024-10-21", "4x_lpr", "0.124"},
    {"2025-05-19", "4x_lpr", "0.124"},    {"2025-05-20", "4x_lpr", "0.12"},
    {"2019-01-01", "24_36_rule", "0.24"},
};

START_TEST(lpr_boundaries)
{
    char caps[128], want[64];
    snprintf(caps, sizeof caps, "{\"rule\": \"private_lending\", \"contract_date\": \"%s\"}",
             boundaries[_i].date);
    char *out = yield_caps(caps, "-11000");
    snprintf(want, sizeof want, "\"basis\": \"%s\"", boundaries[_i].basis);
    ck_has(out, want);
    snprintf(want, sizeof want, "\"cap\": \"%s\"", boundaries[_i].cap);
    ck_has(out, want);
    rp_free(out);
}
END_TEST

/* 30% for a year against the bank 24% line: the loan recomputed at 24% is
 * 12,400; 13,000 was paid: 600.00 excess. 12,000 paid: within, no excess. */
START_TEST(excess_in_money)
{
    char *out = yield_caps("{\"rule\": \"bank_24\"}", "-13000");
    ck_has(out, "\"within\": false");
    ck_has(out, "\"excess\": \"600.00\"");
    ck_has(out, "\"annualized_cost\": \"0.300000000000\"");
    rp_free(out);
    out = yield_caps("{\"rule\": \"bank_24\"}", "-12000");
    ck_has(out, "\"within\": true");
    ck_has(out, "\"excess\": \"0.00\"");
    rp_free(out);
}
END_TEST

/* Own fixings and a custom cap. */
START_TEST(inline_lpr_and_custom)
{
    char *out = yield_caps("{\"rule\": \"private_lending\", \"contract_date\": \"2030-01-02\", "
                           "\"lpr\": [{\"date\": \"2030-01-01\", \"one_year\": \"2.5%\"}]}",
                           "-11000");
    ck_has(out, "\"cap\": \"0.1\"");
    ck_has(out, "\"within\": true"); /* exactly 10% */
    rp_free(out);
    out = yield_caps("{\"rule\": \"custom\", \"cap\": \"8%\"}", "-11000");
    ck_has(out, "\"excess\": \"200.00\""); /* 11,000 − 10,800 */
    rp_free(out);
}
END_TEST

/* A contract after the table's last check (2026-05-20 + 31 days) warns. */
START_TEST(stale_table_warns)
{
    char *out = yield_caps("{\"rule\": \"private_lending\", \"contract_date\": \"2026-08-01\"}",
                           "-11000");
    ck_has(out, "\"code\": \"stale_lpr\"");
    ck_has(out, "\"cap\": \"0.12\"");
    rp_free(out);
}
END_TEST

static const struct {
    const char *caps;
    const char *code, *path;
} bad[] = {
    {"{\"rule\": \"private_lending\"}", "missing_field", "$.caps.contract_date"},
    {"{\"rule\": \"custom\"}", "missing_field", "$.caps.cap"},
    {"{\"rule\": \"bank_24\", \"cap\": \"5%\"}", "invalid_value", "$.caps.cap"},
    {"{\"rule\": \"private_lending\", \"contract_date\": \"2030-01-01\", \"lpr\": [{\"date\": "
     "\"2031-01-01\", \"one_year\": \"2%\"}]}",
     "out_of_range", "$.caps.contract_date"},
    {"{\"rule\": \"private_lending\", \"contract_date\": \"2030-01-01\", \"lpr\": [{\"date\": "
     "\"2029-01-01\", \"one_year\": \"2%\"}, {\"date\": \"2028-01-01\", \"one_year\": \"3%\"}]}",
     "invalid_value", "$.caps.lpr[1].date"},
    {"{\"rule\": \"usury\"}", "invalid_value", "$.caps.rule"},
};

START_TEST(bad_caps)
{
    char text[1024];
    snprintf(text, sizeof text,
             "{\"op\": \"yield\", \"cash_flows\": [\"10000\", \"-11000\"], \"periods_per_year\": 1, "
             "\"caps\": %s}",
             bad[_i].caps);
    char *out = NULL;
    rp_error err;
    rp_status st = rp_run(&out, text, strlen(text), NULL, &err);
    ck_assert_msg(strcmp(rp_strerror(st), bad[_i].code) == 0, "case %d: %s %s: %s", _i,
                  rp_strerror(st), err.path, err.message);
    ck_assert_str_eq(err.path, bad[_i].path);
    rp_free(out);
}
END_TEST

/* A broken --lpr table is reported as such, not as the request's fault. */
START_TEST(broken_table)
{
    const char *req = "{\"op\": \"yield\", \"cash_flows\": [\"10000\", \"-11000\"], "
                      "\"periods_per_year\": 1, \"caps\": {\"rule\": \"private_lending\", "
                      "\"contract_date\": \"2024-01-01\"}}";
    const char *table = "{\"fixings\": [{\"date\": \"2024-01-01\", \"one_year\": \"x\"}]}";
    rp_options_t opt = {.format = RP_FORMAT_JSON, .lpr_json = table, .lpr_len = strlen(table)};
    char *out = NULL;
    rp_error err;
    ck_assert_int_eq(rp_run(&out, req, strlen(req), &opt, &err), RP_E_VALUE);
    ck_assert_msg(strstr(err.message, "the LPR table (--lpr)") != NULL, "%s", err.message);
    rp_free(out);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("caps");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, lpr_boundaries, 0, N_ELEMENTS(boundaries));
    tcase_add_test(tc, excess_in_money);
    tcase_add_test(tc, inline_lpr_and_custom);
    tcase_add_test(tc, stale_table_warns);
    tcase_add_loop_test(tc, bad_caps, 0, N_ELEMENTS(bad));
    tcase_add_test(tc, broken_table);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
