/*
 * render.h — results as text for people (table) and spreadsheets (csv).
 * Works from the C structs, never from JSON, so every format shows the
 * same numbers.
 */
#ifndef RP_RENDER_H
#define RP_RENDER_H

#include "base/buf.h"

/* Appends the schedule in fmt (RP_FORMAT_TABLE or RP_FORMAT_CSV); apr
 * (may be NULL) goes in the table's heading; rates (NULL: none) adds a
 * last column, each row's annual rate (a request's "show": ["rate"]). */
void rp_render_schedule(rp_buf_t *b, rp_format fmt, const rp_loan_t *loan,
                        const rp_schedule_t *s, const rp_root_t *apr, const rp_round_t *rc,
                        mpq_srcptr const *rates);

/* Appends the statement in fmt: the table starts with what is owed today. */
void rp_render_statement(rp_buf_t *b, rp_format fmt, const rp_statement_t *st,
                         const rp_life_t *life, const rp_terms_t *terms, const rp_round_t *rc);

/* Appends a restructured plan: its price first, then its installments. */
void rp_render_plan(rp_buf_t *b, rp_format fmt, const rp_plan_t *p, const rp_pricing_t *price,
                    int discount_given, const rp_round_t *rc);

/* "  discount rate  12% (the contract rate: …)": which rate the present
 * values use, and why. */
void rp_render_discount(rp_buf_t *b, mpq_srcptr rate, int given);

/* One proposal of a comparison: its plan and price, or (plan NULL) the
 * error that stopped it. */
typedef struct rp_compare_row {
    const char *name;
    const rp_plan_t *plan;
    const rp_pricing_t *price;
    const rp_error *error;
} rp_compare_row_t;

/* Appends the proposals side by side (render_compare.c). */
void rp_render_compare(rp_buf_t *b, rp_format fmt, const rp_compare_row_t *rows, int n,
                       int discount_given, const rp_round_t *rc);

#endif
