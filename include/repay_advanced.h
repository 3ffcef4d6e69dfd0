/*
 * repay_advanced.h — the typed API of librepay: loans, schedules (also in
 * whole units), statements, restructuring and the solver, yields and caps,
 * every amount and rate a GMP rational (mpq_t), exact; money rounded only
 * where it is posted, under an explicit rounding context (rp_round_t), the
 * way mpdecimal passes its context.
 *
 * ADVANCED: complete and exact, but not yet frozen — a struct may gain a
 * field or a function a parameter between versions. Programs that want a
 * stable interface use repay.h's JSON API (rp_run), which this is the
 * engine of.
 *
 * Conventions as in repay.h.
 */
#ifndef REPAY_ADVANCED_H
#define REPAY_ADVANCED_H

#include <gmp.h>

#include "repay.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------
 * Rounding context (calc/base/round.c)
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
/* out = a·b·c (c may be NULL) rounded under rc, without rounding or
 * reducing the intermediate products. Returns 1 if inexact. */
int rp_round_mul(mpq_t out, const mpq_t a, const mpq_t b, const mpq_t c, const rp_round_t *rc);

/* out = x / unit when that is whole (returns 1); returns 0 otherwise. */
int rp_round_units(mpz_t out, const mpq_t x, const rp_round_t *rc);

/* 1 if x is a whole multiple of rc->unit. */
int rp_round_is_multiple(const mpq_t x, const rp_round_t *rc);

/* ------------------------------------------------------------------------
 * Exact decimals (calc/base/decimal.c)
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

/* The same grammar with room for what repay itself prints (an exact
 * answer to 60 places) and what a peer suite asserts: at most
 * RP_WIDE_DECIMAL_CHARS characters and RP_WIDE_DECIMAL_DIGITS integer
 * digits and decimal places. For reading responses back (the fixture
 * comparer), never a request's input. */
#define RP_WIDE_DECIMAL_CHARS  256
#define RP_WIDE_DECIMAL_DIGITS 200
RP_MUST_CHECK rp_status rp_decimal_parse_wide(mpq_t out, const char *s, rp_error *err);

/* Writes x with exactly `places` decimals, rounded under `mode` if needed,
 * into buf (always NUL-terminated when size > 0). Zero is never signed.
 * Returns the length the full text needs (like snprintf). */
size_t rp_decimal_format(char *buf, size_t size, const mpq_t x, int places, rp_round_mode mode);

/* Writes the digits of a number known only to lie in [low, high]: the value
 * rounded (half even) to the most places, at most max_places, on which
 * low and high agree — so every digit shown is right. */
size_t rp_decimal_format_bounded(char *buf, size_t size, const mpq_t low, const mpq_t high,
                                 int max_places);
/* The same for a fraction shown as a percentage (0.0597 → "5.97"). */
size_t rp_decimal_format_percent(char *buf, size_t size, const mpq_t low, const mpq_t high,
                                 int places);

/* 1 if |x − target| ≤ tolerance. */
int rp_decimal_within(const mpq_t x, const mpq_t target, const mpq_t tolerance);

/* Decimal places needed to write x exactly, or -1 if x does not terminate
 * (its denominator has a prime factor other than 2 and 5). */
int rp_decimal_places(const mpq_t x);

/* ------------------------------------------------------------------------
 * Dates and day counts (calc/base/date.c, daycount.c)
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

/* How often installments fall (calc/base/frequency.c). */
typedef enum rp_frequency {
    RP_FREQ_MONTHLY,
    RP_FREQ_QUARTERLY,
    RP_FREQ_SEMIANNUAL,
    RP_FREQ_ANNUAL,
    RP_FREQ_BIWEEKLY,
    RP_FREQ_WEEKLY,
    RP_FREQ_BIMONTHLY,          /* every 2 months                     */
    RP_FREQ_DAYS_15,            /* every 15 days                      */
    RP_FREQ_COUNT
} rp_frequency;
extern const char *const rp_frequency_names[RP_FREQ_COUNT];

/* Periods per year (calc/base/frequency.c): 12, 4, 2, 1, 26, 52, 6, 24 —
 * exact: a 15-day period is 1/24 of a year (a 360-day year's count). */
int rp_frequency_per_year(rp_frequency f);
/* A period's length: months (1, 3, 6, 12, 2) or, for periods counted in
 * days, 0; and days (14, 7, 15) or 0 for periods counted in months. */
int rp_frequency_months(rp_frequency f);
int rp_frequency_days(rp_frequency f);

/* Day-count conventions. RP_DC_PERIOD means "the periodic rate for each
 * regular period"; it has no year fraction of its own. */
typedef enum rp_day_count {
    RP_DC_PERIOD,
    RP_DC_ACT_360,
    RP_DC_ACT_365,
    RP_DC_ACT_ACT,      /* ISDA: days in each calendar year / its length      */
    RP_DC_30_360,       /* 30/360 US (SIA), with the February end-of-month rules */
    RP_DC_30E_360,      /* 30E/360 (Eurobond basis)                           */
    RP_DC_30_360_ISDA,  /* 30/360 ISDA 2006 4.16(f), bond basis: a 31st is the
                           30th; D2's only when D1 is then the 30th          */
    RP_DC_30E_360_ISDA, /* 30E/360 ISDA 2006 4.16(h): 31sts and February's last
                           day are the 30th — D2's February end not on the
                           maturity date                                     */
    RP_DC_ACT_ACT_ICMA, /* days / (days of the period on the schedule's grid
                           × periods a year), over each grid period touched  */
    RP_DC_ACT_365L,     /* days / 365, or 366: annual periods holding a
                           February 29; others ending in a leap year        */
    RP_DC_ACT_366,      /* days / 366                                        */
    RP_DC_COUNT
} rp_day_count;

extern const char *const rp_day_count_names[RP_DC_COUNT];

/* What some conventions need beyond the two dates: ACT/ACT ICMA the grid
 * of periods (anchor ± whole periods of frequency, on the anchor's day of
 * month, or month ends with end_of_month); ACT/365L the frequency and the
 * end of the period the dates lie in (RP_DATE_NONE: d2); 30E/360 ISDA the
 * maturity date (RP_DATE_NONE: none). */
typedef struct rp_dc_context {
    rp_date_t anchor;
    rp_frequency frequency;
    int end_of_month;
    rp_date_t period_end;
    rp_date_t maturity;
} rp_dc_context_t;

/* A context with no grid (anchor, period_end, maturity RP_DATE_NONE),
 * annual, not end-of-month. */
void rp_dc_context_init(rp_dc_context_t *ctx);

/* How the odd days count: against the actual days of the grid period they
 * fall in (`actual`, the default), or as Regulation Z App. J (b)(5) counts
 * them (`reg_z`): a month is 30 days (a k-month period 30·k), a year's odd
 * part whole months / 12 or else days / 365, weeks by their days. */
typedef enum rp_odd_days {
    RP_ODD_ACTUAL,
    RP_ODD_REG_Z,
    RP_ODD_COUNT
} rp_odd_days;
extern const char *const rp_odd_days_names[RP_ODD_COUNT];

/* out = year fraction from d1 to d2 (d1 ≤ d2) under dc (not RP_DC_PERIOD).
 * Returns RP_E_VALUE for RP_DC_PERIOD or d1 > d2. */
RP_MUST_CHECK rp_status rp_year_fraction(mpq_t out, rp_day_count dc, rp_date_t d1, rp_date_t d2,
                                         rp_error *err);

/* The same with the context a convention needs (ctx may be NULL for the
 * conventions that need none; ACT/ACT ICMA without an anchor takes d1).
 * *days (may be NULL) gets the convention's day count: actual days, or the
 * 30/360 days of the 30/360 family. */
RP_MUST_CHECK rp_status rp_year_fraction_in(mpq_t out, long *days, rp_day_count dc, rp_date_t d1,
                                            rp_date_t d2, const rp_dc_context_t *ctx,
                                            rp_error *err);

/* ------------------------------------------------------------------------
 * Business days (calc/base/calendar.c)
 * ------------------------------------------------------------------------ */

/* A calendar of working days: Saturdays and Sundays are not, except the
 * listed workdays (调休上班); the listed holidays are not either. years:
 * the first and last year its lists cover (first 0: weekends only). */
typedef struct rp_calendar {
    int first_year, last_year;
    int holiday_count, workday_count;
    rp_date_t *holidays;          /* rising, owned                         */
    rp_date_t *workdays;          /* rising, owned                         */
} rp_calendar_t;

void rp_calendar_init(rp_calendar_t *c);   /* weekends only, nothing covered */
void rp_calendar_clear(rp_calendar_t *c);

/* Adds a holiday or an adjusted working day (in any order; a date given
 * as both is RP_E_VALUE). */
RP_MUST_CHECK rp_status rp_calendar_add(rp_calendar_t *c, rp_date_t d, int workday, rp_error *err);

/* 1 if d is a working day. */
int rp_calendar_is_business_day(const rp_calendar_t *c, rp_date_t d);

/* 1 if d's year is one the calendar covers: within its years, or a year
 * it lists a holiday or working day in (a request giving that year's). */
int rp_calendar_covers(const rp_calendar_t *c, rp_date_t d);

/* How a date that is not a working day moves. */
typedef enum rp_roll {
    RP_ROLL_NONE,                 /* stays                                  */
    RP_ROLL_FOLLOWING,            /* to the next working day                */
    RP_ROLL_MODIFIED_FOLLOWING,   /* the next, unless in the next month: the one before */
    RP_ROLL_PRECEDING,            /* to the working day before              */
    RP_ROLL_COUNT
} rp_roll;
extern const char *const rp_roll_names[RP_ROLL_COUNT];

/* out = d rolled by rule on c. RP_E_RANGE if it leaves the date limits. */
RP_MUST_CHECK rp_status rp_calendar_roll(rp_date_t *out, const rp_calendar_t *c, rp_date_t d,
                                         rp_roll rule, rp_error *err);

/* The mainland calendar shipped with the library (data/cn_calendar.json). */
extern const char rp_calendar_default_json[];

/* ------------------------------------------------------------------------
 * Rates (calc/base/rate.c)
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

/* The two readings of a bare number (a trap when it is 1 or more): as a
 * fraction, bare × 100 percent; as the percent that was likely meant,
 * bare / 100. */
void rp_rate_readings(mpq_ptr as_percent, mpq_ptr as_fraction, mpq_srcptr bare);

