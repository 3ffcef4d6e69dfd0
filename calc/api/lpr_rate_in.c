/*
 * lpr_rate_in.c — reading a loan's rate given as LPR 加点: {"lpr": "5y",
 * "spread_bp": -30, "repricing": "january_1", …}. The LPR table is the
 * rate's own fixings, or --lpr's, or the one built in (data/lpr.json).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ops.h"

/* |spread| and |shift| at most this many basis points */
#define MAX_BASIS_POINTS 10000

typedef struct shift_in {
    rp_date_t from;
    mpq_t bp;
} shift_in_t;

static rp_status read_bp(void *target, const cJSON *item, const char *path, rp_error *err)
{
    rp_status st = rp_fields_decimal(*(mpq_t *)target, item, path, err);
    if (st == RP_OK && mpz_cmpabs_ui(mpq_numref(*(mpq_t *)target), 1) >= 0) {
        mpq_t a;
        mpq_init(a);
        mpq_abs(a, *(mpq_t *)target);
        if (mpq_cmp_ui(a, MAX_BASIS_POINTS, 1) > 0)
            st = rp_fail(err, RP_E_RANGE, path, "at most %d basis points either way",
                         MAX_BASIS_POINTS);
        mpq_clear(a);
    }
    return st;
}

static const field_t shift_fields[] = {
    {.name = "from", .kind = FK_DATE, .required = 1, .offset = offsetof(shift_in_t, from),
     .doc = "fixings from this date on are moved"},
    {.name = "bp", .kind = FK_CUSTOM, .schema = SCHEMA_REF("decimal"), .required = 1,
     .offset = offsetof(shift_in_t, bp), .read = read_bp,
     .doc = "by this many basis points (−25 for a cut of 0.25%)"},
};
const object_spec_t rp_spec_lpr_shift = {"an LPR move", RP_FIELDS(shift_fields)};

typedef struct lpr_in {
    int tenor;
    mpq_t spread_bp;
    int rule, months;
    rate_in_t initial;
    rp_date_t contract_date;
    const cJSON *shift, *fixings;
} lpr_in_t;

static const field_t lpr_fields[] = {
    {.name = "lpr", .kind = FK_ENUM, .required = 1, .offset = offsetof(lpr_in_t, tenor),
     .names = rp_lpr_tenor_names, .name_count = RP_LPR_TENOR_COUNT,
     .doc = "the LPR the rate follows: 1y, or 5y (over five years, mortgages)"},
    {.name = "spread_bp", .kind = FK_CUSTOM, .schema = SCHEMA_REF("decimal"),
     .offset = offsetof(lpr_in_t, spread_bp), .read = read_bp,
     .doc = "加点: basis points added to the LPR, fixed for the contract (−30 for LPR − 0.30%; "
            "default 0)"},
    {.name = "repricing", .kind = FK_ENUM, .offset = offsetof(lpr_in_t, rule),
     .names = rp_repricing_rule_names, .name_count = RP_REPRICE_RULE_COUNT,
     .doc = "重定价日: january_1 (default), anniversary (of start_date), or months "
            "(every repricing_months)"},
    {.name = "repricing_months", .kind = FK_INT, .offset = offsetof(lpr_in_t, months), .min = 1,
     .max = 12, .doc = "repricing months: the period stated in the contract, 1 to 12"},
    {.name = "initial_rate", .kind = FK_CUSTOM, .schema = SCHEMA_REF("rate"),
     .offset = offsetof(lpr_in_t, initial), .read = rp_json_read_rate,
     .doc = "the rate until the first repricing (a converted loan keeps its old rate); default "
            "the LPR on contract_date + spread"},
    {.name = "contract_date", .kind = FK_DATE, .offset = offsetof(lpr_in_t, contract_date),
     .doc = "the day whose LPR sets the first rate (default start_date)"},
    {.name = "shift", .kind = FK_CUSTOM,
     .schema = SCHEMA_LIST("lpr_shift", RP_MAX_LPR_SHIFTS), .offset = offsetof(lpr_in_t, shift),
     .read = rp_json_keep,
     .doc = "what if: [{\"from\": \"2026-06-01\", \"bp\": 25}] moves every fixing from that date on"},
    {.name = "fixings", .kind = FK_CUSTOM, .schema = SCHEMA_LIST_MIN("lpr_fixing", 1, 1000),
     .offset = offsetof(lpr_in_t, fixings), .read = rp_json_keep,
     .doc = "LPR fixings to use instead of the built-in table (or --lpr)"},
};
const object_spec_t rp_spec_lpr_rate = {"a rate of LPR + spread", RP_FIELDS(lpr_fields)};

static rp_status read_shifts(rp_lpr_pricing_t *p, const cJSON *arr, rp_error *err)
{
    if (!cJSON_IsArray(arr))
        return rp_fail(err, RP_E_TYPE, "$.loan.rate.shift", "expected an array, found %s",
                       rp_json_type_name(arr));
    shift_in_t s;
    mpq_init(s.bp);
    rp_status st = RP_OK;
    int i = 0;
    for (const cJSON *m = arr->child; m && st == RP_OK; m = m->next, i++) {
        char path[RP_PATH_MAX];
        snprintf(path, sizeof path, "$.loan.rate.shift[%d]", i);
        if (i >= RP_MAX_LPR_SHIFTS) {
            st = rp_fail(err, RP_E_RANGE, "$.loan.rate.shift", "at most %d moves", RP_MAX_LPR_SHIFTS);
            break;
        }
        s.from = RP_DATE_NONE;
        st = rp_fields_read(&s, m, &rp_spec_lpr_shift, path, err);
        if (st == RP_OK) {
            p->shift_from[i] = s.from;
            mpq_set_ui(p->shift[i], 1, 10000); /* a basis point */
            mpq_mul(p->shift[i], p->shift[i], s.bp);
            p->shift_count = i + 1;
        }
    }
    mpq_clear(s.bp);
    return st;
}

