/*
 * test_limits.c — each limit in repay.h is enforced exactly at its edge:
 * the last value inside works, the first outside is refused with
 * out_of_range (or too_large) and a path.
 */
#include <stdio.h>

#include "testutil.h"

static rp_status run_text(const char *text, size_t len, rp_error *err)
{
    char *out = NULL;
    rp_options_t opt = {.format = RP_FORMAT_JSON, .op = "schedule"};
    rp_status st = rp_run(&out, text, len, &opt, err);
    ck_assert_ptr_nonnull(out);
    rp_free(out);
    return st;
}

/* Runs a loan given as the members of $.loan. */
static rp_status run_loan(const char *members, rp_error *err)
{
    char text[2048];
    int n = snprintf(text, sizeof text, "{\"loan\": {%s}}", members);
    return run_text(text, (size_t)n, err);
}

static const struct {
    const char *loan;
    rp_status code;
    const char *path;
} edges[] = {
    /* term ≤ RP_MAX_TERM = 1200 */
    {"\"principal\": \"1000\", \"rate\": \"5%\", \"term\": 1200", RP_OK, ""},
    {"\"principal\": \"1000\", \"rate\": \"5%\", \"term\": 1201", RP_E_RANGE, "$.loan.term"},
    {"\"principal\": \"1000\", \"rate\": \"5%\", \"term\": 1200, \"frequency\": \"weekly\", "
     "\"start_date\": \"2024-01-01\"", RP_OK, ""},
    /* |amount| < 10^15 */
    {"\"principal\": \"999999999999999.99\", \"rate\": \"5%\", \"term\": 12", RP_OK, ""},
    {"\"principal\": \"1000000000000000\", \"rate\": \"5%\", \"term\": 12", RP_E_RANGE,
     "$.loan.principal"},
    /* annual rate ≤ 1000% */
    {"\"principal\": \"1000\", \"rate\": \"1000%\", \"term\": 12", RP_OK, ""},
    {"\"principal\": \"1000\", \"rate\": \"1000.01%\", \"term\": 12", RP_E_RANGE, "$.loan.rate"},
    /* 2.77% a day × 360 = 997.2%; 2.78% × 360 = 1000.8% */
    {"\"principal\": \"1000\", \"rate\": {\"daily\": \"2.77%\"}, \"term\": 12", RP_OK, ""},
    {"\"principal\": \"1000\", \"rate\": {\"daily\": \"2.78%\"}, \"term\": 12", RP_E_RANGE, "$.loan.rate"},
    /* dates 1900-01-01 … 2200-12-31 */
    {"\"principal\": \"1000\", \"rate\": \"5%\", \"term\": 12, \"start_date\": \"1900-01-01\"", RP_OK, ""},
    {"\"principal\": \"1000\", \"rate\": \"5%\", \"term\": 12, \"start_date\": \"1899-12-31\"",
     RP_E_RANGE, "$.loan.start_date"},
    {"\"principal\": \"1000\", \"rate\": \"5%\", \"term\": 12, \"start_date\": \"2199-12-31\"", RP_OK, ""},
    {"\"principal\": \"1000\", \"rate\": \"5%\", \"term\": 13, \"start_date\": \"2199-12-31\"",
     RP_E_RANGE, "$.loan.term"},
    /* a decimal: at most 64 characters (trailing zeros count), 40 places */
    {"\"principal\": \"1000.00000000000000000000000000000000000000000000000000000000000\", \"rate\": "
     "\"5%\", \"term\": 12", RP_OK, ""},
    {"\"principal\": \"1000.000000000000000000000000000000000000000000000000000000000000\", \"rate\": "
     "\"5%\", \"term\": 12", RP_E_RANGE, "$.loan.principal"},
    {"\"principal\": \"1000\", \"rate\": \"0.0000000000000000000000000000000000000001\", \"term\": 12",
     RP_OK, ""},
    {"\"principal\": \"1000\", \"rate\": \"0.00000000000000000000000000000000000000001\", \"term\": 12",
     RP_E_RANGE, "$.loan.rate"},
    {"\"principal\": \"1000\", \"rate\": \"1e-999999\", \"term\": 12", RP_E_RANGE, "$.loan.rate"},
    {"\"principal\": 1e999999999, \"rate\": \"1%\", \"term\": 12", RP_E_RANGE, "$.loan.principal"},
    /* rounding unit: at most 8 places */
    {"\"principal\": \"1000\", \"rate\": \"5%\", \"term\": 12, \"rounding\": {\"unit\": \"0.00000001\"}",
     RP_OK, ""},
    {"\"principal\": \"1000\", \"rate\": \"5%\", \"term\": 12, \"rounding\": {\"unit\": \"0.000000001\"}",
     RP_E_VALUE, "$.loan.rounding.unit"},
};

