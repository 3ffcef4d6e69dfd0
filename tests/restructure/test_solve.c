/*
 * test_solve.c — the solver's answers and their proofs, on position B of
 * test_restructure.c (12,000 at 12% × 12 from 2024-01-15, five paid,
 * installment 6 five days late on 2024-07-20: claim 7,257.85 = principal
 * 7,173.48 + interest 71.73 + 9.97 accrued + 罚息 2.49 + 复利 0.18).
 */
#include "stmtutil.h"

typedef struct scase {
    stmt_case_t c;
    rp_actions_t given;
    rp_goal_t goal;
    rp_solution_t sol;
} scase_t;

static void setup(scase_t *s, rp_goal_type type)
{
    sc_init(&s->c, "12000", "0.12", 12, "2024-01-15");
    static const char *const dates[5] = {"2024-02-15", "2024-03-15", "2024-04-15", "2024-05-15",
                                         "2024-06-15"};
    for (int k = 0; k < 5; k++)
        sc_pay(&s->c, dates[k], "1066.19");
    rp_actions_init(&s->given);
    rp_goal_init(&s->goal);
    s->goal.type = type;
    rp_solution_init(&s->sol);
}

static rp_status solve(scase_t *s)
{
    return rp_solve(&s->sol, &s->c.loan, &s->c.terms, &s->c.events, day("2024-07-20"), &s->given,
                    &s->goal, NULL, &s->c.rc, &s->c.err);
}

static void done(scase_t *s)
{
    rp_solution_clear(&s->sol);
    rp_goal_clear(&s->goal);
    rp_actions_clear(&s->given);
    sc_clear(&s->c);
}

static void largest(mpq_t out, const rp_plan_t *p)
{
    mpq_set_ui(out, 0, 1);
    for (int k = 0; k < p->count; k++)
        if (mpq_cmp(p->rows[k].payment, out) > 0)
            mpq_set(out, p->rows[k].payment);
}

static int installments(const rp_plan_t *p)
{
    int n = 0;
    for (int k = 0; k < p->count; k++)
        n += p->rows[k].n > 0;
    return n;
}

/* Capacity 500 with 罚息 waived: extend and spread the arrears. Gnumeric:
 * PMT(0.01, 16, −7173.48) = 487.399 and the 71.91 of arrears / 16 = 4.49:
 * about 491.89 — fits; PMT(0.01, 15, −7173.48) = 517.378 + 4.79: about
 * 522.17 — does not. So 16 installments, and 15 is shown to fail. */
START_TEST(shortest_term)
{
    scase_t s;
    setup(&s, RP_GOAL_SHORTEST_TERM);
    q_set(s.goal.capacity, "500");
    rp_action_t *a = rp_actions_add(&s.given, RP_ACTION_WAIVE);
    a->component = RP_PENALTY;
    q_set(a->share, "1");
    a->given |= RP_HAS_SHARE;
    ck_assert_int_eq(solve(&s), RP_OK);
    ck_assert(s.sol.feasible);
    ck_assert_int_eq(installments(&s.sol.plan), 16);
    ck_assert_q_eq(s.sol.plan.payment, "491.89");
    ck_assert(s.sol.has_neighbour);
    ck_assert_int_eq(installments(&s.sol.neighbour), 15);
    mpq_t big, cap;
    mpq_inits(big, cap, NULL);
    q_set(cap, "500");
    largest(big, &s.sol.plan);
    ck_assert(mpq_cmp(big, cap) <= 0);
    largest(big, &s.sol.neighbour);
    ck_assert(mpq_cmp(big, cap) > 0);
    mpq_clears(big, cap, NULL);
    done(&s);
}
END_TEST

/* Capacity 100 within 24 installments cannot be met: infeasible. The
 * closest plan is the longest the law allows: a 12-month loan (maturity
 * 2025-01-15) may be extended by at most 12 months (《贷款通则》 Art. 12),
 * to 2026-01-15 — installments 2024-08-15 … 2026-01-15 are 18. Only an
 * explicit allow lets it run to 24, with the art12_limit warning. */
START_TEST(infeasible)
{
    scase_t s;
    setup(&s, RP_GOAL_SHORTEST_TERM);
    q_set(s.goal.capacity, "100");
    s.goal.term = 24;
    ck_assert_int_eq(solve(&s), RP_OK);
    ck_assert(!s.sol.feasible);
    ck_assert_int_eq(installments(&s.sol.plan), 18);
    ck_assert_str_eq(s.sol.binding, "capacity");
    ck_assert_int_eq(s.sol.plan.warning_count, 0);
    done(&s);

    setup(&s, RP_GOAL_SHORTEST_TERM);
    q_set(s.goal.capacity, "100");
    s.goal.term = 24;
    s.goal.allow = RP_ALLOW_ART12;
    ck_assert_int_eq(solve(&s), RP_OK);
    ck_assert_int_eq(installments(&s.sol.plan), 24);
    ck_assert_str_eq(s.sol.plan.warnings[0].code, "art12_limit");
    done(&s);
}
END_TEST

/* A plan that breaks a legal limit is never feasible unless allowed: a
 * capacity 300 is met by the shortest extension within Art. 12 (a plan
 * of 18 installments pays about 7,257.85 / 18 ≈ 410, too much; with the
 * limit the answer is infeasible) and a freeze over 72 installments
 * breaks the 60-installment rule. */
