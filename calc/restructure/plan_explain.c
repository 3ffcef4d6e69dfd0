/*
 * plan_explain.c — a plan in one sentence a negotiator can read out, in
 * Chinese and English: what to pay and how often, what is waived, and
 * how the total compares with settling in full today. Every number is the
 * plan's own.
 */
#include <stdio.h>

#include "restructure.h"
#include "statement/explain.h"

static const char *every_zh(int per_year)
{
    return per_year == 12 ? "每月" : per_year == 4 ? "每季" : per_year == 1 ? "每年" : "每期";
}

static const char *every_en(int per_year)
{
    return per_year == 12 ? "monthly " : per_year == 4 ? "quarterly " : per_year == 1 ? "yearly " : "";
}

void rp_plan_explain(char *zh, char *en, size_t size, const rp_plan_t *p, const rp_round_t *rc)
{
    char pay[48], now[48], diff[48], wz[300], we[300];
    int n = rp_plan_installments(p);
    int due_now = p->count > 0 && p->rows[0].n == 0;
    rp_decimal_format(pay, sizeof pay, p->payment, rc->places, rc->mode);
    size_t z = 0, e = 0;
#define ZH(...) (z += z < size ? (size_t)snprintf(zh + z, size - z, __VA_ARGS__) : 0)
#define EN(...) (e += e < size ? (size_t)snprintf(en + e, size - e, __VA_ARGS__) : 0)
    if (n == 0 && due_now) {
        rp_decimal_format(now, sizeof now, p->rows[0].payment, rc->places, rc->mode);
        ZH("今日一次还款 %s 元", now);
        EN("one payment of %s today", now);
    } else {
        if (due_now) {
            rp_decimal_format(now, sizeof now, p->rows[0].payment, rc->places, rc->mode);
            ZH("今日先还 %s 元，", now);
            EN("%s today, then ", now);
        }
        ZH("%s还款 %s 元，共 %d 期", every_zh(p->periods_per_year), pay, n);
        EN("%d %sinstallments of %s", n, every_en(p->periods_per_year), pay);
    }
    rp_explain_components(wz, we, sizeof wz, p->waived, rc);
    if (wz[0]) {
        ZH("，减免%s", wz);
        EN(", waiving %s", we);
    }
    mpq_t d;
    mpq_init(d);
    rp_qsub(d, p->total_payment, p->claim_total);
    int more = mpq_sgn(d) >= 0;
    mpq_abs(d, d);
    rp_decimal_format(diff, sizeof diff, d, rc->places, rc->mode);
    ZH("；比今天一次结清%s %s 元", more ? "多付" : "少付", diff);
    EN("; %s %s than settling in full today", diff, more ? "more" : "less");
    mpq_clear(d);
#undef ZH
#undef EN
}
