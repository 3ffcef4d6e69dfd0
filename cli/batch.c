/*
 * batch.c — repay batch: JSON Lines in, JSON Lines out, in order.
 *
 * The main thread reads requests from the source into a ring of slots;
 * worker threads answer them (the core keeps no shared state), and the
 * worker whose answer is the next in input order writes it and every one
 * ready after it — no thread of its own waits to write. Output is flushed
 * whenever nothing read is left unanswered, so a program that writes one
 * line and waits for its answer is served at once. Memory is bounded
 * by the ring: at most CLI_RING_PER_JOB × jobs requests of at most
 * CLI_MAX_LINE bytes are held, whatever the length of the stream.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"

#define CLI_RING_PER_JOB 4

char *cli_error_line(const char *code, const char *path, const char *message)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *e = cJSON_CreateObject();
    char *text = NULL;
    if (root && e) {
        cJSON_AddFalseToObject(root, "ok");
        cJSON_AddStringToObject(e, "code", code);
        cJSON_AddStringToObject(e, "path", path);
        cJSON_AddStringToObject(e, "message", message);
        cJSON_AddItemToObject(root, "error", e);
        e = NULL;
        char *body = cJSON_PrintUnformatted(root);
        if (body) {
            size_t n = strlen(body);
            text = malloc(n + 2);
            if (text) {
                memcpy(text, body, n);
                memcpy(text + n, "\n", 2);
            }
            cJSON_free(body);
        }
    }
    cJSON_Delete(e);
    cJSON_Delete(root);
    return text;
}

/* ---- JSON Lines ---------------------------------------------------------- */

typedef struct lines {
    FILE *in;
    long line;
    char *buf; /* CLI_MAX_LINE + 1 bytes */
} lines_t;

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

static source_item next_line(source_t *s, char **text, size_t *len)
{
    lines_t *l = s->state;
    if (!l->buf)
        return SOURCE_END;
    for (;;) {
        size_t n = 0;
        int c = EOF, too_long = 0;
        while ((c = getc_unlocked(l->in)) != EOF && c != '\n') {
            if (n < CLI_MAX_LINE)
                l->buf[n++] = (char)c;
            else
                too_long = 1; /* keep reading to the newline, keep nothing */
        }
        if (c == EOF && n == 0 && !too_long)
            return SOURCE_END;
        l->line++;
        if (too_long) {
            char msg[96];
            snprintf(msg, sizeof msg, "line %ld is longer than %d bytes", l->line, CLI_MAX_LINE);
            *text = cli_error_line("too_large", "$", msg);
            *len = *text ? strlen(*text) : 0;
            return SOURCE_ANSWER;
        }
        if (blank(l->buf, n)) {
            if (c == EOF)
                return SOURCE_END;
            continue; /* blank lines are not requests */
        }
        *text = malloc(n + 1);
        if (!*text)
            return SOURCE_END;
        memcpy(*text, l->buf, n);
        (*text)[n] = '\0';
        *len = n;
        return SOURCE_REQUEST;
    }
}

void cli_lines_source(source_t *s, FILE *in)
{
    lines_t *l = calloc(1, sizeof *l);
    if (l) {
        l->in = in;
        l->buf = malloc(CLI_MAX_LINE + 1);
    }
    s->next = next_line;
    s->state = l;
}

void cli_lines_source_close(source_t *s)
{
    lines_t *l = s->state;
    if (l)
        free(l->buf);
    free(l);
    s->state = NULL;
}

/* ---- the pipeline ----------------------------------------------------------- */

enum { SLOT_FREE, SLOT_READ, SLOT_WORKING, SLOT_DONE };

/* A slot keeps its two buffers for the whole batch: a block malloc'd by
 * one thread and freed by another goes back to the first thread's malloc
 * arena under its lock, and with the reader's requests freed by workers and
 * the workers' answers freed by the writer those locks were contended on
 * every request. */
typedef struct slot {
    int state; /* SLOT_DONE straight from the reader: the source answered it */
    char *request, *answer;
    size_t request_len, request_cap, answer_len, answer_cap;
    const char *fixed; /* written instead of answer when memory ran out */
} slot_t;

/* cli_error_line("out_of_memory", …) as text that needs no memory: every
 * request still gets its line */
static const char out_of_memory_line[] =
    "{\"ok\":false,\"error\":{\"code\":\"out_of_memory\",\"path\":\"$\",\"message\":\"out of memory\"}}\n";

/* Copies n bytes of text (and a NUL) into *buf, grown as needed; 0 when
 * memory runs out. */
