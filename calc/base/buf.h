/*
 * buf.h — a growable text buffer for building responses. A failed
 * allocation is remembered (failed = 1) and later appends do nothing, so
 * callers check once at the end.
 */
#ifndef RP_BUF_H
#define RP_BUF_H

#include <stddef.h>
#include <string.h>

#include "internal.h"

typedef struct rp_buf {
    char *data; /* NUL-terminated when len > 0 */
    size_t len;
    size_t cap;
    int failed;
} rp_buf_t;

void rp_buf_init(rp_buf_t *b);
void rp_buf_clear(rp_buf_t *b);
/* Room for extra more bytes and the NUL: 1, or 0 once an allocation failed. */
int rp_buf_reserve(rp_buf_t *b, size_t extra);

/* Inline: a response is tens of thousands of short appends, and the call
 * cost more than the copy. */
static inline void rp_buf_append(rp_buf_t *b, const char *s, size_t n)
{
    if ((b->failed || b->len + n + 1 > b->cap) && !rp_buf_reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static inline void rp_buf_puts(rp_buf_t *b, const char *s)
{
    rp_buf_append(b, s, strlen(s));
}
void rp_buf_printf(rp_buf_t *b, const char *fmt, ...) RP_PRINTF(2, 3);
/* rp_buf_printf for %s, %d and %% only, without the C library's
 * formatting engine (a statement's workings write a line each); nothing
 * when b is NULL. */
void rp_buf_cat(rp_buf_t *b, const char *fmt, ...) RP_PRINTF(2, 3);
void rp_buf_repeat(rp_buf_t *b, char c, size_t n);

/* ---- user text on its way out (text.c) ---- */

/* Appends len bytes of text for a person at a terminal: control characters
 * (C0, DEL, C1), bidi overrides and line separators are written as \xHH or
 * \uHHHH, and bytes that are not UTF-8 as \xHH, so that no escape sequence
 * reaches the terminal and the output stays UTF-8. */
void rp_buf_visible(rp_buf_t *b, const char *s, size_t len);

/* Appends one CSV cell. Plain decimals and ISO dates as they are; with
 * user = 0, words of letters, digits, _ . [ ] too; any other text quoted per
 * RFC 4180 ("" for a quote), control characters shown as by
 * rp_buf_visible, and a leading =, +, -, @, tab or CR prefixed with ' so
 * that no spreadsheet runs it as a formula. */
void rp_buf_csv_cell(rp_buf_t *b, const char *s, int user);

/* Columns text takes in a terminal (East Asian wide characters count 2). */
size_t rp_text_width(const char *s);

/* Hands the text over (caller frees with rp_free) and resets b; NULL if an
 * allocation failed. An empty buffer yields "". */
char *rp_buf_take(rp_buf_t *b);

#endif
