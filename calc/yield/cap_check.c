/*
 * cap_check.c — a plan's flows against a legal cap (contract/caps.c says
 * which): the loan recomputed at the cap the way courts recompute it, and
 * what was paid beyond it.
 */
#include "base/internal.h"

/* The flow that falls last. */
static int last_flow(const rp_flows_t *flows)
{
    int last = 0;
    for (int k = 1; k < flows->n; k++)
        if (flows->when[k].periods > flows->when[last].periods ||
            (flows->when[k].periods == flows->when[last].periods &&
             (long)flows->when[k].odd * flows->when[last].period_days >
                 (long)flows->when[last].odd * flows->when[k].period_days))
            last = k;
    return last;
}

/* The rate over [a, b) (times in periods) with i1 before s and i2 from s
 * on: pro rata by time in an interval that holds s. */
static void rate_over(mpq_t out, const mpq_t a, const mpq_t b, const mpq_t s, const mpq_t i1,
                      const mpq_t i2)
{
    if (mpq_cmp(b, s) <= 0) {
        mpq_set(out, i1);
    } else if (mpq_cmp(a, s) >= 0) {
        mpq_set(out, i2);
    } else {
        mpq_t part, len;
        mpq_inits(part, len, NULL);
        mpq_sub(len, b, a);            /* > 0: a < s < b */
        mpq_sub(part, s, a);
        mpq_mul(out, i1, part);
        mpq_sub(part, b, s);
        mpq_mul(part, i2, part);
        mpq_add(out, out, part);
        mpq_div(out, out, len);
        mpq_clears(part, len, NULL);
    }
}

/* What 1 at the origin grows to by time w, a period's rate i1 before the
 * split s and i2 after it: (1 + f·i_odd) Π (1 + i_j), the odd part f first
 * (Regulation Z App. J, as rp_when_growth), each interval at its rate. */
static void split_growth(mpq_t out, const rp_when_t *w, const mpq_t s, const mpq_t i1,
                         const mpq_t i2)
{
    mpq_t a, b, i, f;
    mpq_inits(a, b, i, f, NULL);
    mpq_set_ui(f, (unsigned long)w->odd, (unsigned long)w->period_days);
    mpq_canonicalize(f); /* period_days ≥ 1 */
    rate_over(i, a, f, s, i1, i2);
    mpq_mul(out, i, f);
    mpz_add(mpq_numref(out), mpq_numref(out), mpq_denref(out)); /* 1 + f·i */
    mpq_set(a, f);
    for (int j = 0; j < w->periods; j++) {
        mpq_set_ui(b, 1, 1);
        mpq_add(b, b, a);
        rate_over(i, a, b, s, i1, i2);
        mpz_add(mpq_numref(i), mpq_numref(i), mpq_denref(i));
        mpq_mul(out, out, i);
        mpq_set(a, b);
    }
    mpq_clears(a, b, i, f, NULL);
}

/* The balance recomputed with the split: Σ a_k · A(T) / A(t_k), each
 * flow grown to the last one's time T at i1 before s and i2 from s on. */
static void split_balance(mpq_t out, const rp_flows_t *flows, int last, const mpq_t s,
                          const mpq_t i1, const mpq_t i2)
{
    mpq_t at_end, g;
    mpq_inits(at_end, g, NULL);
    mpq_set_ui(out, 0, 1);
    split_growth(at_end, &flows->when[last], s, i1, i2);
    for (int k = 0; k < flows->n; k++) {
        split_growth(g, &flows->when[k], s, i1, i2);
        mpq_div(g, at_end, g); /* growth is ≥ 1 */
        mpq_mul(g, g, flows->amounts[k]);
        rp_qadd(out, out, g);
    }
    mpq_clears(at_end, g, NULL);
}

/* within and the rounded excess of a recomputed balance (borrower's view). */
static void judge(int *within, mpq_t excess, const mpq_t balance, int lender_view,
                  const rp_round_t *rc)
{
    mpq_set(excess, balance);
    if (lender_view)
        mpq_neg(excess, excess);
    *within = mpq_sgn(excess) >= 0;
    if (*within) {
        mpq_set_ui(excess, 0, 1);
    } else {
        mpq_neg(excess, excess);
        rp_round(excess, excess, rc);
    }
}

/* How a stretch's rate stands against the loan's own rate r (its IRR, in
 * [lo, hi]): 1 the cap (r above it), 0 the loan's own r (r at or below it),
 * −1 not settled by the bracket yet. */
static int stretch_at_cap(const rp_flows_t *flows, const mpq_t cap, const rp_root_t *r,
                          rp_error *err, rp_status *st)
{
    if (mpq_cmp(r->high, cap) <= 0)
        return 0;
    if (mpq_cmp(r->low, cap) > 0)
        return 1;
    mpq_t v;
    mpq_init(v);
    *st = rp_flows_npv(v, flows, cap, err);
    int at = mpq_sgn(v) == 0 ? 0 : -1; /* the IRR is the cap itself: either reading */
    mpq_clear(v);
    return at;
}

/* The split (法释〔2020〕17号 Art. 31): each stretch is judged against its
 * own cap — the recomputed balance grows in each stretch at the lower of
 * the stretch's cap and the loan's own rate (the periodic IRR of the
 * flows, the rate the annualized cost reports), so room left under the
 * 24% line before 2020-08-20 never pays for interest over 4 × LPR after
 * it. The IRR is irrational in general: it is bracketed ever more narrowly
 * until the excess rounds alike at both ends (the balance moves steadily
 * with the rate in between). */
