/*
 * life_json.c — what became of a loan's restructurings, as JSON: each
 * agreement (its plan in brief, kept or broken, reinstated waivers, its
 * observation period) and the class with the article that decided it,
 * each with a sentence in Chinese and English to read out.
 */
#include <stdio.h>

#include "ops.h"

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

static void add_sentences(cJSON *o, const char *zh, const char *en)
{
    cJSON_AddStringToObject(o, "zh", zh);
    cJSON_AddStringToObject(o, "en", en);
}

/* "罚息 12.30、复利 4.10" / "penalty interest 12.30, compound interest 4.10" */
static void list_amounts(char *zh, char *en, size_t size, mpq_t const *v, const rp_round_t *rc)
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

static void add_breach(cJSON *entry, const rp_life_agreement_t *a, int plan, const rp_round_t *rc)
{
    cJSON *b = cJSON_AddObjectToObject(entry, "breach");
    rp_json_add_date(b, "date", a->breach_date);
    rp_json_add_int(b, "n", a->breach_n);
    rp_json_add_int(b, "days_late", a->breach_days);
    rp_json_add_components(b, "reinstated", a->reinstated, 1, rc);
    cJSON_AddBoolToObject(b, "accelerated", a->accelerated);
    char date[RP_DATE_TEXT], zh[600], en[600], lz[300], le[300];
    rp_date_format(date, a->breach_date);
    list_amounts(lz, le, sizeof lz, a->reinstated, rc);
    int nz = snprintf(zh, sizeof zh, "重组计划%d第%d期逾期超过%d天，协议于%s违约", plan, a->breach_n,
                      a->breach_days, date);
    int ne = snprintf(en, sizeof en, "Plan %d installment %d was more than %d days past due: the "
                      "agreement broke on %s", plan, a->breach_n, a->breach_days, date);
    if (lz[0]) {
        nz += snprintf(zh + nz, sizeof zh - (size_t)nz, "；附条件减免的%s于当日恢复收取", lz);
        ne += snprintf(en + ne, sizeof en - (size_t)ne, "; the waivers made on condition (%s) are owed "
                       "again from that day", le);
    }
    if (a->accelerated) {
        snprintf(zh + nz, sizeof zh - (size_t)nz, "；贷款宣布提前到期");
        snprintf(en + ne, sizeof en - (size_t)ne, "; the loan was accelerated");
    }
    add_sentences(b, zh, en);
}

static void add_observation(cJSON *entry, const rp_life_agreement_t *a)
{
    cJSON *o = cJSON_AddObjectToObject(entry, "observation");
    rp_json_add_date(o, "start", a->observation_start);
    rp_json_add_date(o, "end", a->observation_end);
    cJSON_AddStringToObject(o, "state", rp_observation_names[a->observation]);
    if (a->restarted_on != RP_DATE_NONE)
        rp_json_add_date(o, "restarted_on", a->restarted_on);
    char start[RP_DATE_TEXT], end[RP_DATE_TEXT], zh[400], en[400];
    rp_date_format(start, a->observation_start);
    rp_date_format(end, a->observation_end);
    if (a->observation == RP_OBSERVATION_PASSED) {
        snprintf(zh, sizeof zh, "观察期%s至%s已满，期内按时足额还款（第二十条）", start, end);
        snprintf(en, sizeof en, "the observation period %s to %s is over, every payment on time and "
                 "in full (Art. 20)", start, end);
    } else if (a->observation == RP_OBSERVATION_RESTARTED) {
        snprintf(zh, sizeof zh, "未按时足额还款，观察期自%s重新计算，至%s（第二十条）", start, end);
        snprintf(en, sizeof en, "a payment was not made on time and in full: the observation period "
                 "restarted on %s and runs to %s (Art. 20)", start, end);
    } else {
        snprintf(zh, sizeof zh, "观察期自%s至%s（第二十条：至少两个还款期且不少于1年）", start, end);
        snprintf(en, sizeof en, "observation period %s to %s (Art. 20: at least two repayment periods "
                 "and a year)", start, end);
    }
    add_sentences(o, zh, en);
}

