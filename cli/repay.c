/*
 * repay — the command line: a thin shell over the JSON API (rp_run).
 *
 * Exit status: 0 success, 1 fixture mismatch, 2 bad input (the error JSON
 * on stdout, one line on stderr), 3 internal error.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

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
    "  check [--list] PATH...  run fixture cases (files, or folders searched for\n"
    "                      *.json); print each mismatch and a summary\n"
    "  record [--keep PATHS] [FILE|-]  a fixture skeleton for a request, marked unverified;\n"
    "                      --keep summary.payment,installments[0].interest keeps only those\n"
    "  import --request FILE --columns MAP [--name N] [--source TEXT] [CSV|-]\n"
    "                      a bank's schedule export as a fixture's expected installments;\n"
    "                      MAP: 期数=n,还款日=due_date,… or a JSON file of the same\n"
    "  batch [FILE|-]      JSON Lines: one request per line in, one response per\n"
    "                      line out, in order, each with the request's id\n"
    "  schema [PART]       the JSON Schema of requests and responses, or of one\n"
    "                      part: an op, OP_response, or a value (loan, goal, …)\n"
    "  mcp                 a Model Context Protocol tool server on stdin/stdout\n"
    "\n"
    "options:\n"
    "  --format F          json (default), table (for people), csv (spreadsheets);\n"
    "                      restructure and solve also letter (还款计划确认书, Markdown)\n"
    "                      and letter-html (one printable page); batch and mcp\n"
    "                      answer in JSON only\n"
    "  --bom               csv: start with a UTF-8 byte order mark (for Excel)\n"
    "  --compact           JSON on one line, long lists cut to their first rows\n"
    "                      (detail summary): the answers repay mcp gives\n"
    "  --jobs N            batch: answer on N threads (order kept; default 1)\n"
    "  --from-csv FILE     batch: one loan per row of FILE instead of JSON Lines\n"
    "  --lpr FILE          an LPR table (like data/lpr.json) instead of the built-in\n"
    "                      one; also $REPAY_LPR\n"
    "  --calendar FILE     a business-day calendar (like data/cn_calendar.json)\n"
    "                      instead of the built-in mainland one; also $REPAY_CALENDAR\n"
    "  --help              this text\n"
    "  --version           the version\n"
    "\n"
    "exit status: 0 ok, 1 fixture mismatch, 2 bad input, 3 internal error\n"
    "The README documents every field: see README.md.\n";

/* Reads at most limit + 1 bytes: enough to tell a request is too large
 * without ever holding a huge one. Returns NULL on an I/O error. */
char *cli_read_limited(FILE *in, size_t limit, size_t *len)
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
        return cli_read_limited(stdin, RP_MAX_REQUEST_BYTES, len);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "repay: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    char *data = cli_read_limited(f, RP_MAX_REQUEST_BYTES, len);
    if (!data)
        fprintf(stderr, "repay: %s: read error\n", path);
    fclose(f);
    return data;
}

/* Reads the request in path and runs it as op (NULL: the request's own)
 * in format. Returns the request text (free it), NULL if it could not be
 * read; *out, *st and *err get the answer. */
static char *read_and_run(const char *path, const char *op, rp_format format,
                          const cli_settings_t *cfg, size_t *len, char **out, rp_status *st,
                          rp_error *err)
{
    char *request = read_input(path, len);
    *out = NULL;
    if (request) {
        rp_options_t opt = {.format = format, .op = op, .lpr_json = cfg->lpr_json,
                            .lpr_len = cfg->lpr_len, .one_line = cfg->compact,
                            .summary = cfg->compact, .calendar_json = cfg->calendar_json,
                            .calendar_len = cfg->calendar_len};
        *st = rp_run(out, request, *len, &opt, err);
    }
    return request;
}

