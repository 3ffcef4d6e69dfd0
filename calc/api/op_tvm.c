/*
 * op_tvm.c — op "tvm": the time value of money a spreadsheet user brings
 * (FV, PV, PMT, NPER, RATE), exact where the answer is a rational and
 * within proven bounds where it is not.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ops.h"

/* the longest fraction written beside a decimal that does not terminate */
#define FRACTION_DIGITS 200

/* A rational answer: exact when it terminates in 60 places, else 30
 * places rounded half even; and as a fraction when it is short enough. */
static void add_rational(cJSON *root, const char *key, const char *fraction_key, const mpq_t x)
{
    char text[160];
    int places = rp_decimal_places(x);
    int exact = places >= 0 && places <= 60;
    rp_decimal_format(text, sizeof text, x, exact ? places : 30, RP_ROUND_HALF_EVEN);
    cJSON_AddStringToObject(root, key, text);
    if (mpz_sizeinbase(mpq_numref(x), 10) + mpz_sizeinbase(mpq_denref(x), 10) <= FRACTION_DIGITS)
        rp_json_add_fraction(root, fraction_key, x);
    cJSON_AddBoolToObject(root, "exact", exact);
}

static void add_bounds(cJSON *obj, const char *key, const rp_root_t *r)
{
    cJSON *b = cJSON_AddArrayToObject(obj, key);
    char text[96];
    rp_decimal_format(text, sizeof text, r->low, 20, RP_ROUND_FLOOR);
    cJSON_AddItemToArray(b, cJSON_CreateString(text));
    rp_decimal_format(text, sizeof text, r->high, 20, RP_ROUND_CEILING);
    cJSON_AddItemToArray(b, cJSON_CreateString(text));
}

/* Which inputs each answer needs. */
static rp_status read_terms(rp_tvm_t *t, const request_t *req, rp_error *err)
{
    static const char *const names[] = {"nper", "pmt", "pv", "fv"};
    const cJSON *given[] = {req->nper, req->pmt, req->pv, req->fv};
    mpq_ptr into[] = {t->nper, t->pmt, t->pv, t->fv};
    rp_status st = RP_OK;
    if (req->solve != RP_TVM_RATE && !req->tvm_rate)
        return rp_fail(err, RP_E_MISSING, "$.rate", "the rate per period is required");
    if (req->solve == RP_TVM_RATE && req->tvm_rate)
        return rp_fail(err, RP_E_VALUE, "$.rate", "solve rate finds the rate: leave it out");
    for (int i = 0; i < 4 && st == RP_OK; i++) {
        char path[32];
        snprintf(path, sizeof path, "$.%s", names[i]);
        int solved = rp_name_index(rp_tvm_names, RP_TVM_COUNT, names[i]) == req->solve;
        if (solved && given[i])
            st = rp_fail(err, RP_E_VALUE, path, "%s is what is solved for: leave it out", names[i]);
        else if (i == 0 && !solved && !given[i])
            st = rp_fail(err, RP_E_MISSING, path, "nper is required");
        else if (given[i])
            st = rp_fields_decimal(into[i], given[i], path, err);
    }
    if (st == RP_OK && req->tvm_rate)
        st = rp_json_read_share(&t->rate, req->tvm_rate, "$.rate", err);
    if (st == RP_OK && req->tvm_periods > 1) /* an annual rate: a period's part of it */
        rp_rate_per_period(t->rate, t->rate, req->tvm_periods);
    t->type = req->type;
    t->per = req->per;
    t->first = req->start_period;
    t->last = req->end_period;
    if (st == RP_OK && (req->solve == RP_TVM_CUMIPMT || req->solve == RP_TVM_CUMPRINC) &&
        (mpq_sgn(t->pv) <= 0 || mpq_sgn(t->rate) <= 0))
        st = rp_fail(err, RP_E_VALUE, mpq_sgn(t->pv) <= 0 ? "$.pv" : "$.rate",
                     "cumipmt and cumprinc take a positive pv and rate, as the spreadsheets do");
    int part = req->solve == RP_TVM_IPMT || req->solve == RP_TVM_PPMT;
    int cumulative = req->solve == RP_TVM_CUMIPMT || req->solve == RP_TVM_CUMPRINC;
    if (st == RP_OK && part != (req->per > 0))
        st = rp_fail(err, part ? RP_E_MISSING : RP_E_VALUE, "$.per",
                     part ? "ipmt and ppmt need per" : "per is for ipmt and ppmt");
    if (st == RP_OK && cumulative != (req->start_period > 0 || req->end_period > 0))
        st = rp_fail(err, cumulative ? RP_E_MISSING : RP_E_VALUE, "$.start_period",
                     cumulative ? "cumipmt and cumprinc need start_period and end_period"
                                : "start_period and end_period are for cumipmt and cumprinc");
    return st;
}

