/*
 * fields.h — declarative field tables for JSON objects. One table per
 * object says each field's name, kind, whether it is required, where it
 * goes in the C struct, its allowed values and a one-line description.
 * The same tables drive reading (with JSON-path errors), the rejection of
 * unknown and duplicate fields, and the documentation of the contract.
 */
#ifndef RP_FIELDS_H
#define RP_FIELDS_H

#include <stddef.h>

#include "json_internal.h"

typedef enum field_kind {
    FK_INT,     /* JSON integer within [min, max] → int                     */
    FK_BOOL,    /* true / false → int                                       */
    FK_AMOUNT,  /* decimal string or number, 0 ≤ x < 10^15 → mpq_t          */
    FK_DATE,    /* "YYYY-MM-DD" → rp_date_t                                 */
    FK_ENUM,    /* one of names[] → int (the index)                         */
    FK_OBJECT,  /* nested object read with `object` into the same target    */
    FK_TEXT,    /* a string of min … max characters (code points, as JSON
                   Schema counts them) → const cJSON * (the node)           */
    FK_CUSTOM   /* read by `read`                                           */
} field_kind;

typedef struct field field_t;
typedef struct object_spec object_spec_t;

/* A custom reader: fills target (the field's place) from item. `path` is
 * the field's JSON path for errors. */
typedef rp_status (*field_reader)(void *target, const cJSON *item, const char *path,
                                  rp_error *err);

struct field {
    const char *name;
    field_kind kind;
    int required;
    size_t offset;                 /* where the value goes in the target     */
    const char *const *names;      /* FK_ENUM: allowed names …               */
    int name_count;                /* … and how many                         */
    long min, max;                 /* FK_INT bounds; FK_TEXT length in characters */
    const long *choices;           /* FK_INT: the only values allowed, or NULL … */
    int choice_count;              /* … and how many                         */
    const object_spec_t *object;   /* FK_OBJECT                              */
    field_reader read;             /* FK_CUSTOM                              */
    const char *schema;            /* FK_CUSTOM: its JSON Schema, as JSON text */
    const char *doc;               /* one line: meaning and default          */
};

/* JSON Schema text for custom fields ($defs are written by schema.c). */
#define SCHEMA_STR_(x) #x
#define SCHEMA_STR(x) SCHEMA_STR_(x)
#define SCHEMA_REF(def) "{\"$ref\": \"#/$defs/" def "\"}"
#define SCHEMA_LIST(def, max)                                                                    \
    "{\"type\": \"array\", \"maxItems\": " SCHEMA_STR(max) ", \"items\": " SCHEMA_REF(def) "}"
#define SCHEMA_LIST_MIN(def, min, max)                                                           \
    "{\"type\": \"array\", \"minItems\": " SCHEMA_STR(min) ", \"maxItems\": " SCHEMA_STR(max)     \
    ", \"items\": " SCHEMA_REF(def) "}"
#define SCHEMA_STRING "{\"type\": \"string\"}"
#define SCHEMA_OBJECT "{\"type\": \"object\"}"
#define SCHEMA_ID "{\"type\": [\"string\", \"number\"], \"maxLength\": " SCHEMA_STR(RP_MAX_ID_CHARS) "}"
#define SCHEMA_COMPONENTS "{\"type\": \"array\", \"items\": " SCHEMA_REF("component") "}"
#define SCHEMA_ALLOCATION                                                                        \
    "{\"oneOf\": [" SCHEMA_REF("waterfall") ", " SCHEMA_REF("allocation") "]}"
#define SCHEMA_CASH_FLOWS                                                                        \
    "{\"type\": \"array\", \"minItems\": 2, \"maxItems\": " SCHEMA_STR(RP_MAX_FLOWS)            \
    ", \"items\": {\"oneOf\": [" SCHEMA_REF("decimal") ", " SCHEMA_REF("dated_flow") "]}}"



struct object_spec {
    const char *name;
    const field_t *fields;
    int count;
};

/* The object specs of the API, for the schema (schema.c). Variant specs
 * (events, actions, goals) are arrays indexed like their names. */
extern const object_spec_t rp_spec_loan, rp_spec_allocation, rp_spec_bucket, rp_spec_proposal,
    rp_spec_dated_flow, rp_spec_caps, rp_spec_lpr_table, rp_spec_lpr_fixing, rp_spec_rounding,
    rp_spec_overdue, rp_spec_condition, rp_spec_default, rp_spec_step, rp_spec_custom,
    rp_spec_multiple, rp_spec_business_days, rp_spec_lpr_rate, rp_spec_lpr_shift,
    rp_spec_day_count_period, rp_spec_mirr;
extern const object_spec_t rp_spec_events[], rp_spec_actions[], rp_spec_goals[];
/* The request of each op, and the op names, in the same order. */
extern const object_spec_t *const rp_spec_requests[];
extern const char *const rp_op_names[];
extern const int rp_op_count;

#define RP_FIELDS(table) (table), (int)(sizeof(table) / sizeof((table)[0]))
#define RP_CHOICES(list) .choices = (list), .choice_count = (int)(sizeof(list) / sizeof((list)[0]))

/* Days a year for a daily rate: 360 or 365. */
extern const long rp_daily_bases[2];

/* Reads obj into target following spec. path is obj's JSON path ("$.loan").
 * Unknown or duplicate members, missing required ones, wrong types and bad
 * values are errors naming the member's path. */
rp_status rp_fields_read(void *target, const cJSON *obj, const object_spec_t *spec,
                         const char *path, rp_error *err);

/* Reads an amount (FK_AMOUNT: a decimal, 0 ≤ x < 10^15; f->name names it
 * in messages), for custom readers. */
rp_status rp_fields_amount(mpq_t out, const cJSON *item, const field_t *f, const char *path,
                           rp_error *err);

/* A request's precision (at $.precision; NULL: the default 1e-12),
 * above 0 and at most 0.01. */
rp_status rp_json_precision(mpq_t out, const cJSON *item, rp_error *err);

/* Reads a decimal from a JSON string or number (exact), for custom readers. */
rp_status rp_fields_decimal(mpq_t out, const cJSON *item, const char *path, rp_error *err);

/* A field reader that keeps the subtree for later (target: const cJSON *). */
rp_status rp_json_keep(void *target, const cJSON *item, const char *path, rp_error *err);

/* Builds "path.name" into buf. */
void rp_fields_path(char *buf, size_t size, const char *path, const char *name);

#endif
