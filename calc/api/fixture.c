/*
 * fixture.c — one fixture case: run its request, compare the response with
 * its expectation. `expected` is a subset of the response: objects match
 * member by member; arrays element by element with equal length; an object
 * whose keys are all "[i]" (i may be negative, counting from the end)
 * checks only those elements of an array. Strings compare as text; numbers
 * (and a number against a decimal string) compare as exact values;
 * {"approx": x, "tolerance": t} accepts any number within t of x.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"

#define MAX_REPORTED 20

typedef struct compare {
    rp_buf_t *report;
    int mismatches;
} compare_t;

static void show(rp_buf_t *b, const cJSON *item)
{
    if (!item) {
        rp_buf_puts(b, "nothing");
        return;
    }
    rp_buf_t tmp;
    rp_buf_init(&tmp);
    rp_json_write(&tmp, item);
    if (tmp.len > 120) {
        rp_buf_append(b, tmp.data, 117);
        rp_buf_puts(b, "...");
    } else if (tmp.data) {
        rp_buf_append(b, tmp.data, tmp.len);
    }
    rp_buf_clear(&tmp);
}

static void mismatch(compare_t *c, const char *path, const cJSON *expected, const cJSON *actual,
                     const char *why)
{
    c->mismatches++;
    if (c->mismatches > MAX_REPORTED)
        return;
    if (!expected && !actual) {
        rp_buf_printf(c->report, "%s: %s\n", path, why);
        return;
    }
    rp_buf_printf(c->report, "%s: expected ", path);
    show(c->report, expected);
    rp_buf_puts(c->report, ", got ");
    show(c->report, actual);
    if (why)
        rp_buf_printf(c->report, " (%s)", why);
    rp_buf_puts(c->report, "\n");
}

/* Exact value of a number, or of a string holding a plain decimal. */
static int numeric(mpq_t out, const cJSON *item)
{
    const char *text = cJSON_IsNumber(item) ? rp_json_number_text(item)
                       : cJSON_IsString(item) ? item->valuestring : NULL;
    return text && rp_decimal_parse(out, text, NULL) == RP_OK;
}

/* 1 if every key of obj is "[i]"; index keys then select array elements. */
static int is_index_object(const cJSON *obj)
{
    if (!cJSON_IsObject(obj) || !obj->child)
        return 0;
    for (const cJSON *m = obj->child; m; m = m->next) {
        const char *k = m->string;
        size_t n = strlen(k);
        if (n < 3 || k[0] != '[' || k[n - 1] != ']')
            return 0;
        for (size_t i = 1; i + 1 < n; i++)
            if (!((k[i] >= '0' && k[i] <= '9') || (i == 1 && k[i] == '-')))
                return 0;
    }
    return 1;
}

/* {"approx": x, "tolerance": t}: a number within t of x. For values a
 * spreadsheet only approximates (RATE, IRR, XIRR, XNPV). */
static int is_approx(const cJSON *e)
{
    return cJSON_IsObject(e) && cJSON_GetArraySize(e) == 2 &&
           cJSON_GetObjectItemCaseSensitive(e, "approx") &&
           cJSON_GetObjectItemCaseSensitive(e, "tolerance");
}

static void compare_approx(compare_t *c, const cJSON *e, const cJSON *a, const char *path)
{
    mpq_t want, tol, got;
    mpq_inits(want, tol, got, NULL);
    int ok = numeric(want, cJSON_GetObjectItemCaseSensitive(e, "approx")) &&
             numeric(tol, cJSON_GetObjectItemCaseSensitive(e, "tolerance")) && numeric(got, a);
    if (ok)
        ok = rp_decimal_within(got, want, tol);
    if (!ok)
        mismatch(c, path, e, a, "not within the tolerance");
    mpq_clears(want, tol, got, NULL);
}

