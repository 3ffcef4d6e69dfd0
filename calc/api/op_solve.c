/*
 * op_solve.c — op "solve": the plan that fits a goal, with the proof
 * that nothing better does.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ops.h"

typedef struct goal_in {
    const cJSON *type, *keep, *order, *actions, *capacity, *min_recovery, *allow;
    const cJSON *down_payment, *min_pv, *waive, *families;
    int term, method, installments, days, plan, objective, card;
    rate_in_t rate;
} goal_in_t;

static const char *const allow_names[] = {"art12", "over_60"};

static const char *const plan_names[] = {"extend", "freeze"};

#define GOAL(member) offsetof(goal_in_t, member)
#define COMMON                                                                                   \
    {.name = "type", .kind = FK_CUSTOM, .schema = SCHEMA_STRING, .required = 1, .offset = GOAL(type),                    \
     .read = rp_json_keep, .doc = "what to find"},                                               \
    {.name = "actions", .kind = FK_CUSTOM, .schema = SCHEMA_LIST("action", RP_MAX_ACTIONS), .offset = GOAL(actions), .read = rp_json_keep,       \
     .doc = "actions to apply first (waive, extend, defer, reamortize, rate)"},                 \
    {.name = "allow", .kind = FK_CUSTOM, .schema = "{\"type\": \"array\", \"items\": {\"enum\": [\"art12\", \"over_60\"]}}", \
     .offset = GOAL(allow), .read = rp_json_keep,                                                \
     .doc = "legal limits to override explicitly: art12 (《贷款通则》 Art. 12), over_60 (60 installments); "   \
            "by default a plan breaking one is never feasible"}
#define CAPACITY                                                                                 \
    {.name = "capacity", .kind = FK_CUSTOM, .schema = SCHEMA_REF("decimal"), .required = 1, .offset = GOAL(capacity),            \
     .read = rp_json_keep, .doc = "the most the borrower can pay an installment"}
#define EXTENSION                                                                                \
    {.name = "method", .kind = FK_ENUM, .offset = GOAL(method), .names = rp_method_names,       \
     .name_count = RP_METHOD_COUNT, .doc = "the extension's method (default: the loan's)"},     \
    {.name = "rate", .kind = FK_CUSTOM, .schema = SCHEMA_REF("rate"), .offset = GOAL(rate), .read = rp_json_read_rate,        \
     .doc = "the extension's rate (default: the current one)"}

static const field_t shortest_fields[] = {
    COMMON, CAPACITY, EXTENSION,
    {.name = "term", .kind = FK_INT, .offset = GOAL(term), .min = 1, .max = RP_MAX_TERM,
     .doc = "the longest plan to consider (default 360)"},
};
static const field_t waiver_fields[] = {
    COMMON, CAPACITY, EXTENSION,
    {.name = "term", .kind = FK_INT, .required = 1, .offset = GOAL(term), .min = 1,
     .max = RP_MAX_TERM, .doc = "installments in the plan"},
    {.name = "plan", .kind = FK_ENUM, .offset = GOAL(plan), .names = plan_names, .name_count = 2,
     .doc = "freeze (default: no interest) or extend (re-amortize with interest)"},
    {.name = "keep", .kind = FK_CUSTOM, .schema = SCHEMA_COMPONENTS, .offset = GOAL(keep), .read = rp_json_keep,
     .doc = "freeze: components kept (default principal, interest)"},
    {.name = "order", .kind = FK_CUSTOM, .schema = SCHEMA_COMPONENTS, .offset = GOAL(order), .read = rp_json_keep,
     .doc = "the order to waive in (default late_fees, compound_interest, penalty_interest, fees, "
            "interest, principal)"},
};
static const field_t term_fields[] = {
    COMMON, EXTENSION,
    {.name = "term", .kind = FK_INT, .required = 1, .offset = GOAL(term), .min = 1,
     .max = RP_MAX_TERM, .doc = "installments in the plan"},
};
static const field_t offer_fields[] = {
    COMMON, CAPACITY,
    {.name = "down_payment", .kind = FK_CUSTOM, .schema = SCHEMA_REF("amount"), .offset = GOAL(down_payment), .read = rp_json_keep,
     .doc = "what the borrower can pay today (freeze and settle use it; default none)"},
    {.name = "min_recovery", .kind = FK_CUSTOM, .schema = SCHEMA_REF("share"), .offset = GOAL(min_recovery),
     .read = rp_json_keep, .doc = "the lender's floor: PV / claim at discount_rate, e.g. \"85%\""},
    {.name = "min_pv", .kind = FK_CUSTOM, .schema = SCHEMA_REF("amount"), .offset = GOAL(min_pv), .read = rp_json_keep,
     .doc = "or the lender's floor as a present value"},
    {.name = "max_term", .kind = FK_INT, .offset = GOAL(term), .min = 1, .max = RP_MAX_TERM,
     .doc = "the longest plan acceptable, in installments (default: as long as the law allows)"},
    {.name = "waive", .kind = FK_CUSTOM, .schema = SCHEMA_COMPONENTS, .offset = GOAL(waive), .read = rp_json_keep,
     .doc = "what may be waived (default late_fees, compound_interest, penalty_interest)"},
    {.name = "families", .kind = FK_CUSTOM, .schema = "{\"type\": \"array\", \"items\": {\"enum\": [\"extend\", \"freeze\", \"settle\"]}}",
     .offset = GOAL(families), .read = rp_json_keep, .doc = "the plan families to try (default all)"},
    {.name = "objective", .kind = FK_ENUM, .offset = GOAL(objective), .names = rp_objective_names,
     .name_count = RP_OBJECTIVE_COUNT,
     .doc = "which family is best: lender_pv (default), borrower_total, shortest_term"},
    {.name = "card", .kind = FK_BOOL, .offset = GOAL(card),
     .doc = "credit-card debt: a freeze over 60 installments is refused (Art. 70)"},
};
static const field_t discount_fields[] = {
    COMMON,
    {.name = "min_recovery", .kind = FK_CUSTOM, .schema = SCHEMA_REF("share"), .required = 1, .offset = GOAL(min_recovery),
     .read = rp_json_keep, .doc = "the least recovery (PV / claim) acceptable, e.g. \"80%\""},
    {.name = "installments", .kind = FK_INT, .offset = GOAL(installments), .min = 1, .max = 60,
     .doc = "settlement installments (default 1: a lump sum)"},
    {.name = "days", .kind = FK_INT, .offset = GOAL(days), .min = 0, .max = 365,
     .doc = "days to the first payment (default 0)"},
};
#undef COMMON
#undef CAPACITY
#undef EXTENSION
#undef GOAL

const object_spec_t rp_spec_goals[RP_GOAL_COUNT] = {
    [RP_GOAL_SHORTEST_TERM] = {"a shortest_term goal", RP_FIELDS(shortest_fields)},
    [RP_GOAL_SMALLEST_WAIVER] = {"a smallest_waiver goal", RP_FIELDS(waiver_fields)},
    [RP_GOAL_PAYMENT_FOR_TERM] = {"a payment_for_term goal", RP_FIELDS(term_fields)},
    [RP_GOAL_MAX_DISCOUNT] = {"a max_discount goal", RP_FIELDS(discount_fields)},
    [RP_GOAL_OFFER] = {"an offer goal", RP_FIELDS(offer_fields)},
};

/* A list of names into a bit set (1 << index). */
static rp_status read_names(unsigned *out, const cJSON *arr, const char *const *names, int count,
                            const char *path, rp_error *err)
{
    if (!cJSON_IsArray(arr))
        return rp_fail(err, RP_E_TYPE, path, "expected an array of names, found %s",
                       rp_json_type_name(arr));
    *out = 0;
    int i = 0;
    for (const cJSON *m = arr->child; m; m = m->next, i++) {
        int k = cJSON_IsString(m) ? rp_name_index(names, count, m->valuestring) : -1;
        if (k < 0) {
            char sub[RP_PATH_MAX], allowed[RP_MESSAGE_MAX];
            snprintf(sub, sizeof sub, "%s[%d]", path, i);
            rp_names_join(allowed, sizeof allowed, names, count);
            return rp_fail(err, RP_E_VALUE, sub, "expected one of: %s", allowed);
        }
        *out |= 1u << k;
    }
    return RP_OK;
}

