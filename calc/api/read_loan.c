/*
 * read_loan.c — reading $.loan: the contract, its rounding context, and
 * the terms a statement needs (overdue, allocation, overpayment). The
 * field tables here are the contract's single source of truth.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ops.h"

/* ---- rounding ------------------------------------------------------------ */

static rp_status read_unit(void *target, const cJSON *item, const char *path, rp_error *err)
{
    rp_round_t *rc = target;
    mpq_t unit;
    mpq_init(unit);
    rp_status st = rp_fields_decimal(unit, item, path, err);
    if (st == RP_OK)
        st = rp_round_set_unit(rc, unit, err);
    mpq_clear(unit);
    return st;
}

static const field_t rounding_fields[] = {
    {.name = "unit", .kind = FK_CUSTOM, .schema = SCHEMA_REF("decimal"), .offset = 0, .read = read_unit,
     .doc = "amounts are rounded to whole multiples of this (default \"0.01\"; e.g. \"0.05\", \"1\", \"10\")"},
    {.name = "mode", .kind = FK_ENUM, .offset = offsetof(rp_round_t, mode),
     .names = rp_round_mode_names, .name_count = RP_ROUND_MODE_COUNT,
     .doc = "how ties and remainders go (default half_up: ties away from zero)"},
};
const object_spec_t rp_spec_rounding = {"rounding", RP_FIELDS(rounding_fields)};

/* ---- overdue terms ------------------------------------------------------- */

#define OVERDUE(member) offsetof(loan_in_t, terms.overdue.member)
static const field_t late_fee_fields[] = {
    {.name = "rate", .kind = FK_CUSTOM, .schema = SCHEMA_REF("share"), .offset = OVERDUE(late_fee_rate), .read = rp_json_read_share,
     .doc = "违约金 as a share of the base, e.g. \"5%\" (default 0)"},
    {.name = "amount", .kind = FK_AMOUNT, .offset = OVERDUE(late_fee_amount),
     .doc = "a fixed amount added to each assessment (default 0)"},
    {.name = "base", .kind = FK_ENUM, .offset = OVERDUE(late_fee_base),
     .names = rp_late_fee_base_names, .name_count = RP_LATE_FEE_BASE_COUNT,
     .doc = "unpaid_installment (default) or minimum_payment"},
    {.name = "minimum_payment", .kind = FK_CUSTOM, .schema = SCHEMA_REF("share"), .offset = OVERDUE(minimum_payment),
     .read = rp_json_read_share, .doc = "base minimum_payment: the share of the installment due at least"},
    {.name = "floor", .kind = FK_AMOUNT, .offset = OVERDUE(late_fee_floor),
     .doc = "smallest late fee charged (default none)"},
    {.name = "cap", .kind = FK_AMOUNT, .offset = OVERDUE(late_fee_cap),
     .doc = "largest single late fee (default none)"},
    {.name = "total_cap", .kind = FK_AMOUNT, .offset = OVERDUE(late_fee_total_cap),
     .doc = "all late fees of the loan together at most this (default none)"},
    {.name = "frequency", .kind = FK_ENUM, .offset = OVERDUE(late_fee_frequency),
     .names = rp_late_fee_frequency_names, .name_count = RP_LATE_FEE_FREQUENCY_COUNT,
     .doc = "once per missed installment (default), or monthly while unpaid"},
};
static const object_spec_t late_fee_spec = {"late_fee", RP_FIELDS(late_fee_fields)};

