/*
 * repay — the command line: a thin shell over the JSON API (rp_run).
 *
 * Exit status: 0 success, 1 fixture mismatch, 2 bad input (the error JSON
 * on stdout, one line on stderr), 3 internal error.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "repay.h"

static const char usage[] =
    "usage: repay COMMAND [--format json|table|csv] [FILE|-]\n"
    "\n"
    "Exact repayment plans. Reads one JSON request from FILE (or standard\n"
    "input when FILE is - or absent) and writes the response.\n"
    "\n"
    "commands:\n"
    "  schedule [FILE|-]   the installment schedule of a loan (op \"schedule\")\n"
    "  statement [FILE|-]  what is owed on a date, given the payments made\n"
    "  yield [FILE|-]      APR / IRR / XIRR, present value, legal caps\n"
    "  restructure [FILE|-]  a new plan from actions (waive, extend, defer, …), priced\n"
    "  compare [FILE|-]    several restructuring proposals side by side\n"
    "  solve [FILE|-]      find a plan that fits constraints\n"
    "  run [FILE|-]        whatever op the request names\n"
    "  check PATH...       run fixture cases (files, or folders searched for\n"
    "                      *.json); print each mismatch and a summary\n"
    "\n"
    "options:\n"
    "  --format F          json (default), table (for people), csv (spreadsheets)\n"
    "  --lpr FILE          an LPR table (like data/lpr.json) instead of the built-in\n"
    "                      one; also $REPAY_LPR\n"
    "  --help              this text\n"
    "  --version           the version\n"
    "\n"
    "exit status: 0 ok, 1 fixture mismatch, 2 bad input, 3 internal error\n"
    "The README documents every field: see README.md.\n";

/* Reads at most limit + 1 bytes: enough to tell a request is too large
 * without ever holding a huge one. Returns NULL on an I/O error. */
static char *read_limited(FILE *in, size_t limit, size_t *len)
{
    char *data = malloc(limit + 2);
    if (!data)
        return NULL;
    size_t n = 0;
    while (n < limit + 1) {
        size_t got = fread(data + n, 1, limit + 1 - n, in);
        if (got == 0)
            break;
        n += got;
    }
    if (ferror(in)) {
        free(data);
        return NULL;
    }
    data[n] = '\0';
    *len = n;
    return data;
}

static char *read_input(const char *path, size_t *len)
{
    if (!path || strcmp(path, "-") == 0)
        return read_limited(stdin, RP_MAX_REQUEST_BYTES, len);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "repay: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    char *data = read_limited(f, RP_MAX_REQUEST_BYTES, len);
    if (!data)
        fprintf(stderr, "repay: %s: read error\n", path);
    fclose(f);
    return data;
}

/* An LPR table to use instead of the built-in one (--lpr FILE or $REPAY_LPR). */
static char *lpr_json;
static size_t lpr_len;

static int run_request(const char *op, const char *path, rp_format format)
{
    size_t len = 0;
    char *request = read_input(path, &len);
    if (!request)
        return 2;
    char *out = NULL;
    rp_error err;
    rp_options_t opt = {.format = format, .op = op, .lpr_json = lpr_json, .lpr_len = lpr_len};
    rp_status st = rp_run(&out, request, len, &opt, &err);
    free(request);
    if (out)
        fputs(out, stdout);
    rp_free(out);
    if (st != RP_OK)
        fprintf(stderr, "repay: %s: %s: %s\n", err.path, rp_strerror(st), err.message);
    if (fflush(stdout) != 0)
        return 3;
    return rp_status_exit_code(st);
}

/* ---- check -------------------------------------------------------------- */

