/*
 * restructure.h — the work in progress of a restructuring, shared by
 * restructure.c (which runs the actions in order), one file per action
 * (waive.c, extend.c, …), work.c (the rows being reshaped) and plan.c
 * (rows, checks, pricing).
 */
#ifndef RP_RESTRUCTURE_H
#define RP_RESTRUCTURE_H

#include "statement/position.h"

typedef struct work {
    const rp_loan_t *loan;
    const rp_round_t *rc;
    rp_date_t date;
    mpq_t due_now[RP_COMPONENT_COUNT]; /* owed on the date, by component; a
                                 freeze or settlement fixes one debt, so
                                 after it all but principal is in [RP_FEE]  */
    mpq_t accrued;            /* interest of the period in progress to the date,
                                 inside tail.rows[0]'s interest              */
    tail_t tail;              /* the installments after the date             */
    mpq_t rate;               /* the plan's annual rate                      */
    rp_method method;
    int periods_per_year;
    const rp_loan_t *rule;    /* whose date rule new installments follow     */
    rp_loan_t date_rule;      /* a rule anchored on the restructure date     */
    rp_date_t original_maturity;
    rp_date_t oldest_due;     /* the oldest unpaid due date on the date, or none */
    int tail_changed;         /* an action other than waive has run          */
    const rp_action_t *action; /* the action running, and its index (for an   */
    int action_index;         /* error at its path)                          */
    rp_plan_t *plan;          /* waived, capitalized, warnings               */
} work_t;

/* Turns the work into the plan's rows and totals. */
rp_status rp_plan_finish(rp_plan_t *p, const work_t *w, rp_error *err);

/* rp_restructure from a position already found (compare and solve replay
 * the loan once for many plans). */
rp_status rp_restructure_at(rp_plan_t *out, const rp_position_t *pos, const rp_loan_t *loan,
                            const rp_actions_t *actions, const rp_round_t *rc, rp_error *err);

/* ---- work.c: what every action does to the work ---------------------------- */

/* A warning on the plan, once per code. */
void rp_work_warn(work_t *w, const char *code, const char *message);
/* err at the action's path: "actions[i]" or "actions[i].field". */
rp_status rp_work_fail(rp_error *err, rp_status st, int index, const char *field,
                       const char *message);
/* What is owed on the date of component c, as the actions leave it. */
void rp_work_owed(mpq_t out, const work_t *w, rp_component c);
/* With no installments left to come, interest accrued joins the arrears. */
void rp_work_settle_accrued(work_t *w);
/* A loan with nothing to come: new installments anchored on the date. */
rp_status rp_work_anchor_on_date(work_t *w, rp_frequency frequency, rp_error *err);
/* Re-amortizes the installments to come from the first: balance at rate by
 * method over count rows, the first keeping the interest accrued to the
 * date. level (may be NULL): keep this payment or step. */
rp_status rp_work_rebuild(work_t *w, mpq_srcptr balance, int count, mpq_srcptr rate,
                          rp_method method, mpq_srcptr level, rp_error *err);
/* A method custom loan's installments are listed one by one: a rebuild of
 * more than one of them (count) by method custom has no list to follow, and
 * is refused at the running action's path, naming the way out. */
rp_status rp_work_check_rebuild(const work_t *w, rp_method method, int count, rp_error *err);
#define RP_CUSTOM_NOT_REBUILT "a method custom loan's installments (个性化分期) cannot be rebuilt: "
/* Lowers the principal to come by x (≤ it), re-amortizing the rest. */
rp_status rp_work_lower_principal(work_t *w, mpq_srcptr x, rp_error *err);
/* x split into count whole units: count − 1 equal shares rounded down and
 * the last the rest (so no share is negative); worked out once, asked for
 * by index (rp_spread_at) — init and clear in pairs. */
typedef struct spread {
    mpq_t each, last;
    int count;
} spread_t;
void rp_spread_init(spread_t *s, const mpq_t x, int count, const rp_round_t *rc);
mpq_srcptr rp_spread_at(const spread_t *s, int index);
void rp_spread_clear(spread_t *s);
/* What a freeze or settlement starts from, by component. */
void rp_work_remaining(mpq_t *amount, const work_t *w);
/* Replaces the plan by count monthly installments paying principal p and
 * other debt a (other debt first) from `first`, fee per installment. */
rp_status rp_work_terminal_rows(work_t *w, const mpq_t p, const mpq_t a, int count,
                                rp_date_t first, const mpq_t fee, rp_error *err);

/* ---- one file per action ----------------------------------------------------- */

/* actions.c: what action i must be given; plan_replaced: a freeze or
 * settlement ran (it replaced the plan: nothing may follow). */
rp_status rp_action_check(const work_t *w, const rp_action_t *a, int i, int plan_replaced,
                          rp_error *err);
