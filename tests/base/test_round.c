/*
 * test_round.c — the rounding context: every mode, units that are not
 * powers of ten, aliasing. Expected values worked out by hand.
 */
#include "base/internal.h"
#include "testutil.h"

static const struct {
    const char *x, *unit;
    rp_round_mode mode;
    const char *want;
} cases[] = {
    /* ties, positive and negative, to a unit of 1 */
    {"2.5", "1", RP_ROUND_HALF_UP, "3"},     {"2.5", "1", RP_ROUND_HALF_EVEN, "2"},
    {"2.5", "1", RP_ROUND_HALF_DOWN, "2"},   {"2.5", "1", RP_ROUND_DOWN, "2"},
    {"2.5", "1", RP_ROUND_UP, "3"},          {"2.5", "1", RP_ROUND_FLOOR, "2"},
    {"2.5", "1", RP_ROUND_CEILING, "3"},     {"-2.5", "1", RP_ROUND_HALF_UP, "-3"},
    {"-2.5", "1", RP_ROUND_HALF_EVEN, "-2"}, {"-2.5", "1", RP_ROUND_HALF_DOWN, "-2"},
    {"-2.5", "1", RP_ROUND_DOWN, "-2"},      {"-2.5", "1", RP_ROUND_UP, "-3"},
    {"-2.5", "1", RP_ROUND_FLOOR, "-3"},     {"-2.5", "1", RP_ROUND_CEILING, "-2"},
    {"3.5", "1", RP_ROUND_HALF_EVEN, "4"},   {"-3.5", "1", RP_ROUND_HALF_EVEN, "-4"},
    /* not ties */
    {"2.4", "1", RP_ROUND_HALF_UP, "2"},     {"2.4", "1", RP_ROUND_UP, "3"},
    {"2.4", "1", RP_ROUND_CEILING, "3"},     {"2.6", "1", RP_ROUND_HALF_DOWN, "3"},
    {"-2.6", "1", RP_ROUND_HALF_EVEN, "-3"}, {"-2.6", "1", RP_ROUND_DOWN, "-2"},
    {"-2.6", "1", RP_ROUND_FLOOR, "-3"},     {"-2.6", "1", RP_ROUND_CEILING, "-2"},
    /* fen, and the DOMAIN.md interest 1,000,000 × 4.9% / 12 = 4083.333… */
    {"4083.333333", "0.01", RP_ROUND_HALF_UP, "4083.33"},
    {"0.125", "0.01", RP_ROUND_HALF_UP, "0.13"},
    {"0.125", "0.01", RP_ROUND_HALF_EVEN, "0.12"},
    {"0.135", "0.01", RP_ROUND_HALF_EVEN, "0.14"},
    /* 0.05 (nickel) units: 1.024 / 0.05 = 20.48; 1.025 / 0.05 = 20.5 */
    {"1.024", "0.05", RP_ROUND_HALF_UP, "1.00"},
    {"1.025", "0.05", RP_ROUND_HALF_UP, "1.05"},
    {"1.025", "0.05", RP_ROUND_HALF_EVEN, "1.00"},
    {"1.075", "0.05", RP_ROUND_HALF_EVEN, "1.10"},
    {"1.001", "0.05", RP_ROUND_UP, "1.05"},
    /* units of 10 */
    {"1234", "10", RP_ROUND_HALF_UP, "1230"},
    {"1235", "10", RP_ROUND_HALF_UP, "1240"},
    {"1239", "10", RP_ROUND_DOWN, "1230"},
    {"1231", "10", RP_ROUND_UP, "1240"},
    {"-1235", "10", RP_ROUND_HALF_DOWN, "-1230"},
};

START_TEST(rounds_by_mode_and_unit)
{
    rp_round_t rc;
    rp_round_init(&rc);
    mpq_t x, unit, out;
    mpq_inits(x, unit, out, NULL);
    q_set(x, cases[_i].x);
    q_set(unit, cases[_i].unit);
    ck_assert_int_eq(rp_round_set_unit(&rc, unit, NULL), RP_OK);
    rc.mode = cases[_i].mode;
    int inexact = rp_round(out, x, &rc);
    ck_assert_q_eq(out, cases[_i].want);
    ck_assert_int_eq(inexact, !mpq_equal(out, x));
    ck_assert(rp_round_is_multiple(out, &rc));
    mpq_clears(x, unit, out, NULL);
    rp_round_clear(&rc);
}
END_TEST

