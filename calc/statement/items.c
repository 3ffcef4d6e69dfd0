/*
 * items.c — what a statement is made of: its items (installments and fee
 * events) with what is due and paid of each component, the engine's facts
 * beside them, and the contract and penalty rates over time. The lowest
 * file of the statement engine: everything else reads the loan's state
 * through these.
 */
#include <stdlib.h>
#include <string.h>

#include "ledger.h"

const char *const rp_item_status_names[RP_STATUS_COUNT] = {
    [RP_STATUS_NOT_DUE] = "not_due",   [RP_STATUS_DUE] = "due",
    [RP_STATUS_PAID] = "paid",         [RP_STATUS_PAID_LATE] = "paid_late",
    [RP_STATUS_PARTLY_PAID] = "partly_paid", [RP_STATUS_OVERDUE] = "overdue",
    [RP_STATUS_RESTRUCTURED] = "restructured",
};

void rp_ledger_item_clear(rp_item_t *it)
{
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_clears(it->due[c], it->paid[c], NULL);
}

void rp_ledger_state_clear(item_state_t *x)
{
    mpq_clears(x->interest_exact, x->pending[RP_SLOT_PENALTY], x->pending[RP_SLOT_COMPOUND], x->accrued[RP_SLOT_PENALTY],
              x->accrued[RP_SLOT_COMPOUND],
               x->period_years, x->run_base[0], x->run_base[1], NULL);
    if (x->carried) {
        for (int c = 0; c < RP_COMPONENT_COUNT; c++)
            mpq_clear(x->carried[c]);
        free(x->carried);
        x->carried = NULL;
    }
}

rp_status rp_ledger_carry(ledger_t *L, int k, rp_error *err)
{
    item_state_t *x = &L->xs[k];
    if (x->carried)
        return RP_OK;
    x->carried = malloc(sizeof *x->carried * RP_COMPONENT_COUNT);
    if (!x->carried)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_init(x->carried[c]);
    return RP_OK;
}

void rp_ledger_carried(mpq_t out, const ledger_t *L, int k, rp_component c)
{
    const item_state_t *x = &L->xs[k];
    if (x->carried)
        mpq_set(out, x->carried[c]);
    else
        mpq_set_ui(out, 0, 1);
}

rp_status rp_ledger_add_item(ledger_t *L, int *index, rp_error *err)
{
    rp_statement_t *st = L->st;
    if (st->item_count == L->cap) {
        int cap = L->cap ? L->cap * 2 : 16;
        rp_item_t *items = realloc(st->items, sizeof *items * (size_t)cap);
        if (!items)
            return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
        st->items = items;
        item_state_t *xs = realloc(L->xs, sizeof *xs * (size_t)cap);
        if (!xs)
            return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
        L->xs = xs;
        L->cap = cap;
    }
    int k = st->item_count++;
    rp_item_t *it = &st->items[k];
    memset(it, 0, sizeof *it);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_inits(it->due[c], it->paid[c], NULL);
    it->due_date = it->period_start = it->paid_off = RP_DATE_NONE;
    it->event = -1;
    it->role = RP_ROLE_INSTALLMENT;
    item_state_t *x = &L->xs[k];
    memset(x, 0, sizeof *x);
    L->states++;
    mpq_inits(x->interest_exact, x->pending[RP_SLOT_PENALTY], x->pending[RP_SLOT_COMPOUND], x->accrued[RP_SLOT_PENALTY],
              x->accrued[RP_SLOT_COMPOUND],
              x->period_years, x->run_base[0], x->run_base[1], NULL);
    for (int s = 0; s <= RP_SLOT_LATE_FEE; s++)
        x->working[s] = -1;
    x->run_from = RP_DATE_NONE;
    x->pending_from[RP_SLOT_PENALTY] = x->pending_from[RP_SLOT_COMPOUND] = -1;
    x->assess = RP_DATE_NONE;
    *index = k;
    return RP_OK;
}

void rp_ledger_unpaid(mpq_t out, const ledger_t *L, int k, rp_component c)
{
    rp_qsub(out, L->st->items[k].due[c], L->st->items[k].paid[c]);
}

int rp_ledger_item_open(const ledger_t *L, int k)
{
    const rp_item_t *it = &L->st->items[k];
    return mpq_cmp(it->due[RP_PRINCIPAL], it->paid[RP_PRINCIPAL]) > 0 ||
           mpq_cmp(it->due[RP_INTEREST], it->paid[RP_INTEREST]) > 0 ||
           mpq_cmp(it->due[RP_FEE], it->paid[RP_FEE]) > 0;
}

int rp_ledger_item_settled(const ledger_t *L, int k)
{
    const rp_item_t *it = &L->st->items[k];
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        if (mpq_cmp(it->due[c], it->paid[c]) > 0)
            return 0;
    return 1;
}

