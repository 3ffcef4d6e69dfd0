/*
 * daycount.c — year fractions under the usual day-count conventions.
 * Results are exact rationals; nothing is rounded here.
 *
 * The 30/360 family and ACT/ACT ICMA follow ISDA 2006 Definitions 4.16 and
 * the ICMA rule book as QuantLib and OpenGamma Strata implement them (their
 * test values are repay's fixtures: fixtures/daycount/).
 */
#include "grid.h"

const char *const rp_day_count_names[RP_DC_COUNT] = {
    [RP_DC_PERIOD] = "period", [RP_DC_ACT_360] = "ACT/360", [RP_DC_ACT_365] = "ACT/365",
    [RP_DC_ACT_ACT] = "ACT/ACT", [RP_DC_30_360] = "30/360",  [RP_DC_30E_360] = "30E/360",
    [RP_DC_30_360_ISDA] = "30/360 ISDA", [RP_DC_30E_360_ISDA] = "30E/360 ISDA",
    [RP_DC_ACT_ACT_ICMA] = "ACT/ACT ICMA", [RP_DC_ACT_365L] = "ACT/365L",
    [RP_DC_ACT_366] = "ACT/366",
};

void rp_dc_context_init(rp_dc_context_t *ctx)
{
    ctx->anchor = RP_DATE_NONE;
    ctx->frequency = RP_FREQ_ANNUAL;
    ctx->end_of_month = 0;
    ctx->period_end = RP_DATE_NONE;
    ctx->maturity = RP_DATE_NONE;
}

static int is_last_of_february(int y, int m, int d)
{
    return m == 2 && d == rp_days_in_month(y, 2);
}

/* 30/360 day count: 360·ΔY + 30·ΔM + ΔD after adjusting the days. */
static long days_30_360(rp_date_t d1, rp_date_t d2, rp_day_count dc, rp_date_t maturity)
{
    int y1, m1, dd1, y2, m2, dd2;
    rp_date_to_ymd(d1, &y1, &m1, &dd1);
    rp_date_to_ymd(d2, &y2, &m2, &dd2);
    switch (dc) {
    case RP_DC_30E_360: /* any 31st counts as the 30th */
        if (dd1 == 31)
            dd1 = 30;
        if (dd2 == 31)
            dd2 = 30;
        break;
    case RP_DC_30_360_ISDA: /* bond basis: D2's 31st only after a D1 of the 30th */
        if (dd1 == 31)
            dd1 = 30;
        if (dd2 == 31 && dd1 == 30)
            dd2 = 30;
        break;
    case RP_DC_30E_360_ISDA: /* February's last day too, but not D2 on the maturity */
        if (dd1 == 31 || is_last_of_february(y1, m1, dd1))
            dd1 = 30;
        if (dd2 == 31 || (is_last_of_february(y2, m2, dd2) && d2 != maturity))
            dd2 = 30;
        break;
    default: { /* 30/360 US (SIA): February's last day counts as the 30th */
        int feb1 = is_last_of_february(y1, m1, dd1);
        if (feb1 && is_last_of_february(y2, m2, dd2))
            dd2 = 30;
        if (feb1)
            dd1 = 30;
        if (dd2 == 31 && dd1 >= 30)
            dd2 = 30;
        if (dd1 == 31)
            dd1 = 30;
    }
    }
    return 360L * (y2 - y1) + 30L * (m2 - m1) + (dd2 - dd1);
}

/* ISDA: the days falling in each calendar year over that year's length. */
static void act_act_isda(mpq_t out, rp_date_t d1, rp_date_t d2)
{
    int y1, y2, m, d;
    rp_date_to_ymd(d1, &y1, &m, &d);
    rp_date_to_ymd(d2, &y2, &m, &d);
    mpq_t part;
    mpq_init(part);
    mpq_set_ui(out, 0, 1);
    for (int y = y1; y <= y2; y++) {
        rp_date_t from = y == y1 ? d1 : rp_date_from_ymd(y, 1, 1);
        rp_date_t to = y == y2 ? d2 : rp_date_from_ymd(y + 1, 1, 1);
        mpq_set_si(part, (long)to - from, rp_is_leap_year(y) ? 366 : 365);
        mpq_canonicalize(part);
        rp_qadd(out, out, part);
    }
    mpq_clear(part);
}

