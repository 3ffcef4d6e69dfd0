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
    OP_COUNT
} op_t;
const char *const rp_detail_names[RP_DETAIL_COUNT] = {"full", "summary"};

const char *const rp_op_names[OP_COUNT] = {
    [OP_SCHEDULE] = "schedule",       [OP_STATEMENT] = "statement", [OP_YIELD] = "yield",
    [OP_RESTRUCTURE] = "restructure", [OP_COMPARE] = "compare",     [OP_SOLVE] = "solve"};

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

static const field_t schedule_request_fields[] = {ENVELOPE};

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
};

const int rp_op_count = OP_COUNT;
const object_spec_t *const rp_spec_requests[OP_COUNT] = {
    &ops[OP_SCHEDULE].spec, &ops[OP_STATEMENT].spec, &ops[OP_YIELD].spec,
    &ops[OP_RESTRUCTURE].spec, &ops[OP_COMPARE].spec, &ops[OP_SOLVE].spec};

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
                     .lpr_json = opt ? opt->lpr_json : NULL,
                     .lpr_len = opt ? opt->lpr_len : 0};

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
