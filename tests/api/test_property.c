/*
 * test_property.c — invariants over random loans, seeded and reproducible.
 *
 * REPAY_SEED=n picks the seed (default below) and REPAY_CASES the count;
 * a failure names the seed and the case's request so it can be replayed
 * with `repay run`. The checks are the invariants the README lists for each op
 * (sums, conservation, no negative balances), recomputed
 * here from the response with exact decimals, independently of the
 * library's own self-checks:
 *   schedules   payment = principal + interest + fee; balance_k =
 *               balance_(k−1) − principal_k ≥ 0; the last balance is 0;
 *               Σ principal = the loan; totals = column sums; every amount
 *               a whole number of rounding units; interest ≥ 0;
 *   statements  each payment = what it was applied to + credit +
 *               prepayment; due = paid + outstanding per component and
 *               installment; owed and payoff totals = their components,
 *               payoff ≥ owed; nothing negative;
 *   restructures claim = waived + debt; total_to_pay = Σ installments'
 *               payments; balances ≥ 0 and the last 0.
 */
#include <cjson/cJSON.h>
#include <stdio.h>

#include "schedule/schedule.h"
#include "testutil.h"

#define DEFAULT_SEED 20261123u
#define DEFAULT_CASES 150

static unsigned long long state;

static unsigned next(void) /* 64-bit LCG (Knuth MMIX), high bits */
{
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)(state >> 33);
}
static int pick(int lo, int hi) /* uniform enough in [lo, hi] */
{
    return lo + (int)(next() % (unsigned)(hi - lo + 1));
}

static unsigned seed_from_env(void)
{
    const char *s = getenv("REPAY_SEED");
    return s && *s ? (unsigned)strtoul(s, NULL, 10) : DEFAULT_SEED;
}
static int cases_from_env(void)
{
    const char *s = getenv("REPAY_CASES");
    int n = s && *s ? atoi(s) : DEFAULT_CASES;
    return n > 0 ? n : DEFAULT_CASES;
}

/* ---- reading amounts from a response ------------------------------------ */

static int q_of(mpq_t out, const cJSON *item)
{
    if (!cJSON_IsString(item))
        return 0;
    return rp_decimal_parse(out, item->valuestring, NULL) == RP_OK;
}

static unsigned seed;
static char failure[512];

/* Records the first broken invariant. */
static int broke(const char *what, const char *where)
{
    if (!failure[0])
        snprintf(failure, sizeof failure, "%s (%s)", what, where);
    return 0;
}

static cJSON *run_request(const char *text, rp_status *st)
{
    char *out = NULL;
    rp_options_t opt = {.format = RP_FORMAT_JSON};
    *st = rp_run(&out, text, strlen(text), &opt, NULL);
    ck_assert_ptr_nonnull(out);
    cJSON *r = cJSON_Parse(out);
    rp_free(out);
    ck_assert_ptr_nonnull(r);
    return r;
}

static const char *const methods[] = {"annuity", "equal_principal", "interest_only", "bullet",
                                      "flat"};
static const char *const frequencies[] = {"monthly", "quarterly", "semiannual", "annual",
                                          "biweekly", "weekly"};
static const char *const units[] = {"0.01", "0.01", "0.01", "0.05", "1", "10"};
static const char *const modes[] = {"half_up", "half_even", "down", "up", "floor", "ceiling"};

