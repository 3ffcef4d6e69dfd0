/*
 * life_json.c — what became of a loan's restructurings, as JSON: each
 * agreement (its plan in brief, kept or broken, reinstated waivers, its
 * observation period) and the class with the article that decided it,
 * each with a sentence in Chinese and English to read out.
 */
#include <stdio.h>

#include "ops.h"

#define SENTENCE 700

static void add_sentences(cJSON *o, const char *zh, const char *en)
{
    cJSON_AddStringToObject(o, "zh", zh);
    cJSON_AddStringToObject(o, "en", en);
}

static void add_breach(cJSON *entry, const rp_life_agreement_t *a, int plan, const rp_round_t *rc)
{
    cJSON *b = cJSON_AddObjectToObject(entry, "breach");
    rp_json_add_date(b, "date", a->breach_date);
    rp_json_add_int(b, "n", a->breach_n);
    rp_json_add_int(b, "max_days_late", a->breach_days);
    rp_json_add_components(b, "reinstated", a->reinstated, 1, rc);
    cJSON_AddBoolToObject(b, "accelerated", a->accelerated);
    char zh[SENTENCE], en[SENTENCE];
    rp_life_explain_breach(zh, en, sizeof zh, a, plan, rc);
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
    char zh[SENTENCE], en[SENTENCE];
    rp_life_explain_observation(zh, en, sizeof zh, a);
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
    char zh[SENTENCE], en[SENTENCE];
    rp_life_explain_class(zh, en, sizeof zh, life);
    add_sentences(c, zh, en);
}