/* The last change on or before d (same-day changes: the last listed
 * wins), by bisection: the dates rise, so a statement with thousands of
 * rate changes does not scan them for every day it looks at. */
int rp_ledger_rate_index(const ledger_t *L, rp_date_t d)
{
    int lo = 0, hi = L->rates.count - 1; /* dates[0] is the start: ≤ d */
    while (lo < hi) {
        int mid = lo + (hi - lo + 1) / 2;
        if (L->rates.dates[mid] <= d)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

mpq_srcptr rp_ledger_contract_rate_on(const ledger_t *L, rp_date_t d)
{
    return L->rates.contract[rp_ledger_rate_index(L, d)];
}

mpq_srcptr rp_ledger_penalty_rate_on(const ledger_t *L, rp_date_t d)
{
    return L->rates.penalty[rp_ledger_rate_index(L, d)];
}

void rp_ledger_entry_clear(rp_entry_t *e)
{
    for (int i = 0; i < e->count; i++)
        mpq_clear(e->applied[i].amount);
    free(e->applied);
    mpq_clears(e->amount, e->to_credit, e->to_prepayment, NULL);
}

rp_status rp_ledger_tail(tail_t *t, const ledger_t *L, int k, rp_error *err)
{
    for (int j = k; j < L->installments; j++) {
        if (L->xs[j].removed)
            continue;
        const rp_item_t *it = &L->st->items[j];
        tail_row_t *row;
        rp_status st = rp_tail_push(t, &row, err);
        if (st != RP_OK)
            return st;
        row->n = it->n;
        row->start = it->period_start;
        row->due = it->due_date;
        mpq_set(row->principal, it->due[RP_PRINCIPAL]);
        mpq_set(row->interest, L->xs[j].interest_exact);
        mpq_set(row->years, L->xs[j].period_years);
        mpq_set(row->fee, it->due[RP_FEE]);
        if (L->xs[j].carried) /* owed before a plan: not the row's own fee */
            rp_qsub(row->fee, row->fee, L->xs[j].carried[RP_FEE]);
    }
    return RP_OK;
}

rp_status rp_ledger_segment_room(const ledger_t *L, const char *path, const char *cause,
                                 rp_error *err)
{
    if (L->segments < RP_MAX_WORKING_LINES)
        return RP_OK;
    return rp_fail(err, RP_E_RANGE, path,
                   "the workings would exceed %d lines (penalty segments and late-fee charges): %s",
                   RP_MAX_WORKING_LINES, cause);
}

rp_status rp_ledger_push_segment(ledger_t *L, rp_working_t *wk, rp_date_t from, rp_date_t to,
                                 rp_segment_t **out, rp_error *err)
{
    if (wk->count == wk->cap) {
        int cap = wk->cap ? wk->cap * 2 : 4;
        rp_segment_t *grown = realloc(wk->segments, sizeof *grown * (size_t)cap);
        if (!grown)
            return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
        wk->segments = grown;
        wk->cap = cap;
    }
    L->segments++;
    rp_segment_t *sg = &wk->segments[wk->count++];
    sg->from = from;
    sg->to = to;
    sg->days = to >= from ? (int)(to - from + 1) : 0;
    mpq_inits(sg->base, sg->rate, sg->amount, NULL);
    *out = sg;
    return RP_OK;
}

rp_date_t rp_ledger_grace_end(const ledger_t *L, int k)
{
    const rp_item_t *it = &L->st->items[k];
    return it->accelerated ? it->due_date : it->due_date + L->terms->overdue.grace_days;
}

/* The working for (item k, component c), created on first use. */
rp_status rp_ledger_working(ledger_t *L, int k, rp_component c, int base_kind, rp_working_t **out,
                            rp_error *err)
{
    int slot = c == RP_PENALTY ? RP_SLOT_PENALTY : c == RP_COMPOUND ? RP_SLOT_COMPOUND : RP_SLOT_LATE_FEE;
    int w = L->xs[k].working[slot];
    if (w < 0) {
        rp_statement_t *st = L->st;
        rp_working_t *grown = realloc(st->workings, sizeof *grown * (size_t)(st->working_count + 1));
        if (!grown)
            return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
        st->workings = grown;
        w = st->working_count++;
        rp_working_t *nw = &st->workings[w];
        nw->item = k;
        nw->component = c;
        nw->base_kind = base_kind;
        nw->count = nw->cap = 0;
        nw->segments = NULL;
        nw->capped = 0;
        mpq_inits(nw->exact, nw->posted, NULL);
        L->xs[k].working[slot] = w;
        if (slot != RP_SLOT_LATE_FEE)
            L->xs[k].pending_from[slot] = -1;
    }
    *out = &L->st->workings[w];
    return RP_OK;
}
