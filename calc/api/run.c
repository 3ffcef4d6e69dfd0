/*
 * run.c — the JSON API: request text → op → response text. This file
 * reads requests into C structs (through the field tables), calls the
 * core, and writes the result; it does no arithmetic of its own.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ops.h"

const char *const rp_format_names[RP_FORMAT_COUNT] = {
    [RP_FORMAT_JSON] = "json", [RP_FORMAT_TABLE] = "table", [RP_FORMAT_CSV] = "csv",
    [RP_FORMAT_LETTER] = "letter", [RP_FORMAT_LETTER_HTML] = "letter-html"};

typedef enum op {
    OP_SCHEDULE,
    OP_STATEMENT,
    OP_YIELD,
    OP_RESTRUCTURE,
    OP_COMPARE,
    OP_SOLVE,
    OP_TVM,
    OP_DAY_COUNT,
    OP_COUNT
} op_t;
const char *const rp_detail_names[RP_DETAIL_COUNT] = {"full", "summary"};

const char *const rp_op_names[OP_COUNT] = {
    [OP_SCHEDULE] = "schedule",       [OP_STATEMENT] = "statement", [OP_YIELD] = "yield",
    [OP_RESTRUCTURE] = "restructure", [OP_COMPARE] = "compare",     [OP_SOLVE] = "solve",
    [OP_TVM] = "tvm",                 [OP_DAY_COUNT] = "day_count"};

/* ---- the request envelope -------------------------------------------- */

static rp_status read_id(void *target, const cJSON *item, const char *path, rp_error *err)
{
    const cJSON **id = target;
    if (cJSON_IsString(item) && rp_utf8_chars(item->valuestring) <= RP_MAX_ID_CHARS) {
        *id = item;
        return RP_OK;
    }
    if (cJSON_IsNumber(item) && strlen(rp_json_number_text(item)) <= 40) {
        *id = item;
        return RP_OK;
    }
    return rp_fail(err, cJSON_IsString(item) || cJSON_IsNumber(item) ? RP_E_RANGE : RP_E_TYPE, path,
                   "id must be a string of at most %d characters or a number of at most 40 "
                   "characters", RP_MAX_ID_CHARS);
}


/* Days in a year for dated flows (XIRR, XNPV). */
static const long year_bases[] = {360, 365, 366};

#define HEAD                                                                                     \
    {.name = "op", .kind = FK_ENUM, .offset = offsetof(request_t, op), .names = rp_op_names,       \
     .name_count = OP_COUNT, .doc = "what to compute"},                                         \
    {.name = "id", .kind = FK_CUSTOM, .schema = SCHEMA_ID, .offset = offsetof(request_t, id), .read = read_id,       \
     .doc = "echoed back in the response, for matching answers to questions"},                  \
    {.name = "detail", .kind = FK_ENUM, .offset = offsetof(request_t, detail), .names = rp_detail_names, \
     .name_count = RP_DETAIL_COUNT,                                                              \
     .doc = "full (default; repay mcp: summary): summary gives the first rows of a long list "  \
            "and how many it left out"}
#define RESTRUCTURED_RULES                                                                       \
    {.name = "restructured_rules", .kind = FK_ENUM, .offset = offsetof(request_t, restructured_rules), \
     .names = rp_restructured_rules_names, .name_count = RP_RESTRUCTURED_RULES_COUNT,           \
     .doc = "restructured loans: \"2023\" (default: the final 2023 rules, restructured again in "  \
            "observation → at least 次级) or \"draft_2019\" (→ at least 可疑)"}

#define ENVELOPE                                                                                 \
    HEAD,                                                                                        \
    {.name = "loan", .kind = FK_CUSTOM, .schema = SCHEMA_REF("loan"), .required = 1, .offset = offsetof(request_t, loan),     \
     .read = rp_json_keep, .doc = "the loan contract"}

