/*
 * ledger.c — the statement engine: a loan's schedule, replayed with its
 * events day by day up to an as-of date.
 *
 * The clock stops only where something happens: an event, the end of an
 * installment's grace (or a monthly late-fee date), a due date while
 * credit is waiting, and as_of. Between stops, penalty accrues lazily, in
 * runs (overdue_interest.c). On a stop day, in this order: the day's accrual (with
 * the balances at the start of the day), rate changes, fee events,
 * acceleration, payments in the order listed, then credit; grace ends and
 * late fees are assessed at the end of the day. as_of itself ends before
 * that night: an installment whose grace ends on as_of is still in grace.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger.h"
#include "base/units.h"

/* ---- set-up ------------------------------------------------------------- */

/* Event i: the loan's, then the replay's own (extra). */
const rp_event_t *rp_ledger_event(const ledger_t *L, int i)
{
    if (i < L->events->count)
        return &L->events->items[i];
    return &L->how->extra->items[i - L->events->count];
}

/* 1 if event i (dated d) is inside the replay's window. */
static int in_window(const rp_window_t *w, rp_date_t d, int i)
{
    if (w->from != RP_DATE_NONE && (d < w->from || (d == w->from && i <= w->after)))
        return 0;
    if (w->to != RP_DATE_NONE && (d > w->to || (d == w->to && i >= w->before)))
        return 0;
    return 1;
}

/* Event order on one day: rate changes, fees, acceleration, payments. */
static int event_rank(rp_event_type t)
{
    switch (t) {
    case RP_EVENT_RATE_CHANGE:
        return 0;
    case RP_EVENT_FEE:
        return 1;
    case RP_EVENT_ACCELERATION:
        return 2;
    default:
        return 3;
    }
}

typedef struct sort_key {
    rp_date_t date;
    int rank;
    int index;
} sort_key_t;

static int by_key(const void *a, const void *b)
{
    const sort_key_t *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    if (x->rank != y->rank)
        return x->rank - y->rank;
    return x->index - y->index; /* as listed */
}

/* The events as the engine needs them; acceleration once and no
 * restructuring inside the replay's window (a plan: no rate change). */
static rp_status check_events(const ledger_t *L, rp_error *err)
{
    const rp_events_t *ev = L->events;
    const rp_loan_t *loan = L->loan;
    const rp_round_t *rc = L->rc;
    char path[64];
    int accelerations = 0;
    rp_status st = RP_OK;
    for (int i = 0; i < ev->count && st == RP_OK; i++) {
        const rp_event_t *e = &ev->items[i];
        int inside = in_window(&L->how->window, e->date, i);
        if (e->date < loan->start_date) {
            char start[RP_DATE_TEXT];
            rp_date_format(start, loan->start_date);
            snprintf(path, sizeof path, "events[%d].date", i);
            st = rp_fail(err, RP_E_VALUE, path, "the event is dated before the loan's start_date %s",
                         start);
        } else if (e->type == RP_EVENT_PAYMENT || e->type == RP_EVENT_FEE) {
            snprintf(path, sizeof path, "events[%d].amount", i);
            if (mpq_sgn(e->amount) <= 0)
                st = rp_fail(err, RP_E_VALUE, path, "a %s amount must be greater than 0",
                             rp_event_type_names[e->type]);
            else if (!rp_round_is_multiple(e->amount, rc))
                st = rp_fail(err, RP_E_VALUE, path, "the amount must be a whole number of rounding units");
        } else if (e->type == RP_EVENT_RATE_CHANGE) {
            snprintf(path, sizeof path, "events[%d].rate", i);
            if (mpq_sgn(e->rate) < 0)
                st = rp_fail(err, RP_E_VALUE, path, "a rate must not be negative");
            else
                st = rp_rate_check_max(e->rate, path, "the annual rate", err);
            if (st == RP_OK && inside && L->how->resume)
                st = rp_fail(err, RP_E_VALUE, path,
                             "a rate_change after a restructuring is not supported: give the plan's "
                             "rate in the restructuring (a rate action), or restructure again");
        } else if (e->type == RP_EVENT_ACCELERATION && inside && ++accelerations > 1) {
            snprintf(path, sizeof path, "events[%d]", i);
            st = rp_fail(err, RP_E_VALUE, path, "a loan can be accelerated only once");
        } else if (e->type == RP_EVENT_RESTRUCTURE && inside && e->date <= L->st->as_of) {
            snprintf(path, sizeof path, "events[%d]", i);
            st = rp_fail(err, RP_E_VALUE, path,
                         "a restructure event needs the replay of a loan's life "
                         "(rp_life_statement), not rp_statement_build");
        }
    }
    return st;
}