/* A random loan as JSON members (no braces), into buf. unit_index out. */
static void random_loan(char *buf, size_t size, int *unit_out, int *term_out)
{
    int u = pick(0, 5);
    long scale = u == 3 ? 20 : u == 4 ? 1 : u == 5 ? 1 : 100; /* units per yuan… */
    long units_count = (long)pick(100, 500000) * (long)pick(1, 10);
    const char *method = methods[pick(0, 4)];
    int monthly_only = pick(0, 3) != 0;
    const char *freq = monthly_only ? "monthly" : frequencies[pick(0, 5)];
    int term = pick(1, 360);
    int grace = (pick(0, 4) == 0 && term > 1 && (method[0] == 'a' || method[0] == 'e'))
                    ? pick(0, term - 1)
                    : 0;
    int rate_bp = pick(0, 6) == 0 ? 0 : pick(1, 3600); /* basis points a year */
    char principal[48];
    if (u == 5)
        snprintf(principal, sizeof principal, "%ld0", units_count);
    else if (scale == 1)
        snprintf(principal, sizeof principal, "%ld", units_count);
    else if (scale == 20)
        snprintf(principal, sizeof principal, "%ld.%02ld", units_count / 20, (units_count % 20) * 5);
    else
        snprintf(principal, sizeof principal, "%ld.%02ld", units_count / 100, units_count % 100);
    snprintf(buf, size,
             "\"principal\": \"%s\", \"rate\": \"%d.%02d%%\", \"term\": %d, \"method\": \"%s\", "
             "\"frequency\": \"%s\", \"grace_periods\": %d, \"start_date\": \"2024-%02d-%02d\", "
             "\"rounding\": {\"unit\": \"%s\", \"mode\": \"%s\"}",
             principal, rate_bp / 100, rate_bp % 100, term, method, freq, grace, pick(1, 12),
             pick(1, 28), units[u], modes[pick(0, 5)]);
    *unit_out = u;
    *term_out = term;
}

static int whole(const mpq_t x, const mpq_t unit)
{
    mpq_t r;
    mpq_init(r);
    mpq_div(r, x, unit);
    int ok = mpz_cmp_ui(mpq_denref(r), 1) == 0;
    mpq_clear(r);
    return ok;
}

/* The schedule invariants on a schedule-shaped response (rows in "installments"). */
static int schedule_holds(const cJSON *r, const char *principal_text, const char *unit_text,
                          int check_first_balance)
{
    mpq_t bal, prev, p, i, f, pay, sum_p, sum_i, sum_f, unit, t;
    mpq_inits(bal, prev, p, i, f, pay, sum_p, sum_i, sum_f, unit, t, NULL);
    int ok = 1;
    q_set(unit, unit_text);
    if (principal_text)
        q_set(prev, principal_text);
    const cJSON *rows = cJSON_GetObjectItem(r, "installments");
    const cJSON *row = NULL;
    int k = 0;
    cJSON_ArrayForEach(row, rows)
    {
        char where[32];
        snprintf(where, sizeof where, "row %d", k);
        if (!q_of(p, cJSON_GetObjectItem(row, "principal")) ||
            !q_of(i, cJSON_GetObjectItem(row, "interest")) ||
            !q_of(f, cJSON_GetObjectItem(row, "fee")) ||
            !q_of(pay, cJSON_GetObjectItem(row, "payment")) ||
            !q_of(bal, cJSON_GetObjectItem(row, "balance"))) {
            ok = broke("an amount is missing", where);
            break;
        }
        mpq_add(t, p, i);
        mpq_add(t, t, f);
        const cJSON *arrears = cJSON_GetObjectItem(row, "arrears");
        if (arrears) {
            mpq_t a;
            mpq_init(a);
            q_of(a, arrears);
            mpq_add(t, t, a);
            mpq_clear(a);
        }
        if (!mpq_equal(t, pay))
            ok = broke("payment ≠ principal + interest + fee (+ arrears)", where);
        if (ok && (principal_text || k > 0 || check_first_balance)) {
            mpq_sub(t, prev, p);
            if (!mpq_equal(t, bal))
                ok = broke("balance ≠ previous balance − principal", where);
        }
        if (ok && (mpq_sgn(bal) < 0 || mpq_sgn(i) < 0 || mpq_sgn(f) < 0))
            ok = broke("a negative balance, interest or fee", where);
        if (ok && !(whole(pay, unit) && whole(p, unit) && whole(i, unit) && whole(f, unit)))
            ok = broke("an amount is not a whole number of units", where);
        mpq_add(sum_p, sum_p, p);
        mpq_add(sum_i, sum_i, i);
        mpq_add(sum_f, sum_f, f);
        mpq_set(prev, bal);
        k++;
        if (!ok)
            break;
    }
    if (ok && k > 0 && mpq_sgn(bal) != 0)
        ok = broke("the last balance is not 0", "last row");
    if (ok && principal_text) {
        q_set(t, principal_text);
        if (!mpq_equal(t, sum_p))
            ok = broke("Σ principal ≠ the loan", "totals");
    }
    const cJSON *totals = cJSON_GetObjectItem(r, "totals");
    if (ok && totals) {
        q_of(t, cJSON_GetObjectItem(totals, "principal"));
        int same = mpq_equal(t, sum_p);
        q_of(t, cJSON_GetObjectItem(totals, "interest"));
        same &= mpq_equal(t, sum_i);
        q_of(t, cJSON_GetObjectItem(totals, "fee"));
        same &= mpq_equal(t, sum_f);
        if (!same)
            ok = broke("totals ≠ column sums", "totals");
    }
    mpq_clears(bal, prev, p, i, f, pay, sum_p, sum_i, sum_f, unit, t, NULL);
    return ok;
}

