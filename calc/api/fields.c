/*
 * fields.c — the generic, table-driven reader of JSON objects (fields.h).
 */
#include <stdio.h>
#include <string.h>

#include "fields.h"

const long rp_daily_bases[2] = {360, 365};

void rp_fields_path(char *buf, size_t size, const char *path, const char *name)
{
    /* "%s.%s", cut to size as snprintf cuts it: every field read builds one */
    if (size == 0)
        return;
    size_t pn = strlen(path), nn = strlen(name), o = 0;
    size_t take = pn < size - 1 ? pn : size - 1;
    memcpy(buf, path, take);
    o = take;
    if (o < size - 1)
        buf[o++] = '.';
    take = nn < size - 1 - o ? nn : size - 1 - o;
    memcpy(buf + o, name, take);
    buf[o + take] = '\0';
}

/* err with path set and code kept; returns the code. */
static rp_status at(rp_error *err, rp_status st, const char *path)
{
    if (err) {
        err->code = st;
        snprintf(err->path, sizeof err->path, "%s", path);
    }
    return st;
}

static rp_status wrong_type(rp_error *err, const char *path, const char *expected,
                            const cJSON *item)
{
    return rp_fail(err, RP_E_TYPE, path, "expected %s, found %s", expected,
                   rp_json_type_name(item));
}

rp_status rp_fields_decimal(mpq_t out, const cJSON *item, const char *path, rp_error *err)
{
    const char *text;
    if (cJSON_IsString(item))
        text = item->valuestring;
    else if (cJSON_IsNumber(item))
        text = rp_json_number_text(item);
    else
        return wrong_type(err, path, "a decimal string like \"1000.00\" or a number", item);
    rp_status st = rp_decimal_parse(out, text, err);
    if (st != RP_OK) {
        char shown[48], message[RP_MESSAGE_MAX];
        rp_quote(shown, sizeof shown, text, strlen(text), 24);
        snprintf(message, sizeof message, "%s, found \"%s\"", err ? err->message : "", shown);
        return rp_fail(err, st, path, "%s", message);
    }
    return RP_OK;
}

rp_status rp_fields_amount(mpq_t out, const cJSON *item, const field_t *f, const char *path,
                           rp_error *err)
{
    mpq_t v, limit;
    mpq_inits(v, limit, NULL);
    rp_status st = rp_fields_decimal(v, item, path, err);
    if (st == RP_OK) {
        mpz_ui_pow_ui(mpq_numref(limit), 10, RP_MAX_AMOUNT_DIGITS);
        mpq_t a;
        mpq_init(a);
        mpq_abs(a, v);
        if (mpq_cmp(a, limit) >= 0)
            st = rp_fail(err, RP_E_RANGE, path, "amounts must be less than 10^%d in size",
                         RP_MAX_AMOUNT_DIGITS);
        else if (mpq_sgn(v) < 0)
            st = rp_fail(err, RP_E_VALUE, path, "%s must be 0 or more", f->name);
        mpq_clear(a);
    }
    if (st == RP_OK)
        mpq_set(out, v);
    mpq_clears(v, limit, NULL);
    return st;
}

static rp_status read_int(int *out, const cJSON *item, const field_t *f, const char *path,
                          rp_error *err)
{
    if (!cJSON_IsNumber(item))
        return wrong_type(err, path, "an integer", item);
    mpq_t v;
    mpq_init(v);
    rp_status st = rp_decimal_parse(v, rp_json_number_text(item), err);
    if (st == RP_E_RANGE) {
        mpq_clear(v);
        return rp_fail(err, RP_E_RANGE, path, "%s must be between %ld and %ld", f->name, f->min,
                       f->max);
    }
    if (st != RP_OK || mpz_cmp_ui(mpq_denref(v), 1) != 0) {
        mpq_clear(v);
        return rp_fail(err, RP_E_TYPE, path, "expected an integer, found %s",
                       rp_json_number_text(item));
    }
    int in_range = mpz_cmp_si(mpq_numref(v), f->min) >= 0 && mpz_cmp_si(mpq_numref(v), f->max) <= 0;
    long value = in_range ? mpz_get_si(mpq_numref(v)) : 0;
    mpq_clear(v);
    if (!in_range)
        return rp_fail(err, RP_E_RANGE, path, "%s must be between %ld and %ld", f->name, f->min,
                       f->max);
    if (f->choices) {
        int k = 0;
        while (k < f->choice_count && f->choices[k] != value)
            k++;
        if (k == f->choice_count) {
            char allowed[96] = "";
            size_t used = 0;
            for (k = 0; k < f->choice_count && used < sizeof allowed; k++)
                used += (size_t)snprintf(allowed + used, sizeof allowed - used, "%s%ld",
                                         k == 0 ? "" : k + 1 == f->choice_count ? " or " : ", ",
                                         f->choices[k]);
            return rp_fail(err, RP_E_VALUE, path, "%s must be %s", f->name, allowed);
        }
    }
    *out = (int)value;
    return RP_OK;
}