static rp_status check_terms(const rp_terms_t *t, const rp_loan_t *loan, const rp_round_t *rc,
                             rp_error *err)
{
    rp_status st = rp_overdue_check(&t->overdue, rc, err);
    if (st != RP_OK) {
        rp_error_prefix(err, "loan.overdue");
        return st;
    }
    st = rp_allocation_check(&t->allocation, err);
    if (st != RP_OK) {
        rp_error_prefix(err, "loan.allocation");
        return st;
    }
    rp_method m = loan->method;
    if (t->overpayment == RP_OVERPAY_SHORTEN_TERM && m != RP_METHOD_ANNUITY &&
        m != RP_METHOD_EQUAL_PRINCIPAL)
        return rp_fail(err, RP_E_VALUE, "loan.overpayment",
                       "shorten_term applies to annuity and equal_principal loans");
    if (t->overpayment == RP_OVERPAY_LOWER_PAYMENT && m != RP_METHOD_ANNUITY &&
        m != RP_METHOD_EQUAL_PRINCIPAL && m != RP_METHOD_INTEREST_ONLY)
        return rp_fail(err, RP_E_VALUE, "loan.overpayment",
                       "lower_payment applies to annuity, equal_principal and interest_only loans");
    return rp_buckets_check(t, err);
}

static rp_status build_rates(ledger_t *L, const sort_key_t *keys, int n, rp_error *err)
{
    rate_timeline_t *r = &L->rates;
    int changes = 0;
    for (int i = 0; i < n; i++)
        changes += rp_ledger_event(L, keys[i].index)->type == RP_EVENT_RATE_CHANGE;
    r->dates = malloc(sizeof *r->dates * (size_t)(changes + 1));
    r->contract = malloc(sizeof *r->contract * (size_t)(changes + 1));
    r->penalty = malloc(sizeof *r->penalty * (size_t)(changes + 1));
    if (!r->dates || !r->contract || !r->penalty)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    for (int i = -1; i < n; i++) {
        const rp_event_t *e = i >= 0 ? rp_ledger_event(L, keys[i].index) : NULL;
        if (e && e->type != RP_EVENT_RATE_CHANGE)
            continue;
        int at = r->count++;
        mpq_inits(r->contract[at], r->penalty[at], NULL);
        r->dates[at] = e ? e->date + 1 : L->start; /* the day after: see rate_timeline_t */
        mpq_set(r->contract[at], e ? e->rate : L->how->resume ? L->how->resume->rate : L->loan->annual_rate);
        rp_overdue_penalty_rate(r->penalty[at], &L->terms->overdue, r->contract[at]);
    }
    return RP_OK;
}

/* The schedule the ledger starts from: the fast form in whole units, or
 * the general one when a number does not fit that. */
typedef struct schedule_source {
    const rp_unit_schedule_t *units; /* or NULL: general */
    const rp_schedule_t *general;
    rp_unit_words_t words;
} schedule_source_t;

static int source_count(const schedule_source_t *src)
{
    return src->units ? src->units->count : src->general->count;
}

/* Row i's due date, principal, interest, fee and year fraction. */
static void source_row(const schedule_source_t *src, int i, rp_item_t *it, mpq_t years)
{
    if (src->units) {
        const rp_unit_row_t *r = &src->units->rows[i];
        it->n = r->n;
        it->due_date = r->due_date;
        rp_units_to_q(it->due[RP_PRINCIPAL], r->principal, &src->words);
        rp_units_to_q(it->due[RP_INTEREST], r->interest, &src->words);
        rp_units_to_q(it->due[RP_FEE], r->fee, &src->words);
        rp_units_set_z(mpq_numref(years), r->years_num); /* in lowest terms */
        rp_units_set_z(mpq_denref(years), r->years_den);
    } else {
        const rp_installment_t *r = &src->general->rows[i];
        it->n = r->n;
        it->due_date = r->due_date;
        mpq_set(it->due[RP_PRINCIPAL], r->principal);
        mpq_set(it->due[RP_INTEREST], r->interest);
        mpq_set(it->due[RP_FEE], r->fee);
        mpq_set(years, r->year_fraction);
    }
}

