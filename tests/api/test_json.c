/*
 * test_json.c — the JSON API end to end: exact number reading, the response
 * shape, every kind of bad input with its code and JSON path, and a
 * counting allocator showing GMP memory all comes back (cJSON's counts only
 * until the first rp_run installs the request arena's hooks, json_arena.c,
 * which frees every chunk when a request ends: valgrind and ASan check it).
 */
#include <stdio.h>

#include "testutil.h"
#include <cjson/cJSON.h>
#include <limits.h>

#include "api/fields.h"
#include "api/json_internal.h"

/* ---- counting allocator (GMP + cJSON) --------------------------------- */
static long live_blocks;

static void *count_malloc(size_t n)
{
    live_blocks++;
    return malloc(n);
}
static void count_free(void *p)
{
    if (p)
        live_blocks--;
    free(p);
}
static void *gmp_alloc(size_t n)
{
    return count_malloc(n);
}
static void *gmp_realloc(void *p, size_t old, size_t n)
{
    (void)old;
    return realloc(p, n);
}
static void gmp_free(void *p, size_t n)
{
    (void)n;
    count_free(p);
}

/* ---- helpers ----------------------------------------------------------- */
static char *run(const char *request, rp_format fmt, const char *op, rp_error *err,
                 rp_status *st)
{
    char *out = NULL;
    rp_options_t opt = {.format = fmt, .op = op};
    *st = rp_run(&out, request, strlen(request), &opt, err);
    ck_assert_ptr_nonnull(out);
    return out;
}

#define LOAN "\"principal\": \"1000000.00\", \"rate\": \"4.9%\", \"term\": 360"

START_TEST(schedule_response)
{
    rp_error err;
    rp_status st;
    char *out = run("{\"op\": \"schedule\", \"id\": \"case-7\", \"loan\": {" LOAN
                    ", \"start_date\": \"2024-01-15\"}}",
                    RP_FORMAT_JSON, NULL, &err, &st);
    ck_assert_int_eq(st, RP_OK);
    ck_assert_msg(strncmp(out, "{\n  \"ok\": true,\n  \"op\": \"schedule\",\n  \"id\": \"case-7\",", 52) == 0,
                  "%.80s", out);
    ck_assert_ptr_nonnull(strstr(out, "{\"n\": 1, \"due_date\": \"2024-02-15\", \"payment\": \"5307.27\", "
                                      "\"principal\": \"1223.94\", \"interest\": \"4083.33\", \"fee\": \"0.00\", "
                                      "\"balance\": \"998776.06\"}"));
    ck_assert_ptr_nonnull(strstr(out, "\"interest\": \"910615.12\""));
    rp_free(out);
}
END_TEST

START_TEST(numbers_are_read_as_written)
{
    rp_error err;
    rp_status st;
    /* 1000000.10 has no exact double; the response must still say .10 */
    char *out = run("{\"loan\": {\"principal\": 1000000.10, \"rate\": 0.049, \"term\": 12, "
                    "\"id_ignored\": 1}}",
                    RP_FORMAT_JSON, "schedule", &err, &st);
    ck_assert_int_eq(st, RP_E_UNKNOWN); /* a typo must not pass silently */
    rp_free(out);
    out = run("{\"id\": 12345678901234567890, \"loan\": {\"principal\": 1000000.10, \"rate\": 0.049, "
              "\"term\": 1.2e1}}",
              RP_FORMAT_JSON, "schedule", &err, &st);
    ck_assert_int_eq(st, RP_OK);
    ck_assert_ptr_nonnull(strstr(out, "\"principal\": \"1000000.10\""));
    ck_assert_ptr_nonnull(strstr(out, "\"annual_rate\": \"0.049\""));
    ck_assert_ptr_nonnull(strstr(out, "\"id\": 12345678901234567890,"));
    ck_assert_ptr_nonnull(strstr(out, "\"installment_count\": 12"));
    rp_free(out);
}
END_TEST

START_TEST(same_request_same_bytes)
{
    rp_error err;
    rp_status st;
    const char *req = "{\"op\": \"schedule\", \"loan\": {" LOAN ", \"method\": \"equal_principal\"}}";
    char *a = run(req, RP_FORMAT_JSON, NULL, &err, &st);
    char *b = run(req, RP_FORMAT_JSON, NULL, &err, &st);
    ck_assert_str_eq(a, b);
    rp_free(a);
    rp_free(b);
}
END_TEST