static rp_status answer(cJSON *root, cJSON *warnings, const rp_tvm_t *t, int solve,
                        const mpq_t precision, rp_error *err)
{
    cJSON_AddStringToObject(root, "solve", rp_tvm_names[solve]);
    rp_status st;
    if (solve == RP_TVM_NPER) {
        rp_root_t n;
        mpq_inits(n.low, n.high, NULL);
        st = rp_tvm_nper(&n, t, precision, err);
        if (st == RP_OK) {
            rp_json_add_bounded(root, "nper", n.low, n.high, 12);
            add_bounds(root, "nper_bounds", &n);
        }
        mpq_clears(n.low, n.high, NULL);
    } else if (solve == RP_TVM_RATE) {
        rp_irr_t irr;
        rp_irr_init(&irr);
        st = rp_tvm_rate(&irr, t, precision, err);
        if (st == RP_OK && irr.count == 1) {
            rp_json_add_bounded(root, "rate", irr.roots[0].low, irr.roots[0].high, 12);
            add_bounds(root, "rate_bounds", &irr.roots[0]);
        } else if (st == RP_OK) {
            cJSON_AddNullToObject(root, "rate");
            cJSON *w = cJSON_CreateObject();
            cJSON_AddStringToObject(w, "code", irr.count ? "several_roots" : "no_root");
            cJSON_AddStringToObject(w, "message", irr.count
                                    ? "several rates fit these terms: see roots"
                                    : "no rate between -99% and 1000% a period fits these terms");
            cJSON_AddItemToArray(warnings, w);
            cJSON *list = irr.count ? cJSON_AddArrayToObject(root, "roots") : NULL;
            for (int i = 0; i < irr.count; i++) {
                cJSON *o = cJSON_CreateObject();
                rp_json_add_bounded(o, "rate", irr.roots[i].low, irr.roots[i].high, 12);
                cJSON_AddItemToArray(list, o);
            }
        }
        rp_irr_clear(&irr);
    } else {
        mpq_t x;
        mpq_init(x);
        st = rp_tvm_exact(x, (rp_tvm_solve)solve, t, err);
        if (st == RP_OK)
            add_rational(root, rp_tvm_names[solve], "fraction", x);
        mpq_clear(x);
    }
    if (st != RP_OK && err && err->path[0] != '$')
        rp_error_prefix(err, "$");
    return st;
}

rp_status rp_json_tvm(response_t *out, const request_t *req, rp_format fmt, rp_error *err)
{
    rp_tvm_t t;
    rp_tvm_init(&t);
    mpq_t precision;
    mpq_init(precision);
    cJSON *root = out->json ? out->json : cJSON_CreateObject();
    cJSON *warnings = cJSON_CreateArray();
    rp_status st = rp_json_precision(precision, req->precision, err);
    if (st == RP_OK)
        st = read_terms(&t, req, err);
    if (st == RP_OK) { /* a thousandth of the precision: every printed digit settled */
        mpq_t fine;
        mpq_init(fine);
        rp_precision_per_period(fine, precision, 1);
        st = answer(root, warnings, &t, req->solve, fine, err);
        mpq_clear(fine);
    }
    if (st == RP_OK && cJSON_GetArraySize(warnings) > 0) {
        cJSON_AddItemToObject(root, "warnings", warnings);
        warnings = NULL;
    }
    if (st == RP_OK && fmt != RP_FORMAT_JSON)
        rp_json_render_flat(&out->text, fmt, root);
    cJSON_Delete(warnings);
    if (root != out->json)
        cJSON_Delete(root);
    mpq_clear(precision);
    rp_tvm_clear(&t);
    return st;
}