/* annual = value (annual), value × 12 (monthly), value × daily_basis (daily). */
void rp_rate_to_annual(mpq_t annual, const mpq_t value, rp_rate_unit unit, int daily_basis);
/* The one ceiling on rates: an annual rate above RP_MAX_RATE_PERCENT is
 * out_of_range at path ("<subject> must be at most 1000%"). */
rp_status rp_rate_check_max(mpq_srcptr annual, const char *path, const char *subject,
                            rp_error *err);
/* A day's rate is a year's over 360 or 365 days, nothing else. */
rp_status rp_daily_basis_check(int basis, const char *path, rp_error *err);

/* ------------------------------------------------------------------------
 * The Loan Prime Rate and loans priced on it (calc/contract/lpr.c,
 * lpr_pricing.c)
 * ------------------------------------------------------------------------ */

/* LPR history: the fixings where the rate changed, rising by date. */
typedef struct rp_lpr {
    int count, cap;
    rp_date_t *dates;
    mpq_t *one_year;
    mpq_t *five_year;
    rp_date_t checked_through;    /* the last fixing the table was checked against */
} rp_lpr_t;

void rp_lpr_init(rp_lpr_t *t);
void rp_lpr_clear(rp_lpr_t *t);

/* Appends a fixing; dates must rise. RP_E_VALUE otherwise. */
RP_MUST_CHECK rp_status rp_lpr_add(rp_lpr_t *t, rp_date_t date, const mpq_t one_year,
                                   const mpq_t five_year, rp_error *err);

/* The fixing in force on d (the last on or before it), or −1. */
int rp_lpr_find(const rp_lpr_t *t, rp_date_t d);

/* The LPR table shipped with the library (data/lpr.json, embedded). */
extern const char rp_lpr_default_json[];

/* LPR 加点: a rate of the 1-year or 5-year LPR plus a spread, repriced on
 * repricing dates from the LPR then in force (PBoC announcements of 2019:
 * the spread fixed for the contract's life, a repricing period of at
 * least a year for mortgages — January 1 or each anniversary; a contract
 * may state 1 to 12 months). */
typedef enum rp_lpr_tenor {
    RP_LPR_ONE_YEAR,
    RP_LPR_FIVE_YEAR,
    RP_LPR_TENOR_COUNT
} rp_lpr_tenor;
extern const char *const rp_lpr_tenor_names[RP_LPR_TENOR_COUNT]; /* "1y", "5y" */

typedef enum rp_repricing_rule {
    RP_REPRICE_JANUARY_1,       /* every January 1 after the start          */
    RP_REPRICE_ANNIVERSARY,     /* every anniversary of start_date          */
    RP_REPRICE_MONTHS,          /* every repricing_months from start_date   */
    RP_REPRICE_RULE_COUNT
} rp_repricing_rule;
extern const char *const rp_repricing_rule_names[RP_REPRICE_RULE_COUNT];

#define RP_MAX_LPR_SHIFTS 32

typedef struct rp_lpr_pricing {
    rp_lpr_tenor tenor;
    mpq_t spread;               /* added to the LPR: −30 bp is −0.003         */
    rp_repricing_rule rule;
    int months;                 /* RP_REPRICE_MONTHS: 1 … 12                  */
    int has_initial;            /* initial_rate holds until the first repricing; */
    mpq_t initial_rate;         /* else the LPR on contract_date + spread     */
    rp_date_t contract_date;    /* RP_DATE_NONE: start_date                   */
    int shift_count;            /* what if the LPR moves: from shift_from[i] on */
    rp_date_t shift_from[RP_MAX_LPR_SHIFTS]; /* every fixing is shift[i] higher */
    mpq_t shift[RP_MAX_LPR_SHIFTS];          /* (a fraction; several add up)   */
    const rp_lpr_t *table;      /* the fixings (not owned)                    */
} rp_lpr_pricing_t;

void rp_lpr_pricing_init(rp_lpr_pricing_t *p);
void rp_lpr_pricing_clear(rp_lpr_pricing_t *p);

/* One repricing: on date, the fixing of fixing_date (the last on or before
 * the day before) plus the shifts in force then, plus the spread. */
typedef struct rp_repricing {
    rp_date_t date;
    rp_date_t fixing_date;
    mpq_t lpr;                  /* the fixing, shifts included                */
    mpq_t shift;                /* the shifts in it                           */
    mpq_t rate;                 /* lpr + spread                               */
    int stale;                  /* later than the table's checked_through + a month */
} rp_repricing_t;

typedef struct rp_repricings {
    int count;
    rp_repricing_t *items;      /* rising by date, owned                      */
    rp_repricing_t initial;     /* the rate from the start (date = start_date) */
    int has_fixing;             /* initial comes from a fixing (not initial_rate) */
} rp_repricings_t;

void rp_repricings_init(rp_repricings_t *r);
void rp_repricings_clear(rp_repricings_t *r);

/* The initial rate and every repricing after start and up to until
 * (inclusive). RP_E_RANGE (path "rate") when the table has no fixing for a
 * date, RP_E_VALUE when a rate would be negative or over the limit. */
RP_MUST_CHECK rp_status rp_lpr_repricings(rp_repricings_t *out, const rp_lpr_pricing_t *p,
                                          rp_date_t start, rp_date_t until, rp_error *err);

/* ------------------------------------------------------------------------
 * Loans and schedules (calc/contract/loan.c, calc/schedule/)
 * ------------------------------------------------------------------------ */
typedef enum rp_method {
    RP_METHOD_ANNUITY,          /* 等额本息: level payment          */
    RP_METHOD_EQUAL_PRINCIPAL,  /* 等额本金: level principal        */
    RP_METHOD_INTEREST_ONLY,    /* 先息后本: principal at the end   */
    RP_METHOD_BULLET,           /* 到期一次还本付息: one payment      */
    RP_METHOD_FLAT,             /* 等本等息: charge on the original principal */
    RP_METHOD_CUSTOM,           /* 个性化分期: payments or principal parts listed */
    RP_METHOD_COUNT
} rp_method;
extern const char *const rp_method_names[RP_METHOD_COUNT];


/* Where the flat method's periodic charge is shown. */
typedef enum rp_charge {
    RP_CHARGE_INTEREST,
    RP_CHARGE_FEE,
    RP_CHARGE_COUNT
} rp_charge;
extern const char *const rp_charge_names[RP_CHARGE_COUNT];

/* When in its period an installment falls: at its end (default), or at
 * its start — an annuity due, a spreadsheet's type 1: the first payment on
 * the start date. */
typedef enum rp_timing {
    RP_TIMING_END,
    RP_TIMING_START,
    RP_TIMING_COUNT
} rp_timing;
extern const char *const rp_timing_names[RP_TIMING_COUNT];

/* 阶梯还款: how the payment steps. */
typedef enum rp_step_kind {
    RP_STEP_NONE,
    RP_STEP_AMOUNT,             /* by an amount each step                  */
    RP_STEP_SHARE,              /* by a share of the payment before it      */
    RP_STEP_KIND_COUNT
} rp_step_kind;

/* 个性化分期: what a custom list gives. */
typedef enum rp_custom_kind {
    RP_CUSTOM_PAYMENTS,         /* each installment's payment               */
    RP_CUSTOM_PRINCIPAL,        /* each installment's principal part        */
    RP_CUSTOM_KIND_COUNT
} rp_custom_kind;
extern const char *const rp_custom_kind_names[RP_CUSTOM_KIND_COUNT];

/* The level payment of an annuity. */
typedef enum rp_level_rule {
    RP_LEVEL_ROUNDED,           /* computed exactly and rounded once         */
    RP_LEVEL_ADJUSTED,          /* Fineract's EMI adjustment: moved by the last
                                   installment's difference ÷ n while that
                                   makes the difference smaller              */
    RP_LEVEL_RULE_COUNT
} rp_level_rule;
extern const char *const rp_level_rule_names[RP_LEVEL_RULE_COUNT];

/* An irregular first period (first_due_date not one period after start). */
typedef enum rp_first_period {
    RP_FIRST_ACTUAL_DAYS,       /* 首期按实际天数: its actual days' interest, the
                                   regular principal part                    */
    RP_FIRST_SOLVED,            /* the level payment solved over the uneven
                                   first period (Fineract)                   */
    RP_FIRST_SEPARATE,          /* broken-period interest due on the start date,
                                   then a regular schedule                   */
    RP_FIRST_PERIOD_COUNT
} rp_first_period;
extern const char *const rp_first_period_names[RP_FIRST_PERIOD_COUNT];

/* The rate an annuity's level payment is solved at. */
typedef enum rp_annuity_rate {
    RP_ANNUITY_PERIODIC,        /* i = annual ÷ periods a year, every period  */
    RP_ANNUITY_ACTUAL,          /* each period's own factor under the day count
                                   (Fineract's rate factors)                 */
    RP_ANNUITY_RATE_COUNT
} rp_annuity_rate;
extern const char *const rp_annuity_rate_names[RP_ANNUITY_RATE_COUNT];

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
    mpq_t upfront_fee;          /* deducted when the loan is paid out   */
    rp_odd_days odd_days;       /* odd days in APRs and present values  */
    /* ---- the payment's timing and shape (README "Payment timing and
     * shape"; every default is the plain schedule above) ---- */
    rp_timing timing;           /* installments at the end of each period, or the start */
    mpq_t down_payment;         /* paid on start_date, a row of its own; 0: none */
    mpq_t balloon;              /* 尾款: left for the last installment; 0: none */
    int amortization_term;      /* 气球贷: the payment as if over this many
                                   periods, the last clearing the rest; 0: term */
    rp_step_kind step_kind;     /* 阶梯还款: the payment changes every step_every */
    int step_every;             /* periods by step (an amount, or a share), */
    mpq_t step;                 /* negative when it falls                    */
    rp_custom_kind custom_kind; /* method custom (个性化分期): term − 1 payments */
    int custom_count;           /* or principal parts, the last row clearing */
    mpq_t *custom;              /* the rest; owned (rp_loan_set_custom)      */
    /* ---- conventions where banks differ ---- */
    rp_level_rule level_rule;   /* the level payment: rounded once, or adjusted */
    mpq_t payment_multiple;     /* the level payment a multiple of this; 0: none */
    rp_round_mode multiple_mode;/* … rounded to it this way (default up)     */
    rp_first_period first_period; /* an irregular first period's convention  */
    rp_annuity_rate annuity_rate; /* the annuity's rate: periodic, or each
                                     period's actual factor                */
    const rp_lpr_pricing_t *lpr; /* LPR 加点: annual_rate is the initial rate and
                                    the schedule reprices; NULL: a fixed rate
                                    (not owned)                             */
    /* ---- business days ---- */
    const rp_calendar_t *calendar; /* due dates roll on it by roll; NULL:
                                      none (not owned)                      */
    rp_roll roll;
    int accrue_to_rolled;       /* interest to the rolled dates (1), or to
                                   the contractual ones (0, default)        */
} rp_loan_t;

