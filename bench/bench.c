/*
 * bench.c — `make bench`: what repay costs on this machine. Prints figures;
 * asserts nothing (speed is measured here, never in tests).
 *
 *   bench BUILD/repay [LIMITS_DIR]
 *
 * With LIMITS_DIR (tests/tools/limits_suite.py writes it), each request of the
 * limits suite — the legal requests with the most work — runs once in its
 * own `repay run` process; its time, peak memory, output and answer are
 * printed, and the worst case last.
 *
 * Each figure runs in its own child process, so its peak memory (maxrss)
 * is its own. Rates are counted over at least BENCH_SECONDS of work.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "repay_advanced.h"

#define BENCH_SECONDS 1.0

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- the loan every in-process figure uses ---------------------------- */

static void mortgage(rp_loan_t *loan, rp_method method)
{
    rp_loan_init(loan);
    mpq_set_ui(loan->principal, 1000000, 1);
    mpq_set_ui(loan->annual_rate, 49, 1000);
    loan->term = 360;
    loan->method = method;
}

/* Builds the 360-month schedule repeatedly: the fast form in whole units
 * (rp_unit_schedule_build) or the general one in mpq_t (rp_schedule_build). */
static long exact_schedules(rp_method method, int fast, double *seconds)
{
    rp_loan_t loan;
    rp_round_t rc;
    mortgage(&loan, method);
    rp_round_init(&rc);
    long n = 0;
    double t0 = now();
    do {
        for (int i = 0; i < 20; i++, n++) {
            rp_status st;
            if (fast) {
                rp_unit_schedule_t u;
                rp_unit_schedule_init(&u);
                st = rp_unit_schedule_build(&u, &loan, &rc, NULL);
                rp_unit_schedule_clear(&u);
            } else {
                rp_schedule_t s;
                rp_schedule_init(&s);
                st = rp_schedule_build(&s, &loan, &rc, NULL);
                rp_schedule_clear(&s);
            }
            if (st != RP_OK) {
                fputs("bench: schedule failed\n", stderr);
                exit(3);
            }
        }
    } while ((*seconds = now() - t0) < BENCH_SECONDS);
    rp_round_clear(&rc);
    rp_loan_clear(&loan);
    return n;
}

/* The same loop in double: the speed floor exact arithmetic is measured
 * against (cents rounded half up with round(), as a spreadsheet would). */
static volatile double sink;
static double cents(double x)
{
    return round(x * 100.0) / 100.0;
}
static long double_schedules(rp_method method, double *seconds)
{
    long n = 0;
    double t0 = now();
    static double rows[360][4];
    do {
        for (int it = 0; it < 20; it++, n++) {
            double balance = 1000000.0, r = 0.049 / 12;
            double payment = cents(balance * r / (1 - pow(1 + r, -360)));
            double part = cents(balance / 360);
            for (int i = 0; i < 360; i++) {
                double interest = cents(balance * r);
                double principal = i == 359 ? balance
                                   : method == RP_METHOD_ANNUITY ? payment - interest
                                                                 : part;
                balance = cents(balance - principal);
                rows[i][0] = principal + interest;
                rows[i][1] = principal;
                rows[i][2] = interest;
                rows[i][3] = balance;
            }
            sink = rows[359][3];
        }
    } while ((*seconds = now() - t0) < BENCH_SECONDS);
    return n;
}

/* The statement of statement_request below, through the C API: the core
 * alone, without reading and writing JSON. */