static int run_request(const char *op, const char *path, const cli_settings_t *cfg)
{
    rp_format format = cfg->format;
    size_t len = 0;
    char *out = NULL;
    rp_error err;
    rp_status st;
    char *request = read_and_run(path, op, format, cfg, &len, &out, &st, &err);
    if (!request)
        return 2;
    free(request);
    if (out && st == RP_OK && format == RP_FORMAT_CSV && cfg->bom)
        fputs("\xEF\xBB\xBF", stdout);
    if (out)
        fputs(out, stdout);
    rp_free(out);
    if (st != RP_OK) {
        fputs("repay: ", stderr);
        cli_put_visible(stderr, err.path);
        fprintf(stderr, ": %s: ", rp_strerror(st));
        cli_put_visible(stderr, err.message);
        fputc('\n', stderr);
    }
    if (fflush(stdout) != 0)
        return 3;
    return rp_status_exit_code(st);
}


/* ---- record, schema, batch ---------------------------------------------- */

/* The file's name without folders and ".json", for the fixture's name. */
static void case_name(char *buf, size_t size, const char *path)
{
    const char *base = path && strcmp(path, "-") != 0 ? strrchr(path, '/') : NULL;
    base = base ? base + 1 : path && strcmp(path, "-") != 0 ? path : "recorded-case";
    snprintf(buf, size, "%s", base);
    size_t n = strlen(buf);
    if (n > 5 && strcmp(buf + n - 5, ".json") == 0)
        buf[n - 5] = '\0';
}

static int run_record(const char *path, const cli_settings_t *cfg)
{
    size_t len = 0;
    char *request = read_input(path, &len);
    if (!request)
        return 2;
    char name[128], *out = NULL;
    case_name(name, sizeof name, path);
    rp_error answer, err;
    rp_error_reset(&answer);
    rp_options_t opt = {.lpr_json = cfg->lpr_json, .lpr_len = cfg->lpr_len,
                        .calendar_json = cfg->calendar_json, .calendar_len = cfg->calendar_len};
    rp_status st = rp_fixture_record(&out, &answer, request, len, name, &opt, &err);
    free(request);
    if (st == RP_OK && cfg->keep) { /* --keep: expected cut down to the fields named */
        char *list = strdup(cfg->keep), *paths[64], *cut = NULL;
        int n = 0;
        for (char *p = list ? strtok(list, ",") : NULL; p && n < 64; p = strtok(NULL, ","))
            paths[n++] = p;
        st = list ? rp_fixture_keep(&cut, out, strlen(out), (const char *const *)paths, n, &err)
                  : RP_E_NOMEM;
        free(list);
        rp_free(out);
        out = cut;
    }
    if (st != RP_OK) {
        fprintf(stderr, "repay record: the request cannot be recorded: %s: %s: ", err.path,
                rp_strerror(st));
        cli_put_visible(stderr, err.message);
        fputc('\n', stderr);
        return rp_status_exit_code(st);
    }
    fputs(out, stdout);
    rp_free(out);
    if (answer.code != RP_OK) {
        fprintf(stderr, "repay record: note: the request is an error (%s: ", answer.path);
        cli_put_visible(stderr, answer.message);
        fputs("); the skeleton records it as one\n", stderr);
    }
    return fflush(stdout) == 0 ? 0 : 3;
}

static int run_schema(int argc, char **argv)
{
    if (argc > 1) {
        fputs("repay schema: at most one part (an op, or OP_response)\n", stderr);
        return 2;
    }
    char *out = NULL;
    rp_error err;
    rp_status st = rp_schema(&out, argc ? argv[0] : NULL, &err);
    if (st != RP_OK) {
        fprintf(stderr, "repay schema: %s\n", err.message);
        return rp_status_exit_code(st);
    }
    fputs(out, stdout);
    rp_free(out);
    return fflush(stdout) == 0 ? 0 : 3;
}

