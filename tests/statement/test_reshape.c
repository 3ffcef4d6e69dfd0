/*
 * test_reshape.c — rate changes, prepayment, acceleration. 12,000 at
 * 12% × 12 from 2024-01-15 (payment 1066.19; rows 1–3: principal 946.19,
 * 955.65, 965.21; interest 120.00, 110.54, 100.98), installments 1–2 paid
 * on time, so 10,098.16 is owed going into installment 3 (Mar 15 → Apr 15,
 * 31 days). Payments and re-amortized levels checked with Gnumeric's PMT.
 */
#include "stmtutil.h"

static void paid_two(stmt_case_t *c)
{
    sc_init(c, "12000", "0.12", 12, "2024-01-15");
    sc_pay(c, "2024-02-15", "1066.19");
}

/* From Mar 15 — the day installment 2 falls due and 3 opens — the rate is
 * 6%: nothing is in progress, so installment 2 stays at 12% and 3 … 12 are
 * re-amortized on 10,098.16 at 0.5%: PMT(0.005, 10, −10098.16) =
 * 1037.7937… → 1037.79 (Gnumeric); installment 3 charges 10,098.16 × 0.5%
 * = 50.4908 → 50.49, principal 1037.79 − 50.49 = 987.30; installment 4
 * 9,110.86 × 0.5% = 45.5543 → 45.55. (Before issue 18's fixtures, 3 kept
 * its planned principal 965.21 and paid 1015.70, then 1040.31 — a one-off
 * payment no bank's repricing makes.) */
START_TEST(rate_change_at_period_start)
{
    stmt_case_t c;
    paid_two(&c);
    sc_pay(&c, "2024-03-15", "1066.19");
    q_set(sc_event(&c, RP_EVENT_RATE_CHANGE, "2024-03-15")->rate, "0.06");
    sc_run(&c, "2024-03-20");
    const rp_item_t *three = sc_item(&c, 3), *four = sc_item(&c, 4);
    ck_assert_q_eq(three->due[RP_INTEREST], "50.49");
    ck_assert_q_eq(three->due[RP_PRINCIPAL], "987.30");
    mpq_t pay;
    mpq_init(pay);
    mpq_add(pay, four->due[RP_PRINCIPAL], four->due[RP_INTEREST]);
    ck_assert_q_eq(pay, "1037.79");
    ck_assert_q_eq(four->due[RP_INTEREST], "45.55"); /* 9110.86 × 0.5% = 45.5543 */
    mpq_clear(pay);
    ck_assert_q_eq(c.st.penalty_rate, "0.09");
    sc_clear(&c);
}
END_TEST

/* A change on Apr 1: of installment 3's 31 days, counted 算头不算尾
 * (Mar 15 … Apr 14), Apr 1 … Apr 14 (14) are at 6%: 100.9816 − 10,098.16 ×
 * 6% / 12 × 14/31 = 100.9816 − 22.8023 = 78.1793 → 78.18. */
START_TEST(rate_change_mid_period)
{
    stmt_case_t c;
    paid_two(&c);
    sc_pay(&c, "2024-03-15", "1066.19");
    q_set(sc_event(&c, RP_EVENT_RATE_CHANGE, "2024-04-01")->rate, "0.06");
    sc_run(&c, "2024-04-10");
    ck_assert_q_eq(sc_item(&c, 3)->due[RP_INTEREST], "78.18");
    sc_clear(&c);
}
END_TEST

/* The penalty rate follows a rate change: installment 1 unpaid after its
 * due date Feb 15; days counted 算头不算尾 from it, Feb 15 … Feb 29 (15) at
 * 12% → 18%, Mar 1 … Mar 4 (4) at 6% → 9%: 946.19 × (0.18 × 15 + 0.09 × 4)
 * / 360 = 946.19 × 3.06 / 360 = 8.042615 → 8.04 as of Mar 5, in two
 * segments (rule 1 names them by the day each ends: Feb 16 … Mar 1 and
 * Mar 2 … Mar 5). */
START_TEST(penalty_follows_rate_change)
{
    stmt_case_t c;
    sc_init(&c, "12000", "0.12", 12, "2024-01-15");
    c.terms.overdue.compound = 0;
    q_set(sc_event(&c, RP_EVENT_RATE_CHANGE, "2024-03-01")->rate, "0.06");
    sc_run(&c, "2024-03-05");
    ck_assert_q_eq(sc_item(&c, 1)->due[RP_PENALTY], "8.04");
    const rp_working_t *w = sc_working(&c, 1, RP_PENALTY);
    ck_assert_int_eq(w->count, 2);
    ck_assert_int_eq(w->segments[0].days, 15);
    ck_assert_q_eq(w->segments[1].rate, "0.09");
    sc_clear(&c);
}
END_TEST

/* Paying 3,066.19 on Mar 15 with lower_payment: 1066.19 pays installment 2,
 * 2,000 prepays principal. Installment 3 loses 2,000 × 1% × 31/31 = 20.00
 * of interest: 100.9816 − 20 = 80.9816 → 80.98. The last 9 are
 * re-amortized on 9,132.95 − 2,000 = 7,132.95: PMT(0.01, 9, −7132.95) =
 * 832.7032… → 832.70. */
