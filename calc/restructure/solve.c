/*
 * solve.c — the negotiation solver: the plan that fits a goal.
 *
 * Every candidate is a full restructuring (the given actions, then the
 * solver's own), built and priced exactly. The searches run over whole
 * installments or whole rounding units by bisection; the answer is then
 * proved optimal by building its neighbour (one installment fewer, one
 * unit less waived, one unit less paid) and showing that it fails.
 */
#include <string.h>

#include "base/internal.h"
#include "life.h"
#include "restructure.h"

/* shortest_term without a term: the longest plan considered (30 years of
 * months, a mortgage's life). */
#define RP_SOLVER_HORIZON 360

const char *const rp_goal_names[RP_GOAL_COUNT] = {
    [RP_GOAL_SHORTEST_TERM] = "shortest_term",
    [RP_GOAL_SMALLEST_WAIVER] = "smallest_waiver",
    [RP_GOAL_PAYMENT_FOR_TERM] = "payment_for_term",
    [RP_GOAL_MAX_DISCOUNT] = "max_discount",
};


void rp_goal_init(rp_goal_t *g)
{
    memset(g, 0, sizeof *g);
    mpq_inits(g->capacity, g->rate, g->min_recovery, NULL);
    mpq_set_si(g->capacity, -1, 1);
    mpq_set_si(g->rate, -1, 1);
    mpq_set_si(g->min_recovery, -1, 1);
    g->freeze = 1;
    g->keep = (1u << RP_PRINCIPAL) | (1u << RP_INTEREST);
    memcpy(g->order, rp_waive_order, sizeof rp_waive_order);
    g->method = -1;
    g->installments = 1;
}

void rp_goal_clear(rp_goal_t *g)
{
    mpq_clears(g->capacity, g->rate, g->min_recovery, NULL);
}

void rp_solution_init(rp_solution_t *s)
{
    s->feasible = 0;
    s->has_neighbour = 0;
    rp_actions_init(&s->actions);
    rp_plan_init(&s->plan);
    rp_pricing_init(&s->price);
    rp_plan_init(&s->neighbour);
    rp_pricing_init(&s->neighbour_price);
    mpq_inits(s->waiver, s->settlement, NULL);
}

void rp_solution_clear(rp_solution_t *s)
{
    rp_actions_clear(&s->actions);
    rp_plan_clear(&s->plan);
    rp_pricing_clear(&s->price);
    rp_plan_clear(&s->neighbour);
    rp_pricing_clear(&s->neighbour_price);
    mpq_clears(s->waiver, s->settlement, NULL);
}

typedef struct solver {
    const rp_loan_t *loan;
    rp_date_t date;
    const rp_actions_t *given;
    const rp_goal_t *goal;
    mpq_srcptr discount;
    const rp_round_t *rc;
    int base_count;                   /* installments after the given actions */
    mpq_t left[RP_COMPONENT_COUNT];   /* owed after the given actions         */
    mpq_t left_total;
    rp_position_t *position;          /* the loan on the date, replayed once  */
} solver_t;

static void copy_action(rp_actions_t *to, const rp_action_t *a)
{
    rp_action_t *x = rp_actions_add(to, a->type);
    if (!x)
        return; /* full: the caller checks the count */
    x->given = a->given;
    x->component = a->component;
    x->periods = a->periods;
    x->date = a->date;
    x->method = a->method;
    x->strict = a->strict;
    x->interest = a->interest;
    x->keep = a->keep;
    x->card = a->card;
    x->days = a->days;
    mpq_set(x->amount, a->amount);
    mpq_set(x->share, a->share);
    mpq_set(x->rate, a->rate);
    mpq_set(x->fee, a->fee);
    mpq_set(x->fee_share, a->fee_share);
    mpq_set(x->down_payment, a->down_payment);
}

/* Builds and prices the given actions followed by extra. */
static rp_status build(const solver_t *S, const rp_actions_t *extra, rp_plan_t *plan,
                       rp_pricing_t *price, rp_error *err)
{
    rp_actions_t all;
    rp_actions_init(&all);
    for (int i = 0; i < S->given->count; i++)
        copy_action(&all, &S->given->items[i]);
    for (int i = 0; i < extra->count; i++)
        copy_action(&all, &extra->items[i]);
    rp_status st = RP_OK;
    if (all.count != S->given->count + extra->count)
        st = rp_fail(err, RP_E_RANGE, "actions", "at most %d actions with the solver's own",
                     RP_MAX_ACTIONS);
    if (st == RP_OK)
        st = rp_restructure_at(plan, S->position, S->loan, &all, S->rc, err);
    if (st == RP_OK)
        st = rp_plan_price(price, plan, S->discount ? S->discount : plan->contract_rate, S->rc, err);
    rp_actions_clear(&all);
    return st;
}

