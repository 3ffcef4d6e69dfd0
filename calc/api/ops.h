/*
 * ops.h — what the op files (op_*.c) share with the dispatcher (run.c),
 * the loan reader (loan.c) and the case of a restructuring (case.c).
 */
#ifndef RP_JSON_OPS_H
#define RP_JSON_OPS_H

#include "fields.h"

/* A rate as given: its value and the period it is quoted per. It becomes
 * an annual rate once the daily basis is known (members come in any
 * order). given = 0 while absent. */
typedef struct rate_in {
    mpq_t value;
    rp_rate_unit unit;
    int given;
    char path[RP_PATH_MAX]; /* where it was read, for the limit's error */
} rate_in_t;

/* The loan's timing and shape fields as given, read once the rounding is
 * known (shape_in.c). */
typedef struct shape_in {
    const cJSON *down_payment, *balloon, *step, *custom, *payment_multiple, *business_days;
} shape_in_t;

/* $.loan as read: the contract, its rounding context and its terms. */
typedef struct loan_in {
    rp_loan_t loan;
    rate_in_t rate;
    rp_round_t rounding;
    rp_terms_t terms;
    rate_in_t penalty_rate; /* $.loan.overdue.penalty_rate, as given */
    shape_in_t shape;
    rp_calendar_t calendar; /* business days, when the loan has them          */
    const char *calendar_json; /* the calendar table to use (--calendar), or NULL */
    size_t calendar_len;
    const cJSON *lpr_node;  /* $.loan.rate when it is LPR 加点, or NULL          */
    rp_lpr_pricing_t lpr;   /* its terms (loan.lpr points here)                */
    rp_lpr_t lpr_table;     /* the fixings they use                            */
    const char *lpr_json;   /* the LPR table to use (--lpr), or NULL           */
    size_t lpr_len;
} loan_in_t;

/* lpr_rate_in.c: the loan's rate field (a rate, or LPR 加点 kept for
 * rp_json_lpr_rate; target is the loan_in_t). */
rp_status rp_json_read_loan_rate(void *target, const cJSON *item, const char *path, rp_error *err);
/* Reads the LPR terms and table; sets loan.annual_rate to the first rate
 * and loan.lpr. */
rp_status rp_json_lpr_rate(loan_in_t *in, rp_error *err);
/* Appends to ev a rate_change for every repricing up to until, or up to
 * the day before ev's first restructure event if that is sooner. */
rp_status rp_json_lpr_events(rp_events_t *ev, const loan_in_t *in, rp_date_t until, rp_error *err);

/* Reads $.loan.business_days into in (calendar_in.c). */
rp_status rp_json_business_days(loan_in_t *in, rp_error *err);

/* Reads a calendar table in data/cn_calendar.json's shape into out; an
 * error's message names the table by label. */
rp_status rp_json_calendar_table(rp_calendar_t *out, const char *text, size_t len,
                                 const char *label, rp_error *err);

/* Reads the loan's timing and shape fields into in->loan (shape_in.c). */
rp_status rp_json_shape_read(loan_in_t *in, rp_error *err);

void rp_loan_in_init(loan_in_t *in);
void rp_loan_in_clear(loan_in_t *in);

/* Reads $.loan into in and checks it (rp_loan_check). */
rp_status rp_loan_in_read(loan_in_t *in, const cJSON *item, rp_error *err);

/* letter.c: what a repayment letter is written from. */
typedef struct rp_letter {
    const rp_loan_t *loan;
    const rp_plan_t *plan;
    const rp_pricing_t *price;
    const rp_overdue_t *overdue;  /* the terms the plan runs under       */
    mpq_srcptr penalty_rate;      /* its penalty rate a year             */
    int default_days, accelerate; /* its default clause (days < 0: none) */
    const rp_round_t *rc;
} rp_letter_t;

/* Appends the letter in fmt (RP_FORMAT_LETTER: Markdown, zh then en;
 * RP_FORMAT_LETTER_HTML: one page for A4). */
rp_status rp_json_letter(rp_buf_t *out, rp_format fmt, const rp_letter_t *l, rp_error *err);

/* The letter of a plan agreed under these overdue terms and default
 * clause (default_days < 0: none). */
rp_status rp_json_plan_letter(rp_buf_t *out, rp_format fmt, const rp_plan_t *plan,
                              const rp_pricing_t *price, const rp_overdue_t *overdue,
                              int default_days, int accelerate, const loan_in_t *loan, rp_error *err);

/* template.c: tmpl with ctx's values (a Mustache subset, see the file). */
rp_status rp_template_render(rp_buf_t *out, const char *tmpl, const cJSON *ctx, rp_error *err);

/* read_events.c: a restructuring's default clause at path. */
rp_status rp_json_read_default(int *days, int *accelerate, const cJSON *item, const char *path,
                               rp_error *err);

