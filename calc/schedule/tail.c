/*
 * tail.c — rebuilding the installments still to come (tail.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "tail.h"
#include "base/units.h"

static void row_init(tail_row_t *r)
{
    r->n = 0;
    r->start = r->due = RP_DATE_NONE;
    mpq_inits(r->principal, r->interest, r->years, r->fee, r->arrears, NULL);
}

static void row_clear(tail_row_t *r)
{
    mpq_clears(r->principal, r->interest, r->years, r->fee, r->arrears, NULL);
}

void rp_tail_init(tail_t *t)
{
    t->count = t->cap = 0;
    t->rows = NULL;
}

void rp_tail_clear(tail_t *t)
{
    rp_tail_truncate(t, 0);
    free(t->rows);
    rp_tail_init(t);
}

rp_status rp_tail_push(tail_t *t, tail_row_t **row, rp_error *err)
{
    if (t->count == t->cap) {
        int cap = t->cap ? t->cap * 2 : 16;
        tail_row_t *grown = realloc(t->rows, sizeof *grown * (size_t)cap);
        if (!grown)
            return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
        t->rows = grown;
        t->cap = cap;
    }
    *row = &t->rows[t->count++];
    row_init(*row);
    return RP_OK;
}

void rp_tail_truncate(tail_t *t, int count)
{
    while (t->count > count && t->count > 0)
        row_clear(&t->rows[--t->count]);
}

void rp_tail_principal(mpq_t out, const tail_t *t, int from)
{
    mpq_set_ui(out, 0, 1);
    for (int r = from; r < t->count; r++)
        rp_qadd(out, out, t->rows[r].principal);
}

void rp_tail_adjust(tail_t *t, int r, rp_date_t first, mpq_srcptr base, mpq_srcptr delta_rate)
{
    tail_row_t *row = &t->rows[r];
    rp_date_t from = first > row->start + 1 ? first : row->start + 1;
    if (from > row->due)
        return;
    mpq_t share;
    mpq_init(share);
    mpq_set_si(share, (long)row->due - from + 1, (unsigned long)(row->due - row->start));
    mpq_canonicalize(share); /* due > start */
    mpq_mul(share, share, row->years);
    mpq_mul(share, share, base);
    mpq_mul(share, share, delta_rate);
    rp_qadd(row->interest, row->interest, share);
    mpq_clear(share);
}

/* The schedule a rebuild made, in whichever form it fitted. */
typedef struct built {
    const rp_unit_schedule_t *units; /* the fast form, or NULL */
    const rp_schedule_t *general;
    rp_unit_words_t words;
} built_t;

/* Row i's principal and the year fraction its interest covers. */
static void built_row(mpq_t principal, mpq_t years, const built_t *b, int i)
{
    if (b->units) {
        const rp_unit_row_t *r = &b->units->rows[i];
        rp_units_to_q(principal, r->principal, &b->words);
        rp_units_set_z(mpq_numref(years), r->years_num); /* in lowest terms */
        rp_units_set_z(mpq_denref(years), r->years_den);
    } else {
        mpq_set(principal, b->general->rows[i].principal);
        mpq_set(years, b->general->rows[i].year_fraction);
    }
}

static void built_level(mpq_t out, const built_t *b)
{
    if (b->units)
        rp_units_to_q(out, b->units->level_payment, &b->words);
    else
        mpq_set(out, b->general->level_payment);
}

/* Rows up to count, the new ones on the loan's next due dates (the
 * present rows keep theirs). */
static rp_status extend_dates(tail_t *t, int count, const rp_loan_t *loan, rp_error *err)
{
    rp_status st = RP_OK;
    while (st == RP_OK && t->count < count) {
        /* read the last row before pushing: the push may move the rows */
        int n = t->count ? t->rows[t->count - 1].n + 1 : 1;
        rp_date_t start = t->count ? t->rows[t->count - 1].due : loan->start_date, due;
        tail_row_t *row;
        st = rp_loan_due_date(&due, loan, n, err);
        if (st == RP_OK)
            st = rp_tail_push(t, &row, err);
        if (st == RP_OK) {
            row->n = n;
            row->start = start;
            row->due = due;
            mpq_set(row->fee, loan->periodic_fee);
        }
    }
    return st;
}

/* A balloon (尾款) or a longer amortization (气球贷) outlives a rebuild of
 * the rows up to the end: the rebuilt rows leave the same balloon (or, when
 * the balance is no larger, pay interest only), or amortize over what is
 * left of the longer term. */
static void keep_balloon(rp_loan_t *sub, const rp_loan_t *loan, int count)
{
    if (mpq_sgn(loan->balloon) > 0) {
        if (mpq_cmp(loan->balloon, sub->principal) < 0)
            mpq_set(sub->balloon, loan->balloon);
        else if (sub->method == RP_METHOD_ANNUITY || sub->method == RP_METHOD_EQUAL_PRINCIPAL)
            sub->method = RP_METHOD_INTEREST_ONLY;
    } else if (loan->amortization_term > 0) {
        int passed = loan->term - loan->grace_periods - count;
        int left = loan->amortization_term - (passed > 0 ? passed : 0);
        sub->amortization_term = left > count ? left : 0;
    }
}

