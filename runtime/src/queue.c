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

typedef struct record record;
struct record {
    record *next; /* pending list, or free list */
    unsigned long seq; /* its place in the queue's arrivals */
    mfcb_object_ *obj;
    const mfcb_method_ *method;
    void *buf; /* the copies of a call's buffers; kept with its capacity when the record is reused */
    size_t buf_cap;
    aligned args[(MFCB_QUEUE_ARGS_MAX + sizeof(aligned) - 1) / sizeof(aligned)];
};
/* Generated code allows a method MFCB_QUEUE_ARGS_MAX bytes of arguments; a record must hold them all, also
   where the union's size does not divide it (12 bytes on 32-bit x86, whose long double is 12). */
typedef char record_holds_queue_args_max[sizeof(((record *)0)->args) >= MFCB_QUEUE_ARGS_MAX ? 1 : -1];

struct mfcb_queue {
    plat_mutex lock;
    plat_cond cond;             /* calls arrived, a wake, a dispatcher's turn ended, the queue was freed */
    record *head, *tail;        /* pending, in arrival order */
    record *free;               /* records for reuse */
    unsigned long seq;          /* arrivals so far (wrapping): the last pending record's seq */
    long records;               /* all records this queue owns */
    long refs;                  /* the application's handle, each object made with it, each dispatch call */
    int freed;                  /* mfcb_queue_free was called */
    int wake;                   /* mfcb_queue_wake was called and no dispatcher has returned for it yet */
    int waiters;                /* threads waiting on cond */
    unsigned long owner;        /* the dispatching thread's id, 0 for none */
    int depth;                  /* the owner's nested dispatch calls */
    void *event;                /* Windows: the HANDLE of mfcb_queue_event */
};

mfcb_queue dead_queue;

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
    record *r, *next;
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
static void put_free(mfcb_queue *q, record *r)
{
    r->obj = NULL;
    r->next = q->free;
    q->free = r;
}

