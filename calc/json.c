/*
 * json.c — the JSON API: request text → op → response text. This file
 * reads requests into C structs (through the field tables), calls the
 * core, and writes the result; it does no arithmetic of its own.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "fields.h"
#include "render.h"

const char *const rp_format_names[RP_FORMAT_COUNT] = {
    [RP_FORMAT_JSON] = "json", [RP_FORMAT_TABLE] = "table", [RP_FORMAT_CSV] = "csv"};

typedef enum op { OP_SCHEDULE, OP_COUNT } op_t;
static const char *const op_names[OP_COUNT] = {[OP_SCHEDULE] = "schedule"};

/* ---- reading a loan --------------------------------------------------- */

/* A rate as given: its value and the period it is quoted per. It becomes
 * an annual rate once daily_basis is known (members come in any order). */
typedef struct rate_in {
    mpq_t value;
    rp_rate_unit unit;
} rate_in_t;

typedef struct loan_in {
    rp_loan_t loan;
    rate_in_t rate;
    rp_round_t rounding;
} loan_in_t;

static const char *const rate_keys[] = {"annual", "monthly", "daily"};
static const rp_rate_unit rate_key_units[] = {RP_RATE_ANNUAL, RP_RATE_MONTHLY, RP_RATE_DAILY};

static rp_status read_rate_value(rate_in_t *r, const cJSON *item, const char *path, rp_error *err)
{
    if (cJSON_IsNumber(item)) {
        r->unit = RP_RATE_UNSPECIFIED;
        rp_status st = rp_fields_decimal(r->value, item, path, err);
        if (st == RP_OK && mpq_sgn(r->value) < 0)
            return rp_fail(err, RP_E_VALUE, path, "a rate must not be negative");
        return st;
    }
    if (!cJSON_IsString(item))
        return rp_fail(err, RP_E_TYPE, path, "expected a rate like \"4.9%%\", found %s",
                       rp_json_type_name(item));
    rp_status st = rp_rate_parse(r->value, &r->unit, item->valuestring, err);
    if (st != RP_OK) {
        char shown[48], message[RP_MESSAGE_MAX];
        rp_quote(shown, sizeof shown, item->valuestring, strlen(item->valuestring), 24);
        snprintf(message, sizeof message, "%s, found \"%s\"", err ? err->message : "", shown);
        return rp_fail(err, st, path, "%s", message);
    }
    return RP_OK;
}

/* rate: "4.9%", 0.049, "日万分之五", or {"annual"|"monthly"|"daily": …}. */
static rp_status read_rate(void *target, const cJSON *item, const char *path, rp_error *err)
{
    rate_in_t *r = target;
    if (!cJSON_IsObject(item)) {
        rp_status st = read_rate_value(r, item, path, err);
        if (st == RP_OK && r->unit == RP_RATE_UNSPECIFIED)
            r->unit = RP_RATE_ANNUAL;
        return st;
    }
    const cJSON *m = item->child;
    char sub[RP_PATH_MAX];
    if (!m || m->next)
        return rp_fail(err, RP_E_VALUE, path,
                       "a rate object has exactly one of \"annual\", \"monthly\", \"daily\"");
    rp_fields_path(sub, sizeof sub, path, m->string);
    int k = rp_name_index(rate_keys, 3, m->string);
    if (k < 0)
        return rp_fail(err, RP_E_UNKNOWN, sub, "a rate object has one of \"annual\", \"monthly\", \"daily\"");
    rp_status st = read_rate_value(r, m, sub, err);
    if (st != RP_OK)
        return st;
    if (r->unit != RP_RATE_UNSPECIFIED && r->unit != rate_key_units[k])
        return rp_fail(err, RP_E_VALUE, sub, "the rate's 年/月/日 prefix contradicts \"%s\"",
                       m->string);
    r->unit = rate_key_units[k];
    return RP_OK;
}

static rp_status read_unit(void *target, const cJSON *item, const char *path, rp_error *err)
{
    rp_round_t *rc = target;
    mpq_t unit;
    mpq_init(unit);
    rp_status st = rp_fields_decimal(unit, item, path, err);
    if (st == RP_OK)
        st = rp_round_set_unit(rc, unit, err);
    mpq_clear(unit);
    return st;
}

