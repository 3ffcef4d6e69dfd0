/*
 * json_arena.c — cJSON's memory during one request: a per-thread arena.
 *
 * A response is thousands of small cJSON nodes and strings; malloc and
 * free of each cost more than building and writing them. While a request
 * runs (rp_json_arena_enter … leave, around rp_run), this thread's cJSON
 * allocations are carved from chunks it owns and their frees do nothing;
 * when the outermost request ends, every node is gone (rp_run deletes what
 * it built, and nothing built there outlives it) and the chunks are freed.
 *
 * cJSON's hooks are global, so they are installed once for the process;
 * the arena is _Thread_local, so batch's threads never share one. Outside
 * a request, and for any pointer not in this thread's chunks (a tree the
 * program built itself), the hooks are plain malloc and free.
 *
 * The largest chunk is kept for the thread's next request (a 64 KiB
 * malloc and free per request cost as much as the nodes in it); it is
 * freed when the thread ends.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>

#include "json_internal.h"

#define ARENA_FIRST_CHUNK (64 * 1024) /* a statement's tree fits in two or three */
#define ARENA_ALIGN 16                /* what malloc gives: any cJSON field fits */

typedef struct chunk {
    struct chunk *next;
    size_t size, used;
    _Alignas(ARENA_ALIGN) unsigned char data[];
} chunk_t;

static _Thread_local struct {
    chunk_t *chunks; /* the newest (and largest) first */
    int depth;       /* nested requests: rp_run inside an MCP message */
} arena;

static int in_arena(const void *p)
{
    const unsigned char *q = p;
    for (const chunk_t *c = arena.chunks; c; c = c->next)
        if (q >= c->data && q < c->data + c->size)
            return 1;
    return 0;
}

static void *arena_malloc(size_t n)
{
    if (arena.depth == 0)
        return malloc(n);
    size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    chunk_t *c = arena.chunks;
    if (!c || c->size - c->used < need) {
        size_t size = c ? 2 * c->size : ARENA_FIRST_CHUNK;
        if (size < need)
            size = need;
        chunk_t *fresh = malloc(sizeof *fresh + size);
        if (!fresh)
            return NULL; /* cJSON reports it; the request answers out_of_memory */
        *fresh = (chunk_t){.next = c, .size = size, .used = 0};
        arena.chunks = c = fresh;
    }
    void *p = c->data + c->used;
    c->used += need;
    return p;
}

static void arena_free(void *p)
{
    if (p && (arena.depth == 0 || !in_arena(p)))
        free(p);
}

static pthread_key_t kept_key; /* its value: the thread's kept chunk, freed at exit */
static int kept_key_made;

static void install(void)
{
    cJSON_Hooks hooks = {arena_malloc, arena_free};
    cJSON_InitHooks(&hooks);
    kept_key_made = pthread_key_create(&kept_key, free) == 0;
}

void rp_json_arena_enter(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, install);
    arena.depth++;
}

void rp_json_arena_leave(void)
{
    if (--arena.depth > 0)
        return;
    chunk_t *kept = arena.chunks; /* the newest is the largest */
    if (kept && (!kept_key_made || pthread_setspecific(kept_key, kept) != 0))
        kept = NULL; /* nothing would free it at the thread's end */
    for (chunk_t *c = arena.chunks; c;) {
        chunk_t *next = c->next;
        if (c != kept)
            free(c);
        c = next;
    }
    arena.chunks = kept;
    if (kept)
        *kept = (chunk_t){.next = NULL, .size = kept->size, .used = 0};
}

void rp_json_arena_drop(cJSON *tree)
{
    if (arena.depth == 0)
        cJSON_Delete(tree);
    /* else: freed with the arena, all at once — walking it to free nothing
     * cost as much as writing it */
}
