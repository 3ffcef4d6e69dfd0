/*
 * reamortize.c — changes to installments not yet due: a new contract rate
 * (LPR repricing), prepayment from an overpayment, and acceleration
 * (宣布提前到期).
 *
 * Within the period in progress (the first installment not yet due), a
 * change on day d affects the interest pro rata by days: the part of the
 * period after d is charged on the new balance or at the new rate. The
 * installments after it are rebuilt from the remaining balance by the
 * loan's method, on their original due dates.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ledger.h"

int rp_reamortize_current(const ledger_t *L, rp_date_t d)
{
    for (int k = 0; k < L->installments; k++)
        if (!L->xs[k].removed && L->st->items[k].due_date > d)
            return k;
    return -1;
}

/* out = the share of item k's period from day `first` to its due date, in
 * years of interest: year_fraction × days from first / days in the period.
 * A period's days are start+1 … due; each bears the balance and rate at
 * its start, so a new rate on day d applies from d, while principal paid
 * on day d stops bearing interest from d + 1. */
static void remaining_years(mpq_t out, const ledger_t *L, int k, rp_date_t first)
{
    const rp_item_t *it = &L->st->items[k];
    rp_date_t from = first > it->period_start + 1 ? first : it->period_start + 1;
    mpq_t share;
    mpq_init(share);
    mpq_set_si(share, (long)it->due_date - from + 1,
               (unsigned long)(it->due_date - it->period_start));
    mpq_canonicalize(share); /* due > period start */
    mpq_mul(out, L->xs[k].period_years, share);
    mpq_clear(share);
}

/* Unpaid principal of installments k … last. */
static void balance_from(mpq_t out, const ledger_t *L, int k)
{
    mpq_t part;
    mpq_init(part);
    mpq_set_ui(out, 0, 1);
    for (int j = k; j < L->installments; j++) {
        if (L->xs[j].removed)
            continue;
        rp_ledger_unpaid(part, L, j, RP_PRINCIPAL);
        mpq_add(out, out, part);
    }
    mpq_clear(part);
}

/* Sets item k's interest from its exact value. */
static void repost_interest(ledger_t *L, int k)
{
    rp_round(L->st->items[k].due[RP_INTEREST], L->xs[k].interest_exact, L->rc);
}

static void remove_after(ledger_t *L, int k)
{
    for (int j = k + 1; j < L->installments; j++) {
        rp_item_t *it = &L->st->items[j];
        L->xs[j].removed = 1;
        L->xs[j].assess = RP_DATE_NONE;
        for (int c = 0; c < RP_COMPONENT_COUNT; c++)
            mpq_set_ui(it->due[c], 0, 1);
        mpq_set_ui(L->xs[j].interest_exact, 0, 1);
    }
}

/* Rebuilds installments from … last on balance at annual rate, by the
 * loan's method on their own due dates. level: keep this payment (annuity)
 * or principal step (equal principal) and drop the rows it no longer needs;
 * NULL: recompute it over the same number of rows. */