START_TEST(table_and_csv)
{
    rp_error err;
    rp_status st;
    const char *req = "{\"loan\": {\"principal\": \"1200\", \"rate\": \"12%\", \"term\": 2, "
                      "\"start_date\": \"2024-01-31\"}}";
    char *csv = run(req, RP_FORMAT_CSV, "schedule", &err, &st);
    ck_assert_int_eq(st, RP_OK);
    /* Gnumeric: PMT(0.01, 2, -1200) = 609.0149… → 609.01; row 1 interest
     * 12.00, principal 597.01, balance 602.99; row 2 interest
     * ROUND(602.99 × 0.01, 2) = 6.03, payment 602.99 + 6.03 = 609.02. */
    ck_assert_str_eq(csv, "n,due_date,payment,principal,interest,fee,balance\n"
                          "1,2024-02-29,609.01,597.01,12.00,0.00,602.99\n"
                          "2,2024-03-31,609.02,602.99,6.03,0.00,0.00\n");
    rp_free(csv);
    char *table = run(req, RP_FORMAT_TABLE, "schedule", &err, &st);
    ck_assert_int_eq(st, RP_OK);
    ck_assert_ptr_nonnull(strstr(table, "annuity (等额本息), 2 installments, rate 12% a year"));
    ck_assert_ptr_nonnull(strstr(table, "    n  due_date    payment  principal  interest   fee  balance\n"));
    ck_assert_ptr_nonnull(strstr(table, "total              1218.03    1200.00     18.03  0.00\n"));
    rp_free(table);
}
END_TEST

