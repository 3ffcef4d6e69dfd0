/*
 * test_ledger.c — the statement engine as a whole: no arrears, payments
 * split across installments, same-day order, events after as_of, bad
 * events, days past due and buckets. Hand-worked numbers in comments.
 */
#include "stmtutil.h"

/* Every installment paid on its due date: nothing owed, nothing late. */
START_TEST(no_arrears)
{
    stmt_case_t c;
    sc_init(&c, "12000", "0.12", 12, "2024-01-15");
    sc_pay(&c, "2024-02-15", "1066.19");
    sc_pay(&c, "2024-03-15", "1066.19");
    sc_run(&c, "2024-04-01");
    ck_assert_q_eq(c.st.total_due, "0");
    ck_assert_int_eq(c.st.dpd, 0);
    ck_assert_int_eq(c.st.tier, 0);
    ck_assert_int_eq(c.st.bucket, 0);
    ck_assert_int_eq(sc_item(&c, 1)->status, RP_STATUS_PAID);
    ck_assert_int_eq(sc_item(&c, 3)->status, RP_STATUS_NOT_DUE);
    ck_assert_int_eq(c.st.working_count, 0);
    sc_clear(&c);
}
END_TEST

/* A whole 0% loan of 1,200 paid at once on day one: 1,200 of credit pays
 * each installment of 100 as it falls due; by the end nothing is left. */
START_TEST(credit_pays_everything)
{
    stmt_case_t c;
    sc_init(&c, "1200", "0", 12, "2024-01-15");
    sc_pay(&c, "2024-01-15", "1200");
    sc_run(&c, "2025-01-15");
    ck_assert_q_eq(c.st.credit, "0");
    ck_assert_q_eq(c.st.payoff_total, "0");
    ck_assert_int_eq(c.st.entry_count, 13); /* the payment, then 12 uses of credit */
    for (int n = 1; n <= 12; n++)
        ck_assert_int_eq(sc_item(&c, n)->status, RP_STATUS_PAID);
    sc_clear(&c);
}
END_TEST

/* 2,200 on Mar 15 for installments 1 (29 days late) and 2 (due today):
 * installment 1 with 罚息 13.72 and 复利 1.74 takes 1,081.65; installment 2
 * gets 1,118.35: all 1066.19 and 52.16 more is credit. */
START_TEST(one_payment_two_installments)
{
    stmt_case_t c;
    sc_init(&c, "12000", "0.12", 12, "2024-01-15");
    sc_pay(&c, "2024-03-15", "2200");
    sc_run(&c, "2024-03-15");
    ck_assert_int_eq(sc_item(&c, 1)->status, RP_STATUS_PAID_LATE);
    ck_assert_int_eq(sc_item(&c, 2)->status, RP_STATUS_PAID);
    ck_assert_q_eq(c.st.entries[0].to_credit, "52.16");
    ck_assert_q_eq(c.st.credit, "52.16");
    sc_clear(&c);
}
END_TEST

/* Same day: the fee event is payable by a payment listed before it. */
START_TEST(same_day_order)
{
    stmt_case_t c;
    sc_init(&c, "12000", "0.12", 12, "2024-01-15");
    sc_pay(&c, "2024-02-15", "1116.19");
    q_set(sc_event(&c, RP_EVENT_FEE, "2024-02-15")->amount, "50");
    sc_run(&c, "2024-02-15");
    ck_assert_q_eq(c.st.total_due, "0");
    ck_assert_q_eq(c.st.credit, "0");
    sc_clear(&c);
}
END_TEST

START_TEST(events_after_as_of_are_left_out)
{
    stmt_case_t c;
    sc_init(&c, "12000", "0.12", 12, "2024-01-15");
    sc_pay(&c, "2024-03-01", "5000");
    sc_run(&c, "2024-02-20");
    ck_assert_int_eq(c.st.events_after_as_of, 1);
    ck_assert_q_eq(c.st.paid_total, "0");
    ck_assert_str_eq(c.st.warnings[c.st.warning_count - 1].code, "events_after_as_of");
    sc_clear(&c);
}
END_TEST

