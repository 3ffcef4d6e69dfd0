/*
 * restructure.c — restructuring a loan on a date. The statement engine
 * replays the loan to the date; what is owed then (the claim) is split
 * into what is due now (arrears, by component), the interest of the
 * period in progress up to the date, and the installments still to come
 * (a tail). Actions then change those, in order:
 *
 *   waive       reduce a component of what is owed on the date (减免);
 *   extend      re-amortize the principal over more installments (展期),
 *               checked against 《贷款通则》 Art. 12;
 *   defer       move the installments to come later (延期还本付息);
 *   reamortize  spread the arrears over the installments to come;
 *   rate        a new rate from a date;
 *   freeze      fix the debt, stop interest, split it (停息挂账 / 个性化分期);
 *   settle      a discounted lump sum or short settlement (一次性结清).
 *
 * freeze and settle shape the whole plan: only waivers may come before
 * them and nothing after. plan.c turns the result into rows and prices it.
 */
#include <stdio.h>
#include <string.h>

#include "statement/ledger.h"
#include "restructure.h"

/* 《商业银行信用卡业务监督管理办法》 (2011) Art. 70: a card debt in arrears may
 * be repaid by installments over at most 5 years. */
#define RP_CARD_MAX_INSTALLMENTS 60

const char *const rp_action_names[RP_ACTION_COUNT] = {
    [RP_ACTION_WAIVE] = "waive",   [RP_ACTION_EXTEND] = "extend",
    [RP_ACTION_DEFER] = "defer",   [RP_ACTION_REAMORTIZE] = "reamortize",
    [RP_ACTION_FREEZE] = "freeze", [RP_ACTION_SETTLE] = "settle",
    [RP_ACTION_RATE] = "rate",
};

const char *const rp_defer_interest_names[RP_DEFER_COUNT] = {
    [RP_DEFER_CAPITALIZE] = "capitalize",
    [RP_DEFER_ACCRUE] = "accrue",
    [RP_DEFER_WAIVE] = "waive",
};

/* ---- actions -------------------------------------------------------------- */

void rp_actions_init(rp_actions_t *a)
{
    a->count = 0;
}

void rp_actions_clear(rp_actions_t *a)
{
    for (int i = 0; i < a->count; i++) {
        rp_action_t *x = &a->items[i];
        mpq_clears(x->amount, x->share, x->rate, x->fee, x->fee_share, x->down_payment, NULL);
    }
    a->count = 0;
}

rp_action_t *rp_actions_add(rp_actions_t *a, rp_action_type type)
{
    if (a->count >= RP_MAX_ACTIONS)
        return NULL;
    rp_action_t *x = &a->items[a->count++];
    memset(x, 0, sizeof *x);
    x->type = type;
    x->date = RP_DATE_NONE;
    x->method = -1;
    mpq_inits(x->amount, x->share, x->rate, x->fee, x->fee_share, x->down_payment, NULL);
    mpq_set_si(x->amount, -1, 1);
    mpq_set_si(x->share, -1, 1);
    mpq_set_si(x->rate, -1, 1);
    mpq_set_si(x->fee, -1, 1);
    mpq_set_si(x->fee_share, -1, 1);
    mpq_set_si(x->down_payment, -1, 1);
    return x;
}

/* ---- the work in progress --------------------------------------------------- */

static void warn(work_t *w, const char *code, const char *message)
{
    rp_plan_t *p = w->plan;
    for (int i = 0; i < p->warning_count; i++)
        if (strcmp(p->warnings[i].code, code) == 0)
            return;
    if (p->warning_count >= RP_WARNING_MAX)
        return;
    rp_warning_t *x = &p->warnings[p->warning_count++];
    snprintf(x->code, sizeof x->code, "%s", code);
    snprintf(x->message, sizeof x->message, "%s", message);
}

/* err with the action's path. */
static rp_status fail_at(rp_error *err, rp_status st, int index, const char *field,
                         const char *message)
{
    char path[64];
    if (field)
        snprintf(path, sizeof path, "actions[%d].%s", index, field);
    else
        snprintf(path, sizeof path, "actions[%d]", index);
    return rp_fail(err, st, path, "%s", message);
}

/* What is owed on the date of component c, as the actions leave it. */
static void owed(mpq_t out, const work_t *w, rp_component c)
{
    mpq_set(out, w->due_now[c]);
    if (c == RP_INTEREST)
        rp_qadd(out, out, w->accrued);
    if (c == RP_PRINCIPAL) {
        mpq_t tail;
        mpq_init(tail);
        rp_tail_principal(tail, &w->tail, 0);
        rp_qadd(out, out, tail);
        mpq_clear(tail);
    }
}

/* With no installments left to come, interest accrued joins the arrears. */
static void settle_accrued(work_t *w)
{
    if (w->tail.count == 0 && mpq_sgn(w->accrued) != 0) {
        rp_qadd(w->due_now[RP_INTEREST], w->due_now[RP_INTEREST], w->accrued);
        mpq_set_ui(w->accrued, 0, 1);
    }
}

