/*
 * life.c — a loan's whole life: the contract, then each restructuring
 * agreed in its events, kept or broken, classified.
 *
 * The statement engine replays the loan in stretches: the contract up to
 * the first restructure event (same day: the events listed before it),
 * then the plan that agreement made, from its date up to the next, and so
 * on to as_of. When a stretch shows an installment of the plan more than
 * the agreement's days late, the agreement broke on the day it first was:
 * the stretch is replayed again with its conditional waivers reinstated
 * that day (an item that bears nothing) and, if its default clause says
 * so, the loan accelerated. Nothing before that day changes, so the breach
 * found stays the first.
 *
 * The stretches' items, payments and workings make one statement; items a
 * plan replaced say so (status restructured). What the agreements did to
 * the class follows 《商业银行金融资产风险分类办法》 (2023) Arts. 20–22
 * (contract/classification.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "life.h"
#include "restructure.h"

const char *const rp_standing_names[RP_STANDING_COUNT] = {
    [RP_STANDING_CURRENT] = "current",
    [RP_STANDING_BEHIND] = "behind",
    [RP_STANDING_BROKEN] = "broken",
    [RP_STANDING_COMPLETED] = "completed",
};

const char *const rp_observation_names[RP_OBSERVATION_COUNT] = {
    [RP_OBSERVATION_IN] = "in_observation",
    [RP_OBSERVATION_RESTARTED] = "restarted",
    [RP_OBSERVATION_PASSED] = "passed",
};

void rp_life_init(rp_life_t *life)
{
    memset(life, 0, sizeof *life);
    life->contractual_dpd = -1;
}

static void agreement_init(rp_life_agreement_t *a)
{
    memset(a, 0, sizeof *a);
    rp_plan_init(&a->plan);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_init(a->reinstated[c]);
    a->date = a->superseded_on = a->breach_date = RP_DATE_NONE;
    a->observation_start = a->observation_end = a->restarted_on = RP_DATE_NONE;
    a->breach_days = -1;
}

void rp_life_clear(rp_life_t *life)
{
    for (int k = 0; k < life->count; k++) {
        rp_life_agreement_t *a = &life->agreements[k];
        rp_plan_clear(&a->plan);
        for (int c = 0; c < RP_COMPONENT_COUNT; c++)
            mpq_clear(a->reinstated[c]);
    }
    free(life->agreements);
    rp_life_init(life);
}

const rp_overdue_t *rp_life_overdue(const rp_life_t *life, int plan, const rp_overdue_t *loan_terms)
{
    if (plan > 0 && plan <= life->count && life->agreements[plan - 1].overdue)
        return life->agreements[plan - 1].overdue;
    return loan_terms;
}

/* ---- the stretches ---------------------------------------------------------- */

typedef struct life_run {
    const rp_loan_t *loan;
    const rp_terms_t *terms;
    const rp_events_t *events;
    const rp_round_t *rc;
    rp_life_t *life;
    int *order;               /* the restructure events, in (date, index) order */
    rp_statement_t whole;     /* the stretches' statements, one after another */
    rp_position_t pos;        /* where the last stretch ended                 */
    mpq_t dropped[RP_MAX_RESTRUCTURINGS + 1]; /* by plan: principal of replaced
                                 installments never due, left out of whole  */
} life_run_t;

static int by_date_then_index(const void *x, const void *y, const rp_events_t *ev)
{
    int i = *(const int *)x, j = *(const int *)y;
    rp_date_t a = ev->items[i].date, b = ev->items[j].date;
    if (a != b)
        return a < b ? -1 : 1;
    return i - j;
}

/* The restructure events up to as_of, in date order (same day: as listed). */
static rp_status find_agreements(life_run_t *r, rp_date_t as_of, int *count, rp_error *err)
{
    const rp_events_t *ev = r->events;
    int n = 0;
    for (int i = 0; i < ev->count; i++)
        n += ev->items[i].type == RP_EVENT_RESTRUCTURE && ev->items[i].date <= as_of;
    *count = n;
    if (n == 0)
        return RP_OK;
    if (n > RP_MAX_RESTRUCTURINGS)
        return rp_fail(err, RP_E_RANGE, "events", "at most %d restructurings in one history",
                       RP_MAX_RESTRUCTURINGS);
    r->order = malloc(sizeof *r->order * (size_t)n);
    r->life->agreements = malloc(sizeof *r->life->agreements * (size_t)n);
    if (!r->order || !r->life->agreements)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    n = 0;
    for (int i = 0; i < ev->count; i++)
        if (ev->items[i].type == RP_EVENT_RESTRUCTURE && ev->items[i].date <= as_of)
            r->order[n++] = i;
    /* insertion sort: a handful, and stable by index */
    for (int a = 1; a < n; a++)
        for (int b = a; b > 0 && by_date_then_index(&r->order[b - 1], &r->order[b], ev) > 0; b--) {
            int t = r->order[b];
            r->order[b] = r->order[b - 1];
            r->order[b - 1] = t;
        }
    for (int k = 0; k < n; k++)
        agreement_init(&r->life->agreements[k]);
    r->life->count = n;
    return RP_OK;
}

