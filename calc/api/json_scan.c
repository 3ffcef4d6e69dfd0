/*
 * json_scan.c — the strict scanner: RFC 8259 to the letter, before cJSON
 * sees the text (cJSON is lenient: it takes any byte up to a space as
 * whitespace, raw control characters in strings, a second BOM, junk after
 * the value). Whitespace is space, tab, LF and CR only; strings hold no raw
 * control character, no "\u0000" and no lone surrogate; numbers follow the
 * grammar; nothing follows the value. It also counts the values, so that a
 * huge tree is refused before it is built, and bounds the nesting.
 */
#include <stdio.h>
#include <string.h>

#include "json_internal.h"

/* Line and column (in characters) of byte offset, for messages. */
static void locate(const char *text, size_t offset, int *line, int *column)
{
    *line = 1;
    *column = 1;
    for (size_t i = 0; i < offset && text[i]; i++) {
        if (text[i] == '\n') {
            (*line)++;
            *column = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            (*column)++;
        }
    }
}

typedef struct scanner {
    const char *t;
    size_t len, pos;
    long values;
    int flags;     /* RP_PARSE_… */
    rp_error *err;
} scanner_t;

static rp_status syntax(scanner_t *s, size_t at, const char *what)
{
    int line, column;
    char control[96];
    locate(s->t, at, &line, &column);
    if (at < s->len && (unsigned char)s->t[at] < 0x20) {
        snprintf(control, sizeof control, "a control character (U+%04X); only space, tab, LF "
                 "and CR are whitespace", (unsigned)(unsigned char)s->t[at]);
        what = control;
    } else if (s->len - at >= 3 && memcmp(s->t + at, "\xEF\xBB\xBF", 3) == 0) {
        what = "a second byte order mark";
    }
    return rp_fail(s->err, RP_E_JSON, "$", "malformed JSON at line %d, column %d: %s%s", line,
                   column, what, s->len == 0 ? " (the request is empty)" : "");
}

static void skip_space(scanner_t *s)
{
    while (s->pos < s->len) {
        char c = s->t[s->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        s->pos++;
    }
}

int rp_json_hex4(const char *p, size_t left, unsigned *out)
{
    if (left < 4)
        return 0;
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return 0;
        v = v * 16 + (unsigned)d;
    }
    *out = v;
    return 1;
}

/* The string whose opening quote is at s->pos. *is_id (if not NULL) tells
 * whether it reads "id" (a name with escapes never counts). */
