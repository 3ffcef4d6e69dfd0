/*
 * test_verify_statement.c — a statement's self-checks (calc/statement/verify_statement.c): a
 * sound statement passes; money that went nowhere, a component paid beyond
 * what was due, principal not conserved, an amount off the unit: each is
 * refused as an internal error.
 *
 * The loan: 12,000 at 12% over 12 months from 2024-01-15 (installment 1:
 * principal 946.19, interest 120.00), 1,066.19 paid on its due date.
 */
#include "testutil.h"

typedef enum fault { F_NONE, F_PAID_IN, F_BEYOND, F_PRINCIPAL, F_UNIT, F_CREDIT, F_COUNT } fault_t;

static const char *const expect[F_COUNT] = {
    [F_PAID_IN] = "payments in ≠ payments recorded",
    [F_BEYOND] = "paid beyond what was due",
    [F_PRINCIPAL] = "principal is not conserved",
    [F_UNIT] = "not a whole number of units",
    [F_CREDIT] = "payments ≠ applied + prepaid + credit",
};

START_TEST(statement_faults)
{
    fault_t f = (fault_t)_i;
    rp_loan_t loan;
    rp_loan_init(&loan);
    q_set(loan.principal, "12000");
    q_set(loan.annual_rate, "0.12");
    loan.term = 12;
    loan.start_date = rp_date_from_ymd(2024, 1, 15);
    rp_round_t rc;
    rp_round_init(&rc);
    rp_terms_t terms;
    rp_terms_init(&terms);
    rp_events_t ev;
    rp_events_init(&ev);
    rp_event_t *e = rp_events_add(&ev, RP_EVENT_PAYMENT);
    e->date = rp_date_from_ymd(2024, 2, 15);
    q_set(e->amount, "1066.19");
    rp_statement_t st;
    rp_statement_init(&st);
    ck_assert_int_eq(rp_statement_build(&st, &loan, &terms, &ev, rp_date_from_ymd(2024, 3, 1), &rc,
                                        NULL),
                     RP_OK);
    ck_assert_q_eq(st.items[0].paid[RP_PRINCIPAL], "946.19");
    mpq_t x;
    mpq_init(x);
    q_set(x, "0.01");
    switch (f) {
    case F_PAID_IN:
        mpq_add(st.paid_total, st.paid_total, x);
        break;
    case F_BEYOND:
        mpq_add(st.items[0].paid[RP_INTEREST], st.items[0].paid[RP_INTEREST], x);
        break;
    case F_PRINCIPAL: /* a fen of principal moved to interest: paid still ≤ due */
        mpq_sub(st.items[5].due[RP_PRINCIPAL], st.items[5].due[RP_PRINCIPAL], x);
        mpq_add(st.items[5].due[RP_INTEREST], st.items[5].due[RP_INTEREST], x);
        break;
    case F_UNIT:
        q_set(x, "0.001");
        mpq_add(st.items[3].due[RP_FEE], st.items[3].due[RP_FEE], x);
        break;
    case F_CREDIT:
        mpq_add(st.credit, st.credit, x);
        break;
    default:
        break;
    }
    rp_error err;
    rp_status status = rp_statement_verify(&st, &loan, &ev, &rc, &err);
    if (f == F_NONE) {
        ck_assert_int_eq(status, RP_OK);
    } else {
        ck_assert_int_eq(status, RP_E_INTERNAL);
        ck_assert_msg(strstr(err.message, expect[f]) != NULL, "fault %d: %s", f, err.message);
    }
    mpq_clear(x);
    rp_statement_clear(&st);
    rp_events_clear(&ev);
    rp_terms_clear(&terms);
    rp_round_clear(&rc);
    rp_loan_clear(&loan);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("statement verify");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, statement_faults, F_NONE, F_COUNT);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
