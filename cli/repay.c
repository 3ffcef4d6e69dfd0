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
    "  check PATH...       run fixture cases (files, or folders searched for\n"
    "                      *.json); print each mismatch and a summary\n"
    "  record [FILE|-]     a fixture skeleton for a request, marked unverified\n"
    "  batch [FILE|-]      JSON Lines: one request per line in, one response per\n"
    "                      line out, in order, each with the request's id\n"
    "  schema [OP[_response]]  the JSON Schema of requests and responses\n"
    "  mcp                 a Model Context Protocol tool server on stdin/stdout\n"
    "\n"
    "options:\n"
    "  --format F          json (default), table (for people), csv (spreadsheets);\n"
    "                      batch and mcp answer in JSON only\n"
    "  --bom               csv: start with a UTF-8 byte order mark (for Excel)\n"
    "  --jobs N            batch: answer on N threads (order kept; default 1)\n"
    "  --from-csv FILE     batch: one loan per row of FILE instead of JSON Lines\n"
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
                            .lpr_len = cfg->lpr_len};
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

/* ---- check -------------------------------------------------------------- */

typedef struct tally {
    int passed, failed, broken, skipped;
    /* every folder and file seen, by device and inode: each is visited
     * once, and a folder reached again is a loop, not 33 more visits */
    struct seen {
        dev_t dev;
        ino_t ino;
    } *seen;
    size_t seen_count, seen_cap;
} tally_t;

static size_t seen_slot(const tally_t *t, dev_t dev, ino_t ino)
{
    size_t h = ((size_t)ino * 2654435761u) ^ (size_t)dev;
    for (size_t i = h & (t->seen_cap - 1);; i = (i + 1) & (t->seen_cap - 1))
        if ((t->seen[i].dev == dev && t->seen[i].ino == ino) ||
            (t->seen[i].dev == 0 && t->seen[i].ino == 0))
            return i;
}

/* 1 if (dev, ino) was seen before; records it otherwise. */
static int seen_before(tally_t *t, const struct stat *sb)
{
    if (t->seen_count * 2 + 2 > t->seen_cap) {
        size_t cap = t->seen_cap ? t->seen_cap * 2 : 256;
        struct seen *grown = calloc(cap, sizeof *grown), *old = t->seen;
        if (!grown)
            return 0; /* out of memory: worst case a file runs twice */
        size_t old_cap = t->seen_cap;
        t->seen = grown;
        t->seen_cap = cap;
        for (size_t i = 0; i < old_cap; i++)
            if (old[i].dev || old[i].ino)
                t->seen[seen_slot(t, old[i].dev, old[i].ino)] = old[i];
        free(old);
    }
    size_t i = seen_slot(t, sb->st_dev, sb->st_ino);
    if (t->seen[i].dev == sb->st_dev && t->seen[i].ino == sb->st_ino && (sb->st_dev || sb->st_ino))
        return 1;
    t->seen[i].dev = sb->st_dev;
    t->seen[i].ino = sb->st_ino;
    t->seen_count++;
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static const char *kind_of(mode_t m)
{
    return S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket" : S_ISCHR(m) ? "a character device"
         : S_ISBLK(m) ? "a block device" : "not a regular file";
}

/* A line saying a path was not run, and why. */
static void skip(tally_t *t, const char *path, const char *why)
{
    t->skipped++;
    fputs("SKIP  ", stdout);
    cli_put_visible(stdout, path);
    printf(": %s\n", why);
}

/* Reads a regular file without ever blocking: opened non-blocking and
 * checked again once open (the path may have changed since it was
 * looked at). NULL with *why set if it is not one or cannot be read. */
static char *read_regular(const char *path, size_t *len, const char **why)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    struct stat sb;
    if (fd < 0) {
        *why = strerror(errno);
        return NULL;
    }
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        *why = "not a regular file";
        close(fd);
        return NULL;
    }
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        *why = strerror(errno);
        close(fd);
        return NULL;
    }
    char *data = read_limited(f, RP_MAX_REQUEST_BYTES, len);
    if (!data)
        *why = "read error";
    fclose(f);
    return data;
}

