/*
 * error.c — status codes, their stable names, and error reports.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

static const char *const status_names[] = {
    [RP_OK] = "ok",
    [RP_E_JSON] = "invalid_json",
    [RP_E_TOO_LARGE] = "too_large",
    [RP_E_MISSING] = "missing_field",
    [RP_E_TYPE] = "wrong_type",
    [RP_E_UNKNOWN] = "unknown_field",
    [RP_E_DUPLICATE] = "duplicate_field",
    [RP_E_VALUE] = "invalid_value",
    [RP_E_RANGE] = "out_of_range",
    [RP_E_NOMEM] = "out_of_memory",
    [RP_E_INTERNAL] = "internal",
};

const char *rp_strerror(rp_status status)
{
    if ((unsigned)status < sizeof status_names / sizeof status_names[0])
        return status_names[status];
    return "internal";
}

int rp_status_exit_code(rp_status status)
{
    switch (status) {
    case RP_OK:
        return 0;
    case RP_E_NOMEM:
    case RP_E_INTERNAL:
        return 3;
    default:
        return 2;
    }
}

void rp_error_reset(rp_error *err)
{
    if (!err)
        return;
    err->code = RP_OK;
    err->path[0] = '\0';
    err->message[0] = '\0';
}

rp_status rp_fail(rp_error *err, rp_status code, const char *path, const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    snprintf(err->path, sizeof err->path, "%s", path ? path : "");
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof err->message) /* cut: never in the middle of a character */
        rp_utf8_cut(err->message, sizeof err->message - 1);
    if (strlen(err->path) + 1 == sizeof err->path)
        rp_utf8_cut(err->path, sizeof err->path - 1);
    return code;
}

void rp_error_prefix(rp_error *err, const char *prefix)
{
    if (!err || !prefix || !*prefix)
        return;
    char joined[RP_PATH_MAX];
    const char *sep = (err->path[0] == '\0' || err->path[0] == '[') ? "" : ".";
    snprintf(joined, sizeof joined, "%s%s%s", prefix, sep, err->path);
    memcpy(err->path, joined, sizeof joined);
}

void rp_quote(char *buf, size_t size, const char *text, size_t len, size_t max)
{
    if (size == 0)
        return;
    size_t n = len < max ? len : max;
    /* Back off to a character boundary: never cut a UTF-8 sequence. */
    if (n < len)
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--;
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < size;) {
        const unsigned char *p = (const unsigned char *)text + i;
        size_t k = rp_utf8_sequence(p, n - i);
        unsigned cp = k == 1 ? p[0] : k == 2 ? (unsigned)(p[0] & 0x1F) << 6 | (p[1] & 0x3F)
                    : k == 3 ? (unsigned)(p[0] & 0x0F) << 12 | (unsigned)(p[1] & 0x3F) << 6 | (p[2] & 0x3F)
                             : 0x10000;
        if (k == 0 || rp_text_unsafe(cp) || o + k >= size) {
            buf[o++] = '?'; /* a control character, an override, a broken byte */
            i += k ? k : 1;
            continue;
        }
        memcpy(buf + o, p, k);
        o += k;
        i += k;
    }
    if (n < len && o + 4 < size) {
        memcpy(buf + o, "\xE2\x80\xA6", 3); /* … */
        o += 3;
    }
    buf[o] = '\0';
}

int rp_name_index(const char *const *names, int count, const char *name)
{
    for (int i = 0; i < count; i++)
        if (names[i] && strcmp(names[i], name) == 0)
            return i;
    return -1;
}

const char *rp_names_join(char *out, size_t size, const char *const *names, int count)
{
    size_t used = 0;
    out[0] = '\0';
    for (int k = 0; k < count && used < size; k++)
        used += (size_t)snprintf(out + used, size - used, "%s%s", k ? ", " : "", names[k]);
    return out;
}
