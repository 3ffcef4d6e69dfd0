/*
 * op_yield.c — op "yield": the real annualized rate of a loan or of raw
 * cash flows (IRR / XIRR), present values, and the legal caps.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"

/* Everything a yield is computed from, however it was given. */
typedef struct yield_in {
    loan_in_t loan;          /* the loan, when one was given               */
    int has_loan;
    rp_flows_t flows;        /* periodic flows (loan, or a plain list)     */
    int periodic;
    mpq_t *dated;            /* dated flows (loan with dates, or objects)  */
    int *days;
    int dated_count;
    rp_date_t first_date;
    mpq_t precision;
} yield_in_t;

static void yield_in_init(yield_in_t *y)
{
    memset(y, 0, sizeof *y);
    rp_loan_in_init(&y->loan);
    rp_flows_init(&y->flows);
    mpq_init(y->precision);
    y->first_date = RP_DATE_NONE;
}

static void yield_in_clear(yield_in_t *y)
{
    rp_loan_in_clear(&y->loan);
    rp_flows_clear(&y->flows);
    for (int i = 0; i < y->dated_count; i++)
        mpq_clear(y->dated[i]);
    free(y->dated);
    free(y->days);
    mpq_clear(y->precision);
}

static rp_status alloc_dated(yield_in_t *y, int n, rp_error *err)
{
    y->dated = malloc(sizeof *y->dated * (size_t)n);
    y->days = malloc(sizeof *y->days * (size_t)n);
    if (!y->dated || !y->days)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    for (int i = 0; i < n; i++)
        mpq_init(y->dated[i]);
    y->dated_count = n;
    return RP_OK;
}

/* The flows of a loan's schedule: periodic, and dated when it has dates. */
static rp_status flows_of_loan(yield_in_t *y, const request_t *req, rp_error *err)
{
    rp_loan_in_tables(&y->loan, req);
    rp_status st = rp_loan_in_read(&y->loan, req->loan, err);
    rp_schedule_t s;
    rp_schedule_init(&s);
    if (st == RP_OK) {
        st = rp_schedule_build(&s, &y->loan.loan, &y->loan.rounding, err);
        if (st == RP_OK && y->loan.loan.lpr) { /* LPR 加点: the repriced payments */
            rp_repricings_t rep;
            rp_repricings_init(&rep);
            st = rp_schedule_reprice(&s, &rep, &y->loan.loan, &y->loan.rounding, err);
            rp_repricings_clear(&rep);
        }
        if (st != RP_OK && rp_status_exit_code(st) == 2)
            rp_error_prefix(err, "$.loan");
    }
    if (st == RP_OK)
        st = rp_flows_from_schedule(&y->flows, &s, &y->loan.loan, err);
    if (st == RP_OK) {
        y->has_loan = 1;
        y->periodic = 1;
        if (y->flows.days) {
            st = alloc_dated(y, y->flows.n, err);
            for (int i = 0; st == RP_OK && i < y->flows.n; i++) {
                mpq_set(y->dated[i], y->flows.amounts[i]);
                y->days[i] = y->flows.days[i];
            }
            y->first_date = y->loan.loan.start_date;
        }
    }
    rp_schedule_clear(&s);
    return st;
}

typedef struct dated_in {
    rp_date_t date;
    mpq_t amount;
} dated_in_t;

static rp_status read_signed(void *target, const cJSON *item, const char *path, rp_error *err)
{
    return rp_fields_decimal(*(mpq_t *)target, item, path, err);
}

static const field_t dated_fields[] = {
    {.name = "date", .kind = FK_DATE, .required = 1, .offset = offsetof(dated_in_t, date),
     .doc = "when the money moves"},
    {.name = "amount", .kind = FK_CUSTOM, .schema = SCHEMA_REF("decimal"), .required = 1, .offset = offsetof(dated_in_t, amount),
     .read = read_signed, .doc = "signed: money in positive, money out negative (or the reverse)"},
};
const object_spec_t rp_spec_dated_flow = {"a dated cash flow", RP_FIELDS(dated_fields)};