static const field_t overdue_fields[] = {
    {.name = "penalty_markup", .kind = FK_CUSTOM, .schema = SCHEMA_REF("share"), .offset = OVERDUE(markup), .read = rp_json_read_share,
     .doc = "penalty rate = contract rate × (1 + markup) (default \"" RP_XSTR(RP_PENALTY_MARKUP_PERCENT) "%\")"},
    {.name = "penalty_rate", .kind = FK_CUSTOM, .schema = SCHEMA_REF("rate"), .offset = offsetof(loan_in_t, penalty_rate),
     .read = rp_json_read_rate, .doc = "an explicit penalty rate instead of the markup"},
    {.name = "daily_basis", .kind = FK_INT, .offset = OVERDUE(daily_basis), .min = 360, .max = 365,
     RP_CHOICES(rp_daily_bases),
     .doc = "penalty per day = rate / daily_basis: 360 (default) or 365"},
    {.name = "penalty_base", .kind = FK_ENUM, .offset = OVERDUE(base),
     .names = rp_penalty_base_names, .name_count = RP_BASE_COUNT,
     .doc = "what bears 罚息 (default overdue_principal)"},
    {.name = "compound", .kind = FK_BOOL, .offset = OVERDUE(compound),
     .doc = "复利 on overdue interest at the penalty rate (default true)"},
    {.name = "grace_days", .kind = FK_INT, .offset = OVERDUE(grace_days), .min = 0, .max = RP_MAX_GRACE_DAYS,
     .doc = "days after the due date that still count as on time (default 0)"},
    {.name = "grace_counts_back", .kind = FK_BOOL, .offset = OVERDUE(grace_counts_back),
     .doc = "paid after grace: penalty from the due date (default true)"},
    {.name = "penalty_cap", .kind = FK_AMOUNT, .offset = OVERDUE(penalty_cap),
     .doc = "all 罚息 and 复利 together at most this (default none)"},
    {.name = "arrears_tolerance", .kind = FK_AMOUNT, .offset = OVERDUE(arrears_tolerance),
     .doc = "unpaid amounts up to this, oldest installment first, do not make the loan past due "
            "(Fineract's in-arrears tolerance; default 0: any amount does)"},
    {.name = "late_fee", .kind = FK_OBJECT, .offset = 0, .object = &late_fee_spec,
     .doc = "违约金 terms (default none)"},
};
#undef OVERDUE
const object_spec_t rp_spec_overdue = {"overdue", RP_FIELDS(overdue_fields)};

/* ---- allocation ------------------------------------------------------------ */

rp_status rp_json_read_component_order(rp_component *order, const cJSON *item, const char *path,
                                       rp_error *err)
{
    rp_allocation_t a;
    rp_allocation_preset(&a, RP_WATERFALL_BANK_DEFAULT);
    if (!cJSON_IsArray(item))
        return rp_fail(err, RP_E_TYPE, path, "expected an array of components, found %s",
                       rp_json_type_name(item));
    int n = 0;
    for (const cJSON *m = item->child; m; m = m->next, n++) {
        char sub[RP_PATH_MAX];
        snprintf(sub, sizeof sub, "%s[%d]", path, n);
        int c = cJSON_IsString(m) ? rp_name_index(rp_component_names, RP_COMPONENT_COUNT,
                                                  m->valuestring) : -1;
        if (c < 0 || n >= RP_COMPONENT_COUNT) {
            char allowed[RP_MESSAGE_MAX];
            rp_names_join(allowed, sizeof allowed, rp_component_names, RP_COMPONENT_COUNT);
            return rp_fail(err, c < 0 ? RP_E_VALUE : RP_E_RANGE, sub, "expected one of %s, each once",
                           allowed);
        }
        a.order[n] = (rp_component)c;
    }
    if (n != RP_COMPONENT_COUNT)
        return rp_fail(err, RP_E_VALUE, path, "order must list all %d components, found %d",
                       RP_COMPONENT_COUNT, n);
    if (rp_allocation_check(&a, NULL) != RP_OK)
        return rp_fail(err, RP_E_VALUE, path, "order must list each component exactly once");
    memcpy(order, a.order, sizeof a.order);
    return RP_OK;
}

static rp_status read_order(void *target, const cJSON *item, const char *path, rp_error *err)
{
    rp_allocation_t *a = target;
    return rp_json_read_component_order(a->order, item, path, err);
}