static void compare(compare_t *c, const cJSON *e, const cJSON *a, const char *path)
{
    char sub[RP_PATH_MAX];
    if (is_approx(e)) {
        compare_approx(c, e, a, path);
        return;
    }
    if (is_index_object(e) && cJSON_IsArray(a)) {
        int size = cJSON_GetArraySize(a);
        for (const cJSON *m = e->child; m; m = m->next) {
            long i = strtol(m->string + 1, NULL, 10);
            long at = i < 0 ? size + i : i;
            snprintf(sub, sizeof sub, "%s[%ld]", path, at);
            if (at < 0 || at >= size)
                mismatch(c, sub, m, NULL, "no such element");
            else
                compare(c, m, cJSON_GetArrayItem(a, (int)at), sub);
        }
        return;
    }
    if (cJSON_IsObject(e)) {
        if (!cJSON_IsObject(a)) {
            mismatch(c, path, e, a, "not an object");
            return;
        }
        for (const cJSON *m = e->child; m; m = m->next) {
            rp_fields_path(sub, sizeof sub, path, m->string);
            const cJSON *got = cJSON_GetObjectItemCaseSensitive(a, m->string);
            if (!got)
                mismatch(c, sub, m, NULL, "no such field in the response");
            else
                compare(c, m, got, sub);
        }
        return;
    }
    if (cJSON_IsArray(e)) {
        if (!cJSON_IsArray(a)) {
            mismatch(c, path, e, a, "not an array");
            return;
        }
        int ne = cJSON_GetArraySize(e), na = cJSON_GetArraySize(a);
        if (ne != na) {
            char why[64];
            snprintf(why, sizeof why, "expected %d elements, got %d", ne, na);
            mismatch(c, path, NULL, NULL, why);
            return;
        }
        const cJSON *x = e->child, *y = a->child;
        for (int i = 0; x && y; i++, x = x->next, y = y->next) {
            snprintf(sub, sizeof sub, "%s[%d]", path, i);
            compare(c, x, y, sub);
        }
        return;
    }
    if (cJSON_IsString(e) && cJSON_IsString(a)) {
        if (strcmp(e->valuestring, a->valuestring) != 0)
            mismatch(c, path, e, a, NULL);
        return;
    }
    if (cJSON_IsNumber(e) || cJSON_IsNumber(a) || cJSON_IsRaw(a)) {
        mpq_t x, y;
        mpq_inits(x, y, NULL);
        int same = numeric(x, e) && numeric(y, a) && mpq_equal(x, y);
        mpq_clears(x, y, NULL);
        if (!same)
            mismatch(c, path, e, a, NULL);
        return;
    }
    if ((e->type & 0xFF) != (a->type & 0xFF))
        mismatch(c, path, e, a, NULL);
}

typedef struct fixture {
    const cJSON *name, *source, *request, *expected, *notes;
    int unverified;
} fixture_t;

static rp_status read_text(void *target, const cJSON *item, const char *path, rp_error *err)
{
    if (!cJSON_IsString(item) || !item->valuestring[0])
        return rp_fail(err, RP_E_TYPE, path, "expected a non-empty string, found %s",
                       rp_json_type_name(item));
    *(const cJSON **)target = item;
    return RP_OK;
}

static rp_status read_object_item(void *target, const cJSON *item, const char *path, rp_error *err)
{
    if (!cJSON_IsObject(item))
        return rp_fail(err, RP_E_TYPE, path, "expected an object, found %s", rp_json_type_name(item));
    *(const cJSON **)target = item;
    return RP_OK;
}

static const field_t fixture_fields[] = {
    {.name = "name", .kind = FK_CUSTOM, .schema = SCHEMA_STRING, .required = 1, .offset = offsetof(fixture_t, name),
     .read = read_text, .doc = "a stable id for the case"},
    {.name = "source", .kind = FK_CUSTOM, .schema = SCHEMA_STRING, .required = 1, .offset = offsetof(fixture_t, source),
     .read = read_text, .doc = "where the expected numbers come from (not from repay)"},
    {.name = "notes", .kind = FK_CUSTOM, .schema = SCHEMA_STRING, .offset = offsetof(fixture_t, notes), .read = read_text,
     .doc = "free text"},
    {.name = "request", .kind = FK_CUSTOM, .schema = SCHEMA_OBJECT, .required = 1, .offset = offsetof(fixture_t, request),
     .read = read_object_item, .doc = "the request, as sent to repay"},
    {.name = "expected", .kind = FK_CUSTOM, .schema = SCHEMA_OBJECT, .required = 1,
     .offset = offsetof(fixture_t, expected), .read = read_object_item,
     .doc = "the fields of the response that must match"},
    {.name = "unverified", .kind = FK_BOOL, .offset = offsetof(fixture_t, unverified),
     .doc = "true in a skeleton from `repay record`: fails until someone checks the numbers"},
};
static const object_spec_t fixture_spec = {"a fixture", RP_FIELDS(fixture_fields)};