/* cash_flows: ["10000", "-893.33", …] (periodic) or [{"date", "amount"}, …]. */
static rp_status flows_of_list(yield_in_t *y, const cJSON *arr, rp_error *err)
{
    if (!cJSON_IsArray(arr))
        return rp_fail(err, RP_E_TYPE, "$.cash_flows", "expected an array, found %s",
                       rp_json_type_name(arr));
    int n = 0, objects = 0;
    for (const cJSON *m = arr->child; m; m = m->next) {
        if (++n > RP_MAX_FLOWS)
            return rp_fail(err, RP_E_RANGE, "$.cash_flows", "at most %d cash flows", RP_MAX_FLOWS);
        objects += cJSON_IsObject(m);
    }
    if (n < 2)
        return rp_fail(err, RP_E_VALUE, "$.cash_flows", "give at least two cash flows");
    if (objects != 0 && objects != n)
        return rp_fail(err, RP_E_VALUE, "$.cash_flows",
                       "give all flows as amounts (periodic) or all as {date, amount} (dated)");
    rp_status st = RP_OK;
    char path[RP_PATH_MAX];
    if (objects == 0) {
        rp_flows_t *f = &y->flows;
        st = rp_flows_alloc(f, n, 0, 12, err);
        int i = 0;
        for (const cJSON *m = arr->child; m && st == RP_OK; m = m->next, i++) {
            snprintf(path, sizeof path, "$.cash_flows[%d]", i);
            st = rp_fields_decimal(f->amounts[i], m, path, err);
        }
        y->periodic = 1;
        return st;
    }
    st = alloc_dated(y, n, err);
    dated_in_t d;
    mpq_init(d.amount);
    int i = 0;
    for (const cJSON *m = arr->child; m && st == RP_OK; m = m->next, i++) {
        snprintf(path, sizeof path, "$.cash_flows[%d]", i);
        d.date = RP_DATE_NONE;
        st = rp_fields_read(&d, m, &rp_spec_dated_flow, path, err);
        if (st != RP_OK)
            break;
        if (i == 0)
            y->first_date = d.date;
        if (d.date < (i ? y->first_date + y->days[i - 1] : d.date)) {
            snprintf(path, sizeof path, "$.cash_flows[%d].date", i);
            st = rp_fail(err, RP_E_VALUE, path, "dates must not go back: list the flows in date order");
            break;
        }
        y->days[i] = (int)(d.date - y->first_date);
        mpq_set(y->dated[i], d.amount);
    }
    mpq_clear(d.amount);
    return st;
}

/* ---- writing ------------------------------------------------------------- */

static void add_root(cJSON *obj, const rp_root_t *r, int ppy, const char *irr_key,
                     const char *apr_key)
{
    rp_json_add_bounded(obj, irr_key, r->low, r->high, 12);
    if (apr_key) {
        rp_root_t x;
        mpq_inits(x.low, x.high, NULL);
        rp_root_times(&x, r, ppy);
        rp_json_add_bounded(obj, apr_key, x.low, x.high, 12);
        rp_root_ear(&x, r, ppy);
        rp_json_add_bounded(obj, "ear", x.low, x.high, 12);
        mpq_clears(x.low, x.high, NULL);
    }
}

static void add_bounds(cJSON *obj, const char *key, const rp_root_t *r)
{
    cJSON *b = cJSON_AddArrayToObject(obj, key);
    char text[96];
    rp_decimal_format(text, sizeof text, r->low, 20, RP_ROUND_FLOOR);
    cJSON_AddItemToArray(b, cJSON_CreateString(text));
    rp_decimal_format(text, sizeof text, r->high, 20, RP_ROUND_CEILING);
    cJSON_AddItemToArray(b, cJSON_CreateString(text));
}

static void warn(cJSON *warnings, const char *code, const char *message)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "code", code);
    cJSON_AddStringToObject(o, "message", message);
    cJSON_AddItemToArray(warnings, o);
}

/* Writes the roots found: one → the main fields; none or several → null
 * main fields, the list, and a warning. */
static void add_irr(cJSON *root, cJSON *warnings, const rp_irr_t *irr, int ppy, int periodic)
{
    const char *irr_key = periodic ? "irr_periodic" : "xirr";
    rp_json_add_int(root, "sign_changes", irr->sign_changes);
    if (irr->count == 1) {
        add_root(root, &irr->roots[0], ppy, irr_key, periodic ? "apr" : NULL);
        add_bounds(root, periodic ? "irr_periodic_bounds" : "xirr_bounds", &irr->roots[0]);
    } else {
        cJSON_AddNullToObject(root, irr_key);
        if (periodic) {
            cJSON_AddNullToObject(root, "apr");
            cJSON_AddNullToObject(root, "ear");
        }
        if (irr->count == 0) {
            warn(warnings, "no_root",
                 periodic ? "no rate of return between -99% and 1000% a period fits these flows"
                          : "no annual rate between -99% and 1000% fits these flows");
        } else {
            cJSON *list = cJSON_AddArrayToObject(root, "roots");
            for (int i = 0; i < irr->count; i++) {
                cJSON *o = cJSON_CreateObject();
                add_root(o, &irr->roots[i], ppy, irr_key, periodic ? "apr" : NULL);
                cJSON_AddItemToArray(list, o);
            }
            warn(warnings, "several_roots",
                 "the flows change sign more than once and several rates fit: see roots");
        }
    }
    if (irr->count >= 1 && irr->count < irr->sign_changes)
        warn(warnings, "roots_may_be_missed",
             "the flows change sign more often than roots were found; roots closer together "
             "than the search grid, or outside -99%…1000%, are not listed");
}

