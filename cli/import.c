/*
 * import.c — `repay import`: a bank system's schedule export (CSV) as a
 * fixture's expected installments, so a regression suite compares repay
 * with the bank's production numbers. The columns are mapped once (a small
 * JSON file {"期数": "n", "还款日": "due_date", …} kept beside the exports,
 * or inline as 期数=n,还款日=due_date,…); amounts may carry thousands
 * separators and dates be written 2024/1/15, as spreadsheets re-save them.
 * A row whose installment number is not a number (a total row, 合计) is
 * skipped with a note.
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"

#define MAX_COLUMNS 64

typedef struct mapping {
    int count;
    char *header[MAX_COLUMNS];
    char *field[MAX_COLUMNS];
} mapping_t;

static void mapping_free(mapping_t *m)
{
    for (int i = 0; i < m->count; i++) {
        free(m->header[i]);
        free(m->field[i]);
    }
    m->count = 0;
}

static int mapping_add(mapping_t *m, const char *header, size_t hlen, const char *field,
                       size_t flen)
{
    if (m->count == MAX_COLUMNS)
        return 0;
    m->header[m->count] = strndup(header, hlen);
    m->field[m->count] = strndup(field, flen);
    if (!m->header[m->count] || !m->field[m->count])
        return 0;
    m->count++;
    return 1;
}

/* "期数=n,还款日=due_date", or a file holding {"期数": "n", …}. */
static int read_mapping(mapping_t *m, const char *spec)
{
    if (strchr(spec, '=')) {
        for (const char *p = spec; *p;) {
            size_t n = strcspn(p, ","), eq = strcspn(p, "=");
            if (eq >= n || !mapping_add(m, p, eq, p + eq + 1, n - eq - 1))
                return 0;
            p += n + (p[n] == ',');
        }
        return m->count > 0;
    }
    FILE *f = fopen(spec, "rb");
    size_t len = 0;
    char *text = f ? cli_read_limited(f, RP_MAX_REQUEST_BYTES, &len) : NULL;
    if (f)
        fclose(f);
    cJSON *root = text ? cJSON_ParseWithLength(text, len) : NULL;
    free(text);
    int ok = cJSON_IsObject(root);
    for (const cJSON *e = ok ? root->child : NULL; e && ok; e = e->next)
        ok = cJSON_IsString(e) &&
             mapping_add(m, e->string, strlen(e->string), e->valuestring, strlen(e->valuestring));
    cJSON_Delete(root);
    return ok && m->count > 0;
}

/* The table's rows: each mapped column's cell, read as a sheet writes it. */
typedef struct table {
    int rows, cap;
    char **cells; /* rows × mapping count */
} table_t;

static int all_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

static char *normal_cell(const char *field, const char *v)
{
    char out[96];
    if (strcmp(field, "due_date") == 0 && cli_csv_date(out, sizeof out, v))
        return strdup(out);
    if (strcmp(field, "due_date") != 0 && cli_csv_amount(out, sizeof out, v))
        return strdup(out);
    return strdup(v);
}