static int keep(char **buf, size_t *cap, const char *text, size_t n)
{
    if (n + 1 > *cap) {
        size_t want = n + 1 > 2 * *cap ? n + 1 : 2 * *cap;
        char *grown = realloc(*buf, want);
        if (!grown)
            return 0;
        *buf = grown;
        *cap = want;
    }
    memcpy(*buf, text, n);
    (*buf)[n] = '\0';
    return 1;
}

/* The answer of slot s: text (taken, freed here), or an error line. */
static void answer(slot_t *s, char *text)
{
    size_t n = text ? strlen(text) : 0;
    int kept = text && keep(&s->answer, &s->answer_cap, text, n);
    s->fixed = kept ? NULL : out_of_memory_line;
    s->answer_len = kept ? n : sizeof out_of_memory_line - 1;
    free(text);
}

/* One lock; each kind of waiter has its own condition, signalled only
 * when what it waits for may have happened: a waiter woken for nothing
 * costs two system calls, and with a broadcast on every change they were
 * most of a short request's cost (10 futex calls a request). */
typedef struct pipeline {
    pthread_mutex_t lock;
    pthread_cond_t space; /* the reader: half the ring was written out       */
    pthread_cond_t work;  /* workers: a request was read, or the input ended */
    pthread_cond_t done;  /* the reader at the end: everything is written    */
    slot_t *slots;
    long size;      /* slots in the ring                       */
    long read;      /* requests read so far                    */
    long claimed;   /* requests handed to workers               */
    long written;   /* answers written                          */
    int eof;
    int reader_waits; /* the reader sleeps until half the ring is free */
    int writing;      /* a thread is writing answers out (the lock let go) */
    int failed;       /* an answer could not be written */
    source_t *src;
    const cli_settings_t *cfg;
} pipeline_t;

/* With the lock held, by a thread that has just made an answer ready: if
 * no one is writing, writes every answer ready in input order, the lock let
 * go while it writes, and flushes when nothing read is left unanswered. */
static void write_ready(pipeline_t *p)
{
    if (p->writing)
        return; /* the writer looks again for this one before it stops */
    p->writing = 1;
    while (p->written < p->read && p->slots[p->written % p->size].state == SLOT_DONE) {
        long n = 0;
        while (p->written + n < p->read && p->slots[(p->written + n) % p->size].state == SLOT_DONE)
            n++;
        pthread_mutex_unlock(&p->lock); /* these n slots stay the writer's until written */
        int failed = 0;
        for (long i = 0; i < n; i++) {
            slot_t *d = &p->slots[(p->written + i) % p->size];
            const char *text = d->fixed ? d->fixed : d->answer;
            if (d->answer_len && fwrite(text, 1, d->answer_len, stdout) != d->answer_len)
                failed = 1;
        }
        pthread_mutex_lock(&p->lock);
        for (long i = 0; i < n; i++)
            p->slots[(p->written + i) % p->size].state = SLOT_FREE;
        p->written += n;
        p->failed |= failed;
        if (p->reader_waits && p->read - p->written <= p->size / 2)
            pthread_cond_signal(&p->space); /* it then reads half a ring without waiting */
        if (p->written == p->read) { /* nothing in flight: the client may be waiting */
            pthread_mutex_unlock(&p->lock);
            failed = fflush(stdout) != 0;
            pthread_mutex_lock(&p->lock);
            p->failed |= failed;
        }
    }
    p->writing = 0;
    if (p->eof && p->written == p->read)
        pthread_cond_signal(&p->done);
}

static void *reader(void *arg)
{
    pipeline_t *p = arg;
    long room = 0; /* free slots as last seen under the lock: only the reader fills them */
    for (;;) {
        if (room == 0) {
            pthread_mutex_lock(&p->lock);
            while (p->read - p->written >= p->size) { /* full: woken when half is free */
                p->reader_waits = 1;
                pthread_cond_wait(&p->space, &p->lock);
            }
            p->reader_waits = 0;
            room = p->size - (p->read - p->written);
            pthread_mutex_unlock(&p->lock);
        }

        char *text = NULL;
        size_t len = 0;
        source_item item = p->src->next(p->src, &text, &len);
        if (item == SOURCE_END || !text) {
            free(text);
            pthread_mutex_lock(&p->lock);
            p->eof = 1;
            pthread_cond_broadcast(&p->work);
            pthread_mutex_unlock(&p->lock);
            return NULL;
        }
        /* the slot at p->read is free and no other thread looks at it until
         * it is counted as read: filled without the lock */
        slot_t *s = &p->slots[p->read % p->size];
        if (item == SOURCE_ANSWER) {
            answer(s, text);
        } else if (keep(&s->request, &s->request_cap, text, len)) {
            s->request_len = len;
            free(text);
        } else {
            item = SOURCE_ANSWER;
            free(text);
            answer(s, NULL);
        }
        pthread_mutex_lock(&p->lock);
        s->state = item == SOURCE_ANSWER ? SLOT_DONE : SLOT_READ;
        p->read++;
        room = p->size - (p->read - p->written);
        if (item != SOURCE_ANSWER)
            pthread_cond_signal(&p->work);
        else
            write_ready(p);
        pthread_mutex_unlock(&p->lock);
    }
}