/* The first day an installment of plan was more than days past due (and
 * past its grace), or none; from the stretch's statement at its end. */
static rp_date_t first_breach(const rp_statement_t *st, int plan, int days, int grace, int *n)
{
    rp_date_t first = RP_DATE_NONE;
    if (days < 0)
        return first;
    for (int k = 0; k < st->item_count; k++) {
        const rp_item_t *it = &st->items[k];
        if (it->plan != plan || it->role != RP_ROLE_INSTALLMENT)
            continue;
        int late = it->status == RP_STATUS_PAID_LATE || it->status == RP_STATUS_OVERDUE ||
                   it->status == RP_STATUS_PARTLY_PAID;
        if (!late || it->days_past_due <= days)
            continue;
        int g = it->accelerated ? 0 : grace;
        rp_date_t day = it->due_date + (days > g ? days : g) + 1;
        if (first == RP_DATE_NONE || day < first) {
            first = day;
            *n = it->n;
        }
    }
    return first;
}

/* The events a broken agreement adds to its stretch: each conditional
 * waiver reinstated on cond (a charge of the component waived), and the
 * acceleration on def. */
static rp_status breach_events(rp_events_t *extra, const rp_plan_t *p, rp_date_t cond,
                               rp_date_t def, rp_error *err)
{
    for (int c = 0; c < RP_COMPONENT_COUNT && cond != RP_DATE_NONE; c++) {
        if (mpq_sgn(p->conditional[c]) <= 0)
            continue;
        rp_event_t *e = rp_events_add(extra, RP_EVENT_FEE);
        if (!e)
            return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
        e->date = cond;
        e->component = (rp_component)c;
        mpq_set(e->amount, p->conditional[c]);
        memcpy(e->kind, "reinstated", sizeof "reinstated");
    }
    if (def != RP_DATE_NONE) {
        rp_event_t *e = rp_events_add(extra, RP_EVENT_ACCELERATION);
        if (!e)
            return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
        e->date = def;
    }
    return RP_OK;
}

/* Moves part's items, payments and workings to the end of whole; items
 * of an earlier stretch not settled when the next agreement replaced them
 * say so. The totals and the summary are the last stretch's. */
/* An agreement replaced the items of whole: those due and not settled say
 * so; those not yet due never fell due, and go (their principal counted
 * in dropped, for the checks). Nothing was applied to them. */
static rp_status replace_items(rp_statement_t *whole, mpq_t *dropped, rp_error *err)
{
    int *map = malloc(sizeof *map * (size_t)(whole->item_count + 1));
    if (!map)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    int kept = 0;
    for (int k = 0; k < whole->item_count; k++) {
        rp_item_t *it = &whole->items[k];
        map[k] = -1;
        if (it->status == RP_STATUS_NOT_DUE && it->role == RP_ROLE_INSTALLMENT) {
            rp_qadd(dropped[it->plan], dropped[it->plan], it->due[RP_PRINCIPAL]);
            for (int c = 0; c < RP_COMPONENT_COUNT; c++)
                mpq_clears(it->due[c], it->paid[c], NULL);
            continue;
        }
        if (it->status != RP_STATUS_PAID && it->status != RP_STATUS_PAID_LATE)
            it->status = RP_STATUS_RESTRUCTURED;
        map[k] = kept;
        whole->items[kept++] = *it;
    }
    whole->item_count = kept;
    for (int e = 0; e < whole->entry_count; e++)
        for (int i = 0; i < whole->entries[e].count; i++)
            whole->entries[e].applied[i].item = map[whole->entries[e].applied[i].item];
    for (int w = 0; w < whole->working_count; w++)
        whole->workings[w].item = map[whole->workings[w].item];
    free(map);
    return RP_OK;
}