START_TEST(random_schedules)
{
    seed = seed_from_env();
    state = seed;
    int n = cases_from_env(), ran = 0;
    for (int c = 0; c < n; c++) {
        char loan[512], req[700];
        int u, term;
        random_loan(loan, sizeof loan, &u, &term);
        snprintf(req, sizeof req, "{\"op\": \"schedule\", \"loan\": {%s}}", loan);
        rp_status st;
        cJSON *r = run_request(req, &st);
        failure[0] = '\0';
        if (st == RP_OK) {
            const cJSON *s = cJSON_GetObjectItem(r, "summary");
            const char *principal = cJSON_GetObjectItem(s, "principal")->valuestring;
            schedule_holds(r, principal, units[u], 1);
            ran++;
        } else {
            /* only a bullet's term or grace may make a random loan invalid */
            ck_assert_msg(rp_status_exit_code(st) == 2, "seed %u: internal error on %s", seed, req);
        }
        ck_assert_msg(!failure[0], "seed %u case %d: %s\nrequest: %s", seed, c, failure, req);
        cJSON_Delete(r);
    }
    printf("property: seed %u, %d schedules checked (%d refused as invalid)\n", seed, ran, n - ran);
    ck_assert_int_gt(ran, n / 2); /* most random loans are valid */
}
END_TEST

/* Σ of the components of an owed/due/paid/outstanding object = its total. */
static int components_sum(const cJSON *o, const char *where, int allow_negative)
{
    static const char *const names[] = {"principal",         "interest", "penalty_interest",
                                        "compound_interest", "late_fees", "fees"};
    mpq_t sum, x;
    mpq_inits(sum, x, NULL);
    int ok = 1;
    for (int k = 0; k < 6 && ok; k++) {
        if (!q_of(x, cJSON_GetObjectItem(o, names[k])))
            ok = broke("a component is missing", where);
        else if (!allow_negative && mpq_sgn(x) < 0)
            ok = broke("a negative component", where);
        mpq_add(sum, sum, x);
    }
    if (ok && (!q_of(x, cJSON_GetObjectItem(o, "total")) || !mpq_equal(x, sum)))
        ok = broke("total ≠ Σ components", where);
    mpq_clears(sum, x, NULL);
    return ok;
}

