/*
 * test_fixtures.c — every case under fixtures/ must match its expectation,
 * and every schedule the calculator answers must keep the invariants,
 * checked here from the response text alone: principal parts sum to the
 * principal; payment = principal + interest + fee on every row; balances
 * fall by the principal, never go negative and end at 0; totals are the
 * column sums; installments are numbered 1…n with rising due dates.
 */
#include <stdio.h>

#include "testutil.h"
#include <cjson/cJSON.h>

#define MAX_CASES 8000
static char *paths[MAX_CASES];   /* the file, and [i] for a case of a file of many */
static char *texts[MAX_CASES];   /* the case's own text */
static size_t lens[MAX_CASES];
static int ncases;

/* A file's text (outside any test: no ck_assert here). */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "test_fixtures: cannot open %s\n", path);
        exit(EXIT_FAILURE);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)n + 1);
    if (!text || fread(text, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "test_fixtures: cannot read %s\n", path);
        exit(EXIT_FAILURE);
    }
    text[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return text;
}

/* Every case of a listed file: one a file, an array of them, or JSON Lines. */
static void add_cases(const char *path)
{
    size_t len, *spans = NULL;
    char *text = read_file(path, &len);
    int count = 0, lines = strlen(path) > 6 && strcmp(path + strlen(path) - 6, ".jsonl") == 0;
    if (rp_fixture_cases(&spans, &count, text, len, lines, NULL) != RP_OK) {
        fprintf(stderr, "test_fixtures: %s is not a fixture file\n", path);
        exit(EXIT_FAILURE);
    }
    int many = lines || count != 1 || spans[0] != 0 || spans[1] != len;
    for (int i = 0; i < count && ncases < MAX_CASES; i++) {
        char label[1100];
        snprintf(label, sizeof label, many ? "%s[%d]" : "%s", path, i);
        size_t n = spans[2 * i + 1] - spans[2 * i];
        paths[ncases] = strdup(label);
        texts[ncases] = malloc(n + 1);
        memcpy(texts[ncases], text + spans[2 * i], n);
        texts[ncases][n] = '\0';
        lens[ncases++] = n;
    }
    rp_free(spans);
    free(text);
}

/* The fixture files, named by the one walker every test shares: `repay
 * check --list` (REPAY_BIN, default build/repay), so what is checked here is
 * exactly what `repay check` runs. */
static void collect(const char *dir)
{
    const char *bin = getenv("REPAY_BIN");
    char command[1024];
    snprintf(command, sizeof command, "'%s' check --list '%s'", bin && *bin ? bin : "build/repay",
             dir);
    FILE *p = popen(command, "r");
    if (!p) {
        fprintf(stderr, "test_fixtures: cannot run %s\n", command);
        exit(EXIT_FAILURE);
    }
    char line[1024];
    while (fgets(line, sizeof line, p) && ncases < MAX_CASES) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0])
            add_cases(line);
    }
    if (pclose(p) != 0 || ncases == 0) {
        fprintf(stderr, "test_fixtures: %s failed or found no fixture\n", command);
        exit(EXIT_FAILURE);
    }
}

static void amount(mpq_t out, const cJSON *obj, const char *key, const char *where)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    ck_assert_msg(cJSON_IsString(item), "%s: %s is not a string", where, key);
    ck_assert_msg(rp_decimal_parse(out, item->valuestring, NULL) == RP_OK, "%s: %s = %s", where,
                  key, item->valuestring);
}

static void check_schedule(const cJSON *resp, const char *where)
{
    const cJSON *rows = cJSON_GetObjectItemCaseSensitive(resp, "installments");
    const cJSON *totals = cJSON_GetObjectItemCaseSensitive(resp, "totals");
    const cJSON *summary = cJSON_GetObjectItemCaseSensitive(resp, "summary");
    ck_assert_msg(cJSON_IsArray(rows) && cJSON_IsObject(totals) && cJSON_IsObject(summary),
                  "%s: schedule response lacks installments/totals/summary", where);
    mpq_t principal, balance, sum[4], v[5], t;
    mpq_inits(principal, balance, t, NULL);
    for (int i = 0; i < 4; i++)
        mpq_init(sum[i]);
    for (int i = 0; i < 5; i++)
        mpq_init(v[i]);
    amount(principal, summary, "principal", where);
    mpq_set(balance, principal);
    int n = 0;
    const char *last_date = "";
    const cJSON *row;
    cJSON_ArrayForEach(row, rows)
    {
        n++;
        const cJSON *num = cJSON_GetObjectItemCaseSensitive(row, "n");
        ck_assert_msg(cJSON_IsNumber(num) && num->valueint == n, "%s: row %d misnumbered", where, n);
        static const char *const keys[5] = {"payment", "principal", "interest", "fee", "balance"};
        for (int i = 0; i < 5; i++)
            amount(v[i], row, keys[i], where);
        mpq_add(t, v[1], v[2]);
        mpq_add(t, t, v[3]);
        ck_assert_msg(mpq_equal(t, v[0]), "%s: row %d payment ≠ principal + interest + fee", where, n);
        mpq_sub(balance, balance, v[1]);
        ck_assert_msg(mpq_equal(balance, v[4]), "%s: row %d balance does not follow", where, n);
        ck_assert_msg(mpq_sgn(v[4]) >= 0, "%s: row %d negative balance", where, n);
        ck_assert_msg(mpq_sgn(v[2]) >= 0 && mpq_sgn(v[3]) >= 0, "%s: row %d negative charge", where, n);
        for (int i = 0; i < 4; i++)
            mpq_add(sum[i], sum[i], v[i]);
        const cJSON *due = cJSON_GetObjectItemCaseSensitive(row, "due_date");
        if (due) {
            ck_assert_msg(strcmp(due->valuestring, last_date) > 0, "%s: row %d date not rising", where, n);
            last_date = due->valuestring;
        }
    }
    ck_assert_msg(n > 0, "%s: no installments", where);
    ck_assert_msg(mpq_sgn(balance) == 0, "%s: the last balance is not 0", where);
    ck_assert_msg(mpq_equal(sum[1], principal), "%s: principal parts ≠ principal", where);
    static const char *const tkeys[4] = {"payment", "principal", "interest", "fee"};
    for (int i = 0; i < 4; i++) {
        amount(t, totals, tkeys[i], where);
        ck_assert_msg(mpq_equal(t, sum[i]), "%s: totals.%s ≠ column sum", where, tkeys[i]);
    }
    mpq_clears(principal, balance, t, NULL);
    for (int i = 0; i < 4; i++)
        mpq_clear(sum[i]);
    for (int i = 0; i < 5; i++)
        mpq_clear(v[i]);
}

