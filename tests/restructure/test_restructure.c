/*
 * test_restructure.c — every action, the Art. 12 and 60-installment limits,
 * capped waivers, pricing and the plan's identities. The loan: 12,000 at
 * 12% × 12 from 2024-01-15 (payment 1066.19). Hand-worked numbers, with
 * Gnumeric's PMT for every re-amortized payment (quoted).
 *
 * Position A (2024-07-15, six installments paid on their due dates):
 * nothing owed, 6,179.02 of principal to come in installments 7–12
 * (row 7: principal 1004.40, interest 61.79).
 * Position B (2024-07-20, five paid, installment 6 five days late):
 * 994.46 + 71.73 owed, 罚息 994.46 × 0.0005 × 5 = 2.49, 复利 71.73 ×
 * 0.0005 × 5 = 0.18, interest of installment 7 (Jul 15 → Aug 15, 31
 * days) accrued to the date 61.7902 × 5/31 = 9.97; claim 7,257.85.
 */
#include "stmtutil.h"

typedef struct rcase {
    stmt_case_t c;
    rp_actions_t acts;
    rp_plan_t plan;
    rp_pricing_t price;
} rcase_t;

static void position(rcase_t *r, int late)
{
    sc_init(&r->c, "12000", "0.12", 12, "2024-01-15");
    static const char *const dates[6] = {"2024-02-15", "2024-03-15", "2024-04-15",
                                         "2024-05-15", "2024-06-15", "2024-07-15"};
    for (int k = 0; k < (late ? 5 : 6); k++)
        sc_pay(&r->c, dates[k], "1066.19");
    rp_actions_init(&r->acts);
    rp_plan_init(&r->plan);
    rp_pricing_init(&r->price);
}

static rp_status go(rcase_t *r, const char *date)
{
    rp_status st = rp_restructure(&r->plan, &r->c.loan, &r->c.terms, &r->c.events, day(date),
                                  &r->acts, &r->c.rc, &r->c.err);
    if (st == RP_OK)
        st = rp_plan_price(&r->price, &r->plan, r->plan.contract_rate, &r->c.rc, &r->c.err);
    return st;
}

static void run(rcase_t *r, const char *date)
{
    rp_status st = go(r, date);
    ck_assert_msg(st == RP_OK, "%s: %s", r->c.err.path, r->c.err.message);
}

static void done(rcase_t *r)
{
    rp_pricing_clear(&r->price);
    rp_plan_clear(&r->plan);
    rp_actions_clear(&r->acts);
    sc_clear(&r->c);
}

static const rp_plan_row_t *row(const rcase_t *r, int n)
{
    for (int k = 0; k < r->plan.count; k++)
        if (r->plan.rows[k].n == n)
            return &r->plan.rows[k];
    ck_abort_msg("no row %d", n);
    return NULL;
}

static int has_warning(const rcase_t *r, const char *code)
{
    for (int w = 0; w < r->plan.warning_count; w++)
        if (strcmp(r->plan.warnings[w].code, code) == 0)
            return 1;
    return 0;
}

/* Extend by 6: 12 installments on 6,179.02 at 1%: PMT(0.01, 12, −6179.02)
 * = 548.998… → 549.00, the last 549.01; total 6,588.01; observed from the
 * first new due date 2024-08-15 for a year: 2025-08-15. */
START_TEST(extend_by_periods)
{
    rcase_t r;
    position(&r, 0);
    rp_actions_add(&r.acts, RP_ACTION_EXTEND)->periods = 6;
    run(&r, "2024-07-15");
    ck_assert_int_eq(r.plan.count, 12);
    ck_assert_q_eq(r.plan.payment, "549");
    ck_assert_q_eq(row(&r, 7)->interest, "61.79");
    ck_assert_q_eq(row(&r, 18)->payment, "549.01");
    ck_assert_q_eq(r.plan.total_payment, "6588.01");
    ck_assert_int_eq(r.plan.observation_end, day("2025-08-15"));
    ck_assert_int_eq(r.plan.maturity_date, day("2025-07-15"));
    ck_assert(!has_warning(&r, "art12_limit"));
    done(&r);
}
END_TEST