static rp_status split_check(rp_cap_check_t *c, const rp_flows_t *flows, int last,
                             const mpq_t s, const mpq_t i1, const mpq_t i2, int lender_view,
                             const rp_round_t *rc, rp_error *err)
{
    rp_status st = RP_OK;
    rp_irr_t irr;
    rp_irr_init(&irr);
    mpq_t precision, balance, e_low, e_high, r1, r2;
    mpq_inits(precision, balance, e_low, e_high, r1, r2, NULL);
    int done = 0;
    for (int digits = 20; !done && st == RP_OK; digits += 20) {
        mpz_ui_pow_ui(mpq_denref(precision), 10, (unsigned long)digits);
        mpz_set_ui(mpq_numref(precision), 1);
        st = rp_flows_irr(&irr, flows, precision, err);
        if (st != RP_OK)
            break;
        if (irr.count != 1) { /* no single rate of the loan's own: each stretch at its cap */
            split_balance(balance, flows, last, s, i1, i2);
            judge(&c->within, c->excess, balance, lender_view, rc);
            break;
        }
        const rp_root_t *r = &irr.roots[0];
        int a1 = stretch_at_cap(flows, i1, r, err, &st);
        int a2 = st == RP_OK ? stretch_at_cap(flows, i2, r, err, &st) : 0;
        if (st != RP_OK)
            break;
        if (a1 < 0 || a2 < 0) {
            if (digits >= 200) { /* cannot happen for an IRR ≠ the cap; keep the caps */
                a1 = a1 < 0 ? 1 : a1;
                a2 = a2 < 0 ? 1 : a2;
            } else {
                continue;
            }
        }
        if (!a1 && !a2) { /* the loan's own rate throughout: its flows balance exactly */
            c->within = 1;
            mpq_set_ui(c->excess, 0, 1);
            break;
        }
        int w_low, w_high;
        mpq_set(r1, a1 ? i1 : r->low);
        mpq_set(r2, a2 ? i2 : r->low);
        split_balance(balance, flows, last, s, r1, r2);
        judge(&w_low, e_low, balance, lender_view, rc);
        if (a1 && a2) { /* the caps throughout: no IRR in it */
            c->within = w_low;
            mpq_set(c->excess, e_low);
            break;
        }
        mpq_set(r1, a1 ? i1 : r->high);
        mpq_set(r2, a2 ? i2 : r->high);
        split_balance(balance, flows, last, s, r1, r2);
        judge(&w_high, e_high, balance, lender_view, rc);
        if ((w_low == w_high && mpq_equal(e_low, e_high)) || digits >= 200) {
            c->within = w_high;
            mpq_set(c->excess, e_high);
            done = 1;
        }
    }
    mpq_clears(precision, balance, e_low, e_high, r1, r2, NULL);
    rp_irr_clear(&irr);
    return st;
}

rp_status rp_cap_check_against(rp_cap_check_t *c, const rp_flows_t *flows,
                               const rp_when_t *split_when, const rp_round_t *rc, rp_error *err)
{
    if (flows->n < 2)
        return rp_fail(err, RP_E_VALUE, NULL, "a cap is checked on at least two cash flows");
    if (flows->periods_per_year < 1)
        return rp_fail(err, RP_E_VALUE, NULL, "periods_per_year must be at least 1");
    /* the loan recomputed at the cap, the way courts recompute it: the
     * money received grows at cap / ppy a period and every flow is
     * applied to it (the borrower's view: the first flow is the money
     * received) — the value of all flows at the last one's time */
    int lender_view = mpq_sgn(flows->amounts[0]) < 0;
    mpq_t i, balance, growth;
    mpq_inits(i, balance, growth, NULL);
    mpq_set_ui(i, (unsigned long)flows->periods_per_year, 1);
    mpq_div(i, c->cap, i);
    rp_status st = RP_OK;
    int last = last_flow(flows);
    if (c->split == RP_DATE_NONE || !split_when) {
        st = rp_flows_npv(balance, flows, i, err);
        rp_when_growth(growth, &flows->when[last], i);
        mpq_mul(balance, balance, growth);
        if (st == RP_OK)
            judge(&c->within, c->excess, balance, lender_view, rc);
    } else {
        mpq_t i2, s;
        mpq_inits(i2, s, NULL);
        mpq_set_ui(i2, (unsigned long)flows->periods_per_year, 1);
        mpq_div(i2, c->cap_after, i2);
        rp_when_periods(s, split_when);
        st = split_check(c, flows, last, s, i, i2, lender_view, rc, err);
        mpq_clears(i2, s, NULL);
    }
    mpq_clears(i, balance, growth, NULL);
    return st;
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
    rp_status st = rp_cap_rate(&c, rule, contract_date, custom_cap, lpr, err);
    if (st == RP_OK)
        st = rp_cap_check_against(&c, flows, NULL, rc, err);
    if (st == RP_OK) {
        rp_cap_check_t old = *out;
        *out = c;
        rp_cap_check_clear(&old);
    } else {
        rp_cap_check_clear(&c);
    }
    return st;
}
