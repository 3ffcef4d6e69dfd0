/*
 * repricing.c — the schedule of a loan priced on the LPR (LPR 加点): built
 * at its first rate, then repriced on each repricing date the way a
 * statement applies a rate change (README "Statements", rule 9): the
 * installment in progress bears the new rate for its days from the
 * repricing date on (分段计息, pro rata by days counted 算头不算尾: the
 * repricing day's own interest is the new rate's), and the installments
 * after it are re-amortized on the balance left after it, at the new rate,
 * over the same number of installments. A statement of the same loan
 * reprices with the same rows (tail.c does both), so the plan and what is
 * owed agree to the fen.
 */
#include <stdlib.h>

#include "tail.h"

/* The schedule's rows as a tail, each with its exact interest as the
 * ledger keeps it: base × annual rate × year fraction, base the principal
 * still owed before the row (flat: the principal lent). */
static rp_status to_tail(tail_t *t, const rp_schedule_t *s, const rp_loan_t *loan, rp_error *err)
{
    mpq_t base;
    mpq_init(base);
    mpq_set(base, loan->principal);
    rp_status st = RP_OK;
    for (int i = 0; i < s->count && st == RP_OK; i++) {
        const rp_installment_t *r = &s->rows[i];
        tail_row_t *row;
        st = rp_tail_push(t, &row, err);
        if (st != RP_OK)
            break;
        row->n = r->n;
        row->start = i ? s->rows[i - 1].due_date : loan->start_date;
        row->due = r->due_date;
        mpq_set(row->principal, r->principal);
        mpq_set(row->years, r->year_fraction);
        mpq_set(row->fee, r->fee);
        mpq_mul(row->interest, loan->method == RP_METHOD_FLAT ? loan->principal : base,
                loan->annual_rate);
        mpq_mul(row->interest, row->interest, r->year_fraction);
        rp_qsub(base, base, r->principal);
    }
    mpq_clear(base);
    return st;
}

/* One repricing on day d from rate `from` to rate `to`: the row in
 * progress (the first due after d) takes the new rate for its days from d
 * (tail.c names a day by the date it ends on: from d + 1); the rows after
 * it are rebuilt at it. */
static rp_status reprice_on(tail_t *t, rp_date_t d, mpq_srcptr from, mpq_srcptr to,
                            const rp_loan_t *loan, const rp_round_t *rc, rp_error *err)
{
    int j = 0;
    while (j < t->count && t->rows[j].due <= d)
        j++;
    if (j == t->count)
        return RP_OK;
    mpq_t owed, delta, rest;
    mpq_inits(owed, delta, rest, NULL);
    rp_tail_principal(owed, t, j);
    rp_qsub(delta, to, from);
    if (t->rows[j].start == d && loan->method != RP_METHOD_FLAT &&
        loan->method != RP_METHOD_BULLET) {
        /* on the day row j opens (a due date): nothing is in progress — row
         * j and the rows after it are re-amortized at the new rate */
        rp_status st = RP_OK;
        if (mpq_sgn(owed) > 0)
            st = rp_tail_rebuild(t, j, t->count - j, owed, to, loan->method, NULL, NULL, loan, rc,
                                 err);
        mpq_clears(owed, delta, rest, NULL);
        return st;
    }
    rp_tail_adjust(t, j, d + 1, loan->method == RP_METHOD_FLAT ? loan->principal : owed, delta);
    rp_qsub(rest, owed, t->rows[j].principal);
    rp_status st = RP_OK;
    if (loan->method == RP_METHOD_FLAT) { /* a flat charge reprices on the principal lent */
        for (int r = j + 1; r < t->count; r++) {
            mpq_mul(t->rows[r].interest, loan->principal, to);
            mpq_mul(t->rows[r].interest, t->rows[r].interest, t->rows[r].years);
        }
    } else if (j + 1 < t->count && mpq_sgn(rest) > 0 && loan->method != RP_METHOD_BULLET) {
        st = rp_tail_rebuild(t, j + 1, t->count - j - 1, rest, to, loan->method, NULL, NULL, loan,
                             rc, err);
    }
    mpq_clears(owed, delta, rest, NULL);
    return st;
}

/* The tail back into the schedule: interest rounded where it is posted,
 * payments, balances and totals. */
static void from_tail(rp_schedule_t *s, const tail_t *t, const rp_loan_t *loan, const rp_round_t *rc)
{
    for (int i = 0; i < s->count; i++) {
        rp_installment_t *r = &s->rows[i];
        const tail_row_t *row = &t->rows[i];
        mpq_set(r->principal, row->principal);
        mpq_set(r->year_fraction, row->years);
        rp_round(r->interest, row->interest, rc);
    }
    rp_sched_sum_rows(s, loan->principal);
}

rp_status rp_schedule_reprice(rp_schedule_t *s, rp_repricings_t *out, const rp_loan_t *loan,
                              const rp_round_t *rc, rp_error *err)
{
    if (!loan->lpr || s->count == 0 || s->rows[s->count - 1].due_date == RP_DATE_NONE)
        return rp_fail(err, RP_E_VALUE, "rate", "repricing needs a loan priced on the LPR, with dates");
    rp_status st = rp_lpr_repricings(out, loan->lpr, loan->start_date,
                                     s->rows[s->count - 1].due_date, err);
    /* an installment fee (flat_charge fee) does not reprice */
    if (st != RP_OK || out->count == 0 ||
        (loan->method == RP_METHOD_FLAT && loan->flat_charge == RP_CHARGE_FEE))
        return st;
    tail_t t;
    rp_tail_init(&t);
    st = to_tail(&t, s, loan, err);
    mpq_srcptr rate = loan->annual_rate;
    for (int k = 0; k < out->count && st == RP_OK; k++) {
        st = reprice_on(&t, out->items[k].date, rate, out->items[k].rate, loan, rc, err);
        rate = out->items[k].rate;
    }
    if (st == RP_OK && t.count != s->count)
        st = rp_fail(err, RP_E_INTERNAL, NULL, "repricing changed the number of installments");
    if (st == RP_OK) {
        from_tail(s, &t, loan, rc);
        st = rp_schedule_verify(s, loan, rc, err);
    }
    rp_tail_clear(&t);
    return st;
}