/* 《贷款通则》 Art. 12: a 12-month (short-term) loan may be extended by at
 * most 12 months: 13 more installments is a warning, or an error if strict. */
START_TEST(extend_art12)
{
    rcase_t r;
    position(&r, 0);
    rp_actions_add(&r.acts, RP_ACTION_EXTEND)->periods = 13;
    run(&r, "2024-07-15");
    ck_assert(has_warning(&r, "art12_limit"));
    done(&r);

    position(&r, 0);
    rp_action_t *a = rp_actions_add(&r.acts, RP_ACTION_EXTEND);
    a->periods = 13;
    a->strict = 1;
    ck_assert_int_eq(go(&r, "2024-07-15"), RP_E_VALUE);
    ck_assert_str_eq(r.c.err.path, "actions[0]");
    done(&r);

    position(&r, 0); /* exactly 12 more months is allowed */
    a = rp_actions_add(&r.acts, RP_ACTION_EXTEND);
    a->periods = 12;
    a->strict = 1;
    run(&r, "2024-07-15");
    done(&r);
}
END_TEST

/* To a maturity of 2025-12-15: installments 7 (August 2024) … 23 = 17. */
START_TEST(extend_to_maturity)
{
    rcase_t r;
    position(&r, 0);
    rp_actions_add(&r.acts, RP_ACTION_EXTEND)->date = day("2025-12-15");
    run(&r, "2024-07-15");
    ck_assert_int_eq(r.plan.count, 17);
    ck_assert_int_eq(r.plan.maturity_date, day("2025-12-15"));
    done(&r);
}
END_TEST

/* Defer 3, interest accrued: the installments move to 2024-11-15 …; the
 * deferral's interest 6,179.02 × 12% × 3/12 = 185.3706 → 185.37 comes with
 * the first: its interest 61.79 + 185.37 = 247.16. */
START_TEST(defer_accrue)
{
    rcase_t r;
    position(&r, 0);
    rp_action_t *a = rp_actions_add(&r.acts, RP_ACTION_DEFER);
    a->periods = 3;
    a->interest = RP_DEFER_ACCRUE;
    run(&r, "2024-07-15");
    ck_assert_int_eq(row(&r, 10)->due_date, day("2024-11-15"));
    ck_assert_q_eq(row(&r, 10)->interest, "247.16");
    /* 218.07 scheduled for installments 7–12, and 185.37 for the deferral */
    ck_assert_q_eq(r.plan.new_interest, "403.44");
    done(&r);
}
END_TEST

/* Defer 3, capitalized: up to the new start of the first installment
 * (one period and two more) 61.7902 + 6,179.02 × 12% × 2/12 = 185.3706 →
 * 185.37 joins the principal: 6,364.39 over 6 at 1%: PMT = 1098.165… →
 * 1098.17; first interest 63.64. */
START_TEST(defer_capitalize)
{
    rcase_t r;
    position(&r, 0);
    rp_action_t *a = rp_actions_add(&r.acts, RP_ACTION_DEFER);
    a->periods = 3;
    a->interest = RP_DEFER_CAPITALIZE;
    run(&r, "2024-07-15");
    ck_assert_q_eq(r.plan.capitalized, "185.37");
    ck_assert_q_eq(r.plan.total_principal, "6364.39");
    ck_assert_q_eq(r.plan.payment, "1098.17");
    ck_assert_q_eq(row(&r, 10)->interest, "63.64");
    done(&r);
}
END_TEST

/* Waiving 1,000 of principal: 5,179.02 over the same 6: PMT(0.01, 6,
 * −5179.02) = 893.63; first interest 51.79. */
