/*
 * plan.c — a restructured plan: its rows and totals, its self-checks, and
 * its price for both sides.
 */
#include <stdlib.h>

#include "restructure.h"

void rp_plan_init(rp_plan_t *p)
{
    p->date = RP_DATE_NONE;
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_inits(p->claim[c], p->waived[c], NULL);
    mpq_inits(p->claim_total, p->waived_total, p->debt, p->total_payment, p->total_principal,
              p->total_interest, p->total_fee, p->total_arrears, p->interest_kept, p->capitalized,
              p->new_interest, p->deferral_waived, p->payment, p->annual_rate, p->contract_rate,
              NULL);
    p->count = 0;
    p->rows = NULL;
    p->periods_per_year = 12;
    p->first_due_date = p->maturity_date = p->observation_end = p->first_start = RP_DATE_NONE;
    p->dpd = p->tier = 0;
    p->warning_count = 0;
}

void rp_plan_clear(rp_plan_t *p)
{
    for (int k = 0; k < p->count; k++) {
        rp_plan_row_t *r = &p->rows[k];
        mpq_clears(r->payment, r->principal, r->interest, r->fee, r->arrears, r->balance, NULL);
    }
    free(p->rows);
    p->rows = NULL;
    p->count = 0;
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_clears(p->claim[c], p->waived[c], NULL);
    mpq_clears(p->claim_total, p->waived_total, p->debt, p->total_payment, p->total_principal,
               p->total_interest, p->total_fee, p->total_arrears, p->interest_kept, p->capitalized,
               p->new_interest, p->deferral_waived, p->payment, p->annual_rate, p->contract_rate,
               NULL);
}

static rp_plan_row_t *add_row(rp_plan_t *p, int n, rp_date_t due)
{
    rp_plan_row_t *r = &p->rows[p->count++];
    r->n = n;
    r->due_date = due;
    mpq_inits(r->payment, r->principal, r->interest, r->fee, r->arrears, r->balance, NULL);
    return r;
}

/* The later of two periods and a year after the first new due date
 * (2023 risk classification rules, Art. 20). */
static rp_status observation_end(rp_date_t *out, rp_date_t first, int periods_per_year,
                                 rp_error *err)
{
    rp_date_t year, two;
    rp_status st = rp_date_add_months(&year, first, 12, err);
    if (st != RP_OK)
        return st;
    if (periods_per_year >= 26) /* weekly, biweekly */
        two = first + 2 * (periods_per_year == 52 ? 7 : 14);
    else
        st = rp_date_add_months(&two, first, 2 * (12 / periods_per_year), err);
    *out = two > year ? two : year;
    return st;
}

