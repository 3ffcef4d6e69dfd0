/*
 * op_day_count.c — op "day_count": the year fraction of date pairs under a
 * day-count convention (YEARFRAC, QuantLib's and Strata's day counters),
 * exact, with the day count the 30/360 family counts.
 */
#include <stddef.h>
#include <stdio.h>

#include "ops.h"

typedef struct period_in {
    rp_date_t start, end, period_end;
} period_in_t;

static const field_t period_fields[] = {
    {.name = "start", .kind = FK_DATE, .required = 1, .offset = offsetof(period_in_t, start),
     .doc = "the first date"},
    {.name = "end", .kind = FK_DATE, .required = 1, .offset = offsetof(period_in_t, end),
     .doc = "the second date, not before start"},
    {.name = "period_end", .kind = FK_DATE, .offset = offsetof(period_in_t, period_end),
     .doc = "ACT/365L: the end of the period the dates lie in (default end)"},
};
const object_spec_t rp_spec_day_count_period = {"a pair of dates", RP_FIELDS(period_fields)};

#define MAX_PERIODS 10000

static void add_period(cJSON *list, const period_in_t *p, const mpq_t yf, long days)
{
    cJSON *o = cJSON_CreateObject();
    rp_json_add_date(o, "start", p->start);
    rp_json_add_date(o, "end", p->end);
    rp_json_add_int(o, "days", days);
    rp_json_add_fraction(o, "year_fraction", yf);
    char text[80];
    int places = rp_decimal_places(yf);
    rp_decimal_format(text, sizeof text, yf, places >= 0 && places <= 15 ? places : 15,
                      RP_ROUND_HALF_EVEN);
    cJSON_AddStringToObject(o, "decimal", text);
    cJSON_AddItemToArray(list, o);
}

rp_status rp_json_day_count(response_t *out, const request_t *req, rp_format fmt, rp_error *err)
{
    if (req->day_count == RP_DC_PERIOD)
        return rp_fail(err, RP_E_VALUE, "$.day_count",
                       "period charges each period the periodic rate: it has no year fraction");
    if (!cJSON_IsArray(req->periods))
        return rp_fail(err, RP_E_TYPE, "$.periods", "expected an array of {start, end}, found %s",
                       rp_json_type_name(req->periods));
    rp_dc_context_t ctx;
    rp_dc_context_init(&ctx);
    ctx.anchor = req->anchor;
    ctx.frequency = req->frequency >= 0 ? (rp_frequency)req->frequency : RP_FREQ_ANNUAL;
    ctx.end_of_month = req->end_of_month;
    ctx.maturity = req->maturity;
    cJSON *root = out->json ? out->json : cJSON_CreateObject();
    cJSON_AddStringToObject(root, "day_count", rp_day_count_names[req->day_count]);
    cJSON *list = cJSON_AddArrayToObject(root, "periods");
    mpq_t yf;
    mpq_init(yf);
    rp_status st = RP_OK;
    int i = 0;
    for (const cJSON *m = req->periods->child; m && st == RP_OK; m = m->next, i++) {
        char path[RP_PATH_MAX];
        snprintf(path, sizeof path, "$.periods[%d]", i);
        if (i >= MAX_PERIODS) {
            st = rp_fail(err, RP_E_RANGE, "$.periods", "at most %d pairs of dates", MAX_PERIODS);
            break;
        }
        period_in_t p = {RP_DATE_NONE, RP_DATE_NONE, RP_DATE_NONE};
        st = rp_fields_read(&p, m, &rp_spec_day_count_period, path, err);
        long days = 0;
        ctx.period_end = p.period_end;
        if (st == RP_OK)
            st = rp_year_fraction_in(yf, &days, (rp_day_count)req->day_count, p.start, p.end, &ctx,
                                     err);
        if (st == RP_OK)
            add_period(list, &p, yf, days);
        else if (err && err->path[0] != '$')
            snprintf(err->path, sizeof err->path, "%s.end", path);
    }
    if (st == RP_OK && fmt != RP_FORMAT_JSON)
        rp_json_render_flat(&out->text, fmt, root);
    if (root != out->json)
        cJSON_Delete(root);
    mpq_clear(yf);
    return st;
}
