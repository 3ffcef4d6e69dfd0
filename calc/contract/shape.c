/*
 * shape.c — a loan's payment timing and shape (annuity due, down payment,
 * balloon, 气球贷, 阶梯还款, 个性化分期) and the conventions where banks
 * differ (the level payment, an irregular first period, the annuity's
 * rate): their names, whether a loan uses any, and the checks that they
 * agree with the method, the term and each other. The schedule itself is
 * built by calc/schedule/shape.c.
 */
#include <stdio.h>

#include "shape.h"

const char *const rp_timing_names[RP_TIMING_COUNT] = {
    [RP_TIMING_END] = "end",
    [RP_TIMING_START] = "start",
};

const char *const rp_custom_kind_names[RP_CUSTOM_KIND_COUNT] = {
    [RP_CUSTOM_PAYMENTS] = "payments",
    [RP_CUSTOM_PRINCIPAL] = "principal",
};

const char *const rp_level_rule_names[RP_LEVEL_RULE_COUNT] = {
    [RP_LEVEL_ROUNDED] = "rounded",
    [RP_LEVEL_ADJUSTED] = "adjusted",
};

const char *const rp_first_period_names[RP_FIRST_PERIOD_COUNT] = {
    [RP_FIRST_ACTUAL_DAYS] = "actual_days",
    [RP_FIRST_SOLVED] = "solved",
    [RP_FIRST_SEPARATE] = "separate",
};

const char *const rp_annuity_rate_names[RP_ANNUITY_RATE_COUNT] = {
    [RP_ANNUITY_PERIODIC] = "periodic",
    [RP_ANNUITY_ACTUAL] = "actual",
};

const char *const rp_charge_names[RP_CHARGE_COUNT] = {
    [RP_CHARGE_INTEREST] = "interest",
    [RP_CHARGE_FEE] = "fee",
};


int rp_loan_keeps_shape(const rp_loan_t *loan)
{
    return loan->step_kind != RP_STEP_NONE || loan->method == RP_METHOD_CUSTOM;
}

int rp_loan_shaped(const rp_loan_t *loan)
{
    return loan->method == RP_METHOD_CUSTOM || loan->timing != RP_TIMING_END ||
           mpq_sgn(loan->down_payment) != 0 || mpq_sgn(loan->balloon) != 0 ||
           loan->amortization_term != 0 || loan->step_kind != RP_STEP_NONE ||
           loan->level_rule != RP_LEVEL_ROUNDED || mpq_sgn(loan->payment_multiple) != 0 ||
           loan->first_period != RP_FIRST_ACTUAL_DAYS || loan->annuity_rate != RP_ANNUITY_PERIODIC;
}

/* 1 if |x| < 10^RP_MAX_AMOUNT_DIGITS. */
static int amount_in_range(const mpq_t x)
{
    mpq_t limit, a;
    mpq_inits(limit, a, NULL);
    mpz_ui_pow_ui(mpq_numref(limit), 10, RP_MAX_AMOUNT_DIGITS);
    mpq_abs(a, x);
    int ok = mpq_cmp(a, limit) < 0;
    mpq_clears(limit, a, NULL);
    return ok;
}

rp_status rp_loan_check_amount(const mpq_t x, const char *field, int allow_zero,
                               const rp_round_t *rc, rp_error *err)
{
    if (mpq_sgn(x) < 0 || (!allow_zero && mpq_sgn(x) == 0))
        return rp_fail(err, RP_E_VALUE, field, "%s must be %s", field,
                       allow_zero ? "0 or more" : "greater than 0");
    if (!amount_in_range(x))
        return rp_fail(err, RP_E_RANGE, field, "%s must be less than 10^%d", field,
                       RP_MAX_AMOUNT_DIGITS);
    if (!rp_round_is_multiple(x, rc))
        return rp_fail(err, RP_E_VALUE, field,
                       "%s must be a whole number of rounding units (the unit has %d decimal places)",
                       field, rc->places);
    return RP_OK;
}

void rp_loan_share_of(mpq_t out, const rp_loan_t *loan, const mpq_t share, const rp_round_t *rc)
{
    rp_round_mul(out, loan->principal, share, NULL, rc);
}

static int method_is(const rp_loan_t *loan, rp_method a, rp_method b)
{
    return loan->method == a || loan->method == b;
}

/* The field a timing or shape needs a method for. */
static rp_status needs(rp_error *err, const char *field, const char *methods)
{
    return rp_fail(err, RP_E_VALUE, field, "%s applies to %s", field, methods);
}