static void check_file(const char *path, tally_t *t)
{
    size_t len = 0;
    const char *why = NULL;
    char *text = read_regular(path, &len, &why);
    if (!text) {
        t->broken++;
        fputs("ERROR ", stdout);
        cli_put_visible(stdout, path);
        printf(": %s\n", why);
        return;
    }
    char *report = NULL;
    int mismatches = 0;
    rp_error err;
    rp_status st = rp_fixture_run(&report, &mismatches, NULL, text, len, &err);
    free(text);
    const char *verdict = st != RP_OK ? "ERROR " : mismatches > 0 ? "FAIL  " : NULL;
    if (st != RP_OK)
        t->broken++;
    else if (mismatches > 0)
        t->failed++;
    else
        t->passed++;
    if (verdict) {
        fputs(verdict, stdout);
        cli_put_visible(stdout, path);
        fputc('\n', stdout);
    }
    if (report && verdict) {
        /* indent the report under its case */
        for (char *line = report; *line;) {
            char *nl = strchr(line, '\n');
            size_t n = nl ? (size_t)(nl - line) : strlen(line);
            line[n] = '\0';
            fputs("      ", stdout);
            cli_put_visible(stdout, line);
            fputc('\n', stdout);
            line += n + (nl ? 1 : 0);
        }
    }
    rp_free(report);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* Runs path: a regular file, or a folder searched for *.json. named: the
 * user named it, so anything but a file or a folder is an error; inside a
 * folder, a *.json that is not a regular file (a FIFO, a device, a link
 * that leads nowhere or in a loop) is skipped with a line saying why. */
static void check_path(const char *path, tally_t *t, int depth, int named)
{
    struct stat sb, lb;
    if (stat(path, &sb) != 0) {
        int e = errno;
        const char *why = e == ELOOP ? "a symbolic link loop"
                        : lstat(path, &lb) == 0 && S_ISLNK(lb.st_mode) ? "a dangling symbolic link"
                                                                       : strerror(e);
        if (named) {
            fputs("repay check: ", stderr);
            cli_put_visible(stderr, path);
            fprintf(stderr, ": %s\n", why);
            t->broken++;
        } else {
            skip(t, path, why);
        }
        return;
    }
    if (!S_ISDIR(sb.st_mode) && !S_ISREG(sb.st_mode)) {
        if (named) {
            fputs("repay check: ", stderr);
            cli_put_visible(stderr, path);
            fprintf(stderr, ": %s, not a fixture file or folder\n", kind_of(sb.st_mode));
            t->broken++;
        } else {
            skip(t, path, kind_of(sb.st_mode));
        }
        return;
    }
    if (seen_before(t, &sb)) {
        skip(t, path, S_ISDIR(sb.st_mode) ? "a folder already visited (a link loop, or named twice)"
                                          : "a file already run (through another link or name)");
        return;
    }
    if (S_ISREG(sb.st_mode)) {
        check_file(path, t);
        return;
    }
    if (depth > 32) {
        fputs("repay check: ", stderr);
        cli_put_visible(stderr, path);
        fputs(": folders nested too deeply\n", stderr);
        t->broken++;
        return;
    }
    struct dirent **entries = NULL;
    int n = scandir(path, &entries, NULL, by_name); /* sorted: stable output */
    if (n < 0) {
        fputs("repay check: ", stderr);
        cli_put_visible(stderr, path);
        fprintf(stderr, ": %s\n", strerror(errno));
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
                int is_dir = stat(child, &cs) == 0 && S_ISDIR(cs.st_mode);
                if (is_dir || ends_with(name, ".json"))
                    check_path(child, t, depth + 1, 0);
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
    tally_t t = {0};
    for (int i = 0; i < argc; i++)
        check_path(argv[i], &t, 0, 1);
    free(t.seen);
    printf("%d passed, %d failed", t.passed, t.failed);
    if (t.broken)
        printf(", %d could not be run", t.broken);
    if (t.skipped)
        printf(", %d skipped", t.skipped);
    printf("\n");
    if (t.broken)
        return 2;
    return t.failed ? 1 : 0;
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
    rp_options_t opt = {.lpr_json = cfg->lpr_json, .lpr_len = cfg->lpr_len};
    rp_status st = rp_fixture_record(&out, &answer, request, len, name, &opt, &err);
    free(request);
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

int main(int argc, char **argv)
{
    cli_settings_t cfg = {.format = RP_FORMAT_JSON, .jobs = 1};
    char *lpr_json = NULL;
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
        } else if (matches(a, "--format")) {
            const char *v = option_value(argc, argv, &i, "--format");
            int f = -1;
            for (int k = 0; k < RP_FORMAT_COUNT; k++)
                if (strcmp(v, rp_format_names[k]) == 0)
                    f = k;
            if (f < 0) {
                fprintf(stderr, "repay: --format takes json, table or csv, not \"%s\"\n", v);
                status = 2;
            }
            cfg.format = (rp_format)f;
            cfg.format_given = 1;
        } else if (strcmp(a, "--bom") == 0) {
            cfg.bom = 1;
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
    if (status >= 0) {
        /* done: help, version or a bad option */
    } else if (!command) {
        fputs(usage, stderr);
        status = 2;
    } else if ((cfg.from_csv || cfg.jobs != 1) && strcmp(command, "batch") != 0) {
        fputs("repay: --jobs and --from-csv are for repay batch\n", stderr);
        status = 2;
    } else if (strcmp(command, "check") == 0) {
        status = run_check(nrest, rest);
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
    return status;
}
