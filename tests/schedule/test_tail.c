/*
 * test_tail.c — the installments still to come (calc/schedule/tail.c),
 * rebuilt, read and adjusted, against numbers worked by hand.
 *
 * 3,000 re-amortized at 12% a year over 3 months from 2024-01-15: the
 * payment PMT(1%, 3, 3000) = 30 × 1.030301 / 0.030301 = 1,020.066… → 1,020.07;
 * month 1: interest 30.00, principal 990.07; month 2: 2,009.93 × 1% =
 * 20.0993 (20.10 rounded), principal 999.97; month 3 clears 1,009.96 with
 * 10.0996 of interest.
 */
#include "schedule/tail.h"
#include "testutil.h"

static void loan_of(rp_loan_t *loan)
{
    rp_loan_init(loan);
    q_set(loan->principal, "12000");
    q_set(loan->annual_rate, "0.12");
    loan->term = 12;
    loan->start_date = rp_date_from_ymd(2024, 1, 15);
}

START_TEST(rebuild_by_hand)
{
    rp_loan_t loan;
    loan_of(&loan);
    rp_round_t rc;
    rp_round_init(&rc);
    tail_t t;
    rp_tail_init(&t);
    mpq_t balance, rate, level, x;
    mpq_inits(balance, rate, level, x, NULL);
    q_set(balance, "3000");
    q_set(rate, "0.12");
    ck_assert_int_eq(rp_tail_rebuild(&t, 0, 3, balance, rate, RP_METHOD_ANNUITY, NULL, level, &loan,
                                     &rc, NULL),
                     RP_OK);
    ck_assert_int_eq(t.count, 3);
    ck_assert_q_eq(level, "1020.07");
    ck_assert_int_eq(t.rows[0].due, rp_date_from_ymd(2024, 2, 15));
    ck_assert_int_eq(t.rows[2].due, rp_date_from_ymd(2024, 4, 15));
    ck_assert_int_eq(t.rows[1].start, t.rows[0].due);
    ck_assert_q_eq(t.rows[0].principal, "990.07");
    ck_assert_q_eq(t.rows[0].interest, "30");
    ck_assert_q_eq(t.rows[1].principal, "999.97");
    ck_assert_q_eq(t.rows[1].interest, "20.0993");
    ck_assert_q_eq(t.rows[2].principal, "1009.96");
    ck_assert_q_eq(t.rows[2].interest, "10.0996");
    rp_tail_principal(x, &t, 1);
    ck_assert_q_eq(x, "2009.93");
    mpq_clears(balance, rate, level, x, NULL);
    rp_tail_clear(&t);
    rp_round_clear(&rc);
    rp_loan_clear(&loan);
}
END_TEST

/* 6% more from 2024-02-05 on 3,000 in the first period (31 days from
 * 2024-01-15): 11 of its 31 days, 11/31 × 1/12 × 3,000 × 6% = 165/31. */
START_TEST(adjust_pro_rata_by_days)
{
    rp_loan_t loan;
    loan_of(&loan);
    rp_round_t rc;
    rp_round_init(&rc);
    tail_t t;
    rp_tail_init(&t);
    mpq_t balance, rate, delta, want;
    mpq_inits(balance, rate, delta, want, NULL);
    q_set(balance, "3000");
    q_set(rate, "0.12");
    q_set(delta, "0.06");
    ck_assert_int_eq(rp_tail_rebuild(&t, 0, 3, balance, rate, RP_METHOD_ANNUITY, NULL, NULL, &loan,
                                     &rc, NULL),
                     RP_OK);
    rp_tail_adjust(&t, 0, rp_date_from_ymd(2024, 2, 5), balance, delta);
    mpq_set_ui(want, 30 * 31 + 165, 31);
    mpq_canonicalize(want);
    ck_assert(mpq_equal(t.rows[0].interest, want));
    /* a change after the due date changes nothing */
    rp_tail_adjust(&t, 1, rp_date_from_ymd(2024, 4, 1), balance, delta);
    ck_assert_q_eq(t.rows[1].interest, "20.0993");
    mpq_clears(balance, rate, delta, want, NULL);
    rp_tail_clear(&t);
    rp_round_clear(&rc);
    rp_loan_clear(&loan);
}
END_TEST

START_TEST(copy_and_truncate)
{
    rp_loan_t loan;
    loan_of(&loan);
    rp_round_t rc;
    rp_round_init(&rc);
    tail_t t, u;
    rp_tail_init(&t);
    rp_tail_init(&u);
    mpq_t balance, rate, x;
    mpq_inits(balance, rate, x, NULL);
    q_set(balance, "3000");
    q_set(rate, "0.12");
    ck_assert_int_eq(rp_tail_rebuild(&t, 0, 3, balance, rate, RP_METHOD_EQUAL_PRINCIPAL, NULL, NULL,
                                     &loan, &rc, NULL),
                     RP_OK);
    ck_assert_q_eq(t.rows[0].principal, "1000"); /* 3,000 / 3 */
    ck_assert_int_eq(rp_tail_copy(&u, &t, NULL), RP_OK);
    rp_tail_truncate(&t, 1);
    ck_assert_int_eq(t.count, 1);
    ck_assert_int_eq(u.count, 3); /* the copy is its own */
    rp_tail_principal(x, &u, 0);
    ck_assert_q_eq(x, "3000");
    /* a rebuild over more rows than there are takes the loan's next dates */
    ck_assert_int_eq(rp_tail_rebuild(&t, 0, 4, balance, rate, RP_METHOD_EQUAL_PRINCIPAL, NULL, NULL,
                                     &loan, &rc, NULL),
                     RP_OK);
    ck_assert_int_eq(t.count, 4);
    ck_assert_int_eq(t.rows[3].due, rp_date_from_ymd(2024, 5, 15));
    ck_assert_q_eq(t.rows[3].principal, "750");
    ck_assert_int_eq(rp_tail_rebuild(&t, 0, 0, balance, rate, RP_METHOD_ANNUITY, NULL, NULL, &loan,
                                     &rc, NULL),
                     RP_E_RANGE);
    mpq_clears(balance, rate, x, NULL);
    rp_tail_clear(&t);
    rp_tail_clear(&u);
    rp_round_clear(&rc);
    rp_loan_clear(&loan);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tail");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, rebuild_by_hand);
    tcase_add_test(tc, adjust_pro_rata_by_days);
    tcase_add_test(tc, copy_and_truncate);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