static long core_statements(double *seconds)
{
    rp_loan_t loan;
    rp_terms_t terms;
    rp_events_t ev;
    rp_round_t rc;
    rp_loan_init(&loan);
    mpq_set_ui(loan.principal, 36000, 1);
    mpq_set_ui(loan.annual_rate, 12, 100);
    loan.term = 36;
    loan.start_date = rp_date_from_ymd(2024, 1, 15);
    rp_terms_init(&terms);
    mpq_set_ui(terms.overdue.markup, 1, 2);
    terms.overdue.compound = 1;
    rp_round_init(&rc);
    rp_events_init(&ev);
    static const struct { int y, m, d; unsigned long cents; } paid[] = {
        {2024, 2, 15, 119572}, {2024, 4, 2, 120000}, {2024, 7, 30, 250000}, {2024, 11, 11, 300000}};
    for (size_t i = 0; i < sizeof paid / sizeof paid[0]; i++) {
        rp_event_t *e = rp_events_add(&ev, RP_EVENT_PAYMENT);
        e->date = rp_date_from_ymd(paid[i].y, paid[i].m, paid[i].d);
        mpq_set_ui(e->amount, paid[i].cents, 100);
        mpq_canonicalize(e->amount);
    }
    long n = 0;
    double t0 = now();
    do {
        for (int i = 0; i < 10; i++, n++) {
            rp_statement_t st;
            rp_statement_init(&st);
            if (rp_statement_build(&st, &loan, &terms, &ev, rp_date_from_ymd(2025, 1, 20), &rc,
                                   NULL) != RP_OK) {
                fputs("bench: statement failed\n", stderr);
                exit(3);
            }
            rp_statement_clear(&st);
        }
    } while ((*seconds = now() - t0) < BENCH_SECONDS);
    rp_events_clear(&ev);
    rp_terms_clear(&terms);
    rp_loan_clear(&loan);
    rp_round_clear(&rc);
    return n;
}

static const char statement_request[] =
    "{\"op\": \"statement\", \"as_of\": \"2025-01-20\","
    " \"loan\": {\"principal\": \"36000\", \"rate\": \"12%\", \"term\": 36, \"start_date\": \"2024-01-15\","
    "  \"overdue\": {\"penalty_markup\": \"50%\", \"compound\": true}},"
    " \"events\": [{\"type\": \"payment\", \"date\": \"2024-02-15\", \"amount\": \"1195.72\"},"
    "  {\"type\": \"payment\", \"date\": \"2024-04-02\", \"amount\": \"1200\"},"
    "  {\"type\": \"payment\", \"date\": \"2024-07-30\", \"amount\": \"2500\"},"
    "  {\"type\": \"payment\", \"date\": \"2024-11-11\", \"amount\": \"3000\"}]}";

static const char schedule_request[] =
    "{\"op\": \"schedule\", \"loan\": {\"principal\": \"1000000\", \"rate\": \"4.9%\", \"term\": 360,"
    " \"start_date\": \"2024-01-15\"}}";

/* The negotiation's loan (README "solve"): 200,000 at 12% over 36 months,
 * four installments paid, three missed by the date. Its plain statement is
 * the yardstick for compare and solve. */
#define NEGOTIATION_LOAN                                                                           \
    " \"loan\": {\"principal\": \"200000\", \"rate\": \"12%\", \"term\": 36,"                      \
    " \"start_date\": \"2024-01-10\"},"                                                            \
    " \"events\": [{\"type\": \"payment\", \"date\": \"2024-02-10\", \"amount\": \"6642.86\"},"      \
    "  {\"type\": \"payment\", \"date\": \"2024-03-10\", \"amount\": \"6642.86\"},"                 \
    "  {\"type\": \"payment\", \"date\": \"2024-04-10\", \"amount\": \"6642.86\"},"                 \
    "  {\"type\": \"payment\", \"date\": \"2024-05-10\", \"amount\": \"6642.86\"}]"

static const char position_request[] =
    "{\"op\": \"statement\", \"as_of\": \"2024-08-12\"," NEGOTIATION_LOAN "}";

static const char compare_request[] =
    "{\"op\": \"compare\", \"date\": \"2024-08-12\", \"discount_rate\": \"6%\"," NEGOTIATION_LOAN ","
    " \"proposals\": ["
    "  {\"name\": \"extend 12\", \"actions\": [{\"type\": \"extend\", \"periods\": 12}, {\"type\": \"reamortize\"}]},"
    "  {\"name\": \"freeze 48\", \"actions\": [{\"type\": \"freeze\", \"installments\": 48}]},"
    "  {\"name\": \"settle -20%\", \"actions\": [{\"type\": \"settle\", \"discount\": \"20%\"}]},"
    "  {\"name\": \"waive, extend 6\", \"actions\": ["
    "    {\"type\": \"waive\", \"component\": \"penalty_interest\", \"share\": \"100%\"},"
    "    {\"type\": \"waive\", \"component\": \"compound_interest\", \"share\": \"100%\"},"
    "    {\"type\": \"extend\", \"periods\": 6}, {\"type\": \"reamortize\"}]},"
    "  {\"name\": \"rate 6%\", \"actions\": [{\"type\": \"rate\", \"rate\": \"6%\"}, {\"type\": \"reamortize\"}]}]}";