/* show: columns added to every installment. */
static const char *const show_names[] = {"rate", "year_fraction"};
static rp_status read_show(void *target, const cJSON *item, const char *path, rp_error *err)
{
    unsigned *show = target;
    if (!cJSON_IsArray(item))
        return rp_fail(err, RP_E_TYPE, path, "expected an array of column names, found %s",
                       rp_json_type_name(item));
    int i = 0;
    for (const cJSON *m = item->child; m; m = m->next, i++) {
        int k = cJSON_IsString(m) ? rp_name_index(show_names, 2, m->valuestring) : -1;
        if (k < 0) {
            char sub[RP_PATH_MAX];
            snprintf(sub, sizeof sub, "%s[%d]", path, i);
            return rp_fail(err, cJSON_IsString(m) ? RP_E_VALUE : RP_E_TYPE, sub,
                           "expected one of: rate, year_fraction");
        }
        *show |= 1u << k;
    }
    return RP_OK;
}

static const field_t schedule_request_fields[] = {
    ENVELOPE,
    {.name = "show", .kind = FK_CUSTOM,
     .schema = "{\"type\": \"array\", \"maxItems\": 2, \"items\": {\"enum\": [\"rate\", "
               "\"year_fraction\"]}}",
     .offset = offsetof(request_t, show), .read = read_show,
     .doc = "columns added to every installment: rate (the annual rate at its due date), "
            "year_fraction (exact, e.g. \"31/365\": the part of a year its interest covers)"},
    {.name = "caps", .kind = FK_CUSTOM, .schema = SCHEMA_REF("caps"), .offset = offsetof(request_t, caps), .read = rp_json_keep,
     .doc = "check the schedule's cost against a legal cap"},
};

static const field_t statement_request_fields[] = {
    ENVELOPE,
    {.name = "as_of", .kind = FK_DATE, .required = 1, .offset = offsetof(request_t, as_of),
     .doc = "the date the statement is for"},
    {.name = "events", .kind = FK_CUSTOM, .schema = SCHEMA_LIST("event", RP_MAX_EVENTS), .offset = offsetof(request_t, events),
     .read = rp_json_keep, .doc = "payments, fees, rate changes, acceleration, restructurings, in any order"},
    {.name = "classification", .kind = FK_ENUM, .offset = offsetof(request_t, classification),
     .names = rp_classification_names, .name_count = RP_CLASSIFICATION_COUNT,
     .doc = "five-tier table: loans_2023 (default) or credit_card"},
    RESTRUCTURED_RULES,
    {.name = "buckets", .kind = FK_CUSTOM, .schema = SCHEMA_LIST_MIN("bucket", 1, RP_MAX_BUCKETS), .offset = offsetof(request_t, buckets),
     .read = rp_json_keep, .doc = "DPD buckets: [{\"label\": \"M1\", \"max_dpd\": 30}, …]"},
    {.name = "caps", .kind = FK_CUSTOM, .schema = SCHEMA_REF("caps"), .offset = offsetof(request_t, caps), .read = rp_json_keep,
     .doc = "check what the loan has cost and still claims (interest, 罚息, 复利, 违约金, fees) against a legal cap"},
};