/* The solver's actions for a plan of `term` installments: extend up to
 * it, and spread the arrears over them. */
static void term_actions(const solver_t *S, rp_actions_t *out, int term)
{
    const rp_goal_t *g = S->goal;
    if (term > S->base_count) {
        rp_action_t *x = rp_actions_add(out, RP_ACTION_EXTEND);
        x->periods = term - S->base_count;
        x->method = g->method;
        mpq_set(x->rate, g->rate);
        if (mpq_sgn(g->rate) >= 0)
            x->given |= RP_HAS_RATE;
    } else if (mpq_sgn(g->rate) >= 0) {
        rp_action_t *x = rp_actions_add(out, RP_ACTION_RATE);
        mpq_set(x->rate, g->rate);
        x->given |= RP_HAS_RATE;
    }
    rp_actions_add(out, RP_ACTION_REAMORTIZE);
}

/* Waivers of w in the goal's order, then the plan over the goal's term. */
static void waiver_actions(const solver_t *S, rp_actions_t *out, const mpq_t w)
{
    const rp_goal_t *g = S->goal;
    mpq_t left, take;
    mpq_inits(left, take, NULL);
    mpq_set(left, w);
    for (int i = 0; i < RP_COMPONENT_COUNT && mpq_sgn(left) > 0; i++) {
        rp_component c = g->order[i];
        mpq_set(take, mpq_cmp(left, S->left[c]) < 0 ? left : S->left[c]);
        if (mpq_sgn(take) > 0) {
            rp_action_t *x = rp_actions_add(out, RP_ACTION_WAIVE);
            x->component = c;
            mpq_set(x->amount, take);
            x->given |= RP_HAS_AMOUNT;
            rp_qsub(left, left, take);
        }
    }
    if (mpq_cmp(w, S->left_total) < 0) { /* something is left to repay */
        if (g->freeze) {
            rp_action_t *x = rp_actions_add(out, RP_ACTION_FREEZE);
            x->periods = g->term;
            x->keep = g->keep;
        } else {
            term_actions(S, out, g->term);
        }
    }
    mpq_clears(left, take, NULL);
}

static void settle_actions(const solver_t *S, rp_actions_t *out, const mpq_t amount)
{
    rp_action_t *x = rp_actions_add(out, RP_ACTION_SETTLE);
    mpq_set(x->amount, amount);
    x->given |= RP_HAS_AMOUNT;
    x->periods = S->goal->installments;
    x->days = S->goal->days;
}

/* 1 if every payment of the plan is within the capacity. */
static int fits(const rp_plan_t *p, const mpq_t capacity)
{
    for (int k = 0; k < p->count; k++)
        if (mpq_cmp(p->rows[k].payment, capacity) > 0)
            return 0;
    return 1;
}

typedef struct trial {
    rp_actions_t actions;
    rp_plan_t plan;
    rp_pricing_t price;
    int ok;                   /* meets the goal */
} trial_t;

static void trial_init(trial_t *t)
{
    rp_actions_init(&t->actions);
    rp_plan_init(&t->plan);
    rp_pricing_init(&t->price);
    t->ok = 0;
}

static void trial_clear(trial_t *t)
{
    rp_actions_clear(&t->actions);
    rp_plan_clear(&t->plan);
    rp_pricing_clear(&t->price);
}

/* Runs the candidate with parameter k (installments, or units of money:
 * exact at any unit, so an mpz). */
static rp_status attempt(const solver_t *S, trial_t *t, const mpz_t k, rp_error *err)
{
    trial_clear(t);
    trial_init(t);
    const rp_goal_t *g = S->goal;
    mpq_t x;
    mpq_init(x);
    mpq_set_z(x, k);
    mpq_mul(x, x, S->rc->unit);
    switch (g->type) {
    case RP_GOAL_SHORTEST_TERM:
    case RP_GOAL_PAYMENT_FOR_TERM:
        term_actions(S, &t->actions, (int)mpz_get_si(k)); /* ≤ RP_MAX_TERM */
        break;
    case RP_GOAL_SMALLEST_WAIVER:
        waiver_actions(S, &t->actions, x);
        break;
    case RP_GOAL_MAX_DISCOUNT:
    default:
        settle_actions(S, &t->actions, x);
        break;
    }
    rp_status st = build(S, &t->actions, &t->plan, &t->price, err);
    if (st == RP_OK) {
        if (g->type == RP_GOAL_MAX_DISCOUNT)
            t->ok = mpq_cmp(t->price.recovery, g->min_recovery) >= 0;
        else if (g->type == RP_GOAL_PAYMENT_FOR_TERM)
            t->ok = 1;
        else
            t->ok = fits(&t->plan, g->capacity);
    }
    mpq_clear(x);
    return st;
}

