/*
 * jsonout.c — response nodes and the JSON writer. Amounts are written as
 * decimal strings with the rounding unit's places; integers as raw number
 * text. Output is deterministic: members in insertion order, fixed layout.
 */
#include <stdio.h>
#include <string.h>

#include "base/quotient.h"
#include "json_internal.h"

/* A JSON string, always valid UTF-8: bytes that are not UTF-8 become
 * U+FFFD; control characters, DEL, C1 controls, bidi overrides and U+2028/9
 * are escaped, so no reader (a terminal, a JavaScript parser) sees them raw. */
static int no_escape(unsigned char c)
{
    return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
}

static void write_escaped(rp_buf_t *b, const char *s);

static void write_string(rp_buf_t *b, const char *s)
{
    size_t len = 0;
    while (no_escape((unsigned char)s[len]))
        len++;
    if (s[len] != '\0') {
        write_escaped(b, s);
        return;
    }
    /* the common case (every key), written in one piece */
    if (b->failed || b->len + len + 3 > b->cap) {
        if (!rp_buf_reserve(b, len + 2))
            return;
    }
    char *d = b->data + b->len;
    d[0] = '"';
    memcpy(d + 1, s, len);
    d[len + 1] = '"';
    d[len + 2] = '\0';
    b->len += len + 2;
}

/* A string with something to escape or UTF-8 in it (a working's sentence). */
static void write_escaped(rp_buf_t *b, const char *s)
{
    rp_buf_append(b, "\"", 1);
    const char *plain = s; /* the run of characters that need no escape */
    for (const char *p = s;;) {
        unsigned char c = (unsigned char)*p;
        if (no_escape(c)) {
            p++;
            continue;
        }
        size_t n = 1;
        unsigned cp = c;
        if (c >= 0xC3 && c <= 0xEF && c != 0xE0 && c != 0xE2 && c != 0xED &&
            (p[1] & 0xC0) == 0x80 && (c < 0xE0 || (p[2] & 0xC0) == 0x80)) {
            p += c < 0xE0 ? 2 : 3; /* well-formed, never unsafe (CJK, ×, ÷): no decoding */
            continue;
        }
        if (c >= 0x80) {
            n = rp_utf8_sequence((const unsigned char *)p, strnlen(p, 4));
            /* only C1 controls (C2 80 … C2 9F) and U+2028 … U+2069 (E2 …)
             * can be unsafe: the rest of UTF-8 (CJK text) passes at once */
            if (n == 4 || (n == 3 && c != 0xE2) || (n == 2 && c != 0xC2)) {
                p += n;
                continue;
            }
            if (n) {
                cp = c >= 0xF0 ? 0x10000 : c >= 0xE0 ? (unsigned)(c & 0x0F) << 12 |
                     (unsigned)(p[1] & 0x3F) << 6 | (p[2] & 0x3F)
                     : (unsigned)(c & 0x1F) << 6 | (p[1] & 0x3F);
                if (!rp_text_unsafe(cp)) {
                    p += n; /* UTF-8 passes through */
                    continue;
                }
            }
        }
        rp_buf_append(b, plain, (size_t)(p - plain));
        if (c == '\0')
            break;
        p += n ? n : 1;
        plain = p;
        if (n == 0) {
            rp_buf_puts(b, "\\ufffd"); /* not UTF-8 */
            continue;
        }
        switch (cp) {
        case '"':
            rp_buf_puts(b, "\\\"");
            break;
        case '\\':
            rp_buf_puts(b, "\\\\");
            break;
        case '\n':
            rp_buf_puts(b, "\\n");
            break;
        case '\r':
            rp_buf_puts(b, "\\r");
            break;
        case '\t':
            rp_buf_puts(b, "\\t");
            break;
        default:
            rp_buf_printf(b, "\\u%04x", cp);
        }
    }
    rp_buf_append(b, "\"", 1);
}

/* An item's type, as cJSON_Is* read it (inline: the writer asks for every
 * node, and each cJSON_Is* is a call into the shared library). */
static int type_of(const cJSON *item)
{
    return item ? item->type & 0xFF : cJSON_Invalid;
}