/* life_json.c: the restructurings of a statement (what became of each
 * agreement) and its class with the article that decided it. */
void rp_json_add_life(cJSON *root, const rp_life_t *life, const rp_events_t *events,
                      const rp_round_t *rc);

/* Reads an overdue object at path (a restructuring's own terms) into out,
 * checked under the loan's rounding. */
rp_status rp_json_read_overdue(rp_overdue_t *out, const cJSON *item, const char *path,
                               const loan_in_t *loan, rp_error *err);

/* The one checked reader of rates: "4.9%", 0.049, "日万分之五", {"monthly":
 * "0.5%"}; target is a rate_in_t. Refuses bad syntax, negative values and
 * a bare number of 1 or more (invalid_value: "4.9" reads as 490%, so a
 * rate of 100% or more must carry its unit), and a rate over
 * RP_MAX_RATE_PERCENT a year (out_of_range), each at path. */
rp_status rp_json_read_rate(void *target, const cJSON *item, const char *path, rp_error *err);

/* The same for a share ("50%", 0.5: markup, waive share, discount,
 * min_recovery, …): no 年/月/日 prefix; target is an mpq_t. */
rp_status rp_json_read_share(void *target, const cJSON *item, const char *path, rp_error *err);

/* out = the rate as an annual rate (a daily rate × daily_basis);
 * out_of_range at the rate's path beyond RP_MAX_RATE_PERCENT a year. */
rp_status rp_rate_in_annual(mpq_t out, const rate_in_t *r, int daily_basis, rp_error *err);

/* A request as read by the dispatcher; op files read the rest. */
typedef struct request {
    int op;
    const cJSON *id;
    const cJSON *loan;
    rp_date_t as_of;
    const cJSON *events;
    const cJSON *buckets;
    int classification;
    int restructured_rules;  /* statement and the case ops              */
    int detail;              /* 0 full (default), 1 summary: a few rows  */
    const cJSON *overdue;    /* restructure: the agreement's own terms   */
    const cJSON *dflt;       /* restructure: its default clause          */
    /* op yield */
    const cJSON *cash_flows;
    int periods_per_year;
    int basis;
    const cJSON *precision;
    const cJSON *discount_rate;
    const cJSON *caps;
    int frequency;           /* dated cash_flows: the unit period, or −1 */
    int odd_days;            /* dated cash_flows with frequency         */
    const cJSON *rounding;   /* cash_flows: the unit NPVs are rounded to */
    const char *lpr_json;    /* the LPR table to use (rp_options_t), or NULL */
    size_t lpr_len;
    const char *calendar_json; /* the calendar table to use (rp_options_t), or NULL */
    size_t calendar_len;
    /* ops restructure, compare, solve ("date" is read into as_of) */
    const cJSON *actions;
    const cJSON *proposals;
    const cJSON *goal;
    /* op schedule */
    unsigned show;           /* SHOW_* columns added to every installment */
    /* op tvm */
    int solve;
    const cJSON *tvm_rate, *nper, *pmt, *pv, *fv;
    int type;
    int tvm_periods;         /* the rate is annual: ÷ this a period (default 1) */
    int per, start_period, end_period;
    /* op day_count ("frequency" as above) */
    int day_count;
    const cJSON *periods;
    rp_date_t anchor, maturity;
    int end_of_month;
    /* op yield: MIRR, and the NPV's places (−1: the rounding unit's) */
    const cJSON *mirr;
    int npv_places;
} request_t;

/* The columns a schedule request may add to its installments ("show"). */
enum { SHOW_RATE = 1 << 0, SHOW_YEAR_FRACTION = 1 << 1 };

typedef struct response {
    cJSON *json;   /* the JSON response, ok/op/id already in it */
    rp_buf_t text; /* or the rendered text (table, csv)         */
} response_t;


/* Where checked flows start and how their time is counted (a loan's). */
typedef struct caps_at {
    rp_date_t origin;        /* the flows' first date, or RP_DATE_NONE (periodic) */
    rp_date_t anchor;        /* the grid of due dates                           */
    rp_frequency frequency;
    rp_odd_days odd_days;
} caps_at_t;

/* caps_in.c: at = the loan's start, grid and odd-days rule. */
void rp_json_caps_at_loan(caps_at_t *at, const rp_loan_t *loan);

/* Reads the caps object node (at path) and checks flows against it,
 * adding "caps" to root (and stale_lpr to warnings). apr (may be NULL):
 * the flows' APR for annualized_cost; NULL: found here from the flows. */
rp_status rp_json_caps(cJSON *root, cJSON *warnings, const request_t *req, const cJSON *node,
                       const char *path, const rp_flows_t *flows, const caps_at_t *at,
                       const rp_round_t *rc, const rp_root_t *apr, rp_error *err);

