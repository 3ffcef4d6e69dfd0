/*
 * re_age.c — re-aging (Fineract's "re-age"): what is overdue on the date,
 * by component, moved to new installments after the last one, so that the
 * days past due count again from their due dates. The arrears bear no
 * interest where they are moved to (Fineract moves them the same way); the
 * statement keeps the contractual days past due beside the re-aged ones.
 */
#include "restructure.h"

rp_status rp_act_re_age(work_t *w, const rp_action_t *a, int i, rp_error *err)
{
    int count = a->periods > 0 ? a->periods : 1;
    mpq_t other;
    mpq_init(other);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        if (c != RP_PRINCIPAL)
            rp_qadd(other, other, w->due_now[c]);
    rp_status st = RP_OK;
    if (mpq_sgn(other) == 0 && mpq_sgn(w->due_now[RP_PRINCIPAL]) == 0)
        st = rp_work_fail(err, RP_E_VALUE, i, NULL, "re_age: nothing is overdue on the date");
    if (st == RP_OK && w->tail.count + count > RP_MAX_TERM)
        st = rp_work_fail(err, RP_E_RANGE, i, "installments",
                          "a plan has at most " RP_XSTR(RP_MAX_TERM) " installments");
    rp_date_t previous = w->date;
    int n = 0;
    if (st == RP_OK && w->tail.count == 0) { /* matured: new installments from the date */
        rp_loan_t *rule = &w->date_rule;
        rule->start_date = w->date;
        rule->first_due_date = RP_DATE_NONE;
        rule->frequency = w->loan->frequency;
        w->rule = rule;
    } else if (st == RP_OK) {
        previous = w->tail.rows[w->tail.count - 1].due;
        n = w->tail.rows[w->tail.count - 1].n;
    }
    spread_t to_principal, to_arrears;
    rp_spread_init(&to_principal, w->due_now[RP_PRINCIPAL], count, w->rc);
    rp_spread_init(&to_arrears, other, count, w->rc);
    for (int k = 0; k < count && st == RP_OK; k++) {
        tail_row_t *row;
        st = rp_tail_push(&w->tail, &row, err);
        if (st != RP_OK)
            break;
        row->n = n + k + 1;
        row->start = previous;
        st = rp_loan_due_date(&row->due, w->rule, row->n, err);
        if (st != RP_OK) {
            st = rp_work_fail(err, RP_E_RANGE, i, "installments", "re_age moves a date past 2200");
            break;
        }
        previous = row->due;
        mpq_set(row->principal, rp_spread_at(&to_principal, k));
        mpq_set(row->arrears, rp_spread_at(&to_arrears, k));
    }
    if (st == RP_OK) {
        for (int c = 0; c < RP_COMPONENT_COUNT; c++)
            mpq_set_ui(w->due_now[c], 0, 1);
        w->plan->re_aged = count;
        w->plan->re_aged_from = w->oldest_due;
    }
    rp_spread_clear(&to_principal);
    rp_spread_clear(&to_arrears);
    mpq_clear(other);
    return st;
}
