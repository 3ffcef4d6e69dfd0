/*
 * render_statement.c — a statement as text: the owed-today summary first,
 * then the workings, then the installments due (table); or one CSV row per
 * installment and fee.
 */
#include <stdio.h>
#include <string.h>

#include "statement/explain.h"
#include "render.h"

/* 1 if the statement has a restructuring's plan in it. */
static int has_plans(const rp_statement_t *st)
{
    for (int k = 0; k < st->item_count; k++)
        if (st->items[k].plan > 0)
            return 1;
    return 0;
}

static const char *item_kind(const rp_item_t *it)
{
    return it->role == RP_ROLE_INSTALLMENT ? "installment" : it->role == RP_ROLE_FEE ? "fee" : "reinstated";
}

static const char *item_kind_short(const rp_item_t *it)
{
    return it->role == RP_ROLE_FEE ? "fee" : "rein.";
}

static void amount_line(rp_buf_t *b, const char *label, const mpq_t x, const rp_round_t *rc)
{
    char text[64];
    rp_decimal_format(text, sizeof text, x, rc->places, rc->mode);
    rp_buf_printf(b, "  %-24s %16s\n", label, text);
}


/* What became of each agreement, and the class: the sentences the JSON
 * gives, to read out. */
static void render_life(rp_buf_t *b, const rp_life_t *life, const rp_round_t *rc)
{
    char zh[700], en[700], date[RP_DATE_TEXT];
    rp_buf_puts(b, "Agreements\n");
    for (int k = 0; k < life->count; k++) {
        const rp_life_agreement_t *a = &life->agreements[k];
        rp_date_format(date, a->date);
        rp_buf_printf(b, "  plan %d, agreed %s: %s; %d due, %d on time, %d late, %d missed\n", k + 1,
                      date, rp_standing_names[a->standing], a->due, a->on_time, a->late, a->missed);
        if (a->breach_date != RP_DATE_NONE) {
            rp_life_explain_breach(zh, en, sizeof zh, a, k + 1, rc);
            rp_buf_printf(b, "    %s\n    %s\n", zh, en);
        }
        rp_life_explain_observation(zh, en, sizeof zh, a);
        rp_buf_printf(b, "    %s\n    %s\n", zh, en);
    }
    rp_life_explain_class(zh, en, sizeof zh, life);
    rp_buf_printf(b, "  %s\n  %s\n", zh, en);
}