rp_status rp_plan_finish(rp_plan_t *p, const work_t *w, rp_error *err)
{
    const rp_round_t *rc = w->rc;
    p->rows = malloc(sizeof *p->rows * (size_t)(w->tail.count + 1));
    if (!p->rows)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    mpq_t now;
    mpq_init(now);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        if (c != RP_PRINCIPAL)
            rp_qadd(now, now, w->due_now[c]);
    if (mpq_sgn(now) > 0 || mpq_sgn(w->due_now[RP_PRINCIPAL]) > 0) {
        rp_plan_row_t *r = add_row(p, 0, w->date);
        mpq_set(r->principal, w->due_now[RP_PRINCIPAL]);
        mpq_set(r->arrears, now);
    }
    for (int k = 0; k < w->tail.count; k++) {
        const tail_row_t *t = &w->tail.rows[k];
        rp_plan_row_t *r = add_row(p, t->n, t->due);
        mpq_set(r->principal, t->principal);
        rp_round(r->interest, t->interest, rc);
        mpq_set(r->fee, t->fee);
        mpq_set(r->arrears, t->arrears);
        if (k == 0)
            p->first_start = t->start;
    }
    mpq_clear(now);

    mpq_t balance;
    mpq_init(balance);
    for (int k = 0; k < p->count; k++)
        rp_qadd(balance, balance, p->rows[k].principal);
    for (int k = 0; k < p->count; k++) {
        rp_plan_row_t *r = &p->rows[k];
        rp_qadd(r->payment, r->principal, r->interest);
        rp_qadd(r->payment, r->payment, r->fee);
        rp_qadd(r->payment, r->payment, r->arrears);
        rp_qsub(balance, balance, r->principal);
        mpq_set(r->balance, balance);
        rp_qadd(p->total_payment, p->total_payment, r->payment);
        rp_qadd(p->total_principal, p->total_principal, r->principal);
        rp_qadd(p->total_interest, p->total_interest, r->interest);
        rp_qadd(p->total_fee, p->total_fee, r->fee);
        rp_qadd(p->total_arrears, p->total_arrears, r->arrears);
    }
    mpq_clear(balance);

    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        rp_qadd(p->waived_total, p->waived_total, p->waived[c]);
    rp_qsub(p->debt, p->claim_total, p->waived_total);
    mpq_set(p->interest_kept, w->tail.count ? w->accrued : p->interest_kept);
    rp_qsub(p->new_interest, p->total_interest, p->interest_kept);
    rp_qadd(p->new_interest, p->new_interest, p->capitalized);
    mpq_set(p->annual_rate, w->rate);
    p->periods_per_year = w->periods_per_year;

    /* the regular payment: the most common one after the date */
    int best = 0;
    for (int k = 0; k < p->count; k++) {
        if (p->rows[k].n == 0)
            continue;
        int same = 0;
        for (int j = 0; j < p->count; j++)
            same += p->rows[j].n > 0 && mpq_equal(p->rows[j].payment, p->rows[k].payment);
        if (same > best || (same == best && mpq_cmp(p->rows[k].payment, p->payment) > 0)) {
            best = same;
            mpq_set(p->payment, p->rows[k].payment);
        }
    }
    rp_status st = RP_OK;
    if (p->count > 0) {
        const rp_plan_row_t *first = &p->rows[0];
        if (first->n == 0 && p->count > 1)
            first = &p->rows[1];
        if (best == 0)
            mpq_set(p->payment, p->rows[0].payment);
        p->first_due_date = first->due_date;
        p->maturity_date = p->rows[p->count - 1].due_date;
        st = observation_end(&p->observation_end, p->first_due_date, p->periods_per_year, err);
    }
    return st;
}

static rp_status broken(rp_error *err, const char *what)
{
    return rp_fail(err, RP_E_INTERNAL, NULL, "plan self-check failed: %s", what);
}