rp_status rp_fixture_run(char **report, int *mismatches, char **response_out, const char *text,
                         size_t len, rp_error *err)
{
    rp_buf_t out, request;
    rp_buf_init(&out);
    rp_buf_init(&request);
    fixture_t f = {0};
    char *response = NULL;
    cJSON *actual = NULL;
    rp_error local;
    rp_error_reset(&local);
    *mismatches = 0;

    cJSON *root = rp_json_parse(text, len, &local);
    rp_status st = root ? RP_OK : local.code;
    if (st == RP_OK)
        st = rp_fields_read(&f, root, &fixture_spec, "$", &local);
    if (st == RP_OK && !f.expected->child)
        st = rp_fail(&local, RP_E_VALUE, "$.expected", "expected is empty: it would check nothing");
    if (st != RP_OK) {
        rp_buf_printf(&out, "malformed fixture: %s: %s: %s\n", local.path[0] ? local.path : "$",
                      rp_strerror(local.code), local.message);
        goto out;
    }
    rp_json_write(&request, f.request);
    if (request.failed) {
        st = rp_fail(&local, RP_E_NOMEM, "$", "out of memory");
        goto out;
    }
    rp_options_t opt = {.format = RP_FORMAT_JSON};
    rp_status ran = rp_run(&response, request.data, request.len, &opt, NULL);
    (void)ran; /* an error response is an answer, compared like any other */
    actual = response ? rp_json_parse(response, strlen(response), &local) : NULL;
    if (!actual) {
        st = rp_fail(&local, RP_E_INTERNAL, "$", "the response could not be read back");
        goto out;
    }
    compare_t c = {&out, 0};
    compare(&c, f.expected, actual, "$");
    if (f.unverified) {
        /* recorded from repay itself: it proves nothing until checked */
        rp_buf_puts(&out, "unverified: the expected values were recorded from repay's own output; "
                          "check them against numbers from elsewhere, set \"source\", then remove "
                          "\"unverified\"\n");
        c.mismatches++;
    }
    if (c.mismatches > MAX_REPORTED)
        rp_buf_printf(&out, "… and %d more mismatches\n", c.mismatches - MAX_REPORTED);
    *mismatches = c.mismatches;
out:
    *report = rp_buf_take(&out);
    rp_buf_clear(&request);
    if (response_out)
        *response_out = st == RP_OK ? response : NULL;
    if (!response_out || st != RP_OK)
        rp_free(response);
    cJSON_Delete(actual);
    cJSON_Delete(root);
    if (err)
        *err = local;
    return st;
}

rp_status rp_fixture_record(char **out, rp_error *answer, const char *request, size_t len,
                            const char *name, const rp_options_t *opt, rp_error *err)
{
    rp_error local;
    rp_error_reset(&local);
    *out = NULL;
    /* the request as a tree: numbers keep their text, so what is recorded
     * is what was sent (100000000000000.01 stays that) */
    cJSON *req = rp_json_parse(request, len, &local);
    rp_status st = req ? RP_OK : local.code;
    if (st == RP_OK && !cJSON_IsObject(req))
        st = rp_fail(&local, RP_E_TYPE, "$", "a request is a JSON object, found %s",
                     rp_json_type_name(req));
    char *response = NULL;
    cJSON *res = NULL, *fx = NULL;
    if (st == RP_OK) {
        rp_options_t run = {.format = RP_FORMAT_JSON, .lpr_json = opt ? opt->lpr_json : NULL,
                            .lpr_len = opt ? opt->lpr_len : 0,
                            .calendar_json = opt ? opt->calendar_json : NULL,
                            .calendar_len = opt ? opt->calendar_len : 0};
        rp_status answered = rp_run(&response, request, len, &run, answer);
        (void)answered; /* an error response is recorded as one */
        res = response ? rp_json_parse(response, strlen(response), &local) : NULL;
        if (!res)
            st = rp_fail(&local, RP_E_NOMEM, "$", "out of memory");
    }
    if (st == RP_OK) {
        fx = cJSON_CreateObject();
        cJSON_AddStringToObject(fx, "name", name && *name ? name : "recorded-case");
        cJSON_AddStringToObject(fx, "source",
                                "UNVERIFIED: recorded from repay " RP_VERSION "'s own output. "
                                "Check every expected value against your own numbers, write here "
                                "where they come from, delete the fields you do not need, and "
                                "remove \"unverified\".");
        cJSON_AddTrueToObject(fx, "unverified");
        cJSON_AddItemToObject(fx, "request", req);
        cJSON_AddItemToObject(fx, "expected", res);
        req = res = NULL;
        rp_buf_t b;
        rp_buf_init(&b);
        rp_json_write(&b, fx);
        rp_buf_puts(&b, "\n");
        *out = rp_buf_take(&b);
        if (!*out)
            st = rp_fail(&local, RP_E_NOMEM, "$", "out of memory");
    }
    cJSON_Delete(fx);
    cJSON_Delete(req);
    cJSON_Delete(res);
    rp_free(response);
    if (err)
        *err = local;
    return st;
}
