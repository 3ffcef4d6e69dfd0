/*
 * render.c — schedule tables and CSV (render.h).
 */
#include <stdio.h>
#include <string.h>

#include "render.h"

static const char *const method_chinese[RP_METHOD_COUNT] = {
    [RP_METHOD_ANNUITY] = "等额本息",   [RP_METHOD_EQUAL_PRINCIPAL] = "等额本金",
    [RP_METHOD_INTEREST_ONLY] = "先息后本", [RP_METHOD_BULLET] = "到期一次还本付息",
    [RP_METHOD_FLAT] = "等本等息", [RP_METHOD_CUSTOM] = "个性化分期",
};

enum { COLUMNS = 8, RATE = 7, CELL = 72 }; /* a rate: up to 60 places, as JSON */
static const char *const headers[COLUMNS] = {"n", "due_date", "payment", "principal",
                                             "interest", "fee", "balance", "rate"};

/* The text of every cell of row k; k == count gives the totals row (no
 * rate there). */
static void cells(char out[COLUMNS][CELL], const rp_schedule_t *s, int k, const rp_round_t *rc,
                  mpq_srcptr const *rates)
{
    const rp_installment_t *r = k < s->count ? &s->rows[k] : NULL;
    mpq_srcptr v[COLUMNS] = {NULL, NULL,
                             r ? r->payment : s->total_payment,
                             r ? r->principal : s->total_principal,
                             r ? r->interest : s->total_interest,
                             r ? r->fee : s->total_fee,
                             r ? r->balance : NULL};
    for (int c = 0; c < COLUMNS; c++)
        out[c][0] = '\0';
    if (r) {
        snprintf(out[0], CELL, "%d", r->n);
        if (r->due_date != RP_DATE_NONE)
            rp_date_format(out[1], r->due_date);
    } else {
        memcpy(out[0], "total", 6);
    }
    for (int c = 2; c < RATE; c++)
        if (v[c])
            rp_decimal_format(out[c], CELL, v[c], rc->places, rc->mode);
    if (r && rates) { /* exact, as the JSON writes it */
        int places = rp_decimal_places(rates[k]);
        rp_decimal_format(out[RATE], CELL, rates[k], places < 0 || places > 60 ? 20 : places,
                          RP_ROUND_HALF_EVEN);
    }
}

static void render_table(rp_buf_t *b, const rp_loan_t *loan, const rp_schedule_t *s,
                         const rp_root_t *apr, const rp_round_t *rc, mpq_srcptr const *rates)
{
    char text[COLUMNS][CELL], amount[CELL];
    size_t width[COLUMNS];
    int dated = s->rows[0].due_date != RP_DATE_NONE, columns = rates ? COLUMNS : RATE;
    for (int c = 0; c < columns; c++)
        width[c] = strlen(headers[c]);
    for (int k = 0; k <= s->count; k++) {
        cells(text, s, k, rc, rates);
        for (int c = 0; c < columns; c++)
            if (strlen(text[c]) > width[c])
                width[c] = strlen(text[c]);
    }

    /* The loan in one line: what a person checks first. */
    mpq_t percent;
    mpq_init(percent);
    mpq_set_ui(percent, 100, 1);
    mpq_mul(percent, percent, loan->annual_rate);
    int places = rp_decimal_places(percent);
    rp_decimal_format(amount, sizeof amount, percent, places < 0 || places > 12 ? 12 : places,
                      RP_ROUND_HALF_EVEN);
    mpq_clear(percent);
    rp_buf_printf(b, "%s (%s), %d installment%s, rate %s%% a year", rp_method_names[loan->method],
                  method_chinese[loan->method], s->count, s->count == 1 ? "" : "s", amount);
    rp_decimal_format(amount, sizeof amount, loan->principal, rc->places, rc->mode);
    rp_buf_printf(b, ", principal %s", amount);
    if (loan->method == RP_METHOD_ANNUITY || loan->method == RP_METHOD_FLAT) {
        rp_decimal_format(amount, sizeof amount, s->level_payment, rc->places, rc->mode);
        rp_buf_printf(b, ", payment %s", amount);
    }
    if (apr) {
        /* the APR as a percentage with two guaranteed decimals */
        mpq_t lo, hi;
        mpq_inits(lo, hi, NULL);
        mpq_set_ui(lo, 100, 1);
        mpq_mul(hi, apr->high, lo);
        mpq_mul(lo, apr->low, lo);
        rp_decimal_format_bounded(amount, sizeof amount, lo, hi, 2);
        rp_buf_printf(b, ", APR %s%%", amount);
        mpq_clears(lo, hi, NULL);
    }
    rp_buf_puts(b, "\n");
    for (int w = 0; w < s->warning_count; w++)
        rp_buf_printf(b, "warning: %s\n", s->warnings[w].message);

    for (int k = -1; k <= s->count; k++) {
        if (k >= 0)
            cells(text, s, k, rc, rates);
        for (int c = 0; c < columns; c++) {
            const char *t = k < 0 ? headers[c] : text[c];
            size_t pad = width[c] - strlen(t);
            if (c == 1 && !dated)
                continue; /* no start date: no date column */
            if (c > 0)
                rp_buf_puts(b, "  ");
            if (c == 1) { /* dates read left to right */
                rp_buf_puts(b, t);
                rp_buf_repeat(b, ' ', pad);
            } else {
                rp_buf_repeat(b, ' ', pad);
                rp_buf_puts(b, t);
            }
        }
        while (b->len > 0 && b->data[b->len - 1] == ' ') /* no trailing blanks */
            b->data[--b->len] = '\0';
        rp_buf_puts(b, "\n");
    }
}

static void render_csv(rp_buf_t *b, const rp_schedule_t *s, const rp_round_t *rc,
                       mpq_srcptr const *rates)
{
    char text[COLUMNS][CELL];
    int columns = rates ? COLUMNS : RATE;
    for (int c = 0; c < columns; c++)
        rp_buf_printf(b, "%s%s", c ? "," : "", headers[c]);
    rp_buf_puts(b, "\n");
    for (int k = 0; k < s->count; k++) {
        cells(text, s, k, rc, rates);
        for (int c = 0; c < columns; c++)
            rp_buf_printf(b, "%s%s", c ? "," : "", text[c]);
        rp_buf_puts(b, "\n");
    }
}

void rp_render_schedule(rp_buf_t *b, rp_format fmt, const rp_loan_t *loan,
                        const rp_schedule_t *s, const rp_root_t *apr, const rp_round_t *rc,
                        mpq_srcptr const *rates)
{
    if (fmt == RP_FORMAT_CSV)
        render_csv(b, s, rc, rates);
    else
        render_table(b, loan, s, apr, rc, rates);
}
