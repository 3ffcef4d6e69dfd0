/*
 * internal.h — helpers shared by the calc/ modules; not part of the API.
 */
#ifndef RP_INTERNAL_H
#define RP_INTERNAL_H

#include <stdarg.h>
#include "repay.h"

#if defined(__GNUC__) || defined(__clang__)
#define RP_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define RP_PRINTF(a, b)
#endif

/* Fills *err (if not NULL) and returns code, so callers can
 * `return rp_fail(err, RP_E_VALUE, "term", "…")`. path may be NULL. */
rp_status rp_fail(rp_error *err, rp_status code, const char *path, const char *fmt, ...)
    RP_PRINTF(4, 5);

/* Puts prefix in front of err->path: "term" under "$.loan" → "$.loan.term",
 * "[3]" under "$.x" → "$.x[3]", "" → "$.loan". */
void rp_error_prefix(rp_error *err, const char *prefix);

/* Quotes user text for a message: at most max bytes, cut on a UTF-8
 * character boundary, control characters shown as '?', "…" if cut. */
void rp_quote(char *buf, size_t size, const char *text, size_t len, size_t max);

/* Looks name up in a table of count names; returns its index or -1. */
int rp_name_index(const char *const *names, int count, const char *name);

#endif