static rp_status read_goal(rp_goal_t *g, rp_actions_t *given, const cJSON *item,
                           const loan_in_t *loan, rp_error *err)
{
    if (!cJSON_IsObject(item))
        return rp_fail(err, RP_E_TYPE, "$.goal", "expected a goal object, found %s",
                       rp_json_type_name(item));
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(item, "type");
    int t = cJSON_IsString(type) ? rp_name_index(rp_goal_names, RP_GOAL_COUNT, type->valuestring) : -1;
    if (t < 0) {
        char allowed[RP_MESSAGE_MAX];
        rp_names_join(allowed, sizeof allowed, rp_goal_names, RP_GOAL_COUNT);
        return rp_fail(err, type ? RP_E_VALUE : RP_E_MISSING, "$.goal.type", "expected one of: %s",
                       allowed);
    }
    g->type = (rp_goal_type)t;
    goal_in_t in;
    memset(&in, 0, sizeof in);
    in.method = -1;
    in.installments = 1;
    in.plan = 1;
    in.objective = RP_OBJECTIVE_LENDER_PV;
    mpq_init(in.rate.value);
    rp_status st = rp_fields_read(&in, item, &rp_spec_goals[t], "$.goal", err);
    if (st == RP_OK && in.capacity)
        st = rp_fields_decimal(g->capacity, in.capacity, "$.goal.capacity", err);
    if (st == RP_OK && in.min_recovery)
        st = rp_json_read_share(g->min_recovery, in.min_recovery, "$.goal.min_recovery", err);
    if (st == RP_OK) {
        g->term = in.term;
        g->method = in.method;
        g->installments = in.installments;
        g->days = in.days;
        g->freeze = in.plan;
        if (in.rate.given)
            st = rp_rate_in_annual(g->rate, &in.rate, loan->loan.daily_basis, err);
    }
    if (st == RP_OK && in.order)
        st = rp_json_read_component_order(g->order, in.order, "$.goal.order", err);
    if (st == RP_OK && in.keep)
        st = rp_json_read_keep(&g->keep, in.keep, "$.goal.keep", err);
    if (st == RP_OK && in.actions)
        st = rp_json_read_actions(given, in.actions, "$.goal.actions", loan, err);
    if (st == RP_OK && in.allow)
        st = read_names(&g->allow, in.allow, allow_names, 2, "$.goal.allow", err);
    if (st == RP_OK && in.waive)
        st = read_names(&g->waivable, in.waive, rp_component_names, RP_COMPONENT_COUNT,
                        "$.goal.waive", err);
    if (st == RP_OK && in.families)
        st = read_names(&g->families, in.families, rp_family_names, RP_FAMILY_COUNT,
                        "$.goal.families", err);
    if (st == RP_OK && in.min_pv)
        st = rp_fields_decimal(g->min_pv, in.min_pv, "$.goal.min_pv", err);
    if (st == RP_OK && in.down_payment)
        st = rp_fields_decimal(g->down_payment, in.down_payment, "$.goal.down_payment", err);
    if (st == RP_OK) {
        g->objective = (rp_objective)in.objective;
        g->card = in.card;
    }
    mpq_clear(in.rate.value);
    return st;
}