static const struct {
    const char *request;
    const char *code;
    const char *path;
} bad[] = {
    {"", "invalid_json", "$"},
    {"{", "invalid_json", "$"},
    {"{\"loan\": {}} x", "invalid_json", "$"},
    {"[]", "wrong_type", "$"},
    {"{\"op\": \"schedule\"}", "missing_field", "$.loan"},
    {"{\"op\": \"nope\", \"loan\": {}}", "invalid_value", "$.op"},
    {"{\"op\": 5, \"loan\": {}}", "wrong_type", "$.op"},
    {"{\"op\": \"schedule\", \"foo\": 1, \"loan\": {" LOAN "}}", "unknown_field", "$.foo"},
    {"{\"loan\": {" LOAN "}, \"loan\": {" LOAN "}}", "duplicate_field", "$.loan"},
    {"{\"loan\": {\"rate\": \"4.9%\", \"term\": 12}}", "missing_field", "$.loan.principal"},
    {"{\"loan\": {\"principle\": \"100\", \"rate\": \"4.9%\", \"term\": 12}}", "unknown_field",
     "$.loan.principle"},
    {"{\"loan\": {" LOAN ", \"term\": 12}}", "duplicate_field", "$.loan.term"},
    {"{\"loan\": {\"principal\": \"100\", \"rate\": \"4.9%\", \"term\": \"12\"}}", "wrong_type",
     "$.loan.term"},
    {"{\"loan\": {\"principal\": \"100\", \"rate\": \"4.9%\", \"term\": 12.5}}", "wrong_type",
     "$.loan.term"},
    {"{\"loan\": {\"principal\": \"100\", \"rate\": \"4.9%\", \"term\": 0}}", "out_of_range",
     "$.loan.term"},
    {"{\"loan\": {\"principal\": \"100\", \"rate\": \"4.9%\", \"term\": 100000}}", "out_of_range",
     "$.loan.term"},
    {"{\"loan\": {\"principal\": \"100\", \"rate\": \"4.9%\", \"term\": 1e400}}", "out_of_range",
     "$.loan.term"},
    {"{\"loan\": {\"principal\": \"100\", \"rate\": \"abc\", \"term\": 12}}", "invalid_value",
     "$.loan.rate"},
    {"{\"loan\": {\"principal\": \"100\", \"rate\": \"5%%\", \"term\": 12}}", "invalid_value",
     "$.loan.rate"},
    {"{\"loan\": {\"principal\": \"100\", \"rate\": \"1/0\", \"term\": 12}}", "invalid_value",
     "$.loan.rate"},
    {"{\"loan\": {\"principal\": \"100\", \"rate\": \"-200%\", \"term\": 12}}", "invalid_value",
     "$.loan.rate"},
    {"{\"loan\": {\"principal\": \"100\", \"rate\": -0.5, \"term\": 12}}", "invalid_value",
     "$.loan.rate"},
    {"{\"loan\": {\"principal\": \"100\", \"rate\": true, \"term\": 12}}", "wrong_type",
     "$.loan.rate"},
    {"{\"loan\": {\"principal\": \"100\", \"rate\": {\"monthly\": \"日万分之五\"}, \"term\": 12}}",
     "invalid_value", "$.loan.rate.monthly"},
    {"{\"loan\": {\"principal\": \"100\", \"rate\": {\"annual\": \"1%\", \"monthly\": \"1%\"}, "
     "\"term\": 12}}",
     "invalid_value", "$.loan.rate"},
    {"{\"loan\": {\"principal\": \"100\", \"rate\": {\"yearly\": \"1%\"}, \"term\": 12}}",
     "unknown_field", "$.loan.rate.yearly"},
    {"{\"loan\": {\"principal\": \"100\", \"rate\": \"1001%\", \"term\": 12}}", "out_of_range",
     "$.loan.rate"},
    {"{\"loan\": {\"principal\": \"1e20\", \"rate\": \"1%\", \"term\": 12}}", "out_of_range",
     "$.loan.principal"},
    {"{\"loan\": {\"principal\": -5, \"rate\": \"1%\", \"term\": 12}}", "invalid_value",
     "$.loan.principal"},
    {"{\"loan\": {\"principal\": \"0\", \"rate\": \"1%\", \"term\": 12}}", "invalid_value",
     "$.loan.principal"},
    {"{\"loan\": {\"principal\": \"100.001\", \"rate\": \"1%\", \"term\": 12}}", "invalid_value",
     "$.loan.principal"},
    {"{\"loan\": {\"principal\": null, \"rate\": \"1%\", \"term\": 12}}", "wrong_type",
     "$.loan.principal"},
    {"{\"loan\": {" LOAN ", \"start_date\": \"2023-02-29\"}}", "invalid_value",
     "$.loan.start_date"},
    {"{\"loan\": {" LOAN ", \"start_date\": \"1800-01-01\"}}", "out_of_range", "$.loan.start_date"},
    {"{\"loan\": {" LOAN ", \"start_date\": 20240101}}", "wrong_type", "$.loan.start_date"},
    {"{\"loan\": {" LOAN ", \"start_date\": \"2024-01-15\", \"first_due_date\": \"2024-01-10\"}}",
     "invalid_value", "$.loan.first_due_date"},
    {"{\"loan\": {" LOAN ", \"first_due_date\": \"2024-01-10\"}}", "missing_field",
     "$.loan.start_date"},
    {"{\"loan\": {" LOAN ", \"start_date\": \"2190-01-15\"}}", "out_of_range", "$.loan.term"},
    {"{\"loan\": {" LOAN ", \"method\": \"equal\"}}", "invalid_value", "$.loan.method"},
    {"{\"loan\": {" LOAN ", \"frequency\": \"daily\"}}", "invalid_value", "$.loan.frequency"},
    {"{\"loan\": {" LOAN ", \"day_count\": \"act/360\"}}", "invalid_value", "$.loan.day_count"},
    {"{\"loan\": {" LOAN ", \"rounding\": {\"mode\": \"nearest\"}}}", "invalid_value",
     "$.loan.rounding.mode"},
    {"{\"loan\": {" LOAN ", \"rounding\": {\"unit\": \"0\"}}}", "invalid_value",
     "$.loan.rounding.unit"},
    {"{\"loan\": {" LOAN ", \"rounding\": {\"unit\": \"0.001\", \"extra\": 1}}}", "unknown_field",
     "$.loan.rounding.extra"},
    {"{\"loan\": {" LOAN ", \"rounding\": \"0.01\"}}", "wrong_type", "$.loan.rounding"},
    {"{\"loan\": {" LOAN ", \"grace_periods\": 360}}", "invalid_value", "$.loan.grace_periods"},
    {"{\"loan\": {" LOAN ", \"grace_periods\": -1}}", "out_of_range", "$.loan.grace_periods"},
    {"{\"loan\": {" LOAN ", \"daily_basis\": 364}}", "invalid_value", "$.loan.daily_basis"},
    {"{\"loan\": {" LOAN ", \"maturity_date\": \"2030-01-01\"}}", "invalid_value",
     "$.loan.maturity_date"},
    {"{\"loan\": {" LOAN ", \"flat_charge\": \"fee\"}}", "invalid_value", "$.loan.flat_charge"},
    {"{\"loan\": {" LOAN ", \"periodic_fee\": \"-1\"}}", "invalid_value", "$.loan.periodic_fee"},
    {"{\"id\": {\"a\": 1}, \"loan\": {" LOAN "}}", "wrong_type", "$.id"},
    {"{\"loan\": {\"principal\": \"1\xff\", \"rate\": \"1%\", \"term\": 1}}", "invalid_json", "$"},
    {"{\"loan\": {\"principal\": \"12\\u00003\", \"rate\": \"1%\", \"term\": 1}}", "invalid_json",
     "$"},
    /* strict JSON (issue 14, item 11): only space, tab, LF, CR between tokens;
     * no raw control characters in strings; one BOM at most; nothing after */
    {"{\f\"loan\": {" LOAN "}}", "invalid_json", "$"},
    {"{\x01\"loan\": {" LOAN "}}", "invalid_json", "$"},
    {"{\"loan\": {\"principal\": \"1\n0\", \"rate\": \"1%\", \"term\": 1}}", "invalid_json", "$"},
    {"{\"loan\": {\"principal\": \"1\t0\", \"rate\": \"1%\", \"term\": 1}}", "invalid_json", "$"},
    {"\xEF\xBB\xBF\xEF\xBB\xBF{\"loan\": {" LOAN "}}", "invalid_json", "$"},
    {"{\"loan\": {" LOAN "}}\xEF\xBB\xBF", "invalid_json", "$"},
    {"{\"loan\": {\"principal\": 01, \"rate\": \"1%\", \"term\": 1}}", "invalid_json", "$"},
    {"{\"loan\": {\"principal\": 1., \"rate\": \"1%\", \"term\": 1}}", "invalid_json", "$"},
    {"{\"loan\": {\"principal\": .5, \"rate\": \"1%\", \"term\": 1}}", "invalid_json", "$"},
    {"{\"loan\": {\"principal\": +1, \"rate\": \"1%\", \"term\": 1}}", "invalid_json", "$"},
    {"{\"loan\": {\"principal\": \"\\ud800\", \"rate\": \"1%\", \"term\": 1}}", "invalid_json", "$"},
    {"{\"loan\": {\"principal\": \"\\x41\", \"rate\": \"1%\", \"term\": 1}}", "invalid_json", "$"},
    {"{\"loan\": {" LOAN "},}", "invalid_json", "$"},
    {"{\"loan\": {" LOAN "}, \"id\": tru}", "invalid_json", "$"},
    /* item 14: a duplicate anywhere, a rate object included */
    {"{\"loan\": {\"principal\": \"100\", \"rate\": {\"annual\": \"1%\", \"annual\": \"2%\"}, "
     "\"term\": 12}}",
     "duplicate_field", "$.loan.rate.annual"},
    /* item 10: an id that is not a scalar is refused before the tree is built */
    {"{\"id\": [1, 2, 3], \"loan\": {" LOAN "}}", "wrong_type", "$.id"},
    {"{\"id\": null, \"loan\": {" LOAN "}}", "wrong_type", "$.id"},
    /* item 0 and the bare-rate rule: one checked reader for every rate */
    {"{\"loan\": {\"principal\": \"100\", \"rate\": 4.9, \"term\": 12}}", "invalid_value",
     "$.loan.rate"},
    {"{\"loan\": {\"principal\": \"100\", \"rate\": \"1\", \"term\": 12}}", "invalid_value",
     "$.loan.rate"},
    {"{\"loan\": {" LOAN ", \"overdue\": {\"penalty_markup\": 1}}}", "invalid_value",
     "$.loan.overdue.penalty_markup"},
    {"{\"loan\": {" LOAN ", \"overdue\": {\"penalty_rate\": \"1001%\"}}}", "out_of_range",
     "$.loan.overdue.penalty_rate"},
    {"{\"loan\": {\"principal\": \"100\", \"rate\": {\"monthly\": \"84%\"}, \"term\": 12}}",
     "out_of_range", "$.loan.rate"},
};