START_TEST(output_may_alias_input)
{
    rp_round_t rc;
    rp_round_init(&rc);
    mpq_t x;
    mpq_init(x);
    q_set(x, "4078.3436");
    ck_assert_int_eq(rp_round(x, x, &rc), 1);
    ck_assert_q_eq(x, "4078.34");
    ck_assert_int_eq(rp_round(x, x, &rc), 0); /* already a multiple */
    mpq_clear(x);
    rp_round_clear(&rc);
}
END_TEST

static const struct {
    const char *unit;
    rp_status code;
    int places;
} units[] = {
    {"0.01", RP_OK, 2},      {"0.05", RP_OK, 2},      {"1", RP_OK, 0},
    {"10", RP_OK, 0},        {"0.25", RP_OK, 2},      {"0.00000001", RP_OK, 8},
    {"0", RP_E_VALUE, 0},    {"-0.01", RP_E_VALUE, 0}, {"0.000000001", RP_E_VALUE, 0},
    {"1000000000000000", RP_E_RANGE, 0},
};

START_TEST(validates_units)
{
    rp_round_t rc;
    rp_round_init(&rc);
    mpq_t unit;
    mpq_init(unit);
    q_set(unit, units[_i].unit);
    rp_error err;
    ck_assert_int_eq(rp_round_set_unit(&rc, unit, &err), units[_i].code);
    if (units[_i].code == RP_OK)
        ck_assert_int_eq(rc.places, units[_i].places);
    else
        ck_assert_q_eq(rc.unit, "0.01"); /* unchanged on error */
    mpq_clear(unit);
    rp_round_clear(&rc);
}
END_TEST

START_TEST(rejects_a_third)
{
    rp_round_t rc;
    rp_round_init(&rc);
    mpq_t unit;
    mpq_init(unit);
    mpq_set_ui(unit, 1, 3);
    ck_assert_int_eq(rp_round_set_unit(&rc, unit, NULL), RP_E_VALUE);
    mpq_clear(unit);
    rp_round_clear(&rc);
}
END_TEST

START_TEST(mode_names_are_stable)
{
    ck_assert_str_eq(rp_round_mode_names[RP_ROUND_HALF_UP], "half_up");
    ck_assert_str_eq(rp_round_mode_names[RP_ROUND_HALF_EVEN], "half_even");
    ck_assert_str_eq(rp_round_mode_names[RP_ROUND_HALF_DOWN], "half_down");
    ck_assert_str_eq(rp_round_mode_names[RP_ROUND_DOWN], "down");
    ck_assert_str_eq(rp_round_mode_names[RP_ROUND_UP], "up");
    ck_assert_str_eq(rp_round_mode_names[RP_ROUND_FLOOR], "floor");
    ck_assert_str_eq(rp_round_mode_names[RP_ROUND_CEILING], "ceiling");
}
END_TEST

/* rp_qadd / rp_qsub against GMP's mpq_add / mpq_sub: the same canonical
 * rational for small and huge denominators, every aliasing. */
START_TEST(qsum_matches_gmp)
{
    unsigned long long x = 99;
    mpq_t a, b, r, want;
    mpq_inits(a, b, r, want, NULL);
    for (int trial = 0; trial < 3000; trial++) {
        for (int k = 0; k < 2; k++) {
            mpq_ptr q = k ? b : a;
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            long num = (long)((x >> 20) % 2000001) - 1000000;
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            unsigned long den = 1 + (unsigned long)((x >> 30) % (trial % 3 == 0 ? 100 : 1000000));
            mpq_set_si(q, num, den);
            if (trial % 7 == 0) { /* a huge denominator */
                mpz_mul_2exp(mpq_denref(q), mpq_denref(q), 80);
                mpz_add_ui(mpq_denref(q), mpq_denref(q), 3);
            }
            if (trial % 11 == 0) /* a huge numerator */
                mpz_mul_2exp(mpq_numref(q), mpq_numref(q), 100);
            mpq_canonicalize(q);
        }
        for (int sub = 0; sub < 2; sub++) {
            void (*fast)(mpq_ptr, mpq_srcptr, mpq_srcptr) = sub ? rp_qsub : rp_qadd;
            void (*slow)(mpq_ptr, mpq_srcptr, mpq_srcptr) = sub ? mpq_sub : mpq_add;
            slow(want, a, b);
            fast(r, a, b);
            ck_assert(mpq_equal(r, want));
            ck_assert(mpz_cmp_ui(mpq_denref(r), 0) > 0);
            mpq_t a2, b2;
            mpq_inits(a2, b2, NULL);
            mpq_set(a2, a);
            mpq_set(b2, b);
            fast(a2, a2, b2); /* r aliases a */
            ck_assert(mpq_equal(a2, want));
            mpq_set(a2, a);
            fast(b2, a2, b2); /* r aliases b */
            ck_assert(mpq_equal(b2, want));
            mpq_set(a2, a);
            slow(want, a, a);
            fast(a2, a2, a2); /* all three */
            ck_assert(mpq_equal(a2, want));
            mpq_clears(a2, b2, NULL);
        }
    }
    mpq_clears(a, b, r, want, NULL);
}
END_TEST

