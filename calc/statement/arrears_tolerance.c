/*
 * arrears_tolerance.c — an in-arrears tolerance (Fineract's
 * inArrearsTolerance): a residue left unpaid — 0.02 of an installment
 * paid a rounding short — need not make a loan "310 days past due, 可疑".
 * Late installments are taken oldest first; while what they leave unpaid
 * adds up to no more than the tolerance they do not make the loan past
 * due, and the days past due count from the first one that takes the sum
 * over it.
 */
#include <stdio.h>

#include "arrears_tolerance.h"

int rp_arrears_tolerated_dpd(rp_statement_t *st, const rp_overdue_t *o, const rp_round_t *rc,
                             int dpd)
{
    if (mpq_sgn(o->arrears_tolerance) == 0 || dpd == 0)
        return dpd;
    mpq_t unpaid, open;
    mpq_inits(unpaid, open, NULL);
    int from = 0;
    for (int k = 0; k < st->item_count; k++) {
        const rp_item_t *it = &st->items[k];
        if (it->n <= 0 ||
            (it->status != RP_STATUS_OVERDUE && it->status != RP_STATUS_PARTLY_PAID))
            continue;
        for (int c = 0; c < RP_COMPONENT_COUNT; c++) { /* what it leaves unpaid */
            rp_qsub(open, it->due[c], it->paid[c]);
            rp_qadd(unpaid, unpaid, open);
        }
        if (mpq_cmp(unpaid, o->arrears_tolerance) > 0) {
            from = it->days_past_due;
            break;
        }
    }
    if (from < dpd) {
        char text[64], message[RP_MESSAGE_MAX];
        /* an amount, printed as amounts are (1.00, not 1): the unit's places,
         * or more if the tolerance has them (it terminates: a decimal input) */
        int places = rp_decimal_places(o->arrears_tolerance);
        if (places < 0)
            places = 8;
        if (places < rc->places)
            places = rc->places;
        rp_decimal_format(text, sizeof text, o->arrears_tolerance, places, RP_ROUND_HALF_EVEN);
        snprintf(message, sizeof message,
                 "unpaid amounts within the arrears tolerance (%s) do not make the loan past due: "
                 "%d days past due without it, %d with it", text, dpd, from);
        rp_warning_add(st->warnings, &st->warning_count, "arrears_tolerated", message);
    }
    mpq_clears(unpaid, open, NULL);
    return from;
}
