/*
 * mcp.c — one Model Context Protocol message in, its reply out: the
 * JSON-RPC 2.0 of `repay mcp` (cli/mcp.c reads and writes the lines).
 *
 * Methods: initialize, ping, tools/list, tools/call; notifications are not
 * answered. Each op of the JSON API is a tool whose input schema is the
 * op's request schema without "op". A tool call runs the arguments' own
 * text — the bytes the client sent, never a re-serialized tree — through
 * rp_run, so the same request gives the same bytes here as on the command
 * line: numbers exactly as written, the same errors at the same paths. The
 * message is read as strictly as a request (one JSON value, nothing after
 * it, no NUL); every reply is valid UTF-8 JSON on one line, with the
 * client's id echoed exactly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"

static const char *const protocol_versions[] = {"2025-06-18", "2025-03-26", "2024-11-05"};

/* The tools, in the order a negotiation uses them; their descriptions
 * teach that order. */
static const struct tool {
    const char *name;
    const char *description;
} tools[] = {
    {"statement", "Start here. What a borrower owes on a date given the payments (and any "
                  "restructurings) so far: overdue principal and interest, 罚息, 复利, 违约金, payoff, "
                  "days past due, class, the workings as sentences to read out, and — after an "
                  "agreement — whether it is kept or broken."},
    {"solve", "Next: the offers that fit. Goal {\"type\": \"offer\", \"capacity\", \"min_recovery\", "
              "\"max_term\"} gives the best extend, freeze and settle plans that meet every constraint "
              "(legal limits included), each proved, or what binds and by how much. Give "
              "discount_rate: recoveries are priced at it."},
    {"restructure", "Then: the chosen actions (solve's `actions`) as a plan — what is waived, the "
                    "installments, the price for both sides, one sentence to read out — and "
                    "as_event, to append to the loan's events once agreed."},
    {"letter", "Last: the written plan for the borrower (还款计划确认书, Chinese and English, "
               "Markdown) from the same request as restructure."},
    {"compare", "Several proposals (name + actions) on one loan and date side by side: payment, "
                "term, total, waived, saving, APR, lender PV, recovery."},
    {"schedule", "A loan's installment schedule (等额本息, 等额本金, 先息后本, bullet, flat) and APR."},
    {"yield", "Real annualized rate (IRR/XIRR, APR, EAR), NPV, modified IRR, and legal caps "
              "(4×LPR, 24%/36%) of a loan or of cash flows."},
    {"tvm", "Time value of money as a spreadsheet's FV, PV, PMT, NPER, RATE, IPMT, PPMT, CUMIPMT "
            "and CUMPRINC (type 0 or 1), exact, or within proven bounds for NPER and RATE."},
    {"day_count", "Year fractions of date pairs under a day-count convention (ACT/360, ACT/365, "
                  "ACT/366, ACT/ACT ISDA and ICMA, ACT/365L, 30/360 US and ISDA, 30E/360 and "
                  "30E/360 ISDA), exact."},
    {"schema", "The full JSON Schema of a request or value when a field is unclear: "
               "{\"name\": \"loan\"} (or event, action, goal, overdue, statement_request, …)."},
};
#define TOOL_COUNT ((int)(sizeof tools / sizeof tools[0]))

/* {"jsonrpc": "2.0", "id": …}: the id as the client wrote it (a number
 * keeps its text), or null. */
static cJSON *reply(const cJSON *id)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "jsonrpc", "2.0");
    /* cJSON_Duplicate copies a number's text too, so it is echoed exactly */
    cJSON_AddItemToObject(m, "id", id ? cJSON_Duplicate(id, 1) : cJSON_CreateNull());
    return m;
}

static cJSON *error_reply(const cJSON *id, int code, const char *message)
{
    cJSON *m = reply(id);
    cJSON *e = cJSON_AddObjectToObject(m, "error");
    char number[16];
    snprintf(number, sizeof number, "%d", code);
    cJSON_AddRawToObject(e, "code", number);
    cJSON_AddStringToObject(e, "message", message);
    return m;
}