static const field_t yield_request_fields[] = {
    HEAD,
    {.name = "loan", .kind = FK_CUSTOM, .schema = SCHEMA_REF("loan"), .offset = offsetof(request_t, loan), .read = rp_json_keep,
     .doc = "a loan: its schedule's cash flows, the upfront fee deducted (or give cash_flows)"},
    {.name = "cash_flows", .kind = FK_CUSTOM, .schema = SCHEMA_CASH_FLOWS, .offset = offsetof(request_t, cash_flows),
     .read = rp_json_keep,
     .doc = "amounts one period apart, or [{\"date\", \"amount\"}] for dated flows (XIRR)"},
    {.name = "periods_per_year", .kind = FK_INT, .offset = offsetof(request_t, periods_per_year),
     .min = 1, .max = 366, .doc = "periodic cash_flows: periods in a year (default 12)"},
    {.name = "basis", .kind = FK_INT, .offset = offsetof(request_t, basis), .min = 360, .max = 366,
     RP_CHOICES(year_bases),
     .doc = "dated flows: days in a year, 365 (default), 360 or 366"},
    {.name = "frequency", .kind = FK_ENUM, .offset = offsetof(request_t, frequency),
     .names = rp_frequency_names, .name_count = RP_FREQ_COUNT,
     .doc = "dated flows: the unit period of an APR by the actuarial method (Regulation Z App. J) "
            "beside the XIRR"},
    {.name = "apr_odd_days", .kind = FK_ENUM, .offset = offsetof(request_t, odd_days),
     .names = rp_odd_days_names, .name_count = RP_ODD_COUNT,
     .doc = "dated flows with frequency: odd days over the actual period (actual, default) or "
            "over 30 a month (reg_z)"},
    {.name = "precision", .kind = FK_CUSTOM, .schema = SCHEMA_REF("decimal"), .offset = offsetof(request_t, precision),
     .read = rp_json_keep, .doc = "the largest error allowed in a rate (default 1e-12)"},
    {.name = "discount_rate", .kind = FK_CUSTOM, .schema = SCHEMA_REF("rate"), .offset = offsetof(request_t, discount_rate),
     .read = rp_json_keep, .doc = "an annual rate for the NPV (periodic: nominal; dated: effective)"},
    {.name = "caps", .kind = FK_CUSTOM, .schema = SCHEMA_REF("caps"), .offset = offsetof(request_t, caps), .read = rp_json_keep,
     .doc = "check a legal cap: {\"rule\", \"contract_date\", \"cap\", \"lpr\"}"},
    {.name = "rounding", .kind = FK_CUSTOM, .schema = SCHEMA_REF("rounding"), .offset = offsetof(request_t, rounding),
     .read = rp_json_keep,
     .doc = "cash_flows: the rounding context of the NPV (default unit 0.01, half_up; a loan has its own)"},
    {.name = "npv_places", .kind = FK_INT, .offset = offsetof(request_t, npv_places), .min = 0,
     .max = 40,
     .doc = "cash_flows: the NPV to this many places, rounded half even (or, dated, the places "
            "its bounds settle), instead of rounded to the money unit"},
    {.name = "mirr", .kind = FK_CUSTOM, .schema = SCHEMA_REF("mirr"), .offset = offsetof(request_t, mirr),
     .read = rp_json_keep,
     .doc = "periodic flows: the modified IRR, {\"finance_rate\", \"reinvest_rate\"} per period, as "
            "a spreadsheet's MIRR()"},
};

static const long tvm_types[] = {0, 1};
static const field_t tvm_request_fields[] = {
    HEAD,
    {.name = "solve", .kind = FK_ENUM, .required = 1, .offset = offsetof(request_t, solve),
     .names = rp_tvm_names, .name_count = RP_TVM_COUNT,
     .doc = "what to find, as the spreadsheet function of that name"},
    {.name = "rate", .kind = FK_CUSTOM, .schema = SCHEMA_REF("share"), .offset = offsetof(request_t, tvm_rate),
     .read = rp_json_keep,
     .doc = "the rate per period, e.g. \"0.5%\" or 0.005, or with periods_per_year a year's (not "
            "with solve rate)"},
    {.name = "periods_per_year", .kind = FK_INT, .offset = offsetof(request_t, tvm_periods), .min = 1,
     .max = 366,
     .doc = "rate is a nominal annual rate, rate ÷ periods_per_year a period — 0.1/12 in a "
            "spreadsheet is \"rate\": \"10%\", \"periods_per_year\": 12 (default 1: rate is per period)"},
    {.name = "nper", .kind = FK_CUSTOM, .schema = SCHEMA_REF("decimal"), .offset = offsetof(request_t, nper),
     .read = rp_json_keep, .doc = "the number of periods, whole (not with solve nper)"},
    {.name = "pmt", .kind = FK_CUSTOM, .schema = SCHEMA_REF("decimal"), .offset = offsetof(request_t, pmt),
     .read = rp_json_keep, .doc = "the payment each period; money paid out negative (default 0)"},
    {.name = "pv", .kind = FK_CUSTOM, .schema = SCHEMA_REF("decimal"), .offset = offsetof(request_t, pv),
     .read = rp_json_keep, .doc = "the present value (default 0)"},
    {.name = "fv", .kind = FK_CUSTOM, .schema = SCHEMA_REF("decimal"), .offset = offsetof(request_t, fv),
     .read = rp_json_keep, .doc = "the future value after the last period (default 0)"},
    {.name = "type", .kind = FK_INT, .offset = offsetof(request_t, type), .min = 0, .max = 1,
     RP_CHOICES(tvm_types),
     .doc = "0: payments at the end of each period (default); 1: at the start (annuity due)"},
    {.name = "per", .kind = FK_INT, .offset = offsetof(request_t, per), .min = 1,
     .max = RP_MAX_FLOWS, .doc = "ipmt, ppmt: the period, 1 … nper"},
    {.name = "start_period", .kind = FK_INT, .offset = offsetof(request_t, start_period), .min = 1,
     .max = RP_MAX_FLOWS, .doc = "cumipmt, cumprinc: the first period summed"},
    {.name = "end_period", .kind = FK_INT, .offset = offsetof(request_t, end_period), .min = 1,
     .max = RP_MAX_FLOWS, .doc = "cumipmt, cumprinc: the last period summed"},
    {.name = "precision", .kind = FK_CUSTOM, .schema = SCHEMA_REF("decimal"), .offset = offsetof(request_t, precision),
     .read = rp_json_keep, .doc = "nper and rate: the largest error allowed (default 1e-12)"},
};

