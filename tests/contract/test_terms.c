/*
 * test_terms.c — defaults and the five-tier tables (2023 loan rules; 2011
 * credit-card rules) at every boundary.
 */
#include "testutil.h"

static const struct {
    rp_classification c;
    int dpd, tier;
} tiers[] = {
    {RP_CLASS_LOANS_2023, 0, 0},     {RP_CLASS_LOANS_2023, 1, 1},
    {RP_CLASS_LOANS_2023, 90, 1},    {RP_CLASS_LOANS_2023, 91, 2},
    {RP_CLASS_LOANS_2023, 270, 2},   {RP_CLASS_LOANS_2023, 271, 3},
    {RP_CLASS_LOANS_2023, 360, 3},   {RP_CLASS_LOANS_2023, 361, 4},
    {RP_CLASS_CREDIT_CARD, 0, 0},    {RP_CLASS_CREDIT_CARD, 1, 1},
    {RP_CLASS_CREDIT_CARD, 90, 1},   {RP_CLASS_CREDIT_CARD, 91, 2},
    {RP_CLASS_CREDIT_CARD, 120, 2},  {RP_CLASS_CREDIT_CARD, 121, 3},
    {RP_CLASS_CREDIT_CARD, 180, 3},  {RP_CLASS_CREDIT_CARD, 181, 4},
};

START_TEST(tier_boundaries)
{
    ck_assert_int_eq(rp_tier_for_dpd(tiers[_i].c, tiers[_i].dpd), tiers[_i].tier);
}
END_TEST

START_TEST(defaults)
{
    rp_terms_t t;
    rp_terms_init(&t);
    ck_assert_q_eq(t.overdue.markup, "0.5");
    ck_assert(mpq_sgn(t.overdue.penalty_rate) < 0);
    ck_assert_int_eq(t.overdue.daily_basis, 360);
    ck_assert_int_eq(t.overdue.compound, 1);
    ck_assert_int_eq(t.overdue.grace_counts_back, 1);
    ck_assert_int_eq(t.allocation.across, RP_OLDEST_FIRST);
    ck_assert_int_eq(t.allocation.order[0], RP_FEE);
    ck_assert_int_eq(t.allocation.order[5], RP_PRINCIPAL);
    ck_assert_int_eq(t.bucket_count, 8);
    ck_assert_str_eq(t.buckets[1].label, "M1");
    ck_assert_int_eq(t.buckets[1].max_dpd, 30);
    ck_assert_int_eq(t.buckets[7].max_dpd, -1);
    rp_round_t rc;
    rp_round_init(&rc);
    ck_assert_int_eq(rp_overdue_check(&t.overdue, &rc, NULL), RP_OK);
    rp_round_clear(&rc);
    rp_terms_clear(&t);
}
END_TEST

START_TEST(names)
{
    ck_assert_str_eq(rp_component_names[RP_PENALTY], "penalty_interest");
    ck_assert_str_eq(rp_component_names[RP_LATE_FEE], "late_fees");
    ck_assert_str_eq(rp_tier_names_zh[2], "次级");
    ck_assert_str_eq(rp_tier_names[4], "loss");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("terms");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, tier_boundaries, 0, N_ELEMENTS(tiers));
    tcase_add_test(tc, defaults);
    tcase_add_test(tc, names);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
