/*
 * life_explain.c — what became of a loan's agreements, in sentences to read
 * out (Chinese and English): a breach, an observation period, the class
 * and the article that decided it. JSON and tables both print them.
 */
#include <stdio.h>

#include "base/internal.h"
#include "statement/explain.h"

static const char *const rule_zh[RP_CLASS_RULE_COUNT] = {
    [RP_CLASS_BY_DPD] = "按逾期天数",
    [RP_CLASS_BY_ART21] = "《商业银行金融资产风险分类办法》第二十一条：重组前为正常类或关注类，重组后至少归为关注类",
    [RP_CLASS_BY_ART21_KEPT] = "《商业银行金融资产风险分类办法》第二十一条：重组前为不良，观察期内不上调分类",
    [RP_CLASS_BY_ART22] = "《商业银行金融资产风险分类办法》第二十二条：观察期内再次重组",
};
static const char *const rule_en[RP_CLASS_RULE_COUNT] = {
    [RP_CLASS_BY_DPD] = "by days past due",
    [RP_CLASS_BY_ART21] = "2023 risk classification rules Art. 21: normal or special mention before "
                          "the restructuring, at least special mention after it",
    [RP_CLASS_BY_ART21_KEPT] = "2023 risk classification rules Art. 21: non-performing before the "
                               "restructuring, not upgraded during the observation period",
    [RP_CLASS_BY_ART22] = "2023 risk classification rules Art. 22: restructured again inside the "
                          "observation period",
};

void rp_life_explain_breach(char *zh, char *en, size_t size, const rp_life_agreement_t *a, int plan,
                            const rp_round_t *rc)
{
    char date[RP_DATE_TEXT], lz[300], le[300];
    rp_date_format(date, a->breach_date);
    rp_explain_components(lz, le, sizeof lz, a->reinstated, rc);
    int nz = snprintf(zh, size, "重组计划%d第%d期逾期超过%d天，协议于%s违约", plan, a->breach_n,
                      a->breach_days, date);
    int ne = snprintf(en, size, "Plan %d installment %d was more than %d days past due: the "
                      "agreement broke on %s", plan, a->breach_n, a->breach_days, date);
    if (lz[0] && nz > 0 && ne > 0 && (size_t)nz < size && (size_t)ne < size) {
        nz += snprintf(zh + nz, size - (size_t)nz, "；附条件减免的%s于当日恢复收取", lz);
        ne += snprintf(en + ne, size - (size_t)ne, "; the waivers made on condition (%s) are owed "
                       "again from that day", le);
    }
    if (a->accelerated && nz > 0 && ne > 0 && (size_t)nz < size && (size_t)ne < size) {
        snprintf(zh + nz, size - (size_t)nz, "；贷款宣布提前到期");
        snprintf(en + ne, size - (size_t)ne, "; the loan was accelerated");
    }
}

void rp_life_explain_observation(char *zh, char *en, size_t size, const rp_life_agreement_t *a)
{
    char start[RP_DATE_TEXT], end[RP_DATE_TEXT];
    rp_date_format(start, a->observation_start);
    rp_date_format(end, a->observation_end);
    if (a->observation == RP_OBSERVATION_PASSED) {
        snprintf(zh, size, "观察期%s至%s已满，期内按时足额还款（第二十条）", start, end);
        snprintf(en, size, "the observation period %s to %s is over, every payment on time and "
                 "in full (Art. 20)", start, end);
    } else if (a->observation == RP_OBSERVATION_RESTARTED) {
        snprintf(zh, size, "未按时足额还款，观察期自%s重新计算，至%s（第二十条）", start, end);
        snprintf(en, size, "a payment was not made on time and in full: the observation period "
                 "restarted on %s and runs to %s (Art. 20)", start, end);
    } else {
        snprintf(zh, size, "观察期自%s至%s（第二十条：至少两个还款期且不少于1年）", start, end);
        snprintf(en, size, "observation period %s to %s (Art. 20: at least two repayment periods "
                 "and a year)", start, end);
    }
}

void rp_life_explain_class(char *zh, char *en, size_t size, const rp_life_t *life)
{
    snprintf(zh, size, "%s：%s", rule_zh[life->rule], rp_tier_names_zh[life->tier]);
    snprintf(en, size, "%s: %s", rule_en[life->rule], rp_tier_names[life->tier]);
}
