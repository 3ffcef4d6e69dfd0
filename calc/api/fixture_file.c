/*
 * fixture_file.c — fixture files beyond one case a file: an array of cases
 * or JSON Lines (one case a line), split into the byte spans of each case
 * so every case is run from its own text (numbers keep what was written);
 * and a recorded fixture cut down to the fields that matter (repay record
 * --keep).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"

/* The most cases one file may hold. */
#define MAX_CASES 100000

static rp_status cases_of_lines(size_t **spans, int *count, const char *text, size_t len,
                                rp_error *err)
{
    int lines = 0;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n';
    size_t *s = malloc(sizeof *s * 2 * (size_t)(lines + 1));
    if (!s)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    int n = 0, line = 1;
    for (size_t start = 0; start < len; line++) {
        size_t end = start;
        while (end < len && text[end] != '\n')
            end++;
        size_t a = start, b = end;
        while (a < b && (text[a] == ' ' || text[a] == '\t' || text[a] == '\r'))
            a++;
        while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t' || text[b - 1] == '\r'))
            b--;
        if (a < b) {
            rp_status st = rp_json_check(text + a, b - a, 0, err);
            if (st != RP_OK) {
                free(s);
                if (err) {
                    char why[RP_MESSAGE_MAX];
                    snprintf(why, sizeof why, "line %d: %s", line, err->message);
                    snprintf(err->message, sizeof err->message, "%s", why);
                }
                return st;
            }
            s[2 * n] = a;
            s[2 * n + 1] = b;
            n++;
        }
        start = end + 1;
    }
    *spans = s;
    *count = n;
    return RP_OK;
}

