/* test_contract.c -- the runtime contract in the patterns applications use (runtime/CONTRACT.md): a handler
   closing its own object, concurrent closers, a dropped last reference, queues fed by short-lived threads,
   queue teardown races, nested dispatch, tracer switching. Each test is bounded by a watchdog; the numbers
   are the clauses of the contract they hold. Runs natively, under both sanitizers and under Wine. */
#define COBJMACROS
#include <string.h>

#include "check.h"
#include "mfreadwrite.cb.h"
#include "thread.h"

/* Every allocation the runtime makes goes through here: live ones are counted, so that a leaked queue or
   record shows; and allocation can be made to fail. */
static at_int allocs_live, allocs_fail;
static void *test_alloc(void *ud, void *ptr, size_t n)
{
    (void)ud;
    if (n == 0) {
        if (ptr)
            AT_ADD(&allocs_live, -1);
        free(ptr);
        return NULL;
    }
    if (AT_LOAD(&allocs_fail))
        return NULL;
    if (ptr)
        return realloc(ptr, n);
    ptr = malloc(n);
    if (ptr)
        AT_ADD(&allocs_live, 1);
    return ptr;
}

/* A stand-in IMFSample that counts its references. */
typedef struct counted {
    IUnknownVtbl *vtbl;
    at_int refs;
} counted;
static HRESULT STDMETHODCALLTYPE c_qi(IUnknown *u, REFIID riid, void **ppv)
{
    (void)u, (void)riid;
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG STDMETHODCALLTYPE c_addref(IUnknown *u) { return (ULONG)AT_ADD(&((counted *)u)->refs, 1) + 1; }
static ULONG STDMETHODCALLTYPE c_release(IUnknown *u) { return (ULONG)AT_ADD(&((counted *)u)->refs, -1) - 1; }
static IUnknownVtbl counted_vtbl = {c_qi, c_addref, c_release};
static IMFSample *counted_init(counted *c)
{
    c->vtbl = &counted_vtbl;
    AT_STORE(&c->refs, 1);
    return (IMFSample *)(void *)c;
}

/* The application's state behind one object: heap-allocated and freed by ctx_release, so that the
   sanitizers see any use after the release. */
typedef struct app {
    IMFSourceReaderCallback *self;
    mfcb_queue *q;
    at_int ran, inside, entered, close_at, releases;
    at_int ran_at_release, inside_at_release;
    unsigned long dispatcher;
    at_int wrong_thread;
    LONGLONG next;
    at_int out_of_order;
} app;

static at_int releases, inside_at_release, ran_at_release;
static void release_app(void *ctx)
{
    app *a = (app *)ctx;
    AT_ADD(&releases, 1);
    AT_ADD(&inside_at_release, AT_LOAD(&a->inside));
    AT_STORE(&ran_at_release, AT_LOAD(&a->ran));
    free(a);
}

static app *new_app(mfcb_queue *q, const mfcb_IMFSourceReaderCallback_handlers *h)
{
    app *a = (app *)calloc(1, sizeof *a);
    mfcb_options opt = MFCB_OPTIONS_INIT;
    CHECK(a);
    a->q = q;
    a->close_at = -1;
    a->dispatcher = thr_self();
    opt.ctx_release = release_app;
    opt.queue = q;
    CHECK(mfcb_IMFSourceReaderCallback_new(h, a, &opt, &a->self) == S_OK);
    AT_STORE(&releases, 0);
    AT_STORE(&inside_at_release, 0);
    AT_STORE(&ran_at_release, -1);
    return a;
}

/* The common handler: counts, checks order and thread, and closes its own object at close_at. */
static HRESULT on_sample(void *ctx, HRESULT st, DWORD stream, DWORD flags, LONGLONG ts, IMFSample *sample)
{
    app *a = (app *)ctx;
    (void)st, (void)stream, (void)flags, (void)sample;
    AT_ADD(&a->inside, 1);
    if (a->q && thr_self() != a->dispatcher)
        AT_ADD(&a->wrong_thread, 1);
    if (ts != a->next)
        AT_ADD(&a->out_of_order, 1);
    a->next = ts + 1;
    AT_ADD(&a->ran, 1);
    if (ts == AT_LOAD(&a->close_at))
        CHECK(mfcb_close(a->self) == S_OK);
    AT_ADD(&a->inside, -1); /* after the close: the context must still be there */
    return S_OK;
}
static const mfcb_IMFSourceReaderCallback_handlers sample_handlers = {on_sample, NULL, NULL};

/* 1, 2: a queued handler closes its own object: the calls queued behind it never run, and the context is
   released once, after that handler returned. */
static void test_queued_self_close(void)
{
    IMFSourceReaderCallback *self;
    mfcb_queue *q;
    app *a;
    int i;
    watchdog_step = "queued self-close";
    CHECK(mfcb_queue_new(&q) == S_OK);
    a = new_app(q, &sample_handlers);
    self = a->self;
    a->close_at = 5;
    for (i = 0; i < 10; i++)
        CHECK(IMFSourceReaderCallback_OnReadSample(self, S_OK, 0, 0, i, NULL) == S_OK);
    CHECK(mfcb_queue_dispatch(q, 0) == 6); /* a is gone now: ctx_release freed it */
    CHECK(AT_LOAD(&releases) == 1 && AT_LOAD(&ran_at_release) == 6 && AT_LOAD(&inside_at_release) == 0);
    CHECK(IMFSourceReaderCallback_OnReadSample(self, S_OK, 0, 0, 10, NULL) == MFCB_E_SHUTDOWN);
    CHECK(mfcb_queue_dispatch(q, 0) == 0);
    IMFSourceReaderCallback_Release(self);
    mfcb_queue_free(q);
    CHECK(mfcb_live_objects() == 0 && AT_LOAD(&releases) == 1);
}

/* 2: the same for a direct call: the context outlives the handler that closed its object. */
static void test_direct_self_close(void)
{
    app *a = new_app(NULL, &sample_handlers);
    IMFSourceReaderCallback *self = a->self;
    watchdog_step = "direct self-close";
    a->close_at = 0;
    CHECK(IMFSourceReaderCallback_OnReadSample(self, S_OK, 0, 0, 0, NULL) == S_OK);
    CHECK(AT_LOAD(&releases) == 1 && AT_LOAD(&inside_at_release) == 0);
    CHECK(IMFSourceReaderCallback_OnReadSample(self, S_OK, 0, 0, 1, NULL) == MFCB_E_SHUTDOWN);
    IMFSourceReaderCallback_Release(self);
    CHECK(mfcb_live_objects() == 0 && AT_LOAD(&releases) == 1);
}

/* 3: two calls of one object whose handlers both close it, at once: neither waits for the other, and the
   context is released once, after both returned. */
static HRESULT on_sample_close_together(void *ctx, HRESULT st, DWORD stream, DWORD flags, LONGLONG ts,
                                        IMFSample *sample)
{
    app *a = (app *)ctx;
    (void)st, (void)stream, (void)flags, (void)ts, (void)sample;
    AT_ADD(&a->inside, 1);
    AT_ADD(&a->entered, 1);
    CHECK(wait_for(&a->entered, 2, 10000)); /* both handlers are running */
    CHECK(mfcb_close(a->self) == S_OK);
    CHECK(AT_LOAD(&releases) == 0);
    AT_ADD(&a->inside, -1);
    return S_OK;
}
static void *call_once(void *arg)
{
    IMFSourceReaderCallback *cb = (IMFSourceReaderCallback *)arg;
    CHECK(IMFSourceReaderCallback_OnReadSample(cb, S_OK, 0, 0, 0, NULL) == S_OK);
    IMFSourceReaderCallback_Release(cb);
    return NULL;
}
static void test_two_closing_handlers(void)
{
    static const mfcb_IMFSourceReaderCallback_handlers h = {on_sample_close_together, NULL, NULL};
    int round;
    watchdog_step = "two handlers closing their object at once";
    for (round = 0; round < 20; round++) {
        app *a = new_app(NULL, &h);
        IMFSourceReaderCallback *self = a->self;
        thr_t t[2];
        int i;
        for (i = 0; i < 2; i++) {
            IMFSourceReaderCallback_AddRef(self);
            thr_create(&t[i], call_once, self);
        }
        for (i = 0; i < 2; i++)
            thr_join(t[i]);
        CHECK(AT_LOAD(&releases) == 1 && AT_LOAD(&inside_at_release) == 0);
        IMFSourceReaderCallback_Release(self);
    }
    CHECK(mfcb_live_objects() == 0);
}

/* 4: records come back to their queue whatever thread made them: producers that come and go, and one
   thread feeding two queues in turn, leave the pools as large as the most calls ever pending, and no
   queued call ever runs on a producer. */
typedef struct feed {
    IMFSourceReaderCallback *cb[2];
    int n;
    LONGLONG first;
} feed;
static void *produce(void *arg)
{
    feed *f = (feed *)arg;
    int i, k;
    for (i = 0; i < f->n; i++)
        for (k = 0; k < 2 && f->cb[k]; k++)
            CHECK(IMFSourceReaderCallback_OnReadSample(f->cb[k], S_OK, 0, 0, f->first + i, NULL) == S_OK);
    return NULL;
}
static void test_pool_short_lived_producers(void)
{
    mfcb_queue *q1, *q2;
    app *a, *b;
    int round;
    watchdog_step = "short-lived producers";
    CHECK(mfcb_queue_new(&q1) == S_OK && mfcb_queue_new(&q2) == S_OK);
    a = new_app(q1, &sample_handlers);
    b = new_app(q2, &sample_handlers);
    for (round = 0; round < 200; round++) {
        feed f;
        thr_t t;
        f.cb[0] = a->self;
        f.cb[1] = round % 2 ? b->self : NULL; /* every other thread feeds both queues */
        f.n = 10;
        f.first = (LONGLONG)round * 10;
        thr_create(&t, produce, &f);
        thr_join(t);
        CHECK(mfcb_queue_dispatch(q1, 0) == 10);
        if (round % 2)
            CHECK(mfcb_queue_dispatch(q2, 0) == 10);
    }
    CHECK(mfcb_queue_records(q1) <= 10 && mfcb_queue_records(q2) <= 10);
    CHECK(AT_LOAD(&a->ran) == 2000 && AT_LOAD(&a->wrong_thread) == 0 && AT_LOAD(&a->out_of_order) == 0);
    CHECK(AT_LOAD(&b->ran) == 1000 && AT_LOAD(&b->wrong_thread) == 0);
    IMFSourceReaderCallback_Release(a->self);
    IMFSourceReaderCallback_Release(b->self);
    mfcb_queue_free(q1);
    mfcb_queue_free(q2);
    CHECK(mfcb_live_objects() == 0);
}

/* The soak: the queued reader pattern with producer threads that live for 50 calls each, three at a time,
   while the application's thread dispatches; the pool stays within what was ever pending at once. */
typedef struct soak {
    IMFSourceReaderCallback *cb;
    counted *sample;
    at_int started;
} soak;
static void *soak_produce(void *arg)
{
    soak *s = (soak *)arg;
    int i;
    for (i = 0; i < 50; i++)
        CHECK(IMFSourceReaderCallback_OnReadSample(s->cb, S_OK, 1, 0, 0, (IMFSample *)(void *)s->sample) == S_OK);
    return NULL;
}
static HRESULT on_soak(void *ctx, HRESULT st, DWORD stream, DWORD flags, LONGLONG ts, IMFSample *sample)
{
    app *a = (app *)ctx;
    (void)st, (void)stream, (void)flags, (void)ts, (void)sample;
    if (thr_self() != a->dispatcher)
        AT_ADD(&a->wrong_thread, 1);
    AT_ADD(&a->ran, 1);
    return S_OK;
}
static void test_soak(void)
{
    static const mfcb_IMFSourceReaderCallback_handlers h = {on_soak, NULL, NULL};
    mfcb_queue *q;
    counted sample;
    soak s;
    app *a;
    int round, ran = 0, producers = test_threads(3); /* each makes 50 calls a round */
    watchdog_step = "soak";
    CHECK(mfcb_queue_new(&q) == S_OK);
    a = new_app(q, &h);
    s.cb = a->self;
    s.sample = &sample;
    counted_init(&sample);
    for (round = 0; round < 100; round++) {
        thr_t t[TEST_THREADS_MAX];
        int i;
        for (i = 0; i < producers; i++)
            thr_create(&t[i], soak_produce, &s);
        for (i = 0; i < producers; i++) {
            ran += mfcb_queue_dispatch(q, 0);
            thr_join(t[i]);
        }
        while (ran < (round + 1) * 50 * producers)
            ran += mfcb_queue_dispatch(q, 1000);
    }
    CHECK(ran == 5000 * producers && AT_LOAD(&a->ran) == 5000 * producers && AT_LOAD(&a->wrong_thread) == 0);
    CHECK(mfcb_queue_records(q) <= 50 * producers);
    CHECK(AT_LOAD(&sample.refs) == 1);
    IMFSourceReaderCallback_Release(a->self);
    mfcb_queue_free(q);
    CHECK(mfcb_live_objects() == 0);
}

/* 5: the last Release of a queued object with calls pending needs nothing it could fail to get: with
   allocation failing, the calls are dropped, their samples released, the object freed once, after the
   dispatcher is done with it. */
static void test_last_release_pending_no_memory(void)
{
    mfcb_queue *q;
    counted sample;
    app *a;
    int i;
    watchdog_step = "last Release with calls pending and no memory";
    CHECK(mfcb_queue_new(&q) == S_OK);
    a = new_app(q, &sample_handlers);
    counted_init(&sample);
    for (i = 0; i < 300; i++)
        CHECK(IMFSourceReaderCallback_OnReadSample(a->self, S_OK, 0, 0, i, (IMFSample *)(void *)&sample) == S_OK);
    AT_STORE(&allocs_fail, 1);
    IMFSourceReaderCallback_Release(a->self);
    AT_STORE(&allocs_fail, 0);
    CHECK(AT_LOAD(&releases) == 1 && mfcb_live_objects() == 1); /* closed; its records still refer to it */
    CHECK(mfcb_queue_dispatch(q, 0) == 0);
    CHECK(mfcb_live_objects() == 0 && AT_LOAD(&sample.refs) == 1);
    mfcb_queue_free(q);
}

/* 6: mfcb_queue_free racing the object's last Release on another thread, in either order: nothing leaks,
   nothing is used after it was freed. */
typedef struct race {
    IMFSourceReaderCallback *cb;
    mfcb_queue *q;
    at_int go;
} race;
static void *race_release(void *arg)
{
    race *r = (race *)arg;
    AT_ADD(&r->go, 1);
    while (AT_LOAD(&r->go) < 2)
        ;
    IMFSourceReaderCallback_Release(r->cb);
    return NULL;
}
static void test_free_races_last_release(void)
{
    int round;
    long base = AT_LOAD(&allocs_live);
    watchdog_step = "queue free racing the last Release";
    for (round = 0; round < 500; round++) {
        counted sample;
        race r;
        thr_t t;
        app *a;
        int i;
        CHECK(mfcb_queue_new(&r.q) == S_OK);
        a = new_app(r.q, &sample_handlers);
        r.cb = a->self;
        AT_STORE(&r.go, 0);
        counted_init(&sample);
        for (i = 0; i < 20; i++)
            IMFSourceReaderCallback_OnReadSample(r.cb, S_OK, 0, 0, i, (IMFSample *)(void *)&sample);
        thr_create(&t, race_release, &r);
        AT_ADD(&r.go, 1);
        while (AT_LOAD(&r.go) < 2)
            ;
        mfcb_queue_free(r.q);
        thr_join(t);
        CHECK(mfcb_live_objects() == 0 && AT_LOAD(&sample.refs) == 1 && AT_LOAD(&releases) == 1);
    }
    CHECK(AT_LOAD(&allocs_live) == base); /* every queue and record went back */
}

/* 7: mfcb_queue_dispatch from inside a queued handler runs what was queued after it (a nested message
   loop); mfcb_queue_free from inside one drops the rest and takes effect when the outer dispatch returns. */
static at_int nested_ran;
static HRESULT on_sample_nested(void *ctx, HRESULT st, DWORD stream, DWORD flags, LONGLONG ts, IMFSample *sample)
{
    app *a = (app *)ctx;
    (void)st, (void)stream, (void)flags, (void)sample;
    if (ts != a->next)
        AT_ADD(&a->out_of_order, 1);
    a->next = ts + 1;
    AT_ADD(&a->ran, 1);
    if (ts == 1)
        AT_STORE(&nested_ran, mfcb_queue_dispatch(a->q, 0));
    if (ts == 7)
        mfcb_queue_free(a->q);
    return S_OK;
}
static void test_nested_dispatch_and_free(void)
{
    static const mfcb_IMFSourceReaderCallback_handlers h = {on_sample_nested, NULL, NULL};
    long base = AT_LOAD(&allocs_live);
    counted sample;
    mfcb_queue *q;
    app *a;
    int i;
    watchdog_step = "dispatch and free from inside a queued handler";
    CHECK(mfcb_queue_new(&q) == S_OK);
    a = new_app(q, &h);
    counted_init(&sample);
    for (i = 0; i < 5; i++)
        IMFSourceReaderCallback_OnReadSample(a->self, S_OK, 0, 0, i, (IMFSample *)(void *)&sample);
    CHECK(mfcb_queue_dispatch(q, 0) == 2 && AT_LOAD(&nested_ran) == 3);
    CHECK(AT_LOAD(&a->ran) == 5 && AT_LOAD(&a->out_of_order) == 0);
    for (i = 5; i < 10; i++)
        IMFSourceReaderCallback_OnReadSample(a->self, S_OK, 0, 0, i, (IMFSample *)(void *)&sample);
    CHECK(mfcb_queue_dispatch(q, 0) == 3); /* 5, 6, 7; 7 frees the queue, 8 and 9 are dropped */
    CHECK(AT_LOAD(&a->ran) == 8 && AT_LOAD(&sample.refs) == 1);
    /* the queue is gone: the object refuses what it can no longer queue */
    CHECK(IMFSourceReaderCallback_OnReadSample(a->self, S_OK, 0, 0, 10, NULL) == MFCB_E_SHUTDOWN);
    CHECK(AT_LOAD(&a->ran) == 8);
    IMFSourceReaderCallback_Release(a->self);
    CHECK(mfcb_live_objects() == 0 && AT_LOAD(&allocs_live) == base);
}

/* 7, 8: a thread waiting in mfcb_queue_dispatch for its turn while the owner's handler frees the queue (a
   player torn down from its own callback while a second thread also pumps the queue): the waiter returns
   0 once the queue is freed, and the queue's memory goes after both dispatch calls returned. */
typedef struct pumping {
    app *a;
    thr_t t;
    at_int waiter_in, waiter_out, waiter_ran;
} pumping;
static pumping pump;
static void *second_pump(void *arg)
{
    (void)arg;
    AT_STORE(&pump.waiter_in, 1);
    AT_STORE(&pump.waiter_ran, mfcb_queue_dispatch(pump.a->q, 60000));
    AT_STORE(&pump.waiter_out, 1);
    return NULL;
}
static HRESULT on_sample_teardown(void *ctx, HRESULT st, DWORD stream, DWORD flags, LONGLONG ts, IMFSample *sample)
{
    app *a = (app *)ctx;
    (void)st, (void)stream, (void)flags, (void)ts, (void)sample;
    thr_create(&pump.t, second_pump, NULL); /* started here, so that this thread owns the queue */
    CHECK(wait_for(&pump.waiter_in, 1, 60000));
    thr_sleep_ms(200); /* the second pump is waiting for its turn by now */
    CHECK(AT_LOAD(&pump.waiter_out) == 0);
    CHECK(IMFSourceReaderCallback_Release(a->self) == 0); /* this handler's object: gone after it returns */
    mfcb_queue_free(a->q);
    return S_OK;
}
static void test_free_under_waiting_dispatcher(void)
{
    static const mfcb_IMFSourceReaderCallback_handlers h = {on_sample_teardown, NULL, NULL};
    long base = AT_LOAD(&allocs_live);
    mfcb_queue *q;
    watchdog_step = "a queue freed by its dispatcher's handler while another thread waits for its turn";
    memset(&pump, 0, sizeof pump);
    CHECK(mfcb_queue_new(&q) == S_OK);
    pump.a = new_app(q, &h);
    CHECK(IMFSourceReaderCallback_OnReadSample(pump.a->self, S_OK, 0, 0, 0, NULL) == S_OK);
    CHECK(mfcb_queue_dispatch(q, MFCB_INFINITE) == 1);
    thr_join(pump.t);
    CHECK(AT_LOAD(&pump.waiter_ran) == 0 && AT_LOAD(&releases) == 1);
    CHECK(mfcb_live_objects() == 0 && AT_LOAD(&allocs_live) == base);
}

/* 7: a dispatch pass runs the calls pending when it started (or, when it waited, when the first arrived),
   not those its handlers queue meanwhile: a handler that re-posts itself lets the pass return, so a message
   loop (MsgWaitForMultipleObjects, then mfcb_queue_dispatch(q, 0)) keeps its other work going. */
static at_int reposts;
static HRESULT on_sample_repost_self(void *ctx, HRESULT st, DWORD stream, DWORD flags, LONGLONG ts,
                                     IMFSample *sample)
{
    app *a = (app *)ctx;
    (void)st, (void)stream, (void)flags, (void)sample;
    AT_ADD(&a->ran, 1);
    if (AT_ADD(&reposts, 1) < 100000) /* bounded: without the rule one pass would run them all */
        CHECK(IMFSourceReaderCallback_OnReadSample(a->self, S_OK, 0, 0, ts + 1, NULL) == S_OK);
    return S_OK;
}
static void test_dispatch_pass_bounded(void)
{
    static const mfcb_IMFSourceReaderCallback_handlers h = {on_sample_repost_self, NULL, NULL};
    IMFSourceReaderCallback *self;
    mfcb_queue *q;
    app *a;
    watchdog_step = "a dispatch pass with a handler re-posting itself";
    AT_STORE(&reposts, 0);
    CHECK(mfcb_queue_new(&q) == S_OK);
    a = new_app(q, &h);
    self = a->self;
    CHECK(IMFSourceReaderCallback_OnReadSample(self, S_OK, 0, 0, 0, NULL) == S_OK);
    CHECK(IMFSourceReaderCallback_OnReadSample(self, S_OK, 0, 0, 0, NULL) == S_OK);
    CHECK(mfcb_queue_dispatch(q, 0) == 2); /* the two pending; each re-posted once */
    CHECK(mfcb_queue_dispatch(q, 0) == 2);
    CHECK(mfcb_queue_dispatch(q, 1000) == 2); /* calls pending: no wait, the same rule */
    CHECK(AT_LOAD(&a->ran) == 6);
    CHECK(mfcb_close(self) == S_OK); /* a is gone; the two re-posted calls are dropped */
    CHECK(mfcb_queue_dispatch(q, 0) == 0);
    IMFSourceReaderCallback_Release(self);
    mfcb_queue_free(q);
    CHECK(mfcb_live_objects() == 0);
}

/* 8: switching tracers while calls are traced on another thread: each tracer sees its own user pointer,
   and none is called after mfcb_set_trace(NULL, NULL) returned. */
typedef struct tracer {
    at_int calls, foreign, after_off;
} tracer;
static tracer tr_a, tr_b;
static at_int tracing_off, tracing_stop, traced_calls_made;
/* A tracer that takes a moment, as one writing to a log does. */
static void linger(void)
{
    int i;
    for (i = 0; i < 20; i++)
        thr_yield();
}
static void trace_a(void *user, const mfcb_trace_call *c)
{
    (void)c;
    if (user != &tr_a)
        AT_ADD(&tr_a.foreign, 1);
    linger();
    if (AT_LOAD(&tracing_off))
        AT_ADD(&tr_a.after_off, 1);
    AT_ADD(&tr_a.calls, 1);
}
static void trace_b(void *user, const mfcb_trace_call *c)
{
    (void)c;
    if (user != &tr_b)
        AT_ADD(&tr_b.foreign, 1);
    linger();
    if (AT_LOAD(&tracing_off))
        AT_ADD(&tr_b.after_off, 1);
    AT_ADD(&tr_b.calls, 1);
}
static void *traced_calls(void *arg)
{
    IMFSourceReaderCallback *cb = (IMFSourceReaderCallback *)arg;
    while (!AT_LOAD(&tracing_stop)) {
        IMFSourceReaderCallback_OnFlush(cb, 0);
        AT_ADD(&traced_calls_made, 1);
    }
    return NULL;
}
static void test_tracer_switching(void)
{
    app *a = new_app(NULL, &sample_handlers);
    thr_t t[2];
    double start;
    int i;
    watchdog_step = "switching tracers";
    for (i = 0; i < 2; i++)
        thr_create(&t[i], traced_calls, a->self);
    while (AT_LOAD(&traced_calls_made) < 100)
        thr_yield();
    /* 2000 switches, or fewer on a busy machine (where each waits for a lingering tracer): bounded in time,
       once both tracers were called */
    start = thr_now_ms();
    for (i = 0; i < 2000; i++) {
        mfcb_set_trace(i % 2 ? trace_b : trace_a, i % 2 ? (void *)&tr_b : (void *)&tr_a);
        thr_yield();
        if (thr_now_ms() - start > 5000 && AT_LOAD(&tr_a.calls) > 0 && AT_LOAD(&tr_b.calls) > 0)
            break;
    }
    mfcb_set_trace(NULL, NULL);
    AT_STORE(&tracing_off, 1);
    thr_sleep_ms(20);
    AT_STORE(&tracing_stop, 1);
    for (i = 0; i < 2; i++)
        thr_join(t[i]);
    CHECK(AT_LOAD(&tr_a.calls) > 0 && AT_LOAD(&tr_b.calls) > 0);
    CHECK(AT_LOAD(&tr_a.foreign) == 0 && AT_LOAD(&tr_b.foreign) == 0);
    CHECK(AT_LOAD(&tr_a.after_off) == 0 && AT_LOAD(&tr_b.after_off) == 0);
    IMFSourceReaderCallback_Release(a->self);
    CHECK(mfcb_live_objects() == 0);
}

/* 10: a handler that drops the object's last reference while its caller holds none: the object goes
   after the handler returned, the context released once, after it. */
static HRESULT on_sample_drop_last(void *ctx, HRESULT st, DWORD stream, DWORD flags, LONGLONG ts, IMFSample *sample)
{
    app *a = (app *)ctx;
    (void)st, (void)stream, (void)flags, (void)ts, (void)sample;
    AT_ADD(&a->inside, 1);
    CHECK(IMFSourceReaderCallback_Release(a->self) == 0);
    CHECK(AT_LOAD(&releases) == 0);
    AT_ADD(&a->inside, -1);
    return S_OK;
}
static void test_handler_drops_last_reference(void)
{
    static const mfcb_IMFSourceReaderCallback_handlers h = {on_sample_drop_last, NULL, NULL};
    mfcb_queue *q;
    app *a = new_app(NULL, &h);
    watchdog_step = "a handler dropping the last reference";
    CHECK(IMFSourceReaderCallback_OnReadSample(a->self, S_OK, 0, 0, 0, NULL) == S_OK);
    CHECK(AT_LOAD(&releases) == 1 && AT_LOAD(&inside_at_release) == 0 && mfcb_live_objects() == 0);
    /* the same from a queued handler */
    CHECK(mfcb_queue_new(&q) == S_OK);
    a = new_app(q, &h);
    CHECK(IMFSourceReaderCallback_OnReadSample(a->self, S_OK, 0, 0, 0, NULL) == S_OK);
    CHECK(mfcb_queue_dispatch(q, 0) == 1);
    CHECK(AT_LOAD(&releases) == 1 && AT_LOAD(&inside_at_release) == 0 && mfcb_live_objects() == 0);
    mfcb_queue_free(q);
}

/* 5, 3: a reference taken after the count reached zero, by a thread that holds the memory (inside one of the
   object's handlers or its ctx_release), keeps it; its Release gives that back, and nothing is freed twice
   or early. Each case runs on a plain object and on an MFCB_DEBUG one: it is not misuse. */
static unsigned zero_flags;
static void zero_options(mfcb_options *opt, mfcb_queue *q, void (*rel)(void *))
{
    mfcb_options_init(opt);
    opt->flags = zero_flags;
    opt->queue = q;
    opt->ctx_release = rel;
}
/* ctx_release as a player's teardown: it closes the callback it owns, though the last Release closed it. */
static at_int teardown_closes;
static void teardown_closing(void *ctx)
{
    app *a = (app *)ctx;
    CHECK(mfcb_close(a->self) == S_OK);
    AT_ADD(&teardown_closes, 1);
    release_app(ctx);
}
static void test_close_from_release_after_last_release(void)
{
    mfcb_options opt;
    counted sample;
    mfcb_queue *q;
    app *a;
    watchdog_step = "mfcb_close from ctx_release after the last Release";
    CHECK(mfcb_queue_new(&q) == S_OK);
    counted_init(&sample);
    a = (app *)calloc(1, sizeof *a);
    CHECK(a);
    zero_options(&opt, q, teardown_closing);
    CHECK(mfcb_IMFSourceReaderCallback_new(&sample_handlers, a, &opt, &a->self) == S_OK);
    AT_STORE(&releases, 0);
    AT_STORE(&teardown_closes, 0);
    CHECK(IMFSourceReaderCallback_OnReadSample(a->self, S_OK, 0, 0, 0, (IMFSample *)(void *)&sample) == S_OK);
    CHECK(IMFSourceReaderCallback_Release(a->self) == 0);
    CHECK(AT_LOAD(&teardown_closes) == 1 && AT_LOAD(&releases) == 1);
    CHECK(mfcb_live_objects() == 1); /* the pending record still holds the memory */
    CHECK(mfcb_queue_dispatch(q, 0) == 0); /* dropped: the object is closed */
    CHECK(mfcb_live_objects() == 0 && AT_LOAD(&sample.refs) == 1);
    mfcb_queue_free(q);
}
/* A handler drops the last reference, then closes its own object. */
static HRESULT on_sample_drop_then_close(void *ctx, HRESULT st, DWORD stream, DWORD flags, LONGLONG ts,
                                         IMFSample *sample)
{
    app *a = (app *)ctx;
    (void)st, (void)stream, (void)flags, (void)ts, (void)sample;
    CHECK(IMFSourceReaderCallback_Release(a->self) == 0);
    CHECK(mfcb_close(a->self) == S_OK);
    CHECK(mfcb_live_objects() == 1 && AT_LOAD(&releases) == 0); /* gone only once this handler returned */
    return S_OK;
}
static void test_handler_drops_last_then_closes(void)
{
    static const mfcb_IMFSourceReaderCallback_handlers h = {on_sample_drop_then_close, NULL, NULL};
    mfcb_options opt;
    int queued;
    watchdog_step = "a handler dropping the last reference, then closing";
    for (queued = 0; queued < 2; queued++) {
        mfcb_queue *q = NULL;
        app *a = (app *)calloc(1, sizeof *a);
        CHECK(a);
        if (queued)
            CHECK(mfcb_queue_new(&q) == S_OK);
        zero_options(&opt, q, release_app);
        CHECK(mfcb_IMFSourceReaderCallback_new(&h, a, &opt, &a->self) == S_OK);
        AT_STORE(&releases, 0);
        CHECK(IMFSourceReaderCallback_OnReadSample(a->self, S_OK, 0, 0, 0, NULL) == S_OK);
        if (q)
            CHECK(mfcb_queue_dispatch(q, 0) == 1);
        CHECK(AT_LOAD(&releases) == 1 && mfcb_live_objects() == 0);
        if (q)
            mfcb_queue_free(q);
    }
}
/* A queued handler takes a reference on its own object (as IMFAsyncCallback::Invoke re-posting itself with
   MFPutWorkItem does) while another thread drops the last reference: the reference it took keeps the
   memory until it is released. */
typedef struct reposting {
    app *a;
    at_int inside, dropped;
    IMFSourceReaderCallback *kept;
} reposting;
static reposting repost;
static HRESULT on_sample_repost(void *ctx, HRESULT st, DWORD stream, DWORD flags, LONGLONG ts, IMFSample *sample)
{
    (void)ctx, (void)st, (void)stream, (void)flags, (void)ts, (void)sample;
    AT_STORE(&repost.inside, 1);
    CHECK(wait_for(&repost.dropped, 1, 60000));
    IMFSourceReaderCallback_AddRef(repost.a->self); /* from zero */
    repost.kept = repost.a->self;
    return S_OK;
}
static void *drop_last(void *arg)
{
    (void)arg;
    CHECK(wait_for(&repost.inside, 1, 60000));
    CHECK(IMFSourceReaderCallback_Release(repost.a->self) == 0);
    AT_STORE(&repost.dropped, 1);
    return NULL;
}
static void test_queued_handler_revives(void)
{
    static const mfcb_IMFSourceReaderCallback_handlers h = {on_sample_repost, NULL, NULL};
    mfcb_options opt;
    mfcb_queue *q;
    thr_t t;
    watchdog_step = "a queued handler taking a reference while the last one is dropped";
    memset(&repost, 0, sizeof repost);
    CHECK(mfcb_queue_new(&q) == S_OK);
    repost.a = (app *)calloc(1, sizeof *repost.a);
    CHECK(repost.a);
    zero_options(&opt, q, release_app);
    CHECK(mfcb_IMFSourceReaderCallback_new(&h, repost.a, &opt, &repost.a->self) == S_OK);
    AT_STORE(&releases, 0);
    CHECK(IMFSourceReaderCallback_OnReadSample(repost.a->self, S_OK, 0, 0, 0, NULL) == S_OK);
    thr_create(&t, drop_last, NULL);
    CHECK(mfcb_queue_dispatch(q, MFCB_INFINITE) == 1);
    thr_join(t);
    /* closed by the last Release and settled after the handler; the reference it took keeps the memory */
    CHECK(AT_LOAD(&releases) == 1 && mfcb_live_objects() == 1);
    CHECK(IMFSourceReaderCallback_OnReadSample(repost.kept, S_OK, 0, 0, 1, NULL) == MFCB_E_SHUTDOWN);
    CHECK(IMFSourceReaderCallback_Release(repost.kept) == 0);
    CHECK(mfcb_live_objects() == 0);
    mfcb_queue_free(q);
}
static long quarantined; /* allocations of MFCB_DEBUG objects, which are never freed */
static void test_references_after_zero(void)
{
    for (zero_flags = 0; zero_flags <= MFCB_DEBUG; zero_flags += MFCB_DEBUG) {
        long base = AT_LOAD(&allocs_live);
        test_close_from_release_after_last_release();
        test_handler_drops_last_then_closes();
        test_queued_handler_revives();
        /* every allocation back, but the four debug objects' */
        CHECK(AT_LOAD(&allocs_live) - base == (zero_flags ? 4 : 0));
        quarantined += AT_LOAD(&allocs_live) - base;
    }
}

/* 12: a second concurrent mfcb_close returns only after the first closer's ctx_release finished. */
static at_int slow_release_started, slow_release_done;
static void slow_release(void *ctx)
{
    (void)ctx;
    AT_STORE(&slow_release_started, 1);
    thr_sleep_ms(100);
    AT_STORE(&slow_release_done, 1);
}
static void *close_it(void *arg)
{
    CHECK(mfcb_close(arg) == S_OK);
    return NULL;
}
static void test_second_closer_waits(void)
{
    mfcb_options opt = MFCB_OPTIONS_INIT;
    IMFSourceReaderCallback *cb;
    thr_t t;
    watchdog_step = "a second closer";
    opt.ctx_release = slow_release;
    CHECK(mfcb_IMFSourceReaderCallback_new(&sample_handlers, NULL, &opt, &cb) == S_OK);
    thr_create(&t, close_it, cb);
    CHECK(wait_for(&slow_release_started, 1, 10000));
    CHECK(mfcb_close(cb) == S_OK);
    CHECK(AT_LOAD(&slow_release_done) == 1);
    thr_join(t);
    IMFSourceReaderCallback_Release(cb);
    CHECK(mfcb_live_objects() == 0);
}

/* 12: a dispatcher's wait lasts its timeout, whatever other queues and objects do meanwhile. */
static void *busy_other_queue(void *arg)
{
    app *b = (app *)arg;
    int i;
    b->dispatcher = thr_self();
    for (i = 0; i < 400; i++) {
        IMFSourceReaderCallback_OnReadSample(b->self, S_OK, 0, 0, i, NULL);
        mfcb_queue_dispatch(b->q, 0);
        mfcb_queue_wake(b->q);
        thr_sleep_ms(1);
    }
    return NULL;
}
static void test_dispatch_waits_its_timeout(void)
{
    mfcb_queue *q, *q2;
    double start, waited;
    app *b;
    thr_t t;
    watchdog_step = "a dispatcher's timeout";
    CHECK(mfcb_queue_new(&q) == S_OK && mfcb_queue_new(&q2) == S_OK);
    b = new_app(q2, &sample_handlers);
    thr_create(&t, busy_other_queue, b);
    start = thr_now_ms();
    CHECK(mfcb_queue_dispatch(q, 300) == 0);
    waited = thr_now_ms() - start;
    thr_join(t);
    if (waited < 290)
        fprintf(stderr, "dispatch(q, 300) returned after %.0f ms\n", waited);
    CHECK(waited >= 290);
    IMFSourceReaderCallback_Release(b->self);
    mfcb_queue_free(q);
    mfcb_queue_free(q2);
}

/* 12: a second dispatcher waits for its turn without spinning. */
static HRESULT on_sample_slow(void *ctx, HRESULT st, DWORD stream, DWORD flags, LONGLONG ts, IMFSample *sample)
{
    app *a = (app *)ctx;
    (void)st, (void)stream, (void)flags, (void)ts, (void)sample;
    AT_STORE(&a->inside, 1);
    thr_sleep_ms(300);
    AT_STORE(&a->inside, 0);
    return S_OK;
}
static double second_cpu_ms, second_wall_ms;
static void *second_dispatcher(void *arg)
{
    app *a = (app *)arg;
    double cpu = thr_cpu_ms(), wall = thr_now_ms();
    mfcb_queue_dispatch(a->q, 1000);
    second_cpu_ms = thr_cpu_ms() - cpu;
    second_wall_ms = thr_now_ms() - wall;
    return NULL;
}
static void *first_dispatcher(void *arg)
{
    app *a = (app *)arg;
    a->dispatcher = thr_self();
    CHECK(mfcb_queue_dispatch(a->q, 1000) == 1);
    return NULL;
}
static void test_second_dispatcher_sleeps(void)
{
    static const mfcb_IMFSourceReaderCallback_handlers h = {on_sample_slow, NULL, NULL};
    mfcb_queue *q;
    thr_t t1, t2;
    app *a;
    watchdog_step = "a second dispatcher";
    CHECK(mfcb_queue_new(&q) == S_OK);
    a = new_app(q, &h);
    CHECK(IMFSourceReaderCallback_OnReadSample(a->self, S_OK, 0, 0, 0, NULL) == S_OK);
    thr_create(&t1, first_dispatcher, a);
    CHECK(wait_for(&a->inside, 1, 10000));
    thr_create(&t2, second_dispatcher, a);
    thr_join(t1);
    thr_join(t2);
    /* it waited about 300 ms for its turn, then up to 1000 ms for a call; spinning would use the 300 */
    if (second_cpu_ms > 100)
        fprintf(stderr, "the second dispatcher used %.0f ms of CPU in %.0f ms\n", second_cpu_ms, second_wall_ms);
    CHECK(second_cpu_ms <= 100);
    IMFSourceReaderCallback_Release(a->self);
    mfcb_queue_free(q);
}

/* 12: a queued call that cannot be recorded is refused with E_OUTOFMEMORY, never run on the caller's
   thread, and the trace says so; mfcb_close's own QueryInterface is not traced; a call refused after close
   is traced as refused. */
static char traced[8][160];
static int ntraced;
static void trace_log(void *user, const mfcb_trace_call *c)
{
    (void)user;
    if (ntraced < 8)
        snprintf(traced[ntraced++], sizeof traced[0], "%s::%s queued=%d refused=0x%08lx", c->iface, c->method,
                 c->queued, (unsigned long)(ULONG)c->refused);
}
static void test_refusals_traced(void)
{
    IMFSourceReaderCallback *self;
    mfcb_queue *q;
    app *a;
    watchdog_step = "refused calls";
    CHECK(mfcb_queue_new(&q) == S_OK);
    a = new_app(q, &sample_handlers);
    self = a->self;
    ntraced = 0;
    mfcb_set_trace(trace_log, NULL);
    AT_STORE(&allocs_fail, 1);
    CHECK(IMFSourceReaderCallback_OnReadSample(a->self, S_OK, 0, 0, 0, NULL) == E_OUTOFMEMORY);
    AT_STORE(&allocs_fail, 0);
    CHECK(AT_LOAD(&a->ran) == 0);
    CHECK(IMFSourceReaderCallback_OnReadSample(a->self, S_OK, 0, 0, 0, NULL) == S_OK);
    CHECK(mfcb_queue_dispatch(q, 0) == 1 && AT_LOAD(&a->ran) == 1);
    CHECK(mfcb_close(self) == S_OK); /* a is gone */
    CHECK(IMFSourceReaderCallback_OnFlush(self, 0) == MFCB_E_SHUTDOWN);
    mfcb_set_trace(NULL, NULL);
    CHECK(ntraced == 3);
    CHECK(strcmp(traced[0], "IMFSourceReaderCallback::OnReadSample queued=1 refused=0x8007000e") == 0);
    CHECK(strcmp(traced[1], "IMFSourceReaderCallback::OnReadSample queued=1 refused=0x00000000") == 0);
    CHECK(strcmp(traced[2], "IMFSourceReaderCallback::OnFlush queued=1 refused=0xc00d3e85") == 0);
    IMFSourceReaderCallback_Release(self);
    mfcb_queue_free(q);
    CHECK(mfcb_live_objects() == 0);
}

/* 9: a tracer may not close objects: mfcb_close from inside one returns MFCB_E_IN_TRACER and closes
   nothing (the traced call may be about to run that object's handler on this thread, and a close that
   waits would wait, holding the tracer's lock, for handlers whose calls wait for that lock). */
static at_int tracer_close_hr, tracer_closes;
static IMFSourceReaderCallback *tracer_target;
static void trace_closing(void *user, const mfcb_trace_call *c)
{
    (void)user, (void)c;
    if (tracer_target && AT_ADD(&tracer_closes, 1) == 0)
        AT_STORE(&tracer_close_hr, (long)mfcb_close(tracer_target));
}
static void test_tracer_cannot_close(void)
{
    IMFSourceReaderCallback *self;
    app *a;
    watchdog_step = "a tracer closing the object it traces";
    a = new_app(NULL, &sample_handlers);
    tracer_target = a->self;
    AT_STORE(&tracer_closes, 0);
    mfcb_set_trace(trace_closing, NULL);
    CHECK(IMFSourceReaderCallback_OnReadSample(a->self, S_OK, 0, 0, 0, NULL) == S_OK);
    mfcb_set_trace(NULL, NULL);
    tracer_target = NULL;
    CHECK(AT_LOAD(&tracer_close_hr) == (long)MFCB_E_IN_TRACER && AT_LOAD(&a->ran) == 1);
    CHECK(AT_LOAD(&releases) == 0); /* still open */
    CHECK(IMFSourceReaderCallback_OnReadSample(a->self, S_OK, 0, 0, 1, NULL) == S_OK && AT_LOAD(&a->ran) == 2);
    self = a->self;
    CHECK(mfcb_close(self) == S_OK && AT_LOAD(&releases) == 1); /* a is gone */
    IMFSourceReaderCallback_Release(self);
    CHECK(mfcb_live_objects() == 0);
}

static const struct {
    const char *name;
    void (*fn)(void);
} tests[] = {
    {"queued_self_close", test_queued_self_close},
    {"direct_self_close", test_direct_self_close},
    {"two_closing_handlers", test_two_closing_handlers},
    {"pool_short_lived_producers", test_pool_short_lived_producers},
    {"soak", test_soak},
    {"last_release_pending_no_memory", test_last_release_pending_no_memory},
    {"free_races_last_release", test_free_races_last_release},
    {"nested_dispatch_and_free", test_nested_dispatch_and_free},
    {"free_under_waiting_dispatcher", test_free_under_waiting_dispatcher},
    {"dispatch_pass_bounded", test_dispatch_pass_bounded},
    {"tracer_switching", test_tracer_switching},
    {"handler_drops_last_reference", test_handler_drops_last_reference},
    {"references_after_zero", test_references_after_zero},
    {"second_closer_waits", test_second_closer_waits},
    {"dispatch_waits_its_timeout", test_dispatch_waits_its_timeout},
    {"second_dispatcher_sleeps", test_second_dispatcher_sleeps},
    {"refusals_traced", test_refusals_traced},
    {"tracer_cannot_close", test_tracer_cannot_close},
};

/* usage: test_contract [NAME]: every test, or the one named */
int main(int argc, char **argv)
{
    size_t i;
    int ran = 0;
    mfcb_set_allocator(test_alloc, NULL);
    watchdog_start(120000);
    for (i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        if (argc > 1 && strcmp(argv[1], tests[i].name) != 0)
            continue;
        tests[i].fn();
        ran++;
    }
    CHECK(ran > 0);
    CHECK(mfcb_live_objects() == 0 && AT_LOAD(&allocs_live) == quarantined);
    printf("contract: %d tests ok\n", ran);
    return 0;
}