/* amount or share given as an amount: below the principal, whole units */
static rp_status check_part(const mpq_t x, const char *field, const mpq_t below,
                            const rp_round_t *rc, rp_error *err)
{
    rp_status st = rp_loan_check_amount(x, field, 1, rc, err);
    if (st == RP_OK && mpq_cmp(x, below) >= 0)
        st = rp_fail(err, RP_E_VALUE, field, "%s must be less than the principal%s", field,
                     mpq_cmp(below, x) == 0 ? "" : " left to repay");
    return st;
}

static rp_status check_timing(const rp_loan_t *loan, rp_error *err)
{
    if (loan->method == RP_METHOD_BULLET)
        return rp_fail(err, RP_E_VALUE, "timing", "a bullet loan has one payment, at maturity");
    if (loan->method == RP_METHOD_INTEREST_ONLY) /* its first payment would be 0.00 */
        return rp_fail(err, RP_E_VALUE, "timing",
                       "interest_only pays each period's interest at its end: at the start "
                       "the first payment would be 0.00 (interest in advance is a deduction "
                       "from the principal lent: give upfront_fee)");
    if (loan->method == RP_METHOD_FLAT) /* its charge is per installment, not accrued */
        return rp_fail(err, RP_E_VALUE, "timing",
                       "flat charges principal × rate for every installment; at the start the "
                       "first would carry none and the total charge would fall short: leave "
                       "timing out");
    if (loan->first_due_date != RP_DATE_NONE)
        return rp_fail(err, RP_E_VALUE, "first_due_date",
                       "with timing start the first payment falls on start_date: leave "
                       "first_due_date out");
    if (mpq_sgn(loan->down_payment) > 0)
        return rp_fail(err, RP_E_VALUE, "down_payment",
                       "with timing start the first payment is already on start_date");
    if (loan->grace_periods > 0)
        return rp_fail(err, RP_E_VALUE, "grace_periods",
                       "grace_periods applies to payments at the end of each period");
    return RP_OK;
}

static rp_status check_balloon(const rp_loan_t *loan, const mpq_t financed, const rp_round_t *rc,
                               rp_error *err)
{
    if (!method_is(loan, RP_METHOD_ANNUITY, RP_METHOD_EQUAL_PRINCIPAL))
        return needs(err, mpq_sgn(loan->balloon) ? "balloon" : "amortization_term",
                     "annuity and equal_principal");
    if (mpq_sgn(loan->balloon) && loan->amortization_term)
        return rp_fail(err, RP_E_VALUE, "amortization_term",
                       "give balloon (an amount) or amortization_term (a longer term), not both");
    if (mpq_sgn(loan->balloon))
        return check_part(loan->balloon, "balloon", financed, rc, err);
    if (loan->amortization_term <= loan->term - loan->grace_periods ||
        loan->amortization_term > RP_MAX_TERM)
        return rp_fail(err, RP_E_VALUE, "amortization_term",
                       "amortization_term must be longer than the installments it amortizes "
                       "(%d) and at most %d", loan->term - loan->grace_periods, RP_MAX_TERM);
    return RP_OK;
}

static rp_status check_step(const rp_loan_t *loan, const rp_round_t *rc, rp_error *err)
{
    if (loan->method != RP_METHOD_ANNUITY)
        return needs(err, "step", "annuity");
    if (loan->step_every < 1 || loan->step_every >= loan->term - loan->grace_periods)
        return rp_fail(err, RP_E_VALUE, "step.every",
                       "step.every must be at least 1 and fewer than the installments (%d)",
                       loan->term - loan->grace_periods);
    if (loan->step_kind == RP_STEP_AMOUNT) {
        mpq_t a;
        mpq_init(a);
        mpq_abs(a, loan->step);
        rp_status st = rp_loan_check_amount(a, "step.amount", 0, rc, err);
        mpq_clear(a);
        return st;
    }
    if (mpq_cmp_si(loan->step, -1, 1) <= 0 || mpq_sgn(loan->step) == 0)
        return rp_fail(err, RP_E_VALUE, "step.share",
                       "a step's share must be above 0 (and below 100%% when it falls)");
    return RP_OK;
}

