/*
 * letter.c — the repayment letter (还款计划确认书) of a restructured plan:
 * the debt on the date, what is waived and on what condition, the new
 * installments, the total, the real annualized rate, what a missed
 * payment costs, the observation period. The wording is in one template
 * per language (data/letter/zh.md, en.md, built in); every number comes
 * from the computed plan, put into the template's context here. Markdown
 * for `--format letter`; for `letter-html` the same Markdown as one
 * self-contained page, styled for A4 (data/letter/letter.css).
 */
#include <stdio.h>
#include <string.h>

#include "ops.h"
#include "statement/explain.h"

extern const char rp_letter_zh[], rp_letter_en[], rp_letter_css[];

static const char *const component_zh[RP_COMPONENT_COUNT] = {"本金", "利息", "罚息", "复利", "违约金", "费用"};
static const char *const component_en[RP_COMPONENT_COUNT] = {
    "principal", "interest", "penalty interest (罚息)", "compound interest (复利)", "late fees (违约金)", "fees"};

static void add_money(cJSON *o, const char *key, mpq_srcptr x, const rp_round_t *rc)
{
    char text[64];
    rp_decimal_format(text, sizeof text, x, rc->places, rc->mode);
    cJSON_AddStringToObject(o, key, text);
}

static void add_percent(cJSON *o, const char *key, mpq_srcptr rate)
{
    char text[64];
    rp_explain_percent(text, sizeof text, rate);
    strcat(text, "%");
    cJSON_AddStringToObject(o, key, text);
}

/* [{zh, en, amount}] of the non-zero components of v. */
static void add_components(cJSON *o, const char *key, mpq_t const *v, const rp_round_t *rc)
{
    cJSON *list = cJSON_AddArrayToObject(o, key);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++) {
        if (mpq_sgn(v[c]) == 0)
            continue;
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "zh", component_zh[c]);
        cJSON_AddStringToObject(e, "en", component_en[c]);
        add_money(e, "amount", v[c], rc);
        cJSON_AddItemToArray(list, e);
    }
}

/* long: the context, field by field in the order the templates use them. */
static cJSON *context(const rp_letter_t *l)
{
    const rp_plan_t *p = l->plan;
    const rp_round_t *rc = l->rc;
    cJSON *ctx = cJSON_CreateObject();
    rp_json_add_date(ctx, "date", p->date);
    cJSON *loan = cJSON_AddObjectToObject(ctx, "loan");
    add_money(loan, "principal", l->loan->principal, rc);
    add_percent(loan, "rate", l->loan->annual_rate);
    rp_json_add_date(loan, "start_date", l->loan->start_date);
    add_components(ctx, "claim", p->claim, rc);
    add_money(ctx, "claim_total", p->claim_total, rc);
    add_components(ctx, "waived", p->waived, rc);
    cJSON_AddBoolToObject(ctx, "has_waived", mpq_sgn(p->waived_total) > 0);
    add_money(ctx, "waived_total", p->waived_total, rc);
    if (p->condition_days >= 0) {
        cJSON *cond = cJSON_AddObjectToObject(ctx, "condition");
        rp_json_add_int(cond, "days", p->condition_days);
        char zh[RP_MESSAGE_MAX], en[RP_MESSAGE_MAX];
        rp_explain_components(zh, en, sizeof zh, p->conditional, rc);
        cJSON_AddStringToObject(ctx, "conditional_list_zh", zh);
        cJSON_AddStringToObject(ctx, "conditional_list_en", en);
    }
    char zh[RP_MESSAGE_MAX], en[RP_MESSAGE_MAX];
    rp_plan_explain(zh, en, sizeof zh, p, rc);
    cJSON_AddStringToObject(ctx, "explain_zh", zh);
    cJSON_AddStringToObject(ctx, "explain_en", en);
    cJSON *rows = cJSON_AddArrayToObject(ctx, "rows");
    for (int k = 0; k < p->count; k++) {
        const rp_plan_row_t *r = &p->rows[k];
        cJSON *o = cJSON_CreateObject();
        rp_json_add_int(o, "n", r->n);
        rp_json_add_date(o, "due_date", r->due_date);
        add_money(o, "payment", r->payment, rc);
        add_money(o, "principal", r->principal, rc);
        add_money(o, "interest", r->interest, rc);
        add_money(o, "fee", r->fee, rc);
        add_money(o, "arrears", r->arrears, rc);
        cJSON_AddItemToArray(rows, o);
    }
    add_money(ctx, "total_to_pay", p->total_payment, rc);
    add_percent(ctx, "plan_rate", p->annual_rate);
    if (l->price->has_apr) {
        char text[64];
        rp_decimal_format_percent(text, sizeof text, l->price->apr.low, l->price->apr.high, 2);
        strcat(text, "%");
        cJSON_AddStringToObject(ctx, "apr", text);
    } else {
        cJSON_AddStringToObject(ctx, "apr", "—");
    }
    cJSON *pen = cJSON_AddObjectToObject(ctx, "penalty");
    add_percent(pen, "rate", l->penalty_rate);
    rp_json_add_int(pen, "basis", l->overdue->daily_basis);
    cJSON_AddBoolToObject(pen, "compound", l->overdue->compound);
    if (l->overdue->grace_days > 0)
        rp_json_add_int(pen, "grace", l->overdue->grace_days);
    if (l->default_days >= 0) {
        cJSON *d = cJSON_AddObjectToObject(ctx, "default");
        rp_json_add_int(d, "days", l->default_days);
        cJSON_AddBoolToObject(d, "accelerate", l->accelerate);
    }
    cJSON *obs = cJSON_AddObjectToObject(ctx, "observation");
    if (p->first_due_date != RP_DATE_NONE) {
        rp_json_add_date(obs, "start", p->first_due_date);
        rp_json_add_date(obs, "end", p->observation_end);
    }
    return ctx;
}