/* A loan with nothing to come: new installments are anchored on the date. */
static rp_status anchor_on_date(work_t *w, rp_frequency frequency, rp_error *err)
{
    rp_loan_t *rule = &w->date_rule;
    rule->start_date = w->date;
    rule->first_due_date = RP_DATE_NONE;
    rule->frequency = frequency;
    w->rule = rule;
    tail_row_t *row;
    rp_status st = rp_tail_push(&w->tail, &row, err);
    if (st != RP_OK)
        return st;
    row->n = 1;
    row->start = w->date;
    mpq_set(row->fee, w->loan->periodic_fee);
    return rp_loan_due_date(&row->due, rule, 1, err);
}

/* Re-amortizes the installments to come from the first: balance at rate
 * by method over count rows. The first keeps the interest already accrued
 * to the date; the new terms apply to its days after the date. */
static rp_status rebuild(work_t *w, mpq_srcptr balance, int count, mpq_srcptr rate,
                         rp_method method, mpq_srcptr level, rp_error *err)
{
    rp_status st = rp_tail_rebuild(&w->tail, 0, count, balance, rate, method, level, NULL, w->rule,
                                   w->rc, err);
    if (st != RP_OK || w->tail.count == 0)
        return st;
    tail_row_t *row = &w->tail.rows[0];
    if (row->start < w->date) {
        mpq_t share;
        mpq_init(share);
        mpq_set_si(share, (long)row->due - w->date, (unsigned long)(row->due - row->start));
        mpq_canonicalize(share); /* due > start */
        mpq_mul(row->interest, row->interest, share);
        mpq_clear(share);
    }
    rp_qadd(row->interest, row->interest, w->accrued);
    return RP_OK;
}

/* Lowers the principal still to come by x (≤ it), re-amortizing the rest
 * over the same installments; all of it: no installments are left. */
static rp_status lower_principal(work_t *w, mpq_srcptr x, rp_error *err)
{
    mpq_t left;
    mpq_init(left);
    rp_tail_principal(left, &w->tail, 0);
    rp_qsub(left, left, x);
    rp_status st = RP_OK;
    if (mpq_sgn(left) == 0) {
        rp_tail_truncate(&w->tail, 0);
        settle_accrued(w);
    } else {
        st = rebuild(w, left, w->tail.count, w->rate, w->method, NULL, err);
    }
    mpq_clear(left);
    return st;
}

/* ---- each action ------------------------------------------------------------ */

static rp_status act_waive(work_t *w, const rp_action_t *a, int i, rp_error *err)
{
    rp_component c = a->component;
    mpq_t base, x, part;
    mpq_inits(base, x, part, NULL);
    owed(base, w, c);
    if (mpq_sgn(a->amount) >= 0) {
        mpq_set(x, a->amount);
    } else {
        mpq_mul(x, base, a->share);
        rp_round(x, x, w->rc);
    }
    if (mpq_cmp(x, base) > 0) {
        char message[160], shown[48];
        rp_decimal_format(shown, sizeof shown, base, w->rc->places, w->rc->mode);
        snprintf(message, sizeof message,
                 "action %d waives more %s than is owed; cut to the %s owed", i,
                 rp_component_names[c], shown);
        warn(w, "waiver_capped", message);
        mpq_set(x, base);
    }
    rp_qadd(w->plan->waived[c], w->plan->waived[c], x);
    /* arrears first, then the interest accrued or the principal to come */
    mpq_set(part, mpq_cmp(x, w->due_now[c]) < 0 ? x : w->due_now[c]);
    rp_qsub(w->due_now[c], w->due_now[c], part);
    rp_qsub(x, x, part);
    rp_status st = RP_OK;
    if (mpq_sgn(x) > 0 && c == RP_INTEREST) {
        rp_qsub(w->accrued, w->accrued, x);
        rp_qsub(w->tail.rows[0].interest, w->tail.rows[0].interest, x);
    } else if (mpq_sgn(x) > 0 && c == RP_PRINCIPAL) {
        st = lower_principal(w, x, err);
    }
    mpq_clears(base, x, part, NULL);
    return st;
}

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

/* 《贷款通则》 Art. 12: cumulative extension ≤ the original term (short
 * term, ≤ 1 year), ≤ half of it (medium, 1–5 years), ≤ 3 years (long);
 * and it is asked for before maturity. */
