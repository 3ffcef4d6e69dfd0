/*
 * op_statement.c — op "statement": what is owed on as_of, given the
 * events so far, with the workings of every penalty amount.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "statement/explain.h"
#include "ops.h"
#include "render/render.h"

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

/* An exact amount shown to four more places than money (accrued 罚息). */
static void fine_text(char text[80], const mpq_t x, const rp_round_t *rc)
{
    rp_decimal_format(text, 80, x, rc->places + 4, RP_ROUND_HALF_EVEN);
}

static void add_fine(cJSON *obj, const char *key, const mpq_t x, const rp_round_t *rc)
{
    char text[80];
    fine_text(text, x, rc);
    rp_json_add_text(obj, key, text);
}

static const char *summary_status(const rp_statement_t *st)
{
    if (mpq_sgn(st->payoff_total) == 0)
        return "paid_off";
    if (st->dpd > 0)
        return "overdue";
    return mpq_sgn(st->total_due) > 0 ? "due" : "current";
}

static void add_workings(cJSON *root, const rp_statement_t *st, const rp_life_t *life,
                         const loan_in_t *in, rp_buf_t *row)
{
    const rp_round_t *rc = &in->rounding;
    cJSON *list = cJSON_AddArrayToObject(root, "workings");
    for (int w = 0; w < st->working_count; w++) {
        const rp_working_t *wk = &st->workings[w];
        if (wk->count == 0)
            continue;
        const rp_item_t *it = &st->items[wk->item];
        const rp_overdue_t *o = rp_life_overdue(life, it->plan, &in->terms.overdue);
        cJSON *obj = cJSON_CreateObject();
        if (it->plan > 0)
            rp_json_add_int(obj, "plan", it->plan);
        rp_json_add_int(obj, "n", it->n);
        rp_json_add_text(obj, "component", rp_component_names[wk->component]);
        int late = wk->component == RP_LATE_FEE;
        if (!late) {
            rp_json_add_text(obj, "base", wk->base_kind >= 0 ? rp_penalty_base_names[wk->base_kind]
                                                                    : "overdue_interest");
            rp_json_add_int(obj, "basis", o->daily_basis);
        }
        cJSON *segs = cJSON_AddArrayToObject(obj, "segments");
        for (int i = 0; i < wk->count; i++) { /* each a row written as text */
            const rp_segment_t *sg = &wk->segments[i];
            rp_json_row_begin(row);
            if (late) {
                rp_json_row_date(row, "date", sg->from);
            } else {
                rp_json_row_date(row, "from", sg->from);
                rp_json_row_date(row, "to", sg->to);
                rp_json_row_int(row, "days", sg->days);
            }
            rp_json_row_amount(row, "base", sg->base, rc);
            rp_json_row_decimal(row, "rate", sg->rate);
            if (late) {
                rp_json_row_amount(row, "amount", sg->amount, rc);
            } else {
                char text[80];
                fine_text(text, sg->amount, rc);
                rp_json_row_text(row, "amount", text);
            }
            rp_json_add_row(segs, row);
        }
        if (!late)
            add_fine(obj, "accrued", wk->exact, rc);
        rp_json_add_amount(obj, "amount", wk->posted, rc);
        cJSON_AddBoolToObject(obj, "capped", wk->capped);
        rp_buf_t zh, en;
        rp_buf_init(&zh);
        rp_buf_init(&en);
        rp_explain_working(&zh, &en, st, wk, o, rc);
        rp_json_add_text(obj, "zh", zh.data ? zh.data : "");
        rp_json_add_text(obj, "en", en.data ? en.data : "");
        rp_buf_clear(&zh);
        rp_buf_clear(&en);
        cJSON_AddItemToArray(list, obj);
    }
}

static void add_item_amounts(cJSON *o, const rp_item_t *it, const rp_round_t *rc)
{
    int64_t due[RP_COMPONENT_COUNT], paid[RP_COMPONENT_COUNT], left[RP_COMPONENT_COUNT];
    if (rc->places <= 18 && rp_components_scaled(due, it->due, rc->places) &&
        rp_components_scaled(paid, it->paid, rc->places)) { /* money at its unit: words */
        for (int c = 0; c < RP_COMPONENT_COUNT; c++)
            left[c] = due[c] - paid[c]; /* rp_item_outstanding; both below 2^62 */
        rp_json_add_components_scaled(o, "due", due, 1, rc);
        rp_json_add_components_scaled(o, "paid", paid, 1, rc);
        rp_json_add_components_scaled(o, "outstanding", left, 1, rc);
        return;
    }
    mpq_t open[RP_COMPONENT_COUNT];
    for (int c = 0; c < RP_COMPONENT_COUNT; c++) {
        mpq_init(open[c]);
        rp_item_outstanding(open[c], it, c);
    }
    rp_json_add_components(o, "due", it->due, 1, rc);
    rp_json_add_components(o, "paid", it->paid, 1, rc);
    rp_json_add_components(o, "outstanding", (mpq_t const *)open, 1, rc);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_clear(open[c]);
}

