/*
 * reshape.c — changes to installments not yet due: a new contract rate
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
#include "schedule/tail.h"

int rp_reamortize_current(const ledger_t *L, rp_date_t d)
{
    for (int k = 0; k < L->installments; k++)
        if (!L->xs[k].removed && L->st->items[k].due_date > d)
            return k;
    return -1;
}

/* Writes a tail back over installments k …; those it no longer has are
 * removed. */
static void untail(ledger_t *L, int k, const tail_t *t)
{
    int r = 0;
    L->unpaid_valid = 0; /* principal to come changes */
    for (int j = k; j < L->installments; j++) {
        if (L->xs[j].removed)
            continue;
        rp_item_t *it = &L->st->items[j];
        if (r < t->count) {
            const tail_row_t *row = &t->rows[r++];
            mpq_set(it->due[RP_PRINCIPAL], row->principal);
            mpq_set(L->xs[j].interest_exact, row->interest);
            mpq_set(L->xs[j].period_years, row->years);
            rp_round(it->due[RP_INTEREST], row->interest, L->rc);
        } else {
            L->xs[j].removed = 1;
            L->xs[j].assess = RP_DATE_NONE;
            for (int c = 0; c < RP_COMPONENT_COUNT; c++)
                mpq_set_ui(it->due[c], 0, 1);
            mpq_set_ui(L->xs[j].interest_exact, 0, 1);
        }
    }
}

/* The rows after installment j at rate: what a rate change does to them.
 * A rate change only adjusts the installment in progress at once; its
 * later rows are re-amortized here, once, when something is about to read
 * them — so many rate changes inside one period cost one rebuild (each
 * rebuilds them from the same balance after the installment in progress,
 * and only the last rate decides them). */
static rp_status rebuild_after(ledger_t *L, int j, mpq_srcptr rate, rp_error *err)
{
    const rp_loan_t *loan = L->loan;
    tail_t t;
    rp_tail_init(&t);
    mpq_t balance, rest;
    mpq_inits(balance, rest, NULL);
    rp_status st = rp_ledger_tail(&t, L, j, err);
    if (st == RP_OK) {
        rp_tail_principal(balance, &t, 0);
        rp_qsub(rest, balance, t.rows[0].principal);
        if (t.count > 1 && loan->method == RP_METHOD_FLAT) {
            /* a flat charge reprices on the original principal */
            for (int r = 1; r < t.count; r++) {
                mpq_mul(t.rows[r].interest, loan->principal, rate);
                mpq_mul(t.rows[r].interest, t.rows[r].interest, t.rows[r].years);
            }
        } else if (t.count > 1 && mpq_sgn(rest) > 0 && loan->method != RP_METHOD_BULLET) {
            st = rp_tail_rebuild(&t, 1, t.count - 1, rest, rate, loan->method, NULL, L->level,
                                 loan, L->rc, err);
        }
    }
    if (st == RP_OK)
        untail(L, j, &t);
    mpq_clears(balance, rest, NULL);
    rp_tail_clear(&t);
    return st;
}

rp_status rp_reamortize_flush(ledger_t *L, rp_error *err)
{
    int j = L->rebuild_at;
    if (j < 0)
        return RP_OK;
    L->rebuild_at = -1;
    return rebuild_after(L, j, L->rebuild_rate, err);
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
    int opens = L->st->items[j].period_start == d && loan->method != RP_METHOD_FLAT &&
                loan->method != RP_METHOD_BULLET;
    if (L->rebuild_at >= 0 && (L->rebuild_at != j || opens))
        st = rp_reamortize_flush(L, err); /* an earlier change */
    if (st != RP_OK)
        return st;
    if (opens) {
        /* a change on the day installment j opens (a due date): nothing is
         * in progress — j and the rows after it are re-amortized at once
         * from the principal still to come, at the new rate */
        tail_t t;
        rp_tail_init(&t);
        mpq_t balance;
        mpq_init(balance);
        st = rp_ledger_tail(&t, L, j, err);
        if (st == RP_OK) {
            rp_tail_principal(balance, &t, 0);
            if (mpq_sgn(balance) > 0)
                st = rp_tail_rebuild(&t, 0, t.count, balance, new_rate, loan->method, NULL,
                                     L->level, loan, L->rc, err);
        }
        if (st == RP_OK && mpq_sgn(balance) > 0)
            untail(L, j, &t);
        mpq_clear(balance);
        rp_tail_clear(&t);
        return st;
    }
    if (L->rebuild_at != j) {
        /* the principal from installment j on: a rebuild of the rows after
         * it keeps their sum, so it holds for every change in the period */
        mpq_set_ui(L->rebuild_balance, 0, 1);
        for (int k = j; k < L->installments; k++)
            if (!L->xs[k].removed)
                rp_qadd(L->rebuild_balance, L->rebuild_balance, L->st->items[k].due[RP_PRINCIPAL]);
    }
    /* the installment in progress: the new rate from d on */
    tail_t t;
    rp_tail_init(&t);
    tail_row_t *row;
    st = rp_tail_push(&t, &row, err);
    if (st == RP_OK) {
        const rp_item_t *it = &L->st->items[j];
        row->n = it->n;
        row->start = it->period_start;
        row->due = it->due_date;
        mpq_set(row->principal, it->due[RP_PRINCIPAL]);
        mpq_set(row->interest, L->xs[j].interest_exact);
        mpq_set(row->years, L->xs[j].period_years);
        mpq_t delta;
        mpq_init(delta);
        rp_qsub(delta, new_rate, old_rate);
        rp_tail_adjust(&t, 0, d + 1, loan->method == RP_METHOD_FLAT ? loan->principal : L->rebuild_balance,
                       delta);
        mpq_clear(delta);
        mpq_set(L->xs[j].interest_exact, row->interest);
        rp_round(L->st->items[j].due[RP_INTEREST], row->interest, L->rc);
        L->rebuild_at = j;
        mpq_set(L->rebuild_rate, new_rate);
    }
    rp_tail_clear(&t);
    return st;
}

