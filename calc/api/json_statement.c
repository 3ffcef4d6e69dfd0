/*
 * json_statement.c — op "statement": what is owed on as_of, given the
 * events so far, with the workings of every penalty amount.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "statement/explain.h"
#include "json_ops.h"
#include "render/render.h"

/* ---- events ------------------------------------------------------------ */

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
        char shown[48];
        rp_quote(shown, sizeof shown, type->valuestring, strlen(type->valuestring), 24);
        return rp_fail(err, RP_E_VALUE, sub,
                       "\"%s\" is not one of: payment, fee, rate_change, acceleration", shown);
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

/* ---- buckets ----------------------------------------------------------- */

typedef struct bucket_in {
    const cJSON *label;
    int max_dpd;
} bucket_in_t;

static const field_t bucket_fields[] = {
    {.name = "label", .kind = FK_TEXT, .min = 1, .max = RP_MAX_LABEL_CHARS, .required = 1,
     .offset = offsetof(bucket_in_t, label), .doc = "the bucket's name, e.g. \"M1\""},
    {.name = "max_dpd", .kind = FK_INT, .offset = offsetof(bucket_in_t, max_dpd), .min = 0,
     .max = 100000, .doc = "the most days past due in it; left out on the last, open bucket"},
};
const object_spec_t rp_spec_bucket = {"a bucket", RP_FIELDS(bucket_fields)};

static rp_status read_buckets(rp_terms_t *t, const cJSON *arr, rp_error *err)
{
    if (!arr)
        return RP_OK;
    if (!cJSON_IsArray(arr))
        return rp_fail(err, RP_E_TYPE, "$.buckets", "expected an array of buckets, found %s",
                       rp_json_type_name(arr));
    int n = 0;
    for (const cJSON *m = arr->child; m; m = m->next, n++) {
        char path[RP_PATH_MAX];
        snprintf(path, sizeof path, "$.buckets[%d]", n);
        if (n >= RP_MAX_BUCKETS)
            return rp_fail(err, RP_E_RANGE, "$.buckets", "at most %d buckets", RP_MAX_BUCKETS);
        bucket_in_t b = {NULL, -1};
        rp_status st = rp_fields_read(&b, m, &rp_spec_bucket, path, err);
        if (st != RP_OK)
            return st;
        snprintf(t->buckets[n].label, sizeof t->buckets[n].label, "%s", b.label->valuestring);
        t->buckets[n].max_dpd = b.max_dpd;
    }
    if (n == 0)
        return rp_fail(err, RP_E_VALUE, "$.buckets", "give at least one bucket");
    t->bucket_count = n;
    return RP_OK;
}

/* ---- the response ------------------------------------------------------- */

static void add_components(cJSON *obj, const char *key, mpq_t const *values, int with_total,
                           const rp_round_t *rc)
{
    cJSON *o = cJSON_AddObjectToObject(obj, key);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        rp_json_add_amount(o, rp_component_names[c], values[c], rc);
    if (with_total) {
        mpq_t total;
        mpq_init(total);
        rp_components_total(total, values);
        rp_json_add_amount(o, "total", total, rc);
        mpq_clear(total);
    }
}

/* An amount with four more decimals than the unit: segment accruals. */
static void add_fine(cJSON *obj, const char *key, const mpq_t x, const rp_round_t *rc)
{
    char text[80];
    rp_decimal_format(text, sizeof text, x, rc->places + 4, RP_ROUND_HALF_EVEN);
    cJSON_AddStringToObject(obj, key, text);
}

static const char *summary_status(const rp_statement_t *st)
{
    if (mpq_sgn(st->payoff_total) == 0)
        return "paid_off";
    if (st->dpd > 0)
        return "overdue";
    return mpq_sgn(st->total_due) > 0 ? "due" : "current";
}

