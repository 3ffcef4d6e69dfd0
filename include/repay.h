/*
 * repay.h — the stable face of librepay, an exact repayment-plan calculator:
 * its version and limits, status codes and errors, and the JSON API — one
 * request in, one response out (rp_run), the schema, fixtures, MCP. What
 * the command line, the WebAssembly module and most programs need; this
 * header keeps its meaning from one version to the next, and needs no GMP.
 *
 * The typed API (schedules, statements, restructuring, yields in GMP
 * rationals) is repay_advanced.h: exact, complete, and allowed to change
 * between versions, the way zstd keeps its experimental section apart.
 *
 * Conventions:
 *  - outputs first, then const inputs, then the rounding context, then the error;
 *  - every owning type has _init/_clear; _clear of an initialised object
 *    releases it; nothing here frees a NULL pointer you did not give it;
 *  - fallible functions return rp_status (RP_OK = 0) and, on failure, fill
 *    *err (which may be NULL) and leave their outputs unchanged;
 *  - no function aborts or exits; GMP is never asked to divide by zero.
 */
#ifndef REPAY_H
#define REPAY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RP_VERSION "0.1.0"

#if defined(__GNUC__) || defined(__clang__)
#define RP_MUST_CHECK __attribute__((warn_unused_result))
#else
#define RP_MUST_CHECK
#endif

/* ------------------------------------------------------------------------
 * Limits — the one place they are set. The README's "Limits" table mirrors
 * these; tests/api/test_limits.c checks each one is enforced.
 * ------------------------------------------------------------------------ */
#define RP_MAX_TERM            1200      /* installments in one schedule      */
#define RP_MAX_AMOUNT_DIGITS   15        /* |amount| < 10^15                  */
#define RP_MAX_RATE_PERCENT    1000      /* annual rate ≤ 1000%               */
#define RP_MIN_YEAR            1900      /* dates 1900-01-01 …                */
#define RP_MAX_YEAR            2200      /* … 2200-12-31                      */
#define RP_MAX_REQUEST_BYTES   (1 << 20) /* one request: 1 MiB                */
#define RP_MAX_DECIMAL_CHARS   64        /* one decimal string                */
#define RP_MAX_DECIMAL_DIGITS  40        /* integer digits, and decimal places */
#define RP_MAX_UNIT_PLACES     8         /* rounding unit ≥ 0.00000001        */
#define RP_MAX_JSON_DEPTH      64        /* nesting of a request              */
#define RP_MAX_JSON_VALUES     100000    /* values (numbers, strings, objects, …)
                                            in a request, counted before the tree
                                            is built: it bounds a parsed request's
                                            memory (see README "Limits")       */
#define RP_MAX_ID_CHARS        200       /* a request's id, as a string       */
#define RP_MAX_NOTE_CHARS      200       /* an event's or action's note       */
#define RP_MAX_NAME_CHARS      40        /* a compare proposal's name         */
#define RP_MAX_KIND_CHARS      31        /* a fee event's kind                */
#define RP_MAX_LABEL_CHARS     15        /* a DPD bucket's label              */
/* Text limits count characters (code points), as JSON Schema's maxLength
 * does; C buffers hold 4 bytes a character. */
#define RP_MAX_ROOTS   8
#define RP_MAX_FLOWS   10000      /* cash flows in one yield              */
#define RP_MAX_EVENTS 10000       /* events in one statement */
/* What one statement may write, checked as it is made (the work before a
 * refusal is bounded by it): lines of workings — 罚息/复利 segments and
 * late-fee charges together — and lines of allocations (each amount a
 * payment or credit applied). See README "Limits". */
#define RP_MAX_WORKING_LINES    20000
#define RP_MAX_ALLOCATION_LINES 60000
#define RP_MAX_BUCKETS 16
#define RP_MAX_ACTIONS   32
#define RP_MAX_RESTRUCTURINGS 24 /* restructure events in one history */
#define RP_MAX_PROPOSALS 16

/* ------------------------------------------------------------------------
 * Status codes and errors
 * ------------------------------------------------------------------------ */
