/*
 * lpr_pricing.c — LPR 加点: a loan's rate as the 1-year or 5-year LPR plus
 * a spread, repriced on its repricing dates from the LPR then in force.
 *
 * The rules (PBoC announcement on new commercial housing loans, 2019-10-08,
 * and No. 30 [2019] on converting existing loans): the spread, in basis
 * points, may be negative and is fixed for the contract's life; on each
 * repricing date the rate becomes the latest LPR of the tenor plus the
 * spread; a mortgage's repricing period is at least a year — January 1 or
 * the loan's anniversary — and a contract may state another of 1 to 12
 * months. "The latest LPR" is read as the banks' notices word it: the
 * fixing in force on the day before the repricing date (REPRICE_FIXING_LAG).
 * The first rate is the fixing in force on the contract date (the start
 * date unless given) plus the spread, or a rate the contract keeps until
 * the first repricing (a converted loan keeps its old rate until then).
 */
#include <stdlib.h>

#include "base/internal.h"

/* the fixing a repricing uses: in force this many days before it */
#define REPRICE_FIXING_LAG 1
/* a table last checked more than this many days before a fixing it is
 * asked for may miss a newer one (fixings come monthly, around the 20th) */
#define LPR_STALE_DAYS 31
/* a repricing period stated in a contract: 1 … 12 months */
#define REPRICE_MONTHS_MAX 12

const char *const rp_lpr_tenor_names[RP_LPR_TENOR_COUNT] = {
    [RP_LPR_ONE_YEAR] = "1y",
    [RP_LPR_FIVE_YEAR] = "5y",
};

const char *const rp_repricing_rule_names[RP_REPRICE_RULE_COUNT] = {
    [RP_REPRICE_JANUARY_1] = "january_1",
    [RP_REPRICE_ANNIVERSARY] = "anniversary",
    [RP_REPRICE_MONTHS] = "months",
};

void rp_lpr_pricing_init(rp_lpr_pricing_t *p)
{
    p->tenor = RP_LPR_FIVE_YEAR;
    mpq_inits(p->spread, p->initial_rate, NULL);
    p->rule = RP_REPRICE_JANUARY_1;
    p->months = 12;
    p->has_initial = 0;
    p->contract_date = RP_DATE_NONE;
    p->shift_count = 0;
    for (int i = 0; i < RP_MAX_LPR_SHIFTS; i++)
        mpq_init(p->shift[i]);
    p->table = NULL;
}

void rp_lpr_pricing_clear(rp_lpr_pricing_t *p)
{
    mpq_clears(p->spread, p->initial_rate, NULL);
    for (int i = 0; i < RP_MAX_LPR_SHIFTS; i++)
        mpq_clear(p->shift[i]);
}

static void entry_init(rp_repricing_t *e)
{
    e->date = e->fixing_date = RP_DATE_NONE;
    e->stale = 0;
    mpq_inits(e->lpr, e->shift, e->rate, NULL);
}

static void entry_clear(rp_repricing_t *e)
{
    mpq_clears(e->lpr, e->shift, e->rate, NULL);
}

void rp_repricings_init(rp_repricings_t *r)
{
    r->count = 0;
    r->items = NULL;
    r->has_fixing = 0;
    entry_init(&r->initial);
}

void rp_repricings_clear(rp_repricings_t *r)
{
    for (int i = 0; i < r->count; i++)
        entry_clear(&r->items[i]);
    free(r->items);
    entry_clear(&r->initial);
    r->count = 0;
    r->items = NULL;
}

/* e = the rate from the fixing in force on day: the tenor's LPR, the
 * shifts from on or before day, the spread. */