static const field_t day_count_request_fields[] = {
    HEAD,
    {.name = "day_count", .kind = FK_ENUM, .required = 1, .offset = offsetof(request_t, day_count),
     .names = rp_day_count_names, .name_count = RP_DC_COUNT,
     .doc = "the convention (not period): ACT/360, ACT/365, ACT/366, ACT/ACT (ISDA), ACT/ACT "
            "ICMA, ACT/365L, 30/360 (US), 30/360 ISDA (bond basis), 30E/360, 30E/360 ISDA"},
    {.name = "periods", .kind = FK_CUSTOM, .schema = SCHEMA_LIST_MIN("day_count_period", 1, 10000),
     .required = 1, .offset = offsetof(request_t, periods), .read = rp_json_keep,
     .doc = "[{\"start\", \"end\", \"period_end\"}, …]: the date pairs"},
    {.name = "frequency", .kind = FK_ENUM, .offset = offsetof(request_t, frequency),
     .names = rp_frequency_names, .name_count = RP_FREQ_COUNT,
     .doc = "ACT/ACT ICMA and ACT/365L: the periods of the schedule (default annual)"},
    {.name = "anchor", .kind = FK_DATE, .offset = offsetof(request_t, anchor),
     .doc = "ACT/ACT ICMA: a date of the schedule's grid (default each pair's start)"},
    {.name = "end_of_month", .kind = FK_BOOL, .offset = offsetof(request_t, end_of_month),
     .doc = "ACT/ACT ICMA: the grid keeps to month ends (default false)"},
    {.name = "maturity", .kind = FK_DATE, .offset = offsetof(request_t, maturity),
     .doc = "30E/360 ISDA: the maturity date (its February end is not moved)"},
};

#define CASE                                                                                     \
    ENVELOPE,                                                                                    \
    {.name = "events", .kind = FK_CUSTOM, .schema = SCHEMA_LIST("event", RP_MAX_EVENTS), .offset = offsetof(request_t, events),                \
     .read = rp_json_keep, .doc = "what happened up to the date, as for statement"},            \
    {.name = "date", .kind = FK_DATE, .required = 1, .offset = offsetof(request_t, as_of),      \
     .doc = "the restructure date: the plan starts from what is owed then"},                    \
    {.name = "discount_rate", .kind = FK_CUSTOM, .schema = SCHEMA_REF("rate"), .offset = offsetof(request_t, discount_rate),  \
     .read = rp_json_keep, .doc = "the lender's annual rate for present values (default: the contract rate)"}, \
    RESTRUCTURED_RULES

