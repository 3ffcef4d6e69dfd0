/*
 * op_compare.c — op "compare": several proposals for the same loan on the
 * same date, each built and priced (the loan replayed once), side by side.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ops.h"
#include "render/render.h"
#include "restructure/restructure.h"

typedef struct proposal_in {
    const cJSON *name, *actions;
} proposal_in_t;

static const field_t proposal_fields[] = {
    {.name = "name", .kind = FK_TEXT, .min = 1, .max = RP_MAX_NAME_CHARS, .required = 1,
     .offset = offsetof(proposal_in_t, name), .doc = "what to call it in the comparison"},
    {.name = "actions", .kind = FK_CUSTOM, .schema = SCHEMA_LIST("action", RP_MAX_ACTIONS), .required = 1,
     .offset = offsetof(proposal_in_t, actions), .read = rp_json_keep,
     .doc = "the actions, as for restructure"},
};
const object_spec_t rp_spec_proposal = {"a proposal", RP_FIELDS(proposal_fields)};

/* Every proposal read before any is built: bad input is an error for the
 * request. *read: the action lists initialised (to clear). */
static rp_status read_proposals(rp_actions_t *acts, const char **names, int *count, int *read,
                                const cJSON *list, const case_in_t *c, rp_error *err)
{
    if (!cJSON_IsArray(list))
        return rp_fail(err, RP_E_TYPE, "$.proposals", "expected an array of proposals, found %s",
                       rp_json_type_name(list));
    int n = cJSON_GetArraySize(list);
    if (n < 1 || n > RP_MAX_PROPOSALS)
        return rp_fail(err, RP_E_RANGE, "$.proposals", "give 1 to %d proposals", RP_MAX_PROPOSALS);
    *count = n;
    rp_status st = RP_OK;
    const cJSON *m = list->child;
    for (int i = 0; st == RP_OK && i < n; i++, m = m->next) {
        char path[RP_PATH_MAX];
        snprintf(path, sizeof path, "$.proposals[%d]", i);
        proposal_in_t p = {NULL, NULL};
        st = rp_fields_read(&p, m, &rp_spec_proposal, path, err);
        rp_actions_init(&acts[i]);
        *read = i + 1;
        if (st == RP_OK) {
            names[i] = p.name->valuestring;
            snprintf(path, sizeof path, "$.proposals[%d].actions", i);
            st = rp_json_read_actions(&acts[i], p.actions, path, &c->loan, err);
        }
    }
    return st;
}

rp_status rp_json_compare(response_t *out, const request_t *req, rp_format fmt, rp_error *err)
{
    case_in_t c;
    rp_status st = rp_json_case_open(&c, req, err);
    rp_actions_t acts[RP_MAX_PROPOSALS];
    const char *names[RP_MAX_PROPOSALS];
    int n = 0, read = 0;
    if (st == RP_OK)
        st = read_proposals(acts, names, &n, &read, req->proposals, &c, err);
    /* every plan, then the answer: a proposal that cannot be built is a
     * result (its error), not an error of the request */
    rp_plan_t plans[RP_MAX_PROPOSALS];
    rp_pricing_t prices[RP_MAX_PROPOSALS];
    rp_error errors[RP_MAX_PROPOSALS];
    rp_compare_row_t rows[RP_MAX_PROPOSALS];
    int built = 0;
    for (int i = 0; st == RP_OK && i < n; i++, built++) {
        rp_plan_init(&plans[i]);
        rp_pricing_init(&prices[i]);
        rp_error_reset(&errors[i]);
        char prefix[RP_PATH_MAX];
        snprintf(prefix, sizeof prefix, "$.proposals[%d].actions", i);
        rp_status ps = rp_json_plan(&plans[i], &prices[i], &c, req->as_of, &acts[i], prefix,
                                    &errors[i]);
        if (ps != RP_OK && rp_status_exit_code(ps) != 2) {
            st = ps;
            if (err)
                *err = errors[i];
        }
        errors[i].code = ps;
        rows[i] = (rp_compare_row_t){names[i], ps == RP_OK ? &plans[i] : NULL, &prices[i],
                                     &errors[i]};
    }
    if (st == RP_OK && fmt == RP_FORMAT_JSON) {
        rp_json_add_date(out->json, "date", req->as_of);
        cJSON *answers = cJSON_AddArrayToObject(out->json, "proposals");
        for (int i = 0; i < n; i++) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "name", names[i]);
            if (rows[i].plan) {
                cJSON_AddTrueToObject(o, "ok");
                rp_json_plan_summary(o, &plans[i], &prices[i], c.has_discount, &c.loan.rounding);
                rp_json_add_int(o, "warning_count", plans[i].warning_count);
                rp_json_plan_warnings(o, &plans[i]); /* as restructure gives them */
            } else {
                cJSON_AddFalseToObject(o, "ok");
                cJSON *eo = cJSON_AddObjectToObject(o, "error");
                cJSON_AddStringToObject(eo, "code", rp_strerror(errors[i].code));
                cJSON_AddStringToObject(eo, "path", errors[i].path);
                cJSON_AddStringToObject(eo, "message", errors[i].message);
            }
            cJSON_AddItemToArray(answers, o);
        }
    } else if (st == RP_OK) {
        rp_render_compare(&out->text, fmt, rows, n, c.has_discount, &c.loan.rounding);
    }
    for (int i = 0; i < built; i++) {
        rp_plan_clear(&plans[i]);
        rp_pricing_clear(&prices[i]);
    }
    for (int i = 0; i < read; i++)
        rp_actions_clear(&acts[i]);
    rp_json_case_close(&c);
    return st;
}
