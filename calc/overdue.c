/*
 * overdue.c — penalty interest (罚息), compound interest (复利), grace and
 * late fees (违约金), day by day and exactly.
 *
 * For each day after an installment's due date, its penalty base (by
 * default the unpaid principal) bears the penalty rate / daily basis, and
 * with compound on, its unpaid interest bears the same (PBoC 2003 notice on
 * RMB loan rates: 罚息 on overdue principal, 复利 on unpaid interest). A day
 * counts with the balance at its start, so a payment on day 30 still pays
 * penalty for 30 days. Accruals stay exact; posting rounds the cumulative
 * total, so the sub-fen residue is carried, never lost.
 *
 * Days inside grace accrue as "pending": they become owed when grace ends
 * with the installment unpaid and grace_counts_back is on, and vanish
 * otherwise.
 */
#include <stdlib.h>

#include "ledger.h"

#define MAX_SEGMENTS 100000 /* workings lines in one statement */

/* The working for (item k, component c), created on first use. */
static rp_status working_for(ledger_t *L, int k, rp_component c, int base_kind, rp_working_t **out,
                             rp_error *err)
{
    int slot = c == RP_PENALTY ? 0 : c == RP_COMPOUND ? 1 : 2;
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
        if (slot < 2)
            L->xs[k].pending_from[slot] = -1;
    }
    *out = &L->st->workings[w];
    return RP_OK;
}

static rp_status add_segment(ledger_t *L, rp_working_t *wk, int slot, int pending, rp_date_t from,
                             rp_date_t to, mpq_srcptr base, mpq_srcptr rate, mpq_srcptr amount,
                             rp_error *err)
{
    item_state_t *x = &L->xs[wk->item];
    int *pf = slot >= 0 ? &x->pending_from[slot] : NULL;
    rp_segment_t *last = wk->count ? &wk->segments[wk->count - 1] : NULL;
    int last_pending = pf && *pf >= 0 && wk->count - 1 >= *pf;
    if (last && last->to + 1 == from && last_pending == pending && mpq_equal(last->base, base) &&
        mpq_equal(last->rate, rate) && last->days > 0) {
        last->to = to;
        last->days += (int)(to - from + 1);
        rp_qadd(last->amount, last->amount, amount);
        return RP_OK;
    }
    if (L->segments >= MAX_SEGMENTS)
        return rp_fail(err, RP_E_RANGE, "events",
                       "the penalty workings would exceed %d lines: too many events for one statement",
                       MAX_SEGMENTS);
    if (wk->count == wk->cap) {
        int cap = wk->cap ? wk->cap * 2 : 4;
        rp_segment_t *grown = realloc(wk->segments, sizeof *grown * (size_t)cap);
        if (!grown)
            return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
        wk->segments = grown;
        wk->cap = cap;
    }
    if (pending && pf && *pf < 0)
        *pf = wk->count;
    L->segments++;
    rp_segment_t *sg = &wk->segments[wk->count++];
    sg->from = from;
    sg->to = to;
    sg->days = (int)(to - from + 1);
    mpq_inits(sg->base, sg->rate, sg->amount, NULL);
    mpq_set(sg->base, base);
    mpq_set(sg->rate, rate);
    mpq_set(sg->amount, amount);
    return RP_OK;
}

/* Accrues base × penalty rate × days / basis for days first..last of item
 * k into slot (0 罚息, 1 复利), split where the penalty rate changes. */
static rp_status accrue_days(ledger_t *L, int k, int slot, int pending, mpq_srcptr base,
                             rp_date_t first, rp_date_t last, rp_error *err)
{
    rp_component c = slot == 0 ? RP_PENALTY : RP_COMPOUND;
    int kind = slot == 0 ? (int)L->terms->overdue.base : -1;
    rp_working_t *wk;
    rp_status st = working_for(L, k, c, kind, &wk, err);
    mpq_ptr amount = L->scratch[0];
    for (rp_date_t from = first; st == RP_OK && from <= last;) {
        /* the rate in force on `from` holds until the next change */
        rp_date_t to = last;
        for (int i = 0; i < L->rates.count; i++)
            if (L->rates.dates[i] > from && L->rates.dates[i] - 1 < to)
                to = L->rates.dates[i] - 1;
        mpq_srcptr rate = rp_ledger_rate_on(L, from, 1);
        /* base × rate × days / basis: the raw products, reduced once */
        mpz_mul(mpq_numref(amount), mpq_numref(base), mpq_numref(rate));
        mpz_mul_ui(mpq_numref(amount), mpq_numref(amount), (unsigned long)(to - from + 1));
        mpz_mul(mpq_denref(amount), mpq_denref(base), mpq_denref(rate));
        mpz_mul_ui(mpq_denref(amount), mpq_denref(amount),
                   (unsigned long)L->terms->overdue.daily_basis); /* 360 or 365 */
        mpq_canonicalize(amount);
        item_state_t *x = &L->xs[k];
        rp_qadd(pending ? x->pending[slot] : x->accrued[slot],
                pending ? x->pending[slot] : x->accrued[slot], amount);
        if (!pending)
            rp_qadd(wk->exact, wk->exact, amount);
        st = add_segment(L, wk, slot, pending, from, to, base, rate, amount, err);
        from = to + 1;
    }
    return st;
}