void rp_loan_init(rp_loan_t *loan);   /* the documented defaults */
void rp_loan_clear(rp_loan_t *loan);

/* dst = a copy of src (custom list included); dst initialised. */
RP_MUST_CHECK rp_status rp_loan_copy(rp_loan_t *dst, const rp_loan_t *src, rp_error *err);

/* Sets method custom's list: count values of kind (copied). */
RP_MUST_CHECK rp_status rp_loan_set_custom(rp_loan_t *loan, rp_custom_kind kind, mpq_t const *values,
                                           int count, rp_error *err);

/* out = share × the principal, rounded under rc (a down payment or a
 * balloon given as a share). */
void rp_loan_share_of(mpq_t out, const rp_loan_t *loan, const mpq_t share, const rp_round_t *rc);

/* 1 if the loan's payments follow a shape a re-amortization (a rate
 * change, a prepayment) cannot keep: steps, or a custom list. */
int rp_loan_keeps_shape(const rp_loan_t *loan);

/* 1 if the loan uses any timing, shape or convention beyond the plain
 * schedule (the schedule is then built by calc/schedule/shape.c). */
int rp_loan_shaped(const rp_loan_t *loan);

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
    mpq_t year_fraction;        /* interest = base × annual rate × this, rounded;
                                   base the balance before the row (flat:
                                   the original principal)               */
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

/* A loan priced on the LPR (loan->lpr): s, built at the first rate by
 * rp_schedule_build, repriced on every repricing date up to maturity — the
 * installment in progress bears the new rate for its days from the date
 * (pro rata), the later ones are re-amortized at it over the same count,
 * exactly as a statement applies a rate change. *out (initialised) gets
 * the repricings. RP_E_VALUE if the loan has no LPR pricing or no dates. */
RP_MUST_CHECK rp_status rp_schedule_reprice(rp_schedule_t *s, rp_repricings_t *out,
                                            const rp_loan_t *loan, const rp_round_t *rc,
                                            rp_error *err);

/* ---- the fast form: a schedule in whole rounding units ------------------
 * The same schedule rp_schedule_build gives, with every amount a count of
 * rc->unit in an int64_t (amount = count × unit), so that building and
 * reading it allocates nothing per amount. rp_schedule_build itself goes
 * through this form and converts; use this one where speed matters.
 * It builds when every count stays below 2^62 and the rate and year
 * fractions fit 64-bit numerators and denominators (any loan a lender
 * writes); otherwise it returns RP_E_RANGE (err->path "") and the general
 * rp_schedule_build, in mpq_t throughout, gives the exact answer. */
typedef struct rp_unit_row {
    int n;                      /* 1-based                               */
    rp_date_t due_date;         /* RP_DATE_NONE without a start date     */
    int64_t payment;            /* principal + interest + fee            */
    int64_t principal;
    int64_t interest;
    int64_t fee;
    int64_t balance;            /* principal outstanding after the row   */
    int64_t years_num;          /* the year fraction the interest covers, */
    int64_t years_den;          /* in lowest terms (as year_fraction)    */
} rp_unit_row_t;

typedef struct rp_unit_schedule {
    int count;
    rp_unit_row_t *rows;        /* count rows, owned                     */
    int64_t level_payment;      /* annuity/flat level payment, else 0    */
    int64_t total_payment;
    int64_t total_principal;
    int64_t total_interest;
    int64_t total_fee;
    int warning_count;
    rp_warning_t warnings[RP_WARNING_MAX];
} rp_unit_schedule_t;

void rp_unit_schedule_init(rp_unit_schedule_t *s);
void rp_unit_schedule_clear(rp_unit_schedule_t *s);

RP_MUST_CHECK rp_status rp_unit_schedule_build(rp_unit_schedule_t *out, const rp_loan_t *loan,
                                               const rp_round_t *rc, rp_error *err);

/* The due date of row n of the schedule (≥ 1, may exceed it: an
 * extension's dates) by the loan's date rule: n periods after start_date,
 * or n − 1 after first_due_date, anchored and month-end clamped; with
 * timing start n − 1 periods after start_date; after a row on start_date
 * (a down payment, broken-period interest) the regular installment n − 1.
 * Not for bullets with a maturity_date. RP_E_RANGE past the date limits. */
RP_MUST_CHECK rp_status rp_loan_due_date(rp_date_t *out, const rp_loan_t *loan, int n, rp_error *err);

/* Verifies a schedule's invariants exactly: principal parts sum to the
 * principal, payment = principal + interest + fee on every row, balances
 * ≥ 0 and ending at 0, totals = column sums, amounts multiples of the unit.
 * RP_E_INTERNAL with a message naming the row if one fails. */
RP_MUST_CHECK rp_status rp_schedule_verify(const rp_schedule_t *s, const rp_loan_t *loan,
                                           const rp_round_t *rc, rp_error *err);

/* When a cash flow falls (calc/schedule/timing.c), counted as the actuarial method
 * of Regulation Z, Appendix J counts it: whole periods back from the
 * flow's date along the schedule's grid of due dates, then the odd days
 * left at the start, odd / period_days of one more period (the actual days
 * of the grid period they fall in). A flow is discounted at a periodic
 * rate i by (1 + i·odd/period_days)(1 + i)^periods. */
typedef struct rp_when {
    int periods;                  /* whole periods after the origin        */
    int odd;                      /* and odd / period_days of one more (≤ 1) */
    int period_days;              /* (1 when odd is 0)                     */
} rp_when_t;


/* The time of date after origin (≤ date) on the grid of due dates anchor
 * ± whole periods of f (months anchored on the anchor's day and clamped to
 * the month's end; weeks of 7 or 14 days). A date off the grid (or anchor
 * RP_DATE_NONE) is counted back from itself (a month end back to month
 * ends). Odd days that make one whole period counted from the origin
 * (2024-01-31 to 2024-02-29) are a period. RP_E_VALUE if date < origin or
 * either is RP_DATE_NONE. */
RP_MUST_CHECK rp_status rp_when_dated(rp_when_t *out, rp_date_t origin, rp_date_t date,
                                      rp_date_t anchor, rp_frequency f, rp_odd_days conv,
                                      rp_error *err);

/* out = periods + odd / period_days, the time in periods. */
void rp_when_periods(mpq_t out, const rp_when_t *w);

/* The borrower's cash flows of a schedule or plan (calc/yield/flows.c):
 * amounts[0] the money received at the origin (principal − upfront fee),
 * then −payment of each installment, each with its time (when) and, when
 * dated, its days after the origin. A bullet loan of `term` periods is laid
 * out one flow per period (0 where nothing is paid). */
typedef struct rp_flows {
    int n;
    mpq_t *amounts;               /* n amounts, owned                    */
    rp_when_t *when;              /* when each falls, owned              */
    int *days;                    /* days from the origin, owned, or NULL */
    int periods_per_year;
} rp_flows_t;

void rp_flows_init(rp_flows_t *f);
void rp_flows_clear(rp_flows_t *f);

/* Makes room for n flows: amounts 0, when[t] = t whole periods, days
 * NULL (or 0 when dated). Releases what *f held. */
RP_MUST_CHECK rp_status rp_flows_alloc(rp_flows_t *f, int n, int dated, int periods_per_year,
                                       rp_error *err);

/* Fills out from a built schedule of loan: timed on the loan's grid from
 * its start_date (a bullet's maturity_date counted back from itself);
 * without dates every installment is one period after the one before. */
RP_MUST_CHECK rp_status rp_flows_from_schedule(rp_flows_t *out, const rp_schedule_t *s,
                                               const rp_loan_t *loan, rp_error *err);

/* 1 if every flow is whole periods t = its index (the regular case). */
int rp_flows_regular(const rp_flows_t *f);

/* out = time of the last flow, in years: (periods + odd/period_days) / ppy. */
void rp_flows_years(mpq_t out, const rp_flows_t *f);

/* out = Σ amounts[k] / ((1 + i·odd_k/period_days_k)(1 + i)^periods_k) at a
 * periodic rate i, exactly. RP_E_VALUE if i ≤ −1 (out unchanged). */
RP_MUST_CHECK rp_status rp_flows_npv(mpq_t out, const rp_flows_t *f, const mpq_t rate,
                                     rp_error *err);

/* out = (1 + i·odd/period_days)(1 + i)^periods: what 1 at the origin grows
 * to by the time w at the periodic rate i. */
void rp_when_growth(mpq_t out, const rp_when_t *w, const mpq_t rate);

/* ------------------------------------------------------------------------
 * Yields: IRR, XIRR, NPV (calc/yield/)
 *
 * Roots are found exactly: the rate is bracketed by rationals and the
 * bracket halved until it is narrower than the precision asked for, so
 * the true rate lies in [low, high]. The search covers periodic rates in
 * (−99%, 1000%]; every root found there is reported, ascending.
 * ------------------------------------------------------------------------ */

typedef struct rp_root {
    mpq_t low, high;              /* the rate lies in [low, high]         */
} rp_root_t;

typedef struct rp_irr {
    int count;                    /* roots found, ascending               */
    rp_root_t roots[RP_MAX_ROOTS];
    int sign_changes;             /* Descartes: at most this many roots   */
} rp_irr_t;

void rp_irr_init(rp_irr_t *r);
void rp_irr_clear(rp_irr_t *r);

/* Periodic IRR: flows[t] at the end of period t (t = 0 … n−1). precision
 * (> 0) bounds high − low of each root. RP_E_VALUE for no flows, all zero
 * or more than RP_MAX_FLOWS; a result with count 0 if there is no root. */
RP_MUST_CHECK rp_status rp_irr_periodic(rp_irr_t *out, mpq_t const *flows, int n,
                                        const mpq_t precision, rp_error *err);

/* XIRR: flows[i] on day days[i] (days from the first flow, rising, ≥ 0);
 * the annual effective rate r with Σ flows[i] / (1 + r)^(days[i] / basis)
 * = 0 (basis 365 by default; 360 or 366 selectable). */
RP_MUST_CHECK rp_status rp_irr_dated(rp_irr_t *out, mpq_t const *flows, const int *days, int n,
                                     int basis, const mpq_t precision, rp_error *err);

/* NPV at a periodic rate (> −1), exactly: Σ flows[t] / (1 + rate)^t. */
void rp_npv_periodic(mpq_t out, const mpq_t rate, mpq_t const *flows, int n);