/* Dated flows with a unit period: the APR by the actuarial method of
 * Regulation Z App. J — each flow's whole periods counted back from its
 * date to the first flow, the odd days as simple interest. */
static rp_status add_actuarial(cJSON *root, cJSON *warnings, const request_t *req,
                               const yield_in_t *y, rp_error *err)
{
    rp_frequency f = (rp_frequency)req->frequency;
    rp_flows_t flows;
    rp_flows_init(&flows);
    rp_irr_t irr;
    rp_irr_init(&irr);
    rp_status st = rp_flows_alloc(&flows, y->dated_count, 0, rp_frequency_per_year(f), err);
    for (int i = 0; st == RP_OK && i < y->dated_count; i++) {
        mpq_set(flows.amounts[i], y->dated[i]);
        st = rp_when_dated(&flows.when[i], y->first_date, y->first_date + y->days[i],
                           RP_DATE_NONE, f, (rp_odd_days)req->odd_days, err);
    }
    if (st == RP_OK) {
        mpq_t p;
        mpq_init(p);
        rp_precision_per_period(p, y->precision, flows.periods_per_year);
        st = rp_flows_irr(&irr, &flows, p, err);
        mpq_clear(p);
        if (st != RP_OK)
            rp_error_prefix(err, "$.cash_flows");
    }
    if (st == RP_OK) {
        cJSON *o = cJSON_AddObjectToObject(root, "actuarial");
        cJSON_AddStringToObject(o, "frequency", rp_frequency_names[f]);
        rp_json_add_int(o, "periods_per_year", flows.periods_per_year);
        cJSON_AddStringToObject(o, "apr_odd_days", rp_odd_days_names[req->odd_days]);
        add_irr(o, warnings, &irr, flows.periods_per_year, 1);
    }
    rp_irr_clear(&irr);
    rp_flows_clear(&flows);
    return st;
}

/* simple rate (labelled): charges ÷ principal ÷ years. */
static void add_simple_rate(cJSON *root, const yield_in_t *y)
{
    mpq_t charges;
    mpq_init(charges);
    rp_flows_simple_rate(charges, &y->flows, y->loan.loan.principal);
    int places = rp_decimal_places(charges); /* exact when it terminates */
    rp_json_add_bounded(root, "simple_rate", charges, charges, places >= 0 && places <= 12 ? places : 12);
    cJSON_AddStringToObject(root, "simple_rate_note",
                            "not an annualized rate: all interest and fees ÷ principal ÷ years "
                            "(单利口径); the APR above is the IRR (复利) method");
    mpq_clear(charges);
}

static rp_status add_caps(cJSON *root, cJSON *warnings, const request_t *req, const yield_in_t *y,
                          const rp_irr_t *irr, rp_error *err)
{
    if (!y->periodic)
        return rp_fail(err, RP_E_VALUE, "$.caps", "caps are checked on a loan or on periodic cash flows");
    caps_at_t at = {.origin = RP_DATE_NONE, .anchor = RP_DATE_NONE};
    if (y->has_loan)
        rp_json_caps_at_loan(&at, &y->loan.loan);
    rp_root_t apr;
    mpq_inits(apr.low, apr.high, NULL);
    if (irr->count == 1)
        rp_root_times(&apr, &irr->roots[0], y->flows.periods_per_year);
    rp_status st = rp_json_caps(root, warnings, req, req->caps, "$.caps", &y->flows, &at,
                                &y->loan.rounding, irr->count == 1 ? &apr : NULL, err);
    mpq_clears(apr.low, apr.high, NULL);
    return st;
}