/* Which op a tool runs and in what format: "letter" is restructure's
 * request written as the letter; "schema" runs no op. */
static const char *tool_op(const char *tool)
{
    if (strcmp(tool, "letter") == 0)
        return "restructure";
    return strcmp(tool, "schema") == 0 ? NULL : tool;
}

/* A definition small enough to inline (a date, a rate, an amount) is
 * given whole; a large one (loan, goal, event) as an object whose
 * description names its fields and the schema tool that gives it all:
 * tools/list stays a few KB, an agent's context is precious. */
enum { INLINE_MAX = 360 };
/* A value's fields named in a description, the first of them: the loan
 * has some thirty, every one in the schema tool's answer. */
enum { FIELDS_NAMED = 12 };

/* "a, b, c": an object's property names, "type" and "note" left out, at
 * most FIELDS_NAMED of them, then how many there are in all. */
static void field_names(rp_buf_t *b, const cJSON *props)
{
    const cJSON *f;
    int n = 0;
    cJSON_ArrayForEach(f, props)
    {
        if (strcmp(f->string, "type") == 0 || strcmp(f->string, "note") == 0)
            continue;
        if (n < FIELDS_NAMED) {
            rp_buf_puts(b, n ? ", " : "");
            rp_buf_puts(b, f->string);
        }
        n++;
    }
    if (n > FIELDS_NAMED) {
        char more[48];
        snprintf(more, sizeof more, ", … (%d in all)", n);
        rp_buf_puts(b, more);
    }
}

/* An inlined value without its "pattern"s: the server checks the text
 * and says what is wrong; the description says what is meant. */
static void drop_patterns(cJSON *v)
{
    if (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(v, "pattern"))) /* not a field so named */
        cJSON_DeleteItemFromObjectCaseSensitive(v, "pattern");
    cJSON *c;
    cJSON_ArrayForEach(c, v)
    drop_patterns(c);
}

static cJSON *compact_ref(const char *ref, const cJSON *prop, const cJSON *defs)
{
    const char *name = strrchr(ref, '/') ? strrchr(ref, '/') + 1 : ref;
    const cJSON *def = cJSON_GetObjectItemCaseSensitive(defs, name);
    if (!def)
        return NULL;
    char *text = cJSON_PrintUnformatted(def);
    /* inlined whole only if it refers to nothing: no $defs are sent */
    int small = text && strlen(text) <= INLINE_MAX && !strstr(text, "\"$ref\"");
    cJSON_free(text);
    if (small) {
        cJSON *c = cJSON_Duplicate(def, 1);
        if (c)
            drop_patterns(c);
        const cJSON *d = cJSON_GetObjectItemCaseSensitive(prop, "description");
        if (c && cJSON_IsString(d)) {
            cJSON_DeleteItemFromObjectCaseSensitive(c, "description");
            cJSON_AddStringToObject(c, "description", d->valuestring);
        }
        return c;
    }
    rp_buf_t b;
    rp_buf_init(&b);
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(prop, "description");
    if (!cJSON_IsString(d))
        d = cJSON_GetObjectItemCaseSensitive(def, "description");
    if (cJSON_IsString(d))
        rp_buf_puts(&b, d->valuestring);
    const cJSON *dd = cJSON_GetObjectItemCaseSensitive(def, "description");
    if (cJSON_IsString(dd) && dd != d && strlen(dd->valuestring) > 24) { /* not "a loan" */
        rp_buf_puts(&b, b.len ? ": " : "");
        rp_buf_puts(&b, dd->valuestring);
    }
    const cJSON *props = cJSON_GetObjectItemCaseSensitive(def, "properties");
    if (props) {
        rp_buf_puts(&b, b.len ? "; fields: " : "fields: ");
        field_names(&b, props);
    }
    /* a choice by "type" (event, action, goal): each type and its fields */
    const cJSON *one = cJSON_GetObjectItemCaseSensitive(def, "oneOf"), *o;
    int n = 0;
    cJSON_ArrayForEach(o, one)
    {
        const cJSON *op = cJSON_GetObjectItemCaseSensitive(o, "properties");
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(op, "type");
        const cJSON *k = cJSON_GetObjectItemCaseSensitive(t, "const");
        if (!cJSON_IsString(k))
            continue;
        rp_buf_puts(&b, n++ ? "; " : b.len ? "; one of: " : "one of: ");
        rp_buf_puts(&b, k->valuestring);
        rp_buf_puts(&b, " (");
        field_names(&b, op);
        rp_buf_puts(&b, ")");
    }
    rp_buf_puts(&b, b.len ? "; all of it: tool schema {\"name\": \"" : "all of it: tool schema {\"name\": \"");
    rp_buf_puts(&b, name);
    rp_buf_puts(&b, "\"}");
    char *desc = rp_buf_take(&b);
    if (!desc)
        return NULL;
    cJSON *c = cJSON_CreateObject();
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(def, "type");
    if (cJSON_IsString(type))
        cJSON_AddStringToObject(c, "type", type->valuestring);
    cJSON_AddStringToObject(c, "description", desc);
    rp_free(desc);
    return c;
}

