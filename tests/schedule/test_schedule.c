/*
 * test_schedule.c — amortization through the C API. Expected numbers:
 * DOMAIN.md's worked examples, Gnumeric's PMT (quoted at each case), and
 * hand derivations written out in the comments.
 */
#include "schedule/schedule.h"
#include "testutil.h"

typedef struct fixture {
    rp_loan_t loan;
    rp_round_t rc;
    rp_schedule_t s;
} fixture_t;

static void setup(fixture_t *f, const char *principal, const char *annual, int term,
                  rp_method method)
{
    rp_loan_init(&f->loan);
    rp_round_init(&f->rc);
    rp_schedule_init(&f->s);
    q_set(f->loan.principal, principal);
    q_set(f->loan.annual_rate, annual);
    f->loan.term = term;
    f->loan.method = method;
}

static void teardown(fixture_t *f)
{
    rp_schedule_clear(&f->s);
    rp_round_clear(&f->rc);
    rp_loan_clear(&f->loan);
}

static void build(fixture_t *f)
{
    rp_error err;
    rp_status st = rp_schedule_build(&f->s, &f->loan, &f->rc, &err);
    ck_assert_msg(st == RP_OK, "%s: %s", err.path, err.message);
}

static rp_date_t date(const char *s)
{
    rp_date_t d;
    ck_assert_int_eq(rp_date_parse(&d, s, NULL), RP_OK);
    return d;
}

static void ck_date(rp_date_t d, const char *want)
{
    char text[RP_DATE_TEXT];
    rp_date_format(text, d);
    ck_assert_str_eq(text, want);
}

/* DOMAIN.md: 1,000,000 at 4.9% over 360 months. */
START_TEST(domain_annuity)
{
    fixture_t f;
    setup(&f, "1000000", "0.049", 360, RP_METHOD_ANNUITY);
    build(&f);
    ck_assert_int_eq(f.s.count, 360);
    ck_assert_q_eq(f.s.level_payment, "5307.27"); /* Gnumeric PMT 5307.267206228… */
    ck_assert_q_eq(f.s.rows[0].payment, "5307.27");
    ck_assert_q_eq(f.s.rows[0].interest, "4083.33");
    ck_assert_q_eq(f.s.rows[0].principal, "1223.94");
    ck_assert_q_eq(f.s.rows[0].balance, "998776.06");
    ck_assert_q_eq(f.s.rows[359].payment, "5305.19");
    ck_assert_q_eq(f.s.total_interest, "910615.12");
    ck_assert_q_eq(f.s.total_principal, "1000000");
    teardown(&f);
}
END_TEST

/* The fast form gives the DOMAIN.md mortgage in cents: the same figures. */
START_TEST(fast_form_in_units)
{
    fixture_t f;
    setup(&f, "1000000", "0.049", 360, RP_METHOD_ANNUITY);
    rp_unit_schedule_t u;
    rp_unit_schedule_init(&u);
    rp_error err;
    ck_assert_int_eq(rp_unit_schedule_build(&u, &f.loan, &f.rc, &err), RP_OK);
    ck_assert_int_eq(u.count, 360);
    ck_assert_int_eq(u.level_payment, 530727); /* Gnumeric PMT 5307.267206228… */
    ck_assert_int_eq(u.rows[0].interest, 408333);
    ck_assert_int_eq(u.rows[0].principal, 122394);
    ck_assert_int_eq(u.rows[0].balance, 99877606);
    ck_assert_int_eq(u.rows[359].payment, 530519);
    ck_assert_int_eq(u.total_interest, 91061512);
    ck_assert_int_eq(u.total_principal, 100000000);
    ck_assert_int_eq(u.rows[359].balance, 0);
    ck_assert_int_eq(u.rows[0].n, 1);
    ck_assert_int_eq(u.rows[0].due_date, RP_DATE_NONE);
    rp_unit_schedule_clear(&u);
    teardown(&f);
}
END_TEST

/* A view reads the same amounts from either form (schedule/view.c): every
 * field of every row and the totals, for the methods and a coarse unit. */