START_TEST(limits_planted)
{
    scase_t s;
    setup(&s, RP_GOAL_SHORTEST_TERM);
    q_set(s.goal.capacity, "300");
    s.goal.term = 60;
    ck_assert_int_eq(solve(&s), RP_OK);
    ck_assert(!s.sol.feasible);
    ck_assert_int_le(installments(&s.sol.plan), 18);
    done(&s);

    setup(&s, RP_GOAL_SMALLEST_WAIVER);
    q_set(s.goal.capacity, "200");
    s.goal.term = 72;
    ck_assert_int_eq(solve(&s), RP_OK);
    ck_assert(!s.sol.feasible);
    ck_assert_str_eq(s.sol.binding, "over_60_installments");
    done(&s);

    setup(&s, RP_GOAL_SMALLEST_WAIVER);
    q_set(s.goal.capacity, "200");
    s.goal.term = 72;
    s.goal.allow = RP_ALLOW_OVER_60;
    ck_assert_int_eq(solve(&s), RP_OK);
    ck_assert(s.sol.feasible);
    ck_assert_str_eq(s.sol.plan.warnings[0].code, "over_60_installments");
    done(&s);
}
END_TEST

/* The smallest waiver so 12 interest-free installments fit 500: what is
 * left, X, is paid as 11 × ⌊X/12⌋ and the rest last, so the last must be
 * ≤ 500: X = 5,999.78 gives 499.98 × 11 + 500.00; X = 5,999.79 gives a
 * last of 500.01. So 7,257.85 − 5,999.78 = 1,258.07 is waived, in order:
 * 复利 0.18, 罚息 2.49, interest 81.70, principal 1,173.70. */
START_TEST(smallest_waiver)
{
    scase_t s;
    setup(&s, RP_GOAL_SMALLEST_WAIVER);
    q_set(s.goal.capacity, "500");
    s.goal.term = 12;
    ck_assert_int_eq(solve(&s), RP_OK);
    ck_assert(s.sol.feasible);
    ck_assert_q_eq(s.sol.waiver, "1258.07");
    ck_assert_q_eq(s.sol.plan.waived[RP_COMPOUND], "0.18");
    ck_assert_q_eq(s.sol.plan.waived[RP_PENALTY], "2.49");
    ck_assert_q_eq(s.sol.plan.waived[RP_INTEREST], "81.7");
    ck_assert_q_eq(s.sol.plan.waived[RP_PRINCIPAL], "1173.7");
    ck_assert(s.sol.has_neighbour);
    ck_assert_q_eq(s.sol.neighbour.waived_total, "1258.06");
    done(&s);
}
END_TEST

/* The largest lump-sum discount keeping recovery ≥ 75%: paid today, its
 * value is itself: ⌈0.75 × 7,257.85⌉ = ⌈5,443.3875⌉ = 5,443.39. */
START_TEST(max_discount)
{
    scase_t s;
    setup(&s, RP_GOAL_MAX_DISCOUNT);
    q_set(s.goal.min_recovery, "0.75");
    ck_assert_int_eq(solve(&s), RP_OK);
    ck_assert(s.sol.feasible);
    ck_assert_q_eq(s.sol.settlement, "5443.39");
    ck_assert_q_eq(s.sol.plan.waived_total, "1814.46");
    ck_assert_q_eq(s.sol.neighbour.total_payment, "5443.38");
    done(&s);
}
END_TEST

/* The payment for 24 installments (18 more than the 6 left). */
START_TEST(payment_for_term)
{
    scase_t s;
    setup(&s, RP_GOAL_PAYMENT_FOR_TERM);
    s.goal.term = 24;
    ck_assert_int_eq(solve(&s), RP_OK);
    ck_assert_int_eq(installments(&s.sol.plan), 24);
    ck_assert(!s.sol.has_neighbour);
    done(&s);
}
END_TEST

static const struct {
    const char *what, *path;
} bad[] = {
    {"capacity 0", "goal.capacity"},
    {"a freeze among the given actions", "goal.actions"},
    {"recovery over 100%", "goal.min_recovery"},
    {"a term shorter than what is planned", "goal.term"},
};

START_TEST(bad_goals)
{
    scase_t s;
    setup(&s, _i == 2 ? RP_GOAL_MAX_DISCOUNT : _i == 3 ? RP_GOAL_PAYMENT_FOR_TERM : RP_GOAL_SHORTEST_TERM);
    switch (_i) {
    case 0: q_set(s.goal.capacity, "0"); break;
    case 1:
        q_set(s.goal.capacity, "500");
        rp_actions_add(&s.given, RP_ACTION_FREEZE)->periods = 3;
        break;
    case 2: q_set(s.goal.min_recovery, "1.2"); break;
    case 3: s.goal.term = 3; break;
    }
    rp_status st = solve(&s);
    ck_assert_msg(st == RP_E_VALUE, "%s: %s", bad[_i].what, rp_strerror(st));
    ck_assert_str_eq(s.c.err.path, bad[_i].path);
    done(&s);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("solve");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, shortest_term);
    tcase_add_test(tc, infeasible);
    tcase_add_test(tc, limits_planted);
    tcase_add_test(tc, smallest_waiver);
    tcase_add_test(tc, max_discount);
    tcase_add_test(tc, payment_for_term);
    tcase_add_loop_test(tc, bad_goals, 0, N_ELEMENTS(bad));
    suite_add_tcase(s, tc);
    return run_suite(s);
}