static rp_status stitch(rp_statement_t *whole, rp_statement_t *part, int extra_from, int last,
                        mpq_t *dropped, rp_error *err)
{
    rp_status st = replace_items(whole, dropped, err);
    if (st != RP_OK)
        return st;
    int base = whole->item_count;
    rp_item_t *items = realloc(whole->items, sizeof *items * (size_t)(base + part->item_count + 1));
    rp_entry_t *entries = items ? realloc(whole->entries, sizeof *entries *
                                          (size_t)(whole->entry_count + part->entry_count + 1))
                                : NULL;
    if (items)
        whole->items = items;
    if (entries)
        whole->entries = entries;
    rp_working_t *workings = entries ? realloc(whole->workings, sizeof *workings *
                                               (size_t)(whole->working_count + part->working_count + 1))
                                     : NULL;
    if (!workings)
        return rp_fail(err, RP_E_NOMEM, NULL, "out of memory");
    whole->workings = workings;
    for (int k = 0; k < part->item_count; k++) {
        rp_item_t *it = &part->items[k];
        if (it->role == RP_ROLE_FEE && it->event >= extra_from) {
            it->role = RP_ROLE_REINSTATED;
            it->event = -1;
        }
        whole->items[whole->item_count++] = *it;
    }
    for (int e = 0; e < part->entry_count; e++) {
        rp_entry_t *en = &part->entries[e];
        for (int i = 0; i < en->count; i++)
            en->applied[i].item += base;
        whole->entries[whole->entry_count++] = *en;
    }
    for (int w = 0; w < part->working_count; w++) {
        part->workings[w].item += base;
        whole->workings[whole->working_count++] = part->workings[w];
    }
    part->item_count = part->entry_count = part->working_count = 0;
    /* the summary: the last stretch's; money paid: every stretch's */
    whole->as_of = part->as_of;
    for (int c = 0; c < RP_COMPONENT_COUNT; c++) {
        mpq_swap(whole->owed[c], part->owed[c]);
        mpq_swap(whole->payoff[c], part->payoff[c]);
    }
    mpq_swap(whole->total_due, part->total_due);
    mpq_swap(whole->payoff_total, part->payoff_total);
    rp_qadd(whole->paid_total, whole->paid_total, part->paid_total);
    rp_qadd(whole->prepaid, whole->prepaid, part->prepaid);
    mpq_swap(whole->credit, part->credit);
    mpq_swap(whole->penalty_rate, part->penalty_rate);
    mpq_swap(whole->contract_rate, part->contract_rate);
    whole->dpd = part->dpd;
    whole->bucket = part->bucket;
    whole->tier = part->tier;
    whole->events_after_as_of = part->events_after_as_of;
    /* a stretch that ended with an agreement: only what still holds */
    for (int w = 0; w < part->warning_count; w++)
        if (last || strcmp(part->warnings[w].code, "overpayment_credit") == 0)
            rp_warning_add_once(whole->warnings, &whole->warning_count, part->warnings[w].code,
                                part->warnings[w].message);
    return RP_OK;
}

/* ---- what became of an agreement ----------------------------------------- */

static int is_late(rp_item_status s)
{
    return s == RP_STATUS_PAID_LATE || s == RP_STATUS_OVERDUE || s == RP_STATUS_PARTLY_PAID;
}

/* Its installments so far, and where it stands, from its stretch. */
static void tally(rp_life_agreement_t *a, const rp_statement_t *st, int plan)
{
    int open = 0, left = 0;
    for (int k = 0; k < st->item_count; k++) {
        const rp_item_t *it = &st->items[k];
        if (it->plan != plan || it->role != RP_ROLE_INSTALLMENT)
            continue;
        if (it->status == RP_STATUS_NOT_DUE) {
            left++;
            continue;
        }
        a->due++;
        a->on_time += it->status == RP_STATUS_PAID;
        a->late += it->status == RP_STATUS_PAID_LATE;
        a->missed += it->status == RP_STATUS_OVERDUE || it->status == RP_STATUS_PARTLY_PAID;
        open += it->status == RP_STATUS_DUE;
    }
    if (a->breach_date != RP_DATE_NONE)
        a->standing = RP_STANDING_BROKEN;
    else if (a->missed > 0)
        a->standing = RP_STANDING_BEHIND;
    else if (left == 0 && open == 0)
        a->standing = RP_STANDING_COMPLETED;
    else
        a->standing = RP_STANDING_CURRENT;
}