static int run_batch(int argc, char **argv, const cli_settings_t *cfg)
{
    if (argc > 1 || (argc == 1 && cfg->from_csv)) {
        fputs("repay batch: one input: a JSON Lines FILE (or -), or --from-csv FILE\n", stderr);
        return 2;
    }
    if (cfg->format_given && cfg->format != RP_FORMAT_JSON) {
        /* a table or CSV per request would not be one line: refused, not ignored */
        fprintf(stderr, "repay batch: answers are JSON Lines; --format %s is not for batch "
                        "(run one request with repay run --format %s)\n",
                rp_format_names[cfg->format], rp_format_names[cfg->format]);
        return 2;
    }
    if (cfg->bom) {
        fputs("repay batch: --bom is for --format csv output, which batch does not write\n", stderr);
        return 2;
    }
    const char *path = cfg->from_csv ? cfg->from_csv : argc ? argv[0] : "-";
    FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!in) {
        fprintf(stderr, "repay batch: %s: %s\n", path, strerror(errno));
        return 2;
    }
    struct stat sb;
    if (fstat(fileno(in), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        fprintf(stderr, "repay batch: %s: a folder, not a file of requests\n", path);
        if (in != stdin)
            fclose(in);
        return 2;
    }
    source_t src;
    int status = 0;
    if (cfg->from_csv) {
        status = cli_csv_source(&src, in, path);
        if (status == 0)
            status = cli_batch(&src, cfg);
        cli_csv_source_close(&src);
    } else {
        cli_lines_source(&src, in);
        status = cli_batch(&src, cfg);
        cli_lines_source_close(&src);
    }
    if (status == 0 && ferror(in)) {
        /* answered so far, but the rest could not be read: not a success */
        fprintf(stderr, "repay batch: %s: read error: %s\n", path, strerror(errno));
        status = 2;
    }
    if (in != stdin)
        fclose(in);
    return status;
}

/* ---- main --------------------------------------------------------------- */

static int is_op_command(const char *c)
{
    static const char *const ops[] = {"schedule", "statement", "yield", "restructure",
                                      "compare",  "solve",     "run"};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strcmp(c, ops[i]) == 0)
            return 1;
    return 0;
}

/* The value of an option given as "--name value" or "--name=value". */
static const char *option_value(int argc, char **argv, int *i, const char *name)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=')
        return argv[*i] + n + 1;
    return *i + 1 < argc ? argv[++*i] : "";
}

