/*
 * shape_in.c — reading a loan's payment timing and shape: down_payment and
 * balloon (an amount or a share of the principal), step (阶梯还款), custom
 * (个性化分期) and payment_multiple. loan.c's table keeps their JSON; they
 * are read here once the loan's rounding is known.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"

/* ---- an amount or a share: "30000" or "30%" ------------------------------ */

/* A share carries its unit (%, ‰, ‱, 分之); anything else is an amount. */
static rp_status read_part(mpq_t out, const cJSON *item, const char *path, const loan_in_t *in,
                           rp_error *err)
{
    if (cJSON_IsString(item)) {
        mpq_t share;
        mpq_init(share);
        rp_rate_unit unit = RP_RATE_UNSPECIFIED;
        int bare = 1;
        rp_status st = rp_rate_parse_text(share, &unit, &bare, item->valuestring, NULL);
        if (st == RP_OK && !bare) {
            if (unit != RP_RATE_UNSPECIFIED)
                st = rp_fail(err, RP_E_VALUE, path, "a share takes no 年/月/日 prefix");
            else if (mpq_cmp_ui(share, 1, 1) >= 0)
                st = rp_fail(err, RP_E_VALUE, path, "a share of the principal must be below 100%%");
            else
                rp_loan_share_of(out, &in->loan, share, &in->rounding);
            mpq_clear(share);
            return st;
        }
        mpq_clear(share);
    }
    field_t amount = {.name = path + (strrchr(path, '.') ? strrchr(path, '.') - path + 1 : 0),
                      .kind = FK_AMOUNT};
    return rp_fields_amount(out, item, &amount, path, err);
}

/* ---- step: {"every": 12, "amount": "200"} or {"every": 12, "share": "5%"} */

typedef struct step_in {
    int every;
    const cJSON *amount, *share;
    int direction;
} step_in_t;

static const char *const directions[] = {"up", "down"};

static const field_t step_fields[] = {
    {.name = "every", .kind = FK_INT, .required = 1, .offset = offsetof(step_in_t, every),
     .min = 1, .max = RP_MAX_TERM, .doc = "installments between changes of the payment"},
    {.name = "amount", .kind = FK_CUSTOM, .schema = SCHEMA_REF("amount"),
     .offset = offsetof(step_in_t, amount), .read = rp_json_keep,
     .doc = "the payment changes by this amount each time"},
    {.name = "share", .kind = FK_CUSTOM, .schema = SCHEMA_REF("share"),
     .offset = offsetof(step_in_t, share), .read = rp_json_keep,
     .doc = "or by this share of the payment before it"},
    {.name = "direction", .kind = FK_ENUM, .offset = offsetof(step_in_t, direction),
     .names = directions, .name_count = 2, .doc = "up (default: the payment rises) or down"},
};
const object_spec_t rp_spec_step = {"a payment step", RP_FIELDS(step_fields)};

static rp_status read_step(loan_in_t *in, const cJSON *item, rp_error *err)
{
    step_in_t s = {.every = 0, .amount = NULL, .share = NULL, .direction = 0};
    rp_loan_t *loan = &in->loan;
    rp_status st = rp_fields_read(&s, item, &rp_spec_step, "$.loan.step", err);
    if (st == RP_OK && !s.amount == !s.share)
        return rp_fail(err, s.amount ? RP_E_VALUE : RP_E_MISSING, "$.loan.step",
                       "give the step as amount or share, not both");
    if (st != RP_OK)
        return st;
    loan->step_every = s.every;
    if (s.amount) {
        field_t amount = {.name = "amount", .kind = FK_AMOUNT};
        loan->step_kind = RP_STEP_AMOUNT;
        st = rp_fields_amount(loan->step, s.amount, &amount, "$.loan.step.amount", err);
    } else {
        loan->step_kind = RP_STEP_SHARE;
        st = rp_json_read_share(&loan->step, s.share, "$.loan.step.share", err);
    }
    if (st == RP_OK && s.direction == 1)
        mpq_neg(loan->step, loan->step);
    return st;
}

/* ---- custom: {"payments": […]} or {"principal": […]} ----------------------- */

typedef struct custom_in {
    const cJSON *payments, *principal;
} custom_in_t;

#define SCHEMA_AMOUNTS "{\"type\": \"array\", \"maxItems\": " SCHEMA_STR(RP_MAX_TERM) ", \"items\": " SCHEMA_REF("amount") "}"
static const field_t custom_fields[] = {
    {.name = "payments", .kind = FK_CUSTOM, .schema = SCHEMA_AMOUNTS,
     .offset = offsetof(custom_in_t, payments), .read = rp_json_keep,
     .doc = "the payment (principal + interest) of installments 1 … term − 1"},
    {.name = "principal", .kind = FK_CUSTOM, .schema = SCHEMA_AMOUNTS,
     .offset = offsetof(custom_in_t, principal), .read = rp_json_keep,
     .doc = "or their principal parts; the last installment clears the balance"},
};
const object_spec_t rp_spec_custom = {"a custom list (个性化分期)", RP_FIELDS(custom_fields)};