/* The LPR terms of item into in->lpr, the table into in->lpr_table. */
static rp_status read_terms(loan_in_t *in, const cJSON *item, rp_error *err)
{
    lpr_in_t l = {.tenor = 0, .rule = RP_REPRICE_JANUARY_1, .months = 12,
                  .contract_date = RP_DATE_NONE, .shift = NULL, .fixings = NULL};
    mpq_inits(l.spread_bp, l.initial.value, NULL);
    l.initial.unit = RP_RATE_ANNUAL;
    l.initial.given = 0;
    rp_lpr_pricing_t *p = &in->lpr;
    rp_status st = rp_fields_read(&l, item, &rp_spec_lpr_rate, "$.loan.rate", err);
    if (st == RP_OK && l.rule != RP_REPRICE_MONTHS && cJSON_GetObjectItemCaseSensitive(item, "repricing_months"))
        st = rp_fail(err, RP_E_VALUE, "$.loan.rate.repricing_months",
                     "repricing_months goes with repricing months");
    if (st == RP_OK && l.initial.given)
        st = rp_rate_in_annual(p->initial_rate, &l.initial, in->loan.daily_basis, err);
    if (st == RP_OK && l.shift)
        st = read_shifts(p, l.shift, err);
    if (st == RP_OK) {
        p->tenor = (rp_lpr_tenor)l.tenor;
        mpq_set_ui(p->spread, 1, 10000); /* a basis point */
        mpq_mul(p->spread, p->spread, l.spread_bp);
        p->rule = (rp_repricing_rule)l.rule;
        p->months = l.months;
        p->has_initial = l.initial.given;
        p->contract_date = l.contract_date;
        if (l.fixings)
            st = rp_json_lpr_fixings(&in->lpr_table, l.fixings, "$.loan.rate.fixings", err);
        else if (in->lpr_json)
            st = rp_json_lpr_table(&in->lpr_table, in->lpr_json, in->lpr_len, "--lpr", err);
        else
            st = rp_json_lpr_table(&in->lpr_table, rp_lpr_default_json,
                                   strlen(rp_lpr_default_json), "built in", err);
        p->table = &in->lpr_table;
    }
    mpq_clears(l.spread_bp, l.initial.value, NULL);
    return st;
}

rp_status rp_json_read_loan_rate(void *target, const cJSON *item, const char *path, rp_error *err)
{
    loan_in_t *in = target;
    if (cJSON_IsObject(item) && cJSON_GetObjectItemCaseSensitive(item, "lpr")) {
        in->lpr_node = item;
        in->rate.given = 1;
        return RP_OK;
    }
    return rp_json_read_rate(&in->rate, item, path, err);
}

rp_status rp_json_lpr_rate(loan_in_t *in, rp_error *err)
{
    rp_status st = read_terms(in, in->lpr_node, err);
    if (st != RP_OK)
        return st;
    if (in->loan.start_date == RP_DATE_NONE)
        return rp_fail(err, RP_E_MISSING, "$.loan.start_date",
                       "a rate priced on the LPR needs start_date (its fixings and repricings are dated)");
    rp_repricings_t r;
    rp_repricings_init(&r);
    st = rp_lpr_repricings(&r, &in->lpr, in->loan.start_date, in->loan.start_date, err);
    if (st == RP_OK) {
        mpq_set(in->loan.annual_rate, r.initial.rate);
        in->loan.lpr = &in->lpr;
    } else {
        rp_error_prefix(err, "$.loan");
    }
    rp_repricings_clear(&r);
    return st;
}

rp_status rp_json_lpr_events(rp_events_t *ev, const loan_in_t *in, rp_date_t until, rp_error *err)
{
    if (!in->loan.lpr)
        return RP_OK;
    /* an agreement's plan carries its own rate (a rate action): the LPR
     * reprices the contract up to the day before the first restructuring */
    for (int i = 0; i < ev->count; i++)
        if (ev->items[i].type == RP_EVENT_RESTRUCTURE && ev->items[i].date <= until)
            until = ev->items[i].date - 1;
    rp_repricings_t r;
    rp_repricings_init(&r);
    rp_status st = rp_lpr_repricings(&r, in->loan.lpr, in->loan.start_date, until, err);
    for (int k = 0; st == RP_OK && k < r.count; k++) {
        rp_event_t *e = rp_events_add(ev, RP_EVENT_RATE_CHANGE);
        if (!e) {
            st = rp_fail(err, RP_E_NOMEM, "$", "out of memory");
            break;
        }
        e->date = r.items[k].date;
        mpq_set(e->rate, r.items[k].rate);
        snprintf(e->kind, sizeof e->kind, "%s", "lpr_repricing");
    }
    if (st != RP_OK && err && err->path[0] != '$')
        rp_error_prefix(err, "$.loan");
    rp_repricings_clear(&r);
    return st;
}
