/*
 * life.h — a loan's position on a date through its restructurings, for
 * what builds a new agreement on it (the restructure, compare and solve
 * ops).
 */
#ifndef RP_LIFE_H
#define RP_LIFE_H

#include "statement/position.h"

/* rp_position_on for a history that may hold restructure events: the
 * position on date after every agreement up to it, its tier the class
 * with Arts. 21–22 (life, may be NULL, gets what became of each). */
rp_status rp_life_position(rp_position_t *out, rp_life_t *life, const rp_loan_t *loan,
                           const rp_terms_t *terms, const rp_events_t *events, rp_date_t date,
                           const rp_round_t *rc, rp_error *err);

#endif