static rp_status check_art12(work_t *w, const rp_action_t *a, int i, rp_error *err)
{
    rp_date_t start = w->loan->start_date, maturity = w->original_maturity;
    rp_date_t now = w->tail.count ? w->tail.rows[w->tail.count - 1].due : w->date;
    int term = months_between(start, maturity);
    int limit = term <= 12 ? term : term <= 60 ? term / 2 : 36;
    int used = months_between(maturity, now);
    char message[200];
    const char *kind = term <= 12 ? "short-term" : term <= 60 ? "medium-term" : "long-term";
    if (w->date >= maturity) {
        snprintf(message, sizeof message,
                 "《贷款通则》 Art. 12: an extension is asked for before maturity; the loan matured %s",
                 "before the restructure date");
        if (a->strict)
            return fail_at(err, RP_E_VALUE, i, NULL, message);
        warn(w, "art12_after_maturity", message);
    }
    if (used > limit) {
        snprintf(message, sizeof message,
                 "《贷款通则》 Art. 12: a %s loan of %d months may be extended by at most %d months "
                 "in all; this plan extends it by %d",
                 kind, term, limit, used);
        if (a->strict)
            return fail_at(err, RP_E_VALUE, i, NULL, message);
        warn(w, "art12_limit", message);
    }
    return RP_OK;
}

static rp_status act_extend(work_t *w, const rp_action_t *a, int i, rp_error *err)
{
    mpq_t balance;
    mpq_init(balance);
    owed(balance, w, RP_PRINCIPAL);
    rp_status st = RP_OK;
    if (mpq_sgn(balance) == 0)
        st = fail_at(err, RP_E_VALUE, i, NULL, "no principal is left to extend");
    if (st == RP_OK && w->tail.count == 0) /* matured: start again from the date */
        st = anchor_on_date(w, w->loan->frequency, err);
    int count = w->tail.count;
    if (st == RP_OK && a->periods > 0) {
        count += a->periods;
    } else if (st == RP_OK) {
        /* to a maturity date: every installment on or before it */
        rp_date_t due = w->tail.rows[count - 1].due;
        if (a->date < due)
            st = fail_at(err, RP_E_VALUE, i, "maturity",
                         "the new maturity is before the installments already planned");
        while (st == RP_OK && count < RP_MAX_TERM) {
            st = rp_loan_due_date(&due, w->rule, w->tail.rows[0].n + count, err);
            if (st != RP_OK || due > a->date)
                break;
            count++;
        }
        if (st == RP_OK && count == w->tail.count)
            st = fail_at(err, RP_E_VALUE, i, "maturity", "the new maturity adds no installment");
    }
    if (st == RP_OK && count > RP_MAX_TERM)
        st = fail_at(err, RP_E_RANGE, i, "periods", "a plan has at most 1200 installments");
    if (st == RP_OK) {
        /* overdue principal joins what is extended; it bears interest from
         * the day after the date (up to it, it bore 罚息) */
        mpq_set_ui(w->due_now[RP_PRINCIPAL], 0, 1);
        if (a->method >= 0)
            w->method = (rp_method)a->method;
        if (mpq_sgn(a->rate) >= 0)
            mpq_set(w->rate, a->rate);
        st = rebuild(w, balance, count, w->rate, w->method, NULL, err);
    }
    if (st == RP_OK)
        st = check_art12(w, a, i, err);
    mpq_clear(balance);
    return st;
}

static rp_status act_defer(work_t *w, const rp_action_t *a, int i, rp_error *err)
{
    if (w->tail.count == 0)
        return fail_at(err, RP_E_VALUE, i, NULL, "nothing falls due after the date to defer");
    rp_status st = RP_OK;
    /* every installment to come moves a->periods later */
    for (int r = 0; r < w->tail.count && st == RP_OK; r++) {
        tail_row_t *row = &w->tail.rows[r];
        row->n += a->periods;
        st = rp_loan_due_date(&row->due, w->rule, row->n, err);
        if (st == RP_OK && r == 0 && row->n > 1)
            st = rp_loan_due_date(&row->start, w->rule, row->n - 1, err);
        else if (r > 0)
            row->start = w->tail.rows[r - 1].due;
    }
    if (st != RP_OK)
        return fail_at(err, RP_E_RANGE, i, "installments", "the deferral moves a date past 2200");
    /* interest for the deferral on the balance: accrued or waived, it is
     * the `periods` added after the installment in progress; capitalized,
     * it is the time up to the new start of that installment (the rest of
     * the period in progress and periods − 1 more), for the rebuilt
     * installment charges its own period on the larger balance */
    mpq_t balance, x, part;
    mpq_inits(balance, x, part, NULL);
    rp_tail_principal(balance, &w->tail, 0);
    int periods = a->interest == RP_DEFER_CAPITALIZE ? a->periods - 1 : a->periods;
    mpq_set_ui(x, (unsigned long)periods, (unsigned long)w->periods_per_year);
    mpq_canonicalize(x);
    mpq_mul(x, x, balance);
    mpq_mul(x, x, w->rate);
    if (a->interest == RP_DEFER_CAPITALIZE) {
        rp_qsub(part, w->tail.rows[0].interest, w->accrued);
        rp_qadd(x, x, part);
    }
    rp_round(x, x, w->rc);
    if (a->interest == RP_DEFER_CAPITALIZE) {
        rp_qadd(w->plan->capitalized, w->plan->capitalized, x);
        rp_qadd(balance, balance, x);
        st = rebuild(w, balance, w->tail.count, w->rate, w->method, NULL, err);
    } else if (a->interest == RP_DEFER_ACCRUE) {
        rp_qadd(w->tail.rows[0].interest, w->tail.rows[0].interest, x);
    } else {
        rp_qadd(w->plan->deferral_waived, w->plan->deferral_waived, x);
    }
    mpq_clear(part);
    mpq_clears(balance, x, NULL);
    return st;
}

