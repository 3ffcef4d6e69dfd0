/*
 * mcp.c — repay mcp: a Model Context Protocol server over stdio.
 *
 * JSON-RPC 2.0, one message per line (the MCP stdio transport). The
 * protocol itself lives in the library (rp_mcp_message, calc/api/mcp.c):
 * this loop reads the lines and writes the replies. A line over 1 MiB is
 * answered with a parse error and skipped without being held in memory.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_mcp(FILE *in, FILE *out, const cli_settings_t *cfg)
{
    source_t src;
    cli_lines_source(&src, in);
    if (!src.state) {
        fputs("repay mcp: out of memory\n", stderr);
        return 3;
    }
    rp_options_t opt = {.format = RP_FORMAT_JSON, .lpr_json = cfg->lpr_json, .lpr_len = cfg->lpr_len,
                        .calendar_json = cfg->calendar_json, .calendar_len = cfg->calendar_len};
    char *line = NULL;
    size_t len = 0;
    source_item item;
    int status = 0;
    while ((item = src.next(&src, &line, &len)) != SOURCE_END) {
        char *reply = NULL;
        if (item == SOURCE_ANSWER) {
            static const char too_long[] =
                "{\"jsonrpc\": \"2.0\", \"id\": null, \"error\": {\"code\": -32700, "
                "\"message\": \"parse error: message longer than 1 MiB\"}}\n";
            fputs(too_long, out);
        } else if (rp_mcp_message(&reply, line, len, &opt) != RP_OK) {
            fputs("repay mcp: out of memory\n", stderr);
            status = 3;
        } else if (reply) {
            fputs(reply, out);
        }
        rp_free(reply);
        free(line);
        line = NULL;
        if (fflush(out) != 0) {
            fputs("repay mcp: cannot write the replies\n", stderr);
            status = 3;
            break;
        }
        if (status)
            break;
    }
    cli_lines_source_close(&src);
    return status;
}
