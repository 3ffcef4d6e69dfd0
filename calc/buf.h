/*
 * buf.h — a growable text buffer for building responses. A failed
 * allocation is remembered (failed = 1) and later appends do nothing, so
 * callers check once at the end.
 */
#ifndef RP_BUF_H
#define RP_BUF_H

#include <stddef.h>

#include "internal.h"

typedef struct rp_buf {
    char *data; /* NUL-terminated when len > 0 */
    size_t len;
    size_t cap;
    int failed;
} rp_buf_t;

void rp_buf_init(rp_buf_t *b);
void rp_buf_clear(rp_buf_t *b);
void rp_buf_append(rp_buf_t *b, const char *s, size_t n);
void rp_buf_puts(rp_buf_t *b, const char *s);
void rp_buf_printf(rp_buf_t *b, const char *fmt, ...) RP_PRINTF(2, 3);
void rp_buf_repeat(rp_buf_t *b, char c, size_t n);

/* Hands the text over (caller frees with rp_free) and resets b; NULL if an
 * allocation failed. An empty buffer yields "". */
char *rp_buf_take(rp_buf_t *b);

#endif