static const field_t allocation_fields[] = {
    {.name = "order", .kind = FK_CUSTOM, .schema = SCHEMA_COMPONENTS, .required = 1, .offset = 0, .read = read_order,
     .doc = "all six components in the order payments go to them"},
    {.name = "across", .kind = FK_ENUM, .offset = offsetof(rp_allocation_t, across),
     .names = rp_across_names, .name_count = RP_ACROSS_COUNT,
     .doc = "oldest_first (default): installment by installment; component_first: component by component"},
};
const object_spec_t rp_spec_allocation = {"allocation", RP_FIELDS(allocation_fields)};

/* allocation: a waterfall's name, or {"order": […], "across": …}. */
static rp_status read_allocation(void *target, const cJSON *item, const char *path, rp_error *err)
{
    rp_allocation_t *a = target;
    if (cJSON_IsObject(item)) {
        a->across = RP_OLDEST_FIRST;
        return rp_fields_read(a, item, &rp_spec_allocation, path, err);
    }
    if (!cJSON_IsString(item))
        return rp_fail(err, RP_E_TYPE, path, "expected a waterfall name or an object, found %s",
                       rp_json_type_name(item));
    int w = rp_name_index(rp_waterfall_names, RP_WATERFALL_COUNT, item->valuestring);
    if (w < 0) {
        char shown[48], allowed[RP_MESSAGE_MAX];
        rp_quote(shown, sizeof shown, item->valuestring, strlen(item->valuestring), 24);
        rp_names_join(allowed, sizeof allowed, rp_waterfall_names, RP_WATERFALL_COUNT);
        return rp_fail(err, RP_E_VALUE, path, "\"%s\" is not one of: %s", shown, allowed);
    }
    rp_allocation_preset(a, (rp_waterfall)w);
    return RP_OK;
}

/* ---- the loan ---------------------------------------------------------------- */

