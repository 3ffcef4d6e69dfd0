/*
 * history_flows.c — a loan's history as the borrower's cash flows, for a
 * legal cap (yield/cap_check.c): the money received at the start, every
 * payment on its date, then what is still claimed — the payoff on a
 * statement's date, or a restructured plan's installments. Each flow is
 * timed on the loan's grid of due dates as every rate of repay times it
 * (schedule/timing.c: whole periods, the odd days as a part of one).
 */
#include <stdlib.h>

#include "base/internal.h"

typedef struct dated {
    rp_date_t date;
    mpq_srcptr amount; /* paid by the borrower */
} dated_t;

static int by_date(const void *a, const void *b)
{
    const dated_t *x = a, *y = b;
    return x->date < y->date ? -1 : x->date > y->date;
}

rp_status rp_history_flows(rp_flows_t *out, const rp_loan_t *loan, const rp_events_t *ev,
                           rp_date_t until, const rp_date_t *more_dates, mpq_t const *more,
                           int more_count, rp_error *err)
{
    if (loan->start_date == RP_DATE_NONE)
        return rp_fail(err, RP_E_MISSING, "loan.start_date", "a loan's history needs its start_date");
    int n = more_count;
    for (int i = 0; i < ev->count; i++)
        n += ev->items[i].type == RP_EVENT_PAYMENT && ev->items[i].date <= until;
    dated_t *list = malloc(sizeof *list * (size_t)(n > 0 ? n : 1));
    if (!list)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    int k = 0;
    for (int i = 0; i < ev->count; i++)
        if (ev->items[i].type == RP_EVENT_PAYMENT && ev->items[i].date <= until)
            list[k++] = (dated_t){ev->items[i].date, ev->items[i].amount};
    for (int i = 0; i < more_count; i++)
        list[k++] = (dated_t){more_dates[i], more[i]};
    qsort(list, (size_t)n, sizeof *list, by_date); /* the order of a day's flows does not matter */
    rp_flows_t f;
    rp_flows_init(&f);
    rp_status st = rp_flows_alloc(&f, n + 1, 1, rp_frequency_per_year(loan->frequency), err);
    rp_date_t anchor = loan->first_due_date != RP_DATE_NONE ? loan->first_due_date : loan->start_date;
    if (st == RP_OK) {
        rp_qsub(f.amounts[0], loan->principal, loan->upfront_fee);
        f.when[0] = (rp_when_t){0, 0, 1};
    }
    for (int i = 0; st == RP_OK && i < n; i++) {
        mpq_neg(f.amounts[i + 1], list[i].amount);
        f.days[i + 1] = (int)(list[i].date - loan->start_date);
        st = rp_when_dated(&f.when[i + 1], loan->start_date, list[i].date, anchor,
                           loan->frequency, loan->odd_days, err);
    }
    free(list);
    if (st == RP_OK) {
        rp_flows_clear(out);
        *out = f;
    } else {
        rp_flows_clear(&f);
    }
    return st;
}

rp_status rp_statement_flows(rp_flows_t *out, const rp_statement_t *st, const rp_loan_t *loan,
                             const rp_events_t *ev, rp_error *err)
{
    mpq_t claim[1];
    mpq_init(claim[0]);
    rp_qsub(claim[0], st->payoff_total, st->credit); /* what closes it, less credit held */
    rp_status status = rp_history_flows(out, loan, ev, st->as_of, &st->as_of,
                                        (mpq_t const *)claim, mpq_sgn(claim[0]) > 0, err);
    mpq_clear(claim[0]);
    return status;
}
