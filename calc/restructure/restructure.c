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
 *   settle      a discounted lump sum or short settlement (一次性结清);
 *   re_age      move the arrears to new installments after the last (re-age).
 *
 * freeze and settle shape the whole plan: only waivers may come before
 * them and nothing after. plan.c turns the result into rows and prices it.
 */
#include <string.h>

#include <stdio.h>

#include "restructure.h"

/* The work of a restructuring of loan on date, empty; work_close releases it. */
static void work_open(work_t *w, rp_plan_t *plan, const rp_loan_t *loan, rp_date_t date,
                      const rp_round_t *rc)
{
    memset(w, 0, sizeof *w);
    w->loan = loan;
    w->rc = rc;
    w->date = date;
    w->plan = plan;
    w->rule = loan;
    w->method = loan->method;
    w->periods_per_year = rp_frequency_per_year(loan->frequency);
    w->original_maturity = RP_DATE_NONE;
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_init(w->due_now[c]);
    mpq_inits(w->accrued, w->rate, NULL);
    rp_tail_init(&w->tail);
    /* the date rule for installments anchored on the restructure date */
    rp_loan_init(&w->date_rule);
    mpq_set(w->date_rule.principal, loan->principal);
    mpq_set(w->date_rule.periodic_fee, loan->periodic_fee);
    w->date_rule.term = loan->term;
    w->date_rule.frequency = loan->frequency;
    w->date_rule.day_count = loan->day_count;
    w->date_rule.daily_basis = loan->daily_basis;
}

static void work_close(work_t *w)
{
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_clear(w->due_now[c]);
    mpq_clears(w->accrued, w->rate, NULL);
    rp_tail_clear(&w->tail);
    rp_loan_clear(&w->date_rule);
}

/* The position into the work: it is the starting point the actions change. */
static rp_status take_position(work_t *w, const rp_position_t *pos, rp_error *err)
{
    rp_plan_t *p = w->plan;
    for (int c = 0; c < RP_COMPONENT_COUNT; c++) {
        mpq_set(p->claim[c], pos->claim[c]);
        mpq_set(w->due_now[c], pos->due_now[c]);
    }
    mpq_set(p->claim_total, pos->claim_total);
    mpq_set(w->accrued, pos->accrued);
    mpq_set(w->rate, pos->contract_rate);
    mpq_set(p->contract_rate, pos->contract_rate);
    p->dpd = pos->dpd;
    p->tier = pos->tier;
    w->oldest_due = pos->dpd > 0 ? pos->date - pos->dpd : RP_DATE_NONE;
    w->original_maturity = pos->original_maturity;
    if (pos->in_observation) {
        char message[200];
        snprintf(message, sizeof message,
                 "the loan is restructured and in its observation period: restructuring it again "
                 "makes it at least %s (《商业银行金融资产风险分类办法》 Art. 22) and restarts the period",
                 rp_tier_names_zh[pos->again_tier]);
        rp_work_warn(w, "restructured_again", message);
    }
    if (pos->credit_held)
        rp_work_warn(w, "credit_held",
                     "the borrower has unapplied credit; it is not counted here: use it as a down payment");
    rp_status st = rp_tail_copy(&w->tail, &pos->tail, err);
    rp_work_settle_accrued(w);
    return st;
}

rp_status rp_restructure_at(rp_plan_t *out, const rp_position_t *pos, const rp_loan_t *loan,
                            const rp_actions_t *actions, const rp_round_t *rc, rp_error *err)
{
    rp_plan_t plan;
    rp_plan_init(&plan);
    plan.date = pos->date;
    work_t w;
    work_open(&w, &plan, loan, pos->date, rc);
    rp_status st = take_position(&w, pos, err);
    int plan_replaced = 0;
    for (int i = 0; st == RP_OK && i < actions->count; i++) {
        const rp_action_t *a = &actions->items[i];
        w.action = a;
        w.action_index = i;
        st = rp_action_check(&w, a, i, plan_replaced, err);
        if (st != RP_OK)
            break;
        switch (a->type) {
        case RP_ACTION_WAIVE:
            st = rp_act_waive(&w, a, i, err);
            break;
        case RP_ACTION_EXTEND:
            st = rp_act_extend(&w, a, i, err);
            break;
        case RP_ACTION_DEFER:
            st = rp_act_defer(&w, a, i, err);
            break;
        case RP_ACTION_REAMORTIZE:
            st = rp_act_reamortize(&w, i, err);
            break;
        case RP_ACTION_RATE:
            st = rp_act_rate(&w, a, i, err);
            break;
        case RP_ACTION_FREEZE:
            st = rp_act_freeze(&w, a, i, err);
            plan_replaced = 1;
            break;
        case RP_ACTION_SETTLE:
            st = rp_act_settle(&w, a, i, err);
            plan_replaced = 1;
            break;
        case RP_ACTION_RE_AGE:
            st = rp_act_re_age(&w, a, i, err);
            break;
        default:
            break;
        }
        if (a->type != RP_ACTION_WAIVE)
            w.tail_changed = 1;
    }
    if (st == RP_OK)
        st = rp_plan_finish(&plan, &w, err);
    if (st == RP_OK)
        st = rp_plan_verify(&plan, rc, err);
    work_close(&w);
    if (st == RP_OK) {
        rp_plan_clear(out);
        *out = plan; /* moves the rows and limbs */
    } else {
        rp_plan_clear(&plan);
    }
    return st;
}