typedef enum rp_status {
    RP_OK = 0,
    RP_E_JSON,        /* "invalid_json": not well-formed JSON, or not UTF-8     */
    RP_E_TOO_LARGE,   /* "too_large": request over RP_MAX_REQUEST_BYTES          */
    RP_E_MISSING,     /* "missing_field": a required field is absent            */
    RP_E_TYPE,        /* "wrong_type": e.g. a string where an integer belongs   */
    RP_E_UNKNOWN,     /* "unknown_field": a field this version does not know    */
    RP_E_DUPLICATE,   /* "duplicate_field": the same key twice in one object    */
    RP_E_VALUE,       /* "invalid_value": right type, unacceptable value        */
    RP_E_RANGE,       /* "out_of_range": outside a documented limit             */
    RP_E_NOMEM,       /* "out_of_memory"                                       */
    RP_E_INTERNAL     /* "internal": a bug — a self-check failed                */
} rp_status;

/* The stable code text of a status ("invalid_value", …); never NULL. */
const char *rp_strerror(rp_status status);

/* Exit status the CLI uses for a status: 0 ok, 2 bad input, 3 internal. */
int rp_status_exit_code(rp_status status);

#define RP_PATH_MAX    160
#define RP_MESSAGE_MAX 320

/* An error report: code, JSON path of the offending field ("$.loan.term"),
 * and a one-line message saying what was expected and what was found. */
typedef struct rp_error {
    rp_status code;
    char path[RP_PATH_MAX];
    char message[RP_MESSAGE_MAX];
} rp_error;

/* Clears an error to RP_OK with empty path and message. */
void rp_error_reset(rp_error *err);

/* ------------------------------------------------------------------------
 * The JSON API (calc/api/): one request in, one response out.
 * ------------------------------------------------------------------------ */
typedef enum rp_format {
    RP_FORMAT_JSON,   /* the response object                              */
    RP_FORMAT_TABLE,  /* aligned columns for a person                     */
    RP_FORMAT_CSV,    /* one row per installment, header first            */
    RP_FORMAT_LETTER, /* restructure, solve: the repayment letter (还款计划确认书),
                         Chinese then English, in Markdown                */
    RP_FORMAT_LETTER_HTML, /* the same, as one self-contained HTML page for A4 */
    RP_FORMAT_COUNT
} rp_format;
extern const char *const rp_format_names[RP_FORMAT_COUNT];

typedef struct rp_options {
    rp_format format;
    const char *op;   /* NULL: the request's "op" decides; else the op the
                         request must be (and the default if it has none) */
    const char *lpr_json; /* an LPR table (data/lpr.json's shape) to use
                             instead of the built-in one, or NULL */
    size_t lpr_len;
    int one_line;     /* JSON responses on a single line (JSON Lines)   */
    int summary;      /* requests without "detail" answer as "summary":
                         long lists cut to their first rows (repay mcp) */
    const char *calendar_json; /* a business-day calendar (data/cn_calendar.json's
                                  shape) instead of the built-in one, or NULL */
    size_t calendar_len;
} rp_options_t;

/* The JSON Schema (draft 2020-12) of the API, newly allocated in *out
 * (free with rp_free): part NULL gives every request and response; an op
 * name ("schedule") that op's request; "schedule_response" its response. */
RP_MUST_CHECK rp_status rp_schema(char **out, const char *part, rp_error *err);

/* Runs one request: `len` bytes of JSON text (need not be NUL-terminated).
 * *out receives a newly allocated NUL-terminated response (free it with
 * rp_free): the formatted result on success, the error response JSON
 * otherwise. Returns the status; err (may be NULL) gets the error. *out is
 * NULL only if memory ran out. */
RP_MUST_CHECK rp_status rp_run(char **out, const char *request, size_t len, const rp_options_t *opt, rp_error *err);

/* Compares one fixture case ({"name", "source", "request", "expected"})
 * with what the calculator answers. *report receives a newly allocated
 * text (free with rp_free): one line per mismatch "path: expected X, got Y".
 * If response is not NULL it receives the response JSON (free with
 * rp_free; NULL if the fixture is malformed). Returns RP_OK and sets
 * *mismatches (0 = pass); returns an error status if the fixture itself
 * is malformed (report then says why). */
