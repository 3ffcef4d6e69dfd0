/*
 * fuzz_request.c — libFuzzer target: any bytes as a request to rp_run, in
 * each output format. Whatever the input, rp_run must return a status and
 * a response without crashing, leaking, hanging or reading out of bounds;
 * an ok response must say "ok": true and an error "ok": false.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "repay.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rp_options_t opt = {.format = (rp_format)(size % RP_FORMAT_COUNT)};
    char *out = NULL;
    rp_error err;
    rp_status st = rp_run(&out, (const char *)data, size, &opt, &err);
    if (!out)
        abort(); /* only out of memory may leave it NULL */
    if (st != RP_OK && !strstr(out, "\"ok\": false"))
        abort();
    /* the writer breaks an object over lines unless it fits on one (a
     * short answer such as tvm's does) */
    if (st == RP_OK && opt.format == RP_FORMAT_JSON && strncmp(out, "{\n  \"ok\": true", 14) != 0 &&
        strncmp(out, "{\"ok\": true", 11) != 0)
        abort();
    if (rp_status_exit_code(st) == 3)
        abort(); /* an internal error is a bug: a self-check failed */
    rp_free(out);
    return 0;
}
