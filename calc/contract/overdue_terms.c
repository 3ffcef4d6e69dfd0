/*
 * overdue_terms.c — what a late installment costs, as the contract says:
 * the penalty rate (罚息利率: a markup on the contract rate, PBoC 2003:
 * 30%–50% for overdue loans, or a rate of its own), what bears 罚息, whether
 * overdue interest bears 复利, grace days, a cap, and 违约金. The defaults
 * and the checks live here; the daily arithmetic is statement/.
 */
#include <stdio.h>
#include <string.h>

#include "base/internal.h"

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

void rp_overdue_init(rp_overdue_t *o)
{
    mpq_inits(o->markup, o->penalty_rate, o->penalty_cap, o->late_fee_rate, o->late_fee_amount,
              o->minimum_payment, o->late_fee_floor, o->late_fee_cap, o->late_fee_total_cap,
              o->arrears_tolerance, NULL);
    mpq_set_ui(o->markup, RP_PENALTY_MARKUP_PERCENT, 100);
    mpq_canonicalize(o->markup);
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

void rp_overdue_penalty_rate(mpq_t out, const rp_overdue_t *o, mpq_srcptr contract_rate)
{
    if (mpq_sgn(o->penalty_rate) >= 0) {
        mpq_set(out, o->penalty_rate);
        return;
    }
    mpq_t factor;
    mpq_init(factor);
    mpq_set_ui(factor, 1, 1);
    rp_qadd(factor, factor, o->markup);
    mpq_mul(out, contract_rate, factor);
    mpq_clear(factor);
}

void rp_overdue_copy(rp_overdue_t *dst, const rp_overdue_t *src)
{
    mpq_t *const to[] = {&dst->markup, &dst->penalty_rate, &dst->penalty_cap, &dst->late_fee_rate,
                         &dst->late_fee_amount, &dst->minimum_payment, &dst->late_fee_floor,
                         &dst->late_fee_cap, &dst->late_fee_total_cap, &dst->arrears_tolerance};
    const mpq_t *const from[] = {&src->markup, &src->penalty_rate, &src->penalty_cap,
                                 &src->late_fee_rate, &src->late_fee_amount, &src->minimum_payment,
                                 &src->late_fee_floor, &src->late_fee_cap, &src->late_fee_total_cap,
                                 &src->arrears_tolerance};
    for (size_t i = 0; i < sizeof to / sizeof *to; i++)
        mpq_set(*to[i], *from[i]);
    dst->daily_basis = src->daily_basis;
    dst->base = src->base;
    dst->compound = src->compound;
    dst->grace_days = src->grace_days;
    dst->grace_counts_back = src->grace_counts_back;
    dst->late_fee_base = src->late_fee_base;
    dst->late_fee_frequency = src->late_fee_frequency;
}

void rp_overdue_clear(rp_overdue_t *o)
{
    mpq_clears(o->markup, o->penalty_rate, o->penalty_cap, o->late_fee_rate, o->late_fee_amount,
               o->minimum_payment, o->late_fee_floor, o->late_fee_cap, o->late_fee_total_cap,
               o->arrears_tolerance, NULL);
}

static int is_whole_units(const mpq_t x, const rp_round_t *rc)
{
    return mpq_sgn(x) < 0 || rp_round_is_multiple(x, rc);
}

rp_status rp_overdue_check(const rp_overdue_t *o, const rp_round_t *rc, rp_error *err)
{
    if (mpq_sgn(o->markup) < 0)
        return rp_fail(err, RP_E_VALUE, "penalty_markup", "penalty_markup must not be negative");
    if (mpq_cmp_ui(o->markup, RP_MAX_PENALTY_MARKUP_PERCENT / 100, 1) > 0)
        return rp_fail(err, RP_E_RANGE, "penalty_markup", "penalty_markup must be at most %d%%",
                       RP_MAX_PENALTY_MARKUP_PERCENT);
    rp_status st = rp_rate_check_max(o->penalty_rate, "penalty_rate", "penalty_rate", err);
    if (st == RP_OK)
        st = rp_daily_basis_check(o->daily_basis, "daily_basis", err);
    if (st != RP_OK)
        return st;
    if (o->grace_days < 0 || o->grace_days > RP_MAX_GRACE_DAYS)
        return rp_fail(err, RP_E_RANGE, "grace_days", "grace_days must be between 0 and %d",
                       RP_MAX_GRACE_DAYS);
    if (o->compound && o->base == RP_BASE_OVERDUE_INSTALLMENT)
        return rp_fail(err, RP_E_VALUE, "compound",
                       "penalty_base overdue_installment already charges penalty on overdue "
                       "interest: set compound to false");
    if (mpq_sgn(o->arrears_tolerance) < 0 || !rp_round_is_multiple(o->arrears_tolerance, rc))
        return rp_fail(err, RP_E_VALUE, "arrears_tolerance",
                       "arrears_tolerance must be 0 or more, in whole rounding units");
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
