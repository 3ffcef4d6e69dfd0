/*
 * repay.h — the public API of librepay, an exact repayment-plan calculator.
 *
 * Everything a program needs is declared here; nothing else is public.
 * Amounts and rates are GMP rationals (mpq_t) and stay exact; money is
 * rounded only where it is posted, under an explicit rounding context
 * (rp_round_t), the way mpdecimal passes its context.
 *
 * Conventions (see STYLE.md):
 *  - outputs first, then const inputs, then the rounding context, then the error;
 *  - every owning type has _init/_clear; _clear of an initialised object
 *    releases it; nothing here frees a NULL pointer you did not give it;
 *  - fallible functions return rp_status (RP_OK = 0) and, on failure, fill
 *    *err (which may be NULL) and leave their outputs unchanged;
 *  - no function aborts or exits; GMP is never asked to divide by zero.
 */
#ifndef REPAY_H
#define REPAY_H

#include <stddef.h>
#include <stdint.h>
#include <gmp.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RP_VERSION "0.1.0"

#if defined(__GNUC__) || defined(__clang__)
#define RP_MUST_CHECK __attribute__((warn_unused_result))
#else
#define RP_MUST_CHECK
#endif

/* ------------------------------------------------------------------------
 * Limits — the one place they are set. The README's "Limits" table mirrors
 * these; tests/test_limits.c checks each one is enforced.
 * ------------------------------------------------------------------------ */
#define RP_MAX_TERM            1200      /* installments in one schedule      */
#define RP_MAX_AMOUNT_DIGITS   15        /* |amount| < 10^15                  */
#define RP_MAX_RATE_PERCENT    1000      /* annual rate ≤ 1000%               */
#define RP_MIN_YEAR            1900      /* dates 1900-01-01 …                */
#define RP_MAX_YEAR            2200      /* … 2200-12-31                      */
#define RP_MAX_REQUEST_BYTES   (1 << 20) /* one request: 1 MiB                */
#define RP_MAX_DECIMAL_CHARS   64        /* one decimal string                */
#define RP_MAX_DECIMAL_DIGITS  40        /* integer digits, and decimal places */
#define RP_MAX_UNIT_PLACES     8         /* rounding unit ≥ 0.00000001        */
#define RP_MAX_JSON_DEPTH      64        /* nesting of a request              */

/* ------------------------------------------------------------------------
 * Status codes and errors
 * ------------------------------------------------------------------------ */
typedef enum rp_status {
    RP_OK = 0,
    RP_E_JSON,        /* "invalid_json": not well-formed JSON, or not UTF-8     */
    RP_E_TOO_LARGE,   /* "too_large": request over RP_MAX_REQUEST_BYTES          */
    RP_E_MISSING,     /* "missing_field": a required field is absent            */
    RP_E_TYPE,        /* "wrong_type": e.g. a string where an integer belongs   */
    RP_E_UNKNOWN,     /* "unknown_field": a field this version does not know    */
    RP_E_DUPLICATE,   /* "duplicate_field": the same key twice in one object    */
    RP_E_VALUE,       /* "invalid_value": right type, unacceptable value        */
    RP_E_RANGE,       /* "out_of_range": outside a documented limit             */
    RP_E_NOMEM,       /* "out_of_memory"                                       */
    RP_E_INTERNAL     /* "internal": a bug — a self-check failed                */
} rp_status;

/* The stable code text of a status ("invalid_value", …); never NULL. */
const char *rp_strerror(rp_status status);

/* Exit status the CLI uses for a status: 0 ok, 2 bad input, 3 internal. */
int rp_status_exit_code(rp_status status);

#define RP_PATH_MAX    160
#define RP_MESSAGE_MAX 320

/* An error report: code, JSON path of the offending field ("$.loan.term"),
 * and a one-line message saying what was expected and what was found. */
typedef struct rp_error {
    rp_status code;
    char path[RP_PATH_MAX];
    char message[RP_MESSAGE_MAX];
} rp_error;

/* Clears an error to RP_OK with empty path and message. */
void rp_error_reset(rp_error *err);

/* ------------------------------------------------------------------------
 * Rounding context (calc/round.c)
 * ------------------------------------------------------------------------ */
typedef enum rp_round_mode {
    RP_ROUND_HALF_UP,    /* ties away from zero (the default)  */
    RP_ROUND_HALF_EVEN,  /* ties to the even multiple          */
    RP_ROUND_HALF_DOWN,  /* ties toward zero                   */
    RP_ROUND_DOWN,       /* toward zero (truncate)             */
    RP_ROUND_UP,         /* away from zero                     */
    RP_ROUND_FLOOR,      /* toward −∞                          */
    RP_ROUND_CEILING,    /* toward +∞                          */
    RP_ROUND_MODE_COUNT
} rp_round_mode;