#define LOAN(member) offsetof(loan_in_t, loan.member)
static const field_t loan_fields[] = {
    {.name = "principal", .kind = FK_AMOUNT, .required = 1, .offset = LOAN(principal),
     .doc = "amount lent, > 0, a whole number of rounding units"},
    {.name = "rate", .kind = FK_CUSTOM,
     .schema = "{\"oneOf\": [" SCHEMA_REF("rate") ", " SCHEMA_REF("lpr_rate") "]}",
     .required = 1, .offset = 0, .read = rp_json_read_loan_rate,
     .doc = "nominal rate: \"4.9%\" or 0.049 a year, {\"monthly\": \"5‰\"}, {\"daily\": \"万分之五\"}; "
            "or LPR 加点: {\"lpr\": \"5y\", \"spread_bp\": -30, \"repricing\": \"january_1\"}"},
    {.name = "term", .kind = FK_INT, .offset = LOAN(term), .min = 1, .max = RP_MAX_TERM,
     .doc = "number of installments (bullet: periods until maturity)"},
    {.name = "method", .kind = FK_ENUM, .offset = LOAN(method), .names = rp_method_names,
     .name_count = RP_METHOD_COUNT, .doc = "amortization method (default annuity)"},
    {.name = "start_date", .kind = FK_DATE, .offset = LOAN(start_date),
     .doc = "disbursement date; without it installments carry no dates"},
    {.name = "first_due_date", .kind = FK_DATE, .offset = LOAN(first_due_date),
     .doc = "first installment date (default: one period after start_date)"},
    {.name = "maturity_date", .kind = FK_DATE, .offset = LOAN(maturity_date),
     .doc = "bullet loans: the due date, instead of term"},
    {.name = "frequency", .kind = FK_ENUM, .offset = LOAN(frequency),
     .names = rp_frequency_names, .name_count = RP_FREQ_COUNT,
     .doc = "installment frequency (default monthly)"},
    {.name = "day_count", .kind = FK_ENUM, .offset = LOAN(day_count),
     .names = rp_day_count_names, .name_count = RP_DC_COUNT,
     .doc = "interest per period: period (rate / periods a year, default) or a day count"},
    {.name = "daily_basis", .kind = FK_INT, .offset = LOAN(daily_basis), .min = 360, .max = 365,
     RP_CHOICES(rp_daily_bases),
     .doc = "days a year for the daily rate: 360 (default) or 365"},
    {.name = "grace_periods", .kind = FK_INT, .offset = LOAN(grace_periods), .min = 0,
     .max = RP_MAX_TERM, .doc = "interest-only installments at the start (default 0)"},
    {.name = "flat_charge", .kind = FK_ENUM, .offset = LOAN(flat_charge),
     .names = rp_charge_names, .name_count = RP_CHARGE_COUNT,
     .doc = "flat method: show the charge as interest (default) or fee"},
    {.name = "periodic_fee", .kind = FK_AMOUNT, .offset = LOAN(periodic_fee),
     .doc = "fee added to every installment (default 0)"},
    {.name = "upfront_fee", .kind = FK_AMOUNT, .offset = LOAN(upfront_fee),
     .doc = "fee deducted when the loan is paid out, e.g. a service fee (default 0); counts in the APR"},
    {.name = "apr_odd_days", .kind = FK_ENUM, .offset = LOAN(odd_days),
     .names = rp_odd_days_names, .name_count = RP_ODD_COUNT,
     .doc = "APRs and present values: odd days of a part period over its actual days "
            "(actual, default) or over 30 a month (reg_z, Regulation Z App. J)"},
    {.name = "timing", .kind = FK_ENUM, .offset = LOAN(timing), .names = rp_timing_names,
     .name_count = RP_TIMING_COUNT,
     .doc = "installments at the end of each period (default) or the start: the first on "
            "start_date (annuity due, a spreadsheet's type 1)"},
    {.name = "down_payment", .kind = FK_CUSTOM, .schema = SCHEMA_REF("part"),
     .offset = offsetof(loan_in_t, shape.down_payment), .read = rp_json_keep,
     .doc = "paid on start_date, a row of its own: an amount or a share of the principal "
            "(\"25%\"); the installments repay the rest (default none)"},
    {.name = "balloon", .kind = FK_CUSTOM, .schema = SCHEMA_REF("part"),
     .offset = offsetof(loan_in_t, shape.balloon), .read = rp_json_keep,
     .doc = "尾款: left for the last installment, an amount or a share (default none)"},
    {.name = "amortization_term", .kind = FK_INT, .offset = LOAN(amortization_term), .min = 1,
     .max = RP_MAX_TERM,
     .doc = "气球贷: the payment as if over this many installments; the last of term clears the "
            "rest (default: term)"},
    {.name = "step", .kind = FK_CUSTOM, .schema = SCHEMA_REF("step"),
     .offset = offsetof(loan_in_t, shape.step), .read = rp_json_keep,
     .doc = "阶梯还款: {\"every\": 12, \"amount\": \"200\"} or {\"every\": 12, \"share\": "
            "\"5%\"}, \"direction\": up or down (default none)"},
    {.name = "custom", .kind = FK_CUSTOM, .schema = SCHEMA_REF("custom"),
     .offset = offsetof(loan_in_t, shape.custom), .read = rp_json_keep,
     .doc = "method custom (个性化分期): {\"payments\": […]} or {\"principal\": […]} for "
            "installments 1 … term − 1"},
    {.name = "level_payment", .kind = FK_ENUM, .offset = LOAN(level_rule),
     .names = rp_level_rule_names, .name_count = RP_LEVEL_RULE_COUNT,
     .doc = "annuity: rounded once (default) or adjusted (Fineract's EMI adjustment)"},
    {.name = "payment_multiple", .kind = FK_CUSTOM, .schema = SCHEMA_REF("payment_multiple"),
     .offset = offsetof(loan_in_t, shape.payment_multiple), .read = rp_json_keep,
     .doc = "the level payment a multiple of unit, rounded by mode (default up): "
            "{\"unit\": \"1\"} for whole yuan (default none)"},
    {.name = "first_period", .kind = FK_ENUM, .offset = LOAN(first_period),
     .names = rp_first_period_names, .name_count = RP_FIRST_PERIOD_COUNT,
     .doc = "an irregular first period: actual_days (default, 首期按实际天数), solved (the "
            "payment solved over it, Fineract) or separate (broken-period interest on start_date)"},
    {.name = "annuity_rate", .kind = FK_ENUM, .offset = LOAN(annuity_rate),
     .names = rp_annuity_rate_names, .name_count = RP_ANNUITY_RATE_COUNT,
     .doc = "annuity under an actual day_count: periodic (default: annual ÷ periods a year) or "
            "actual (each period's own factor, Fineract)"},
    {.name = "business_days", .kind = FK_CUSTOM, .schema = SCHEMA_REF("business_days"),
     .offset = offsetof(loan_in_t, shape.business_days), .read = rp_json_keep,
     .doc = "due dates on non-working days roll: {\"calendar\": \"mainland\", \"roll\": "
            "\"following\", \"accrual\": \"unadjusted\"} (default: no rolling)"},
    {.name = "rounding", .kind = FK_OBJECT, .offset = offsetof(loan_in_t, rounding),
     .object = &rp_spec_rounding, .doc = "rounding context for every posted amount"},
    {.name = "overdue", .kind = FK_OBJECT, .offset = 0, .object = &rp_spec_overdue,
     .doc = "penalty interest, grace and late fee terms (statements)"},
    {.name = "allocation", .kind = FK_CUSTOM, .schema = SCHEMA_ALLOCATION, .offset = offsetof(loan_in_t, terms.allocation),
     .read = read_allocation,
     .doc = "how payments are applied: bank_default (default), statutory, principal_first, or custom"},
    {.name = "overpayment", .kind = FK_ENUM, .offset = offsetof(loan_in_t, terms.overpayment),
     .names = rp_overpayment_names, .name_count = RP_OVERPAY_COUNT,
     .doc = "money beyond what is due: credit (default), shorten_term, lower_payment"},
};
#undef LOAN
const object_spec_t rp_spec_loan = {"loan", RP_FIELDS(loan_fields)};