static const field_t rounding_fields[] = {
    {.name = "unit", .kind = FK_CUSTOM, .offset = 0, .read = read_unit,
     .doc = "amounts are rounded to whole multiples of this (default \"0.01\"; e.g. \"0.05\", \"1\", \"10\")"},
    {.name = "mode", .kind = FK_ENUM, .offset = offsetof(rp_round_t, mode),
     .names = rp_round_mode_names, .name_count = RP_ROUND_MODE_COUNT,
     .doc = "how ties and remainders go (default half_up: ties away from zero)"},
};
static const object_spec_t rounding_spec = {"rounding", RP_FIELDS(rounding_fields)};

#define LOAN(member) offsetof(loan_in_t, loan.member)
static const field_t loan_fields[] = {
    {.name = "principal", .kind = FK_AMOUNT, .required = 1, .offset = LOAN(principal),
     .doc = "amount lent, > 0, a whole number of rounding units"},
    {.name = "rate", .kind = FK_CUSTOM, .required = 1, .offset = offsetof(loan_in_t, rate),
     .read = read_rate,
     .doc = "nominal rate: \"4.9%\" or 0.049 a year, {\"monthly\": \"5‰\"}, {\"daily\": \"万分之五\"}"},
    {.name = "term", .kind = FK_INT, .offset = LOAN(term), .min = 1, .max = RP_MAX_TERM,
     .doc = "number of installments (bullet: periods until maturity)"},
    {.name = "method", .kind = FK_ENUM, .offset = LOAN(method), .names = rp_method_names,
     .name_count = RP_METHOD_COUNT, .doc = "amortization method (default annuity)"},
    {.name = "start_date", .kind = FK_DATE, .offset = LOAN(start_date),
     .doc = "disbursement date; without it installments carry no dates"},
    {.name = "first_due_date", .kind = FK_DATE, .offset = LOAN(first_due_date),
     .doc = "first installment date (default: one period after start_date)"},
    {.name = "maturity_date", .kind = FK_DATE, .offset = LOAN(maturity_date),
     .doc = "bullet loans: the due date, instead of term"},
    {.name = "frequency", .kind = FK_ENUM, .offset = LOAN(frequency),
     .names = rp_frequency_names, .name_count = RP_FREQ_COUNT,
     .doc = "installment frequency (default monthly)"},
    {.name = "day_count", .kind = FK_ENUM, .offset = LOAN(day_count),
     .names = rp_day_count_names, .name_count = RP_DC_COUNT,
     .doc = "interest per period: period (rate / periods a year, default) or a day count"},
    {.name = "daily_basis", .kind = FK_INT, .offset = LOAN(daily_basis), .min = 360, .max = 365,
     .doc = "days a year for the daily rate: 360 (default) or 365"},
    {.name = "grace_periods", .kind = FK_INT, .offset = LOAN(grace_periods), .min = 0,
     .max = RP_MAX_TERM, .doc = "interest-only installments at the start (default 0)"},
    {.name = "flat_charge", .kind = FK_ENUM, .offset = LOAN(flat_charge),
     .names = rp_charge_names, .name_count = RP_CHARGE_COUNT,
     .doc = "flat method: show the charge as interest (default) or fee"},
    {.name = "periodic_fee", .kind = FK_AMOUNT, .offset = LOAN(periodic_fee),
     .doc = "fee added to every installment (default 0)"},
    {.name = "rounding", .kind = FK_OBJECT, .offset = offsetof(loan_in_t, rounding),
     .object = &rounding_spec, .doc = "rounding context for every posted amount"},
};
#undef LOAN
static const object_spec_t loan_spec = {"loan", RP_FIELDS(loan_fields)};

_Static_assert(sizeof(rp_method) == sizeof(int) && sizeof(rp_round_mode) == sizeof(int),
               "enum fields are read as int");

