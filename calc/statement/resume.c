/*
 * resume.c — a plan as the statement engine takes it up after its
 * agreement's date (rp_resume_t): the rows, each due by component, and
 * what the loan had already posted against its caps.
 */
#include <stdlib.h>

#include "base/internal.h"

void rp_resume_init(rp_resume_t *r)
{
    r->date = RP_DATE_NONE;
    r->plan = 0;
    mpq_inits(r->rate, r->penalties_posted, r->late_fees, r->credit, NULL);
    r->count = 0;
    r->rows = NULL;
}

static void row_clear(rp_resume_row_t *row)
{
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_clears(row->due[c], row->carried[c], NULL);
    mpq_clear(row->interest_new);
}

void rp_resume_clear(rp_resume_t *r)
{
    for (int i = 0; i < r->count; i++)
        row_clear(&r->rows[i]);
    free(r->rows);
    r->rows = NULL;
    r->count = 0;
    mpq_clears(r->rate, r->penalties_posted, r->late_fees, r->credit, NULL);
}

rp_status rp_resume_rows(rp_resume_t *r, int count, rp_error *err)
{
    for (int i = 0; i < r->count; i++)
        row_clear(&r->rows[i]);
    free(r->rows);
    r->count = 0;
    r->rows = malloc(sizeof *r->rows * (size_t)(count > 0 ? count : 1));
    if (!r->rows)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    for (int i = 0; i < count; i++) {
        rp_resume_row_t *row = &r->rows[i];
        row->n = 0;
        row->due_date = row->period_start = RP_DATE_NONE;
        for (int c = 0; c < RP_COMPONENT_COUNT; c++)
            mpq_inits(row->due[c], row->carried[c], NULL);
        mpq_init(row->interest_new);
    }
    r->count = count;
    return RP_OK;
}
