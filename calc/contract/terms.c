/*
 * terms.c — a loan's terms beyond its schedule: overdue terms (penalty
 * rate, grace, 违约金), the five-tier classification and DPD buckets, and
 * their defaults. The arithmetic that uses them is in overdue.c.
 */
#include <stdio.h>
#include <string.h>

#include "base/internal.h"

const char *const rp_component_names[RP_COMPONENT_COUNT] = {
    [RP_PRINCIPAL] = "principal",   [RP_INTEREST] = "interest",
    [RP_PENALTY] = "penalty_interest", [RP_COMPOUND] = "compound_interest",
    [RP_LATE_FEE] = "late_fees",    [RP_FEE] = "fees",
};

const char *const rp_penalty_base_names[RP_BASE_COUNT] = {
    [RP_BASE_OVERDUE_PRINCIPAL] = "overdue_principal",
    [RP_BASE_OVERDUE_INSTALLMENT] = "overdue_installment",
    [RP_BASE_OUTSTANDING_PRINCIPAL] = "outstanding_principal",
};

const char *const rp_late_fee_base_names[RP_LATE_FEE_BASE_COUNT] = {
    [RP_LATE_FEE_ON_UNPAID_INSTALLMENT] = "unpaid_installment",
    [RP_LATE_FEE_ON_MINIMUM_PAYMENT] = "minimum_payment",
};

const char *const rp_late_fee_frequency_names[RP_LATE_FEE_FREQUENCY_COUNT] = {
    [RP_LATE_FEE_ONCE] = "once",
    [RP_LATE_FEE_MONTHLY] = "monthly",
};

const char *const rp_classification_names[RP_CLASSIFICATION_COUNT] = {
    [RP_CLASS_LOANS_2023] = "loans_2023",
    [RP_CLASS_CREDIT_CARD] = "credit_card",
};

const char *const rp_tier_names[5] = {"normal", "special_mention", "substandard", "doubtful",
                                      "loss"};
const char *const rp_tier_names_zh[5] = {"正常", "关注", "次级", "可疑", "损失"};

void rp_overdue_init(rp_overdue_t *o)
{
    mpq_inits(o->markup, o->penalty_rate, o->penalty_cap, o->late_fee_rate, o->late_fee_amount,
              o->minimum_payment, o->late_fee_floor, o->late_fee_cap, o->late_fee_total_cap, NULL);
    mpq_set_ui(o->markup, 1, 2); /* PBoC 2003: 30%–50% for overdue loans */
    mpq_set_si(o->penalty_rate, -1, 1);
    o->daily_basis = 360;
    o->base = RP_BASE_OVERDUE_PRINCIPAL;
    o->compound = 1;
    o->grace_days = 0;
    o->grace_counts_back = 1;
    mpq_set_si(o->penalty_cap, -1, 1);
    o->late_fee_base = RP_LATE_FEE_ON_UNPAID_INSTALLMENT;
    mpq_set_si(o->late_fee_floor, -1, 1);
    mpq_set_si(o->late_fee_cap, -1, 1);
    mpq_set_si(o->late_fee_total_cap, -1, 1);
    o->late_fee_frequency = RP_LATE_FEE_ONCE;
}

void rp_overdue_clear(rp_overdue_t *o)
{
    mpq_clears(o->markup, o->penalty_rate, o->penalty_cap, o->late_fee_rate, o->late_fee_amount,
               o->minimum_payment, o->late_fee_floor, o->late_fee_cap, o->late_fee_total_cap, NULL);
}

static int is_whole_units(const mpq_t x, const rp_round_t *rc)
{
    return mpq_sgn(x) < 0 || rp_round_is_multiple(x, rc);
}

