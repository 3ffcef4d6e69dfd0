/*
 * solve.c — the negotiation solver: the plan that fits a goal.
 *
 * Every candidate is a full restructuring (the given actions, then the
 * solver's own), built and priced exactly. The searches run over whole
 * installments or whole rounding units by bisection; the answer is then
 * proved optimal by building its neighbour (one installment fewer, one
 * unit less waived, one unit less paid) and showing that it fails.
 */
#include <stdio.h>
#include <string.h>

#include "base/internal.h"
#include "life.h"
#include "restructure.h"
#include "statement/explain.h"

/* shortest_term without a term: the longest plan considered (30 years of
 * months, a mortgage's life). */
#define RP_SOLVER_HORIZON 360

const char *const rp_goal_names[RP_GOAL_COUNT] = {
    [RP_GOAL_SHORTEST_TERM] = "shortest_term",
    [RP_GOAL_SMALLEST_WAIVER] = "smallest_waiver",
    [RP_GOAL_PAYMENT_FOR_TERM] = "payment_for_term",
    [RP_GOAL_MAX_DISCOUNT] = "max_discount",
    [RP_GOAL_OFFER] = "offer",
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
    mpq_inits(g->down_payment, g->min_pv, NULL);
    mpq_set_si(g->down_payment, -1, 1);
    mpq_set_si(g->min_pv, -1, 1);
    /* what a lender waives first: the charges for lateness */
    g->waivable = (1u << RP_LATE_FEE) | (1u << RP_COMPOUND) | (1u << RP_PENALTY);
    g->families = (1u << RP_FAMILY_COUNT) - 1;
    g->objective = RP_OBJECTIVE_LENDER_PV;
}

void rp_goal_clear(rp_goal_t *g)
{
    mpq_clears(g->capacity, g->rate, g->min_recovery, g->down_payment, g->min_pv, NULL);
}

const char *rp_plan_breaks(const rp_plan_t *p, unsigned allow)
{
    for (int w = 0; w < p->warning_count; w++) {
        /* Static names: the answer outlives the trial plan it came from. */
        const char *code = p->warnings[w].code;
        if (!(allow & RP_ALLOW_ART12) && strcmp(code, "art12_limit") == 0)
            return "art12_limit";
        if (!(allow & RP_ALLOW_ART12) && strcmp(code, "art12_after_maturity") == 0)
            return "art12_after_maturity";
        if (!(allow & RP_ALLOW_OVER_60) && strcmp(code, "over_60_installments") == 0)
            return "over_60_installments";
    }
    return NULL;
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
    mpq_inits(s->waiver, s->settlement, s->shortfall, NULL);
    s->binding = NULL;
    s->limit = 0;
    s->why_zh[0] = s->why_en[0] = '\0';
}

void rp_solution_clear(rp_solution_t *s)
{
    rp_actions_clear(&s->actions);
    rp_plan_clear(&s->plan);
    rp_pricing_clear(&s->price);
    rp_plan_clear(&s->neighbour);
    rp_pricing_clear(&s->neighbour_price);
    mpq_clears(s->waiver, s->settlement, s->shortfall, NULL);
}


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
    x->max_days_late = a->max_days_late;
    mpq_set(x->amount, a->amount);
    mpq_set(x->share, a->share);
    mpq_set(x->rate, a->rate);
    mpq_set(x->fee, a->fee);
    mpq_set(x->fee_share, a->fee_share);
    mpq_set(x->down_payment, a->down_payment);
}

/* Builds and prices the given actions followed by extra. */
rp_status rp_solver_build(const solver_t *S, const rp_actions_t *extra, rp_plan_t *plan,
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
        st = rp_plan_value(price, plan, S->discount ? S->discount : plan->contract_rate, S->rc, err);
    rp_actions_clear(&all);
    return st;
}