/* Splits x into count whole units: each count-th, rounded down, and the
 * last the rest (so no share is negative). */
static void spread(mpq_t out, const mpq_t x, int count, int index, const rp_round_t *rc)
{
    rp_round_t down = *rc;
    down.mode = RP_ROUND_DOWN;
    mpq_t each;
    mpq_init(each);
    mpq_set_ui(each, (unsigned long)count, 1);
    mpq_div(each, x, each);
    rp_round(each, each, &down);
    if (index < count - 1) {
        mpq_set(out, each);
    } else {
        mpq_set_ui(out, (unsigned long)(count - 1), 1);
        mpq_mul(out, out, each);
        rp_qsub(out, x, out);
    }
    mpq_clear(each);
}

static rp_status act_reamortize(work_t *w, int i, rp_error *err)
{
    if (w->tail.count == 0)
        return fail_at(err, RP_E_VALUE, i, NULL,
                       "no installments to come to spread the arrears over: extend first");
    mpq_t arrears, share;
    mpq_inits(arrears, share, NULL);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        if (c != RP_PRINCIPAL)
            rp_qadd(arrears, arrears, w->due_now[c]);
    if (mpq_sgn(arrears) == 0 && mpq_sgn(w->due_now[RP_PRINCIPAL]) == 0)
        warn(w, "nothing_overdue", "reamortize: nothing was overdue to spread");
    for (int r = 0; r < w->tail.count; r++) {
        tail_row_t *row = &w->tail.rows[r];
        spread(share, arrears, w->tail.count, r, w->rc);
        rp_qadd(row->arrears, row->arrears, share);
        spread(share, w->due_now[RP_PRINCIPAL], w->tail.count, r, w->rc);
        rp_qadd(row->principal, row->principal, share);
    }
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_set_ui(w->due_now[c], 0, 1);
    mpq_clears(arrears, share, NULL);
    return RP_OK;
}

static rp_status act_rate(work_t *w, const rp_action_t *a, int i, rp_error *err)
{
    rp_date_t from = a->date != RP_DATE_NONE ? a->date : w->date;
    if (from < w->date)
        return fail_at(err, RP_E_VALUE, i, "from", "a new rate cannot start before the restructure date");
    if (w->method == RP_METHOD_FLAT && w->loan->flat_charge == RP_CHARGE_FEE) {
        /* as in a statement (reamortize.c): an installment fee does not reprice */
        warn(w, "rate_unused", "a flat loan's installment fee (flat_charge fee) does not reprice");
        return RP_OK;
    }
    int j = 0;
    while (j < w->tail.count && w->tail.rows[j].due <= from)
        j++;
    rp_status st = RP_OK;
    if (j < w->tail.count) {
        mpq_t balance, delta, rest;
        mpq_inits(balance, delta, rest, NULL);
        rp_tail_principal(balance, &w->tail, j);
        rp_qsub(delta, a->rate, w->rate);
        /* interest up to the date is already owed at the old rate */
        rp_date_t first = j == 0 && from <= w->date ? w->date + 1 : from;
        rp_tail_adjust(&w->tail, j, first, balance, delta);
        rp_qsub(rest, balance, w->tail.rows[j].principal);
        if (j + 1 < w->tail.count && mpq_sgn(rest) > 0)
            st = rp_tail_rebuild(&w->tail, j + 1, w->tail.count - j - 1, rest, a->rate, w->method,
                                 NULL, NULL, w->rule, w->rc, err);
        mpq_clears(balance, delta, rest, NULL);
    } else {
        warn(w, "rate_unused", "the new rate starts after the last installment");
    }
    mpq_set(w->rate, a->rate);
    return st;
}

/* The amounts a freeze or settlement starts from, by component. */
static void remaining(mpq_t *amount, const work_t *w)
{
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        owed(amount[c], w, (rp_component)c);
}

/* Replaces the plan by `count` installments paying principal p and other
 * debt a (others first), the first due on `first` and then monthly; a
 * first due on the date itself is row 0. fee per installment. */