static const struct {
    const char *what;
    rp_status code;
    const char *path;
} bad[] = {
    {"payment before the start", RP_E_VALUE, "events[0].date"},
    {"zero payment", RP_E_VALUE, "events[0].amount"},
    {"payment in tenths of a fen", RP_E_VALUE, "events[0].amount"},
    {"two accelerations", RP_E_VALUE, "events[1]"},
    {"as_of before the start", RP_E_VALUE, "as_of"},
    {"no start date", RP_E_MISSING, "loan.start_date"},
    {"negative rate change", RP_E_VALUE, "events[0].rate"},
    {"shorten_term on interest_only", RP_E_VALUE, "loan.overpayment"},
    {"buckets not rising", RP_E_VALUE, "buckets"},
};

START_TEST(bad_statements)
{
    stmt_case_t c;
    sc_init(&c, "12000", "0.12", 12, "2024-01-15");
    const char *as_of = "2024-03-01";
    switch (_i) {
    case 0: sc_pay(&c, "2024-01-14", "100"); break;
    case 1: sc_pay(&c, "2024-02-01", "0"); break;
    case 2: sc_pay(&c, "2024-02-01", "1.001"); break;
    case 3:
        sc_event(&c, RP_EVENT_ACCELERATION, "2024-02-20");
        sc_event(&c, RP_EVENT_ACCELERATION, "2024-02-21");
        break;
    case 4: as_of = "2024-01-01"; break;
    case 5: c.loan.start_date = RP_DATE_NONE; break;
    case 6: q_set(sc_event(&c, RP_EVENT_RATE_CHANGE, "2024-02-01")->rate, "-0.01"); break;
    case 7:
        c.loan.method = RP_METHOD_INTEREST_ONLY;
        c.terms.overpayment = RP_OVERPAY_SHORTEN_TERM;
        break;
    case 8: c.terms.buckets[3].max_dpd = 10; break;
    }
    rp_status st = sc_try(&c, as_of);
    ck_assert_msg(st == bad[_i].code, "%s: got %s (%s)", bad[_i].what, rp_strerror(st), c.err.message);
    ck_assert_str_eq(c.err.path, bad[_i].path);
    ck_assert_int_eq(c.st.item_count, 0); /* output untouched */
    sc_clear(&c);
}
END_TEST

/* Days past due and the class at the 2023 boundaries: installment 1 of a
 * 0% loan due 2024-02-15 and never paid. */
static const struct {
    const char *as_of;
    int dpd, tier, bucket;
} ages[] = {
    {"2024-02-15", 0, 0, 0},  {"2024-02-16", 1, 1, 1},  {"2024-03-16", 30, 1, 1},
    {"2024-03-17", 31, 1, 2}, {"2024-05-15", 90, 1, 3}, {"2024-05-16", 91, 2, 4},
    {"2024-11-11", 270, 2, 7}, {"2024-11-12", 271, 3, 7}, {"2025-02-09", 360, 3, 7},
    {"2025-02-10", 361, 4, 7},
};

START_TEST(days_past_due_and_class)
{
    stmt_case_t c;
    sc_init(&c, "1200", "0", 12, "2024-01-15");
    sc_run(&c, ages[_i].as_of);
    ck_assert_int_eq(c.st.dpd, ages[_i].dpd);
    ck_assert_int_eq(c.st.tier, ages[_i].tier);
    ck_assert_int_eq(c.st.bucket, ages[_i].bucket);
    sc_clear(&c);
}
END_TEST

START_TEST(events_list_is_bounded)
{
    rp_events_t ev;
    rp_events_init(&ev);
    for (int i = 0; i < RP_MAX_EVENTS; i++)
        ck_assert_ptr_nonnull(rp_events_add(&ev, RP_EVENT_PAYMENT));
    ck_assert_ptr_null(rp_events_add(&ev, RP_EVENT_PAYMENT));
    rp_events_clear(&ev);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ledger");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, no_arrears);
    tcase_add_test(tc, credit_pays_everything);
    tcase_add_test(tc, one_payment_two_installments);
    tcase_add_test(tc, same_day_order);
    tcase_add_test(tc, events_after_as_of_are_left_out);
    tcase_add_loop_test(tc, bad_statements, 0, N_ELEMENTS(bad));
    tcase_add_loop_test(tc, days_past_due_and_class, 0, N_ELEMENTS(ages));
    tcase_add_test(tc, events_list_is_bounded);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