/* The flows of the request: a loan's, or the cash_flows given. */
static rp_status read_flows(yield_in_t *y, const request_t *req, rp_error *err)
{
    if (!req->loan == !req->cash_flows)
        return rp_fail(err, RP_E_MISSING, req->loan ? "$.cash_flows" : "$.loan",
                       "give either a loan or cash_flows");
    rp_status st = rp_json_precision(y->precision, req->precision, err);
    if (st == RP_OK && req->rounding) {
        if (req->loan)
            st = rp_fail(err, RP_E_VALUE, "$.rounding",
                         "rounding is for cash_flows: a loan has its own (loan.rounding)");
        else
            st = rp_fields_read(&y->loan.rounding, req->rounding, &rp_spec_rounding, "$.rounding",
                                err);
    }
    if (st == RP_OK)
        st = req->loan ? flows_of_loan(y, req, err) : flows_of_list(y, req->cash_flows, err);
    if (st == RP_OK && y->periodic && !y->has_loan)
        y->flows.periods_per_year = req->periods_per_year;
    if (st == RP_OK && (req->frequency >= 0 || req->odd_days != RP_ODD_ACTUAL) &&
        (y->periodic || y->dated_count == 0))
        st = rp_fail(err, RP_E_VALUE, req->frequency >= 0 ? "$.frequency" : "$.apr_odd_days",
                     "frequency and apr_odd_days are for dated cash_flows (a loan has its own)");
    return st;
}

/* The rates of return: the periodic IRR (and from it the APR) of periodic
 * flows, the XIRR of dated ones; both for a loan with dates. */
static rp_status add_rates(cJSON *root, cJSON *warnings, const request_t *req, const yield_in_t *y,
                           rp_irr_t *irr, rp_irr_t *xirr, rp_error *err)
{
    int ppy = y->flows.periods_per_year;
    rp_status st = RP_OK;
    if (y->periodic) {
        mpq_t p;
        mpq_init(p);
        rp_precision_per_period(p, y->precision, ppy);
        st = rp_flows_irr(irr, &y->flows, p, err);
        mpq_clear(p);
    }
    if (st == RP_OK && y->dated_count > 0)
        st = rp_irr_dated(xirr, (mpq_t const *)y->dated, y->days, y->dated_count, req->basis,
                          y->precision, err);
    if (st != RP_OK) {
        rp_error_prefix(err, req->loan ? "$.loan" : "$.cash_flows");
        return st;
    }
    cJSON_AddStringToObject(root, "method", y->periodic ? "periodic" : "dated");
    rp_json_add_int(root, "cash_flow_count", y->periodic ? y->flows.n : y->dated_count);
    if (y->periodic) {
        rp_json_add_int(root, "periods_per_year", ppy);
        add_irr(root, warnings, irr, ppy, 1);
        if (y->has_loan)
            add_simple_rate(root, y);
    }
    if (y->dated_count > 0) {
        rp_json_add_int(root, "basis", req->basis);
        cJSON *target = root;
        if (y->periodic) /* a loan with dates: XIRR beside the APR */
            target = cJSON_AddObjectToObject(root, "dated");
        add_irr(target, warnings, xirr, 1, 0);
    }
    return st;
}

/* npv at discount_rate: periodic flows exactly (nominal rate ÷ periods a
 * year, rounded to the unit); dated flows within bounds (effective rate). */
typedef struct mirr_in {
    const cJSON *finance, *reinvest;
} mirr_in_t;

static const field_t mirr_fields[] = {
    {.name = "finance_rate", .kind = FK_CUSTOM, .schema = SCHEMA_REF("share"), .required = 1,
     .offset = offsetof(mirr_in_t, finance), .read = rp_json_keep,
     .doc = "a period's rate the negative flows are financed at"},
    {.name = "reinvest_rate", .kind = FK_CUSTOM, .schema = SCHEMA_REF("share"), .required = 1,
     .offset = offsetof(mirr_in_t, reinvest), .read = rp_json_keep,
     .doc = "a period's rate the positive flows are reinvested at"},
};
const object_spec_t rp_spec_mirr = {"a modified IRR", RP_FIELDS(mirr_fields)};