static rp_status terminal_rows(work_t *w, const mpq_t p, const mpq_t a, int count, rp_date_t first,
                               const mpq_t fee, rp_error *err)
{
    rp_tail_truncate(&w->tail, 0);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_set_ui(w->due_now[c], 0, 1);
    mpq_set_ui(w->accrued, 0, 1);
    w->periods_per_year = 12;
    rp_loan_t *rule = &w->date_rule;
    rule->start_date = first;
    rule->first_due_date = first;
    rule->frequency = RP_FREQ_MONTHLY;
    w->rule = rule;
    mpq_t total, part, left_a, each;
    mpq_inits(total, part, left_a, each, NULL);
    rp_qadd(total, p, a);
    mpq_set(left_a, a);
    rp_status st = RP_OK;
    for (int k = 0; k < count && st == RP_OK; k++) {
        spread(part, total, count, k, w->rc);
        /* the other debt is paid first, then principal */
        mpq_set(each, mpq_cmp(part, left_a) < 0 ? part : left_a);
        rp_qsub(left_a, left_a, each);
        rp_qsub(part, part, each);
        rp_date_t due;
        st = rp_loan_due_date(&due, rule, k + 1, err);
        if (st != RP_OK)
            break;
        if (due == w->date) {
            rp_qadd(w->due_now[RP_PRINCIPAL], w->due_now[RP_PRINCIPAL], part);
            rp_qadd(w->due_now[RP_FEE], w->due_now[RP_FEE], each);
            continue;
        }
        tail_row_t *row;
        st = rp_tail_push(&w->tail, &row, err);
        if (st == RP_OK) {
            row->n = w->tail.count;
            row->due = due;
            row->start = w->tail.count > 1 ? w->tail.rows[w->tail.count - 2].due : w->date;
            mpq_set(row->principal, part);
            mpq_set(row->arrears, each);
            mpq_set(row->fee, fee);
        }
    }
    mpq_clears(total, part, left_a, each, NULL);
    return st;
}

static rp_status act_freeze(work_t *w, const rp_action_t *a, int i, rp_error *err)
{
    mpq_t amount[RP_COMPONENT_COUNT], p, other, fee, down;
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_init(amount[c]);
    mpq_inits(p, other, fee, down, NULL);
    remaining(amount, w);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++) {
        if (a->keep & (1u << c)) {
            rp_qadd(c == RP_PRINCIPAL ? p : other, c == RP_PRINCIPAL ? p : other, amount[c]);
        } else {
            rp_qadd(w->plan->waived[c], w->plan->waived[c], amount[c]);
        }
    }
    rp_status st = RP_OK;
    rp_qadd(fee, p, other);
    if (mpq_sgn(fee) == 0)
        st = fail_at(err, RP_E_VALUE, i, NULL, "nothing is left to freeze");
    if (st == RP_OK && a->periods > RP_CARD_MAX_INSTALLMENTS) {
        if (a->card)
            st = fail_at(err, RP_E_VALUE, i, "installments",
                         "《商业银行信用卡业务监督管理办法》 Art. 70: a card debt may be split into "
                         "at most 60 installments (5 years)");
        else
            warn(w, "over_60_installments",
                 "more than 60 installments (5 years): the most the credit-card rules (Art. 70) "
                 "allow for card debt; no rule sets it for other loans — flagged by analogy");
    }
    if (st == RP_OK && mpq_sgn(a->down_payment) > 0) {
        if (mpq_cmp(a->down_payment, fee) >= 0)
            st = fail_at(err, RP_E_VALUE, i, "down_payment",
                         "the down payment must be less than the frozen debt");
        mpq_set(down, a->down_payment);
    }
    if (st == RP_OK) {
        /* the down payment is due on the date: the other debt first */
        mpq_t da, dp;
        mpq_inits(da, dp, NULL);
        mpq_set(da, mpq_cmp(down, other) < 0 ? down : other);
        rp_qsub(dp, down, da);
        rp_qsub(other, other, da);
        rp_qsub(p, p, dp);
        /* the fee per installment: an amount, or a share of the debt */
        rp_qadd(fee, p, other);
        if (mpq_sgn(a->fee) >= 0) {
            mpq_set(fee, a->fee);
        } else if (mpq_sgn(a->fee_share) >= 0) {
            mpq_mul(fee, fee, a->fee_share);
            rp_round(fee, fee, w->rc);
        } else {
            mpq_set_ui(fee, 0, 1);
        }
        rp_date_t first;
        st = rp_date_add_months(&first, w->date, 1, err);
        if (st == RP_OK)
            st = terminal_rows(w, p, other, a->periods, first, fee, err);
        rp_qadd(w->due_now[RP_PRINCIPAL], w->due_now[RP_PRINCIPAL], dp);
        rp_qadd(w->due_now[RP_FEE], w->due_now[RP_FEE], da);
        mpq_set_ui(w->rate, 0, 1);
        mpq_clears(da, dp, NULL);
    }
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_clear(amount[c]);
    mpq_clears(p, other, fee, down, NULL);
    return st;
}