static rp_status load_schedule(ledger_t *L, const schedule_source_t *src, rp_error *err)
{
    const rp_loan_t *loan = L->loan;
    mpq_t base;
    mpq_init(base);
    mpq_set(base, loan->principal);
    rp_status st = RP_OK;
    for (int i = 0; i < source_count(src) && st == RP_OK; i++) {
        int k;
        st = rp_ledger_add_item(L, &k, err);
        if (st != RP_OK)
            break;
        rp_item_t *it = &L->st->items[k];
        item_state_t *x = &L->xs[k];
        source_row(src, i, it, x->period_years);
        it->period_start = i == 0 ? loan->start_date : L->st->items[k - 1].due_date;
        /* the exact interest the row rounded: base × rate × years */
        if (!(loan->method == RP_METHOD_FLAT && loan->flat_charge == RP_CHARGE_FEE)) {
            /* the raw products, reduced once */
            mpq_srcptr on = loan->method == RP_METHOD_FLAT ? loan->principal : base;
            mpq_ptr q = x->interest_exact;
            mpz_mul(mpq_numref(q), mpq_numref(on), mpq_numref(loan->annual_rate));
            mpz_mul(mpq_numref(q), mpq_numref(q), mpq_numref(x->period_years));
            mpz_mul(mpq_denref(q), mpq_denref(on), mpq_denref(loan->annual_rate));
            mpz_mul(mpq_denref(q), mpq_denref(q), mpq_denref(x->period_years));
            mpq_canonicalize(q);
        }
        rp_qsub(base, base, it->due[RP_PRINCIPAL]);
        L->installments++;
    }
    if (st == RP_OK) {
        for (int k = 0; k < L->installments; k++)
            L->xs[k].assess = rp_overdue_first_assessment(L, k);
        if (loan->method == RP_METHOD_ANNUITY) {
            if (src->units)
                rp_units_to_q(L->level, src->units->level_payment, &src->words);
            else
                mpq_set(L->level, src->general->level_payment);
            rp_qsub(L->level, L->level, loan->periodic_fee);
        } else if (loan->method == RP_METHOD_EQUAL_PRINCIPAL) {
            mpq_set(L->level, L->st->items[loan->grace_periods].due[RP_PRINCIPAL]);
        }
    }
    mpq_clear(base);
    return st;
}

/* ---- the event loop ----------------------------------------------------- */

static rp_status new_entry(ledger_t *L, rp_entry_t **out, int event, rp_date_t d,
                           mpq_srcptr amount, rp_error *err)
{
    rp_statement_t *st = L->st;
    rp_entry_t *grown = realloc(st->entries, sizeof *grown * (size_t)(st->entry_count + 1));
    if (!grown)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    st->entries = grown;
    rp_entry_t *e = &st->entries[st->entry_count++];
    e->event = event;
    e->date = d;
    e->count = e->cap = 0;
    e->applied = NULL;
    mpq_inits(e->amount, e->to_credit, e->to_prepayment, NULL);
    mpq_set(e->amount, amount);
    *out = e;
    return RP_OK;
}

