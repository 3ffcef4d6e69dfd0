/*
 * test_overdue.c — penalty and compound interest, posting with carried
 * residue, grace, late fees. Every number is worked by hand in the comment
 * beside it (penalty rate 18% = 12% × 1.5 unless said; 18% / 360 = 0.0005 a day).
 */
#include "stmtutil.h"

/* DOMAIN.md: installment 1 of 1,000,000 at 4.9% × 360 paid 30 days late:
 * 罚息 1223.94 × 7.35% / 360 × 30 = 7.4966 → 7.50; 复利 4083.33 × 7.35% / 360
 * × 30 = 25.0104 → 25.01; the payment 5339.78 settles it exactly. */
START_TEST(domain_thirty_days_late)
{
    stmt_case_t c;
    sc_init(&c, "1000000", "0.049", 360, "2024-01-15");
    sc_pay(&c, "2024-03-16", "5339.78");
    sc_run(&c, "2024-03-16");
    const rp_item_t *one = sc_item(&c, 1);
    ck_assert_q_eq(one->due[RP_PENALTY], "7.50");
    ck_assert_q_eq(one->due[RP_COMPOUND], "25.01");
    ck_assert_int_eq(one->status, RP_STATUS_PAID_LATE);
    ck_assert_int_eq(one->days_past_due, 30);
    const rp_working_t *w = sc_working(&c, 1, RP_PENALTY);
    ck_assert_ptr_nonnull(w);
    ck_assert_int_eq(w->count, 1);
    ck_assert_int_eq(w->segments[0].days, 30);
    ck_assert_q_eq(w->segments[0].rate, "0.0735");
    ck_assert_q_eq(w->exact, "7.4966325"); /* 1223.94 × 0.0735 × 30 / 360 exactly */
    ck_assert_q_eq(c.st.penalty_rate, "0.0735");
    sc_clear(&c);
}
END_TEST

/* 12,000 at 12% × 12: installment 1 = principal 946.19 + interest 120.00,
 * due 2024-02-15. Payments of 1.00 on Feb 17 and Feb 19, as of Feb 21.
 *   Feb 16–17: 罚息 946.19 × 0.0005 × 2 = 0.94619, 复利 120 × 0.0005 × 2 = 0.12
 *   Feb 17 posts 0.95 and 0.12; 1.00 pays 复利 0.12, 罚息 0.88.
 *   Feb 18–19: cumulative 1.89238 → posts 1.89; 复利 0.24. 1.00 pays 0.12, 0.88.
 *   Feb 20–21: cumulative 2.83857 → 2.84 (three rounded pieces would be 2.85).
 * Owed: 946.19 + 120.00 + (2.84 − 1.76) + (0.36 − 0.24) = 1067.39. */
START_TEST(posting_carries_the_residue)
{
    stmt_case_t c;
    sc_init(&c, "12000", "0.12", 12, "2024-01-15");
    sc_pay(&c, "2024-02-17", "1.00");
    sc_pay(&c, "2024-02-19", "1.00");
    sc_run(&c, "2024-02-21");
    const rp_item_t *one = sc_item(&c, 1);
    ck_assert_q_eq(one->due[RP_PENALTY], "2.84");
    ck_assert_q_eq(one->paid[RP_PENALTY], "1.76");
    ck_assert_q_eq(one->due[RP_COMPOUND], "0.36");
    ck_assert_q_eq(c.st.owed[RP_PENALTY], "1.08");
    ck_assert_q_eq(c.st.total_due, "1067.39");
    ck_assert_int_eq(c.st.dpd, 6);
    sc_clear(&c);
}
END_TEST

/* Grace of 3 days on installment 1 (946.19 + 120.00 = 1066.19, due Feb 15).
 * Paid in full Feb 18 (due + 3): on time, nothing extra. */
START_TEST(paid_inside_grace)
{
    stmt_case_t c;
    sc_init(&c, "12000", "0.12", 12, "2024-01-15");
    c.terms.overdue.grace_days = 3;
    sc_pay(&c, "2024-02-18", "1066.19");
    sc_run(&c, "2024-02-20");
    const rp_item_t *one = sc_item(&c, 1);
    ck_assert_int_eq(one->status, RP_STATUS_PAID);
    ck_assert_q_eq(one->due[RP_PENALTY], "0");
    ck_assert_q_eq(c.st.total_due, "0");
    ck_assert_int_eq(c.st.working_count, 0);
    sc_clear(&c);
}
END_TEST

/* Paid Feb 19, one day after grace. Counting back: 4 days, 罚息 946.19 ×
 * 0.0005 × 4 = 1.89238 → 1.89, 复利 120 × 0.0005 × 4 = 0.24; 1066.19 then
 * leaves 2.13 of principal (Feb 20 adds 0.001065: still 1.89 posted).
 * Not counting back: only Feb 19, 0.473095 → 0.47 and 0.06; 0.53 left. */
