/*
 * test_life.c — a loan's life through restructure events
 * (calc/restructure/life.c, plan_resume.c; statement/resume.c).
 *
 * Every case starts from one loan small enough to work by hand: 1,200 at
 * 0% over 12 months of 100 (equal principal) from 2024-01-15, with an
 * explicit penalty rate of 18% a year on overdue principal (daily basis
 * 360, no grace). Nothing is paid, so on 2024-03-16 installment 1 (due
 * 02-15) is 30 days late and installment 2 (due 03-15) 1 day late:
 *   罚息 100 × 0.18 / 360 × 30 = 1.50 and 100 × 0.18 / 360 × 1 = 0.05.
 * That day the parties agree: the 罚息 (1.55) is waived on condition that
 * no installment of the plan is more than 10 days late, and the 1,200 is
 * frozen into monthly installments from 2024-04-16.
 */
#include "testutil.h"

typedef struct life_case {
    rp_loan_t loan;
    rp_round_t rc;
    rp_terms_t terms;
    rp_events_t ev;
    rp_statement_t st;
    rp_life_t life;
} life_case_t;

static void open_case(life_case_t *c)
{
    rp_loan_init(&c->loan);
    q_set(c->loan.principal, "1200");
    q_set(c->loan.annual_rate, "0");
    c->loan.term = 12;
    c->loan.method = RP_METHOD_EQUAL_PRINCIPAL;
    c->loan.start_date = rp_date_from_ymd(2024, 1, 15);
    rp_round_init(&c->rc);
    rp_terms_init(&c->terms);
    q_set(c->terms.overdue.penalty_rate, "0.18");
    rp_events_init(&c->ev);
    rp_statement_init(&c->st);
    rp_life_init(&c->life);
}

static void close_case(life_case_t *c)
{
    rp_life_clear(&c->life);
    rp_statement_clear(&c->st);
    rp_events_clear(&c->ev);
    rp_terms_clear(&c->terms);
    rp_round_clear(&c->rc);
    rp_loan_clear(&c->loan);
}

/* The agreement of 2024-03-16: conditional waiver, freeze into `count`. */
static rp_agreement_t *agree(life_case_t *c, rp_date_t date, int count, int condition)
{
    rp_event_t *e = rp_events_add(&c->ev, RP_EVENT_RESTRUCTURE);
    e->date = date;
    e->agreement = rp_agreement_new();
    ck_assert_ptr_nonnull(e->agreement);
    rp_action_t *w = rp_actions_add(&e->agreement->actions, RP_ACTION_WAIVE);
    w->component = RP_PENALTY;
    q_set(w->share, "1");
    w->given = RP_HAS_SHARE;
    if (condition >= 0) {
        w->given |= RP_HAS_CONDITION;
        w->max_days_late = condition;
    }
    rp_action_t *f = rp_actions_add(&e->agreement->actions, RP_ACTION_FREEZE);
    f->periods = count;
    f->keep = (1u << RP_PRINCIPAL) | (1u << RP_INTEREST);
    return e->agreement;
}

static void pay(life_case_t *c, int y, int m, int d, const char *amount)
{
    rp_event_t *e = rp_events_add(&c->ev, RP_EVENT_PAYMENT);
    e->date = rp_date_from_ymd(y, m, d);
    q_set(e->amount, amount);
}

static rp_status statement_on(life_case_t *c, int y, int m, int d)
{
    return rp_life_statement(&c->st, &c->life, &c->loan, &c->terms, &c->ev,
                             rp_date_from_ymd(y, m, d), &c->rc, NULL);
}

/* Broken: plan installment 1 (120, 04-16) paid; installment 2 (05-16)
 * never: more than 10 days late on 05-27, when the 1.55 is owed again.
 * On 06-01 the plan's installment 2 has borne 16 days of 罚息 at the
 * loan's 18%: 120 × 0.18 / 360 × 16 = 0.96. Owed: 120 + 0.96 + 1.55. */