static void action_json(cJSON *list, const rp_action_t *a, const rp_round_t *rc)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "type", rp_action_names[a->type]);
    switch (a->type) {
    case RP_ACTION_WAIVE:
        cJSON_AddStringToObject(o, "component", rp_component_names[a->component]);
        if (a->given & RP_HAS_AMOUNT)
            rp_json_add_amount(o, "amount", a->amount, rc);
        else
            rp_json_add_decimal(o, "share", a->share);
        break;
    case RP_ACTION_DEFER:
        rp_json_add_int(o, "installments", a->periods);
        cJSON_AddStringToObject(o, "interest", rp_defer_interest_names[a->interest]);
        break;
    case RP_ACTION_EXTEND:
        if (a->periods > 0)
            rp_json_add_int(o, "periods", a->periods);
        else
            rp_json_add_date(o, "maturity", a->date);
        if (a->method >= 0)
            cJSON_AddStringToObject(o, "method", rp_method_names[a->method]);
        if (a->given & RP_HAS_RATE)
            rp_json_add_decimal(o, "rate", a->rate);
        break;
    case RP_ACTION_RATE:
        rp_json_add_decimal(o, "rate", a->rate);
        if (a->date != RP_DATE_NONE)
            rp_json_add_date(o, "from", a->date);
        break;
    case RP_ACTION_FREEZE: {
        rp_json_add_int(o, "installments", a->periods);
        cJSON *keep = cJSON_AddArrayToObject(o, "keep");
        for (int c = 0; c < RP_COMPONENT_COUNT; c++)
            if (a->keep & (1u << c))
                cJSON_AddItemToArray(keep, cJSON_CreateString(rp_component_names[c]));
        break;
    }
    case RP_ACTION_SETTLE:
        rp_json_add_amount(o, "amount", a->amount, rc);
        rp_json_add_int(o, "installments", a->periods);
        if (a->days > 0)
            rp_json_add_int(o, "days", a->days);
        break;
    default:
        break;
    }
    cJSON_AddItemToArray(list, o);
}

