/* runtime_bench.c -- libmfcb against what people write by hand: direct calls, AddRef/Release, queued
   throughput (2 producers, 1 consumer) and latency. Prints medians of alternating runs and their ratios.
   Builds for POSIX (pthreads) and for Windows (the same measurements with Windows' own primitives: the
   close-safe hand-written peer takes an SRWLOCK per call, the baseline queue is an SRWLOCK and a condition
   variable), where bench/run.sh runs it under Wine.
   usage: runtime_bench [all|direct|addref|queue|latency]   or   runtime_bench ir gen|hand N */
#define COBJMACROS
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mfreadwrite.cb.h"

#ifdef _WIN32
/* mfreadwrite.cb.h brought windows.h */
typedef SRWLOCK bench_lock;
typedef CONDITION_VARIABLE bench_cond;
typedef HANDLE bench_thread;
#define lock_init(l) InitializeSRWLock(l)
#define lock_destroy(l) ((void)(l))
#define lock_take(l) AcquireSRWLockExclusive(l)
#define lock_give(l) ReleaseSRWLockExclusive(l)
#define cond_init(c) InitializeConditionVariable(c)
#define cond_destroy(c) ((void)(c))
#define cond_signal(c) WakeConditionVariable(c)
#define cond_wait(c, l) SleepConditionVariableSRW((c), (l), INFINITE, 0)
#define LOCK_NAME "SRWLOCK"
#define QUEUE_NAME "SRWLOCK+condvar"
static double now_ns(void)
{
    static LARGE_INTEGER freq;
    LARGE_INTEGER t;
    if (!freq.QuadPart)
        QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&t);
    return (double)t.QuadPart * 1e9 / (double)freq.QuadPart;
}
static void pause_ns(double ns)
{
    /* Windows sleeps in milliseconds: spin for the gap, as a busy work-queue thread between samples would */
    double until = now_ns() + ns;
    while (now_ns() < until)
        SwitchToThread();
}
static void *produce(void *arg);
static DWORD WINAPI produce_main(void *arg)
{
    produce(arg);
    return 0;
}
/* the producer threads: the only threads the benchmark starts */
static void thread_start(bench_thread *t, void *arg) { *t = CreateThread(NULL, 0, produce_main, arg, 0, NULL); }
static void thread_join(bench_thread t)
{
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
}
#define atomic_inc(p) InterlockedIncrement(p)
#define atomic_dec(p) InterlockedDecrement(p)
#else
#include <pthread.h>
#include <time.h>
typedef pthread_mutex_t bench_lock;
typedef pthread_cond_t bench_cond;
typedef pthread_t bench_thread;
#define lock_init(l) pthread_mutex_init((l), NULL)
#define lock_destroy(l) pthread_mutex_destroy(l)
#define lock_take(l) pthread_mutex_lock(l)
#define lock_give(l) pthread_mutex_unlock(l)
#define cond_init(c) pthread_cond_init((c), NULL)
#define cond_destroy(c) pthread_cond_destroy(c)
#define cond_signal(c) pthread_cond_signal(c)
#define cond_wait(c, l) pthread_cond_wait((c), (l))
#define LOCK_NAME "mutex"
#define QUEUE_NAME "mutex+condvar"
static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}
static void pause_ns(double ns)
{
    /* sleep, as a work-queue thread between samples does */
    struct timespec gap;
    gap.tv_sec = 0;
    gap.tv_nsec = (long)ns;
    nanosleep(&gap, NULL);
}
static void *produce(void *arg);
/* the producer threads: the only threads the benchmark starts */
static void thread_start(bench_thread *t, void *arg) { pthread_create(t, NULL, produce, arg); }
static void thread_join(bench_thread t) { pthread_join(t, NULL); }
#define atomic_inc(p) __atomic_add_fetch((p), 1, __ATOMIC_ACQ_REL)
#define atomic_dec(p) __atomic_sub_fetch((p), 1, __ATOMIC_ACQ_REL)
#endif

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return v[n / 2];
}

/* ---- the hand-written callback: what an application writes today ---- */

typedef struct hand {
    IMFSourceReaderCallback iface;
    volatile long refs;
} hand;

