/*
 * rate_in.c — the one checked reader of every rate and share in a request
 * (the loan's rate, penalty rates, rate changes, actions' rates, goals,
 * discount rates, caps, LPR fixings, markups, waiver shares, …).
 */
#include <stdio.h>
#include <string.h>

#include "ops.h"

/* ---- rates and shares: one checked reader ----------------------------------
 * Every rate and share of the API goes through read_value: its syntax
 * (rate.c), no negative value, the bare-number trap, and the limit of
 * RP_MAX_RATE_PERCENT a year, each an error at the field's JSON path. */

static const char *const rate_keys[] = {"annual", "monthly", "daily"};
static const rp_rate_unit rate_key_units[] = {RP_RATE_ANNUAL, RP_RATE_MONTHLY, RP_RATE_DAILY};

/* Writes x exactly (it comes from decimal text, so it terminates). */
static void exact_text(char *buf, size_t size, const mpq_t x)
{
    int places = rp_decimal_places(x);
    rp_decimal_format(buf, size, x, places < 0 || places > 40 ? 40 : places, RP_ROUND_HALF_EVEN);
}

/* A bare number of 1 or more ("rate": 4.9 or "4.9") would be read as a
 * fraction, 490%: refused, with both readings, so that a rate of 100% or
 * more always carries its unit ("120%"). */
static rp_status bare_trap(const char *text, int quoted, mpq_srcptr v, const char *path,
                           rp_error *err)
{
    char shown[48], percent[96], fraction[96], prefix[8] = "";
    rp_quote(shown, sizeof shown, text, strlen(text), 24);
    /* a 年/月/日 prefix stays on the fraction: "月5" → "月0.05" */
    size_t p = 0;
    while (text[p] && !(text[p] >= '0' && text[p] <= '9') && text[p] != '+' && p + 1 < sizeof prefix)
        p++;
    memcpy(prefix, text, p);
    prefix[p] = '\0';
    mpq_t as_percent, as_fraction;
    mpq_inits(as_percent, as_fraction, NULL);
    rp_rate_readings(as_percent, as_fraction, v);
    exact_text(percent, sizeof percent, as_percent);
    exact_text(fraction, sizeof fraction, as_fraction);
    mpq_clears(as_percent, as_fraction, NULL);
    const char *q = quoted ? "\"" : "", *fq = p ? "\"" : "";
    return rp_fail(err, RP_E_VALUE, path,
                   "%s%s%s reads as %s%s%%; a bare number of 1 or more is refused: write "
                   "\"%s%%\" or %s%s%s%s for %s%%, or \"%s%s%%\" if %s%s%% is meant",
                   q, shown, q, prefix, percent, shown, fq, prefix, fraction, fq, shown, prefix,
                   percent, prefix, percent);
}

/* One rate or share value: a JSON number (a bare fraction) or rate text. */
static rp_status read_value(rate_in_t *r, const cJSON *item, const char *path, rp_error *err)
{
    int bare = 1;
    const char *text;
    rp_status st;
    if (cJSON_IsNumber(item)) {
        text = rp_json_number_text(item);
        r->unit = RP_RATE_UNSPECIFIED;
        st = rp_fields_decimal(r->value, item, path, err);
    } else if (cJSON_IsString(item)) {
        text = item->valuestring;
        st = rp_rate_parse_text(r->value, &r->unit, &bare, text, err);
        if (st != RP_OK) {
            char shown[48], message[RP_MESSAGE_MAX];
            rp_quote(shown, sizeof shown, text, strlen(text), 24);
            snprintf(message, sizeof message, "%s, found \"%s\"", err ? err->message : "", shown);
            return rp_fail(err, st, path, "%s", message);
        }
    } else {
        return rp_fail(err, RP_E_TYPE, path, "expected a rate like \"4.9%%\", found %s",
                       rp_json_type_name(item));
    }
    if (st != RP_OK)
        return st;
    if (mpq_sgn(r->value) < 0)
        return rp_fail(err, RP_E_VALUE, path, "a rate must not be negative");
    if (bare && mpq_cmp_ui(r->value, 1, 1) >= 0)
        return bare_trap(text, cJSON_IsString(item), r->value, path, err);
    return RP_OK;
}

/* At most RP_MAX_RATE_PERCENT a year: / 12 a month, / daily_basis a day
 * (the reader checks a daily rate against the smaller basis, 360, and the
 * conversion, which knows the basis, again). */
static rp_status check_limit(mpq_srcptr annual, const char *path, rp_error *err)
{
    return rp_rate_check_max(annual, path, "the annual rate", err);
}

static rp_status check_rate(rate_in_t *r, int daily_basis, mpq_t annual, rp_error *err)
{
    rp_rate_to_annual(annual, r->value, r->unit, daily_basis);
    return check_limit(annual, r->path, err);
}

rp_status rp_json_read_rate(void *target, const cJSON *item, const char *path, rp_error *err)
{
    rate_in_t *r = target;
    r->given = 1;
    snprintf(r->path, sizeof r->path, "%s", path);
    rp_status st;
    if (!cJSON_IsObject(item)) {
        st = read_value(r, item, path, err);
        if (st == RP_OK && r->unit == RP_RATE_UNSPECIFIED)
            r->unit = RP_RATE_ANNUAL;
    } else {
        const cJSON *m = item->child;
        char sub[RP_PATH_MAX];
        if (!m || m->next)
            return rp_fail(err, RP_E_VALUE, path,
                           "a rate object has exactly one of \"annual\", \"monthly\", \"daily\"");
        rp_fields_path(sub, sizeof sub, path, m->string);
        int k = rp_name_index(rate_keys, 3, m->string);
        if (k < 0)
            return rp_fail(err, RP_E_UNKNOWN, sub,
                           "a rate object has one of \"annual\", \"monthly\", \"daily\"");
        st = read_value(r, m, sub, err);
        if (st != RP_OK)
            return st;
        if (r->unit != RP_RATE_UNSPECIFIED && r->unit != rate_key_units[k])
            return rp_fail(err, RP_E_VALUE, sub, "the rate's 年/月/日 prefix contradicts \"%s\"",
                           m->string);
        r->unit = rate_key_units[k];
    }
    if (st == RP_OK) {
        mpq_t annual;
        mpq_init(annual);
        st = check_rate(r, 360, annual, err);
        mpq_clear(annual);
    }
    return st;
}

rp_status rp_rate_in_annual(mpq_t out, const rate_in_t *r, int daily_basis, rp_error *err)
{
    mpq_t annual;
    mpq_init(annual);
    rp_rate_to_annual(annual, r->value, r->unit, daily_basis);
    rp_status st = check_limit(annual, r->path, err);
    if (st == RP_OK)
        mpq_swap(out, annual);
    mpq_clear(annual);
    return st;
}

rp_status rp_json_read_share(void *target, const cJSON *item, const char *path, rp_error *err)
{
    rate_in_t r;
    mpq_init(r.value);
    rp_status st = read_value(&r, item, path, err);
    if (st == RP_OK && r.unit != RP_RATE_UNSPECIFIED)
        st = rp_fail(err, RP_E_VALUE, path, "a share takes no 年/月/日 prefix");
    if (st == RP_OK)
        st = check_limit(r.value, path, err);
    if (st == RP_OK)
        mpq_set(*(mpq_t *)target, r.value);
    mpq_clear(r.value);
    return st;
}

