/*
 * extend.c — 展期: all principal, overdue principal included, re-amortized
 * over more installments on the loan's due dates, checked against
 * 《贷款通则》 Art. 12.
 */
#include <stdio.h>

#include "restructure.h"

/* 《贷款通则》 (1996) Art. 12: the extensions of a short-term loan (a term of
 * at most SHORT_TERM_MONTHS) together at most its original term; of a
 * medium-term loan (at most MEDIUM_TERM_MONTHS) at most half of it; of a
 * long-term loan at most LONG_TERM_LIMIT_MONTHS; and asked for before
 * maturity. */
#define SHORT_TERM_MONTHS 12
#define MEDIUM_TERM_MONTHS 60
#define LONG_TERM_LIMIT_MONTHS 36

/* Months from a to b, whole (by the day of month). */
static int months_between(rp_date_t a, rp_date_t b)
{
    int ya, ma, da, yb, mb, db;
    rp_date_to_ymd(a, &ya, &ma, &da);
    rp_date_to_ymd(b, &yb, &mb, &db);
    int m = (yb - ya) * 12 + (mb - ma);
    if (db < da && db != rp_days_in_month(yb, mb))
        m--;
    return m;
}

int rp_extension_limit(int term_months, const char **kind)
{
    if (kind)
        *kind = term_months <= SHORT_TERM_MONTHS    ? "short-term"
                : term_months <= MEDIUM_TERM_MONTHS ? "medium-term"
                                                    : "long-term";
    if (term_months <= SHORT_TERM_MONTHS)
        return term_months;
    return term_months <= MEDIUM_TERM_MONTHS ? term_months / 2 : LONG_TERM_LIMIT_MONTHS;
}

/* The extension against Art. 12: within the limit, and asked for before
 * maturity. */
static rp_status check_art12(work_t *w, const rp_action_t *a, int i, rp_error *err)
{
    rp_date_t start = w->loan->start_date, maturity = w->original_maturity;
    rp_date_t new_maturity = w->tail.count ? w->tail.rows[w->tail.count - 1].due : w->date;
    int term = months_between(start, maturity);
    const char *kind;
    int limit = rp_extension_limit(term, &kind);
    int used = months_between(maturity, new_maturity);
    char message[200];
    if (w->date >= maturity) {
        snprintf(message, sizeof message,
                 "《贷款通则》 Art. 12: an extension is asked for before maturity; the loan matured %s",
                 "before the restructure date");
        if (a->strict)
            return rp_work_fail(err, RP_E_VALUE, i, NULL, message);
        rp_work_warn(w, "art12_after_maturity", message);
    }
    if (used > limit) {
        snprintf(message, sizeof message,
                 "《贷款通则》 Art. 12: a %s loan of %d months may be extended by at most %d months "
                 "in all; this plan extends it by %d",
                 kind, term, limit, used);
        if (a->strict)
            return rp_work_fail(err, RP_E_VALUE, i, NULL, message);
        rp_work_warn(w, "art12_limit", message);
    }
    return RP_OK;
}

rp_status rp_act_extend(work_t *w, const rp_action_t *a, int i, rp_error *err)
{
    mpq_t balance;
    mpq_init(balance);
    rp_work_owed(balance, w, RP_PRINCIPAL);
    rp_status st = RP_OK;
    if (mpq_sgn(balance) == 0)
        st = rp_work_fail(err, RP_E_VALUE, i, NULL, "no principal is left to extend");
    if (st == RP_OK && w->tail.count == 0) /* matured: start again from the date */
        st = rp_work_anchor_on_date(w, w->loan->frequency, err);
    int count = w->tail.count;
    if (st == RP_OK && a->periods > 0) {
        count += a->periods;
    } else if (st == RP_OK) {
        /* to a maturity date: every installment on or before it */
        rp_date_t due = w->tail.rows[count - 1].due;
        if (a->date < due)
            st = rp_work_fail(err, RP_E_VALUE, i, "maturity",
                         "the new maturity is before the installments already planned");
        while (st == RP_OK && count < RP_MAX_TERM) {
            st = rp_loan_due_date(&due, w->rule, w->tail.rows[0].n + count, err);
            if (st != RP_OK || due > a->date)
                break;
            count++;
        }
        if (st == RP_OK && count == w->tail.count)
            st = rp_work_fail(err, RP_E_VALUE, i, "maturity", "the new maturity adds no installment");
    }
    if (st == RP_OK && count > RP_MAX_TERM)
        st = rp_work_fail(err, RP_E_RANGE, i, "periods",
                              "a plan has at most " RP_XSTR(RP_MAX_TERM) " installments");
    if (st == RP_OK) {
        /* overdue principal joins what is extended; it bears interest from
         * the day after the date (up to it, it bore 罚息) */
        mpq_set_ui(w->due_now[RP_PRINCIPAL], 0, 1);
        if (a->method >= 0)
            w->method = (rp_method)a->method;
        if (a->given & RP_HAS_RATE)
            mpq_set(w->rate, a->rate);
        st = rp_work_rebuild(w, balance, count, w->rate, w->method, NULL, err);
    }
    if (st == RP_OK)
        st = check_art12(w, a, i, err);
    mpq_clear(balance);
    return st;
}