static void add_workings(cJSON *root, const rp_statement_t *st, const loan_in_t *in)
{
    const rp_round_t *rc = &in->rounding;
    cJSON *list = cJSON_AddArrayToObject(root, "workings");
    for (int w = 0; w < st->working_count; w++) {
        const rp_working_t *wk = &st->workings[w];
        if (wk->count == 0)
            continue;
        cJSON *o = cJSON_CreateObject();
        rp_json_add_int(o, "n", st->items[wk->item].n);
        cJSON_AddStringToObject(o, "component", rp_component_names[wk->component]);
        int late = wk->component == RP_LATE_FEE;
        if (!late) {
            cJSON_AddStringToObject(o, "base", wk->base_kind >= 0 ? rp_penalty_base_names[wk->base_kind]
                                                                  : "overdue_interest");
            rp_json_add_int(o, "basis", in->terms.overdue.daily_basis);
        }
        cJSON *segs = cJSON_AddArrayToObject(o, "segments");
        for (int i = 0; i < wk->count; i++) {
            const rp_segment_t *sg = &wk->segments[i];
            cJSON *s = cJSON_CreateObject();
            if (late) {
                rp_json_add_date(s, "date", sg->from);
            } else {
                rp_json_add_date(s, "from", sg->from);
                rp_json_add_date(s, "to", sg->to);
                rp_json_add_int(s, "days", sg->days);
            }
            rp_json_add_amount(s, "base", sg->base, rc);
            rp_json_add_decimal(s, "rate", sg->rate);
            if (late)
                rp_json_add_amount(s, "amount", sg->amount, rc);
            else
                add_fine(s, "amount", sg->amount, rc);
            cJSON_AddItemToArray(segs, s);
        }
        if (!late)
            add_fine(o, "accrued", wk->exact, rc);
        rp_json_add_amount(o, "amount", wk->posted, rc);
        cJSON_AddBoolToObject(o, "capped", wk->capped);
        rp_buf_t zh, en;
        rp_buf_init(&zh);
        rp_buf_init(&en);
        rp_explain_working(&zh, &en, st, wk, &in->terms.overdue, rc);
        cJSON_AddStringToObject(o, "zh", zh.data ? zh.data : "");
        cJSON_AddStringToObject(o, "en", en.data ? en.data : "");
        rp_buf_clear(&zh);
        rp_buf_clear(&en);
        cJSON_AddItemToArray(list, o);
    }
}

static void add_item_amounts(cJSON *o, const rp_item_t *it, const rp_round_t *rc)
{
    mpq_t open[RP_COMPONENT_COUNT];
    for (int c = 0; c < RP_COMPONENT_COUNT; c++) {
        mpq_init(open[c]);
        rp_item_outstanding(open[c], it, c);
    }
    add_components(o, "due", it->due, 1, rc);
    add_components(o, "paid", it->paid, 1, rc);
    add_components(o, "outstanding", (mpq_t const *)open, 1, rc);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_clear(open[c]);
}

