/*
 * test_timing.c — when flows fall (calc/schedule/timing.c) and what rates and
 * present values make of timed flows (calc/yield/flows.c).
 *
 * Unit cases come from Regulation Z Appendix J's examples (the t and f it
 * states for published dates) and from hand arithmetic; the properties
 * run over random loans and plans:
 *   - the APR of a schedule lies between the lowest and highest rate any
 *     of its periods charges (each period's growth 1 + charge / balance
 *     read as a rate on the APR's own time: (1 + f·j)(1 + j)^t);
 *   - a plan priced at its own rate recovers 100% of the claim, to within
 *     the simple interest of a part period and the rounding of its rows.
 */
#include <math.h>
#include <stdio.h>

#include "base/internal.h"
#include "schedule/schedule.h"
#include "testutil.h"

static rp_date_t ymd(int y, int m, int d)
{
    return rp_date_from_ymd(y, m, d);
}

typedef struct when_case {
    const char *what;
    int oy, om, od, dy, dm, dd; /* origin, date */
    int ay, am, ad;             /* grid anchor; 0: none */
    rp_frequency f;
    rp_odd_days conv;
    int periods, odd, period_days;
} when_case_t;

static const when_case_t when_cases[] = {
    {"Reg Z (c)(1)(ii): 2-10 → 4-1-1978, 1 month + 19/30", 1978, 2, 10, 1978, 4, 1, 0, 0, 0,
     RP_FREQ_MONTHLY, RP_ODD_REG_Z, 1, 19, 30},
    {"the same by actual days: 19 of February 1978's 28", 1978, 2, 10, 1978, 4, 1, 0, 0, 0,
     RP_FREQ_MONTHLY, RP_ODD_ACTUAL, 1, 19, 28},
    {"Reg Z (c)(1)(iv): quarterly 5-23 → 10-1-1978, 1 + 39/90", 1978, 5, 23, 1978, 10, 1, 0, 0, 0,
     RP_FREQ_QUARTERLY, RP_ODD_REG_Z, 1, 39, 90},
    {"Reg Z (c)(1)(v): weekly 3-20 → 4-21-1978, 4 + 4/7", 1978, 3, 20, 1978, 4, 21, 0, 0, 0,
     RP_FREQ_WEEKLY, RP_ODD_REG_Z, 4, 4, 7},
    {"Reg Z (c)(3)(ii): biweekly 4-3 → 4-11-1978, 8/14", 1978, 4, 3, 1978, 4, 11, 0, 0, 0,
     RP_FREQ_BIWEEKLY, RP_ODD_REG_Z, 0, 8, 14},
    {"Reg Z (c)(5)(iii): a year and 6 whole months = 1 + 6/12", 1978, 1, 10, 1979, 7, 10, 0, 0, 0,
     RP_FREQ_ANNUAL, RP_ODD_REG_Z, 1, 6, 12},
    {"a year's odd part not in whole months: its days / 365", 1978, 1, 10, 1979, 7, 25, 0, 0, 0,
     RP_FREQ_ANNUAL, RP_ODD_REG_Z, 1, 196, 365},
    {"on the grid: 12 whole months", 2024, 1, 15, 2025, 1, 15, 2024, 1, 15, RP_FREQ_MONTHLY,
     RP_ODD_ACTUAL, 12, 0, 1},
    {"irregular first period: 2024-01-10 to the 25th's grid, 1 + 15/31", 2024, 1, 10, 2024, 2,
     25, 2024, 2, 25, RP_FREQ_MONTHLY, RP_ODD_ACTUAL, 1, 15, 31},
    {"a grid on the 31st keeps month ends: 01-31 → 04-30 is 3 months", 2024, 1, 31, 2024, 4, 30,
     2024, 1, 31, RP_FREQ_MONTHLY, RP_ODD_ACTUAL, 3, 0, 1},
    {"01-31 → 02-29 on a grid of 29ths: a whole month by the origin's count", 2024, 1, 31, 2024,
     2, 29, 2024, 2, 29, RP_FREQ_MONTHLY, RP_ODD_ACTUAL, 1, 0, 1},
    {"off the grid, a month end counts back to month ends", 2024, 1, 31, 2024, 4, 30, 0, 0, 0,
     RP_FREQ_MONTHLY, RP_ODD_ACTUAL, 3, 0, 1},
    {"a deferral: 07-12 → 12-10 on the 10th's grid, 4 + 29/31", 2024, 7, 12, 2024, 12, 10, 2024,
     1, 10, RP_FREQ_MONTHLY, RP_ODD_ACTUAL, 4, 29, 31},
    {"15 days off the grid: 15/31 of the month before it", 2024, 7, 20, 2024, 8, 4, 2024, 1, 15,
     RP_FREQ_MONTHLY, RP_ODD_ACTUAL, 0, 15, 31},
    {"the same day: time 0", 2024, 7, 20, 2024, 7, 20, 0, 0, 0, RP_FREQ_MONTHLY, RP_ODD_ACTUAL, 0,
     0, 1},
    {"one period before 1900 is counted, not refused", 1900, 1, 5, 1900, 1, 20, 1900, 1, 20,
     RP_FREQ_MONTHLY, RP_ODD_ACTUAL, 0, 15, 31},
};

