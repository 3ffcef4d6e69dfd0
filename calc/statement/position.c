/*
 * position.c — what a loan owes on a date and what is still to come: the
 * statement on that date, read into the narrow form a restructuring starts
 * from (position.h).
 */
#include <string.h>

#include "ledger.h"
#include "position.h"

void rp_position_init(rp_position_t *pos)
{
    memset(pos, 0, sizeof *pos);
    pos->date = pos->original_maturity = RP_DATE_NONE;
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_inits(pos->claim[c], pos->due_now[c], NULL);
    mpq_inits(pos->claim_total, pos->accrued, pos->contract_rate, pos->credit,
              pos->penalties_posted, pos->late_fees, NULL);
    rp_tail_init(&pos->tail);
}

void rp_position_clear(rp_position_t *pos)
{
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_clears(pos->claim[c], pos->due_now[c], NULL);
    mpq_clears(pos->claim_total, pos->accrued, pos->contract_rate, pos->credit,
               pos->penalties_posted, pos->late_fees, NULL);
    rp_tail_clear(&pos->tail);
}

rp_status rp_position_on(rp_position_t *out, const rp_loan_t *loan, const rp_terms_t *terms,
                         const rp_events_t *events, rp_date_t date, const rp_round_t *rc,
                         rp_error *err)
{
    return rp_position_replay(out, NULL, loan, terms, events, NULL, date, rc, err);
}

/* The position from the replayed ledger (before it is compacted). What a
 * plan carried to installments still to come is owed on the date, by
 * component: a new agreement starts from everything the old one asked. */
static rp_status read_position(rp_position_t *p, ledger_t *L, rp_date_t date, rp_error *err)
{
    const rp_statement_t *st = L->st;
    for (int c = 0; c < RP_COMPONENT_COUNT; c++) {
        mpq_set(p->claim[c], st->payoff[c]);
        mpq_set(p->due_now[c], st->owed[c]);
    }
    mpq_t carried;
    mpq_init(carried);
    for (int k = 0; k < L->installments; k++) {
        if (L->xs[k].removed || st->items[k].due_date <= date || !L->xs[k].carried)
            continue;
        for (int c = 0; c < RP_COMPONENT_COUNT; c++) {
            rp_ledger_carried(carried, L, k, (rp_component)c);
            rp_qadd(p->due_now[c], p->due_now[c], carried);
        }
    }
    mpq_clear(carried);
    mpq_set(p->claim_total, st->payoff_total);
    rp_qsub(p->accrued, st->payoff[RP_INTEREST], p->due_now[RP_INTEREST]);
    mpq_set(p->contract_rate, st->contract_rate);
    p->dpd = st->dpd;
    p->tier = st->tier;
    p->credit_held = mpq_sgn(st->credit) > 0;
    mpq_set(p->credit, st->credit);
    mpq_set(p->penalties_posted, L->posted_total);
    mpq_set(p->late_fees, L->late_fee_total);
    int j = rp_reamortize_current(L, date);
    if (j >= 0 && !L->accelerated)
        return rp_ledger_tail(&p->tail, L, j, err);
    return RP_OK;
}

rp_status rp_position_replay(rp_position_t *out, rp_statement_t *statement, const rp_loan_t *loan,
                             const rp_terms_t *terms, const rp_events_t *events,
                             const rp_replay_t *how, rp_date_t date, const rp_round_t *rc,
                             rp_error *err)
{
    rp_position_t p;
    rp_position_init(&p);
    p.date = date;
    rp_statement_t st;
    rp_statement_init(&st);
    ledger_t L;
    rp_status status = rp_ledger_open(&L, &st, loan, terms, events, how, date, rc, err);
    if (status == RP_OK) {
        rp_statement_summarize(&L, date);
        status = read_position(&p, &L, date, err);
    }
    if (status == RP_OK && statement)
        status = rp_statement_finish(&L, err);
    rp_ledger_close(&L);
    if (status == RP_OK) { /* the original maturity, for 《贷款通则》 Art. 12 */
        rp_schedule_t s;
        rp_schedule_init(&s);
        status = rp_schedule_build(&s, loan, rc, err);
        if (status == RP_OK)
            p.original_maturity = s.rows[s.count - 1].due_date;
        rp_schedule_clear(&s);
    }
    if (status == RP_OK) {
        rp_position_t old = *out;
        *out = p;
        rp_position_clear(&old);
        if (statement) {
            rp_statement_clear(statement);
            *statement = st; /* moves the arrays and limbs */
            rp_statement_init(&st);
        }
    } else {
        rp_position_clear(&p);
    }
    rp_statement_clear(&st);
    return status;
}
