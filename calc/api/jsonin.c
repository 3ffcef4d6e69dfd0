/*
 * jsonin.c — JSON text → cJSON tree, strictly: UTF-8 only, no NUL bytes,
 * no "\u0000" escapes (they would cut a string short), bounded nesting, and
 * every number keeping its exact source text (see json_internal.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_internal.h"

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

/* ---- duplicate members ------------------------------------------------------ */

static int by_key(const void *a, const void *b)
{
    return strcmp((*(const cJSON *const *)a)->string, (*(const cJSON *const *)b)->string);
}

/* A member of obj whose name an earlier one has too, or NULL (NULL also
 * when memory runs out: *nomem says so). */
static const cJSON *duplicate_member(const cJSON *obj, int *nomem)
{
    if (!cJSON_IsObject(obj) || !obj->child || !obj->child->next)
        return NULL;
    size_t n = 0;
    for (const cJSON *m = obj->child; m; m = m->next)
        n++;
    const cJSON *dup = NULL;
    if (n <= 8) {
        for (const cJSON *a = obj->child; a && !dup; a = a->next)
            for (const cJSON *b = a->next; b && !dup; b = b->next)
                if (strcmp(a->string, b->string) == 0)
                    dup = a;
        return dup;
    }
    /* sorted: a huge object costs n log n, not n² */
    const cJSON **keys = malloc(sizeof *keys * n);
    if (!keys) {
        *nomem = 1;
        return NULL;
    }
    size_t i = 0;
    for (const cJSON *m = obj->child; m; m = m->next)
        keys[i++] = m;
    qsort(keys, n, sizeof *keys, by_key);
    for (i = 1; i < n && !dup; i++)
        if (strcmp(keys[i - 1]->string, keys[i]->string) == 0)
            dup = keys[i];
    free(keys);
    return dup;
}

static rp_status duplicate_at(const cJSON *obj, char *path, size_t used, size_t size,
                              rp_error *err)
{
    int nomem = 0;
    const cJSON *dup = duplicate_member(obj, &nomem);
    if (nomem)
        return rp_fail(err, RP_E_NOMEM, "$", "out of memory");
    if (!dup)
        return RP_OK;
    char shown[48];
    rp_quote(shown, sizeof shown, dup->string, strlen(dup->string), 32);
    snprintf(path + used, size - used, ".%s", shown);
    return rp_fail(err, RP_E_DUPLICATE, path, "\"%s\" appears twice", shown);
}

/* A member name given twice in one object anywhere in the tree is an
 * error at its path (the first found, depth first). */
static rp_status find_duplicates(const cJSON *item, char *path, size_t used, size_t size,
                                 rp_error *err)
{
    rp_status st = duplicate_at(item, path, used, size, err);
    if (st != RP_OK)
        return st;
    int index = 0;
    for (const cJSON *m = item->child; m; m = m->next, index++) {
        if (!m->child)
            continue;
        char shown[48];
        if (cJSON_IsObject(item))
            rp_quote(shown, sizeof shown, m->string, strlen(m->string), 32);
        int n = cJSON_IsObject(item) ? snprintf(path + used, size - used, ".%s", shown)
                                     : snprintf(path + used, size - used, "[%d]", index);
        size_t next = n > 0 && (size_t)n < size - used ? used + (size_t)n : size - 1;
        st = find_duplicates(m, path, next, size, err);
        if (st != RP_OK)
            return st;
        path[used] = '\0';
    }
    return RP_OK;
}

