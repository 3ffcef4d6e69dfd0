/*
 * op_schedule.c — op "schedule": the loan's installment schedule.
 */
#include <stdlib.h>

#include "ops.h"
#include "yield/flows.h"
#include "render/render.h"

/* The plan's APR (IRR method) to 12 guaranteed places, into apr (an
 * initialised root); 0 if the flows have no single rate. */
static rp_status plan_apr(rp_root_t *apr, int *found, const loan_in_t *in, const rp_sched_view_t *s,
                          rp_error *err)
{
    rp_flows_t f;
    rp_flows_init(&f);
    mpq_t precision;
    mpq_init(precision);
    mpz_ui_pow_ui(mpq_denref(precision), 10, 15);
    mpz_set_ui(mpq_numref(precision), 1);
    rp_status st = rp_flows_from_view(&f, s, &in->loan, err);
    if (st == RP_OK)
        st = rp_flows_apr(apr, found, &f, precision, err);
    mpq_clear(precision);
    rp_flows_clear(&f);
    return st;
}

/* The rate in force on a row's due date: the loan's first rate, or the
 * last repricing before the date (a repricing on a due date starts with
 * the next period). */
static mpq_srcptr row_rate(const rp_loan_t *loan, const rp_repricings_t *rep, rp_date_t due)
{
    mpq_srcptr rate = loan->annual_rate;
    for (int k = 0; rep && k < rep->count && rep->items[k].date < due; k++)
        rate = rep->items[k].rate;
    return rate;
}

/* The LPR terms and every repricing: what the rates of the rows come from. */
static void lpr_json(cJSON *root, const loan_in_t *in, const rp_repricings_t *rep, cJSON *warnings)
{
    const rp_lpr_pricing_t *p = in->loan.lpr;
    cJSON *o = cJSON_AddObjectToObject(root, "lpr");
    cJSON_AddStringToObject(o, "tenor", rp_lpr_tenor_names[p->tenor]);
    rp_json_add_decimal(o, "spread", p->spread);
    cJSON_AddStringToObject(o, "repricing", rp_repricing_rule_names[p->rule]);
    cJSON *first = cJSON_AddObjectToObject(o, "initial");
    if (rep->has_fixing) {
        rp_json_add_date(first, "fixing_date", rep->initial.fixing_date);
        rp_json_add_decimal(first, "lpr", rep->initial.lpr);
    }
    rp_json_add_decimal(first, "rate", rep->initial.rate);
    cJSON *list = cJSON_AddArrayToObject(o, "repricings");
    int stale = rep->has_fixing && rep->initial.stale;
    for (int k = 0; k < rep->count; k++) {
        const rp_repricing_t *e = &rep->items[k];
        cJSON *r = cJSON_CreateObject();
        rp_json_add_date(r, "date", e->date);
        rp_json_add_date(r, "fixing_date", e->fixing_date);
        rp_json_add_decimal(r, "lpr", e->lpr);
        if (mpq_sgn(e->shift))
            rp_json_add_decimal(r, "shift", e->shift);
        rp_json_add_decimal(r, "rate", e->rate);
        cJSON_AddItemToArray(list, r);
        stale |= e->stale;
    }
    if (stale) {
        cJSON *w = cJSON_CreateObject();
        cJSON_AddStringToObject(w, "code", "stale_lpr");
        cJSON_AddStringToObject(w, "message",
                                "a repricing falls over a month after the LPR table's last check: it "
                                "uses the last fixing known (give fixings, shift, or --lpr for newer "
                                "ones)");
        cJSON_AddItemToArray(warnings, w);
    }
}

/* key: amount f of row k (or of the schedule), through one temporary. */
static void add_field(cJSON *obj, const char *key, const rp_sched_view_t *s, int k,
                      rp_sched_field f, mpq_t tmp, const rp_round_t *rc)
{
    rp_sched_view_amount(tmp, s, k, f);
    rp_json_add_amount(obj, key, tmp, rc);
}

/* The same into a row written as text: straight from whole units when the
 * view reads the fast form. */
static void row_field(rp_buf_t *row, const char *key, const rp_sched_view_t *s, int k,
                      rp_sched_field f, mpq_t tmp, const rp_round_t *rc)
{
    int64_t units;
    if (rp_sched_view_units_amount(&units, s, k, f) && rp_json_row_units(row, key, units, &s->words))
        return;
    rp_sched_view_amount(tmp, s, k, f);
    rp_json_row_amount(row, key, tmp, rc);
}