/* XNPV at an annual effective rate (> −1): bounds low ≤ XNPV ≤ high with
 * high − low ≤ precision (the powers are irrational, so bounds it is). */
RP_MUST_CHECK rp_status rp_npv_dated(mpq_t low, mpq_t high, const mpq_t rate, mpq_t const *flows,
                                     const int *days, int n, int basis, const mpq_t precision,
                                     rp_error *err);

/* The periodic IRR of timed flows: the rate i with rp_flows_npv = 0. Odd
 * fractions are cleared by multiplying the NPV by the positive factors
 * (1 − f + f·(1 + i)), which leaves a polynomial in 1 + i with the same
 * roots: rp_irr_periodic then finds them. sign_changes counts that
 * polynomial's. Regular flows go to rp_irr_periodic as they are. */
RP_MUST_CHECK rp_status rp_flows_irr(rp_irr_t *out, const rp_flows_t *f, const mpq_t precision,
                                     rp_error *err);

/* The nominal annual rate of a plan by the IRR method (the PBoC 2021
 * announcement's 年化利率; Regulation Z App. J (b)(1): the unit-period
 * rate × unit-periods a year): periodic IRR × periods a year, into apr (an
 * initialised root: the rate lies in [low, high], high − low ≤
 * precision). *found is 0 if the flows have no single rate of return. */
RP_MUST_CHECK rp_status rp_flows_apr(rp_root_t *apr, int *found, const rp_flows_t *f,
                                     const mpq_t precision, rp_error *err);

/* The modified IRR of periodic flows (calc/yield/mirr.c), as a
 * spreadsheet's MIRR: negative flows discounted to the start at finance,
 * positive ones carried to the end at reinvest (both rates per period),
 * (−FV⁺ / PV⁻)^(1/(n − 1)) − 1 within [out->low, out->high], narrower than
 * precision. *found 0 when the flows are not both paid and received. */
RP_MUST_CHECK rp_status rp_mirr(rp_root_t *out, int *found, mpq_t const *flows, int n,
                                const mpq_t finance, const mpq_t reinvest, const mpq_t precision,
                                rp_error *err);

/* The time value of money (calc/yield/tvm.c), as a spreadsheet's FV, PV,
 * PMT, NPER and RATE: pv·(1 + r)^n + pmt·(1 + r·type)·((1 + r)^n − 1)/r + fv
 * = 0, money paid out negative; type 1 pays at the start of each period. */
typedef enum rp_tvm_solve {
    RP_TVM_FV, RP_TVM_PV, RP_TVM_PMT, RP_TVM_NPER, RP_TVM_RATE,
    RP_TVM_IPMT, RP_TVM_PPMT,       /* payment per's interest and principal parts */
    RP_TVM_CUMIPMT, RP_TVM_CUMPRINC, /* their sums over periods first … last      */
    RP_TVM_COUNT
} rp_tvm_solve;
extern const char *const rp_tvm_names[RP_TVM_COUNT];

typedef struct rp_tvm {
    mpq_t rate;               /* per period                                   */
    mpq_t nper, pmt, pv, fv;
    int type;                 /* 0: payments at the end of each period, 1: start */
    int per, first, last;     /* IPMT/PPMT: the period; CUMIPMT/CUMPRINC: the periods */
} rp_tvm_t;

void rp_tvm_init(rp_tvm_t *t);
void rp_tvm_clear(rp_tvm_t *t);

/* out = FV, PV, PMT, IPMT, PPMT, CUMIPMT or CUMPRINC, exactly (nper a
 * whole number of periods, 1 … RP_MAX_FLOWS; rate above −1; per, first and
 * last within 1 … nper). IPMT as the spreadsheets define it: the interest
 * on what the loan is worth after per − 1 payments (type 1: none in the
 * first); PPMT = PMT − IPMT; CUMIPMT and CUMPRINC their sums (fv 0). */
RP_MUST_CHECK rp_status rp_tvm_exact(mpq_t out, rp_tvm_solve what, const rp_tvm_t *t, rp_error *err);
/* NPER within [out->low, out->high], narrower than precision. */
RP_MUST_CHECK rp_status rp_tvm_nper(rp_root_t *out, const rp_tvm_t *t, const mpq_t precision,
                                    rp_error *err);
/* RATE: the rates per period that solve the equation (the annuity's IRR). */
RP_MUST_CHECK rp_status rp_tvm_rate(rp_irr_t *out, const rp_tvm_t *t, const mpq_t precision,
                                    rp_error *err);

/* Annual rates from a periodic one (calc/yield/rates.c). out is initialised;
 * bounds map to bounds. rp_root_times: low·k, high·k (the APR of a
 * periodic IRR with k periods a year). rp_root_ear: (1 + irr)^ppy − 1. */
void rp_root_times(rp_root_t *out, const rp_root_t *r, int k);
void rp_root_ear(rp_root_t *out, const rp_root_t *irr, int ppy);

/* out = annual / periods_per_year (≥ 1), exactly; out may alias annual. */
void rp_rate_per_period(mpq_t out, const mpq_t annual, int periods_per_year);

/* The precision a periodic rate needs so that × ppy it keeps every digit of
 * precision: precision / (ppy · 1000). */
void rp_precision_per_period(mpq_t out, const mpq_t precision, int ppy);

/* The simple rate (单利口径, not an annualized rate): all charges (payments
 * less the money received) ÷ principal ÷ years to the last flow. */
void rp_flows_simple_rate(mpq_t out, const rp_flows_t *f, const mpq_t principal);

/* rp_flows_npv at a nominal annual rate: annual / periods_per_year a period. */
RP_MUST_CHECK rp_status rp_flows_npv_nominal(mpq_t out, const rp_flows_t *f, const mpq_t annual,
                                             rp_error *err);

/* ------------------------------------------------------------------------
 * Legal caps on the cost of credit (calc/contract/caps.c, calc/yield/cap_check.c)
 * ------------------------------------------------------------------------ */

typedef enum rp_cap_rule {
    RP_CAP_PRIVATE_LENDING, /* SPC 2020: 4 × 1-year LPR at the contract date;
                               contracts before 2020-08-20: 24% (36% void line) */
    RP_CAP_BANK_24,         /* the 24% a year line courts apply to banks' total cost */
    RP_CAP_CUSTOM,          /* a cap you give                                   */
    RP_CAP_RULE_COUNT
} rp_cap_rule;
extern const char *const rp_cap_rule_names[RP_CAP_RULE_COUNT];

typedef enum rp_cap_basis {
    RP_CAP_BASIS_LPR4,      /* 4 × LPR                                          */
    RP_CAP_BASIS_OLD_RULE,  /* 24% / 36% (contracts before 2020-08-20)           */
    RP_CAP_BASIS_BANK_24,
    RP_CAP_BASIS_CUSTOM,
    RP_CAP_BASIS_COUNT
} rp_cap_basis;
extern const char *const rp_cap_basis_names[RP_CAP_BASIS_COUNT];

typedef struct rp_cap_check {
    rp_cap_basis basis;
    mpq_t cap;              /* the annual rate cap                               */
    mpq_t void_line;        /* the old rule's 36%; < 0 otherwise                 */
    int lpr_index;          /* the LPR fixing used, or −1                        */
    int stale;              /* the contract date is past the LPR table's end     */
    int within;             /* the plan costs no more than the cap               */
    mpq_t excess;           /* money paid beyond what the cap allows (≥ 0)       */
    /* 法释〔2020〕17号 Art. 31, with a filing date: a contract made before
     * 2020-08-20 keeps the cap above up to the day before split, and from
     * split on the cap is cap_after (4 × the LPR on the filing date) */
    rp_date_t split;        /* RP_DATE_NONE: one cap throughout                  */
    mpq_t cap_after;
    int lpr_after;          /* the fixing cap_after comes from, or −1            */
    int stale_after;
} rp_cap_check_t;

void rp_cap_check_init(rp_cap_check_t *c);
void rp_cap_check_clear(rp_cap_check_t *c);

/* The cap under rule on contract_date, and with a filing_date (or
 * RP_DATE_NONE) the court's split of a contract made before 2020-08-20 —
 * the old line up to 2020-08-19, 4 × the LPR at filing from 2020-08-20
 * (法释〔2020〕17号 Art. 31): split, cap_after, lpr_after. */
RP_MUST_CHECK rp_status rp_cap_rate_filed(rp_cap_check_t *out, rp_cap_rule rule,
                                          rp_date_t contract_date, rp_date_t filing_date,
                                          const mpq_t custom_cap, const rp_lpr_t *lpr,
                                          rp_error *err);

/* The cap under rule on contract_date (contract/caps.c): basis, cap,
 * void_line, lpr_index and stale of *out; within 1 and excess 0. */
RP_MUST_CHECK rp_status rp_cap_rate(rp_cap_check_t *out, rp_cap_rule rule, rp_date_t contract_date,
                                    const mpq_t custom_cap, const rp_lpr_t *lpr, rp_error *err);

/* Checks timed flows (amounts[0] the money lent, received by the
 * borrower, then payments) against the rule. The excess is found the way
 * courts recompute a loan: the balance grows at the cap's periodic rate
 * (cap / periods_per_year, odd days by simple interest) and each flow is
 * applied to it; whatever the borrower paid beyond clearing it is the
 * excess, rounded under rc. */
RP_MUST_CHECK rp_status rp_cap_check(rp_cap_check_t *out, rp_cap_rule rule, rp_date_t contract_date,
                                     const mpq_t custom_cap, const rp_lpr_t *lpr,
                                     const rp_flows_t *flows, const rp_round_t *rc, rp_error *err);

/* The same against a cap from rp_cap_rate_filed (*cap, kept: its within
 * and excess are set): with a split, split_when is the split's time on
 * the flows' own scale (rp_when_dated from their origin). Each stretch is
 * judged against its own cap: the balance grows at the lower of cap ÷ ppy
 * and the flows' own periodic IRR before the split, and of cap_after ÷ ppy
 * and that IRR after it, a period that holds the split at the rates pro
 * rata (no room under one cap pays for excess over the other). */
RP_MUST_CHECK rp_status rp_cap_check_against(rp_cap_check_t *cap, const rp_flows_t *flows,
                                             const rp_when_t *split_when, const rp_round_t *rc,
                                             rp_error *err);

/* ------------------------------------------------------------------------
 * Loan terms: what a late installment costs, how payments are applied,
 * classification buckets and the loan's events (calc/contract/)
 * ------------------------------------------------------------------------ */