rp_status rp_act_waive(work_t *w, const rp_action_t *a, int i, rp_error *err);      /* waive.c */
rp_status rp_act_extend(work_t *w, const rp_action_t *a, int i, rp_error *err);     /* extend.c */
/* extend.c: the most a loan of term_months may be extended in all (《贷款通则》
 * Art. 12), and its kind ("short-term", …) into *kind (may be NULL). */
int rp_extension_limit(int term_months, const char **kind);
rp_status rp_act_defer(work_t *w, const rp_action_t *a, int i, rp_error *err);      /* defer.c */
rp_status rp_act_reamortize(work_t *w, int i, rp_error *err);                       /* reamortize.c */
rp_status rp_act_rate(work_t *w, const rp_action_t *a, int i, rp_error *err);       /* rate.c */
rp_status rp_act_freeze(work_t *w, const rp_action_t *a, int i, rp_error *err);     /* freeze.c */
rp_status rp_act_settle(work_t *w, const rp_action_t *a, int i, rp_error *err);     /* settle.c */
rp_status rp_act_re_age(work_t *w, const rp_action_t *a, int i, rp_error *err);     /* re_age.c */

/* ---- a loan's life (life.c) ------------------------------------------------ */

/* verify_life.c: exact checks across the stretches of a life statement —
 * every payment applied, credited or prepaid once; nothing paid beyond
 * what was due; principal conserved from the contract through every plan
 * (dropped[p]: the principal of plan p's items not yet due that the next
 * agreement removed); reinstated =
 * waived on condition. */
rp_status rp_life_verify(const rp_statement_t *st, const rp_life_t *life, const rp_loan_t *loan,
                         const rp_events_t *events, mpq_t const *dropped, const rp_round_t *rc,
                         rp_error *err);

/* ---- the solver (solve.c), shared with offer.c ---------------------------- */

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

/* solve.c: a method custom loan (个性化分期) lists its payments one by one,
 * so the solver's extensions need a method of their own (goal.method, or an
 * extend with a method among the given actions), and without one an offer's
 * extend family or smallest_waiver cannot be built: refused before any search. */
rp_status rp_goal_check_custom(const rp_goal_t *g, const rp_actions_t *given,
                               const rp_loan_t *loan, rp_error *err);

/* A candidate plan: the solver's actions, the plan and its price. */
typedef struct trial {
    rp_actions_t actions;
    rp_plan_t plan;
    rp_pricing_t price;
    int ok;                   /* meets the goal */
    const char *breaks;       /* the legal limit it breaks, or NULL */
} trial_t;

void rp_trial_init(trial_t *t);
void rp_trial_clear(trial_t *t);
/* S's amounts (left, left_total); the caller sets the rest. */
void rp_solver_init(solver_t *S);
void rp_solver_clear(solver_t *S);
/* The plan after the given actions alone: S's base_count and what is left
 * to repay (S->left), where every search starts; t holds it after. */
rp_status rp_solver_base(solver_t *S, trial_t *t, rp_error *err);
/* Builds and values the given actions followed by extra: price without
 * its APR (no search decides on it), which rp_solution_aprs adds to the
 * plans a solution keeps. */
rp_status rp_solver_build(const solver_t *S, const rp_actions_t *extra, rp_plan_t *plan,
                          rp_pricing_t *price, rp_error *err);
rp_status rp_solution_aprs(rp_solution_t *s, rp_error *err);
/* pricing.c: rp_plan_price without the APR, and the APR alone into p. */
rp_status rp_plan_value(rp_pricing_t *out, const rp_plan_t *plan, const mpq_t discount_rate,
                        const rp_round_t *rc, rp_error *err);
rp_status rp_plan_price_apr(rp_pricing_t *p, const rp_plan_t *plan, rp_error *err);
/* The legal limit a plan breaks that allow (RP_ALLOW_*) does not
 * override: its warning's code ("art12_limit", …), or NULL. */
const char *rp_plan_breaks(const rp_plan_t *p, unsigned allow);
/* An infeasible solution's binding constraint, how far its closest plan
 * is from it, and a sentence in Chinese and English. */
void rp_solution_why(rp_solution_t *s, const rp_goal_t *g, unsigned allow, const rp_round_t *rc);
/* Moves the trial into the solution: its answer, or (neighbour) its proof. */
void rp_solver_take(rp_solution_t *out, trial_t *t, int neighbour);

/* plan_resume.c: the plan as the statement engine takes it up after its
 * date (number: its place in the loan's history; order: the loan's
 * allocation, which the arrears are carried in; pos: the position it was
 * made from). */
rp_status rp_plan_resume(rp_resume_t *out, const rp_plan_t *p, int number,
                         const rp_allocation_t *order, const rp_position_t *pos, rp_error *err);

#endif