/* Art. 20: the observation period from the plan's first due date; a
 * payment not made on time and in full restarts it from the day it fell
 * late. It has passed when its end is reached with every installment due
 * in it paid by then. view: the last day this stretch shows. */
static rp_status observe(rp_life_agreement_t *a, const rp_statement_t *st, int plan, int grace,
                         rp_date_t view, rp_error *err)
{
    const rp_plan_t *p = &a->plan;
    a->observation_start = p->first_due_date;
    a->observation_end = p->observation_end;
    a->observation = RP_OBSERVATION_IN;
    rp_status status = RP_OK;
    for (int k = 0; k < st->item_count && status == RP_OK; k++) {
        const rp_item_t *it = &st->items[k];
        if (it->plan != plan || it->role != RP_ROLE_INSTALLMENT || !is_late(it->status))
            continue;
        rp_date_t late = it->due_date + (it->accelerated ? 0 : grace) + 1;
        if (late > view || late < a->observation_start)
            continue;
        a->observation_start = a->restarted_on = late;
        a->observation = RP_OBSERVATION_RESTARTED;
        status = rp_observation_end(&a->observation_end, late, p->periods_per_year, err);
    }
    if (status != RP_OK || a->observation_end == RP_DATE_NONE || a->observation_end > view)
        return status;
    for (int k = 0; k < st->item_count; k++) {
        const rp_item_t *it = &st->items[k];
        if (it->plan == plan && it->role == RP_ROLE_INSTALLMENT && is_late(it->status) &&
            (it->paid_off == RP_DATE_NONE || it->paid_off > a->observation_end))
            return RP_OK; /* still in arrears when it should have ended */
    }
    a->observation = RP_OBSERVATION_PASSED;
    return RP_OK;
}

/* The class on a day after agreement k (its observation as it stood
 * then): the stricter of days past due and Arts. 21–22. */
static int class_after(const rp_life_t *life, int k, rp_restructured_rules rules, int by_dpd,
                       rp_class_rule *rule)
{
    *rule = RP_CLASS_BY_DPD;
    if (k < 0 || life->agreements[k].observation == RP_OBSERVATION_PASSED)
        return by_dpd;
    const rp_life_agreement_t *a = &life->agreements[k];
    rp_class_rule why;
    int floor = rp_restructured_floor(rules, a->tier_before, a->again, &why);
    if (floor >= by_dpd) {
        *rule = why;
        return floor;
    }
    return by_dpd;
}

/* With re-aged arrears of the last plan still unpaid, the days past due
 * since they first fell due. */
static int contractual_dpd(const rp_life_agreement_t *a, const rp_statement_t *st, int plan)
{
    const rp_plan_t *p = &a->plan;
    if (p->re_aged == 0 || p->re_aged_from == RP_DATE_NONE)
        return -1;
    int seen = 0, unpaid = 0;
    for (int k = st->item_count - 1; k >= 0 && seen < p->re_aged; k--) {
        const rp_item_t *it = &st->items[k];
        if (it->plan != plan || it->role != RP_ROLE_INSTALLMENT)
            continue;
        seen++;
        unpaid |= it->status != RP_STATUS_PAID && it->status != RP_STATUS_PAID_LATE;
    }
    return unpaid ? (int)(st->as_of - p->re_aged_from) : st->dpd;
}

/* ---- the run ---------------------------------------------------------------- */

/* Agreement k: the plan it made from the position r->pos, its stretch up
 * to end (replayed again if it broke), into r->whole. */