static rp_status pay(ledger_t *L, int event, rp_date_t d, mpq_srcptr amount, rp_error *err)
{
    rp_entry_t *e;
    rp_status st = new_entry(L, &e, event, d, amount, err);
    if (st != RP_OK)
        return st;
    mpq_t left, used;
    mpq_inits(left, used, NULL);
    mpq_set(left, amount);
    st = rp_overdue_post(L, err); /* a payment is a posting point */
    if (st == RP_OK)
        st = rp_allocate(L, e, left, d, err);
    if (st == RP_OK && mpq_sgn(left) > 0 && L->terms->overpayment != RP_OVERPAY_CREDIT &&
        L->how->resume) {
        rp_warning_add_once(L->st->warnings, &L->st->warning_count, "overpayment_credit",
                            "money beyond what a restructured plan asks for is kept as credit, "
                            "not prepaid: the plan's installments are agreed");
    } else if (st == RP_OK && mpq_sgn(left) > 0 && L->terms->overpayment != RP_OVERPAY_CREDIT) {
        st = rp_reamortize_prepay(L, d, left, used, err);
        e = &L->st->entries[L->st->entry_count - 1]; /* this payment's entry, wherever it is now */
        mpq_set(e->to_prepayment, used);
        rp_qsub(left, left, used);
    }
    mpq_set(e->to_credit, left);
    rp_qadd(L->credit, L->credit, left);
    rp_qadd(L->st->paid_total, L->st->paid_total, amount);
    mpq_clears(left, used, NULL);
    return st;
}

/* Uses waiting credit on what is payable on d. */
static rp_status use_credit(ledger_t *L, rp_date_t d, rp_error *err)
{
    if (mpq_sgn(L->credit) <= 0)
        return RP_OK;
    int payable = 0;
    rp_status st = rp_overdue_post(L, err);
    /* An item due and settled stays settled (nothing reopens what is
     * already due), so the search starts after those found before. */
    for (int k = L->settled_upto; k < L->st->item_count && !payable && st == RP_OK; k++) {
        if (L->xs[k].removed || L->st->items[k].due_date > d)
            continue;
        payable = rp_ledger_item_open(L, k); /* cheap first: no penalty to bring up */
        if (!payable && (st = rp_overdue_sync(L, k, err)) == RP_OK)
            payable = !rp_ledger_item_settled(L, k);
        if (!payable && st == RP_OK && k == L->settled_upto &&
            d > L->st->items[k].due_date + L->terms->overdue.grace_days)
            L->settled_upto = k + 1; /* past its grace: nothing can count back */
    }
    if (!payable || st != RP_OK)
        return st;
    rp_entry_t *e;
    st = new_entry(L, &e, -1, d, L->credit, err);
    if (st != RP_OK)
        return st;
    st = rp_allocate(L, e, L->credit, d, err);
    rp_qsub(e->amount, e->amount, L->credit); /* what the credit paid */
    return st;
}

static rp_status add_fee(ledger_t *L, int index, rp_date_t d, rp_error *err)
{
    int k;
    rp_status st = rp_ledger_add_item(L, &k, err);
    if (st != RP_OK)
        return st;
    const rp_event_t *e = rp_ledger_event(L, index);
    rp_item_t *it = &L->st->items[k];
    it->n = 0;
    it->role = RP_ROLE_FEE;
    it->plan = L->how->resume ? L->how->resume->plan : 0;
    it->due_date = it->period_start = d;
    it->event = index;
    memcpy(it->kind, e->kind, sizeof it->kind);
    mpq_set(it->due[e->component], e->amount);
    return RP_OK;
}

static rp_status run_event(ledger_t *L, int index, rp_error *err)
{
    const rp_event_t *e = rp_ledger_event(L, index);
    switch (e->type) {
    case RP_EVENT_RATE_CHANGE: {
        mpq_t old;
        mpq_init(old);
        mpq_set(old, L->rate_now);
        mpq_set(L->rate_now, e->rate);
        rp_status st = rp_reamortize_rate_change(L, e->date, old, e->rate, err);
        mpq_clear(old);
        return st;
    }
    case RP_EVENT_FEE:
        return add_fee(L, index, e->date, err);
    case RP_EVENT_ACCELERATION:
        return rp_reamortize_accelerate(L, e->date, err);
    case RP_EVENT_PAYMENT:
    default:
        return pay(L, index, e->date, e->amount, err);
    }
}

/* The next day something happens, after the clock and by as_of. */
static rp_date_t next_stop(const ledger_t *L, const sort_key_t *keys, int n, int next,
                           rp_date_t as_of)
{
    rp_date_t d = as_of;
    if (next < n && keys[next].date < d)
        d = keys[next].date;
    int credit = mpq_sgn(L->credit) > 0;
    for (int k = 0; k < L->installments; k++) {
        if (L->xs[k].removed)
            continue;
        rp_date_t a = L->xs[k].assess, due = L->st->items[k].due_date;
        if (a != RP_DATE_NONE && a > L->clock && a < d)
            d = a;
        if (credit && due > L->clock && due < d)
            d = due;
    }
    return d;
}

