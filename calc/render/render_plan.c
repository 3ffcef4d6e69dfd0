/*
 * render_plan.c — a restructured plan as text: what it costs each side,
 * then its installments (table); or one CSV row per installment.
 */
#include <stdio.h>
#include <string.h>

#include "render.h"

static void line(rp_buf_t *b, const char *label, const mpq_t x, const rp_round_t *rc)
{
    char text[64];
    rp_decimal_format(text, sizeof text, x, rc->places, rc->mode);
    rp_buf_printf(b, "  %-26s %16s\n", label, text);
}

static void percent(rp_buf_t *b, const char *label, const mpq_t low, const mpq_t high)
{
    char text[64];
    rp_decimal_format_percent(text, sizeof text, low, high, 4);
    rp_buf_printf(b, "  %-26s %15s%%\n", label, text);
}

enum { COLUMNS = 8, CELL = 48 };
static const char *const heads[COLUMNS] = {"n",   "due_date", "payment", "principal",
                                           "interest", "fee", "arrears", "balance"};

static void cells(char out[COLUMNS][CELL], const rp_plan_row_t *r, const rp_round_t *rc)
{
    snprintf(out[0], CELL, "%d", r->n);
    rp_date_format(out[1], r->due_date);
    mpq_srcptr v[COLUMNS] = {NULL, NULL, r->payment, r->principal, r->interest, r->fee,
                             r->arrears, r->balance};
    for (int c = 2; c < COLUMNS; c++)
        rp_decimal_format(out[c], CELL, v[c], rc->places, rc->mode);
}

void rp_render_discount(rp_buf_t *b, mpq_srcptr rate, int given)
{
    char text[64];
    rp_decimal_format_percent(text, sizeof text, rate, rate, 4);
    rp_buf_printf(b, "  %-26s %15s%% %s\n", "discount rate", text,
                  given ? "(given)" : "(the contract rate: give discount_rate for the lender's own)");
}

void rp_render_plan(rp_buf_t *b, rp_format fmt, const rp_plan_t *p, const rp_pricing_t *price,
                    int discount_given, const rp_round_t *rc)
{
    char text[COLUMNS][CELL];
    if (fmt == RP_FORMAT_CSV) {
        for (int c = 0; c < COLUMNS; c++)
            rp_buf_printf(b, "%s%s", c ? "," : "", heads[c]);
        rp_buf_puts(b, "\n");
        for (int k = 0; k < p->count; k++) {
            cells(text, &p->rows[k], rc);
            for (int c = 0; c < COLUMNS; c++)
                rp_buf_printf(b, "%s%s", c ? "," : "", text[c]);
            rp_buf_puts(b, "\n");
        }
        return;
    }
    char date[RP_DATE_TEXT];
    rp_date_format(date, p->date);
    int count = 0;
    const rp_plan_row_t *now = NULL;
    for (int k = 0; k < p->count; k++) {
        count += p->rows[k].n > 0;
        if (p->rows[k].n == 0)
            now = &p->rows[k];
    }
    rp_buf_printf(b, "Restructured on %s: ", date);
    if (now) { /* what stays due on the date: a settlement, arrears, a down payment */
        rp_decimal_format(text[0], CELL, now->payment, rc->places, rc->mode);
        rp_buf_printf(b, count ? "%s due on the date, then " : "one payment of %s due on the date",
                      text[0]);
    }
    if (count) {
        rp_decimal_format(text[0], CELL, p->payment, rc->places, rc->mode);
        rp_buf_printf(b, "%d installment%s of %s", count, count == 1 ? "" : "s", text[0]);
    }
    if (p->observation_end != RP_DATE_NONE) {
        rp_date_format(date, p->observation_end);
        rp_buf_printf(b, "; observed until %s", date);
    }
    rp_buf_puts(b, "\n");
    char zh[RP_MESSAGE_MAX], en[RP_MESSAGE_MAX];
    rp_plan_explain(zh, en, sizeof zh, p, rc);
    rp_buf_printf(b, "  %s\n  %s\n", zh, en);
    line(b, "claim on the date", p->claim_total, rc);
    line(b, "waived", p->waived_total, rc);
    line(b, "debt in the plan", p->debt, rc);
    line(b, "total to pay", p->total_payment, rc);
    line(b, "borrower's saving", price->saving, rc);
    if (price->has_apr)
        percent(b, "APR of the plan", price->apr.low, price->apr.high);
    rp_render_discount(b, price->discount_rate, discount_given);
    line(b, "lender's present value", price->pv, rc);
    percent(b, "recovery", price->recovery, price->recovery);
    line(b, "concession", price->concession, rc);
    for (int w = 0; w < p->warning_count; w++)
        rp_buf_printf(b, "warning: %s\n", p->warnings[w].message);

    size_t width[COLUMNS];
    for (int c = 0; c < COLUMNS; c++)
        width[c] = strlen(heads[c]);
    for (int k = 0; k < p->count; k++) {
        cells(text, &p->rows[k], rc);
        for (int c = 0; c < COLUMNS; c++)
            if (strlen(text[c]) > width[c])
                width[c] = strlen(text[c]);
    }
    for (int k = -1; k < p->count; k++) {
        if (k >= 0)
            cells(text, &p->rows[k], rc);
        for (int c = 0; c < COLUMNS; c++) {
            const char *t = k < 0 ? heads[c] : text[c];
            rp_buf_printf(b, c == 1 ? "  %-*s" : c ? "  %*s" : "%*s", (int)width[c], t);
        }
        rp_buf_puts(b, "\n");
    }
}
