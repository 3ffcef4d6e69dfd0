/*
 * json_internal.h — what calc/api/json*.c share. cJSON stays behind
 * this header: the core modules never see it.
 *
 * Numbers: cJSON reads every JSON number into a double, which would lose
 * what the user typed. rp_json_parse therefore stores each number's exact
 * source text in the node's valuestring (cJSON_Delete frees it), and the
 * readers use only that text. Numbers we write are cJSON "raw" nodes
 * holding decimal text, so no binary floating point is ever involved.
 */
#ifndef RP_JSON_INTERNAL_H
#define RP_JSON_INTERNAL_H

#include <cjson/cJSON.h>

#include "base/buf.h"
#include "base/units.h"
#include "base/internal.h"

/* A request's cJSON memory (json_arena.c): between enter and leave, this
 * thread's cJSON nodes and strings come from an arena freed at the
 * outermost leave. Every tree built in between must be deleted (or be
 * garbage) by then; nothing built there may be kept or handed to another
 * thread. Pairs nest. */
void rp_json_arena_enter(void);
void rp_json_arena_leave(void);
/* cJSON_Delete for a tree built inside a request: nothing to do there (the
 * arena frees it), a plain delete outside one. */
void rp_json_arena_drop(cJSON *tree);

/* Parses len bytes of strict JSON (RFC 8259: UTF-8, no NUL, no raw
 * control character in a string, no \u0000, nothing after the value; one
 * leading BOM is skipped). Returns the tree (free with cJSON_Delete) or
 * NULL with err set: invalid_json with line and column; out_of_range for
 * nesting beyond RP_MAX_JSON_DEPTH; too_large beyond RP_MAX_REQUEST_BYTES
 * or RP_MAX_JSON_VALUES values (refused before the tree is built);
 * duplicate_field, with its path, for a member name given twice in any
 * object. */
cJSON *rp_json_parse(const char *text, size_t len, rp_error *err);

/* The same for a request: also refuses a top-level "id" that is not a
 * string or a number (wrong_type at $.id) before building anything. */
cJSON *rp_json_parse_request(const char *text, size_t len, rp_error *err);

/* rp_json_parse with flags: RP_PARSE_REQUEST as rp_json_parse_request;
 * RP_PARSE_DUPLICATES leaves duplicate names in the tree, for a caller
 * that checks the objects it reads itself (rp_json_check_members);
 * RP_PARSE_NUL_ESCAPES lets "\u0000" through (cJSON cuts the string there:
 * only for text that is checked again before it is read). */
#define RP_PARSE_REQUEST 1
#define RP_PARSE_DUPLICATES 2
#define RP_PARSE_NUL_ESCAPES 4
#define RP_PARSE_CHECK_ONLY 8 /* internal: scan, build nothing */

/* json_scan.c: checks text is strict JSON (RFC 8259, UTF-8, no NUL, the
 * value and nesting limits) before cJSON reads it; an error at "$" names
 * the line and column. */
rp_status rp_json_scan(const char *text, size_t len, int flags, rp_error *err);
/* The four hex digits of a \u escape at p (left bytes there); 0 if not. */
int rp_json_hex4(const char *p, size_t left, unsigned *out);
cJSON *rp_json_parse_opts(const char *text, size_t len, int flags, rp_error *err);

/* Scans the text as rp_json_parse_opts would, building nothing: RP_OK or
 * the error it would give (the duplicate check needs the tree: not done). */
rp_status rp_json_check(const char *text, size_t len, int flags, rp_error *err);

/* duplicate_field at path.name if obj has a member name twice (its own
 * members only, not those of nested objects). */
rp_status rp_json_check_members(const cJSON *obj, const char *path, rp_error *err);

/* In text known to be valid JSON, the object starting at offset at (after
 * any whitespace): the span [*start, *end) of the value of its member
 * named key (escapes decoded as cJSON does). Returns 1, or 0 if there is
 * no such member or no object there. */
int rp_json_member_span(const char *text, size_t len, size_t at, const char *key, size_t *start,
                        size_t *end);

/* In text known to be valid JSON, the array starting at offset at: the
 * spans [spans[2i], spans[2i + 1]) of its first cap elements. Returns the
 * number of elements, or −1 if no array is there. */