START_TEST(fixture_case)
{
    size_t len = lens[_i];
    const char *text = texts[_i];
    char *report = NULL, *response = NULL;
    int mismatches = -1;
    rp_error err;
    rp_status st = rp_fixture_run(&report, &mismatches, &response, text, len, &err);
    ck_assert_msg(st == RP_OK, "%s: malformed fixture: %s", paths[_i], report);
    ck_assert_msg(mismatches == 0, "%s:\n%s", paths[_i], report);

    cJSON *resp = cJSON_Parse(response);
    ck_assert_ptr_nonnull(resp);
    const cJSON *okay = cJSON_GetObjectItemCaseSensitive(resp, "ok");
    const cJSON *op = cJSON_GetObjectItemCaseSensitive(resp, "op");
    if (cJSON_IsTrue(okay) && op && strcmp(op->valuestring, "schedule") == 0) {
        check_schedule(resp, paths[_i]);
    } else if (!cJSON_IsTrue(okay)) {
        const cJSON *e = cJSON_GetObjectItemCaseSensitive(resp, "error");
        const cJSON *message = cJSON_GetObjectItemCaseSensitive(e, "message");
        ck_assert_msg(cJSON_IsString(message) && message->valuestring[0], "%s: error without message",
                      paths[_i]);
    }
    /* every fixture says where its numbers come from */
    cJSON *fixture = cJSON_Parse(text);
    const cJSON *source = cJSON_GetObjectItemCaseSensitive(fixture, "source");
    ck_assert_msg(cJSON_IsString(source) && strlen(source->valuestring) >= 10,
                  "%s: the source is missing or too short to say anything", paths[_i]);
    cJSON_Delete(fixture);
    cJSON_Delete(resp);
    rp_free(response);
    rp_free(report);
}
END_TEST

/* The runner itself must be able to fail. */
START_TEST(runner_reports_mismatches)
{
    const char *wrong = "{\"name\": \"wrong\", \"source\": \"deliberately wrong\", \"request\": "
                        "{\"op\": \"schedule\", \"loan\": {\"principal\": \"1000\", \"rate\": \"0\", "
                        "\"term\": 2}}, \"expected\": {\"totals\": {\"principal\": \"999.99\"}, "
                        "\"installments\": [{}, {}, {}], \"nope\": 1}}";
    char *report = NULL;
    int mismatches = 0;
    ck_assert_int_eq(rp_fixture_run(&report, &mismatches, NULL, wrong, strlen(wrong), NULL), RP_OK);
    ck_assert_int_eq(mismatches, 3);
    ck_assert_ptr_nonnull(strstr(report, "$.totals.principal: expected \"999.99\", got \"1000.00\""));
    ck_assert_ptr_nonnull(strstr(report, "$.installments: expected 3 elements, got 2\n"));
    ck_assert_ptr_nonnull(strstr(report, "$.nope: expected 1, got nothing (no such field"));
    rp_free(report);

    const char *approx = "{\"name\": \"approx\", \"source\": \"deliberately off\", \"request\": "
                         "{\"op\": \"yield\", \"cash_flows\": [\"1000\", \"-1100\"], "
                         "\"periods_per_year\": 1}, \"expected\": {\"irr_periodic\": "
                         "{\"approx\": \"0.1000001\", \"tolerance\": \"0.0000001\"}, \"apr\": "
                         "{\"approx\": \"0.1000002\", \"tolerance\": \"0.0000001\"}}}";
    ck_assert_int_eq(rp_fixture_run(&report, &mismatches, NULL, approx, strlen(approx), NULL), RP_OK);
    ck_assert_int_eq(mismatches, 1); /* 0.1 is within 1e-7 of the first, not the second */
    ck_assert_ptr_nonnull(strstr(report, "$.apr: expected {\"approx\": \"0.1000002\""));
    rp_free(report);

    const char *no_expected = "{\"name\": \"x\", \"source\": \"y\", \"request\": {}}";
    ck_assert_int_eq(rp_fixture_run(&report, &mismatches, NULL, no_expected, strlen(no_expected), NULL),
                     RP_E_MISSING);
    ck_assert_ptr_nonnull(strstr(report, "$.expected"));
    rp_free(report);
}
END_TEST

int main(int argc, char **argv)
{
    collect(argc > 1 ? argv[1] : "fixtures");
    Suite *s = suite_create("fixtures");
    TCase *tc = tcase_create("cases");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, fixture_case, 0, ncases);
    tcase_add_test(tc, runner_reports_mismatches);
    suite_add_tcase(s, tc);
    printf("fixture cases: %d\n", ncases);
    int status = run_suite(s);
    for (int i = 0; i < ncases; i++) {
        free(paths[i]);
        free(texts[i]);
    }
    return status;
}