START_TEST(bad_input_names_the_field)
{
    rp_error err;
    rp_status st;
    char *out = run(bad[_i].request, RP_FORMAT_JSON, "schedule", &err, &st);
    ck_assert_msg(strcmp(rp_strerror(st), bad[_i].code) == 0, "case %d: got %s at %s: %s", _i,
                  rp_strerror(st), err.path, err.message);
    ck_assert_str_eq(err.path, bad[_i].path);
    ck_assert_int_eq(rp_status_exit_code(st), 2);
    ck_assert(err.message[0]);
    /* the response is the same error, as JSON */
    char want[256];
    snprintf(want, sizeof want, "\"error\": {\"code\": \"%s\", \"path\": \"%s\", \"message\": ",
             bad[_i].code, bad[_i].path);
    ck_assert_msg(strstr(out, want) != NULL, "%s", out);
    ck_assert(strncmp(out, "{\n  \"ok\": false,", 16) == 0);
    rp_free(out);
}
END_TEST

START_TEST(nul_byte_and_huge_request)
{
    char *out = NULL;
    rp_error err;
    static const char with_nul[] = "{\"loan\": {}}\0{}";
    ck_assert_int_eq(rp_run(&out, with_nul, sizeof with_nul - 1, NULL, &err), RP_E_JSON);
    rp_free(out);

    size_t n = (size_t)RP_MAX_REQUEST_BYTES + 1;
    char *big = malloc(n);
    memset(big, ' ', n);
    big[0] = '{';
    big[n - 1] = '}';
    ck_assert_int_eq(rp_run(&out, big, n, NULL, &err), RP_E_TOO_LARGE);
    ck_assert_str_eq(err.path, "$");
    rp_free(out);
    free(big);
}
END_TEST

