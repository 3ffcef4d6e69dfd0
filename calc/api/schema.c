/*
 * schema.c — the JSON Schema (draft 2020-12) of every request and response.
 *
 * Requests: generated from the same field tables the parser reads with
 * (fields.h), so the schema and the parser cannot disagree: a field's
 * name, type, bounds, allowed names, required-ness and description all
 * come from its table entry; a custom field carries its schema as text.
 * Responses: data/response_schema.json (built in), checked against every
 * fixture's actual response by tests/schema_test.sh.
 */
#include <stdio.h>
#include <string.h>

#include "fields.h"
#include "ops.h"

extern const char rp_response_schema_json[]; /* build/gen/response_schema.c */

static cJSON *parse_fragment(const char *text)
{
    return text ? rp_json_parse(text, strlen(text), NULL) : NULL; /* keeps number text */
}

static cJSON *string_enum(const char *const *names, int count)
{
    cJSON *e = cJSON_CreateObject();
    cJSON *list = cJSON_AddArrayToObject(e, "enum");
    for (int i = 0; i < count; i++)
        if (names[i])
            cJSON_AddItemToArray(list, cJSON_CreateString(names[i]));
    return e;
}

static cJSON *object_schema(const object_spec_t *spec, const char *variant, rp_error *err);

static cJSON *field_schema(const field_t *f, const char *variant, rp_error *err)
{
    cJSON *s = NULL;
    switch (f->kind) {
    case FK_INT:
        s = cJSON_CreateObject();
        cJSON_AddStringToObject(s, "type", "integer");
        char bound[24];
        snprintf(bound, sizeof bound, "%ld", f->min); /* numbers are written as raw text */
        cJSON_AddRawToObject(s, "minimum", bound);
        snprintf(bound, sizeof bound, "%ld", f->max);
        cJSON_AddRawToObject(s, "maximum", bound);
        if (f->choices) {
            cJSON *list = cJSON_AddArrayToObject(s, "enum");
            for (int k = 0; k < f->choice_count; k++) {
                snprintf(bound, sizeof bound, "%ld", f->choices[k]);
                cJSON_AddItemToArray(list, cJSON_CreateRaw(bound));
            }
        }
        break;
    case FK_BOOL:
        s = cJSON_CreateObject();
        cJSON_AddStringToObject(s, "type", "boolean");
        break;
    case FK_AMOUNT:
        s = parse_fragment(SCHEMA_REF("amount"));
        break;
    case FK_DATE:
        s = parse_fragment(SCHEMA_REF("date"));
        break;
    case FK_ENUM:
        s = string_enum(f->names, f->name_count);
        break;
    case FK_OBJECT:
        s = object_schema(f->object, NULL, err);
        break;
    case FK_TEXT: {
        s = cJSON_CreateObject();
        cJSON_AddStringToObject(s, "type", "string");
        char length[24];
        snprintf(length, sizeof length, "%ld", f->min);
        cJSON_AddRawToObject(s, "minLength", length);
        snprintf(length, sizeof length, "%ld", f->max);
        cJSON_AddRawToObject(s, "maxLength", length);
        break;
    }
    case FK_CUSTOM:
        if (variant && strcmp(f->name, "type") == 0) {
            s = cJSON_CreateObject();
            cJSON_AddStringToObject(s, "const", variant);
        } else {
            s = parse_fragment(f->schema);
            if (!s)
                rp_fail(err, RP_E_INTERNAL, "$", "field %s has no schema", f->name);
        }
        break;
    }
    if (s && f->doc && f->kind != FK_OBJECT)
        cJSON_AddStringToObject(s, "description", f->doc);
    return s;
}

/* Fields of nested FK_OBJECT specs that read into the same target are
 * their own object in JSON: an object schema of their own. */
