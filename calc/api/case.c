/*
 * case.c — what restructure, compare and solve share: reading the loan,
 * its events and the lender's discount rate (the case), the actions, one
 * plan built and priced, and a plan as JSON (summary, warnings, rows).
 */
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "ops.h"
#include "restructure/restructure.h"

/* ---- actions ------------------------------------------------------------ */

typedef struct action_in {
    const cJSON *type, *note, *keep;
    int component;
    mpq_t amount, share, fee, fee_share, down_payment;
    int periods, installments, days, method, strict, card, interest;
    rp_date_t maturity, from;
    rate_in_t rate;
} action_in_t;

#define ACTION(member) offsetof(action_in_t, member)
#define COMMON                                                                                   \
    {.name = "type", .kind = FK_CUSTOM, .schema = SCHEMA_STRING, .required = 1, .offset = ACTION(type),                  \
     .read = rp_json_keep, .doc = "the action"},                                                 \
    {.name = "note", .kind = FK_TEXT, .min = 0, .max = RP_MAX_NOTE_CHARS, .offset = ACTION(note),              \
     .doc = "free text for people; ignored"}

static const field_t waive_fields[] = {
    COMMON,
    {.name = "component", .kind = FK_ENUM, .required = 1, .offset = ACTION(component),
     .names = rp_component_names, .name_count = RP_COMPONENT_COUNT,
     .doc = "late_fees, compound_interest, penalty_interest, fees, interest or principal"},
    {.name = "amount", .kind = FK_AMOUNT, .offset = ACTION(amount), .doc = "how much"},
    {.name = "share", .kind = FK_CUSTOM, .schema = SCHEMA_REF("share"), .offset = ACTION(share), .read = rp_json_read_share,
     .doc = "or a share of what is owed of it on the date, e.g. \"50%\""},
};
static const field_t extend_fields[] = {
    COMMON,
    {.name = "periods", .kind = FK_INT, .offset = ACTION(periods), .min = 1, .max = RP_MAX_TERM,
     .doc = "installments added"},
    {.name = "maturity", .kind = FK_DATE, .offset = ACTION(maturity),
     .doc = "or the new maturity date"},
    {.name = "method", .kind = FK_ENUM, .offset = ACTION(method), .names = rp_method_names,
     .name_count = RP_METHOD_COUNT, .doc = "a new method (default: the loan's)"},
    {.name = "rate", .kind = FK_CUSTOM, .schema = SCHEMA_REF("rate"), .offset = ACTION(rate), .read = rp_json_read_rate,
     .doc = "a new rate from the date (default: the current one)"},
    {.name = "strict", .kind = FK_BOOL, .offset = ACTION(strict),
     .doc = "a breach of 《贷款通则》 Art. 12 is an error, not a warning"},
};
static const field_t defer_fields[] = {
    COMMON,
    {.name = "installments", .kind = FK_INT, .required = 1, .offset = ACTION(installments),
     .min = 1, .max = RP_MAX_DEFER_PERIODS, .doc = "how many periods the installments to come move later"},
    {.name = "interest", .kind = FK_ENUM, .offset = ACTION(interest),
     .names = rp_defer_interest_names, .name_count = RP_DEFER_COUNT,
     .doc = "interest for the deferral: accrue (default: paid later), capitalize or waive"},
};
static const field_t reamortize_fields[] = {COMMON};
static const field_t freeze_fields[] = {
    COMMON,
    {.name = "keep", .kind = FK_CUSTOM, .schema = SCHEMA_COMPONENTS, .offset = ACTION(keep), .read = rp_json_keep,
     .doc = "components fixed as the debt (default [\"principal\", \"interest\"]); the rest is waived"},
    {.name = "installments", .kind = FK_INT, .required = 1, .offset = ACTION(installments),
     .min = 1, .max = RP_MAX_TERM, .doc = "monthly installments, no interest"},
    {.name = "fee", .kind = FK_AMOUNT, .offset = ACTION(fee), .doc = "fee per installment"},
    {.name = "fee_share", .kind = FK_CUSTOM, .schema = SCHEMA_REF("share"), .offset = ACTION(fee_share), .read = rp_json_read_share,
     .doc = "or fee per installment as a share of the debt"},
    {.name = "down_payment", .kind = FK_AMOUNT, .offset = ACTION(down_payment),
     .doc = "paid on the date"},
    {.name = "card", .kind = FK_BOOL, .offset = ACTION(card),
     .doc = "credit-card debt: more than " RP_XSTR(RP_CARD_MAX_INSTALLMENTS) " installments is an error (Art. 70)"},
};
static const field_t settle_fields[] = {
    COMMON,
    {.name = "amount", .kind = FK_AMOUNT, .offset = ACTION(amount), .doc = "the settlement amount"},
    {.name = "discount", .kind = FK_CUSTOM, .schema = SCHEMA_REF("share"), .offset = ACTION(share), .read = rp_json_read_share,
     .doc = "or a discount on what is owed, e.g. \"30%\""},
    {.name = "installments", .kind = FK_INT, .offset = ACTION(installments), .min = 1, .max = RP_MAX_SETTLE_INSTALLMENTS,
     .doc = "monthly installments (default 1: a lump sum)"},
    {.name = "days", .kind = FK_INT, .offset = ACTION(days), .min = 0, .max = 365,
     .doc = "the first payment this many days after the date (default 0)"},
};
static const field_t rate_fields[] = {
    COMMON,
    {.name = "rate", .kind = FK_CUSTOM, .schema = SCHEMA_REF("rate"), .required = 1, .offset = ACTION(rate),
     .read = rp_json_read_rate, .doc = "the new annual rate"},
    {.name = "from", .kind = FK_DATE, .offset = ACTION(from), .doc = "from this date (default: the date)"},
};
#undef COMMON
#undef ACTION