static int is_container(const cJSON *item)
{
    return type_of(item) == cJSON_Array || type_of(item) == cJSON_Object;
}

/* A raw node holding an object's text (rp_json_add_row) counts as a
 * non-empty container: a list of rows is laid out one per line, as the
 * same rows built node by node would be. */
static int is_raw_container(const cJSON *item)
{
    const char *t = type_of(item) == cJSON_Raw ? item->valuestring : NULL;
    return t && t[0] == '{' && t[1] != '}';
}

/* A container is written on one line when none of its members is a
 * non-empty container. */
static int is_flat(const cJSON *item)
{
    for (const cJSON *c = item->child; c; c = c->next)
        if ((is_container(c) && c->child) || is_raw_container(c))
            return 0;
    return 1;
}

/* A new line indented by n spaces, in one append while n is small. */
static void new_line(rp_buf_t *b, int n)
{
    static const char spaces[] = "\n                                                                ";
    if ((size_t)n < sizeof spaces - 1) {
        rp_buf_append(b, spaces, (size_t)n + 1);
        return;
    }
    rp_buf_append(b, "\n", 1);
    rp_buf_repeat(b, ' ', (size_t)n);
}

static void write_value(rp_buf_t *b, const cJSON *item, int indent)
{
    int type = type_of(item);
    if (type == cJSON_NULL) {
        rp_buf_puts(b, "null");
    } else if (type == cJSON_True || type == cJSON_False) {
        rp_buf_puts(b, type == cJSON_True ? "true" : "false");
    } else if (type == cJSON_Raw || type == cJSON_Number) {
        rp_buf_puts(b, item->valuestring ? item->valuestring : "0");
    } else if (type == cJSON_String) {
        write_string(b, item->valuestring ? item->valuestring : "");
    } else if (is_container(item)) {
        int object = type == cJSON_Object;
        int flat = indent < 0 || is_flat(item); /* indent < 0: all on one line */
        rp_buf_puts(b, object ? "{" : "[");
        for (const cJSON *c = item->child; c; c = c->next) {
            if (flat) {
                if (c != item->child)
                    rp_buf_append(b, ", ", 2);
            } else {
                new_line(b, indent + 2);
            }
            if (object) {
                write_string(b, c->string ? c->string : "");
                rp_buf_append(b, ": ", 2);
            }
            write_value(b, c, indent < 0 ? indent : indent + 2);
            if (!flat && c->next)
                rp_buf_append(b, ",", 1);
        }
        if (!flat && item->child)
            new_line(b, indent);
        rp_buf_puts(b, object ? "}" : "]");
    }
}

void rp_json_write(rp_buf_t *b, const cJSON *item)
{
    write_value(b, item, 0);
}

void rp_json_write_line(rp_buf_t *b, const cJSON *item)
{
    write_value(b, item, -1);
}

static void flat(rp_buf_t *b, rp_format fmt, const cJSON *item, char *key, size_t len, size_t cap)
{
    if (is_raw_container(item)) { /* an object written as text: its members, read back */
        const char *text = item->valuestring;
        cJSON *tree = rp_json_parse(text, strlen(text), NULL);
        if (tree)
            flat(b, fmt, tree, key, len, cap);
        else
            b->failed = 1;
        rp_json_arena_drop(tree);
        return;
    }
    if (cJSON_IsObject(item) || cJSON_IsArray(item)) {
        int i = 0;
        for (const cJSON *c = item->child; c; c = c->next, i++) {
            int n = cJSON_IsObject(item)
                        ? snprintf(key + len, cap - len, "%s%s", len ? "." : "", c->string)
                        : snprintf(key + len, cap - len, "[%d]", i);
            size_t used = n > 0 && (size_t)n < cap - len ? (size_t)n : cap - len - 1;
            flat(b, fmt, c, key, len + used, cap);
            key[len] = '\0';
        }
        return;
    }
    rp_buf_t v;
    rp_buf_init(&v);
    if (cJSON_IsString(item))
        rp_buf_puts(&v, item->valuestring);
    else
        write_value(&v, item, 0);
    const char *text = v.data ? v.data : "";
    /* values may be user text (an id, a name): made safe for a spreadsheet
     * or a terminal on the way out */
    if (fmt == RP_FORMAT_CSV) {
        rp_buf_csv_cell(b, key, 0);
        rp_buf_puts(b, ",");
        rp_buf_csv_cell(b, text, 0);
        rp_buf_puts(b, "\n");
    } else {
        rp_buf_visible(b, key, strlen(key));
        rp_buf_puts(b, ": ");
        rp_buf_visible(b, text, v.len);
        rp_buf_puts(b, "\n");
    }
    b->failed |= v.failed;
    rp_buf_clear(&v);
}

