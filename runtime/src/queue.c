/* queue.c -- queued dispatch: calls recorded on any thread, run in arrival order on the dispatching one. */
#include <string.h>

#include "mfcb/mfcb.h"
#include "platform.h"
#include "internal.h"

/* One lock per queue guards everything in it: the pending list, the free records, who dispatches, and the
   queue's own lifetime. Records are returned to the queue they came from, by whatever thread is done with
   them, so the pool is as large as the most calls ever pending (or being run) at once. */
typedef union aligned {
    void *p;
    long long ll;
    double d;
    long double ld;
} aligned;

struct mfcb_rec_ {
    mfcb_rec_ *next; /* pending list, or free list */
    mfcb_object_ *obj;
    mfcb_replay_ replay;
    void *buf; /* the copies of a call's buffers; kept with its capacity when the record is reused */
    size_t buf_cap;
    aligned args[MFCB_QUEUE_ARGS_MAX / sizeof(aligned)];
};

struct mfcb_queue {
    plat_mutex lock;
    plat_cond cond;             /* calls arrived, a wake, a dispatcher's turn ended, the queue was freed */
    mfcb_rec_ *head, *tail;     /* pending, in arrival order */
    mfcb_rec_ *free;            /* records for reuse */
    long records;               /* all records this queue owns */
    long refs;                  /* the application's handle, each object made with it, each dispatch call */
    int freed;                  /* mfcb_queue_free was called */
    int wake;                   /* mfcb_queue_wake was called and no dispatcher has returned for it yet */
    int waiters;                /* threads waiting on cond */
    unsigned long owner;        /* the dispatching thread's id, 0 for none */
    int depth;                  /* the owner's nested dispatch calls */
    void *event;                /* Windows: the HANDLE of mfcb_queue_event */
};

HRESULT mfcb_queue_new(mfcb_queue **out)
{
    mfcb_queue *q;
    if (!out)
        return E_POINTER;
    *out = NULL;
    q = (mfcb_queue *)mem_calloc(sizeof *q);
    if (!q)
        return E_OUTOFMEMORY;
    if (!plat_mutex_init(&q->lock)) {
        mem_free(q);
        return E_OUTOFMEMORY;
    }
    if (!plat_cond_init(&q->cond)) {
        plat_mutex_destroy(&q->lock);
        mem_free(q);
        return E_OUTOFMEMORY;
    }
    q->refs = 1;
    *out = q;
    return S_OK;
}

static void destroy(mfcb_queue *q)
{
    mfcb_rec_ *r, *next;
    for (r = q->free; r; r = next) {
        next = r->next;
        mem_free(r->buf);
        mem_free(r);
    }
#ifdef _WIN32
    if (q->event)
        plat_event_free(q->event);
#endif
    plat_cond_destroy(&q->cond);
    plat_mutex_destroy(&q->lock);
    mem_free(q);
}

/* Gives back one reference to q, taken with q->lock held; the lock is released. */
static void unref_unlock(mfcb_queue *q)
{
    int last = --q->refs == 0;
    plat_mutex_unlock(&q->lock);
    if (last)
        destroy(q);
}

void queue_attach(mfcb_queue *q)
{
    plat_mutex_lock(&q->lock);
    q->refs++;
    plat_mutex_unlock(&q->lock);
}

void queue_detach(mfcb_queue *q)
{
    plat_mutex_lock(&q->lock);
    unref_unlock(q);
}

long mfcb_queue_records(mfcb_queue *q)
{
    long n;
    if (!q)
        return 0;
    plat_mutex_lock(&q->lock);
    n = q->records;
    plat_mutex_unlock(&q->lock);
    return n;
}

/* Called with q->lock held. */
static void put_free(mfcb_queue *q, mfcb_rec_ *r)
{
    r->obj = NULL;
    r->next = q->free;
    q->free = r;
}

HRESULT mfcb_queue_begin_(mfcb_object_ *o, size_t args_size, size_t var_size, mfcb_replay_ replay, mfcb_rec_ **rec,
                          void **args, void **var)
{
    mfcb_queue *q = o->queue;
    mfcb_rec_ *r;
    *rec = NULL;
    if ((MFCB_LOAD_(&o->gate) & MFCB_GATE_CLOSED_) || args_size > sizeof r->args)
        return o->closed_hr;
    plat_mutex_lock(&q->lock);
    if (q->freed) {
        plat_mutex_unlock(&q->lock);
        return o->closed_hr;
    }
    r = q->free;
    if (r)
        q->free = r->next;
    else
        q->records++; /* counted now, given back below if the allocation fails */
    plat_mutex_unlock(&q->lock);
    if (!r && (r = (mfcb_rec_ *)mem_calloc(sizeof *r)) == NULL) {
        plat_mutex_lock(&q->lock);
        q->records--;
        plat_mutex_unlock(&q->lock);
        return E_OUTOFMEMORY;
    }
    if (var_size > r->buf_cap) {
        size_t cap = r->buf_cap ? r->buf_cap : 256;
        void *b;
        while (cap < var_size)
            cap *= 2;
        if ((b = mem_realloc(r->buf, cap)) == NULL) {
            plat_mutex_lock(&q->lock);
            put_free(q, r);
            plat_mutex_unlock(&q->lock);
            return E_OUTOFMEMORY;
        }
        r->buf = b;
        r->buf_cap = cap;
    }
    r->obj = o;
    r->replay = replay;
    *rec = r;
    *args = r->args;
    *var = var_size ? r->buf : NULL;
    return S_OK;
}

