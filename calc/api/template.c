/*
 * template.c — a small Mustache-like template engine for documents whose
 * wording lives in data files (the repayment letter): the wording stays
 * in one template per language, the numbers come from a context built
 * from the computed plan, never typed in.
 *
 *   {{key}}            the context's value (a string or number), as text;
 *                      a dotted key ("claim.total") walks objects
 *   {{#key}} … {{/key}} the section once for a true value or an object
 *                      (which becomes the context), once per element of
 *                      an array, not at all for false, null, "" or []
 *   {{^key}} … {{/key}} the section only when {{#key}} would skip it
 *
 * A key not found in the context is looked up in the enclosing ones, as
 * Mustache does. Nothing is escaped here: the caller escapes when it
 * turns the text into HTML. A malformed template is an internal error: the
 * templates are the repository's own.
 */
#include <stdio.h>
#include <string.h>

#include "ops.h"

#define MAX_DEPTH 16

typedef struct scope {
    const cJSON *ctx[MAX_DEPTH];
    int depth;
} scope_t;

static const cJSON *lookup(const scope_t *s, const char *key, size_t len)
{
    char name[64];
    if (len == 1 && key[0] == '.')
        return s->ctx[s->depth - 1];
    for (int d = s->depth - 1; d >= 0; d--) {
        const cJSON *v = s->ctx[d];
        size_t at = 0;
        while (v && at < len) {
            size_t dot = at;
            while (dot < len && key[dot] != '.')
                dot++;
            if (dot - at >= sizeof name)
                return NULL;
            memcpy(name, key + at, dot - at);
            name[dot - at] = '\0';
            v = cJSON_IsObject(v) ? cJSON_GetObjectItemCaseSensitive(v, name) : NULL;
            at = dot + 1;
        }
        if (v)
            return v;
    }
    return NULL;
}

static int truthy(const cJSON *v)
{
    if (!v || cJSON_IsFalse(v) || cJSON_IsNull(v))
        return 0;
    if (cJSON_IsString(v))
        return v->valuestring[0] != '\0';
    if (cJSON_IsArray(v))
        return v->child != NULL;
    return 1;
}

/* The end of the section opened by "{{#key}}" (or ^) whose body starts at
 * body: the position of its "{{/key}}", nested sections skipped. */
static const char *section_end(const char *body, const char *key, size_t len, const char **after)
{
    int depth = 1;
    for (const char *p = strstr(body, "{{"); p; p = strstr(p + 2, "{{")) {
        const char *close = strstr(p, "}}");
        if (!close)
            return NULL;
        if ((p[2] == '#' || p[2] == '^') && (size_t)(close - p - 3) == len &&
            memcmp(p + 3, key, len) == 0)
            depth++;
        else if (p[2] == '/' && (size_t)(close - p - 3) == len && memcmp(p + 3, key, len) == 0 &&
                 --depth == 0) {
            *after = close + 2;
            return p;
        }
    }
    return NULL;
}

static rp_status render(rp_buf_t *out, const char *t, const char *end, scope_t *s, rp_error *err)
{
    while (t < end) {
        const char *open = strstr(t, "{{");
        if (!open || open >= end) {
            rp_buf_append(out, t, (size_t)(end - t));
            return RP_OK;
        }
        rp_buf_append(out, t, (size_t)(open - t));
        const char *close = strstr(open, "}}");
        if (!close || close > end)
            return rp_fail(err, RP_E_INTERNAL, NULL, "template: an unclosed tag");
        char kind = open[2];
        const char *key = kind == '#' || kind == '^' ? open + 3 : open + 2;
        size_t len = (size_t)(close - key);
        if (kind == '/')
            return rp_fail(err, RP_E_INTERNAL, NULL, "template: a section closed twice");
        if (kind != '#' && kind != '^') {
            const cJSON *v = lookup(s, key, len);
            if (cJSON_IsString(v) || cJSON_IsRaw(v)) /* text, or a number as written */
                rp_buf_puts(out, v->valuestring);
            else if (cJSON_IsNumber(v))
                rp_buf_puts(out, rp_json_number_text(v));
            t = close + 2;
            continue;
        }
        const char *after, *body = close + 2;
        const char *stop = section_end(body, key, len, &after);
        if (!stop || stop > end)
            return rp_fail(err, RP_E_INTERNAL, NULL, "template: a section without its end");
        const cJSON *v = lookup(s, key, len);
        rp_status st = RP_OK;
        if (kind == '^') {
            if (!truthy(v))
                st = render(out, body, stop, s, err);
        } else if (truthy(v)) {
            if (s->depth >= MAX_DEPTH)
                return rp_fail(err, RP_E_INTERNAL, NULL, "template: sections nest too deep");
            if (cJSON_IsArray(v)) {
                for (const cJSON *e = v->child; e && st == RP_OK; e = e->next) {
                    s->ctx[s->depth++] = e;
                    st = render(out, body, stop, s, err);
                    s->depth--;
                }
            } else {
                const cJSON *inner = cJSON_IsObject(v) ? v : s->ctx[s->depth - 1];
                s->ctx[s->depth++] = inner;
                st = render(out, body, stop, s, err);
                s->depth--;
            }
        }
        if (st != RP_OK)
            return st;
        t = after;
    }
    return RP_OK;
}

rp_status rp_template_render(rp_buf_t *out, const char *tmpl, const cJSON *ctx, rp_error *err)
{
    scope_t s = {.ctx = {ctx}, .depth = 1};
    return render(out, tmpl, tmpl + strlen(tmpl), &s, err);
}
