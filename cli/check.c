/*
 * check.c — `repay check PATH...`: every fixture under the paths run and
 * compared, one line per failure; `--list` names the files it would run —
 * the one fixture walker the tests share. Only regular files are read
 * (never blocking on a FIFO), each file and folder once (link loops are
 * found by device and inode), and what is skipped is said.
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

typedef struct tally {
    int passed, failed, broken, skipped;
    int list;                  /* --list: name the files, run none         */
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
    char *data = cli_read_limited(f, RP_MAX_REQUEST_BYTES, len);
    if (!data)
        *why = "read error";
    fclose(f);
    return data;
}

/* Prints a verdict line and its report indented under it. */
static void verdict_lines(const char *verdict, const char *label, const char *report)
{
    fputs(verdict, stdout);
    cli_put_visible(stdout, label);
    fputc('\n', stdout);
    if (!report)
        return;
    char *copy = strdup(report);
    for (char *line = copy; line && *line;) {
        char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        line[n] = '\0';
        fputs("      ", stdout);
        cli_put_visible(stdout, line);
        fputc('\n', stdout);
        line += n + (nl ? 1 : 0);
    }
    free(copy);
}

/* One case: its text run and compared; label names it in the report. */
static void check_case(const char *label, const char *text, size_t len, tally_t *t)
{
    char *report = NULL;
    int mismatches = 0;
    rp_error err;
    rp_status st = rp_fixture_run(&report, &mismatches, NULL, text, len, &err);
    const char *verdict = st != RP_OK ? "ERROR " : mismatches > 0 ? "FAIL  " : NULL;
    if (st != RP_OK)
        t->broken++;
    else if (mismatches > 0)
        t->failed++;
    else
        t->passed++;
    if (verdict)
        verdict_lines(verdict, label, report);
    rp_free(report);
}

/* A file: one case, an array of cases, or JSON Lines (*.jsonl) — each
 * case reported as path[i] when the file holds several. */
static void check_file(const char *path, tally_t *t)
{
    if (t->list) { /* the one walker every test shares: the files it would run */
        cli_put_visible(stdout, path);
        fputc('\n', stdout);
        t->passed++;
        return;
    }
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
    size_t *spans = NULL;
    int count = 0;
    rp_error err;
    int lines = ends_with(path, ".jsonl");
    if (rp_fixture_cases(&spans, &count, text, len, lines, &err) != RP_OK) {
        char report[RP_MESSAGE_MAX + RP_PATH_MAX + 64];
        snprintf(report, sizeof report, "malformed fixture file: %s: %s: %s\n", err.path,
                 rp_strerror(err.code), err.message);
        t->broken++;
        verdict_lines("ERROR ", path, report);
    } else if (!lines && count == 1 && spans[0] == 0 && spans[1] == len) {
        check_case(path, text, len, t); /* one case a file */
    } else {
        for (int i = 0; i < count; i++) {
            size_t size = strlen(path) + 24;
            char *label = malloc(size);
            if (!label)
                break;
            snprintf(label, size, "%s[%d]", path, i);
            check_case(label, text + spans[2 * i], spans[2 * i + 1] - spans[2 * i], t);
            free(label);
        }
    }
    rp_free(spans);
    free(text);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* Runs path: a regular file, or a folder searched for *.json and *.jsonl
 * (JSON Lines: one case a line). named: the
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
                if (is_dir || ends_with(name, ".json") || ends_with(name, ".jsonl"))
                    check_path(child, t, depth + 1, 0);
                free(child);
            }
        }
        free(entries[i]);
    }
    free(entries);
}

int cli_check(int argc, char **argv)
{
    tally_t t = {0};
    int n = 0;
    for (int i = 0; i < argc; i++) /* --list anywhere; the paths in order */
        if (strcmp(argv[i], "--list") == 0)
            t.list = 1;
        else
            argv[n++] = argv[i];
    argc = n;
    if (argc == 0) {
        fputs("repay check: name at least one fixture file or folder\n", stderr);
        return 2;
    }
    for (int i = 0; i < argc; i++)
        check_path(argv[i], &t, 0, 1);
    free(t.seen);
    if (t.list)
        return t.broken ? 2 : 0;
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
