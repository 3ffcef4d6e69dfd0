/*
 * case.c — what restructure, compare and solve share: reading the loan,
 * its events and the lender's discount rate (the case), one plan built
 * and priced, and a plan as JSON (summary, warnings, rows).
 */
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "ops.h"
#include "restructure/life.h"
#include "restructure/restructure.h"

/* ---- the shared inputs -------------------------------------------------------- */

rp_status rp_json_case_open(case_in_t *c, const request_t *req, rp_error *err)
{
    rp_loan_in_init(&c->loan);
    rp_events_init(&c->events);
    mpq_init(c->discount_rate);
    c->has_discount = 0;
    c->has_position = 0;
    c->position = malloc(sizeof *c->position);
    if (!c->position)
        return rp_fail(err, RP_E_NOMEM, "$", "out of memory");
    rp_position_init(c->position);
    rp_loan_in_tables(&c->loan, req);
    c->loan.terms.restructured_rules = (rp_restructured_rules)req->restructured_rules;
    rp_status st = rp_loan_in_read(&c->loan, req->loan, err);
    if (st == RP_OK)
        st = rp_json_read_events(&c->events, req->events, &c->loan, err);
    if (st == RP_OK) /* LPR 加点: each repricing up to the date is a rate change */
        st = rp_json_lpr_events(&c->events, &c->loan, req->as_of, err);
    if (st == RP_OK && req->discount_rate) {
        rate_in_t r;
        mpq_init(r.value);
        r.given = 0;
        st = rp_json_read_rate(&r, req->discount_rate, "$.discount_rate", err);
        if (st == RP_OK)
            st = rp_rate_in_annual(c->discount_rate, &r, c->loan.loan.daily_basis, err);
        mpq_clear(r.value);
        c->has_discount = 1;
    }
    return st;
}

void rp_json_case_close(case_in_t *c)
{
    if (c->position)
        rp_position_clear(c->position);
    free(c->position);
    c->position = NULL;
    rp_loan_in_clear(&c->loan);
    rp_events_clear(&c->events);
    mpq_clear(c->discount_rate);
}

/* Builds and prices one proposal; errors get path_prefix. */
rp_status rp_json_plan(rp_plan_t *plan, rp_pricing_t *price, case_in_t *c, rp_date_t date,
                       const rp_actions_t *acts, const char *path_prefix, rp_error *err)
{
    /* the loan on the date, replayed once for all the plans of a request */
    rp_status st = RP_OK;
    if (!c->has_position || c->position->date != date) {
        st = rp_life_position(c->position, NULL, &c->loan.loan, &c->loan.terms, &c->events, date,
                              &c->loan.rounding, err);
        c->has_position = st == RP_OK;
    }
    if (st == RP_OK)
        st = rp_restructure_at(plan, c->position, &c->loan.loan, acts, &c->loan.rounding, err);
    if (st == RP_OK) {
        st = rp_plan_price(price, plan, c->has_discount ? c->discount_rate : plan->contract_rate,
                           &c->loan.rounding, err);
    }
    if (st != RP_OK && rp_status_exit_code(st) == 2) {
        /* the engine's paths: "actions[2].amount", "loan.term", "as_of" */
        if (err && strncmp(err->path, "actions", 7) == 0) {
            char path[RP_PATH_MAX];
            snprintf(path, sizeof path, "%s%s", path_prefix, err->path + 7);
            snprintf(err->path, sizeof err->path, "%s", path);
        } else if (err && strcmp(err->path, "as_of") == 0) {
            snprintf(err->path, sizeof err->path, "$.date");
        } else {
            rp_error_prefix(err, "$");
        }
    }
    return st;
}

/* ---- writing --------------------------------------------------------------------- */

static void add_ratio(cJSON *obj, const char *key, const mpq_t x)
{
    rp_json_add_bounded(obj, key, x, x, 6);
}

