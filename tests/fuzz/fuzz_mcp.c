/*
 * fuzz_mcp.c — libFuzzer target: any bytes as one MCP message to
 * rp_mcp_message (the protocol of `repay mcp`). Whatever the input: no
 * crash, leak or hang, and the reply, when there is one, is one line of
 * strict, valid UTF-8 JSON (issue 14, items 7 and 15): an object with
 * "jsonrpc": "2.0" and either a result or an error.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api/json_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *reply = NULL;
    if (rp_mcp_message(&reply, (const char *)data, size, NULL) != RP_OK)
        abort(); /* only memory may fail */
    if (!reply)
        return 0; /* a notification */
    size_t n = strlen(reply);
    if (n == 0 || reply[n - 1] != '\n' || memchr(reply, '\n', n - 1))
        abort(); /* one line */
    /* every byte valid UTF-8, no control character but the last newline */
    for (size_t i = 0; i + 1 < n;) {
        size_t k = rp_utf8_sequence((const unsigned char *)reply + i, n - 1 - i);
        if (k == 0 || (unsigned char)reply[i] < 0x20)
            abort();
        i += k;
    }
    rp_error err;
    cJSON *doc = rp_json_parse(reply, n, &err); /* strict JSON */
    if (!doc && err.code == RP_E_TOO_LARGE) {
        rp_free(reply); /* a reply may be longer than a request may */
        return 0;
    }
    if (!doc || !cJSON_IsObject(doc))
        abort();
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(doc, "jsonrpc");
    if (!cJSON_IsString(v) || strcmp(v->valuestring, "2.0") != 0 ||
        !cJSON_GetObjectItemCaseSensitive(doc, "id") ||
        !(cJSON_GetObjectItemCaseSensitive(doc, "result") ||
          cJSON_GetObjectItemCaseSensitive(doc, "error")))
        abort();
    cJSON_Delete(doc);
    rp_free(reply);
    return 0;
}
