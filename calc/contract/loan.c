/*
 * loan.c — the loan contract: names of its enumerations, defaults, and the
 * coherence checks every later computation relies on.
 */
#include "base/internal.h"

const char *const rp_method_names[RP_METHOD_COUNT] = {
    [RP_METHOD_ANNUITY] = "annuity",
    [RP_METHOD_EQUAL_PRINCIPAL] = "equal_principal",
    [RP_METHOD_INTEREST_ONLY] = "interest_only",
    [RP_METHOD_BULLET] = "bullet",
    [RP_METHOD_FLAT] = "flat",
};

const char *const rp_frequency_names[RP_FREQ_COUNT] = {
    [RP_FREQ_MONTHLY] = "monthly",   [RP_FREQ_QUARTERLY] = "quarterly",
    [RP_FREQ_SEMIANNUAL] = "semiannual", [RP_FREQ_ANNUAL] = "annual",
    [RP_FREQ_BIWEEKLY] = "biweekly", [RP_FREQ_WEEKLY] = "weekly",
};

const char *const rp_charge_names[RP_CHARGE_COUNT] = {
    [RP_CHARGE_INTEREST] = "interest",
    [RP_CHARGE_FEE] = "fee",
};

int rp_frequency_per_year(rp_frequency f)
{
    static const int per_year[RP_FREQ_COUNT] = {12, 4, 2, 1, 26, 52};
    return (unsigned)f < RP_FREQ_COUNT ? per_year[f] : 12;
}

void rp_loan_init(rp_loan_t *loan)
{
    mpq_inits(loan->principal, loan->annual_rate, loan->periodic_fee, loan->upfront_fee, NULL);
    loan->daily_basis = 360;
    loan->term = 0;
    loan->method = RP_METHOD_ANNUITY;
    loan->frequency = RP_FREQ_MONTHLY;
    loan->day_count = RP_DC_PERIOD;
    loan->start_date = RP_DATE_NONE;
    loan->first_due_date = RP_DATE_NONE;
    loan->maturity_date = RP_DATE_NONE;
    loan->grace_periods = 0;
    loan->flat_charge = RP_CHARGE_INTEREST;
    loan->odd_days = RP_ODD_ACTUAL;
}

void rp_loan_clear(rp_loan_t *loan)
{
    mpq_clears(loan->principal, loan->annual_rate, loan->periodic_fee, loan->upfront_fee, NULL);
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

static rp_status check_amount(const mpq_t x, const char *field, int allow_zero,
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

rp_status rp_loan_check(const rp_loan_t *loan, const rp_round_t *rc, rp_error *err)
{
    rp_status st = check_amount(loan->principal, "principal", 0, rc, err);
    if (st != RP_OK)
        return st;
    st = check_amount(loan->periodic_fee, "periodic_fee", 1, rc, err);
    if (st != RP_OK)
        return st;
    st = check_amount(loan->upfront_fee, "upfront_fee", 1, rc, err);
    if (st != RP_OK)
        return st;
    if (mpq_cmp(loan->upfront_fee, loan->principal) >= 0)
        return rp_fail(err, RP_E_VALUE, "upfront_fee", "upfront_fee must be less than the principal");
    if (mpq_sgn(loan->annual_rate) < 0)
        return rp_fail(err, RP_E_VALUE, "rate", "the rate must not be negative");
    st = rp_rate_check_max(loan->annual_rate, "rate", "the annual rate", err);
    if (st == RP_OK)
        st = rp_daily_basis_check(loan->daily_basis, "daily_basis", err);
    if (st != RP_OK)
        return st;

    int bullet = loan->method == RP_METHOD_BULLET;
    int has_start = loan->start_date != RP_DATE_NONE;
    if (bullet) {
        if (loan->term == 0 && loan->maturity_date == RP_DATE_NONE)
            return rp_fail(err, RP_E_MISSING, "term", "a bullet loan needs term or maturity_date");
        if (loan->term != 0 && loan->maturity_date != RP_DATE_NONE)
            return rp_fail(err, RP_E_VALUE, "maturity_date",
                           "give term or maturity_date for a bullet loan, not both");
        if (loan->first_due_date != RP_DATE_NONE)
            return rp_fail(err, RP_E_VALUE, "first_due_date",
                           "a bullet loan has one due date: use maturity_date");
    } else {
        if (loan->term == 0)
            return rp_fail(err, RP_E_MISSING, "term", "term (the number of installments) is required");
        if (loan->maturity_date != RP_DATE_NONE)
            return rp_fail(err, RP_E_VALUE, "maturity_date",
                           "maturity_date is for bullet loans; other methods use term");
    }
    if (loan->term < 0 || loan->term > RP_MAX_TERM)
        return rp_fail(err, RP_E_RANGE, "term", "term must be between 1 and %d", RP_MAX_TERM);
    if (loan->maturity_date != RP_DATE_NONE) {
        if (!has_start)
            return rp_fail(err, RP_E_MISSING, "start_date", "maturity_date needs start_date");
        if (loan->maturity_date <= loan->start_date)
            return rp_fail(err, RP_E_VALUE, "maturity_date", "maturity_date must be after start_date");
    }
    if (loan->first_due_date != RP_DATE_NONE) {
        if (!has_start)
            return rp_fail(err, RP_E_MISSING, "start_date", "first_due_date needs start_date");
        if (loan->first_due_date <= loan->start_date)
            return rp_fail(err, RP_E_VALUE, "first_due_date", "first_due_date must be after start_date");
    }
    if (loan->day_count != RP_DC_PERIOD && !has_start)
        return rp_fail(err, RP_E_MISSING, "start_date", "day_count %s needs start_date",
                       rp_day_count_names[loan->day_count]);
    if (loan->grace_periods < 0 || (loan->grace_periods > 0 && loan->grace_periods >= loan->term))
        return rp_fail(err, RP_E_VALUE, "grace_periods",
                       "grace_periods must be at least 0 and less than term (%d)", loan->term);
    if (loan->grace_periods > 0 && loan->method != RP_METHOD_ANNUITY &&
        loan->method != RP_METHOD_EQUAL_PRINCIPAL && loan->method != RP_METHOD_FLAT)
        return rp_fail(err, RP_E_VALUE, "grace_periods",
                       "grace_periods applies to annuity, equal_principal and flat");
    if (loan->flat_charge != RP_CHARGE_INTEREST && loan->method != RP_METHOD_FLAT)
        return rp_fail(err, RP_E_VALUE, "flat_charge", "flat_charge applies only to method flat");
    return RP_OK;
}