static cJSON *object_schema(const object_spec_t *spec, const char *variant, rp_error *err)
{
    cJSON *s = cJSON_CreateObject();
    cJSON_AddStringToObject(s, "type", "object");
    cJSON_AddStringToObject(s, "description", spec->name);
    cJSON *props = cJSON_AddObjectToObject(s, "properties");
    cJSON *required = cJSON_CreateArray();
    for (int i = 0; i < spec->count; i++) {
        const field_t *f = &spec->fields[i];
        cJSON *fs = field_schema(f, variant, err);
        if (!fs) {
            cJSON_Delete(required);
            cJSON_Delete(s);
            return NULL;
        }
        cJSON_AddItemToObject(props, f->name, fs);
        if (f->required)
            cJSON_AddItemToArray(required, cJSON_CreateString(f->name));
    }
    if (cJSON_GetArraySize(required) > 0)
        cJSON_AddItemToObject(s, "required", required);
    else
        cJSON_Delete(required);
    cJSON_AddFalseToObject(s, "additionalProperties"); /* unknown fields are errors */
    return s;
}

static cJSON *variants_schema(const object_spec_t *specs, const char *const *names, int count,
                              rp_error *err)
{
    cJSON *s = cJSON_CreateObject();
    cJSON *one = cJSON_AddArrayToObject(s, "oneOf");
    for (int i = 0; i < count; i++) {
        cJSON *v = object_schema(&specs[i], names[i], err);
        if (!v) {
            cJSON_Delete(s);
            return NULL;
        }
        cJSON_AddItemToArray(one, v);
    }
    return s;
}

static void add_def(cJSON *defs, const char *name, const char *description, const char *text)
{
    cJSON *d = parse_fragment(text);
    if (d && description)
        cJSON_AddStringToObject(d, "description", description);
    cJSON_AddItemToObject(defs, name, d ? d : cJSON_CreateObject());
}