START_TEST(view_reads_either_form_alike)
{
    static const rp_method methods[] = {RP_METHOD_ANNUITY, RP_METHOD_EQUAL_PRINCIPAL,
                                        RP_METHOD_INTEREST_ONLY, RP_METHOD_FLAT};
    for (int m = 0; m < N_ELEMENTS(methods); m++) {
        for (int coarse = 0; coarse < 2; coarse++) {
            fixture_t f;
            setup(&f, "123456.75", "0.0735", 37, methods[m]);
            if (coarse) {
                mpq_t five;
                mpq_init(five);
                q_set(five, "0.05");
                ck_assert_int_eq(rp_round_set_unit(&f.rc, five, NULL), RP_OK);
                mpq_clear(five);
            }
            build(&f);
            rp_unit_schedule_t u;
            rp_unit_schedule_init(&u);
            ck_assert_int_eq(rp_unit_schedule_build(&u, &f.loan, &f.rc, NULL), RP_OK);
            rp_sched_view_t fast, general;
            rp_sched_view_units(&fast, &u, &f.rc);
            rp_sched_view_general(&general, &f.s);
            ck_assert_int_eq(fast.count, general.count);
            mpq_t a, b;
            mpq_inits(a, b, NULL);
            for (int k = 0; k < fast.count; k++) {
                ck_assert_int_eq(rp_sched_view_n(&fast, k), rp_sched_view_n(&general, k));
                ck_assert_int_eq(rp_sched_view_due(&fast, k), rp_sched_view_due(&general, k));
                for (int fld = RP_SF_PAYMENT; fld <= RP_SF_TOTAL_FEE; fld++) {
                    rp_sched_view_amount(a, &fast, k, (rp_sched_field)fld);
                    rp_sched_view_amount(b, &general, k, (rp_sched_field)fld);
                    ck_assert_msg(mpq_equal(a, b), "method %d, row %d, field %d", m, k, fld);
                }
            }
            mpq_clears(a, b, NULL);
            rp_unit_schedule_clear(&u);
            teardown(&f);
        }
    }
}
END_TEST

/* Past 2^62 units the fast form refuses and rp_schedule_build still
 * answers exactly: 999,999,999,999,999.99999999 at a unit of 10^-8 is
 * about 10^23 units. Equal principal over 2: each half rounds to the unit. */
START_TEST(fast_form_refuses_what_does_not_fit)
{
    fixture_t f;
    setup(&f, "999999999999999.99999999", "0", 2, RP_METHOD_EQUAL_PRINCIPAL);
    q_set(f.rc.unit, "0.00000001");
    f.rc.places = 8;
    rp_unit_schedule_t u;
    rp_unit_schedule_init(&u);
    rp_error err;
    ck_assert_int_eq(rp_unit_schedule_build(&u, &f.loan, &f.rc, &err), RP_E_RANGE);
    ck_assert_str_eq(err.path, "");
    ck_assert_ptr_null(u.rows);
    build(&f);
    ck_assert_q_eq(f.s.rows[0].principal, "500000000000000"); /* half of …99999999 rounds up */
    ck_assert_q_eq(f.s.rows[1].principal, "499999999999999.99999999");
    rp_unit_schedule_clear(&u);
    teardown(&f);
}
END_TEST

/* DOMAIN.md: the same loan by equal principal. */
START_TEST(domain_equal_principal)
{
    fixture_t f;
    setup(&f, "1000000", "0.049", 360, RP_METHOD_EQUAL_PRINCIPAL);
    build(&f);
    ck_assert_q_eq(f.s.rows[0].payment, "6861.11");
    ck_assert_q_eq(f.s.rows[1].payment, "6849.77"); /* falling 11.34 a month */
    ck_assert_q_eq(f.s.total_interest, "737041.08");
    /* 1,000,000 / 360 = 2777.78 (rounded); the last takes 1,000,000 − 359 × 2777.78 */
    ck_assert_q_eq(f.s.rows[0].principal, "2777.78");
    ck_assert_q_eq(f.s.rows[359].principal, "2776.98");
    teardown(&f);
}
END_TEST

/* DOMAIN.md: a card installment, 10,000 over 12 months at 0.6% a month flat,
 * shown as a fee: 833.33 × 11 + 833.37; 60.00 fee every month. */
