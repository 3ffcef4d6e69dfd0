/*
 * csvin.c — one loan per CSV row, for repay batch --from-csv.
 *
 * RFC 4180 CSV (commas, "quoted" cells with "" for a quote, CRLF or LF),
 * UTF-8 with or without a byte order mark, one row a line: a cell holding a
 * quote it does not start with, a quote left open, a control character, a
 * NUL or bytes that are not UTF-8 is an error line for its row, and the
 * rows after it are read as usual — every row gets exactly one answer. The header names the columns;
 * each row becomes a request {"op", "id", "loan": {…}} and goes through
 * the same JSON API as any other, so a bad cell gets the same message and
 * path as in JSON. Empty cells are left out (the field's default applies).
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"

/* The columns a sheet may have: where each goes in the request. Amounts
 * and dates are read as spreadsheets re-save them (cli_csv_amount,
 * cli_csv_date); JSON itself stays strict. */
typedef enum cell_kind { CELL_TEXT, CELL_INTEGER, CELL_AMOUNT, CELL_DATE } cell_kind;
static const struct column {
    const char *name;
    const char *object; /* NULL: the request itself; "loan"; "rounding" */
    const char *field;
    cell_kind kind;
} columns[] = {
    {"id", NULL, "id", CELL_TEXT},
    {"op", NULL, "op", CELL_TEXT},
    {"principal", "loan", "principal", CELL_AMOUNT},
    {"rate", "loan", "rate", CELL_TEXT},
    {"term", "loan", "term", CELL_INTEGER},
    {"method", "loan", "method", CELL_TEXT},
    {"start_date", "loan", "start_date", CELL_DATE},
    {"first_due_date", "loan", "first_due_date", CELL_DATE},
    {"maturity_date", "loan", "maturity_date", CELL_DATE},
    {"frequency", "loan", "frequency", CELL_TEXT},
    {"day_count", "loan", "day_count", CELL_TEXT},
    {"daily_basis", "loan", "daily_basis", CELL_INTEGER},
    {"grace_periods", "loan", "grace_periods", CELL_INTEGER},
    {"flat_charge", "loan", "flat_charge", CELL_TEXT},
    {"periodic_fee", "loan", "periodic_fee", CELL_AMOUNT},
    {"upfront_fee", "loan", "upfront_fee", CELL_AMOUNT},
    {"timing", "loan", "timing", CELL_TEXT},
    {"down_payment", "loan", "down_payment", CELL_AMOUNT},
    {"balloon", "loan", "balloon", CELL_AMOUNT},
    {"amortization_term", "loan", "amortization_term", CELL_INTEGER},
    {"level_payment", "loan", "level_payment", CELL_TEXT},
    {"first_period", "loan", "first_period", CELL_TEXT},
    {"annuity_rate", "loan", "annuity_rate", CELL_TEXT},
    {"rounding_unit", "rounding", "unit", CELL_TEXT},
    {"rounding_mode", "rounding", "mode", CELL_TEXT},
};
#define COLUMN_COUNT ((int)(sizeof columns / sizeof columns[0]))
static const char *const required_columns[] = {"principal", "rate", "term"};
#define MAX_CELLS 64

typedef struct sheet {
    FILE *in;
    const char *name;
    long row;               /* data rows read */
    int ncols;
    int col[MAX_CELLS];     /* header cell i → columns[col[i]] */
    char *cell[MAX_CELLS];  /* the current row's cells */
    int ncells;
    char *buf;              /* the current row's text, cells NUL-separated */
    size_t cap;
} sheet_t;

/* Length of the valid UTF-8 sequence at s (1–4), or 0 if invalid. */
static size_t utf8_length(const unsigned char *p, size_t left)
{
    unsigned char c = p[0];
    size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
             : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (n == 0 || n > left)
        return 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c == 0xE0)
        lo = 0xA0; /* no overlong forms */
    else if (c == 0xED)
        hi = 0x9F; /* no surrogates */
    else if (c == 0xF0)
        lo = 0x90;
    else if (c == 0xF4)
        hi = 0x8F;
    if (n > 1 && (p[1] < lo || p[1] > hi))
        return 0;
    for (size_t k = 2; k < n; k++)
        if ((p[k] & 0xC0) != 0x80)
            return 0;
    return n;
}