START_TEST(very_deep_nesting)
{
    size_t depth = 5000;
    char *text = malloc(depth * 2 + 1);
    for (size_t i = 0; i < depth; i++) {
        text[i] = '[';
        text[depth + i] = ']';
    }
    text[depth * 2] = '\0';
    char *out = NULL;
    rp_error err;
    ck_assert_int_eq(rp_run(&out, text, depth * 2, NULL, &err), RP_E_RANGE);
    rp_free(out);
    free(text);
}
END_TEST

START_TEST(bom_is_skipped)
{
    rp_error err;
    rp_status st;
    char *out = run("\xEF\xBB\xBF{\"loan\": {" LOAN "}}", RP_FORMAT_JSON, "schedule", &err, &st);
    ck_assert_int_eq(st, RP_OK);
    rp_free(out);
}
END_TEST

START_TEST(error_response_keeps_op_and_id)
{
    rp_error err;
    rp_status st;
    char *out = run("{\"op\": \"schedule\", \"id\": 7, \"loan\": {\"principal\": \"1\", \"rate\": "
                    "\"x\", \"term\": 1}}",
                    RP_FORMAT_TABLE, NULL, &err, &st);
    ck_assert_int_eq(st, RP_E_VALUE);
    /* errors are JSON whatever the format */
    ck_assert_ptr_nonnull(strstr(out, "\"ok\": false,\n  \"op\": \"schedule\",\n  \"id\": 7,"));
    rp_free(out);
}
END_TEST

START_TEST(command_op_must_agree)
{
    rp_error err;
    rp_status st;
    char *out = run("{\"op\": \"statement\", \"loan\": {" LOAN "}}", RP_FORMAT_JSON, "schedule", &err, &st);
    ck_assert_int_eq(st, RP_E_VALUE);
    ck_assert_str_eq(err.path, "$.op");
    rp_free(out);
    out = run("{\"loan\": {" LOAN "}}", RP_FORMAT_JSON, NULL, &err, &st);
    ck_assert_int_eq(st, RP_E_MISSING);
    ck_assert_str_eq(err.path, "$.op");
    rp_free(out);
}
END_TEST

START_TEST(one_line_responses)
{
    char *out = NULL;
    rp_options_t opt = {.format = RP_FORMAT_JSON, .one_line = 1};
    const char *req = "{\"op\": \"schedule\", \"loan\": {\"principal\": \"1000\", \"rate\": "
                      "\"12%\", \"term\": 2}}";
    ck_assert_int_eq(rp_run(&out, req, strlen(req), &opt, NULL), RP_OK);
    char *nl = strchr(out, '\n');
    ck_assert_ptr_nonnull(nl);
    ck_assert_int_eq(nl[1], '\0'); /* one line, ended by a newline */
    ck_assert_ptr_nonnull(strstr(out, "\"installments\": [{\"n\": 1, "));
    rp_free(out);
}
END_TEST

START_TEST(id_echoed_when_op_is_bad)
{
    rp_error err;
    rp_status st;
    char *out = run("{\"op\": \"nope\", \"id\": \"z-9\"}", RP_FORMAT_JSON, NULL, &err, &st);
    ck_assert_int_eq(st, RP_E_VALUE);
    ck_assert_ptr_nonnull(strstr(out, "\"id\": \"z-9\""));
    rp_free(out);
}
END_TEST

/* Text written back (an id) escapes C1 controls, bidi overrides and line
 * separators, and passes the rest of UTF-8 as it is: CJK, ©, emoji. */