_Static_assert(sizeof(rp_method) == sizeof(int) && sizeof(rp_round_mode) == sizeof(int) &&
                   sizeof(rp_penalty_base) == sizeof(int) && sizeof(rp_overpayment) == sizeof(int) &&
                   sizeof(rp_odd_days) == sizeof(int) && sizeof(rp_timing) == sizeof(int) &&
                   sizeof(rp_level_rule) == sizeof(int) && sizeof(rp_first_period) == sizeof(int) &&
                   sizeof(rp_annuity_rate) == sizeof(int),
               "enum fields are read as int");

void rp_loan_in_init(loan_in_t *in)
{
    rp_loan_init(&in->loan);
    mpq_inits(in->rate.value, in->penalty_rate.value, NULL);
    in->rate.unit = in->penalty_rate.unit = RP_RATE_ANNUAL;
    in->rate.given = in->penalty_rate.given = 0;
    rp_round_init(&in->rounding);
    rp_terms_init(&in->terms);
    memset(&in->shape, 0, sizeof in->shape);
    rp_calendar_init(&in->calendar);
    in->calendar_json = NULL;
    in->calendar_len = 0;
    in->lpr_node = NULL;
    rp_lpr_pricing_init(&in->lpr);
    rp_lpr_init(&in->lpr_table);
    in->lpr_json = NULL;
    in->lpr_len = 0;
}

void rp_loan_in_tables(loan_in_t *in, const request_t *req)
{
    in->calendar_json = req->calendar_json;
    in->calendar_len = req->calendar_len;
    in->lpr_json = req->lpr_json;
    in->lpr_len = req->lpr_len;
}

