/*
 * classification.c — how late is how bad: the five-tier classification a
 * loan's days past due imply, and the DPD buckets collections report in.
 */
#include <stdio.h>

#include "base/internal.h"

const char *const rp_classification_names[RP_CLASSIFICATION_COUNT] = {
    [RP_CLASS_LOANS_2023] = "loans_2023",
    [RP_CLASS_CREDIT_CARD] = "credit_card",
};

const char *const rp_tier_names[RP_TIER_COUNT] = {"normal", "special_mention", "substandard", "doubtful",
                                      "loss"};
const char *const rp_tier_names_zh[RP_TIER_COUNT] = {"正常", "关注", "次级", "可疑", "损失"};

/* The minimum tier by days past due: above each bound, the next tier.
 * 商业银行金融资产风险分类办法 (2023), the articles on each class: overdue →
 * at least 关注; > 90 days → at least 次级; > 270 → 可疑; > 360 → 损失.
 * 商业银行信用卡业务监督管理办法 (2011), card debt: 关注 1–90, 次级 91–120,
 * 可疑 121–180, 损失 > 180. */
static const int tier_bounds[RP_CLASSIFICATION_COUNT][RP_TIER_COUNT - 1] = {
    [RP_CLASS_LOANS_2023] = {0, 90, 270, 360},
    [RP_CLASS_CREDIT_CARD] = {0, 90, 120, 180},
};

int rp_tier_for_dpd(rp_classification c, int dpd)
{
    int tier = 0;
    while (tier < RP_TIER_COUNT - 1 && dpd > tier_bounds[c][tier])
        tier++;
    return tier;
}

/* ---- restructured assets: 《商业银行金融资产风险分类办法》 (2023) Arts. 20–22 ---- */

const char *const rp_restructured_rules_names[RP_RESTRUCTURED_RULES_COUNT] = {
    [RP_RESTRUCTURED_2023] = "2023",
    [RP_RESTRUCTURED_DRAFT_2019] = "draft_2019",
};

const char *const rp_class_rule_names[RP_CLASS_RULE_COUNT] = {
    [RP_CLASS_BY_DPD] = "dpd",
    [RP_CLASS_BY_ART21] = "art21_at_least_special_mention",
    [RP_CLASS_BY_ART21_KEPT] = "art21_not_upgraded",
    [RP_CLASS_BY_ART22] = "art22_restructured_again",
};

#define TIER_SPECIAL_MENTION 1 /* 关注 */
#define TIER_SUBSTANDARD 2     /* 次级 */
#define TIER_DOUBTFUL 3        /* 可疑 */
#define OBSERVATION_MONTHS 12  /* Art. 20: at least one year … */
#define OBSERVATION_PERIODS 2  /* … and at least two repayment periods */

int rp_restructured_floor(rp_restructured_rules rules, int prior, int again, rp_class_rule *why)
{
    int floor = prior >= TIER_SUBSTANDARD ? prior : TIER_SPECIAL_MENTION;
    *why = prior >= TIER_SUBSTANDARD ? RP_CLASS_BY_ART21_KEPT : RP_CLASS_BY_ART21;
    if (again) {
        int art22 = rules == RP_RESTRUCTURED_DRAFT_2019 ? TIER_DOUBTFUL : TIER_SUBSTANDARD;
        if (art22 >= floor) {
            floor = art22;
            *why = RP_CLASS_BY_ART22;
        }
    }
    return floor;
}

rp_status rp_observation_end(rp_date_t *out, rp_date_t first, int periods_per_year, rp_error *err)
{
    rp_date_t year, two;
    rp_status st = rp_date_add_months(&year, first, OBSERVATION_MONTHS, err);
    if (st != RP_OK)
        return st;
    if (periods_per_year >= 26) /* weekly, biweekly */
        two = first + OBSERVATION_PERIODS * (periods_per_year == 52 ? 7 : 14);
    else
        st = rp_date_add_months(&two, first, OBSERVATION_PERIODS * (12 / periods_per_year), err);
    *out = two > year ? two : year;
    return st;
}

/* DPD buckets M0 (current), M1 1–30, … M6 151–180, M7+ beyond: the
 * collections industry's months past due. */
#define DEFAULT_BUCKETS 8
#define BUCKET_DAYS 30

void rp_buckets_default(rp_terms_t *t)
{
    t->bucket_count = DEFAULT_BUCKETS;
    for (int i = 0; i < DEFAULT_BUCKETS - 1; i++) {
        snprintf(t->buckets[i].label, sizeof t->buckets[i].label, "M%d", i);
        t->buckets[i].max_dpd = BUCKET_DAYS * i;
    }
    snprintf(t->buckets[DEFAULT_BUCKETS - 1].label, sizeof t->buckets[0].label, "M%d+",
             DEFAULT_BUCKETS - 1);
    t->buckets[DEFAULT_BUCKETS - 1].max_dpd = -1;
}

rp_status rp_buckets_check(const rp_terms_t *t, rp_error *err)
{
    if (t->bucket_count < 1 || t->bucket_count > RP_MAX_BUCKETS)
        return rp_fail(err, RP_E_VALUE, "buckets", "give 1 to %d buckets", RP_MAX_BUCKETS);
    for (int i = 0; i < t->bucket_count; i++) {
        int last = i == t->bucket_count - 1;
        if ((t->buckets[i].max_dpd < 0) != last ||
            (i > 0 && !last && t->buckets[i].max_dpd <= t->buckets[i - 1].max_dpd))
            return rp_fail(err, RP_E_VALUE, "buckets",
                           "bucket max_dpd must rise, and only the last bucket is open-ended");
    }
    return RP_OK;
}