/* Grace ends at the end of this day; accelerated items have none. */
static rp_date_t grace_end(const ledger_t *L, int k)
{
    const rp_item_t *it = &L->st->items[k];
    return it->accelerated ? it->due_date : it->due_date + L->terms->overdue.grace_days;
}

/* Accrues slot of item k on base over days first..last, the part inside
 * grace as pending. */
static rp_status accrue_range(ledger_t *L, int k, int slot, mpq_srcptr base, rp_date_t first,
                              rp_date_t last, rp_error *err)
{
    if (mpq_sgn(base) <= 0 || first > last)
        return RP_OK;
    rp_date_t g = grace_end(L, k);
    rp_status st = RP_OK;
    if (first <= g)
        st = accrue_days(L, k, slot, 1, base, first, last < g ? last : g, err);
    if (st == RP_OK && last > g)
        st = accrue_days(L, k, slot, 0, base, first > g ? first : g + 1, last, err);
    return st;
}

rp_status rp_overdue_accrue(ledger_t *L, rp_date_t d, rp_error *err)
{
    const rp_overdue_t *o = &L->terms->overdue;
    rp_statement_t *st = L->st;
    rp_status status = RP_OK;
    if (d <= L->clock)
        return RP_OK;
    mpq_ptr base = L->scratch[1], part = L->scratch[2]; /* accrue_days uses [0] */
    int oldest = -1; /* for outstanding_principal: the oldest overdue installment */
    for (int k = 0; k < L->installments && status == RP_OK; k++) {
        rp_item_t *it = &st->items[k];
        if (L->xs[k].removed || it->due_date >= d)
            continue;
        rp_date_t first = (L->clock > it->due_date ? L->clock : it->due_date) + 1;
        /* A paid component bears nothing: skip it unsubtracted (an unequal
         * one is still checked for a positive base by accrue_range). */
        int principal_open = !mpq_equal(it->due[RP_PRINCIPAL], it->paid[RP_PRINCIPAL]);
        int interest_open = !mpq_equal(it->due[RP_INTEREST], it->paid[RP_INTEREST]);
        int fee_open = !mpq_equal(it->due[RP_FEE], it->paid[RP_FEE]);
        if (oldest < 0 && (principal_open || interest_open || fee_open) && rp_ledger_item_open(L, k))
            oldest = k;
        /* 罚息 */
        if (o->base == RP_BASE_OVERDUE_PRINCIPAL && principal_open) {
            rp_ledger_unpaid(base, L, k, RP_PRINCIPAL);
            status = accrue_range(L, k, 0, base, first, d, err);
        } else if (o->base == RP_BASE_OVERDUE_INSTALLMENT && (principal_open || interest_open)) {
            rp_ledger_unpaid(base, L, k, RP_PRINCIPAL);
            rp_ledger_unpaid(part, L, k, RP_INTEREST);
            rp_qadd(base, base, part);
            status = accrue_range(L, k, 0, base, first, d, err);
        }
        /* 复利 */
        if (status == RP_OK && o->compound && interest_open) {
            rp_ledger_unpaid(base, L, k, RP_INTEREST);
            status = accrue_range(L, k, 1, base, first, d, err);
        }
    }
    if (status == RP_OK && o->base == RP_BASE_OUTSTANDING_PRINCIPAL && oldest >= 0) {
        /* While any installment is overdue, all unpaid principal bears
         * 罚息; it is shown against the oldest overdue installment. */
        mpq_set_ui(base, 0, 1);
        for (int k = 0; k < L->installments; k++) {
            if (L->xs[k].removed)
                continue;
            rp_ledger_unpaid(part, L, k, RP_PRINCIPAL);
            rp_qadd(base, base, part);
        }
        rp_date_t due = st->items[oldest].due_date;
        status = accrue_range(L, oldest, 0, base, (L->clock > due ? L->clock : due) + 1, d, err);
    }
    L->clock = d;
    return status;
}