START_TEST(waive_principal)
{
    rcase_t r;
    position(&r, 0);
    rp_action_t *a = rp_actions_add(&r.acts, RP_ACTION_WAIVE);
    a->component = RP_PRINCIPAL;
    q_set(a->amount, "1000");
    a->given |= RP_HAS_AMOUNT;
    run(&r, "2024-07-15");
    ck_assert_q_eq(r.plan.waived[RP_PRINCIPAL], "1000");
    ck_assert_q_eq(r.plan.payment, "893.63");
    ck_assert_q_eq(row(&r, 7)->interest, "51.79");
    done(&r);
}
END_TEST

/* A waiver beyond what is owed is cut to it, with a warning; a share over
 * 100% is an error. */
START_TEST(waive_limits)
{
    rcase_t r;
    position(&r, 1);
    rp_action_t *a = rp_actions_add(&r.acts, RP_ACTION_WAIVE);
    a->component = RP_PENALTY;
    q_set(a->amount, "100");
    a->given |= RP_HAS_AMOUNT;
    run(&r, "2024-07-20");
    ck_assert_q_eq(r.plan.waived[RP_PENALTY], "2.49");
    ck_assert(has_warning(&r, "waiver_capped"));
    done(&r);

    position(&r, 1);
    a = rp_actions_add(&r.acts, RP_ACTION_WAIVE);
    a->component = RP_COMPOUND;
    q_set(a->share, "1.5");
    a->given |= RP_HAS_SHARE;
    ck_assert_int_eq(go(&r, "2024-07-20"), RP_E_VALUE);
    ck_assert_str_eq(r.c.err.path, "actions[0].share");
    done(&r);
}
END_TEST

/* Position B frozen: principal and interest kept (7,173.48 + 81.70), 罚息
 * and 复利 waived (2.49 + 0.18); 1,000 down takes the 81.70 of interest and
 * 918.30 of principal; 6,255.18 in 12: 521.26 × 11 and 521.32, monthly
 * from 2024-08-20, no interest. */
START_TEST(freeze)
{
    rcase_t r;
    position(&r, 1);
    rp_action_t *a = rp_actions_add(&r.acts, RP_ACTION_FREEZE);
    a->periods = 12;
    a->keep = (1u << RP_PRINCIPAL) | (1u << RP_INTEREST);
    q_set(a->down_payment, "1000");
    a->given |= RP_HAS_DOWN_PAYMENT;
    run(&r, "2024-07-20");
    ck_assert_q_eq(r.plan.claim_total, "7257.85");
    ck_assert_q_eq(r.plan.waived_total, "2.67");
    ck_assert_q_eq(row(&r, 0)->payment, "1000");
    ck_assert_q_eq(row(&r, 0)->arrears, "81.7");
    ck_assert_q_eq(row(&r, 1)->payment, "521.26");
    ck_assert_int_eq(row(&r, 1)->due_date, day("2024-08-20"));
    ck_assert_q_eq(row(&r, 12)->payment, "521.32");
    ck_assert_q_eq(r.plan.total_interest, "0");
    ck_assert_int_eq(r.plan.observation_end, day("2025-08-20"));
    done(&r);
}
END_TEST

/* Card debt: at most 60 installments (credit-card rules Art. 70); other
 * debt: a warning. */
START_TEST(freeze_sixty)
{
    for (int card = 0; card <= 1; card++) {
        rcase_t r;
        position(&r, 1);
        rp_action_t *a = rp_actions_add(&r.acts, RP_ACTION_FREEZE);
        a->periods = 61;
        a->keep = 1u << RP_PRINCIPAL;
        a->card = card;
        if (card) {
            ck_assert_int_eq(go(&r, "2024-07-20"), RP_E_VALUE);
            ck_assert_str_eq(r.c.err.path, "actions[0].installments");
        } else {
            run(&r, "2024-07-20");
            ck_assert(has_warning(&r, "over_60_installments"));
        }
        done(&r);
    }
}
END_TEST

