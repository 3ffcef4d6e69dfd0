/*
 * end_of_day.c — the end of a day in the statement engine: grace periods
 * ending (the pending 罚息 and 复利 owed or dropped) and 违约金 assessed —
 * amount + rate × base, raised to the floor, cut to the cap and the total
 * cap, rounded; once per missed installment, or again every month while
 * it stays unpaid.
 */
#include <stdlib.h>

#include "ledger.h"

/* 违约金 on item k assessed at the end of day d (owed from the next day). */
/* long: the fee rule in its documented order (amount + rate × base, floor,
 * cap, rounding, total cap) and its working line. */
static rp_status assess_late_fee(ledger_t *L, int k, rp_date_t d, rp_error *err)
{
    const rp_overdue_t *o = &L->terms->overdue;
    if (mpq_sgn(o->late_fee_rate) == 0 && mpq_sgn(o->late_fee_amount) == 0)
        return RP_OK;
    rp_item_t *it = &L->st->items[k];
    rp_status st = RP_OK;
    mpq_t base, fee, part;
    mpq_inits(base, fee, part, NULL);
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
        static const rp_component scheduled[] = {RP_PRINCIPAL, RP_INTEREST, RP_FEE};
        for (size_t i = 0; i < sizeof scheduled / sizeof *scheduled; i++) {
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
            rp_qsub(part, o->late_fee_total_cap, L->late_fee_total);
            if (mpq_cmp(fee, part) > 0) {
                mpq_set(fee, part);
                capped = 1;
            }
        }
        if (mpq_sgn(fee) > 0 || capped) {
            /* a late fee line: base × rate (+ amount), floor/cap applied */
            rp_working_t *wk;
            rp_segment_t *sg;
            st = rp_ledger_segment_room(L, "loan.overdue.late_fee",
                                        "monthly late fees up to an as_of this far", err);
            if (st == RP_OK)
                st = rp_ledger_working(L, k, RP_LATE_FEE, -1, &wk, err);
            if (st == RP_OK)
                st = rp_ledger_push_segment(L, wk, d + 1, d, &sg, err);
            if (st == RP_OK) {
                sg->to = d + 1; /* a charge on one day: from = to, 0 days */
                mpq_set(sg->base, base);
                mpq_set(sg->rate, o->late_fee_rate);
                mpq_set(sg->amount, fee);
                rp_qadd(wk->exact, wk->exact, fee);
                rp_qadd(it->due[RP_LATE_FEE], it->due[RP_LATE_FEE], fee);
                rp_qadd(L->late_fee_total, L->late_fee_total, fee);
                mpq_set(wk->posted, it->due[RP_LATE_FEE]);
                wk->capped |= capped;
                L->xs[k].late_fees++;
            }
        }
    }
    mpq_clears(base, fee, part, NULL);
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
        int first = d == rp_ledger_grace_end(L, k);
        if (first) {
            st = rp_overdue_grace_ends(L, k, d, open && o->grace_counts_back, err);
            if (st != RP_OK)
                break;
        }
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