static void random_events(char *buf, size_t size, int term)
{
    int count = pick(0, 6);
    size_t o = (size_t)snprintf(buf, size, "[");
    int day = 15;
    for (int e = 0; e < count && o < size - 200; e++) {
        day += pick(1, 90);
        int month = 2 + day / 28, dom = 1 + day % 28;
        if (month > 12 + term / 2)
            break;
        int year = 2024 + (month - 1) / 12;
        month = 1 + (month - 1) % 12;
        if (pick(0, 5) == 0)
            o += (size_t)snprintf(buf + o, size - o,
                                  "%s{\"type\": \"fee\", \"date\": \"%d-%02d-%02d\", \"amount\": \"%d\"}",
                                  e ? ", " : "", year, month, dom, pick(1, 50));
        else
            o += (size_t)snprintf(buf + o, size - o,
                                  "%s{\"type\": \"payment\", \"date\": \"%d-%02d-%02d\", "
                                  "\"amount\": \"%d.%02d\"}",
                                  e ? ", " : "", year, month, dom, pick(1, 3000), pick(0, 99));
    }
    snprintf(buf + o, size - o, "]");
}

START_TEST(random_statements)
{
    seed = seed_from_env() + 1;
    state = seed;
    int n = cases_from_env(), ran = 0;
    static const char *const allocs[] = {"bank_default", "statutory", "principal_first"};
    static const char *const overpay[] = {"credit", "shorten_term", "lower_payment"};
    for (int c = 0; c < n; c++) {
        int term = pick(3, 36);
        char events[1400], req[2200];
        random_events(events, sizeof events, term);
        snprintf(req, sizeof req,
                 "{\"op\": \"statement\", \"as_of\": \"%d-%02d-20\", \"loan\": {\"principal\": \"%d\", "
                 "\"rate\": \"%d%%\", \"term\": %d, \"method\": \"%s\", \"start_date\": \"2024-01-15\", "
                 "\"overdue\": {\"penalty_markup\": \"%d%%\", \"compound\": %s, \"grace_days\": %d%s}, "
                 "\"allocation\": \"%s\", \"overpayment\": \"%s\"}, \"events\": %s}",
                 2024 + pick(0, 2), pick(1, 12), pick(1, 200) * 100, pick(0, 24), term,
                 methods[pick(0, 1)], pick(0, 100), pick(0, 1) ? "true" : "false", pick(0, 5),
                 pick(0, 1) ? ", \"late_fee\": {\"rate\": \"5%\"}" : "", allocs[pick(0, 2)],
                 overpay[pick(0, 2)], events);
        rp_status st;
        cJSON *r = run_request(req, &st);
        failure[0] = '\0';
        ck_assert_msg(rp_status_exit_code(st) != 3, "seed %u: internal error on %s", seed, req);
        if (st == RP_OK) {
            ran++;
            components_sum(cJSON_GetObjectItem(r, "owed"), "owed", 0);
            components_sum(cJSON_GetObjectItem(r, "payoff"), "payoff", 0);
            mpq_t a, b, applied;
            mpq_inits(a, b, applied, NULL);
            q_of(a, cJSON_GetObjectItem(cJSON_GetObjectItem(r, "owed"), "total"));
            q_of(b, cJSON_GetObjectItem(cJSON_GetObjectItem(r, "payoff"), "total"));
            if (mpq_cmp(b, a) < 0)
                broke("payoff < owed today", "summary");
            const cJSON *row = NULL;
            cJSON_ArrayForEach(row, cJSON_GetObjectItem(r, "installments"))
            {
                const char *parts[] = {"principal", "interest", "penalty_interest",
                                       "compound_interest", "late_fees", "fees", "total"};
                for (int k = 0; k < 7; k++) {
                    q_of(a, cJSON_GetObjectItem(cJSON_GetObjectItem(row, "paid"), parts[k]));
                    q_of(b, cJSON_GetObjectItem(cJSON_GetObjectItem(row, "outstanding"), parts[k]));
                    mpq_add(a, a, b);
                    q_of(b, cJSON_GetObjectItem(cJSON_GetObjectItem(row, "due"), parts[k]));
                    if (!mpq_equal(a, b))
                        broke("due ≠ paid + outstanding", parts[k]);
                }
                components_sum(cJSON_GetObjectItem(row, "outstanding"), "outstanding", 0);
            }
            const cJSON *alloc = NULL;
            cJSON_ArrayForEach(alloc, cJSON_GetObjectItem(r, "allocations"))
            {
                if (strcmp(cJSON_GetObjectItem(alloc, "source")->valuestring, "payment") != 0)
                    continue;
                mpq_set_ui(applied, 0, 1);
                const cJSON *x = NULL;
                cJSON_ArrayForEach(x, cJSON_GetObjectItem(alloc, "applied"))
                {
                    q_of(a, cJSON_GetObjectItem(x, "amount"));
                    if (mpq_sgn(a) <= 0)
                        broke("a non-positive application", "allocations");
                    mpq_add(applied, applied, a);
                }
                q_of(a, cJSON_GetObjectItem(alloc, "to_credit"));
                mpq_add(applied, applied, a);
                q_of(a, cJSON_GetObjectItem(alloc, "to_prepayment"));
                mpq_add(applied, applied, a);
                q_of(a, cJSON_GetObjectItem(alloc, "amount"));
                if (!mpq_equal(a, applied))
                    broke("a payment ≠ applied + credit + prepayment (money lost)", "allocations");
            }
            mpq_clears(a, b, applied, NULL);
        }
        ck_assert_msg(!failure[0], "seed %u case %d: %s\nrequest: %s", seed, c, failure, req);
        cJSON_Delete(r);
    }
    printf("property: seed %u, %d statements checked (%d refused)\n", seed, ran, n - ran);
    ck_assert_int_gt(ran, n / 2);
}
END_TEST

