/*
 * statement.c — what is owed on a date: the engine's replay (ledger.c)
 * summed up by component (owed today, payoff), each installment's status
 * and days past due, the loan's DPD, bucket and class, the warnings a
 * reader needs, then checked (verify_statement.c) before it is returned.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arrears_tolerance.h"
#include "ledger.h"

void rp_statement_summarize(ledger_t *L, rp_date_t as_of)
{
    rp_statement_t *st = L->st;
    const rp_overdue_t *o = &L->terms->overdue;
    mpq_t open;
    mpq_init(open);
    st->dpd = 0;
    for (int k = 0; k < st->item_count; k++) {
        rp_item_t *it = &st->items[k];
        int installment = it->role == RP_ROLE_INSTALLMENT;
        int grace = (it->accelerated || !installment) ? 0 : o->grace_days;
        int arrears = rp_ledger_item_open(L, k);
        for (int c = 0; c < RP_COMPONENT_COUNT; c++) {
            rp_qsub(open, it->due[c], it->paid[c]);
            if (it->due_date <= as_of)
                rp_qadd(st->owed[c], st->owed[c], open);
            else if (c == RP_PRINCIPAL)
                rp_qadd(st->payoff[c], st->payoff[c], open);
            else if (L->xs[k].carried) /* a plan's: owed before it, scheduled later */
                rp_qadd(st->payoff[c], st->payoff[c], L->xs[k].carried[c]);
        }
        if (it->due_date > as_of)
            it->status = RP_STATUS_NOT_DUE;
        else if (rp_ledger_item_settled(L, k))
            it->status = it->paid_off <= it->due_date + grace ? RP_STATUS_PAID : RP_STATUS_PAID_LATE;
        else if (as_of <= it->due_date + grace)
            it->status = RP_STATUS_DUE;
        else {
            int any = 0;
            for (int c = 0; c < RP_COMPONENT_COUNT; c++)
                any |= mpq_sgn(it->paid[c]) > 0;
            it->status = any ? RP_STATUS_PARTLY_PAID : RP_STATUS_OVERDUE;
        }
        /* days past due count from the due date, but only once grace has
         * ended unpaid: inside grace an installment is due, not late */
        int late = arrears && as_of > it->due_date + grace;
        if (late)
            it->days_past_due = (int)(as_of - it->due_date);
        else if (it->paid_off != RP_DATE_NONE && it->paid_off > it->due_date)
            it->days_past_due = (int)(it->paid_off - it->due_date);
        if (late && installment && as_of - it->due_date > st->dpd)
            st->dpd = (int)(as_of - it->due_date);
    }
    for (int c = 0; c < RP_COMPONENT_COUNT; c++) {
        rp_qadd(st->total_due, st->total_due, st->owed[c]);
        rp_qadd(st->payoff[c], st->payoff[c], st->owed[c]);
    }
    rp_reamortize_accrued_interest(open, L, as_of);
    rp_qadd(st->payoff[RP_INTEREST], st->payoff[RP_INTEREST], open);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        rp_qadd(st->payoff_total, st->payoff_total, st->payoff[c]);
    st->dpd = rp_arrears_tolerated_dpd(st, o, L->rc, st->dpd); /* arrears_tolerance */
    st->tier = rp_tier_for_dpd(L->terms->classification, st->dpd);
    st->bucket = L->terms->bucket_count - 1;
    for (int b = 0; b < L->terms->bucket_count; b++)
        if (L->terms->buckets[b].max_dpd >= st->dpd) {
            st->bucket = b;
            break;
        }
    mpq_set(st->penalty_rate, rp_ledger_penalty_rate_on(L, as_of + 1));
    mpq_set(st->contract_rate, rp_ledger_contract_rate_on(L, as_of + 1));
    mpq_set(st->credit, L->credit);
    mpq_clear(open);
}

static void warn(rp_statement_t *st, const char *code, const char *message)
{
    rp_warning_add(st->warnings, &st->warning_count, code, message);
}

/* Says what grace is still holding back on as_of. */
static void note_grace(ledger_t *L)
{
    char message[200], date[RP_DATE_TEXT], amount[48];
    mpq_t sum;
    mpq_init(sum);
    for (int k = 0; k < L->installments; k++) {
        item_state_t *x = &L->xs[k];
        rp_qadd(sum, x->pending[RP_SLOT_PENALTY], x->pending[RP_SLOT_COMPOUND]);
        if (x->removed || mpq_sgn(sum) <= 0 || !L->terms->overdue.grace_counts_back)
            continue;
        rp_round(sum, sum, L->rc);
        rp_decimal_format(amount, sizeof amount, sum, L->rc->places, L->rc->mode);
        rp_date_format(date, L->st->items[k].due_date + L->terms->overdue.grace_days);
        snprintf(message, sizeof message,
                 "installment %d is in grace until %s; unpaid then, %s of penalty counts back "
                 "to its due date",
                 L->st->items[k].n, date, amount);
        warn(L->st, "in_grace", message);
    }
    mpq_clear(sum);
}