rp_status rp_solution_aprs(rp_solution_t *s, rp_error *err)
{
    rp_status st = rp_plan_price_apr(&s->price, &s->plan, err);
    if (st == RP_OK && s->has_neighbour)
        st = rp_plan_price_apr(&s->neighbour_price, &s->neighbour, err);
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


void rp_trial_init(trial_t *t)
{
    rp_actions_init(&t->actions);
    rp_plan_init(&t->plan);
    rp_pricing_init(&t->price);
    t->ok = 0;
    t->breaks = NULL;
}

void rp_trial_clear(trial_t *t)
{
    rp_actions_clear(&t->actions);
    rp_plan_clear(&t->plan);
    rp_pricing_clear(&t->price);
}

/* Runs the candidate with parameter k (installments, or units of money:
 * exact at any unit, so an mpz). */
static rp_status attempt(const solver_t *S, trial_t *t, const mpz_t k, rp_error *err)
{
    rp_trial_clear(t);
    rp_trial_init(t);
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
    rp_status st = rp_solver_build(S, &t->actions, &t->plan, &t->price, err);
    if (st == RP_OK) {
        if (g->type == RP_GOAL_MAX_DISCOUNT)
            t->ok = mpq_cmp(t->price.recovery, g->min_recovery) >= 0;
        else if (g->type == RP_GOAL_PAYMENT_FOR_TERM)
            t->ok = 1;
        else
            t->ok = fits(&t->plan, g->capacity);
        t->breaks = rp_plan_breaks(&t->plan, g->allow);
        t->ok = t->ok && !t->breaks; /* a legal limit is never met by accident */
    }
    mpq_clear(x);
    return st;
}

void rp_solver_take(rp_solution_t *out, trial_t *t, int neighbour)
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

rp_status rp_goal_check(const rp_goal_t *g, const rp_actions_t *given, const rp_round_t *rc,
                        rp_error *err)
{
    for (int i = 0; i < given->count; i++)
        if (given->items[i].type == RP_ACTION_FREEZE || given->items[i].type == RP_ACTION_SETTLE ||
            given->items[i].type == RP_ACTION_RE_AGE)
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
    case RP_GOAL_OFFER:
        if (mpq_sgn(g->capacity) <= 0 || !rp_round_is_multiple(g->capacity, rc))
            return rp_fail(err, RP_E_VALUE, "goal.capacity",
                           "capacity must be greater than 0, in whole rounding units");
        if (mpq_sgn(g->min_recovery) >= 0 && (mpq_sgn(g->min_recovery) == 0 ||
                                              mpq_cmp_ui(g->min_recovery, 1, 1) > 0))
            return rp_fail(err, RP_E_VALUE, "goal.min_recovery",
                           "min_recovery must be above 0 and at most 100%%");
        if (mpq_sgn(g->min_pv) >= 0 && !rp_round_is_multiple(g->min_pv, rc))
            return rp_fail(err, RP_E_VALUE, "goal.min_pv", "min_pv must be in whole rounding units");
        if (mpq_sgn(g->down_payment) >= 0 && !rp_round_is_multiple(g->down_payment, rc))
            return rp_fail(err, RP_E_VALUE, "goal.down_payment",
                           "down_payment must be in whole rounding units");
        if (g->families == 0)
            return rp_fail(err, RP_E_VALUE, "goal.families", "give at least one family");
        return RP_OK;
    case RP_GOAL_MAX_DISCOUNT:
    default:
        if (mpq_sgn(g->min_recovery) <= 0 || mpq_cmp_ui(g->min_recovery, 1, 1) > 0)
            return rp_fail(err, RP_E_VALUE, "goal.min_recovery",
                           "min_recovery must be above 0 and at most 100%%");
        return RP_OK;
    }
}

rp_status rp_goal_check_custom(const rp_goal_t *g, const rp_actions_t *given,
                               const rp_loan_t *loan, rp_error *err)
{
    int method = (int)loan->method;
    for (int i = 0; i < given->count; i++) /* an extension given first may change it */
        if (given->items[i].type == RP_ACTION_EXTEND && given->items[i].method >= 0)
            method = given->items[i].method;
    if (method != RP_METHOD_CUSTOM)
        return RP_OK;
    switch (g->type) {
    case RP_GOAL_OFFER:
        if (g->families & (1u << RP_FAMILY_EXTEND))
            return rp_fail(err, RP_E_VALUE, "goal.families", RP_CUSTOM_NOT_REBUILT
                           "leave extend out of families, or extend with a method in goal.actions");
        return RP_OK;
    case RP_GOAL_SMALLEST_WAIVER: /* its waivers of principal rebuild too */
        return rp_fail(err, RP_E_VALUE, "goal.type", g->freeze
                           ? RP_CUSTOM_NOT_REBUILT "ask an offer with families [\"freeze\"]"
                           : RP_CUSTOM_NOT_REBUILT "extend with a method in goal.actions");
    case RP_GOAL_SHORTEST_TERM:
    case RP_GOAL_PAYMENT_FOR_TERM:
        if (g->method < 0 || g->method == RP_METHOD_CUSTOM)
            return rp_fail(err, RP_E_VALUE, "goal.method", RP_CUSTOM_NOT_REBUILT
                           "give goal.method, e.g. annuity");
        return RP_OK;
    default:
        return RP_OK;
    }
}