/* s is the general form whenever rows carry a rate or a year fraction
 * (rp_json_schedule reads the fast form only for rows without them). */
static int schedule_json(cJSON *root, const loan_in_t *in, const rp_sched_view_t *s,
                          const rp_root_t *apr, int has_apr, const rp_repricings_t *rep,
                          unsigned show, int detail)
{
    const rp_loan_t *loan = &in->loan;
    const rp_round_t *rc = &in->rounding;
    mpq_t tmp;
    mpq_init(tmp);
    int last = s->count - 1;
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
    if (mpq_sgn(loan->down_payment) > 0)
        rp_json_add_amount(summary, "down_payment", loan->down_payment, rc);
    if (mpq_sgn(loan->balloon) > 0)
        rp_json_add_amount(summary, "balloon", loan->balloon, rc);
    if (loan->method == RP_METHOD_ANNUITY || loan->method == RP_METHOD_FLAT)
        add_field(summary, "payment", s, 0, RP_SF_LEVEL_PAYMENT, tmp, rc);
    add_field(summary, "first_payment", s, 0, RP_SF_PAYMENT, tmp, rc);
    add_field(summary, "last_payment", s, last, RP_SF_PAYMENT, tmp, rc);
    if (rp_sched_view_due(s, 0) != RP_DATE_NONE) {
        rp_json_add_date(summary, "first_due_date", rp_sched_view_due(s, 0));
        rp_json_add_date(summary, "maturity_date", rp_sched_view_due(s, last));
    }
    cJSON *totals = cJSON_AddObjectToObject(root, "totals");
    add_field(totals, "payment", s, 0, RP_SF_TOTAL_PAYMENT, tmp, rc);
    add_field(totals, "principal", s, 0, RP_SF_TOTAL_PRINCIPAL, tmp, rc);
    add_field(totals, "interest", s, 0, RP_SF_TOTAL_INTEREST, tmp, rc);
    add_field(totals, "fee", s, 0, RP_SF_TOTAL_FEE, tmp, rc);
    cJSON *warnings = cJSON_CreateArray();
    for (int w = 0; w < s->warning_count; w++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "code", s->warnings[w].code);
        cJSON_AddStringToObject(o, "message", s->warnings[w].message);
        cJSON_AddItemToArray(warnings, o);
    }
    if (loan->lpr)
        lpr_json(root, in, rep, warnings);
    if (cJSON_GetArraySize(warnings) > 0)
        cJSON_AddItemToObject(root, "warnings", warnings);
    else
        cJSON_Delete(warnings);
    if (loan->lpr)
        show |= SHOW_RATE;
    cJSON *rows = cJSON_AddArrayToObject(root, "installments");
    int shown = detail == RP_DETAIL_SUMMARY && s->count > RP_DETAIL_ROWS ? RP_DETAIL_ROWS : s->count;
    if (shown < s->count) /* the rest on request: "detail": "full" */
        rp_json_add_int(root, "installments_not_shown", s->count - shown);
    rp_buf_t row; /* each row written as text: one node, not eight */
    rp_buf_init(&row);
    int ok = 1;
    for (int k = 0; k < shown && ok; k++) {
        rp_json_row_begin(&row);
        rp_date_t due = rp_sched_view_due(s, k);
        rp_json_row_int(&row, "n", rp_sched_view_n(s, k));
        if (due != RP_DATE_NONE)
            rp_json_row_date(&row, "due_date", due);
        row_field(&row, "payment", s, k, RP_SF_PAYMENT, tmp, rc);
        row_field(&row, "principal", s, k, RP_SF_PRINCIPAL, tmp, rc);
        row_field(&row, "interest", s, k, RP_SF_INTEREST, tmp, rc);
        row_field(&row, "fee", s, k, RP_SF_FEE, tmp, rc);
        row_field(&row, "balance", s, k, RP_SF_BALANCE, tmp, rc);
        if (show & SHOW_RATE)
            rp_json_row_decimal(&row, "rate", row_rate(loan, rep, due));
        if (show & SHOW_YEAR_FRACTION)
            rp_json_row_fraction(&row, "year_fraction", s->general->rows[k].year_fraction);
        ok = rp_json_add_row(rows, &row) != NULL;
    }
    rp_buf_clear(&row);
    mpq_clear(tmp);
    return ok;
}

