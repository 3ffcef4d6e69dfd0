/*
 * loan.c — the loan contract: names of its enumerations, defaults, and the
 * coherence checks every later computation relies on.
 */
#include <stdlib.h>

#include "shape.h"

const char *const rp_method_names[RP_METHOD_COUNT] = {
    [RP_METHOD_ANNUITY] = "annuity",
    [RP_METHOD_EQUAL_PRINCIPAL] = "equal_principal",
    [RP_METHOD_INTEREST_ONLY] = "interest_only",
    [RP_METHOD_BULLET] = "bullet",
    [RP_METHOD_FLAT] = "flat",
    [RP_METHOD_CUSTOM] = "custom",
};

void rp_loan_init(rp_loan_t *loan)
{
    mpq_inits(loan->principal, loan->annual_rate, loan->periodic_fee, loan->upfront_fee,
              loan->down_payment, loan->balloon, loan->step, loan->payment_multiple, NULL);
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
    loan->timing = RP_TIMING_END;
    loan->amortization_term = 0;
    loan->step_kind = RP_STEP_NONE;
    loan->step_every = 0;
    loan->custom_kind = RP_CUSTOM_PAYMENTS;
    loan->custom_count = 0;
    loan->custom = NULL;
    loan->level_rule = RP_LEVEL_ROUNDED;
    loan->multiple_mode = RP_ROUND_UP;
    loan->first_period = RP_FIRST_ACTUAL_DAYS;
    loan->annuity_rate = RP_ANNUITY_PERIODIC;
    loan->lpr = NULL;
    loan->calendar = NULL;
    loan->roll = RP_ROLL_NONE;
    loan->accrue_to_rolled = 0;
}

static void free_custom(rp_loan_t *loan)
{
    for (int i = 0; i < loan->custom_count; i++)
        mpq_clear(loan->custom[i]);
    free(loan->custom);
    loan->custom = NULL;
    loan->custom_count = 0;
}

void rp_loan_clear(rp_loan_t *loan)
{
    free_custom(loan);
    mpq_clears(loan->principal, loan->annual_rate, loan->periodic_fee, loan->upfront_fee,
               loan->down_payment, loan->balloon, loan->step, loan->payment_multiple, NULL);
}

rp_status rp_loan_set_custom(rp_loan_t *loan, rp_custom_kind kind, mpq_t const *values, int count,
                             rp_error *err)
{
    if (count < 0 || count > RP_MAX_TERM)
        return rp_fail(err, RP_E_RANGE, "custom", "a custom list holds at most %d amounts",
                       RP_MAX_TERM);
    mpq_t *list = count ? malloc(sizeof *list * (size_t)count) : NULL;
    if (count && !list)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    for (int i = 0; i < count; i++) {
        mpq_init(list[i]);
        mpq_set(list[i], values[i]);
    }
    free_custom(loan);
    loan->custom = list;
    loan->custom_count = count;
    loan->custom_kind = kind;
    return RP_OK;
}

/* The rationals of a loan, for copying. */
#define LOAN_RATIONALS(X)                                                                        \
    X(principal) X(annual_rate) X(periodic_fee) X(upfront_fee) X(down_payment) X(balloon)         \
    X(step) X(payment_multiple)

rp_status rp_loan_copy(rp_loan_t *dst, const rp_loan_t *src, rp_error *err)
{
    rp_status st = rp_loan_set_custom(dst, src->custom_kind, (mpq_t const *)src->custom,
                                      src->custom_count, err);
    if (st != RP_OK)
        return st;
    /* the scalars by assignment; the rationals and the list stay dst's own */
    rp_loan_t own = *dst;
    *dst = *src;
#define KEEP(f) *dst->f = *own.f;
    LOAN_RATIONALS(KEEP)
#undef KEEP
#define SET(f) mpq_set(dst->f, src->f);
    LOAN_RATIONALS(SET)
#undef SET
    dst->custom = own.custom;
    dst->custom_count = own.custom_count;
    return RP_OK;
}


rp_status rp_loan_check(const rp_loan_t *loan, const rp_round_t *rc, rp_error *err)
{
    rp_status st = rp_loan_check_amount(loan->principal, "principal", 0, rc, err);
    if (st != RP_OK)
        return st;
    st = rp_loan_check_amount(loan->periodic_fee, "periodic_fee", 1, rc, err);
    if (st != RP_OK)
        return st;
    st = rp_loan_check_amount(loan->upfront_fee, "upfront_fee", 1, rc, err);
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
    if (loan->accrue_to_rolled && loan->roll != RP_ROLL_NONE && loan->day_count == RP_DC_PERIOD)
        return rp_fail(err, RP_E_VALUE, "business_days.accrual",
                       "accrual adjusted counts interest to the rolled dates: it needs an actual "
                       "day_count (under period every regular period bears the periodic rate)");
    if (loan->roll != RP_ROLL_NONE && !loan->calendar)
        return rp_fail(err, RP_E_MISSING, "business_days.calendar", "rolling needs a calendar");
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
    return rp_loan_shaped(loan) ? rp_loan_check_shape(loan, rc, err) : RP_OK;
}