static rp_status rebuild_tail(ledger_t *L, int from, mpq_srcptr balance, mpq_srcptr annual,
                              mpq_srcptr level, rp_error *err)
{
    int count = 0;
    while (from + count < L->installments && !L->xs[from + count].removed)
        count++;
    if (count == 0)
        return RP_OK;
    rp_date_t *dates = malloc(sizeof *dates * (size_t)(count + 1));
    if (!dates)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    dates[0] = L->st->items[from].period_start;
    for (int i = 0; i < count; i++)
        dates[i + 1] = L->st->items[from + i].due_date;

    rp_loan_t sub;
    rp_loan_init(&sub);
    const rp_loan_t *loan = L->loan;
    mpq_set(sub.principal, balance);
    mpq_set(sub.annual_rate, annual);
    mpq_set(sub.periodic_fee, loan->periodic_fee);
    sub.daily_basis = loan->daily_basis;
    sub.term = count;
    sub.method = loan->method;
    sub.frequency = loan->frequency;
    sub.day_count = loan->day_count;
    sub.start_date = dates[0];
    rp_schedule_opts_t opts = {dates, level};
    rp_schedule_t s;
    rp_schedule_init(&s);
    rp_status st = rp_schedule_build_opts(&s, &sub, L->rc, &opts, err);
    if (st == RP_OK) {
        mpq_t before;
        mpq_init(before);
        mpq_set(before, balance);
        int cleared = 0;
        for (int i = 0; i < count; i++) {
            int k = from + i;
            const rp_installment_t *r = &s.rows[i];
            if (cleared) { /* a shorter term: this row is no longer needed */
                remove_after(L, k - 1);
                break;
            }
            mpq_set(L->st->items[k].due[RP_PRINCIPAL], r->principal);
            mpq_mul(L->xs[k].interest_exact, before, annual);
            mpq_mul(L->xs[k].interest_exact, L->xs[k].interest_exact, r->year_fraction);
            mpq_set(L->xs[k].period_years, r->year_fraction);
            repost_interest(L, k);
            mpq_sub(before, before, r->principal);
            cleared = mpq_sgn(before) == 0;
        }
        mpq_clear(before);
        if (!level) {
            if (loan->method == RP_METHOD_ANNUITY)
                mpq_sub(L->level, s.level_payment, loan->periodic_fee);
            else if (loan->method == RP_METHOD_EQUAL_PRINCIPAL)
                mpq_set(L->level, s.rows[0].principal);
        }
    } else {
        /* the tail is built from checked inputs: a failure is a bug */
        char why[RP_MESSAGE_MAX];
        snprintf(why, sizeof why, "%s", err ? err->message : "");
        st = rp_fail(err, RP_E_INTERNAL, NULL, "rebuilding installments %d on: %s", from + 1, why);
    }
    rp_schedule_clear(&s);
    rp_loan_clear(&sub);
    free(dates);
    return st;
}

rp_status rp_reamortize_rate_change(ledger_t *L, rp_date_t d, mpq_srcptr old_rate,
                                    mpq_srcptr new_rate, rp_error *err)
{
    const rp_loan_t *loan = L->loan;
    int j = rp_reamortize_current(L, d);
    if (L->accelerated || j < 0)
        return RP_OK; /* only the penalty rate follows */
    if (loan->method == RP_METHOD_FLAT && loan->flat_charge == RP_CHARGE_FEE)
        return RP_OK; /* an installment fee does not reprice */
    rp_status st = RP_OK;
    mpq_t balance, base, delta, years, tail;
    mpq_inits(balance, base, delta, years, tail, NULL);
    balance_from(balance, L, j);
    mpq_set(base, loan->method == RP_METHOD_FLAT ? loan->principal : balance);
    mpq_sub(delta, new_rate, old_rate);
    remaining_years(years, L, j, d);
    mpq_mul(years, years, delta);
    mpq_mul(years, years, base);
    mpq_add(L->xs[j].interest_exact, L->xs[j].interest_exact, years);
    repost_interest(L, j);

    rp_ledger_unpaid(tail, L, j, RP_PRINCIPAL);
    mpq_sub(tail, balance, tail);
    if (mpq_sgn(tail) > 0) {
        if (loan->method == RP_METHOD_FLAT) {
            for (int k = j + 1; k < L->installments; k++) {
                if (L->xs[k].removed)
                    continue;
                mpq_mul(L->xs[k].interest_exact, loan->principal, new_rate);
                mpq_mul(L->xs[k].interest_exact, L->xs[k].interest_exact, L->xs[k].period_years);
                repost_interest(L, k);
            }
        } else if (loan->method != RP_METHOD_BULLET) {
            st = rebuild_tail(L, j + 1, tail, new_rate, NULL, err);
        }
    }
    mpq_clears(balance, base, delta, years, tail, NULL);
    return st;
}