START_TEST(prepay_lower_payment)
{
    stmt_case_t c;
    paid_two(&c);
    c.terms.overpayment = RP_OVERPAY_LOWER_PAYMENT;
    sc_pay(&c, "2024-03-15", "3066.19");
    sc_run(&c, "2024-03-20");
    ck_assert_q_eq(c.st.prepaid, "2000");
    ck_assert_q_eq(c.st.entries[1].to_prepayment, "2000");
    ck_assert_q_eq(sc_item(&c, 3)->due[RP_INTEREST], "80.98");
    const rp_item_t *four = sc_item(&c, 4);
    mpq_t pay;
    mpq_init(pay);
    mpq_add(pay, four->due[RP_PRINCIPAL], four->due[RP_INTEREST]);
    ck_assert_q_eq(pay, "832.7");
    mpq_clear(pay);
    ck_assert_int_eq(c.st.item_count, 12);
    sc_clear(&c);
}
END_TEST

/* The same with shorten_term: the payment stays 1066.19 and 7,132.95 takes
 * 7 installments (Gnumeric NPER(0.01, −1066.19, 7132.95) = 6.96); the last
 * (installment 10) is 1012.54 + 10.13 interest. */
START_TEST(prepay_shorten_term)
{
    stmt_case_t c;
    paid_two(&c);
    c.terms.overpayment = RP_OVERPAY_SHORTEN_TERM;
    sc_pay(&c, "2024-03-15", "3066.19");
    sc_run(&c, "2024-03-20");
    ck_assert_int_eq(c.st.item_count, 10);
    const rp_item_t *last = sc_item(&c, 10);
    ck_assert_q_eq(last->due[RP_PRINCIPAL], "1012.54");
    ck_assert_q_eq(last->due[RP_INTEREST], "10.13");
    mpq_t pay;
    mpq_init(pay);
    mpq_add(pay, sc_item(&c, 5)->due[RP_PRINCIPAL], sc_item(&c, 5)->due[RP_INTEREST]);
    ck_assert_q_eq(pay, "1066.19");
    mpq_clear(pay);
    sc_clear(&c);
}
END_TEST

/* Prepaying everything: 20,000 on Mar 15 leaves installment 3's principal
 * 0 and its interest 100.9816 − 10,098.16 × 1% = 0; the rest is credit. */
START_TEST(prepay_everything)
{
    stmt_case_t c;
    paid_two(&c);
    c.terms.overpayment = RP_OVERPAY_LOWER_PAYMENT;
    sc_pay(&c, "2024-03-15", "20000");
    sc_run(&c, "2024-03-20");
    ck_assert_q_eq(c.st.prepaid, "10098.16");
    ck_assert_q_eq(c.st.credit, "8835.65"); /* 20000 − 1066.19 − 10098.16 */
    ck_assert_q_eq(c.st.payoff_total, "0");
    ck_assert_int_eq(c.st.item_count, 3);
    sc_clear(&c);
}
END_TEST

/* Acceleration on May 25 with only installment 1 paid: installment 5
 * (Apr 15 → May 15 is 4, May 15 → Jun 15 is 5) is in progress: its
 * interest 8,158.09 × 1% × 10/31 = 26.3164 → 26.32; installments 6–12 fall
 * due May 25 as principal only; the first 罚息 day for them is May 26. */
START_TEST(acceleration)
{
    stmt_case_t c;
    sc_init(&c, "12000", "0.12", 12, "2024-01-15");
    sc_pay(&c, "2024-02-15", "1066.19");
    sc_event(&c, RP_EVENT_ACCELERATION, "2024-05-25");
    sc_run(&c, "2024-05-26");
    const rp_item_t *five = sc_item(&c, 5), *six = sc_item(&c, 6);
    ck_assert_q_eq(five->due[RP_INTEREST], "26.32");
    ck_assert_int_eq(five->due_date, day("2024-05-25"));
    ck_assert(six->accelerated);
    ck_assert_q_eq(six->due[RP_INTEREST], "0");
    ck_assert_int_eq(six->status, RP_STATUS_OVERDUE);
    /* everything is due: payoff = total due */
    ck_assert(mpq_equal(c.st.payoff_total, c.st.total_due));
    /* 12,000 − 946.19 of principal is owed */
    ck_assert_q_eq(c.st.owed[RP_PRINCIPAL], "11053.81");
    /* installment 6: 994.46 × 0.0005 × 1 = 0.49723 → 0.50 */
    ck_assert_q_eq(six->due[RP_PENALTY], "0.5");
    sc_clear(&c);
}
END_TEST

/* Payoff on Mar 20 with nothing late: principal 12,000 − 946.19 − 955.65
 * = 10,098.16 plus interest of installment 3 for Mar 16 … Mar 20 (5 of 31
 * days): 100.9816 × 5/31 = 16.2874 → 16.29. */
START_TEST(payoff_accrues_the_current_period)
{
    stmt_case_t c;
    paid_two(&c);
    sc_pay(&c, "2024-03-15", "1066.19");
    sc_run(&c, "2024-03-20");
    ck_assert_q_eq(c.st.payoff[RP_PRINCIPAL], "10098.16");
    ck_assert_q_eq(c.st.payoff[RP_INTEREST], "16.29");
    ck_assert_q_eq(c.st.payoff_total, "10114.45");
    sc_clear(&c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("reamortize");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, rate_change_at_period_start);
    tcase_add_test(tc, rate_change_mid_period);
    tcase_add_test(tc, penalty_follows_rate_change);
    tcase_add_test(tc, prepay_lower_payment);
    tcase_add_test(tc, prepay_shorten_term);
    tcase_add_test(tc, prepay_everything);
    tcase_add_test(tc, acceleration);
    tcase_add_test(tc, payoff_accrues_the_current_period);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