static rp_status act_settle(work_t *w, const rp_action_t *a, int i, rp_error *err)
{
    /* waived in the usual order of willingness (DOMAIN.md): 违约金,
     * 复利, 罚息, fees, interest, principal */
    static const rp_component order[RP_COMPONENT_COUNT] = {RP_LATE_FEE, RP_COMPOUND, RP_PENALTY,
                                                           RP_FEE,      RP_INTEREST, RP_PRINCIPAL};
    mpq_t amount[RP_COMPONENT_COUNT], total, pay, cut, p, other, zero;
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_init(amount[c]);
    mpq_inits(total, pay, cut, p, other, zero, NULL);
    remaining(amount, w);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        rp_qadd(total, total, amount[c]);
    rp_status st = RP_OK;
    if (mpq_sgn(a->amount) >= 0) {
        mpq_set(pay, a->amount);
    } else {
        mpq_set_ui(pay, 1, 1);
        rp_qsub(pay, pay, a->share); /* share is the discount */
        mpq_mul(pay, pay, total);
        rp_round(pay, pay, w->rc);
    }
    if (mpq_sgn(total) == 0)
        st = fail_at(err, RP_E_VALUE, i, NULL, "nothing is owed to settle");
    else if (mpq_cmp(pay, total) > 0)
        st = fail_at(err, RP_E_VALUE, i, "amount", "the settlement is more than is owed");
    else if (mpq_sgn(pay) <= 0)
        st = fail_at(err, RP_E_VALUE, i, "amount", "a settlement must pay something");
    if (st == RP_OK) {
        rp_qsub(cut, total, pay);
        for (int k = 0; k < RP_COMPONENT_COUNT; k++) {
            rp_component c = order[k];
            mpq_t take;
            mpq_init(take);
            mpq_set(take, mpq_cmp(cut, amount[c]) < 0 ? cut : amount[c]);
            rp_qadd(w->plan->waived[c], w->plan->waived[c], take);
            rp_qsub(amount[c], amount[c], take);
            rp_qsub(cut, cut, take);
            mpq_clear(take);
        }
        for (int c = 0; c < RP_COMPONENT_COUNT; c++)
            rp_qadd(c == RP_PRINCIPAL ? p : other, c == RP_PRINCIPAL ? p : other, amount[c]);
        int count = a->periods > 0 ? a->periods : 1;
        st = terminal_rows(w, p, other, count, w->date + (a->days > 0 ? a->days : 0), zero, err);
        mpq_set_ui(w->rate, 0, 1);
    }
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_clear(amount[c]);
    mpq_clears(total, pay, cut, p, other, zero, NULL);
    return st;
}

/* ---- running -------------------------------------------------------------------- */

/* Reads the position on the date from the replayed loan. */
static rp_status load_position(work_t *w, const rp_terms_t *terms, const rp_events_t *events,
                               rp_error *err)
{
    rp_statement_t st;
    rp_statement_init(&st);
    ledger_t L;
    rp_status status = rp_ledger_open(&L, &st, w->loan, terms, events, w->date, w->rc, err);
    rp_plan_t *p = w->plan;
    if (status == RP_OK) {
        for (int c = 0; c < RP_COMPONENT_COUNT; c++) {
            mpq_set(p->claim[c], st.payoff[c]);
            mpq_set(w->due_now[c], st.owed[c]);
        }
        mpq_set(p->claim_total, st.payoff_total);
        rp_qsub(w->accrued, st.payoff[RP_INTEREST], st.owed[RP_INTEREST]);
        mpq_set(w->rate, st.contract_rate);
        mpq_set(p->contract_rate, st.contract_rate);
        p->dpd = st.dpd;
        p->tier = st.tier;
        int j = rp_reamortize_current(&L, w->date);
        if (j >= 0 && !L.accelerated)
            status = rp_ledger_tail(&w->tail, &L, j, err);
        if (mpq_sgn(st.credit) > 0)
            warn(w, "credit_held",
                 "the borrower has unapplied credit; it is not counted here: use it as a down payment");
        settle_accrued(w);
    }
    rp_ledger_close(&L);
    rp_statement_clear(&st);
    return status;
}

void rp_position_init(rp_position_t *pos)
{
    memset(pos, 0, sizeof *pos);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_inits(pos->claim[c], pos->due_now[c], NULL);
    mpq_inits(pos->claim_total, pos->accrued, pos->rate, pos->contract_rate, NULL);
    rp_tail_init(&pos->tail);
}

void rp_position_clear(rp_position_t *pos)
{
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_clears(pos->claim[c], pos->due_now[c], NULL);
    mpq_clears(pos->claim_total, pos->accrued, pos->rate, pos->contract_rate, NULL);
    rp_tail_clear(&pos->tail);
    pos->valid = 0;
}

