/* queue.c -- queued dispatch: calls recorded on any thread, run in arrival order by one dispatcher. */
#include <stdlib.h>
#include <string.h>

#include "mfcb/mfcb.h"
#include "platform.h"
#include "queue.h"

/* Records come from a pool that grows by chunks and never shrinks, so a steady stream of calls allocates
   nothing. Pending records form an intrusive multi-producer single-consumer list (one exchange per call);
   free records form a stack indexed by 32-bit numbers with a 32-bit tag against ABA (one 64-bit
   compare-and-swap per call). */
#define CHUNK 256
#define MAX_CHUNKS 4096
#define ARGS_MAX MFCB_QUEUE_ARGS_MAX

typedef union aligned {
    void *p;
    long long ll;
    double d;
    long double ld;
} aligned;

struct mfcb_rec_ {
    mfcb_rec_ *volatile next; /* pending list */
    volatile long free_next;  /* free stack: index + 1 of the next free record, 0 at the bottom */
    long idx;
    mfcb_object_ *obj;
    mfcb_replay_ replay;
    unsigned char *buf; /* [size_is] copies; kept with its capacity when the record is reused */
    size_t buf_cap, buf_used;
    aligned args[ARGS_MAX / sizeof(aligned)];
};

struct mfcb_queue {
    unsigned long id;         /* never reused: what a thread's record cache belongs to */
    mfcb_rec_ *volatile tail; /* producers exchange it */
    mfcb_rec_ *head;          /* the dispatcher's end */
    mfcb_rec_ stub;
    volatile long long free_top;
    mfcb_rec_ *volatile chunks[MAX_CHUNKS];
    volatile long nchunks;
    volatile long armed;       /* a dispatcher waits, or the event wants setting */
    void *volatile armed_ptr;  /* the same, for the one producer that takes it (exchange) */
    void *volatile wake_req;   /* mfcb_queue_wake was called */
    void *volatile dispatching; /* one dispatcher at a time (exchanged as a pointer) */
    volatile long attached;    /* objects created with this queue and not yet freed */
    volatile long freed;       /* mfcb_queue_free was called */
    void *event;               /* Windows: the HANDLE of mfcb_queue_event */
};

static mfcb_rec_ *rec_at(mfcb_queue *q, long idx) { return &q->chunks[idx / CHUNK][idx % CHUNK]; }

/* Empty as the dispatcher sees it; a producer between its exchange and its link counts as not empty. */
static int is_empty(mfcb_queue *q)
{
    return q->head == &q->stub && plat_load_ptr((void *volatile *)&q->tail) == (void *)&q->stub &&
           !plat_load_ptr((void *volatile *)&q->stub.next);
}

static void push_free(mfcb_queue *q, mfcb_rec_ *first, mfcb_rec_ *last)
{
    for (;;) {
        long long old = plat_load64(&q->free_top);
        plat_store_relaxed(&last->free_next, (long)(old & 0xffffffff));
        if (plat_cas64(&q->free_top, old, (long long)(((unsigned long long)old >> 32) + 1) << 32 | (first->idx + 1)))
            return;
    }
}

/* Each producing thread keeps the records it took from the free stack, all of them at once, and uses them
   without atomics; the stack is touched once per batch. The cache names its queue by id, not address, so
   a queue freed and another allocated at the same place cannot be confused. */
static MFCB_TLS_ struct {
    unsigned long qid;
    mfcb_rec_ *list;
} cache;
static volatile long next_id;

/* A new chunk: one record for the caller, the rest to its cache. NULL when memory is out. */
static mfcb_rec_ *grow(mfcb_queue *q)
{
    mfcb_rec_ *chunk = NULL;
    long n, i;
    plat_lock();
    n = plat_load(&q->nchunks);
    if (n < MAX_CHUNKS)
        chunk = (mfcb_rec_ *)calloc(CHUNK, sizeof *chunk);
    if (chunk) {
        for (i = 0; i < CHUNK; i++)
            chunk[i].idx = n * CHUNK + i;
        plat_store_ptr((void *volatile *)&q->chunks[n], chunk);
        plat_store(&q->nchunks, n + 1);
    }
    plat_unlock();
    if (!chunk)
        return NULL;
    for (i = 1; i + 1 < CHUNK; i++)
        chunk[i].next = &chunk[i + 1];
    chunk[CHUNK - 1].next = NULL;
    cache.list = &chunk[1]; /* the caller's (pop_free's) cache is this queue's */
    return &chunk[0];
}

#define BATCH 64