static rp_status scan_string(scanner_t *s, int *is_id)
{
    size_t start = ++s->pos;
    while (s->pos < s->len) {
        unsigned char c = (unsigned char)s->t[s->pos];
        if (c == '"') {
            if (is_id)
                *is_id = s->pos - start == 2 && memcmp(s->t + start, "id", 2) == 0;
            s->pos++;
            return RP_OK;
        }
        if (c < 0x20)
            return syntax(s, s->pos, c == '\n'   ? "a line break inside a string (write \\n)"
                                     : c == '\t' ? "a tab inside a string (write \\t)"
                                                 : "a control character inside a string");
        if (c != '\\') {
            s->pos++;
            continue;
        }
        size_t at = s->pos++;
        if (s->pos >= s->len)
            break;
        char e = s->t[s->pos++];
        if (strchr("\"\\/bfnrt", e))
            continue;
        unsigned u, lo;
        if (e != 'u' || !rp_json_hex4(s->t + s->pos, s->len - s->pos, &u))
            return syntax(s, at, "an invalid escape in a string");
        s->pos += 4;
        if (u == 0 && !(s->flags & RP_PARSE_NUL_ESCAPES))
            return rp_fail(s->err, RP_E_JSON, "$", "strings must not contain \\u0000");
        if (u >= 0xDC00 && u <= 0xDFFF)
            return syntax(s, at, "a lone low surrogate escape in a string");
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (s->len - s->pos < 6 || s->t[s->pos] != '\\' || s->t[s->pos + 1] != 'u' ||
                !rp_json_hex4(s->t + s->pos + 2, s->len - s->pos - 2, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                return syntax(s, at, "a high surrogate escape without its low half");
            s->pos += 6;
        }
    }
    return syntax(s, s->len, "a string is not closed");
}

static int digit_at(const scanner_t *s, size_t i)
{
    return i < s->len && s->t[i] >= '0' && s->t[i] <= '9';
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static rp_status scan_number(scanner_t *s)
{
    size_t at = s->pos, i = s->pos;
    if (i < s->len && s->t[i] == '-')
        i++;
    if (!digit_at(s, i))
        return syntax(s, at, "expected a value");
    if (s->t[i] == '0') {
        if (digit_at(s, ++i))
            return syntax(s, at, "a number with a leading zero");
    } else {
        while (digit_at(s, i))
            i++;
    }
    if (i < s->len && s->t[i] == '.') {
        if (!digit_at(s, ++i))
            return syntax(s, at, "a number ends in a point");
        while (digit_at(s, i))
            i++;
    }
    if (i < s->len && (s->t[i] == 'e' || s->t[i] == 'E')) {
        i++;
        if (i < s->len && (s->t[i] == '+' || s->t[i] == '-'))
            i++;
        if (!digit_at(s, i))
            return syntax(s, at, "a number's exponent has no digits");
        while (digit_at(s, i))
            i++;
    }
    s->pos = i;
    return RP_OK;
}

static rp_status scan_value(scanner_t *s, int depth);

/* The object or array whose bracket is at s->pos, at nesting level depth. */
static rp_status scan_container(scanner_t *s, int depth)
{
    int object = s->t[s->pos] == '{';
    char close = object ? '}' : ']';
    if (depth > RP_MAX_JSON_DEPTH)
        return rp_fail(s->err, RP_E_RANGE, "$", "the request nests deeper than %d levels",
                       RP_MAX_JSON_DEPTH);
    s->pos++;
    skip_space(s);
    if (s->pos < s->len && s->t[s->pos] == close) {
        s->pos++;
        return RP_OK;
    }
    for (;;) {
        int is_id = 0;
        if (object) {
            if (s->pos >= s->len || s->t[s->pos] != '"')
                return syntax(s, s->pos, "expected a member name in quotes");
            rp_status st = scan_string(s, &is_id);
            if (st != RP_OK)
                return st;
            skip_space(s);
            if (s->pos >= s->len || s->t[s->pos] != ':')
                return syntax(s, s->pos, "expected ':' after a member name");
            s->pos++;
            skip_space(s);
        }
        size_t value = s->pos;
        rp_status st = scan_value(s, depth);
        if (st != RP_OK)
            return st;
        if (is_id && depth == 1 && (s->flags & RP_PARSE_REQUEST) && strchr("{[tfn", s->t[value]))
            /* an id is echoed back: refused before any tree is built */
            return rp_fail(s->err, RP_E_TYPE, "$.id",
                           "id must be a string of at most %d characters or a number",
                           RP_MAX_ID_CHARS);
        skip_space(s);
        if (s->pos < s->len && s->t[s->pos] == ',') {
            s->pos++;
            skip_space(s);
            continue;
        }
        if (s->pos < s->len && s->t[s->pos] == close) {
            s->pos++;
            return RP_OK;
        }
        return syntax(s, s->pos, object ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

static rp_status scan_value(scanner_t *s, int depth)
{
    static const char *const words[] = {"true", "false", "null"};
    if (++s->values > RP_MAX_JSON_VALUES)
        return rp_fail(s->err, RP_E_TOO_LARGE, "$",
                       "the request holds more than %d JSON values (numbers, strings, objects, …)",
                       RP_MAX_JSON_VALUES);
    if (s->pos >= s->len)
        return syntax(s, s->pos, "expected a value");
    char c = s->t[s->pos];
    if (c == '{' || c == '[')
        return scan_container(s, depth + 1);
    if (c == '"')
        return scan_string(s, NULL);
    for (int i = 0; i < 3; i++) {
        size_t n = strlen(words[i]);
        if (words[i][0] == c) {
            if (s->len - s->pos < n || memcmp(s->t + s->pos, words[i], n) != 0)
                return syntax(s, s->pos, "expected a value");
            s->pos += n;
            return RP_OK;
        }
    }
    return scan_number(s);
}

rp_status rp_json_scan(const char *text, size_t len, int flags, rp_error *err)
{
    for (size_t i = 0; i < len;) {
        size_t n = text[i] ? rp_utf8_sequence((const unsigned char *)text + i, len - i) : 0;
        if (n == 0) {
            int line, column;
            locate(text, i, &line, &column);
            return rp_fail(err, RP_E_JSON, "$", "%s at line %d, column %d",
                           text[i] ? "invalid UTF-8" : "a NUL byte", line, column);
        }
        i += n;
    }
    scanner_t s = {text, len, 0, 0, flags, err};
    skip_space(&s);
    rp_status st = scan_value(&s, 0);
    if (st == RP_OK) {
        skip_space(&s);
        if (s.pos < s.len)
            st = syntax(&s, s.pos, "text after the end of the value");
    }
    return st;
}