rp_status rp_plan_verify(const rp_plan_t *p, const rp_round_t *rc, rp_error *err)
{
    rp_status st = RP_OK;
    mpq_t sum, t, other;
    mpq_inits(sum, t, other, NULL);
    for (int c = 0; c < RP_COMPONENT_COUNT && st == RP_OK; c++) {
        rp_qadd(sum, sum, p->claim[c]);
        if (mpq_sgn(p->waived[c]) < 0 || mpq_cmp(p->waived[c], p->claim[c]) > 0)
            st = broken(err, "a waiver is negative or more than was owed");
        if (c != RP_PRINCIPAL) {
            rp_qadd(other, other, p->claim[c]);
            rp_qsub(other, other, p->waived[c]);
        }
    }
    if (st == RP_OK && !mpq_equal(sum, p->claim_total))
        st = broken(err, "the claim is not the sum of its components");
    /* principal: what was owed, less waived, plus interest capitalized */
    rp_qsub(t, p->claim[RP_PRINCIPAL], p->waived[RP_PRINCIPAL]);
    rp_qadd(t, t, p->capitalized);
    if (st == RP_OK && !mpq_equal(t, p->total_principal))
        st = broken(err, "principal is not conserved");
    /* the rest of the debt: carried as arrears or as interest kept */
    rp_qadd(t, p->total_arrears, p->interest_kept);
    if (st == RP_OK && !mpq_equal(t, other))
        st = broken(err, "interest, penalties and fees owed are not all carried");
    rp_qadd(t, p->debt, p->new_interest);
    rp_qadd(t, t, p->total_fee);
    if (st == RP_OK && !mpq_equal(t, p->total_payment))
        st = broken(err, "payments ≠ debt + new interest + fees");
    for (int k = 0; k < p->count && st == RP_OK; k++) {
        const rp_plan_row_t *r = &p->rows[k];
        if (mpq_sgn(r->principal) < 0 || mpq_sgn(r->interest) < 0 || mpq_sgn(r->fee) < 0 ||
            mpq_sgn(r->arrears) < 0 || mpq_sgn(r->balance) < 0)
            st = broken(err, "a negative amount in a row");
        else if (!rp_round_is_multiple(r->payment, rc) || !rp_round_is_multiple(r->principal, rc) ||
                 !rp_round_is_multiple(r->arrears, rc))
            st = broken(err, "an amount is not a whole number of units");
    }
    if (st == RP_OK && p->count > 0 && mpq_sgn(p->rows[p->count - 1].balance) != 0)
        st = broken(err, "the last row leaves principal");
    mpq_clears(sum, t, other, NULL);
    return st;
}

void rp_pricing_init(rp_pricing_t *p)
{
    mpq_inits(p->discount_rate, p->pv, p->recovery, p->concession, p->saving, p->apr.low,
              p->apr.high, NULL);
    p->has_apr = 0;
}

void rp_pricing_clear(rp_pricing_t *p)
{
    mpq_clears(p->discount_rate, p->pv, p->recovery, p->concession, p->saving, p->apr.low,
               p->apr.high, NULL);
}

/* The plan's rows discounted to the date: a row due on the date counts in
 * full; the first later row is discounted by the stub (simple interest for
 * the part of a period left: 1 + i·days/period days), each next one by one
 * more whole period (step = 1 + i). Over the common denominator
 * stub · step^M the numerator Σ U_j S_d^j S_n^(M − j) (U_j the payments in
 * rounding units, step = S_n / S_d) comes by Horner's rule in integers:
 * one reduction at the end instead of a gcd per row. */
static void present_value(mpq_t pv, const rp_plan_t *plan, const mpq_t i, const mpq_t step,
                          const rp_round_t *rc)
{
    mpq_t stub, later, x;
    mpz_t acc, dpow, u, npow;
    mpq_inits(stub, later, x, NULL);
    mpz_inits(acc, dpow, u, npow, NULL);
    mpq_set_ui(pv, 0, 1);
    mpz_set_ui(dpow, 1);
    mpz_set_ui(npow, 1);
    int seen = 0, whole = 1;
    for (int k = 0; k < plan->count && whole; k++) {
        const rp_plan_row_t *r = &plan->rows[k];
        if (r->n == 0) {
            rp_qadd(pv, pv, r->payment); /* due on the date */
            continue;
        }
        if (!seen++) {
            rp_date_t start = plan->first_start < plan->date ? plan->first_start : plan->date;
            mpq_set_si(stub, (long)r->due_date - plan->date,
                       (unsigned long)(r->due_date > start ? r->due_date - start : 1));
            mpq_canonicalize(stub);
            mpq_mul(stub, stub, i);
            mpq_set_ui(x, 1, 1);
            rp_qadd(stub, stub, x);
        } else {
            mpz_mul(acc, acc, mpq_numref(step));
            mpz_mul(dpow, dpow, mpq_denref(step));
            mpz_mul(npow, npow, mpq_numref(step));
        }
        whole = rp_round_units(u, r->payment, rc);
        mpz_addmul(acc, u, dpow);
    }
    if (whole) {
        /* later = unit · acc / (step_n^M · stub) */
        mpz_mul(mpq_numref(later), acc, mpq_numref(rc->unit));
        mpz_mul(mpq_denref(later), npow, mpq_denref(rc->unit));
        mpq_canonicalize(later);
        if (seen)
            mpq_div(later, later, stub); /* stub ≥ 1 */
        rp_qadd(pv, pv, later);
    } else {
        /* an amount off the unit (cannot happen for posted money): row by row */
        mpq_set_ui(pv, 0, 1);
        mpq_set_ui(later, 1, 1);
        seen = 0;
        for (int k = 0; k < plan->count; k++) {
            const rp_plan_row_t *r = &plan->rows[k];
            if (r->n == 0) {
                rp_qadd(pv, pv, r->payment);
                continue;
            }
            mpq_mul(later, later, seen++ ? step : stub);
            mpq_div(x, r->payment, later); /* later ≥ 1 */
            rp_qadd(pv, pv, x);
        }
    }
    mpz_clears(acc, dpow, u, npow, NULL);
    mpq_clears(stub, later, x, NULL);
}

