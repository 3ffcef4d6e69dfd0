/*
 * agreement.c — a restructuring agreement as data: the list of actions
 * (their names, adding one), and the terms the agreement sets for its
 * plan. What each action does is calc/restructure/; a loan's history keeps
 * agreements in its restructure events.
 */
#include <stdlib.h>
#include <string.h>

#include "base/internal.h"

const char *const rp_action_names[RP_ACTION_COUNT] = {
    [RP_ACTION_WAIVE] = "waive",   [RP_ACTION_EXTEND] = "extend",
    [RP_ACTION_DEFER] = "defer",   [RP_ACTION_REAMORTIZE] = "reamortize",
    [RP_ACTION_FREEZE] = "freeze", [RP_ACTION_SETTLE] = "settle",
    [RP_ACTION_RATE] = "rate",     [RP_ACTION_RE_AGE] = "re_age",
};

const char *const rp_defer_interest_names[RP_DEFER_COUNT] = {
    [RP_DEFER_CAPITALIZE] = "capitalize",
    [RP_DEFER_ACCRUE] = "accrue",
    [RP_DEFER_WAIVE] = "waive",
};

void rp_actions_init(rp_actions_t *a)
{
    a->count = 0;
}

void rp_actions_clear(rp_actions_t *a)
{
    for (int i = 0; i < a->count; i++) {
        rp_action_t *x = &a->items[i];
        mpq_clears(x->amount, x->share, x->rate, x->fee, x->fee_share, x->down_payment, NULL);
    }
    a->count = 0;
}

rp_action_t *rp_actions_add(rp_actions_t *a, rp_action_type type)
{
    if (a->count >= RP_MAX_ACTIONS)
        return NULL;
    rp_action_t *x = &a->items[a->count++];
    memset(x, 0, sizeof *x);
    x->type = type;
    x->date = RP_DATE_NONE;
    x->method = -1;
    mpq_inits(x->amount, x->share, x->rate, x->fee, x->fee_share, x->down_payment, NULL);
    return x;
}

rp_agreement_t *rp_agreement_new(void)
{
    rp_agreement_t *a = malloc(sizeof *a);
    if (!a)
        return NULL;
    rp_actions_init(&a->actions);
    a->has_overdue = 0;
    rp_overdue_init(&a->overdue);
    a->default_days = -1;
    a->accelerate = 0;
    return a;
}

void rp_agreement_free(rp_agreement_t *a)
{
    if (!a)
        return;
    rp_actions_clear(&a->actions);
    rp_overdue_clear(&a->overdue);
    free(a);
}