/* Releases what a record's arguments hold, without running it, and gives its hold on the object back. */
static void drop(mfcb_rec_ *r)
{
    mfcb_object_ *o = r->obj;
    r->replay(o, r->args, 0);
    object_unpin(o);
}

HRESULT mfcb_queue_commit_(mfcb_rec_ *r)
{
    mfcb_object_ *o = r->obj;
    mfcb_queue *q = o->queue;
    void *event = NULL;
    plat_add(&o->hold, 1); /* the record keeps the object's memory until it is run or dropped */
    plat_mutex_lock(&q->lock);
    if (q->freed) { /* freed since begin: nobody will run it */
        HRESULT hr = o->closed_hr;
        plat_mutex_unlock(&q->lock);
        drop(r);
        plat_mutex_lock(&q->lock);
        put_free(q, r);
        plat_mutex_unlock(&q->lock);
        return hr;
    }
    r->next = NULL;
    if (q->tail)
        q->tail->next = r;
    else
        q->head = r;
    q->tail = r;
    if (q->waiters)
        plat_cond_broadcast(&q->cond);
    if (!q->owner)
        event = q->event;
    plat_mutex_unlock(&q->lock);
#ifdef _WIN32
    if (event)
        plat_event_set(event);
#else
    (void)event;
#endif
    return S_OK;
}

/* Waits on q->cond, until the deadline when there is one; returns 0 when it passed. q->lock is held. */
static int wait_until(mfcb_queue *q, unsigned long timeout_ms, unsigned long long deadline)
{
    int in_time = 1;
    q->waiters++;
    if (timeout_ms == MFCB_INFINITE)
        plat_cond_wait(&q->cond, &q->lock);
    else {
        unsigned long long now = plat_now_ms();
        in_time = now < deadline && plat_cond_wait_ms(&q->cond, &q->lock, (unsigned long)(deadline - now));
    }
    q->waiters--;
    return in_time;
}

int mfcb_queue_dispatch(mfcb_queue *q, unsigned long timeout_ms)
{
    unsigned long self = plat_thread_id();
    unsigned long long deadline = plat_now_ms() + (timeout_ms == MFCB_INFINITE ? 0 : timeout_ms);
    int ran = 0, taken = 0;
    mfcb_rec_ *done = NULL;
    void *event = NULL;
    if (!q)
        return 0;
    plat_mutex_lock(&q->lock);
    /* one dispatching thread at a time; the same thread again is a nested message loop */
    while (q->owner && q->owner != self)
        if (timeout_ms == 0 || !wait_until(q, timeout_ms, deadline)) {
            plat_mutex_unlock(&q->lock);
            return 0;
        }
    q->owner = self;
    q->depth++;
    q->refs++; /* a handler may free the queue */
    for (;;) {
        mfcb_rec_ *r = q->head;
        if (done) {
            put_free(q, done);
            done = NULL;
        }
        if (r) {
            mfcb_object_ *o = r->obj;
            mfcb_frame_ f;
            if (!(q->head = r->next))
                q->tail = NULL;
            plat_mutex_unlock(&q->lock);
            /* the closed state is checked again for every record: a handler may have closed its object */
            if (mfcb_enter_(o, &f)) {
                r->replay(o, r->args, 1);
                mfcb_leave_(o, &f);
                ran++;
            } else
                r->replay(o, r->args, 0);
            object_unpin(o);
            done = r;
            taken = 1;
            plat_mutex_lock(&q->lock);
            continue;
        }
        if (taken || timeout_ms == 0 || q->freed)
            break;
        if (q->wake) {
            q->wake = 0;
            break;
        }
        if (!wait_until(q, timeout_ms, deadline))
            break;
    }
    if (--q->depth == 0) {
        q->owner = 0;
        if (q->waiters)
            plat_cond_broadcast(&q->cond); /* another thread's turn */
        if (q->head)
            event = q->event; /* for a message loop: what arrived meanwhile */
    }
#ifdef _WIN32
    if (event)
        plat_event_set(event);
#else
    (void)event;
#endif
    unref_unlock(q);
    return ran;
}

void mfcb_queue_wake(mfcb_queue *q)
{
    if (!q)
        return;
    plat_mutex_lock(&q->lock);
    q->wake = 1;
    plat_cond_broadcast(&q->cond);
    plat_mutex_unlock(&q->lock);
}

#ifdef _WIN32
HANDLE mfcb_queue_event(mfcb_queue *q)
{
    HANDLE event;
    plat_mutex_lock(&q->lock);
    if (!q->event)
        q->event = plat_event_new();
    event = (HANDLE)q->event;
    if (q->head && !q->owner)
        plat_event_set(event);
    plat_mutex_unlock(&q->lock);
    return event;
}
#endif

void mfcb_queue_free(mfcb_queue *q)
{
    mfcb_rec_ *pending, *r;
    if (!q)
        return;
    plat_mutex_lock(&q->lock);
    q->freed = 1;
    pending = q->head;
    q->head = q->tail = NULL;
    plat_cond_broadcast(&q->cond); /* a waiting dispatcher returns */
    plat_mutex_unlock(&q->lock);
    /* Dropped outside the lock: releasing what they hold may free objects, which detach from q. */
    for (r = pending; r; r = r->next)
        drop(r);
    plat_mutex_lock(&q->lock);
    while (pending) {
        r = pending;
        pending = r->next;
        put_free(q, r);
    }
    unref_unlock(q);
}
