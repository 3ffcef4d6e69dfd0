/*
 * op_restructure.c — op "restructure": the plan after the actions, what was
 * waived, its price for both sides, reconciled to the unit.
 */
#include "ops.h"
#include "render/render.h"
#include "restructure/restructure.h"

static void plan_json(cJSON *root, const rp_plan_t *p, const rp_pricing_t *price,
                      int discount_given, const rp_round_t *rc, int detail)
{
    rp_json_add_date(root, "date", p->date);
    cJSON *before = cJSON_AddObjectToObject(root, "before");
    rp_json_add_int(before, "dpd", p->dpd);
    cJSON_AddStringToObject(before, "class", rp_tier_names[p->tier]);
    cJSON_AddStringToObject(before, "class_zh", rp_tier_names_zh[p->tier]);
    rp_json_add_decimal(before, "annual_rate", p->contract_rate);
    rp_json_add_components(before, "claim", p->claim, 1, rc);
    rp_json_add_components(root, "waived", p->waived, 1, rc);
    rp_json_plan_warnings(root, p);
    cJSON *summary = cJSON_AddObjectToObject(root, "summary");
    rp_json_plan_summary(summary, p, price, discount_given, rc);
    cJSON *rec = cJSON_AddObjectToObject(root, "reconciliation");
    rp_json_add_amount(rec, "claim", p->claim_total, rc);
    rp_json_add_amount(rec, "waived", p->waived_total, rc);
    rp_json_add_amount(rec, "debt", p->debt, rc);
    rp_json_add_amount(rec, "interest_kept", p->interest_kept, rc);
    rp_json_add_amount(rec, "capitalized", p->capitalized, rc);
    rp_json_add_amount(rec, "new_interest", p->new_interest, rc);
    rp_json_add_amount(rec, "fees", p->total_fee, rc);
    rp_json_add_amount(rec, "total_to_pay", p->total_payment, rc);
    rp_json_add_amount(rec, "pv", price->pv, rc);
    rp_json_add_amount(rec, "time_value", price->time_value, rc);
    if (mpq_sgn(p->deferral_waived) > 0)
        rp_json_add_amount(rec, "deferral_interest_waived", p->deferral_waived, rc);
    cJSON *totals = cJSON_AddObjectToObject(root, "totals");
    rp_json_add_amount(totals, "payment", p->total_payment, rc);
    rp_json_add_amount(totals, "principal", p->total_principal, rc);
    rp_json_add_amount(totals, "interest", p->total_interest, rc);
    rp_json_add_amount(totals, "fee", p->total_fee, rc);
    rp_json_add_amount(totals, "arrears", p->total_arrears, rc);
    rp_json_plan_rows_detail(root, p, rc, detail);
}

/* The agreement as a restructure event to append to the loan's events:
 * replayed, it gives this plan on its date. */
static void add_as_event(cJSON *root, const request_t *req)
{
    cJSON *e = cJSON_AddObjectToObject(root, "as_event");
    cJSON_AddStringToObject(e, "type", "restructure");
    rp_json_add_date(e, "date", req->as_of);
    cJSON_AddItemToObject(e, "actions", cJSON_Duplicate(req->actions, 1));
    if (req->overdue)
        cJSON_AddItemToObject(e, "overdue", cJSON_Duplicate(req->overdue, 1));
    if (req->dflt)
        cJSON_AddItemToObject(e, "default", cJSON_Duplicate(req->dflt, 1));
}

/* The agreement's own terms: its overdue terms (the loan's by default)
 * and its default clause, read here so that bad ones are refused now
 * rather than when the event is replayed. */
typedef struct agreement_in {
    rp_overdue_t overdue;
    int default_days, accelerate;
} agreement_in_t;

static rp_status read_agreement(agreement_in_t *a, const request_t *req, const loan_in_t *loan,
                                rp_error *err)
{
    rp_overdue_copy(&a->overdue, &loan->terms.overdue);
    a->default_days = -1;
    a->accelerate = 0;
    rp_status st = RP_OK;
    if (req->overdue)
        st = rp_json_read_overdue(&a->overdue, req->overdue, "$.overdue", loan, err);
    if (st == RP_OK && req->dflt)
        st = rp_json_read_default(&a->default_days, &a->accelerate, req->dflt, "$.default", err);
    return st;
}

rp_status rp_json_restructure(response_t *out, const request_t *req, rp_format fmt, rp_error *err)
{
    case_in_t c;
    rp_actions_t acts;
    rp_plan_t plan;
    rp_pricing_t price;
    agreement_in_t agreement;
    rp_overdue_init(&agreement.overdue);
    rp_actions_init(&acts);
    rp_plan_init(&plan);
    rp_pricing_init(&price);
    rp_status st = rp_json_case_open(&c, req, err);
    if (st == RP_OK)
        st = rp_json_read_actions(&acts, req->actions, "$.actions", &c.loan, err);
    if (st == RP_OK)
        st = read_agreement(&agreement, req, &c.loan, err);
    if (st == RP_OK)
        st = rp_json_plan(&plan, &price, &c, req->as_of, &acts, "$.actions", err);
    if (st == RP_OK && req->caps && fmt == RP_FORMAT_CSV)
        st = rp_fail(err, RP_E_VALUE, "$.caps",
                     "a cap check is answered in the json and table formats, not in csv rows");
    if (st == RP_OK) {
        if (fmt == RP_FORMAT_JSON) {
            plan_json(out->json, &plan, &price, c.has_discount, &c.loan.rounding, req->detail);
            add_as_event(out->json, req);
        } else if (fmt == RP_FORMAT_LETTER || fmt == RP_FORMAT_LETTER_HTML)
            st = rp_json_plan_letter(&out->text, fmt, &plan, &price, &agreement.overdue,
                                     agreement.default_days, agreement.accelerate, &c.loan, err);
        else
            rp_render_plan(&out->text, fmt, &plan, &price, c.has_discount, &c.loan.rounding);
    }
    if (st == RP_OK && req->caps) { /* the whole loan, history and plan, against a cap */
        rp_flows_t f;
        rp_flows_init(&f);
        caps_at_t at;
        rp_json_caps_at_loan(&at, &c.loan.loan);
        st = rp_plan_history_flows(&f, &plan, &c.loan.loan, &c.events, err);
        if (st == RP_OK)
            st = rp_json_caps_out(out, fmt, req, &f, &at, &c.loan.rounding, NULL, err);
        rp_flows_clear(&f);
    }
    rp_pricing_clear(&price);
    rp_plan_clear(&plan);
    rp_actions_clear(&acts);
    rp_overdue_clear(&agreement.overdue);
    rp_json_case_close(&c);
    return st;
}