static const char solve_request[] =
    "{\"op\": \"solve\", \"date\": \"2024-08-12\", \"discount_rate\": \"6%\"," NEGOTIATION_LOAN ","
    " \"goal\": {\"type\": \"offer\", \"capacity\": \"5000\", \"min_recovery\": \"85%\", \"max_term\": 60}}";

static long requests(const char *request, double *seconds)
{
    long n = 0;
    rp_options_t opt = {.format = RP_FORMAT_JSON};
    double t0 = now();
    do {
        for (int i = 0; i < 10; i++, n++) {
            char *out = NULL;
            if (rp_run(&out, request, strlen(request), &opt, NULL) != RP_OK) {
                fprintf(stderr, "bench: request failed:\n%s", out ? out : "");
                exit(3);
            }
            rp_free(out);
        }
    } while ((*seconds = now() - t0) < BENCH_SECONDS);
    return n;
}

/* ---- the command line ------------------------------------------------------ */

static const char *repay;

static int run_shell(const char *cmd)
{
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 3;
}

static void write_jsonl(const char *path, long count)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(2);
    }
    for (long i = 0; i < count; i++)
        fprintf(f, "{\"id\": %ld, \"op\": \"schedule\", \"loan\": {\"principal\": \"36000\", "
                   "\"rate\": \"12%%\", \"term\": 36, \"start_date\": \"2024-01-15\"}}\n", i);
    fclose(f);
}

static long batch(int jobs, double *seconds)
{
    char path[] = "/tmp/repay-bench-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        perror("mkstemp");
        exit(2);
    }
    close(fd);
    long count = 20000;
    write_jsonl(path, count);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "%s batch --jobs %d %s > /dev/null", repay, jobs, path);
    double t0 = now();
    int st = run_shell(cmd);
    *seconds = now() - t0;
    unlink(path);
    if (st != 0) {
        fprintf(stderr, "bench: %s failed\n", cmd);
        exit(3);
    }
    return count;
}

static long cli_calls(double *seconds)
{
    char path[] = "/tmp/repay-bench-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, schedule_request, sizeof schedule_request - 1) < 0) {
        perror("mkstemp");
        exit(2);
    }
    close(fd);
    long n = 0;
    double t0 = now();
    do {
        pid_t pid = fork();
        if (pid == 0) {
            if (!freopen("/dev/null", "w", stdout))
                _exit(3);
            execl(repay, repay, "schedule", path, (char *)NULL);
            _exit(127);
        }
        int st;
        waitpid(pid, &st, 0);
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            fprintf(stderr, "bench: %s schedule failed\n", repay);
            exit(3);
        }
        n++;
    } while ((*seconds = now() - t0) < BENCH_SECONDS);
    unlink(path);
    return n;
}

/* ---- the table ----------------------------------------------------------- */

typedef long (*measure_fn)(double *seconds);
static rp_method method_arg;
static int jobs_arg;
static long m_fast(double *s) { return exact_schedules(method_arg, 1, s); }
static long m_exact(double *s) { return exact_schedules(method_arg, 0, s); }
static long m_double(double *s) { return double_schedules(method_arg, s); }
static long m_statement(double *s) { return requests(statement_request, s); }
static long m_core_statement(double *s) { return core_statements(s); }
static long m_schedule_request(double *s) { return requests(schedule_request, s); }
static long m_position(double *s) { return requests(position_request, s); }
static long m_compare(double *s) { return requests(compare_request, s); }
static long m_solve(double *s) { return requests(solve_request, s); }
static long m_batch(double *s) { return batch(jobs_arg, s); }

