/*
 * tail.h — the installments still to come, as a list that can be rebuilt.
 * A rate change, a prepayment, a waiver of principal, an extension or a
 * deferral all come down to: adjust the interest of the installment in
 * progress for the days left, and re-amortize the rest. The statement
 * engine (statement/reshape.c) and restructuring (restructure/work.c)
 * share this.
 */
#ifndef RP_TAIL_H
#define RP_TAIL_H

#include "schedule.h"

typedef struct tail_row {
    int n;                /* installment number, in the loan's numbering     */
    rp_date_t start, due; /* the period: days start+1 … due                  */
    mpq_t principal;
    mpq_t interest;       /* exact, before rounding                          */
    mpq_t years;          /* the year fraction a full period's interest covers */
    mpq_t fee;
    mpq_t arrears;        /* past-due amounts moved into this installment    */
} tail_row_t;

typedef struct tail {
    int count, cap;
    tail_row_t *rows;
} tail_t;

void rp_tail_init(tail_t *t);
void rp_tail_clear(tail_t *t);

/* Appends a zeroed row; *row points at it (until the next push). */
rp_status rp_tail_push(tail_t *t, tail_row_t **row, rp_error *err);

/* dst = a copy of the rows of src (dst's own rows are dropped first). */
rp_status rp_tail_copy(tail_t *dst, const tail_t *src, rp_error *err);

/* Keeps the first count rows. */
void rp_tail_truncate(tail_t *t, int count);

/* out = the principal of rows from … last. */
void rp_tail_principal(mpq_t out, const tail_t *t, int from);

/* Row r's interest changes by base × delta_rate for its days from `first`
 * to its due date, pro rata: years × days left / days in the period. */
void rp_tail_adjust(tail_t *t, int r, rp_date_t first, mpq_srcptr base, mpq_srcptr delta_rate);

/* Rebuilds rows from … on: balance at annual by method over count rows,
 * with the loan's day count, daily basis and periodic fee. Rows beyond
 * the present ones take the loan's next due dates; rows past count are
 * dropped. level (may be NULL): keep this annuity payment or principal
 * step, dropping rows it no longer needs. *new_level (may be NULL) gets
 * the payment or step the rebuilt rows use. */
rp_status rp_tail_rebuild(tail_t *t, int from, int count, mpq_srcptr balance, mpq_srcptr annual,
                          rp_method method, mpq_srcptr level, mpq_ptr new_level,
                          const rp_loan_t *loan, const rp_round_t *rc, rp_error *err);

#endif