/* Mode names as they appear in JSON ("half_up", …), indexed by mode. */
extern const char *const rp_round_mode_names[RP_ROUND_MODE_COUNT];

/* Where money is rounded: to a whole multiple of `unit` under `mode`.
 * `places` is derived from the unit: the decimals amounts are printed with
 * (0.01 → 2, 0.05 → 2, 1 → 0, 10 → 0). */
typedef struct rp_round {
    mpq_t unit;
    rp_round_mode mode;
    int places;
} rp_round_t;

/* Initialises to unit 0.01, half_up. */
void rp_round_init(rp_round_t *rc);
void rp_round_clear(rp_round_t *rc);

/* Sets the unit. It must be > 0, a terminating decimal with at most
 * RP_MAX_UNIT_PLACES places, and < 10^RP_MAX_AMOUNT_DIGITS.
 * Returns RP_E_VALUE or RP_E_RANGE otherwise (rc unchanged). */
RP_MUST_CHECK rp_status rp_round_set_unit(rp_round_t *rc, const mpq_t unit, rp_error *err);

/* out = x rounded to a multiple of rc->unit under rc->mode. Returns 1 if the
 * value changed (inexact), 0 if x was already a multiple. out may alias x. */
int rp_round(mpq_t out, const mpq_t x, const rp_round_t *rc);

/* n = x rounded to an integer under mode. Returns 1 if inexact. */
int rp_round_to_integer(mpz_t n, const mpq_t x, rp_round_mode mode);

/* 1 if x is a whole multiple of rc->unit. */
int rp_round_is_multiple(const mpq_t x, const rp_round_t *rc);

/* ------------------------------------------------------------------------
 * Exact decimals (calc/decimal.c)
 * ------------------------------------------------------------------------ */

/* Parses a plain decimal: [+|-] digits [. digits] [(e|E) [+|-] digits].
 * No spaces, no leading zeros ("0.5" yes, "05" and ".5" no), at most
 * RP_MAX_DECIMAL_CHARS characters, at most RP_MAX_DECIMAL_DIGITS integer
 * digits and decimal places once the exponent is applied. The value is
 * exact. Returns RP_E_VALUE (syntax) or RP_E_RANGE (too big or too fine). */
RP_MUST_CHECK rp_status rp_decimal_parse(mpq_t out, const char *s, rp_error *err);

/* The same, for the first len bytes of s (s need not be NUL-terminated).
 * *consumed gets how many bytes form the number; parsing stops at the first
 * byte that cannot continue it, so callers can read a suffix ("%"). */
RP_MUST_CHECK rp_status rp_decimal_parse_prefix(mpq_t out, size_t *consumed,
                                                const char *s, size_t len, rp_error *err);

/* Writes x with exactly `places` decimals, rounded under `mode` if needed,
 * into buf (always NUL-terminated when size > 0). Zero is never signed.
 * Returns the length the full text needs (like snprintf). */
size_t rp_decimal_format(char *buf, size_t size, const mpq_t x, int places, rp_round_mode mode);

/* Decimal places needed to write x exactly, or -1 if x does not terminate
 * (its denominator has a prime factor other than 2 and 5). */
int rp_decimal_places(const mpq_t x);

/* ------------------------------------------------------------------------
 * Dates and day counts (calc/date.c, calc/daycount.c)
 * ------------------------------------------------------------------------ */

/* A civil date as days since 1970-01-01 (proleptic Gregorian). */
typedef int32_t rp_date_t;
#define RP_DATE_NONE INT32_MIN
#define RP_DATE_TEXT 11           /* "YYYY-MM-DD" + NUL */

int rp_is_leap_year(int year);
int rp_days_in_month(int year, int month);

/* 1 if (y, m, d) is a real date within RP_MIN_YEAR..RP_MAX_YEAR. */
int rp_date_valid(int year, int month, int day);

/* Serial of a valid (y, m, d); call rp_date_valid first. */
rp_date_t rp_date_from_ymd(int year, int month, int day);
void rp_date_to_ymd(rp_date_t date, int *year, int *month, int *day);

/* Parses "YYYY-MM-DD" exactly (10 characters). RP_E_VALUE for bad syntax or
 * an impossible date (2023-02-29), RP_E_RANGE outside the year limits. */
RP_MUST_CHECK rp_status rp_date_parse(rp_date_t *out, const char *s, rp_error *err);

/* Writes "YYYY-MM-DD" into buf. */
void rp_date_format(char buf[RP_DATE_TEXT], rp_date_t date);

