/*
 * test_allocate.c — waterfalls. Hand-worked: 12,000 at 12% × 12, as of
 * 2024-03-15: installment 1 (946.19 + 120.00) is 29 days late, installment 2
 * (955.65 + 110.54) due today. 罚息 946.19 × 0.0005 × 29 = 13.719755 → 13.72,
 * 复利 120 × 0.0005 × 29 = 1.74. A payment of 300.00 that day:
 *   bank_default (oldest first): 1.74, 13.72, 120.00, then 164.54 of principal 1;
 *   statutory (component first): 1.74, 13.72, interest 120.00 and 110.54,
 *     then 54.00 of principal 1;
 *   principal_first: 300.00 of principal 1.
 */
#include "stmtutil.h"

static void setup(stmt_case_t *c, rp_waterfall w)
{
    sc_init(c, "12000", "0.12", 12, "2024-01-15");
    rp_allocation_preset(&c->terms.allocation, w);
    sc_pay(c, "2024-03-15", "300");
    sc_run(c, "2024-03-15");
    ck_assert_int_eq(c->st.entry_count, 1);
}

static void ck_applied(const stmt_case_t *c, int i, int n, rp_component comp, const char *amount)
{
    const rp_entry_t *e = &c->st.entries[0];
    ck_assert_msg(i < e->count, "only %d applications", e->count);
    ck_assert_int_eq(c->st.items[e->applied[i].item].n, n);
    ck_assert_int_eq(e->applied[i].component, comp);
    ck_assert_q_eq(e->applied[i].amount, amount);
}

START_TEST(bank_default_oldest_first)
{
    stmt_case_t c;
    setup(&c, RP_WATERFALL_BANK_DEFAULT);
    ck_assert_int_eq(c.st.entries[0].count, 4);
    ck_applied(&c, 0, 1, RP_COMPOUND, "1.74");
    ck_applied(&c, 1, 1, RP_PENALTY, "13.72");
    ck_applied(&c, 2, 1, RP_INTEREST, "120");
    ck_applied(&c, 3, 1, RP_PRINCIPAL, "164.54");
    sc_clear(&c);
}
END_TEST

START_TEST(statutory_component_first)
{
    stmt_case_t c;
    setup(&c, RP_WATERFALL_STATUTORY);
    ck_assert_int_eq(c.st.entries[0].count, 5);
    ck_applied(&c, 0, 1, RP_COMPOUND, "1.74");
    ck_applied(&c, 1, 1, RP_PENALTY, "13.72");
    ck_applied(&c, 2, 1, RP_INTEREST, "120");
    ck_applied(&c, 3, 2, RP_INTEREST, "110.54");
    ck_applied(&c, 4, 1, RP_PRINCIPAL, "54");
    sc_clear(&c);
}
END_TEST

START_TEST(principal_first)
{
    stmt_case_t c;
    setup(&c, RP_WATERFALL_PRINCIPAL_FIRST);
    ck_assert_int_eq(c.st.entries[0].count, 1);
    ck_applied(&c, 0, 1, RP_PRINCIPAL, "300");
    sc_clear(&c);
}
END_TEST

/* DOMAIN.md (statutory): owed fees 50, interest 300, principal 5,000; a
 * payment of 1,000 pays 50, 300, then 650; 4,350 remains. Here: a bullet of
 * 5,000 at 6% for 12 months (interest 300.00), a 50.00 fee and the payment
 * on the due date. */
START_TEST(domain_statutory_example)
{
    stmt_case_t c;
    sc_init(&c, "5000", "0.06", 12, "2024-01-01");
    c.loan.method = RP_METHOD_BULLET;
    rp_allocation_preset(&c.terms.allocation, RP_WATERFALL_STATUTORY);
    q_set(sc_event(&c, RP_EVENT_FEE, "2025-01-01")->amount, "50");
    sc_pay(&c, "2025-01-01", "1000");
    sc_run(&c, "2025-01-01");
    const rp_entry_t *e = &c.st.entries[0];
    ck_assert_int_eq(e->count, 3);
    ck_assert_int_eq(c.st.items[e->applied[0].item].n, 0); /* the fee */
    ck_assert_q_eq(e->applied[0].amount, "50");
    ck_assert_q_eq(e->applied[1].amount, "300");
    ck_assert_q_eq(e->applied[2].amount, "650");
    ck_assert_q_eq(c.st.owed[RP_PRINCIPAL], "4350");
    ck_assert_q_eq(c.st.total_due, "4350");
    sc_clear(&c);
}
END_TEST

/* A custom order: interest first, then principal, component first. */
START_TEST(custom_order)
{
    stmt_case_t c;
    sc_init(&c, "12000", "0.12", 12, "2024-01-15");
    rp_component order[RP_COMPONENT_COUNT] = {RP_INTEREST, RP_PRINCIPAL, RP_PENALTY,
                                              RP_COMPOUND, RP_LATE_FEE, RP_FEE};
    memcpy(c.terms.allocation.order, order, sizeof order);
    c.terms.allocation.across = RP_COMPONENT_FIRST;
    sc_pay(&c, "2024-03-15", "300");
    sc_run(&c, "2024-03-15");
    const rp_entry_t *e = &c.st.entries[0];
    /* interest 120 + 110.54, then 69.46 of principal 1 */
    ck_assert_int_eq(e->count, 3);
    ck_assert_q_eq(e->applied[2].amount, "69.46");
    sc_clear(&c);
}
END_TEST

START_TEST(order_must_be_a_permutation)
{
    rp_allocation_t a;
    rp_allocation_preset(&a, RP_WATERFALL_BANK_DEFAULT);
    ck_assert_int_eq(rp_allocation_check(&a, NULL), RP_OK);
    a.order[5] = a.order[0];
    rp_error err;
    ck_assert_int_eq(rp_allocation_check(&a, &err), RP_E_VALUE);
    ck_assert_str_eq(err.path, "order");
}
END_TEST

/* Money beyond what is due stays as credit and pays installment 2 on its
 * due date: 1,166.19 on Feb 15 → 100.00 credit → used Mar 15. */
START_TEST(overpayment_becomes_credit)
{
    stmt_case_t c;
    sc_init(&c, "12000", "0.12", 12, "2024-01-15");
    sc_pay(&c, "2024-02-15", "1166.19");
    sc_run(&c, "2024-03-15");
    ck_assert_int_eq(c.st.entry_count, 2);
    ck_assert_q_eq(c.st.entries[0].to_credit, "100");
    ck_assert_int_eq(c.st.entries[1].event, -1);
    ck_assert_int_eq(c.st.entries[1].date, day("2024-03-15"));
    ck_assert_q_eq(c.st.entries[1].amount, "100");
    ck_assert_q_eq(c.st.credit, "0");
    ck_assert_q_eq(c.st.total_due, "966.19"); /* 1066.19 − 100 */
    sc_clear(&c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("allocate");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, bank_default_oldest_first);
    tcase_add_test(tc, statutory_component_first);
    tcase_add_test(tc, principal_first);
    tcase_add_test(tc, domain_statutory_example);
    tcase_add_test(tc, custom_order);
    tcase_add_test(tc, order_must_be_a_permutation);
    tcase_add_test(tc, overpayment_becomes_credit);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
