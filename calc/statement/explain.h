/*
 * explain.h — the workings of a statement in words an agent can read out,
 * in Chinese and English: base × rate ÷ basis × days = amount.
 */
#ifndef RP_EXPLAIN_H
#define RP_EXPLAIN_H

#include "base/buf.h"

/* Appends the sentences for working w to zh and en (either may be NULL). */
void rp_explain_working(rp_buf_t *zh, rp_buf_t *en, const rp_statement_t *st,
                        const rp_working_t *w, const rp_overdue_t *o, const rp_round_t *rc);

/* Writes an annual rate as a percentage, exactly ("7.35"). */
void rp_explain_percent(char *buf, size_t size, const mpq_t rate);

/* The non-zero amounts of v, by component, as a list in each language:
 * "罚息 12.30、复利 4.10" / "penalty interest 12.30, compound interest 4.10". */
void rp_explain_components(char *zh, char *en, size_t size, mpq_t const *v, const rp_round_t *rc);

#endif