/* Reads one line (to LF, which is dropped, as is a CR just before it)
 * into s->buf. Returns 0 at the end of the input, -1 if the line is longer
 * than CLI_MAX_LINE (read to its end, not kept), else 1; *n is its length. */
static int read_line(sheet_t *s, size_t *n)
{
    int c, any = 0, too_long = 0;
    *n = 0;
    while ((c = getc_unlocked(s->in)) != EOF) {
        any = 1;
        if (c == '\n')
            break;
        if (*n + 1 >= CLI_MAX_LINE) {
            too_long = 1;
            continue;
        }
        if (*n + 2 > s->cap) {
            size_t cap = s->cap ? s->cap * 2 : 256;
            char *b = realloc(s->buf, cap);
            if (!b) {
                too_long = 1;
                continue;
            }
            s->buf = b;
            s->cap = cap;
        }
        s->buf[(*n)++] = (char)c;
    }
    if (!any)
        return 0;
    if (too_long)
        return -1;
    if (*n > 0 && s->buf[*n - 1] == '\r')
        (*n)--;
    if (!s->buf && !(s->buf = malloc(1)))
        return -1;
    s->buf[*n] = '\0';
    return 1;
}

/* Splits the line in s->buf (n bytes) into cells, in place: RFC 4180
 * quoting within the line. A row is one line: no column takes text over
 * several lines, so a quote left open is an error for that row and never
 * swallows the rows after it. Returns 1, or 0 with the reason in why. */
static int split_cells(sheet_t *s, size_t n, char *why, size_t size)
{
    char *b = s->buf;
    size_t i = 0, o = 0;
    int cells = 0;
    for (;;) {
        if (cells == MAX_CELLS) {
            snprintf(why, size, "more than %d cells", MAX_CELLS);
            return 0;
        }
        s->cell[cells++] = b + o;
        int quoted = i < n && b[i] == '"';
        if (quoted)
            i++;
        for (;;) {
            if (i >= n) {
                if (quoted) {
                    snprintf(why, size, "cell %d: a quoted cell is not closed before the end of "
                             "the line", cells);
                    return 0;
                }
                break;
            }
            unsigned char c = (unsigned char)b[i];
            if (c == '"') {
                if (!quoted) {
                    snprintf(why, size, "cell %d: a quote inside a cell that does not start "
                             "with one (quote the whole cell and double the quote: \"\")", cells);
                    return 0;
                }
                if (i + 1 < n && b[i + 1] == '"') {
                    b[o++] = '"';
                    i += 2;
                    continue;
                }
                i++; /* the closing quote: a comma or the end must follow */
                if (i < n && b[i] != ',') {
                    snprintf(why, size, "cell %d: text after a closing quote", cells);
                    return 0;
                }
                break;
            }
            if (c == ',' && !quoted)
                break;
            if (c < 0x20 || c == 0x7F) {
                snprintf(why, size, "cell %d: a control character (byte 0x%02X)%s", cells, c,
                         c == '\r' ? ", a carriage return not at the end of the line" :
                         c == 0 ? ", a NUL byte" : "");
                return 0;
            }
            size_t len = utf8_length((const unsigned char *)b + i, n - i);
            if (len == 0) {
                snprintf(why, size, "cell %d: not UTF-8 text", cells);
                return 0;
            }
            memmove(b + o, b + i, len);
            o += len;
            i += len;
        }
        int more = i < n && b[i] == ',';
        b[o++] = '\0'; /* o ≤ i: the cell ends in place */
        if (!more)
            break;
        i++;
    }
    s->ncells = cells;
    return 1;
}

/* Reads one record into s->cell (s->ncells). Returns 0 at the end of the
 * input, -1 for a bad record (why says what is wrong), else 1. */
static int read_record(sheet_t *s, char *why, size_t size)
{
    size_t n;
    int r = read_line(s, &n);
    if (r == 0)
        return 0;
    if (r < 0) {
        snprintf(why, size, "longer than %d bytes", CLI_MAX_LINE);
        return -1;
    }
    return split_cells(s, n, why, size) ? 1 : -1;
}

static int column_index(const char *name)
{
    for (int i = 0; i < COLUMN_COUNT; i++)
        if (strcmp(columns[i].name, name) == 0)
            return i;
    return -1;
}

