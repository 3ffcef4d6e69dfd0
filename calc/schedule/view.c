/*
 * view.c — a built schedule read row by row, in whichever form it was
 * built: the fast one in whole units (an amount becomes an mpq_t only when
 * read) or the general one in mpq_t. A reader that only writes amounts out
 * (the schedule response, the APR's flows) then never converts every row.
 */
#include "schedule.h"

void rp_sched_view_units(rp_sched_view_t *v, const rp_unit_schedule_t *u, const rp_round_t *rc)
{
    v->units = u;
    v->general = NULL;
    v->count = u->count;
    v->warning_count = u->warning_count;
    v->warnings = u->warnings;
    rp_unit_words(&v->words, rc);
}

void rp_sched_view_general(rp_sched_view_t *v, const rp_schedule_t *s)
{
    v->units = NULL;
    v->general = s;
    v->count = s->count;
    v->warning_count = s->warning_count;
    v->warnings = s->warnings;
}

int rp_sched_view_n(const rp_sched_view_t *v, int k)
{
    return v->units ? v->units->rows[k].n : v->general->rows[k].n;
}

rp_date_t rp_sched_view_due(const rp_sched_view_t *v, int k)
{
    return v->units ? v->units->rows[k].due_date : v->general->rows[k].due_date;
}

static int64_t unit_amount(const rp_unit_schedule_t *u, int k, rp_sched_field f)
{
    const rp_unit_row_t *r = &u->rows[k];
    switch (f) {
    case RP_SF_PAYMENT: return r->payment;
    case RP_SF_PRINCIPAL: return r->principal;
    case RP_SF_INTEREST: return r->interest;
    case RP_SF_FEE: return r->fee;
    case RP_SF_BALANCE: return r->balance;
    case RP_SF_LEVEL_PAYMENT: return u->level_payment;
    case RP_SF_TOTAL_PAYMENT: return u->total_payment;
    case RP_SF_TOTAL_PRINCIPAL: return u->total_principal;
    case RP_SF_TOTAL_INTEREST: return u->total_interest;
    default: return u->total_fee;
    }
}

static mpq_srcptr general_amount(const rp_schedule_t *s, int k, rp_sched_field f)
{
    const rp_installment_t *r = f < RP_SF_LEVEL_PAYMENT ? &s->rows[k] : NULL;
    switch (f) {
    case RP_SF_PAYMENT: return r->payment;
    case RP_SF_PRINCIPAL: return r->principal;
    case RP_SF_INTEREST: return r->interest;
    case RP_SF_FEE: return r->fee;
    case RP_SF_BALANCE: return r->balance;
    case RP_SF_LEVEL_PAYMENT: return s->level_payment;
    case RP_SF_TOTAL_PAYMENT: return s->total_payment;
    case RP_SF_TOTAL_PRINCIPAL: return s->total_principal;
    case RP_SF_TOTAL_INTEREST: return s->total_interest;
    default: return s->total_fee;
    }
}

void rp_sched_view_amount(mpq_t out, const rp_sched_view_t *v, int k, rp_sched_field f)
{
    if (v->units)
        rp_units_to_q(out, unit_amount(v->units, k, f), &v->words);
    else
        mpq_set(out, general_amount(v->general, k, f));
}

int rp_sched_view_units_amount(int64_t *out, const rp_sched_view_t *v, int k, rp_sched_field f)
{
    if (!v->units)
        return 0;
    *out = unit_amount(v->units, k, f);
    return 1;
}