/* One property, every reference in it resolved as compact_ref says
 * (NULL if memory ran out). */
static cJSON *compact(const cJSON *prop, const cJSON *defs)
{
    const cJSON *ref = cJSON_GetObjectItemCaseSensitive(prop, "$ref");
    if (cJSON_IsString(ref))
        return compact_ref(ref->valuestring, prop, defs);
    cJSON *c = cJSON_IsObject(prop) ? cJSON_CreateObject() : cJSON_IsArray(prop) ? cJSON_CreateArray()
                                                                                  : cJSON_Duplicate(prop, 0);
    const cJSON *child;
    cJSON_ArrayForEach(child, prop)
    {
        cJSON *cc = compact(child, defs);
        if (!cc || !c) {
            cJSON_Delete(cc);
            cJSON_Delete(c);
            return NULL;
        }
        if (cJSON_IsObject(c))
            cJSON_AddItemToObject(c, child->string, cc);
        else
            cJSON_AddItemToArray(c, cc);
    }
    return c;
}

/* The tool's input schema: the op's request without "op", each property
 * compact; the schema tool takes the name of a part. */
static cJSON *input_schema(const char *tool, const cJSON *defs)
{
    const char *op = tool_op(tool);
    if (!op) {
        cJSON *s = cJSON_CreateObject();
        cJSON_AddStringToObject(s, "type", "object");
        cJSON *p = cJSON_AddObjectToObject(s, "properties");
        cJSON *n = cJSON_AddObjectToObject(p, "name");
        /* the names as text, not an enum of every definition: an unknown
         * one is the tool's error, which names the kinds */
        cJSON_AddStringToObject(n, "type", "string");
        cJSON_AddStringToObject(n, "description", "the part: a value (loan, event, action, goal, "
                                                  "overdue, caps, rate, …) or an op's request or "
                                                  "response (statement_request, tvm_response, …)");
        cJSON *req = cJSON_AddArrayToObject(s, "required");
        cJSON_AddItemToArray(req, cJSON_CreateString("name"));
        cJSON_AddFalseToObject(s, "additionalProperties");
        return s;
    }
    if (strcmp(tool, "letter") == 0) { /* restructure's request, said once */
        cJSON *s = cJSON_CreateObject();
        cJSON_AddStringToObject(s, "type", "object");
        cJSON_AddStringToObject(s, "description", "the restructure tool's arguments, the same request");
        cJSON_AddObjectToObject(s, "properties");
        return s;
    }
    char name[48];
    snprintf(name, sizeof name, "%s_request", op);
    const cJSON *request = cJSON_GetObjectItemCaseSensitive(defs, name);
    if (!request)
        return NULL;
    cJSON *s = cJSON_CreateObject();
    cJSON_AddStringToObject(s, "type", "object");
    cJSON *out = cJSON_AddObjectToObject(s, "properties");
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(request, "properties"))
    {
        if (strcmp(p->string, "op") == 0 || strcmp(p->string, "id") == 0)
            continue; /* the tool names the op; a call has its own id */
        cJSON *c = compact(p, defs);
        if (!c) {
            cJSON_Delete(s);
            return NULL;
        }
        if (strcmp(p->string, "detail") == 0) { /* here the default is the other one */
            cJSON_DeleteItemFromObjectCaseSensitive(c, "description");
            cJSON_AddStringToObject(c, "description", "summary (default here): a long list's first "
                                                      "rows and how many more; full: every row");
        }
        cJSON_AddItemToObject(out, p->string, c);
    }
    const cJSON *required = cJSON_GetObjectItemCaseSensitive(request, "required");
    if (required)
        cJSON_AddItemToObject(s, "required", cJSON_Duplicate(required, 1));
    return s;
}