rp_status rp_overdue_check(const rp_overdue_t *o, const rp_round_t *rc, rp_error *err)
{
    if (mpq_sgn(o->markup) < 0)
        return rp_fail(err, RP_E_VALUE, "penalty_markup", "penalty_markup must not be negative");
    if (mpq_cmp_ui(o->markup, 10, 1) > 0)
        return rp_fail(err, RP_E_RANGE, "penalty_markup", "penalty_markup must be at most 1000%%");
    if (mpq_cmp_ui(o->penalty_rate, RP_MAX_RATE_PERCENT / 100, 1) > 0)
        return rp_fail(err, RP_E_RANGE, "penalty_rate", "penalty_rate must be at most %d%%",
                       RP_MAX_RATE_PERCENT);
    if (o->daily_basis != 360 && o->daily_basis != 365)
        return rp_fail(err, RP_E_VALUE, "daily_basis", "daily_basis must be 360 or 365");
    if (o->grace_days < 0 || o->grace_days > 31)
        return rp_fail(err, RP_E_RANGE, "grace_days", "grace_days must be between 0 and 31");
    if (o->compound && o->base == RP_BASE_OVERDUE_INSTALLMENT)
        return rp_fail(err, RP_E_VALUE, "compound",
                       "penalty_base overdue_installment already charges penalty on overdue "
                       "interest: set compound to false");
    if (!is_whole_units(o->penalty_cap, rc))
        return rp_fail(err, RP_E_VALUE, "penalty_cap", "penalty_cap must be a whole number of rounding units");
    if (mpq_sgn(o->late_fee_rate) < 0 || mpq_cmp_ui(o->late_fee_rate, 1, 1) > 0)
        return rp_fail(err, RP_E_VALUE, "late_fee.rate", "late_fee.rate must be between 0 and 100%%");
    if (mpq_sgn(o->late_fee_amount) < 0 || !rp_round_is_multiple(o->late_fee_amount, rc))
        return rp_fail(err, RP_E_VALUE, "late_fee.amount",
                       "late_fee.amount must be 0 or more, in whole rounding units");
    if (o->late_fee_base == RP_LATE_FEE_ON_MINIMUM_PAYMENT) {
        if (mpq_sgn(o->minimum_payment) <= 0 || mpq_cmp_ui(o->minimum_payment, 1, 1) > 0)
            return rp_fail(err, RP_E_VALUE, "late_fee.minimum_payment",
                           "late_fee base minimum_payment needs minimum_payment between 0 and 100%%");
    } else if (mpq_sgn(o->minimum_payment) != 0) {
        return rp_fail(err, RP_E_VALUE, "late_fee.minimum_payment",
                       "minimum_payment is used only with late_fee base minimum_payment");
    }
    static const char *const money[3] = {"late_fee.floor", "late_fee.cap", "late_fee.total_cap"};
    mpq_srcptr values[3] = {o->late_fee_floor, o->late_fee_cap, o->late_fee_total_cap};
    for (int i = 0; i < 3; i++)
        if (!is_whole_units(values[i], rc))
            return rp_fail(err, RP_E_VALUE, money[i], "%s must be a whole number of rounding units",
                           money[i]);
    if (mpq_sgn(o->late_fee_floor) >= 0 && mpq_sgn(o->late_fee_cap) >= 0 &&
        mpq_cmp(o->late_fee_floor, o->late_fee_cap) > 0)
        return rp_fail(err, RP_E_VALUE, "late_fee.floor", "late_fee.floor is above late_fee.cap");
    int charges = mpq_sgn(o->late_fee_rate) > 0 || mpq_sgn(o->late_fee_amount) > 0;
    if (!charges && (mpq_sgn(o->late_fee_floor) > 0))
        return rp_fail(err, RP_E_VALUE, "late_fee.floor",
                       "a late_fee floor without a rate or amount would charge nothing");
    return RP_OK;
}

int rp_tier_for_dpd(rp_classification c, int dpd)
{
    if (dpd <= 0)
        return 0;
    if (c == RP_CLASS_CREDIT_CARD) /* 2011 credit-card rules */
        return dpd <= 90 ? 1 : dpd <= 120 ? 2 : dpd <= 180 ? 3 : 4;
    /* 2023 risk classification rules: overdue → at least 关注; > 90 days
     * → at least 次级; > 270 → 可疑; > 360 → 损失. */
    return dpd <= 90 ? 1 : dpd <= 270 ? 2 : dpd <= 360 ? 3 : 4;
}

void rp_terms_init(rp_terms_t *t)
{
    rp_overdue_init(&t->overdue);
    rp_allocation_preset(&t->allocation, RP_WATERFALL_BANK_DEFAULT);
    t->overpayment = RP_OVERPAY_CREDIT;
    t->classification = RP_CLASS_LOANS_2023;
    /* M0 current, M1 1–30, … M6 151–180, M7+ beyond */
    t->bucket_count = 8;
    for (int i = 0; i < 7; i++) {
        snprintf(t->buckets[i].label, sizeof t->buckets[i].label, "M%d", i);
        t->buckets[i].max_dpd = 30 * i;
    }
    snprintf(t->buckets[7].label, sizeof t->buckets[7].label, "M7+");
    t->buckets[7].max_dpd = -1;
}

void rp_terms_clear(rp_terms_t *t)
{
    rp_overdue_clear(&t->overdue);
}