/* The facts the goal is about, for the answer and for its neighbour. */
static void goal_facts(cJSON *o, const rp_goal_t *g, const rp_plan_t *p, const rp_pricing_t *price,
                       const rp_round_t *rc)
{
    mpq_t x;
    mpq_init(x);
    switch (g->type) {
    case RP_GOAL_SHORTEST_TERM:
    case RP_GOAL_PAYMENT_FOR_TERM:
        rp_json_add_int(o, "term", rp_plan_installments(p));
        rp_plan_largest_payment(x, p);
        rp_json_add_amount(o, "largest_payment", x, rc);
        break;
    case RP_GOAL_SMALLEST_WAIVER:
        rp_json_add_amount(o, "waiver", p->waived_total, rc);
        rp_plan_largest_payment(x, p);
        rp_json_add_amount(o, "largest_payment", x, rc);
        break;
    case RP_GOAL_OFFER:
        rp_json_add_int(o, "term", rp_plan_installments(p));
        if (p->count > 0 && p->rows[0].n == 0)
            rp_json_add_amount(o, "due_on_date", p->rows[0].payment, rc);
        rp_plan_largest_payment(x, p);
        rp_json_add_amount(o, "largest_payment", x, rc);
        rp_json_add_amount(o, "waived", p->waived_total, rc);
        rp_json_add_amount(o, "total_to_pay", p->total_payment, rc);
        rp_json_add_amount(o, "pv", price->pv, rc);
        rp_json_add_bounded(o, "recovery", price->recovery, price->recovery, 6);
        break;
    case RP_GOAL_MAX_DISCOUNT:
    default:
        rp_json_add_amount(o, "settlement", p->total_payment, rc);
        rp_json_add_amount(o, "discount", p->waived_total, rc);
        rp_json_add_bounded(o, "recovery", price->recovery, price->recovery, 6);
        break;
    }
    mpq_clear(x);
}

/* The engine's paths onto the request's. */
static void solve_path(rp_error *err)
{
    if (err && strncmp(err->path, "actions", 7) == 0) {
        char path[RP_PATH_MAX];
        snprintf(path, sizeof path, "$.goal.actions%s", err->path + 7);
        snprintf(err->path, sizeof err->path, "%s", path);
    } else if (err && strcmp(err->path, "as_of") == 0) {
        snprintf(err->path, sizeof err->path, "$.date");
    } else {
        rp_error_prefix(err, "$");
    }
}

/* Why a solution is not feasible: the binding constraint and how far. */
static void add_binding(cJSON *o, const rp_solution_t *sol, const rp_round_t *rc)
{
    if (sol->feasible || !sol->binding)
        return;
    cJSON *b = cJSON_AddObjectToObject(o, "binding");
    cJSON_AddStringToObject(b, "constraint", sol->binding);
    if (strcmp(sol->binding, "recovery") == 0)
        rp_json_add_bounded(b, "shortfall", sol->shortfall, sol->shortfall, 6);
    else
        rp_json_add_amount(b, "shortfall", sol->shortfall, rc);
    rp_json_add_int(b, "installments", sol->limit);
    cJSON_AddStringToObject(b, "zh", sol->why_zh);
    cJSON_AddStringToObject(b, "en", sol->why_en);
}

/* A solution's plan: answer (or closest) facts, proof, actions, warnings
 * as restructure gives them, summary and installments. */
static void solution_json(cJSON *o, const rp_goal_t *goal, const rp_actions_t *given,
                          const rp_solution_t *sol, int discount_given, const rp_round_t *rc,
                          int detail)
{
    cJSON *answer = cJSON_AddObjectToObject(o, sol->feasible ? "answer" : "closest");
    goal_facts(answer, goal, &sol->plan, &sol->price, rc);
    if (sol->has_neighbour) {
        cJSON *proof = cJSON_AddObjectToObject(o, "next_better_fails");
        goal_facts(proof, goal, &sol->neighbour, &sol->neighbour_price, rc);
    }
    add_binding(o, sol, rc);
    cJSON *acts = cJSON_AddArrayToObject(o, "actions");
    for (int i = 0; i < given->count; i++)
        action_json(acts, &given->items[i], rc);
    for (int i = 0; i < sol->actions.count; i++)
        action_json(acts, &sol->actions.items[i], rc);
    rp_json_plan_warnings(o, &sol->plan); /* as restructure gives them */
    cJSON *summary = cJSON_AddObjectToObject(o, "summary");
    rp_json_plan_summary(summary, &sol->plan, &sol->price, discount_given, rc);
    rp_json_plan_rows_detail(o, &sol->plan, rc, detail);
}

