/*
 * cap_check.c — a plan's flows against a legal cap (contract/caps.c says
 * which): the loan recomputed at the cap the way courts recompute it, and
 * what was paid beyond it.
 */
#include "base/internal.h"

rp_status rp_cap_check(rp_cap_check_t *out, rp_cap_rule rule, rp_date_t contract_date,
                       const mpq_t custom_cap, const rp_lpr_t *lpr, const rp_flows_t *flows,
                       const rp_round_t *rc, rp_error *err)
{
    if (flows->n < 2)
        return rp_fail(err, RP_E_VALUE, NULL, "a cap is checked on at least two cash flows");
    if (flows->periods_per_year < 1)
        return rp_fail(err, RP_E_VALUE, NULL, "periods_per_year must be at least 1");
    rp_cap_check_t c;
    rp_cap_check_init(&c);
    rp_status st = rp_cap_rate(&c, rule, contract_date, custom_cap, lpr, err);
    if (st == RP_OK) {
        /* the loan recomputed at the cap, the way courts recompute it: the
         * money received grows at cap / ppy a period and every flow is
         * applied to it (the borrower's view: the first flow is the money
         * received) — the value of all flows at the last one's time */
        int lender_view = mpq_sgn(flows->amounts[0]) < 0;
        mpq_t i, balance, growth;
        mpq_inits(i, balance, growth, NULL);
        mpq_set_ui(i, (unsigned long)flows->periods_per_year, 1);
        mpq_div(i, c.cap, i);
        st = rp_flows_npv(balance, flows, i, err);
        int last = 0;
        for (int k = 1; k < flows->n; k++)
            if (flows->when[k].periods > flows->when[last].periods ||
                (flows->when[k].periods == flows->when[last].periods &&
                 (long)flows->when[k].odd * flows->when[last].period_days >
                     (long)flows->when[last].odd * flows->when[k].period_days))
                last = k;
        rp_when_growth(growth, &flows->when[last], i);
        mpq_mul(balance, balance, growth);
        if (lender_view)
            mpq_neg(balance, balance);
        c.within = mpq_sgn(balance) >= 0;
        if (!c.within) {
            mpq_neg(c.excess, balance);
            rp_round(c.excess, c.excess, rc);
        }
        mpq_clears(i, balance, growth, NULL);
    }
    if (st == RP_OK) {
        rp_cap_check_t old = *out;
        *out = c;
        rp_cap_check_clear(&old);
    } else {
        rp_cap_check_clear(&c);
    }
    return st;
}
