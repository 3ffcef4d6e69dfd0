/*
 * render_compare.c — proposals side by side as one table (or CSV): a proposal a
 * row, the columns an agent reads while negotiating, and why a proposal
 * failed. A proposal's name is user text: quoted and neutralized in CSV,
 * shown visibly (no control character) in the table, aligned by its width
 * in a terminal.
 */
#include <stdio.h>
#include <string.h>

#include "render.h"

enum { NC = 9 };

/* The text of column c for a row (emptied first). */
static void cell_text(rp_buf_t *b, const rp_compare_row_t *r, int c, const rp_round_t *rc)
{
    char text[160] = "";
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
    if (c == 0) {
        rp_buf_puts(b, r->name);
        return;
    }
    if (!r->plan) {
        rp_buf_puts(b, c == 1 ? "error" : "");
        return;
    }
    const rp_plan_t *p = r->plan;
    const rp_pricing_t *price = r->price;
    switch (c) {
    case 1:
        rp_decimal_format(text, sizeof text, p->payment, rc->places, rc->mode);
        break;
    case 2:
        snprintf(text, sizeof text, "%d", rp_plan_installments(p));
        break;
    case 3:
        rp_decimal_format(text, sizeof text, p->total_payment, rc->places, rc->mode);
        break;
    case 4:
        rp_decimal_format(text, sizeof text, p->waived_total, rc->places, rc->mode);
        break;
    case 5:
        rp_decimal_format(text, sizeof text, price->saving, rc->places, rc->mode);
        break;
    case 6:
        if (price->has_apr)
            rp_decimal_format_bounded(text, sizeof text, price->apr.low, price->apr.high, 12);
        break;
    case 7:
        rp_decimal_format(text, sizeof text, price->pv, rc->places, rc->mode);
        break;
    default:
        rp_decimal_format_bounded(text, sizeof text, price->recovery, price->recovery, 6);
        break;
    }
    rp_buf_puts(b, text);
}

/* "code: message (path)" of a failed proposal into b (emptied first);
 * empty for one that was built. */
static void proposal_error(rp_buf_t *b, const rp_compare_row_t *r)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
    if (r->plan) {
        rp_buf_puts(b, "");
        return;
    }
    rp_buf_printf(b, "%s: %s (%s)", rp_strerror(r->error->code), r->error->message, r->error->path);
}

/* long: one table, its columns measured in a first pass and written in the
 * second, then the reasons of the failed proposals. */
void rp_render_compare(rp_buf_t *b, rp_format fmt, const rp_compare_row_t *rows, int n,
                       int discount_given, const rp_round_t *rc)
{
    static const char *const cols[NC] = {"name",         "payment", "installment_count",
                                         "total_to_pay", "waived",  "saving",
                                         "apr",          "pv",      "recovery"};
    static const char *const heads[NC] = {"proposal", "payment", "term",     "total", "waived",
                                          "saving",   "apr",     "lender pv", "recovery"};
    size_t width[NC];
    for (int c = 0; c < NC; c++)
        width[c] = strlen(fmt == RP_FORMAT_CSV ? cols[c] : heads[c]);
    rp_buf_t cell[NC], raw;
    for (int c = 0; c < NC; c++)
        rp_buf_init(&cell[c]);
    rp_buf_init(&raw);
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            for (int c = 0; c < NC; c++) {
                const char *h = fmt == RP_FORMAT_CSV ? cols[c] : heads[c];
                if (fmt == RP_FORMAT_CSV)
                    rp_buf_printf(b, "%s%s", c ? "," : "", h);
                else
                    rp_buf_printf(b, c ? "  %*s" : "%-*s", (int)width[c], h);
            }
            rp_buf_puts(b, fmt == RP_FORMAT_CSV ? ",error\n" : "\n");
        }
        for (int i = 0; i < n; i++) {
            const rp_compare_row_t *r = &rows[i];
            for (int c = 0; c < NC; c++) {
                cell_text(&raw, r, c, rc);
                const char *text = raw.data ? raw.data : "";
                cell[c].len = 0;
                if (cell[c].data)
                    cell[c].data[0] = '\0';
                if (fmt == RP_FORMAT_CSV) {
                    rp_buf_csv_cell(&cell[c], text, c == 0);
                } else {
                    rp_buf_visible(&cell[c], text, strlen(text));
                    rp_buf_puts(&cell[c], "");
                }
                size_t w = cell[c].data ? rp_text_width(cell[c].data) : 0;
                if (pass == 0 && w > width[c])
                    width[c] = w;
            }
            if (pass == 1) {
                for (int c = 0; c < NC; c++) {
                    const char *t = cell[c].data ? cell[c].data : "";
                    if (fmt == RP_FORMAT_CSV) {
                        rp_buf_printf(b, "%s%s", c ? "," : "", t);
                        if (c == NC - 1) { /* why a proposal failed, in its own column */
                            rp_buf_puts(b, ",");
                            proposal_error(&raw, r);
                            rp_buf_csv_cell(b, raw.data ? raw.data : "", 1);
                        }
                        continue;
                    }
                    size_t pad = width[c] - rp_text_width(t);
                    if (c > 0)
                        rp_buf_puts(b, "  ");
                    if (c > 0)
                        rp_buf_repeat(b, ' ', pad);
                    rp_buf_puts(b, t);
                    if (c == 0)
                        rp_buf_repeat(b, ' ', pad);
                }
                rp_buf_puts(b, "\n");
            }
        }
    }
    /* the table: the rate its present values use, then why each failed
     * proposal failed */
    for (int i = 0; i < n && fmt != RP_FORMAT_CSV; i++)
        if (rows[i].plan) {
            rp_render_discount(b, rows[i].price->discount_rate, discount_given);
            break;
        }
    for (int i = 0; i < n && fmt != RP_FORMAT_CSV; i++) {
        if (rows[i].plan)
            continue;
        proposal_error(&raw, &rows[i]);
        rp_buf_puts(b, "error in ");
        rp_buf_visible(b, rows[i].name, strlen(rows[i].name));
        rp_buf_puts(b, ": ");
        rp_buf_visible(b, raw.data ? raw.data : "", raw.len);
        rp_buf_puts(b, "\n");
    }
    for (int c = 0; c < NC; c++) {
        b->failed |= cell[c].failed;
        rp_buf_clear(&cell[c]);
    }
    b->failed |= raw.failed;
    rp_buf_clear(&raw);
}