/* The plan after the given actions alone: how many installments it has
 * and what is left to repay, by component — where every search starts. */
void rp_solver_init(solver_t *S)
{
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_init(S->left[c]);
    mpq_init(S->left_total);
}

void rp_solver_clear(solver_t *S)
{
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_clear(S->left[c]);
    mpq_clear(S->left_total);
}

rp_status rp_solver_base(solver_t *S, trial_t *t, rp_error *err)
{
    rp_actions_t none;
    rp_actions_init(&none);
    rp_status st = rp_solver_build(S, &none, &t->plan, &t->price, err);
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
        rp_solver_take(sol, t, 0);
    }
    while (st == RP_OK && sol->feasible && mpz_cmp(lo, hi) < 0) {
        mpz_sub(mid, hi, lo);
        mpz_fdiv_q_2exp(mid, mid, 1);
        mpz_add(mid, mid, lo);
        st = attempt(S, t, mid, err);
        if (st == RP_OK && t->ok) {
            mpz_set(hi, mid);
            rp_solver_take(sol, t, 0);
        } else if (st == RP_OK) {
            mpz_add_ui(lo, mid, 1);
        }
    }
    while (st == RP_OK && sol->feasible && mpz_cmp(hi, floor_k) > 0) {
        mpz_sub_ui(mid, hi, 1);
        st = attempt(S, t, mid, err);
        if (st == RP_OK && !t->ok) {
            rp_solver_take(sol, t, 1);
            break;
        }
        if (st == RP_OK) { /* not monotone here: the smaller one fits too */
            mpz_set(hi, mid);
            rp_solver_take(sol, t, 0);
        }
    }
    mpz_clear(mid);
    return st;
}

/* shortest_term: the longest term no legal limit forbids, into hi (the
 * limits bind the larger terms: an extension beyond Art. 12's). 0 if
 * even the shortest is forbidden. */
static rp_status legal_ceiling(const solver_t *S, trial_t *t, const mpz_t lo, mpz_t hi, int *any,
                               rp_error *err)
{
    *any = 1;
    rp_status st = attempt(S, t, hi, err);
    if (st != RP_OK || !t->breaks)
        return st;
    st = attempt(S, t, lo, err);
    if (st != RP_OK || t->breaks) {
        *any = st == RP_OK ? 0 : 1;
        return st;
    }
    mpz_t a, b, mid;
    mpz_inits(a, b, mid, NULL);
    mpz_set(a, lo); /* allowed */
    mpz_set(b, hi); /* forbidden */
    while (st == RP_OK && mpz_cmp_ui(b, 0) > 0) {
        mpz_sub(mid, b, a);
        if (mpz_cmp_ui(mid, 1) <= 0)
            break;
        mpz_fdiv_q_2exp(mid, mid, 1);
        mpz_add(mid, mid, a);
        st = attempt(S, t, mid, err);
        mpz_set(t->breaks ? b : a, mid);
    }
    mpz_set(hi, a);
    mpz_clears(a, b, mid, NULL);
    return st;
}