/* rp_round_units against plain mpq arithmetic: x / unit, whole or not, for
 * units 0.01, 0.05, 1, 10, 0.00000001 and amounts small and huge. */
START_TEST(units_match_division)
{
    static const char *const unit_texts[] = {"0.01", "0.05", "1", "10", "0.00000001", "0.25"};
    unsigned long long x = 7;
    rp_round_t rc;
    rp_round_init(&rc);
    mpq_t v, unit, ratio;
    mpz_t got;
    mpq_inits(v, unit, ratio, NULL);
    mpz_init(got);
    for (int trial = 0; trial < 6000; trial++) {
        q_set(unit, unit_texts[trial % 6]);
        rp_error err;
        ck_assert_int_eq(rp_round_set_unit(&rc, unit, &err), RP_OK);
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        long num = (long)((x >> 16) % 200000001) - 100000000;
        unsigned long den = trial % 4 == 0 ? 100 : trial % 4 == 1 ? 20 : trial % 4 == 2 ? 1 : 7;
        mpq_set_si(v, num, den);
        if (trial % 9 == 0)
            mpz_mul_2exp(mpq_numref(v), mpq_numref(v), 90); /* huge */
        mpq_canonicalize(v);
        mpq_div(ratio, v, unit);
        int whole = mpz_cmp_ui(mpq_denref(ratio), 1) == 0;
        ck_assert_int_eq(rp_round_units(got, v, &rc), whole);
        if (whole)
            ck_assert(mpz_cmp(got, mpq_numref(ratio)) == 0);
        ck_assert_int_eq(rp_round_is_multiple(v, &rc), whole);
    }
    mpq_clears(v, unit, ratio, NULL);
    mpz_clear(got);
    rp_round_clear(&rc);
}
END_TEST

/* rp_round's word-size path against the general quotient (rp_round_mul by
 * 1): every mode and unit, negative and huge values, ties included. */
START_TEST(round_paths_agree)
{
    static const char *const unit_texts[] = {"0.01", "0.05", "1", "10", "0.00000001", "0.25"};
    unsigned long long x = 3;
    rp_round_t rc;
    rp_round_init(&rc);
    mpq_t v, unit, one, a, b, alias;
    mpq_inits(v, unit, one, a, b, alias, NULL);
    mpq_set_ui(one, 1, 1);
    for (int trial = 0; trial < 20000; trial++) {
        q_set(unit, unit_texts[trial % 6]);
        rp_error err;
        ck_assert_int_eq(rp_round_set_unit(&rc, unit, &err), RP_OK);
        rc.mode = (rp_round_mode)((trial / 6) % RP_ROUND_MODE_COUNT);
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        long num = (long)((x >> 16) % 2000001) - 1000000;
        unsigned long den = 1 + (unsigned long)((x >> 40) % (trial % 5 == 0 ? 8 : 3600));
        if (trial % 5 == 1)
            den = 200; /* exact ties at 0.005 */
        mpq_set_si(v, num, den);
        if (trial % 13 == 0)
            mpz_mul_2exp(mpq_numref(v), mpq_numref(v), 90);
        if (trial % 17 == 0)
            mpz_mul_2exp(mpq_denref(v), mpq_denref(v), 70); /* past a word */
        mpq_canonicalize(v);
        int ia = rp_round(a, v, &rc);
        int ib = rp_round_mul(b, v, one, NULL, &rc);
        ck_assert_msg(mpq_equal(a, b), "trial %d", trial);
        ck_assert_int_eq(ia, ib);
        mpq_set(alias, v);
        rp_round(alias, alias, &rc); /* out aliases x */
        ck_assert(mpq_equal(alias, b));
    }
    mpq_clears(v, unit, one, a, b, alias, NULL);
    rp_round_clear(&rc);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("round");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, rounds_by_mode_and_unit, 0, N_ELEMENTS(cases));
    tcase_add_test(tc, round_paths_agree);
    tcase_add_test(tc, units_match_division);
    tcase_add_test(tc, qsum_matches_gmp);
    tcase_add_test(tc, output_may_alias_input);
    tcase_add_loop_test(tc, validates_units, 0, N_ELEMENTS(units));
    tcase_add_test(tc, rejects_a_third);
    tcase_add_test(tc, mode_names_are_stable);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