/* long: the statement's sections in their documented order. */
static void render_table(rp_buf_t *b, const rp_statement_t *st, const rp_life_t *life,
                         const rp_terms_t *terms, const rp_round_t *rc)
{
    char date[RP_DATE_TEXT], text[64];
    rp_date_format(date, st->as_of);
    rp_buf_printf(b, "Statement as of %s: %d day%s past due (", date, st->dpd,
                  st->dpd == 1 ? "" : "s");
    const char *label = terms->buckets[st->bucket].label; /* user text */
    rp_buf_visible(b, label, strlen(label));
    rp_buf_printf(b, ", %s %s)\n", rp_tier_names_zh[st->tier], rp_tier_names[st->tier]);
    rp_buf_puts(b, "Owed today\n");
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        amount_line(b, rp_component_names[c], st->owed[c], rc);
    amount_line(b, "total due", st->total_due, rc);
    amount_line(b, "to close the loan today", st->payoff_total, rc);
    amount_line(b, "paid so far", st->paid_total, rc);
    if (mpq_sgn(st->credit) > 0)
        amount_line(b, "credit held", st->credit, rc);
    if (mpq_sgn(st->prepaid) > 0)
        amount_line(b, "principal prepaid", st->prepaid, rc);
    rp_explain_percent(text, sizeof text, st->penalty_rate);
    rp_buf_printf(b, "  %-24s %15s%%\n", "penalty rate a year", text);
    for (int w = 0; w < st->warning_count; w++)
        rp_buf_printf(b, "warning: %s\n", st->warnings[w].message);
    if (life && life->count > 0)
        render_life(b, life, rc);

    int any = 0;
    for (int w = 0; w < st->working_count; w++) {
        if (st->workings[w].count == 0)
            continue;
        if (!any++)
            rp_buf_puts(b, "Workings\n");
        const rp_overdue_t *o = life ? rp_life_overdue(life, st->items[st->workings[w].item].plan,
                                                       &terms->overdue)
                                     : &terms->overdue;
        rp_buf_puts(b, "  ");
        rp_explain_working(b, NULL, st, &st->workings[w], o, rc);
        rp_buf_puts(b, "\n  ");
        rp_explain_working(NULL, b, st, &st->workings[w], o, rc);
        rp_buf_puts(b, "\n");
    }

    /* what has fallen due, and the next installment (after a restructuring,
     * the plan each belongs to: 0 the contract) */
    int plans = has_plans(st);
    if (plans)
        rp_buf_printf(b, "%4s  ", "plan");
    rp_buf_printf(b, "%5s  %-10s  %-11s  %5s  %12s  %12s  %12s\n", "n", "due_date", "status", "dpd",
                  "due", "paid", "outstanding");
    int next_shown = 0;
    mpq_t due, paid, open;
    mpq_inits(due, paid, open, NULL);
    for (int k = 0; k < st->item_count; k++) {
        const rp_item_t *it = &st->items[k];
        if (it->due_date > st->as_of) {
            if (next_shown || it->role != RP_ROLE_INSTALLMENT)
                continue;
            next_shown = 1;
        }
        rp_components_total(due, it->due);
        rp_components_total(paid, it->paid);
        rp_item_outstanding(open, it, RP_COMPONENT_COUNT);
        char n[16], d1[48], d2[48], d3[48];
        snprintf(n, sizeof n, "%s", item_kind_short(it));
        if (it->role == RP_ROLE_INSTALLMENT)
            snprintf(n, sizeof n, "%d", it->n);
        if (plans)
            rp_buf_printf(b, "%4d  ", it->plan);
        rp_date_format(date, it->due_date);
        rp_decimal_format(d1, sizeof d1, due, rc->places, rc->mode);
        rp_decimal_format(d2, sizeof d2, paid, rc->places, rc->mode);
        rp_decimal_format(d3, sizeof d3, open, rc->places, rc->mode);
        rp_buf_printf(b, "%5s  %-10s  %-11s  %5d  %12s  %12s  %12s\n", n, date,
                      rp_item_status_names[it->status], it->days_past_due, d1, d2, d3);
    }
    mpq_clears(due, paid, open, NULL);
}

static void render_csv(rp_buf_t *b, const rp_statement_t *st, const rp_round_t *rc)
{
    int plans = has_plans(st);
    if (plans)
        rp_buf_puts(b, "plan,");
    rp_buf_puts(b, "n,kind,due_date,status,days_past_due");
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        rp_buf_printf(b, ",due_%s", rp_component_names[c]);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        rp_buf_printf(b, ",paid_%s", rp_component_names[c]);
    rp_buf_puts(b, ",outstanding\n");
    mpq_t open, part;
    mpq_inits(open, part, NULL);
    for (int k = 0; k < st->item_count; k++) {
        const rp_item_t *it = &st->items[k];
        char date[RP_DATE_TEXT], text[64];
        rp_date_format(date, it->due_date);
        if (plans)
            rp_buf_printf(b, "%d,", it->plan);
        rp_buf_printf(b, "%d,%s,%s,%s,%d", it->n, item_kind(it), date,
                      rp_item_status_names[it->status], it->days_past_due);
        for (int pass = 0; pass < 2; pass++)
            for (int c = 0; c < RP_COMPONENT_COUNT; c++) {
                const mpq_t *v = pass == 0 ? it->due : it->paid;
                rp_decimal_format(text, sizeof text, v[c], rc->places, rc->mode);
                rp_buf_printf(b, ",%s", text);
            }
        rp_item_outstanding(open, it, RP_COMPONENT_COUNT);
        rp_decimal_format(text, sizeof text, open, rc->places, rc->mode);
        rp_buf_printf(b, ",%s\n", text);
    }
    (void)part;
    mpq_clears(open, part, NULL);
}

void rp_render_statement(rp_buf_t *b, rp_format fmt, const rp_statement_t *st,
                         const rp_life_t *life, const rp_terms_t *terms, const rp_round_t *rc)
{
    if (fmt == RP_FORMAT_CSV)
        render_csv(b, st, rc);
    else
        render_table(b, st, life, terms, rc);
}