void rp_overdue_post(ledger_t *L)
{
    const rp_overdue_t *o = &L->terms->overdue;
    rp_statement_t *st = L->st;
    mpq_ptr target = L->scratch[0], room = L->scratch[1], posted_all = L->scratch[2];
    mpq_set_ui(posted_all, 0, 1);
    for (int k = 0; k < st->item_count; k++) {
        if (mpq_sgn(st->items[k].due[RP_PENALTY]) != 0)
            rp_qadd(posted_all, posted_all, st->items[k].due[RP_PENALTY]);
        if (mpq_sgn(st->items[k].due[RP_COMPOUND]) != 0)
            rp_qadd(posted_all, posted_all, st->items[k].due[RP_COMPOUND]);
    }
    for (int k = 0; k < st->item_count; k++) {
        for (int slot = 0; slot < 2; slot++) {
            rp_component c = slot == 0 ? RP_PENALTY : RP_COMPOUND;
            rp_item_t *it = &st->items[k];
            /* nothing accrued: the increment 0 − due is not positive */
            if (mpq_sgn(L->xs[k].accrued[slot]) == 0 && mpq_sgn(it->due[c]) >= 0)
                continue;
            rp_round(target, L->xs[k].accrued[slot], L->rc);
            rp_qsub(target, target, it->due[c]); /* the increment to post */
            if (mpq_sgn(target) <= 0)
                continue;
            int capped = 0;
            if (mpq_sgn(o->penalty_cap) >= 0) {
                rp_qsub(room, o->penalty_cap, posted_all);
                if (mpq_cmp(target, room) > 0) {
                    mpq_set(target, room);
                    capped = 1;
                }
            }
            rp_qadd(it->due[c], it->due[c], target);
            rp_qadd(posted_all, posted_all, target);
            int w = L->xs[k].working[slot];
            if (w >= 0) {
                mpq_set(st->workings[w].posted, it->due[c]);
                st->workings[w].capped |= capped;
            }
        }
    }
}

rp_date_t rp_overdue_first_assessment(const ledger_t *L, int k)
{
    return L->st->items[k].accelerated ? RP_DATE_NONE : grace_end(L, k);
}

/* Resolves the pending (grace) accrual of item k: owed, or dropped. */
static void end_grace(ledger_t *L, int k, int keep)
{
    item_state_t *x = &L->xs[k];
    for (int slot = 0; slot < 2; slot++) {
        int w = x->working[slot];
        if (keep) {
            rp_qadd(x->accrued[slot], x->accrued[slot], x->pending[slot]);
            if (w >= 0)
                rp_qadd(L->st->workings[w].exact, L->st->workings[w].exact, x->pending[slot]);
        } else if (w >= 0 && x->pending_from[slot] >= 0) {
            rp_working_t *wk = &L->st->workings[w];
            for (int i = x->pending_from[slot]; i < wk->count; i++)
                mpq_clears(wk->segments[i].base, wk->segments[i].rate, wk->segments[i].amount, NULL);
            wk->count = x->pending_from[slot];
        }
        mpq_set_ui(x->pending[slot], 0, 1);
        x->pending_from[slot] = -1;
    }
}