static rp_status run_agreement(life_run_t *r, int k, rp_date_t end, int last, rp_error *err)
{
    rp_life_t *life = r->life;
    rp_life_agreement_t *a = &life->agreements[k];
    const rp_event_t *ev = &r->events->items[r->order[k]];
    const rp_agreement_t *deal = ev->agreement;
    rp_restructured_rules rules = r->terms->restructured_rules;
    a->event = r->order[k];
    a->date = ev->date;
    a->dpd_before = r->pos.dpd;
    if (k > 0) {
        const rp_life_agreement_t *prev = &life->agreements[k - 1];
        a->again = prev->observation != RP_OBSERVATION_PASSED;
    }
    rp_class_rule rule;
    a->tier_before = class_after(life, k - 1, rules, r->pos.tier, &rule);
    r->pos.tier = a->tier_before;
    rp_status st = rp_restructure_at(&a->plan, &r->pos, r->loan, &deal->actions, r->rc, err);
    char where[32];
    snprintf(where, sizeof where, "events[%d]", a->event);
    if (st != RP_OK && rp_status_exit_code(st) == 2)
        rp_error_prefix(err, where);
    rp_terms_t terms = *r->terms; /* shallow: the agreement's overdue terms, if it has them */
    if (deal->has_overdue) {
        terms.overdue = deal->overdue;
        a->overdue = &deal->overdue;
    }
    rp_resume_t resume;
    rp_resume_init(&resume);
    rp_events_t extra;
    rp_events_init(&extra);
    rp_statement_t part;
    rp_statement_init(&part);
    rp_position_t next;
    rp_position_init(&next);
    if (st == RP_OK)
        st = rp_plan_resume(&resume, &a->plan, k + 1, &r->terms->allocation, &r->pos, err);
    rp_replay_t how = {&resume, {a->date, a->event, RP_DATE_NONE, 0}, &extra};
    if (!last) {
        how.window.to = r->events->items[r->order[k + 1]].date;
        how.window.before = r->order[k + 1];
    }
    if (st == RP_OK)
        st = rp_position_replay(&next, &part, r->loan, &terms, r->events, &how, end, r->rc, err);
    if (st == RP_OK) {
        int grace = terms.overdue.grace_days;
        int n_cond = 0, n_def = 0;
        rp_date_t cond = first_breach(&part, k + 1, a->plan.condition_days, grace, &n_cond);
        rp_date_t def = first_breach(&part, k + 1, deal->default_days, grace, &n_def);
        a->breach_days = deal->default_days;
        if (a->plan.condition_days >= 0 && (a->breach_days < 0 || a->plan.condition_days < a->breach_days))
            a->breach_days = a->plan.condition_days;
        int by_default = cond == RP_DATE_NONE || (def != RP_DATE_NONE && def < cond);
        a->breach_date = by_default ? def : cond;
        a->breach_n = by_default ? n_def : n_cond;
        a->accelerated = deal->accelerate && def != RP_DATE_NONE;
        if (cond != RP_DATE_NONE)
            for (int c = 0; c < RP_COMPONENT_COUNT; c++)
                mpq_set(a->reinstated[c], a->plan.conditional[c]);
        st = breach_events(&extra, &a->plan, cond, a->accelerated ? def : RP_DATE_NONE, err);
        if (st == RP_OK && extra.count > 0) /* broken: the stretch again, from the breach on */
            st = rp_position_replay(&next, &part, r->loan, &terms, r->events, &how, end, r->rc, err);
    }
    if (st == RP_OK) {
        tally(a, &part, k + 1);
        if (!last)
            a->superseded_on = end;
        st = observe(a, &part, k + 1, terms.overdue.grace_days, end, err);
    }
    if (st == RP_OK)
        st = stitch(&r->whole, &part, r->events->count, last, r->dropped, err);
    if (st == RP_OK) {
        rp_position_t old = r->pos;
        r->pos = next;
        rp_position_init(&next);
        rp_position_clear(&old);
    }
    rp_position_clear(&next);
    rp_statement_clear(&part);
    rp_events_clear(&extra);
    rp_resume_clear(&resume);
    return st;
}

/* The life up to as_of into r->whole and r->pos. */
static rp_status run(life_run_t *r, rp_date_t as_of, rp_error *err)
{
    rp_life_t *life = r->life;
    int m;
    rp_status st = find_agreements(r, as_of, &m, err);
    if (st != RP_OK)
        return st;
    rp_replay_t how = {NULL, {RP_DATE_NONE, 0, RP_DATE_NONE, 0}, NULL};
    rp_date_t first = as_of;
    if (m > 0) {
        first = r->events->items[r->order[0]].date;
        how.window.to = first;
        how.window.before = r->order[0];
    }
    rp_statement_t part;
    rp_statement_init(&part);
    st = rp_position_replay(&r->pos, &part, r->loan, r->terms, r->events, m > 0 ? &how : NULL,
                            first, r->rc, err);
    if (st == RP_OK)
        st = stitch(&r->whole, &part, r->events->count, m == 0, r->dropped, err);
    rp_statement_clear(&part);
    for (int k = 0; k < m && st == RP_OK; k++) {
        rp_date_t end = k + 1 < m ? r->events->items[r->order[k + 1]].date : as_of;
        st = run_agreement(r, k, end, k + 1 == m, err);
    }
    if (st != RP_OK)
        return st;
    life->tier_by_dpd = r->whole.tier;
    life->tier = class_after(life, m - 1, r->terms->restructured_rules, r->whole.tier, &life->rule);
    life->restructured = m > 0 && life->agreements[m - 1].observation != RP_OBSERVATION_PASSED;
    if (mpq_sgn(r->whole.payoff_total) == 0) { /* paid off: no asset left to classify */
        life->restructured = 0;
        life->tier = life->tier_by_dpd;
        life->rule = RP_CLASS_BY_DPD;
    }
    if (m > 0)
        life->contractual_dpd = contractual_dpd(&life->agreements[m - 1], &r->whole, m);
    r->whole.tier = life->tier;
    r->pos.tier = life->tier;
    r->pos.in_observation = life->restructured;
    rp_class_rule why;
    r->pos.again_tier = m > 0 ? rp_restructured_floor(r->terms->restructured_rules,
                                                      life->agreements[m - 1].tier_before, 1, &why)
                              : 0;
    return RP_OK;
}