static cJSON *on_initialize(const cJSON *id, const cJSON *params)
{
    const cJSON *asked = cJSON_GetObjectItemCaseSensitive(params, "protocolVersion");
    const char *version = protocol_versions[0];
    for (size_t i = 0; cJSON_IsString(asked) && i < sizeof protocol_versions / sizeof *protocol_versions; i++)
        if (strcmp(asked->valuestring, protocol_versions[i]) == 0)
            version = protocol_versions[i];
    cJSON *m = reply(id);
    cJSON *r = cJSON_AddObjectToObject(m, "result");
    cJSON_AddStringToObject(r, "protocolVersion", version);
    cJSON *caps = cJSON_AddObjectToObject(r, "capabilities");
    cJSON *t = cJSON_AddObjectToObject(caps, "tools");
    cJSON_AddFalseToObject(t, "listChanged");
    cJSON *info = cJSON_AddObjectToObject(r, "serverInfo");
    cJSON_AddStringToObject(info, "name", "repay");
    cJSON_AddStringToObject(info, "version", RP_VERSION);
    cJSON_AddStringToObject(r, "instructions",
                            "Exact loan calculator. Amounts are decimal strings (\"1000.00\"), "
                            "rates like \"4.9%\" or \"万分之五\", dates ISO. Every answer is exact to "
                            "the rounding unit; read `workings` aloud for how penalties were computed.");
    return m;
}

/* The API's $defs, parsed from the schema: NULL if memory ran out. */
static cJSON *schema_defs(void)
{
    char *text = NULL;
    if (rp_schema(&text, NULL, NULL) != RP_OK)
        return NULL;
    cJSON *all = rp_json_parse(text, strlen(text), NULL);
    rp_free(text);
    cJSON *defs = all ? cJSON_DetachItemFromObjectCaseSensitive(all, "$defs") : NULL;
    cJSON_Delete(all);
    return defs;
}

static cJSON *on_tools_list(const cJSON *id)
{
    cJSON *defs = schema_defs();
    if (!defs)
        return error_reply(id, -32603, "internal error: no schema");
    cJSON *m = reply(id);
    cJSON *r = cJSON_AddObjectToObject(m, "result");
    cJSON *list = cJSON_AddArrayToObject(r, "tools");
    for (int i = 0; i < TOOL_COUNT; i++) {
        cJSON *t = cJSON_CreateObject();
        cJSON_AddStringToObject(t, "name", tools[i].name);
        cJSON_AddStringToObject(t, "description", tools[i].description);
        cJSON *schema = input_schema(tools[i].name, defs);
        if (!schema) {
            cJSON_Delete(t);
            cJSON_Delete(m);
            cJSON_Delete(defs);
            return error_reply(id, -32603, "internal error: no schema");
        }
        cJSON_AddItemToObject(t, "inputSchema", schema);
        cJSON_AddItemToArray(list, t);
    }
    cJSON_Delete(defs);
    return m;
}

/* The schema tool: {"name": part} gives that part of the schema (a
 * value or an op's request or response); errors as a request's are. */