/* dst = a copy of the rows of src. */
static rp_status copy_tail(tail_t *dst, const tail_t *src, rp_error *err)
{
    rp_tail_truncate(dst, 0);
    for (int r = 0; r < src->count; r++) {
        tail_row_t *row;
        rp_status st = rp_tail_push(dst, &row, err);
        if (st != RP_OK)
            return st;
        const tail_row_t *from = &src->rows[r];
        row->n = from->n;
        row->start = from->start;
        row->due = from->due;
        mpq_set(row->principal, from->principal);
        mpq_set(row->interest, from->interest);
        mpq_set(row->years, from->years);
        mpq_set(row->fee, from->fee);
        mpq_set(row->arrears, from->arrears);
    }
    return RP_OK;
}

/* The position (and the original maturity, for Art. 12) into w: from pos
 * when it holds it, else replayed and kept in pos. */
static rp_status position(work_t *w, rp_position_t *pos, const rp_terms_t *terms,
                          const rp_events_t *events, rp_error *err)
{
    rp_plan_t *p = w->plan;
    if (pos->valid && pos->loan == (const void *)w->loan && pos->terms == (const void *)terms &&
        pos->events == (const void *)events && pos->rc == (const void *)w->rc && pos->date == w->date) {
        for (int c = 0; c < RP_COMPONENT_COUNT; c++) {
            mpq_set(p->claim[c], pos->claim[c]);
            mpq_set(w->due_now[c], pos->due_now[c]);
        }
        mpq_set(p->claim_total, pos->claim_total);
        mpq_set(w->accrued, pos->accrued);
        mpq_set(w->rate, pos->rate);
        mpq_set(p->contract_rate, pos->contract_rate);
        p->dpd = pos->dpd;
        p->tier = pos->tier;
        if (pos->credit_held)
            warn(w, "credit_held",
                 "the borrower has unapplied credit; it is not counted here: use it as a down payment");
        w->original_maturity = pos->original_maturity;
        return copy_tail(&w->tail, &pos->tail, err);
    }
    pos->valid = 0;
    rp_status st = load_position(w, terms, events, err);
    if (st == RP_OK) {
        /* the original maturity, for Art. 12 */
        rp_schedule_t s;
        rp_schedule_init(&s);
        st = rp_schedule_build(&s, w->loan, w->rc, err);
        if (st == RP_OK)
            w->original_maturity = s.rows[s.count - 1].due_date;
        rp_schedule_clear(&s);
    }
    if (st == RP_OK)
        st = copy_tail(&pos->tail, &w->tail, err);
    if (st == RP_OK) {
        for (int c = 0; c < RP_COMPONENT_COUNT; c++) {
            mpq_set(pos->claim[c], p->claim[c]);
            mpq_set(pos->due_now[c], w->due_now[c]);
        }
        mpq_set(pos->claim_total, p->claim_total);
        mpq_set(pos->accrued, w->accrued);
        mpq_set(pos->rate, w->rate);
        mpq_set(pos->contract_rate, p->contract_rate);
        pos->dpd = p->dpd;
        pos->tier = p->tier;
        pos->credit_held = p->warning_count > 0; /* credit_held is the only warning yet */
        pos->original_maturity = w->original_maturity;
        pos->loan = w->loan;
        pos->terms = terms;
        pos->events = events;
        pos->rc = w->rc;
        pos->date = w->date;
        pos->valid = 1;
    }
    return st;
}

static rp_status check_action(const work_t *w, const rp_action_t *a, int i, int shaped,
                              rp_error *err)
{
    if (shaped)
        return fail_at(err, RP_E_VALUE, i, NULL, "nothing can follow a freeze or a settlement");
    if ((a->type == RP_ACTION_FREEZE || a->type == RP_ACTION_SETTLE) && w->reshaped)
        return fail_at(err, RP_E_VALUE, i, NULL,
                       "freeze and settle replace the plan: only waive may come before them");
    switch (a->type) {
    case RP_ACTION_WAIVE:
        if ((mpq_sgn(a->amount) >= 0) == (mpq_sgn(a->share) >= 0))
            return fail_at(err, RP_E_VALUE, i, NULL, "a waiver takes amount or share");
        if (mpq_cmp_ui(a->share, 1, 1) > 0)
            return fail_at(err, RP_E_VALUE, i, "share", "a waiver cannot be more than 100%");
        if (mpq_sgn(a->amount) >= 0 && !rp_round_is_multiple(a->amount, w->rc))
            return fail_at(err, RP_E_VALUE, i, "amount", "amounts are whole rounding units");
        return RP_OK;
    case RP_ACTION_EXTEND:
        if ((a->periods > 0) == (a->date != RP_DATE_NONE))
            return fail_at(err, RP_E_VALUE, i, NULL, "extend takes periods or maturity");
        if (a->method == RP_METHOD_BULLET)
            return fail_at(err, RP_E_VALUE, i, "method", "an extension does not become a bullet");
        return RP_OK;
    case RP_ACTION_DEFER:
        if (a->periods < 1)
            return fail_at(err, RP_E_VALUE, i, "installments", "defer needs installments ≥ 1");
        return RP_OK;
    case RP_ACTION_RATE:
        if (mpq_sgn(a->rate) < 0)
            return fail_at(err, RP_E_MISSING, i, "rate", "a rate action needs the new rate");
        return RP_OK;
    case RP_ACTION_FREEZE:
        if (a->periods < 1)
            return fail_at(err, RP_E_VALUE, i, "installments", "freeze needs installments ≥ 1");
        if (mpq_sgn(a->fee) >= 0 && mpq_sgn(a->fee_share) >= 0)
            return fail_at(err, RP_E_VALUE, i, "fee", "give fee or fee_share, not both");
        if (a->keep == 0)
            return fail_at(err, RP_E_VALUE, i, "keep", "keep at least one component");
        return RP_OK;
    case RP_ACTION_SETTLE:
        if ((mpq_sgn(a->amount) >= 0) == (mpq_sgn(a->share) >= 0))
            return fail_at(err, RP_E_VALUE, i, NULL, "a settlement takes amount or discount");
        if (mpq_cmp_ui(a->share, 1, 1) >= 0)
            return fail_at(err, RP_E_VALUE, i, "discount", "a discount must be below 100%");
        if (mpq_sgn(a->amount) >= 0 && !rp_round_is_multiple(a->amount, w->rc))
            return fail_at(err, RP_E_VALUE, i, "amount", "amounts are whole rounding units");
        return RP_OK;
    default:
        return RP_OK;
    }
}