/* The modified IRR of periodic flows (MIRR), a period's rate. */
static rp_status add_mirr(cJSON *root, cJSON *warnings, const request_t *req, const yield_in_t *y,
                          rp_error *err)
{
    if (!y->periodic)
        return rp_fail(err, RP_E_VALUE, "$.mirr", "the modified IRR is of periodic flows");
    mirr_in_t m = {NULL, NULL};
    mpq_t finance, reinvest;
    mpq_inits(finance, reinvest, NULL);
    rp_root_t r;
    mpq_inits(r.low, r.high, NULL);
    int found = 0;
    rp_status st = rp_fields_read(&m, req->mirr, &rp_spec_mirr, "$.mirr", err);
    if (st == RP_OK)
        st = rp_json_read_share(&finance, m.finance, "$.mirr.finance_rate", err);
    if (st == RP_OK)
        st = rp_json_read_share(&reinvest, m.reinvest, "$.mirr.reinvest_rate", err);
    mpq_t fine; /* a thousandth of the precision: every printed digit settled */
    mpq_init(fine);
    rp_precision_per_period(fine, y->precision, 1);
    if (st == RP_OK)
        st = rp_mirr(&r, &found, (mpq_t const *)y->flows.amounts, y->flows.n, finance, reinvest,
                     fine, err);
    mpq_clear(fine);
    if (st == RP_OK && found) {
        rp_json_add_bounded(root, "mirr", r.low, r.high, 12);
        add_bounds(root, "mirr_bounds", &r);
    } else if (st == RP_OK) {
        cJSON_AddNullToObject(root, "mirr");
        warn(warnings, "no_mirr", "the modified IRR needs flows both paid and received");
    }
    if (st != RP_OK && err && err->path[0] != '$')
        rp_error_prefix(err, "$.mirr");
    mpq_clears(finance, reinvest, r.low, r.high, NULL);
    return st;
}

static rp_status add_npv(cJSON *root, const request_t *req, const yield_in_t *y, rp_error *err)
{
    rate_in_t r;
    mpq_init(r.value);
    r.unit = RP_RATE_ANNUAL;
    rp_status st = rp_json_read_rate(&r, req->discount_rate, "$.discount_rate", err);
    mpq_t rate, lo, hi;
    mpq_inits(rate, lo, hi, NULL);
    if (st == RP_OK)
        st = rp_rate_in_annual(rate, &r, 365, err);
    if (st == RP_OK && y->periodic) {
        st = rp_flows_npv_nominal(hi, &y->flows, rate, err);
        if (st == RP_OK && req->npv_places >= 0) { /* exact, to the places asked */
            rp_json_add_bounded(root, "npv", hi, hi, req->npv_places);
        } else if (st == RP_OK) {
            rp_round(hi, hi, &y->loan.rounding);
            rp_json_add_amount(root, "npv", hi, &y->loan.rounding);
        }
    } else if (st == RP_OK) {
        st = rp_npv_dated(lo, hi, rate, (mpq_t const *)y->dated, y->days, y->dated_count,
                          req->basis, y->precision, err);
        if (st == RP_OK)
            rp_json_add_bounded(root, "npv", lo, hi,
                                req->npv_places >= 0 ? req->npv_places : y->loan.rounding.places);
    }
    if (st != RP_OK && err && strncmp(err->path, "$.discount_rate", 15) != 0)
        rp_error_prefix(err, "$.discount_rate");
    mpq_clears(rate, lo, hi, r.value, NULL);
    return st;
}

rp_status rp_json_yield(response_t *out, const request_t *req, rp_format fmt, rp_error *err)
{
    yield_in_t y;
    yield_in_init(&y);
    rp_irr_t irr, xirr;
    rp_irr_init(&irr);
    rp_irr_init(&xirr);
    cJSON *root = out->json ? out->json : cJSON_CreateObject();
    cJSON *warnings = cJSON_CreateArray();
    rp_status st = read_flows(&y, req, err);
    if (st == RP_OK)
        st = add_rates(root, warnings, req, &y, &irr, &xirr, err);
    if (st == RP_OK && req->frequency >= 0)
        st = add_actuarial(root, warnings, req, &y, err);
    if (st == RP_OK && req->discount_rate)
        st = add_npv(root, req, &y, err);
    if (st == RP_OK && req->mirr)
        st = add_mirr(root, warnings, req, &y, err);
    if (st == RP_OK && req->caps)
        st = add_caps(root, warnings, req, &y, &irr, err);
    if (st == RP_OK && cJSON_GetArraySize(warnings) > 0) {
        cJSON_AddItemToObject(root, "warnings", warnings);
        warnings = NULL;
    }
    if (st == RP_OK && fmt != RP_FORMAT_JSON)
        rp_json_render_flat(&out->text, fmt, root);
    cJSON_Delete(warnings);
    if (root != out->json)
        cJSON_Delete(root);
    rp_irr_clear(&irr);
    rp_irr_clear(&xirr);
    yield_in_clear(&y);
    return st;
}