static const field_t restructure_request_fields[] = {
    CASE,
    {.name = "actions", .kind = FK_CUSTOM, .schema = SCHEMA_LIST("action", RP_MAX_ACTIONS), .required = 1, .offset = offsetof(request_t, actions),
     .read = rp_json_keep, .doc = "what to do, in order"},
    {.name = "caps", .kind = FK_CUSTOM, .schema = SCHEMA_REF("caps"), .offset = offsetof(request_t, caps), .read = rp_json_keep,
     .doc = "check the loan's whole cost — what was paid before the date and the plan after it — against a legal cap"},
    {.name = "overdue", .kind = FK_CUSTOM, .schema = SCHEMA_REF("overdue"), .offset = offsetof(request_t, overdue),
     .read = rp_json_keep, .doc = "the plan's own overdue terms, kept in as_event (default: the loan's)"},
    {.name = "default", .kind = FK_CUSTOM, .schema = SCHEMA_REF("default"), .offset = offsetof(request_t, dflt),
     .read = rp_json_keep, .doc = "the agreement's default clause, kept in as_event: {\"days_late\", \"accelerate\"}"},
};
static const field_t compare_request_fields[] = {
    CASE,
    {.name = "proposals", .kind = FK_CUSTOM, .schema = SCHEMA_LIST_MIN("proposal", 1, RP_MAX_PROPOSALS), .required = 1,
     .offset = offsetof(request_t, proposals), .read = rp_json_keep,
     .doc = "[{\"name\", \"actions\"}, …]: several plans side by side"},
};
static const field_t solve_request_fields[] = {
    CASE,
    {.name = "goal", .kind = FK_CUSTOM, .schema = SCHEMA_REF("goal"), .required = 1, .offset = offsetof(request_t, goal),
     .read = rp_json_keep, .doc = "what to find: {\"type\", …}"},
};
#undef CASE
#undef RESTRUCTURED_RULES
#undef ENVELOPE
#undef HEAD

typedef rp_status (*op_runner)(response_t *out, const request_t *req, rp_format fmt,
                               rp_error *err);
static const struct {
    object_spec_t spec;
    op_runner run;
} ops[OP_COUNT] = {
    [OP_SCHEDULE] = {{"a schedule request", RP_FIELDS(schedule_request_fields)}, rp_json_schedule},
    [OP_STATEMENT] = {{"a statement request", RP_FIELDS(statement_request_fields)},
                      rp_json_statement},
    [OP_YIELD] = {{"a yield request", RP_FIELDS(yield_request_fields)}, rp_json_yield},
    [OP_RESTRUCTURE] = {{"a restructure request", RP_FIELDS(restructure_request_fields)},
                        rp_json_restructure},
    [OP_COMPARE] = {{"a compare request", RP_FIELDS(compare_request_fields)}, rp_json_compare},
    [OP_SOLVE] = {{"a solve request", RP_FIELDS(solve_request_fields)}, rp_json_solve},
    [OP_TVM] = {{"a tvm request", RP_FIELDS(tvm_request_fields)}, rp_json_tvm},
    [OP_DAY_COUNT] = {{"a day_count request", RP_FIELDS(day_count_request_fields)},
                      rp_json_day_count},
};

const int rp_op_count = OP_COUNT;
const object_spec_t *const rp_spec_requests[OP_COUNT] = {
    &ops[OP_SCHEDULE].spec, &ops[OP_STATEMENT].spec, &ops[OP_YIELD].spec,
    &ops[OP_RESTRUCTURE].spec, &ops[OP_COMPARE].spec, &ops[OP_SOLVE].spec,
    &ops[OP_TVM].spec, &ops[OP_DAY_COUNT].spec};

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

/* The request's id, when a request that failed has a valid one: errors
 * are answered with it too, so a batch can match them. */
