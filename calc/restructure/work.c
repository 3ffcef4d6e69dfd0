/*
 * work.c — the work in progress of a restructuring, and what every action
 * does to it: what is owed of a component now, rebuilding the installments
 * to come, splitting a debt into whole units, a plan of new installments.
 */
#include <stdio.h>
#include <string.h>

#include "restructure.h"

void rp_work_warn(work_t *w, const char *code, const char *message)
{
    rp_warning_add_once(w->plan->warnings, &w->plan->warning_count, code, message);
}

/* err with the action's path. */
rp_status rp_work_fail(rp_error *err, rp_status st, int index, const char *field,
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
void rp_work_owed(mpq_t out, const work_t *w, rp_component c)
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
void rp_work_settle_accrued(work_t *w)
{
    if (w->tail.count == 0 && mpq_sgn(w->accrued) != 0) {
        rp_qadd(w->due_now[RP_INTEREST], w->due_now[RP_INTEREST], w->accrued);
        mpq_set_ui(w->accrued, 0, 1);
    }
}

/* A loan with nothing to come: new installments are anchored on the date. */
rp_status rp_work_anchor_on_date(work_t *w, rp_frequency frequency, rp_error *err)
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

rp_status rp_work_check_rebuild(const work_t *w, rp_method method, int count, rp_error *err)
{
    if (method != RP_METHOD_CUSTOM || count < 2 || !w->action)
        return RP_OK;
    int extend = w->action->type == RP_ACTION_EXTEND;
    return rp_work_fail(err, RP_E_VALUE, w->action_index,
                        extend && w->action->method >= 0 ? "method" : NULL,
                        extend ? RP_CUSTOM_NOT_REBUILT "give extend a method, e.g. annuity"
                               : RP_CUSTOM_NOT_REBUILT "extend with a method (e.g. annuity) first");
}

/* Re-amortizes the installments to come from the first: balance at rate
 * by method over count rows. The first keeps the interest already accrued
 * to the date; the new terms apply to its days after the date. */
rp_status rp_work_rebuild(work_t *w, mpq_srcptr balance, int count, mpq_srcptr rate,
                         rp_method method, mpq_srcptr level, rp_error *err)
{
    rp_status st = rp_work_check_rebuild(w, method, count, err);
    if (st == RP_OK)
        st = rp_tail_rebuild(&w->tail, 0, count, balance, rate, method, level, NULL, w->rule,
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
rp_status rp_work_lower_principal(work_t *w, mpq_srcptr x, rp_error *err)
{
    mpq_t left;
    mpq_init(left);
    rp_tail_principal(left, &w->tail, 0);
    rp_qsub(left, left, x);
    rp_status st = RP_OK;
    if (mpq_sgn(left) == 0) {
        rp_tail_truncate(&w->tail, 0);
        rp_work_settle_accrued(w);
    } else {
        st = rp_work_rebuild(w, left, w->tail.count, w->rate, w->method, NULL, err);
    }
    mpq_clear(left);
    return st;
}

void rp_spread_init(spread_t *s, const mpq_t x, int count, const rp_round_t *rc)
{
    mpq_inits(s->each, s->last, NULL);
    s->count = count;
    if (count <= 0)
        return; /* no share to ask for */
    rp_round_t down = *rc;
    down.mode = RP_ROUND_DOWN;
    mpq_set_ui(s->each, (unsigned long)count, 1);
    mpq_div(s->each, x, s->each);
    rp_round(s->each, s->each, &down);
    mpq_set_ui(s->last, (unsigned long)(count - 1), 1);
    mpq_mul(s->last, s->last, s->each);
    rp_qsub(s->last, x, s->last);
}

mpq_srcptr rp_spread_at(const spread_t *s, int index)
{
    return index < s->count - 1 ? s->each : s->last;
}

void rp_spread_clear(spread_t *s)
{
    mpq_clears(s->each, s->last, NULL);
}

/* The amounts a freeze or settlement starts from, by component. */
void rp_work_remaining(mpq_t *amount, const work_t *w)
{
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        rp_work_owed(amount[c], w, (rp_component)c);
}

/* Replaces the plan by `count` installments paying principal p and other
 * debt a (others first), the first due on `first` and then monthly; a
 * first due on the date itself is row 0. fee per installment. */
rp_status rp_work_terminal_rows(work_t *w, const mpq_t p, const mpq_t a, int count, rp_date_t first,
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
    spread_t spread;
    rp_spread_init(&spread, total, count, w->rc);
    rp_status st = RP_OK;
    for (int k = 0; k < count && st == RP_OK; k++) {
        mpq_set(part, rp_spread_at(&spread, k));
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
    rp_spread_clear(&spread);
    mpq_clears(total, part, left_a, each, NULL);
    return st;
}