rp_status rp_reamortize_prepay(ledger_t *L, rp_date_t d, mpq_srcptr amount, mpq_t used,
                               rp_error *err)
{
    mpq_set_ui(used, 0, 1);
    int j = rp_reamortize_current(L, d);
    if (L->accelerated || j < 0)
        return RP_OK;
    rp_status st = RP_OK;
    mpq_t balance, x, years, tail;
    mpq_inits(balance, x, years, tail, NULL);
    balance_from(balance, L, j);
    mpq_set(x, mpq_cmp(amount, balance) < 0 ? amount : balance);
    if (mpq_sgn(x) > 0) {
        mpq_srcptr rate = rp_ledger_rate_on(L, d, 0);
        /* the prepaid principal stops bearing interest after d */
        remaining_years(years, L, j, d + 1);
        mpq_mul(years, years, rate);
        mpq_mul(years, years, x);
        mpq_sub(L->xs[j].interest_exact, L->xs[j].interest_exact, years);
        repost_interest(L, j);

        rp_ledger_unpaid(tail, L, j, RP_PRINCIPAL);
        mpq_sub(tail, balance, tail); /* principal after installment j */
        if (mpq_cmp(x, tail) <= 0) {
            mpq_sub(tail, tail, x);
            if (mpq_sgn(tail) == 0)
                remove_after(L, j);
            else
                st = rebuild_tail(L, j + 1, tail, rate,
                                  L->terms->overpayment == RP_OVERPAY_SHORTEN_TERM ? L->level : NULL,
                                  err);
        } else {
            /* more than the later installments owe: j's principal shrinks too */
            rp_item_t *it = &L->st->items[j];
            mpq_sub(years, x, tail);
            mpq_sub(it->due[RP_PRINCIPAL], it->due[RP_PRINCIPAL], years);
            remove_after(L, j);
        }
        mpq_set(used, x);
        mpq_add(L->st->prepaid, L->st->prepaid, x);
    }
    mpq_clears(balance, x, years, tail, NULL);
    return st;
}

rp_status rp_reamortize_accelerate(ledger_t *L, rp_date_t d, rp_error *err)
{
    (void)err;
    L->accelerated = 1;
    int j = rp_reamortize_current(L, d);
    if (j < 0)
        return RP_OK;
    /* the period in progress: interest up to d; later periods: none */
    rp_item_t *it = &L->st->items[j];
    mpq_t share;
    mpq_init(share);
    mpq_set_si(share, (long)d - it->period_start, (unsigned long)(it->due_date - it->period_start));
    mpq_canonicalize(share);
    mpq_mul(L->xs[j].interest_exact, L->xs[j].interest_exact, share);
    repost_interest(L, j);
    mpq_clear(share);
    for (int k = j; k < L->installments; k++) {
        if (L->xs[k].removed)
            continue;
        rp_item_t *ik = &L->st->items[k];
        if (k > j) {
            mpq_set_ui(ik->due[RP_INTEREST], 0, 1);
            mpq_set_ui(ik->due[RP_FEE], 0, 1);
            mpq_set_ui(L->xs[k].interest_exact, 0, 1);
        }
        ik->due_date = d;
        ik->accelerated = 1;
        L->xs[k].assess = RP_DATE_NONE;
    }
    return RP_OK;
}

void rp_reamortize_accrued_interest(mpq_t out, const ledger_t *L, rp_date_t d)
{
    int j = rp_reamortize_current(L, d);
    mpq_set_ui(out, 0, 1);
    if (j < 0)
        return;
    const rp_item_t *it = &L->st->items[j];
    if (d <= it->period_start)
        return;
    mpq_set_si(out, (long)d - it->period_start, (unsigned long)(it->due_date - it->period_start));
    mpq_canonicalize(out);
    mpq_mul(out, out, L->xs[j].interest_exact);
    rp_round(out, out, L->rc);
}