void rp_json_render_flat(rp_buf_t *b, rp_format fmt, const cJSON *item)
{
    char key[512] = "";
    if (fmt == RP_FORMAT_CSV)
        rp_buf_puts(b, "field,value\n");
    flat(b, fmt, item, key, 0, sizeof key);
}

cJSON *rp_json_add_text(cJSON *obj, const char *key, const char *text)
{
    cJSON *item = cJSON_CreateString(text);
    if (item && !cJSON_AddItemToObjectCS(obj, key, item)) {
        cJSON_Delete(item);
        item = NULL;
    }
    return item;
}

cJSON *rp_json_add_amount(cJSON *obj, const char *key, const mpq_t x, const rp_round_t *rc)
{
    char text[80];
    rp_decimal_format(text, sizeof text, x, rc->places, rc->mode);
    return rp_json_add_text(obj, key, text);
}

cJSON *rp_json_add_int(cJSON *obj, const char *key, long v)
{
    char text[32], *p = text + sizeof text;
    unsigned long m = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    *--p = '\0';
    do { /* "%ld" by hand: snprintf cost more than the node */
        *--p = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    if (v < 0)
        *--p = '-';
    cJSON *item = cJSON_CreateRaw(p);
    if (item && !cJSON_AddItemToObjectCS(obj, key, item)) { /* the key is static: not copied */
        cJSON_Delete(item);
        item = NULL;
    }
    return item;
}

cJSON *rp_json_add_date(cJSON *obj, const char *key, rp_date_t d)
{
    char text[RP_DATE_TEXT];
    rp_date_format(text, d);
    return rp_json_add_text(obj, key, text);
}

#define DECIMAL_TEXT 128

static void decimal_text(char text[DECIMAL_TEXT], const mpq_t x)
{
    int places = rp_decimal_places(x);
    /* Rates read from decimal text always terminate; 20 places otherwise. */
    rp_decimal_format(text, DECIMAL_TEXT, x, places < 0 || places > 60 ? 20 : places,
                      RP_ROUND_HALF_EVEN);
}

cJSON *rp_json_add_decimal(cJSON *obj, const char *key, const mpq_t x)
{
    char text[DECIMAL_TEXT];
    decimal_text(text, x);
    return rp_json_add_text(obj, key, text);
}

/* x as "p/q" in lowest terms, "p" when whole: the caller releases it with
 * release_fraction; NULL when memory runs out. */
static char *fraction_text(const mpq_t x)
{
    return mpq_get_str(NULL, 10, x);
}

static void release_fraction(char *text)
{
    void (*release)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &release);
    if (text)
        release(text, strlen(text) + 1);
}

cJSON *rp_json_add_fraction(cJSON *obj, const char *key, const mpq_t x)
{
    char *text = fraction_text(x);
    cJSON *item = text ? rp_json_add_text(obj, key, text) : NULL;
    release_fraction(text);
    return item;
}

cJSON *rp_json_add_bounded(cJSON *obj, const char *key, const mpq_t low, const mpq_t high,
                           int places)
{
    char text[160];
    rp_decimal_format_bounded(text, sizeof text, low, high, places);
    return rp_json_add_text(obj, key, text);
}