START_TEST(random_restructures)
{
    seed = seed_from_env() + 2;
    state = seed;
    int n = cases_from_env(), ran = 0;
    for (int c = 0; c < n; c++) {
        int term = pick(6, 60);
        char actions[600];
        size_t o = (size_t)snprintf(actions, sizeof actions, "[");
        if (pick(0, 1))
            o += (size_t)snprintf(actions + o, sizeof actions - o,
                                  "{\"type\": \"waive\", \"component\": \"penalty_interest\", "
                                  "\"share\": \"%d%%\"}, ",
                                  pick(0, 100));
        switch (pick(0, 4)) {
        case 0:
            snprintf(actions + o, sizeof actions - o, "{\"type\": \"extend\", \"periods\": %d}, "
                                                      "{\"type\": \"reamortize\"}]",
                     pick(1, 24));
            break;
        case 1:
            snprintf(actions + o, sizeof actions - o,
                     "{\"type\": \"defer\", \"installments\": %d, \"interest\": \"%s\"}]", pick(1, 6),
                     pick(0, 1) ? "accrue" : "capitalize");
            break;
        case 2:
            snprintf(actions + o, sizeof actions - o, "{\"type\": \"freeze\", \"installments\": %d}]",
                     pick(1, 60));
            break;
        case 3:
            snprintf(actions + o, sizeof actions - o, "{\"type\": \"settle\", \"discount\": \"%d%%\"}]",
                     pick(0, 60));
            break;
        default:
            snprintf(actions + o, sizeof actions - o, "{\"type\": \"rate\", \"rate\": \"%d%%\"}]",
                     pick(1, 20));
        }
        char req[1500];
        snprintf(req, sizeof req,
                 "{\"op\": \"restructure\", \"date\": \"2024-%02d-%02d\", \"loan\": {\"principal\": "
                 "\"%d\", \"rate\": \"%d%%\", \"term\": %d, \"start_date\": \"2024-01-15\", "
                 "\"overdue\": {\"penalty_markup\": \"50%%\", \"compound\": true}}, "
                 "\"events\": [{\"type\": \"payment\", \"date\": \"2024-02-15\", \"amount\": \"%d\"}], "
                 "\"actions\": %s}",
                 pick(3, 12), pick(1, 28), pick(10, 500) * 100, pick(1, 24), term, pick(0, 2000),
                 actions);
        rp_status st;
        cJSON *r = run_request(req, &st);
        failure[0] = '\0';
        ck_assert_msg(rp_status_exit_code(st) != 3, "seed %u: internal error on %s", seed, req);
        if (st == RP_OK) {
            ran++;
            const cJSON *rec = cJSON_GetObjectItem(r, "reconciliation");
            mpq_t claim, waived, debt, total, sum, x;
            mpq_inits(claim, waived, debt, total, sum, x, NULL);
            q_of(claim, cJSON_GetObjectItem(rec, "claim"));
            q_of(waived, cJSON_GetObjectItem(rec, "waived"));
            q_of(debt, cJSON_GetObjectItem(rec, "debt"));
            q_of(total, cJSON_GetObjectItem(rec, "total_to_pay"));
            mpq_add(x, waived, debt);
            if (!mpq_equal(x, claim))
                broke("claim ≠ waived + debt", "reconciliation");
            const cJSON *row = NULL;
            cJSON_ArrayForEach(row, cJSON_GetObjectItem(r, "installments"))
            {
                q_of(x, cJSON_GetObjectItem(row, "payment"));
                mpq_add(sum, sum, x);
                q_of(x, cJSON_GetObjectItem(row, "balance"));
                if (mpq_sgn(x) < 0)
                    broke("a negative balance", "installments");
            }
            if (!mpq_equal(sum, total))
                broke("Σ payments ≠ total_to_pay", "installments");
            if (mpq_sgn(x) != 0)
                broke("the last balance is not 0", "installments");
            schedule_holds(r, NULL, "0.01", 0);
            mpq_clears(claim, waived, debt, total, sum, x, NULL);
        }
        ck_assert_msg(!failure[0], "seed %u case %d: %s\nrequest: %s", seed, c, failure, req);
        cJSON_Delete(r);
    }
    printf("property: seed %u, %d restructures checked (%d refused)\n", seed, ran, n - ran);
    ck_assert_int_gt(ran, n / 3);
}
END_TEST

