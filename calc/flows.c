/*
 * flows.c — a schedule as the borrower's cash flows, for rates of return
 * (APR by the IRR method, PBoC 2021 announcement No. 3) and present values.
 */
#include <stdlib.h>

#include "internal.h"

void rp_flows_init(rp_flows_t *f)
{
    f->n = 0;
    f->amounts = NULL;
    f->periods = NULL;
    f->days = NULL;
    f->periods_per_year = 12;
}

void rp_flows_clear(rp_flows_t *f)
{
    for (int i = 0; i < f->n; i++)
        mpq_clear(f->amounts[i]);
    free(f->amounts);
    free(f->periods);
    free(f->days);
    rp_flows_init(f);
}

rp_status rp_flows_from_schedule(rp_flows_t *out, const rp_schedule_t *s, const rp_loan_t *loan,
                                 rp_error *err)
{
    /* one slot per period: a bullet's single payment sits at period term */
    int last = loan->method == RP_METHOD_BULLET && loan->term > 0 ? loan->term : s->count;
    int n = last + 1;
    rp_flows_t f;
    rp_flows_init(&f);
    f.amounts = malloc(sizeof *f.amounts * (size_t)n);
    f.periods = malloc(sizeof *f.periods * (size_t)n);
    int dated = s->count > 0 && s->rows[0].due_date != RP_DATE_NONE &&
                loan->start_date != RP_DATE_NONE;
    if (dated)
        f.days = malloc(sizeof *f.days * (size_t)n);
    if (!f.amounts || !f.periods || (dated && !f.days)) {
        free(f.amounts);
        free(f.periods);
        free(f.days);
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    }
    f.n = n;
    f.periods_per_year = rp_frequency_per_year(loan->frequency);
    for (int t = 0; t < n; t++) {
        mpq_init(f.amounts[t]);
        f.periods[t] = t;
        if (dated)
            f.days[t] = 0;
    }
    rp_qsub(f.amounts[0], loan->principal, loan->upfront_fee);
    for (int k = 0; k < s->count; k++) {
        int t = loan->method == RP_METHOD_BULLET && loan->term > 0 ? last : k + 1;
        rp_qsub(f.amounts[t], f.amounts[t], s->rows[k].payment);
        if (dated)
            f.days[t] = (int)(s->rows[k].due_date - loan->start_date);
    }
    if (dated) /* empty bullet periods: keep the days rising */
        for (int t = 1; t < n; t++)
            if (f.days[t] < f.days[t - 1])
                f.days[t] = f.days[t - 1];
    rp_flows_clear(out);
    *out = f;
    return RP_OK;
}

rp_status rp_flows_apr(rp_root_t *apr, int *found, const rp_flows_t *f, const mpq_t precision,
                       rp_error *err)
{
    rp_irr_t irr;
    rp_irr_init(&irr);
    mpq_t p, k;
    mpq_inits(p, k, NULL);
    mpq_set_ui(k, (unsigned long)f->periods_per_year, 1);
    mpq_div(p, precision, k);
    rp_status st = rp_irr_periodic(&irr, (mpq_t const *)f->amounts, f->n, p, err);
    *found = st == RP_OK && irr.count == 1;
    if (*found) {
        mpq_mul(apr->low, irr.roots[0].low, k);
        mpq_mul(apr->high, irr.roots[0].high, k);
    }
    mpq_clears(p, k, NULL);
    rp_irr_clear(&irr);
    return st;
}
