/*
 * overdue_interest.c — 罚息 (penalty interest) and 复利 (compound
 * interest), day by day and exactly.
 *
 * For each day after an installment's due date, its penalty base (by
 * default the unpaid principal) bears the penalty rate / daily basis, and
 * with compound on, its unpaid interest bears the same (PBoC 2003 notice on
 * RMB loan rates: 罚息 on overdue principal, 复利 on unpaid interest). A day
 * counts with the balance at its start, so a payment on day 30 still pays
 * penalty for 30 days. Accruals stay exact; posting rounds the cumulative
 * total, so the sub-fen residue is carried, never lost; penalty_cap stops
 * posting when all 罚息 and 复利 reach it.
 *
 * Days inside grace accrue as "pending": they become owed when grace ends
 * with the installment unpaid and grace_counts_back is on, and vanish
 * otherwise (rp_overdue_grace_ends, called by end_of_day.c at the day's end).
 */
#include <stdlib.h>

#include "ledger.h"

/* The component an accruing slot posts to. */
static rp_component slot_component(int slot)
{
    return slot == RP_SLOT_PENALTY ? RP_PENALTY : RP_COMPOUND;
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
    rp_status st = rp_ledger_segment_room(
        L, "events", "too many events for one statement, or an as_of too far", err);
    if (pending && pf && *pf < 0)
        *pf = wk->count;
    rp_segment_t *sg;
    if (st == RP_OK)
        st = rp_ledger_push_segment(L, wk, from, to, &sg, err);
    if (st != RP_OK)
        return st;
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
    rp_component c = slot_component(slot);
    int kind = slot == RP_SLOT_PENALTY ? (int)L->terms->overdue.base : -1;
    rp_working_t *wk;
    rp_status st = rp_ledger_working(L, k, c, kind, &wk, err);
    mpq_ptr amount = L->scratch[0];
    for (rp_date_t from = first; st == RP_OK && from <= last;) {
        /* the rate in force on `from` holds until the next change */
        int at = rp_ledger_rate_index(L, from);
        rp_date_t to = last;
        if (at + 1 < L->rates.count && L->rates.dates[at + 1] - 1 < to)
            to = L->rates.dates[at + 1] - 1;
        mpq_srcptr rate = L->rates.penalty[at];
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
        rp_qadd(L->accrued_total, L->accrued_total, amount);
        if (!pending) {
            rp_qadd(wk->exact, wk->exact, amount);
            x->unposted = 1;
        }
        st = add_segment(L, wk, slot, pending, from, to, base, rate, amount, err);
        from = to + 1;
    }
    return st;
}

/* Accrues slot of item k on base over days first..last, the part inside
 * grace as pending. */
static rp_status accrue_range(ledger_t *L, int k, int slot, mpq_srcptr base, rp_date_t first,
                              rp_date_t last, rp_error *err)
{
    if (mpq_sgn(base) <= 0 || first > last)
        return RP_OK;
    rp_date_t g = rp_ledger_grace_end(L, k);
    rp_status st = RP_OK;
    if (first <= g)
        st = accrue_days(L, k, slot, 1, base, first, last < g ? last : g, err);
    if (st == RP_OK && last > g)
        st = accrue_days(L, k, slot, 0, base, first > g ? first : g + 1, last, err);
    return st;
}

/* ---- runs ---------------------------------------------------------------
 * An overdue installment's 罚息 and 复利 accrue on bases that change only
 * when something happens to it (a payment reaches it). Between such
 * changes its run stays open, and the days are added to its workings
 * when they are needed: when its base changes, when grace ends, when a
 * posting point reads it, and on as_of. The amounts are the same as adding
 * every stop's days at once (base × rate × days / basis is exact and
 * additive, and neighbouring segments of one base and rate merge), but a
 * stop costs nothing for the installments it does not touch — the cost of
 * a statement follows its events and installments, not their product. */

/* F(t): the penalty rate / basis summed over the days from the loan's
 * start through t (0 before it), exact: piecewise by the rate changes. */