/* Takes a record with var_size bytes for copies, or says why not (closed_hr, E_OUTOFMEMORY). */
static HRESULT begin(mfcb_object_ *o, const mfcb_method_ *m, size_t var_size, record **rec)
{
    mfcb_queue *q = o->queue;
    record *r;
    *rec = NULL;
    if ((MFCB_LOAD_(&o->gate) & MFCB_GATE_CLOSED_) || m->args_size > sizeof r->args)
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
    if (!r && (r = (record *)mem_calloc(sizeof *r)) == NULL) {
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
    r->method = m;
    *rec = r;
    return S_OK;
}

/* Gives back what a record's arguments hold: the references on its interface pointers. */
static void release_args(record *r)
{
    const mfcb_method_ *m = r->method;
    unsigned i;
    for (i = 0; i < m->n_args; i++)
        if (m->keeps[i].how == MFCB_KEEP_IFACE) {
            IUnknown *p;
            memcpy(&p, (char *)r->args + m->keeps[i].off, sizeof p);
            if (p)
                p->lpVtbl->Release(p);
        }
}

/* Releases what a record's arguments hold, without running it, and gives its hold on the object back. */
static void drop(record *r)
{
    mfcb_object_ *o = r->obj;
    release_args(r);
    object_unpin(o);
}

static HRESULT commit(record *r)
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
    r->seq = ++q->seq;
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

/* The bytes an argument kept as k takes in a record's variable part (before rounding), 0 for none. */
static size_t var_bytes(const mfcb_keep_ *k, const void *arg, const size_t *bufn)
{
    const void *p;
    size_t n = 0;
    if (k->how < MFCB_KEEP_STRING) /* kept in the argument struct itself */
        return 0;
    if (k->how == MFCB_KEEP_BYVAL) /* the argument is the structure */
        return k->size;
    memcpy(&p, arg, sizeof p);
    if (!p)
        return 0;
    switch (k->how) {
    case MFCB_KEEP_STRING:
        if (k->size == 1)
            n = strlen((const char *)p) + 1;
        else
            while (((const WCHAR *)p)[n++])
                ;
        return n * k->size;
    case MFCB_KEEP_BSTR: /* a BSTR's byte length sits in the 32 bits before its first character */
        return 16 + ((const UINT32 *)p)[-1] + sizeof(OLECHAR);
    case MFCB_KEEP_BUFFER:
        return bufn[k->aux];
    default: /* MFCB_KEEP_STRUCT */
        return k->size;
    }
}

#define ROUND16(n) (((n) + 15) / 16 * 16)

HRESULT queue_call(mfcb_object_ *o, const mfcb_method_ *m, const void *const *av, const size_t *bufn)
{
    /* each kept argument takes at least a byte of the argument struct, so there are at most that many */
    size_t total = 0, bytes[MFCB_QUEUE_ARGS_MAX];
    unsigned char *v;
    record *r;
    unsigned i;
    HRESULT hr;
    if (m->n_args > MFCB_QUEUE_ARGS_MAX)
        return o->closed_hr;
    /* the variable part is sized first and taken with the record, in one piece: all or nothing */
    for (i = 0; i < m->n_args; i++) {
        bytes[i] = var_bytes(&m->keeps[i], av[i], bufn);
        total += ROUND16(bytes[i]);
    }
    hr = begin(o, m, total, &r);
    if (FAILED(hr))
        return hr;
    v = (unsigned char *)r->buf;
    for (i = 0; i < m->n_args; i++) {
        const mfcb_keep_ *k = &m->keeps[i];
        char *at = (char *)r->args + k->off;
        void *p = NULL;
        switch (k->how) {
        case MFCB_KEEP_VALUE:
            memcpy(at, av[i], k->size);
            break;
        case MFCB_KEEP_IFACE:
            memcpy(&p, av[i], sizeof p);
            memcpy(at, &p, sizeof p);
            if (p)
                ((IUnknown *)p)->lpVtbl->AddRef((IUnknown *)p);
            break;
        case MFCB_KEEP_GUID:
            memcpy(&p, av[i], sizeof p);
            if (p) {
                memcpy((char *)r->args + k->aux, p, sizeof(GUID));
                p = (char *)r->args + k->aux;
            }
            memcpy(at, &p, sizeof p);
            break;
        default: /* a copy in the variable part: of what the argument points at, or of a structure by value */
            if (bytes[i]) {
                const void *src = av[i];
                if (k->how != MFCB_KEEP_BYVAL)
                    memcpy(&src, av[i], sizeof src);
                if (k->how == MFCB_KEEP_BSTR) { /* length prefix, characters, terminator */
                    UINT32 len = ((const UINT32 *)src)[-1];
                    memcpy(v + 12, &len, 4);
                    memcpy(v + 16, src, len);
                    memset(v + 16 + len, 0, sizeof(OLECHAR));
                    p = v + 16;
                } else {
                    memcpy(v, src, bytes[i]);
                    p = v;
                }
                v += ROUND16(bytes[i]);
            }
            memcpy(at, &p, sizeof p);
            break;
        }
    }
    return commit(r);
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
    unsigned long limit;
    record *done = NULL;
    void *event = NULL;
    if (!q)
        return 0;
    plat_mutex_lock(&q->lock);
    /* Held until this call returns, its wait for a turn included: a handler, this thread's or the owner's,
       may free the queue meanwhile. */
    q->refs++;
    /* one dispatching thread at a time; the same thread again is a nested message loop */
    while (q->owner && q->owner != self)
        if (q->freed || timeout_ms == 0 || !wait_until(q, timeout_ms, deadline)) {
            unref_unlock(q);
            return 0;
        }
    q->owner = self;
    q->depth++;
    /* A pass runs what is pending now (or, when it has to wait, what is pending when it wakes), not what
       its handlers queue meanwhile: a handler re-posting itself does not keep a message loop here. */
    limit = q->seq;
    for (;;) {
        record *r = q->head;
        if (done) {
            put_free(q, done);
            done = NULL;
        }
        if (r && (long)(r->seq - limit) > 0) {
            if (taken)
                break;
            limit = q->seq;
        }
        if (r) {
            mfcb_object_ *o = r->obj;
            mfcb_frame_ f;
            if (!(q->head = r->next))
                q->tail = NULL;
            plat_mutex_unlock(&q->lock);
            /* the closed state is checked again for every record: a handler may have closed its object */
            if (mfcb_enter_(o, &f)) {
                r->method->replay(o, r->args);
                mfcb_leave_(o, &f);
                ran++;
            }
            release_args(r);
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
        limit = q->seq;
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
    record *pending, *r;
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