START_TEST(unsafe_text_escaped_rest_kept)
{
    rp_error err;
    rp_status st;
    char *out = run("{\"op\": \"nope\", \"id\": \"a\xc2\x85" "b\xe2\x80\xae" "c\xe2\x80\xa8"
                    "d\xe2\x81\xa6" "e\xe4\xb8\xad\xc2\xa9\xf0\x9f\x98\x80"
                    "\xc3\x97\xc3\xb7\xdf\xbf\xef\xbf\xbf\xed\x9f\xbf\xe0\xa0\x80\"}",
                    RP_FORMAT_JSON, NULL, &err, &st);
    ck_assert_ptr_nonnull(strstr(out, "\"id\": \"a\\u0085b\\u202ec\\u2028d\\u2066e\xe4\xb8\xad"
                                      "\xc2\xa9\xf0\x9f\x98\x80"
                                      "\xc3\x97\xc3\xb7\xdf\xbf\xef\xbf\xbf\xed\x9f\xbf\xe0\xa0\x80\""));
    rp_free(out);
}
END_TEST

/* A request must not see anything of the one before it (the wasm module
 * and batch workers run many in one process). 12% on 12,000: the default
 * discount rate is the contract rate, 0.12. */
START_TEST(requests_do_not_leak)
{
    const char *with = "{\"op\": \"restructure\", \"date\": \"2024-07-20\", \"discount_rate\": \"3%\", "
                       "\"loan\": {\"principal\": \"12000\", \"rate\": \"12%\", \"term\": 12, "
                       "\"start_date\": \"2024-01-15\"}, \"actions\": [{\"type\": \"extend\", \"periods\": 6}]}";
    const char *without = "{\"op\": \"restructure\", \"date\": \"2024-07-20\", "
                          "\"loan\": {\"principal\": \"12000\", \"rate\": \"12%\", \"term\": 12, "
                          "\"start_date\": \"2024-01-15\"}, \"actions\": [{\"type\": \"extend\", \"periods\": 6}]}";
    for (int i = 0; i < 3; i++) {
        rp_error err;
        rp_status st;
        char *a = run(with, RP_FORMAT_JSON, NULL, &err, &st);
        ck_assert_int_eq(st, RP_OK);
        ck_assert_ptr_nonnull(strstr(a, "\"discount_rate\": \"0.03\""));
        char *b = run(without, RP_FORMAT_JSON, NULL, &err, &st);
        ck_assert_int_eq(st, RP_OK);
        ck_assert_msg(strstr(b, "\"discount_rate\": \"0.12\""), "the default leaked: %.300s", b);
        rp_free(a);
        rp_free(b);
    }
}
END_TEST

START_TEST(schema_from_the_tables)
{
    char *out = NULL;
    rp_error err;
    ck_assert_int_eq(rp_schema(&out, NULL, &err), RP_OK);
    /* the parser's own bounds and names appear */
    ck_assert_ptr_nonnull(strstr(out, "\"term\": {\"type\": \"integer\", \"minimum\": 1, \"maximum\": 1200"));
    ck_assert_ptr_nonnull(strstr(out, "\"additionalProperties\": false"));
    ck_assert_ptr_nonnull(strstr(out, "\"statement_response\""));
    rp_free(out);
    ck_assert_int_eq(rp_schema(&out, "solve", &err), RP_OK);
    ck_assert_ptr_nonnull(strstr(out, "\"$ref\": \"#/$defs/solve_request\""));
    rp_free(out);
    ck_assert_int_eq(rp_schema(&out, "yield_response", &err), RP_OK);
    ck_assert_ptr_nonnull(strstr(out, "#/$defs/error_response"));
    rp_free(out);
    ck_assert_int_eq(rp_schema(&out, "bogus", &err), RP_E_VALUE);
    ck_assert_ptr_null(out);
    ck_assert_int_eq(rp_schema(&out, "schedule_responsex", &err), RP_E_VALUE);
}
END_TEST

/* Integers are written by hand (jsonout.c), exactly as "%ld" writes them. */
START_TEST(ints_as_printf_writes_them)
{
    static const long values[] = {0, 1, -1, 9, 10, -10, 360, 123456789, -2147483648L,
                                  4294967296L, LONG_MAX, LONG_MIN, LONG_MIN + 1};
    for (int i = 0; i < N_ELEMENTS(values); i++) {
        cJSON *o = cJSON_CreateObject();
        rp_json_add_int(o, "k", values[i]);
        char want[32];
        snprintf(want, sizeof want, "%ld", values[i]);
        ck_assert_str_eq(o->child->valuestring, want);
        cJSON_Delete(o);
    }
}
END_TEST

/* Objects written as text (a components object, schedule rows) lay out
 * as the same objects built node by node: on one line inside a list or
 * object that then breaks over lines, and member by member in the flat
 * "key: value" form. */
