/*
 * explain.c — statement workings as sentences (explain.h).
 */
#include <stdio.h>

#include "base/quotient.h"
#include "explain.h"

void rp_explain_percent(char *buf, size_t size, const mpq_t rate)
{
    /* rate · 100 at its own places (at most 8): a terminating rate's
     * places less two, never below 0 — in words when they hold it */
    int places = rp_decimal_places(rate);
    int shown = places < 0 || places > 10 ? 8 : places > 2 ? places - 2 : 0;
    int64_t num, den;
    if (rp_units_from_z(&num, mpq_numref(rate)) && rp_units_from_z(&den, mpq_denref(rate)) &&
        num > -RP_UNITS_MAX / 100 && num < RP_UNITS_MAX / 100 &&
        rp_decimal_format_words(buf, size, num * 100, den, shown, RP_ROUND_HALF_EVEN) > 0)
        return;
    mpq_t p;
    mpq_init(p);
    mpq_set_ui(p, 100, 1);
    mpq_mul(p, p, rate);
    rp_decimal_format(buf, size, p, shown, RP_ROUND_HALF_EVEN);
    mpq_clear(p);
}

static const char *base_zh(int kind)
{
    switch (kind) {
    case RP_BASE_OVERDUE_INSTALLMENT:
        return "逾期本息";
    case RP_BASE_OUTSTANDING_PRINCIPAL:
        return "未还本金";
    case RP_BASE_OVERDUE_PRINCIPAL:
        return "逾期本金";
    default:
        return "逾期利息";
    }
}

static const char *base_en(int kind)
{
    switch (kind) {
    case RP_BASE_OVERDUE_INSTALLMENT:
        return "overdue principal and interest";
    case RP_BASE_OUTSTANDING_PRINCIPAL:
        return "outstanding principal";
    case RP_BASE_OVERDUE_PRINCIPAL:
        return "overdue principal";
    default:
        return "overdue interest";
    }
}

void rp_explain_working(rp_buf_t *zh, rp_buf_t *en, const rp_statement_t *st,
                        const rp_working_t *w, const rp_overdue_t *o, const rp_round_t *rc)
{
    const rp_item_t *it = &st->items[w->item];
    char base[48], rate[48], amount[48], from[RP_DATE_TEXT], to[RP_DATE_TEXT];
    int late = w->component == RP_LATE_FEE;
    const char *what_zh = late ? "违约金" : w->component == RP_PENALTY ? "罚息" : "复利";
    const char *what_en = late ? "late fee" : w->component == RP_PENALTY ? "penalty interest"
                                                                         : "compound interest";
    if (it->plan > 0) { /* an installment of a restructuring's plan */
        rp_buf_cat(zh, "重组计划%d第%d期%s：", it->plan, it->n, what_zh);
        rp_buf_cat(en, "Plan %d installment %d %s: ", it->plan, it->n, what_en);
    } else {
        rp_buf_cat(zh, "第%d期%s：", it->n, what_zh);
        rp_buf_cat(en, "Installment %d %s: ", it->n, what_en);
    }
    for (int i = 0; i < w->count; i++) {
        const rp_segment_t *sg = &w->segments[i];
        rp_decimal_format(base, sizeof base, sg->base, rc->places, rc->mode);
        rp_explain_percent(rate, sizeof rate, sg->rate);
        rp_date_format(from, sg->from);
        rp_date_format(to, sg->to);
        if (late) {
            /* did a floor or cap (or the total cap) change the fee? */
            mpq_t raw;
            mpq_init(raw);
            mpq_mul(raw, sg->base, sg->rate);
            rp_qadd(raw, raw, o->late_fee_amount);
            rp_round(raw, raw, rc);
            int adjusted = !mpq_equal(raw, sg->amount);
            mpq_clear(raw);
            rp_decimal_format(amount, sizeof amount, sg->amount, rc->places, rc->mode);
            rp_buf_cat(zh, "%s%s起按未还金额 %s × %s%% 计 %s%s", i ? "；" : "", from, base,
                     rate, amount, adjusted ? "（按下限或上限调整）" : "");
            rp_buf_cat(en, "%sfrom %s, unpaid %s × %s%% gives %s%s", i ? "; " : "", from,
                     base, rate, amount, adjusted ? " (after the floor or cap)" : "");
            continue;
        }
        /* one day is named as a day, not as a span from it to itself (the
         * one-day forms leave `to` unread) */
        int one_day = sg->from == sg->to;
        rp_buf_cat(zh, one_day ? "%s%s %s × 年利率 %s%% ÷ %d × %d天（%s）"
                               : "%s%s %s × 年利率 %s%% ÷ %d × %d天（%s至%s）",
                   i ? " + " : "", base_zh(w->base_kind), base, rate, o->daily_basis, sg->days,
                   from, to);
        rp_buf_cat(en, one_day ? "%s%s %s × %s%% a year ÷ %d × %d day%s (%s)"
                               : "%s%s %s × %s%% a year ÷ %d × %d day%s (%s to %s)",
                   i ? " + " : "", base_en(w->base_kind), base, rate, o->daily_basis, sg->days,
                   sg->days == 1 ? "" : "s", from, to);
    }
    rp_decimal_format(amount, sizeof amount, w->posted, rc->places, rc->mode);
    if (late && mpq_sgn(o->late_fee_amount) > 0) {
        char fixed[48];
        rp_decimal_format(fixed, sizeof fixed, o->late_fee_amount, rc->places, rc->mode);
        rp_buf_cat(zh, "（每次另加 %s，含在内）", fixed);
        rp_buf_cat(en, " (each including a fixed %s)", fixed);
    }
    rp_buf_cat(zh, late ? "，合计 %s%s" : " = %s%s", amount,
             w->capped ? "（已达上限）" : "");
    rp_buf_cat(en, late ? "; total %s%s" : " = %s%s", amount,
             w->capped ? " (capped)" : "");
}

/* "罚息 12.30、复利 4.10" / "penalty interest 12.30, compound interest 4.10" */
void rp_explain_components(char *zh, char *en, size_t size, mpq_t const *v, const rp_round_t *rc)
{
    static const char *const names_zh[RP_COMPONENT_COUNT] = {"本金", "利息", "罚息", "复利", "违约金", "费用"};
    static const char *const names_en[RP_COMPONENT_COUNT] = {"principal", "interest", "penalty interest",
                                                             "compound interest", "late fees", "fees"};
    size_t uz = 0, ue = 0;
    zh[0] = en[0] = '\0';
    for (int c = 0; c < RP_COMPONENT_COUNT; c++) {
        if (mpq_sgn(v[c]) == 0)
            continue;
        char amount[48];
        rp_decimal_format(amount, sizeof amount, v[c], rc->places, rc->mode);
        if (uz < size)
            uz += (size_t)snprintf(zh + uz, size - uz, "%s%s %s", uz ? "、" : "", names_zh[c], amount);
        if (ue < size)
            ue += (size_t)snprintf(en + ue, size - ue, "%s%s %s", ue ? ", " : "", names_en[c], amount);
    }
}
