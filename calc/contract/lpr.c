/*
 * lpr.c — the Loan Prime Rate history: the fixings where the one-year and
 * five-year LPR changed, rising by date, and the fixing in force on a day.
 * The table itself is data (data/lpr.json, built in), never code.
 */
#include <stdlib.h>

#include "base/internal.h"

void rp_lpr_init(rp_lpr_t *t)
{
    t->count = t->cap = 0;
    t->dates = NULL;
    t->one_year = t->five_year = NULL;
    t->checked_through = RP_DATE_NONE;
}

void rp_lpr_clear(rp_lpr_t *t)
{
    for (int i = 0; i < t->count; i++)
        mpq_clears(t->one_year[i], t->five_year[i], NULL);
    free(t->dates);
    free(t->one_year);
    free(t->five_year);
    rp_lpr_init(t);
}

rp_status rp_lpr_add(rp_lpr_t *t, rp_date_t date, const mpq_t one_year, const mpq_t five_year,
                     rp_error *err)
{
    if (t->count > 0 && date <= t->dates[t->count - 1])
        return rp_fail(err, RP_E_VALUE, "date", "LPR fixings must be listed by rising date");
    if (mpq_sgn(one_year) <= 0 || mpq_sgn(five_year) <= 0)
        return rp_fail(err, RP_E_VALUE, "one_year", "an LPR must be greater than 0");
    if (t->count == t->cap) {
        int cap = t->cap ? t->cap * 2 : 32;
        rp_date_t *d = realloc(t->dates, sizeof *d * (size_t)cap);
        if (d)
            t->dates = d;
        mpq_t *a = realloc(t->one_year, sizeof *a * (size_t)cap);
        if (a)
            t->one_year = a;
        mpq_t *b = realloc(t->five_year, sizeof *b * (size_t)cap);
        if (b)
            t->five_year = b;
        if (!d || !a || !b)
            return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
        t->cap = cap;
    }
    int i = t->count++;
    t->dates[i] = date;
    mpq_inits(t->one_year[i], t->five_year[i], NULL);
    mpq_set(t->one_year[i], one_year);
    mpq_set(t->five_year[i], five_year);
    return RP_OK;
}

int rp_lpr_find(const rp_lpr_t *t, rp_date_t d)
{
    int at = -1;
    for (int i = 0; i < t->count && t->dates[i] <= d; i++)
        at = i;
    return at;
}