cJSON *rp_json_error_response(const rp_error *err, const char *op, const cJSON *id)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *e = NULL;
    if (!root)
        return NULL;
    cJSON_AddFalseToObject(root, "ok");
    if (op)
        cJSON_AddStringToObject(root, "op", op);
    if (id)
        cJSON_AddItemToObject(root, "id", cJSON_Duplicate(id, 0));
    e = cJSON_AddObjectToObject(root, "error");
    if (e) {
        cJSON_AddStringToObject(e, "code", rp_strerror(err->code));
        cJSON_AddStringToObject(e, "path", err->path[0] ? err->path : "$");
        cJSON_AddStringToObject(e, "message", err->message);
    }
    return root;
}

/* ---- rows written straight as text ------------------------------------
 * A long list of flat rows (a schedule's installments) costs a node per
 * member when built as a tree. A row is instead written into a buffer as
 * the writer would write the same object on one line — members in order,
 * ", " between them, keys that need no escape (static names), values that
 * are numbers, dates or decimal text — and added as one raw node. */

void rp_json_row_begin(rp_buf_t *row)
{
    row->len = 0;
    rp_buf_append(row, "{", 1);
}

static void row_key(rp_buf_t *row, const char *key)
{
    if (row->len > 1)
        rp_buf_append(row, ", ", 2);
    rp_buf_append(row, "\"", 1);
    rp_buf_puts(row, key);
    rp_buf_append(row, "\": ", 3);
}