/* The value types every field refers to. */
static void add_value_defs(cJSON *defs)
{
    /* The value types: the same grammar the parsers read (decimal.c,
     * rate.c), as far as a pattern can say it. What it cannot: a
     * decimal's exponent against the digit limits, whole rounding units,
     * and the Chinese numerals' rules (falling units, 零). */
#define DECIMAL_RE "(0|[1-9][0-9]*)([.][0-9]+)?([eE][+-]?[0-9]+)?"
#define UNIT_RE "(%|％|‰|‱)"
#define FRACTION_RE "0([.][0-9]+)?" /* a bare number: below 1 */
#define CHINESE_RE "(百|千|万)分之(" DECIMAL_RE "|[零〇一二两三四五六七八九十百千]+(点[零〇一二两三四五六七八九]+)?)"
    add_def(defs, "decimal",
            "an exact decimal, written as a JSON string (\"1000.00\", \"-3.25\", \"1e3\") or a JSON "
            "number, read exactly as written; no leading zeros, no bare point (.5, 5.)",
            "{\"type\": [\"string\", \"number\"], \"maxLength\": " SCHEMA_STR(RP_MAX_DECIMAL_CHARS)
            ", \"pattern\": \"^[+-]?" DECIMAL_RE "$\"}");
    add_def(defs, "amount", "money: a decimal, 0 ≤ x < 10^15, in whole rounding units",
            "{\"type\": [\"string\", \"number\"], \"minimum\": 0, \"exclusiveMaximum\": 1e15, "
            "\"maxLength\": " SCHEMA_STR(RP_MAX_DECIMAL_CHARS) ", \"pattern\": "
            "\"^[+]?(0|[1-9][0-9]{0,14})([.][0-9]+)?([eE][+-]?[0-9]+)?$\"}");
    add_def(defs, "share",
            "a fraction: \"50%\", 0.5, \"5‰\"; a bare number (no %, ‰, ‱) must be below 1 — "
            "write \"150%\", not 1.5; at most 1000%",
            "{\"oneOf\": [{\"type\": \"number\", \"minimum\": 0, \"exclusiveMaximum\": 1}, "
            "{\"type\": \"string\", \"maxLength\": 96, \"pattern\": \"^([+]?" DECIMAL_RE UNIT_RE "|[+]?"
            FRACTION_RE "|" CHINESE_RE ")$\"}]}");
    add_def(defs, "part",
            "an amount (\"30000\"), or a share of the principal with its unit (\"30%\", "
            "\"百分之三十\")",
            "{\"oneOf\": [{\"$ref\": \"#/$defs/amount\"}, {\"type\": \"string\", "
            "\"maxLength\": 96, \"pattern\": \"^([+]?" DECIMAL_RE UNIT_RE "|" CHINESE_RE ")$\"}]}");
#define RATE_VALUE                                                                               \
    "{\"oneOf\": [{\"type\": \"number\", \"minimum\": 0, \"exclusiveMaximum\": 1}, "             \
    "{\"type\": \"string\", \"maxLength\": 96, \"pattern\": \"^(年|月|日)?([+]?" DECIMAL_RE UNIT_RE \
    "|[+]?" FRACTION_RE "|" CHINESE_RE ")$\"}]}"
    add_def(defs, "rate",
            "a nominal rate: annual by default (\"4.9%\", 0.049, \"万分之五\", \"月5‰\"), or "
            "{\"annual\"|\"monthly\"|\"daily\": …}; a bare number (no %, ‰, ‱, 分之) must be below "
            "1 — 4.9 would be 490%, write \"4.9%\"; at most 1000% a year",
            "{\"oneOf\": [" RATE_VALUE ", {\"type\": \"object\", "
            "\"minProperties\": 1, \"maxProperties\": 1, \"additionalProperties\": false, "
            "\"properties\": {\"annual\": " RATE_VALUE ", \"monthly\": " RATE_VALUE ", "
            "\"daily\": " RATE_VALUE "}}]}");
#undef RATE_VALUE
#undef CHINESE_RE
#undef FRACTION_RE
#undef UNIT_RE
#undef DECIMAL_RE
    add_def(defs, "date", "an ISO date, 1900-01-01 … 2200-12-31",
            "{\"type\": \"string\", \"format\": \"date\", "
            "\"pattern\": \"^[0-9]{4}-[0-9]{2}-[0-9]{2}$\"}");
    cJSON *component = string_enum(rp_component_names, RP_COMPONENT_COUNT);
    cJSON_AddStringToObject(component, "description", "a component of what is owed");
    cJSON_AddItemToObject(defs, "component", component);
    cJSON *waterfall = string_enum(rp_waterfall_names, RP_WATERFALL_COUNT);
    cJSON_AddStringToObject(waterfall, "description", "a named allocation waterfall");
    cJSON_AddItemToObject(defs, "waterfall", waterfall);
}

static int add_object_def(cJSON *defs, const char *name, const object_spec_t *spec, rp_error *err)
{
    cJSON *s = object_schema(spec, NULL, err);
    if (!s)
        return 0;
    cJSON_AddItemToObject(defs, name, s);
    return 1;
}

static int add_variants_def(cJSON *defs, const char *name, const object_spec_t *specs,
                            const char *const *names, int count, rp_error *err)
{
    cJSON *s = variants_schema(specs, names, count, err);
    if (!s)
        return 0;
    cJSON_AddItemToObject(defs, name, s);
    return 1;
}