/* ---- Markdown (the templates' small part of it) to HTML ------------------- */

static void html_text(rp_buf_t *b, const char *s, size_t n)
{
    int bold = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '*' && i + 1 < n && s[i + 1] == '*') {
            rp_buf_puts(b, bold ? "</strong>" : "<strong>");
            bold = !bold;
            i++;
        } else if (c == '&') {
            rp_buf_puts(b, "&amp;");
        } else if (c == '<') {
            rp_buf_puts(b, "&lt;");
        } else if (c == '>') {
            rp_buf_puts(b, "&gt;");
        } else if (c == '"') {
            rp_buf_puts(b, "&quot;");
        } else {
            rp_buf_append(b, &c, 1);
        }
    }
    if (bold)
        rp_buf_puts(b, "</strong>");
}

/* One table row "| a | b |" as <tr> of cells (th for the head). */
static void html_row(rp_buf_t *b, const char *line, size_t n, const int *right, int head)
{
    rp_buf_puts(b, "<tr>");
    size_t i = 1; /* after the first | */
    for (int c = 0; i < n; c++) {
        size_t j = i;
        while (j < n && line[j] != '|')
            j++;
        size_t a = i, z = j;
        while (a < z && line[a] == ' ')
            a++;
        while (z > a && line[z - 1] == ' ')
            z--;
        rp_buf_puts(b, head ? "<th" : "<td");
        if (c < 16 && right[c])
            rp_buf_puts(b, " class=\"r\"");
        rp_buf_puts(b, ">");
        html_text(b, line + a, z - a);
        rp_buf_puts(b, head ? "</th>" : "</td>");
        i = j + 1;
    }
    rp_buf_puts(b, "</tr>\n");
}