static rp_status rate_integral(mpq_t out, ledger_t *L, rp_date_t t, rp_error *err)
{
    const rate_timeline_t *r = &L->rates;
    unsigned long basis = (unsigned long)L->terms->overdue.daily_basis; /* 360 or 365 */
    if (!L->rate_prefix) {
        L->rate_prefix = malloc(sizeof *L->rate_prefix * (size_t)r->count);
        if (!L->rate_prefix)
            return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
        for (int i = 0; i < r->count; i++) {
            mpq_init(L->rate_prefix[i]);
            if (i > 0) { /* F(dates[i] − 1) */
                mpq_set_si(out, (long)r->dates[i] - r->dates[i - 1], basis);
                mpq_canonicalize(out);
                mpq_mul(out, out, r->penalty[i - 1]);
                rp_qadd(L->rate_prefix[i], L->rate_prefix[i - 1], out);
            }
        }
    }
    if (t < r->dates[0]) {
        mpq_set_ui(out, 0, 1);
        return RP_OK;
    }
    int i = rp_ledger_rate_index(L, t);
    mpq_set_si(out, (long)t - r->dates[i] + 1, basis);
    mpq_canonicalize(out);
    mpq_mul(out, out, r->penalty[i]);
    rp_qadd(out, out, L->rate_prefix[i]);
    return RP_OK;
}

/* The open runs' share of the bound: run_sum += sign × bases, run_weight
 * += sign × bases × F(run_from − 1). */
static rp_status count_run(ledger_t *L, int k, int sign, rp_error *err)
{
    item_state_t *x = &L->xs[k];
    mpq_ptr base = L->scratch[2];
    rp_qadd(base, x->run_base[RP_SLOT_PENALTY], x->run_base[RP_SLOT_COMPOUND]);
    if (mpq_sgn(base) == 0)
        return RP_OK;
    mpq_t f;
    mpq_init(f);
    rp_status st = rate_integral(f, L, x->run_from - 1, err);
    if (st == RP_OK) {
        mpq_mul(f, f, base);
        if (sign > 0) {
            rp_qadd(L->run_sum, L->run_sum, base);
            rp_qadd(L->run_weight, L->run_weight, f);
        } else {
            rp_qsub(L->run_sum, L->run_sum, base);
            rp_qsub(L->run_weight, L->run_weight, f);
        }
    }
    mpq_clear(f);
    return st;
}

static void post_item(ledger_t *L, int k, mpq_ptr room);
static rp_status materialize(ledger_t *L, int k, rp_date_t upto, rp_error *err);

/* A capped statement's posting point that left item k to be read later
 * (the cap was out of reach then) is caught up with before anything moves
 * the item's accrual past it: posted as it would have been then, in full. */
static rp_status catch_up(ledger_t *L, int k, rp_error *err)
{
    item_state_t *x = &L->xs[k];
    if (L->lazy_epoch <= L->eager_epoch || x->posted_at >= L->lazy_epoch)
        return RP_OK;
    x->posted_at = L->lazy_epoch;
    rp_status st = materialize(L, k, L->lazy_date, err);
    if (st == RP_OK && x->unposted)
        post_item(L, k, NULL);
    return st;
}

/* Adds the run's days from run_from through upto to the workings. */
static rp_status materialize(ledger_t *L, int k, rp_date_t upto, rp_error *err)
{
    item_state_t *x = &L->xs[k];
    if (x->run_from == RP_DATE_NONE || x->run_from > upto)
        return RP_OK;
    rp_status st = RP_OK;
    if (upto > L->lazy_date && (st = catch_up(L, k, err)) != RP_OK)
        return st;
    if (x->run_from > upto)
        return RP_OK;
    /* the days move from the open run into accrued_total */
    st = count_run(L, k, -1, err);
    for (int slot = 0; slot < RP_ACCRUING && st == RP_OK; slot++)
        st = accrue_range(L, k, slot, x->run_base[slot], x->run_from, upto, err);
    x->run_from = upto + 1;
    if (st == RP_OK)
        st = count_run(L, k, +1, err);
    return st;
}