/* long: the balance as a loan of its own, built in whichever form fits,
 * its rows read back into the tail. */
rp_status rp_tail_rebuild(tail_t *t, int from, int count, mpq_srcptr balance, mpq_srcptr annual,
                          rp_method method, mpq_srcptr level, mpq_ptr new_level,
                          const rp_loan_t *loan, const rp_round_t *rc, rp_error *err)
{
    if (count < 1 || count > RP_MAX_TERM)
        return rp_fail(err, RP_E_RANGE, "term", "a plan has 1 to %d installments", RP_MAX_TERM);
    rp_status st = extend_dates(t, from + count, loan, err);
    if (st != RP_OK)
        return st;
    rp_tail_truncate(t, from + count);

    rp_date_t *dates = malloc(sizeof *dates * (size_t)(count + 1));
    if (!dates)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    dates[0] = t->rows[from].start;
    for (int i = 0; i < count; i++)
        dates[i + 1] = t->rows[from + i].due;
    rp_loan_t sub;
    rp_loan_init(&sub);
    mpq_set(sub.principal, balance);
    mpq_set(sub.annual_rate, annual);
    mpq_set(sub.periodic_fee, loan->periodic_fee);
    sub.daily_basis = loan->daily_basis;
    sub.term = count;
    sub.method = method;
    sub.frequency = loan->frequency;
    sub.day_count = loan->day_count;
    sub.start_date = dates[0];
    if (method == loan->method) {
        keep_balloon(&sub, loan, count);
        /* the conventions of the payment stay the loan's */
        sub.annuity_rate = loan->annuity_rate;
        sub.level_rule = loan->level_rule;
        mpq_set(sub.payment_multiple, loan->payment_multiple);
        sub.multiple_mode = loan->multiple_mode;
    }
    rp_schedule_opts_t opts = {.dates = dates, .level = level, .anchored = 1,
                               .anchor = loan->first_due_date != RP_DATE_NONE ? loan->first_due_date
                                                                              : loan->start_date};
    /* the fast form first: only each row's principal and year fraction
     * are needed, not a whole schedule of mpq_t (a rebuild happens at every
     * period a rate changes in); the general form when it does not fit */
    built_t b = {.units = NULL, .general = NULL};
    rp_unit_schedule_t u;
    rp_unit_schedule_init(&u);
    rp_schedule_t s;
    rp_schedule_init(&s);
    int fits = 0;
    st = rp_unit_schedule_try_opts(&u, &sub, rc, &opts, &fits, err);
    if (st == RP_OK && fits) {
        b.units = &u;
        rp_unit_words(&b.words, rc);
    } else if (st == RP_OK) {
        st = rp_schedule_build_opts(&s, &sub, rc, &opts, err);
        b.general = &s;
    }
    if (st == RP_OK) {
        mpq_t before;
        mpq_init(before);
        mpq_set(before, balance);
        int kept = count;
        for (int i = 0; i < count; i++) {
            if (mpq_sgn(before) == 0) { /* a shorter term: no longer needed */
                kept = i;
                break;
            }
            tail_row_t *row = &t->rows[from + i];
            built_row(row->principal, row->years, &b, i);
            mpq_mul(row->interest, method == RP_METHOD_FLAT ? balance : before, annual);
            mpq_mul(row->interest, row->interest, row->years);
            rp_qsub(before, before, row->principal);
        }
        mpq_clear(before);
        rp_tail_truncate(t, from + kept);
        if (new_level) {
            if (method == RP_METHOD_ANNUITY) {
                built_level(new_level, &b);
                rp_qsub(new_level, new_level, loan->periodic_fee);
            } else { /* the step: the first row's principal */
                mpq_t years;
                mpq_init(years);
                built_row(new_level, years, &b, 0);
                mpq_clear(years);
            }
        }
    } else if (rp_status_exit_code(st) == 2) {
        /* built from checked inputs: a failure is a bug */
        char why[RP_MESSAGE_MAX];
        snprintf(why, sizeof why, "%s", err ? err->message : "");
        st = rp_fail(err, RP_E_INTERNAL, NULL, "rebuilding installments: %s", why);
    }
    rp_unit_schedule_clear(&u);
    rp_schedule_clear(&s);
    rp_loan_clear(&sub);
    free(dates);
    return st;
}

rp_status rp_tail_copy(tail_t *dst, const tail_t *src, rp_error *err)
{
    rp_tail_truncate(dst, 0);
    for (int r = 0; r < src->count; r++) {
        tail_row_t *row;
        rp_status st = rp_tail_push(dst, &row, err);
        if (st != RP_OK)
            return st;
        const tail_row_t *from = &src->rows[r];
        row->n = from->n;
        row->start = from->start;
        row->due = from->due;
        mpq_set(row->principal, from->principal);
        mpq_set(row->interest, from->interest);
        mpq_set(row->years, from->years);
        mpq_set(row->fee, from->fee);
        mpq_set(row->arrears, from->arrears);
    }
    return RP_OK;
}
