/*
 * rate.c — rate text and rate units.
 *
 * A rate arrives as a decimal fraction ("0.049"), with a sign of parts
 * ("4.9%", "5‰", "5‱"), or as a Chinese phrase ("万分之五", "百分之二十四"),
 * optionally led by 年 / 月 / 日 to say what period it is quoted per.
 * 月利率 = 年利率 / 12 and 日利率 = 年利率 / 360 (or / 365 by contract).
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define RATE_TEXT_MAX 96

/* If s starts with the UTF-8 text lit, skips it and returns 1. */
static int take(const char **s, const char *end, const char *lit)
{
    size_t n = strlen(lit);
    if ((size_t)(end - *s) >= n && memcmp(*s, lit, n) == 0) {
        *s += n;
        return 1;
    }
    return 0;
}

static int chinese_digit(const char **s, const char *end)
{
    static const char *const digits[] = {"零", "〇", "一", "二", "两", "三", "四",
                                         "五", "六", "七", "八", "九"};
    static const int values[] = {0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
        if (take(s, end, digits[i]))
            return values[i];
    return -1;
}

static int chinese_unit(const char **s, const char *end)
{
    if (take(s, end, "十"))
        return 10;
    if (take(s, end, "百"))
        return 100;
    if (take(s, end, "千"))
        return 1000;
    return 0;
}

/* Reads a Chinese numeral ("五", "二十四", "一百零五", "一点五") into an ASCII
 * decimal in out. Units must fall (千 > 百 > 十); a digit after 百 or 千 needs
 * 零 before it ("一百零五" = 105), since "一百五" colloquially means 150. */
static rp_status chinese_number(char *out, size_t size, const char *s, const char *end,
                                rp_error *err)
{
    int total = 0, pending = -1, last_unit = 10000, zero_seen = 0, any = 0;
    int pending_after_zero = 0;
    while (s < end) {
        int d = chinese_digit(&s, end);
        if (d >= 0) {
            any = 1;
            if (pending >= 0)
                return rp_fail(err, RP_E_VALUE, NULL, "two Chinese digits in a row need a unit (十/百/千) between them");
            if (d == 0) {
                zero_seen = 1;
                continue;
            }
            pending = d;
            pending_after_zero = zero_seen;
            continue;
        }
        int u = chinese_unit(&s, end);
        if (u == 0)
            break;
        any = 1;
        if (u >= last_unit)
            return rp_fail(err, RP_E_VALUE, NULL, "Chinese number units must fall: 千, 百, 十");
        int mult = pending;
        if (mult < 0) {
            if (u != 10 || total != 0)
                return rp_fail(err, RP_E_VALUE, NULL, "a digit is missing before %s",
                               u == 10 ? "十" : u == 100 ? "百" : "千");
            mult = 1; /* 十五 = 15 */
        }
        total += mult * u;
        last_unit = u;
        pending = -1;
        zero_seen = 0;
    }
    if (pending >= 0) {
        if (last_unit > 10 && last_unit < 10000 && !pending_after_zero)
            return rp_fail(err, RP_E_VALUE, NULL, "ambiguous Chinese number: write 一百五十 or 一百零五");
        total += pending;
    }
    if (!any)
        return rp_fail(err, RP_E_VALUE, NULL, "expected a number after 分之");
    size_t o = (size_t)snprintf(out, size, "%d", total);
    if (s < end && take(&s, end, "点")) {
        if (o + 1 < size)
            out[o++] = '.';
        int frac = 0;
        while (s < end) {
            int d = chinese_digit(&s, end);
            if (d < 0)
                break;
            if (o + 1 < size)
                out[o++] = (char)('0' + d);
            frac++;
        }
        if (frac == 0)
            return rp_fail(err, RP_E_VALUE, NULL, "expected digits after 点");
    }
    out[o < size ? o : size - 1] = '\0';
    if (s != end)
        return rp_fail(err, RP_E_VALUE, NULL, "unexpected text after the Chinese number");
    return RP_OK;
}

rp_status rp_rate_parse(mpq_t out, rp_rate_unit *unit, const char *text, rp_error *err)
{
    int bare;
    return rp_rate_parse_text(out, unit, &bare, text, err);
}

rp_status rp_rate_parse_text(mpq_t out, rp_rate_unit *unit, int *bare, const char *text,
                             rp_error *err)
{
    size_t len = strnlen(text, RATE_TEXT_MAX + 1);
    if (len > RATE_TEXT_MAX)
        return rp_fail(err, RP_E_RANGE, NULL, "a rate may have at most %d bytes", RATE_TEXT_MAX);
    const char *s = text, *end = text + len;
    rp_rate_unit u = RP_RATE_UNSPECIFIED;
    if (take(&s, end, "年"))
        u = RP_RATE_ANNUAL;
    else if (take(&s, end, "月"))
        u = RP_RATE_MONTHLY;
    else if (take(&s, end, "日"))
        u = RP_RATE_DAILY;

    mpq_t v;
    mpq_init(v);
    rp_status st = RP_OK;
    unsigned long parts = 0; /* divide by this: 100 for percent, … */
    if (take(&s, end, "百分之"))
        parts = 100;
    else if (take(&s, end, "千分之"))
        parts = 1000;
    else if (take(&s, end, "万分之"))
        parts = 10000;

    if (parts) {
        /* 万分之0.5 (ASCII) or 万分之零点五 (Chinese). */
        char ascii[RATE_TEXT_MAX + 8];
        size_t used = 0;
        if (s < end && *s >= '0' && *s <= '9') {
            st = rp_decimal_parse_prefix(v, &used, s, (size_t)(end - s), err);
            if (st == RP_OK && s + used != end)
                st = rp_fail(err, RP_E_VALUE, NULL, "unexpected text after the rate's number");
        } else {
            st = chinese_number(ascii, sizeof ascii, s, end, err);
            if (st == RP_OK)
                st = rp_decimal_parse(v, ascii, err);
        }
    } else {
        size_t used = 0;
        st = rp_decimal_parse_prefix(v, &used, s, (size_t)(end - s), err);
        if (st == RP_E_VALUE && err && strncmp(err->message, "expected a decimal", 18) == 0)
            rp_fail(err, st, NULL, "expected a rate like 4.9%%, 0.049, 5‰ or 万分之五");
        if (st == RP_OK) {
            s += used;
            if (take(&s, end, "%") || take(&s, end, "％"))
                parts = 100;
            else if (take(&s, end, "‰"))
                parts = 1000;
            else if (take(&s, end, "‱"))
                parts = 10000;
            else
                parts = 1;
            if (s != end)
                st = rp_fail(err, RP_E_VALUE, NULL,
                             "unexpected text after the rate: write it like 4.9%%, 0.049, 5‰ or 万分之五");
        }
    }
    if (st == RP_OK && mpq_sgn(v) < 0)
        st = rp_fail(err, RP_E_VALUE, NULL, "a rate must not be negative");
    if (st == RP_OK) {
        mpq_t d;
        mpq_init(d);
        mpq_set_ui(d, parts, 1);
        mpq_div(v, v, d); /* parts ≥ 1 */
        mpq_clear(d);
        mpq_swap(out, v);
        *unit = u;
        *bare = parts == 1;
    }
    mpq_clear(v);
    return st;
}

void rp_rate_to_annual(mpq_t annual, const mpq_t value, rp_rate_unit unit, int daily_basis)
{
    mpq_t k;
    mpq_init(k);
    switch (unit) {
    case RP_RATE_MONTHLY:
        mpq_set_ui(k, 12, 1);
        break;
    case RP_RATE_DAILY:
        mpq_set_ui(k, daily_basis > 0 ? (unsigned long)daily_basis : 360, 1);
        break;
    default:
        mpq_set_ui(k, 1, 1);
        break;
    }
    mpq_mul(annual, value, k);
    mpq_clear(k);
}

rp_status rp_rate_check_max(mpq_srcptr annual, const char *path, const char *subject,
                            rp_error *err)
{
    mpq_t cap;
    mpq_init(cap);
    mpq_set_ui(cap, RP_MAX_RATE_PERCENT, 100);
    mpq_canonicalize(cap);
    int too_high = mpq_cmp(annual, cap) > 0;
    mpq_clear(cap);
    if (too_high)
        return rp_fail(err, RP_E_RANGE, path, "%s must be at most %d%%", subject,
                       RP_MAX_RATE_PERCENT);
    return RP_OK;
}

rp_status rp_daily_basis_check(int basis, const char *path, rp_error *err)
{
    if (basis != 360 && basis != 365)
        return rp_fail(err, RP_E_VALUE, path, "daily_basis must be 360 or 365");
    return RP_OK;
}

void rp_rate_readings(mpq_ptr as_percent, mpq_ptr as_fraction, mpq_srcptr bare)
{
    mpq_t hundred;
    mpq_init(hundred);
    mpq_set_ui(hundred, 100, 1);
    mpq_mul(as_percent, bare, hundred);
    mpq_div(as_fraction, bare, hundred);
    mpq_clear(hundred);
}
