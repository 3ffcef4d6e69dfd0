/*
 * jsonin.c — JSON text → cJSON tree, strictly: UTF-8 only, no NUL bytes,
 * no "\u0000" escapes (they would cut a string short), bounded nesting, and
 * every number keeping its exact source text (see json_internal.h).
 */
#include <stdlib.h>
#include <string.h>

#include "json_internal.h"

/* Length of the valid UTF-8 sequence at s (1–4), or 0 if invalid. */
static size_t utf8_sequence(const unsigned char *s, size_t left)
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

/* Index just past the string whose opening quote is at i. */
static size_t skip_string(const char *t, size_t i, size_t len, int *nul_escape)
{
    for (i++; i < len && t[i] != '"'; i++) {
        if (t[i] == '\\' && i + 1 < len) {
            if (strncmp(t + i + 1, "u0000", 5) == 0)
                *nul_escape = 1;
            i++;
        }
    }
    return i + 1;
}

static int is_number_char(char c)
{
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/* Deepest bracket nesting outside strings, up to len. */
static int max_depth(const char *t, size_t len)
{
    int depth = 0, deepest = 0, nul = 0;
    for (size_t i = 0; i < len;) {
        char c = t[i];
        if (c == '"') {
            i = skip_string(t, i, len, &nul);
            continue;
        }
        if (c == '{' || c == '[')
            deepest = ++depth > deepest ? depth : deepest;
        else if (c == '}' || c == ']')
            depth--;
        i++;
    }
    return deepest;
}

typedef struct cursor {
    const char *text;
    size_t len;
    size_t pos;
} cursor_t;

/* Gives every number node, in document order, the text of the next number
 * token. cJSON keeps members in document order, so the two walks agree. */
static int attach_numbers(cJSON *item, cursor_t *c)
{
    for (; item; item = item->next) {
        if (cJSON_IsNumber(item)) {
            int nul = 0;
            while (c->pos < c->len) {
                char ch = c->text[c->pos];
                if (ch == '"')
                    c->pos = skip_string(c->text, c->pos, c->len, &nul);
                else if (ch == '-' || (ch >= '0' && ch <= '9'))
                    break;
                else
                    c->pos++;
            }
            size_t start = c->pos;
            while (c->pos < c->len && is_number_char(c->text[c->pos]))
                c->pos++;
            if (c->pos == start)
                return 0;
            size_t n = c->pos - start;
            char *s = cJSON_malloc(n + 1);
            if (!s)
                return 0;
            memcpy(s, c->text + start, n);
            s[n] = '\0';
            item->valuestring = s;
        }
        if (item->child && !attach_numbers(item->child, c))
            return 0;
    }
    return 1;
}

static int tree_depth(const cJSON *item)
{
    int deepest = 0;
    for (; item; item = item->next) {
        int d = item->child ? 1 + tree_depth(item->child) : 0;
        if (d > deepest)
            deepest = d;
    }
    return deepest;
}

cJSON *rp_json_parse(const char *text, size_t len, rp_error *err)
{
    if (len > RP_MAX_REQUEST_BYTES) {
        rp_fail(err, RP_E_TOO_LARGE, "$", "the request has %zu bytes; the limit is %d", len,
                RP_MAX_REQUEST_BYTES);
        return NULL;
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) { /* a BOM from Windows editors */
        text += 3;
        len -= 3;
    }
    for (size_t i = 0; i < len;) {
        size_t n = text[i] ? utf8_sequence((const unsigned char *)text + i, len - i) : 0;
        if (n == 0) {
            int line, column;
            locate(text, i, &line, &column);
            rp_fail(err, RP_E_JSON, "$", "%s at line %d, column %d",
                    text[i] ? "invalid UTF-8" : "a NUL byte", line, column);
            return NULL;
        }
        i += n;
    }
    char *copy = malloc(len + 1);
    if (!copy) {
        rp_fail(err, RP_E_NOMEM, "$", "out of memory");
        return NULL;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';

    cJSON *root = NULL;
    const char *end = NULL;
    int nul_escape = 0;
    for (size_t i = 0; i < len; i++)
        if (copy[i] == '"')
            i = skip_string(copy, i, len, &nul_escape) - 1;
    if (nul_escape) {
        rp_fail(err, RP_E_JSON, "$", "strings must not contain \\u0000");
        goto out;
    }
    root = cJSON_ParseWithLengthOpts(copy, len + 1, &end, 1);
    if (!root) {
        size_t at = end ? (size_t)(end - copy) : 0;
        if (max_depth(copy, at) >= CJSON_NESTING_LIMIT) {
            rp_fail(err, RP_E_RANGE, "$", "the request nests deeper than %d levels",
                    RP_MAX_JSON_DEPTH);
        } else {
            int line, column;
            locate(copy, at, &line, &column);
            rp_fail(err, RP_E_JSON, "$", "malformed JSON at line %d, column %d%s", line, column,
                    len == 0 ? " (the request is empty)" : "");
        }
        goto out;
    }
    if (tree_depth(root) > RP_MAX_JSON_DEPTH) {
        rp_fail(err, RP_E_RANGE, "$", "the request nests deeper than %d levels", RP_MAX_JSON_DEPTH);
        cJSON_Delete(root);
        root = NULL;
        goto out;
    }
    cursor_t c = {copy, len, 0};
    if (!attach_numbers(root, &c)) {
        rp_fail(err, RP_E_NOMEM, "$", "out of memory while reading numbers");
        cJSON_Delete(root);
        root = NULL;
    }
out:
    free(copy);
    return root;
}

const char *rp_json_type_name(const cJSON *item)
{
    if (!item || cJSON_IsNull(item))
        return "null";
    if (cJSON_IsBool(item))
        return "true/false";
    if (cJSON_IsNumber(item))
        return "a number";
    if (cJSON_IsString(item))
        return "a string";
    if (cJSON_IsArray(item))
        return "an array";
    if (cJSON_IsObject(item))
        return "an object";
    return "a value";
}

const char *rp_json_number_text(const cJSON *item)
{
    return item && item->valuestring ? item->valuestring : "0";
}
