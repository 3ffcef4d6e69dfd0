/*
 * position.h — a loan's position on a date, for what builds on it (a
 * restructuring): the statement engine's answer in a narrow form, so that
 * nothing above reaches into the engine's state.
 */
#ifndef RP_POSITION_H
#define RP_POSITION_H

#include "base/internal.h"
#include "schedule/tail.h"

typedef struct rp_position {
    rp_date_t date;
    mpq_t claim[RP_COMPONENT_COUNT]; /* what closing the loan costs (the payoff) */
    mpq_t claim_total;
    mpq_t due_now[RP_COMPONENT_COUNT]; /* due and unpaid on the date            */
    mpq_t accrued;                   /* interest of the period in progress to the
                                        date, inside tail.rows[0]'s interest   */
    mpq_t contract_rate;             /* the annual rate in force                */
    int dpd, tier;                   /* on the date                             */
    int credit_held;                 /* the borrower has unapplied credit       */
    mpq_t credit;                    /* … that much                             */
    mpq_t penalties_posted;          /* 罚息 + 复利 posted so far (a cap's count) */
    mpq_t late_fees;                 /* late fees assessed so far (total_cap)   */
    int in_observation;              /* restructured, its observation running … */
    int again_tier;                  /* … so a new agreement makes it at least
                                        this (Art. 22)                          */
    tail_t tail;                     /* the installments still to come (none
                                        after acceleration)                    */
    rp_date_t original_maturity;     /* the contract's last due date            */
} rp_position_t;

void rp_position_init(rp_position_t *pos);
void rp_position_clear(rp_position_t *pos);

/* The loan replayed with its events to the end of date (as a statement
 * on date), into *out (initialised; replaced on success). Errors carry the
 * engine's paths ("events[3].amount", "as_of", "loan.term"). */
rp_status rp_position_on(rp_position_t *out, const rp_loan_t *loan, const rp_terms_t *terms,
                         const rp_events_t *events, rp_date_t date, const rp_round_t *rc,
                         rp_error *err);

/* The same for one stretch of a loan's life (how: see rp_replay_t); with
 * statement (may be NULL), also the statement on date from the same
 * replay (replaced on success). */
rp_status rp_position_replay(rp_position_t *out, rp_statement_t *statement, const rp_loan_t *loan,
                             const rp_terms_t *terms, const rp_events_t *events,
                             const rp_replay_t *how, rp_date_t date, const rp_round_t *rc,
                             rp_error *err);

#endif
