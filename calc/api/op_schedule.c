/*
 * op_schedule.c — op "schedule": the loan's installment schedule.
 */
#include "ops.h"
#include "render/render.h"

/* The plan's APR (IRR method) to 12 guaranteed places, into apr (an
 * initialised root); 0 if the flows have no single rate. */
static rp_status plan_apr(rp_root_t *apr, int *found, const loan_in_t *in, const rp_schedule_t *s,
                          rp_error *err)
{
    rp_flows_t f;
    rp_flows_init(&f);
    mpq_t precision;
    mpq_init(precision);
    mpz_ui_pow_ui(mpq_denref(precision), 10, 15);
    mpz_set_ui(mpq_numref(precision), 1);
    rp_status st = rp_flows_from_schedule(&f, s, &in->loan, err);
    if (st == RP_OK)
        st = rp_flows_apr(apr, found, &f, precision, err);
    mpq_clear(precision);
    rp_flows_clear(&f);
    return st;
}

static void schedule_json(cJSON *root, const loan_in_t *in, const rp_schedule_t *s,
                          const rp_root_t *apr, int has_apr, int detail)
{
    const rp_loan_t *loan = &in->loan;
    const rp_round_t *rc = &in->rounding;
    cJSON *summary = cJSON_AddObjectToObject(root, "summary");
    cJSON_AddStringToObject(summary, "method", rp_method_names[loan->method]);
    cJSON_AddStringToObject(summary, "frequency", rp_frequency_names[loan->frequency]);
    rp_json_add_int(summary, "installment_count", s->count);
    rp_json_add_amount(summary, "principal", loan->principal, rc);
    rp_json_add_decimal(summary, "annual_rate", loan->annual_rate);
    if (has_apr)
        rp_json_add_bounded(summary, "apr", apr->low, apr->high, 12);
    else
        cJSON_AddNullToObject(summary, "apr");
    if (mpq_sgn(loan->upfront_fee) > 0)
        rp_json_add_amount(summary, "upfront_fee", loan->upfront_fee, rc);
    if (loan->method == RP_METHOD_ANNUITY || loan->method == RP_METHOD_FLAT)
        rp_json_add_amount(summary, "payment", s->level_payment, rc);
    rp_json_add_amount(summary, "first_payment", s->rows[0].payment, rc);
    rp_json_add_amount(summary, "last_payment", s->rows[s->count - 1].payment, rc);
    if (s->rows[0].due_date != RP_DATE_NONE) {
        rp_json_add_date(summary, "first_due_date", s->rows[0].due_date);
        rp_json_add_date(summary, "maturity_date", s->rows[s->count - 1].due_date);
    }
    cJSON *totals = cJSON_AddObjectToObject(root, "totals");
    rp_json_add_amount(totals, "payment", s->total_payment, rc);
    rp_json_add_amount(totals, "principal", s->total_principal, rc);
    rp_json_add_amount(totals, "interest", s->total_interest, rc);
    rp_json_add_amount(totals, "fee", s->total_fee, rc);
    if (s->warning_count > 0) {
        cJSON *warnings = cJSON_AddArrayToObject(root, "warnings");
        for (int w = 0; w < s->warning_count; w++) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "code", s->warnings[w].code);
            cJSON_AddStringToObject(o, "message", s->warnings[w].message);
            cJSON_AddItemToArray(warnings, o);
        }
    }
    cJSON *rows = cJSON_AddArrayToObject(root, "installments");
    int shown = detail == RP_DETAIL_SUMMARY && s->count > RP_DETAIL_ROWS ? RP_DETAIL_ROWS : s->count;
    if (shown < s->count) /* the rest on request: "detail": "full" */
        rp_json_add_int(root, "installments_not_shown", s->count - shown);
    for (int k = 0; k < shown; k++) {
        const rp_installment_t *r = &s->rows[k];
        cJSON *o = cJSON_CreateObject();
        rp_json_add_int(o, "n", r->n);
        if (r->due_date != RP_DATE_NONE)
            rp_json_add_date(o, "due_date", r->due_date);
        rp_json_add_amount(o, "payment", r->payment, rc);
        rp_json_add_amount(o, "principal", r->principal, rc);
        rp_json_add_amount(o, "interest", r->interest, rc);
        rp_json_add_amount(o, "fee", r->fee, rc);
        rp_json_add_amount(o, "balance", r->balance, rc);
        cJSON_AddItemToArray(rows, o);
    }
}

/* ---- running ----------------------------------------------------------- */

rp_status rp_json_schedule(response_t *out, const request_t *req, rp_format fmt, rp_error *err)
{
    loan_in_t in;
    rp_schedule_t s;
    rp_loan_in_init(&in);
    rp_schedule_init(&s);
    rp_status st = rp_loan_in_read(&in, req->loan, err);
    if (st == RP_OK) {
        st = rp_schedule_build(&s, &in.loan, &in.rounding, err);
        if (st != RP_OK && rp_status_exit_code(st) == 2)
            rp_error_prefix(err, "$.loan");
    }
    rp_root_t apr;
    int has_apr = 0;
    mpq_inits(apr.low, apr.high, NULL);
    if (st == RP_OK)
        st = plan_apr(&apr, &has_apr, &in, &s, err);
    if (st == RP_OK) {
        if (fmt == RP_FORMAT_JSON)
            schedule_json(out->json, &in, &s, &apr, has_apr, req->detail);
        else
            rp_render_schedule(&out->text, fmt, &in.loan, &s, has_apr ? &apr : NULL,
                               &in.rounding);
    }
    mpq_clears(apr.low, apr.high, NULL);
    rp_schedule_clear(&s);
    rp_loan_in_clear(&in);
    return st;
}