const object_spec_t rp_spec_actions[RP_ACTION_COUNT] = {
    [RP_ACTION_WAIVE] = {"a waive action", RP_FIELDS(waive_fields)},
    [RP_ACTION_EXTEND] = {"an extend action", RP_FIELDS(extend_fields)},
    [RP_ACTION_DEFER] = {"a defer action", RP_FIELDS(defer_fields)},
    [RP_ACTION_REAMORTIZE] = {"a reamortize action", RP_FIELDS(reamortize_fields)},
    [RP_ACTION_FREEZE] = {"a freeze action", RP_FIELDS(freeze_fields)},
    [RP_ACTION_SETTLE] = {"a settle action", RP_FIELDS(settle_fields)},
    [RP_ACTION_RATE] = {"a rate action", RP_FIELDS(rate_fields)},
};

rp_status rp_json_read_keep(unsigned *keep, const cJSON *arr, const char *path, rp_error *err)
{
    *keep = (1u << RP_PRINCIPAL) | (1u << RP_INTEREST);
    if (!arr)
        return RP_OK;
    if (!cJSON_IsArray(arr))
        return rp_fail(err, RP_E_TYPE, path, "expected an array of components, found %s",
                       rp_json_type_name(arr));
    *keep = 0;
    int i = 0;
    for (const cJSON *m = arr->child; m; m = m->next, i++) {
        int c = cJSON_IsString(m) ? rp_name_index(rp_component_names, RP_COMPONENT_COUNT,
                                                  m->valuestring) : -1;
        if (c < 0) {
            char sub[RP_PATH_MAX];
            snprintf(sub, sizeof sub, "%s[%d]", path, i);
            return rp_fail(err, RP_E_VALUE, sub,
                           "expected principal, interest, penalty_interest, compound_interest, "
                           "late_fees or fees");
        }
        *keep |= 1u << c;
    }
    return RP_OK;
}

