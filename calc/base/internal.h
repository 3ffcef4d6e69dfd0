/*
 * internal.h — the base layer's helpers every calc/ file may use (errors,
 * text, names, warnings, exact sums); not part of the API.
 */
#ifndef RP_INTERNAL_H
#define RP_INTERNAL_H

#include <stdarg.h>
#include "repay_advanced.h"

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
 * character boundary, control characters, bidi overrides and bytes that
 * are not UTF-8 shown as '?', "…" if cut. */
void rp_quote(char *buf, size_t size, const char *text, size_t len, size_t max);

/* rate.c: rp_rate_parse that also tells whether the number was bare
 * (*bare = 1: no %, ‰, ‱ or 分之, so "4.9" is the fraction 4.9). */
rp_status rp_rate_parse_text(mpq_t out, rp_rate_unit *unit, int *bare, const char *text,
                             rp_error *err);

/* text.c: length of the valid UTF-8 sequence at s (1–4), or 0 if invalid;
 * characters (code points) in s; s cut to len bytes and then back to the
 * last whole character; 1 for a code point unsafe to show raw (C0, DEL, C1,
 * bidi overrides and isolates, U+2028/2029). */
size_t rp_utf8_sequence(const unsigned char *s, size_t left);
long rp_utf8_chars(const char *s);
void rp_utf8_cut(char *s, size_t len);
int rp_text_unsafe(unsigned cp);

/* logarithm.c: lo ≤ ln x ≤ hi for a rational x > 0, hi − lo within about
 * 2^−bits × (1 + |log2 x|); lo and hi are initialised. */
void rp_ln_bounds(mpq_t lo, mpq_t hi, const mpq_t x, unsigned long bits);

/* Looks name up in a table of count names; returns its index or -1. */
int rp_name_index(const char *const *names, int count, const char *name);
/* The names, comma-separated, into out (cut at size); returns out. For
 * messages that list what is allowed. */
const char *rp_names_join(char *out, size_t size, const char *const *names, int count);

/* warning.c: appends a warning (code, message) to list (*count of at most
 * RP_WARNING_MAX); past the limit it is dropped. _once: not if the code is
 * there already. */
void rp_warning_add(rp_warning_t *list, int *count, const char *code, const char *message);
void rp_warning_add_once(rp_warning_t *list, int *count, const char *code, const char *message);

/* qsum.c: r = a + b, r = a − b; the same as mpq_add / mpq_sub (any
 * aliasing), faster when the denominators fit a machine word. */
void rp_qadd(mpq_ptr r, mpq_srcptr a, mpq_srcptr b);
void rp_qsub(mpq_ptr r, mpq_srcptr a, mpq_srcptr b);

#endif