static int all_digits(const char *s)
{
    if (!*s || strlen(s) > 9)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

int cli_csv_amount(char *out, size_t size, const char *v)
{
    /* [+|-] d{1,3} (,ddd)+ [.d+]: thousands separators as a spreadsheet writes them */
    size_t i = *v == '+' || *v == '-', lead = 0, o = 0;
    if (strlen(v) >= size)
        return 0;
    while (is_digit(v[i + lead]))
        lead++;
    if (lead < 1 || lead > 3 || v[i + lead] != ',')
        return 0;
    if (i)
        out[o++] = v[0];
    memcpy(out + o, v + i, lead);
    o += lead;
    i += lead;
    while (v[i] == ',') {
        if (!is_digit(v[i + 1]) || !is_digit(v[i + 2]) || !is_digit(v[i + 3]) || is_digit(v[i + 4]))
            return 0;
        memcpy(out + o, v + i + 1, 3);
        o += 3;
        i += 4;
    }
    if (v[i] == '.') {
        if (!is_digit(v[i + 1]))
            return 0;
        out[o++] = v[i++];
        while (is_digit(v[i]))
            out[o++] = v[i++];
    }
    out[o] = '\0';
    return v[i] == '\0';
}

int cli_csv_date(char *out, size_t size, const char *v)
{
    /* YYYY/M/D (or YYYY-M-D, YYYY.M.D) with one or two digits for month and day */
    if (size < 11 || !is_digit(v[0]) || !is_digit(v[1]) || !is_digit(v[2]) || !is_digit(v[3]))
        return 0;
    char sep = v[4];
    if (sep != '/' && sep != '-' && sep != '.')
        return 0;
    int part[2] = {0, 0};
    size_t i = 5;
    for (int p = 0; p < 2; p++) {
        size_t start = i;
        while (is_digit(v[i]) && i - start < 2)
            part[p] = part[p] * 10 + (v[i++] - '0');
        if (i == start || (p == 0 ? v[i] != sep : v[i] != '\0'))
            return 0;
        i++;
    }
    snprintf(out, size, "%.4s-%02d-%02d", v, part[0], part[1]);
    return 1;
}

/* The row as request text. */
static char *row_request(sheet_t *s)
{
    cJSON *req = cJSON_CreateObject();
    cJSON *loan = cJSON_CreateObject();
    cJSON *rounding = cJSON_CreateObject();
    char *text = NULL;
    if (!req || !loan || !rounding)
        goto done;
    for (int i = 0; i < s->ncols; i++) {
        const char *v = s->cell[i];
        if (!*v)
            continue;
        const struct column *col = &columns[s->col[i]];
        cJSON *into = !col->object ? req : strcmp(col->object, "loan") == 0 ? loan : rounding;
        char normal[80];
        if ((col->kind == CELL_AMOUNT && cli_csv_amount(normal, sizeof normal, v)) ||
            (col->kind == CELL_DATE && cli_csv_date(normal, sizeof normal, v)))
            v = normal; /* "1,000,000.00" → "1000000.00", "2024/1/15" → "2024-01-15" */
        if (col->kind == CELL_INTEGER && all_digits(v))
            cJSON_AddNumberToObject(into, col->field, atof(v)); /* ≤ 9 digits: exact */
        else
            cJSON_AddStringToObject(into, col->field, v);
    }
    if (!cJSON_GetObjectItemCaseSensitive(req, "op"))
        cJSON_AddStringToObject(req, "op", "schedule");
    if (rounding->child) {
        cJSON_AddItemToObject(loan, "rounding", rounding);
        rounding = NULL;
    }
    cJSON_AddItemToObject(req, "loan", loan);
    loan = NULL;
    text = cJSON_PrintUnformatted(req);
done:
    cJSON_Delete(rounding);
    cJSON_Delete(loan);
    cJSON_Delete(req);
    return text;
}

static source_item next_row(source_t *src, char **text, size_t *len)
{
    sheet_t *s = src->state;
    for (;;) {
        char why[160];
        int r = read_record(s, why, sizeof why);
        if (r == 0)
            return SOURCE_END;
        s->row++;
        /* the messages name no file: a file name need not be UTF-8, an
         * answer line must be */
        char msg[320];
        if (r < 0) {
            snprintf(msg, sizeof msg, "row %ld: %s", s->row, why);
        } else if (s->ncells == 1 && s->cell[0][0] == '\0') {
            s->row--;
            continue; /* a blank line */
        } else if (s->ncells != s->ncols) {
            snprintf(msg, sizeof msg, "row %ld has %d cells; the header has %d", s->row,
                     s->ncells, s->ncols);
        } else {
            char *req = row_request(s);
            if (!req)
                return SOURCE_END;
            /* through malloc, as the caller frees with free() */
            *len = strlen(req);
            *text = malloc(*len + 1);
            if (*text)
                memcpy(*text, req, *len + 1);
            cJSON_free(req);
            return *text ? SOURCE_REQUEST : SOURCE_END;
        }
        char path[48];
        snprintf(path, sizeof path, "row %ld", s->row);
        *text = cli_error_line("invalid_value", path, msg);
        *len = *text ? strlen(*text) : 0;
        return SOURCE_ANSWER;
    }
}

int cli_csv_source(source_t *src, FILE *in, const char *name)
{
    sheet_t *s = calloc(1, sizeof *s);
    src->next = next_row;
    src->state = s;
    if (!s) {
        fputs("repay batch: out of memory\n", stderr);
        return 3;
    }
    s->in = in;
    s->name = name;
    /* a byte order mark (Excel writes one) */
    int c1 = getc(in);
    if (c1 == 0xEF) {
        if (getc(in) != 0xBB || getc(in) != 0xBF) {
            fputs("repay batch: ", stderr);
            cli_put_visible(stderr, name);
            fputs(": not UTF-8 text\n", stderr);
            return 2;
        }
    } else if (c1 != EOF) {
        ungetc(c1, in);
    }
    char why[160];
    int r = read_record(s, why, sizeof why);
    if (r == 0) {
        fputs("repay batch: ", stderr);
        cli_put_visible(stderr, name);
        fputs(": no header row\n", stderr);
        return 2;
    }
    if (r < 0) {
        fputs("repay batch: ", stderr);
        cli_put_visible(stderr, name);
        fprintf(stderr, ": the header row: %s\n", why);
        return 2;
    }
    s->ncols = s->ncells;
    for (int i = 0; i < s->ncols; i++) {
        int k = column_index(s->cell[i]);
        if (k < 0) {
            fputs("repay batch: ", stderr);
            cli_put_visible(stderr, name);
            fputs(": unknown column \"", stderr);
            cli_put_visible(stderr, s->cell[i]); /* checked UTF-8, no control characters */
            fputs("\"; columns are:", stderr);
            for (int j = 0; j < COLUMN_COUNT; j++)
                fprintf(stderr, " %s", columns[j].name);
            fputc('\n', stderr);
            return 2;
        }
        for (int j = 0; j < i; j++)
            if (s->col[j] == k) {
                fprintf(stderr, "repay batch: %s: column \"%s\" appears twice\n", name,
                        columns[k].name);
                return 2;
            }
        s->col[i] = k;
    }
    for (size_t q = 0; q < sizeof required_columns / sizeof required_columns[0]; q++) {
        int found = 0;
        for (int i = 0; i < s->ncols; i++)
            found |= strcmp(columns[s->col[i]].name, required_columns[q]) == 0;
        if (!found) {
            fprintf(stderr, "repay batch: %s: missing column \"%s\" (principal, rate and term are required)\n",
                    name, required_columns[q]);
            return 2;
        }
    }
    return 0;
}

void cli_csv_source_close(source_t *src)
{
    sheet_t *s = src->state;
    if (s)
        free(s->buf);
    free(s);
    src->state = NULL;
}

/* ---- a plain CSV reader for other commands (repay import) ---------------- */

cli_csv_t *cli_csv_open(FILE *in)
{
    sheet_t *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->in = in;
    int c1 = getc(in); /* a byte order mark (Excel writes one) */
    if (c1 == 0xEF) {
        if (getc(in) != 0xBB || getc(in) != 0xBF)
            s->ncells = -1;
    } else if (c1 != EOF) {
        ungetc(c1, in);
    }
    return (cli_csv_t *)s;
}

int cli_csv_next(cli_csv_t *csv, char ***cells, int *count, char *why, size_t size)
{
    sheet_t *s = (sheet_t *)csv;
    if (s->ncells < 0) {
        snprintf(why, size, "not UTF-8 text");
        return -1;
    }
    int r = read_record(s, why, size);
    *cells = s->cell;
    *count = r > 0 ? s->ncells : 0;
    return r;
}

void cli_csv_close(cli_csv_t *csv)
{
    sheet_t *s = (sheet_t *)csv;
    if (s)
        free(s->buf);
    free(s);
}
