/*
 * mcp.c — repay mcp: a Model Context Protocol server over stdio.
 *
 * JSON-RPC 2.0, one message per line (the MCP stdio transport). Methods:
 * initialize, ping, tools/list, tools/call; notifications are read and
 * not answered. Each op of the JSON API is a tool whose input schema is
 * the op's request schema (from the parser's field tables) without "op".
 * A tool call answers with the op's response, as text and as structured
 * content; a response with ok: false is a tool result with isError, so
 * the calling agent sees the error's path and message and can retry.
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"

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
                  "payoff, days past due, class, and the workings as sentences to read out."},
    {"restructure", "Apply restructuring actions (waive, extend 展期, defer, reamortize, rate, "
                    "freeze 停息挂账, settle) on a date: the new plan, what is waived, and its price "
                    "for borrower and lender."},
    {"compare", "Several restructuring proposals on the same loan and date, side by side: payment, "
                "term, total, waived, borrower saving, APR, lender PV and recovery."},
    {"solve", "Find a plan that fits: shortest term under a monthly capacity, smallest waiver, "
              "payment for a term, largest settlement discount keeping recovery ≥ a share."},
    {"yield", "Real annualized rate (IRR/XIRR, APR, EAR), NPV, and legal caps (4×LPR, 24%/36%, "
              "bank 24%) of a loan or of cash flows."},
};
#define TOOL_COUNT ((int)(sizeof tools / sizeof tools[0]))

static void send(FILE *out, cJSON *msg)
{
    char *text = cJSON_PrintUnformatted(msg);
    if (text) {
        fputs(text, out);
        fputc('\n', out);
        fflush(out);
        cJSON_free(text);
    }
    cJSON_Delete(msg);
}

static cJSON *reply(const cJSON *id)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "jsonrpc", "2.0");
    cJSON_AddItemToObject(m, "id", id ? cJSON_Duplicate(id, 1) : cJSON_CreateNull());
    return m;
}

static void send_error(FILE *out, const cJSON *id, int code, const char *message)
{
    cJSON *m = reply(id);
    cJSON *e = cJSON_AddObjectToObject(m, "error");
    cJSON_AddNumberToObject(e, "code", code);
    cJSON_AddStringToObject(e, "message", message);
    send(out, m);
}

/* The tool's input schema: the op's request object schema without "op",
 * with the definitions it refers to. */
static cJSON *input_schema(const char *op)
{
    char *text = NULL;
    if (rp_schema(&text, NULL, NULL) != RP_OK)
        return NULL;
    cJSON *all = cJSON_Parse(text);
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

static void on_initialize(FILE *out, const cJSON *id, const cJSON *params)
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
    send(out, m);
}

static void on_tools_list(FILE *out, const cJSON *id)
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
            send_error(out, id, -32603, "internal error: no schema");
            return;
        }
        cJSON_AddItemToObject(t, "inputSchema", schema);
        cJSON_AddItemToArray(list, t);
    }
    send(out, m);
}

static void on_tools_call(FILE *out, const cJSON *id, const cJSON *params,
                          const cli_settings_t *cfg)
{
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(params, "name");
    const cJSON *args = cJSON_GetObjectItemCaseSensitive(params, "arguments");
    int tool = -1;
    for (int i = 0; cJSON_IsString(name) && i < TOOL_COUNT; i++)
        if (strcmp(name->valuestring, tools[i].name) == 0)
            tool = i;
    if (tool < 0) {
        send_error(out, id, -32602, "unknown tool: name one of schedule, statement, restructure, "
                                    "compare, solve, yield");
        return;
    }
    if (args && !cJSON_IsObject(args)) {
        send_error(out, id, -32602, "arguments must be an object: the request without \"op\"");
        return;
    }
    char *request = args ? cJSON_PrintUnformatted(args) : NULL;
    char *response = NULL;
    rp_options_t opt = {.format = RP_FORMAT_JSON, .op = tools[tool].name, .lpr_json = cfg->lpr_json,
                        .lpr_len = cfg->lpr_len};
    rp_status st = rp_run(&response, request ? request : "{}", request ? strlen(request) : 2, &opt,
                          NULL);
    cJSON_free(request);
    if (!response) {
        send_error(out, id, -32603, "out of memory");
        return;
    }
    cJSON *m = reply(id);
    cJSON *r = cJSON_AddObjectToObject(m, "result");
    cJSON *content = cJSON_AddArrayToObject(r, "content");
    cJSON *text = cJSON_CreateObject();
    cJSON_AddStringToObject(text, "type", "text");
    cJSON_AddStringToObject(text, "text", response);
    cJSON_AddItemToArray(content, text);
    cJSON *structured = cJSON_Parse(response);
    if (structured)
        cJSON_AddItemToObject(r, "structuredContent", structured);
    cJSON_AddBoolToObject(r, "isError", st != RP_OK);
    rp_free(response);
    send(out, m);
}

static void handle(FILE *out, const char *line, size_t len, const cli_settings_t *cfg)
{
    cJSON *msg = cJSON_ParseWithLength(line, len);
    if (!msg) {
        send_error(out, NULL, -32700, "parse error: not JSON");
        return;
    }
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(msg, "id");
    const cJSON *method = cJSON_GetObjectItemCaseSensitive(msg, "method");
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(msg, "jsonrpc");
    const cJSON *params = cJSON_GetObjectItemCaseSensitive(msg, "params");
    if (id && !cJSON_IsString(id) && !cJSON_IsNumber(id))
        id = NULL;
    if (!cJSON_IsObject(msg) || !cJSON_IsString(version) || strcmp(version->valuestring, "2.0") != 0 ||
        !cJSON_IsString(method) || (params && !cJSON_IsObject(params))) {
        if (cJSON_IsObject(msg) && !method && (cJSON_GetObjectItem(msg, "result") || cJSON_GetObjectItem(msg, "error"))) {
            /* a reply to a request of ours: we send none */
        } else {
            send_error(out, id, -32600, "invalid request: expected a JSON-RPC 2.0 object with "
                                        "\"jsonrpc\": \"2.0\", a method and object params");
        }
        cJSON_Delete(msg);
        return;
    }
    const char *m = method->valuestring;
    if (!cJSON_GetObjectItemCaseSensitive(msg, "id")) {
        /* a notification (initialized, cancelled, …): never answered */
    } else if (strcmp(m, "initialize") == 0) {
        on_initialize(out, id, params);
    } else if (strcmp(m, "ping") == 0) {
        cJSON *r = reply(id);
        cJSON_AddObjectToObject(r, "result");
        send(out, r);
    } else if (strcmp(m, "tools/list") == 0) {
        on_tools_list(out, id);
    } else if (strcmp(m, "tools/call") == 0) {
        on_tools_call(out, id, params, cfg);
    } else {
        char text[120];
        snprintf(text, sizeof text, "method not found: %.60s", m);
        send_error(out, id, -32601, text);
    }
    cJSON_Delete(msg);
}

int cli_mcp(FILE *in, FILE *out, const cli_settings_t *cfg)
{
    source_t src;
    cli_lines_source(&src, in);
    if (!src.state) {
        fputs("repay mcp: out of memory\n", stderr);
        return 3;
    }
    char *line = NULL;
    size_t len = 0;
    source_item item;
    while ((item = src.next(&src, &line, &len)) != SOURCE_END) {
        if (item == SOURCE_ANSWER)
            send_error(out, NULL, -32700, "parse error: message longer than 1 MiB");
        else
            handle(out, line, len, cfg);
        free(line);
        line = NULL;
    }
    cli_lines_source_close(&src);
    return 0;
}