static rp_status read_enum(int *out, const cJSON *item, const field_t *f, const char *path,
                           rp_error *err)
{
    if (!cJSON_IsString(item))
        return wrong_type(err, path, "a string", item);
    int i = rp_name_index(f->names, f->name_count, item->valuestring);
    if (i < 0) {
        char allowed[RP_MESSAGE_MAX], shown[48];
        rp_names_join(allowed, sizeof allowed, f->names, f->name_count);
        rp_quote(shown, sizeof shown, item->valuestring, strlen(item->valuestring), 24);
        return rp_fail(err, RP_E_VALUE, path, "\"%s\" is not one of: %s", shown, allowed);
    }
    *out = i;
    return RP_OK;
}

static rp_status read_date(rp_date_t *out, const cJSON *item, const char *path, rp_error *err)
{
    if (!cJSON_IsString(item))
        return wrong_type(err, path, "a date string like \"2024-01-15\"", item);
    rp_status st = rp_date_parse(out, item->valuestring, err);
    return st == RP_OK ? RP_OK : at(err, st, path);
}

static rp_status read_text(const cJSON **out, const cJSON *item, const field_t *f,
                           const char *path, rp_error *err)
{
    if (!cJSON_IsString(item))
        return wrong_type(err, path, "a string", item);
    long n = rp_utf8_chars(item->valuestring);
    if (n < f->min || n > f->max)
        return rp_fail(err, n < f->min ? RP_E_VALUE : RP_E_RANGE, path,
                       "%s is text of %ld to %ld characters, found %ld", f->name, f->min, f->max, n);
    *out = item;
    return RP_OK;
}

static rp_status read_field(void *target, const cJSON *item, const field_t *f, const char *path,
                            rp_error *err)
{
    void *place = (char *)target + f->offset;
    switch (f->kind) {
    case FK_INT:
        return read_int(place, item, f, path, err);
    case FK_AMOUNT:
        return rp_fields_amount(place, item, f, path, err);
    case FK_BOOL:
        if (!cJSON_IsBool(item))
            return wrong_type(err, path, "true or false", item);
        *(int *)place = cJSON_IsTrue(item) ? 1 : 0;
        return RP_OK;
    case FK_DATE:
        return read_date(place, item, path, err);
    case FK_ENUM:
        return read_enum(place, item, f, path, err);
    case FK_OBJECT:
        return rp_fields_read(place, item, f->object, path, err);
    case FK_TEXT:
        return read_text(place, item, f, path, err);
    case FK_CUSTOM:
    default: {
        rp_status st = f->read(place, item, path, err);
        /* Custom readers may use core parsers that leave no path. */
        if (st != RP_OK && err && err->path[0] != '$')
            at(err, st, path);
        return st;
    }
    }
}

rp_status rp_fields_read(void *target, const cJSON *obj, const object_spec_t *spec,
                         const char *path, rp_error *err)
{
    if (!cJSON_IsObject(obj))
        return wrong_type(err, path, "an object", obj);
    char sub[RP_PATH_MAX];
    unsigned long long seen = 0; /* specs have at most 64 fields */
    const cJSON *found[64] = {0};
    if (spec->count > 64)
        return rp_fail(err, RP_E_INTERNAL, path, "field table %s is too long", spec->name);

    /* One pass over the members: unknown and duplicate names stop it, so
     * a huge object costs no more than the table is long. */
    for (const cJSON *m = obj->child; m; m = m->next) {
        int i = 0;
        while (i < spec->count && strcmp(spec->fields[i].name, m->string) != 0)
            i++;
        if (i == spec->count) {
            char shown[48];
            rp_quote(shown, sizeof shown, m->string, strlen(m->string), 32);
            rp_fields_path(sub, sizeof sub, path, shown);
            return rp_fail(err, RP_E_UNKNOWN, sub, "unknown field \"%s\" in %s", shown, spec->name);
        }
        if (seen & (1ULL << i)) {
            rp_fields_path(sub, sizeof sub, path, m->string);
            return rp_fail(err, RP_E_DUPLICATE, sub, "\"%s\" appears twice", m->string);
        }
        seen |= 1ULL << i;
        found[i] = m;
    }
    for (int i = 0; i < spec->count; i++) {
        const field_t *f = &spec->fields[i];
        if (!found[i] && !f->required)
            continue;
        rp_fields_path(sub, sizeof sub, path, f->name);
        if (!found[i])
            return rp_fail(err, RP_E_MISSING, sub, "%s is required", f->name);
        rp_status st = read_field(target, found[i], f, sub, err);
        if (st != RP_OK)
            return st;
    }
    return RP_OK;
}

rp_status rp_json_keep(void *target, const cJSON *item, const char *path, rp_error *err)
{
    (void)path;
    (void)err;
    *(const cJSON **)target = item;
    return RP_OK;
}

/* precision: default 1e-12, between 1e-40 and 0.01. */
rp_status rp_json_precision(mpq_t out, const cJSON *item, rp_error *err)
{
    if (!item) {
        mpz_ui_pow_ui(mpq_denref(out), 10, 12);
        mpz_set_ui(mpq_numref(out), 1);
        return RP_OK;
    }
    rp_status st = rp_fields_decimal(out, item, "$.precision", err);
    if (st == RP_OK && (mpq_sgn(out) <= 0 || mpq_cmp_ui(out, 1, 100) > 0))
        st = rp_fail(err, RP_E_RANGE, "$.precision", "precision must be above 0 and at most 0.01");
    return st;
}