START_TEST(when_dated)
{
    const when_case_t *c = &when_cases[_i];
    rp_when_t w;
    rp_date_t anchor = c->ay ? ymd(c->ay, c->am, c->ad) : RP_DATE_NONE;
    ck_assert_int_eq(rp_when_dated(&w, ymd(c->oy, c->om, c->od), ymd(c->dy, c->dm, c->dd), anchor,
                                   c->f, c->conv, NULL),
                     RP_OK);
    ck_assert_msg(w.periods == c->periods && w.odd == c->odd &&
                      (c->odd == 0 || w.period_days == c->period_days),
                  "%s: got %d + %d/%d", c->what, w.periods, w.odd, w.period_days);
}
END_TEST

/* Many dates after one origin through one rp_when_many_t (the origin's
 * part found once) time each date as rp_when_dated alone does: random
 * origins, anchors (or none), dates on and off the grid, every frequency
 * and both conventions. */
START_TEST(when_many_as_one_by_one)
{
    unsigned long long x = 4242;
    for (int trial = 0; trial < 3000; trial++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        rp_date_t origin = ymd(2000, 1, 1) + (int)((x >> 33) % 9000);
        rp_date_t anchor = (x >> 20) % 4 == 0 ? RP_DATE_NONE : origin + (int)((x >> 40) % 60);
        rp_frequency f = (rp_frequency)((x >> 50) % RP_FREQ_COUNT);
        rp_odd_days conv = (x >> 60) & 1 ? RP_ODD_REG_Z : RP_ODD_ACTUAL;
        rp_when_many_t m;
        rp_when_many_init(&m, origin, anchor, f, conv);
        rp_date_t date = origin;
        for (int k = 0; k < 24; k++) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            date += (int)((x >> 33) % 70);
            if (anchor != RP_DATE_NONE && (x >> 50) % 2 && date >= anchor) { /* on the grid */
                rp_date_t d;
                if (rp_date_add_months(&d, anchor, k, NULL) == RP_OK && d >= origin)
                    date = d > date ? d : date;
            }
            rp_when_t many, one;
            ck_assert_int_eq(rp_when_many_at(&many, &m, date, NULL), RP_OK);
            ck_assert_int_eq(rp_when_dated(&one, origin, date, anchor, f, conv, NULL), RP_OK);
            ck_assert_msg(many.periods == one.periods && many.odd == one.odd &&
                              many.period_days == one.period_days,
                          "trial %d, flow %d", trial, k);
        }
    }
}
END_TEST

START_TEST(when_refuses_the_past)
{
    rp_when_t w;
    rp_error err;
    ck_assert_int_eq(rp_when_dated(&w, ymd(2024, 3, 1), ymd(2024, 2, 1), RP_DATE_NONE,
                                   RP_FREQ_MONTHLY, RP_ODD_ACTUAL, &err),
                     RP_E_VALUE);
    ck_assert_int_eq(rp_when_dated(&w, RP_DATE_NONE, ymd(2024, 2, 1), RP_DATE_NONE,
                                   RP_FREQ_MONTHLY, RP_ODD_ACTUAL, &err),
                     RP_E_VALUE);
}
END_TEST