static mfcb_rec_ *pop_free(mfcb_queue *q)
{
    mfcb_rec_ *r;
    if (cache.qid != q->id) {
        cache.qid = q->id; /* records cached for another queue stay with it (its pool just grows) */
        cache.list = NULL;
    }
    if (!cache.list) {
        /* Take up to BATCH records off the stack in one compare-and-swap. The walk may read records
           another producer takes meanwhile; the tag makes the swap fail then, and we walk again. */
        for (;;) {
            long long old = plat_load64(&q->free_top);
            long top = (long)(old & 0xffffffff), rest = top, n;
            if (!top)
                return grow(q);
            for (n = 0; n < BATCH && rest; n++) /* read only: until the swap, these are not ours */
                rest = plat_load_relaxed(&rec_at(q, rest - 1)->free_next);
            if (plat_cas64(&q->free_top, old, (long long)(((unsigned long long)old >> 32) + 1) << 32 | (unsigned long)rest)) {
                mfcb_rec_ *head = NULL, **tail = &head;
                while (top != rest) {
                    mfcb_rec_ *c = rec_at(q, top - 1);
                    top = plat_load_relaxed(&c->free_next);
                    *tail = c;
                    tail = (mfcb_rec_ **)&c->next;
                }
                *tail = NULL;
                cache.list = head;
                break;
            }
        }
    }
    r = cache.list;
    cache.list = r->next;
    return r;
}

static void push_pending(mfcb_queue *q, mfcb_rec_ *r)
{
    mfcb_rec_ *prev;
    r->next = NULL; /* published by the exchange below */
    prev = (mfcb_rec_ *)plat_xchg_ptr((void *volatile *)&q->tail, r);
    plat_store_ptr((void *volatile *)&prev->next, r);
}

/* The next pending record, or NULL when none is (completely) there yet. Dispatcher only. */
static mfcb_rec_ *pop_pending(mfcb_queue *q)
{
    mfcb_rec_ *head = q->head, *next = (mfcb_rec_ *)plat_load_ptr((void *volatile *)&head->next);
    if (head == &q->stub) {
        if (!next)
            return NULL;
        q->head = next;
        head = next;
        next = (mfcb_rec_ *)plat_load_ptr((void *volatile *)&head->next);
    }
    if (next) {
        q->head = next;
        return head;
    }
    if (head != plat_load_ptr((void *volatile *)&q->tail))
        return NULL; /* a producer is between its exchange and its link */
    push_pending(q, &q->stub);
    next = (mfcb_rec_ *)plat_load_ptr((void *volatile *)&head->next);
    if (next) {
        q->head = next;
        return head;
    }
    return NULL;
}

HRESULT mfcb_queue_new(mfcb_queue **out)
{
    mfcb_queue *q;
    if (!out)
        return E_POINTER;
    *out = NULL;
    q = (mfcb_queue *)calloc(1, sizeof *q);
    if (!q)
        return E_OUTOFMEMORY;
    q->tail = &q->stub;
    q->head = &q->stub;
    q->id = (unsigned long)plat_add(&next_id, 1) + 1;
    *out = q;
    return S_OK;
}

static void signal(mfcb_queue *q)
{
    plat_lock();
    plat_broadcast();
    plat_unlock();
#ifdef _WIN32
    if (q->event)
        plat_event_set(q->event);
#else
    (void)q;
#endif
}

void *mfcb_queue_begin_(mfcb_object_ *o, size_t args_size, mfcb_replay_ replay, mfcb_rec_ **rec)
{
    mfcb_queue *q = o->queue;
    mfcb_rec_ *r;
    *rec = NULL;
    if (args_size > sizeof r->args || plat_load(&q->freed))
        return NULL;
    r = pop_free(q);
    if (!r)
        return NULL;
    r->obj = o;
    r->replay = replay;
    r->buf_used = 0;
    *rec = r;
    return r->args;
}

void *mfcb_queue_buffer_(mfcb_rec_ *r, size_t n)
{
    size_t at = (r->buf_used + 15) / 16 * 16;
    if (at + n > r->buf_cap) {
        size_t cap = r->buf_cap ? r->buf_cap : 256;
        unsigned char *b;
        while (cap < at + n)
            cap *= 2;
        b = (unsigned char *)realloc(r->buf, cap);
        if (!b)
            return NULL;
        r->buf = b;
        r->buf_cap = cap;
    }
    r->buf_used = at + n;
    return r->buf + at;
}

void mfcb_queue_cancel_(mfcb_rec_ *r)
{
    mfcb_queue *q = r->obj->queue;
    if (cache.qid == q->id) {
        r->next = cache.list;
        cache.list = r;
    } else
        push_free(q, r, r);
}

/* No reference is taken on the object per call: an object with a queue is freed through the queue (see
   queue_retire), after every call recorded before its last Release. */
void mfcb_queue_commit_(mfcb_rec_ *r)
{
    mfcb_queue *q = r->obj->queue;
    push_pending(q, r);
    if (plat_load(&q->armed) && plat_xchg_ptr((void *volatile *)&q->armed_ptr, NULL))
        signal(q);
}

int queue_retire(mfcb_object_ *o)
{
    mfcb_queue *q = o->queue;
    mfcb_rec_ *r;
    if (plat_load(&q->freed) || (r = pop_free(q)) == NULL)
        return 0;
    r->obj = o;
    r->replay = NULL;
    r->buf_used = 0;
    mfcb_queue_commit_(r);
    return 1;
}