/* The parts a debt is made of, in the order statements list them. */
typedef enum rp_component {
    RP_PRINCIPAL,
    RP_INTEREST,
    RP_PENALTY,       /* 罚息: penalty interest on overdue principal      */
    RP_COMPOUND,      /* 复利: penalty-rate interest on overdue interest   */
    RP_LATE_FEE,      /* 违约金                                           */
    RP_FEE,           /* fees: periodic fees and fee events (costs)       */
    RP_COMPONENT_COUNT
} rp_component;
/* "principal", "interest", "penalty_interest", "compound_interest",
 * "late_fees", "fees" */
extern const char *const rp_component_names[RP_COMPONENT_COUNT];

typedef enum rp_penalty_base {
    RP_BASE_OVERDUE_PRINCIPAL,     /* 罚息 on each overdue installment's unpaid principal */
    RP_BASE_OVERDUE_INSTALLMENT,   /* 罚息 on unpaid principal + interest (no 复利)      */
    RP_BASE_OUTSTANDING_PRINCIPAL, /* 罚息 on all unpaid principal while any is overdue  */
    RP_BASE_COUNT
} rp_penalty_base;
extern const char *const rp_penalty_base_names[RP_BASE_COUNT];

typedef enum rp_late_fee_base {
    RP_LATE_FEE_ON_UNPAID_INSTALLMENT, /* what is unpaid of the installment  */
    RP_LATE_FEE_ON_MINIMUM_PAYMENT,    /* what is unpaid of a minimum payment */
    RP_LATE_FEE_BASE_COUNT
} rp_late_fee_base;
extern const char *const rp_late_fee_base_names[RP_LATE_FEE_BASE_COUNT];

typedef enum rp_late_fee_frequency {
    RP_LATE_FEE_ONCE,     /* once per missed installment            */
    RP_LATE_FEE_MONTHLY,  /* again every month it stays unpaid      */
    RP_LATE_FEE_FREQUENCY_COUNT
} rp_late_fee_frequency;
extern const char *const rp_late_fee_frequency_names[RP_LATE_FEE_FREQUENCY_COUNT];

/* The overdue terms' named numbers: the default markup (PBoC 2003 allows
 * 30%–50% on overdue loans; banks use the top), the largest markup taken,
 * and the longest grace period (a month). Docs and checks print these. */
#define RP_PENALTY_MARKUP_PERCENT      50
#define RP_MAX_PENALTY_MARKUP_PERCENT  1000
#define RP_MAX_GRACE_DAYS              31
#define RP_XSTR(x) RP_STR(x)
#define RP_STR(x) #x

/* Overdue terms. Money caps and floors < 0 mean "none". */
typedef struct rp_overdue {
    mpq_t markup;             /* penalty rate = contract rate × (1 + markup)      */
    mpq_t penalty_rate;       /* an explicit annual penalty rate; < 0: use markup */
    int daily_basis;          /* 360 (default) or 365                             */
    rp_penalty_base base;
    int compound;             /* 复利 on overdue interest: 1 (default) or 0        */
    int grace_days;           /* 0 … RP_MAX_GRACE_DAYS                            */
    int grace_counts_back;    /* paid after grace: penalty from the due date (1)  */
    mpq_t penalty_cap;        /* all 罚息 + 复利 together; < 0 none               */
    mpq_t late_fee_rate;      /* 违约金 = amount + rate × base; 0 and 0: none      */
    mpq_t late_fee_amount;
    rp_late_fee_base late_fee_base;
    mpq_t minimum_payment;    /* fraction of the installment's payment            */
    mpq_t late_fee_floor;     /* per assessment; < 0 none                         */
    mpq_t late_fee_cap;       /* per assessment; < 0 none                         */
    mpq_t late_fee_total_cap; /* all late fees of the loan; < 0 none              */
    mpq_t arrears_tolerance;  /* unpaid amounts up to this, oldest first, do not
                                 make the loan past due (Fineract's in-arrears
                                 tolerance); 0: any amount does               */
    rp_late_fee_frequency late_fee_frequency;
} rp_overdue_t;

void rp_overdue_init(rp_overdue_t *o);  /* the documented defaults */
void rp_overdue_clear(rp_overdue_t *o);
/* dst (initialised) = src, every term. */
void rp_overdue_copy(rp_overdue_t *dst, const rp_overdue_t *src);
/* The penalty rate (罚息利率) while the contract rate is contract_rate:
 * penalty_rate if given, else contract_rate × (1 + markup). */
void rp_overdue_penalty_rate(mpq_t out, const rp_overdue_t *o, mpq_srcptr contract_rate);

/* Checks the terms agree with each other; err->path names the field
 * relative to the overdue object ("late_fee.cap"). */
RP_MUST_CHECK rp_status rp_overdue_check(const rp_overdue_t *o, const rp_round_t *rc, rp_error *err);

/* How payments are applied: components in order, and across installments
 * either oldest installment first or component first. */
typedef enum rp_across {
    RP_OLDEST_FIRST,
    RP_COMPONENT_FIRST,
    RP_ACROSS_COUNT
} rp_across;
extern const char *const rp_across_names[RP_ACROSS_COUNT];

typedef struct rp_allocation {
    rp_component order[RP_COMPONENT_COUNT]; /* a permutation of all components */
    rp_across across;
} rp_allocation_t;

typedef enum rp_waterfall {
    RP_WATERFALL_BANK_DEFAULT,    /* fees → 违约金 → 复利 → 罚息 → interest → principal, oldest first */
    RP_WATERFALL_STATUTORY,       /* 民法典 Art. 561: costs → interest → principal, across the loan   */
    RP_WATERFALL_PRINCIPAL_FIRST, /* principal → interest → 罚息 → 复利 → 违约金 → fees, oldest first */
    RP_WATERFALL_COUNT
} rp_waterfall;
extern const char *const rp_waterfall_names[RP_WATERFALL_COUNT];
/* The usual order of willingness to waive: 违约金, 复利, 罚息, fees,
 * interest, principal (contract/allocation.c). */
extern const rp_component rp_waive_order[RP_COMPONENT_COUNT];

void rp_allocation_preset(rp_allocation_t *a, rp_waterfall w);

/* RP_E_VALUE unless order is a permutation of every component. */
RP_MUST_CHECK rp_status rp_allocation_check(const rp_allocation_t *a, rp_error *err);

/* What happens to money beyond everything due. */
typedef enum rp_overpayment {
    RP_OVERPAY_CREDIT,        /* kept as credit, used as installments fall due */
    RP_OVERPAY_SHORTEN_TERM,  /* prepays principal; same payment, fewer installments */
    RP_OVERPAY_LOWER_PAYMENT, /* prepays principal; same term, lower payments  */
    RP_OVERPAY_COUNT
} rp_overpayment;
extern const char *const rp_overpayment_names[RP_OVERPAY_COUNT];

typedef enum rp_classification {
    RP_CLASS_LOANS_2023,      /* 2023 risk classification rules: 关注 ≥ 1, 次级 > 90, 可疑 > 270, 损失 > 360 */
    RP_CLASS_CREDIT_CARD,     /* credit-card rules: 关注 1–90, 次级 91–120, 可疑 121–180, 损失 > 180 */
    RP_CLASSIFICATION_COUNT
} rp_classification;
extern const char *const rp_classification_names[RP_CLASSIFICATION_COUNT];

/* How a restructured loan is classified (《商业银行金融资产风险分类办法》,
 * 2023): the final text (default) — restructured again inside the
 * observation period: at least 次级 (Art. 22) — or the 2019 draft it came
 * from, which said at least 可疑. Both keep a loan that was 次级 or worse
 * at its class during the observation period, and put one that was 正常 or
 * 关注 at least at 关注 (Art. 21). */
typedef enum rp_restructured_rules {
    RP_RESTRUCTURED_2023,
    RP_RESTRUCTURED_DRAFT_2019,
    RP_RESTRUCTURED_RULES_COUNT
} rp_restructured_rules;
extern const char *const rp_restructured_rules_names[RP_RESTRUCTURED_RULES_COUNT];

/* Which rule decided a class. */
typedef enum rp_class_rule {
    RP_CLASS_BY_DPD,          /* days past due alone                          */
    RP_CLASS_BY_ART21,        /* restructured from 正常/关注: at least 关注     */
    RP_CLASS_BY_ART21_KEPT,   /* restructured from 次级 or worse: not upgraded  */
    RP_CLASS_BY_ART22,        /* restructured again inside the observation    */
    RP_CLASS_RULE_COUNT
} rp_class_rule;
extern const char *const rp_class_rule_names[RP_CLASS_RULE_COUNT];

/* The least class of a restructured asset in its observation period: prior
 * the class before the restructuring; again: restructured inside an earlier
 * agreement's observation period. *why names the article. */
int rp_restructured_floor(rp_restructured_rules rules, int prior, int again, rp_class_rule *why);

/* Art. 20: the observation period from its first due date runs at least
 * two repayment periods and at least a year; *out its last day. */
rp_status rp_observation_end(rp_date_t *out, rp_date_t first, int periods_per_year, rp_error *err);

/* Five-tier class names, by tier 0 (正常) … 4 (损失). */
#define RP_TIER_COUNT 5
extern const char *const rp_tier_names[RP_TIER_COUNT];    /* "normal", "special_mention", … */
extern const char *const rp_tier_names_zh[RP_TIER_COUNT]; /* "正常", "关注", …            */

/* The minimum tier a loan DPD days past due has under a classification. */
int rp_tier_for_dpd(rp_classification c, int dpd);

typedef struct rp_bucket {
    char label[4 * RP_MAX_LABEL_CHARS + 1];
    int max_dpd;              /* upper bound (inclusive); −1: no bound */
} rp_bucket_t;

/* Everything about a loan beyond its schedule that a statement needs. */
typedef struct rp_terms {
    rp_overdue_t overdue;
    rp_allocation_t allocation;
    rp_overpayment overpayment;
    rp_classification classification;
    rp_restructured_rules restructured_rules;
    int bucket_count;
    rp_bucket_t buckets[RP_MAX_BUCKETS]; /* rising max_dpd, the last open */
} rp_terms_t;

void rp_terms_init(rp_terms_t *t);  /* defaults: bank_default, credit, 2023, M0…M7+ */
/* out = the sum of v, amounts by component (rp_component). */
void rp_components_total(mpq_t out, mpq_t const *v);
/* The default DPD buckets: M0 (current), M1 1–30 … M6 151–180, M7+. */
void rp_buckets_default(rp_terms_t *t);
/* 1 to RP_MAX_BUCKETS buckets, max_dpd rising, only the last open-ended. */
RP_MUST_CHECK rp_status rp_buckets_check(const rp_terms_t *t, rp_error *err);
void rp_terms_clear(rp_terms_t *t);