START_TEST(domain_card_installment)
{
    fixture_t f;
    setup(&f, "10000", "0.072", 12, RP_METHOD_FLAT);
    f.loan.flat_charge = RP_CHARGE_FEE;
    build(&f);
    for (int k = 0; k < 11; k++) {
        ck_assert_q_eq(f.s.rows[k].principal, "833.33");
        ck_assert_q_eq(f.s.rows[k].fee, "60");
        ck_assert_q_eq(f.s.rows[k].interest, "0");
    }
    ck_assert_q_eq(f.s.rows[11].principal, "833.37");
    ck_assert_q_eq(f.s.total_fee, "720");
    ck_assert_q_eq(f.s.level_payment, "893.33");
    teardown(&f);
}
END_TEST

/* 1,000 at 0% over 3: 333.33, 333.33, 333.34. */
START_TEST(zero_rate)
{
    fixture_t f;
    setup(&f, "1000", "0", 3, RP_METHOD_ANNUITY);
    build(&f);
    ck_assert_q_eq(f.s.rows[0].payment, "333.33");
    ck_assert_q_eq(f.s.rows[2].payment, "333.34");
    ck_assert_q_eq(f.s.total_interest, "0");
    teardown(&f);
}
END_TEST

/* Bullet: 10,000 at 12% for 12 months = 1,200.00 simple interest. With a
 * maturity date 182 days out at 3.6% / 360: 10,000 × 0.036 / 360 × 182 = 182.00. */
START_TEST(bullet)
{
    fixture_t f;
    setup(&f, "10000", "0.12", 12, RP_METHOD_BULLET);
    build(&f);
    ck_assert_int_eq(f.s.count, 1);
    ck_assert_q_eq(f.s.rows[0].interest, "1200");
    ck_assert_q_eq(f.s.rows[0].payment, "11200");
    teardown(&f);

    setup(&f, "10000", "0.036", 0, RP_METHOD_BULLET);
    f.loan.start_date = date("2024-01-01");
    f.loan.maturity_date = date("2024-07-01");
    build(&f);
    ck_assert_q_eq(f.s.rows[0].interest, "182");
    ck_date(f.s.rows[0].due_date, "2024-07-01");
    teardown(&f);
}
END_TEST

/* Interest only: 12,000 at 12% for 3 months: 120.00 a month, principal last. */
START_TEST(interest_only)
{
    fixture_t f;
    setup(&f, "12000", "0.12", 3, RP_METHOD_INTEREST_ONLY);
    build(&f);
    ck_assert_q_eq(f.s.rows[0].payment, "120");
    ck_assert_q_eq(f.s.rows[1].principal, "0");
    ck_assert_q_eq(f.s.rows[2].payment, "12120");
    teardown(&f);
}
END_TEST

/* Two interest-only grace periods, then an annuity over the other two at 1%:
 * PMT(0.01, 2, -10000) = 5075.1243781… → 5075.12 (Gnumeric). Row 3 interest
 * 100.00, principal 4975.12, balance 5024.88; row 4 interest 50.2488 → 50.25. */
START_TEST(grace_then_annuity)
{
    fixture_t f;
    setup(&f, "10000", "0.12", 4, RP_METHOD_ANNUITY);
    f.loan.grace_periods = 2;
    build(&f);
    ck_assert_q_eq(f.s.rows[0].payment, "100");
    ck_assert_q_eq(f.s.rows[1].principal, "0");
    ck_assert_q_eq(f.s.rows[2].principal, "4975.12");
    ck_assert_q_eq(f.s.rows[2].balance, "5024.88");
    ck_assert_q_eq(f.s.rows[3].interest, "50.25");
    ck_assert_q_eq(f.s.rows[3].payment, "5075.13");
    teardown(&f);
}
END_TEST

/* Irregular first period: 120,000 at 6% over 12 months, disbursed
 * 2024-01-10, first due 2024-02-25 (46 days). PMT(0.005,12,-120000) =
 * 10327.9715… → 10327.97. Row 1: principal as in a regular month,
 * 10327.97 − 600.00 = 9727.97; interest 120,000 × 6% / 360 × 46 = 920.00. */
START_TEST(irregular_first_period)
{
    fixture_t f;
    setup(&f, "120000", "0.06", 12, RP_METHOD_ANNUITY);
    f.loan.start_date = date("2024-01-10");
    f.loan.first_due_date = date("2024-02-25");
    build(&f);
    ck_assert_q_eq(f.s.rows[0].principal, "9727.97");
    ck_assert_q_eq(f.s.rows[0].interest, "920");
    ck_assert_q_eq(f.s.rows[0].payment, "10647.97");
    ck_date(f.s.rows[0].due_date, "2024-02-25");
    ck_date(f.s.rows[1].due_date, "2024-03-25");
    ck_assert_q_eq(f.s.rows[1].payment, "10327.97");
    teardown(&f);
}
END_TEST