/* 1 if posting every installment now could not reach the penalty cap:
 * all accrued so far, rounded up by a unit each, stays within it. */
static int cap_out_of_reach(ledger_t *L)
{
    const rp_overdue_t *o = &L->terms->overdue;
    if (o->base == RP_BASE_OUTSTANDING_PRINCIPAL)
        return 0; /* accrued day by day on the oldest installment: no runs to defer */
    mpq_t bound, x;
    mpq_inits(bound, x, NULL);
    int far = rate_integral(bound, L, L->clock, NULL) == RP_OK;
    if (far) {
        mpq_mul(bound, bound, L->run_sum);
        rp_qsub(bound, bound, L->run_weight);
        rp_qadd(bound, bound, L->accrued_total);
        mpq_set_ui(x, 2 * (unsigned long)L->st->item_count, 1); /* a unit each, both kinds */
        mpq_mul(x, x, L->rc->unit);
        rp_qadd(bound, bound, x);
        far = mpq_cmp(bound, o->penalty_cap) <= 0;
    }
    mpq_clears(bound, x, NULL);
    return far;
}

/* The bases of item k's run from its amounts now: 罚息 on the unpaid
 * principal (or installment), 复利 on the unpaid interest. */
static void run_bases(ledger_t *L, int k)
{
    const rp_overdue_t *o = &L->terms->overdue;
    const rp_item_t *it = &L->st->items[k];
    item_state_t *x = &L->xs[k];
    mpq_ptr part = L->scratch[2];
    /* A paid component bears nothing: tested unsubtracted. */
    int principal_open = !mpq_equal(it->due[RP_PRINCIPAL], it->paid[RP_PRINCIPAL]);
    int interest_open = !mpq_equal(it->due[RP_INTEREST], it->paid[RP_INTEREST]);
    mpq_set_ui(x->run_base[RP_SLOT_PENALTY], 0, 1);
    mpq_set_ui(x->run_base[RP_SLOT_COMPOUND], 0, 1);
    if (o->base == RP_BASE_OVERDUE_PRINCIPAL && principal_open) {
        rp_ledger_unpaid(x->run_base[RP_SLOT_PENALTY], L, k, RP_PRINCIPAL);
    } else if (o->base == RP_BASE_OVERDUE_INSTALLMENT && (principal_open || interest_open)) {
        rp_ledger_unpaid(x->run_base[RP_SLOT_PENALTY], L, k, RP_PRINCIPAL);
        rp_ledger_unpaid(part, L, k, RP_INTEREST);
        rp_qadd(x->run_base[RP_SLOT_PENALTY], x->run_base[RP_SLOT_PENALTY], part);
    }
    if (o->compound && interest_open)
        rp_ledger_unpaid(x->run_base[RP_SLOT_COMPOUND], L, k, RP_INTEREST);
}

void rp_overdue_touch(ledger_t *L, int k)
{
    L->xs[k].dirty = 1;
}

