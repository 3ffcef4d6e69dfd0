/*
 * pricing.c — what a plan is worth to each side: its installments timed on
 * the plan's grid (rp_when_dated) and discounted at the lender's rate (PV,
 * recovery, concession), what the borrower saves, and the plan's APR by the
 * IRR method on the same times.
 */
#include <stdlib.h>

#include "restructure.h"

void rp_pricing_init(rp_pricing_t *p)
{
    mpq_inits(p->discount_rate, p->pv, p->recovery, p->concession, p->saving, p->time_value,
              p->apr.low, p->apr.high, NULL);
    p->has_apr = 0;
}

void rp_pricing_clear(rp_pricing_t *p)
{
    mpq_clears(p->discount_rate, p->pv, p->recovery, p->concession, p->saving, p->time_value,
               p->apr.low, p->apr.high, NULL);
}

/* The plan as the borrower's timed flows: the debt received on the date
 * (less what stays due on it), then each installment when it falls on the
 * plan's grid of due dates. */
static rp_status plan_flows(rp_flows_t *f, const rp_plan_t *plan, rp_error *err)
{
    int n = 1;
    for (int k = 0; k < plan->count; k++)
        n += plan->rows[k].n > 0;
    rp_status st = rp_flows_alloc(f, n, 0, plan->periods_per_year, err);
    if (st != RP_OK)
        return st;
    mpq_set(f->amounts[0], plan->debt);
    int t = 1;
    rp_when_many_t when;
    rp_when_many_init(&when, plan->date, plan->grid_anchor, plan->grid_frequency, plan->odd_days);
    for (int k = 0; k < plan->count && st == RP_OK; k++) {
        const rp_plan_row_t *r = &plan->rows[k];
        if (r->n == 0) {
            rp_qsub(f->amounts[0], f->amounts[0], r->payment);
            continue;
        }
        mpq_neg(f->amounts[t], r->payment);
        st = rp_when_many_at(&f->when[t], &when, r->due_date, err);
        t++;
    }
    return st;
}

/* The APR of flows f (the IRR method) into p, when they have one: a debt
 * received and at least one installment. */
static rp_status flows_apr(rp_pricing_t *p, const rp_flows_t *f, rp_error *err)
{
    if (f->n < 2 || mpq_sgn(f->amounts[0]) <= 0)
        return RP_OK;
    mpq_t precision;
    mpq_init(precision);
    mpz_ui_pow_ui(mpq_denref(precision), 10, 15);
    mpz_set_ui(mpq_numref(precision), 1);
    rp_status st = rp_flows_apr(&p->apr, &p->has_apr, f, precision, err);
    mpq_clear(precision);
    return st;
}

/* What the plan is worth at the discount rate; its APR too when with_apr
 * (a solver's trials leave it to rp_plan_price_apr on the plans kept). */
static rp_status price(rp_pricing_t *out, const rp_plan_t *plan, const mpq_t discount_rate,
                       const rp_round_t *rc, int with_apr, rp_error *err)
{
    if (mpq_cmp_si(discount_rate, 0, 1) < 0)
        return rp_fail(err, RP_E_VALUE, "discount_rate", "the discount rate must not be negative");
    mpq_t i, pv;
    mpq_inits(i, pv, NULL);
    mpq_set_ui(i, (unsigned long)plan->periods_per_year, 1);
    mpq_div(i, discount_rate, i);
    rp_pricing_t p;
    rp_pricing_init(&p);
    rp_flows_t f;
    rp_flows_init(&f);
    rp_status st = plan_flows(&f, plan, err);
    /* pv = what stays due on the date + the installments discounted to it:
     * the debt less the flows' NPV at the discount rate */
    if (st == RP_OK)
        st = rp_flows_npv(pv, &f, i, err);
    if (st == RP_OK) {
        rp_qsub(pv, plan->debt, pv);
        mpq_set(p.discount_rate, discount_rate);
        rp_round(p.pv, pv, rc);
        if (mpq_sgn(plan->claim_total) > 0)
            mpq_div(p.recovery, pv, plan->claim_total);
        rp_qsub(p.concession, plan->claim_total, p.pv);
        rp_qsub(p.saving, plan->claim_total, plan->total_payment);
        rp_qsub(p.time_value, plan->total_payment, p.pv);
    }
    if (st == RP_OK && with_apr) /* the APR: the same flows, by the IRR method */
        st = flows_apr(&p, &f, err);
    rp_flows_clear(&f);
    if (st == RP_OK) {
        rp_pricing_t old = *out;
        *out = p;
        rp_pricing_clear(&old);
    } else {
        rp_pricing_clear(&p);
    }
    mpq_clears(i, pv, NULL);
    return st;
}

rp_status rp_plan_price(rp_pricing_t *out, const rp_plan_t *plan, const mpq_t discount_rate,
                        const rp_round_t *rc, rp_error *err)
{
    return price(out, plan, discount_rate, rc, 1, err);
}

rp_status rp_plan_value(rp_pricing_t *out, const rp_plan_t *plan, const mpq_t discount_rate,
                        const rp_round_t *rc, rp_error *err)
{
    return price(out, plan, discount_rate, rc, 0, err);
}

rp_status rp_plan_price_apr(rp_pricing_t *p, const rp_plan_t *plan, rp_error *err)
{
    rp_flows_t f;
    rp_flows_init(&f);
    rp_status st = plan_flows(&f, plan, err);
    if (st == RP_OK)
        st = flows_apr(p, &f, err);
    rp_flows_clear(&f);
    return st;
}