/* Settling position B at 20% off: 7,257.85 × 0.8 = 5,806.28 today;
 * 1,451.57 waived in order: 复利 0.18, 罚息 2.49, interest 81.70, principal
 * 1,367.20. Its value to the lender is what it pays today: recovery
 * 5,806.28 / 7,257.85, concession 1,451.57. */
START_TEST(settle)
{
    rcase_t r;
    position(&r, 1);
    {
        rp_action_t *x_ = rp_actions_add(&r.acts, RP_ACTION_SETTLE);
        q_set(x_->share, "0.2");
        x_->given |= RP_HAS_SHARE;
    }
    run(&r, "2024-07-20");
    ck_assert_int_eq(r.plan.count, 1);
    ck_assert_q_eq(row(&r, 0)->payment, "5806.28");
    ck_assert_q_eq(r.plan.waived[RP_PRINCIPAL], "1367.2");
    ck_assert_q_eq(r.plan.waived[RP_INTEREST], "81.7");
    ck_assert_q_eq(r.plan.waived_total, "1451.57");
    ck_assert_q_eq(r.price.pv, "5806.28");
    ck_assert_q_eq(r.price.concession, "1451.57");
    mpq_t want;
    mpq_init(want);
    mpq_set_ui(want, 580628, 725785);
    mpq_canonicalize(want);
    ck_assert(mpq_equal(r.price.recovery, want));
    mpq_clear(want);
    done(&r);
}
END_TEST

/* A new rate of 6% from the date: installment 7 charges 6,179.02 × 0.5% =
 * 30.90, keeps its principal 1,004.40; the last 5 on 5,174.62 at 0.5%:
 * PMT = 1050.4995 → 1050.50. */
START_TEST(new_rate)
{
    rcase_t r;
    position(&r, 0);
    {
        rp_action_t *x_ = rp_actions_add(&r.acts, RP_ACTION_RATE);
        q_set(x_->rate, "0.06");
        x_->given |= RP_HAS_RATE;
    }
    run(&r, "2024-07-15");
    ck_assert_q_eq(row(&r, 7)->interest, "30.9");
    ck_assert_q_eq(row(&r, 7)->principal, "1004.4");
    ck_assert_q_eq(r.plan.payment, "1050.5");
    done(&r);
}
END_TEST

/* Spreading position B's arrears over the 6 installments to come after
 * extending: 994.46 of principal and 74.40 of interest and penalties
 * (71.73 + 2.49 + 0.18) in equal parts, the last the rest. */
START_TEST(reamortize_arrears)
{
    rcase_t r;
    position(&r, 1);
    rp_actions_add(&r.acts, RP_ACTION_REAMORTIZE);
    run(&r, "2024-07-20");
    ck_assert_int_eq(r.plan.count, 6);
    ck_assert_q_eq(row(&r, 7)->arrears, "12.4");  /* 74.40 / 6 */
    ck_assert_q_eq(row(&r, 12)->arrears, "12.4");
    ck_assert_q_eq(r.plan.total_arrears, "74.4");
    ck_assert_q_eq(r.plan.total_principal, "7173.48");
    done(&r);
}
END_TEST

static const struct {
    const char *what, *path;
} bad[] = {
    {"extend a paid loan", "actions[0]"},
    {"a rate before the date", "actions[0].from"},
    {"an action after settle", "actions[1]"},
    {"freeze after extend", "actions[1]"},
    {"waive with amount and share", "actions[0]"},
    {"settle for more than is owed", "actions[0].amount"},
    {"defer with nothing to come", "actions[0]"},
};

