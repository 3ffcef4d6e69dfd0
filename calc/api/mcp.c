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

static const struct tool {
    const char *name;
    const char *description;
} tools[] = {
    {"schedule", "Installment schedule of a loan (等额本息, 等额本金, 先息后本, bullet, flat): "
                 "payment, principal, interest, fee and balance per installment, totals and APR, "
                 "exact to the fen."},
    {"statement", "What a borrower owes on a date given the payments made: overdue principal and "
                  "interest, penalty interest (罚息), compound interest (复利), late fees (违约金), "
                  "payoff, days past due, class, and the workings as sentences to read out. "
                  "Events may include restructure agreements (a restructure's as_event): then "
                  "also whether each was kept or broken, waivers reinstated, the observation "
                  "period and the class by Arts. 20–22."},
    {"restructure", "Apply restructuring actions (waive, conditional waive 附条件减免, extend 展期, "
                    "defer, reamortize, rate, freeze 停息挂账, settle, re_age) on a date: the new "
                    "plan, what is waived, its price for borrower and lender, and as_event to "
                    "append to the loan's events."},
    {"compare", "Several restructuring proposals on the same loan and date, side by side: payment, "
                "term, total, waived, borrower saving, APR, lender PV and recovery."},
    {"solve", "Find a plan that fits: shortest term under a monthly capacity, smallest waiver, "
              "payment for a term, largest settlement discount keeping recovery ≥ a share."},
    {"yield", "Real annualized rate (IRR/XIRR, APR, EAR), NPV, and legal caps (4×LPR, 24%/36%, "
              "bank 24%) of a loan or of cash flows."},
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

/* The tool's input schema: the op's request schema without "op", with
 * the definitions it refers to. */
static cJSON *input_schema(const char *op)
{
    char *text = NULL;
    if (rp_schema(&text, NULL, NULL) != RP_OK)
        return NULL;
    cJSON *all = rp_json_parse(text, strlen(text), NULL);
    rp_free(text);
    if (!all)
        return NULL;
    cJSON *defs = cJSON_DetachItemFromObjectCaseSensitive(all, "$defs");
    cJSON_Delete(all);
    char name[48];
    snprintf(name, sizeof name, "%s_request", op);
    cJSON *schema = cJSON_DetachItemFromObjectCaseSensitive(defs, name);
    if (!schema) {
        cJSON_Delete(defs);
        return NULL;
    }
    cJSON_DeleteItemFromObjectCaseSensitive(cJSON_GetObjectItemCaseSensitive(schema, "properties"),
                                            "op");
    /* other ops' requests and all responses are not needed here */
    for (int i = 0; i < TOOL_COUNT; i++) {
        snprintf(name, sizeof name, "%s_request", tools[i].name);
        cJSON_DeleteItemFromObjectCaseSensitive(defs, name);
        snprintf(name, sizeof name, "%s_response", tools[i].name);
        cJSON_DeleteItemFromObjectCaseSensitive(defs, name);
    }
    cJSON_DeleteItemFromObjectCaseSensitive(defs, "error_response");
    cJSON_AddItemToObject(schema, "$defs", defs);
    return schema;
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

static cJSON *on_tools_list(const cJSON *id)
{
    cJSON *m = reply(id);
    cJSON *r = cJSON_AddObjectToObject(m, "result");
    cJSON *list = cJSON_AddArrayToObject(r, "tools");
    for (int i = 0; i < TOOL_COUNT; i++) {
        cJSON *t = cJSON_CreateObject();
        cJSON_AddStringToObject(t, "name", tools[i].name);
        cJSON_AddStringToObject(t, "description", tools[i].description);
        cJSON *schema = input_schema(tools[i].name);
        if (!schema) {
            cJSON_Delete(t);
            cJSON_Delete(m);
            return error_reply(id, -32603, "internal error: no schema");
        }
        cJSON_AddItemToObject(t, "inputSchema", schema);
        cJSON_AddItemToArray(list, t);
    }
    return m;
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
    if (tool < 0)
        return error_reply(id, -32602, "unknown tool: name one of schedule, statement, restructure, "
                                       "compare, solve, yield");
    if (args && !cJSON_IsObject(args))
        return error_reply(id, -32602, "arguments must be an object: the request without \"op\"");
    char *response = NULL;
    rp_options_t run = {.format = RP_FORMAT_JSON, .op = tools[tool].name,
                        .lpr_json = opt ? opt->lpr_json : NULL, .lpr_len = opt ? opt->lpr_len : 0};
    rp_status st = text ? rp_run(&response, text + start, end - start, &run, NULL)
                        : rp_run(&response, "{}", 2, &run, NULL);
    if (!response)
        return error_reply(id, -32603, "out of memory");
    cJSON *m = reply(id);
    cJSON *r = cJSON_AddObjectToObject(m, "result");
    cJSON *content = cJSON_AddArrayToObject(r, "content");
    cJSON *item = cJSON_CreateObject();
    cJSON_AddStringToObject(item, "type", "text");
    cJSON_AddStringToObject(item, "text", response); /* the CLI's bytes */
    cJSON_AddItemToArray(content, item);
    cJSON *structured = rp_json_parse(response, strlen(response), NULL); /* numbers as text */
    if (structured)
        cJSON_AddItemToObject(r, "structuredContent", structured);
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