/* ---- the public face (the self-check: verify_life.c) ----------------------------- */

static rp_status life_open(life_run_t *r, rp_life_t *life, const rp_loan_t *loan,
                           const rp_terms_t *terms, const rp_events_t *events,
                           const rp_round_t *rc)
{
    memset(r, 0, sizeof *r);
    r->loan = loan;
    r->terms = terms;
    r->events = events;
    r->rc = rc;
    r->life = life;
    rp_statement_init(&r->whole);
    rp_position_init(&r->pos);
    for (int p = 0; p <= RP_MAX_RESTRUCTURINGS; p++)
        mpq_init(r->dropped[p]);
    return RP_OK;
}

static void life_close(life_run_t *r)
{
    free(r->order);
    rp_statement_clear(&r->whole);
    rp_position_clear(&r->pos);
    for (int p = 0; p <= RP_MAX_RESTRUCTURINGS; p++)
        mpq_clear(r->dropped[p]);
}

rp_status rp_life_statement(rp_statement_t *out, rp_life_t *life, const rp_loan_t *loan,
                            const rp_terms_t *terms, const rp_events_t *events, rp_date_t as_of,
                            const rp_round_t *rc, rp_error *err)
{
    rp_life_t fresh;
    rp_life_init(&fresh);
    int any = 0;
    for (int i = 0; i < events->count; i++)
        any |= events->items[i].type == RP_EVENT_RESTRUCTURE && events->items[i].date <= as_of;
    if (!any) { /* the contract alone: the plain statement */
        rp_status st = rp_statement_build(out, loan, terms, events, as_of, rc, err);
        if (st == RP_OK) {
            rp_life_clear(life);
            *life = fresh;
        }
        return st;
    }
    life_run_t r;
    life_open(&r, &fresh, loan, terms, events, rc);
    rp_status st = run(&r, as_of, err);
    if (st == RP_OK)
        st = rp_life_verify(&r.whole, &fresh, loan, events, (mpq_t const *)r.dropped, rc, err);
    if (st == RP_OK) {
        rp_statement_clear(out);
        *out = r.whole;
        rp_statement_init(&r.whole);
        rp_life_clear(life);
        *life = fresh;
    } else {
        rp_life_clear(&fresh);
    }
    life_close(&r);
    return st;
}

rp_status rp_life_position(rp_position_t *out, rp_life_t *life, const rp_loan_t *loan,
                           const rp_terms_t *terms, const rp_events_t *events, rp_date_t date,
                           const rp_round_t *rc, rp_error *err)
{
    rp_life_t fresh;
    rp_life_init(&fresh);
    life_run_t r;
    life_open(&r, &fresh, loan, terms, events, rc);
    rp_status st = run(&r, date, err);
    if (st == RP_OK) {
        rp_position_t old = *out;
        *out = r.pos;
        rp_position_init(&r.pos);
        rp_position_clear(&old);
        if (life) {
            rp_life_clear(life);
            *life = fresh;
            rp_life_init(&fresh);
        }
    }
    rp_life_clear(&fresh);
    life_close(&r);
    return st;
}

rp_status rp_restructure(rp_plan_t *out, const rp_loan_t *loan, const rp_terms_t *terms,
                         const rp_events_t *events, rp_date_t date, const rp_actions_t *actions,
                         const rp_round_t *rc, rp_error *err)
{
    rp_position_t pos;
    rp_position_init(&pos);
    rp_status st = rp_life_position(&pos, NULL, loan, terms, events, date, rc, err);
    if (st == RP_OK)
        st = rp_restructure_at(out, &pos, loan, actions, rc, err);
    rp_position_clear(&pos);
    return st;
}