/* Drops rows removed by a shorter term, renumbering references. */
static rp_status compact(ledger_t *L, rp_error *err)
{
    rp_statement_t *st = L->st;
    int *map = malloc(sizeof *map * (size_t)(st->item_count > 0 ? st->item_count : 1));
    if (!map)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    int m = 0;
    for (int k = 0; k < st->item_count; k++) {
        if (L->xs[k].removed) {
            map[k] = -1;
            rp_ledger_item_clear(&st->items[k]);
            continue;
        }
        map[k] = m;
        if (m != k)
            st->items[m] = st->items[k];
        m++;
    }
    for (int e = 0; e < st->entry_count; e++)
        for (int i = 0; i < st->entries[e].count; i++)
            st->entries[e].applied[i].item = map[st->entries[e].applied[i].item];
    /* workings whose days all fell inside a forgiven grace are empty */
    int kept = 0;
    for (int w = 0; w < st->working_count; w++) {
        rp_working_t *wk = &st->workings[w];
        if (wk->count == 0) {
            free(wk->segments);
            mpq_clears(wk->exact, wk->posted, NULL);
            continue;
        }
        wk->item = map[wk->item];
        st->workings[kept++] = *wk;
    }
    st->working_count = kept;
    st->item_count = m;
    free(map);
    return RP_OK;
}

void rp_statement_init(rp_statement_t *st)
{
    memset(st, 0, sizeof *st);
    st->as_of = RP_DATE_NONE;
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_inits(st->owed[c], st->payoff[c], NULL);
    mpq_inits(st->total_due, st->payoff_total, st->paid_total, st->credit, st->prepaid,
              st->penalty_rate, st->contract_rate, NULL);
}

void rp_statement_clear(rp_statement_t *st)
{
    for (int k = 0; k < st->item_count; k++)
        rp_ledger_item_clear(&st->items[k]);
    free(st->items);
    for (int e = 0; e < st->entry_count; e++)
        rp_ledger_entry_clear(&st->entries[e]);
    free(st->entries);
    for (int w = 0; w < st->working_count; w++) {
        rp_working_t *wk = &st->workings[w];
        for (int i = 0; i < wk->count; i++)
            mpq_clears(wk->segments[i].base, wk->segments[i].rate, wk->segments[i].amount, NULL);
        free(wk->segments);
        mpq_clears(wk->exact, wk->posted, NULL);
    }
    free(st->workings);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_clears(st->owed[c], st->payoff[c], NULL);
    mpq_clears(st->total_due, st->payoff_total, st->paid_total, st->credit, st->prepaid,
               st->penalty_rate, st->contract_rate, NULL);
    st->items = NULL;
    st->entries = NULL;
    st->workings = NULL;
    st->item_count = st->entry_count = st->working_count = 0;
}

rp_status rp_statement_finish(ledger_t *L, rp_error *err)
{
    rp_statement_t *st = L->st;
    note_grace(L);
    if (st->events_after_as_of > 0) {
        char message[120];
        snprintf(message, sizeof message, "%d event%s after as_of %s not applied",
                 st->events_after_as_of, st->events_after_as_of == 1 ? " is" : "s are",
                 st->events_after_as_of == 1 ? "was" : "were");
        warn(st, "events_after_as_of", message);
    }
    return compact(L, err);
}

rp_status rp_statement_build(rp_statement_t *out, const rp_loan_t *loan, const rp_terms_t *terms,
                             const rp_events_t *events, rp_date_t as_of, const rp_round_t *rc,
                             rp_error *err)
{
    return rp_statement_replay(out, loan, terms, events, NULL, as_of, rc, err);
}

rp_status rp_statement_replay(rp_statement_t *out, const rp_loan_t *loan, const rp_terms_t *terms,
                              const rp_events_t *events, const rp_replay_t *how, rp_date_t as_of,
                              const rp_round_t *rc, rp_error *err)
{
    rp_statement_t result;
    rp_statement_init(&result);
    ledger_t L;
    rp_status st = rp_ledger_open(&L, &result, loan, terms, events, how, as_of, rc, err);
    if (st == RP_OK) {
        rp_statement_summarize(&L, as_of);
        st = rp_statement_finish(&L, err);
    }
    if (st == RP_OK && !how) /* a stretch of a life: the life checks the whole */
        st = rp_statement_verify(&result, loan, events, rc, err);
    rp_ledger_close(&L);
    if (st == RP_OK) {
        rp_statement_clear(out);
        *out = result; /* moves the arrays and limbs */
    } else {
        rp_statement_clear(&result);
    }
    return st;
}

void rp_item_outstanding(mpq_t out, const rp_item_t *it, int c)
{
    if (c >= 0 && c < RP_COMPONENT_COUNT) {
        rp_qsub(out, it->due[c], it->paid[c]);
        return;
    }
    mpq_t paid;
    mpq_init(paid);
    rp_components_total(out, it->due);
    rp_components_total(paid, it->paid);
    rp_qsub(out, out, paid);
    mpq_clear(paid);
}