START_TEST(limit_edges)
{
    rp_error err;
    rp_status st = run_loan(edges[_i].loan, &err);
    ck_assert_msg(st == edges[_i].code, "case %d: %s at %s: %s", _i, rp_strerror(st), err.path,
                  err.message);
    if (st != RP_OK)
        ck_assert_str_eq(err.path, edges[_i].path);
}
END_TEST

/* A request of exactly RP_MAX_REQUEST_BYTES is read; one byte more is not. */
START_TEST(request_size)
{
    const char *body = "{\"loan\": {\"principal\": \"1000\", \"rate\": \"5%\", \"term\": 12}}";
    size_t n = RP_MAX_REQUEST_BYTES;
    char *text = malloc(n + 1);
    memset(text, ' ', n + 1);
    memcpy(text, body, strlen(body));
    rp_error err;
    ck_assert_int_eq(run_text(text, n, &err), RP_OK);
    ck_assert_int_eq(run_text(text, n + 1, &err), RP_E_TOO_LARGE);
    free(text);
}
END_TEST

/* Nesting: RP_MAX_JSON_DEPTH levels are fine, one more is refused. */
static rp_status nested(int depth, rp_error *err)
{
    char text[1024];
    int n = snprintf(text, sizeof text, "%s",
                     "{\"loan\": {\"principal\": \"1\", \"rate\": \"1%\", \"term\": 1}, \"x\": ");
    for (int i = 1; i < depth; i++) /* the request object is level 1 */
        text[n++] = '[';
    text[n++] = '1';
    for (int i = 1; i < depth; i++)
        text[n++] = ']';
    text[n++] = '}';
    return run_text(text, (size_t)n, err);
}

/* Values: RP_MAX_JSON_VALUES in a request are read (the unknown field
 * shows it got that far), one more is too_large before anything is built. */
static rp_status values(long count, rp_error *err)
{
    /* the object, op, loan and its 3 members are 6 values; x is 1 more */
    static const char head[] = "{\"op\": \"schedule\", \"loan\": {\"principal\": \"1\", "
                               "\"rate\": \"1%\", \"term\": 1}, \"x\": [";
    size_t n = count > 7 ? (size_t)(count - 7) : 0;
    char *text = malloc(sizeof head + n * 2 + 4);
    size_t len = sizeof head - 1;
    memcpy(text, head, len);
    for (size_t i = 0; i < n; i++) {
        if (i)
            text[len++] = ',';
        text[len++] = '0';
    }
    text[len++] = ']';
    text[len++] = '}';
    rp_status st = run_text(text, len, err);
    free(text);
    return st;
}

START_TEST(json_values)
{
    rp_error err;
    ck_assert_int_eq(values(RP_MAX_JSON_VALUES, &err), RP_E_UNKNOWN);
    ck_assert_int_eq(values(RP_MAX_JSON_VALUES + 1, &err), RP_E_TOO_LARGE);
    ck_assert_str_eq(err.path, "$");
}
END_TEST

START_TEST(nesting_depth)
{
    rp_error err;
    /* at the limit the request is well-formed JSON with an unknown field:
     * unknown_field shows it got past the depth check */
    ck_assert_int_eq(nested(RP_MAX_JSON_DEPTH, &err), RP_E_UNKNOWN);
    ck_assert_int_eq(nested(RP_MAX_JSON_DEPTH + 1, &err), RP_E_RANGE);
    ck_assert_str_eq(err.path, "$");
}
END_TEST