static rp_status schema_part(char **out, const char *text, size_t len)
{
    rp_error err;
    rp_status st;
    cJSON *args = rp_json_parse(text, len, &err);
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(args, "name");
    if (!args) {
        st = err.code;
    } else if (!cJSON_IsString(name)) {
        st = rp_fail(&err, RP_E_MISSING, "$.name", "the schema tool takes {\"name\": \"loan\"} "
                                              "(or event, action, goal, statement_request, …)");
    } else {
        st = rp_schema(out, name->valuestring, &err);
    }
    cJSON_Delete(args);
    if (st == RP_OK)
        return st;
    *out = NULL;
    rp_buf_t b;
    rp_buf_init(&b);
    cJSON *e = rp_json_error_response(&err, NULL, NULL);
    if (e)
        rp_json_write_line(&b, e);
    cJSON_Delete(e);
    *out = rp_buf_take(&b);
    return st;
}

/* text[start, end) is the arguments object as the client wrote it (text
 * NULL: no arguments). */
static cJSON *on_tools_call(const cJSON *id, const cJSON *params, const char *text,
                            size_t start, size_t end, const rp_options_t *opt)
{
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(params, "name");
    const cJSON *args = cJSON_GetObjectItemCaseSensitive(params, "arguments");
    int tool = -1;
    for (int i = 0; cJSON_IsString(name) && i < TOOL_COUNT; i++)
        if (strcmp(name->valuestring, tools[i].name) == 0)
            tool = i;
    if (tool < 0) {
        const char *names[TOOL_COUNT];
        for (int i = 0; i < TOOL_COUNT; i++)
            names[i] = tools[i].name;
        char message[256];
        int n = snprintf(message, sizeof message, "unknown tool: name one of ");
        rp_names_join(message + n, sizeof message - (size_t)n, names, TOOL_COUNT);
        return error_reply(id, -32602, message);
    }
    if (args && !cJSON_IsObject(args))
        return error_reply(id, -32602, "arguments must be an object: the request without \"op\"");
    const char *request = text ? text + start : "{}";
    size_t len = text ? end - start : 2;
    char *response = NULL;
    rp_status st;
    const char *op = tool_op(tools[tool].name);
    if (op) {
        /* answers are small by default (summary) and on one line: the
         * text is the whole answer, not repeated as structured content */
        rp_options_t run = {.format = strcmp(tools[tool].name, "letter") == 0 ? RP_FORMAT_LETTER
                                                                               : RP_FORMAT_JSON,
                            .op = op, .one_line = 1, .summary = 1,
                            .lpr_json = opt ? opt->lpr_json : NULL, .lpr_len = opt ? opt->lpr_len : 0,
                            .calendar_json = opt ? opt->calendar_json : NULL,
                            .calendar_len = opt ? opt->calendar_len : 0};
        st = rp_run(&response, request, len, &run, NULL);
    } else {
        st = schema_part(&response, request, len);
    }
    if (!response)
        return error_reply(id, -32603, "out of memory");
    cJSON *m = reply(id);
    cJSON *r = cJSON_AddObjectToObject(m, "result");
    cJSON *content = cJSON_AddArrayToObject(r, "content");
    cJSON *item = cJSON_CreateObject();
    cJSON_AddStringToObject(item, "type", "text");
    cJSON_AddStringToObject(item, "text", response); /* the CLI's bytes */
    cJSON_AddItemToArray(content, item);
    cJSON_AddBoolToObject(r, "isError", st != RP_OK);
    rp_free(response);
    return m;
}

/* The reply to one message, or NULL when none is due (a notification).
 * The arguments of a tools/call are the client's request: their text goes
 * to rp_run as it is, so anything rp_run refuses in them (a "\u0000", a
 * name given twice, 1e400) is the tool's error, exactly as on the command
 * line. Everything else — the envelope — is read strictly here. */
