/*
 * caps.c — legal caps on the annualized cost of credit.
 *
 * Private lending (Supreme People's Court provisions on private lending,
 * as revised 2020-08-20): interest, overdue interest, 违约金 and fees
 * together are capped at 4 × the one-year LPR in force when the contract
 * was made; contracts made before 2020-08-20 follow the old lines (24% a
 * year protected, interest beyond 36% void). Licensed lenders are outside
 * that rule, but courts cut banks' total cost above 24% a year.
 */
#include <stdlib.h>

#include "base/internal.h"

const char *const rp_cap_rule_names[RP_CAP_RULE_COUNT] = {
    [RP_CAP_PRIVATE_LENDING] = "private_lending",
    [RP_CAP_BANK_24] = "bank_24",
    [RP_CAP_CUSTOM] = "custom",
};

const char *const rp_cap_basis_names[RP_CAP_BASIS_COUNT] = {
    [RP_CAP_BASIS_LPR4] = "4x_lpr",
    [RP_CAP_BASIS_OLD_RULE] = "24_36_rule",
    [RP_CAP_BASIS_BANK_24] = "bank_24",
    [RP_CAP_BASIS_CUSTOM] = "custom",
};

void rp_lpr_init(rp_lpr_t *t)
{
    t->count = t->cap = 0;
    t->dates = NULL;
    t->one_year = t->five_year = NULL;
    t->checked_through = RP_DATE_NONE;
}

void rp_lpr_clear(rp_lpr_t *t)
{
    for (int i = 0; i < t->count; i++)
        mpq_clears(t->one_year[i], t->five_year[i], NULL);
    free(t->dates);
    free(t->one_year);
    free(t->five_year);
    rp_lpr_init(t);
}

rp_status rp_lpr_add(rp_lpr_t *t, rp_date_t date, const mpq_t one_year, const mpq_t five_year,
                     rp_error *err)
{
    if (t->count > 0 && date <= t->dates[t->count - 1])
        return rp_fail(err, RP_E_VALUE, "date", "LPR fixings must be listed by rising date");
    if (mpq_sgn(one_year) <= 0 || mpq_sgn(five_year) <= 0)
        return rp_fail(err, RP_E_VALUE, "one_year", "an LPR must be greater than 0");
    if (t->count == t->cap) {
        int cap = t->cap ? t->cap * 2 : 32;
        rp_date_t *d = realloc(t->dates, sizeof *d * (size_t)cap);
        if (d)
            t->dates = d;
        mpq_t *a = realloc(t->one_year, sizeof *a * (size_t)cap);
        if (a)
            t->one_year = a;
        mpq_t *b = realloc(t->five_year, sizeof *b * (size_t)cap);
        if (b)
            t->five_year = b;
        if (!d || !a || !b)
            return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
        t->cap = cap;
    }
    int i = t->count++;
    t->dates[i] = date;
    mpq_inits(t->one_year[i], t->five_year[i], NULL);
    mpq_set(t->one_year[i], one_year);
    mpq_set(t->five_year[i], five_year);
    return RP_OK;
}

int rp_lpr_find(const rp_lpr_t *t, rp_date_t d)
{
    int at = -1;
    for (int i = 0; i < t->count && t->dates[i] <= d; i++)
        at = i;
    return at;
}

void rp_cap_check_init(rp_cap_check_t *c)
{
    mpq_inits(c->cap, c->void_line, c->excess, NULL);
    mpq_set_si(c->void_line, -1, 1);
    c->basis = RP_CAP_BASIS_CUSTOM;
    c->lpr_index = -1;
    c->stale = 0;
    c->within = 1;
}

void rp_cap_check_clear(rp_cap_check_t *c)
{
    mpq_clears(c->cap, c->void_line, c->excess, NULL);
}

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
    rp_status st = RP_OK;
    if (rule == RP_CAP_PRIVATE_LENDING) {
        if (contract_date == RP_DATE_NONE) {
            st = rp_fail(err, RP_E_MISSING, "contract_date",
                         "the private-lending cap depends on the contract date");
        } else if (contract_date < rp_date_from_ymd(2020, 8, 20)) {
            c.basis = RP_CAP_BASIS_OLD_RULE;
            mpq_set_ui(c.cap, 24, 100);
            mpq_set_ui(c.void_line, 36, 100);
            mpq_canonicalize(c.cap);
            mpq_canonicalize(c.void_line);
        } else {
            c.basis = RP_CAP_BASIS_LPR4;
            c.lpr_index = lpr ? rp_lpr_find(lpr, contract_date) : -1;
            if (c.lpr_index < 0) {
                st = rp_fail(err, RP_E_RANGE, "contract_date",
                             "the LPR table has no fixing on or before the contract date");
            } else {
                mpq_set_ui(c.cap, 4, 1);
                mpq_mul(c.cap, c.cap, lpr->one_year[c.lpr_index]);
                c.stale = lpr->checked_through != RP_DATE_NONE &&
                          contract_date > lpr->checked_through + 31;
            }
        }
    } else if (rule == RP_CAP_BANK_24) {
        c.basis = RP_CAP_BASIS_BANK_24;
        mpq_set_ui(c.cap, 24, 100);
        mpq_canonicalize(c.cap);
    } else {
        if (mpq_sgn(custom_cap) <= 0)
            st = rp_fail(err, RP_E_VALUE, "cap", "a custom cap must be greater than 0");
        c.basis = RP_CAP_BASIS_CUSTOM;
        mpq_set(c.cap, custom_cap);
    }
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
