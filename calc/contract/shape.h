/*
 * shape.h — the checks of a loan's payment timing, shape and conventions
 * (shape.c), and the amount check loan.c and shape.c share. Private to
 * calc/.
 */
#ifndef RP_CONTRACT_SHAPE_H
#define RP_CONTRACT_SHAPE_H

#include "base/internal.h"

/* RP_OK if x is ≥ 0 (> 0 unless allow_zero), below 10^RP_MAX_AMOUNT_DIGITS
 * and a whole number of rounding units; else an error at field. */
rp_status rp_loan_check_amount(const mpq_t x, const char *field, int allow_zero,
                               const rp_round_t *rc, rp_error *err);

/* The timing, shape and convention fields of a loan agree with its
 * method, term and each other (err->path relative to the loan). */
rp_status rp_loan_check_shape(const rp_loan_t *loan, const rp_round_t *rc, rp_error *err);

#endif
