/*
 * plan.c — a restructured plan: its rows and totals, its self-checks, and
 * its price for both sides.
 */
#include <stdlib.h>

#include "base/quotient.h"
#include "restructure.h"

void rp_plan_init(rp_plan_t *p)
{
    p->date = RP_DATE_NONE;
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_inits(p->claim[c], p->waived[c], p->conditional[c], NULL);
    p->condition_days = -1;
    p->re_aged = 0;
    p->re_aged_from = RP_DATE_NONE;
    mpq_inits(p->claim_total, p->waived_total, p->debt, p->total_payment, p->total_principal,
              p->total_interest, p->total_fee, p->total_arrears, p->interest_kept, p->capitalized,
              p->new_interest, p->deferral_waived, p->payment, p->annual_rate, p->contract_rate,
              NULL);
    p->count = 0;
    p->rows = NULL;
    p->periods_per_year = 12;
    p->first_due_date = p->maturity_date = p->observation_end = p->grid_anchor = RP_DATE_NONE;
    p->grid_frequency = RP_FREQ_MONTHLY;
    p->odd_days = RP_ODD_ACTUAL;
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
        mpq_clears(p->claim[c], p->waived[c], p->conditional[c], NULL);
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

/* The regular payment: the most common one after the date (the larger on
 * a tie), into p->payment; returns how often it occurs (0: no row after
 * the date). */
static int regular_payment(rp_plan_t *p)
{
    int best = 0;
    for (int k = 0; k < p->count; k++) {
        if (p->rows[k].n == 0)
            continue;
        /* a payment equal to the row before it was counted there: a level
         * plan is counted once, not once per row */
        if (k > 0 && p->rows[k - 1].n > 0 && mpq_equal(p->rows[k - 1].payment, p->rows[k].payment))
            continue;
        int same = 0;
        for (int j = 0; j < p->count; j++)
            same += p->rows[j].n > 0 && mpq_equal(p->rows[j].payment, p->rows[k].payment);
        if (same > best || (same == best && mpq_cmp(p->rows[k].payment, p->payment) > 0)) {
            best = same;
            mpq_set(p->payment, p->rows[k].payment);
        }
    }
    return best;
}

/* Each row's payment and the principal left after it, and the plan's
 * totals (added to what they held). */
static void sums_in_q(rp_plan_t *p)
{
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
}

/* sums_in_q in machine words, when every row's amounts are whole counts of
 * 10^-places and every sum stays below 2^62 (money at its unit): the same
 * values. Returns 0, having set nothing, otherwise. */
static int sums_in_words(rp_plan_t *p, int places)
{
    enum { PRINCIPAL, INTEREST, FEE, ARREARS, PARTS };
    rp_i128 total[PARTS] = {0}, paid = 0;
    if (places > 18)
        return 0;
    for (int k = 0; k < p->count; k++) { /* first: everything fits */
        const rp_plan_row_t *r = &p->rows[k];
        mpq_srcptr part[PARTS] = {r->principal, r->interest, r->fee, r->arrears};
        rp_i128 payment = 0;
        for (int i = 0; i < PARTS; i++) {
            int64_t u;
            if (!rp_decimal_scaled(&u, part[i], places))
                return 0;
            payment += u;
            total[i] += u;
            if (total[i] <= -RP_UNITS_MAX || total[i] >= RP_UNITS_MAX)
                return 0;
        }
        paid += payment;
        if (payment <= -RP_UNITS_MAX || payment >= RP_UNITS_MAX || paid <= -RP_UNITS_MAX ||
            paid >= RP_UNITS_MAX)
            return 0;
    }
    int64_t balance = (int64_t)total[PRINCIPAL]; /* every partial sum is below the bound too */
    for (int k = 0; k < p->count; k++) {
        rp_plan_row_t *r = &p->rows[k];
        int64_t u[PARTS];
        rp_decimal_scaled(&u[PRINCIPAL], r->principal, places);
        rp_decimal_scaled(&u[INTEREST], r->interest, places);
        rp_decimal_scaled(&u[FEE], r->fee, places);
        rp_decimal_scaled(&u[ARREARS], r->arrears, places);
        balance -= u[PRINCIPAL];
        rp_decimal_from_scaled(r->payment, u[PRINCIPAL] + u[INTEREST] + u[FEE] + u[ARREARS], places);
        rp_decimal_from_scaled(r->balance, balance, places);
    }
    mpq_t sum;
    mpq_init(sum);
    mpq_ptr into[PARTS] = {p->total_principal, p->total_interest, p->total_fee, p->total_arrears};
    for (int i = 0; i < PARTS; i++) {
        rp_decimal_from_scaled(sum, (int64_t)total[i], places);
        rp_qadd(into[i], into[i], sum);
    }
    rp_decimal_from_scaled(sum, (int64_t)paid, places);
    rp_qadd(p->total_payment, p->total_payment, sum);
    mpq_clear(sum);
    return 1;
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
    }
    mpq_clear(now);

    if (!sums_in_words(p, rc->places))
        sums_in_q(p);

    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        rp_qadd(p->waived_total, p->waived_total, p->waived[c]);
    rp_qsub(p->debt, p->claim_total, p->waived_total);
    mpq_set(p->interest_kept, w->tail.count ? w->accrued : p->interest_kept);
    rp_qsub(p->new_interest, p->total_interest, p->interest_kept);
    rp_qadd(p->new_interest, p->new_interest, p->capitalized);
    mpq_set(p->annual_rate, w->rate);
    p->periods_per_year = w->periods_per_year;
    p->grid_anchor = w->rule->first_due_date != RP_DATE_NONE ? w->rule->first_due_date
                                                             : w->rule->start_date;
    p->grid_frequency = w->rule->frequency;
    p->odd_days = w->loan->odd_days;

    int best = regular_payment(p);
    rp_status st = RP_OK;
    if (p->count > 0) {
        const rp_plan_row_t *first = &p->rows[0];
        if (first->n == 0 && p->count > 1)
            first = &p->rows[1];
        if (best == 0)
            mpq_set(p->payment, p->rows[0].payment);
        p->first_due_date = first->due_date;
        p->maturity_date = p->rows[p->count - 1].due_date;
        st = rp_observation_end(&p->observation_end, p->first_due_date, p->periods_per_year, err);
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
    /* each row is its parts, the rows are the totals, balances fall by
     * the principal */
    mpq_set(other, p->total_principal);
    mpq_set_ui(sum, 0, 1);
    for (int k = 0; k < p->count && st == RP_OK; k++) {
        const rp_plan_row_t *r = &p->rows[k];
        rp_qadd(t, r->principal, r->interest);
        rp_qadd(t, t, r->fee);
        rp_qadd(t, t, r->arrears);
        rp_qadd(sum, sum, r->payment);
        rp_qsub(other, other, r->principal);
        if (mpq_sgn(r->principal) < 0 || mpq_sgn(r->interest) < 0 || mpq_sgn(r->fee) < 0 ||
            mpq_sgn(r->arrears) < 0 || mpq_sgn(r->balance) < 0)
            st = broken(err, "a negative amount in a row");
        else if (!rp_round_is_multiple(r->payment, rc) || !rp_round_is_multiple(r->principal, rc) ||
                 !rp_round_is_multiple(r->arrears, rc))
            st = broken(err, "an amount is not a whole number of units");
        else if (!mpq_equal(t, r->payment))
            st = broken(err, "a row's payment is not principal + interest + fee + arrears");
        else if (!mpq_equal(other, r->balance))
            st = broken(err, "a row's balance is not the one before less its principal");
    }
    if (st == RP_OK && !mpq_equal(sum, p->total_payment))
        st = broken(err, "the rows' payments are not the total to pay");
    if (st == RP_OK && p->count > 0 && mpq_sgn(p->rows[p->count - 1].balance) != 0)
        st = broken(err, "the last row leaves principal");
    mpq_clears(sum, t, other, NULL);
    return st;
}

int rp_plan_installments(const rp_plan_t *p)
{
    int n = 0;
    for (int k = 0; k < p->count; k++)
        n += p->rows[k].n > 0;
    return n;
}

void rp_plan_largest_payment(mpq_t out, const rp_plan_t *p)
{
    mpq_set_ui(out, 0, 1);
    for (int k = 0; k < p->count; k++)
        if (mpq_cmp(p->rows[k].payment, out) > 0)
            mpq_set(out, p->rows[k].payment);
}