/* ICMA: over each period [g_j, g_j+1) of the grid the dates touch, the
 * days inside it / (its days × periods a year) — a regular period is
 * exactly 1/ppy, a stub its share of the quasi-period it lies in. */
static void act_act_icma(mpq_t out, rp_date_t d1, rp_date_t d2, const rp_dc_context_t *ctx)
{
    rp_grid_t g = rp_grid_at(ctx->anchor != RP_DATE_NONE ? ctx->anchor : d1, ctx->frequency);
    if (ctx->end_of_month)
        g.day = 31;
    long ppy = rp_frequency_per_year(ctx->frequency);
    mpq_t part;
    mpq_init(part);
    mpq_set_ui(out, 0, 1);
    for (long j = rp_grid_floor(&g, d1); rp_grid_point(&g, j) < d2; j++) {
        rp_date_t a = rp_grid_point(&g, j), b = rp_grid_point(&g, j + 1);
        rp_date_t from = a > d1 ? a : d1, to = b < d2 ? b : d2;
        mpq_set_si(part, (long)to - from, (unsigned long)((long)(b - a) * ppy));
        mpq_canonicalize(part); /* b > a */
        rp_qadd(out, out, part);
    }
    mpq_clear(part);
}

/* ACT/365L (ISDA 2006 4.16(i), "ISMA-Year"): 366 for an annual period
 * holding a February 29, or any other period that ends in a leap year. */
static unsigned long act_365l_basis(rp_date_t d1, rp_date_t d2, const rp_dc_context_t *ctx)
{
    rp_date_t end = ctx && ctx->period_end != RP_DATE_NONE ? ctx->period_end : d2;
    int y, m, d;
    if (ctx && rp_frequency_per_year(ctx->frequency) == 1) {
        rp_date_to_ymd(d1, &y, &m, &d);
        int ye;
        rp_date_to_ymd(end, &ye, &m, &d);
        for (int year = y; year <= ye; year++)
            if (rp_is_leap_year(year)) {
                rp_date_t feb29 = rp_date_from_ymd(year, 2, 29);
                if (feb29 > d1 && feb29 <= end)
                    return 366;
            }
        return 365;
    }
    rp_date_to_ymd(end, &y, &m, &d);
    return rp_is_leap_year(y) ? 366 : 365;
}

rp_status rp_year_fraction_in(mpq_t out, long *days_out, rp_day_count dc, rp_date_t d1,
                              rp_date_t d2, const rp_dc_context_t *ctx, rp_error *err)
{
    if (d1 > d2)
        return rp_fail(err, RP_E_VALUE, NULL, "a day count needs the earlier date first");
    long days = (long)d2 - d1;
    switch (dc) {
    case RP_DC_ACT_360:
        mpq_set_si(out, days, 360);
        break;
    case RP_DC_ACT_365:
        mpq_set_si(out, days, 365);
        break;
    case RP_DC_ACT_366:
        mpq_set_si(out, days, 366);
        break;
    case RP_DC_30_360:
    case RP_DC_30E_360:
    case RP_DC_30_360_ISDA:
    case RP_DC_30E_360_ISDA:
        days = days_30_360(d1, d2, dc, ctx ? ctx->maturity : RP_DATE_NONE);
        mpq_set_si(out, days, 360);
        break;
    case RP_DC_ACT_ACT:
        act_act_isda(out, d1, d2);
        break;
    case RP_DC_ACT_ACT_ICMA: {
        rp_dc_context_t annual;
        rp_dc_context_init(&annual);
        act_act_icma(out, d1, d2, ctx ? ctx : &annual);
        break;
    }
    case RP_DC_ACT_365L:
        mpq_set_si(out, days, act_365l_basis(d1, d2, ctx));
        break;
    case RP_DC_PERIOD:
    default:
        return rp_fail(err, RP_E_VALUE, NULL, "the 'period' convention has no year fraction");
    }
    mpq_canonicalize(out);
    if (days_out)
        *days_out = days;
    return RP_OK;
}

rp_status rp_year_fraction(mpq_t out, rp_day_count dc, rp_date_t d1, rp_date_t d2, rp_error *err)
{
    return rp_year_fraction_in(out, NULL, dc, d1, d2, NULL, err);
}
