/*
 * dates.c — a loan's due dates: n periods after start_date, or n − 1 after
 * first_due_date, always from the anchor (month ends clamped, never
 * chained), and whether the first period is irregular.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"

/* Puts the field a date error belongs to in err->path; returns st. */
static rp_status at_field(rp_error *err, rp_status st, const char *field)
{
    if (err)
        snprintf(err->path, sizeof err->path, "%s", field);
    return st;
}

/* The date `periods` periods after anchor (anchored, month-end clamped). */
rp_status rp_sched_add_periods(rp_date_t *out, rp_date_t anchor, rp_frequency f, int periods,
                               rp_error *err)
{
    int months = rp_frequency_months(f);
    if (months)
        return rp_date_add_months(out, anchor, months * periods, err);
    long days = (long)rp_frequency_days(f) * periods;
    long last = rp_date_from_ymd(RP_MAX_YEAR, 12, 31);
    if (anchor + days > last)
        return rp_fail(err, RP_E_RANGE, NULL, "the date falls after %d-12-31", RP_MAX_YEAR);
    if (anchor + days < rp_date_from_ymd(RP_MIN_YEAR, 1, 1))
        return rp_fail(err, RP_E_RANGE, NULL, "the date falls before %d-01-01", RP_MIN_YEAR);
    *out = (rp_date_t)(anchor + days);
    return RP_OK;
}

/* The regular installment k's date: k periods after start_date, or k − 1
 * after first_due_date. */
static rp_status regular_due(rp_date_t *out, const rp_loan_t *loan, int k, rp_error *err)
{
    if (loan->first_due_date != RP_DATE_NONE) /* anchored on the first due date */
        return rp_sched_add_periods(out, loan->first_due_date, loan->frequency, k - 1, err);
    return rp_sched_add_periods(out, loan->start_date, loan->frequency, k, err);
}

/* 1 if the schedule's first row falls on start_date before the regular
 * installments: a down payment, or broken-period interest collected
 * separately (first_due_date more than a period after the start). */
static int lead_row(const rp_loan_t *loan)
{
    if (mpq_sgn(loan->down_payment) > 0)
        return 1;
    rp_date_t regular_first;
    return loan->first_period == RP_FIRST_SEPARATE && loan->first_due_date != RP_DATE_NONE &&
           rp_sched_add_periods(&regular_first, loan->start_date, loan->frequency, 1, NULL) == RP_OK &&
           loan->first_due_date > regular_first;
}

rp_status rp_loan_due_date(rp_date_t *out, const rp_loan_t *loan, int n, rp_error *err)
{
    if (loan->start_date == RP_DATE_NONE || n < 1)
        return rp_fail(err, RP_E_VALUE, "start_date", "a due date needs a start_date and n ≥ 1");
    if (loan->timing == RP_TIMING_START) { /* row n falls n − 1 periods after the start */
        rp_status moved = rp_sched_add_periods(out, loan->start_date, loan->frequency, n - 1, err);
        if (moved == RP_OK && n > 1 && loan->calendar && loan->roll != RP_ROLL_NONE)
            moved = rp_calendar_roll(out, loan->calendar, *out, loan->roll, err);
        return moved;
    }
    rp_status st;
    if (lead_row(loan) && n == 1) {
        *out = loan->start_date;
        return RP_OK;
    }
    st = regular_due(out, loan, n - lead_row(loan), err);
    if (st == RP_OK && loan->calendar && loan->roll != RP_ROLL_NONE)
        st = rp_calendar_roll(out, loan->calendar, *out, loan->roll, err);
    return st;
}

/* Fills p->dates: [0] the start date, then every due date. */
rp_status rp_sched_plan_dates(plan_t *p, rp_error *err)
{
    const rp_loan_t *loan = p->loan;
    p->dates = malloc(sizeof *p->dates * (size_t)(p->rows + 1));
    if (!p->dates)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    p->dates[0] = loan->start_date;
    if (p->opts && p->opts->dates) {
        for (int k = 1; k <= p->rows; k++)
            p->dates[k] = p->opts->dates[k];
        return RP_OK;
    }
    rp_date_t regular_first;
    rp_status st = rp_sched_add_periods(&regular_first, loan->start_date, loan->frequency, 1, err);
    if (st != RP_OK)
        return at_field(err, st, "start_date");

    if (loan->method == RP_METHOD_BULLET) {
        if (loan->maturity_date != RP_DATE_NONE) {
            p->dates[1] = loan->maturity_date;
            p->irregular = 1; /* interest by days, not by periods */
            return RP_OK;
        }
        st = rp_sched_add_periods(&p->dates[1], loan->start_date, loan->frequency, loan->term, err);
        return st == RP_OK ? RP_OK : at_field(err, st, "term");
    }

    if (loan->first_due_date != RP_DATE_NONE) {
        rp_date_t latest;
        st = rp_sched_add_periods(&latest, loan->start_date, loan->frequency, 2, err);
        if (st != RP_OK || loan->first_due_date > latest)
            return rp_fail(err, RP_E_VALUE, "first_due_date",
                           "first_due_date may be at most two periods after start_date");
        p->irregular = loan->first_due_date != regular_first;
    }
    for (int k = 1; k <= p->rows; k++) {
        st = regular_due(&p->dates[k], loan, k, err);
        if (st != RP_OK)
            return at_field(err, st, "term");
    }
    return RP_OK;
}

rp_status rp_sched_roll_dates(plan_t *p, rp_error *err)
{
    const rp_loan_t *loan = p->loan;
    if (!p->dates || !loan->calendar || loan->roll == RP_ROLL_NONE || (p->opts && p->opts->dates))
        return RP_OK; /* a rebuild's dates are rolled already */
    p->shown = malloc(sizeof *p->shown * (size_t)(p->rows + 1));
    if (!p->shown)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    p->shown[0] = p->dates[0];
    for (int k = 1; k <= p->rows; k++) {
        rp_status st = rp_calendar_roll(&p->shown[k], loan->calendar, p->dates[k], loan->roll, err);
        if (st != RP_OK)
            return at_field(err, st, "business_days");
        if (loan->calendar->first_year > 0 && !rp_calendar_covers(loan->calendar, p->dates[k]))
            p->uncovered = 1;
    }
    if (loan->accrue_to_rolled) /* interest runs to the rolled dates */
        memcpy(p->dates + 1, p->shown + 1, sizeof *p->dates * (size_t)p->rows);
    return RP_OK;
}

rp_date_t rp_sched_shown_date(const plan_t *p, int k)
{
    return p->shown ? p->shown[k] : p->dates[k];
}

const char rp_sched_calendar_not_covered[] =
    "a due date falls in a year the business-day calendar does not list: it rolls for "
    "weekends only (update data/cn_calendar.json or give the year's holidays)";