/* Builds a request with `count` copies of item in the array `key`. */
static char *repeated(const char *head, const char *item, int count, size_t *len)
{
    size_t n = strlen(head) + (strlen(item) + 1) * (size_t)count + 8;
    char *text = malloc(n);
    ck_assert_ptr_nonnull(text);
    size_t o = (size_t)snprintf(text, n, "%s[", head);
    for (int i = 0; i < count; i++)
        o += (size_t)snprintf(text + o, n - o, "%s%s", i ? "," : "", item);
    o += (size_t)snprintf(text + o, n - o, "]}");
    *len = o;
    return text;
}

static rp_status run_any(const char *text, size_t len, rp_error *err)
{
    char *out = NULL;
    rp_options_t opt = {.format = RP_FORMAT_JSON};
    rp_status st = rp_run(&out, text, len, &opt, err);
    ck_assert_ptr_nonnull(out);
    rp_free(out);
    return st;
}

/* RP_MAX_EVENTS and RP_MAX_FLOWS are refused by count, before any work;
 * 100,000 events cannot even be sent: they pass the 1 MiB request size. */
START_TEST(counts_are_bounded)
{
    const char *stmt = "{\"op\": \"statement\", \"as_of\": \"2024-03-01\", \"loan\": {\"principal\": "
                       "\"1000\", \"rate\": \"5%\", \"term\": 12, \"start_date\": \"2024-01-15\"}, "
                       "\"events\": ";
    const char *payment = "{\"type\":\"payment\",\"date\":\"2024-02-15\",\"amount\":\"1\"}";
    rp_error err;
    size_t len;
    char *text = repeated(stmt, payment, RP_MAX_EVENTS + 1, &len);
    ck_assert_int_eq(run_any(text, len, &err), RP_E_RANGE);
    ck_assert_str_eq(err.path, "$.events");
    free(text);
    text = repeated(stmt, payment, 100000, &len);
    ck_assert_int_eq(run_any(text, len, &err), RP_E_TOO_LARGE);
    free(text);
    text = repeated("{\"op\": \"yield\", \"cash_flows\": ", "\"-1\"", RP_MAX_FLOWS + 1, &len);
    ck_assert_int_eq(run_any(text, len, &err), RP_E_RANGE);
    ck_assert_str_eq(err.path, "$.cash_flows");
    free(text);
}
END_TEST

/* Exponents are judged before they are expanded: no number is ever built
 * from 1e999999999 digits, wherever it appears. */
START_TEST(huge_exponents_everywhere)
{
    static const char *const members[] = {
        "\"principal\": \"1000\", \"rate\": \"1%\", \"term\": 1e999999999",
        "\"principal\": \"1000\", \"rate\": 1e999999999, \"term\": 12",
        "\"principal\": \"1e-999999999\", \"rate\": \"1%\", \"term\": 12",
        "\"principal\": \"1000\", \"rate\": \"1%\", \"term\": 12, \"rounding\": {\"unit\": \"1e999999\"}",
        "\"principal\": \"1000\", \"rate\": \"1%\", \"term\": 12, \"periodic_fee\": -1e999999999",
    };
    for (size_t i = 0; i < sizeof members / sizeof members[0]; i++) {
        rp_error err;
        rp_status st = run_loan(members[i], &err);
        ck_assert_msg(st == RP_E_RANGE || st == RP_E_VALUE || st == RP_E_TYPE,
                      "case %zu: %s", i, rp_strerror(st));
        ck_assert_msg(strncmp(err.path, "$.loan.", 7) == 0, "case %zu: path %s", i, err.path);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("limits");
    TCase *tc = tcase_create("edges");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, limit_edges, 0, N_ELEMENTS(edges));
    tcase_add_test(tc, request_size);
    tcase_add_test(tc, nesting_depth);
    tcase_add_test(tc, json_values);
    tcase_add_test(tc, counts_are_bounded);
    tcase_add_test(tc, huge_exponents_everywhere);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