/* Two flows by hand: 1,000 now, 1,100 back at (t, f). */
static void two_flows(rp_flows_t *f, int t, int odd, int days)
{
    ck_assert_int_eq(rp_flows_alloc(f, 2, 0, 12, NULL), RP_OK);
    q_set(f->amounts[0], "-1000");
    q_set(f->amounts[1], "1100");
    f->when[1] = (rp_when_t){t, odd, days};
}

START_TEST(irr_of_an_odd_fraction)
{
    rp_flows_t f;
    rp_flows_init(&f);
    rp_irr_t r;
    rp_irr_init(&r);
    mpq_t p, x;
    mpq_inits(p, x, NULL);
    q_set(p, "1e-15");
    /* half a period of simple interest: 1,000 (1 + i/2) = 1,100, i = 20% exactly */
    two_flows(&f, 0, 15, 30);
    ck_assert_int_eq(rp_flows_irr(&r, &f, p, NULL), RP_OK);
    ck_assert_int_eq(r.count, 1);
    q_set(x, "0.2");
    ck_assert(mpq_cmp(r.roots[0].low, x) <= 0 && mpq_cmp(x, r.roots[0].high) <= 0);
    /* 1 + 1/2: (1 + i/2)(1 + i) = 1.1, i = −1.5 + √2.45 = 0.065247584249853 */
    two_flows(&f, 1, 1, 2);
    ck_assert_int_eq(rp_flows_irr(&r, &f, p, NULL), RP_OK);
    ck_assert_int_eq(r.count, 1);
    q_set(x, "0.065247584249852");
    ck_assert(mpq_cmp(r.roots[0].high, x) > 0);
    q_set(x, "0.065247584249854");
    ck_assert(mpq_cmp(r.roots[0].low, x) < 0);
    /* whole periods go to the periodic IRR as they are: 10% over one period */
    two_flows(&f, 1, 0, 1);
    ck_assert(rp_flows_regular(&f));
    ck_assert_int_eq(rp_flows_irr(&r, &f, p, NULL), RP_OK);
    q_set(x, "0.1");
    ck_assert(mpq_equal(r.roots[0].low, x) || (mpq_cmp(r.roots[0].low, x) <= 0 &&
                                               mpq_cmp(x, r.roots[0].high) <= 0));
    mpq_clears(p, x, NULL);
    rp_irr_clear(&r);
    rp_flows_clear(&f);
}
END_TEST

START_TEST(npv_by_hand)
{
    rp_flows_t f;
    rp_flows_init(&f);
    ck_assert_int_eq(rp_flows_alloc(&f, 3, 0, 12, NULL), RP_OK);
    q_set(f.amounts[0], "-1000");
    q_set(f.amounts[1], "550");
    q_set(f.amounts[2], "550");
    f.when[1] = (rp_when_t){0, 1, 2}; /* half a period */
    f.when[2] = (rp_when_t){1, 1, 2}; /* one and a half */
    mpq_t v, i;
    mpq_inits(v, i, NULL);
    q_set(i, "0.1");
    ck_assert_int_eq(rp_flows_npv(v, &f, i, NULL), RP_OK);
    /* −1000 + 550/1.05 + 550/(1.05 · 1.1) = −1000 + 11000/21 + 10000/21 = 0 */
    ck_assert_q_eq(v, "0");
    /* what 1 grows to by 1 + 1/2 at 10%: 1.05 × 1.1 = 1.155 */
    rp_when_growth(v, &f.when[2], i);
    ck_assert_q_eq(v, "1.155");
    rp_flows_years(v, &f);
    ck_assert(mpq_cmp_ui(v, 1, 8) == 0); /* 1.5 months */
    q_set(i, "-1");
    ck_assert_int_eq(rp_flows_npv(v, &f, i, NULL), RP_E_VALUE);
    mpq_clears(v, i, NULL);
    rp_flows_clear(&f);
}
END_TEST

/* ---- properties ------------------------------------------------------------ */

static unsigned long long state = 20261129ULL;
static int pick(int lo, int hi)
{
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return lo + (int)((state >> 33) % (unsigned long long)(hi - lo + 1));
}

