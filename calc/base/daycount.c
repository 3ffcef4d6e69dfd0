/*
 * daycount.c — year fractions under the usual day-count conventions.
 * Results are exact rationals; nothing is rounded here.
 */
#include "internal.h"

const char *const rp_day_count_names[RP_DC_COUNT] = {
    [RP_DC_PERIOD] = "period", [RP_DC_ACT_360] = "ACT/360", [RP_DC_ACT_365] = "ACT/365",
    [RP_DC_ACT_ACT] = "ACT/ACT", [RP_DC_30_360] = "30/360",  [RP_DC_30E_360] = "30E/360",
};

static int is_last_of_february(int y, int m, int d)
{
    return m == 2 && d == rp_days_in_month(y, 2);
}

/* 30/360 day count: 360·ΔY + 30·ΔM + ΔD after adjusting the days. */
static long days_30_360(rp_date_t d1, rp_date_t d2, int european)
{
    int y1, m1, dd1, y2, m2, dd2;
    rp_date_to_ymd(d1, &y1, &m1, &dd1);
    rp_date_to_ymd(d2, &y2, &m2, &dd2);
    if (european) {
        /* 30E/360: any 31st counts as the 30th. */
        if (dd1 == 31)
            dd1 = 30;
        if (dd2 == 31)
            dd2 = 30;
    } else {
        /* 30/360 US (SIA): February's last day counts as the 30th. */
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
    return 360L * (y2 - y1) + 30L * (m2 - m1) + (dd2 - dd1);
}

rp_status rp_year_fraction(mpq_t out, rp_day_count dc, rp_date_t d1, rp_date_t d2, rp_error *err)
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
    case RP_DC_30_360:
        mpq_set_si(out, days_30_360(d1, d2, 0), 360);
        break;
    case RP_DC_30E_360:
        mpq_set_si(out, days_30_360(d1, d2, 1), 360);
        break;
    case RP_DC_ACT_ACT: {
        /* ISDA: the days falling in each calendar year over that year's length. */
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
        break;
    }
    case RP_DC_PERIOD:
    default:
        return rp_fail(err, RP_E_VALUE, NULL, "the 'period' convention has no year fraction");
    }
    mpq_canonicalize(out);
    return RP_OK;
}