/* The date `months` months after `anchor`, on the anchor's day of month,
 * clamped to the month's last day: 2024-01-31 + 1 = 2024-02-29,
 * + 2 = 2024-03-31. Always computed from the anchor, never chained.
 * RP_E_RANGE if the result leaves the year limits. */
RP_MUST_CHECK rp_status rp_date_add_months(rp_date_t *out, rp_date_t anchor, int months, rp_error *err);

/* Day-count conventions. RP_DC_PERIOD means "the periodic rate for each
 * regular period"; it has no year fraction of its own. */
typedef enum rp_day_count {
    RP_DC_PERIOD,
    RP_DC_ACT_360,
    RP_DC_ACT_365,
    RP_DC_ACT_ACT,      /* ISDA: days in each calendar year / its length      */
    RP_DC_30_360,       /* 30/360 US (SIA), with the February end-of-month rules */
    RP_DC_30E_360,      /* 30E/360 (Eurobond basis)                           */
    RP_DC_COUNT
} rp_day_count;

extern const char *const rp_day_count_names[RP_DC_COUNT];

/* out = year fraction from d1 to d2 (d1 ≤ d2) under dc (not RP_DC_PERIOD).
 * Returns RP_E_VALUE for RP_DC_PERIOD or d1 > d2. */
RP_MUST_CHECK rp_status rp_year_fraction(mpq_t out, rp_day_count dc, rp_date_t d1, rp_date_t d2,
                                         rp_error *err);

/* ------------------------------------------------------------------------
 * Rates (calc/rate.c)
 * ------------------------------------------------------------------------ */
typedef enum rp_rate_unit {
    RP_RATE_UNSPECIFIED,  /* no 年/月/日 prefix: the caller decides */
    RP_RATE_ANNUAL,
    RP_RATE_MONTHLY,
    RP_RATE_DAILY
} rp_rate_unit;

/* Parses a rate as a fraction: "4.9%" → 49/1000, "0.049", "5‰", "5‱",
 * "0.05％" (full-width percent), Chinese phrases "万分之五", "千分之一点五",
 * "百分之二十四", "万分之0.5", optionally led by 年 / 月 / 日 which sets
 * *unit ("日万分之五" = 0.05% a day). Negative rates are RP_E_VALUE. */
RP_MUST_CHECK rp_status rp_rate_parse(mpq_t out, rp_rate_unit *unit, const char *s, rp_error *err);

/* annual = value (annual), value × 12 (monthly), value × daily_basis (daily). */
void rp_rate_to_annual(mpq_t annual, const mpq_t value, rp_rate_unit unit, int daily_basis);

/* ------------------------------------------------------------------------
 * Loans and schedules (calc/loan.c, calc/schedule.c)
 * ------------------------------------------------------------------------ */
typedef enum rp_method {
    RP_METHOD_ANNUITY,          /* 等额本息: level payment          */
    RP_METHOD_EQUAL_PRINCIPAL,  /* 等额本金: level principal        */
    RP_METHOD_INTEREST_ONLY,    /* 先息后本: principal at the end   */
    RP_METHOD_BULLET,           /* 到期一次还本付息: one payment      */
    RP_METHOD_FLAT,             /* 等本等息: charge on the original principal */
    RP_METHOD_COUNT
} rp_method;
extern const char *const rp_method_names[RP_METHOD_COUNT];

typedef enum rp_frequency {
    RP_FREQ_MONTHLY,
    RP_FREQ_QUARTERLY,
    RP_FREQ_SEMIANNUAL,
    RP_FREQ_ANNUAL,
    RP_FREQ_BIWEEKLY,
    RP_FREQ_WEEKLY,
    RP_FREQ_COUNT
} rp_frequency;
extern const char *const rp_frequency_names[RP_FREQ_COUNT];

/* Periods per year: 12, 4, 2, 1, 26, 52. */
int rp_frequency_per_year(rp_frequency f);

/* Where the flat method's periodic charge is shown. */
typedef enum rp_charge {
    RP_CHARGE_INTEREST,
    RP_CHARGE_FEE,
    RP_CHARGE_COUNT
} rp_charge;
extern const char *const rp_charge_names[RP_CHARGE_COUNT];

/* A loan contract as far as its schedule is concerned. Fields mirror the
 * JSON `loan` object; "not given" is 0 for counts and RP_DATE_NONE for
 * dates. The rounding context travels separately (rp_round_t). */
