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
    mpq_inits(pos->claim_total, pos->accrued, pos->contract_rate, NULL);
    rp_tail_init(&pos->tail);
}

void rp_position_clear(rp_position_t *pos)
{
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_clears(pos->claim[c], pos->due_now[c], NULL);
    mpq_clears(pos->claim_total, pos->accrued, pos->contract_rate, NULL);
    rp_tail_clear(&pos->tail);
}

rp_status rp_position_on(rp_position_t *out, const rp_loan_t *loan, const rp_terms_t *terms,
                         const rp_events_t *events, rp_date_t date, const rp_round_t *rc,
                         rp_error *err)
{
    rp_position_t p;
    rp_position_init(&p);
    p.date = date;
    rp_statement_t st;
    rp_statement_init(&st);
    ledger_t L;
    rp_status status = rp_ledger_open(&L, &st, loan, terms, events, date, rc, err);
    if (status == RP_OK) {
        rp_statement_summarize(&L, date);
        for (int c = 0; c < RP_COMPONENT_COUNT; c++) {
            mpq_set(p.claim[c], st.payoff[c]);
            mpq_set(p.due_now[c], st.owed[c]);
        }
        mpq_set(p.claim_total, st.payoff_total);
        rp_qsub(p.accrued, st.payoff[RP_INTEREST], st.owed[RP_INTEREST]);
        mpq_set(p.contract_rate, st.contract_rate);
        p.dpd = st.dpd;
        p.tier = st.tier;
        p.credit_held = mpq_sgn(st.credit) > 0;
        int j = rp_reamortize_current(&L, date);
        if (j >= 0 && !L.accelerated)
            status = rp_ledger_tail(&p.tail, &L, j, err);
    }
    rp_ledger_close(&L);
    rp_statement_clear(&st);
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
    } else {
        rp_position_clear(&p);
    }
    return status;
}