/* Every $def: value types, objects, requests, responses. */
static cJSON *all_defs(rp_error *err)
{
    cJSON *defs = cJSON_CreateObject();
    add_value_defs(defs);
    int ok = add_object_def(defs, "loan", &rp_spec_loan, err) &&
             add_object_def(defs, "allocation", &rp_spec_allocation, err) &&
             add_object_def(defs, "bucket", &rp_spec_bucket, err) &&
             add_object_def(defs, "proposal", &rp_spec_proposal, err) &&
             add_object_def(defs, "dated_flow", &rp_spec_dated_flow, err) &&
             add_object_def(defs, "caps", &rp_spec_caps, err) &&
             add_object_def(defs, "rounding", &rp_spec_rounding, err) &&
             add_object_def(defs, "step", &rp_spec_step, err) &&
             add_object_def(defs, "custom", &rp_spec_custom, err) &&
             add_object_def(defs, "payment_multiple", &rp_spec_multiple, err) &&
             add_object_def(defs, "business_days", &rp_spec_business_days, err) &&
             add_object_def(defs, "lpr_rate", &rp_spec_lpr_rate, err) &&
             add_object_def(defs, "lpr_shift", &rp_spec_lpr_shift, err) &&
             add_object_def(defs, "day_count_period", &rp_spec_day_count_period, err) &&
             add_object_def(defs, "mirr", &rp_spec_mirr, err) &&
             add_object_def(defs, "lpr_table", &rp_spec_lpr_table, err) &&
             add_object_def(defs, "lpr_fixing", &rp_spec_lpr_fixing, err) &&
             add_object_def(defs, "overdue", &rp_spec_overdue, err) &&
             add_object_def(defs, "condition", &rp_spec_condition, err) &&
             add_object_def(defs, "default", &rp_spec_default, err) &&
             add_variants_def(defs, "event", rp_spec_events, rp_event_type_names,
                              RP_EVENT_TYPE_COUNT, err) &&
             add_variants_def(defs, "action", rp_spec_actions, rp_action_names, RP_ACTION_COUNT,
                              err) &&
             add_variants_def(defs, "goal", rp_spec_goals, rp_goal_names, RP_GOAL_COUNT, err);
    for (int i = 0; ok && i < rp_op_count; i++) {
        char name[48];
        snprintf(name, sizeof name, "%s_request", rp_op_names[i]);
        ok = add_object_def(defs, name, rp_spec_requests[i], err);
    }
    cJSON *responses = ok ? parse_fragment(rp_response_schema_json) : NULL;
    if (ok && !responses)
        ok = rp_fail(err, RP_E_INTERNAL, "$", "the built-in response schema is not JSON") == RP_OK;
    if (ok) {
        cJSON *r = responses->child;
        while (r) {
            cJSON *next = r->next;
            cJSON_AddItemToObject(defs, r->string, cJSON_DetachItemViaPointer(responses, r));
            r = next;
        }
    }
    cJSON_Delete(responses);
    if (!ok) {
        cJSON_Delete(defs);
        return NULL;
    }
    return defs;
}

/* Marks in `seen` (an object of names) every definition node refers to,
 * and what they refer to in turn. */
static void mark_refs(const cJSON *node, const cJSON *defs, cJSON *seen)
{
    const cJSON *c;
    cJSON_ArrayForEach(c, node)
    {
        if (c->string && strcmp(c->string, "$ref") == 0 && cJSON_IsString(c)) {
            const char *name = c->valuestring + (strncmp(c->valuestring, "#/$defs/", 8) ? 0 : 8);
            const cJSON *d = cJSON_GetObjectItemCaseSensitive(defs, name);
            if (d && !cJSON_GetObjectItemCaseSensitive(seen, name)) {
                cJSON_AddTrueToObject(seen, name);
                mark_refs(d, defs, seen);
            }
        } else {
            mark_refs(c, defs, seen);
        }
    }
}

/* A part of the schema carries only the definitions it reaches: the
 * loan's schema is a few KB, not the whole API's. */
static void keep_reachable(const cJSON *root, cJSON *defs)
{
    cJSON *seen = cJSON_CreateObject();
    if (!seen)
        return; /* out of memory: the whole set is still a valid schema */
    mark_refs(root, defs, seen);
    cJSON *d = defs->child;
    while (d) {
        cJSON *next = d->next;
        if (!cJSON_GetObjectItemCaseSensitive(seen, d->string))
            cJSON_Delete(cJSON_DetachItemViaPointer(defs, d));
        d = next;
    }
    cJSON_Delete(seen);
}

static int op_index(const char *name)
{
    for (int i = 0; i < rp_op_count; i++)
        if (strcmp(rp_op_names[i], name) == 0)
            return i;
    return -1;
}