START_TEST(broken_reinstates_on_the_breach_day)
{
    life_case_t c;
    open_case(&c);
    agree(&c, rp_date_from_ymd(2024, 3, 16), 10, 10);
    pay(&c, 2024, 4, 16, "120");
    ck_assert_int_eq(statement_on(&c, 2024, 6, 1), RP_OK);
    ck_assert_int_eq(c.life.count, 1);
    rp_life_agreement_t *a = &c.life.agreements[0];
    ck_assert_q_eq(a->plan.waived[RP_PENALTY], "1.55");
    ck_assert_q_eq(a->plan.conditional[RP_PENALTY], "1.55");
    ck_assert_int_eq(a->standing, RP_STANDING_BROKEN);
    ck_assert_int_eq(a->breach_date, rp_date_from_ymd(2024, 5, 27));
    ck_assert_int_eq(a->breach_n, 2);
    ck_assert_q_eq(a->reinstated[RP_PENALTY], "1.55");
    ck_assert_q_eq(c.st.owed[RP_PRINCIPAL], "120");
    ck_assert_q_eq(c.st.owed[RP_PENALTY], "2.51");
    ck_assert_q_eq(c.st.total_due, "122.51");
    ck_assert_int_eq(c.st.dpd, 16);
    ck_assert_int_eq(a->due, 2);
    ck_assert_int_eq(a->on_time, 1);
    ck_assert_int_eq(a->missed, 1);
    /* Art. 20: restarted the day installment 2 fell late, a year on */
    ck_assert_int_eq(a->observation, RP_OBSERVATION_RESTARTED);
    ck_assert_int_eq(a->restarted_on, rp_date_from_ymd(2024, 5, 17));
    ck_assert_int_eq(a->observation_end, rp_date_from_ymd(2025, 5, 17));
    /* 关注 before (30 days late), at least 关注 after (Art. 21) */
    ck_assert_int_eq(a->tier_before, 1);
    ck_assert_int_eq(c.life.tier, 1);
    ck_assert_int_eq(c.life.rule, RP_CLASS_BY_ART21);
    ck_assert(c.life.restructured);
    /* the replaced installments 1 and 2 were due: restructured; 3 … 12 never fell due */
    int replaced = 0, plan = 0, back = 0;
    for (int k = 0; k < c.st.item_count; k++) {
        replaced += c.st.items[k].plan == 0;
        plan += c.st.items[k].plan == 1 && c.st.items[k].role == RP_ROLE_INSTALLMENT;
        back += c.st.items[k].role == RP_ROLE_REINSTATED;
        if (c.st.items[k].plan == 0)
            ck_assert_int_eq(c.st.items[k].status, RP_STATUS_RESTRUCTURED);
    }
    ck_assert_int_eq(replaced, 2);
    ck_assert_int_eq(plan, 10);
    ck_assert_int_eq(back, 1);
    close_case(&c);
}
END_TEST

/* Without a condition the waiver is final: the same history owes 120 +
 * 0.96 and nothing comes back. */
START_TEST(final_waiver_stays_waived)
{
    life_case_t c;
    open_case(&c);
    agree(&c, rp_date_from_ymd(2024, 3, 16), 10, -1);
    pay(&c, 2024, 4, 16, "120");
    ck_assert_int_eq(statement_on(&c, 2024, 6, 1), RP_OK);
    ck_assert_int_eq(c.life.agreements[0].breach_date, RP_DATE_NONE);
    ck_assert_int_eq(c.life.agreements[0].standing, RP_STANDING_BEHIND);
    ck_assert_q_eq(c.st.total_due, "120.96");
    close_case(&c);
}
END_TEST

/* Kept: 24 installments of 50 from 2024-04-16, the first 13 paid on their
 * dates. The observation ends a year after the first due date
 * (2025-04-16, later than two periods); on 2025-04-20 it has passed and
 * the class is what days past due say: 正常. */
START_TEST(kept_passes_observation)
{
    life_case_t c;
    open_case(&c);
    agree(&c, rp_date_from_ymd(2024, 3, 16), 24, 10);
    for (int k = 0; k < 13; k++) {
        rp_date_t d;
        ck_assert_int_eq(rp_date_add_months(&d, rp_date_from_ymd(2024, 4, 16), k, NULL), RP_OK);
        int y, m, dd;
        rp_date_to_ymd(d, &y, &m, &dd);
        pay(&c, y, m, dd, "50");
    }
    ck_assert_int_eq(statement_on(&c, 2025, 4, 20), RP_OK);
    rp_life_agreement_t *a = &c.life.agreements[0];
    ck_assert_int_eq(a->observation, RP_OBSERVATION_PASSED);
    ck_assert_int_eq(a->observation_end, rp_date_from_ymd(2025, 4, 16));
    ck_assert_int_eq(a->standing, RP_STANDING_CURRENT);
    ck_assert_int_eq(a->on_time, 13);
    ck_assert(!c.life.restructured);
    ck_assert_int_eq(c.life.tier, 0);
    ck_assert_int_eq(c.life.rule, RP_CLASS_BY_DPD);
    ck_assert_q_eq(c.st.payoff_total, "550"); /* 11 × 50 left */
    close_case(&c);
}
END_TEST

/* Restructured again on 2024-07-01, inside the first observation period:
 * at least 次级 under the final 2023 text (Art. 22), 可疑 under the 2019
 * draft. */