static void statement_json(cJSON *root, const rp_statement_t *st, const loan_in_t *in,
                           const rp_terms_t *terms)
{
    const rp_round_t *rc = &in->rounding;
    rp_json_add_date(root, "as_of", st->as_of);
    cJSON *summary = cJSON_AddObjectToObject(root, "summary");
    cJSON_AddStringToObject(summary, "status", summary_status(st));
    rp_json_add_amount(summary, "total_due", st->total_due, rc);
    rp_json_add_amount(summary, "payoff", st->payoff_total, rc);
    rp_json_add_int(summary, "dpd", st->dpd);
    cJSON_AddStringToObject(summary, "bucket", terms->buckets[st->bucket].label);
    cJSON_AddStringToObject(summary, "class", rp_tier_names[st->tier]);
    cJSON_AddStringToObject(summary, "class_zh", rp_tier_names_zh[st->tier]);
    rp_json_add_decimal(summary, "penalty_rate", st->penalty_rate);
    rp_json_add_amount(summary, "paid", st->paid_total, rc);
    rp_json_add_amount(summary, "credit", st->credit, rc);
    rp_json_add_amount(summary, "prepaid", st->prepaid, rc);
    add_components(root, "owed", st->owed, 1, rc);
    add_components(root, "payoff", st->payoff, 1, rc);
    if (st->warning_count > 0) {
        cJSON *warnings = cJSON_AddArrayToObject(root, "warnings");
        for (int w = 0; w < st->warning_count; w++) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "code", st->warnings[w].code);
            cJSON_AddStringToObject(o, "message", st->warnings[w].message);
            cJSON_AddItemToArray(warnings, o);
        }
    }
    add_workings(root, st, in);

    cJSON *rows = cJSON_AddArrayToObject(root, "installments");
    cJSON *fees = NULL;
    for (int k = 0; k < st->item_count; k++) {
        const rp_item_t *it = &st->items[k];
        cJSON *o = cJSON_CreateObject();
        if (it->n > 0) {
            rp_json_add_int(o, "n", it->n);
            rp_json_add_date(o, "due_date", it->due_date);
        } else {
            rp_json_add_int(o, "event", it->event);
            rp_json_add_date(o, "date", it->due_date);
            cJSON_AddStringToObject(o, "kind", it->kind);
        }
        cJSON_AddStringToObject(o, "status", rp_item_status_names[it->status]);
        rp_json_add_int(o, "days_past_due", it->days_past_due);
        if (it->accelerated)
            cJSON_AddTrueToObject(o, "accelerated");
        add_item_amounts(o, it, rc);
        if (it->n > 0) {
            cJSON_AddItemToArray(rows, o);
        } else {
            if (!fees)
                fees = cJSON_CreateArray();
            cJSON_AddItemToArray(fees, o);
        }
    }
    if (fees)
        cJSON_AddItemToObject(root, "fees", fees);

    cJSON *entries = cJSON_AddArrayToObject(root, "allocations");
    for (int e = 0; e < st->entry_count; e++) {
        const rp_entry_t *en = &st->entries[e];
        cJSON *o = cJSON_CreateObject();
        rp_json_add_date(o, "date", en->date);
        cJSON_AddStringToObject(o, "source", en->event >= 0 ? "payment" : "credit");
        if (en->event >= 0)
            rp_json_add_int(o, "event", en->event);
        rp_json_add_amount(o, "amount", en->amount, rc);
        cJSON *applied = cJSON_AddArrayToObject(o, "applied");
        for (int i = 0; i < en->count; i++) {
            const rp_applied_t *a = &en->applied[i];
            const rp_item_t *it = &st->items[a->item];
            cJSON *x = cJSON_CreateObject();
            if (it->n > 0)
                rp_json_add_int(x, "n", it->n);
            else
                rp_json_add_int(x, "fee_event", it->event);
            cJSON_AddStringToObject(x, "component", rp_component_names[a->component]);
            rp_json_add_amount(x, "amount", a->amount, rc);
            cJSON_AddItemToArray(applied, x);
        }
        if (en->event >= 0) {
            rp_json_add_amount(o, "to_credit", en->to_credit, rc);
            rp_json_add_amount(o, "to_prepayment", en->to_prepayment, rc);
        }
        cJSON_AddItemToArray(entries, o);
    }
}

rp_status rp_json_statement(response_t *out, const request_t *req, rp_format fmt, rp_error *err)
{
    loan_in_t in;
    rp_events_t events;
    rp_statement_t st;
    rp_loan_in_init(&in);
    rp_events_init(&events);
    rp_statement_init(&st);
    in.terms.classification = (rp_classification)req->classification;
    rp_status status = rp_loan_in_read(&in, req->loan, err);
    if (status == RP_OK)
        status = rp_json_read_events(&events, req->events, &in, err);
    if (status == RP_OK)
        status = read_buckets(&in.terms, req->buckets, err);
    if (status == RP_OK) {
        status = rp_statement_build(&st, &in.loan, &in.terms, &events, req->as_of, &in.rounding, err);
        if (status != RP_OK && rp_status_exit_code(status) == 2)
            rp_error_prefix(err, "$");
    }
    if (status == RP_OK) {
        if (fmt == RP_FORMAT_JSON)
            statement_json(out->json, &st, &in, &in.terms);
        else
            rp_render_statement(&out->text, fmt, &st, &in.terms, &in.rounding);
    }
    rp_statement_clear(&st);
    rp_events_clear(&events);
    rp_loan_in_clear(&in);
    return status;
}