static const cJSON *usable_id(const cJSON *root)
{
    const cJSON *id = cJSON_IsObject(root) ? cJSON_GetObjectItemCaseSensitive(root, "id") : NULL;
    const cJSON *kept = NULL;
    if (id && read_id(&kept, id, "$.id", NULL) == RP_OK)
        return kept;
    return NULL;
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
    *op = rp_name_index(rp_op_names, OP_COUNT, want);
    if (*op < 0) {
        char shown[48], allowed[RP_MESSAGE_MAX];
        rp_quote(shown, sizeof shown, want, strlen(want), 24);
        rp_names_join(allowed, sizeof allowed, rp_op_names, OP_COUNT);
        return rp_fail(err, RP_E_VALUE, "$.op", "\"%s\" is not one of: %s", shown, allowed);
    }
    return RP_OK;
}

static rp_status run(char **out, const char *request, size_t len, const rp_options_t *opt,
                     rp_error *err_out)
{
    rp_error err;
    rp_error_reset(&err);
    rp_format fmt = opt ? opt->format : RP_FORMAT_JSON;
    response_t res = {NULL, {NULL, 0, 0, 0}};
    rp_buf_init(&res.text);
    request_t req = {.op = -1,
                     .detail = opt && opt->summary ? RP_DETAIL_SUMMARY : RP_DETAIL_FULL,
                     .as_of = RP_DATE_NONE,
                     .classification = RP_CLASS_LOANS_2023,
                     .periods_per_year = 12,
                     .basis = 365,
                     .frequency = -1,
                     .odd_days = RP_ODD_ACTUAL,
                     .anchor = RP_DATE_NONE,
                     .tvm_periods = 1,
                     .npv_places = -1,
                     .maturity = RP_DATE_NONE,
                     .lpr_json = opt ? opt->lpr_json : NULL,
                     .lpr_len = opt ? opt->lpr_len : 0,
                     .calendar_json = opt ? opt->calendar_json : NULL,
                     .calendar_len = opt ? opt->calendar_len : 0};

    cJSON *root = rp_json_parse_request(request, len, &err);
    rp_status st = root ? RP_OK : err.code;
    if (st == RP_OK && !cJSON_IsObject(root))
        st = rp_fail(&err, RP_E_TYPE, "$", "a request is a JSON object, found %s",
                     rp_json_type_name(root));
    if (st == RP_OK)
        st = pick_op(&req.op, root, opt, &err);
    if (st == RP_OK)
        st = rp_fields_read(&req, root, &ops[req.op].spec, "$", &err);
    if (st == RP_OK && (fmt == RP_FORMAT_LETTER || fmt == RP_FORMAT_LETTER_HTML) &&
        req.op != OP_RESTRUCTURE && req.op != OP_SOLVE)
        st = rp_fail(&err, RP_E_VALUE, "$.op",
                     "the letter formats write a restructured plan: use them with restructure or solve");
    if (st == RP_OK && fmt == RP_FORMAT_JSON && !(res.json = response_head(rp_op_names[req.op], req.id)))
        st = rp_fail(&err, RP_E_NOMEM, "$", "out of memory");
    if (st == RP_OK)
        st = ops[req.op].run(&res, &req, fmt, &err);
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
            res.json = rp_json_error_response(&err, req.op >= 0 ? rp_op_names[req.op] : NULL,
                                              req.id ? req.id : usable_id(root));
        }
        /* a statement is ~40 KB: grown from 256 bytes it was copied and
         * reallocated nine times */
        rp_buf_reserve(&b, 32 * 1024 - 1); /* a capacity of 32 KiB, the NUL counted */
        if (opt && opt->one_line)
            rp_json_write_line(&b, res.json);
        else
            rp_json_write(&b, res.json);
        rp_buf_puts(&b, "\n");
    }
    *out = rp_buf_take(&b);
    if (!*out && st == RP_OK)
        st = rp_fail(&err, RP_E_NOMEM, "$", "out of memory");
    rp_json_arena_drop(res.json); /* built in this request: freed with its arena */
    rp_buf_clear(&res.text);
    rp_json_arena_drop(root);
    if (err_out)
        *err_out = err;
    return st;
}

rp_status rp_run(char **out, const char *request, size_t len, const rp_options_t *opt,
                 rp_error *err_out)
{
    rp_json_arena_enter(); /* every tree run builds, it deletes */
    rp_status st = run(out, request, len, opt, err_out);
    rp_json_arena_leave();
    return st;
}
