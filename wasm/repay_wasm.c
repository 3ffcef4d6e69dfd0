/*
 * repay_wasm.c — the WebAssembly entry points: the same JSON API as the
 * command line, request text in, response text out. The exported names
 * are listed in wasm/exports.json.
 */
#include <string.h>

#include "repay.h"
#include "repay_advanced.h" /* rp_lpr_default_json: the built-in LPR table */

static int last_status;

/* Runs one request of len bytes (not NUL-terminated: a NUL inside is
 * the core's to refuse, never a place to stop reading) in format (0 json,
 * 1 table, 2 csv). Returns a newly allocated response (free it with
 * rp_wasm_free), NULL if out of memory; rp_wasm_status() then tells the
 * status (0 ok, else an rp_status). */
char *rp_wasm_run(const char *request, int len, int format);
int rp_wasm_status(void);
void rp_wasm_free(char *p);
const char *rp_wasm_version(void);
/* The built-in LPR history (data/lpr.json as compiled in): the page offers
 * "LPR + 基点" with the current fixing from the same table the core uses. */
const char *rp_wasm_lpr(void);

char *rp_wasm_run(const char *request, int len, int format)
{
    char *out = NULL;
    rp_options_t opt = {.format = format >= 0 && format < RP_FORMAT_COUNT ? (rp_format)format
                                                                          : RP_FORMAT_JSON};
    last_status = (int)rp_run(&out, request ? request : "", request && len > 0 ? (size_t)len : 0,
                              &opt, NULL);
    return out;
}

int rp_wasm_status(void)
{
    return last_status;
}

void rp_wasm_free(char *p)
{
    rp_free(p);
}

const char *rp_wasm_version(void)
{
    return RP_VERSION;
}

const char *rp_wasm_lpr(void)
{
    return rp_lpr_default_json;
}
