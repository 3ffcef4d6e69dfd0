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
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
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
    for (size_t i = 0; i < n && o + 1 < size; i++) {
        unsigned char c = (unsigned char)text[i];
        buf[o++] = (c < 0x20 || c == 0x7F) ? '?' : (char)c;
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
