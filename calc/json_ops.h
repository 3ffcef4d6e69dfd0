/*
 * json_ops.h — what the op files (json_schedule.c, json_statement.c) share
 * with the dispatcher (json.c) and the loan reader (json_loan.c).
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
} rate_in_t;

/* $.loan as read: the contract, its rounding context and its terms. */
typedef struct loan_in {
    rp_loan_t loan;
    rate_in_t rate;
    rp_round_t rounding;
    rp_terms_t terms;
    rate_in_t penalty_rate; /* $.loan.overdue.penalty_rate, as given */
} loan_in_t;

void rp_loan_in_init(loan_in_t *in);
void rp_loan_in_clear(loan_in_t *in);

/* Reads $.loan into in and checks it (rp_loan_check). */
rp_status rp_loan_in_read(loan_in_t *in, const cJSON *item, rp_error *err);

/* A field reader for rates: "4.9%", 0.049, "日万分之五", {"monthly": "0.5%"};
 * target is a rate_in_t. */
rp_status rp_json_read_rate(void *target, const cJSON *item, const char *path, rp_error *err);

/* out = the rate as an annual rate. */
void rp_rate_in_annual(mpq_t out, const rate_in_t *r, int daily_basis);

/* A request as read by the dispatcher; op files read the rest. */
typedef struct request {
    int op;
    const cJSON *id;
    const cJSON *loan;
    rp_date_t as_of;
    const cJSON *events;
    const cJSON *buckets;
    int classification;
    /* op yield */
    const cJSON *cash_flows;
    int periods_per_year;
    int basis;
    const cJSON *precision;
    const cJSON *discount_rate;
    const cJSON *caps;
    const char *lpr_json;    /* the LPR table to use (rp_options_t), or NULL */
    size_t lpr_len;
} request_t;

typedef struct response {
    cJSON *json;   /* the JSON response, ok/op/id already in it */
    rp_buf_t text; /* or the rendered text (table, csv)         */
} response_t;

/* A field reader that keeps the subtree for later (target: const cJSON *). */
rp_status rp_json_keep(void *target, const cJSON *item, const char *path, rp_error *err);

rp_status rp_json_schedule(response_t *out, const request_t *req, rp_format fmt, rp_error *err);
rp_status rp_json_statement(response_t *out, const request_t *req, rp_format fmt, rp_error *err);
rp_status rp_json_yield(response_t *out, const request_t *req, rp_format fmt, rp_error *err);

/* Reads an LPR table in data/lpr.json's shape; an error's message names
 * the table by label ("built in", "--lpr file"). */
rp_status rp_json_lpr_table(rp_lpr_t *out, const char *text, size_t len, const char *label,
                            rp_error *err);
/* Reads an array of fixings [{"date", "one_year", "five_year"}] at path. */
rp_status rp_json_lpr_fixings(rp_lpr_t *out, const cJSON *arr, const char *path, rp_error *err);

#endif
