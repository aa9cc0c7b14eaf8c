/* test_queue.c -- queued dispatch, tracing, live counts: order per object, every captured interface
   pointer released exactly once, close and queue free dropping calls without a leak, producers on other
   threads while one thread dispatches. */
#define COBJMACROS
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "features.cb.h"
#include "mfreadwrite.cb.h"

/* A stand-in IMFSample: an IUnknown that counts its references. */
typedef struct counted {
    IUnknownVtbl *vtbl;
    atomic_long refs;
} counted;
static HRESULT STDMETHODCALLTYPE c_qi(IUnknown *u, REFIID riid, void **ppv)
{
    (void)u, (void)riid;
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG STDMETHODCALLTYPE c_addref(IUnknown *u) { return (ULONG)atomic_fetch_add(&((counted *)u)->refs, 1) + 1; }
static ULONG STDMETHODCALLTYPE c_release(IUnknown *u) { return (ULONG)atomic_fetch_sub(&((counted *)u)->refs, 1) - 1; }
static IUnknownVtbl counted_vtbl = {c_qi, c_addref, c_release};
static void counted_init(counted *c)
{
    c->vtbl = &counted_vtbl;
    atomic_init(&c->refs, 1);
}

typedef struct order {
    atomic_int calls;
    LONGLONG next[8]; /* per producer: the timestamp expected next */
    int bad;
    pthread_t owner;
    int wrong_thread;
} order;

static HRESULT on_read(void *ctx, HRESULT st, DWORD producer, DWORD flags, LONGLONG ts, IMFSample *sample)
{
    order *o = (order *)ctx;
    (void)st, (void)flags;
    if (ts != o->next[producer])
        o->bad++;
    o->next[producer] = ts + 1;
    if (sample && ((counted *)sample)->refs < 2)
        o->bad++; /* the record must hold its own reference */
    if (!pthread_equal(pthread_self(), o->owner))
        o->wrong_thread++;
    atomic_fetch_add(&o->calls, 1);
    return S_OK;
}

static void test_order_and_references(void)
{
    static const mfcb_IMFSourceReaderCallback_handlers h = {on_read, NULL, NULL};
    mfcb_queue *q;
    mfcb_options opt = MFCB_OPTIONS_INIT;
    IMFSourceReaderCallback *cb;
    counted sample;
    order o;
    int i, ran = 0;
    memset(&o, 0, sizeof o);
    o.owner = pthread_self();
    counted_init(&sample);
    CHECK(mfcb_queue_new(&q) == S_OK);
    opt.queue = q;
    CHECK(mfcb_IMFSourceReaderCallback_new(&h, &o, &opt, &cb) == S_OK);
    for (i = 0; i < 1000; i++)
        CHECK(IMFSourceReaderCallback_OnReadSample(cb, S_OK, 0, 0, i, (IMFSample *)&sample) == S_OK);
    CHECK(atomic_load(&o.calls) == 0);        /* recorded, not run */
    CHECK(atomic_load(&sample.refs) == 1001); /* each record holds one reference */
    while (ran < 1000)
        ran += mfcb_queue_dispatch(q, 0);
    CHECK(ran == 1000 && o.bad == 0 && atomic_load(&sample.refs) == 1);
    CHECK(mfcb_queue_dispatch(q, 0) == 0);
    CHECK(mfcb_queue_dispatch(q, 20) == 0); /* times out */
    IMFSourceReaderCallback_Release(cb);
    mfcb_queue_free(q);
    CHECK(mfcb_live_objects() == 0);
}

static void test_close_drops(void)
{
    static const mfcb_IMFSourceReaderCallback_handlers h = {on_read, NULL, NULL};
    mfcb_queue *q;
    mfcb_options opt = MFCB_OPTIONS_INIT;
    IMFSourceReaderCallback *cb;
    counted sample;
    order o;
    int i;
    memset(&o, 0, sizeof o);
    o.owner = pthread_self();
    counted_init(&sample);
    CHECK(mfcb_queue_new(&q) == S_OK);
    opt.queue = q;
    CHECK(mfcb_IMFSourceReaderCallback_new(&h, &o, &opt, &cb) == S_OK);
    for (i = 0; i < 100; i++)
        IMFSourceReaderCallback_OnReadSample(cb, S_OK, 0, 0, i, (IMFSample *)&sample);
    CHECK(mfcb_close(cb) == S_OK);
    /* after close the object refuses new calls outright */
    CHECK(IMFSourceReaderCallback_OnReadSample(cb, S_OK, 0, 0, 0, (IMFSample *)&sample) == MFCB_E_SHUTDOWN);
    IMFSourceReaderCallback_Release(cb); /* the records still keep the object */
    CHECK(mfcb_live_objects() == 1);
    CHECK(mfcb_queue_dispatch(q, 0) == 0); /* dropped, not run */
    CHECK(atomic_load(&o.calls) == 0 && atomic_load(&sample.refs) == 1 && mfcb_live_objects() == 0);
    mfcb_queue_free(q);
}

static void test_free_with_pending(void)
{
    static const mfcb_IMFSourceReaderCallback_handlers h = {on_read, NULL, NULL};
    mfcb_queue *q;
    mfcb_options opt = MFCB_OPTIONS_INIT;
    IMFSourceReaderCallback *cb;
    counted sample;
    order o;
    int i;
    memset(&o, 0, sizeof o);
    counted_init(&sample);
    CHECK(mfcb_queue_new(&q) == S_OK);
    opt.queue = q;
    CHECK(mfcb_IMFSourceReaderCallback_new(&h, &o, &opt, &cb) == S_OK);
    for (i = 0; i < 600; i++) /* more than one chunk of records */
        IMFSourceReaderCallback_OnReadSample(cb, S_OK, 0, 0, i, (IMFSample *)&sample);
    IMFSourceReaderCallback_Release(cb);
    mfcb_queue_free(q); /* drops the 600, releasing every sample reference and the object */
    CHECK(atomic_load(&o.calls) == 0 && atomic_load(&sample.refs) == 1 && mfcb_live_objects() == 0);

    /* an object outliving its queue refuses what it would queue: no handler runs on the caller's thread */
    memset(&o, 0, sizeof o);
    o.owner = pthread_self();
    CHECK(mfcb_queue_new(&q) == S_OK);
    opt.queue = q;
    CHECK(mfcb_IMFSourceReaderCallback_new(&h, &o, &opt, &cb) == S_OK);
    mfcb_queue_free(q);
    CHECK(IMFSourceReaderCallback_OnReadSample(cb, S_OK, 0, 0, 0, NULL) == MFCB_E_SHUTDOWN);
    CHECK(atomic_load(&o.calls) == 0);
    IMFSourceReaderCallback_Release(cb);
    CHECK(mfcb_live_objects() == 0);
}

#define PRODUCERS 3
#define PER_PRODUCER 20000

typedef struct producer {
    IMFSourceReaderCallback *cb;
    counted *sample;
    DWORD id;
} producer;

static void *produce(void *arg)
{
    producer *p = (producer *)arg;
    int i;
    for (i = 0; i < PER_PRODUCER; i++)
        CHECK(IMFSourceReaderCallback_OnReadSample(p->cb, S_OK, p->id, 0, i, (IMFSample *)p->sample) == S_OK);
    return NULL;
}

static void test_producer_threads(void)
{
    static const mfcb_IMFSourceReaderCallback_handlers h = {on_read, NULL, NULL};
    mfcb_queue *q;
    mfcb_options opt = MFCB_OPTIONS_INIT;
    IMFSourceReaderCallback *cb;
    counted sample;
    order o;
    producer p[PRODUCERS];
    pthread_t t[PRODUCERS];
    int i, ran = 0;
    memset(&o, 0, sizeof o);
    o.owner = pthread_self();
    counted_init(&sample);
    CHECK(mfcb_queue_new(&q) == S_OK);
    opt.queue = q;
    CHECK(mfcb_IMFSourceReaderCallback_new(&h, &o, &opt, &cb) == S_OK);
    for (i = 0; i < PRODUCERS; i++) {
        p[i].cb = cb;
        p[i].sample = &sample;
        p[i].id = (DWORD)i;
        CHECK(pthread_create(&t[i], NULL, produce, &p[i]) == 0);
    }
    while (ran < PRODUCERS * PER_PRODUCER)
        ran += mfcb_queue_dispatch(q, 1000);
    for (i = 0; i < PRODUCERS; i++)
        pthread_join(t[i], NULL);
    CHECK(ran == PRODUCERS * PER_PRODUCER);
    CHECK(o.bad == 0 && o.wrong_thread == 0); /* in order per producer, all on this thread */
    CHECK(atomic_load(&sample.refs) == 1);
    IMFSourceReaderCallback_Release(cb);
    mfcb_queue_free(q);
    CHECK(mfcb_live_objects() == 0);
}

/* GUIDs and buffers are copied: the caller may reuse its memory as soon as the call returns. */
typedef struct data_seen {
    GUID kind;
    BYTE bytes[8];
    DWORD n;
    int raw_direct;
} data_seen;

static HRESULT on_data(void *ctx, REFGUID kind, DWORD n, const BYTE *bytes, IUnknown *unk)
{
    data_seen *d = (data_seen *)ctx;
    (void)unk;
    d->kind = *kind;
    d->n = n;
    memcpy(d->bytes, bytes, n);
    return S_OK;
}
static HRESULT on_raw(void *ctx, void *p)
{
    ((data_seen *)ctx)->raw_direct = p == ctx;
    return S_OK;
}

/* Arrays of pointers: what the elements point at has no lifetime the IDL describes, so these methods run
   direct, queue or not (a record kept as bytes would hand the handler the caller's freed strings). */
static int arrays_ran;
static HRESULT on_names(void *ctx, DWORD n, LPCWSTR *names)
{
    (void)ctx;
    arrays_ran += n == 1 && names[0][0] == L'a';
    return S_OK;
}
static HRESULT on_objects(void *ctx, DWORD n, IUnknown **objects)
{
    (void)ctx, (void)objects;
    arrays_ran += n == 1;
    return S_OK;
}
static HRESULT on_handles(void *ctx, DWORD n, HANDLE *handles)
{
    (void)ctx;
    arrays_ran += n == 1 && handles[0] == ctx;
    return S_OK;
}
static HRESULT on_labels(void *ctx, DWORD n, const LABEL *labels)
{
    (void)ctx;
    arrays_ran += n == 1 && labels[0].text[0] == L'a';
    return S_OK;
}
static void test_pointer_arrays_direct(void)
{
    mfcb_IFeatures_handlers h;
    mfcb_options opt = MFCB_OPTIONS_INIT;
    WCHAR text[2] = {L'a', 0};
    LPCWSTR names[1];
    LABEL labels[1];
    IUnknown *objects[1] = {NULL};
    HANDLE handles[1];
    mfcb_queue *q;
    IFeatures *f;
    memset(&h, 0, sizeof h);
    h.Names = on_names;
    h.Objects = on_objects;
    h.Handles = on_handles;
    h.Labels = on_labels;
    CHECK(mfcb_queue_new(&q) == S_OK);
    opt.queue = q;
    CHECK(mfcb_IFeatures_new(&h, &h, &opt, &f) == S_OK);
    names[0] = text;
    labels[0].id = 1;
    labels[0].text = text;
    handles[0] = (HANDLE)&h;
    arrays_ran = 0;
    CHECK(f->lpVtbl->Names(f, 1, names) == S_OK);
    CHECK(f->lpVtbl->Objects(f, 1, objects) == S_OK);
    CHECK(f->lpVtbl->Handles(f, 1, handles) == S_OK);
    CHECK(f->lpVtbl->Labels(f, 1, labels) == S_OK);
    CHECK(arrays_ran == 4); /* each ran before it returned */
    CHECK(mfcb_queue_dispatch(q, 0) == 0);
    IFeatures_Release(f);
    mfcb_queue_free(q);
    CHECK(mfcb_live_objects() == 0);
}

static void test_copies(void)
{
    mfcb_IFeatures_handlers h;
    mfcb_queue *q;
    mfcb_options opt = MFCB_OPTIONS_INIT;
    IFeatures *f;
    data_seen d;
    GUID g = {0x12345678, 0x9abc, 0xdef0, {1, 2, 3, 4, 5, 6, 7, 8}};
    BYTE bytes[8] = {10, 20, 30, 40, 50, 60, 70, 80};
    counted unk;
    memset(&h, 0, sizeof h);
    memset(&d, 0, sizeof d);
    h.Data = on_data;
    h.Raw = on_raw;
    counted_init(&unk);
    CHECK(mfcb_queue_new(&q) == S_OK);
    opt.queue = q;
    CHECK(mfcb_IFeatures_new(&h, &d, &opt, &f) == S_OK);
    CHECK(IFeatures_Data(f, &g, 8, bytes, (IUnknown *)&unk) == S_OK);
    memset(&g, 0, sizeof g);
    memset(bytes, 0, sizeof bytes);
    CHECK(IFeatures_Raw(f, &d) == S_OK && d.raw_direct == 1); /* direct: ran at once */
    CHECK(d.n == 0 && atomic_load(&unk.refs) == 2);
    CHECK(mfcb_queue_dispatch(q, 0) == 1);
    CHECK(d.n == 8 && d.bytes[0] == 10 && d.bytes[7] == 80 && d.kind.Data1 == 0x12345678 && d.kind.Data4[7] == 8);
    CHECK(atomic_load(&unk.refs) == 1);
    IFeatures_Release(f);
    mfcb_queue_free(q);
}

/* Only notifications are queued: a method that sets an object's state runs before it returns, queue or
   not; a method marked [mfcb_queued] waits for the dispatcher. */
typedef struct state_seen {
    LONGLONG position;
    DWORD changed;
} state_seen;
static HRESULT on_set_position(void *ctx, LONGLONG position)
{
    ((state_seen *)ctx)->position = position;
    return S_OK;
}
static HRESULT on_changed(void *ctx, DWORD what)
{
    ((state_seen *)ctx)->changed = what;
    return S_OK;
}

static void test_notifications_only(void)
{
    static const mfcb_IFeatureState_handlers h = {on_set_position, on_changed};
    mfcb_queue *q;
    mfcb_options opt = MFCB_OPTIONS_INIT;
    IFeatureState *s;
    state_seen seen = {0, 0};
    CHECK(mfcb_queue_new(&q) == S_OK);
    opt.queue = q;
    CHECK(mfcb_IFeatureState_new(&h, &seen, &opt, &s) == S_OK);
    CHECK(IFeatureState_SetPosition(s, 4096) == S_OK && seen.position == 4096); /* moved when it returned */
    CHECK(IFeatureState_Changed(s, 7) == S_OK && seen.changed == 0);          /* recorded */
    CHECK(mfcb_queue_dispatch(q, 0) == 1 && seen.changed == 7);
    IFeatureState_Release(s);
    mfcb_queue_free(q);
    CHECK(mfcb_live_objects() == 0);
}

/* Delegation: NULL handlers forward to the delegate's interface, taken once and released exactly once on
   every path; QueryInterface keeps the object's own identity; after close the delegate is not called. */
static ULONG refs_of(IUnknown *u)
{
    IUnknown_AddRef(u);
    return IUnknown_Release(u);
}
typedef struct closing_seen {
    state_seen seen; /* first: the handlers of state_seen take it too */
    IFeatureState *self;
} closing_seen;
static int changed_closes; /* on_changed_close's object closes itself from inside the handler */
static HRESULT on_changed_close(void *ctx, DWORD what)
{
    closing_seen *c = (closing_seen *)ctx;
    c->seen.changed = what;
    CHECK(mfcb_close(c->self) == S_OK);
    changed_closes++;
    return S_OK;
}

static DWORD opened;
static HRESULT on_open(void *ctx, DWORD flags)
{
    (void)ctx;
    opened = flags;
    return S_OK;
}

static IFeatureState *owner_of_delegate;
static int delegate_closes;
static void close_owner(void *ctx)
{
    CHECK(mfcb_close(*(IFeatureState **)ctx) == S_OK);
    delegate_closes++;
}

static void test_delegation(void)
{
    static const mfcb_IFeatureState_handlers inner_h = {on_set_position, on_changed};
    static const mfcb_IFeatureState_handlers outer_h = {NULL, on_changed};
    static const mfcb_IFeatureState_handlers closing_h = {NULL, on_changed_close};
    static const mfcb_IMFSourceReaderCallback_handlers other_h = {NULL, NULL, NULL};
    closing_seen inner_seen = {{0, 0}, NULL}, outer_seen = {{0, 0}, NULL};
    mfcb_options opt = MFCB_OPTIONS_INIT;
    IFeatureState *inner, *outer;
    IMFSourceReaderCallback *other;
    IUnknown *unk;
    void *p;

    CHECK(mfcb_IFeatureState_new(&inner_h, &inner_seen.seen, NULL, &inner) == S_OK);
    opt.delegate = (IUnknown *)inner;
    CHECK(mfcb_IFeatureState_new(&outer_h, &outer_seen.seen, &opt, &outer) == S_OK);
    CHECK(refs_of((IUnknown *)inner) == 2); /* the outer object's one reference */
    CHECK(IFeatureState_SetPosition(outer, 77) == S_OK && inner_seen.seen.position == 77);
    CHECK(outer_seen.seen.position == 0);
    CHECK(IFeatureState_Changed(outer, 5) == S_OK && outer_seen.seen.changed == 5 && inner_seen.seen.changed == 0);
    CHECK(IFeatureState_QueryInterface(outer, &IID_IUnknown, (void **)&unk) == S_OK && unk == (IUnknown *)outer);
    IUnknown_Release(unk);
    CHECK(IFeatureState_QueryInterface(outer, &IID_IFeatureState, &p) == S_OK && p == (void *)outer);
    IFeatureState_Release(outer);
    /* close, then release: the delegate is released at close, once */
    CHECK(mfcb_close(outer) == S_OK && refs_of((IUnknown *)inner) == 1);
    CHECK(IFeatureState_SetPosition(outer, 99) == MFCB_E_SHUTDOWN && inner_seen.seen.position == 77);
    IFeatureState_Release(outer);
    CHECK(refs_of((IUnknown *)inner) == 1);

    /* release only */
    CHECK(mfcb_IFeatureState_new(&outer_h, &outer_seen.seen, &opt, &outer) == S_OK);
    CHECK(refs_of((IUnknown *)inner) == 2);
    IFeatureState_Release(outer);
    CHECK(refs_of((IUnknown *)inner) == 1);

    /* closed from inside its own handler: released when that handler returns */
    CHECK(mfcb_IFeatureState_new(&closing_h, &outer_seen.seen, &opt, &outer) == S_OK);
    outer_seen.self = outer;
    CHECK(IFeatureState_Changed(outer, 6) == S_OK && changed_closes == 1);
    CHECK(refs_of((IUnknown *)inner) == 1);
    CHECK(IFeatureState_SetPosition(outer, 100) == MFCB_E_SHUTDOWN && inner_seen.seen.position == 77);
    IFeatureState_Release(outer);

    /* a delegate with only a base interface: the base's methods forward, the derived ones take defaults */
    {
        static const mfcb_IFeatureBase_handlers base_h = {on_open};
        IFeatureBase *base;
        IFeatures *f;
        DWORD got = 123;
        opened = 0;
        CHECK(mfcb_IFeatureBase_new(&base_h, NULL, NULL, &base) == S_OK);
        opt.delegate = (IUnknown *)base;
        CHECK(mfcb_IFeatures_new(NULL, NULL, &opt, &f) == S_OK);
        CHECK(((IFeatureBase *)f)->lpVtbl->Open((IFeatureBase *)f, 41) == S_OK && opened == 41);
        CHECK(f->lpVtbl->Fetch(f, 1, &got) == E_NOTIMPL && opened == 41); /* IFeatures' own: the default */
        CHECK(refs_of((IUnknown *)base) == 2);
        IFeatures_Release(f);
        CHECK(refs_of((IUnknown *)base) == 1);
        IFeatureBase_Release(base);
    }

    /* a delegate whose own last Release, at the outer object's settling, closes the outer object (its
       context's teardown closes everything it owns): that close comes from inside the outer object's
       release and returns at once */
    {
        static const mfcb_IFeatureState_handlers none = {NULL, NULL};
        mfcb_options dopt = MFCB_OPTIONS_INIT;
        IFeatureState *d;
        delegate_closes = 0;
        dopt.ctx_release = close_owner;
        CHECK(mfcb_IFeatureState_new(&none, &owner_of_delegate, &dopt, &d) == S_OK);
        opt.delegate = (IUnknown *)d;
        CHECK(mfcb_IFeatureState_new(&outer_h, &outer_seen.seen, &opt, &owner_of_delegate) == S_OK);
        IFeatureState_Release(d); /* the outer object holds the delegate's last reference */
        IFeatureState_Release(owner_of_delegate);
        CHECK(delegate_closes == 1 && mfcb_live_objects() == 1); /* inner, the one left */
    }

    /* a delegate without any of the interfaces: no object, nothing kept */
    CHECK(mfcb_IMFSourceReaderCallback_new(&other_h, NULL, NULL, &other) == S_OK);
    opt.delegate = (IUnknown *)other;
    outer = (IFeatureState *)&p;
    CHECK(mfcb_IFeatureState_new(&outer_h, &outer_seen.seen, &opt, &outer) == E_NOINTERFACE && outer == NULL);
    CHECK(refs_of((IUnknown *)other) == 1);
    IMFSourceReaderCallback_Release(other);
    IFeatureState_Release(inner);
    CHECK(mfcb_live_objects() == 0);
}

/* Tracing: every call, formatted from the generated metadata. */
static char traced[16][256];
static int ntraced;
static void trace(void *user, const mfcb_trace_call *c)
{
    (void)user;
    if (ntraced < 16)
        snprintf(traced[ntraced++], sizeof traced[0], "%s::%s(%s)%s", c->iface, c->method, c->args,
                 c->queued ? " queued" : "");
}

static void test_trace_and_counts(void)
{
    static const mfcb_IMFSourceReaderCallback_handlers h = {on_read, NULL, NULL};
    IMFSourceReaderCallback *cb;
    void *p;
    order o;
    memset(&o, 0, sizeof o);
    o.owner = pthread_self();
    o.next[3] = -77;
    CHECK(mfcb_live_objects_of("IMFSourceReaderCallback") == 0);
    CHECK(mfcb_IMFSourceReaderCallback_new(&h, &o, NULL, &cb) == S_OK);
    CHECK(mfcb_live_objects_of("IMFSourceReaderCallback") == 1 && mfcb_live_objects_of("INope") == -1);
    mfcb_set_trace(trace, NULL);
    IMFSourceReaderCallback_OnReadSample(cb, E_FAIL, 3, 2, -77, NULL);
    IMFSourceReaderCallback_QueryInterface(cb, &IID_IMFSourceReaderCallback, &p);
    IMFSourceReaderCallback_Release((IMFSourceReaderCallback *)p);
    mfcb_set_trace(NULL, NULL);
    IMFSourceReaderCallback_OnFlush(cb, 1);
    CHECK(ntraced == 2);
    CHECK(strcmp(traced[0], "IMFSourceReaderCallback::OnReadSample(status=0x80004005, stream_index=3, "
                            "stream_flags=2, timestamp=-77, sample=NULL)") == 0);
    CHECK(strncmp(traced[1], "IMFSourceReaderCallback::QueryInterface(riid={DEEC8D99-FA1D-4D82-84C2-2C8969944867}, "
                             "ppvObject=0x", 86) == 0);
    IMFSourceReaderCallback_Release(cb);
    CHECK(mfcb_live_objects_of("IMFSourceReaderCallback") == 0);
}

int main(void)
{
    test_order_and_references();
    test_close_drops();
    test_pointer_arrays_direct();
    test_free_with_pending();
    test_producer_threads();
    test_copies();
    test_notifications_only();
    test_delegation();
    test_trace_and_counts();
    puts("queue: ok");
    return 0;
}