void rp_json_row_int(rp_buf_t *row, const char *key, long v)
{
    char text[32], *p = text + sizeof text;
    unsigned long m = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do {
        *--p = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    if (v < 0)
        *--p = '-';
    row_key(row, key);
    rp_buf_append(row, p, (size_t)(text + sizeof text - p));
}

void rp_json_row_date(rp_buf_t *row, const char *key, rp_date_t d)
{
    char text[RP_DATE_TEXT];
    rp_date_format(text, d);
    rp_json_row_text(row, key, text);
}

void rp_json_row_true(rp_buf_t *row, const char *key)
{
    row_key(row, key);
    rp_buf_append(row, "true", 4);
}

/* `, "key": "text"` in one piece: rows are most of a response */
static void row_text_n(rp_buf_t *row, const char *key, const char *text, size_t tn)
{
    size_t kn = strlen(key);
    if (!rp_buf_reserve(row, kn + tn + 8))
        return;
    char *d = row->data + row->len;
    if (row->len > 1) {
        *d++ = ',';
        *d++ = ' ';
    }
    *d++ = '"';
    memcpy(d, key, kn);
    d += kn;
    memcpy(d, "\": \"", 4);
    d += 4;
    memcpy(d, text, tn);
    d += tn;
    *d++ = '"';
    *d = '\0';
    row->len = (size_t)(d - row->data);
}

void rp_json_row_text(rp_buf_t *row, const char *key, const char *text)
{
    row_text_n(row, key, text, strlen(text));
}

cJSON *rp_json_add_row(cJSON *array, rp_buf_t *row)
{
    rp_buf_append(row, "}", 1);
    cJSON *item = row->failed ? NULL : cJSON_CreateRaw(row->data);
    if (item)
        cJSON_AddItemToArray(array, item);
    else
        row->failed = 1; /* stays set: the caller checks once */
    return item;
}

void rp_json_row_amount(rp_buf_t *row, const char *key, const mpq_t x, const rp_round_t *rc)
{
    char text[80];
    rp_decimal_format(text, sizeof text, x, rc->places, rc->mode);
    rp_json_row_text(row, key, text);
}

int rp_json_row_units(rp_buf_t *row, const char *key, int64_t units, const rp_unit_words_t *w)
{
    /* units · num / den at the unit's places, as rp_decimal_format would
     * write the same amount in mpq_t */
    char text[80];
    rp_i128 num = (rp_i128)units * w->num;
    if (!w->fits || num <= -RP_UNITS_MAX || num >= RP_UNITS_MAX ||
        !rp_decimal_format_words(text, sizeof text, (int64_t)num, w->den, w->rc->places,
                                 w->rc->mode))
        return 0;
    rp_json_row_text(row, key, text);
    return 1;
}

void rp_json_row_decimal(rp_buf_t *row, const char *key, const mpq_t x)
{
    char text[DECIMAL_TEXT];
    decimal_text(text, x);
    rp_json_row_text(row, key, text);
}

void rp_json_row_fraction(rp_buf_t *row, const char *key, const mpq_t x)
{
    char *text = fraction_text(x);
    if (text)
        rp_json_row_text(row, key, text);
    else
        row->failed = 1;
    release_fraction(text);
}

static void add_raw(cJSON *obj, const char *key, const char *text)
{
    cJSON *item = cJSON_CreateRaw(text);
    if (item && !cJSON_AddItemToObjectCS(obj, key, item))
        cJSON_Delete(item);
}

/* A components object through mpq_t: amounts that are no whole count of
 * the unit in a word, or a total beyond one. */
static void components_q(cJSON *obj, const char *key, mpq_t const *values, int with_total,
                         const rp_round_t *rc)
{
    rp_buf_t row;
    rp_buf_init(&row);
    rp_json_row_begin(&row);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        rp_json_row_amount(&row, rp_component_names[c], values[c], rc);
    if (with_total) {
        mpq_t total;
        mpq_init(total);
        rp_components_total(total, values);
        rp_json_row_amount(&row, "total", total, rc);
        mpq_clear(total);
    }
    rp_buf_append(&row, "}", 1);
    if (!row.failed)
        add_raw(obj, key, row.data);
    rp_buf_clear(&row);
}

int rp_components_scaled(int64_t *units, mpq_t const *values, int places)
{
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        if (!rp_decimal_scaled(&units[c], values[c], places))
            return 0;
    return 1;
}

void rp_json_add_components_scaled(cJSON *obj, const char *key, const int64_t *units,
                                   int with_total, const rp_round_t *rc)
{
    int n = RP_COMPONENT_COUNT + (with_total != 0), fits = rc->places <= 18;
    int64_t v[RP_COMPONENT_COUNT + 1];
    rp_i128 total = 0;
    for (int c = 0; c < RP_COMPONENT_COUNT; c++) {
        v[c] = units[c];
        total += units[c];
        fits &= units[c] > -RP_UNITS_MAX && units[c] < RP_UNITS_MAX;
    }
    fits &= total > -RP_UNITS_MAX && total < RP_UNITS_MAX;
    if (!fits) { /* a difference or a total beyond the bound: the same values in mpq_t */
        mpq_t q[RP_COMPONENT_COUNT];
        for (int c = 0; c < RP_COMPONENT_COUNT; c++) {
            mpq_init(q[c]);
            rp_units_set_z(mpq_numref(q[c]), units[c]);
            mpz_ui_pow_ui(mpq_denref(q[c]), 10, (unsigned long)(rc->places > 0 ? rc->places : 0));
            mpq_canonicalize(q[c]);
        }
        components_q(obj, key, (mpq_t const *)q, with_total, rc);
        for (int c = 0; c < RP_COMPONENT_COUNT; c++)
            mpq_clear(q[c]);
        return;
    }
    v[RP_COMPONENT_COUNT] = (int64_t)total;
    /* {"principal": "…", …}: seven members of at most 17 + 29 bytes */
    char text[512], *d = text;
    *d++ = '{';
    for (int c = 0; c < n; c++) {
        const char *name = c < RP_COMPONENT_COUNT ? rp_component_names[c] : "total";
        size_t kn = strlen(name);
        if (c > 0) {
            *d++ = ',';
            *d++ = ' ';
        }
        *d++ = '"';
        memcpy(d, name, kn);
        d += kn;
        memcpy(d, "\": \"", 4);
        d += 4;
        d += rp_decimal_format_scaled(d, 48, v[c], rc->places);
        *d++ = '"';
    }
    *d++ = '}';
    *d = '\0';
    add_raw(obj, key, text);
}

void rp_json_add_components(cJSON *obj, const char *key, mpq_t const *values, int with_total,
                            const rp_round_t *rc)
{
    /* a flat object written as text: a statement has three for each
     * installment */
    int64_t units[RP_COMPONENT_COUNT];
    if (rp_components_scaled(units, values, rc->places))
        rp_json_add_components_scaled(obj, key, units, with_total, rc);
    else
        components_q(obj, key, values, with_total, rc);
}