static rp_status read_custom(loan_in_t *in, const cJSON *item, rp_error *err)
{
    custom_in_t c = {NULL, NULL};
    rp_status st = rp_fields_read(&c, item, &rp_spec_custom, "$.loan.custom", err);
    if (st == RP_OK && !c.payments == !c.principal)
        return rp_fail(err, c.payments ? RP_E_VALUE : RP_E_MISSING, "$.loan.custom",
                       "give payments or principal, not both");
    if (st != RP_OK)
        return st;
    const cJSON *list = c.payments ? c.payments : c.principal;
    const char *path = c.payments ? "$.loan.custom.payments" : "$.loan.custom.principal";
    if (!cJSON_IsArray(list))
        return rp_fail(err, RP_E_TYPE, path, "expected an array of amounts, found %s",
                       rp_json_type_name(list));
    int n = cJSON_GetArraySize(list);
    if (n > RP_MAX_TERM)
        return rp_fail(err, RP_E_RANGE, path, "at most %d amounts", RP_MAX_TERM);
    mpq_t *values = n ? malloc(sizeof *values * (size_t)n) : NULL;
    if (n && !values)
        return rp_fail(err, RP_E_NOMEM, path, "out of memory");
    for (int i = 0; i < n; i++)
        mpq_init(values[i]);
    int i = 0;
    field_t amount = {.name = "amount", .kind = FK_AMOUNT};
    for (const cJSON *m = list->child; m && st == RP_OK; m = m->next, i++) {
        char sub[RP_PATH_MAX];
        snprintf(sub, sizeof sub, "%s[%d]", path, i);
        st = rp_fields_amount(values[i], m, &amount, sub, err);
    }
    if (st == RP_OK)
        st = rp_loan_set_custom(&in->loan, c.payments ? RP_CUSTOM_PAYMENTS : RP_CUSTOM_PRINCIPAL,
                                (mpq_t const *)values, n, err);
    for (int k = 0; k < n; k++)
        mpq_clear(values[k]);
    free(values);
    return st;
}

/* ---- payment_multiple: {"unit": "1", "mode": "up"} ------------------------ */

static rp_status read_multiple_unit(void *target, const cJSON *item, const char *path, rp_error *err)
{
    field_t amount = {.name = "unit", .kind = FK_AMOUNT};
    rp_status st = rp_fields_amount(*(mpq_t *)target, item, &amount, path, err);
    if (st == RP_OK && mpq_sgn(*(mpq_t *)target) <= 0)
        st = rp_fail(err, RP_E_VALUE, path, "the multiple must be greater than 0");
    return st;
}

static const field_t multiple_fields[] = {
    {.name = "unit", .kind = FK_CUSTOM, .schema = SCHEMA_REF("amount"), .required = 1,
     .offset = offsetof(rp_loan_t, payment_multiple), .read = read_multiple_unit,
     .doc = "the level payment is a whole multiple of this, e.g. \"1\" (whole yuan)"},
    {.name = "mode", .kind = FK_ENUM, .offset = offsetof(rp_loan_t, multiple_mode),
     .names = rp_round_mode_names, .name_count = RP_ROUND_MODE_COUNT,
     .doc = "how the payment is rounded to it (default up; half_even as Fineract does)"},
};
const object_spec_t rp_spec_multiple = {"a payment multiple", RP_FIELDS(multiple_fields)};

/* ---- all of them, once the loan's principal and rounding are known ------- */

rp_status rp_json_shape_read(loan_in_t *in, rp_error *err)
{
    shape_in_t *s = &in->shape;
    rp_status st = RP_OK;
    if (s->down_payment)
        st = read_part(in->loan.down_payment, s->down_payment, "$.loan.down_payment", in, err);
    if (st == RP_OK && s->balloon)
        st = read_part(in->loan.balloon, s->balloon, "$.loan.balloon", in, err);
    if (st == RP_OK && s->step)
        st = read_step(in, s->step, err);
    if (st == RP_OK && s->custom)
        st = read_custom(in, s->custom, err);
    if (st == RP_OK && s->payment_multiple)
        st = rp_fields_read(&in->loan, s->payment_multiple, &rp_spec_multiple,
                            "$.loan.payment_multiple", err);
    return st;
}