/* Whether a summary shows item k: what is unpaid and due, and the next
 * installment to fall due. */
static int in_summary(const rp_statement_t *st, int k, int *next_shown)
{
    const rp_item_t *it = &st->items[k];
    if (it->status == RP_STATUS_PAID || it->status == RP_STATUS_PAID_LATE ||
        it->status == RP_STATUS_RESTRUCTURED)
        return 0;
    if (it->status != RP_STATUS_NOT_DUE)
        return 1;
    if (*next_shown || it->role != RP_ROLE_INSTALLMENT)
        return 0;
    *next_shown = 1;
    return 1;
}

/* The items: installments (with their plan after a restructuring), fees
 * charged by events, waivers reinstated. */
static void add_items(cJSON *root, const rp_statement_t *st, const rp_round_t *rc, int detail)
{
    cJSON *rows = cJSON_AddArrayToObject(root, "installments");
    cJSON *fees = NULL, *back = NULL;
    int next_shown = 0, left_out = 0;
    for (int k = 0; k < st->item_count; k++) {
        const rp_item_t *it = &st->items[k];
        if (detail == RP_DETAIL_SUMMARY && !in_summary(st, k, &next_shown)) {
            left_out++;
            continue;
        }
        cJSON *o = cJSON_CreateObject();
        if (it->role == RP_ROLE_INSTALLMENT) {
            if (it->plan > 0)
                rp_json_add_int(o, "plan", it->plan);
            rp_json_add_int(o, "n", it->n);
            rp_json_add_date(o, "due_date", it->due_date);
        } else if (it->role == RP_ROLE_FEE) {
            rp_json_add_int(o, "event", it->event);
            rp_json_add_date(o, "date", it->due_date);
            rp_json_add_text(o, "kind", it->kind);
        } else {
            rp_json_add_int(o, "plan", it->plan);
            rp_json_add_date(o, "date", it->due_date);
        }
        rp_json_add_text(o, "status", rp_item_status_names[it->status]);
        rp_json_add_int(o, "days_past_due", it->days_past_due);
        if (it->accelerated)
            cJSON_AddTrueToObject(o, "accelerated");
        add_item_amounts(o, it, rc);
        cJSON **list = it->role == RP_ROLE_INSTALLMENT ? &rows : it->role == RP_ROLE_FEE ? &fees : &back;
        if (!*list)
            *list = cJSON_CreateArray();
        cJSON_AddItemToArray(*list, o);
    }
    if (fees)
        cJSON_AddItemToObject(root, "fees", fees);
    if (back)
        cJSON_AddItemToObject(root, "reinstated", back);
    if (left_out) /* paid, replaced or later: on request, "detail": "full" */
        rp_json_add_int(root, "items_not_shown", left_out);
}

static void add_allocations(cJSON *root, const rp_statement_t *st, const rp_round_t *rc,
                            rp_buf_t *row)
{
    cJSON *entries = cJSON_AddArrayToObject(root, "allocations");
    for (int e = 0; e < st->entry_count; e++) {
        const rp_entry_t *en = &st->entries[e];
        cJSON *o = cJSON_CreateObject();
        rp_json_add_date(o, "date", en->date);
        rp_json_add_text(o, "source", en->event >= 0 ? "payment" : "credit");
        if (en->event >= 0)
            rp_json_add_int(o, "event", en->event);
        rp_json_add_amount(o, "amount", en->amount, rc);
        cJSON *applied = cJSON_AddArrayToObject(o, "applied");
        for (int i = 0; i < en->count; i++) { /* each a row written as text */
            const rp_applied_t *a = &en->applied[i];
            const rp_item_t *it = &st->items[a->item];
            rp_json_row_begin(row);
            if (it->role != RP_ROLE_FEE && it->plan > 0)
                rp_json_row_int(row, "plan", it->plan);
            if (it->role == RP_ROLE_INSTALLMENT)
                rp_json_row_int(row, "n", it->n);
            else if (it->role == RP_ROLE_FEE)
                rp_json_row_int(row, "fee_event", it->event);
            else
                rp_json_row_true(row, "reinstated");
            rp_json_row_text(row, "component", rp_component_names[a->component]);
            rp_json_row_amount(row, "amount", a->amount, rc);
            rp_json_add_row(applied, row);
        }
        if (en->event >= 0) {
            rp_json_add_amount(o, "to_credit", en->to_credit, rc);
            rp_json_add_amount(o, "to_prepayment", en->to_prepayment, rc);
        }
        cJSON_AddItemToArray(entries, o);
    }
}

