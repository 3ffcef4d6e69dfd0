/*
 * calendar_in.c — reading business days: the calendar table (the one in
 * data/cn_calendar.json, built in, or a newer one given with --calendar),
 * and a loan's business_days: which calendar, how a due date rolls, where
 * interest runs to, and holidays or working days the request adds.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"

/* ---- the table ------------------------------------------------------------ */

typedef struct table_in {
    const cJSON *description, *source, *name, *years, *holidays, *workdays;
} table_in_t;

#define SCHEMA_DATES "{\"type\": \"array\", \"maxItems\": 10000, \"items\": " SCHEMA_REF("date") "}"
static const field_t table_fields[] = {
    {.name = "description", .kind = FK_CUSTOM, .schema = SCHEMA_STRING,
     .offset = offsetof(table_in_t, description), .read = rp_json_keep, .doc = "free text"},
    {.name = "source", .kind = FK_CUSTOM, .schema = SCHEMA_STRING,
     .offset = offsetof(table_in_t, source), .read = rp_json_keep,
     .doc = "the notices the dates come from"},
    {.name = "name", .kind = FK_CUSTOM, .schema = SCHEMA_STRING,
     .offset = offsetof(table_in_t, name), .read = rp_json_keep, .doc = "the calendar's name"},
    {.name = "years", .kind = FK_CUSTOM,
     .schema = "{\"type\": \"array\", \"minItems\": 2, \"maxItems\": 2, \"items\": {\"type\": \"integer\"}}",
     .required = 1, .offset = offsetof(table_in_t, years), .read = rp_json_keep,
     .doc = "[first, last]: the years the lists cover"},
    {.name = "holidays", .kind = FK_CUSTOM, .schema = SCHEMA_DATES,
     .offset = offsetof(table_in_t, holidays), .read = rp_json_keep,
     .doc = "days that are not working days (放假)"},
    {.name = "workdays", .kind = FK_CUSTOM, .schema = SCHEMA_DATES,
     .offset = offsetof(table_in_t, workdays), .read = rp_json_keep,
     .doc = "weekend days that are working days (调休上班)"},
};
static const object_spec_t table_spec = {"a business-day calendar", RP_FIELDS(table_fields)};

/* Adds a list of dates at path (holidays, or workdays). */
static rp_status add_dates(rp_calendar_t *c, const cJSON *list, int workday, const char *path,
                           rp_error *err)
{
    if (!list)
        return RP_OK;
    if (!cJSON_IsArray(list))
        return rp_fail(err, RP_E_TYPE, path, "expected an array of dates, found %s",
                       rp_json_type_name(list));
    int i = 0;
    for (const cJSON *m = list->child; m; m = m->next, i++) {
        char sub[RP_PATH_MAX];
        snprintf(sub, sizeof sub, "%s[%d]", path, i);
        if (i >= 10000)
            return rp_fail(err, RP_E_RANGE, path, "at most 10000 dates");
        if (!cJSON_IsString(m))
            return rp_fail(err, RP_E_TYPE, sub, "expected a date string, found %s",
                           rp_json_type_name(m));
        rp_date_t d;
        rp_status st = rp_date_parse(&d, m->valuestring, err);
        if (st == RP_OK)
            st = rp_calendar_add(c, d, workday, err);
        if (st != RP_OK) {
            if (err)
                snprintf(err->path, sizeof err->path, "%s", sub);
            return st;
        }
    }
    return RP_OK;
}

static rp_status read_years(rp_calendar_t *c, const cJSON *years, rp_error *err)
{
    const cJSON *a = cJSON_IsArray(years) ? years->child : NULL, *b = a ? a->next : NULL;
    long first = 0, last = 0;
    int ok = a && b && !b->next && cJSON_IsNumber(a) && cJSON_IsNumber(b);
    if (ok) {
        char *end;
        first = strtol(rp_json_number_text(a), &end, 10);
        ok = !*end;
        last = strtol(rp_json_number_text(b), &end, 10);
        ok = ok && !*end && first >= RP_MIN_YEAR && last <= RP_MAX_YEAR && first <= last;
    }
    if (!ok)
        return rp_fail(err, RP_E_VALUE, "$.years",
                       "years is [first, last], two years between %d and %d", RP_MIN_YEAR,
                       RP_MAX_YEAR);
    c->first_year = (int)first;
    c->last_year = (int)last;
    return RP_OK;
}

