/*
 * testutil.h — small helpers shared by the Check unit tests.
 */
#ifndef RP_TESTUTIL_H
#define RP_TESTUTIL_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "repay_advanced.h"

/* Sets q from a decimal literal written in the test. */
static inline void q_set(mpq_t q, const char *s)
{
    rp_error err;
    if (rp_decimal_parse(q, s, &err) != RP_OK)
        ck_abort_msg("bad literal in test: %s (%s)", s, err.message);
}

/* Asserts q equals the decimal literal s exactly. */
#define ck_assert_q_eq(q, s)                                                                    \
    do {                                                                                         \
        mpq_t want_;                                                                             \
        mpq_init(want_);                                                                         \
        q_set(want_, (s));                                                                       \
        char got_[96];                                                                           \
        rp_decimal_format(got_, sizeof got_, (q), 12, RP_ROUND_HALF_EVEN);                       \
        int same_ = mpq_equal((q), want_);                                                       \
        mpq_clear(want_);                                                                        \
        ck_assert_msg(same_, "expected %s, got %s (12 places)", (s), got_);                      \
    } while (0)

/* Runs a suite; the process exits non-zero if any test failed. */
static inline int run_suite(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#define N_ELEMENTS(a) ((int)(sizeof(a) / sizeof((a)[0])))

#endif