/* long: the response's fields, one after another in their documented order. */
static int statement_json(cJSON *root, const rp_statement_t *st, const rp_life_t *life,
                           const rp_events_t *events, const loan_in_t *in, int detail)
{
    const rp_round_t *rc = &in->rounding;
    const rp_terms_t *terms = &in->terms;
    rp_json_add_date(root, "as_of", st->as_of);
    cJSON *summary = cJSON_AddObjectToObject(root, "summary");
    rp_json_add_text(summary, "status", summary_status(st));
    rp_json_add_amount(summary, "total_due", st->total_due, rc);
    rp_json_add_amount(summary, "payoff", st->payoff_total, rc);
    rp_json_add_int(summary, "dpd", st->dpd);
    if (life->contractual_dpd >= 0)
        rp_json_add_int(summary, "contractual_dpd", life->contractual_dpd);
    rp_json_add_text(summary, "bucket", terms->buckets[st->bucket].label);
    rp_json_add_text(summary, "class", rp_tier_names[st->tier]);
    rp_json_add_text(summary, "class_zh", rp_tier_names_zh[st->tier]);
    if (life->count > 0) {
        cJSON_AddBoolToObject(summary, "restructured", life->restructured);
        rp_json_add_text(summary, "class_by_dpd", rp_tier_names[life->tier_by_dpd]);
        rp_json_add_text(summary, "class_rule", rp_class_rule_names[life->rule]);
    }
    rp_json_add_decimal(summary, "penalty_rate", st->penalty_rate);
    rp_json_add_amount(summary, "paid", st->paid_total, rc);
    rp_json_add_amount(summary, "credit", st->credit, rc);
    rp_json_add_amount(summary, "prepaid", st->prepaid, rc);
    rp_json_add_components(root, "owed", st->owed, 1, rc);
    rp_json_add_components(root, "payoff", st->payoff, 1, rc);
    if (st->warning_count > 0) {
        cJSON *warnings = cJSON_AddArrayToObject(root, "warnings");
        for (int w = 0; w < st->warning_count; w++) {
            cJSON *o = cJSON_CreateObject();
            rp_json_add_text(o, "code", st->warnings[w].code);
            rp_json_add_text(o, "message", st->warnings[w].message);
            cJSON_AddItemToArray(warnings, o);
        }
    }
    if (life->count > 0)
        rp_json_add_life(root, life, events, rc);
    rp_buf_t row; /* rows written as text (segments, allocations' parts) */
    rp_buf_init(&row);
    add_workings(root, st, life, in, &row);
    add_items(root, st, rc, detail);
    if (detail == RP_DETAIL_SUMMARY)
        rp_json_add_int(root, "allocations_not_shown", st->entry_count);
    else
        add_allocations(root, st, rc, &row);
    int ok = !row.failed;
    rp_buf_clear(&row);
    return ok;
}

rp_status rp_json_statement(response_t *out, const request_t *req, rp_format fmt, rp_error *err)
{
    loan_in_t in;
    rp_events_t events;
    rp_statement_t st;
    rp_life_t life;
    rp_loan_in_init(&in);
    rp_events_init(&events);
    rp_statement_init(&st);
    rp_life_init(&life);
    in.terms.classification = (rp_classification)req->classification;
    rp_loan_in_tables(&in, req);
    in.terms.restructured_rules = (rp_restructured_rules)req->restructured_rules;
    rp_status status = rp_loan_in_read(&in, req->loan, err);
    if (status == RP_OK)
        status = rp_json_read_events(&events, req->events, &in, err);
    if (status == RP_OK) /* LPR 加点: each repricing up to as_of is a rate change */
        status = rp_json_lpr_events(&events, &in, req->as_of, err);
    if (status == RP_OK)
        status = read_buckets(&in.terms, req->buckets, err);
    if (status == RP_OK) {
        status = rp_life_statement(&st, &life, &in.loan, &in.terms, &events, req->as_of,
                                   &in.rounding, err);
        if (status != RP_OK && rp_status_exit_code(status) == 2)
            rp_error_prefix(err, "$");
    }
    if (status == RP_OK && req->caps && fmt == RP_FORMAT_CSV)
        status = rp_fail(err, RP_E_VALUE, "$.caps",
                         "a cap check is answered in the json and table formats, not in csv rows");
    if (status == RP_OK) {
        if (fmt == RP_FORMAT_JSON)
            out->text.failed |= !statement_json(out->json, &st, &life, &events, &in,
                                                req->detail); /* out of memory */
        else
            rp_render_statement(&out->text, fmt, &st, &life, &in.terms, &in.rounding);
    }
    if (status == RP_OK && req->caps) { /* what it cost and still claims, against a cap */
        rp_flows_t f;
        rp_flows_init(&f);
        caps_at_t at;
        rp_json_caps_at_loan(&at, &in.loan);
        status = rp_statement_flows(&f, &st, &in.loan, &events, err);
        if (status == RP_OK)
            status = rp_json_caps_out(out, fmt, req, &f, &at, &in.rounding, NULL, err);
        rp_flows_clear(&f);
    }
    rp_statement_clear(&st);
    rp_life_clear(&life);
    rp_events_clear(&events);
    rp_loan_in_clear(&in);
    return status;
}
