/*
 * test_verify_schedule.c — the schedule's self-checks (calc/schedule/verify_schedule.c) catch
 * every broken invariant: a sound schedule passes, and each planted fault —
 * a payment that is not its parts, a balance that does not fall by the
 * principal, a last row that leaves a balance, totals that are not the
 * column sums, an amount off the unit — is refused as an internal error naming the
 * installment. The fast form's checks likewise.
 */
#include "schedule/schedule.h"
#include "testutil.h"

typedef enum fault { F_NONE, F_PAYMENT, F_BALANCE, F_TOTAL, F_UNIT, F_LAST, F_COUNT } fault_t;

static const char *const expect[F_COUNT] = {
    [F_PAYMENT] = "payment ≠ principal + interest + fee",
    [F_BALANCE] = "balance ≠ previous balance − principal",
    [F_TOTAL] = "totals ≠ column sums",
    [F_UNIT] = "not a whole number of rounding units",
    [F_LAST] = "balance ≠ previous balance − principal",
};

/* 12,000 at 12% over 12 months (payment PMT(1%, 12, 12000) = 1,066.19). */
static void build(rp_schedule_t *s, rp_loan_t *loan, rp_round_t *rc)
{
    rp_loan_init(loan);
    rp_round_init(rc);
    q_set(loan->principal, "12000");
    q_set(loan->annual_rate, "0.12");
    loan->term = 12;
    rp_schedule_init(s);
    ck_assert_int_eq(rp_schedule_build(s, loan, rc, NULL), RP_OK);
    ck_assert_q_eq(s->level_payment, "1066.19");
}

START_TEST(schedule_faults)
{
    fault_t f = (fault_t)_i;
    rp_schedule_t s;
    rp_loan_t loan;
    rp_round_t rc;
    build(&s, &loan, &rc);
    mpq_t one;
    mpq_init(one);
    q_set(one, "0.01");
    switch (f) {
    case F_PAYMENT:
        mpq_add(s.rows[3].payment, s.rows[3].payment, one);
        break;
    case F_BALANCE:
        mpq_add(s.rows[3].balance, s.rows[3].balance, one);
        break;
    case F_TOTAL:
        mpq_add(s.total_interest, s.total_interest, one);
        break;
    case F_UNIT:
        q_set(one, "0.001");
        mpq_add(s.rows[0].fee, s.rows[0].fee, one);
        break;
    case F_LAST:
        mpq_add(s.rows[11].balance, s.rows[11].balance, one);
        break;
    default:
        break;
    }
    rp_error err;
    rp_status st = rp_schedule_verify(&s, &loan, &rc, &err);
    if (f == F_NONE) {
        ck_assert_int_eq(st, RP_OK);
    } else {
        ck_assert_int_eq(st, RP_E_INTERNAL);
        ck_assert_msg(strstr(err.message, expect[f]) != NULL, "fault %d: %s", f, err.message);
    }
    mpq_clear(one);
    rp_schedule_clear(&s);
    rp_round_clear(&rc);
    rp_loan_clear(&loan);
}
END_TEST

START_TEST(unit_schedule_faults)
{
    rp_loan_t loan;
    rp_round_t rc;
    rp_schedule_t s;
    build(&s, &loan, &rc);
    rp_unit_schedule_t u;
    rp_unit_schedule_init(&u);
    ck_assert_int_eq(rp_unit_schedule_build(&u, &loan, &rc, NULL), RP_OK);
    ck_assert_int_eq(rp_unit_schedule_verify(&u, &loan, &rc, NULL), RP_OK);
    ck_assert_int_eq(u.level_payment, 106619); /* fen */
    u.rows[5].interest += 1; /* the payment no longer its parts */
    rp_error err;
    ck_assert_int_eq(rp_unit_schedule_verify(&u, &loan, &rc, &err), RP_E_INTERNAL);
    u.rows[5].interest -= 1;
    u.total_principal -= 1;
    ck_assert_int_eq(rp_unit_schedule_verify(&u, &loan, &rc, &err), RP_E_INTERNAL);
    rp_unit_schedule_clear(&u);
    rp_schedule_clear(&s);
    rp_round_clear(&rc);
    rp_loan_clear(&loan);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("verify");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, schedule_faults, F_NONE, F_COUNT);
    tcase_add_test(tc, unit_schedule_faults);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