rp_status rp_overdue_accrue(ledger_t *L, rp_date_t d, rp_error *err)
{
    const rp_overdue_t *o = &L->terms->overdue;
    rp_statement_t *st = L->st;
    rp_status status = RP_OK;
    if (d <= L->clock)
        return RP_OK;
    for (int k = 0; k < L->installments && status == RP_OK; k++) {
        rp_item_t *it = &st->items[k];
        item_state_t *x = &L->xs[k];
        if (x->removed || it->due_date >= d)
            continue;
        if (x->run_from == RP_DATE_NONE) {
            /* overdue from the day after its due date (or after the last
             * stop): the run opens with its amounts as they are today, and
             * its workings are made now, in the order the stops reach them */
            run_bases(L, k);
            x->run_from = (L->clock > it->due_date ? L->clock : it->due_date) + 1;
            x->dirty = 0;
            rp_working_t *wk;
            status = count_run(L, k, +1, err);
            if (status == RP_OK && mpq_sgn(x->run_base[RP_SLOT_PENALTY]) > 0)
                status = rp_ledger_working(L, k, RP_PENALTY, (int)o->base, &wk, err);
            if (status == RP_OK && mpq_sgn(x->run_base[RP_SLOT_COMPOUND]) > 0)
                status = rp_ledger_working(L, k, RP_COMPOUND, -1, &wk, err);
        } else if (x->dirty) {
            /* changed at the last stop: its days so far on the old bases */
            status = materialize(L, k, L->clock, err);
            if (status == RP_OK)
                status = count_run(L, k, -1, err);
            run_bases(L, k);
            if (status == RP_OK)
                status = count_run(L, k, +1, err);
            x->dirty = 0;
        }
    }
    if (status == RP_OK && o->base == RP_BASE_OUTSTANDING_PRINCIPAL) {
        /* While any installment is overdue, all unpaid principal bears
         * 罚息; it is shown against the oldest overdue installment. */
        mpq_ptr part = L->scratch[2]; /* accrue_days uses [0] */
        /* installments closed stay closed (changes only reach those not
         * yet due): the search starts where the last one ended */
        int oldest = -1;
        for (int k = L->oldest_open; k < L->installments && oldest < 0; k++) {
            if (L->xs[k].removed)
                continue;
            if (st->items[k].due_date >= d)
                break;
            if (rp_ledger_item_open(L, k))
                oldest = k;
            else if (k == L->oldest_open)
                L->oldest_open = k + 1;
        }
        if (oldest >= 0) {
            if (!L->unpaid_valid) {
                mpq_set_ui(L->unpaid_principal, 0, 1);
                for (int k = 0; k < L->installments; k++) {
                    if (L->xs[k].removed)
                        continue;
                    rp_ledger_unpaid(part, L, k, RP_PRINCIPAL);
                    rp_qadd(L->unpaid_principal, L->unpaid_principal, part);
                }
                L->unpaid_valid = 1;
            }
            rp_date_t due = st->items[oldest].due_date;
            status = accrue_range(L, oldest, RP_SLOT_PENALTY, L->unpaid_principal,
                                  (L->clock > due ? L->clock : due) + 1, d, err);
        }
    }
    L->clock = d;
    return status;
}

/* Posts item k: what it accrued, rounded and cumulative, less what is
 * already due; within the room a penalty cap leaves (room NULL: none). */
static void post_item(ledger_t *L, int k, mpq_ptr room)
{
    rp_statement_t *st = L->st;
    mpq_ptr target = L->scratch[0];
    item_state_t *x = &L->xs[k];
    for (int slot = 0; slot < RP_ACCRUING; slot++) {
        rp_component c = slot_component(slot);
        rp_item_t *it = &st->items[k];
        /* nothing accrued: the increment 0 − due is not positive */
        if (mpq_sgn(x->accrued[slot]) == 0 && mpq_sgn(it->due[c]) >= 0)
            continue;
        rp_round(target, x->accrued[slot], L->rc);
        rp_qsub(target, target, it->due[c]); /* the increment to post */
        if (x->carried) /* a plan's installment: what it carried is not accrual */
            rp_qadd(target, target, x->carried[c]);
        if (mpq_sgn(target) <= 0)
            continue;
        int capped = 0;
        if (room && mpq_cmp(target, room) > 0) {
            mpq_set(target, room);
            capped = 1;
        }
        if (room)
            rp_qsub(room, room, target);
        rp_qadd(it->due[c], it->due[c], target);
        rp_qadd(L->posted_total, L->posted_total, target);
        int w = x->working[slot];
        if (w >= 0) {
            mpq_set(st->workings[w].posted, it->due[c]);
            if (x->carried)
                rp_qsub(st->workings[w].posted, st->workings[w].posted, x->carried[c]);
            st->workings[w].capped |= capped;
        }
    }
    x->unposted = 0;
}