static cJSON *parse(const char *text, size_t len, int flags, rp_error *err)
{
    if (len > RP_MAX_REQUEST_BYTES) {
        rp_fail(err, RP_E_TOO_LARGE, "$", "the request has %zu bytes; the limit is %d", len,
                RP_MAX_REQUEST_BYTES);
        return NULL;
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) { /* one BOM, from Windows editors */
        text += 3;
        len -= 3;
    }
    if (rp_json_scan(text, len, flags, err) != RP_OK || (flags & RP_PARSE_CHECK_ONLY))
        return NULL;

    char *copy = malloc(len + 1);
    if (!copy) {
        rp_fail(err, RP_E_NOMEM, "$", "out of memory");
        return NULL;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    cJSON *root = cJSON_ParseWithLengthOpts(copy, len + 1, NULL, 1);
    if (!root) {
        /* the scanner accepted the text: only memory can have run out */
        rp_fail(err, RP_E_NOMEM, "$", "out of memory while reading the request");
    } else {
        cursor_t c = {copy, len, 0};
        char path[RP_PATH_MAX] = "$";
        if (!attach_numbers(root, &c))
            rp_fail(err, RP_E_NOMEM, "$", "out of memory while reading numbers");
        else if ((flags & RP_PARSE_DUPLICATES) ||
                 find_duplicates(root, path, 1, sizeof path, err) == RP_OK)
            goto out;
        cJSON_Delete(root);
        root = NULL;
    }
out:
    free(copy);
    return root;
}

cJSON *rp_json_parse(const char *text, size_t len, rp_error *err)
{
    return parse(text, len, 0, err);
}

cJSON *rp_json_parse_request(const char *text, size_t len, rp_error *err)
{
    return parse(text, len, RP_PARSE_REQUEST, err);
}

cJSON *rp_json_parse_opts(const char *text, size_t len, int flags, rp_error *err)
{
    return parse(text, len, flags, err);
}

rp_status rp_json_check(const char *text, size_t len, int flags, rp_error *err)
{
    rp_error local;
    rp_error_reset(&local);
    parse(text, len, flags | RP_PARSE_CHECK_ONLY, &local);
    if (err)
        *err = local;
    return local.code;
}

rp_status rp_json_check_members(const cJSON *obj, const char *path, rp_error *err)
{
    char at[RP_PATH_MAX];
    size_t used = (size_t)snprintf(at, sizeof at, "%s", path);
    return duplicate_at(obj, at, used < sizeof at ? used : sizeof at - 1, sizeof at, err);
}

/* ---- spans of valid text ------------------------------------------------ */

static size_t after_space(const char *t, size_t len, size_t i)
{
    while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
        i++;
    return i;
}

/* Index just past the value starting at i (the text is known valid). */
static size_t after_value(const char *t, size_t len, size_t i)
{
    int depth = 0;
    do {
        char c = t[i];
        if (c == '"') {
            for (i++; i < len && t[i] != '"'; i++)
                if (t[i] == '\\')
                    i++;
            i++;
        } else if (c == '{' || c == '[') {
            depth++;
            i++;
        } else if (c == '}' || c == ']') {
            depth--;
            i++;
        } else if (depth > 0) {
            i++;
        } else {
            while (i < len && !strchr(",}] \t\n\r", t[i]))
                i++;
        }
    } while (depth > 0 && i < len);
    return i;
}

/* Whether the member name whose quote is at i (ending before end) decodes
 * to key; names with escapes are decoded as cJSON does. */
static int name_is(const char *t, size_t i, size_t end, const char *key)
{
    char buf[64];
    size_t o = 0;
    for (i++; i + 1 < end && o + 4 < sizeof buf; i++) {
        if (t[i] != '\\') {
            buf[o++] = t[i];
            continue;
        }
        char e = t[++i];
        const char *simple = "\"\"\\\\//b\bf\fn\nr\rt\t";
        const char *hit = strchr(simple, e);
        if (e != 'u' && hit && (hit - simple) % 2 == 0) {
            buf[o++] = hit[1];
            continue;
        }
        unsigned u = 0;
        if (!rp_json_hex4(t + i + 1, end - i - 1, &u))
            return 0;
        i += 4;
        if (u >= 0xD800 && u <= 0xDBFF)
            return 0; /* outside the BMP: no key of ours */
        if (u < 0x80) {
            buf[o++] = (char)u;
        } else if (u < 0x800) {
            buf[o++] = (char)(0xC0 | u >> 6);
            buf[o++] = (char)(0x80 | (u & 0x3F));
        } else {
            buf[o++] = (char)(0xE0 | u >> 12);
            buf[o++] = (char)(0x80 | ((u >> 6) & 0x3F));
            buf[o++] = (char)(0x80 | (u & 0x3F));
        }
    }
    if (i + 1 < end)
        return 0; /* longer than any key of ours */
    buf[o] = '\0';
    return strcmp(buf, key) == 0;
}

int rp_json_member_span(const char *text, size_t len, size_t at, const char *key, size_t *start,
                        size_t *end)
{
    size_t i = after_space(text, len, at);
    if (i >= len || text[i] != '{')
        return 0;
    i = after_space(text, len, i + 1);
    while (i < len && text[i] == '"') {
        size_t name = i, name_end = after_value(text, len, i);
        i = after_space(text, len, name_end) + 1; /* past ':' */
        i = after_space(text, len, i);
        size_t value_end = after_value(text, len, i);
        if (name_is(text, name, name_end, key)) {
            *start = i;
            *end = value_end;
            return 1;
        }
        i = after_space(text, len, value_end);
        if (i < len && text[i] == ',')
            i = after_space(text, len, i + 1);
    }
    return 0;
}

int rp_json_array_spans(const char *text, size_t len, size_t at, size_t *spans, int cap)
{
    size_t i = after_space(text, len, at);
    if (i >= len || text[i] != '[')
        return -1;
    i = after_space(text, len, i + 1);
    int count = 0;
    while (i < len && text[i] != ']') {
        size_t end = after_value(text, len, i);
        if (count < cap) {
            spans[2 * count] = i;
            spans[2 * count + 1] = end;
        }
        count++;
        i = after_space(text, len, end);
        if (i < len && text[i] == ',')
            i = after_space(text, len, i + 1);
    }
    return count;
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