rp_status rp_restructure(rp_plan_t *out, const rp_loan_t *loan, const rp_terms_t *terms,
                         const rp_events_t *events, rp_date_t date, const rp_actions_t *actions,
                         const rp_round_t *rc, rp_error *err)
{
    rp_position_t pos;
    rp_position_init(&pos);
    rp_status st = rp_restructure_from(out, &pos, loan, terms, events, date, actions, rc, err);
    rp_position_clear(&pos);
    return st;
}

rp_status rp_restructure_from(rp_plan_t *out, rp_position_t *pos, const rp_loan_t *loan,
                              const rp_terms_t *terms, const rp_events_t *events, rp_date_t date,
                              const rp_actions_t *actions, const rp_round_t *rc, rp_error *err)
{
    rp_plan_t plan;
    rp_plan_init(&plan);
    plan.date = date;
    work_t w;
    memset(&w, 0, sizeof w);
    w.loan = loan;
    w.rc = rc;
    w.date = date;
    w.plan = &plan;
    w.rule = loan;
    w.method = loan->method;
    w.periods_per_year = rp_frequency_per_year(loan->frequency);
    w.original_maturity = RP_DATE_NONE;
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_init(w.due_now[c]);
    mpq_inits(w.accrued, w.rate, NULL);
    rp_tail_init(&w.tail);
    /* the date rule for installments anchored on the restructure date */
    rp_loan_init(&w.date_rule);
    mpq_set(w.date_rule.principal, loan->principal);
    mpq_set(w.date_rule.periodic_fee, loan->periodic_fee);
    w.date_rule.term = loan->term;
    w.date_rule.frequency = loan->frequency;
    w.date_rule.day_count = loan->day_count;
    w.date_rule.daily_basis = loan->daily_basis;

    rp_status st = position(&w, pos, terms, events, err);
    int shaped = 0;
    for (int i = 0; st == RP_OK && i < actions->count; i++) {
        const rp_action_t *a = &actions->items[i];
        st = check_action(&w, a, i, shaped, err);
        if (st != RP_OK)
            break;
        switch (a->type) {
        case RP_ACTION_WAIVE:
            st = act_waive(&w, a, i, err);
            break;
        case RP_ACTION_EXTEND:
            st = act_extend(&w, a, i, err);
            break;
        case RP_ACTION_DEFER:
            st = act_defer(&w, a, i, err);
            break;
        case RP_ACTION_REAMORTIZE:
            st = act_reamortize(&w, i, err);
            break;
        case RP_ACTION_RATE:
            st = act_rate(&w, a, i, err);
            break;
        case RP_ACTION_FREEZE:
            st = act_freeze(&w, a, i, err);
            shaped = 1;
            break;
        case RP_ACTION_SETTLE:
            st = act_settle(&w, a, i, err);
            shaped = 1;
            break;
        default:
            break;
        }
        if (a->type != RP_ACTION_WAIVE)
            w.reshaped = 1;
    }
    if (st == RP_OK)
        st = rp_plan_finish(&plan, &w, err);
    if (st == RP_OK)
        st = rp_plan_verify(&plan, rc, err);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_clear(w.due_now[c]);
    mpq_clears(w.accrued, w.rate, NULL);
    rp_tail_clear(&w.tail);
    rp_loan_clear(&w.date_rule);
    if (st == RP_OK) {
        rp_plan_clear(out);
        *out = plan; /* moves the rows and limbs */
    } else {
        rp_plan_clear(&plan);
    }
    return st;
}
