/*
 * offer_family.h — what the offer goal's families share (offer.c and
 * offer_settle.c; offer_family.c builds a candidate): a family's candidates
 * and a trial of one of them.
 */
#ifndef RP_OFFER_FAMILY_H
#define RP_OFFER_FAMILY_H

#include "restructure.h"

/* One family's candidates: the plan for parameter k (installments, or
 * whole units of money). */
typedef struct family {
    const solver_t *S;
    rp_family which;
    int stage;                /* extend: 0 the term, 1 the waiver at the longest */
    int term;                 /* extend's longest term; settle's installments    */
    mpq_t amount;             /* settle: the settlement being tried              */
    int held;                 /* settle: the trial holds the last settlement that
                                 met the floor (the last tried did) */
} family_t;

/* Builds candidate k; t->ok: it fits the capacity, the term and the law
 * (the lender's floor is judged by the caller). */
rp_status rp_offer_try(const family_t *F, trial_t *t, const mpz_t k, rp_error *err);
/* Whether a candidate's price meets every floor the goal sets. */
int rp_offer_meets_floor(const rp_goal_t *g, const rp_pricing_t *price);
/* The smallest settlement in n installments that meets the floor, into
 * F->amount; *found 0 when none does (known: t holds the whole debt's
 * candidate at n, and it meets the floor). */
rp_status rp_offer_smallest_settlement(family_t *F, trial_t *t, int n, int known, int *found,
                                       rp_error *err);
/* The settlement family's answer, with its proof or the closest. */
rp_status rp_offer_settle(const solver_t *S, rp_solution_t *sol, trial_t *t, rp_error *err);

#endif
