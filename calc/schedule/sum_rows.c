/*
 * sum_rows.c — how every way of building a schedule's rows ends (schedule.c,
 * shape.c, repricing.c): each row's payment, the balance after it and the
 * schedule's totals, from the rows' principal, interest and fee.
 */
#include "schedule.h"

void rp_sched_sum_rows(rp_schedule_t *s, mpq_srcptr principal)
{
    mpq_t balance;
    mpq_init(balance);
    mpq_set(balance, principal);
    mpq_set_ui(s->total_payment, 0, 1);
    mpq_set_ui(s->total_principal, 0, 1);
    mpq_set_ui(s->total_interest, 0, 1);
    mpq_set_ui(s->total_fee, 0, 1);
    for (int k = 0; k < s->count; k++) {
        rp_installment_t *r = &s->rows[k];
        rp_qadd(r->payment, r->principal, r->interest);
        rp_qadd(r->payment, r->payment, r->fee);
        rp_qsub(balance, balance, r->principal);
        mpq_set(r->balance, balance);
        rp_qadd(s->total_payment, s->total_payment, r->payment);
        rp_qadd(s->total_principal, s->total_principal, r->principal);
        rp_qadd(s->total_interest, s->total_interest, r->interest);
        rp_qadd(s->total_fee, s->total_fee, r->fee);
    }
    mpq_clear(balance);
}