/* Month-end start dates clamp and come back: Jan 31 → Feb 29 → Mar 31 → Apr 30. */
START_TEST(month_end_dates)
{
    fixture_t f;
    setup(&f, "3000", "0.12", 3, RP_METHOD_EQUAL_PRINCIPAL);
    f.loan.start_date = date("2024-01-31");
    build(&f);
    ck_date(f.s.rows[0].due_date, "2024-02-29");
    ck_date(f.s.rows[1].due_date, "2024-03-31");
    ck_date(f.s.rows[2].due_date, "2024-04-30");
    teardown(&f);
}
END_TEST

/* Weekly: due every 7 days; periodic rate 52% / 52 = 1%. */
START_TEST(weekly)
{
    fixture_t f;
    setup(&f, "1000", "0.52", 2, RP_METHOD_INTEREST_ONLY);
    f.loan.frequency = RP_FREQ_WEEKLY;
    f.loan.start_date = date("2024-12-30");
    build(&f);
    ck_date(f.s.rows[0].due_date, "2025-01-06");
    ck_date(f.s.rows[1].due_date, "2025-01-13");
    ck_assert_q_eq(f.s.rows[0].interest, "10");
    teardown(&f);
}
END_TEST

/* ACT/365 interest-only: 36,500 at 10%, 2024-01-15 → 2024-02-15 is 31 days:
 * 36,500 × 0.10 × 31 / 365 = 310.00; Feb 15 → Mar 15 is 29 days: 290.00. */
START_TEST(actual_day_count)
{
    fixture_t f;
    setup(&f, "36500", "0.1", 2, RP_METHOD_INTEREST_ONLY);
    f.loan.day_count = RP_DC_ACT_365;
    f.loan.start_date = date("2024-01-15");
    build(&f);
    ck_assert_q_eq(f.s.rows[0].interest, "310");
    ck_assert_q_eq(f.s.rows[1].interest, "290");
    teardown(&f);
}
END_TEST

/* A unit of 10 yuan, rounding down: 1,000 at 0% over 3 → 330, 330, 340. */
START_TEST(coarse_unit)
{
    fixture_t f;
    setup(&f, "1000", "0", 3, RP_METHOD_ANNUITY);
    mpq_t ten;
    mpq_init(ten);
    q_set(ten, "10");
    ck_assert_int_eq(rp_round_set_unit(&f.rc, ten, NULL), RP_OK);
    mpq_clear(ten);
    f.rc.mode = RP_ROUND_DOWN;
    build(&f);
    ck_assert_q_eq(f.s.rows[0].payment, "330");
    ck_assert_q_eq(f.s.rows[2].payment, "340");
    teardown(&f);
}
END_TEST

static const struct {
    const char *what;
    const char *path;
    rp_status code;
} bad_loans[] = {
    {"no term", "term", RP_E_MISSING},
    {"grace = term", "grace_periods", RP_E_VALUE},
    {"first due before start", "first_due_date", RP_E_VALUE},
    {"principal in tenths of a fen", "principal", RP_E_VALUE},
    {"zero principal", "principal", RP_E_VALUE},
    {"negative rate", "rate", RP_E_VALUE},
    {"bullet with term and maturity", "maturity_date", RP_E_VALUE},
    {"maturity without start", "start_date", RP_E_MISSING},
    {"ACT/360 without start", "start_date", RP_E_MISSING},
    {"daily basis 364", "daily_basis", RP_E_VALUE},
    {"first due three months out", "first_due_date", RP_E_VALUE},
    {"grace on interest only", "grace_periods", RP_E_VALUE},
    {"rate over 1000%", "rate", RP_E_RANGE},
    {"dates past 2200", "term", RP_E_RANGE},
};