/* ---- restructuring agreements (calc/contract/agreement.c) -------------- */
/* 《商业银行信用卡业务监督管理办法》 (2011) Art. 70: a card debt in arrears
 * may be repaid by installments over at most 5 years. */
#define RP_CARD_MAX_INSTALLMENTS 60
/* No rule bounds these; they keep a plan to what negotiators offer: a
 * deferral of at most ten years of monthly installments, a settlement
 * paid over at most as long as the card rule allows a card debt. */
#define RP_MAX_DEFER_PERIODS 120
#define RP_MAX_SETTLE_INSTALLMENTS RP_CARD_MAX_INSTALLMENTS

typedef enum rp_action_type {
    RP_ACTION_WAIVE,
    RP_ACTION_EXTEND,
    RP_ACTION_DEFER,
    RP_ACTION_REAMORTIZE,
    RP_ACTION_FREEZE,
    RP_ACTION_SETTLE,
    RP_ACTION_RATE,
    RP_ACTION_RE_AGE,
    RP_ACTION_COUNT
} rp_action_type;
extern const char *const rp_action_names[RP_ACTION_COUNT];

typedef enum rp_defer_interest {
    RP_DEFER_CAPITALIZE,  /* added to the principal                   */
    RP_DEFER_ACCRUE,      /* paid with the first installment after it */
    RP_DEFER_WAIVE,       /* not charged                              */
    RP_DEFER_COUNT
} rp_defer_interest;
extern const char *const rp_defer_interest_names[RP_DEFER_COUNT];

/* Which of an action's optional values are given (rp_action_t.given). */
enum {
    RP_HAS_AMOUNT = 1 << 0,
    RP_HAS_SHARE = 1 << 1,
    RP_HAS_RATE = 1 << 2,
    RP_HAS_FEE = 1 << 3,
    RP_HAS_FEE_SHARE = 1 << 4,
    RP_HAS_DOWN_PAYMENT = 1 << 5,
    RP_HAS_CONDITION = 1 << 6
};

/* One action. The amounts and rates count only when their RP_HAS_ bit is
 * in given; counts ≤ 0 mean "not given". */
typedef struct rp_action {
    rp_action_type type;
    unsigned given;               /* RP_HAS_* of the values set below        */
    rp_component component;       /* waive                                  */
    mpq_t amount;                 /* waive, settle                          */
    mpq_t share;                  /* waive: of what is owed; settle: discount */
    int periods;                  /* extend: added; defer: moved; freeze, settle,
                                     re_age: installments                     */
    rp_date_t date;               /* extend: the new maturity; rate: from    */
    int method;                   /* extend: a new method, or −1             */
    mpq_t rate;                   /* extend, rate: the new annual rate       */
    int strict;                   /* extend: an Art. 12 breach is an error   */
    rp_defer_interest interest;   /* defer                                   */
    unsigned keep;                /* freeze: components kept, 1 << c         */
    mpq_t fee;                    /* freeze: fee per installment             */
    mpq_t fee_share;              /* freeze: fee per installment as a share of the debt */
    mpq_t down_payment;           /* freeze: paid on the date                */
    int card;                     /* freeze: card debt (Art. 70: ≤ 60)       */
    int days;                     /* settle: days after the date to pay      */
    int max_days_late;            /* waive with RP_HAS_CONDITION: reinstated if
                                     an installment of the plan is more than
                                     this many days past due (附条件减免)    */
} rp_action_t;

typedef struct rp_actions {
    int count;
    rp_action_t items[RP_MAX_ACTIONS];
} rp_actions_t;

void rp_actions_init(rp_actions_t *a);
void rp_actions_clear(rp_actions_t *a);
/* Appends an action with nothing given (given 0, values 0); NULL past
 * RP_MAX_ACTIONS. */
rp_action_t *rp_actions_add(rp_actions_t *a, rp_action_type type);


/* An agreement: the actions of a restructuring as a loan's history keeps
 * them (a restructure event), with the terms the agreement sets for its
 * plan — its own overdue terms, and its default clause. */
typedef struct rp_agreement {
    rp_actions_t actions;
    int has_overdue;              /* overdue: the plan's own overdue terms    */
    rp_overdue_t overdue;
    int default_days;             /* the default clause: an installment more
                                     than this many days past due breaks the
                                     agreement; < 0: no clause               */
    int accelerate;               /* on a breach, all principal falls due     */
} rp_agreement_t;

/* A new agreement (no actions, no terms of its own, no default clause),
 * or NULL when out of memory; rp_agreement_free releases one (NULL: nothing). */
rp_agreement_t *rp_agreement_new(void);
void rp_agreement_free(rp_agreement_t *a);

typedef enum rp_event_type {
    RP_EVENT_PAYMENT,      /* date, amount                                   */
    RP_EVENT_FEE,          /* date, amount, kind: a cost charged to the loan */
    RP_EVENT_RATE_CHANGE,  /* date, rate: the new contract rate from date    */
    RP_EVENT_ACCELERATION, /* date: 宣布提前到期, all principal falls due      */
    RP_EVENT_RESTRUCTURE,  /* date, agreement: a restructuring agreed        */
    RP_EVENT_TYPE_COUNT
} rp_event_type;
extern const char *const rp_event_type_names[RP_EVENT_TYPE_COUNT];

typedef struct rp_event {
    rp_event_type type;
    rp_date_t date;
    mpq_t amount;             /* payment, fee                          */
    mpq_t rate;               /* rate_change: the new annual rate      */
    char kind[4 * RP_MAX_KIND_CHARS + 1]; /* fee: what it is for ("collection", …) */
    rp_component component;   /* fee: what it charges (fees; a reinstated
                                 waiver charges the component waived)    */
    rp_agreement_t *agreement; /* restructure: owned                     */
} rp_event_t;

typedef struct rp_events {
    int count;
    int cap;
    rp_event_t *items;        /* owned */
} rp_events_t;

void rp_events_init(rp_events_t *ev);
void rp_events_clear(rp_events_t *ev);

/* Appends an initialised event of the given type (amount and rate 0);
 * returns it, or NULL when out of memory or past RP_MAX_EVENTS. */
rp_event_t *rp_events_add(rp_events_t *ev, rp_event_type type);

/* ------------------------------------------------------------------------
 * Statements: what is owed on a date (calc/statement/)
 * ------------------------------------------------------------------------ */
/* One line of the penalty workings: base × rate × days / basis. */
typedef struct rp_segment {
    rp_date_t from, to;       /* days from..to inclusive               */
    int days;
    mpq_t base;
    mpq_t rate;               /* the annual penalty rate on those days */
    mpq_t amount;             /* exact                                 */
} rp_segment_t;

/* How one penalty amount of one item was reached. */
typedef struct rp_working {
    int item;                 /* index into rp_statement_t.items       */
    rp_component component;   /* RP_PENALTY or RP_COMPOUND             */
    int base_kind;            /* rp_penalty_base, or −1 for 复利         */
    int count, cap;
    rp_segment_t *segments;   /* owned                                  */
    mpq_t exact;              /* Σ segment amounts                      */
    mpq_t posted;             /* what was charged (rounded, capped)     */
    int capped;               /* the penalty cap cut it                 */
} rp_working_t;

/* One application of money to one component of one item. */
typedef struct rp_applied {
    int item;
    rp_component component;
    mpq_t amount;
} rp_applied_t;

/* What became of one payment (or of credit used on a date). */
typedef struct rp_entry {
    int event;                /* index into the events, −1: credit used  */
    rp_date_t date;
    mpq_t amount;
    int count, cap;
    rp_applied_t *applied;    /* owned                                   */
    mpq_t to_credit;          /* left over, kept as credit               */
    mpq_t to_prepayment;      /* left over, prepaid future principal     */
} rp_entry_t;

typedef enum rp_item_status {
    RP_STATUS_NOT_DUE,
    RP_STATUS_DUE,            /* due, unpaid, still within grace        */
    RP_STATUS_PAID,
    RP_STATUS_PAID_LATE,
    RP_STATUS_PARTLY_PAID,    /* past grace, partly paid                */
    RP_STATUS_OVERDUE,        /* past grace, nothing paid               */
    RP_STATUS_RESTRUCTURED,   /* replaced by a restructuring's plan      */
    RP_STATUS_COUNT
} rp_item_status;
extern const char *const rp_item_status_names[RP_STATUS_COUNT];

/* What an item is: an installment of the contract or of a plan, a fee
 * charged by an event, or a waiver reinstated when an agreement broke. */
typedef enum rp_item_role {
    RP_ROLE_INSTALLMENT,
    RP_ROLE_FEE,
    RP_ROLE_REINSTATED,
    RP_ROLE_COUNT
} rp_item_role;

/* An installment (n ≥ 1; a plan's may be 0, due on its date) or a fee
 * charged by an event (n = 0). */
typedef struct rp_item {
    int n;
    rp_item_role role;
    int plan;                 /* 0: the contract; k: the k-th restructuring's plan */
    rp_date_t due_date;       /* when payable (acceleration moves it)   */
    rp_date_t period_start;   /* installments: start of the period      */
    int accelerated;
    int event;                /* fee items: the event's index, else −1  */
    char kind[4 * RP_MAX_KIND_CHARS + 1]; /* fee items: the event's kind */
    mpq_t due[RP_COMPONENT_COUNT];
    mpq_t paid[RP_COMPONENT_COUNT];
    rp_date_t paid_off;       /* when fully paid, or RP_DATE_NONE       */
    rp_item_status status;
    int days_past_due;        /* as of the statement, or at payoff      */
} rp_item_t;

typedef struct rp_statement {
    rp_date_t as_of;
    int item_count;
    rp_item_t *items;
    int entry_count;
    rp_entry_t *entries;
    int working_count;
    rp_working_t *workings;
    mpq_t owed[RP_COMPONENT_COUNT];   /* due and unpaid today, by component */
    mpq_t total_due;
    mpq_t payoff[RP_COMPONENT_COUNT]; /* to close the loan today           */
    mpq_t payoff_total;
    mpq_t paid_total;                 /* all payments up to as_of          */
    mpq_t credit;                     /* unapplied money held              */
    mpq_t prepaid;                    /* principal prepaid from overpayment */
    mpq_t penalty_rate;               /* the annual penalty rate today     */
    mpq_t contract_rate;              /* the annual contract rate today    */
    int dpd;                          /* oldest unpaid installment         */
    int bucket;                       /* index into terms->buckets         */
    int tier;                         /* 0 正常 … 4 损失                    */
    int events_after_as_of;           /* ignored, later than as_of         */
    int warning_count;
    rp_warning_t warnings[RP_WARNING_MAX];
} rp_statement_t;