static double q_double(const mpq_t q)
{
    return mpq_get_d(q);
}

/* The periodic rate j with (1 + f·j)(1 + j)^t = g, by bisection (a test's
 * floating reading; the library's answer is the exact one). */
static double period_rate(double g, int t, double f)
{
    double lo = -0.5, hi = 2.0;
    for (int k = 0; k < 200; k++) {
        double m = (lo + hi) / 2, v = (1 + f * m) * pow(1 + m, t);
        if (v < g)
            lo = m;
        else
            hi = m;
    }
    return (lo + hi) / 2;
}

/* The time from start to the first due date, computed here on its own:
 * whole periods back from the due date, the rest as odd days over the days
 * of the period before (or over 30 a month, Reg Z). Days of month ≤ 28. */
static double first_time(rp_date_t start, rp_date_t due, rp_frequency f, rp_odd_days conv)
{
    static const int months[] = {1, 3, 6, 12, 0, 0};
    int k = months[f];
    if (!k) {
        int len = f == RP_FREQ_WEEKLY ? 7 : 14, days = (int)(due - start);
        return days / len + (double)(days % len) / len;
    }
    int t = 0;
    rp_date_t back = due, before = due;
    for (;;) {
        ck_assert_int_eq(rp_date_add_months(&before, due, -k * (t + 1), NULL), RP_OK);
        if (before < start)
            break;
        back = before;
        t++;
    }
    if (back == start)
        return t;
    if (conv == RP_ODD_REG_Z && k == 1)
        return t + (double)(back - start) / 30;
    if (conv == RP_ODD_REG_Z)
        return -1; /* k-month Reg Z: not re-derived here */
    return t + (double)(back - start) / (double)(back - before);
}

START_TEST(apr_between_the_period_rates)
{
    static const char *const rates[] = {"0.06", "0.049", "0.12", "0.24", "0.0365", "0.18"};
    int checked = 0;
    for (int c = 0; c < 300; c++) {
        rp_loan_t loan;
        rp_loan_init(&loan);
        rp_round_t rc;
        rp_round_init(&rc);
        q_set(loan.principal, pick(0, 1) ? "120000" : "8765.43");
        q_set(loan.annual_rate, rates[pick(0, 5)]);
        loan.method = (rp_method)pick(0, 2); /* annuity, equal principal, interest only */
        loan.term = pick(2, 60);
        loan.frequency = pick(0, 3) ? RP_FREQ_MONTHLY : (rp_frequency)pick(0, 5);
        loan.start_date = ymd(pick(2015, 2030), pick(1, 12), pick(1, 28));
        if (pick(0, 2)) /* an irregular first period */
            loan.first_due_date = loan.start_date + pick(5, 50);
        loan.odd_days = (rp_odd_days)pick(0, 1);
        rp_schedule_t s;
        rp_schedule_init(&s);
        rp_flows_t f;
        rp_flows_init(&f);
        rp_root_t apr;
        mpq_inits(apr.low, apr.high, NULL);
        mpq_t p;
        mpq_init(p);
        q_set(p, "1e-15");
        int found = 0;
        if (rp_schedule_build(&s, &loan, &rc, NULL) == RP_OK &&
            rp_flows_from_schedule(&f, &s, &loan, NULL) == RP_OK &&
            rp_flows_apr(&apr, &found, &f, p, NULL) == RP_OK && found) {
            /* each period's growth, read as a rate on the APR's own time */
            double lo = 1e9, hi = -1e9, balance = q_double(loan.principal);
            for (int k = 0; k < s.count; k++) {
                const rp_when_t *w = &f.when[k + 1], *v = &f.when[k];
                double g = 1 + (q_double(s.rows[k].interest) + q_double(s.rows[k].fee)) / balance;
                double j;
                if (k == 0) { /* the first period's time, found here independently */
                    double time = first_time(loan.start_date, s.rows[0].due_date, loan.frequency,
                                             loan.odd_days);
                    if (time < 0)
                        time = w->periods + (double)w->odd / w->period_days;
                    j = period_rate(g, (int)time, time - (int)time);
                } else {
                    j = period_rate(g, w->periods - v->periods, 0);
                }
                lo = j < lo ? j : lo;
                hi = j > hi ? j : hi;
                balance -= q_double(s.rows[k].principal);
                if (balance <= 0)
                    break;
            }
            double ppy = f.periods_per_year, a_lo = q_double(apr.low), a_hi = q_double(apr.high);
            ck_assert_msg(a_lo >= lo * ppy * (1 - 1e-9) - 1e-12 && a_hi <= hi * ppy * (1 + 1e-9) + 1e-12,
                          "case %d: APR %.12f not within the period rates [%.12f, %.12f]", c, a_lo,
                          lo * ppy, hi * ppy);
            checked++;
        }
        mpq_clears(apr.low, apr.high, p, NULL);
        rp_flows_clear(&f);
        rp_schedule_clear(&s);
        rp_round_clear(&rc);
        rp_loan_clear(&loan);
    }
    printf("timing: %d schedules' APRs within their period rates\n", checked);
    ck_assert_int_gt(checked, 150);
}
END_TEST

