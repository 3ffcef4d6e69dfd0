/*
 * op_solve.c — op "solve": the plan that fits a goal, with the proof
 * that nothing better does.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ops.h"

typedef struct goal_in {
    const cJSON *type, *keep, *order, *actions, *capacity, *min_recovery;
    int term, method, installments, days, plan;
    rate_in_t rate;
} goal_in_t;

static const char *const plan_names[] = {"extend", "freeze"};

#define GOAL(member) offsetof(goal_in_t, member)
#define COMMON                                                                                   \
    {.name = "type", .kind = FK_CUSTOM, .schema = SCHEMA_STRING, .required = 1, .offset = GOAL(type),                    \
     .read = rp_json_keep, .doc = "what to find"},                                               \
    {.name = "actions", .kind = FK_CUSTOM, .schema = SCHEMA_LIST("action", RP_MAX_ACTIONS), .offset = GOAL(actions), .read = rp_json_keep,       \
     .doc = "actions to apply first (waive, extend, defer, reamortize, rate)"}
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
};

static rp_status read_goal(rp_goal_t *g, rp_actions_t *given, const cJSON *item,
                           const loan_in_t *loan, rp_error *err)
{
    if (!cJSON_IsObject(item))
        return rp_fail(err, RP_E_TYPE, "$.goal", "expected a goal object, found %s",
                       rp_json_type_name(item));
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(item, "type");
    int t = cJSON_IsString(type) ? rp_name_index(rp_goal_names, RP_GOAL_COUNT, type->valuestring) : -1;
    if (t < 0)
        return rp_fail(err, type ? RP_E_VALUE : RP_E_MISSING, "$.goal.type",
                       "expected shortest_term, smallest_waiver, payment_for_term or max_discount");
    g->type = (rp_goal_type)t;
    goal_in_t in;
    memset(&in, 0, sizeof in);
    in.method = -1;
    in.installments = 1;
    in.plan = 1;
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
    case RP_GOAL_MAX_DISCOUNT:
    default:
        rp_json_add_amount(o, "settlement", p->total_payment, rc);
        rp_json_add_amount(o, "discount", p->waived_total, rc);
        rp_json_add_bounded(o, "recovery", price->recovery, price->recovery, 6);
        break;
    }
    mpq_clear(x);
}

rp_status rp_json_solve(response_t *out, const request_t *req, rp_format fmt, rp_error *err)
{
    case_in_t c;
    rp_goal_t goal;
    rp_actions_t given;
    rp_solution_t sol;
    rp_goal_init(&goal);
    rp_actions_init(&given);
    rp_solution_init(&sol);
    rp_status st = rp_json_case_open(&c, req, err);
    if (st == RP_OK)
        st = read_goal(&goal, &given, req->goal, &c.loan, err);
    if (st == RP_OK) {
        st = rp_solve(&sol, &c.loan.loan, &c.loan.terms, &c.events, req->as_of, &given, &goal,
                      c.has_discount ? c.discount_rate : NULL, &c.loan.rounding, err);
        if (st != RP_OK && rp_status_exit_code(st) == 2) {
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
    }
    if (st == RP_OK) {
        const rp_round_t *rc = &c.loan.rounding;
        cJSON *root = fmt == RP_FORMAT_JSON ? out->json : cJSON_CreateObject();
        rp_json_add_date(root, "date", req->as_of);
        cJSON_AddStringToObject(root, "goal", rp_goal_names[goal.type]);
        cJSON_AddBoolToObject(root, "feasible", sol.feasible);
        cJSON *answer = cJSON_AddObjectToObject(root, sol.feasible ? "answer" : "closest");
        goal_facts(answer, &goal, &sol.plan, &sol.price, rc);
        if (sol.has_neighbour) {
            cJSON *proof = cJSON_AddObjectToObject(root, "next_better_fails");
            goal_facts(proof, &goal, &sol.neighbour, &sol.neighbour_price, rc);
        }
        cJSON *acts = cJSON_AddArrayToObject(root, "actions");
        for (int i = 0; i < given.count; i++)
            action_json(acts, &given.items[i], rc);
        for (int i = 0; i < sol.actions.count; i++)
            action_json(acts, &sol.actions.items[i], rc);
        rp_json_plan_warnings(root, &sol.plan); /* as restructure gives them */
        cJSON *summary = cJSON_AddObjectToObject(root, "summary");
        rp_json_plan_summary(summary, &sol.plan, &sol.price, rc);
        rp_json_plan_rows(root, &sol.plan, rc);
        if (fmt != RP_FORMAT_JSON) {
            rp_json_render_flat(&out->text, fmt, root);
            cJSON_Delete(root);
        }
    }
    rp_solution_clear(&sol);
    rp_actions_clear(&given);
    rp_goal_clear(&goal);
    rp_json_case_close(&c);
    return st;
}