static void loan_in_init(loan_in_t *in)
{
    rp_loan_init(&in->loan);
    mpq_init(in->rate.value);
    in->rate.unit = RP_RATE_ANNUAL;
    rp_round_init(&in->rounding);
}

static void loan_in_clear(loan_in_t *in)
{
    rp_loan_clear(&in->loan);
    mpq_clear(in->rate.value);
    rp_round_clear(&in->rounding);
}

/* Reads and checks $.loan. */
static rp_status read_loan(loan_in_t *in, const cJSON *item, rp_error *err)
{
    rp_status st = rp_fields_read(in, item, &loan_spec, "$.loan", err);
    if (st != RP_OK)
        return st;
    rp_rate_to_annual(in->loan.annual_rate, in->rate.value, in->rate.unit, in->loan.daily_basis);
    st = rp_loan_check(&in->loan, &in->rounding, err);
    if (st != RP_OK)
        rp_error_prefix(err, "$.loan");
    return st;
}

/* ---- the request envelope -------------------------------------------- */

static rp_status read_id(void *target, const cJSON *item, const char *path, rp_error *err)
{
    const cJSON **id = target;
    if (cJSON_IsString(item) && strlen(item->valuestring) <= 200) {
        *id = item;
        return RP_OK;
    }
    if (cJSON_IsNumber(item) && strlen(rp_json_number_text(item)) <= 40) {
        *id = item;
        return RP_OK;
    }
    return rp_fail(err, cJSON_IsString(item) ? RP_E_RANGE : RP_E_TYPE, path,
                   "id must be a string of at most 200 bytes or a number");
}

typedef struct request {
    int op;
    const cJSON *id;
    const cJSON *loan;
} request_t;

static rp_status read_subtree(void *target, const cJSON *item, const char *path, rp_error *err)
{
    (void)path;
    (void)err;
    *(const cJSON **)target = item;
    return RP_OK;
}

static const field_t schedule_request_fields[] = {
    {.name = "op", .kind = FK_ENUM, .offset = offsetof(request_t, op), .names = op_names,
     .name_count = OP_COUNT, .doc = "what to compute"},
    {.name = "id", .kind = FK_CUSTOM, .offset = offsetof(request_t, id), .read = read_id,
     .doc = "echoed back in the response, for matching answers to questions"},
    {.name = "loan", .kind = FK_CUSTOM, .required = 1, .offset = offsetof(request_t, loan),
     .read = read_subtree, .doc = "the loan contract"},
};
static const object_spec_t schedule_request_spec = {"a schedule request",
                                                    RP_FIELDS(schedule_request_fields)};

/* ---- writing a schedule ------------------------------------------------ */