/* The table or CSV; "show": ["rate"] (or an LPR loan, as in JSON) adds
 * each row's rate. A year fraction ("31/365") stays in JSON: a spreadsheet
 * would read "1/12" as a date. */
static rp_status render_text(response_t *out, rp_format fmt, const loan_in_t *in,
                             const rp_schedule_t *s, const rp_root_t *apr,
                             const rp_repricings_t *rep, unsigned show, rp_error *err)
{
    mpq_srcptr *rates = NULL;
    if ((show & SHOW_RATE) || in->loan.lpr) {
        rates = malloc(sizeof *rates * (size_t)s->count);
        if (!rates)
            return rp_fail(err, RP_E_NOMEM, "$", "out of memory");
        for (int k = 0; k < s->count; k++)
            rates[k] = row_rate(&in->loan, rep, s->rows[k].due_date);
    }
    rp_render_schedule(&out->text, fmt, &in->loan, s, apr, &in->rounding, rates);
    free(rates);
    return RP_OK;
}

/* ---- running ----------------------------------------------------------- */

rp_status rp_json_schedule(response_t *out, const request_t *req, rp_format fmt, rp_error *err)
{
    loan_in_t in;
    rp_schedule_t s;
    rp_unit_schedule_t u;
    rp_loan_in_init(&in);
    rp_schedule_init(&s);
    rp_unit_schedule_init(&u);
    rp_loan_in_tables(&in, req);
    rp_status st = rp_loan_in_read(&in, req->loan, err);
    rp_repricings_t rep;
    rp_repricings_init(&rep);
    rp_sched_view_t view;
    int fits = 0;
    if (st == RP_OK) {
        /* JSON reads the fast form row by row when it can say everything the
         * response shows: not a repriced schedule (LPR), nor rows that show a
         * rate or a year fraction (those read the general form). Shapes and
         * conventions never fit the fast form (rp_sched_build_units). Tables
         * and CSV render the general one. */
        if (fmt == RP_FORMAT_JSON && !in.loan.lpr && req->show == 0)
            st = rp_unit_schedule_try(&u, &in.loan, &in.rounding, &fits, err);
        if (st == RP_OK && !fits)
            st = rp_schedule_build(&s, &in.loan, &in.rounding, err);
        if (st == RP_OK && !fits && in.loan.lpr) /* LPR 加点: repriced on every repricing date */
            st = rp_schedule_reprice(&s, &rep, &in.loan, &in.rounding, err);
        if (st != RP_OK && rp_status_exit_code(st) == 2)
            rp_error_prefix(err, "$.loan");
    }
    if (fits)
        rp_sched_view_units(&view, &u, &in.rounding);
    else
        rp_sched_view_general(&view, &s);
    rp_root_t apr;
    int has_apr = 0;
    mpq_inits(apr.low, apr.high, NULL);
    if (st == RP_OK)
        st = plan_apr(&apr, &has_apr, &in, &view, err);
    if (st == RP_OK && req->caps && fmt == RP_FORMAT_CSV)
        st = rp_fail(err, RP_E_VALUE, "$.caps",
                     "a cap check is answered in the json and table formats, not in csv rows");
    if (st == RP_OK) {
        if (fmt == RP_FORMAT_JSON)
            out->text.failed |= !schedule_json(out->json, &in, &view, &apr, has_apr, &rep,
                                               req->show, req->detail); /* out of memory */
        else
            st = render_text(out, fmt, &in, &s, has_apr ? &apr : NULL, &rep, req->show, err);
    }
    if (st == RP_OK && req->caps) { /* the schedule's flows against a legal cap */
        rp_flows_t f;
        rp_flows_init(&f);
        caps_at_t at;
        rp_json_caps_at_loan(&at, &in.loan);
        st = rp_flows_from_view(&f, &view, &in.loan, err);
        if (st == RP_OK)
            st = rp_json_caps_out(out, fmt, req, &f, &at, &in.rounding, has_apr ? &apr : NULL, err);
        rp_flows_clear(&f);
    }
    mpq_clears(apr.low, apr.high, NULL);
    rp_repricings_clear(&rep);
    rp_unit_schedule_clear(&u);
    rp_schedule_clear(&s);
    rp_loan_in_clear(&in);
    return st;
}