void rp_solution_why(rp_solution_t *s, const rp_goal_t *g, unsigned allow, const rp_round_t *rc)
{
    const rp_plan_t *p = &s->plan;
    char a[48], b[48];
    int n = p->count; /* every payment, one due on the date included */
    s->limit = n;
    s->binding = rp_plan_breaks(p, allow);
    if (s->binding) {
        mpq_set_ui(s->shortfall, 0, 1);
        snprintf(s->why_zh, sizeof s->why_zh,
                 "方案违反%s（%s）；如确需突破，请在请求中明确 allow",
                 strncmp(s->binding, "art12", 5) == 0 ? "《贷款通则》第十二条展期期限"
                                                      : "60期（5年）分期上限",
                 s->binding);
        snprintf(s->why_en, sizeof s->why_en,
                 "the plan breaks %s (%s); it is offered only if the request allows it explicitly",
                 strncmp(s->binding, "art12", 5) == 0 ? "《贷款通则》 Art. 12's extension limits"
                                                      : "the 60-installment (5-year) rule",
                 s->binding);
        return;
    }
    mpq_t largest;
    mpq_init(largest);
    rp_plan_largest_payment(largest, p);
    if (mpq_sgn(g->capacity) > 0 && mpq_cmp(largest, g->capacity) > 0) {
        s->binding = "capacity";
        rp_qsub(s->shortfall, largest, g->capacity);
        rp_decimal_format(a, sizeof a, g->capacity, rc->places, rc->mode);
        rp_decimal_format(b, sizeof b, s->shortfall, rc->places, rc->mode);
        snprintf(s->why_zh, sizeof s->why_zh, "还款能力 %s 每期差 %s（%d期）", a, b, n);
        snprintf(s->why_en, sizeof s->why_en, "capacity %s is short by %s an installment over %d "
                 "installments", a, b, n);
    } else if (mpq_sgn(g->min_recovery) > 0 && mpq_cmp(s->price.recovery, g->min_recovery) < 0) {
        s->binding = "recovery";
        rp_qsub(s->shortfall, g->min_recovery, s->price.recovery);
        rp_explain_percent(a, sizeof a, g->min_recovery);
        rp_explain_percent(b, sizeof b, s->price.recovery);
        snprintf(s->why_zh, sizeof s->why_zh, "回收率 %s%% 低于要求的 %s%%", b, a);
        snprintf(s->why_en, sizeof s->why_en, "recovery %s%% is below the %s%% required", b, a);
    } else if (mpq_sgn(g->min_pv) > 0 && mpq_cmp(s->price.pv, g->min_pv) < 0) {
        s->binding = "pv";
        rp_qsub(s->shortfall, g->min_pv, s->price.pv);
        rp_decimal_format(b, sizeof b, s->shortfall, rc->places, rc->mode);
        snprintf(s->why_zh, sizeof s->why_zh, "现值比要求少 %s", b);
        snprintf(s->why_en, sizeof s->why_en, "the present value is %s short of the floor", b);
    }
    mpq_clear(largest);
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
    rp_solver_init(&S);
    rp_solution_t sol;
    rp_solution_init(&sol);
    trial_t t;
    rp_trial_init(&t);
    mpz_t lo, hi, floor_k;
    mpz_inits(lo, hi, floor_k, NULL);
    rp_status st = goal->type == RP_GOAL_OFFER
                       ? rp_fail(err, RP_E_VALUE, "goal.type", "an offer is solved by rp_solve_offer")
                       : rp_goal_check(goal, given, rc, err);
    if (st == RP_OK)
        st = rp_goal_check_custom(goal, given, loan, err);
    if (st == RP_OK) /* the loan on the date, replayed once for every candidate */
        st = rp_life_position(&position, NULL, loan, terms, events, date, rc, err);
    if (st == RP_OK)
        st = rp_solver_base(&S, &t, err);
    if (st == RP_OK)
        st = search_range(&S, lo, hi, floor_k, err);
    int legal = 1;
    if (st == RP_OK && goal->type == RP_GOAL_SHORTEST_TERM) {
        st = legal_ceiling(&S, &t, lo, hi, &legal, err);
    } else if (st == RP_OK && goal->type == RP_GOAL_SMALLEST_WAIVER) {
        /* the term is given: if the plan breaks a limit without a waiver,
         * only waiving everything escapes it — that is no plan */
        st = attempt(&S, &t, lo, err);
        legal = st != RP_OK || !t.breaks;
    }
    if (st == RP_OK && legal)
        st = search(&S, &sol, &t, lo, hi, floor_k, err);
    else if (st == RP_OK) /* even the shortest extension is forbidden */
        rp_solver_take(&sol, &t, 0);
    if (st == RP_OK && !sol.feasible)
        rp_solution_why(&sol, goal, goal->allow, rc);
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
    if (st == RP_OK)
        st = rp_solution_aprs(&sol, err);
    mpz_clears(lo, hi, floor_k, NULL);
    rp_trial_clear(&t);
    rp_solver_clear(&S);
    rp_position_clear(&position);
    if (st == RP_OK) {
        rp_solution_clear(out);
        *out = sol;
    } else {
        rp_solution_clear(&sol);
    }
    return st;
}
