/*
 * timing.c — when a cash flow falls, in periods of a schedule's grid.
 *
 * Rates and present values of a plan need the time of each flow after an
 * origin (the loan's start, a restructure date). Regulation Z, Appendix J
 * (the actuarial method) counts it so: whole unit-periods back from the
 * flow's date, and the odd days left at the start as a fraction of a
 * period, which bears simple interest: a flow is discounted by
 * (1 + f·i)(1 + i)^t. repay counts the whole periods along the schedule's
 * own grid of due dates (so a loan anchored on the 31st keeps its month
 * ends), and measures the odd days against the actual days of the grid
 * period they fall in — the fraction of a period as ACT/ACT ICMA measures
 * one — where Appendix J would take a 30-day month. A flow off the grid
 * is counted back from its own date.
 */
#include "schedule.h"

/* Months in a period, or 0 for periods counted in days. */
static int months_per(rp_frequency f)
{
    static const int months[RP_FREQ_COUNT] = {
        [RP_FREQ_MONTHLY] = 1, [RP_FREQ_QUARTERLY] = 3, [RP_FREQ_SEMIANNUAL] = 6,
        [RP_FREQ_ANNUAL] = 12,  [RP_FREQ_BIWEEKLY] = 0,  [RP_FREQ_WEEKLY] = 0};
    return (unsigned)f < RP_FREQ_COUNT ? months[f] : 1;
}

static int days_per(rp_frequency f)
{
    return f == RP_FREQ_WEEKLY ? 7 : 14;
}