/* ---- the fast form against the general path ------------------------------
 * rp_schedule_build computes in whole units (int64) and falls back to mpq_t
 * when a number does not fit. Two implementations of the same rules must
 * give the same schedule, row by row, on random loans of every method,
 * frequency, day count, unit, mode, level and date option. */

static const char *const unit_texts[] = {"0.01", "0.05", "1", "10", "0.00000001", "100"};

static void random_c_loan(rp_loan_t *loan, rp_round_t *rc)
{
    mpq_t unit;
    mpq_init(unit);
    ck_assert_int_eq(rp_decimal_parse(unit, unit_texts[pick(0, 5)], NULL), RP_OK);
    ck_assert_int_eq(rp_round_set_unit(rc, unit, NULL), RP_OK);
    rc->mode = (rp_round_mode)pick(0, RP_ROUND_MODE_COUNT - 1);
    loan->method = (rp_method)pick(0, 4);
    loan->frequency = (rp_frequency)pick(0, RP_FREQ_COUNT - 1);
    loan->day_count = pick(0, 2) ? RP_DC_PERIOD : (rp_day_count)pick(1, RP_DC_COUNT - 1);
    loan->daily_basis = pick(0, 1) ? 360 : 365;
    loan->term = pick(1, pick(0, 3) ? 60 : 480);
    int graced = loan->method == RP_METHOD_ANNUITY || loan->method == RP_METHOD_EQUAL_PRINCIPAL ||
                 loan->method == RP_METHOD_FLAT;
    loan->grace_periods = graced && loan->term > 1 && pick(0, 4) == 0 ? pick(0, loan->term - 1) : 0;
    if (loan->method == RP_METHOD_FLAT && pick(0, 1))
        loan->flat_charge = RP_CHARGE_FEE;
    /* principal: a whole number of units below 10^15, sometimes just below */
    mpz_t count, limit;
    mpz_inits(count, limit, NULL);
    mpq_set_ui(loan->principal, 1000000000000000UL, 1);
    mpq_div(loan->principal, loan->principal, unit);
    mpz_cdiv_q(limit, mpq_numref(loan->principal), mpq_denref(loan->principal)); /* units < limit */
    mpz_set_ui(count, (unsigned long)pick(1, 1000000));
    mpz_mul_ui(count, count, (unsigned long)pick(1, 5000));
    if (pick(0, 9) == 0)
        mpz_sub(count, limit, count);
    mpz_mod(count, count, limit);
    if (mpz_sgn(count) == 0)
        mpz_set_ui(count, 1);
    mpq_set_z(loan->principal, count);
    mpq_mul(loan->principal, loan->principal, unit);
    mpz_clears(count, limit, NULL);
    /* rate: basis points, an odd fraction, or a very high rate */
    switch (pick(0, 5)) {
    case 0:
        mpq_set_ui(loan->annual_rate, 0, 1);
        break;
    case 1:
        mpq_set_ui(loan->annual_rate, (unsigned long)pick(1, 1000), (unsigned long)pick(101, 9999));
        break;
    case 2:
        mpq_set_ui(loan->annual_rate, (unsigned long)pick(1, 1000), 100); /* up to 1000% */
        break;
    default:
        mpq_set_ui(loan->annual_rate, (unsigned long)pick(1, 3600), 10000);
    }
    mpq_canonicalize(loan->annual_rate);
    if (pick(0, 3) == 0)
        mpq_mul_2exp(loan->periodic_fee, rc->unit, (unsigned long)pick(0, 10));
    loan->start_date = pick(0, 4) ? rp_date_from_ymd(pick(1990, 2100), pick(1, 12), pick(1, 31) % 29 + 1)
                                  : RP_DATE_NONE;
    if (loan->day_count != RP_DC_PERIOD && loan->start_date == RP_DATE_NONE)
        loan->start_date = rp_date_from_ymd(2024, 1, 31);
    if (loan->start_date != RP_DATE_NONE && loan->method != RP_METHOD_BULLET && pick(0, 3) == 0)
        loan->first_due_date = loan->start_date + pick(1, 50);
    mpq_clear(unit);
}