/* Says which table an error is in: the request's paths do not apply. */
static rp_status in_table(rp_error *err, rp_status st, const char *label)
{
    if (err) {
        char message[RP_MESSAGE_MAX];
        snprintf(message, sizeof message, "the calendar (%s), at %s: %s", label,
                 err->path[0] ? err->path : "$", err->message);
        snprintf(err->message, sizeof err->message, "%s", message);
        snprintf(err->path, sizeof err->path, "$");
    }
    return st;
}

rp_status rp_json_calendar_table(rp_calendar_t *out, const char *text, size_t len,
                                 const char *label, rp_error *err)
{
    cJSON *root = rp_json_parse(text, len, err);
    if (!root)
        return in_table(err, err ? err->code : RP_E_JSON, label);
    table_in_t t = {0};
    rp_status st = rp_fields_read(&t, root, &table_spec, "$", err);
    if (st == RP_OK)
        st = read_years(out, t.years, err);
    if (st == RP_OK)
        st = add_dates(out, t.holidays, 0, "$.holidays", err);
    if (st == RP_OK)
        st = add_dates(out, t.workdays, 1, "$.workdays", err);
    if (st != RP_OK)
        in_table(err, st, label);
    cJSON_Delete(root);
    return st;
}

/* ---- a loan's business_days ------------------------------------------------ */

typedef struct business_in {
    int calendar, roll, accrual;
    const cJSON *holidays, *workdays;
} business_in_t;

static const char *const calendars[] = {"mainland", "weekends"};
static const char *const accruals[] = {"unadjusted", "adjusted"};

static const field_t business_fields[] = {
    {.name = "calendar", .kind = FK_ENUM, .offset = offsetof(business_in_t, calendar),
     .names = calendars, .name_count = 2,
     .doc = "mainland (default: data/cn_calendar.json, holidays and 调休) or weekends (Saturdays "
            "and Sundays only)"},
    {.name = "roll", .kind = FK_ENUM, .offset = offsetof(business_in_t, roll),
     .names = rp_roll_names, .name_count = RP_ROLL_COUNT,
     .doc = "a due date on a non-working day moves: following (default), modified_following, "
            "preceding or none"},
    {.name = "accrual", .kind = FK_ENUM, .offset = offsetof(business_in_t, accrual),
     .names = accruals, .name_count = 2,
     .doc = "interest runs to the contractual dates (unadjusted, default) or to the rolled ones "
            "(adjusted; needs an actual day_count)"},
    {.name = "holidays", .kind = FK_CUSTOM, .schema = SCHEMA_DATES,
     .offset = offsetof(business_in_t, holidays), .read = rp_json_keep,
     .doc = "more days that are not working days"},
    {.name = "workdays", .kind = FK_CUSTOM, .schema = SCHEMA_DATES,
     .offset = offsetof(business_in_t, workdays), .read = rp_json_keep,
     .doc = "more weekend days that are working days"},
};
const object_spec_t rp_spec_business_days = {"business days", RP_FIELDS(business_fields)};

rp_status rp_json_business_days(loan_in_t *in, rp_error *err)
{
    business_in_t b = {.calendar = 0, .roll = RP_ROLL_FOLLOWING, .accrual = 0};
    rp_status st = rp_fields_read(&b, in->shape.business_days, &rp_spec_business_days,
                                  "$.loan.business_days", err);
    if (st == RP_OK && b.calendar == 0) {
        if (in->calendar_json)
            st = rp_json_calendar_table(&in->calendar, in->calendar_json, in->calendar_len,
                                        "--calendar", err);
        else
            st = rp_json_calendar_table(&in->calendar, rp_calendar_default_json,
                                        strlen(rp_calendar_default_json), "built in", err);
    }
    if (st == RP_OK)
        st = add_dates(&in->calendar, b.holidays, 0, "$.loan.business_days.holidays", err);
    if (st == RP_OK)
        st = add_dates(&in->calendar, b.workdays, 1, "$.loan.business_days.workdays", err);
    if (st == RP_OK) {
        in->loan.calendar = &in->calendar;
        in->loan.roll = (rp_roll)b.roll;
        in->loan.accrue_to_rolled = b.accrual;
    }
    return st;
}