START_TEST(bad_actions)
{
    rcase_t r;
    position(&r, 1);
    const char *date = "2024-07-20";
    rp_action_t *a;
    switch (_i) {
    case 0:
        r.c.terms.overpayment = RP_OVERPAY_LOWER_PAYMENT; /* the rest prepays: paid off */
        sc_pay(&r.c, "2024-07-20", "8000");
        rp_actions_add(&r.acts, RP_ACTION_EXTEND)->periods = 3;
        break;
    case 1:
        a = rp_actions_add(&r.acts, RP_ACTION_RATE);
        q_set(a->rate, "0.05");
        a->given |= RP_HAS_RATE;
        a->date = day("2024-07-01");
        break;
    case 2:
        {
            rp_action_t *x_ = rp_actions_add(&r.acts, RP_ACTION_SETTLE);
            q_set(x_->amount, "5000");
            x_->given |= RP_HAS_AMOUNT;
        }
        rp_actions_add(&r.acts, RP_ACTION_REAMORTIZE);
        break;
    case 3:
        rp_actions_add(&r.acts, RP_ACTION_EXTEND)->periods = 3;
        a = rp_actions_add(&r.acts, RP_ACTION_FREEZE);
        a->periods = 12;
        a->keep = 1;
        break;
    case 4:
        a = rp_actions_add(&r.acts, RP_ACTION_WAIVE);
        q_set(a->amount, "1");
        a->given |= RP_HAS_AMOUNT;
        q_set(a->share, "0.1");
        a->given |= RP_HAS_SHARE;
        break;
    case 5:
        {
            rp_action_t *x_ = rp_actions_add(&r.acts, RP_ACTION_SETTLE);
            q_set(x_->amount, "9000");
            x_->given |= RP_HAS_AMOUNT;
        }
        break;
    case 6:
        date = "2025-02-01"; /* after maturity: everything is due */
        rp_actions_add(&r.acts, RP_ACTION_DEFER)->periods = 2;
        break;
    }
    rp_status st = go(&r, date);
    ck_assert_msg(st == RP_E_VALUE, "%s: %s", bad[_i].what, rp_strerror(st));
    ck_assert_str_eq(r.c.err.path, bad[_i].path);
    done(&r);
}
END_TEST

/* With no actions the plan is the loan as it stands: for position A the
 * six installments left, valued at the contract rate on a due date, are
 * worth their principal (PV of 5 × 1066.19 + 1066.17 at 1%: 6,179.01…). */
START_TEST(no_actions)
{
    rcase_t r;
    position(&r, 0);
    run(&r, "2024-07-15");
    ck_assert_int_eq(r.plan.count, 6);
    ck_assert_q_eq(r.plan.claim_total, "6179.02");
    ck_assert_q_eq(r.plan.debt, "6179.02");
    ck_assert_q_eq(r.plan.payment, "1066.19");
    /* the APR of the unchanged plan is the contract rate, to the cent's effect */
    mpq_t lo, hi;
    mpq_inits(lo, hi, NULL);
    q_set(lo, "0.1199");
    q_set(hi, "0.1201");
    ck_assert(r.price.has_apr && mpq_cmp(r.price.apr.low, lo) > 0 && mpq_cmp(r.price.apr.high, hi) < 0);
    mpq_clears(lo, hi, NULL);
    ck_assert_int_eq(r.plan.warning_count, 0);
    done(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("restructure");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, extend_by_periods);
    tcase_add_test(tc, extend_art12);
    tcase_add_test(tc, extend_to_maturity);
    tcase_add_test(tc, defer_accrue);
    tcase_add_test(tc, defer_capitalize);
    tcase_add_test(tc, waive_principal);
    tcase_add_test(tc, waive_limits);
    tcase_add_test(tc, freeze);
    tcase_add_test(tc, freeze_sixty);
    tcase_add_test(tc, settle);
    tcase_add_test(tc, new_rate);
    tcase_add_test(tc, reamortize_arrears);
    tcase_add_loop_test(tc, bad_actions, 0, N_ELEMENTS(bad));
    tcase_add_test(tc, no_actions);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
