/*
 * offer.c — the negotiation's real question in one goal: the borrower's
 * capacity (and a down payment available today), the lender's floor (a
 * recovery or a present value at a stated discount rate), the longest
 * term, what may be waived, the legal limits — and the best plan of each
 * family that meets them all:
 *
 *   extend  展期: the fewest installments (extending, the arrears spread)
 *           whose payments fit the capacity; if none up to the longest
 *           term the law and the request allow does, the least waiver (of
 *           what may be waived, in the order of willingness) that makes
 *           the longest fit;
 *   freeze  停息挂账: the debt less what may be waived, less the down
 *           payment, in the fewest monthly installments that fit;
 *   settle  a settlement: the fewest installments in which the smallest
 *           settlement meeting the lender's floor fits the capacity.
 *
 * Each answer is proved as rp_solve proves it (the next better candidate
 * fails). A family with no plan says which constraint binds and by how
 * much. The families are then ranked by the objective.
 */
#include <stdio.h>
#include <string.h>

#include "life.h"
#include "restructure.h"
#include "statement/explain.h"

const char *const rp_family_names[RP_FAMILY_COUNT] = {
    [RP_FAMILY_EXTEND] = "extend",
    [RP_FAMILY_FREEZE] = "freeze",
    [RP_FAMILY_SETTLE] = "settle",
};

const char *const rp_objective_names[RP_OBJECTIVE_COUNT] = {
    [RP_OBJECTIVE_LENDER_PV] = "lender_pv",
    [RP_OBJECTIVE_BORROWER_TOTAL] = "borrower_total",
    [RP_OBJECTIVE_SHORTEST_TERM] = "shortest_term",
};

void rp_offer_init(rp_offer_t *o)
{
    for (int f = 0; f < RP_FAMILY_COUNT; f++) {
        o->tried[f] = 0;
        rp_solution_init(&o->family[f]);
    }
    o->best = -1;
}

void rp_offer_clear(rp_offer_t *o)
{
    for (int f = 0; f < RP_FAMILY_COUNT; f++)
        rp_solution_clear(&o->family[f]);
}

/* One family's candidates: the plan for parameter k (installments, or
 * whole units of money). */
typedef struct family {
    const solver_t *S;
    rp_family which;
    int stage;                /* extend: 0 the term, 1 the waiver at the longest */
    int term;                 /* extend's longest term; settle's installments    */
    mpq_t amount;             /* settle: the settlement being tried              */
    int held;                 /* settle: the trial holds the last settlement that
                                 met the floor (the last tried did) */
} family_t;

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

