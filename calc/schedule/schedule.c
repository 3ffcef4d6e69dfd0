/*
 * schedule.c — amortization methods → installment schedule.
 *
 * Rules (README "Schedules"): each period's interest is the balance × the
 * periodic rate, rounded under the context; the annuity payment is rounded
 * once; principal = payment − interest; the last installment clears the
 * balance exactly, so the principal parts always sum to the principal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"

/* Installment k's rounded interest on base: base × annual rate × years. */
static rp_status rp_sched_period_interest(rp_installment_t *r, const plan_t *p, int k, mpq_srcptr base,
                                 rp_error *err)
{
    rp_status st = rp_sched_period_years(r->year_fraction, p, k, err);
    if (st == RP_OK) {
        rp_round_mul(r->interest, base, p->loan->annual_rate, r->year_fraction, p->rc);
    }
    return st;
}

static rp_status fill_rows(rp_schedule_t *s, const plan_t *p, rp_error *err)
{
    const rp_loan_t *loan = p->loan;
    const rp_round_t *rc = p->rc;
    rp_status st = RP_OK;
    mpq_t balance, step, regular;
    mpq_inits(balance, step, regular, NULL);
    mpq_set(balance, loan->principal);

    if (loan->method == RP_METHOD_BULLET) {
        rp_installment_t *r = &s->rows[0];
        st = rp_sched_period_interest(r, p, 1, loan->principal, err);
        mpq_set(r->principal, balance);
        goto out;
    }

    rp_sched_level_amounts(step, s->level_payment, p);

    for (int k = 1; k <= p->rows; k++) {
        rp_installment_t *r = &s->rows[k - 1];
        int last = k == p->rows;
        int grace = k <= loan->grace_periods;
        /* flat charges on the original principal, the others on the balance */
        mpq_srcptr base = loan->method == RP_METHOD_FLAT ? loan->principal : balance;
        st = rp_sched_period_interest(r, p, k, base, err);
        if (st != RP_OK)
            goto out;
        if (last) {
            mpq_set(r->principal, balance);
        } else if (grace || loan->method == RP_METHOD_INTEREST_ONLY) {
            mpq_set_ui(r->principal, 0, 1);
        } else if (loan->method == RP_METHOD_ANNUITY) {
            /* An irregular first period changes the interest, not the
             * principal part: that stays what a regular period would give. */
            if (loan->day_count == RP_DC_PERIOD && k == 1 && p->irregular) {
                mpq_mul(regular, balance, p->rate);
                rp_round(regular, regular, rc);
            } else {
                mpq_set(regular, r->interest);
            }
            rp_qsub(r->principal, step, regular);
            if (mpq_sgn(r->principal) < 0)
                rp_warning_add_once(s->warnings, &s->warning_count, "negative_amortization",
                            rp_sched_negative_amortization);
        } else {
            mpq_set(r->principal, step);
        }
        if (mpq_cmp(r->principal, balance) > 0) {
            mpq_set(r->principal, balance);
            rp_warning_add_once(s->warnings, &s->warning_count, "paid_early", rp_sched_paid_early);
        }
        rp_qsub(balance, balance, r->principal);
    }
out:
    mpq_clears(balance, step, regular, NULL);
    return st;
}

/* Fees, the flat charge's column, dates, then payments, balances and totals. */
static void finish_rows(rp_schedule_t *s, const plan_t *p)
{
    const rp_loan_t *loan = p->loan;
    for (int k = 0; k < s->count; k++) {
        rp_installment_t *r = &s->rows[k];
        mpq_set(r->fee, loan->periodic_fee);
        if (loan->method == RP_METHOD_FLAT && loan->flat_charge == RP_CHARGE_FEE) {
            rp_qadd(r->fee, r->fee, r->interest);
            mpq_set_ui(r->interest, 0, 1);
        }
        if (p->dates)
            r->due_date = rp_sched_shown_date(p, k + 1);
    }
    rp_sched_sum_rows(s, loan->principal);
    if (loan->method == RP_METHOD_ANNUITY || loan->method == RP_METHOD_FLAT)
        rp_qadd(s->level_payment, s->level_payment, loan->periodic_fee);
    if (p->uncovered)
        rp_warning_add_once(s->warnings, &s->warning_count, "calendar_not_covered",
                            rp_sched_calendar_not_covered);
}

rp_status rp_schedule_build(rp_schedule_t *out, const rp_loan_t *loan, const rp_round_t *rc,
                            rp_error *err)
{
    return rp_schedule_build_opts(out, loan, rc, NULL, err);
}

rp_status rp_schedule_build_opts(rp_schedule_t *out, const rp_loan_t *loan, const rp_round_t *rc,
                                 const rp_schedule_opts_t *opts, rp_error *err)
{
    plan_t p;
    rp_status st = rp_sched_plan_open(&p, loan, rc, opts, err);
    rp_schedule_t s;
    rp_schedule_init(&s);
    int built = 0;
    if (st == RP_OK && !(opts && opts->general)) {
        rp_unit_schedule_t u;
        rp_unit_schedule_init(&u);
        built = rp_sched_build_units(&u, &p, &st, err);
        if (built && st == RP_OK)
            st = rp_sched_units_to_schedule(&s, &u, &p, err);
        rp_unit_schedule_clear(&u);
    }
    if (st == RP_OK && !built && rp_loan_shaped(loan)) {
        st = rp_sched_build_shaped(&s, &p, err);
    } else if (st == RP_OK && !built) { /* the general path, in mpq_t */
        st = rp_sched_alloc_rows(&s, p.rows, err);
        if (st == RP_OK)
            st = fill_rows(&s, &p, err);
        if (st == RP_OK) {
            finish_rows(&s, &p);
            st = rp_schedule_verify(&s, loan, rc, err);
        }
    }
    if (st == RP_OK) {
        rp_schedule_clear(out);
        *out = s; /* moves the rows and the mpq limbs; s is not cleared */
    } else {
        rp_schedule_clear(&s);
    }
    rp_sched_plan_close(&p);
    return st;
}