START_TEST(paid_after_grace)
{
    for (int back = 1; back >= 0; back--) {
        stmt_case_t c;
        sc_init(&c, "12000", "0.12", 12, "2024-01-15");
        c.terms.overdue.grace_days = 3;
        c.terms.overdue.grace_counts_back = back;
        sc_pay(&c, "2024-02-19", "1066.19");
        sc_run(&c, "2024-02-20");
        const rp_item_t *one = sc_item(&c, 1);
        ck_assert_q_eq(one->due[RP_PENALTY], back ? "1.89" : "0.47");
        ck_assert_q_eq(one->due[RP_COMPOUND], back ? "0.24" : "0.06");
        ck_assert_q_eq(c.st.owed[RP_PRINCIPAL], back ? "2.13" : "0.53");
        ck_assert_int_eq(one->status, RP_STATUS_PARTLY_PAID);
        sc_clear(&c);
    }
}
END_TEST

/* As of the grace period's last day the installment is "due", not owed
 * with penalty; the pending amount is only announced. */
START_TEST(as_of_inside_grace)
{
    stmt_case_t c;
    sc_init(&c, "12000", "0.12", 12, "2024-01-15");
    c.terms.overdue.grace_days = 3;
    sc_run(&c, "2024-02-18");
    const rp_item_t *one = sc_item(&c, 1);
    ck_assert_int_eq(one->status, RP_STATUS_DUE);
    ck_assert_q_eq(c.st.owed[RP_PENALTY], "0");
    ck_assert_q_eq(c.st.total_due, "1066.19");
    ck_assert_int_eq(c.st.warning_count, 1);
    ck_assert_str_eq(c.st.warnings[0].code, "in_grace");
    /* 3 days pending: 1.419285 + 0.18 = 1.599285 → 1.60 */
    ck_assert_msg(strstr(c.st.warnings[0].message, "1.60") != NULL, "%s", c.st.warnings[0].message);
    sc_clear(&c);
}
END_TEST

/* A 0% loan of 1,200 over 12 months: installments of 100.00, no penalty
 * (the penalty rate is 0 × 1.5). Late fee 5% of the unpaid installment with
 * a floor of 10: 5.00 → 10.00, charged the day after each due date, and
 * monthly while unpaid. As of Mar 20: installment 1 twice (Feb 16, Mar 16),
 * installment 2 once (Mar 16): 30.00. With a total cap of 25: 10, 10, 5. */
START_TEST(late_fees_floor_monthly_total_cap)
{
    for (int capped = 0; capped <= 1; capped++) {
        stmt_case_t c;
        sc_init(&c, "1200", "0", 12, "2024-01-15");
        rp_overdue_t *o = &c.terms.overdue;
        q_set(o->late_fee_rate, "0.05");
        q_set(o->late_fee_floor, "10");
        o->late_fee_frequency = RP_LATE_FEE_MONTHLY;
        if (capped)
            q_set(o->late_fee_total_cap, "25");
        sc_run(&c, "2024-03-20");
        ck_assert_q_eq(c.st.owed[RP_LATE_FEE], capped ? "25" : "30");
        ck_assert_q_eq(sc_item(&c, 1)->due[RP_LATE_FEE], "20");
        ck_assert_q_eq(sc_item(&c, 2)->due[RP_LATE_FEE], capped ? "5" : "10");
        ck_assert_q_eq(c.st.owed[RP_PENALTY], "0");
        const rp_working_t *w = sc_working(&c, 1, RP_LATE_FEE);
        ck_assert_ptr_nonnull(w);
        ck_assert_int_eq(w->count, 2);
        ck_assert_int_eq(w->segments[0].from, day("2024-02-16"));
        sc_clear(&c);
    }
}
END_TEST

/* Minimum payment base: installment 100.00, minimum 10% = 10.00; 4.00 paid
 * by the due date leaves 6.00 of it unpaid: 5% × 6.00 = 0.30. */
START_TEST(late_fee_on_minimum_payment)
{
    stmt_case_t c;
    sc_init(&c, "1200", "0", 12, "2024-01-15");
    rp_overdue_t *o = &c.terms.overdue;
    q_set(o->late_fee_rate, "0.05");
    o->late_fee_base = RP_LATE_FEE_ON_MINIMUM_PAYMENT;
    q_set(o->minimum_payment, "0.1");
    sc_pay(&c, "2024-02-15", "4.00");
    sc_run(&c, "2024-02-20");
    ck_assert_q_eq(sc_item(&c, 1)->due[RP_LATE_FEE], "0.30");
    sc_clear(&c);
}
END_TEST

/* Penalty cap of 1.00 on the residue case: all 罚息 + 复利 stop at 1.00. */
START_TEST(penalty_cap)
{
    stmt_case_t c;
    sc_init(&c, "12000", "0.12", 12, "2024-01-15");
    q_set(c.terms.overdue.penalty_cap, "1");
    sc_run(&c, "2024-02-21");
    const rp_item_t *one = sc_item(&c, 1);
    mpq_t sum;
    mpq_init(sum);
    mpq_add(sum, one->due[RP_PENALTY], one->due[RP_COMPOUND]);
    ck_assert_q_eq(sum, "1");
    mpq_clear(sum);
    ck_assert(sc_working(&c, 1, RP_PENALTY)->capped || sc_working(&c, 1, RP_COMPOUND)->capped);
    sc_clear(&c);
}
END_TEST

