/*
 * caps_in.c — a request's "caps": which legal cap, when the contract was
 * made and (法释〔2020〕17号 Art. 31) when the case was filed, and the
 * check of some cash flows against it — a yield's, a schedule's, the
 * history and claim of a statement, a restructured plan's.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ops.h"

typedef struct caps_in {
    int rule;
    rp_date_t contract_date;
    rp_date_t filing_date;
    rate_in_t cap;
    const cJSON *lpr;
} caps_in_t;

static const field_t caps_fields[] = {
    {.name = "rule", .kind = FK_ENUM, .offset = offsetof(caps_in_t, rule),
     .names = rp_cap_rule_names, .name_count = RP_CAP_RULE_COUNT,
     .doc = "private_lending (default), bank_24 or custom"},
    {.name = "contract_date", .kind = FK_DATE, .offset = offsetof(caps_in_t, contract_date),
     .doc = "when the contract was made (default: the loan's start_date)"},
    {.name = "cap", .kind = FK_CUSTOM, .schema = SCHEMA_REF("rate"), .offset = offsetof(caps_in_t, cap), .read = rp_json_read_rate,
     .doc = "rule custom: the annual cap"},
    {.name = "lpr", .kind = FK_CUSTOM, .schema = SCHEMA_LIST_MIN("lpr_fixing", 1, 1000), .offset = offsetof(caps_in_t, lpr), .read = rp_json_keep,
     .doc = "LPR fixings to use instead of the built-in table"},
    {.name = "filing_date", .kind = FK_DATE, .offset = offsetof(caps_in_t, filing_date),
     .doc = "private_lending, a contract made before 2020-08-20: the day the case was filed — "
            "24% up to 2020-08-19, 4 × the LPR at filing from 2020-08-20 (法释〔2020〕17号 Art. 31)"},
};
const object_spec_t rp_spec_caps = {"caps", RP_FIELDS(caps_fields)};

void rp_json_caps_at_loan(caps_at_t *at, const rp_loan_t *loan)
{
    at->origin = loan->start_date;
    at->anchor = loan->first_due_date != RP_DATE_NONE ? loan->first_due_date : loan->start_date;
    at->frequency = loan->frequency;
    at->odd_days = loan->odd_days;
}

static void warn(cJSON *warnings, const char *code, const char *message)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "code", code);
    cJSON_AddStringToObject(o, "message", message);
    cJSON_AddItemToArray(warnings, o);
}

static rp_status read_table(rp_lpr_t *lpr, const caps_in_t *c, const request_t *req,
                            const char *path, rp_error *err)
{
    char sub[RP_PATH_MAX];
    snprintf(sub, sizeof sub, "%s.lpr", path);
    if (c->lpr)
        return rp_json_lpr_fixings(lpr, c->lpr, sub, err);
    if (req->lpr_json)
        return rp_json_lpr_table(lpr, req->lpr_json, req->lpr_len, "--lpr", err);
    return rp_json_lpr_table(lpr, rp_lpr_default_json, strlen(rp_lpr_default_json), "built in",
                             err);
}

/* The cap with its split (a filing date): on the flows' time scale. */
static rp_status check(rp_cap_check_t *check, const caps_in_t *c, const mpq_t cap,
                       const rp_lpr_t *lpr, const rp_flows_t *flows, const caps_at_t *at,
                       const rp_round_t *rc, const char *path, rp_error *err)
{
    rp_status st = rp_cap_rate_filed(check, (rp_cap_rule)c->rule, c->contract_date, c->filing_date,
                                     cap, lpr, err);
    rp_when_t split;
    const rp_when_t *split_when = NULL;
    if (st == RP_OK && check->split != RP_DATE_NONE) {
        if (at->origin == RP_DATE_NONE || !flows->days)
            st = rp_fail(err, RP_E_VALUE, "filing_date",
                         "the cap changes on 2020-08-20: it needs dated flows (a loan with a "
                         "start_date)");
        else if (check->split <= at->origin)
            split = (rp_when_t){0, 0, 1}, split_when = &split;
        else if ((st = rp_when_dated(&split, at->origin, check->split, at->anchor, at->frequency,
                                     at->odd_days, err)) == RP_OK)
            split_when = &split;
    }
    if (st == RP_OK)
        st = rp_cap_check_against(check, flows, split_when, rc, err);
    if (st != RP_OK)
        rp_error_prefix(err, path);
    return st;
}