static cJSON *handle(const char *text, size_t len, const rp_options_t *opt)
{
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3; /* as rp_json_parse does: spans count from here */
        len -= 3;
    }
    rp_error err;
    char message[RP_MESSAGE_MAX + 32];
    if (rp_json_check(text, len, RP_PARSE_NUL_ESCAPES, &err) != RP_OK) {
        snprintf(message, sizeof message, "parse error: %s", err.message);
        return error_reply(NULL, err.code == RP_E_NOMEM ? -32603 : -32700, message);
    }
    /* the envelope: the message with an arguments object replaced by {} */
    size_t ps, pe, as = 0, ae = 0;
    int has_args = rp_json_member_span(text, len, 0, "params", &ps, &pe) &&
                   rp_json_member_span(text, len, ps, "arguments", &as, &ae) && text[as] == '{';
    char *envelope = NULL;
    if (has_args) {
        envelope = malloc(len - (ae - as) + 3);
        if (!envelope)
            return error_reply(NULL, -32603, "out of memory");
        memcpy(envelope, text, as);
        memcpy(envelope + as, "{}", 2);
        memcpy(envelope + as + 2, text + ae, len - ae);
    }
    cJSON *msg = has_args ? rp_json_parse(envelope, len - (ae - as) + 2, &err)
                          : rp_json_parse(text, len, &err);
    free(envelope);
    if (!msg) {
        snprintf(message, sizeof message, "%s: %s",
                 err.code == RP_E_DUPLICATE ? "invalid request" : "parse error", err.message);
        return error_reply(NULL, err.code == RP_E_NOMEM ? -32603
                                 : err.code == RP_E_DUPLICATE ? -32600 : -32700, message);
    }
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(msg, "id");
    const cJSON *method = cJSON_GetObjectItemCaseSensitive(msg, "method");
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(msg, "jsonrpc");
    const cJSON *params = cJSON_GetObjectItemCaseSensitive(msg, "params");
    int has_id = id != NULL;
    if (id && !cJSON_IsString(id) && !cJSON_IsNumber(id))
        id = NULL;
    cJSON *out = NULL;
    if (!cJSON_IsObject(msg) || !cJSON_IsString(version) || strcmp(version->valuestring, "2.0") != 0 ||
        !cJSON_IsString(method) || (params && !cJSON_IsObject(params))) {
        if (cJSON_IsObject(msg) && !method &&
            (cJSON_GetObjectItem(msg, "result") || cJSON_GetObjectItem(msg, "error"))) {
            /* a reply to a request of ours: we send none */
        } else {
            out = error_reply(id, -32600, "invalid request: expected a JSON-RPC 2.0 object with "
                                          "\"jsonrpc\": \"2.0\", a method and object params");
        }
    } else if (!has_id) {
        /* a notification (initialized, cancelled, …): never answered */
    } else if (strcmp(method->valuestring, "initialize") == 0) {
        out = on_initialize(id, params);
    } else if (strcmp(method->valuestring, "ping") == 0) {
        out = reply(id);
        cJSON_AddObjectToObject(out, "result");
    } else if (strcmp(method->valuestring, "tools/list") == 0) {
        out = on_tools_list(id);
    } else if (strcmp(method->valuestring, "tools/call") == 0) {
        out = on_tools_call(id, params, has_args ? text : NULL, as, ae, opt);
    } else {
        char shown[80];
        rp_quote(shown, sizeof shown, method->valuestring, strlen(method->valuestring), 60);
        snprintf(message, sizeof message, "method not found: %s", shown);
        out = error_reply(id, -32601, message);
    }
    cJSON_Delete(msg);
    return out;
}

rp_status rp_mcp_message(char **out, const char *message, size_t len, const rp_options_t *opt)
{
    *out = NULL;
    cJSON *m = handle(message, len, opt);
    if (!m)
        return RP_OK;
    rp_buf_t b;
    rp_buf_init(&b);
    rp_json_write_line(&b, m);
    rp_buf_puts(&b, "\n");
    cJSON_Delete(m);
    *out = rp_buf_take(&b);
    return *out ? RP_OK : RP_E_NOMEM;
}