rp_status rp_fixture_cases(size_t **spans, int *count, const char *text, size_t len, int json_lines,
                           rp_error *err)
{
    *spans = NULL;
    *count = 0;
    if (json_lines)
        return cases_of_lines(spans, count, text, len, err);
    rp_status st = rp_json_check(text, len, 0, err);
    if (st != RP_OK)
        return st;
    size_t at = 0;
    if (len >= 3 && (unsigned char)text[0] == 0xEF) /* a byte order mark */
        at = 3;
    while (at < len && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r'))
        at++;
    int n = rp_json_array_spans(text, len, at, NULL, 0);
    if (n < 0) { /* one case: the whole text */
        size_t *s = malloc(sizeof *s * 2);
        if (!s)
            return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
        s[0] = 0;
        s[1] = len;
        *spans = s;
        *count = 1;
        return RP_OK;
    }
    if (n > MAX_CASES)
        return rp_fail(err, RP_E_RANGE, "$", "at most %d cases in one file", MAX_CASES);
    size_t *s = malloc(sizeof *s * 2 * (size_t)(n > 0 ? n : 1));
    if (!s)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    rp_json_array_spans(text, len, at, s, n);
    *spans = s;
    *count = n;
    return RP_OK;
}

/* ---- keeping some fields --------------------------------------------------- */

/* One step of a path: a key, or [index] (index text kept, e.g. "-1"). */
typedef struct step {
    char key[64];
    int is_index;
    long index;
} step_t;

#define MAX_STEPS 16

static int parse_path(step_t *steps, const char *path)
{
    int n = 0;
    const char *p = path;
    while (*p) {
        if (n == MAX_STEPS)
            return -1;
        step_t *s = &steps[n++];
        memset(s, 0, sizeof *s);
        if (*p == '[') {
            char *end;
            s->is_index = 1;
            s->index = strtol(p + 1, &end, 10);
            if (end == p + 1 || *end != ']')
                return -1;
            p = end + 1;
        } else {
            size_t k = strcspn(p, ".[");
            if (k == 0 || k >= sizeof s->key)
                return -1;
            memcpy(s->key, p, k);
            p += k;
        }
        if (*p == '.')
            p++;
    }
    return n;
}

/* Copies what lies at steps[0 …] in from into into (an object for keys,
 * an index object for [i]); 0 if the path is not there. */
static int keep(cJSON *into, const cJSON *from, const step_t *steps, int n)
{
    const step_t *s = &steps[0];
    const cJSON *next;
    char name[32];
    const char *key = s->key;
    if (s->is_index) {
        int size = cJSON_IsArray(from) ? cJSON_GetArraySize(from) : -1;
        long at = s->index < 0 ? size + s->index : s->index;
        if (size < 0 || at < 0 || at >= size)
            return 0;
        next = cJSON_GetArrayItem(from, (int)at);
        snprintf(name, sizeof name, "[%ld]", s->index);
        key = name;
    } else {
        next = cJSON_IsObject(from) ? cJSON_GetObjectItemCaseSensitive(from, s->key) : NULL;
        if (!next)
            return 0;
    }
    cJSON *have = cJSON_GetObjectItemCaseSensitive(into, key);
    if (n == 1) {
        if (have)
            cJSON_DeleteItemFromObjectCaseSensitive(into, key);
        cJSON_AddItemToObject(into, key, cJSON_Duplicate(next, 1));
        return 1;
    }
    if (!have)
        have = cJSON_AddObjectToObject(into, key);
    else if (!cJSON_IsObject(have))
        return 1; /* the whole of it is kept already */
    return keep(have, next, steps + 1, n - 1);
}

rp_status rp_fixture_keep(char **out, const char *fixture, size_t len, const char *const *paths,
                          int count, rp_error *err)
{
    *out = NULL;
    cJSON *root = rp_json_parse(fixture, len, err);
    if (!root)
        return err ? err->code : RP_E_JSON;
    const cJSON *expected = cJSON_GetObjectItemCaseSensitive(root, "expected");
    rp_status st = cJSON_IsObject(expected) ? RP_OK
                   : rp_fail(err, RP_E_VALUE, "$.expected", "the fixture has no expected object");
    cJSON *kept = cJSON_CreateObject();
    for (int i = 0; st == RP_OK && i < count; i++) {
        step_t steps[MAX_STEPS];
        int n = parse_path(steps, paths[i]);
        if (n <= 0)
            st = rp_fail(err, RP_E_VALUE, "$", "\"%.80s\" is not a path like summary.payment or "
                                              "installments[0].interest", paths[i]);
        else if (!keep(kept, expected, steps, n))
            st = rp_fail(err, RP_E_VALUE, "$", "the response has no %.80s", paths[i]);
    }
    if (st == RP_OK) {
        cJSON_ReplaceItemInObjectCaseSensitive(root, "expected", kept);
        kept = NULL;
        rp_buf_t b;
        rp_buf_init(&b);
        rp_json_write(&b, root);
        rp_buf_puts(&b, "\n");
        *out = rp_buf_take(&b);
        if (!*out)
            st = rp_fail(err, RP_E_NOMEM, "$", "out of memory");
    }
    cJSON_Delete(kept);
    cJSON_Delete(root);
    return st;
}

/* ---- a fixture from a table (a bank's export) ------------------------------- */

static const char *const row_fields[] = {"n", "due_date", "payment", "principal", "interest",
                                         "fee", "balance", "rate"};
#define ROW_FIELD_COUNT ((int)(sizeof row_fields / sizeof row_fields[0]))

/* When the export's installment numbers are not repay's own from the
 * first (a part of the schedule: the rows still to come, a year of it),
 * *places gets, for each row, the place in repay's answer of the
 * installment with its number — the fixture then checks those places
 * ("[k]") — and an installment repay does not have is an error. NULL when
 * they are the whole list in order (an array, as before), or when the
 * request is not answered (the check says why). */
static rp_status row_places(int **places, const char *request, size_t len,
                            const char *const *cells, int count, int n_column, int rows,
                            rp_error *err)
{
    *places = NULL;
    for (int r = 0; r < rows; r++) { /* a bad number: the cell's own error, below */
        const char *t = cells[r * count + n_column];
        if (!t || !*t || strspn(t, "0123456789") != strlen(t) || strlen(t) > 9)
            return RP_OK;
    }
    char *answer = NULL;
    rp_options_t opt = {.format = RP_FORMAT_JSON};
    if (rp_run(&answer, request, len, &opt, NULL) != RP_OK) {
        rp_free(answer);
        return RP_OK;
    }
    cJSON *resp = rp_json_parse(answer, strlen(answer), NULL);
    rp_free(answer);
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(resp, "installments");
    int have = cJSON_GetArraySize(list), whole = have == rows;
    long *numbers = malloc(sizeof *numbers * (size_t)(have > 0 ? have : 1));
    rp_status st = numbers ? RP_OK : rp_fail(err, RP_E_NOMEM, "$", "out of memory");
    int k = 0;
    for (const cJSON *row = list ? list->child : NULL; st == RP_OK && row; row = row->next, k++) {
        const cJSON *n = cJSON_GetObjectItemCaseSensitive(row, "n");
        numbers[k] = n && n->valuestring ? strtol(n->valuestring, NULL, 10) : -1;
    }
    for (int r = 0; st == RP_OK && whole && r < rows; r++)
        whole = strtol(cells[r * count + n_column], NULL, 10) == numbers[r];
    if (st == RP_OK && !whole && have > 0) {
        *places = malloc(sizeof **places * (size_t)(rows > 0 ? rows : 1));
        if (!*places)
            st = rp_fail(err, RP_E_NOMEM, "$", "out of memory");
        for (int r = 0; st == RP_OK && r < rows; r++) {
            long n = strtol(cells[r * count + n_column], NULL, 10);
            int at = -1;
            for (int j = 0; j < have && at < 0; j++)
                if (numbers[j] == n)
                    at = j;
            if (at < 0)
                st = rp_fail(err, RP_E_VALUE, "$", "row %d: installment %ld is not in repay's "
                             "answer (its installments are numbered %ld … %ld)", r + 1, n,
                             numbers[0], numbers[have - 1]);
            (*places)[r] = at;
        }
        if (st != RP_OK) {
            free(*places);
            *places = NULL;
        }
    }
    free(numbers);
    cJSON_Delete(resp);
    return st;
}

/* One cell as a JSON value: n an integer, due_date a date, the rest decimals. */
static cJSON *cell_value(const char *field, const char *text, char *why, size_t size)
{
    mpq_t v;
    mpq_init(v);
    cJSON *item = NULL;
    if (strcmp(field, "due_date") == 0) {
        rp_date_t d;
        if (rp_date_parse(&d, text, NULL) == RP_OK)
            item = cJSON_CreateString(text);
        else
            snprintf(why, size, "expected a date like 2024-01-15");
    } else if (rp_decimal_parse(v, text, NULL) != RP_OK) {
        snprintf(why, size, "expected a decimal");
    } else if (strcmp(field, "n") == 0 && (mpz_cmp_ui(mpq_denref(v), 1) != 0 || mpq_sgn(v) < 0)) {
        snprintf(why, size, "expected an installment number");
    } else {
        item = cJSON_CreateRaw(text); /* the number as written */
    }
    mpq_clear(v);
    return item;
}

rp_status rp_fixture_from_table(char **out, const char *request, size_t len, const char *name,
                                const char *source, const char *const *fields, int count,
                                const char *const *cells, int rows, rp_error *err)
{
    *out = NULL;
    for (int c = 0; c < count; c++)
        if (rp_name_index(row_fields, ROW_FIELD_COUNT, fields[c]) < 0)
            return rp_fail(err, RP_E_VALUE, "$", "column %d maps to \"%.40s\", not one of n, "
                           "due_date, payment, principal, interest, fee, balance, rate",
                           c + 1, fields[c]);
    cJSON *req = rp_json_parse(request, len, err);
    if (!req)
        return err ? err->code : RP_E_JSON;
    if (!cJSON_IsObject(req)) {
        cJSON_Delete(req);
        return rp_fail(err, RP_E_TYPE, "$", "a request is a JSON object");
    }
    cJSON *fx = cJSON_CreateObject();
    cJSON_AddStringToObject(fx, "name", name && *name ? name : "imported-case");
    cJSON_AddStringToObject(fx, "source", source && *source ? source : "a bank system's export");
    cJSON_AddItemToObject(fx, "request", req);
    cJSON *list = cJSON_AddArrayToObject(cJSON_AddObjectToObject(fx, "expected"), "installments");
    rp_status st = RP_OK;
    int n_column = -1;
    for (int c = 0; c < count; c++)
        if (strcmp(fields[c], "n") == 0)
            n_column = c;
    int *places = NULL;
    if (n_column >= 0) /* a part of the schedule: each row where repay puts its number */
        st = row_places(&places, request, len, cells, count, n_column, rows, err);
    if (places) {
        cJSON_DeleteItemFromObjectCaseSensitive(cJSON_GetObjectItemCaseSensitive(fx, "expected"),
                                                "installments");
        list = cJSON_AddObjectToObject(cJSON_GetObjectItemCaseSensitive(fx, "expected"),
                                       "installments");
    }
    for (int r = 0; r < rows && st == RP_OK; r++) {
        cJSON *row = cJSON_CreateObject();
        if (places) {
            char key[24];
            snprintf(key, sizeof key, "[%d]", places[r]);
            cJSON_AddItemToObject(list, key, row);
        } else {
            cJSON_AddItemToArray(list, row);
        }
        for (int c = 0; c < count && st == RP_OK; c++) {
            const char *text = cells[r * count + c];
            char why[64];
            cJSON *v = text && *text ? cell_value(fields[c], text, why, sizeof why) : NULL;
            if (text && *text && !v)
                st = rp_fail(err, RP_E_VALUE, "$", "row %d, column %d (%s): %s, found \"%.40s\"",
                             r + 1, c + 1, fields[c], why, text);
            else if (v)
                cJSON_AddItemToObject(row, fields[c], v);
        }
    }
    if (st == RP_OK) {
        rp_buf_t b;
        rp_buf_init(&b);
        rp_json_write(&b, fx);
        rp_buf_puts(&b, "\n");
        *out = rp_buf_take(&b);
        if (!*out)
            st = rp_fail(err, RP_E_NOMEM, "$", "out of memory");
    }
    cJSON_Delete(fx);
    free(places);
    return st;
}