static void take(rp_solution_t *out, trial_t *t, int neighbour)
{
    if (neighbour) {
        rp_plan_t p = out->neighbour;
        out->neighbour = t->plan;
        t->plan = p;
        rp_pricing_t q = out->neighbour_price;
        out->neighbour_price = t->price;
        t->price = q;
        out->has_neighbour = 1;
        return;
    }
    rp_actions_t a = out->actions;
    out->actions = t->actions;
    t->actions = a;
    rp_plan_t p = out->plan;
    out->plan = t->plan;
    t->plan = p;
    rp_pricing_t q = out->price;
    out->price = t->price;
    t->price = q;
}

static rp_status check_goal(const solver_t *S, rp_error *err)
{
    const rp_goal_t *g = S->goal;
    for (int i = 0; i < S->given->count; i++)
        if (S->given->items[i].type == RP_ACTION_FREEZE || S->given->items[i].type == RP_ACTION_SETTLE)
            return rp_fail(err, RP_E_VALUE, "goal.actions", "the solver builds the plan: give only waive, "
                                                            "extend, defer, reamortize or rate actions");
    switch (g->type) {
    case RP_GOAL_SHORTEST_TERM:
    case RP_GOAL_SMALLEST_WAIVER:
        if (mpq_sgn(g->capacity) <= 0)
            return rp_fail(err, RP_E_VALUE, "goal.capacity", "capacity must be greater than 0");
        if (g->type == RP_GOAL_SMALLEST_WAIVER && g->term < 1)
            return rp_fail(err, RP_E_MISSING, "goal.term", "smallest_waiver needs term (installments)");
        if (g->type == RP_GOAL_SMALLEST_WAIVER && g->freeze && g->term > RP_MAX_TERM)
            return rp_fail(err, RP_E_RANGE, "goal.term", "term must be at most %d", RP_MAX_TERM);
        return RP_OK;
    case RP_GOAL_PAYMENT_FOR_TERM:
        if (g->term < 1)
            return rp_fail(err, RP_E_MISSING, "goal.term", "payment_for_term needs term");
        return RP_OK;
    case RP_GOAL_MAX_DISCOUNT:
    default:
        if (mpq_sgn(g->min_recovery) <= 0 || mpq_cmp_ui(g->min_recovery, 1, 1) > 0)
            return rp_fail(err, RP_E_VALUE, "goal.min_recovery",
                           "min_recovery must be above 0 and at most 100%%");
        return RP_OK;
    }
}

/* The plan after the given actions alone: how many installments it has
 * and what is left to repay, by component — where every search starts. */
static rp_status base_plan(solver_t *S, trial_t *t, rp_error *err)
{
    rp_actions_t none;
    rp_actions_init(&none);
    rp_status st = build(S, &none, &t->plan, &t->price, err);
    rp_actions_clear(&none);
    if (st != RP_OK)
        return st;
    S->base_count = rp_plan_installments(&t->plan);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++) {
        rp_qsub(S->left[c], t->plan.claim[c], t->plan.waived[c]);
        rp_qadd(S->left_total, S->left_total, S->left[c]);
    }
    if (mpq_sgn(S->left_total) == 0)
        return rp_fail(err, RP_E_VALUE, "date", "nothing is owed on the date: there is nothing to solve");
    return RP_OK;
}

/* The search range, in installments or whole units of money: the larger
 * k, the easier the goal; floor_k the smallest k a proof may step to. */
static rp_status search_range(const solver_t *S, mpz_t lo, mpz_t hi, mpz_t floor_k, rp_error *err)
{
    const rp_goal_t *goal = S->goal;
    int fewest = S->base_count > 1 ? S->base_count : 1;
    switch (goal->type) {
    case RP_GOAL_SHORTEST_TERM:
        mpz_set_si(lo, fewest);
        mpz_set_si(floor_k, fewest);
        mpz_set_si(hi, goal->term > 0 ? goal->term : RP_SOLVER_HORIZON);
        if (mpz_cmp_si(hi, RP_MAX_TERM) > 0)
            return rp_fail(err, RP_E_RANGE, "goal.term", "term must be at most %d", RP_MAX_TERM);
        if (mpz_cmp(hi, lo) < 0)
            return rp_fail(err, RP_E_VALUE, "goal.term",
                           "the longest term asked for is shorter than the %d installments "
                           "already planned",
                           S->base_count);
        return RP_OK;
    case RP_GOAL_PAYMENT_FOR_TERM:
        if (goal->term < S->base_count || goal->term > RP_MAX_TERM)
            return rp_fail(err, RP_E_VALUE, "goal.term",
                           "term must be between the %d installments already planned and %d",
                           S->base_count, RP_MAX_TERM);
        mpz_set_si(lo, goal->term);
        mpz_set_si(hi, goal->term);
        mpz_set(floor_k, hi); /* nothing to prove: the term is given */
        return RP_OK;
    default: {
        /* money, in whole units: waiver 0 … all; settlement 1 unit … all */
        mpq_t units;
        mpq_init(units);
        mpq_div(units, S->left_total, S->rc->unit);
        mpz_set(hi, mpq_numref(units)); /* a whole number: amounts are in units */
        mpz_set_si(lo, goal->type == RP_GOAL_MAX_DISCOUNT ? 1 : 0);
        mpz_set(floor_k, lo);
        mpq_clear(units);
        return RP_OK;
    }
    }
}