/* 违约金 on item k assessed at the end of day d (owed from the next day). */
static rp_status assess_late_fee(ledger_t *L, int k, rp_date_t d, rp_error *err)
{
    const rp_overdue_t *o = &L->terms->overdue;
    if (mpq_sgn(o->late_fee_rate) == 0 && mpq_sgn(o->late_fee_amount) == 0)
        return RP_OK;
    rp_item_t *it = &L->st->items[k];
    rp_status st = RP_OK;
    mpq_t base, fee, part, total;
    mpq_inits(base, fee, part, total, NULL);
    if (o->late_fee_base == RP_LATE_FEE_ON_MINIMUM_PAYMENT) {
        /* the minimum payment is a share of the installment's payment */
        rp_qadd(base, it->due[RP_PRINCIPAL], it->due[RP_INTEREST]);
        rp_qadd(base, base, it->due[RP_FEE]);
        mpq_mul(base, base, o->minimum_payment);
        rp_round(base, base, L->rc);
        rp_qadd(part, it->paid[RP_PRINCIPAL], it->paid[RP_INTEREST]);
        rp_qadd(part, part, it->paid[RP_FEE]);
        rp_qsub(base, base, part);
    } else {
        static const rp_component scheduled[3] = {RP_PRINCIPAL, RP_INTEREST, RP_FEE};
        for (int i = 0; i < 3; i++) {
            rp_ledger_unpaid(part, L, k, scheduled[i]);
            rp_qadd(base, base, part);
        }
    }
    if (mpq_sgn(base) > 0) {
        mpq_mul(fee, base, o->late_fee_rate);
        rp_qadd(fee, fee, o->late_fee_amount);
        if (mpq_sgn(o->late_fee_floor) >= 0 && mpq_cmp(fee, o->late_fee_floor) < 0)
            mpq_set(fee, o->late_fee_floor);
        if (mpq_sgn(o->late_fee_cap) >= 0 && mpq_cmp(fee, o->late_fee_cap) > 0)
            mpq_set(fee, o->late_fee_cap);
        rp_round(fee, fee, L->rc);
        int capped = 0;
        if (mpq_sgn(o->late_fee_total_cap) >= 0) {
            for (int j = 0; j < L->st->item_count; j++)
                rp_qadd(total, total, L->st->items[j].due[RP_LATE_FEE]);
            rp_qsub(part, o->late_fee_total_cap, total);
            if (mpq_cmp(fee, part) > 0) {
                mpq_set(fee, part);
                capped = 1;
            }
        }
        if (mpq_sgn(fee) > 0 || capped) {
            rp_working_t *wk;
            st = working_for(L, k, RP_LATE_FEE, -1, &wk, err);
            if (st == RP_OK) {
                /* a late fee line: base × rate (+ amount), floor/cap applied */
                if (wk->count == wk->cap) {
                    int cap = wk->cap ? wk->cap * 2 : 2;
                    rp_segment_t *grown = realloc(wk->segments, sizeof *grown * (size_t)cap);
                    if (!grown)
                        st = rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
                    else {
                        wk->segments = grown;
                        wk->cap = cap;
                    }
                }
            }
            if (st == RP_OK) {
                rp_segment_t *sg = &wk->segments[wk->count++];
                sg->from = sg->to = d + 1;
                sg->days = 0;
                mpq_inits(sg->base, sg->rate, sg->amount, NULL);
                mpq_set(sg->base, base);
                mpq_set(sg->rate, o->late_fee_rate);
                mpq_set(sg->amount, fee);
                rp_qadd(wk->exact, wk->exact, fee);
                rp_qadd(it->due[RP_LATE_FEE], it->due[RP_LATE_FEE], fee);
                mpq_set(wk->posted, it->due[RP_LATE_FEE]);
                wk->capped |= capped;
                L->xs[k].late_fees++;
            }
        }
    }
    mpq_clears(base, fee, part, total, NULL);
    return st;
}

rp_status rp_overdue_end_of_day(ledger_t *L, rp_date_t d, rp_error *err)
{
    const rp_overdue_t *o = &L->terms->overdue;
    rp_status st = RP_OK;
    for (int k = 0; k < L->installments && st == RP_OK; k++) {
        item_state_t *x = &L->xs[k];
        if (x->removed || x->assess != d)
            continue;
        rp_item_t *it = &L->st->items[k];
        int open = rp_ledger_item_open(L, k);
        int first = d == grace_end(L, k);
        if (first)
            end_grace(L, k, open && o->grace_counts_back);
        if (open)
            st = assess_late_fee(L, k, d, err);
        x->assess = RP_DATE_NONE;
        int charges = mpq_sgn(o->late_fee_rate) > 0 || mpq_sgn(o->late_fee_amount) > 0;
        if (st == RP_OK && open && charges && o->late_fee_frequency == RP_LATE_FEE_MONTHLY) {
            /* again a month later, and every month while unpaid */
            rp_date_t next;
            int months = 1;
            do {
                st = rp_date_add_months(&next, it->due_date, months++, err);
            } while (st == RP_OK && next + o->grace_days <= d);
            if (st == RP_OK)
                x->assess = next + o->grace_days;
            else
                st = RP_OK; /* past the date limits: no further fees */
        }
    }
    return st;
}