static int matches(const char *arg, const char *name)
{
    size_t n = strlen(name);
    return strncmp(arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

/* long: the options, one after another, then the command. */
int main(int argc, char **argv)
{
    cli_settings_t cfg = {.format = RP_FORMAT_JSON, .jobs = 1};
    char *lpr_json = NULL, *calendar_json = NULL;
    const char *command = NULL;
    char **rest = malloc(sizeof *rest * (size_t)(argc + 1));
    int nrest = 0, status = -1;
    if (!rest)
        return 3;
    for (int i = 1; i < argc && status < 0; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage, stdout);
            status = 0;
        } else if (strcmp(a, "--version") == 0) {
            printf("repay %s\n", RP_VERSION);
            status = 0;
        } else if (matches(a, "--lpr")) {
            free(lpr_json);
            lpr_json = read_input(option_value(argc, argv, &i, "--lpr"), &cfg.lpr_len);
            if (!lpr_json)
                status = 2;
        } else if (matches(a, "--calendar")) {
            free(calendar_json);
            calendar_json = read_input(option_value(argc, argv, &i, "--calendar"), &cfg.calendar_len);
            if (!calendar_json)
                status = 2;
        } else if (matches(a, "--keep")) {
            cfg.keep = option_value(argc, argv, &i, "--keep");
        } else if (matches(a, "--format")) {
            const char *v = option_value(argc, argv, &i, "--format");
            int f = -1;
            for (int k = 0; k < RP_FORMAT_COUNT; k++)
                if (strcmp(v, rp_format_names[k]) == 0)
                    f = k;
            if (f < 0) {
                fprintf(stderr, "repay: --format takes json, table, csv, letter or letter-html, not \"%s\"\n", v);
                status = 2;
            }
            cfg.format = (rp_format)f;
            cfg.format_given = 1;
        } else if (strcmp(a, "--bom") == 0) {
            cfg.bom = 1;
        } else if (strcmp(a, "--compact") == 0) {
            cfg.compact = 1;
        } else if (matches(a, "--jobs")) {
            const char *v = option_value(argc, argv, &i, "--jobs");
            char *end = NULL;
            long n = strtol(v, &end, 10);
            if (!*v || *end || n < 1 || n > 64) {
                fprintf(stderr, "repay: --jobs takes a number from 1 to 64, not \"%s\"\n", v);
                status = 2;
            }
            cfg.jobs = (int)n;
        } else if (matches(a, "--from-csv")) {
            cfg.from_csv = option_value(argc, argv, &i, "--from-csv");
            if (!*cfg.from_csv) {
                fputs("repay: --from-csv needs a file\n", stderr);
                status = 2;
            }
        } else if (strcmp(a, "--list") == 0 && command && strcmp(command, "check") == 0) {
            rest[nrest++] = argv[i]; /* check's own: name the files, run none */
        } else if (command && strcmp(command, "import") == 0 &&
                   (strcmp(a, "--request") == 0 || strcmp(a, "--columns") == 0 ||
                    strcmp(a, "--name") == 0 || strcmp(a, "--source") == 0)) {
            rest[nrest++] = argv[i]; /* import's own, with their values */
            if (i + 1 < argc)
                rest[nrest++] = argv[++i];
        } else if (a[0] == '-' && a[1] == '-') {
            fprintf(stderr, "repay: unknown option %s (see repay --help)\n", a);
            status = 2;
        } else if (!command) {
            command = a;
        } else {
            rest[nrest++] = argv[i];
        }
    }
    const char *env_lpr = getenv("REPAY_LPR");
    if (status < 0 && !lpr_json && env_lpr && *env_lpr) {
        lpr_json = read_input(env_lpr, &cfg.lpr_len);
        if (!lpr_json)
            status = 2;
    }
    cfg.lpr_json = lpr_json;
    const char *env_calendar = getenv("REPAY_CALENDAR");
    if (status < 0 && !calendar_json && env_calendar && *env_calendar) {
        calendar_json = read_input(env_calendar, &cfg.calendar_len);
        if (!calendar_json)
            status = 2;
    }
    cfg.calendar_json = calendar_json;
    if (status >= 0) {
        /* done: help, version or a bad option */
    } else if (!command) {
        fputs(usage, stderr);
        status = 2;
    } else if (cfg.keep && strcmp(command, "record") != 0) {
        fputs("repay: --keep is for repay record\n", stderr);
        status = 2;
    } else if ((cfg.from_csv || cfg.jobs != 1) && strcmp(command, "batch") != 0) {
        fputs("repay: --jobs and --from-csv are for repay batch\n", stderr);
        status = 2;
    } else if (strcmp(command, "check") == 0) {
        status = cli_check(nrest, rest);
    } else if (strcmp(command, "import") == 0) {
        status = cli_import(nrest, rest, &cfg);
    } else if (strcmp(command, "schema") == 0) {
        status = run_schema(nrest, rest);
    } else if (strcmp(command, "batch") == 0) {
        status = run_batch(nrest, rest, &cfg);
    } else if (strcmp(command, "mcp") == 0) {
        if (nrest)
            status = (fputs("repay mcp: takes no files\n", stderr), 2);
        else if ((cfg.format_given && cfg.format != RP_FORMAT_JSON) || cfg.bom)
            status = (fputs("repay mcp: speaks JSON-RPC; --format and --bom are not for it\n", stderr), 2);
        else
            status = cli_mcp(stdin, stdout, &cfg);
    } else if (strcmp(command, "record") == 0 || is_op_command(command)) {
        if (nrest > 1) {
            fprintf(stderr, "repay %s: one request at a time (got %d files)\n", command, nrest);
            status = 2;
        } else if (strcmp(command, "record") == 0) {
            status = run_record(nrest ? rest[0] : NULL, &cfg);
        } else {
            status = run_request(strcmp(command, "run") == 0 ? NULL : command,
                                 nrest ? rest[0] : NULL, &cfg);
        }
    } else {
        fprintf(stderr, "repay: unknown command \"%s\" (see repay --help)\n", command);
        status = 2;
    }
    free(rest);
    free(lpr_json);
    free(calendar_json);
    return status;
}