/* long: one agreement's fields, in their documented order. */
static void add_agreement(cJSON *list, const rp_life_agreement_t *a, int plan,
                          const rp_events_t *events, const rp_round_t *rc)
{
    const rp_agreement_t *deal = events->items[a->event].agreement;
    const rp_plan_t *p = &a->plan;
    cJSON *o = cJSON_CreateObject();
    rp_json_add_int(o, "plan", plan);
    rp_json_add_int(o, "event", a->event);
    rp_json_add_date(o, "date", a->date);
    cJSON *acts = cJSON_AddArrayToObject(o, "actions");
    for (int i = 0; i < deal->actions.count; i++)
        cJSON_AddItemToArray(acts, cJSON_CreateString(rp_action_names[deal->actions.items[i].type]));
    rp_json_add_int(o, "dpd_before", a->dpd_before);
    cJSON_AddStringToObject(o, "class_before", rp_tier_names[a->tier_before]);
    cJSON_AddStringToObject(o, "class_before_zh", rp_tier_names_zh[a->tier_before]);
    cJSON_AddBoolToObject(o, "restructured_again", a->again);
    rp_json_add_int(o, "installments", rp_plan_installments(p));
    if (p->first_due_date != RP_DATE_NONE)
        rp_json_add_date(o, "first_due_date", p->first_due_date);
    if (p->maturity_date != RP_DATE_NONE)
        rp_json_add_date(o, "maturity_date", p->maturity_date);
    rp_json_add_decimal(o, "rate", p->annual_rate);
    rp_json_add_components(o, "waived", p->waived, 1, rc);
    if (p->condition_days >= 0) {
        rp_json_add_components(o, "waived_on_condition", p->conditional, 1, rc);
        rp_json_add_int(o, "condition_max_days_late", p->condition_days);
    }
    if (deal->default_days >= 0) {
        cJSON *d = cJSON_AddObjectToObject(o, "default");
        rp_json_add_int(d, "days_late", deal->default_days);
        cJSON_AddBoolToObject(d, "accelerate", deal->accelerate);
    }
    cJSON_AddStringToObject(o, "standing", rp_standing_names[a->standing]);
    rp_json_add_int(o, "installments_due", a->due);
    rp_json_add_int(o, "paid_on_time", a->on_time);
    rp_json_add_int(o, "paid_late", a->late);
    rp_json_add_int(o, "missed", a->missed);
    if (a->superseded_on != RP_DATE_NONE)
        rp_json_add_date(o, "superseded_on", a->superseded_on);
    if (a->breach_date != RP_DATE_NONE)
        add_breach(o, a, plan, rc);
    add_observation(o, a);
    cJSON_AddItemToArray(list, o);
}

void rp_json_add_life(cJSON *root, const rp_life_t *life, const rp_events_t *events,
                      const rp_round_t *rc)
{
    cJSON *list = cJSON_AddArrayToObject(root, "restructurings");
    for (int k = 0; k < life->count; k++)
        add_agreement(list, &life->agreements[k], k + 1, events, rc);
    cJSON *c = cJSON_AddObjectToObject(root, "classification");
    cJSON_AddStringToObject(c, "class", rp_tier_names[life->tier]);
    cJSON_AddStringToObject(c, "class_zh", rp_tier_names_zh[life->tier]);
    cJSON_AddStringToObject(c, "by_dpd", rp_tier_names[life->tier_by_dpd]);
    cJSON_AddBoolToObject(c, "restructured", life->restructured);
    cJSON_AddStringToObject(c, "rule", rp_class_rule_names[life->rule]);
    char zh[400], en[500];
    snprintf(zh, sizeof zh, "%s：%s", rule_zh[life->rule], rp_tier_names_zh[life->tier]);
    snprintf(en, sizeof en, "%s: %s", rule_en[life->rule], rp_tier_names[life->tier]);
    add_sentences(c, zh, en);
}
