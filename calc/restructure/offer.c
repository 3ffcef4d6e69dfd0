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
 * much. The families are then ranked by the objective. The settlement
 * family's search is in offer_settle.c.
 */
#include <stdio.h>
#include <string.h>

#include "life.h"
#include "offer_family.h"
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

/* What may be waived in all. */
static void waivable_total(mpq_t out, const solver_t *S)
{
    mpq_set_ui(out, 0, 1);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        if (S->goal->waivable & (1u << c))
            rp_qadd(out, out, S->left[c]);
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
    rp_status st = held ? RP_OK : rp_offer_try(F, t, b, err);
    sol->feasible = st == RP_OK && t->ok;
    if (st == RP_OK)
        rp_solver_take(sol, t, 0);
    while (st == RP_OK && sol->feasible && mpz_cmp(a, b) < 0) {
        mpz_sub(mid, b, a);
        mpz_fdiv_q_2exp(mid, mid, 1);
        mpz_add(mid, mid, a);
        st = rp_offer_try(F, t, mid, err);
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
            st = rp_offer_try(F, t, mid, err);
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
    rp_status st = rp_offer_try(F, t, k, err);
    if (st == RP_OK && !t->breaks) {
        *out = b;
    } else if (st == RP_OK) {
        int a_allowed = 0; /* a was tried and is allowed */
        long g = legal_guess(F->S);
        for (long probe = g + 1 < b ? g + 1 : g; st == RP_OK && g >= lo && probe >= g && probe > a &&
                                                   probe < b;
             probe--) { /* past the limit (unless that is hi, known to break), then the limit */
            mpz_set_si(k, probe);
            st = rp_offer_try(F, t, k, err);
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
            st = rp_offer_try(F, t, k, err);
            last = a;
            a_allowed = st == RP_OK && !t->breaks;
        }
        if (a_allowed) {
            while (st == RP_OK && b - a > 1) { /* a allowed, b forbidden */
                long mid = a + (b - a) / 2;
                mpz_set_si(k, mid);
                st = rp_offer_try(F, t, k, err);
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
        st = rp_offer_try(&F, t, k, err);
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
            st = rp_offer_smallest_settlement(&F, t, mid, 0, &ok, err);
        } else {
            mpz_t k;
            mpz_init_set_si(k, mid);
            st = rp_offer_try(&F, t, k, err);
            mpz_clear(k);
            ok = st == RP_OK && !t->breaks && rp_offer_meets_floor(S->goal, &t->price);
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
                           ? rp_offer_try(&F, t, k, err) : RP_OK;
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
    static const family_fn run[RP_FAMILY_COUNT] = {offer_extend, offer_freeze, rp_offer_settle};
    int has_floor = mpq_sgn(goal->min_recovery) > 0 || mpq_sgn(goal->min_pv) > 0;
    for (int f = 0; f < RP_FAMILY_COUNT && st == RP_OK; f++) {
        if (!(goal->families & (1u << f)) || (f == RP_FAMILY_SETTLE && !has_floor))
            continue; /* a settlement needs the lender's floor to say how small */
        offer.tried[f] = 1;
        rp_solution_t *sol = &offer.family[f];
        st = run[f](&S, sol, &t, err);
        if (st == RP_OK && sol->feasible && !rp_offer_meets_floor(goal, &sol->price))
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
