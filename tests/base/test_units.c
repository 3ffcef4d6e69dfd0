/*
 * test_units.c — whole counts of the rounding unit in machine words
 * (calc/base/units.c), exact sums over small denominators (qsum.c) and the
 * rounding of one quotient in 128-bit words (quotient.c), each against GMP
 * on the same numbers: the fast forms must give the general ones' answers.
 */
#include "base/quotient.h"
#include "testutil.h"

START_TEST(counts_to_and_from_gmp)
{
    mpz_t z;
    mpz_init(z);
    int64_t v;
    mpz_set_si(z, -12345);
    ck_assert(rp_units_from_z(&v, z) && v == -12345);
    mpz_ui_pow_ui(z, 2, 62); /* RP_UNITS_MAX itself does not fit */
    ck_assert(!rp_units_from_z(&v, z));
    mpz_sub_ui(z, z, 1);
    ck_assert(rp_units_from_z(&v, z) && v == RP_UNITS_MAX - 1);
    rp_i128 big = (rp_i128)RP_UNITS_MAX * 1000 + 7; /* beyond a long */
    rp_units_set_z(z, -big);
    char *text = mpz_get_str(NULL, 10, z);
    ck_assert_str_eq(text, "-4611686018427387904007");
    free(text);
    mpz_clear(z);
}
END_TEST

START_TEST(counts_checked_sums)
{
    int64_t r;
    ck_assert(rp_units_add(&r, RP_UNITS_MAX - 2, 1) && r == RP_UNITS_MAX - 1);
    ck_assert(!rp_units_add(&r, RP_UNITS_MAX - 1, 1));
    ck_assert(!rp_units_sub(&r, -(RP_UNITS_MAX - 1), 1));
    ck_assert_uint_eq(rp_gcd_u64(84, 36), 12);
    ck_assert_uint_eq(rp_gcd_u64(7, 0), 7);
}
END_TEST

/* A count of units to an amount and back: 1234 fen is 12.34; at a unit
 * of 0.05, 7 units are 0.35; a non-multiple is not a whole count. */
START_TEST(counts_of_a_unit)
{
    rp_round_t rc;
    rp_round_init(&rc);
    rp_unit_words_t w;
    rp_unit_words(&w, &rc);
    mpq_t q;
    mpq_init(q);
    rp_units_to_q(q, 1234, &w);
    ck_assert_q_eq(q, "12.34");
    int64_t n;
    ck_assert(rp_round_units64(&n, q, &rc) && n == 1234);
    q_set(q, "0.05");
    ck_assert_int_eq(rp_round_set_unit(&rc, q, NULL), RP_OK);
    rp_unit_words(&w, &rc);
    rp_units_to_q(q, 7, &w);
    ck_assert_q_eq(q, "0.35");
    q_set(q, "0.36");
    ck_assert(!rp_round_units64(&n, q, &rc));
    mpq_clear(q);
    rp_round_clear(&rc);
}
END_TEST

/* rp_units_round_quotient against rp_round_quotient, every mode, on signs
 * and ties: 7/2, −7/2, 5/2, −5/2, 10/3, −10/3, 0/5, and one beyond 2^64. */
START_TEST(quotient_in_words_as_in_gmp)
{
    static const long long nums[] = {7, -7, 5, -5, 10, -10, 0, 1, -1};
    static const long long dens[] = {2, 2, 2, 2, 3, 3, 5, 3, 3};
    mpz_t q, num, den;
    mpz_inits(q, num, den, NULL);
    for (int m = 0; m < RP_ROUND_MODE_COUNT; m++) {
        for (int i = 0; i < N_ELEMENTS(nums); i++) {
            int64_t w;
            ck_assert(rp_units_round_quotient(&w, nums[i], dens[i], (rp_round_mode)m));
            mpz_set_si(num, nums[i]);
            mpz_set_si(den, dens[i]);
            rp_round_quotient(q, num, den, (rp_round_mode)m);
            ck_assert_msg(mpz_cmp_si(q, w) == 0, "%lld/%lld under %s: words %lld, GMP %ld", nums[i],
                          dens[i], rp_round_mode_names[m], (long long)w, mpz_get_si(q));
        }
        /* a 128-bit numerator: (2^70 + 1) / 2^10 = 2^60 + 1/1024 */
        rp_i128 big = ((rp_i128)1 << 70) + 1;
        int64_t w;
        ck_assert(rp_units_round_quotient(&w, big, 1024, (rp_round_mode)m));
        rp_units_set_z(num, big);
        mpz_set_ui(den, 1024);
        rp_round_quotient(q, num, den, (rp_round_mode)m);
        ck_assert(mpz_cmp_si(q, w) == 0);
    }
    /* a result at 2^62 does not fit the word form */
    int64_t w;
    ck_assert(!rp_units_round_quotient(&w, (rp_i128)RP_UNITS_MAX * 3, 3, RP_ROUND_HALF_UP));
    mpz_clears(q, num, den, NULL);
}
END_TEST

/* rp_qadd and rp_qsub against mpq_add and mpq_sub, aliasing included, with
 * denominators that fit a word and ones that do not. */
START_TEST(sums_as_gmp_sums)
{
    static const char *const values[] = {"0", "1.25", "-0.07", "123456789.123456789",
                                         "1e-30", "-3.333", "7", "0.5"};
    mpq_t a, b, fast, slow;
    mpq_inits(a, b, fast, slow, NULL);
    for (int i = 0; i < N_ELEMENTS(values); i++) {
        for (int j = 0; j < N_ELEMENTS(values); j++) {
            q_set(a, values[i]);
            q_set(b, values[j]);
            mpq_set_ui(fast, 1, 3); /* a third: a denominator not of ten */
            mpq_add(b, b, fast);
            rp_qadd(fast, a, b);
            mpq_add(slow, a, b);
            ck_assert(mpq_equal(fast, slow));
            rp_qsub(fast, a, b);
            mpq_sub(slow, a, b);
            ck_assert(mpq_equal(fast, slow));
            mpq_set(fast, a); /* aliased: r = r + r */
            rp_qadd(fast, fast, fast);
            mpq_add(slow, a, a);
            ck_assert(mpq_equal(fast, slow));
        }
    }
    mpq_clears(a, b, fast, slow, NULL);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("units");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, counts_to_and_from_gmp);
    tcase_add_test(tc, counts_checked_sums);
    tcase_add_test(tc, counts_of_a_unit);
    tcase_add_test(tc, quotient_in_words_as_in_gmp);
    tcase_add_test(tc, sums_as_gmp_sums);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
