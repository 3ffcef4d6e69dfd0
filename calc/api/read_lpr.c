/*
 * read_lpr.c — reading LPR history: the table shipped in data/lpr.json (or
 * a newer one given at run time), or fixings inside a request.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ops.h"

typedef struct fixing_in {
    rp_date_t date;
    rate_in_t one_year, five_year;
} fixing_in_t;

static const field_t fixing_fields[] = {
    {.name = "date", .kind = FK_DATE, .required = 1, .offset = offsetof(fixing_in_t, date),
     .doc = "the fixing's date"},
    {.name = "one_year", .kind = FK_CUSTOM, .schema = SCHEMA_REF("rate"), .required = 1, .offset = offsetof(fixing_in_t, one_year),
     .read = rp_json_read_rate, .doc = "the one-year LPR, e.g. \"3.45%\""},
    {.name = "five_year", .kind = FK_CUSTOM, .schema = SCHEMA_REF("rate"), .offset = offsetof(fixing_in_t, five_year),
     .read = rp_json_read_rate, .doc = "the five-year-plus LPR (optional)"},
};
const object_spec_t rp_spec_lpr_fixing = {"an LPR fixing", RP_FIELDS(fixing_fields)};

rp_status rp_json_lpr_fixings(rp_lpr_t *out, const cJSON *arr, const char *path, rp_error *err)
{
    if (!cJSON_IsArray(arr))
        return rp_fail(err, RP_E_TYPE, path, "expected an array of fixings, found %s",
                       rp_json_type_name(arr));
    int i = 0;
    rp_status st = RP_OK;
    fixing_in_t f;
    mpq_inits(f.one_year.value, f.five_year.value, NULL);
    for (const cJSON *m = arr->child; m && st == RP_OK; m = m->next, i++) {
        char sub[RP_PATH_MAX];
        snprintf(sub, sizeof sub, "%s[%d]", path, i);
        if (i >= 1000) {
            st = rp_fail(err, RP_E_RANGE, path, "at most 1000 fixings");
            break;
        }
        f.date = RP_DATE_NONE;
        f.one_year.given = f.five_year.given = 0;
        mpq_set_ui(f.five_year.value, 0, 1);
        st = rp_fields_read(&f, m, &rp_spec_lpr_fixing, sub, err);
        if (st != RP_OK)
            break;
        mpq_t one, five; /* 月/日 rates as annual ones */
        mpq_inits(one, five, NULL);
        st = rp_rate_in_annual(one, &f.one_year, 360, err);
        if (st == RP_OK)
            st = rp_rate_in_annual(five, f.five_year.given ? &f.five_year : &f.one_year, 360, err);
        if (st != RP_OK) {
            mpq_clears(one, five, NULL);
            break;
        }
        st = rp_lpr_add(out, f.date, one, five, err);
        mpq_clears(one, five, NULL);
        if (st != RP_OK && rp_status_exit_code(st) == 2) {
            char field[RP_PATH_MAX];
            snprintf(field, sizeof field, "%s.%s", sub, err ? err->path : "");
            if (err)
                snprintf(err->path, sizeof err->path, "%s", field);
        }
    }
    mpq_clears(f.one_year.value, f.five_year.value, NULL);
    if (st == RP_OK && i == 0)
        st = rp_fail(err, RP_E_VALUE, path, "give at least one fixing");
    return st;
}

typedef struct table_in {
    const cJSON *description, *source, *fixings;
    rp_date_t checked_through;
} table_in_t;

static const field_t table_fields[] = {
    {.name = "description", .kind = FK_CUSTOM, .schema = SCHEMA_STRING, .offset = offsetof(table_in_t, description),
     .read = rp_json_keep, .doc = "free text"},
    {.name = "source", .kind = FK_CUSTOM, .schema = SCHEMA_STRING, .offset = offsetof(table_in_t, source),
     .read = rp_json_keep, .doc = "where the fixings come from"},
    {.name = "checked_through", .kind = FK_DATE, .offset = offsetof(table_in_t, checked_through),
     .doc = "the last fixing the table was checked against"},
    {.name = "fixings", .kind = FK_CUSTOM, .schema = SCHEMA_LIST_MIN("lpr_fixing", 1, 1000), .required = 1, .offset = offsetof(table_in_t, fixings),
     .read = rp_json_keep, .doc = "the fixings where a rate changed, by date"},
};
const object_spec_t rp_spec_lpr_table = {"an LPR table", RP_FIELDS(table_fields)};

/* Says which table an error is in: the request's paths do not apply. */
static rp_status in_table(rp_error *err, rp_status st, const char *label)
{
    if (err) {
        char message[RP_MESSAGE_MAX];
        snprintf(message, sizeof message, "the LPR table (%s), at %s: %s", label,
                 err->path[0] ? err->path : "$", err->message);
        snprintf(err->message, sizeof err->message, "%s", message);
        snprintf(err->path, sizeof err->path, "$");
    }
    return st;
}

rp_status rp_json_lpr_table(rp_lpr_t *out, const char *text, size_t len, const char *label,
                            rp_error *err)
{
    cJSON *root = rp_json_parse(text, len, err);
    if (!root)
        return in_table(err, err ? err->code : RP_E_JSON, label);
    table_in_t t = {NULL, NULL, NULL, RP_DATE_NONE};
    rp_status st = rp_fields_read(&t, root, &rp_spec_lpr_table, "$", err);
    if (st == RP_OK)
        st = rp_json_lpr_fixings(out, t.fixings, "$.fixings", err);
    if (st == RP_OK)
        out->checked_through = t.checked_through;
    else
        in_table(err, st, label);
    cJSON_Delete(root);
    return st;
}
