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
#include "base/grid.h"

const char *const rp_odd_days_names[RP_ODD_COUNT] = {
    [RP_ODD_ACTUAL] = "actual",
    [RP_ODD_REG_Z] = "reg_z",
};

/* Reg Z App. J (b)(5): the odd part from origin to first (less than a
 * period), as odd / period_days. Months: 30 days each, counted back from
 * `first` (30·m + days over 30·k for a k-month period); a year's odd part
 * is its months / 12 when whole, else its days / 365; weeks by their days. */
static void reg_z_fraction(rp_when_t *w, rp_date_t origin, rp_date_t first, const rp_grid_t *g)
{
    int k = rp_frequency_months(g->f);
    if (!k) {
        w->odd = (int)(first - origin);
        w->period_days = rp_frequency_days(g->f);
        return;
    }
    int m = 0;
    while (m + 1 < k && rp_grid_months_back(first, m + 1, g->day) >= origin)
        m++;
    int days = (int)(rp_grid_months_back(first, m, g->day) - origin);
    if (k == 12) {
        *w = (rp_when_t){w->periods, days == 0 ? m : (int)(first - origin), days == 0 ? 12 : 365};
        return;
    }
    w->odd = 30 * m + days;
    w->period_days = 30 * k;
}

/* The origin's part on grid g: j0, the first grid point on or after the
 * origin, and in head the whole periods (0 or 1) and odd days it adds. */
static void origin_part(long *j0, rp_when_t *head, const rp_grid_t *g, rp_date_t origin,
                        rp_odd_days conv)
{
    long j = rp_grid_floor(g, origin);
    if (rp_grid_point(g, j) < origin)
        j++; /* the first grid point on or after the origin */
    rp_date_t first = rp_grid_point(g, j);
    rp_grid_t own = rp_grid_at(origin, g->f);
    rp_when_t w = {.periods = 0, .odd = 0, .period_days = 1};
    if (first != origin) {
        if (first == rp_grid_point(&own, 1)) {
            w.periods = 1; /* a whole period by the origin's own count (01-31 → 02-29) */
        } else if (conv == RP_ODD_REG_Z) {
            reg_z_fraction(&w, origin, first, g);
        } else {
            w.odd = (int)(first - origin);
            w.period_days = (int)(first - rp_grid_point(g, j - 1));
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
    rp_grid_t g = rp_grid_at(m->anchor != RP_DATE_NONE ? m->anchor : date, m->f);
    /* due dates come in order: the grid point after the last one found is
     * the likely one (grid points rise strictly, so it is the floor) */
    int next = m->known && rp_grid_point(&g, m->last_j + 1) == date;
    long jd = next ? m->last_j + 1 : rp_grid_floor(&g, date), j0;
    rp_when_t w;
    if (m->anchor == RP_DATE_NONE || (!next && rp_grid_point(&g, jd) != date)) {
        /* off the grid: counted back from itself, month ends to month ends */
        int y, mo, d;
        rp_date_to_ymd(date, &y, &mo, &d);
        g = rp_grid_at(date, m->f);
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
        m->last_j = jd;
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