RP_MUST_CHECK rp_status rp_fixture_run(char **report, int *mismatches, char **response, const char *fixture,
                         size_t len, rp_error *err);

/* The cases of a fixture file: one fixture object, an array of them, or
 * (json_lines) one per non-blank line. *spans receives 2 × *count byte
 * offsets — case i is text[spans[2i] … spans[2i + 1]) — newly allocated
 * (free with rp_free). Returns RP_OK, or why the text is not a fixture
 * file (not JSON, not an object or array; a line of JSON Lines that is
 * not JSON: err->message names it). */
RP_MUST_CHECK rp_status rp_fixture_cases(size_t **spans, int *count, const char *text, size_t len,
                                         int json_lines, rp_error *err);

/* A fixture cut down to what matters: its "expected" keeps only the
 * fields at paths (dot-separated keys, [i] for an array element, −1 the
 * last: "summary.payment", "installments[0].interest", "totals"), as
 * {"installments": {"[0]": {"interest": …}}}. *out is the new fixture
 * (newly allocated, free with rp_free). RP_E_VALUE naming a path the
 * response does not have. */
RP_MUST_CHECK rp_status rp_fixture_keep(char **out, const char *fixture, size_t len,
                                        const char *const *paths, int count, rp_error *err);

/* A fixture whose expected installments come from elsewhere — a bank
 * system's schedule export (`repay import`): {"name", "source", "request",
 * "expected": {"installments": [{field: value, …}, …]}}. fields name the
 * columns (n, due_date, payment, principal, interest, fee, balance, rate);
 * cells[r × count + c] is row r's text in column c — amounts as plain
 * decimals, dates as YYYY-MM-DD (the caller reads a sheet's forms). Amounts
 * are written as JSON numbers, so "5307.3" matches "5307.30". With an n
 * column whose numbers are not the answer's own from the first (a part of
 * the schedule), "installments" is an object keyed by each row's place in
 * the answer ("[k]"), and a number the answer lacks is RP_E_VALUE. *out is
 * the fixture (newly allocated, free with rp_free). RP_E_VALUE naming the
 * row and column of a bad cell; the request is kept as written. */
RP_MUST_CHECK rp_status rp_fixture_from_table(char **out, const char *request, size_t len,
                                              const char *name, const char *source,
                                              const char *const *fields, int count,
                                              const char *const *cells, int rows, rp_error *err);

/* A fixture skeleton for a request (`repay record`): {"name", "source",
 * "unverified": true, "request", "expected"} with the request as sent
 * (numbers keep their text) and the whole response as expected, written
 * as JSON into *out (newly allocated; free with rp_free). *answer (may be
 * NULL) gets the request's own status and error: an error response is
 * recorded as one. Returns RP_OK, or why the request cannot be recorded
 * (not strict JSON, not an object, out of memory) in err. */
RP_MUST_CHECK rp_status rp_fixture_record(char **out, rp_error *answer, const char *request, size_t len,
                            const char *name, const rp_options_t *opt, rp_error *err);

/* One Model Context Protocol message (JSON-RPC 2.0, `len` bytes, read as
 * strictly as a request) in; *out receives the reply line (newly
 * allocated, ending in a newline; free with rp_free), or NULL when the
 * message needs none (a notification). A tools/call runs the arguments'
 * own text through rp_run with op set to the tool, so its response has the
 * same bytes as the command line's; opt gives the LPR table (format and op
 * are ignored). Every reply is valid UTF-8 JSON on one line. Returns RP_OK,
 * or RP_E_NOMEM (*out NULL). */
RP_MUST_CHECK rp_status rp_mcp_message(char **out, const char *message, size_t len, const rp_options_t *opt);

/* Frees memory returned by this library. NULL is a no-op. */
void rp_free(void *p);

#ifdef __cplusplus
}
#endif
#endif /* REPAY_H */