/* Every item now, in order, against the cap's room. */
static rp_status post_every_item(ledger_t *L, rp_error *err)
{
    const rp_overdue_t *o = &L->terms->overdue;
    int capped = mpq_sgn(o->penalty_cap) >= 0;
    mpq_ptr room = L->scratch[1];
    rp_status status = RP_OK;
    if (capped && L->lazy_epoch > L->eager_epoch) {
        /* Posting points that left items to be read later were out of the
         * cap's reach: every item is first posted as it would have been
         * then, in full, and only what accrued since competes for the room. */
        for (int k = 0; k < L->st->item_count && status == RP_OK; k++)
            status = catch_up(L, k, err);
    }
    L->eager_epoch = L->post_epoch;
    if (capped)
        rp_qsub(room, o->penalty_cap, L->posted_total);
    for (int k = 0; k < L->st->item_count && status == RP_OK; k++) {
        status = materialize(L, k, L->clock, err);
        L->xs[k].posted_at = L->post_epoch;
        if (status == RP_OK && L->xs[k].unposted)
            post_item(L, k, capped ? room : NULL);
    }
    return status;
}

rp_status rp_overdue_post(ledger_t *L, rp_error *err)
{
    const rp_overdue_t *o = &L->terms->overdue;
    L->post_epoch++;
    L->post_date = L->clock;
    if (mpq_sgn(o->penalty_cap) < 0)
        return RP_OK; /* each item when it is read: rp_overdue_sync */
    /* With a cap the order of posting decides what is cut, so every item
     * now, in order — unless all that has accrued cannot reach the cap
     * (then nothing can be cut, and each item may wait to be read), or the
     * cap is reached (then nothing more can be posted). */
    if (mpq_cmp(L->posted_total, o->penalty_cap) >= 0)
        return RP_OK;
    if (cap_out_of_reach(L)) {
        L->lazy_epoch = L->post_epoch;
        L->lazy_date = L->post_date;
        return RP_OK;
    }
    return post_every_item(L, err);
}

rp_status rp_overdue_post_all(ledger_t *L, rp_error *err)
{
    L->post_epoch++;
    L->post_date = L->clock;
    return post_every_item(L, err);
}

rp_status rp_overdue_sync(ledger_t *L, int k, rp_error *err)
{
    item_state_t *x = &L->xs[k];
    if (x->posted_at == L->post_epoch)
        return RP_OK;
    x->posted_at = L->post_epoch;
    if (mpq_sgn(L->terms->overdue.penalty_cap) >= 0 && L->lazy_epoch != L->post_epoch)
        return RP_OK; /* posted at the posting point itself */
    rp_status st = materialize(L, k, L->post_date, err);
    if (st == RP_OK && x->unposted)
        post_item(L, k, NULL);
    return st;
}

rp_date_t rp_overdue_first_assessment(const ledger_t *L, int k)
{
    return L->st->items[k].accelerated ? RP_DATE_NONE : rp_ledger_grace_end(L, k);
}

/* Resolves the pending (grace) accrual of item k: owed, or dropped. */
static void end_grace(ledger_t *L, int k, int keep)
{
    item_state_t *x = &L->xs[k];
    for (int slot = 0; slot < RP_ACCRUING; slot++) {
        int w = x->working[slot];
        if (keep) {
            rp_qadd(x->accrued[slot], x->accrued[slot], x->pending[slot]);
            if (mpq_sgn(x->pending[slot]) != 0)
                x->unposted = 1;
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


rp_status rp_overdue_grace_ends(ledger_t *L, int k, rp_date_t d, int keep, rp_error *err)
{
    rp_status st = materialize(L, k, d, err); /* the days of grace, all of them */
    if (st == RP_OK) /* grace ends after the day's posting point */
        st = catch_up(L, k, err);
    if (st == RP_OK)
        end_grace(L, k, keep);
    return st;
}