/* Runs fn in a child; returns operations per second, and its peak memory
 * in KiB (with children: the batch process) through *kib. */
static double measure(measure_fn fn, long *kib)
{
    int fds[2];
    if (pipe(fds) != 0)
        exit(2);
    fflush(stdout); /* a child must not print the parent's buffer again */
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        double seconds = 0;
        long n = fn(&seconds);
        struct rusage self, kids;
        getrusage(RUSAGE_SELF, &self);
        getrusage(RUSAGE_CHILDREN, &kids); /* the repay processes it ran */
        double out[2] = {(double)n / seconds,
                         (double)(self.ru_maxrss > kids.ru_maxrss ? self.ru_maxrss : kids.ru_maxrss)};
        if (write(fds[1], out, sizeof out) != sizeof out)
            _exit(3);
        _exit(0);
    }
    close(fds[1]);
    double out[2] = {0, 0};
    if (read(fds[0], out, sizeof out) != sizeof out)
        out[0] = out[1] = 0;
    close(fds[0]);
    int st;
    waitpid(pid, &st, 0);
    *kib = (long)out[1];
    return out[0];
}

static void row(const char *what, double rate, const char *unit, long kib, const char *note)
{
    printf("%-50s %12.0f %-12s %8.1f MiB  %s\n", what, rate, unit, (double)kib / 1024.0, note);
}

/* ---- the limits suite ----------------------------------------------------- */

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* Runs every DIR/NAME.json through `repay run` once, each in its own
 * process: wall time, the process's own peak memory, output bytes. */