static void same_amount(const mpq_t a, const mpq_t b, int row, const char *what)
{
    if (!mpq_equal(a, b)) {
        char *x = mpq_get_str(NULL, 10, a), *y = mpq_get_str(NULL, 10, b);
        char where[64];
        snprintf(where, sizeof where, "row %d %s: %s vs %s", row, what, x, y);
        broke("fast form ≠ general path", where);
        free(x);
        free(y);
    }
}

START_TEST(fast_form_matches_general)
{
    seed = seed_from_env();
    state = seed;
    int n = cases_from_env() * 4, built = 0, fallback = 0;
    for (int c = 0; c < n; c++) {
        rp_loan_t loan;
        rp_round_t rc;
        rp_loan_init(&loan);
        rp_round_init(&rc);
        random_c_loan(&loan, &rc);
        mpq_t level;
        mpq_init(level);
        rp_date_t dates[481];
        rp_schedule_opts_t fast = {0}, general = {.general = 1};
        if (loan.method != RP_METHOD_BULLET && pick(0, 3) == 0) {
            /* a forced level, sometimes below the interest: negative amortization */
            mpz_set_ui(mpq_numref(level), (unsigned long)pick(1, 100000));
            mpz_set_ui(mpq_denref(level), 1);
            mpq_mul(level, level, rc.unit);
            fast.level = general.level = level;
        }
        if (loan.method != RP_METHOD_BULLET && loan.start_date != RP_DATE_NONE && pick(0, 3) == 0) {
            dates[0] = loan.start_date;
            for (int k = 1; k <= loan.term; k++)
                dates[k] = dates[k - 1] + pick(20, 40);
            fast.dates = general.dates = dates;
        }
        rp_schedule_t a, b;
        rp_schedule_init(&a);
        rp_schedule_init(&b);
        rp_error ea, eb;
        rp_status sa = rp_schedule_build_opts(&a, &loan, &rc, &fast, &ea);
        rp_status sb = rp_schedule_build_opts(&b, &loan, &rc, &general, &eb);
        failure[0] = '\0';
        ck_assert_msg(sa == sb, "seed %u case %d: status %d (%s) vs %d (%s)", seed, c, sa,
                      sa ? ea.message : "", sb, sb ? eb.message : "");
        if (sa != RP_OK && getenv("REPAY_SHOW_REFUSED"))
            printf("refused: %s %s\n", ea.path, ea.message);
        if (sa == RP_OK) {
            built++;
            ck_assert_int_eq(a.count, b.count);
            for (int k = 0; k < a.count; k++) {
                ck_assert_int_eq(a.rows[k].due_date, b.rows[k].due_date);
                same_amount(a.rows[k].payment, b.rows[k].payment, k + 1, "payment");
                same_amount(a.rows[k].principal, b.rows[k].principal, k + 1, "principal");
                same_amount(a.rows[k].interest, b.rows[k].interest, k + 1, "interest");
                same_amount(a.rows[k].fee, b.rows[k].fee, k + 1, "fee");
                same_amount(a.rows[k].balance, b.rows[k].balance, k + 1, "balance");
                same_amount(a.rows[k].year_fraction, b.rows[k].year_fraction, k + 1, "years");
            }
            same_amount(a.level_payment, b.level_payment, 0, "level payment");
            same_amount(a.total_payment, b.total_payment, 0, "total payment");
            same_amount(a.total_principal, b.total_principal, 0, "total principal");
            same_amount(a.total_interest, b.total_interest, 0, "total interest");
            same_amount(a.total_fee, b.total_fee, 0, "total fee");
            ck_assert_int_eq(a.warning_count, b.warning_count);
            for (int i = 0; i < a.warning_count; i++)
                ck_assert_str_eq(a.warnings[i].code, b.warnings[i].code);
            if (!fast.level && !fast.dates) { /* the public fast form: the same, or refused */
                rp_unit_schedule_t u;
                rp_unit_schedule_init(&u);
                rp_status su = rp_unit_schedule_build(&u, &loan, &rc, &ea);
                if (su == RP_OK) {
                    mpq_t x;
                    mpq_init(x);
                    for (int k = 0; k < u.count; k++) {
                        mpz_set_si(mpq_numref(x), (long)u.rows[k].interest);
                        mpz_set_ui(mpq_denref(x), 1);
                        mpq_mul(x, x, rc.unit);
                        same_amount(x, b.rows[k].interest, k + 1, "unit interest");
                    }
                    mpq_clear(x);
                } else {
                    ck_assert_int_eq(su, RP_E_RANGE);
                    fallback++;
                }
                rp_unit_schedule_clear(&u);
            }
        }
        ck_assert_msg(!failure[0], "seed %u case %d: %s", seed, c, failure);
        rp_schedule_clear(&a);
        rp_schedule_clear(&b);
        mpq_clear(level);
        rp_round_clear(&rc);
        rp_loan_clear(&loan);
    }
    printf("property: seed %u, %d schedules the same in both forms (%d refused as invalid, "
           "%d beyond the fast form)\n", seed, built, n - built, fallback);
    ck_assert_int_gt(built, n / 3);
    ck_assert_int_gt(fallback, 0); /* the fallback is exercised */
}
END_TEST

int main(void)
{
    Suite *s = suite_create("property");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, random_schedules);
    tcase_add_test(tc, fast_form_matches_general);
    tcase_add_test(tc, random_statements);
    tcase_add_test(tc, random_restructures);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
