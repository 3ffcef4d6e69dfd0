/*
 * json_solve.c — op "solve" (filled in below with the solver).
 */
#include "json_ops.h"

rp_status rp_json_solve(response_t *out, const request_t *req, rp_format fmt, rp_error *err)
{
    (void)out;
    (void)req;
    (void)fmt;
    return rp_fail(err, RP_E_VALUE, "$.op", "solve is not available yet");
}