/* Runs or drops every complete pending record; returns the number of handlers run. The dispatcher holds an
   object's gate across a run of its records instead of entering and leaving for each one. */
static int drain(mfcb_queue *q, int run, int *taken)
{
    int ran = 0, open = 0; /* open: how the dispatcher entered cur's gate, 0 when it did not */
    mfcb_rec_ *r, *first = NULL, *last = NULL;
    mfcb_object_ *cur = NULL;
    mfcb_frame_ f;
    *taken = 0;
    while ((r = pop_pending(q)) != NULL) {
        mfcb_object_ *o = r->obj;
        (*taken)++;
        if (o != cur || !r->replay) {
            if (open)
                mfcb_leave_(cur, &f, open);
            cur = o;
            open = r->replay && run ? mfcb_enter_(o, &f) : 0;
        }
        if (!r->replay) {
            object_free(o); /* retired: every call recorded before its last Release is done */
            cur = NULL;
        } else if (open) {
            r->replay(o, r->args, 1);
            ran++;
        } else
            r->replay(o, r->args, 0); /* closed: dropped, and what it held released */
        r->obj = NULL;
        plat_store_relaxed(&r->free_next, first ? first->idx + 1 : 0);
        if (!first)
            last = r;
        first = r;
    }
    if (open)
        mfcb_leave_(cur, &f, open);
    if (first)
        push_free(q, first, last);
    return ran;
}

int mfcb_queue_dispatch(mfcb_queue *q, unsigned long timeout_ms)
{
    int ran = 0, taken = 0;
    if (!q)
        return 0;
    while (plat_xchg_ptr(&q->dispatching, (void *)1))
        plat_yield();
    for (;;) {
        ran += drain(q, 1, &taken);
        if (taken || timeout_ms == 0)
            break;
        if (!is_empty(q)) { /* a record is being linked: it is a moment away */
            plat_yield();
            continue;
        }
        if (plat_xchg_ptr(&q->wake_req, NULL))
            break;
        /* Armed, a producer that finds the flag signals; the check under the lock closes the race. */
        plat_lock();
        plat_store(&q->armed, 1);
        plat_xchg_ptr((void *volatile *)&q->armed_ptr, (void *)1);
        if (is_empty(q) && !plat_load_ptr(&q->wake_req)) {
            if (timeout_ms == MFCB_INFINITE)
                plat_wait();
            else
                plat_wait_ms(timeout_ms);
        }
        plat_store(&q->armed, 0);
        plat_unlock();
        if (timeout_ms != MFCB_INFINITE)
            timeout_ms = 0; /* one wait, then whatever arrived */
    }
#ifdef _WIN32
    /* For a message loop: come back through the event for what arrives from now on. */
    if (q->event) {
        plat_store(&q->armed, 1);
        plat_xchg_ptr((void *volatile *)&q->armed_ptr, (void *)1);
        if (!is_empty(q))
            plat_event_set(q->event);
    }
#endif
    plat_xchg_ptr(&q->dispatching, NULL);
    return ran;
}

void mfcb_queue_wake(mfcb_queue *q)
{
    if (!q)
        return;
    plat_xchg_ptr(&q->wake_req, (void *)1);
    signal(q);
}

#ifdef _WIN32
HANDLE mfcb_queue_event(mfcb_queue *q)
{
    plat_lock();
    if (!q->event)
        q->event = plat_event_new();
    plat_unlock();
    plat_store(&q->armed, 1);
    plat_xchg_ptr((void *volatile *)&q->armed_ptr, (void *)1);
    if (!is_empty(q))
        plat_event_set(q->event);
    return (HANDLE)q->event;
}
#endif

static void destroy(mfcb_queue *q)
{
    long i;
    int taken;
    drain(q, 0, &taken);
    for (i = 0; i < q->nchunks; i++) {
        long k;
        for (k = 0; k < CHUNK; k++)
            free(q->chunks[i][k].buf);
        free(q->chunks[i]);
    }
#ifdef _WIN32
    if (q->event)
        plat_event_free(q->event);
#endif
    free(q);
}

void queue_attach(mfcb_queue *q) { plat_add(&q->attached, 1); }

void queue_detach(mfcb_queue *q)
{
    if (plat_add(&q->attached, -1) == 1 && plat_load(&q->freed))
        destroy(q);
}

void mfcb_queue_free(mfcb_queue *q)
{
    int taken;
    if (!q)
        return;
    /* Pending records hold references to their objects: dropping them may free objects, which detach. */
    plat_add(&q->attached, 1);
    plat_store(&q->freed, 1);
    while (plat_xchg_ptr(&q->dispatching, (void *)1))
        plat_yield();
    drain(q, 0, &taken);
    plat_xchg_ptr(&q->dispatching, NULL);
    queue_detach(q);
}
