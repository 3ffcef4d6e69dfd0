/*
 * read_events.c — reading $.events: what happened to a loan (payments, fees,
 * rate changes, acceleration, restructurings agreed), for statements and
 * restructurings.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ops.h"

/* A restructuring's default clause: {"days_late": N, "accelerate": true}. */
typedef struct default_in {
    int days_late, accelerate;
} default_in_t;

typedef struct event_in {
    const cJSON *type;
    const cJSON *note;
    const cJSON *kind;
    const cJSON *actions, *overdue;
    rp_date_t date;
    mpq_t amount;
    rate_in_t rate;
    default_in_t dflt;            /* restructure: its default clause */
} event_in_t;

#define EVENT_COMMON                                                                             \
    {.name = "type", .kind = FK_CUSTOM, .schema = SCHEMA_STRING, .required = 1, .offset = offsetof(event_in_t, type),     \
     .read = rp_json_keep, .doc = "payment, fee, rate_change, acceleration or restructure"},    \
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

static const field_t default_fields[] = {
    {.name = "days_late", .kind = FK_INT, .required = 1, .offset = offsetof(default_in_t, days_late),
     .min = 0, .max = 3650,
     .doc = "an installment of the plan more than this many days past due breaks the agreement"},
    {.name = "accelerate", .kind = FK_BOOL, .offset = offsetof(default_in_t, accelerate),
     .doc = "on the breach all principal falls due (宣布提前到期; default false)"},
};
const object_spec_t rp_spec_default = {"a default clause", RP_FIELDS(default_fields)};

static rp_status read_default(void *target, const cJSON *item, const char *path, rp_error *err)
{
    return rp_fields_read(target, item, &rp_spec_default, path, err);
}

rp_status rp_json_read_default(int *days, int *accelerate, const cJSON *item, const char *path,
                               rp_error *err)
{
    default_in_t d = {-1, 0};
    rp_status st = read_default(&d, item, path, err);
    *days = d.days_late;
    *accelerate = d.accelerate;
    return st;
}

static const field_t restructure_fields[] = {
    EVENT_COMMON,
    {.name = "actions", .kind = FK_CUSTOM, .schema = SCHEMA_LIST_MIN("action", 1, RP_MAX_ACTIONS), .required = 1,
     .offset = offsetof(event_in_t, actions), .read = rp_json_keep,
     .doc = "the actions agreed, as in a restructure request (its as_event gives them back)"},
    {.name = "overdue", .kind = FK_CUSTOM, .schema = SCHEMA_REF("overdue"), .offset = offsetof(event_in_t, overdue),
     .read = rp_json_keep,
     .doc = "the plan's own overdue terms (default: the loan's), e.g. {\"penalty_rate\": \"0%\"}"},
    {.name = "default", .kind = FK_CUSTOM, .schema = SCHEMA_REF("default"), .offset = offsetof(event_in_t, dflt),
     .read = read_default,
     .doc = "the agreement's default clause: when it breaks, and whether the loan is then accelerated"},
};
#undef EVENT_COMMON

const object_spec_t rp_spec_events[RP_EVENT_TYPE_COUNT] = {
    [RP_EVENT_PAYMENT] = {"a payment event", RP_FIELDS(payment_fields)},
    [RP_EVENT_FEE] = {"a fee event", RP_FIELDS(fee_fields)},
    [RP_EVENT_RATE_CHANGE] = {"a rate_change event", RP_FIELDS(rate_change_fields)},
    [RP_EVENT_ACCELERATION] = {"an acceleration event", RP_FIELDS(acceleration_fields)},
    [RP_EVENT_RESTRUCTURE] = {"a restructure event", RP_FIELDS(restructure_fields)},
};

/* The agreement of a restructure event: its actions and terms. */
static rp_status read_agreement(rp_event_t *e, const event_in_t *in, const char *path,
                                const loan_in_t *loan, rp_error *err)
{
    rp_agreement_t *a = rp_agreement_new();
    if (!a)
        return rp_fail(err, RP_E_NOMEM, path, "out of memory");
    e->agreement = a;
    a->default_days = in->dflt.days_late;
    a->accelerate = in->dflt.accelerate;
    char sub[RP_PATH_MAX];
    rp_fields_path(sub, sizeof sub, path, "actions");
    rp_status st = rp_json_read_actions(&a->actions, in->actions, sub, loan, err);
    if (st == RP_OK && in->overdue) {
        rp_fields_path(sub, sizeof sub, path, "overdue");
        a->has_overdue = 1;
        st = rp_json_read_overdue(&a->overdue, in->overdue, sub, loan, err);
    }
    return st;
}

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
    event_in_t in = {.date = RP_DATE_NONE, .dflt = {-1, 0}};
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
            if (t == RP_EVENT_RATE_CHANGE && rp_loan_keeps_shape(&loan->loan))
                st = rp_fail(err, RP_E_VALUE, path,
                             "a rate change re-amortizes the installments to come as level "
                             "payments: not for a stepped or custom loan");
            if (st == RP_OK && t == RP_EVENT_RATE_CHANGE)
                st = rp_rate_in_annual(e->rate, &in.rate, loan->loan.daily_basis, err);
            snprintf(e->kind, sizeof e->kind, "%s",
                     in.kind ? in.kind->valuestring : t == RP_EVENT_FEE ? "fee" : "");
            if (st == RP_OK && t == RP_EVENT_RESTRUCTURE)
                st = read_agreement(e, &in, path, loan, err);
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