START_TEST(rows_written_as_text_lay_out_as_nodes)
{
    rp_round_t rc;
    rp_round_init(&rc);
    mpq_t v[RP_COMPONENT_COUNT];
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_init(v[c]);
    mpq_set_si(v[RP_PRINCIPAL], 1205, 100);
    mpq_set_si(v[RP_PENALTY], -3, 100);
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "op", "x");
    rp_json_add_components(root, "owed", (mpq_t const *)v, 1, &rc);
    cJSON *rows = cJSON_AddArrayToObject(root, "rows");
    rp_buf_t row;
    rp_buf_init(&row);
    rp_json_row_begin(&row);
    rp_json_row_int(&row, "n", -7);
    rp_json_row_date(&row, "due_date", rp_date_from_ymd(2024, 2, 29));
    rp_json_row_amount(&row, "payment", v[RP_PRINCIPAL], &rc);
    ck_assert_ptr_nonnull(rp_json_add_row(rows, &row));
    rp_buf_clear(&row);
    const char *owed = "{\"principal\": \"12.05\", \"interest\": \"0.00\", "
                       "\"penalty_interest\": \"-0.03\", \"compound_interest\": \"0.00\", "
                       "\"late_fees\": \"0.00\", \"fees\": \"0.00\", \"total\": \"12.02\"}";
    char want[1024];
    snprintf(want, sizeof want,
             "{\n  \"op\": \"x\",\n  \"owed\": %s,\n  \"rows\": [\n    {\"n\": -7, "
             "\"due_date\": \"2024-02-29\", \"payment\": \"12.05\"}\n  ]\n}", owed);
    rp_buf_t b;
    rp_buf_init(&b);
    rp_json_write(&b, root);
    ck_assert_str_eq(b.data, want);
    b.len = 0;
    rp_json_render_flat(&b, RP_FORMAT_TABLE, root);
    ck_assert_ptr_nonnull(strstr(b.data, "owed.penalty_interest: -0.03\nowed.compound_interest: 0.00\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "rows[0].n: -7\nrows[0].due_date: 2024-02-29\n"));
    rp_buf_clear(&b);
    cJSON_Delete(root);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_clear(v[c]);
    rp_round_clear(&rc);
}
END_TEST

/* A field's path, "$.loan" + "principal", cut to the buffer as snprintf
 * would cut "%s.%s". */
START_TEST(field_paths_cut_like_snprintf)
{
    char buf[32];
    rp_fields_path(buf, sizeof buf, "$.loan", "principal");
    ck_assert_str_eq(buf, "$.loan.principal");
    const size_t sizes[] = {1, 2, 6, 7, 8, 10, 16, 17};
    const char *want[] = {"", "$", "$.loa", "$.loan", "$.loan.", "$.loan.pr", "$.loan.principa",
                          "$.loan.principal"};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        memset(buf, 'x', sizeof buf);
        rp_fields_path(buf, sizes[i], "$.loan", "principal");
        ck_assert_str_eq(buf, want[i]);
    }
}
END_TEST

/* A components object from counts of the unit (the statement's installments)
 * writes what the mpq_t path writes, in machine words while the amounts and
 * their total stay below 2^62, and through mpq_t beyond (worked by hand). */
START_TEST(components_from_counts)
{
    rp_round_t rc;
    rp_round_init(&rc);
    cJSON *root = cJSON_CreateObject();
    int64_t small[RP_COMPONENT_COUNT] = {1205, 0, -3, 0, 0, 0};
    rp_json_add_components_scaled(root, "small", small, 1, &rc);
    int64_t big_total[RP_COMPONENT_COUNT] = {RP_UNITS_MAX - 1, 100, 0, 0, 0, 0};
    rp_json_add_components_scaled(root, "big_total", big_total, 1, &rc);
    int64_t difference[RP_COMPONENT_COUNT] = {-2 * (RP_UNITS_MAX - 1), 0, 0, 0, 0, 0};
    rp_json_add_components_scaled(root, "difference", difference, 0, &rc);
    mpq_t v[RP_COMPONENT_COUNT];
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_init(v[c]);
    mpz_setbit(mpq_numref(v[RP_FEE]), 70); /* 2^70 / 100: beyond a word */
    mpz_set_ui(mpq_denref(v[RP_FEE]), 100);
    mpq_canonicalize(v[RP_FEE]);
    rp_json_add_components(root, "words_do_not_hold", (mpq_t const *)v, 1, &rc);
    const char *zeros = "\"interest\": \"0.00\", \"penalty_interest\": \"0.00\", "
                        "\"compound_interest\": \"0.00\", \"late_fees\": \"0.00\", ";
    char want[2048];
    snprintf(want, sizeof want,
             "{\"small\": {\"principal\": \"12.05\", \"interest\": \"0.00\", "
             "\"penalty_interest\": \"-0.03\", \"compound_interest\": \"0.00\", "
             "\"late_fees\": \"0.00\", \"fees\": \"0.00\", \"total\": \"12.02\"}, "
             "\"big_total\": {\"principal\": \"46116860184273879.03\", \"interest\": \"1.00\", "
             "\"penalty_interest\": \"0.00\", \"compound_interest\": \"0.00\", "
             "\"late_fees\": \"0.00\", \"fees\": \"0.00\", \"total\": \"46116860184273880.03\"}, "
             "\"difference\": {\"principal\": \"-92233720368547758.06\", %s\"fees\": \"0.00\"}, "
             "\"words_do_not_hold\": {\"principal\": \"0.00\", %s\"fees\": "
             "\"11805916207174113034.24\", \"total\": \"11805916207174113034.24\"}}",
             zeros, zeros);
    rp_buf_t b;
    rp_buf_init(&b);
    rp_json_write_line(&b, root);
    ck_assert_str_eq(b.data, want);
    rp_buf_clear(&b);
    cJSON_Delete(root);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_clear(v[c]);
    rp_round_clear(&rc);
}
END_TEST