static rp_status replay(ledger_t *L, const sort_key_t *keys, int n, rp_date_t as_of, rp_error *err)
{
    rp_status st = RP_OK;
    int next = 0;
    L->clock = L->how->resume ? L->start : L->start - 1; /* a plan: its date has accrued */
    while (st == RP_OK) {
        rp_date_t d = next_stop(L, keys, n, next, as_of);
        if (L->rebuild_at >= 0 && d > L->st->items[L->rebuild_at].due_date)
            st = rp_reamortize_flush(L, err); /* the rows after it come due now */
        if (st == RP_OK)
            st = rp_overdue_accrue(L, d, err);
        while (st == RP_OK && next < n && keys[next].date == d)
            st = run_event(L, keys[next++].index, err);
        if (st == RP_OK)
            st = use_credit(L, d, err);
        if (st != RP_OK || d == as_of)
            break;
        st = rp_overdue_end_of_day(L, d, err);
    }
    if (st == RP_OK)
        st = rp_reamortize_flush(L, err);
    if (st == RP_OK)
        st = rp_overdue_post_all(L, err); /* as_of is a posting point */
    return st;
}

/* The plan's installments as items: each due by component, with what it
 * carries from before the agreement. */
static rp_status load_plan(ledger_t *L, const rp_resume_t *r, rp_error *err)
{
    rp_status st = RP_OK;
    for (int i = 0; i < r->count && st == RP_OK; i++) {
        const rp_resume_row_t *row = &r->rows[i];
        int k;
        st = rp_ledger_add_item(L, &k, err);
        if (st == RP_OK)
            st = rp_ledger_carry(L, k, err);
        if (st != RP_OK)
            break;
        rp_item_t *it = &L->st->items[k];
        item_state_t *x = &L->xs[k];
        it->n = row->n;
        it->plan = r->plan;
        it->due_date = row->due_date;
        it->period_start = row->period_start;
        for (int c = 0; c < RP_COMPONENT_COUNT; c++) {
            mpq_set(it->due[c], row->due[c]);
            mpq_set(x->carried[c], row->carried[c]);
        }
        mpq_set(x->interest_exact, row->interest_new);
        L->installments++;
    }
    for (int k = 0; k < L->installments && st == RP_OK; k++)
        L->xs[k].assess = rp_overdue_first_assessment(L, k);
    if (st == RP_OK) {
        rp_qadd(L->posted_total, L->posted_total, r->penalties_posted);
        rp_qadd(L->accrued_total, L->accrued_total, r->penalties_posted);
        rp_qadd(L->late_fee_total, L->late_fee_total, r->late_fees);
        rp_qadd(L->credit, L->credit, r->credit);
    }
    return st;
}

/* The schedule the replay starts from: the contract's (the fast form when
 * it fits) or a plan's. */
static rp_status load(ledger_t *L, const sort_key_t *keys, int n, rp_error *err)
{
    if (L->how->resume) {
        rp_status st = build_rates(L, keys, n, err);
        return st == RP_OK ? load_plan(L, L->how->resume, err) : st;
    }
    const rp_loan_t *loan = L->loan;
    const rp_round_t *rc = L->rc;
    rp_unit_schedule_t units;
    rp_unit_schedule_init(&units);
    rp_schedule_t s;
    rp_schedule_init(&s);
    schedule_source_t src = {.units = &units, .general = &s};
    rp_unit_words(&src.words, rc);
    int fits;
    rp_status st = rp_unit_schedule_try(&units, loan, rc, &fits, err);
    if (st == RP_OK && !fits) {
        rp_schedule_opts_t general = {.general = 1}; /* the fast form was just tried */
        src.units = NULL;
        st = rp_schedule_build_opts(&s, loan, rc, &general, err);
    }
    if (st != RP_OK)
        rp_error_prefix(err, "loan");
    if (st == RP_OK)
        st = build_rates(L, keys, n, err);
    if (st == RP_OK)
        st = load_schedule(L, &src, err);
    rp_schedule_clear(&s);
    rp_unit_schedule_clear(&units);
    return st;
}