static HRESULT STDMETHODCALLTYPE hand_qi(IMFSourceReaderCallback *This, REFIID riid, void **ppv)
{
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IMFSourceReaderCallback)) {
        *ppv = This;
        IMFSourceReaderCallback_AddRef(This);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG STDMETHODCALLTYPE hand_addref(IMFSourceReaderCallback *This)
{
    return (ULONG)atomic_inc(&((hand *)This)->refs);
}
static ULONG STDMETHODCALLTYPE hand_release(IMFSourceReaderCallback *This)
{
    long n = atomic_dec(&((hand *)This)->refs);
    if (n == 0)
        free(This);
    return (ULONG)n;
}
static HRESULT STDMETHODCALLTYPE hand_read(IMFSourceReaderCallback *This, HRESULT hr, DWORD s, DWORD f, LONGLONG t,
                                          IMFSample *sample)
{
    (void)This, (void)hr, (void)s, (void)f, (void)t, (void)sample;
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE hand_flush(IMFSourceReaderCallback *This, DWORD s)
{
    (void)This, (void)s;
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE hand_event(IMFSourceReaderCallback *This, DWORD s, IMFMediaEvent *e)
{
    (void)This, (void)s, (void)e;
    return S_OK;
}
static IMFSourceReaderCallbackVtbl hand_vtbl = {hand_qi, hand_addref, hand_release, hand_read, hand_flush, hand_event};

static IMFSourceReaderCallback *new_hand(void)
{
    hand *h = (hand *)calloc(1, sizeof *h);
    h->iface.lpVtbl = &hand_vtbl;
    h->refs = 1;
    return &h->iface;
}

/* The same callback made safe to close the way careful hand-written ones are (Chromium's capture callback):
   a lock taken around every call (a mutex; on Windows an SRWLOCK), and a closed flag checked under it. */
typedef struct hand_locked {
    hand h;
    bench_lock lock;
    int closed;
} hand_locked;

static HRESULT STDMETHODCALLTYPE locked_read(IMFSourceReaderCallback *This, HRESULT hr, DWORD s, DWORD f, LONGLONG t,
                                            IMFSample *sample)
{
    hand_locked *l = (hand_locked *)(void *)This;
    HRESULT r = MFCB_E_SHUTDOWN;
    lock_take(&l->lock);
    if (!l->closed)
        r = hand_read(This, hr, s, f, t, sample);
    lock_give(&l->lock);
    return r;
}
static IMFSourceReaderCallbackVtbl locked_vtbl = {hand_qi, hand_addref, hand_release, locked_read, hand_flush,
                                                  hand_event};

static IMFSourceReaderCallback *new_hand_locked(void)
{
    hand_locked *l = (hand_locked *)calloc(1, sizeof *l);
    l->h.iface.lpVtbl = &locked_vtbl;
    l->h.refs = 1;
    lock_init(&l->lock);
    return &l->h.iface;
}

static HRESULT empty_read(void *ctx, HRESULT hr, DWORD s, DWORD f, LONGLONG t, IMFSample *sample)
{
    (void)ctx, (void)hr, (void)s, (void)f, (void)t, (void)sample;
    return S_OK;
}

static IMFSourceReaderCallback *new_gen(mfcb_queue *q, HRESULT (*read)(void *, HRESULT, DWORD, DWORD, LONGLONG, IMFSample *),
                                        void *ctx)
{
    mfcb_IMFSourceReaderCallback_handlers h = {NULL, NULL, NULL};
    mfcb_options opt = MFCB_OPTIONS_INIT;
    IMFSourceReaderCallback *cb = NULL;
    h.OnReadSample = read;
    opt.queue = q;
    if (FAILED(mfcb_IMFSourceReaderCallback_new(&h, ctx, &opt, &cb)))
        exit(1);
    return cb;
}

/* ---- 1 and 2: direct calls, AddRef + Release ---- */

static double time_calls(IMFSourceReaderCallback *volatile cb, long n)
{
    double t0 = now_ns();
    long i;
    for (i = 0; i < n; i++)
        IMFSourceReaderCallback_OnReadSample(cb, S_OK, 0, 0, i, NULL);
    return (now_ns() - t0) / (double)n;
}

static double time_refs(IMFSourceReaderCallback *volatile cb, long n)
{
    double t0 = now_ns();
    long i;
    for (i = 0; i < n; i++) {
        IMFSourceReaderCallback_AddRef(cb);
        IMFSourceReaderCallback_Release(cb);
    }
    return (now_ns() - t0) / (double)n;
}

#define ROUNDS 9

static void compare(const char *what, double (*fn)(IMFSourceReaderCallback *volatile, long), long n, double target,
                    IMFSourceReaderCallback *(*make_hand)(void), const char *hand_name)
{
    IMFSourceReaderCallback *gen = new_gen(NULL, empty_read, NULL), *h = make_hand();
    double g[ROUNDS], w[ROUNDS], mg, mw;
    int r;
    fn(gen, n / 10), fn(h, n / 10); /* warm up */
    for (r = 0; r < ROUNDS; r++) {
        g[r] = fn(gen, n);
        w[r] = fn(h, n);
    }
    mg = median(g, ROUNDS);
    mw = median(w, ROUNDS);
    printf("%-28s generated %6.2f ns   %s %6.2f ns   ratio %.2f", what, mg, hand_name, mw, mg / mw);
    if (target > 0)
        printf(" (target <= %.2f)", target);
    printf("\n");
    IMFSourceReaderCallback_Release(gen);
    IMFSourceReaderCallback_Release(h);
}

/* ---- 3 and 4: queued dispatch against a mutex + condition variable queue written the obvious way ---- */

typedef struct node {
    struct node *next;
    HRESULT hr;
    DWORD stream, flags;
    LONGLONG ts;
    IMFSample *sample;
} node;

typedef struct mq {
    bench_lock lock;
    bench_cond cond;
    node *head, *tail;
} mq;

typedef struct counter {
    volatile long done;
    double *lat;
    long nlat;
} counter;

static HRESULT count_read(void *ctx, HRESULT hr, DWORD s, DWORD f, LONGLONG ts, IMFSample *sample)
{
    counter *c = (counter *)ctx;
    (void)hr, (void)s, (void)f, (void)sample;
    if (c->lat)
        c->lat[c->nlat++] = now_ns() - (double)ts;
    c->done++;
    return S_OK;
}

/* The baseline's callback: allocate, lock, append, signal. */
static void mq_push(mq *q, LONGLONG ts)
{
    node *n = (node *)malloc(sizeof *n);
    n->next = NULL;
    n->hr = S_OK;
    n->stream = n->flags = 0;
    n->ts = ts;
    n->sample = NULL;
    lock_take(&q->lock);
    if (q->tail)
        q->tail->next = n;
    else
        q->head = n;
    q->tail = n;
    cond_signal(&q->cond);
    lock_give(&q->lock);
}

static node *mq_pop(mq *q)
{
    node *n;
    lock_take(&q->lock);
    while (!q->head)
        cond_wait(&q->cond, &q->lock);
    n = q->head;
    q->head = n->next;
    if (!q->head)
        q->tail = NULL;
    lock_give(&q->lock);
    return n;
}

typedef struct producer {
    IMFSourceReaderCallback *cb; /* ours, or NULL for the baseline */
    mq *q;
    long n;
    double gap_ns; /* latency runs space the calls out */
} producer;

static void *produce(void *arg)
{
    producer *p = (producer *)arg;
    long i;
    for (i = 0; i < p->n; i++) {
        LONGLONG ts = (LONGLONG)now_ns();
        if (p->cb)
            IMFSourceReaderCallback_OnReadSample(p->cb, S_OK, 0, 0, ts, NULL);
        else
            mq_push(p->q, ts);
        if (p->gap_ns > 0)
            pause_ns(p->gap_ns);
    }
    return NULL;
}

/* Runs 2 producers of n calls each against one consumer; returns calls per second. */
static double run_queue(int ours, long n, double gap_ns, counter *c)
{
    bench_thread t[2];
    producer p[2];
    mfcb_queue *q = NULL;
    mq m;
    IMFSourceReaderCallback *cb = NULL;
    double t0;
    int i;
    memset(&m, 0, sizeof m);
    lock_init(&m.lock);
    cond_init(&m.cond);
    if (ours) {
        mfcb_queue_new(&q);
        cb = new_gen(q, count_read, c);
    }
    t0 = now_ns();
    for (i = 0; i < 2; i++) {
        p[i].cb = cb;
        p[i].q = &m;
        p[i].n = n;
        p[i].gap_ns = gap_ns;
        thread_start(&t[i], &p[i]);
    }
    if (ours) {
        while (c->done < 2 * n)
            mfcb_queue_dispatch(q, 100);
    } else {
        while (c->done < 2 * n) {
            node *nd = mq_pop(&m);
            count_read(c, nd->hr, nd->stream, nd->flags, nd->ts, nd->sample);
            free(nd);
        }
    }
    t0 = now_ns() - t0;
    for (i = 0; i < 2; i++)
        thread_join(t[i]);
    if (ours) {
        IMFSourceReaderCallback_Release(cb);
        mfcb_queue_free(q);
    }
    lock_destroy(&m.lock);
    cond_destroy(&m.cond);
    return (double)(2 * n) / (t0 / 1e9);
}

static void bench_throughput(void)
{
    double a[ROUNDS], b[ROUNDS], ma, mb;
    int r;
    for (r = 0; r < ROUNDS; r++) {
        counter c1 = {0, NULL, 0}, c2 = {0, NULL, 0};
        a[r] = run_queue(1, 200000, 0, &c1);
        b[r] = run_queue(0, 200000, 0, &c2);
    }
    ma = median(a, ROUNDS);
    mb = median(b, ROUNDS);
    printf("%-28s mfcb queue %5.2f M/s   " QUEUE_NAME " %5.2f M/s   ratio %.2f (target >= 2.00)\n",
           "queued throughput, 2 -> 1", ma / 1e6, mb / 1e6, ma / mb);
}

static void bench_latency(void)
{
    long n = 10000;
    double *la = (double *)malloc(sizeof(double) * 2 * (size_t)n), *lb = (double *)malloc(sizeof(double) * 2 * (size_t)n);
    counter c1 = {0, la, 0}, c2 = {0, lb, 0};
    double a50, a99, b50, b99;
    run_queue(1, n, 50000, &c1); /* a call about every 50 us from each producer */
    run_queue(0, n, 50000, &c2);
    qsort(la, (size_t)c1.nlat, sizeof *la, cmp_double);
    qsort(lb, (size_t)c2.nlat, sizeof *lb, cmp_double);
    a50 = la[c1.nlat / 2] / 1e3, a99 = la[c1.nlat * 99 / 100] / 1e3;
    b50 = lb[c2.nlat / 2] / 1e3, b99 = lb[c2.nlat * 99 / 100] / 1e3;
    printf("%-28s mfcb median %6.1f us p99 %7.1f us   " QUEUE_NAME " median %6.1f us p99 %7.1f us   ratio %.2f / %.2f\n",
           "queued latency, call->run", a50, a99, b50, b99, a50 / b50, a99 / b99);
    free(la);
    free(lb);
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "all";
    if (strcmp(what, "ir") == 0 && argc == 4) {
        /* for callgrind: exactly N calls of one kind, so two runs give the instructions per call */
        long n = atol(argv[3]);
        IMFSourceReaderCallback *cb = strcmp(argv[2], "gen") == 0 ? new_gen(NULL, empty_read, NULL) : new_hand();
        time_calls(cb, n);
        IMFSourceReaderCallback_Release(cb);
        return 0;
    }
    if (!strcmp(what, "all") || !strcmp(what, "direct"))
        compare("direct OnReadSample", time_calls, 20000000, 1.25, new_hand, "hand-written");
    if (!strcmp(what, "all") || !strcmp(what, "direct"))
        compare("direct OnReadSample", time_calls, 20000000, 0, new_hand_locked, "hand-written, " LOCK_NAME);
    if (!strcmp(what, "all") || !strcmp(what, "addref"))
        compare("AddRef + Release", time_refs, 20000000, 1.05, new_hand, "hand-written");
    if (!strcmp(what, "all") || !strcmp(what, "queue"))
        bench_throughput();
    if (!strcmp(what, "all") || !strcmp(what, "latency"))
        bench_latency();
    return 0;
}