static long floor_div(long a, long b)
{
    long q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

const char *const rp_odd_days_names[RP_ODD_COUNT] = {
    [RP_ODD_ACTUAL] = "actual",
    [RP_ODD_REG_Z] = "reg_z",
};

/* A grid of due dates: anchor + j periods, on the anchor's day of month
 * (or `day`: 31 keeps to month ends), clamped to the month's last day. */
typedef struct grid {
    rp_date_t anchor;
    int day;
    rp_frequency f;
} grid_t;

static grid_t grid_at(rp_date_t anchor, rp_frequency f)
{
    int y, m, d;
    rp_date_to_ymd(anchor, &y, &m, &d);
    return (grid_t){anchor, d, f};
}

/* Months from one date to a later one, whole, by the day of month (a
 * month end to a month end is whole: Reg Z App. J (b)(3)(iv)). */
static rp_date_t months_back(rp_date_t from, int months, int day)
{
    int y, m, d;
    rp_date_to_ymd(from, &y, &m, &d);
    long total = (long)y * 12 + (m - 1) - months;
    int ny = (int)floor_div(total, 12), nm = (int)(total - (long)ny * 12) + 1;
    int last = rp_days_in_month(ny, nm);
    return rp_date_from_ymd(ny, nm, day < last ? day : last);
}

/* No year limits here: a point one period before 1900 is fine. */
static rp_date_t grid_point(const grid_t *g, long j)
{
    int months = months_per(g->f);
    if (!months)
        return (rp_date_t)(g->anchor + j * days_per(g->f));
    return months_back(g->anchor, (int)(-j * months), g->day);
}

/* The index of the last grid point on or before date. */
static long grid_floor(const grid_t *g, rp_date_t date)
{
    int months = months_per(g->f);
    if (!months)
        return floor_div((long)date - g->anchor, days_per(g->f));
    int ya, ma, da, yd, md, dd;
    rp_date_to_ymd(g->anchor, &ya, &ma, &da);
    rp_date_to_ymd(date, &yd, &md, &dd);
    long j = floor_div((long)(yd - ya) * 12 + (md - ma), months);
    while (grid_point(g, j + 1) <= date)
        j++;
    while (grid_point(g, j) > date)
        j--;
    return j;
}

/* Reg Z App. J (b)(5): the odd part from origin to first (less than a
 * period), as odd / period_days. Months: 30 days each, counted back from
 * `first` (30·m + days over 30·k for a k-month period); a year's odd part
 * is its months / 12 when whole, else its days / 365; weeks by their days. */
static void reg_z_fraction(rp_when_t *w, rp_date_t origin, rp_date_t first, const grid_t *g)
{
    int k = months_per(g->f);
    if (!k) {
        w->odd = (int)(first - origin);
        w->period_days = days_per(g->f);
        return;
    }
    int m = 0;
    while (m + 1 < k && months_back(first, m + 1, g->day) >= origin)
        m++;
    int days = (int)(months_back(first, m, g->day) - origin);
    if (k == 12) {
        *w = (rp_when_t){w->periods, days == 0 ? m : (int)(first - origin), days == 0 ? 12 : 365};
        return;
    }
    w->odd = 30 * m + days;
    w->period_days = 30 * k;
}

/* The origin's part on grid g: j0, the first grid point on or after the
 * origin, and in head the whole periods (0 or 1) and odd days it adds. */
static void origin_part(long *j0, rp_when_t *head, const grid_t *g, rp_date_t origin,
                        rp_odd_days conv)
{
    long j = grid_floor(g, origin);
    if (grid_point(g, j) < origin)
        j++; /* the first grid point on or after the origin */
    rp_date_t first = grid_point(g, j);
    grid_t own = grid_at(origin, g->f);
    rp_when_t w = {.periods = 0, .odd = 0, .period_days = 1};
    if (first != origin) {
        if (first == grid_point(&own, 1)) {
            w.periods = 1; /* a whole period by the origin's own count (01-31 → 02-29) */
        } else if (conv == RP_ODD_REG_Z) {
            reg_z_fraction(&w, origin, first, g);
        } else {
            w.odd = (int)(first - origin);
            w.period_days = (int)(first - grid_point(g, j - 1));
        }
    }
    *j0 = j;
    *head = w;
}

void rp_when_many_init(rp_when_many_t *m, rp_date_t origin, rp_date_t anchor, rp_frequency f,
                       rp_odd_days conv)
{
    *m = (rp_when_many_t){.origin = origin, .anchor = anchor, .f = f, .conv = conv, .known = 0};
}

rp_status rp_when_many_at(rp_when_t *out, rp_when_many_t *m, rp_date_t date, rp_error *err)
{
    rp_date_t origin = m->origin;
    if (origin == RP_DATE_NONE || date == RP_DATE_NONE || date < origin)
        return rp_fail(err, RP_E_VALUE, NULL, "a cash flow cannot come before its origin");
    grid_t g = grid_at(m->anchor != RP_DATE_NONE ? m->anchor : date, m->f);
    long jd = grid_floor(&g, date), j0;
    rp_when_t w;
    if (m->anchor == RP_DATE_NONE || grid_point(&g, jd) != date) {
        /* off the grid: counted back from itself, month ends to month ends */
        int y, mo, d;
        rp_date_to_ymd(date, &y, &mo, &d);
        g = grid_at(date, m->f);
        if (d == rp_days_in_month(y, mo))
            g.day = 31;
        jd = 0;
        origin_part(&j0, &w, &g, origin, m->conv);
    } else {
        if (!m->known) { /* the anchor's grid is every on-grid date's: once */
            origin_part(&m->j0, &m->head, &g, origin, m->conv);
            m->known = 1;
        }
        j0 = m->j0;
        w = m->head;
    }
    w.periods += (int)(jd - j0);
    *out = w;
    return RP_OK;
}

rp_status rp_when_dated(rp_when_t *out, rp_date_t origin, rp_date_t date, rp_date_t anchor,
                        rp_frequency f, rp_odd_days conv, rp_error *err)
{
    rp_when_many_t m;
    rp_when_many_init(&m, origin, anchor, f, conv);
    return rp_when_many_at(out, &m, date, err);
}

void rp_when_periods(mpq_t out, const rp_when_t *w)
{
    mpq_set_ui(out, (unsigned long)w->odd, (unsigned long)w->period_days);
    mpq_canonicalize(out); /* period_days ≥ 1 */
    mpz_addmul_ui(mpq_numref(out), mpq_denref(out), (unsigned long)w->periods);
}