/* Explicit penalty rate 36.5% on a 365-day basis = 0.1% a day: 946.19 ×
 * 0.001 × 6 days (Feb 16–21) = 5.67714 → 5.68; no compound. */
START_TEST(explicit_rate_and_basis)
{
    stmt_case_t c;
    sc_init(&c, "12000", "0.12", 12, "2024-01-15");
    q_set(c.terms.overdue.penalty_rate, "0.365");
    c.terms.overdue.daily_basis = 365;
    c.terms.overdue.compound = 0;
    sc_run(&c, "2024-02-21");
    ck_assert_q_eq(c.st.owed[RP_PENALTY], "5.68");
    ck_assert_q_eq(c.st.owed[RP_COMPOUND], "0");
    sc_clear(&c);
}
END_TEST

/* Penalty bases, as of Feb 21 (6 days late, 0.0005 a day):
 * overdue_installment: (946.19 + 120) × 0.003 = 3.19857 → 3.20;
 * outstanding_principal: 12,000 × 0.003 = 36.00 (all principal, due or not). */
START_TEST(penalty_bases)
{
    stmt_case_t c;
    sc_init(&c, "12000", "0.12", 12, "2024-01-15");
    c.terms.overdue.base = RP_BASE_OVERDUE_INSTALLMENT;
    c.terms.overdue.compound = 0;
    sc_run(&c, "2024-02-21");
    ck_assert_q_eq(c.st.owed[RP_PENALTY], "3.20");
    sc_clear(&c);

    sc_init(&c, "12000", "0.12", 12, "2024-01-15");
    c.terms.overdue.base = RP_BASE_OUTSTANDING_PRINCIPAL;
    sc_run(&c, "2024-02-21");
    ck_assert_q_eq(c.st.owed[RP_PENALTY], "36");
    ck_assert_q_eq(c.st.owed[RP_COMPOUND], "0.36"); /* 120 × 0.003 */
    sc_clear(&c);
}
END_TEST

/* Leap day: installment due 2024-02-15 unpaid to 2024-03-01 is 15 days
 * late (Feb 16 … Feb 29 is 14 days, then Mar 1): 946.19 × 0.0005 × 15 =
 * 7.096425 → 7.10. */
START_TEST(leap_year_days)
{
    stmt_case_t c;
    sc_init(&c, "12000", "0.12", 12, "2024-01-15");
    sc_run(&c, "2024-03-01");
    ck_assert_int_eq(c.st.dpd, 15);
    ck_assert_q_eq(c.st.owed[RP_PENALTY], "7.10");
    sc_clear(&c);
}
END_TEST

static const struct {
    const char *what;
    const char *path;
} contradictions[] = {
    {"compound with overdue_installment", "loan.overdue.compound"},
    {"floor above cap", "loan.overdue.late_fee.floor"},
    {"minimum_payment without its base", "loan.overdue.late_fee.minimum_payment"},
    {"grace of 40 days", "loan.overdue.grace_days"},
    {"negative markup", "loan.overdue.penalty_markup"},
};

START_TEST(contradictory_terms)
{
    stmt_case_t c;
    sc_init(&c, "12000", "0.12", 12, "2024-01-15");
    rp_overdue_t *o = &c.terms.overdue;
    switch (_i) {
    case 0: o->base = RP_BASE_OVERDUE_INSTALLMENT; break;
    case 1:
        q_set(o->late_fee_rate, "0.05");
        q_set(o->late_fee_floor, "10");
        q_set(o->late_fee_cap, "8");
        break;
    case 2: q_set(o->minimum_payment, "0.1"); break;
    case 3: o->grace_days = 40; break;
    case 4: q_set(o->markup, "-0.1"); break;
    }
    rp_status st = sc_try(&c, "2024-03-01");
    ck_assert_msg(st == RP_E_VALUE || st == RP_E_RANGE, "%s: %s", contradictions[_i].what,
                  rp_strerror(st));
    ck_assert_str_eq(c.err.path, contradictions[_i].path);
    sc_clear(&c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("overdue");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, domain_thirty_days_late);
    tcase_add_test(tc, posting_carries_the_residue);
    tcase_add_test(tc, paid_inside_grace);
    tcase_add_test(tc, paid_after_grace);
    tcase_add_test(tc, as_of_inside_grace);
    tcase_add_test(tc, late_fees_floor_monthly_total_cap);
    tcase_add_test(tc, late_fee_on_minimum_payment);
    tcase_add_test(tc, penalty_cap);
    tcase_add_test(tc, explicit_rate_and_basis);
    tcase_add_test(tc, penalty_bases);
    tcase_add_test(tc, leap_year_days);
    tcase_add_loop_test(tc, contradictory_terms, 0, N_ELEMENTS(contradictions));
    suite_add_tcase(s, tc);
    return run_suite(s);
}