static rp_status rate_from_fixing(rp_repricing_t *e, const rp_lpr_pricing_t *p, rp_date_t day,
                                  rp_error *err)
{
    int at = p->table ? rp_lpr_find(p->table, day) : -1;
    if (at < 0) {
        char text[RP_DATE_TEXT];
        rp_date_format(text, day);
        return rp_fail(err, RP_E_RANGE, "rate", "the LPR table has no fixing on or before %s", text);
    }
    e->fixing_date = p->table->dates[at];
    mpq_set(e->lpr, p->tenor == RP_LPR_ONE_YEAR ? p->table->one_year[at] : p->table->five_year[at]);
    mpq_set_ui(e->shift, 0, 1);
    for (int i = 0; i < p->shift_count; i++)
        if (p->shift_from[i] <= day)
            rp_qadd(e->shift, e->shift, p->shift[i]);
    rp_qadd(e->lpr, e->lpr, e->shift);
    rp_qadd(e->rate, e->lpr, p->spread);
    e->stale = p->table->checked_through != RP_DATE_NONE &&
               day > p->table->checked_through + LPR_STALE_DAYS;
    if (mpq_sgn(e->rate) < 0)
        return rp_fail(err, RP_E_VALUE, "rate", "the LPR plus the spread is below 0");
    if (mpq_cmp_ui(e->rate, RP_MAX_RATE_PERCENT / 100, 1) > 0)
        return rp_fail(err, RP_E_RANGE, "rate", "the LPR plus the spread is over %d%%",
                       RP_MAX_RATE_PERCENT);
    return RP_OK;
}

/* The k-th repricing date after start (k ≥ 1). */
static rp_status repricing_date(rp_date_t *out, const rp_lpr_pricing_t *p, rp_date_t start, int k,
                                rp_error *err)
{
    if (p->rule == RP_REPRICE_JANUARY_1) {
        int y, m, d;
        rp_date_to_ymd(start, &y, &m, &d);
        if (y + k > RP_MAX_YEAR)
            return rp_fail(err, RP_E_RANGE, NULL, "past the date limits");
        *out = rp_date_from_ymd(y + k, 1, 1);
        return RP_OK;
    }
    int months = p->rule == RP_REPRICE_ANNIVERSARY ? 12 : p->months;
    return rp_date_add_months(out, start, months * k, err);
}

static rp_status push(rp_repricings_t *r, int *cap, rp_repricing_t **e, rp_error *err)
{
    if (r->count == *cap) {
        int grown = *cap ? *cap * 2 : 16;
        rp_repricing_t *items = realloc(r->items, sizeof *items * (size_t)grown);
        if (!items)
            return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
        r->items = items;
        *cap = grown;
    }
    *e = &r->items[r->count++];
    entry_init(*e);
    return RP_OK;
}

rp_status rp_lpr_repricings(rp_repricings_t *out, const rp_lpr_pricing_t *p, rp_date_t start,
                            rp_date_t until, rp_error *err)
{
    if (p->rule == RP_REPRICE_MONTHS && (p->months < 1 || p->months > REPRICE_MONTHS_MAX))
        return rp_fail(err, RP_E_VALUE, "rate.repricing_months",
                       "a repricing period is 1 to %d months", REPRICE_MONTHS_MAX);
    rp_repricings_t r;
    rp_repricings_init(&r);
    rp_status st = RP_OK;
    r.initial.date = start;
    if (p->has_initial) {
        mpq_set(r.initial.rate, p->initial_rate);
    } else {
        r.has_fixing = 1;
        st = rate_from_fixing(&r.initial, p, p->contract_date != RP_DATE_NONE ? p->contract_date
                                                                               : start, err);
    }
    int cap = 0;
    for (int k = 1; st == RP_OK; k++) {
        rp_date_t d;
        if (repricing_date(&d, p, start, k, NULL) != RP_OK || d > until)
            break;
        rp_repricing_t *e = NULL;
        st = push(&r, &cap, &e, err);
        if (st == RP_OK) {
            e->date = d;
            st = rate_from_fixing(e, p, d - REPRICE_FIXING_LAG, err);
        }
    }
    if (st == RP_OK) {
        rp_repricings_clear(out);
        *out = r;
    } else {
        rp_repricings_clear(&r);
    }
    return st;
}
