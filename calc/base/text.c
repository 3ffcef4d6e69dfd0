/*
 * text.c — user text on its way out: UTF-8 checked, cut on character
 * boundaries, made safe for a terminal (no control character or bidi
 * override gets through raw) and for a spreadsheet (RFC 4180 quoting, no
 * formula). Everything repay writes that a user typed — ids, proposal
 * names, fee kinds, bucket labels, messages quoting input — passes here.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"

size_t rp_utf8_sequence(const unsigned char *s, size_t left)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0; /* no overlong forms */
        if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        if (c == 0xF4)
            hi = 0x8F; /* nothing above U+10FFFF */
    } else
        return 0;
    if (left < n || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t k = 2; k < n; k++)
        if ((s[k] & 0xC0) != 0x80)
            return 0;
    return n;
}

long rp_utf8_chars(const char *s)
{
    long n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

void rp_utf8_cut(char *s, size_t len)
{
    /* drop an incomplete sequence at the end (a cut in the middle of one) */
    size_t i = len;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80 && len - i < 3)
        i--;
    if (i > 0 && (unsigned char)s[i - 1] >= 0xC0 &&
        rp_utf8_sequence((const unsigned char *)s + i - 1, len - i + 1) != len - i + 1)
        len = i - 1;
    s[len] = '\0';
}

/* The code point of the valid sequence of n bytes at p. */
static unsigned code_point(const unsigned char *p, size_t n)
{
    static const unsigned char lead_mask[5] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    unsigned cp = p[0] & lead_mask[n];
    for (size_t k = 1; k < n; k++)
        cp = cp << 6 | (p[k] & 0x3F);
    return cp;
}

int rp_text_unsafe(unsigned cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || /* C0, DEL, C1 */
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || /* bidi */
           cp == 0x2028 || cp == 0x2029;                                      /* separators */
}

void rp_buf_visible(rp_buf_t *b, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t plain = 0; /* start of the run that needs nothing */
    for (size_t i = 0; i < len;) {
        size_t n = rp_utf8_sequence(p + i, len - i);
        unsigned cp = n ? code_point(p + i, n) : 0;
        if (n && !rp_text_unsafe(cp)) {
            i += n;
            continue;
        }
        rp_buf_append(b, s + plain, i - plain);
        if (!n)
            rp_buf_printf(b, "\\x%02X", p[i]); /* not UTF-8: the byte, visibly */
        else if (cp < 0x100)
            rp_buf_printf(b, "\\x%02X", cp);
        else
            rp_buf_printf(b, "\\u%04X", cp);
        i += n ? n : 1;
        plain = i;
    }
    rp_buf_append(b, s + plain, len - plain);
}

/* A plain decimal or an ISO date: a spreadsheet reads it as a number or a
 * date, and it cannot be a formula, so it is written as it is. */
static int is_number_or_date(const char *s)
{
    size_t n = strlen(s), i = 0;
    if (n == 10 && s[4] == '-' && s[7] == '-') {
        for (i = 0; i < n; i++)
            if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
                return 0;
        return 1;
    }
    if (s[i] == '-')
        i++;
    size_t digits = 0, points = 0;
    for (; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (s[i] == '.' && points++ == 0 && digits > 0)
            continue;
        else
            return 0;
    }
    return digits > 0 && s[n - 1] != '.';
}

/* A word made of letters, digits, _ . [ and ] ("paid_late", "M1",
 * "summary.payment", "roots[0]"): no cell can break on it and no
 * spreadsheet runs it. */
static int is_word(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '.' || *s == '[' || *s == ']'))
            return 0;
    return 1;
}

void rp_buf_csv_cell(rp_buf_t *b, const char *s, int user)
{
    if (is_number_or_date(s) || (!user && is_word(s))) {
        rp_buf_puts(b, s); /* as it is: numeric columns stay numeric */
        return;
    }
    /* text: quoted (RFC 4180), "" for a quote, control characters shown
     * visibly, and a leading =, +, -, @, tab or CR neutralized with ' so
     * that a spreadsheet shows it as text instead of running it as a
     * formula (OWASP, CSV injection) */
    rp_buf_puts(b, "\"");
    if (*s && strchr("=+-@\t\r", s[0]))
        rp_buf_puts(b, "'");
    rp_buf_t v;
    rp_buf_init(&v);
    rp_buf_visible(&v, s, strlen(s));
    for (size_t i = 0; i < v.len; i++) {
        if (v.data[i] == '"')
            rp_buf_puts(b, "\"\"");
        else
            rp_buf_append(b, v.data + i, 1);
    }
    b->failed |= v.failed;
    rp_buf_clear(&v);
    rp_buf_puts(b, "\"");
}

size_t rp_text_width(const char *s)
{
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        size_t n = rp_utf8_sequence(p + i, len - i);
        unsigned cp = n ? code_point(p + i, n) : 0;
        /* East Asian wide ranges: CJK, Hangul, full-width forms */
        int wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                   (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                   (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                   (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
        w += wide ? 2 : 1;
        i += n ? n : 1;
    }
    return w;
}