rp_status rp_reamortize_prepay(ledger_t *L, rp_date_t d, mpq_srcptr amount, mpq_t used,
                               rp_error *err)
{
    mpq_set_ui(used, 0, 1);
    rp_status pending = rp_reamortize_flush(L, err);
    if (pending != RP_OK)
        return pending;
    int j = rp_reamortize_current(L, d);
    if (L->accelerated || j < 0)
        return RP_OK;
    const rp_loan_t *loan = L->loan;
    tail_t t;
    rp_tail_init(&t);
    mpq_t balance, x, rate, rest;
    mpq_inits(balance, x, rate, rest, NULL);
    rp_status st = rp_ledger_tail(&t, L, j, err);
    if (st == RP_OK) {
        rp_tail_principal(balance, &t, 0);
        mpq_set(x, mpq_cmp(amount, balance) < 0 ? amount : balance);
    }
    if (st == RP_OK && mpq_sgn(x) > 0) {
        /* the prepaid principal stops bearing interest after d */
        mpq_neg(rate, rp_ledger_contract_rate_on(L, d + 1));
        rp_tail_adjust(&t, 0, d + 1, x, rate);
        mpq_neg(rate, rate);
        rp_qsub(rest, balance, t.rows[0].principal); /* after installment j */
        if (mpq_cmp(x, rest) <= 0) {
            rp_qsub(rest, rest, x);
            if (mpq_sgn(rest) == 0)
                rp_tail_truncate(&t, 1);
            else
                st = rp_tail_rebuild(&t, 1, t.count - 1, rest, rate, loan->method,
                                     L->terms->overpayment == RP_OVERPAY_SHORTEN_TERM ? L->level : NULL,
                                     L->level, loan, L->rc, err);
        } else {
            /* more than the later installments owe: j's principal shrinks too */
            rp_qsub(rest, x, rest);
            rp_qsub(t.rows[0].principal, t.rows[0].principal, rest);
            rp_tail_truncate(&t, 1);
        }
        if (st == RP_OK) {
            untail(L, j, &t);
            mpq_set(used, x);
            rp_qadd(L->st->prepaid, L->st->prepaid, x);
        }
    }
    mpq_clears(balance, x, rate, rest, NULL);
    rp_tail_clear(&t);
    return st;
}

rp_status rp_reamortize_accelerate(ledger_t *L, rp_date_t d, rp_error *err)
{
    rp_status pending = rp_reamortize_flush(L, err);
    if (pending != RP_OK)
        return pending;
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
    rp_round(it->due[RP_INTEREST], L->xs[j].interest_exact, L->rc);
    mpq_clear(share);
    mpq_t carried;
    mpq_init(carried);
    rp_ledger_carried(carried, L, j, RP_INTEREST); /* a plan's: owed before, not pro rata */
    rp_qadd(it->due[RP_INTEREST], it->due[RP_INTEREST], carried);
    for (int k = j; k < L->installments; k++) {
        if (L->xs[k].removed)
            continue;
        rp_item_t *ik = &L->st->items[k];
        if (k > j) {
            rp_ledger_carried(ik->due[RP_INTEREST], L, k, RP_INTEREST);
            rp_ledger_carried(ik->due[RP_FEE], L, k, RP_FEE);
            mpq_set_ui(L->xs[k].interest_exact, 0, 1);
        }
        ik->due_date = d;
        ik->accelerated = 1;
        L->xs[k].assess = RP_DATE_NONE;
    }
    mpq_clear(carried);
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