static void limits_suite(const char *dir)
{
    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, by_name);
    if (n < 0) {
        perror(dir);
        exit(2);
    }
    printf("\nthe limits suite (%s): one process each\n", dir);
    printf("%-52s %9s %10s %11s  %s\n", "request", "seconds", "memory", "output", "answer");
    double worst_s = 0, worst_mib = 0;
    char worst_s_name[256] = "", worst_mib_name[256] = "";
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        size_t len = strlen(name);
        if (len < 6 || strcmp(name + len - 5, ".json") != 0) {
            free(names[i]);
            continue;
        }
        char path[1024], out[] = "/tmp/repay-limits-XXXXXX";
        snprintf(path, sizeof path, "%s/%s", dir, name);
        int fd = mkstemp(out);
        if (fd < 0) {
            perror("mkstemp");
            exit(2);
        }
        fflush(stdout);
        double t0 = now();
        pid_t pid = fork();
        if (pid == 0) {
            int in = open(path, O_RDONLY);
            if (in < 0 || dup2(in, 0) < 0 || dup2(fd, 1) < 0)
                _exit(127);
            if (!freopen("/dev/null", "w", stderr))
                _exit(127);
            execl(repay, repay, "run", "-", (char *)NULL);
            _exit(127);
        }
        int st;
        struct rusage ru;
        wait4(pid, &st, 0, &ru);
        double seconds = now() - t0;
        off_t size = lseek(fd, 0, SEEK_END);
        char head[512] = "";
        if (pread(fd, head, sizeof head - 1, 0) < 0)
            head[0] = '\0';
        close(fd);
        unlink(out);
        const char *code = strstr(head, "\"code\": \"");
        char answer[48] = "ok";
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
            snprintf(answer, sizeof answer, "%.*s", code ? (int)strcspn(code + 9, "\"") : 6,
                     code ? code + 9 : "failed");
        double mib = (double)ru.ru_maxrss / 1024.0;
        printf("%-52.*s %9.3f %6.1f MiB %7.2f MiB  %s\n", (int)len - 5, name, seconds, mib,
               (double)size / 1048576.0, answer);
        if (seconds > worst_s) {
            worst_s = seconds;
            snprintf(worst_s_name, sizeof worst_s_name, "%.*s", (int)len - 5, name);
        }
        if (mib > worst_mib) {
            worst_mib = mib;
            snprintf(worst_mib_name, sizeof worst_mib_name, "%.*s", (int)len - 5, name);
        }
        free(names[i]);
    }
    free(names);
    printf("worst time: %.3f s (%s); worst memory: %.1f MiB (%s)\n", worst_s, worst_s_name,
           worst_mib, worst_mib_name);
}

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 3) {
        fputs("usage: bench REPAY [LIMITS_DIR]\n", stderr);
        return 2;
    }
    repay = argv[1];
    char host[128] = "?";
    gethostname(host, sizeof host);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    printf("repay %s bench on %s (%ld CPUs), each figure over ≥ %.0f s\n\n", RP_VERSION, host,
           cpus, BENCH_SECONDS);
    printf("%-50s %12s %-12s %12s\n", "what", "rate", "", "peak memory");
    long kib;
    char note[96];
    double core_schedules = 0;
    for (int m = 0; m < 2; m++) {
        method_arg = m == 0 ? RP_METHOD_ANNUITY : RP_METHOD_EQUAL_PRINCIPAL;
        const char *name = m == 0 ? "annuity" : "equal principal";
        double dbl = measure(m_double, &kib);
        double fast = measure(m_fast, &kib);
        if (m == 0)
            core_schedules = fast;
        snprintf(note, sizeof note, "double loop: %.0f/s, exact is %.1f× slower", dbl, dbl / fast);
        char what[64];
        snprintf(what, sizeof what, "schedule, 360-month %s, whole units", name);
        row(what, fast, "schedules/s", kib, note);
        double general = measure(m_exact, &kib);
        snprintf(note, sizeof note, "rp_schedule_build: %.1f× the double loop", dbl / general);
        snprintf(what, sizeof what, "the same schedule as mpq_t rows");
        row(what, general, "schedules/s", kib, note);
    }
    /* Each request is shown as a ratio to its core in the same run: the
     * figures issue 19 sets targets for. */
    double r = measure(m_schedule_request, &kib);
    snprintf(note, sizeof note, "rp_run; 1/%.0f of the annuity's core schedules/s", core_schedules / r);
    row("schedule request, 360 months, JSON in/out + APR", r, "requests/s", kib, note);
    long core_kib;
    double core = measure(m_core_statement, &core_kib);
    r = measure(m_statement, &kib);
    snprintf(note, sizeof note, "rp_run, JSON in/out; %.2f× the core's statements/s", r / core);
    row("statement, 36 months, 4 payments late, 罚息+复利", r, "statements/s", kib, note);
    row("the same statement, core (rp_statement_build)", core, "statements/s", core_kib, "no JSON");
    double plain = measure(m_position, &kib);
    row("statement request, 200,000 at 12%, 3 missed", plain, "statements/s", kib,
        "rp_run: the yardstick for compare and solve");
    r = measure(m_compare, &kib);
    snprintf(note, sizeof note, "rp_run; %.1f× the time of that statement", plain / r);
    row("compare, 5 proposals, the same loan", r, "requests/s", kib, note);
    r = measure(m_solve, &kib);
    snprintf(note, sizeof note, "rp_run; %.1f× the time of that statement", plain / r);
    row("solve, offer goal (capacity, 85%, ≤ 60), same loan", r, "requests/s", kib, note);
    double one_job = 0;
    for (jobs_arg = 1; jobs_arg <= 2; jobs_arg++) {
        r = measure(m_batch, &kib);
        if (jobs_arg == 1) {
            one_job = r;
            snprintf(note, sizeof note, "20,000 36-month schedules through repay batch");
        } else {
            snprintf(note, sizeof note, "%.2f× --jobs 1", r / one_job);
        }
        char what[64];
        snprintf(what, sizeof what, "repay batch --jobs %d", jobs_arg);
        row(what, r, "requests/s", kib, note);
    }
    r = measure(cli_calls, &kib);
    snprintf(note, sizeof note, "%.2f ms a call (fork + exec + 360 rows + APR)", 1000.0 / r);
    row("repay schedule, one process per call", r, "calls/s", kib, note);
    if (argc == 3)
        limits_suite(argv[2]);
    return 0;
}
