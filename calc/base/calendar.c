/*
 * calendar.c — working days and how a due date that falls on another day
 * moves. A calendar holds holidays and adjusted working days (调休: a
 * weekend made a working day, as the State Council's yearly notices
 * arrange), sorted; everything else follows the week. The data itself is
 * data/cn_calendar.json (built in) or a table given at run time.
 */
#include <stdlib.h>

#include "internal.h"

const char *const rp_roll_names[RP_ROLL_COUNT] = {
    [RP_ROLL_NONE] = "none",
    [RP_ROLL_FOLLOWING] = "following",
    [RP_ROLL_MODIFIED_FOLLOWING] = "modified_following",
    [RP_ROLL_PRECEDING] = "preceding",
};

void rp_calendar_init(rp_calendar_t *c)
{
    c->first_year = c->last_year = 0;
    c->holiday_count = c->workday_count = 0;
    c->holidays = c->workdays = NULL;
}

void rp_calendar_clear(rp_calendar_t *c)
{
    free(c->holidays);
    free(c->workdays);
    rp_calendar_init(c);
}

/* The index where d is, or would go, in a rising list. */
static int find(const rp_date_t *list, int count, rp_date_t d)
{
    int lo = 0, hi = count;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (list[mid] < d)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int listed(const rp_date_t *list, int count, rp_date_t d)
{
    int i = find(list, count, d);
    return i < count && list[i] == d;
}

rp_status rp_calendar_add(rp_calendar_t *c, rp_date_t d, int workday, rp_error *err)
{
    if (listed(workday ? c->holidays : c->workdays, workday ? c->holiday_count : c->workday_count, d))
        return rp_fail(err, RP_E_VALUE, NULL, "a date cannot be both a holiday and a working day");
    rp_date_t **list = workday ? &c->workdays : &c->holidays;
    int *count = workday ? &c->workday_count : &c->holiday_count;
    int i = find(*list, *count, d);
    if (i < *count && (*list)[i] == d)
        return RP_OK; /* listed already */
    rp_date_t *grown = realloc(*list, sizeof *grown * (size_t)(*count + 1));
    if (!grown)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    for (int k = *count; k > i; k--)
        grown[k] = grown[k - 1];
    grown[i] = d;
    *list = grown;
    (*count)++;
    return RP_OK;
}

/* 0 Monday … 6 Sunday: 1970-01-01 (serial 0) was a Thursday. */
static int weekday(rp_date_t d)
{
    int w = (int)(((long)d + 3) % 7);
    return w < 0 ? w + 7 : w;
}

int rp_calendar_is_business_day(const rp_calendar_t *c, rp_date_t d)
{
    if (listed(c->workdays, c->workday_count, d))
        return 1;
    if (listed(c->holidays, c->holiday_count, d))
        return 0;
    return weekday(d) < 5;
}

/* 1 if the rising list holds a date in [from, to]. */
static int any_between(const rp_date_t *list, int count, rp_date_t from, rp_date_t to)
{
    int i = find(list, count, from);
    return i < count && list[i] <= to;
}

int rp_calendar_covers(const rp_calendar_t *c, rp_date_t d)
{
    int y, m, day;
    rp_date_to_ymd(d, &y, &m, &day);
    if (c->first_year > 0 && y >= c->first_year && y <= c->last_year)
        return 1;
    /* a year outside the table's own is covered when holidays or working
     * days are listed in it (a request or file that gives that year's) */
    rp_date_t from = rp_date_from_ymd(y, 1, 1), to = rp_date_from_ymd(y, 12, 31);
    return any_between(c->holidays, c->holiday_count, from, to) ||
           any_between(c->workdays, c->workday_count, from, to);
}

/* The working day from d on (step +1) or back (step −1). No calendar has
 * a year without working days; the bound only keeps a broken table from
 * looping. */
static rp_status step_to_business_day(rp_date_t *out, const rp_calendar_t *c, rp_date_t d, int step,
                                      rp_error *err)
{
    rp_date_t first = rp_date_from_ymd(RP_MIN_YEAR, 1, 1), last = rp_date_from_ymd(RP_MAX_YEAR, 12, 31);
    for (int k = 0; k < 366; k++, d += step) {
        if (d < first || d > last)
            break;
        if (rp_calendar_is_business_day(c, d)) {
            *out = d;
            return RP_OK;
        }
    }
    return rp_fail(err, RP_E_RANGE, NULL, "no working day within a year of the due date");
}

rp_status rp_calendar_roll(rp_date_t *out, const rp_calendar_t *c, rp_date_t d, rp_roll rule,
                           rp_error *err)
{
    if (rule == RP_ROLL_NONE || rp_calendar_is_business_day(c, d)) {
        *out = d;
        return RP_OK;
    }
    rp_date_t r = d; /* set on RP_OK; the initialiser quiets -fPIC builds' maybe-uninitialized */
    rp_status st = step_to_business_day(&r, c, d, rule == RP_ROLL_PRECEDING ? -1 : 1, err);
    if (st == RP_OK && rule == RP_ROLL_MODIFIED_FOLLOWING) {
        int y1, m1, d1, y2, m2, d2;
        rp_date_to_ymd(d, &y1, &m1, &d1);
        rp_date_to_ymd(r, &y2, &m2, &d2);
        if (m1 != m2 || y1 != y2) /* into the next month: the working day before */
            st = step_to_business_day(&r, c, d, -1, err);
    }
    if (st == RP_OK)
        *out = r;
    return st;
}