static void caps_json(cJSON *o, cJSON *warnings, const caps_in_t *c, const rp_cap_check_t *check,
                      const rp_lpr_t *lpr, const rp_root_t *apr, const rp_round_t *rc)
{
    cJSON_AddStringToObject(o, "rule", rp_cap_rule_names[c->rule]);
    cJSON_AddStringToObject(o, "basis", rp_cap_basis_names[check->basis]);
    if (c->contract_date != RP_DATE_NONE)
        rp_json_add_date(o, "contract_date", c->contract_date);
    if (check->lpr_index >= 0) {
        rp_json_add_date(o, "lpr_date", lpr->dates[check->lpr_index]);
        rp_json_add_decimal(o, "lpr_one_year", lpr->one_year[check->lpr_index]);
    }
    rp_json_add_decimal(o, "cap", check->cap);
    if (mpq_sgn(check->void_line) > 0)
        rp_json_add_decimal(o, "void_line", check->void_line);
    if (c->filing_date != RP_DATE_NONE)
        rp_json_add_date(o, "filing_date", c->filing_date);
    if (check->split != RP_DATE_NONE) {
        cJSON *after = cJSON_AddObjectToObject(o, "from_split");
        rp_json_add_date(after, "from", check->split);
        cJSON_AddStringToObject(after, "basis", rp_cap_basis_names[RP_CAP_BASIS_LPR4]);
        rp_json_add_date(after, "lpr_date", lpr->dates[check->lpr_after]);
        rp_json_add_decimal(after, "lpr_one_year", lpr->one_year[check->lpr_after]);
        rp_json_add_decimal(after, "cap", check->cap_after);
    }
    if (apr)
        rp_json_add_bounded(o, "annualized_cost", apr->low, apr->high, 12);
    cJSON_AddBoolToObject(o, "within", check->within);
    rp_json_add_amount(o, "excess", check->excess, rc);
    if (check->stale || check->stale_after) {
        char last[RP_DATE_TEXT];
        rp_date_format(last, lpr->checked_through);
        char message[192];
        snprintf(message, sizeof message,
                 "the LPR table was last checked on %s, over a month before the %s date: update "
                 "data/lpr.json or pass --lpr",
                 last, check->stale ? "contract" : "filing");
        warn(warnings, "stale_lpr", message);
    }
}

rp_status rp_json_caps(cJSON *root, cJSON *warnings, const request_t *req, const cJSON *node,
                       const char *path, const rp_flows_t *flows, const caps_at_t *at,
                       const rp_round_t *rc, const rp_root_t *apr, rp_error *err)
{
    caps_in_t c = {.rule = RP_CAP_PRIVATE_LENDING, .contract_date = RP_DATE_NONE,
                   .filing_date = RP_DATE_NONE};
    mpq_init(c.cap.value);
    c.cap.given = 0;
    rp_lpr_t lpr;
    rp_lpr_init(&lpr);
    rp_cap_check_t chk;
    rp_cap_check_init(&chk);
    mpq_t cap;
    mpq_init(cap);
    char sub[RP_PATH_MAX];
    rp_status st = rp_fields_read(&c, node, &rp_spec_caps, path, err);
    snprintf(sub, sizeof sub, "%s.cap", path);
    if (st == RP_OK && c.rule == RP_CAP_CUSTOM && !c.cap.given)
        st = rp_fail(err, RP_E_MISSING, sub, "rule custom needs cap");
    if (st == RP_OK && c.rule != RP_CAP_CUSTOM && c.cap.given)
        st = rp_fail(err, RP_E_VALUE, sub, "cap is for rule custom only");
    if (st == RP_OK && c.contract_date == RP_DATE_NONE)
        c.contract_date = at->origin;
    if (st == RP_OK)
        st = read_table(&lpr, &c, req, path, err);
    if (st == RP_OK)
        st = rp_rate_in_annual(cap, &c.cap, 365, err);
    if (st == RP_OK)
        st = check(&chk, &c, cap, &lpr, flows, at, rc, path, err);
    if (st == RP_OK) {
        rp_root_t own;
        mpq_inits(own.low, own.high, NULL);
        int found = apr != NULL;
        if (!apr) { /* the annualized cost of the flows, as every APR is found */
            mpq_t precision;
            mpq_init(precision);
            mpz_ui_pow_ui(mpq_denref(precision), 10, 15);
            mpz_set_ui(mpq_numref(precision), 1);
            st = rp_flows_apr(&own, &found, flows, precision, err);
            mpq_clear(precision);
        }
        if (st == RP_OK)
            caps_json(cJSON_AddObjectToObject(root, "caps"), warnings, &c, &chk, &lpr,
                      !found ? NULL : apr ? apr : &own, rc);
        mpq_clears(own.low, own.high, NULL);
    }
    mpq_clear(cap);
    mpq_clear(c.cap.value);
    rp_cap_check_clear(&chk);
    rp_lpr_clear(&lpr);
    return st;
}

rp_status rp_json_caps_out(response_t *out, rp_format fmt, const request_t *req,
                           const rp_flows_t *flows, const caps_at_t *at, const rp_round_t *rc,
                           const rp_root_t *apr, rp_error *err)
{
    if (fmt == RP_FORMAT_CSV)
        return rp_fail(err, RP_E_VALUE, "$.caps",
                       "a cap check is answered in the json and table formats, not in csv rows");
    cJSON *holder = fmt == RP_FORMAT_JSON ? out->json : cJSON_CreateObject();
    cJSON *warnings = cJSON_CreateArray();
    rp_status st = rp_json_caps(holder, warnings, req, req->caps, "$.caps", flows, at, rc, apr, err);
    if (st == RP_OK && cJSON_GetArraySize(warnings) > 0) {
        cJSON *list = cJSON_GetObjectItemCaseSensitive(holder, "warnings");
        if (!list)
            list = cJSON_AddArrayToObject(holder, "warnings");
        while (warnings->child)
            cJSON_AddItemToArray(list, cJSON_DetachItemViaPointer(warnings, warnings->child));
    }
    if (st == RP_OK && fmt == RP_FORMAT_TABLE) { /* after the table, as key: value lines */
        rp_buf_puts(&out->text, "\n");
        rp_json_render_flat(&out->text, fmt, holder);
    }
    cJSON_Delete(warnings);
    if (holder != out->json)
        cJSON_Delete(holder);
    return st;
}
