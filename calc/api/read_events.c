/*
 * read_events.c — reading $.events: what happened to a loan (payments, fees,
 * rate changes, acceleration), for statements and restructurings.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ops.h"

typedef struct event_in {
    const cJSON *type;
    const cJSON *note;
    const cJSON *kind;
    rp_date_t date;
    mpq_t amount;
    rate_in_t rate;
} event_in_t;

#define EVENT_COMMON                                                                             \
    {.name = "type", .kind = FK_CUSTOM, .schema = SCHEMA_STRING, .required = 1, .offset = offsetof(event_in_t, type),     \
     .read = rp_json_keep, .doc = "payment, fee, rate_change or acceleration"},                 \
    {.name = "date", .kind = FK_DATE, .required = 1, .offset = offsetof(event_in_t, date),       \
     .doc = "when it happened"},                                                                \
    {.name = "note", .kind = FK_TEXT, .min = 0, .max = RP_MAX_NOTE_CHARS, .offset = offsetof(event_in_t, note), \
     .doc = "free text for people; ignored"}

static const field_t payment_fields[] = {
    EVENT_COMMON,
    {.name = "amount", .kind = FK_AMOUNT, .required = 1, .offset = offsetof(event_in_t, amount),
     .doc = "the money received"},
};
static const field_t fee_fields[] = {
    EVENT_COMMON,
    {.name = "amount", .kind = FK_AMOUNT, .required = 1, .offset = offsetof(event_in_t, amount),
     .doc = "the fee charged"},
    {.name = "kind", .kind = FK_TEXT, .min = 1, .max = RP_MAX_KIND_CHARS, .offset = offsetof(event_in_t, kind),
     .doc = "what the fee is for, e.g. \"collection\" (default \"fee\")"},
};
static const field_t rate_change_fields[] = {
    EVENT_COMMON,
    {.name = "rate", .kind = FK_CUSTOM, .schema = SCHEMA_REF("rate"), .required = 1, .offset = offsetof(event_in_t, rate),
     .read = rp_json_read_rate, .doc = "the new contract rate from date on"},
};
static const field_t acceleration_fields[] = {EVENT_COMMON};
#undef EVENT_COMMON

const object_spec_t rp_spec_events[RP_EVENT_TYPE_COUNT] = {
    [RP_EVENT_PAYMENT] = {"a payment event", RP_FIELDS(payment_fields)},
    [RP_EVENT_FEE] = {"a fee event", RP_FIELDS(fee_fields)},
    [RP_EVENT_RATE_CHANGE] = {"a rate_change event", RP_FIELDS(rate_change_fields)},
    [RP_EVENT_ACCELERATION] = {"an acceleration event", RP_FIELDS(acceleration_fields)},
};

static rp_status read_event(rp_events_t *ev, const cJSON *item, const char *path,
                            const loan_in_t *loan, rp_error *err)
{
    if (!cJSON_IsObject(item))
        return rp_fail(err, RP_E_TYPE, path, "expected an event object, found %s",
                       rp_json_type_name(item));
    char sub[RP_PATH_MAX];
    rp_fields_path(sub, sizeof sub, path, "type");
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(item, "type");
    if (!type)
        return rp_fail(err, RP_E_MISSING, sub, "every event needs a type");
    if (!cJSON_IsString(type))
        return rp_fail(err, RP_E_TYPE, sub, "expected a string, found %s", rp_json_type_name(type));
    int t = rp_name_index(rp_event_type_names, RP_EVENT_TYPE_COUNT, type->valuestring);
    if (t < 0) {
        char shown[48], allowed[RP_MESSAGE_MAX];
        rp_quote(shown, sizeof shown, type->valuestring, strlen(type->valuestring), 24);
        rp_names_join(allowed, sizeof allowed, rp_event_type_names, RP_EVENT_TYPE_COUNT);
        return rp_fail(err, RP_E_VALUE, sub, "\"%s\" is not one of: %s", shown, allowed);
    }
    event_in_t in = {.date = RP_DATE_NONE};
    mpq_inits(in.amount, in.rate.value, NULL);
    in.rate.unit = RP_RATE_ANNUAL;
    rp_status st = rp_fields_read(&in, item, &rp_spec_events[t], path, err);
    if (st == RP_OK) {
        rp_event_t *e = rp_events_add(ev, (rp_event_type)t);
        if (!e) {
            st = rp_fail(err, RP_E_NOMEM, path, "out of memory");
        } else {
            e->date = in.date;
            mpq_set(e->amount, in.amount);
            if (t == RP_EVENT_RATE_CHANGE)
                st = rp_rate_in_annual(e->rate, &in.rate, loan->loan.daily_basis, err);
            snprintf(e->kind, sizeof e->kind, "%s",
                     in.kind ? in.kind->valuestring : t == RP_EVENT_FEE ? "fee" : "");
        }
    }
    mpq_clears(in.amount, in.rate.value, NULL);
    return st;
}

rp_status rp_json_read_events(rp_events_t *ev, const cJSON *arr, const loan_in_t *loan,
                              rp_error *err)
{
    if (!arr)
        return RP_OK;
    if (!cJSON_IsArray(arr))
        return rp_fail(err, RP_E_TYPE, "$.events", "expected an array of events, found %s",
                       rp_json_type_name(arr));
    int i = 0;
    for (const cJSON *m = arr->child; m; m = m->next, i++) {
        if (i >= RP_MAX_EVENTS)
            return rp_fail(err, RP_E_RANGE, "$.events", "at most %d events in one request",
                           RP_MAX_EVENTS);
        char path[RP_PATH_MAX];
        snprintf(path, sizeof path, "$.events[%d]", i);
        rp_status st = read_event(ev, m, path, loan, err);
        if (st != RP_OK)
            return st;
    }
    return RP_OK;
}