void rp_loan_in_clear(loan_in_t *in)
{
    rp_loan_clear(&in->loan);
    mpq_clears(in->rate.value, in->penalty_rate.value, NULL);
    rp_round_clear(&in->rounding);
    rp_terms_clear(&in->terms);
    rp_calendar_clear(&in->calendar);
    rp_lpr_pricing_clear(&in->lpr);
    rp_lpr_clear(&in->lpr_table);
}

rp_status rp_json_read_overdue(rp_overdue_t *out, const cJSON *item, const char *path,
                               const loan_in_t *loan, rp_error *err)
{
    loan_in_t tmp;
    rp_loan_in_init(&tmp);
    rp_status st = cJSON_IsObject(item) ? RP_OK
                                        : rp_fail(err, RP_E_TYPE, path, "expected an object, found %s",
                                                  rp_json_type_name(item));
    if (st == RP_OK)
        st = rp_fields_read(&tmp, item, &rp_spec_overdue, path, err);
    if (st == RP_OK && tmp.penalty_rate.given && cJSON_GetObjectItemCaseSensitive(item, "penalty_markup")) {
        char sub[RP_PATH_MAX];
        rp_fields_path(sub, sizeof sub, path, "penalty_rate");
        st = rp_fail(err, RP_E_VALUE, sub, "give penalty_rate or penalty_markup, not both");
    }
    if (st == RP_OK && tmp.penalty_rate.given)
        st = rp_rate_in_annual(tmp.terms.overdue.penalty_rate, &tmp.penalty_rate,
                               tmp.terms.overdue.daily_basis, err);
    if (st == RP_OK) {
        st = rp_overdue_check(&tmp.terms.overdue, &loan->rounding, err);
        if (st != RP_OK)
            rp_error_prefix(err, path);
    }
    if (st == RP_OK) {
        rp_overdue_copy(out, &tmp.terms.overdue);
    }
    rp_loan_in_clear(&tmp);
    return st;
}

rp_status rp_loan_in_read(loan_in_t *in, const cJSON *item, rp_error *err)
{
    rp_status st = rp_fields_read(in, item, &rp_spec_loan, "$.loan", err);
    if (st != RP_OK)
        return st;
    const cJSON *overdue = cJSON_GetObjectItemCaseSensitive(item, "overdue");
    if (in->penalty_rate.given && cJSON_GetObjectItemCaseSensitive(overdue, "penalty_markup"))
        return rp_fail(err, RP_E_VALUE, "$.loan.overdue.penalty_rate",
                       "give penalty_rate or penalty_markup, not both");
    if (!in->lpr_node)
        st = rp_rate_in_annual(in->loan.annual_rate, &in->rate, in->loan.daily_basis, err);
    if (st == RP_OK)
        st = rp_json_shape_read(in, err);
    if (st == RP_OK && in->shape.business_days)
        st = rp_json_business_days(in, err);
    if (st == RP_OK && in->lpr_node && rp_loan_keeps_shape(&in->loan))
        st = rp_fail(err, RP_E_VALUE, "$.loan.rate",
                     "a repricing re-amortizes the installments to come as level payments: a "
                     "stepped or custom loan takes a fixed rate");
    if (st == RP_OK && in->lpr_node)
        st = rp_json_lpr_rate(in, err);
    if (st == RP_OK && in->penalty_rate.given)
        st = rp_rate_in_annual(in->terms.overdue.penalty_rate, &in->penalty_rate,
                               in->terms.overdue.daily_basis, err);
    if (st != RP_OK)
        return st;
    st = rp_loan_check(&in->loan, &in->rounding, err);
    if (st != RP_OK)
        rp_error_prefix(err, "$.loan");
    else if (in->terms.overpayment != RP_OVERPAY_CREDIT && rp_loan_keeps_shape(&in->loan))
        st = rp_fail(err, RP_E_VALUE, "$.loan.overpayment",
                     "%s re-amortizes the installments to come as level payments: not for a "
                     "stepped or custom loan (use credit)",
                     rp_overpayment_names[in->terms.overpayment]);
    return st;
}