START_TEST(again_inside_observation)
{
    for (int rules = 0; rules < RP_RESTRUCTURED_RULES_COUNT; rules++) {
        life_case_t c;
        open_case(&c);
        c.terms.restructured_rules = (rp_restructured_rules)rules;
        agree(&c, rp_date_from_ymd(2024, 3, 16), 24, 10);
        pay(&c, 2024, 4, 16, "50");
        pay(&c, 2024, 5, 16, "50");
        pay(&c, 2024, 6, 16, "50");
        rp_event_t *e = rp_events_add(&c.ev, RP_EVENT_RESTRUCTURE);
        e->date = rp_date_from_ymd(2024, 7, 1);
        e->agreement = rp_agreement_new();
        rp_actions_add(&e->agreement->actions, RP_ACTION_FREEZE)->periods = 30;
        e->agreement->actions.items[0].keep = 1u << RP_PRINCIPAL;
        ck_assert_int_eq(statement_on(&c, 2024, 7, 2), RP_OK);
        ck_assert_int_eq(c.life.count, 2);
        ck_assert(c.life.agreements[1].again);
        ck_assert_int_eq(c.life.agreements[1].tier_before, 1); /* 关注: the first one's floor */
        ck_assert_int_eq(c.life.tier, rules == RP_RESTRUCTURED_2023 ? 2 : 3);
        ck_assert_int_eq(c.life.rule, RP_CLASS_BY_ART22);
        ck_assert_int_eq(c.life.agreements[0].superseded_on, rp_date_from_ymd(2024, 7, 1));
        /* the second plan starts from the 1,050 the first left (1,200 − 3 × 50) */
        ck_assert_q_eq(c.life.agreements[1].plan.claim[RP_PRINCIPAL], "1050");
        ck_assert_q_eq(c.st.payoff_total, "1050");
        close_case(&c);
    }
}
END_TEST

/* A history without restructure events: exactly the plain statement. */
START_TEST(no_agreement_is_the_plain_statement)
{
    life_case_t c;
    open_case(&c);
    pay(&c, 2024, 2, 15, "100");
    rp_statement_t plain;
    rp_statement_init(&plain);
    ck_assert_int_eq(rp_statement_build(&plain, &c.loan, &c.terms, &c.ev, rp_date_from_ymd(2024, 5, 1),
                                        &c.rc, NULL), RP_OK);
    ck_assert_int_eq(statement_on(&c, 2024, 5, 1), RP_OK);
    ck_assert_int_eq(c.life.count, 0);
    ck_assert(mpq_equal(plain.payoff_total, c.st.payoff_total));
    ck_assert(mpq_equal(plain.total_due, c.st.total_due));
    ck_assert_int_eq(plain.item_count, c.st.item_count);
    rp_statement_clear(&plain);
    close_case(&c);
}
END_TEST

/* A rate change after an agreement is refused at its path; more than
 * RP_MAX_RESTRUCTURINGS agreements too. */
START_TEST(refused_histories)
{
    life_case_t c;
    open_case(&c);
    agree(&c, rp_date_from_ymd(2024, 3, 16), 10, -1);
    rp_event_t *e = rp_events_add(&c.ev, RP_EVENT_RATE_CHANGE);
    e->date = rp_date_from_ymd(2024, 5, 1);
    q_set(e->rate, "0.05");
    rp_error err;
    rp_error_reset(&err);
    ck_assert_int_eq(rp_life_statement(&c.st, &c.life, &c.loan, &c.terms, &c.ev,
                                       rp_date_from_ymd(2024, 6, 1), &c.rc, &err),
                     RP_E_VALUE);
    ck_assert_str_eq(err.path, "events[1].rate");
    close_case(&c);

    open_case(&c);
    for (int k = 0; k <= RP_MAX_RESTRUCTURINGS; k++)
        agree(&c, rp_date_from_ymd(2024, 3, 16) + k, 10, -1);
    rp_error_reset(&err);
    ck_assert_int_eq(rp_life_statement(&c.st, &c.life, &c.loan, &c.terms, &c.ev,
                                       rp_date_from_ymd(2024, 6, 1), &c.rc, &err),
                     RP_E_RANGE);
    close_case(&c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("life");
    TCase *tc = tcase_create("life");
    tcase_add_test(tc, broken_reinstates_on_the_breach_day);
    tcase_add_test(tc, final_waiver_stays_waived);
    tcase_add_test(tc, kept_passes_observation);
    tcase_add_test(tc, again_inside_observation);
    tcase_add_test(tc, no_agreement_is_the_plain_statement);
    tcase_add_test(tc, refused_histories);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