START_TEST(rejects_incoherent_loans)
{
    fixture_t f;
    setup(&f, "1000", "0.12", 12, RP_METHOD_ANNUITY);
    switch (_i) {
    case 0: f.loan.term = 0; break;
    case 1: f.loan.grace_periods = 12; break;
    case 2:
        f.loan.start_date = date("2024-01-15");
        f.loan.first_due_date = date("2024-01-15");
        break;
    case 3: q_set(f.loan.principal, "1000.005"); break;
    case 4: q_set(f.loan.principal, "0"); break;
    case 5: q_set(f.loan.annual_rate, "-0.01"); break;
    case 6:
        f.loan.method = RP_METHOD_BULLET;
        f.loan.start_date = date("2024-01-15");
        f.loan.maturity_date = date("2025-01-15");
        break;
    case 7:
        f.loan.method = RP_METHOD_BULLET;
        f.loan.term = 0;
        f.loan.maturity_date = date("2025-01-15");
        break;
    case 8: f.loan.day_count = RP_DC_ACT_360; break;
    case 9: f.loan.daily_basis = 364; break;
    case 10:
        f.loan.start_date = date("2024-01-15");
        f.loan.first_due_date = date("2024-04-16");
        break;
    case 11:
        f.loan.method = RP_METHOD_INTEREST_ONLY;
        f.loan.grace_periods = 1;
        break;
    case 12: q_set(f.loan.annual_rate, "10.01"); break;
    case 13:
        f.loan.start_date = date("2200-01-15");
        break;
    }
    rp_error err;
    rp_status st = rp_schedule_build(&f.s, &f.loan, &f.rc, &err);
    ck_assert_msg(st == bad_loans[_i].code, "%s: got %s (%s)", bad_loans[_i].what, rp_strerror(st),
                  err.message);
    ck_assert_str_eq(err.path, bad_loans[_i].path);
    ck_assert_int_eq(f.s.count, 0);
    teardown(&f);
}
END_TEST

START_TEST(failed_build_leaves_output_alone)
{
    fixture_t f;
    setup(&f, "1000", "0.12", 3, RP_METHOD_ANNUITY);
    build(&f);
    f.loan.term = 0;
    ck_assert_int_eq(rp_schedule_build(&f.s, &f.loan, &f.rc, NULL), RP_E_MISSING);
    ck_assert_int_eq(f.s.count, 3);
    ck_assert_q_eq(f.s.total_principal, "1000");
    teardown(&f);
}
END_TEST

START_TEST(verify_catches_tampering)
{
    fixture_t f;
    setup(&f, "1000", "0.12", 3, RP_METHOD_ANNUITY);
    build(&f);
    rp_error err;
    ck_assert_int_eq(rp_schedule_verify(&f.s, &f.loan, &f.rc, &err), RP_OK);
    mpq_t one_fen;
    mpq_init(one_fen);
    q_set(one_fen, "0.01");
    mpq_add(f.s.rows[1].interest, f.s.rows[1].interest, one_fen);
    ck_assert_int_eq(rp_schedule_verify(&f.s, &f.loan, &f.rc, &err), RP_E_INTERNAL);
    ck_assert_msg(strstr(err.message, "installment 2") != NULL, "%s", err.message);
    mpq_sub(f.s.rows[1].interest, f.s.rows[1].interest, one_fen);
    mpq_add(f.s.total_fee, f.s.total_fee, one_fen);
    ck_assert_int_eq(rp_schedule_verify(&f.s, &f.loan, &f.rc, &err), RP_E_INTERNAL);
    mpq_clear(one_fen);
    teardown(&f);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("schedule");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, domain_annuity);
    tcase_add_test(tc, domain_equal_principal);
    tcase_add_test(tc, fast_form_in_units);
    tcase_add_test(tc, fast_form_refuses_what_does_not_fit);
    tcase_add_test(tc, view_reads_either_form_alike);
    tcase_add_test(tc, domain_card_installment);
    tcase_add_test(tc, zero_rate);
    tcase_add_test(tc, bullet);
    tcase_add_test(tc, interest_only);
    tcase_add_test(tc, grace_then_annuity);
    tcase_add_test(tc, irregular_first_period);
    tcase_add_test(tc, month_end_dates);
    tcase_add_test(tc, weekly);
    tcase_add_test(tc, actual_day_count);
    tcase_add_test(tc, coarse_unit);
    tcase_add_loop_test(tc, rejects_incoherent_loans, 0, N_ELEMENTS(bad_loans));
    tcase_add_test(tc, failed_build_leaves_output_alone);
    tcase_add_test(tc, verify_catches_tampering);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