/* rp_run takes cJSON's memory from a per-thread arena (json_arena.c); a
 * tree the program builds outside a request stays the program's: built
 * before, kept across requests and freed after, under ASan and valgrind. */
START_TEST(trees_outside_a_request_are_the_programs)
{
    cJSON *mine = cJSON_CreateObject();
    cJSON_AddStringToObject(mine, "kept", "across requests");
    const char *req = "{\"op\": \"schedule\", \"loan\": {" LOAN "}}";
    for (int i = 0; i < 3; i++) {
        char *out = NULL;
        ck_assert_int_eq(rp_run(&out, req, strlen(req), NULL, NULL), RP_OK);
        rp_free(out);
        cJSON_AddStringToObject(mine, i == 0 ? "a" : i == 1 ? "b" : "c", "added between");
    }
    ck_assert_str_eq(cJSON_GetObjectItem(mine, "kept")->valuestring, "across requests");
    ck_assert_str_eq(cJSON_GetObjectItem(mine, "c")->valuestring, "added between");
    cJSON_Delete(mine);
}
END_TEST

START_TEST(memory_comes_back)
{
    long before = live_blocks;
    for (int i = 0; i < N_ELEMENTS(bad); i++) {
        char *out = NULL;
        rp_status ran = rp_run(&out, bad[i].request, strlen(bad[i].request), NULL, NULL);
        ck_assert_int_ne(ran, RP_OK);
        rp_free(out);
    }
    char *out = NULL;
    const char *good = "{\"op\": \"schedule\", \"id\": \"x\", \"loan\": {" LOAN
                       ", \"start_date\": \"2024-01-31\", \"day_count\": \"ACT/ACT\"}}";
    ck_assert_int_eq(rp_run(&out, good, strlen(good), NULL, NULL), RP_OK);
    rp_free(out);
    ck_assert_int_eq(live_blocks, before);
}
END_TEST

int main(void)
{
    mp_set_memory_functions(gmp_alloc, gmp_realloc, gmp_free);
    cJSON_Hooks hooks = {count_malloc, count_free};
    cJSON_InitHooks(&hooks);

    Suite *s = suite_create("json");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, schedule_response);
    tcase_add_test(tc, one_line_responses);
    tcase_add_test(tc, id_echoed_when_op_is_bad);
    tcase_add_test(tc, unsafe_text_escaped_rest_kept);
    tcase_add_test(tc, requests_do_not_leak);
    tcase_add_test(tc, schema_from_the_tables);
    tcase_add_test(tc, numbers_are_read_as_written);
    tcase_add_test(tc, same_request_same_bytes);
    tcase_add_test(tc, table_and_csv);
    tcase_add_loop_test(tc, bad_input_names_the_field, 0, N_ELEMENTS(bad));
    tcase_add_test(tc, nul_byte_and_huge_request);
    tcase_add_test(tc, very_deep_nesting);
    tcase_add_test(tc, bom_is_skipped);
    tcase_add_test(tc, error_response_keeps_op_and_id);
    tcase_add_test(tc, command_op_must_agree);
    tcase_add_test(tc, memory_comes_back);
    tcase_add_test(tc, ints_as_printf_writes_them);
    tcase_add_test(tc, rows_written_as_text_lay_out_as_nodes);
    tcase_add_test(tc, components_from_counts);
    tcase_add_test(tc, field_paths_cut_like_snprintf);
    tcase_add_test(tc, trees_outside_a_request_are_the_programs);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