static void schedule_json(cJSON *root, const loan_in_t *in, const rp_schedule_t *s)
{
    const rp_loan_t *loan = &in->loan;
    const rp_round_t *rc = &in->rounding;
    cJSON *summary = cJSON_AddObjectToObject(root, "summary");
    cJSON_AddStringToObject(summary, "method", rp_method_names[loan->method]);
    cJSON_AddStringToObject(summary, "frequency", rp_frequency_names[loan->frequency]);
    rp_json_add_int(summary, "installment_count", s->count);
    rp_json_add_amount(summary, "principal", loan->principal, rc);
    rp_json_add_decimal(summary, "annual_rate", loan->annual_rate);
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
    for (int k = 0; k < s->count; k++) {
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

typedef struct response {
    cJSON *json;   /* the JSON response, ok/op/id already in it */
    rp_buf_t text; /* or the rendered text (table, csv)         */
} response_t;

static rp_status run_schedule(response_t *out, const request_t *req, rp_format fmt, rp_error *err)
{
    loan_in_t in;
    rp_schedule_t s;
    loan_in_init(&in);
    rp_schedule_init(&s);
    rp_status st = read_loan(&in, req->loan, err);
    if (st == RP_OK) {
        st = rp_schedule_build(&s, &in.loan, &in.rounding, err);
        if (st != RP_OK && rp_status_exit_code(st) == 2)
            rp_error_prefix(err, "$.loan");
    }
    if (st == RP_OK) {
        if (fmt == RP_FORMAT_JSON)
            schedule_json(out->json, &in, &s);
        else
            rp_render_schedule(&out->text, fmt, &in.loan, &s, &in.rounding);
    }
    rp_schedule_clear(&s);
    loan_in_clear(&in);
    return st;
}

/* A successful response starts with ok, op and id. */
static cJSON *response_head(const char *op, const cJSON *id)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddTrueToObject(root, "ok");
    cJSON_AddStringToObject(root, "op", op);
    if (id)
        cJSON_AddItemToObject(root, "id", cJSON_Duplicate(id, 0));
    return root;
}

/* Finds which op the request asks for. */
static rp_status pick_op(int *op, const cJSON *root, const rp_options_t *opt, rp_error *err)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(root, "op");
    const char *named = cJSON_IsString(item) ? item->valuestring : NULL;
    if (item && !named)
        return rp_fail(err, RP_E_TYPE, "$.op", "expected a string, found %s",
                       rp_json_type_name(item));
    if (opt && opt->op && named && strcmp(opt->op, named) != 0)
        return rp_fail(err, RP_E_VALUE, "$.op", "this command runs op \"%s\"; the request says \"%s\"",
                       opt->op, named);
    const char *want = named ? named : opt ? opt->op : NULL;
    if (!want)
        return rp_fail(err, RP_E_MISSING, "$.op", "op is required (e.g. \"schedule\")");
    *op = rp_name_index(op_names, OP_COUNT, want);
    if (*op < 0) {
        char shown[48];
        rp_quote(shown, sizeof shown, want, strlen(want), 24);
        return rp_fail(err, RP_E_VALUE, "$.op", "\"%s\" is not one of: schedule", shown);
    }
    return RP_OK;
}

rp_status rp_run(char **out, const char *request, size_t len, const rp_options_t *opt,
                 rp_error *err_out)
{
    rp_error err;
    rp_error_reset(&err);
    rp_format fmt = opt ? opt->format : RP_FORMAT_JSON;
    response_t res = {NULL, {NULL, 0, 0, 0}};
    rp_buf_init(&res.text);
    request_t req = {.op = -1, .id = NULL, .loan = NULL};

    cJSON *root = rp_json_parse(request, len, &err);
    rp_status st = root ? RP_OK : err.code;
    if (st == RP_OK && !cJSON_IsObject(root))
        st = rp_fail(&err, RP_E_TYPE, "$", "a request is a JSON object, found %s",
                     rp_json_type_name(root));
    if (st == RP_OK)
        st = pick_op(&req.op, root, opt, &err);
    if (st == RP_OK)
        st = rp_fields_read(&req, root, &schedule_request_spec, "$", &err);
    if (st == RP_OK && fmt == RP_FORMAT_JSON && !(res.json = response_head(op_names[req.op], req.id)))
        st = rp_fail(&err, RP_E_NOMEM, "$", "out of memory");
    if (st == RP_OK)
        st = run_schedule(&res, &req, fmt, &err);
    if (st == RP_OK && res.text.failed)
        st = rp_fail(&err, RP_E_NOMEM, "$", "out of memory");

    rp_buf_t b;
    rp_buf_init(&b);
    if (st == RP_OK && fmt != RP_FORMAT_JSON) {
        b = res.text;
        rp_buf_init(&res.text);
    } else {
        if (st != RP_OK) {
            if (rp_status_exit_code(st) == 3 && err.path[0] != '$')
                snprintf(err.path, sizeof err.path, "$");
            cJSON_Delete(res.json);
            res.json = rp_json_error_response(&err, req.op >= 0 ? op_names[req.op] : NULL, req.id);
        }
        rp_json_write(&b, res.json);
        rp_buf_puts(&b, "\n");
    }
    *out = rp_buf_take(&b);
    if (!*out && st == RP_OK)
        st = rp_fail(&err, RP_E_NOMEM, "$", "out of memory");
    cJSON_Delete(res.json);
    rp_buf_clear(&res.text);
    cJSON_Delete(root);
    if (err_out)
        *err_out = err;
    return st;
}
