/*
 * buf.c — growable text buffer (see buf.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

void rp_buf_init(rp_buf_t *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

void rp_buf_clear(rp_buf_t *b)
{
    free(b->data);
    rp_buf_init(b);
}

int rp_buf_reserve(rp_buf_t *b, size_t extra)
{
    if (b->failed)
        return 0;
    if (b->len + extra + 1 <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2) {
            b->failed = 1;
            return 0;
        }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return 0;
    }
    b->data = p;
    b->cap = cap;
    return 1;
}

void rp_buf_printf(rp_buf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !rp_buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void rp_buf_cat(rp_buf_t *b, const char *fmt, ...)
{
    if (!b)
        return;
    va_list ap;
    va_start(ap, fmt);
    const char *run = fmt; /* the literal text since the last conversion */
    for (const char *p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        rp_buf_append(b, run, (size_t)(p - run));
        p++;
        if (*p == '\0') { /* a lone % at the end: nothing to convert */
            run = p;
            break;
        }
        if (*p == 's') {
            rp_buf_puts(b, va_arg(ap, const char *));
        } else if (*p == 'd') {
            char text[16], *t = text + sizeof text;
            int v = va_arg(ap, int);
            unsigned m = v < 0 ? 0U - (unsigned)v : (unsigned)v;
            do {
                *--t = (char)('0' + m % 10);
                m /= 10;
            } while (m);
            if (v < 0)
                *--t = '-';
            rp_buf_append(b, t, (size_t)(text + sizeof text - t));
        } else { /* "%%" (the only other conversion allowed) */
            rp_buf_append(b, "%", 1);
        }
        run = p + 1;
    }
    rp_buf_append(b, run, strlen(run));
    va_end(ap);
}

void rp_buf_repeat(rp_buf_t *b, char c, size_t n)
{
    if (!rp_buf_reserve(b, n))
        return;
    memset(b->data + b->len, c, n);
    b->len += n;
    b->data[b->len] = '\0';
}

char *rp_buf_take(rp_buf_t *b)
{
    if (b->failed) {
        rp_buf_clear(b);
        return NULL;
    }
    char *p = b->data;
    if (!p) {
        p = malloc(1);
        if (p)
            p[0] = '\0';
    }
    rp_buf_init(b);
    return p;
}

void rp_free(void *p)
{
    free(p);
}