/* A plan priced at its own rate: the installments are the claim repaid at
 * that rate, so the recovery is 1 but for the part period's simple interest
 * (at most f(1 − f)·i² ≤ i²/4 of it) and the rounding of the rows. */
START_TEST(recovery_at_the_plans_own_rate)
{
    int checked = 0;
    for (int c = 0; c < 60; c++) {
        int term = pick(12, 48), paid = pick(1, term / 2), extend = pick(1, 12);
        int y = pick(2016, 2028), m = pick(1, 12), d = pick(1, 28);
        rp_date_t start = ymd(y, m, d);
        const char *rate = pick(0, 1) ? "12%" : "6%";
        double i = rate[0] == '1' ? 0.01 : 0.005;
        /* the date: a few days into the period after `paid` installments */
        rp_date_t date;
        ck_assert_int_eq(rp_date_add_months(&date, start, paid, NULL), RP_OK);
        date += pick(0, 27);
        char day[RP_DATE_TEXT], first[RP_DATE_TEXT], request[1024];
        rp_date_format(day, date);
        rp_date_format(first, start);
        /* a loan paid to date: no arrears, only the period in progress */
        snprintf(request, sizeof request,
                 "{\"op\":\"restructure\",\"date\":\"%s\",\"loan\":{\"principal\":\"100000\","
                 "\"rate\":\"%s\",\"term\":%d,\"start_date\":\"%s\",\"overpayment\":\"credit\"},"
                 "\"events\":[{\"type\":\"payment\",\"date\":\"%s\",\"amount\":\"200000\"}],"
                 "\"actions\":[{\"type\":\"extend\",\"periods\":%d}]}",
                 day, rate, term, first, first, extend);
        /* the payment on the start date is credit, used as installments fall due */
        char *out = NULL;
        rp_options_t opt = {.format = RP_FORMAT_JSON};
        rp_status st = rp_run(&out, request, strlen(request), &opt, NULL);
        ck_assert_ptr_nonnull(out);
        if (st == RP_OK) {
            const char *r = strstr(out, "\"recovery\": \"");
            const char *n = strstr(out, "\"installment_count\": ");
            ck_assert_ptr_nonnull(r);
            double recovery = atof(r + 13);
            int rows = n ? atoi(n + 21) : 0;
            double slack = i * i / 4 + (rows + 2) * 0.005 / 1000.0 + 1e-6;
            ck_assert_msg(fabs(recovery - 1) <= slack, "case %d: recovery %.6f (slack %.6f): %s", c,
                          recovery, slack, request);
            checked++;
        }
        rp_free(out);
    }
    printf("timing: %d plans recover their claim at their own rate\n", checked);
    ck_assert_int_gt(checked, 40);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("timing");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, when_dated, 0, N_ELEMENTS(when_cases));
    tcase_add_test(tc, when_refuses_the_past);
    tcase_add_test(tc, when_many_as_one_by_one);
    tcase_add_test(tc, irr_of_an_odd_fraction);
    tcase_add_test(tc, npv_by_hand);
    tcase_add_test(tc, apr_between_the_period_rates);
    tcase_add_test(tc, recovery_at_the_plans_own_rate);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
