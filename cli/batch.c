/*
 * batch.c — repay batch: JSON Lines in, JSON Lines out, in order.
 *
 * A reader thread takes requests from the source into a ring of slots,
 * worker threads answer them (the core keeps no shared state), and the
 * main thread writes the answers in input order as soon as the next one
 * is ready, flushing whenever it would wait — so a program that writes
 * one line and waits for its answer is served at once. Memory is bounded
 * by the ring: at most CLI_RING_PER_JOB × jobs requests of at most
 * CLI_MAX_LINE bytes are held, whatever the length of the stream.
 */
#include <pthread.h>
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

typedef struct slot {
    int state;  /* SLOT_DONE straight from the reader: the source answered it */
    char *text; /* the request, then the answer */
    size_t len;
} slot_t;

/* One lock; each kind of waiter has its own condition, signalled only
 * when what it waits for may have happened: a waiter woken for nothing
 * costs two system calls, and with a broadcast on every change they were
 * most of a short request's cost (10 futex calls a request). */
typedef struct pipeline {
    pthread_mutex_t lock;
    pthread_cond_t space; /* the reader: a slot was written out, so one is free */
    pthread_cond_t work;  /* workers: a request was read, or the input ended    */
    pthread_cond_t done;  /* the writer: an answer is ready, or the input ended */
    slot_t *slots;
    long size;      /* slots in the ring                       */
    long read;      /* requests read so far                    */
    long claimed;   /* requests handed to workers               */
    long written;   /* answers written                          */
    int eof;
    source_t *src;
    const cli_settings_t *cfg;
} pipeline_t;

static void *reader(void *arg)
{
    pipeline_t *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        while (p->read - p->written >= p->size)
            pthread_cond_wait(&p->space, &p->lock);
        pthread_mutex_unlock(&p->lock);

        char *text = NULL;
        size_t len = 0;
        source_item item = p->src->next(p->src, &text, &len);

        pthread_mutex_lock(&p->lock);
        if (item == SOURCE_END || !text) {
            free(text);
            p->eof = 1;
            pthread_cond_broadcast(&p->work);
            pthread_cond_signal(&p->done);
            pthread_mutex_unlock(&p->lock);
            return NULL;
        }
        slot_t *s = &p->slots[p->read % p->size];
        s->text = text;
        s->len = len;
        s->state = item == SOURCE_ANSWER ? SLOT_DONE : SLOT_READ;
        p->read++;
        pthread_cond_signal(item == SOURCE_ANSWER ? &p->done : &p->work);
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
            rp_status ran = rp_run(&out, s->text, s->len, &opt, NULL);
            (void)ran; /* an error is answered by its error line too */
            free(s->text);
            s->text = out ? out : cli_error_line("out_of_memory", "$", "out of memory");
            s->len = s->text ? strlen(s->text) : 0;
            pthread_mutex_lock(&p->lock);
            s->state = SLOT_DONE;
            pthread_cond_signal(&p->done);
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
    slot_t *ready = calloc((size_t)p.size, sizeof *ready); /* the writer's, taken from slots */
    pthread_t *workers = calloc((size_t)jobs, sizeof *workers);
    pthread_t read_thread;
    if (!p.slots || !ready || !workers || !src->state) {
        free(p.slots);
        free(ready);
        free(workers);
        fputs("repay batch: out of memory\n", stderr);
        return 3;
    }
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.space, NULL);
    pthread_cond_init(&p.work, NULL);
    pthread_cond_init(&p.done, NULL);
    int started = 0, failed = 0;
    for (; started < jobs; started++)
        if (pthread_create(&workers[started], NULL, worker, &p) != 0)
            break;
    if (started == 0 || pthread_create(&read_thread, NULL, reader, &p) != 0) {
        fputs("repay batch: cannot start threads\n", stderr);
        pthread_mutex_lock(&p.lock);
        p.eof = 1; /* lets the started workers finish */
        pthread_cond_broadcast(&p.work);
        pthread_mutex_unlock(&p.lock);
        for (int i = 0; i < started; i++)
            pthread_join(workers[i], NULL);
        free(p.slots);
        free(ready);
        free(workers);
        return 3;
    }

    pthread_mutex_lock(&p.lock);
    for (;;) {
        slot_t *s = &p.slots[p.written % p.size];
        if (p.written < p.read && s->state == SLOT_DONE) {
            /* every answer ready in order, written with the lock let go once */
            long n = 0;
            while (p.written + n < p.read && p.slots[(p.written + n) % p.size].state == SLOT_DONE) {
                slot_t *d = &p.slots[(p.written + n) % p.size];
                ready[n].text = d->text;
                ready[n].len = d->len;
                d->text = NULL;
                d->state = SLOT_FREE;
                n++;
            }
            pthread_mutex_unlock(&p.lock);
            for (long i = 0; i < n; i++) {
                if (ready[i].text && fwrite(ready[i].text, 1, ready[i].len, stdout) != ready[i].len)
                    failed = 1;
                free(ready[i].text);
            }
            pthread_mutex_lock(&p.lock);
            p.written += n;
            pthread_cond_signal(&p.space);
        } else if (p.eof && p.written == p.read) {
            break;
        } else {
            pthread_mutex_unlock(&p.lock);
            if (fflush(stdout) != 0)
                failed = 1;
            pthread_mutex_lock(&p.lock);
            if (!(p.written < p.read && p.slots[p.written % p.size].state == SLOT_DONE) &&
                !(p.eof && p.written == p.read))
                pthread_cond_wait(&p.done, &p.lock);
        }
    }
    pthread_mutex_unlock(&p.lock);
    pthread_join(read_thread, NULL);
    for (int i = 0; i < started; i++)
        pthread_join(workers[i], NULL);
    if (fflush(stdout) != 0)
        failed = 1;
    pthread_cond_destroy(&p.space);
    pthread_cond_destroy(&p.work);
    pthread_cond_destroy(&p.done);
    pthread_mutex_destroy(&p.lock);
    free(p.slots);
    free(ready);
    free(workers);
    if (failed) {
        fputs("repay batch: cannot write the answers\n", stderr);
        return 3;
    }
    /* A bad request is answered with an error line, not fatal: the batch
     * succeeds (a map step under Spark or GNU parallel must not fail for it). */
    return 0;
}