static rp_status read_action(rp_actions_t *acts, const cJSON *item, const char *path,
                             const loan_in_t *loan, rp_error *err)
{
    if (!cJSON_IsObject(item))
        return rp_fail(err, RP_E_TYPE, path, "expected an action object, found %s",
                       rp_json_type_name(item));
    char sub[RP_PATH_MAX];
    rp_fields_path(sub, sizeof sub, path, "type");
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(item, "type");
    if (!type)
        return rp_fail(err, RP_E_MISSING, sub, "every action needs a type");
    int t = cJSON_IsString(type) ? rp_name_index(rp_action_names, RP_ACTION_COUNT, type->valuestring)
                                 : -1;
    if (t < 0)
        return rp_fail(err, cJSON_IsString(type) ? RP_E_VALUE : RP_E_TYPE, sub,
                       "expected one of: waive, extend, defer, reamortize, freeze, settle, rate");
    action_in_t in;
    memset(&in, 0, sizeof in);
    in.method = -1;
    in.interest = RP_DEFER_ACCRUE;
    in.maturity = in.from = RP_DATE_NONE;
    mpq_inits(in.amount, in.share, in.fee, in.fee_share, in.down_payment, in.rate.value, NULL);
    mpq_t *given[5] = {&in.amount, &in.share, &in.fee, &in.fee_share, &in.down_payment};
    for (int i = 0; i < 5; i++)
        mpq_set_si(*given[i], -1, 1);
    rp_status st = rp_fields_read(&in, item, &rp_spec_actions[t], path, err);
    rp_action_t *a = NULL;
    if (st == RP_OK && !(a = rp_actions_add(acts, (rp_action_type)t)))
        st = rp_fail(err, RP_E_RANGE, path, "at most %d actions", RP_MAX_ACTIONS);
    if (st == RP_OK) {
        a->component = (rp_component)in.component;
        /* a value read is ≥ 0: the −1 left by the reader means not given */
        static const unsigned bit[5] = {RP_HAS_AMOUNT, RP_HAS_SHARE, RP_HAS_FEE, RP_HAS_FEE_SHARE,
                                        RP_HAS_DOWN_PAYMENT};
        mpq_ptr value[5] = {a->amount, a->share, a->fee, a->fee_share, a->down_payment};
        for (int i = 0; i < 5; i++)
            if (mpq_sgn(*given[i]) >= 0) {
                mpq_set(value[i], *given[i]);
                a->given |= bit[i];
            }
        /* JSON names onto the action's shared fields: extend's periods and
         * maturity, the others' installments and from; settle's discount
         * is read into share */
        a->periods = t == RP_ACTION_EXTEND ? in.periods : in.installments;
        a->date = t == RP_ACTION_EXTEND ? in.maturity : in.from;
        a->method = in.method;
        a->strict = in.strict;
        a->card = in.card;
        a->days = in.days;
        a->interest = (rp_defer_interest)in.interest;
        if (in.rate.given) {
            st = rp_rate_in_annual(a->rate, &in.rate, loan->loan.daily_basis, err);
            a->given |= RP_HAS_RATE;
        }
        rp_fields_path(sub, sizeof sub, path, "keep");
        if (st == RP_OK && t == RP_ACTION_FREEZE)
            st = rp_json_read_keep(&a->keep, in.keep, sub, err);
    }
    mpq_clears(in.amount, in.share, in.fee, in.fee_share, in.down_payment, in.rate.value, NULL);
    return st;
}

rp_status rp_json_read_actions(rp_actions_t *acts, const cJSON *arr, const char *path,
                               const loan_in_t *loan, rp_error *err)
{
    if (!cJSON_IsArray(arr))
        return rp_fail(err, RP_E_TYPE, path, "expected an array of actions, found %s",
                       rp_json_type_name(arr));
    int i = 0;
    for (const cJSON *m = arr->child; m; m = m->next, i++) {
        char sub[RP_PATH_MAX];
        snprintf(sub, sizeof sub, "%s[%d]", path, i);
        rp_status st = read_action(acts, m, sub, loan, err);
        if (st != RP_OK)
            return st;
    }
    return RP_OK;
}

/* ---- the shared inputs -------------------------------------------------------- */

rp_status rp_json_case_open(case_in_t *c, const request_t *req, rp_error *err)
{
    rp_loan_in_init(&c->loan);
    rp_events_init(&c->events);
    mpq_init(c->discount_rate);
    c->has_discount = 0;
    c->has_position = 0;
    c->position = malloc(sizeof *c->position);
    if (!c->position)
        return rp_fail(err, RP_E_NOMEM, "$", "out of memory");
    rp_position_init(c->position);
    rp_status st = rp_loan_in_read(&c->loan, req->loan, err);
    if (st == RP_OK)
        st = rp_json_read_events(&c->events, req->events, &c->loan, err);
    if (st == RP_OK && req->discount_rate) {
        rate_in_t r;
        mpq_init(r.value);
        r.given = 0;
        st = rp_json_read_rate(&r, req->discount_rate, "$.discount_rate", err);
        if (st == RP_OK)
            st = rp_rate_in_annual(c->discount_rate, &r, c->loan.loan.daily_basis, err);
        mpq_clear(r.value);
        c->has_discount = 1;
    }
    return st;
}

void rp_json_case_close(case_in_t *c)
{
    if (c->position)
        rp_position_clear(c->position);
    free(c->position);
    c->position = NULL;
    rp_loan_in_clear(&c->loan);
    rp_events_clear(&c->events);
    mpq_clear(c->discount_rate);
}