static rp_status check_custom(const rp_loan_t *loan, const mpq_t financed, const rp_round_t *rc,
                              rp_error *err)
{
    const char *field = loan->custom_kind == RP_CUSTOM_PAYMENTS ? "custom.payments"
                                                                  : "custom.principal";
    if (loan->grace_periods > 0)
        return rp_fail(err, RP_E_VALUE, "grace_periods",
                       "a custom list gives every installment: list interest-only ones as 0 principal");
    if (loan->custom_count != loan->term - 1)
        return rp_fail(err, RP_E_VALUE, field,
                       "list term − 1 amounts (%d): the last installment clears the balance, "
                       "found %d", loan->term - 1, loan->custom_count);
    mpq_t sum;
    mpq_init(sum);
    rp_status st = RP_OK;
    char path[64];
    for (int i = 0; i < loan->custom_count && st == RP_OK; i++) {
        snprintf(path, sizeof path, "%s[%d]", field, i);
        st = rp_loan_check_amount(loan->custom[i], path,
                                  loan->custom_kind == RP_CUSTOM_PRINCIPAL, rc, err);
        rp_qadd(sum, sum, loan->custom[i]);
    }
    if (st == RP_OK && loan->custom_kind == RP_CUSTOM_PRINCIPAL && mpq_cmp(sum, financed) > 0)
        st = rp_fail(err, RP_E_VALUE, field, "the principal parts add up to more than the principal");
    mpq_clear(sum);
    return st;
}

static rp_status check_conventions(const rp_loan_t *loan, const rp_round_t *rc, rp_error *err)
{
    if (loan->level_rule != RP_LEVEL_ROUNDED && loan->method != RP_METHOD_ANNUITY)
        return needs(err, "level_payment", "annuity");
    if (loan->level_rule != RP_LEVEL_ROUNDED && loan->step_kind != RP_STEP_NONE)
        return rp_fail(err, RP_E_VALUE, "level_payment", "an adjusted level payment has no steps");
    if (mpq_sgn(loan->payment_multiple)) {
        if (!method_is(loan, RP_METHOD_ANNUITY, RP_METHOD_FLAT))
            return needs(err, "payment_multiple", "annuity and flat");
        rp_status st = rp_loan_check_amount(loan->payment_multiple, "payment_multiple.unit", 0, rc,
                                            err);
        if (st != RP_OK)
            return st;
    }
    if (loan->first_period == RP_FIRST_SOLVED && loan->method != RP_METHOD_ANNUITY)
        return needs(err, "first_period", "annuity (solved)");
    if (loan->first_period == RP_FIRST_SEPARATE && loan->method == RP_METHOD_BULLET)
        return needs(err, "first_period", "installment loans (separate)");
    if (loan->first_period != RP_FIRST_ACTUAL_DAYS && loan->start_date == RP_DATE_NONE)
        return rp_fail(err, RP_E_MISSING, "start_date", "first_period %s needs start_date",
                       rp_first_period_names[loan->first_period]);
    if (loan->annuity_rate != RP_ANNUITY_PERIODIC) {
        if (loan->method != RP_METHOD_ANNUITY)
            return needs(err, "annuity_rate", "annuity");
        if (loan->day_count == RP_DC_PERIOD)
            return rp_fail(err, RP_E_VALUE, "annuity_rate",
                           "annuity_rate actual takes each period's factor under an actual "
                           "day_count (e.g. ACT/365); under period every factor is the periodic rate");
    }
    return RP_OK;
}

/* long: one rule after another, each field against the method and the rest */
rp_status rp_loan_check_shape(const rp_loan_t *loan, const rp_round_t *rc, rp_error *err)
{
    rp_status st = RP_OK;
    mpq_t financed;
    mpq_init(financed);
    mpq_set(financed, loan->principal);
    if (loan->timing == RP_TIMING_START)
        st = check_timing(loan, err);
    if (st == RP_OK && mpq_sgn(loan->down_payment)) {
        if (loan->method == RP_METHOD_BULLET)
            st = needs(err, "down_payment", "installment loans");
        else
            st = check_part(loan->down_payment, "down_payment", loan->principal, rc, err);
        rp_qsub(financed, financed, loan->down_payment);
    }
    if (st == RP_OK && (mpq_sgn(loan->balloon) || loan->amortization_term))
        st = check_balloon(loan, financed, rc, err);
    if (st == RP_OK && loan->step_kind != RP_STEP_NONE)
        st = check_step(loan, rc, err);
    if (st == RP_OK && loan->method != RP_METHOD_CUSTOM && loan->custom_count > 0)
        st = rp_fail(err, RP_E_VALUE, "custom", "custom lists belong to method custom");
    if (st == RP_OK && loan->method == RP_METHOD_CUSTOM) {
        if (loan->custom_count == 0 && loan->term > 1)
            st = rp_fail(err, RP_E_MISSING, "custom", "method custom needs custom.payments or "
                                                        "custom.principal");
        else
            st = check_custom(loan, financed, rc, err);
    }
    if (st == RP_OK)
        st = check_conventions(loan, rc, err);
    mpq_clear(financed);
    return st;
}
