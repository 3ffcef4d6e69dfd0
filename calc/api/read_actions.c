/*
 * read_actions.c — reading a restructuring's actions (a restructure,
 * compare or solve request's, or a restructure event's): each action's
 * fields, and the components a freeze keeps.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ops.h"

typedef struct action_in {
    const cJSON *type, *note, *keep;
    int component;
    mpq_t amount, share, fee, fee_share, down_payment;
    int periods, installments, days, method, strict, card, interest;
    int max_days_late;            /* waive's condition; −1: none */
    rp_date_t maturity, from;
    rate_in_t rate;
} action_in_t;

#define ACTION(member) offsetof(action_in_t, member)
#define COMMON                                                                                   \
    {.name = "type", .kind = FK_CUSTOM, .schema = SCHEMA_STRING, .required = 1, .offset = ACTION(type),                  \
     .read = rp_json_keep, .doc = "the action"},                                                 \
    {.name = "note", .kind = FK_TEXT, .min = 0, .max = RP_MAX_NOTE_CHARS, .offset = ACTION(note),              \
     .doc = "free text for people; ignored"}

/* A waiver's condition: {"max_days_late": N}. */
typedef struct condition_in {
    int max_days_late;
} condition_in_t;

static const field_t condition_fields[] = {
    {.name = "max_days_late", .kind = FK_INT, .required = 1, .offset = offsetof(condition_in_t, max_days_late),
     .min = 0, .max = 3650,
     .doc = "reinstated if an installment of the plan is ever more than this many days past due"},
};
const object_spec_t rp_spec_condition = {"a condition", RP_FIELDS(condition_fields)};

static rp_status read_condition(void *target, const cJSON *item, const char *path, rp_error *err)
{
    condition_in_t c = {-1};
    rp_status st = rp_fields_read(&c, item, &rp_spec_condition, path, err);
    if (st == RP_OK)
        *(int *)target = c.max_days_late;
    return st;
}

static const field_t waive_fields[] = {
    COMMON,
    {.name = "component", .kind = FK_ENUM, .required = 1, .offset = ACTION(component),
     .names = rp_component_names, .name_count = RP_COMPONENT_COUNT,
     .doc = "late_fees, compound_interest, penalty_interest, fees, interest or principal"},
    {.name = "amount", .kind = FK_AMOUNT, .offset = ACTION(amount), .doc = "how much"},
    {.name = "share", .kind = FK_CUSTOM, .schema = SCHEMA_REF("share"), .offset = ACTION(share), .read = rp_json_read_share,
     .doc = "or a share of what is owed of it on the date, e.g. \"50%\""},
    {.name = "condition", .kind = FK_CUSTOM, .schema = SCHEMA_REF("condition"), .offset = ACTION(max_days_late),
     .read = read_condition,
     .doc = "附条件减免: reinstated on the day an installment of the plan is more than max_days_late past due"},
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
static const field_t re_age_fields[] = {
    COMMON,
    {.name = "installments", .kind = FK_INT, .offset = ACTION(installments), .min = 1, .max = RP_MAX_TERM,
     .doc = "new installments after the last, the arrears split evenly over them (default 1)"},
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
    [RP_ACTION_RE_AGE] = {"a re_age action", RP_FIELDS(re_age_fields)},
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
    if (t < 0) {
        char allowed[RP_MESSAGE_MAX];
        rp_names_join(allowed, sizeof allowed, rp_action_names, RP_ACTION_COUNT);
        return rp_fail(err, cJSON_IsString(type) ? RP_E_VALUE : RP_E_TYPE, sub, "expected one of: %s",
                       allowed);
    }
    action_in_t in;
    memset(&in, 0, sizeof in);
    in.method = -1;
    in.interest = RP_DEFER_ACCRUE;
    in.maturity = in.from = RP_DATE_NONE;
    in.max_days_late = -1;
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
        if (in.max_days_late >= 0) {
            a->max_days_late = in.max_days_late;
            a->given |= RP_HAS_CONDITION;
        }
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

