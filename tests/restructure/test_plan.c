/*
 * test_plan.c — a restructured plan's rows, checks and price
 * (calc/restructure/plan.c, pricing.c).
 *
 * 12,000 at 12% over 12 months from 2024-01-15, six installments of
 * 1,066.19 paid on their due dates, extended by 6 on 2024-07-15: the
 * 6,179.02 left is re-amortized over 12 months, PMT(1%, 12, 6179.02) =
 * 548.998… → 549.00 (the fixture extend-6 derives the same).
 */
#include "testutil.h"

typedef struct fixture {
    rp_loan_t loan;
    rp_round_t rc;
    rp_terms_t terms;
    rp_events_t ev;
    rp_plan_t plan;
} fixture_t;

static void open_plan(fixture_t *f)
{
    rp_loan_init(&f->loan);
    q_set(f->loan.principal, "12000");
    q_set(f->loan.annual_rate, "0.12");
    f->loan.term = 12;
    f->loan.start_date = rp_date_from_ymd(2024, 1, 15);
    rp_round_init(&f->rc);
    rp_terms_init(&f->terms);
    rp_events_init(&f->ev);
    for (int k = 1; k <= 6; k++) {
        rp_event_t *e = rp_events_add(&f->ev, RP_EVENT_PAYMENT);
        ck_assert_int_eq(rp_date_add_months(&e->date, f->loan.start_date, k, NULL), RP_OK);
        q_set(e->amount, "1066.19");
    }
    rp_actions_t acts;
    rp_actions_init(&acts);
    rp_actions_add(&acts, RP_ACTION_EXTEND)->periods = 6;
    rp_plan_init(&f->plan);
    ck_assert_int_eq(rp_restructure(&f->plan, &f->loan, &f->terms, &f->ev,
                                    rp_date_from_ymd(2024, 7, 15), &acts, &f->rc, NULL),
                     RP_OK);
    rp_actions_clear(&acts);
}

static void close_plan(fixture_t *f)
{
    rp_plan_clear(&f->plan);
    rp_events_clear(&f->ev);
    rp_terms_clear(&f->terms);
    rp_round_clear(&f->rc);
    rp_loan_clear(&f->loan);
}

START_TEST(rows_by_hand)
{
    fixture_t f;
    open_plan(&f);
    ck_assert_int_eq(rp_plan_installments(&f.plan), 12);
    ck_assert_q_eq(f.plan.payment, "549");
    ck_assert_q_eq(f.plan.claim_total, "6179.02");
    ck_assert_q_eq(f.plan.total_principal, "6179.02");
    mpq_t x;
    mpq_init(x);
    rp_plan_largest_payment(x, &f.plan);
    ck_assert(mpq_cmp_ui(x, 549, 1) >= 0); /* the last may take a few fen more */
    mpq_clear(x);
    ck_assert_int_eq(f.plan.first_due_date, rp_date_from_ymd(2024, 8, 15));
    ck_assert_int_eq(f.plan.maturity_date, rp_date_from_ymd(2025, 7, 15));
    close_plan(&f);
}
END_TEST

/* At a discount rate of 0 the lender's PV is what is paid, and the time
 * value nothing; at the plan's own rate on a due date, the installments are
 * worth the claim to within their rounding. */
START_TEST(price_at_zero_and_at_its_rate)
{
    fixture_t f;
    open_plan(&f);
    rp_pricing_t p;
    rp_pricing_init(&p);
    mpq_t rate;
    mpq_init(rate);
    ck_assert_int_eq(rp_plan_price(&p, &f.plan, rate, &f.rc, NULL), RP_OK);
    ck_assert(mpq_equal(p.pv, f.plan.total_payment));
    ck_assert_int_eq(mpq_sgn(p.time_value), 0);
    q_set(rate, "0.12");
    ck_assert_int_eq(rp_plan_price(&p, &f.plan, rate, &f.rc, NULL), RP_OK);
    mpq_sub(rate, p.pv, f.plan.claim_total);
    mpq_abs(rate, rate);
    ck_assert_msg(mpq_cmp_ui(rate, 5, 100) <= 0, "PV at 12%% off the claim by more than 0.05");
    ck_assert(p.has_apr);
    q_set(rate, "-0.01");
    ck_assert_int_eq(rp_plan_price(&p, &f.plan, rate, &f.rc, NULL), RP_E_VALUE);
    mpq_clear(rate);
    rp_pricing_clear(&p);
    close_plan(&f);
}
END_TEST

START_TEST(plan_faults)
{
    fixture_t f;
    open_plan(&f);
    rp_error err;
    ck_assert_int_eq(rp_plan_verify(&f.plan, &f.rc, &err), RP_OK);
    mpq_t x;
    mpq_init(x);
    q_set(x, "0.01");
    mpq_add(f.plan.rows[2].payment, f.plan.rows[2].payment, x); /* paid more than owed */
    ck_assert_int_eq(rp_plan_verify(&f.plan, &f.rc, &err), RP_E_INTERNAL);
    mpq_sub(f.plan.rows[2].payment, f.plan.rows[2].payment, x);
    mpq_add(f.plan.waived[RP_PENALTY], f.plan.waived[RP_PENALTY], x); /* waived what was not owed */
    ck_assert_int_eq(rp_plan_verify(&f.plan, &f.rc, &err), RP_E_INTERNAL);
    ck_assert_ptr_nonnull(strstr(err.message, "waiver"));
    mpq_clear(x);
    close_plan(&f);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("plan");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, rows_by_hand);
    tcase_add_test(tc, price_at_zero_and_at_its_rate);
    tcase_add_test(tc, plan_faults);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
