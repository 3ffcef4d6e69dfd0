/*
 * offer_settle.c — the offer goal's settlement family (offer.c): for each
 * count of installments the smallest settlement that meets the lender's
 * floor, the fewest counts in which it fits the capacity, and the proof.
 */
#include "offer_family.h"

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
    *st = rp_offer_try(F, t, k, err);
    F->held = *st == RP_OK && rp_offer_meets_floor(F->S->goal, &t->price) && !t->breaks;
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
rp_status rp_offer_smallest_settlement(family_t *F, trial_t *t, int n, int known, int *found,
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

rp_status rp_offer_settle(const solver_t *S, rp_solution_t *sol, trial_t *t, rp_error *err)
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
        st = rp_offer_smallest_settlement(&F, t, n, known, &found, err);
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
            st = rp_offer_try(&F, t, zero, err);
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
        st = rp_offer_try(&F, t, zero, err);
        if (st == RP_OK)
            rp_solver_take(sol, t, 0);
        sol->has_neighbour = 0;
    }
    mpz_clear(zero);
    mpq_clear(F.amount);
    return st;
}
