/*
 * allocate.c — payment waterfalls. A payment pays what is payable on its
 * date, component by component, in the order the terms set: oldest
 * installment first (each installment's components in order, then the
 * next installment), or component first (each component across all
 * installments, oldest first, then the next component).
 */
#include <stdlib.h>

#include "ledger.h"

/* Items payable on d, oldest due first (ties: installments by number, then
 * fee items in event order). */
static int *payable_items(const ledger_t *L, rp_date_t d, int *count)
{
    int n = L->st->item_count, m = 0;
    int *idx = malloc(sizeof *idx * (size_t)(n > 0 ? n : 1) * 2);
    if (!idx)
        return NULL;
    /* Installments rise by due date, and fee items (appended as their
     * events come, in date order) do too: the two lists merge in one pass,
     * without a sort, however many fees there are. */
    int *fees = idx + n, nf = 0, sorted = 1;
    rp_date_t last = RP_DATE_NONE, last_fee = RP_DATE_NONE;
    for (int k = 0; k < n; k++) {
        const rp_item_t *it = &L->st->items[k];
        if (L->xs[k].removed || it->due_date > d)
            continue;
        if (k < L->installments) {
            sorted &= it->due_date >= last;
            last = it->due_date;
            idx[m++] = k;
        } else {
            sorted &= it->due_date >= last_fee;
            last_fee = it->due_date;
            fees[nf++] = k;
        }
    }
    if (sorted && nf > 0) {
        int *merged = malloc(sizeof *merged * (size_t)(m + nf));
        if (!merged) {
            free(idx);
            return NULL;
        }
        int i = 0, j = 0, o = 0;
        while (i < m || j < nf) {
            if (j == nf || (i < m && L->st->items[idx[i]].due_date <= L->st->items[fees[j]].due_date))
                merged[o++] = idx[i++];
            else
                merged[o++] = fees[j++];
        }
        free(idx);
        *count = o;
        return merged;
    }
    for (int j = 0; j < nf; j++)
        idx[m++] = fees[j];
    /* insertion sort by due date: items are nearly in order already */
    for (int i = 1; i < m; i++) {
        int v = idx[i], j = i - 1;
        while (j >= 0 && L->st->items[idx[j]].due_date > L->st->items[v].due_date) {
            idx[j + 1] = idx[j];
            j--;
        }
        idx[j + 1] = v;
    }
    *count = m;
    return idx;
}

static rp_status apply(ledger_t *L, rp_entry_t *entry, mpq_t left, int k, rp_component c,
                       rp_error *err)
{
    rp_item_t *it = &L->st->items[k];
    rp_status st = RP_OK;
    if (c == RP_PENALTY || c == RP_COMPOUND)
        st = rp_overdue_sync(L, k, err); /* its penalty posted up to now */
    /* nothing open (the usual case across a long loan): no arithmetic */
    if (st != RP_OK || mpq_cmp(it->due[c], it->paid[c]) <= 0 || mpq_sgn(left) <= 0)
        return st;
    mpq_t open, take;
    mpq_inits(open, take, NULL);
    rp_qsub(open, it->due[c], it->paid[c]);
    if (mpq_sgn(open) > 0 && mpq_sgn(left) > 0) {
        mpq_set(take, mpq_cmp(open, left) < 0 ? open : left);
        if (L->applied >= RP_MAX_ALLOCATION_LINES) {
            st = rp_fail(err, RP_E_RANGE, "events",
                         "the allocations would exceed %d lines (amounts applied): too many "
                         "payments for one statement", RP_MAX_ALLOCATION_LINES);
            goto out;
        }
        if (entry->count == entry->cap) {
            int cap = entry->cap ? entry->cap * 2 : 8;
            rp_applied_t *grown = realloc(entry->applied, sizeof *grown * (size_t)cap);
            if (!grown) {
                st = rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
                goto out;
            }
            entry->applied = grown;
            entry->cap = cap;
        }
        rp_applied_t *a = &entry->applied[entry->count++];
        L->applied++;
        a->item = k;
        a->component = c;
        mpq_init(a->amount);
        mpq_set(a->amount, take);
        rp_qadd(it->paid[c], it->paid[c], take);
        rp_qsub(left, left, take);
        if (c == RP_PRINCIPAL && L->unpaid_valid && k < L->installments)
            rp_qsub(L->unpaid_principal, L->unpaid_principal, take);
        rp_overdue_touch(L, k); /* its penalty bases change from tomorrow */
    }
out:
    mpq_clears(open, take, NULL);
    return st;
}

rp_status rp_allocate(ledger_t *L, rp_entry_t *entry, mpq_t left, rp_date_t d, rp_error *err)
{
    int m = 0;
    int *idx = payable_items(L, d, &m);
    if (!idx)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    const rp_allocation_t *a = &L->terms->allocation;
    rp_status st = RP_OK;
    /* Each walk stops where the money does. */
    if (a->across == RP_OLDEST_FIRST) {
        for (int i = 0; i < m && st == RP_OK && mpq_sgn(left) > 0; i++)
            for (int c = 0; c < RP_COMPONENT_COUNT && st == RP_OK; c++)
                st = apply(L, entry, left, idx[i], a->order[c], err);
    } else {
        for (int c = 0; c < RP_COMPONENT_COUNT && st == RP_OK && mpq_sgn(left) > 0; c++)
            for (int i = 0; i < m && st == RP_OK && mpq_sgn(left) > 0; i++)
                st = apply(L, entry, left, idx[i], a->order[c], err);
    }
    /* An item fully paid now records when: one whose principal, interest
     * or fee is still open is not, and needs no closer look. */
    for (int i = 0; i < m && st == RP_OK; i++) {
        rp_item_t *it = &L->st->items[idx[i]];
        if (it->paid_off != RP_DATE_NONE || rp_ledger_item_open(L, idx[i]))
            continue;
        st = rp_overdue_sync(L, idx[i], err);
        if (st == RP_OK && rp_ledger_item_settled(L, idx[i]))
            it->paid_off = d;
    }
    free(idx);
    return st;
}
