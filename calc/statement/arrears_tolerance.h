/*
 * arrears_tolerance.h — days past due under an in-arrears tolerance
 * (arrears_tolerance.c). Private to calc/statement/.
 */
#ifndef RP_ARREARS_TOLERANCE_H
#define RP_ARREARS_TOLERANCE_H

#include "base/internal.h"

/* The loan's days past due once unpaid amounts within
 * o->arrears_tolerance (late installments, oldest first) are tolerated;
 * dpd is the count without it. Warns (arrears_tolerated) when it lowers
 * the count. */
int rp_arrears_tolerated_dpd(rp_statement_t *st, const rp_overdue_t *o, const rp_round_t *rc,
                             int dpd);

#endif