void rp_json_plan_summary(cJSON *o, const rp_plan_t *p, const rp_pricing_t *price,
                          int discount_given, const rp_round_t *rc)
{
    int count = 0;
    for (int k = 0; k < p->count; k++)
        count += p->rows[k].n > 0;
    rp_json_add_amount(o, "payment", p->payment, rc);
    rp_json_add_int(o, "installment_count", count);
    if (p->count > 0 && p->rows[0].n == 0)
        rp_json_add_amount(o, "due_on_date", p->rows[0].payment, rc);
    if (p->first_due_date != RP_DATE_NONE) {
        rp_json_add_date(o, "first_due_date", p->first_due_date);
        rp_json_add_date(o, "maturity_date", p->maturity_date);
    }
    rp_json_add_amount(o, "total_to_pay", p->total_payment, rc);
    rp_json_add_amount(o, "waived", p->waived_total, rc);
    rp_json_add_amount(o, "saving", price->saving, rc);
    rp_json_add_decimal(o, "annual_rate", p->annual_rate);
    if (price->has_apr)
        rp_json_add_bounded(o, "apr", price->apr.low, price->apr.high, 12);
    else
        cJSON_AddNullToObject(o, "apr");
    rp_json_add_decimal(o, "discount_rate", price->discount_rate);
    /* which rate the present values use, and why: a recovery means nothing
     * without it */
    cJSON_AddStringToObject(o, "discount_rate_source", discount_given ? "given" : "contract_rate");
    rp_json_add_amount(o, "pv", price->pv, rc);
    add_ratio(o, "recovery", price->recovery);
    rp_json_add_amount(o, "concession", price->concession, rc);
    if (p->observation_end != RP_DATE_NONE)
        rp_json_add_date(o, "observation_end", p->observation_end);
    char zh[RP_MESSAGE_MAX], en[RP_MESSAGE_MAX];
    rp_plan_explain(zh, en, sizeof zh, p, rc);
    cJSON *x = cJSON_AddObjectToObject(o, "explain");
    cJSON_AddStringToObject(x, "zh", zh);
    cJSON_AddStringToObject(x, "en", en);
}

void rp_json_plan_warnings(cJSON *root, const rp_plan_t *p)
{
    if (p->warning_count == 0)
        return;
    cJSON *list = cJSON_AddArrayToObject(root, "warnings");
    for (int w = 0; w < p->warning_count; w++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "code", p->warnings[w].code);
        cJSON_AddStringToObject(o, "message", p->warnings[w].message);
        cJSON_AddItemToArray(list, o);
    }
}

void rp_json_plan_rows(cJSON *root, const rp_plan_t *p, const rp_round_t *rc)
{
    rp_json_plan_rows_detail(root, p, rc, RP_DETAIL_FULL);
}

void rp_json_plan_rows_detail(cJSON *root, const rp_plan_t *p, const rp_round_t *rc, int detail)
{
    cJSON *rows = cJSON_AddArrayToObject(root, "installments");
    int shown = detail == RP_DETAIL_SUMMARY && p->count > RP_DETAIL_ROWS ? RP_DETAIL_ROWS : p->count;
    if (shown < p->count) /* the rest on request: "detail": "full" */
        rp_json_add_int(root, "installments_not_shown", p->count - shown);
    for (int k = 0; k < shown; k++) {
        const rp_plan_row_t *r = &p->rows[k];
        cJSON *o = cJSON_CreateObject();
        rp_json_add_int(o, "n", r->n);
        rp_json_add_date(o, "due_date", r->due_date);
        rp_json_add_amount(o, "payment", r->payment, rc);
        rp_json_add_amount(o, "principal", r->principal, rc);
        rp_json_add_amount(o, "interest", r->interest, rc);
        rp_json_add_amount(o, "fee", r->fee, rc);
        rp_json_add_amount(o, "arrears", r->arrears, rc);
        rp_json_add_amount(o, "balance", r->balance, rc);
        cJSON_AddItemToArray(rows, o);
    }
}