int rp_json_array_spans(const char *text, size_t len, size_t at, size_t *spans, int cap);

/* "a string", "a number", "an object", … for messages. */
const char *rp_json_type_name(const cJSON *item);

/* The exact text of a number node (never NULL for nodes from rp_json_parse). */
const char *rp_json_number_text(const cJSON *item);

/* Writes item as JSON: containers whose members are all scalars on one
 * line, others one member per line indented by two spaces. */
void rp_json_write(rp_buf_t *b, const cJSON *item);
/* The same text on one line (JSON Lines). */
void rp_json_write_line(rp_buf_t *b, const cJSON *item);

/* Node builders; each returns NULL when memory runs out. */
/* Members with a text value. `key` must outlive the tree — a literal or a
 * static name — as it is not copied (amount, date, decimal, bounded). */
cJSON *rp_json_add_amount(cJSON *obj, const char *key, const mpq_t x, const rp_round_t *rc);
cJSON *rp_json_add_text(cJSON *obj, const char *key, const char *text); /* text copied */
/* "key": {principal, interest, …: amounts by component[, "total"]}. */
void rp_json_add_components(cJSON *obj, const char *key, mpq_t const *values, int with_total,
                            const rp_round_t *rc);
/* units[c] = values[c] · 10^places for every component when each is a
 * whole number below RP_UNITS_MAX (amounts posted at their unit); returns
 * 0 otherwise. */
int rp_components_scaled(int64_t *units, mpq_t const *values, int places);
/* rp_json_add_components of values given as counts of 10^-rc->places
 * (from rp_components_scaled, or differences of two such; rc->places ≤ 18). */
void rp_json_add_components_scaled(cJSON *obj, const char *key, const int64_t *units,
                                   int with_total, const rp_round_t *rc);
cJSON *rp_json_add_int(cJSON *obj, const char *key, long v);
cJSON *rp_json_add_date(cJSON *obj, const char *key, rp_date_t d);
cJSON *rp_json_add_decimal(cJSON *obj, const char *key, const mpq_t x); /* exact, e.g. a rate */
/* x exactly as "p/q" in lowest terms, or "p" when whole (a year fraction). */
cJSON *rp_json_add_fraction(cJSON *obj, const char *key, const mpq_t x);

/* A rate known to lie in [low, high], with every digit shown right (at
 * most places decimals). */
cJSON *rp_json_add_bounded(cJSON *obj, const char *key, const mpq_t low, const mpq_t high,
                           int places);

/* Rows written straight as text (a schedule's installments): begin, the
 * members in order, then rp_json_add_row adds the row to array as one raw
 * node that the writers lay out exactly as the same object built node by
 * node. Keys must need no JSON escape (static names); values are numbers,
 * dates and decimal text, the same text the rp_json_add_* above write. */
void rp_json_row_begin(rp_buf_t *row);
void rp_json_row_int(rp_buf_t *row, const char *key, long v);
void rp_json_row_date(rp_buf_t *row, const char *key, rp_date_t d);
void rp_json_row_text(rp_buf_t *row, const char *key, const char *text); /* safe text */
void rp_json_row_true(rp_buf_t *row, const char *key);
void rp_json_row_amount(rp_buf_t *row, const char *key, const mpq_t x, const rp_round_t *rc);
void rp_json_row_decimal(rp_buf_t *row, const char *key, const mpq_t x);
void rp_json_row_fraction(rp_buf_t *row, const char *key, const mpq_t x);
/* An amount of `units` whole units (the fast form); 0, writing nothing,
 * when it does not fit machine words (use rp_json_row_amount). */
int rp_json_row_units(rp_buf_t *row, const char *key, int64_t units, const rp_unit_words_t *w);
/* NULL, and row->failed set (it stays so), when memory runs out. */
cJSON *rp_json_add_row(cJSON *array, rp_buf_t *row);

/* Writes any response as "key: value" lines (RP_FORMAT_TABLE) or
 * "key,value" rows (RP_FORMAT_CSV), nested keys joined with dots and
 * array positions in brackets. */
void rp_json_render_flat(rp_buf_t *b, rp_format fmt, const cJSON *item);

/* Builds the error response for err. */
cJSON *rp_json_error_response(const rp_error *err, const char *op, const cJSON *id);

#endif
