/*
 * grid.c — a grid of dates one period apart: anchor ± j periods, months
 * anchored on a day of month (31 keeps to month ends) and clamped to each
 * month's last day, or steps of whole days. Due dates, the time of a cash
 * flow (schedule/timing.c) and the reference periods of ACT/ACT ICMA all
 * count along one. No year limits here: a point before 1900 is fine.
 */
#include "grid.h"

static long floor_div(long a, long b)
{
    long q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

rp_grid_t rp_grid_at(rp_date_t anchor, rp_frequency f)
{
    int y, m, d;
    rp_date_to_ymd(anchor, &y, &m, &d);
    return (rp_grid_t){anchor, d, f};
}

rp_date_t rp_grid_months_back(rp_date_t from, int months, int day)
{
    int y, m, d;
    rp_date_to_ymd(from, &y, &m, &d);
    long total = (long)y * 12 + (m - 1) - months;
    int ny = (int)floor_div(total, 12), nm = (int)(total - (long)ny * 12) + 1;
    int last = rp_days_in_month(ny, nm);
    return rp_date_from_ymd(ny, nm, day < last ? day : last);
}

rp_date_t rp_grid_point(const rp_grid_t *g, long j)
{
    int months = rp_frequency_months(g->f);
    if (!months)
        return (rp_date_t)(g->anchor + j * rp_frequency_days(g->f));
    return rp_grid_months_back(g->anchor, (int)(-j * months), g->day);
}

long rp_grid_floor(const rp_grid_t *g, rp_date_t date)
{
    int months = rp_frequency_months(g->f);
    if (!months)
        return floor_div((long)date - g->anchor, rp_frequency_days(g->f));
    int ya, ma, da, yd, md, dd;
    rp_date_to_ymd(g->anchor, &ya, &ma, &da);
    rp_date_to_ymd(date, &yd, &md, &dd);
    long j = floor_div((long)(yd - ya) * 12 + (md - ma), months);
    while (rp_grid_point(g, j + 1) <= date)
        j++;
    while (rp_grid_point(g, j) > date)
        j--;
    return j;
}