static void offer_json(cJSON *root, const rp_goal_t *goal, const rp_actions_t *given,
                       const rp_offer_t *offer, int discount_given, const rp_round_t *rc, int detail)
{
    cJSON_AddStringToObject(root, "objective", rp_objective_names[goal->objective]);
    if (offer->best >= 0)
        cJSON_AddStringToObject(root, "best", rp_family_names[offer->best]);
    else
        cJSON_AddNullToObject(root, "best");
    cJSON *list = cJSON_AddArrayToObject(root, "offers");
    for (int f = 0; f < RP_FAMILY_COUNT; f++) {
        if (!offer->tried[f])
            continue;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "family", rp_family_names[f]);
        cJSON_AddBoolToObject(o, "feasible", offer->family[f].feasible);
        solution_json(o, goal, given, &offer->family[f], discount_given, rc, detail);
        cJSON_AddItemToArray(list, o);
    }
}

rp_status rp_json_solve(response_t *out, const request_t *req, rp_format fmt, rp_error *err)
{
    case_in_t c;
    rp_goal_t goal;
    rp_actions_t given;
    rp_solution_t sol;
    rp_offer_t offer;
    rp_goal_init(&goal);
    rp_actions_init(&given);
    rp_solution_init(&sol);
    rp_offer_init(&offer);
    rp_status st = rp_json_case_open(&c, req, err);
    if (st == RP_OK)
        st = read_goal(&goal, &given, req->goal, &c.loan, err);
    mpq_srcptr discount = c.has_discount ? c.discount_rate : NULL;
    if (st == RP_OK && goal.type == RP_GOAL_OFFER)
        st = rp_solve_offer(&offer, &c.loan.loan, &c.loan.terms, &c.events, req->as_of, &given,
                            &goal, discount, &c.loan.rounding, err);
    else if (st == RP_OK)
        st = rp_solve(&sol, &c.loan.loan, &c.loan.terms, &c.events, req->as_of, &given, &goal,
                      discount, &c.loan.rounding, err);
    if (st != RP_OK && rp_status_exit_code(st) == 2 && err && err->path[0] != '$')
        solve_path(err);
    if (st == RP_OK && (fmt == RP_FORMAT_LETTER || fmt == RP_FORMAT_LETTER_HTML)) {
        /* the letter of the answer: the best offer, or the plan found */
        const rp_solution_t *s = goal.type != RP_GOAL_OFFER ? &sol
                                 : offer.best >= 0          ? &offer.family[offer.best]
                                                            : NULL;
        if (!s || !s->feasible)
            st = rp_fail(err, RP_E_VALUE, "$.goal", "no plan meets the goal, so there is no letter "
                                                    "to write: the JSON answer says what binds");
        else
            st = rp_json_plan_letter(&out->text, fmt, &s->plan, &s->price, &c.loan.terms.overdue,
                                     -1, 0, &c.loan, err);
    } else if (st == RP_OK) {
        const rp_round_t *rc = &c.loan.rounding;
        cJSON *root = fmt == RP_FORMAT_JSON ? out->json : cJSON_CreateObject();
        rp_json_add_date(root, "date", req->as_of);
        cJSON_AddStringToObject(root, "goal", rp_goal_names[goal.type]);
        if (goal.type == RP_GOAL_OFFER) {
            offer_json(root, &goal, &given, &offer, c.has_discount, rc, req->detail);
        } else {
            cJSON_AddBoolToObject(root, "feasible", sol.feasible);
            solution_json(root, &goal, &given, &sol, c.has_discount, rc, req->detail);
        }
        if (fmt != RP_FORMAT_JSON) {
            rp_json_render_flat(&out->text, fmt, root);
            cJSON_Delete(root);
        }
    }
    rp_offer_clear(&offer);
    rp_solution_clear(&sol);
    rp_actions_clear(&given);
    rp_goal_clear(&goal);
    rp_json_case_close(&c);
    return st;
}