static void *worker(void *arg)
{
    pipeline_t *p = arg;
    rp_options_t opt = {.format = RP_FORMAT_JSON, .lpr_json = p->cfg->lpr_json,
                        .lpr_len = p->cfg->lpr_len, .one_line = 1,
                        .calendar_json = p->cfg->calendar_json, .calendar_len = p->cfg->calendar_len};
    pthread_mutex_lock(&p->lock);
    for (;;) {
        /* Everything written is answered; past that, a slot read as an
         * answer from the source (done, or already written) needs no work. */
        if (p->claimed < p->written)
            p->claimed = p->written;
        while (p->claimed < p->read && p->slots[p->claimed % p->size].state != SLOT_READ)
            p->claimed++;
        if (p->claimed < p->read) {
            slot_t *s = &p->slots[p->claimed % p->size];
            p->claimed++;
            s->state = SLOT_WORKING;
            pthread_mutex_unlock(&p->lock);
            char *out = NULL;
            rp_status ran = rp_run(&out, s->request, s->request_len, &opt, NULL);
            (void)ran; /* an error is answered by its error line too */
            answer(s, out);
            pthread_mutex_lock(&p->lock);
            s->state = SLOT_DONE;
            write_ready(p);
        } else if (p->eof) {
            break;
        } else {
            pthread_cond_wait(&p->work, &p->lock);
        }
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

int cli_batch(source_t *src, const cli_settings_t *cfg)
{
    int jobs = cfg->jobs > 0 ? cfg->jobs : 1;
    pipeline_t p = {.size = (long)jobs * CLI_RING_PER_JOB, .src = src, .cfg = cfg};
    p.slots = calloc((size_t)p.size, sizeof *p.slots);
    pthread_t *workers = calloc((size_t)jobs, sizeof *workers);
    if (!p.slots || !workers || !src->state) {
        free(p.slots);
        free(workers);
        fputs("repay batch: out of memory\n", stderr);
        return 3;
    }
    /* answers are often larger than stdio's 4 KiB buffer, each then one
     * write(2): a larger buffer gathers several (flushed whenever nothing
     * read is left unanswered, so a line-at-a-time client gets each answer) */
    static char out_buffer[1 << 16];
    setvbuf(stdout, out_buffer, _IOFBF, sizeof out_buffer);
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.space, NULL);
    pthread_cond_init(&p.work, NULL);
    pthread_cond_init(&p.done, NULL);
    int started = 0;
    for (; started < jobs; started++)
        if (pthread_create(&workers[started], NULL, worker, &p) != 0)
            break;
    if (started == 0) {
        fputs("repay batch: cannot start threads\n", stderr);
        free(p.slots);
        free(workers);
        return 3;
    }

    reader(&p); /* this thread reads; the workers answer and write */
    pthread_mutex_lock(&p.lock);
    while (p.written < p.read || p.writing)
        pthread_cond_wait(&p.done, &p.lock);
    int failed = p.failed;
    pthread_mutex_unlock(&p.lock);
    for (int i = 0; i < started; i++)
        pthread_join(workers[i], NULL);
    if (fflush(stdout) != 0)
        failed = 1;
    pthread_cond_destroy(&p.space);
    pthread_cond_destroy(&p.work);
    pthread_cond_destroy(&p.done);
    pthread_mutex_destroy(&p.lock);
    for (long i = 0; i < p.size; i++) {
        free(p.slots[i].request);
        free(p.slots[i].answer);
    }
    free(p.slots);
    free(workers);
    if (failed) {
        fputs("repay batch: cannot write the answers\n", stderr);
        return 3;
    }
    /* A bad request is answered with an error line, not fatal: the batch
     * succeeds (a map step under Spark or GNU parallel must not fail for it). */
    return 0;
}