rp_status rp_plan_price(rp_pricing_t *out, const rp_plan_t *plan, const mpq_t discount_rate,
                        const rp_round_t *rc, rp_error *err)
{
    if (mpq_cmp_si(discount_rate, 0, 1) < 0)
        return rp_fail(err, RP_E_VALUE, "discount_rate", "the discount rate must not be negative");
    mpq_t i, factor, step, pv, x;
    mpq_inits(i, factor, step, pv, x, NULL);
    mpq_set_ui(i, (unsigned long)plan->periods_per_year, 1);
    mpq_div(i, discount_rate, i);
    mpq_set_ui(step, 1, 1);
    rp_qadd(step, step, i); /* one period's growth */
    present_value(pv, plan, i, step, rc);
    rp_pricing_t p;
    rp_pricing_init(&p);
    mpq_set(p.discount_rate, discount_rate);
    rp_round(p.pv, pv, rc);
    if (mpq_sgn(plan->claim_total) > 0)
        mpq_div(p.recovery, pv, plan->claim_total);
    rp_qsub(p.concession, plan->claim_total, p.pv);
    rp_qsub(p.saving, plan->claim_total, plan->total_payment);

    /* the APR: the debt received on the date, the rows one period apart */
    rp_flows_t f;
    rp_flows_init(&f);
    int n = 1;
    for (int k = 0; k < plan->count; k++)
        n += plan->rows[k].n > 0;
    rp_status st = RP_OK;
    f.amounts = malloc(sizeof *f.amounts * (size_t)n);
    if (!f.amounts)
        st = rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    if (st == RP_OK) {
        f.n = n;
        f.periods_per_year = plan->periods_per_year;
        for (int t = 0; t < n; t++)
            mpq_init(f.amounts[t]);
        mpq_set(f.amounts[0], plan->debt);
        int t = 1;
        for (int k = 0; k < plan->count; k++) {
            const rp_plan_row_t *r = &plan->rows[k];
            if (r->n == 0)
                rp_qsub(f.amounts[0], f.amounts[0], r->payment);
            else
                mpq_neg(f.amounts[t++], r->payment);
        }
        mpq_t precision;
        mpq_init(precision);
        mpz_ui_pow_ui(mpq_denref(precision), 10, 15);
        mpz_set_ui(mpq_numref(precision), 1);
        if (n >= 2 && mpq_sgn(f.amounts[0]) > 0)
            st = rp_flows_apr(&p.apr, &p.has_apr, &f, precision, err);
        mpq_clear(precision);
    }
    rp_flows_clear(&f);
    if (st == RP_OK) {
        rp_pricing_t old = *out;
        *out = p;
        rp_pricing_clear(&old);
    } else {
        rp_pricing_clear(&p);
    }
    mpq_clears(i, factor, step, pv, x, NULL);
    return st;
}