/* Reads the export: the header finds each mapped column, then the rows. */
static int read_table(table_t *t, const mapping_t *m, FILE *in, const char *name)
{
    cli_csv_t *csv = cli_csv_open(in);
    char why[160], **cells;
    int count, at[MAX_COLUMNS], ok = csv != NULL, n_column = -1;
    ok = ok && cli_csv_next(csv, &cells, &count, why, sizeof why) > 0;
    for (int i = 0; ok && i < m->count; i++) {
        at[i] = -1;
        for (int c = 0; c < count; c++)
            if (strcmp(cells[c], m->header[i]) == 0)
                at[i] = c;
        if (at[i] < 0) {
            fprintf(stderr, "repay import: %s: no column \"%s\" in the header\n", name, m->header[i]);
            ok = 0;
        }
        if (strcmp(m->field[i], "n") == 0)
            n_column = i;
    }
    for (long row = 2; ok; row++) {
        int r = cli_csv_next(csv, &cells, &count, why, sizeof why);
        if (r == 0)
            break;
        if (r < 0) {
            fprintf(stderr, "repay import: %s: row %ld: %s\n", name, row, why);
            ok = 0;
            break;
        }
        if (count == 1 && !cells[0][0])
            continue; /* a blank line */
        if (n_column >= 0 && (at[n_column] >= count || !all_digits(cells[at[n_column]]))) {
            fprintf(stderr, "repay import: note: skipped row %ld (installment \"%s\")\n", row,
                    at[n_column] < count ? cells[at[n_column]] : "");
            continue;
        }
        if (t->rows == t->cap) {
            int cap = t->cap ? t->cap * 2 : 64;
            char **grown = realloc(t->cells, sizeof *grown * (size_t)cap * (size_t)m->count);
            if (!grown)
                break;
            t->cells = grown;
            t->cap = cap;
        }
        for (int i = 0; i < m->count; i++)
            t->cells[t->rows * m->count + i] =
                normal_cell(m->field[i], at[i] < count ? cells[at[i]] : "");
        t->rows++;
    }
    cli_csv_close(csv);
    return ok;
}

typedef struct import_args {
    const char *request, *columns, *name, *source, *csv;
} import_args_t;

static int parse_args(import_args_t *a, int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        const char **into = strcmp(argv[i], "--request") == 0   ? &a->request
                            : strcmp(argv[i], "--columns") == 0 ? &a->columns
                            : strcmp(argv[i], "--name") == 0    ? &a->name
                            : strcmp(argv[i], "--source") == 0  ? &a->source
                                                                : NULL;
        if (into && i + 1 < argc)
            *into = argv[++i];
        else if (!into && !a->csv)
            a->csv = argv[i];
        else
            return 0;
    }
    return a->request && a->columns;
}

int cli_import(int argc, char **argv, const cli_settings_t *cfg)
{
    (void)cfg;
    import_args_t a = {0};
    if (!parse_args(&a, argc, argv)) {
        fputs("usage: repay import --request FILE --columns MAP [--name NAME] [--source TEXT] "
              "[EXPORT.csv|-]\n", stderr);
        return 2;
    }
    mapping_t m = {0};
    if (!read_mapping(&m, a.columns)) {
        fprintf(stderr, "repay import: --columns: expected 期数=n,还款日=due_date,… or a file "
                        "holding {\"期数\": \"n\", …}\n");
        mapping_free(&m);
        return 2;
    }
    FILE *rf = fopen(a.request, "rb");
    size_t rlen = 0;
    char *request = rf ? cli_read_limited(rf, RP_MAX_REQUEST_BYTES, &rlen) : NULL;
    if (rf)
        fclose(rf);
    FILE *in = !a.csv || strcmp(a.csv, "-") == 0 ? stdin : fopen(a.csv, "rb");
    table_t t = {0};
    int status = 2;
    if (!request)
        fprintf(stderr, "repay import: cannot read the request %s\n", a.request);
    else if (!in)
        fprintf(stderr, "repay import: cannot open %s\n", a.csv);
    else if (read_table(&t, &m, in, a.csv ? a.csv : "-")) {
        char *out = NULL, source[512];
        rp_error err;
        snprintf(source, sizeof source, "%s", a.source ? a.source : "");
        if (!a.source)
            snprintf(source, sizeof source, "bank system export %s", a.csv ? a.csv : "(stdin)");
        rp_status st = rp_fixture_from_table(&out, request, rlen, a.name, source,
                                             (const char *const *)m.field, m.count,
                                             (const char *const *)t.cells, t.rows, &err);
        if (st == RP_OK) {
            fputs(out, stdout);
            status = fflush(stdout) == 0 ? 0 : 3;
        } else {
            fprintf(stderr, "repay import: %s\n", err.message);
            status = rp_status_exit_code(st);
        }
        rp_free(out);
    }
    if (in && in != stdin)
        fclose(in);
    for (int i = 0; i < t.rows * m.count; i++)
        free(t.cells[i]);
    free(t.cells);
    free(request);
    mapping_free(&m);
    return status;
}