typedef struct tally {
    int passed, failed, broken;
} tally_t;

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void check_file(const char *path, tally_t *t)
{
    size_t len = 0;
    char *text = read_input(path, &len);
    if (!text) {
        t->broken++;
        return;
    }
    char *report = NULL;
    int mismatches = 0;
    rp_error err;
    rp_status st = rp_fixture_run(&report, &mismatches, NULL, text, len, &err);
    free(text);
    if (st != RP_OK) {
        t->broken++;
        printf("ERROR %s\n", path);
    } else if (mismatches > 0) {
        t->failed++;
        printf("FAIL  %s\n", path);
    } else {
        t->passed++;
    }
    if (report && (st != RP_OK || mismatches > 0)) {
        /* indent the report under its case */
        for (char *line = report; *line;) {
            char *nl = strchr(line, '\n');
            size_t n = nl ? (size_t)(nl - line) : strlen(line);
            printf("      %.*s\n", (int)n, line);
            line += n + (nl ? 1 : 0);
        }
    }
    rp_free(report);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static void check_path(const char *path, tally_t *t, int depth)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        fprintf(stderr, "repay: %s: %s\n", path, strerror(errno));
        t->broken++;
        return;
    }
    if (!S_ISDIR(sb.st_mode)) {
        check_file(path, t);
        return;
    }
    if (depth > 32) {
        fprintf(stderr, "repay: %s: folders nested too deeply\n", path);
        t->broken++;
        return;
    }
    struct dirent **entries = NULL;
    int n = scandir(path, &entries, NULL, by_name); /* sorted: stable output */
    if (n < 0) {
        fprintf(stderr, "repay: %s: %s\n", path, strerror(errno));
        t->broken++;
        return;
    }
    for (int i = 0; i < n; i++) {
        const char *name = entries[i]->d_name;
        if (name[0] != '.') {
            size_t size = strlen(path) + strlen(name) + 2;
            char *child = malloc(size);
            if (child) {
                snprintf(child, size, "%s/%s", path, name);
                struct stat cs;
                if (stat(child, &cs) == 0 && (S_ISDIR(cs.st_mode) || ends_with(name, ".json")))
                    check_path(child, t, depth + 1);
                free(child);
            }
        }
        free(entries[i]);
    }
    free(entries);
}

static int run_check(int argc, char **argv)
{
    if (argc == 0) {
        fputs("repay check: name at least one fixture file or folder\n", stderr);
        return 2;
    }
    tally_t t = {0, 0, 0};
    for (int i = 0; i < argc; i++)
        check_path(argv[i], &t, 0);
    printf("%d passed, %d failed", t.passed, t.failed);
    if (t.broken)
        printf(", %d could not be run", t.broken);
    printf("\n");
    if (t.broken)
        return 2;
    return t.failed ? 1 : 0;
}

/* ---- main --------------------------------------------------------------- */

int main(int argc, char **argv)
{
    rp_format format = RP_FORMAT_JSON;
    const char *command = NULL;
    char **rest = malloc(sizeof *rest * (size_t)(argc + 1));
    int nrest = 0;
    if (!rest)
        return 3;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage, stdout);
            free(rest);
            return 0;
        }
        if (strcmp(a, "--version") == 0) {
            printf("repay %s\n", RP_VERSION);
            free(rest);
            return 0;
        }
        if (strcmp(a, "--lpr") == 0 || strncmp(a, "--lpr=", 6) == 0) {
            const char *file = a[5] == '=' ? a + 6 : (i + 1 < argc ? argv[++i] : "");
            free(lpr_json);
            lpr_json = read_input(file, &lpr_len);
            if (!lpr_json) {
                free(rest);
                return 2;
            }
        } else if (strcmp(a, "--format") == 0 || strncmp(a, "--format=", 9) == 0) {
            const char *v = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : "");
            int f = -1;
            for (int k = 0; k < RP_FORMAT_COUNT; k++)
                if (strcmp(v, rp_format_names[k]) == 0)
                    f = k;
            if (f < 0) {
                fprintf(stderr, "repay: --format takes json, table or csv, not \"%s\"\n", v);
                free(rest);
                return 2;
            }
            format = (rp_format)f;
        } else if (a[0] == '-' && a[1] == '-') {
            fprintf(stderr, "repay: unknown option %s (see repay --help)\n", a);
            free(rest);
            return 2;
        } else if (!command) {
            command = a;
        } else {
            rest[nrest++] = argv[i];
        }
    }
    const char *env_lpr = getenv("REPAY_LPR");
    if (!lpr_json && env_lpr && *env_lpr) {
        lpr_json = read_input(env_lpr, &lpr_len);
        if (!lpr_json) {
            free(rest);
            return 2;
        }
    }
    int status;
    if (!command) {
        fputs(usage, stderr);
        status = 2;
    } else if (strcmp(command, "check") == 0) {
        status = run_check(nrest, rest);
    } else if (strcmp(command, "schedule") == 0 || strcmp(command, "statement") == 0 ||
               strcmp(command, "yield") == 0 || strcmp(command, "restructure") == 0 ||
               strcmp(command, "compare") == 0 || strcmp(command, "solve") == 0 ||
               strcmp(command, "run") == 0) {
        if (nrest > 1) {
            fprintf(stderr, "repay %s: one request at a time (got %d files)\n", command, nrest);
            status = 2;
        } else {
            status = run_request(strcmp(command, "run") == 0 ? NULL : command,
                                 nrest ? rest[0] : NULL, format);
        }
    } else {
        fprintf(stderr, "repay: unknown command \"%s\" (see repay --help)\n", command);
        status = 2;
    }
    free(rest);
    free(lpr_json);
    return status;
}