void rp_statement_init(rp_statement_t *st);
void rp_statement_clear(rp_statement_t *st);

/* ---- replaying part of a loan's life (for calc/restructure/life.c) -------
 * A loan with restructurings is replayed in stretches: the contract up to
 * the first agreement, then each agreement's plan up to the next. */

/* One installment of a plan, as the statement engine takes it up. */
typedef struct rp_resume_row {
    int n;
    rp_date_t due_date, period_start;
    mpq_t due[RP_COMPONENT_COUNT];     /* what it asks for, by component          */
    mpq_t carried[RP_COMPONENT_COUNT]; /* of due: owed before the agreement (no
                                          pro rata in a payoff, never re-posted)  */
    mpq_t interest_new;                /* of due[RP_INTEREST]: for days after the
                                          agreement (pro rata in a payoff)        */
} rp_resume_row_t;

/* A plan taken up on its agreement's date. */
typedef struct rp_resume {
    rp_date_t date;
    int plan;                 /* its number in the loan's history (1, 2, …)   */
    mpq_t rate;               /* the plan's annual rate (a markup's basis)      */
    mpq_t penalties_posted;   /* 罚息 + 复利 posted before it (a cap goes on)   */
    mpq_t late_fees;          /* late fees assessed before it (total_cap)      */
    mpq_t credit;             /* the borrower's unapplied money, carried over  */
    int count;
    rp_resume_row_t *rows;    /* owned                                         */
} rp_resume_t;

void rp_resume_init(rp_resume_t *r);
void rp_resume_clear(rp_resume_t *r);
/* Makes room for count rows, each zero; RP_E_NOMEM. */
rp_status rp_resume_rows(rp_resume_t *r, int count, rp_error *err);

/* Which events a replay takes, in (date, index) order: those after
 * (from, after) and before (to, before); RP_DATE_NONE: no bound. */
typedef struct rp_window {
    rp_date_t from;
    int after;
    rp_date_t to;
    int before;
} rp_window_t;

/* How to replay: from the contract's schedule (resume NULL) or a plan,
 * the events in window, and events of the replay's own (extra: a
 * reinstatement, an acceleration on breach; numbered after the loan's). */
typedef struct rp_replay {
    const rp_resume_t *resume;
    rp_window_t window;
    const rp_events_t *extra;
} rp_replay_t;

/* rp_statement_build for one stretch (how NULL: the whole life of a loan
 * without restructurings). Restructure events in the window are an error:
 * a loan's life is calc/restructure/life.c. */
RP_MUST_CHECK rp_status rp_statement_replay(rp_statement_t *out, const rp_loan_t *loan,
                                            const rp_terms_t *terms, const rp_events_t *events,
                                            const rp_replay_t *how, rp_date_t as_of,
                                            const rp_round_t *rc, rp_error *err);

/* The state of the loan at the end of as_of: the schedule, then every
 * event up to as_of in date order (same day: rate changes, fees,
 * acceleration, then payments as listed), penalties accrued daily and
 * posted at each payment and on as_of. */
RP_MUST_CHECK rp_status rp_statement_build(rp_statement_t *out, const rp_loan_t *loan,
                                           const rp_terms_t *terms, const rp_events_t *events,
                                           rp_date_t as_of, const rp_round_t *rc, rp_error *err);

/* out = what is unpaid of item it's component c, or of all of them
 * (c = RP_COMPONENT_COUNT). */
void rp_item_outstanding(mpq_t out, const rp_item_t *it, int c);

/* Exact self-checks: money in = money applied + credit + prepaid;
 * nothing paid beyond what was due; principal conserved; amounts whole
 * units. RP_E_INTERNAL naming what failed. */
RP_MUST_CHECK rp_status rp_statement_verify(const rp_statement_t *st, const rp_loan_t *loan,
                                            const rp_events_t *events, const rp_round_t *rc,
                                            rp_error *err);

/* The borrower's cash flows of a loan's history (statement/history_flows.c),
 * for a legal cap: the money received on start_date (principal − upfront
 * fee), every payment event up to until on its date, then more_count more
 * flows paid on more_dates (a plan's installments), each timed on the
 * loan's grid (rp_when_dated), dated. */
RP_MUST_CHECK rp_status rp_history_flows(rp_flows_t *out, const rp_loan_t *loan,
                                         const rp_events_t *events, rp_date_t until,
                                         const rp_date_t *more_dates, mpq_t const *more,
                                         int more_count, rp_error *err);

/* The same for a statement: the history up to as_of, then what closes the
 * loan that day (the payoff, less credit held) as paid on as_of. */
RP_MUST_CHECK rp_status rp_statement_flows(rp_flows_t *out, const rp_statement_t *st,
                                           const rp_loan_t *loan, const rp_events_t *events,
                                           rp_error *err);

/* ------------------------------------------------------------------------
 * Restructuring (calc/restructure/)
 *
 * A restructuring starts from what is owed on a date (a statement) and
 * applies actions in order: waivers, extension (展期), deferral,
 * re-amortization of arrears, a new rate, or a terminal plan — interest
 * freeze with installments (停息挂账 / 个性化分期) or a settlement (一次性结清).
 * ------------------------------------------------------------------------ */

/* One installment of the new plan. n = 0 is due on the restructure date. */
typedef struct rp_plan_row {
    int n;
    rp_date_t due_date;
    mpq_t payment;
    mpq_t principal;
    mpq_t interest;
    mpq_t fee;
    mpq_t arrears;                /* past-due interest, penalties and fees carried */
    mpq_t balance;                /* principal left after the row             */
} rp_plan_row_t;

typedef struct rp_plan {
    rp_date_t date;
    mpq_t claim[RP_COMPONENT_COUNT]; /* what closing the loan on the date costs */
    mpq_t claim_total;
    mpq_t waived[RP_COMPONENT_COUNT];
    mpq_t waived_total;
    mpq_t conditional[RP_COMPONENT_COUNT]; /* of waived: reinstated on a breach */
    int condition_days;           /* conditional waivers hold while no installment
                                     is more than this many days past due; −1: none */
    int re_aged;                  /* the last re_aged rows are arrears re-aged  */
    rp_date_t re_aged_from;       /* the oldest unpaid due date they came from  */
    mpq_t debt;                   /* claim − waived: what the plan repays    */
    int count;
    rp_plan_row_t *rows;          /* owned                                  */
    mpq_t total_payment, total_principal, total_interest, total_fee, total_arrears;
    mpq_t interest_kept;          /* interest owed on the date, in the rows  */
    mpq_t capitalized;            /* interest added to the principal         */
    mpq_t new_interest;           /* interest charged after the date         */
    mpq_t deferral_waived;        /* interest not charged for a deferral     */
    mpq_t payment;                /* the regular payment                     */
    mpq_t annual_rate;            /* the plan's rate                         */
    mpq_t contract_rate;          /* the loan's rate on the date, before     */
    int periods_per_year;
    rp_date_t first_due_date, maturity_date, observation_end;
    rp_date_t grid_anchor;        /* the plan's due dates: grid_anchor ± whole */
    rp_frequency grid_frequency;  /* periods of grid_frequency (for timing)    */
    rp_odd_days odd_days;         /* how odd days count in its price           */
    int dpd;                      /* days past due on the date, before       */
    int tier;                     /* class on the date, before               */
    int warning_count;
    rp_warning_t warnings[RP_WARNING_MAX];
} rp_plan_t;

void rp_plan_init(rp_plan_t *p);
void rp_plan_clear(rp_plan_t *p);

/* The plan after actions, from the loan's state on date (replayed from
 * events, as for a statement). err->path names the action at fault as
 * "actions[i]…". */
RP_MUST_CHECK rp_status rp_restructure(rp_plan_t *out, const rp_loan_t *loan, const rp_terms_t *terms,
                                       const rp_events_t *events, rp_date_t date,
                                       const rp_actions_t *actions, const rp_round_t *rc,
                                       rp_error *err);

/* The loan's whole life under plan, as the borrower's flows for a legal
 * cap: received at the start, the payments up to the plan's date, then the
 * plan's rows on their due dates (restructure/plan_flows.c). */
RP_MUST_CHECK rp_status rp_plan_history_flows(rp_flows_t *out, const rp_plan_t *plan,
                                              const rp_loan_t *loan, const rp_events_t *events,
                                              rp_error *err);

/* The installments after the date (rows with n > 0). */
int rp_plan_installments(const rp_plan_t *p);
/* out = the largest payment of the plan (0 without rows). */
void rp_plan_largest_payment(mpq_t out, const rp_plan_t *p);

/* The plan in one sentence to read out, zh and en (size bytes each):
 * what to pay and how often, what is waived, and the total against
 * settling in full today (calc/restructure/plan_explain.c). */
void rp_plan_explain(char *zh, char *en, size_t size, const rp_plan_t *p, const rp_round_t *rc);

/* Exact self-checks: claim = waived + debt; Σ payments = debt + new
 * interest + fees; principal conserved; rows add up. */
RP_MUST_CHECK rp_status rp_plan_verify(const rp_plan_t *p, const rp_round_t *rc, rp_error *err);

/* ---- a loan's life: agreements kept or broken (calc/restructure/life.c) -- */

/* Where an agreement stands on the statement's date. */
typedef enum rp_standing {
    RP_STANDING_CURRENT,      /* nothing of it is past grace unpaid          */
    RP_STANDING_BEHIND,       /* an installment is past grace unpaid          */
    RP_STANDING_BROKEN,       /* breached (its condition or default clause)   */
    RP_STANDING_COMPLETED,    /* every installment paid                       */
    RP_STANDING_COUNT
} rp_standing;
extern const char *const rp_standing_names[RP_STANDING_COUNT];

/* Art. 20's observation period of an agreement. */
typedef enum rp_observation {
    RP_OBSERVATION_IN,        /* running                                     */
    RP_OBSERVATION_RESTARTED, /* a payment late or short restarted it        */
    RP_OBSERVATION_PASSED,    /* over, with every payment on time and in full */
    RP_OBSERVATION_COUNT
} rp_observation;
extern const char *const rp_observation_names[RP_OBSERVATION_COUNT];

