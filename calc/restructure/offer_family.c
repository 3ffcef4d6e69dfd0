/*
 * offer_family.c — a candidate of one of the offer goal's families
 * (offer_family.h): its actions for parameter k, built, priced and judged
 * against the capacity, the term and the law.
 */
#include "offer_family.h"

/* Waivers of w over what may be waived, in the order of willingness. */
static void add_waivers(const solver_t *S, rp_actions_t *out, const mpq_t w)
{
    mpq_t left, take;
    mpq_inits(left, take, NULL);
    mpq_set(left, w);
    for (int i = 0; i < RP_COMPONENT_COUNT && mpq_sgn(left) > 0; i++) {
        rp_component c = rp_waive_order[i];
        if (!(S->goal->waivable & (1u << c)))
            continue;
        mpq_set(take, mpq_cmp(left, S->left[c]) < 0 ? left : S->left[c]);
        if (mpq_sgn(take) > 0) {
            rp_action_t *x = rp_actions_add(out, RP_ACTION_WAIVE);
            x->component = c;
            mpq_set(x->amount, take);
            x->given |= RP_HAS_AMOUNT;
            rp_qsub(left, left, take);
        }
    }
    mpq_clears(left, take, NULL);
}

static void family_actions(const family_t *F, rp_actions_t *out, const mpz_t k)
{
    const solver_t *S = F->S;
    const rp_goal_t *g = S->goal;
    mpq_t x;
    mpq_init(x);
    mpq_set_z(x, k);
    mpq_mul(x, x, S->rc->unit);
    switch (F->which) {
    case RP_FAMILY_EXTEND: {
        int term = F->stage == 0 ? (int)mpz_get_si(k) : F->term;
        if (F->stage == 1)
            add_waivers(S, out, x);
        if (term > S->base_count)
            rp_actions_add(out, RP_ACTION_EXTEND)->periods = term - S->base_count;
        rp_actions_add(out, RP_ACTION_REAMORTIZE);
        break;
    }
    case RP_FAMILY_FREEZE: {
        rp_action_t *a = rp_actions_add(out, RP_ACTION_FREEZE);
        a->periods = (int)mpz_get_si(k);
        a->keep = ~g->waivable & ((1u << RP_COMPONENT_COUNT) - 1);
        a->keep |= 1u << RP_PRINCIPAL;
        a->card = g->card;
        if (mpq_sgn(g->down_payment) > 0) {
            mpq_set(a->down_payment, g->down_payment);
            a->given |= RP_HAS_DOWN_PAYMENT;
        }
        break;
    }
    case RP_FAMILY_SETTLE:
    default: {
        rp_action_t *a = rp_actions_add(out, RP_ACTION_SETTLE);
        mpq_set(a->amount, F->stage == 0 ? F->amount : x);
        a->given |= RP_HAS_AMOUNT;
        a->periods = F->term;
        break;
    }
    }
    mpq_clear(x);
}

/* Every payment fits: the one due on the date within the down payment
 * (or the capacity, without one), the others within the capacity. */
static int fits_capacity(const rp_goal_t *g, const rp_plan_t *p)
{
    for (int k = 0; k < p->count; k++) {
        mpq_srcptr most = p->rows[k].n == 0 && mpq_sgn(g->down_payment) >= 0 ? g->down_payment
                                                                              : g->capacity;
        if (mpq_cmp(p->rows[k].payment, most) > 0)
            return 0;
    }
    return 1;
}

int rp_offer_meets_floor(const rp_goal_t *g, const rp_pricing_t *price)
{
    if (mpq_sgn(g->min_recovery) > 0 && mpq_cmp(price->recovery, g->min_recovery) < 0)
        return 0;
    if (mpq_sgn(g->min_pv) > 0 && mpq_cmp(price->pv, g->min_pv) < 0)
        return 0;
    return 1;
}

/* Builds candidate k; t->ok: it fits the capacity, the term and the law
 * (the lender's floor is judged by the caller: it does not move with k
 * the same way). */
rp_status rp_offer_try(const family_t *F, trial_t *t, const mpz_t k, rp_error *err)
{
    rp_trial_clear(t);
    rp_trial_init(t);
    family_actions(F, &t->actions, k);
    rp_status st = rp_solver_build(F->S, &t->actions, &t->plan, &t->price, err);
    if (st != RP_OK && rp_status_exit_code(st) == 2) {
        /* a candidate the rules refuse (a card freeze past 60): not a plan */
        t->ok = 0;
        t->breaks = "refused";
        return RP_OK;
    }
    if (st == RP_OK) {
        const rp_goal_t *g = F->S->goal;
        t->breaks = rp_plan_breaks(&t->plan, g->allow);
        t->ok = !t->breaks && fits_capacity(g, &t->plan) &&
                (g->term <= 0 || rp_plan_installments(&t->plan) <= g->term);
    }
    return st;
}