/* The tables a loan may need, from the request (--calendar). */
void rp_loan_in_tables(loan_in_t *in, const request_t *req);

/* The request's caps checked on flows, into out: a "caps" object in JSON
 * (its warnings added to "warnings"), key: value lines after a table;
 * refused for csv. */
rp_status rp_json_caps_out(response_t *out, rp_format fmt, const request_t *req,
                           const rp_flows_t *flows, const caps_at_t *at, const rp_round_t *rc,
                           const rp_root_t *apr, rp_error *err);

rp_status rp_json_schedule(response_t *out, const request_t *req, rp_format fmt, rp_error *err);
rp_status rp_json_statement(response_t *out, const request_t *req, rp_format fmt, rp_error *err);
rp_status rp_json_yield(response_t *out, const request_t *req, rp_format fmt, rp_error *err);
rp_status rp_json_restructure(response_t *out, const request_t *req, rp_format fmt, rp_error *err);
rp_status rp_json_compare(response_t *out, const request_t *req, rp_format fmt, rp_error *err);
rp_status rp_json_solve(response_t *out, const request_t *req, rp_format fmt, rp_error *err);
rp_status rp_json_tvm(response_t *out, const request_t *req, rp_format fmt, rp_error *err);
rp_status rp_json_day_count(response_t *out, const request_t *req, rp_format fmt, rp_error *err);

/* Reads $.events (NULL: none) for the loan. */
rp_status rp_json_read_events(rp_events_t *ev, const cJSON *arr, const loan_in_t *loan,
                              rp_error *err);

/* What restructure, compare and solve share: the loan, its events and
 * the lender's discount rate (default: the contract rate on the date). */
typedef struct case_in {
    loan_in_t loan;
    rp_events_t events;
    mpq_t discount_rate;
    int has_discount;
    struct rp_position *position; /* the loan on the date, replayed once for all plans */
    int has_position;
} case_in_t;

/* Reads the case (close it whatever the status). */
rp_status rp_json_case_open(case_in_t *c, const request_t *req, rp_error *err);
void rp_json_case_close(case_in_t *c);

/* Reads a list of component names into a bit set (1 << component);
 * NULL: principal and interest. */
rp_status rp_json_read_keep(unsigned *keep, const cJSON *arr, const char *path, rp_error *err);
/* A list of all six component names, each once, into order[] (an
 * allocation's order, a solve goal's waiving order). */
rp_status rp_json_read_component_order(rp_component *order, const cJSON *item, const char *path,
                                       rp_error *err);

/* Reads an array of actions at path. */
rp_status rp_json_read_actions(rp_actions_t *acts, const cJSON *arr, const char *path,
                               const loan_in_t *loan, rp_error *err);

/* Builds and prices one plan; an error's path is made a request path,
 * actions[i] under path_prefix. */
rp_status rp_json_plan(rp_plan_t *plan, rp_pricing_t *price, case_in_t *c, rp_date_t date,
                       const rp_actions_t *acts, const char *path_prefix, rp_error *err);

/* The summary of a priced plan: payment, term, totals, APR, PV, … */
/* discount_given: the request gave the discount rate (else the contract
 * rate was used, and the summary says so). */
void rp_json_plan_summary(cJSON *o, const rp_plan_t *p, const rp_pricing_t *price, int discount_given,
                          const rp_round_t *rc);

/* How much of a long answer to give: everything (the default), or a
 * summary with the first RP_DETAIL_ROWS rows and how many were left out. */
enum { RP_DETAIL_FULL, RP_DETAIL_SUMMARY, RP_DETAIL_COUNT };
#define RP_DETAIL_ROWS 3
extern const char *const rp_detail_names[RP_DETAIL_COUNT];
void rp_json_plan_rows_detail(cJSON *root, const rp_plan_t *p, const rp_round_t *rc, int detail);

/* The plan's rows as "installments": [{n, due_date, payment, …}]. */
void rp_json_plan_rows(cJSON *root, const rp_plan_t *p, const rp_round_t *rc);

/* The plan's warnings as "warnings": [{"code", "message"}] (none: nothing). */
void rp_json_plan_warnings(cJSON *root, const rp_plan_t *p);

/* Reads an LPR table in data/lpr.json's shape; an error's message names
 * the table by label ("built in", "--lpr file"). */
rp_status rp_json_lpr_table(rp_lpr_t *out, const char *text, size_t len, const char *label,
                            rp_error *err);
/* Reads an array of fixings [{"date", "one_year", "five_year"}] at path. */
rp_status rp_json_lpr_fixings(rp_lpr_t *out, const cJSON *arr, const char *path, rp_error *err);

#endif