/* What may be waived in all. */
static void waivable_total(mpq_t out, const solver_t *S)
{
    mpq_set_ui(out, 0, 1);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        if (S->goal->waivable & (1u << c))
            rp_qadd(out, out, S->left[c]);
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

static int meets_floor(const rp_goal_t *g, const rp_pricing_t *price)
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
static rp_status try_k(const family_t *F, trial_t *t, const mpz_t k, rp_error *err)
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

/* The least k in [lo, hi] whose candidate is ok (fewer installments or
 * less money is better), into sol with its proof; sol->feasible 0 and the
 * candidate at hi when none is. held: t already holds the candidate at hi.
 * The last candidate that failed is kept: it is the proof (the one before
 * the least) whenever the halving tried it, as it nearly always does. */
static rp_status least(const family_t *F, rp_solution_t *sol, trial_t *t, long lo, long hi,
                       int held, rp_error *err)
{
    mpz_t a, b, mid, missed_k;
    mpz_inits(a, b, mid, missed_k, NULL);
    trial_t missed, swap;
    rp_trial_init(&missed);
    int has_missed = 0;
    mpz_set_si(a, lo);
    mpz_set_si(b, hi);
    rp_status st = held ? RP_OK : try_k(F, t, b, err);
    sol->feasible = st == RP_OK && t->ok;
    if (st == RP_OK)
        rp_solver_take(sol, t, 0);
    while (st == RP_OK && sol->feasible && mpz_cmp(a, b) < 0) {
        mpz_sub(mid, b, a);
        mpz_fdiv_q_2exp(mid, mid, 1);
        mpz_add(mid, mid, a);
        st = try_k(F, t, mid, err);
        if (st == RP_OK && t->ok) {
            mpz_set(b, mid);
            rp_solver_take(sol, t, 0);
        } else if (st == RP_OK) {
            mpz_add_ui(a, mid, 1);
            swap = missed, missed = *t, *t = swap;
            mpz_set(missed_k, mid);
            has_missed = 1;
        }
    }
    while (st == RP_OK && sol->feasible && mpz_cmp_si(b, lo) > 0) { /* the proof */
        mpz_sub_ui(mid, b, 1);
        if (has_missed && mpz_cmp(missed_k, mid) == 0) {
            swap = missed, missed = *t, *t = swap; /* tried already: it failed */
            has_missed = 0;
        } else {
            st = try_k(F, t, mid, err);
        }
        if (st == RP_OK && !t->ok) {
            rp_solver_take(sol, t, 1);
            break;
        }
        if (st == RP_OK) {
            mpz_set(b, mid);
            rp_solver_take(sol, t, 0);
        }
    }
    rp_trial_clear(&missed);
    mpz_clears(a, b, mid, missed_k, NULL);
    return st;
}

/* Where the longest legal extension likely ends: the installments left
 * and Art. 12's limit for the loan's term (rp_extension_limit), in the
 * loan's periods. 0: no guess (a frequency not in months). */
static long legal_guess(const solver_t *S)
{
    int per_year = rp_frequency_per_year(S->loan->frequency);
    if (per_year <= 0 || 12 % per_year != 0)
        return 0;
    int months = S->loan->term * (12 / per_year);
    return S->base_count + (long)rp_extension_limit(months, NULL) / (12 / per_year);
}

/* The longest term the law and the request leave an extension, found as
 * rp_solve finds it: legality falls as the term grows. The law's limit is
 * tried first (the count past it, then it), then the halving goes on in
 * what is left. held: t holds the candidate at *out. */
static rp_status longest_term(family_t *F, trial_t *t, long lo, long hi, long *out, int *held,
                              rp_error *err)
{
    mpz_t k;
    mpz_init(k);
    long a = lo, b = hi, last = hi; /* last: the candidate t holds */
    *out = -1;
    mpz_set_si(k, b);
    rp_status st = try_k(F, t, k, err);
    if (st == RP_OK && !t->breaks) {
        *out = b;
    } else if (st == RP_OK) {
        int a_allowed = 0; /* a was tried and is allowed */
        long g = legal_guess(F->S);
        for (long probe = g + 1 < b ? g + 1 : g; st == RP_OK && g >= lo && probe >= g && probe > a &&
                                                   probe < b;
             probe--) { /* past the limit (unless that is hi, known to break), then the limit */
            mpz_set_si(k, probe);
            st = try_k(F, t, k, err);
            last = probe;
            if (st == RP_OK && t->breaks) {
                b = probe;
            } else if (st == RP_OK) {
                a = probe;
                a_allowed = 1;
                break;
            }
        }
        if (st == RP_OK && !a_allowed) {
            mpz_set_si(k, a);
            st = try_k(F, t, k, err);
            last = a;
            a_allowed = st == RP_OK && !t->breaks;
        }
        if (a_allowed) {
            while (st == RP_OK && b - a > 1) { /* a allowed, b forbidden */
                long mid = a + (b - a) / 2;
                mpz_set_si(k, mid);
                st = try_k(F, t, k, err);
                last = mid;
                if (t->breaks)
                    b = mid;
                else
                    a = mid;
            }
            *out = a;
        }
    }
    *held = st == RP_OK && *out >= 0 && last == *out;
    mpz_clear(k);
    return st;
}

/* The extension family. */
static rp_status offer_extend(const solver_t *S, rp_solution_t *sol, trial_t *t, rp_error *err)
{
    const rp_goal_t *g = S->goal;
    family_t F = {.S = S, .which = RP_FAMILY_EXTEND};
    mpq_init(F.amount);
    long lo = S->base_count > 1 ? S->base_count : 1;
    long hi = g->term > 0 ? g->term : RP_MAX_TERM;
    long top = -1;
    int held = 0; /* t holds the candidate at top */
    rp_status st = hi >= lo ? longest_term(&F, t, lo, hi, &top, &held, err) : RP_OK;
    if (st == RP_OK && top < 0) { /* no extension the law allows (or too long already) */
        mpz_t k;
        mpz_init_set_si(k, lo);
        st = try_k(&F, t, k, err);
        mpz_clear(k);
        if (st == RP_OK)
            rp_solver_take(sol, t, 0);
        sol->feasible = 0;
    }
    if (st == RP_OK && top >= 0)
        st = least(&F, sol, t, lo, top, held, err);
    if (st == RP_OK && top >= 0 && !sol->feasible) {
        /* the longest does not fit: the least waiver that makes it */
        mpq_t most;
        mpq_init(most);
        waivable_total(most, S);
        mpq_div(most, most, S->rc->unit);
        F.stage = 1;
        F.term = (int)top;
        rp_solution_t w;
        rp_solution_init(&w);
        st = least(&F, &w, t, 0, (long)mpz_get_si(mpq_numref(most)), 0, err);
        if (st == RP_OK && w.feasible) {
            rp_solution_clear(sol);
            *sol = w;
        } else {
            rp_solution_clear(&w);
        }
        mpq_clear(most);
    }
    mpq_clear(F.amount);
    return st;
}

/* The freeze family. */
static rp_status offer_freeze(const solver_t *S, rp_solution_t *sol, trial_t *t, rp_error *err)
{
    const rp_goal_t *g = S->goal;
    family_t F = {.S = S, .which = RP_FAMILY_FREEZE};
    mpq_init(F.amount);
    long hi = g->term > 0 && g->term < RP_MAX_TERM ? g->term : RP_MAX_TERM;
    if (!(g->allow & RP_ALLOW_OVER_60) && hi > RP_CARD_MAX_INSTALLMENTS)
        hi = RP_CARD_MAX_INSTALLMENTS; /* beyond, every candidate breaks the rule */
    rp_status st = least(&F, sol, t, 1, hi, 0, err);
    mpq_clear(F.amount);
    return st;
}

/* The settlement family: for n installments, the smallest settlement that
 * meets the lender's floor. A unit more raises the plan's present value
 * (some installment grows, none falls but the last, whose units move to
 * earlier ones), so the amounts that meet it are those from one on: the
 * least is found from a guess — the whole debt's amount scaled by the floor
 * over what the whole debt recovers (present value is nearly proportional
 * to the amount) — by galloping to a bracket and halving it. The answer is
 * the one a halving of all of [1, the debt] finds, in a few trials rather
 * than ~25. */
static int settlement_meets(family_t *F, trial_t *t, const mpz_t k, rp_status *st, rp_error *err)
{
    *st = try_k(F, t, k, err);
    F->held = *st == RP_OK && meets_floor(F->S->goal, &t->price) && !t->breaks;
    return F->held;
}

/* ⌈whole × floor / reached⌉ for each floor the goal sets (the larger),
 * within [1, whole]: where the least amount is likely to be. */
static void settlement_guess(mpz_t guess, const mpz_t whole, const rp_goal_t *g,
                             const rp_pricing_t *at_whole)
{
    mpq_t q;
    mpq_init(q);
    mpz_set_ui(guess, 1);
    for (int f = 0; f < 2; f++) {
        mpq_srcptr floor = f == 0 ? g->min_recovery : g->min_pv;
        mpq_srcptr reached = f == 0 ? at_whole->recovery : at_whole->pv;
        if (mpq_sgn(floor) <= 0 || mpq_sgn(reached) <= 0)
            continue;
        mpq_div(q, floor, reached);
        mpz_mul(mpq_numref(q), mpq_numref(q), whole);
        mpq_canonicalize(q);
        mpz_cdiv_q(mpq_numref(q), mpq_numref(q), mpq_denref(q));
        if (mpz_cmp(mpq_numref(q), guess) > 0)
            mpz_set(guess, mpq_numref(q));
    }
    if (mpz_cmp(guess, whole) > 0)
        mpz_set(guess, whole);
    mpq_clear(q);
}

/* known: t already holds the whole debt's candidate at n, and it meets the
 * floor (floor_in_reach just said so). */
static rp_status smallest_settlement(family_t *F, trial_t *t, int n, int known, int *found,
                                     rp_error *err)
{
    const solver_t *S = F->S;
    mpz_t a, b, mid, step;
    mpz_inits(a, b, mid, step, NULL);
    mpq_t units;
    mpq_init(units);
    mpq_div(units, S->left_total, S->rc->unit);
    mpz_set(b, mpq_numref(units)); /* the whole debt, in units */
    F->stage = 1;
    F->term = n;
    rp_status st = RP_OK;
    F->held = known;
    *found = known || settlement_meets(F, t, b, &st, err);
    if (*found) {
        /* b meets the floor; a − 1 is known not to (a = 1: nothing below) */
        mpz_set_ui(a, 1);
        settlement_guess(mid, b, S->goal, &t->price);
        mpz_set_ui(step, 1);
        if (mpz_cmp(mid, b) < 0 && settlement_meets(F, t, mid, &st, err)) {
            mpz_set(b, mid); /* the least lies at or below the guess: gallop down */
            while (st == RP_OK && mpz_cmp(b, a) > 0) {
                mpz_sub(mid, b, step);
                if (mpz_cmp(mid, a) < 0)
                    mpz_set(mid, a);
                if (!settlement_meets(F, t, mid, &st, err)) {
                    mpz_add_ui(a, mid, 1);
                    break;
                }
                mpz_set(b, mid);
                mpz_mul_2exp(step, step, 1);
            }
        } else if (st == RP_OK && mpz_cmp(mid, b) < 0) {
            mpz_add_ui(a, mid, 1); /* above the guess: gallop up */
            while (st == RP_OK) {
                mpz_add(mid, a, step);
                if (mpz_cmp(mid, b) >= 0)
                    break;
                if (settlement_meets(F, t, mid, &st, err)) {
                    mpz_set(b, mid);
                    break;
                }
                mpz_add_ui(a, mid, 1);
                mpz_mul_2exp(step, step, 1);
            }
        }
    }
    while (st == RP_OK && *found && mpz_cmp(a, b) < 0) { /* a … b − 1 unknown, b meets */
        mpz_sub(mid, b, a);
        mpz_fdiv_q_2exp(mid, mid, 1);
        mpz_add(mid, mid, a);
        if (settlement_meets(F, t, mid, &st, err))
            mpz_set(b, mid);
        else
            mpz_add_ui(a, mid, 1);
    }
    mpq_set_z(F->amount, b);
    mpq_mul(F->amount, F->amount, S->rc->unit);
    F->stage = 0;
    mpq_clear(units);
    mpz_clears(a, b, mid, step, NULL);
    return st;
}

/* The fewest installments a settlement meeting the floor may fit in: its
 * present value is at most what it pays (the discount rate is not
 * negative), so it pays at least the floor's amount — min_recovery × what
 * is left to repay, or min_pv less a unit of rounding — and of its n parts
 * (an even split rounded down, the last the rest) the last is at least a
 * n-th of that: over the most an installment may be while n < floor / most.
 * Those counts are never tried; hi + 1 when none up to hi may fit. */
static int fewest_possible(const solver_t *S, int hi)
{
    const rp_goal_t *g = S->goal;
    mpq_t floor, x;
    mpq_inits(floor, x, NULL);
    if (mpq_sgn(g->min_recovery) > 0)
        mpq_mul(floor, g->min_recovery, S->left_total);
    if (mpq_sgn(g->min_pv) > 0) {
        rp_qsub(x, g->min_pv, S->rc->unit);
        if (mpq_cmp(x, floor) > 0)
            mpq_set(floor, x);
    }
    mpq_srcptr most = mpq_sgn(g->down_payment) >= 0 && mpq_cmp(g->down_payment, g->capacity) > 0
                          ? g->down_payment
                          : g->capacity;
    int n = 1;
    if (mpq_sgn(floor) > 0 && mpq_sgn(most) <= 0) {
        n = hi + 1;
    } else if (mpq_sgn(floor) > 0) { /* ⌈floor / most⌉, at most hi + 1 */
        mpq_div(x, floor, most);
        mpz_cdiv_q(mpq_numref(x), mpq_numref(x), mpq_denref(x));
        n = mpz_cmp_si(mpq_numref(x), hi + 1) > 0 ? hi + 1 : (int)mpz_get_si(mpq_numref(x));
    }
    mpq_clears(floor, x, NULL);
    return n > 1 ? n : 1;
}

/* Whether any settlement in n installments meets the floor: the whole debt
 * does (smallest_settlement's first trial). */
static rp_status floor_in_reach(family_t *F, trial_t *t, int n, int *reach, rp_error *err)
{
    const solver_t *S = F->S;
    mpq_t units;
    mpq_init(units);
    mpq_div(units, S->left_total, S->rc->unit);
    F->stage = 1;
    F->term = n;
    rp_status st;
    *reach = settlement_meets(F, t, mpq_numref(units), &st, err);
    F->stage = 0;
    mpq_clear(units);
    return st;
}

/* Past a count n whose smallest settlement S(n) did not fit: S only grows
 * with the count (a longer split is worth less to the lender), and of m
 * parts (an even split rounded down, the last the rest) the last is at
 * least S/m — so no count m < S(n) ÷ the most an installment may be can
 * fit, and each of them meets the floor if a later one does. Returns
 * ⌈S(n) ÷ most⌉ (at most hi + 1): the first count that may fit. */
static int beyond_capacity(const solver_t *S, const mpq_t settlement, int hi)
{
    const rp_goal_t *g = S->goal;
    mpq_srcptr most = mpq_sgn(g->down_payment) >= 0 && mpq_cmp(g->down_payment, g->capacity) > 0
                          ? g->down_payment
                          : g->capacity;
    if (mpq_sgn(most) <= 0)
        return hi + 1;
    mpq_t x;
    mpq_init(x);
    mpq_div(x, settlement, most);
    mpz_cdiv_q(mpq_numref(x), mpq_numref(x), mpq_denref(x));
    int n = mpz_cmp_si(mpq_numref(x), hi + 1) > 0 ? hi + 1 : (int)mpz_get_si(mpq_numref(x));
    mpq_clear(x);
    return n;
}

static rp_status offer_settle(const solver_t *S, rp_solution_t *sol, trial_t *t, rp_error *err)
{
    const rp_goal_t *g = S->goal;
    family_t F = {.S = S, .which = RP_FAMILY_SETTLE};
    mpq_init(F.amount);
    int hi = RP_MAX_SETTLE_INSTALLMENTS;
    if (g->term > 0 && g->term < hi)
        hi = g->term;
    /* the fewest installments in which the smallest settlement meeting the
     * floor fits: counts up (at most 60); the count before the one found is
     * the proof. More installments never lift the lender's PV (a longer
     * even split pays later), so once the floor cannot be met it cannot be
     * met later — and when it can be met at a count, it could at every
     * count before. So the counts start just before the fewest that may fit
     * (fewest_possible; none before it fits): the same plans, their proof
     * and the closest as counting from one, unless the floor is already out
     * of reach there — then from one, to find where it went out of reach. */
    rp_status st = RP_OK;
    int found = 0, tried = 0;
    mpz_t zero;
    mpz_init_set_ui(zero, 0);
    sol->feasible = 0;
    int from = fewest_possible(S, hi) - 1;
    if (from > hi)
        from = hi;
    if (from < 1)
        from = 1;
    int last = hi; /* the floor is known to be out of reach past this count */
    int known = 0; /* t holds the whole debt's candidate at n, meeting the floor */
    for (int n = from; n <= last && st == RP_OK && !sol->feasible; n++) {
        st = smallest_settlement(&F, t, n, known, &found, err);
        known = 0;
        if (st == RP_OK && !found && n == from && from > 1 && !tried) {
            n = 0; /* out of reach already: count from one (n++ makes it 1) */
            from = 1;
            continue;
        }
        if (st != RP_OK || !found)
            break;
        F.term = n;
        if (!F.held) /* else the trial holds this very plan: the last that met the floor */
            st = try_k(&F, t, zero, err);
        tried = n;
        if (st == RP_OK && t->ok) {
            sol->feasible = 1;
            mpq_set(sol->settlement, F.amount);
            rp_solver_take(sol, t, 0);
        } else if (st == RP_OK) {
            rp_solver_take(sol, t, 1); /* fails: the proof, or else the closest */
            rp_actions_t a = sol->actions; /* the closest's actions, if it is */
            sol->actions = t->actions;
            t->actions = a;
            /* counts before `next` cannot fit: the first of them evaluated is
             * the one before `next` (the proof), or the last the floor is in
             * reach at (the closest) — the plans counting one by one ends on */
            int next = beyond_capacity(S, F.amount, hi);
            if (st == RP_OK && next - 1 > n + 1) {
                int lo = n, up = next - 1, reach = 0;
                st = floor_in_reach(&F, t, up, &reach, err);
                if (st == RP_OK && reach) {
                    n = up - 1;
                    known = 1;
                } else {
                    while (st == RP_OK && up - lo > 1) { /* lo in reach, up not */
                        int mid = lo + (up - lo) / 2;
                        st = floor_in_reach(&F, t, mid, &reach, err);
                        if (reach)
                            lo = mid;
                        else
                            up = mid;
                    }
                    last = lo; /* counting stops there: evaluated next if past n */
                    if (lo > n)
                        n = lo - 1;
                }
            }
        }
    }
    if (st == RP_OK && tried && !sol->feasible) { /* the last that met the floor is the closest */
        rp_plan_t p = sol->plan;
        sol->plan = sol->neighbour;
        sol->neighbour = p;
        rp_pricing_t q = sol->price;
        sol->price = sol->neighbour_price;
        sol->neighbour_price = q;
        sol->has_neighbour = 0;
    }
    if (st == RP_OK && !tried) { /* the floor is out of reach: the whole debt at once */
        F.term = 1;
        mpq_set(F.amount, S->left_total);
        st = try_k(&F, t, zero, err);
        if (st == RP_OK)
            rp_solver_take(sol, t, 0);
        sol->has_neighbour = 0;
    }
    mpz_clear(zero);
    mpq_clear(F.amount);
    return st;
}

/* The most installments the lender's floor allows a family (its PV falls
 * as the term grows: freeze has no interest, a settlement none either);
 * 0 if even one does not meet it. */
static rp_status longest_for_floor(const solver_t *S, rp_family which, trial_t *t, int hi, int *out,
                                   rp_error *err)
{
    family_t F = {.S = S, .which = which};
    mpq_init(F.amount);
    rp_status st = RP_OK;
    int a = 0, b = hi + 1; /* a meets the floor (0: vacuous), b does not */
    while (st == RP_OK && b - a > 1) {
        int mid = a + (b - a) / 2;
        int ok = 0;
        if (which == RP_FAMILY_SETTLE) {
            st = smallest_settlement(&F, t, mid, 0, &ok, err);
        } else {
            mpz_t k;
            mpz_init_set_si(k, mid);
            st = try_k(&F, t, k, err);
            mpz_clear(k);
            ok = st == RP_OK && !t->breaks && meets_floor(S->goal, &t->price);
        }
        if (ok)
            a = mid;
        else
            b = mid;
    }
    *out = a;
    mpq_clear(F.amount);
    return st;
}

/* Appends to an infeasible family's sentence what else bounds it: the
 * longest plan the lender's floor allows, or the law's longest extension. */
static rp_status limit_note(const solver_t *S, rp_family f, rp_solution_t *sol, trial_t *t,
                            rp_error *err)
{
    const rp_goal_t *g = S->goal;
    size_t z = strlen(sol->why_zh), e = strlen(sol->why_en);
    int has_floor = mpq_sgn(g->min_recovery) > 0 || mpq_sgn(g->min_pv) > 0;
    if (f != RP_FAMILY_EXTEND && has_floor) {
        int hi = f == RP_FAMILY_FREEZE ? (g->allow & RP_ALLOW_OVER_60 ? RP_MAX_TERM : RP_CARD_MAX_INSTALLMENTS)
                                       : RP_MAX_SETTLE_INSTALLMENTS;
        if (g->term > 0 && g->term < hi)
            hi = g->term;
        int longest;
        rp_status st = longest_for_floor(S, f, t, hi, &longest, err);
        if (st != RP_OK)
            return st;
        char floor[48];
        if (mpq_sgn(g->min_recovery) > 0) {
            rp_explain_percent(floor, sizeof floor, g->min_recovery);
            strcat(floor, "%");
        } else {
            rp_decimal_format(floor, sizeof floor, g->min_pv, S->rc->places, S->rc->mode);
        }
        const char *zf = f == RP_FAMILY_FREEZE ? "停息分期" : "结清";
        const char *ef = f == RP_FAMILY_FREEZE ? "freeze" : "settlement";
        if (longest > 0) {
            snprintf(sol->why_zh + z, sizeof sol->why_zh - z, "；按 %s 的回收要求，%s最长 %d 期", floor, zf, longest);
            snprintf(sol->why_en + e, sizeof sol->why_en - e, "; at %s the longest %s is %d installments",
                     floor, ef, longest);
        } else {
            snprintf(sol->why_zh + z, sizeof sol->why_zh - z, "；任何%s都达不到 %s 的回收要求", zf, floor);
            snprintf(sol->why_en + e, sizeof sol->why_en - e, "; no %s reaches %s", ef, floor);
        }
    } else if (f == RP_FAMILY_EXTEND && sol->binding && strcmp(sol->binding, "capacity") == 0) {
        /* was the term cut by the law? the next longer one breaks it */
        family_t F = {.S = S, .which = RP_FAMILY_EXTEND};
        mpq_init(F.amount);
        mpz_t k;
        mpz_init_set_si(k, sol->limit + 1);
        rp_status st = sol->limit < RP_MAX_TERM && (g->term <= 0 || sol->limit < g->term)
                           ? try_k(&F, t, k, err) : RP_OK;
        mpz_clear(k);
        mpq_clear(F.amount);
        if (st != RP_OK)
            return st;
        if (sol->limit < RP_MAX_TERM && (g->term <= 0 || sol->limit < g->term) && t->breaks) {
            snprintf(sol->why_zh + z, sizeof sol->why_zh - z, "；%d 期是《贷款通则》第十二条允许的最长展期",
                     sol->limit);
            snprintf(sol->why_en + e, sizeof sol->why_en - e,
                     "; %d installments is the longest 《贷款通则》 Art. 12 allows", sol->limit);
        }
    }
    return RP_OK;
}

/* The objective's measure of a feasible plan: larger is better. */
static void measure(mpq_t out, rp_objective o, const rp_solution_t *s)
{
    switch (o) {
    case RP_OBJECTIVE_BORROWER_TOTAL:
        mpq_neg(out, s->plan.total_payment);
        break;
    case RP_OBJECTIVE_SHORTEST_TERM:
        mpq_set_si(out, -rp_plan_installments(&s->plan), 1);
        break;
    case RP_OBJECTIVE_LENDER_PV:
    default:
        mpq_set(out, s->price.pv);
        break;
    }
}

rp_status rp_solve_offer(rp_offer_t *out, const rp_loan_t *loan, const rp_terms_t *terms,
                         const rp_events_t *events, rp_date_t date, const rp_actions_t *given,
                         const rp_goal_t *goal, mpq_srcptr discount_rate, const rp_round_t *rc,
                         rp_error *err)
{
    rp_position_t position;
    rp_position_init(&position);
    solver_t S = {.loan = loan, .date = date, .given = given, .goal = goal,
                  .discount = discount_rate, .rc = rc, .position = &position};
    rp_solver_init(&S);
    rp_offer_t offer;
    rp_offer_init(&offer);
    trial_t t;
    rp_trial_init(&t);
    rp_status st = rp_goal_check(goal, given, rc, err);
    if (st == RP_OK)
        st = rp_goal_check_custom(goal, given, loan, err);
    if (st == RP_OK)
        st = rp_life_position(&position, NULL, loan, terms, events, date, rc, err);
    if (st == RP_OK)
        st = rp_solver_base(&S, &t, err);
    typedef rp_status (*family_fn)(const solver_t *, rp_solution_t *, trial_t *, rp_error *);
    static const family_fn run[RP_FAMILY_COUNT] = {offer_extend, offer_freeze, offer_settle};
    int has_floor = mpq_sgn(goal->min_recovery) > 0 || mpq_sgn(goal->min_pv) > 0;
    for (int f = 0; f < RP_FAMILY_COUNT && st == RP_OK; f++) {
        if (!(goal->families & (1u << f)) || (f == RP_FAMILY_SETTLE && !has_floor))
            continue; /* a settlement needs the lender's floor to say how small */
        offer.tried[f] = 1;
        rp_solution_t *sol = &offer.family[f];
        st = run[f](&S, sol, &t, err);
        if (st == RP_OK && sol->feasible && !meets_floor(goal, &sol->price))
            sol->feasible = 0; /* fits the borrower, not the lender */
        if (st == RP_OK && !sol->feasible) {
            rp_solution_why(sol, goal, goal->allow, rc);
            st = limit_note(&S, (rp_family)f, sol, &t, err);
        }
        if (st == RP_OK)
            st = rp_solution_aprs(sol, err);
    }
    mpq_t m, best;
    mpq_inits(m, best, NULL);
    for (int f = 0; f < RP_FAMILY_COUNT && st == RP_OK; f++) {
        if (!offer.tried[f] || !offer.family[f].feasible)
            continue;
        measure(m, goal->objective, &offer.family[f]);
        if (offer.best < 0 || mpq_cmp(m, best) > 0) {
            offer.best = f;
            mpq_set(best, m);
        }
    }
    mpq_clears(m, best, NULL);
    rp_trial_clear(&t);
    rp_solver_clear(&S);
    rp_position_clear(&position);
    if (st == RP_OK) {
        rp_offer_clear(out);
        *out = offer;
    } else {
        rp_offer_clear(&offer);
    }
    return st;
}