typedef struct rp_loan {
    mpq_t principal;
    mpq_t annual_rate;          /* nominal annual rate, as a fraction   */
    int daily_basis;            /* 360 (default) or 365                 */
    int term;                   /* installments; 0 = not given          */
    rp_method method;
    rp_frequency frequency;
    rp_day_count day_count;
    rp_date_t start_date;
    rp_date_t first_due_date;
    rp_date_t maturity_date;    /* bullet only, instead of term         */
    int grace_periods;          /* interest-only installments at start  */
    rp_charge flat_charge;
    mpq_t periodic_fee;         /* added to every installment           */
} rp_loan_t;

void rp_loan_init(rp_loan_t *loan);   /* the documented defaults */
void rp_loan_clear(rp_loan_t *loan);

/* Checks the loan is complete and coherent (term given, dates in order,
 * grace shorter than term, amounts whole multiples of the unit, …).
 * err->path names the offending field relative to the loan ("term"). */
RP_MUST_CHECK rp_status rp_loan_check(const rp_loan_t *loan, const rp_round_t *rc, rp_error *err);

typedef struct rp_installment {
    int n;                      /* 1-based                               */
    rp_date_t due_date;         /* RP_DATE_NONE without a start date     */
    mpq_t payment;              /* principal + interest + fee            */
    mpq_t principal;
    mpq_t interest;
    mpq_t fee;
    mpq_t balance;              /* principal outstanding after the row   */
} rp_installment_t;

/* Notes a computation wants its reader to see (not errors). */
#define RP_WARNING_MAX 8
typedef struct rp_warning {
    char code[40];
    char message[200];
} rp_warning_t;

typedef struct rp_schedule {
    int count;
    rp_installment_t *rows;     /* count rows, owned                     */
    mpq_t level_payment;        /* annuity/flat level payment, else 0    */
    mpq_t total_payment;
    mpq_t total_principal;
    mpq_t total_interest;
    mpq_t total_fee;
    int warning_count;
    rp_warning_t warnings[RP_WARNING_MAX];
} rp_schedule_t;

void rp_schedule_init(rp_schedule_t *s);
void rp_schedule_clear(rp_schedule_t *s);

/* Builds the installment schedule of a checked loan (rp_loan_check is
 * called again here). Each period's interest = balance × periodic rate,
 * rounded under rc; the annuity payment is rounded once; the last
 * installment clears the balance exactly. On success *out holds the
 * schedule (any previous content is released). */
RP_MUST_CHECK rp_status rp_schedule_build(rp_schedule_t *out, const rp_loan_t *loan,
                                          const rp_round_t *rc, rp_error *err);

/* Verifies a schedule's invariants exactly: principal parts sum to the
 * principal, payment = principal + interest + fee on every row, balances
 * ≥ 0 and ending at 0, totals = column sums, amounts multiples of the unit.
 * RP_E_INTERNAL with a message naming the row if one fails. */
RP_MUST_CHECK rp_status rp_schedule_verify(const rp_schedule_t *s, const rp_loan_t *loan,
                                           const rp_round_t *rc, rp_error *err);

/* ------------------------------------------------------------------------
 * The JSON API (calc/json.c): one request in, one response out.
 * ------------------------------------------------------------------------ */
typedef enum rp_format {
    RP_FORMAT_JSON,   /* the response object                              */
    RP_FORMAT_TABLE,  /* aligned columns for a person                     */
    RP_FORMAT_CSV,    /* one row per installment, header first            */
    RP_FORMAT_COUNT
} rp_format;
extern const char *const rp_format_names[RP_FORMAT_COUNT];

typedef struct rp_options {
    rp_format format;
    const char *op;   /* NULL: the request's "op" decides; else the op the
                         request must be (and the default if it has none) */
} rp_options_t;

/* Runs one request: `len` bytes of JSON text (need not be NUL-terminated).
 * *out receives a newly allocated NUL-terminated response (free it with
 * rp_free): the formatted result on success, the error response JSON
 * otherwise. Returns the status; err (may be NULL) gets the error. *out is
 * NULL only if memory ran out. */
rp_status rp_run(char **out, const char *request, size_t len, const rp_options_t *opt, rp_error *err);

/* Compares one fixture case ({"name", "source", "request", "expected"})
 * with what the calculator answers. *report receives a newly allocated
 * text (free with rp_free): one line per mismatch "path: expected X, got Y".
 * If response is not NULL it receives the response JSON (free with
 * rp_free; NULL if the fixture is malformed). Returns RP_OK and sets
 * *mismatches (0 = pass); returns an error status if the fixture itself
 * is malformed (report then says why). */
rp_status rp_fixture_run(char **report, int *mismatches, char **response, const char *fixture,
                         size_t len, rp_error *err);

/* Frees memory returned by this library. NULL is a no-op. */
void rp_free(void *p);

#ifdef __cplusplus
}
#endif
#endif /* REPAY_H */