/* One agreement of a loan's history and what became of it. */
typedef struct rp_life_agreement {
    int event;                /* its restructure event                        */
    rp_date_t date;
    rp_plan_t plan;           /* the plan it made                             */
    int dpd_before, tier_before; /* on its date before it (tier: the class,
                                 an earlier agreement's floor included)      */
    int again;                /* made inside the previous one's observation   */
    rp_date_t superseded_on;  /* the next agreement's date, or none           */
    int due, on_time, late, missed; /* its installments due so far, paid on
                                 time, paid late, past grace unpaid          */
    rp_standing standing;
    int breach_days;          /* more than this many days late breaks it; −1 none */
    rp_date_t breach_date;    /* or none                                      */
    int breach_n;             /* the installment whose lateness broke it      */
    mpq_t reinstated[RP_COMPONENT_COUNT]; /* conditional waivers reinstated   */
    int accelerated;          /* its default clause accelerated the loan      */
    rp_date_t observation_start, observation_end, restarted_on;
    rp_observation observation;
    const rp_overdue_t *overdue; /* its own overdue terms (in the event), or NULL:
                                 the loan's                                  */
} rp_life_agreement_t;

typedef struct rp_life {
    int count;
    rp_life_agreement_t *agreements; /* owned, in date order                  */
    int restructured;         /* the asset counts as restructured on as_of    */
    int tier_by_dpd;          /* the class days past due alone give           */
    int tier;                 /* the class: the stricter of that and Arts. 21–22 */
    rp_class_rule rule;       /* which decided                                */
    int contractual_dpd;      /* with re-aged arrears unpaid: days past due
                                 counted from their first due date; −1: none */
} rp_life_t;

void rp_life_init(rp_life_t *life);
void rp_life_clear(rp_life_t *life);
/* The overdue terms plan's installments ran under: its agreement's own,
 * or loan_terms (plan 0, the contract, or an agreement without its own). */
const rp_overdue_t *rp_life_overdue(const rp_life_t *life, int plan, const rp_overdue_t *loan_terms);

/* The statement of a loan whose events may hold restructure events: the
 * contract replayed to the first agreement, each agreement's plan from its
 * date to the next (waivers reinstated and the loan accelerated when an
 * agreement breaks), the items of every plan in one statement (replaced
 * ones with status restructured), and what became of each agreement. A
 * history without restructurings gives rp_statement_build's statement and
 * an empty life. */
RP_MUST_CHECK rp_status rp_life_statement(rp_statement_t *out, rp_life_t *life,
                                          const rp_loan_t *loan, const rp_terms_t *terms,
                                          const rp_events_t *events, rp_date_t as_of,
                                          const rp_round_t *rc, rp_error *err);

/* The same in sentences to read out (calc/restructure/life_explain.c),
 * each into zh and en of size bytes: agreement a (plan its number) broke;
 * a's observation period; the class and the rule that decided it. */
void rp_life_explain_breach(char *zh, char *en, size_t size, const rp_life_agreement_t *a, int plan,
                            const rp_round_t *rc);
void rp_life_explain_observation(char *zh, char *en, size_t size, const rp_life_agreement_t *a);
void rp_life_explain_class(char *zh, char *en, size_t size, const rp_life_t *life);

/* What a plan is worth to each side. */
typedef struct rp_pricing {
    mpq_t discount_rate;          /* annual, the lender's                    */
    mpq_t pv;                     /* the plan's payments discounted to the date */
    mpq_t recovery;               /* pv / claim, exact                       */
    mpq_t concession;             /* claim − pv                              */
    mpq_t saving;                 /* claim − total to pay (the borrower's)   */
    mpq_t time_value;             /* total to pay − pv                       */
    rp_root_t apr;                /* the plan's APR (IRR method), if has_apr */
    int has_apr;
} rp_pricing_t;

void rp_pricing_init(rp_pricing_t *p);
void rp_pricing_clear(rp_pricing_t *p);

/* Prices a plan: PV of each payment at discount_rate / periods a year,
 * each installment timed on the plan's grid (rp_when_dated: whole periods,
 * the odd days by simple interest); the APR, by the IRR method on the same
 * times, treats the debt as received on the date. */
RP_MUST_CHECK rp_status rp_plan_price(rp_pricing_t *out, const rp_plan_t *plan,
                                      const mpq_t discount_rate, const rp_round_t *rc,
                                      rp_error *err);

/* The solver (calc/restructure/solve.c): the plan that fits a goal, found exactly
 * (by bisection over whole installments or whole rounding units, each
 * candidate built and checked in full). Infeasible goals are a result. */
typedef enum rp_goal_type {
    RP_GOAL_SHORTEST_TERM,    /* fewest installments with every payment ≤ capacity */
    RP_GOAL_SMALLEST_WAIVER,  /* least waived (in order) so the debt fits capacity
                                 within `term` installments                       */
    RP_GOAL_PAYMENT_FOR_TERM, /* the plan over `term` installments                */
    RP_GOAL_MAX_DISCOUNT,     /* the smallest settlement with recovery ≥ min_recovery */
    RP_GOAL_OFFER,            /* every constraint at once: the best plan of each
                                 family (rp_solve_offer)                          */
    RP_GOAL_COUNT
} rp_goal_type;
extern const char *const rp_goal_names[RP_GOAL_COUNT];

/* The plan families an offer is made of. */
typedef enum rp_family {
    RP_FAMILY_EXTEND,         /* 展期: more installments, the arrears spread, waivers if needed */
    RP_FAMILY_FREEZE,         /* 停息挂账: the debt fixed, no interest, in installments          */
    RP_FAMILY_SETTLE,         /* 一次性结清 / short settlement at a discount                     */
    RP_FAMILY_COUNT
} rp_family;
extern const char *const rp_family_names[RP_FAMILY_COUNT];

/* What an offer is best at. */
typedef enum rp_objective {
    RP_OBJECTIVE_LENDER_PV,       /* the largest present value for the lender */
    RP_OBJECTIVE_BORROWER_TOTAL,  /* the least the borrower pays in all        */
    RP_OBJECTIVE_SHORTEST_TERM,   /* the fewest installments                  */
    RP_OBJECTIVE_COUNT
} rp_objective;
extern const char *const rp_objective_names[RP_OBJECTIVE_COUNT];

/* Legal limits a request may override, explicitly (rp_goal_t.allow). */
enum {
    RP_ALLOW_ART12 = 1 << 0,  /* 《贷款通则》 Art. 12: extension limits, before maturity */
    RP_ALLOW_OVER_60 = 1 << 1 /* more than 60 installments (the card rule, by analogy) */
};

typedef struct rp_goal {
    rp_goal_type type;
    mpq_t capacity;           /* the most the borrower can pay an installment    */
    int term;                 /* installments: the most (shortest_term: 360 by
                                 default), or exactly (payment_for_term,
                                 smallest_waiver)                               */
    int freeze;               /* smallest_waiver: freeze the debt (1, default) or
                                 extend and re-amortize (0)                       */
    unsigned keep;            /* smallest_waiver freeze: components kept          */
    rp_component order[RP_COMPONENT_COUNT]; /* smallest_waiver: waiver order      */
    int method;               /* extensions: a new method, or −1                 */
    mpq_t rate;               /* extensions: a new rate, < 0 unchanged            */
    mpq_t min_recovery;       /* max_discount                                     */
    int installments;         /* max_discount: settlement installments (1)       */
    int days;                 /* max_discount: days to the first payment          */
    unsigned allow;           /* RP_ALLOW_*: limits the request overrides; a plan
                                 breaking any other is never feasible            */
    /* offer: */
    mpq_t down_payment;       /* available today (freeze, settle); < 0 none       */
    mpq_t min_pv;             /* the lender's floor as a PV; < 0 none              */
    unsigned waivable;        /* components that may be waived, 1 << c            */
    unsigned families;        /* 1 << rp_family tried                             */
    rp_objective objective;
    int card;                 /* card debt: more than 60 installments is refused  */
} rp_goal_t;

void rp_goal_init(rp_goal_t *g);   /* defaults as documented */
void rp_goal_clear(rp_goal_t *g);
/* What a goal must be given, with the actions given before it; err->path
 * relative to the request ("goal.capacity"). */
RP_MUST_CHECK rp_status rp_goal_check(const rp_goal_t *g, const rp_actions_t *given,
                                      const rp_round_t *rc, rp_error *err);

typedef struct rp_solution {
    int feasible;
    rp_actions_t actions;     /* the actions building the plan (after the given ones) */
    rp_plan_t plan;           /* the plan found, or the closest one                  */
    rp_pricing_t price;
    int has_neighbour;        /* the next better candidate, which fails the goal:     */
    rp_plan_t neighbour;      /* one installment fewer, one unit less waived, …       */
    rp_pricing_t neighbour_price;
    mpq_t waiver;             /* smallest_waiver: the amount found                    */
    mpq_t settlement;         /* max_discount: the settlement found                   */
    const char *binding;      /* infeasible: the constraint that binds ("capacity",
                                 "recovery", "art12_limit", …), or NULL              */
    mpq_t shortfall;          /* … how far the closest plan is from it (money or share) */
    int limit;                /* … and the installments that bound it, or 0           */
    char why_zh[RP_MESSAGE_MAX], why_en[RP_MESSAGE_MAX]; /* … in a sentence            */
} rp_solution_t;

void rp_solution_init(rp_solution_t *s);
void rp_solution_clear(rp_solution_t *s);

/* An offer: the best plan of each family that meets every constraint (or
 * why none does), and which family is best by the objective. */
typedef struct rp_offer {
    int tried[RP_FAMILY_COUNT];
    rp_solution_t family[RP_FAMILY_COUNT];
    int best;                 /* the family best by the objective, or −1: none feasible */
} rp_offer_t;

void rp_offer_init(rp_offer_t *o);
void rp_offer_clear(rp_offer_t *o);

/* Solves an offer goal (rp_solve's arguments). */
RP_MUST_CHECK rp_status rp_solve_offer(rp_offer_t *out, const rp_loan_t *loan, const rp_terms_t *terms,
                                       const rp_events_t *events, rp_date_t date,
                                       const rp_actions_t *given, const rp_goal_t *goal,
                                       mpq_srcptr discount_rate, const rp_round_t *rc, rp_error *err);

/* Solves goal for the loan on date, after the given actions (which must
 * not freeze or settle). Prices with discount_rate (NULL: the contract
 * rate on the date). */
RP_MUST_CHECK rp_status rp_solve(rp_solution_t *out, const rp_loan_t *loan, const rp_terms_t *terms,
                                 const rp_events_t *events, rp_date_t date,
                                 const rp_actions_t *given, const rp_goal_t *goal,
                                 mpq_srcptr discount_rate, const rp_round_t *rc, rp_error *err);

#ifdef __cplusplus
}
#endif
#endif /* REPAY_ADVANCED_H */