rp_status rp_schema(char **out, const char *part, rp_error *err)
{
    *out = NULL;
    int op = -1, response = 0;
    if (part) {
        char name[32];
        snprintf(name, sizeof name, "%s", part);
        char *suffix = strstr(name, "_response");
        if (suffix && suffix[9] == '\0') {
            *suffix = '\0';
            response = 1;
        }
        suffix = strstr(name, "_request");
        if (!response && suffix && suffix[8] == '\0')
            *suffix = '\0';
        op = op_index(name);
    }
    cJSON *defs = all_defs(err);
    if (!defs)
        return err ? err->code : RP_E_INTERNAL;
    const cJSON *value = op < 0 && part ? cJSON_GetObjectItemCaseSensitive(defs, part) : NULL;
    /* a value, or error_response (the answer of every op that fails);
     * another *_request or *_response is an op's, named by the op */
    int error_response = part && strcmp(part, "error_response") == 0;
    if (part && op < 0 && (!value || (strstr(part, "_re") && !error_response))) {
        cJSON_Delete(defs);
        return rp_fail(err, RP_E_VALUE, "$", "no schema \"%.32s\": name an op (schedule, "
                       "statement, yield, restructure, compare, solve, tvm, day_count), optionally "
                       "with _response, error_response, or a value (loan, event, action, goal, "
                       "overdue, …)", part);
    }
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "$schema", "https://json-schema.org/draft/2020-12/schema");
    char ref[64];
    if (value) {
        snprintf(ref, sizeof ref, "repay %s", part);
        cJSON_AddStringToObject(root, "title", ref);
        snprintf(ref, sizeof ref, "#/$defs/%s", part);
        cJSON_AddStringToObject(root, "$ref", ref);
    } else if (op < 0) {
        cJSON_AddStringToObject(root, "title", "repay " RP_VERSION ": requests and responses");
        cJSON_AddStringToObject(root, "description",
                                "A request is one of the *_request definitions; its response is "
                                "the matching *_response, or error_response.");
        cJSON *any = cJSON_AddArrayToObject(root, "anyOf");
        for (int i = 0; i < rp_op_count; i++) {
            snprintf(ref, sizeof ref, "#/$defs/%s_request", rp_op_names[i]);
            cJSON *r = cJSON_CreateObject();
            cJSON_AddStringToObject(r, "$ref", ref);
            cJSON_AddItemToArray(any, r);
        }
    } else if (!response) {
        snprintf(ref, sizeof ref, "repay %s request", rp_op_names[op]);
        cJSON_AddStringToObject(root, "title", ref);
        snprintf(ref, sizeof ref, "#/$defs/%s_request", rp_op_names[op]);
        cJSON_AddStringToObject(root, "$ref", ref);
    } else {
        snprintf(ref, sizeof ref, "repay %s response", rp_op_names[op]);
        cJSON_AddStringToObject(root, "title", ref);
        cJSON *one = cJSON_AddArrayToObject(root, "oneOf");
        snprintf(ref, sizeof ref, "#/$defs/%s_response", rp_op_names[op]);
        cJSON *r = cJSON_CreateObject();
        cJSON_AddStringToObject(r, "$ref", ref);
        cJSON_AddItemToArray(one, r);
        r = cJSON_CreateObject();
        cJSON_AddStringToObject(r, "$ref", "#/$defs/error_response");
        cJSON_AddItemToArray(one, r);
    }
    if (part)
        keep_reachable(root, defs);
    cJSON_AddItemToObject(root, "$defs", defs);
    rp_buf_t b;
    rp_buf_init(&b);
    rp_json_write(&b, root);
    rp_buf_puts(&b, "\n");
    cJSON_Delete(root);
    *out = rp_buf_take(&b);
    if (!*out)
        return rp_fail(err, RP_E_NOMEM, "$", "out of memory");
    return RP_OK;
}
