/*
 * cli.h — what the command line's files share.
 */
#ifndef RP_CLI_H
#define RP_CLI_H

#include <stdio.h>

#include "repay.h"

/* Settings every command sees. */
typedef struct cli_settings {
    rp_format format;
    int format_given;     /* --format was on the command line                */
    int bom;              /* --bom: a UTF-8 byte order mark before CSV output */
    int compact;          /* --compact: JSON on one line, long lists cut, as
                             repay mcp answers                               */
    int jobs;             /* --jobs N for batch                               */
    const char *from_csv; /* --from-csv FILE for batch                        */
    const char *lpr_json; /* --lpr FILE's text, or NULL                       */
    size_t lpr_len;
    const char *calendar_json; /* --calendar FILE's text, or NULL             */
    size_t calendar_len;
    const char *keep;     /* record --keep PATHS: the fields expected keeps     */
} cli_settings_t;

/* A source of requests for batch: each call gives the next one. */
typedef enum source_item {
    SOURCE_REQUEST, /* *text is a request to run                           */
    SOURCE_ANSWER,  /* *text is already the answer line (e.g. a bad row)   */
    SOURCE_END
} source_item;

typedef struct source source_t;
struct source {
    /* Fills *text (malloc'd, NUL-terminated; the caller frees it). */
    source_item (*next)(source_t *s, char **text, size_t *len);
    void *state;
};

/* The longest line batch reads; a longer one is answered with an error
 * and skipped without being held in memory. */
#define CLI_MAX_LINE RP_MAX_REQUEST_BYTES

/* JSON Lines from `in`: one request per non-blank line. */
void cli_lines_source(source_t *s, FILE *in);
void cli_lines_source_close(source_t *s);

/* One loan per row of a CSV file (see README, "repay batch --from-csv").
 * Returns 0, or 2 after printing why the header cannot be used. */
int cli_csv_source(source_t *s, FILE *in, const char *name);
void cli_csv_source_close(source_t *s);

/* A CSV file read record by record (RFC 4180, one record a line, UTF-8
 * with or without a byte order mark; csvin.c). cli_csv_next gives the
 * record's cells (valid until the next call): 1, 0 at the end, −1 for a bad
 * record (why says what is wrong). */
typedef struct cli_csv cli_csv_t;
cli_csv_t *cli_csv_open(FILE *in);
int cli_csv_next(cli_csv_t *csv, char ***cells, int *count, char *why, size_t size);
void cli_csv_close(cli_csv_t *csv);

/* repay import: a bank's schedule export (CSV) as a fixture's expected
 * installments. import.c. */
int cli_import(int argc, char **argv, const cli_settings_t *cfg);

/* A sheet's amount with thousands separators ("1,000,000.00", grouped by
 * three) as a plain decimal into out; 0 (out unspecified) if v is not
 * one. A sheet's date "2024/1/15" (or with - or .) as "2024-01-15"; 0 if
 * v is not one. */
int cli_csv_amount(char *out, size_t size, const char *v);
int cli_csv_date(char *out, size_t size, const char *v);

/* An error answer line (JSON Lines) for a request that never reached the
 * core: code, path and message as in the JSON API. */
char *cli_error_line(const char *code, const char *path, const char *message);

/* Writes text from elsewhere (a file name, a message) to f with control
 * characters and bytes that are not UTF-8 as \xHH (visible.c). */
void cli_put_visible(FILE *f, const char *s);

/* Reads all of in, at most limit bytes (newly allocated, NUL-terminated;
 * NULL past the limit or on a read error). repay.c. */
char *cli_read_limited(FILE *in, size_t limit, size_t *len);

/* repay check [--list] PATH...: the exit status. check.c. */
int cli_check(int argc, char **argv);

/* repay batch: answers every request of the source in order. */
int cli_batch(source_t *src, const cli_settings_t *cfg);

/* repay mcp: a Model Context Protocol server on stdin/stdout. */
int cli_mcp(FILE *in, FILE *out, const cli_settings_t *cfg);

#endif