/* Builds and prices one proposal; errors get path_prefix. */
rp_status rp_json_plan(rp_plan_t *plan, rp_pricing_t *price, case_in_t *c, rp_date_t date,
                       const rp_actions_t *acts, const char *path_prefix, rp_error *err)
{
    /* the loan on the date, replayed once for all the plans of a request */
    rp_status st = RP_OK;
    if (!c->has_position || c->position->date != date) {
        st = rp_position_on(c->position, &c->loan.loan, &c->loan.terms, &c->events, date,
                            &c->loan.rounding, err);
        c->has_position = st == RP_OK;
    }
    if (st == RP_OK)
        st = rp_restructure_at(plan, c->position, &c->loan.loan, acts, &c->loan.rounding, err);
    if (st == RP_OK) {
        st = rp_plan_price(price, plan, c->has_discount ? c->discount_rate : plan->contract_rate,
                           &c->loan.rounding, err);
    }
    if (st != RP_OK && rp_status_exit_code(st) == 2) {
        /* the engine's paths: "actions[2].amount", "loan.term", "as_of" */
        if (err && strncmp(err->path, "actions", 7) == 0) {
            char path[RP_PATH_MAX];
            snprintf(path, sizeof path, "%s%s", path_prefix, err->path + 7);
            snprintf(err->path, sizeof err->path, "%s", path);
        } else if (err && strcmp(err->path, "as_of") == 0) {
            snprintf(err->path, sizeof err->path, "$.date");
        } else {
            rp_error_prefix(err, "$");
        }
    }
    return st;
}

/* ---- writing --------------------------------------------------------------------- */

static void add_ratio(cJSON *obj, const char *key, const mpq_t x)
{
    rp_json_add_bounded(obj, key, x, x, 6);
}

void rp_json_plan_summary(cJSON *o, const rp_plan_t *p, const rp_pricing_t *price,
                          const rp_round_t *rc)
{
    int count = 0;
    for (int k = 0; k < p->count; k++)
        count += p->rows[k].n > 0;
    rp_json_add_amount(o, "payment", p->payment, rc);
    rp_json_add_int(o, "installment_count", count);
    if (p->count > 0 && p->rows[0].n == 0)
        rp_json_add_amount(o, "due_on_date", p->rows[0].payment, rc);
    if (p->first_due_date != RP_DATE_NONE) {
        rp_json_add_date(o, "first_due_date", p->first_due_date);
        rp_json_add_date(o, "maturity_date", p->maturity_date);
    }
    rp_json_add_amount(o, "total_to_pay", p->total_payment, rc);
    rp_json_add_amount(o, "waived", p->waived_total, rc);
    rp_json_add_amount(o, "saving", price->saving, rc);
    rp_json_add_decimal(o, "annual_rate", p->annual_rate);
    if (price->has_apr)
        rp_json_add_bounded(o, "apr", price->apr.low, price->apr.high, 12);
    else
        cJSON_AddNullToObject(o, "apr");
    rp_json_add_decimal(o, "discount_rate", price->discount_rate);
    rp_json_add_amount(o, "pv", price->pv, rc);
    add_ratio(o, "recovery", price->recovery);
    rp_json_add_amount(o, "concession", price->concession, rc);
    if (p->observation_end != RP_DATE_NONE)
        rp_json_add_date(o, "observation_end", p->observation_end);
}

void rp_json_plan_warnings(cJSON *root, const rp_plan_t *p)
{
    if (p->warning_count == 0)
        return;
    cJSON *list = cJSON_AddArrayToObject(root, "warnings");
    for (int w = 0; w < p->warning_count; w++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "code", p->warnings[w].code);
        cJSON_AddStringToObject(o, "message", p->warnings[w].message);
        cJSON_AddItemToArray(list, o);
    }
}

void rp_json_plan_rows(cJSON *root, const rp_plan_t *p, const rp_round_t *rc)
{
    cJSON *rows = cJSON_AddArrayToObject(root, "installments");
    for (int k = 0; k < p->count; k++) {
        const rp_plan_row_t *r = &p->rows[k];
        cJSON *o = cJSON_CreateObject();
        rp_json_add_int(o, "n", r->n);
        rp_json_add_date(o, "due_date", r->due_date);
        rp_json_add_amount(o, "payment", r->payment, rc);
        rp_json_add_amount(o, "principal", r->principal, rc);
        rp_json_add_amount(o, "interest", r->interest, rc);
        rp_json_add_amount(o, "fee", r->fee, rc);
        rp_json_add_amount(o, "arrears", r->arrears, rc);
        rp_json_add_amount(o, "balance", r->balance, rc);
        cJSON_AddItemToArray(rows, o);
    }
}