/* The events the replay takes, in the order it runs them. */
static rp_status sort_events(ledger_t *L, rp_date_t as_of, sort_key_t **out, int *count,
                             rp_error *err)
{
    const rp_events_t *extra = L->how->extra;
    int total = L->events->count + (extra ? extra->count : 0);
    sort_key_t *keys = malloc(sizeof *keys * (size_t)(total > 0 ? total : 1));
    if (!keys)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    int n = 0;
    for (int i = 0; i < total; i++) {
        const rp_event_t *e = rp_ledger_event(L, i);
        if (i < L->events->count && !in_window(&L->how->window, e->date, i))
            continue;
        if (e->date > as_of) {
            L->st->events_after_as_of++;
            continue;
        }
        keys[n].date = e->date;
        keys[n].rank = event_rank(e->type);
        keys[n].index = i;
        n++;
    }
    qsort(keys, (size_t)n, sizeof *keys, by_key);
    *out = keys;
    *count = n;
    return RP_OK;
}

rp_status rp_ledger_open(ledger_t *L, rp_statement_t *result, const rp_loan_t *loan,
                         const rp_terms_t *terms, const rp_events_t *events,
                         const rp_replay_t *how, rp_date_t as_of, const rp_round_t *rc,
                         rp_error *err)
{
    static const rp_replay_t whole = {NULL, {RP_DATE_NONE, 0, RP_DATE_NONE, 0}, NULL};
    memset(L, 0, sizeof *L);
    L->loan = loan;
    L->terms = terms;
    L->events = events;
    L->how = how ? how : &whole;
    L->rc = rc;
    L->st = result;
    mpq_inits(L->credit, L->level, L->rate_now, L->scratch[0], L->scratch[1], L->scratch[2],
              L->posted_total, L->rebuild_rate, L->rebuild_balance, L->late_fee_total,
              L->accrued_total, L->run_sum, L->run_weight, L->unpaid_principal, NULL);
    L->rebuild_at = -1;
    const rp_resume_t *resume = L->how->resume;
    L->start = resume ? resume->date : loan->start_date;
    mpq_set(L->rate_now, resume ? resume->rate : loan->annual_rate);
    result->as_of = as_of;
    if (loan->start_date == RP_DATE_NONE)
        return rp_fail(err, RP_E_MISSING, "loan.start_date", "a statement needs the loan's start_date");
    rp_status st = rp_loan_check(loan, rc, err);
    if (st != RP_OK) {
        rp_error_prefix(err, "loan");
        return st;
    }
    if (as_of < L->start)
        return rp_fail(err, RP_E_VALUE, "as_of",
                       resume ? "as_of is before the restructuring's date"
                              : "as_of is before the loan's start_date");
    st = check_terms(terms, loan, rc, err);
    if (st == RP_OK)
        st = check_events(L, err);
    if (st != RP_OK)
        return st;
    sort_key_t *keys = NULL;
    int n = 0;
    st = sort_events(L, as_of, &keys, &n, err);
    if (st == RP_OK)
        st = load(L, keys, n, err);
    if (st == RP_OK)
        st = replay(L, keys, n, as_of, err);
    free(keys);
    return st;
}

void rp_ledger_close(ledger_t *L)
{
    for (int k = 0; k < L->states; k++)
        rp_ledger_state_clear(&L->xs[k]);
    free(L->xs);
    for (int i = 0; i < L->rates.count; i++)
        mpq_clears(L->rates.contract[i], L->rates.penalty[i], NULL);
    free(L->rates.dates);
    free(L->rates.contract);
    free(L->rates.penalty);
    mpq_clears(L->credit, L->level, L->rate_now, L->scratch[0], L->scratch[1], L->scratch[2],
               L->posted_total, L->rebuild_rate, L->rebuild_balance, L->late_fee_total,
               L->accrued_total, L->run_sum, L->run_weight, L->unpaid_principal, NULL);
    if (L->rate_prefix) {
        for (int i = 0; i < L->rates.count; i++)
            mpq_clear(L->rate_prefix[i]);
        free(L->rate_prefix);
        L->rate_prefix = NULL;
    }
    L->xs = NULL;
    L->states = 0;
}