/* Bisection over [lo, hi] (hi fits; the easiest candidate is tried first:
 * if it fails, nothing fits), then the proof: one step better fails — if
 * rounding broke monotony, step on. The parameter found is left in hi. */
static rp_status search(const solver_t *S, rp_solution_t *sol, trial_t *t, mpz_t lo, mpz_t hi,
                        const mpz_t floor_k, rp_error *err)
{
    mpz_t mid;
    mpz_init(mid);
    rp_status st = attempt(S, t, hi, err);
    if (st == RP_OK) {
        sol->feasible = t->ok;
        take(sol, t, 0);
    }
    while (st == RP_OK && sol->feasible && mpz_cmp(lo, hi) < 0) {
        mpz_sub(mid, hi, lo);
        mpz_fdiv_q_2exp(mid, mid, 1);
        mpz_add(mid, mid, lo);
        st = attempt(S, t, mid, err);
        if (st == RP_OK && t->ok) {
            mpz_set(hi, mid);
            take(sol, t, 0);
        } else if (st == RP_OK) {
            mpz_add_ui(lo, mid, 1);
        }
    }
    while (st == RP_OK && sol->feasible && mpz_cmp(hi, floor_k) > 0) {
        mpz_sub_ui(mid, hi, 1);
        st = attempt(S, t, mid, err);
        if (st == RP_OK && !t->ok) {
            take(sol, t, 1);
            break;
        }
        if (st == RP_OK) { /* not monotone here: the smaller one fits too */
            mpz_set(hi, mid);
            take(sol, t, 0);
        }
    }
    mpz_clear(mid);
    return st;
}

rp_status rp_solve(rp_solution_t *out, const rp_loan_t *loan, const rp_terms_t *terms,
                   const rp_events_t *events, rp_date_t date, const rp_actions_t *given,
                   const rp_goal_t *goal, mpq_srcptr discount_rate, const rp_round_t *rc,
                   rp_error *err)
{
    rp_position_t position;
    rp_position_init(&position);
    solver_t S = {.loan = loan, .date = date, .given = given, .goal = goal,
                  .discount = discount_rate, .rc = rc, .base_count = 0, .position = &position};
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_init(S.left[c]);
    mpq_init(S.left_total);
    rp_solution_t sol;
    rp_solution_init(&sol);
    trial_t t;
    trial_init(&t);
    mpz_t lo, hi, floor_k;
    mpz_inits(lo, hi, floor_k, NULL);
    rp_status st = check_goal(&S, err);
    if (st == RP_OK) /* the loan on the date, replayed once for every candidate */
        st = rp_life_position(&position, NULL, loan, terms, events, date, rc, err);
    if (st == RP_OK)
        st = base_plan(&S, &t, err);
    if (st == RP_OK)
        st = search_range(&S, lo, hi, floor_k, err);
    if (st == RP_OK)
        st = search(&S, &sol, &t, lo, hi, floor_k, err);
    if (st == RP_OK) {
        /* the amount found: a waiver, or a settlement */
        mpq_t found;
        mpq_init(found);
        mpq_set_z(found, hi);
        mpq_mul(found, found, rc->unit);
        if (goal->type == RP_GOAL_MAX_DISCOUNT)
            mpq_set(sol.settlement, found);
        else if (goal->type == RP_GOAL_SMALLEST_WAIVER)
            mpq_set(sol.waiver, found);
        mpq_clear(found);
    }
    mpz_clears(lo, hi, floor_k, NULL);
    trial_clear(&t);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_clear(S.left[c]);
    mpq_clear(S.left_total);
    rp_position_clear(&position);
    if (st == RP_OK) {
        rp_solution_clear(out);
        *out = sol;
    } else {
        rp_solution_clear(&sol);
    }
    return st;
}