/* long: one pass over the lines, each kind of block in turn. */
static void markdown_html(rp_buf_t *b, const char *md)
{
    const char *p = md;
    int in_list = 0, in_table = 0, right[16] = {0};
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        const char *next = e ? e + 1 : p + n;
        int is_row = n > 0 && p[0] == '|';
        int is_item = n > 1 && p[0] == '-' && p[1] == ' ';
        if (in_list && !is_item) {
            rp_buf_puts(b, "</ul>\n");
            in_list = 0;
        }
        if (in_table && !is_row) {
            rp_buf_puts(b, "</tbody></table>\n");
            in_table = 0;
        }
        if (is_row && !in_table) {
            /* the head row, then the separator that says how to align */
            const char *sep = next, *sep_end = strchr(sep, '\n');
            size_t sn = sep_end ? (size_t)(sep_end - sep) : strlen(sep);
            memset(right, 0, sizeof right);
            for (size_t i = 0, c = 0; i < sn && c < 16; i++)
                if (sep[i] == '|' && i > 0)
                    right[c++] = sep[i - 1] == ':';
            rp_buf_puts(b, "<table><thead>");
            html_row(b, p, n, right, 1);
            rp_buf_puts(b, "</thead><tbody>\n");
            in_table = 1;
            p = sep_end ? sep_end + 1 : sep + sn;
            continue;
        }
        if (is_row) {
            html_row(b, p, n, right, 0);
        } else if (is_item) {
            if (!in_list)
                rp_buf_puts(b, "<ul>\n");
            in_list = 1;
            rp_buf_puts(b, "<li>");
            html_text(b, p + 2, n - 2);
            rp_buf_puts(b, "</li>\n");
        } else if (n > 2 && p[0] == '#' && p[1] == ' ') {
            rp_buf_puts(b, "<h1>");
            html_text(b, p + 2, n - 2);
            rp_buf_puts(b, "</h1>\n");
        } else if (n > 3 && p[0] == '#' && p[1] == '#' && p[2] == ' ') {
            rp_buf_puts(b, "<h2>");
            html_text(b, p + 3, n - 3);
            rp_buf_puts(b, "</h2>\n");
        } else if (n > 2 && p[0] == '>' && p[1] == ' ') {
            rp_buf_puts(b, "<blockquote>");
            html_text(b, p + 2, n - 2);
            rp_buf_puts(b, "</blockquote>\n");
        } else if (n > 0) {
            rp_buf_puts(b, "<p>");
            html_text(b, p, n);
            rp_buf_puts(b, "</p>\n");
        }
        p = next;
    }
    if (in_list)
        rp_buf_puts(b, "</ul>\n");
    if (in_table)
        rp_buf_puts(b, "</tbody></table>\n");
}

rp_status rp_json_letter(rp_buf_t *out, rp_format fmt, const rp_letter_t *l, rp_error *err)
{
    cJSON *ctx = context(l);
    if (!ctx)
        return rp_fail(err, RP_E_NOMEM, "$", "out of memory");
    const char *const templates[2] = {rp_letter_zh, rp_letter_en};
    rp_buf_t md[2];
    rp_status st = RP_OK;
    for (int i = 0; i < 2; i++) {
        rp_buf_init(&md[i]);
        if (st == RP_OK)
            st = rp_template_render(&md[i], templates[i], ctx, err);
    }
    if (st == RP_OK && fmt == RP_FORMAT_LETTER) {
        rp_buf_puts(out, md[0].data ? md[0].data : "");
        rp_buf_puts(out, "\n---\n\n");
        rp_buf_puts(out, md[1].data ? md[1].data : "");
    } else if (st == RP_OK) {
        rp_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                         "<title>还款计划确认书 Repayment Plan Confirmation</title><style>\n");
        rp_buf_puts(out, rp_letter_css);
        rp_buf_puts(out, "</style></head><body>\n");
        for (int i = 0; i < 2; i++) {
            rp_buf_puts(out, i ? "<div class=\"page\" lang=\"en\">\n" : "<div class=\"page\">\n");
            markdown_html(out, md[i].data ? md[i].data : "");
            rp_buf_puts(out, "</div>\n");
        }
        rp_buf_puts(out, "</body></html>\n");
    }
    for (int i = 0; i < 2; i++)
        rp_buf_clear(&md[i]);
    cJSON_Delete(ctx);
    return st;
}

rp_status rp_json_plan_letter(rp_buf_t *out, rp_format fmt, const rp_plan_t *plan,
                              const rp_pricing_t *price, const rp_overdue_t *overdue,
                              int default_days, int accelerate, const loan_in_t *loan, rp_error *err)
{
    mpq_t penalty;
    mpq_init(penalty);
    rp_overdue_penalty_rate(penalty, overdue, plan->annual_rate);
    rp_letter_t l = {&loan->loan, plan, price, overdue, penalty, default_days, accelerate,
                     &loan->rounding};
    rp_status st = rp_json_letter(out, fmt, &l, err);
    mpq_clear(penalty);
    return st;
}
