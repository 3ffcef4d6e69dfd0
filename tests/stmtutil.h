/*
 * stmtutil.h — building statements in unit tests: a loan, its terms and
 * events, run to an as-of date. Values are written as decimal literals.
 */
#ifndef RP_STMTUTIL_H
#define RP_STMTUTIL_H

#include "testutil.h"

typedef struct stmt_case {
    rp_loan_t loan;
    rp_terms_t terms;
    rp_events_t events;
    rp_round_t rc;
    rp_statement_t st;
    rp_error err;
} stmt_case_t;

static inline rp_date_t day(const char *s)
{
    rp_date_t d = 0;
    if (rp_date_parse(&d, s, NULL) != RP_OK)
        ck_abort_msg("bad date in test: %s", s);
    return d;
}

/* An annuity of `principal` at annual `rate` over `term` months from start. */
static inline void sc_init(stmt_case_t *c, const char *principal, const char *rate, int term,
                           const char *start)
{
    rp_loan_init(&c->loan);
    rp_terms_init(&c->terms);
    rp_events_init(&c->events);
    rp_round_init(&c->rc);
    rp_statement_init(&c->st);
    rp_error_reset(&c->err);
    q_set(c->loan.principal, principal);
    q_set(c->loan.annual_rate, rate);
    c->loan.term = term;
    c->loan.start_date = day(start);
}

static inline rp_event_t *sc_event(stmt_case_t *c, rp_event_type type, const char *date)
{
    rp_event_t *e = rp_events_add(&c->events, type);
    ck_assert_ptr_nonnull(e);
    e->date = day(date);
    return e;
}

static inline void sc_pay(stmt_case_t *c, const char *date, const char *amount)
{
    q_set(sc_event(c, RP_EVENT_PAYMENT, date)->amount, amount);
}

static inline rp_status sc_try(stmt_case_t *c, const char *as_of)
{
    return rp_statement_build(&c->st, &c->loan, &c->terms, &c->events, day(as_of), &c->rc, &c->err);
}

static inline void sc_run(stmt_case_t *c, const char *as_of)
{
    rp_status st = sc_try(c, as_of);
    ck_assert_msg(st == RP_OK, "%s: %s", c->err.path, c->err.message);
}

/* Installment n (1-based), or fee item i (n = 0: the i-th fee). */
static inline const rp_item_t *sc_item(const stmt_case_t *c, int n)
{
    for (int k = 0; k < c->st.item_count; k++)
        if (c->st.items[k].n == n)
            return &c->st.items[k];
    ck_abort_msg("no installment %d", n);
    return NULL;
}

static inline const rp_working_t *sc_working(const stmt_case_t *c, int n, rp_component comp)
{
    for (int w = 0; w < c->st.working_count; w++)
        if (c->st.items[c->st.workings[w].item].n == n && c->st.workings[w].component == comp)
            return &c->st.workings[w];
    return NULL;
}

static inline void sc_clear(stmt_case_t *c)
{
    rp_statement_clear(&c->st);
    rp_round_clear(&c->rc);
    rp_events_clear(&c->events);
    rp_terms_clear(&c->terms);
    rp_loan_clear(&c->loan);
}

#endif
