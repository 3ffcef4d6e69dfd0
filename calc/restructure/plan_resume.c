/*
 * plan_resume.c — a plan's rows as the statement engine takes them up
 * after the agreement (rp_resume_t): each row due by component.
 *
 * A row's arrears are one amount in the plan; here they are split back
 * into the components they came from. What the plan carries of each
 * component is what was owed on the date less what was waived (interest:
 * less the interest kept in the first installment, which is the period's
 * interest up to the date); the rows take it in the order the loan's
 * payments go (its allocation), earliest row first — so the first
 * installments carry what a payment would have reached first.
 */
#include "restructure.h"

/* What the plan carries of each component as arrears. */
static rp_status carried_amounts(mpq_t *out, const rp_plan_t *p, rp_error *err)
{
    mpq_t sum;
    mpq_init(sum);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++) {
        mpq_set_ui(out[c], 0, 1);
        if (c == RP_PRINCIPAL)
            continue;
        rp_qsub(out[c], p->claim[c], p->waived[c]);
        if (c == RP_INTEREST)
            rp_qsub(out[c], out[c], p->interest_kept);
        rp_qadd(sum, sum, out[c]);
    }
    rp_status st = RP_OK;
    if (!mpq_equal(sum, p->total_arrears))
        st = rp_fail(err, RP_E_INTERNAL, NULL,
                     "plan self-check failed: the arrears by component do not add up to the rows'");
    for (int c = 0; c < RP_COMPONENT_COUNT && st == RP_OK; c++)
        if (mpq_sgn(out[c]) < 0)
            st = rp_fail(err, RP_E_INTERNAL, NULL,
                         "plan self-check failed: a component is carried below zero");
    mpq_clear(sum);
    return st;
}

rp_status rp_plan_resume(rp_resume_t *out, const rp_plan_t *p, int number,
                         const rp_allocation_t *order, const rp_position_t *pos, rp_error *err)
{
    mpq_t left[RP_COMPONENT_COUNT], need, take;
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_init(left[c]);
    mpq_inits(need, take, NULL);
    rp_status st = carried_amounts(left, p, err);
    if (st == RP_OK)
        st = rp_resume_rows(out, p->count, err);
    if (st == RP_OK) {
        out->date = p->date;
        out->plan = number;
        mpq_set(out->rate, p->annual_rate);
        mpq_set(out->penalties_posted, pos->penalties_posted);
        mpq_set(out->late_fees, pos->late_fees);
        mpq_set(out->credit, pos->credit);
    }
    int kept = 0; /* the interest kept is in the first installment after the date */
    for (int k = 0; k < p->count && st == RP_OK; k++) {
        const rp_plan_row_t *r = &p->rows[k];
        rp_resume_row_t *row = &out->rows[k];
        row->n = r->n;
        row->due_date = r->due_date;
        row->period_start = k > 0 && p->rows[k - 1].n > 0 ? p->rows[k - 1].due_date : p->date;
        mpq_set(row->due[RP_PRINCIPAL], r->principal);
        mpq_set(row->interest_new, r->interest);
        if (r->n > 0 && !kept) {
            kept = 1;
            rp_qsub(row->interest_new, row->interest_new, p->interest_kept);
            mpq_set(row->carried[RP_INTEREST], p->interest_kept);
            if (mpq_sgn(row->interest_new) < 0)
                st = rp_fail(err, RP_E_INTERNAL, NULL,
                             "plan self-check failed: the interest kept exceeds the first installment's");
        }
        mpq_set(need, r->arrears);
        for (int i = 0; i < RP_COMPONENT_COUNT && mpq_sgn(need) > 0; i++) {
            rp_component c = order->order[i];
            if (c == RP_PRINCIPAL)
                continue;
            mpq_set(take, mpq_cmp(need, left[c]) < 0 ? need : left[c]);
            rp_qadd(row->carried[c], row->carried[c], take);
            rp_qsub(left[c], left[c], take);
            rp_qsub(need, need, take);
        }
        if (mpq_sgn(need) != 0)
            st = rp_fail(err, RP_E_INTERNAL, NULL,
                         "plan self-check failed: a row's arrears exceed what the plan carries");
        for (int c = 0; c < RP_COMPONENT_COUNT; c++)
            if (c != RP_PRINCIPAL)
                mpq_set(row->due[c], row->carried[c]);
        rp_qadd(row->due[RP_INTEREST], row->due[RP_INTEREST], row->interest_new);
        rp_qadd(row->due[RP_FEE], row->due[RP_FEE], r->fee);
    }
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_clear(left[c]);
    mpq_clears(need, take, NULL);
    return st;
}
