/* test_runtime.c -- generated mfreadwrite objects on one thread: every method through the vtable, defaults,
   QueryInterface over each chain, reference counts, and the close contract. */
#define COBJMACROS
#include <string.h>

#include "check.h"
#include "mfreadwrite.cb.h"

typedef struct seen {
    int calls, releases;
    HRESULT status, status2;
    DWORD stream, flags;
    LONGLONG ts;
    void *ptr;
    const char *last;
    IUnknown *self; /* for closing from inside a handler */
} seen;

static HRESULT on_read(void *ctx, HRESULT status, DWORD stream, DWORD flags, LONGLONG ts, IMFSample *sample)
{
    seen *s = (seen *)ctx;
    s->calls++, s->last = "OnReadSample", s->status = status, s->stream = stream, s->flags = flags;
    s->ts = ts, s->ptr = sample;
    return (HRESULT)0x12345;
}
static HRESULT on_flush(void *ctx, DWORD stream)
{
    seen *s = (seen *)ctx;
    s->calls++, s->last = "OnFlush", s->stream = stream;
    return S_OK;
}
static HRESULT on_event(void *ctx, DWORD stream, IMFMediaEvent *ev)
{
    seen *s = (seen *)ctx;
    s->calls++, s->last = "OnEvent", s->stream = stream, s->ptr = ev;
    return S_FALSE;
}
static HRESULT on_transform(void *ctx)
{
    seen *s = (seen *)ctx;
    s->calls++, s->last = "OnTransformChange";
    return S_OK;
}
static HRESULT on_stream_error(void *ctx, DWORD stream, HRESULT status)
{
    seen *s = (seen *)ctx;
    s->calls++, s->last = "OnStreamError", s->stream = stream, s->status = status;
    return S_OK;
}
static HRESULT on_finalize(void *ctx, HRESULT status)
{
    seen *s = (seen *)ctx;
    s->calls++, s->last = "OnFinalize", s->status = status;
    return S_OK;
}
static HRESULT on_marker(void *ctx, DWORD stream, void *cookie)
{
    seen *s = (seen *)ctx;
    s->calls++, s->last = "OnMarker", s->stream = stream, s->ptr = cookie;
    return S_OK;
}
static HRESULT close_inside(void *ctx, HRESULT status)
{
    seen *s = (seen *)ctx;
    s->calls++;
    CHECK(mfcb_close(s->self) == S_OK); /* must not wait for its own call */
    s->status2 = status;
    return S_OK;
}
static void release_ctx(void *ctx) { ((seen *)ctx)->releases++; }

static const IID iid_unknown = {0, 0, 0, {0xc0, 0, 0, 0, 0, 0, 0, 0x46}};
static const IID iid_other = {0x12345678, 0, 0, {0}};

/* Every IID in want answers S_OK with the same pointer; IUnknown too; everything else E_NOINTERFACE. */
static void check_qi(IUnknown *u, const IID *const *want, int n, const IID *const *refuse, int nrefuse)
{
    void *p;
    int i;
    for (i = 0; i < n; i++) {
        p = NULL;
        CHECK(u->lpVtbl->QueryInterface(u, want[i], &p) == S_OK && p == (void *)u);
        u->lpVtbl->Release(u);
    }
    CHECK(u->lpVtbl->QueryInterface(u, &iid_unknown, &p) == S_OK && p == (void *)u);
    u->lpVtbl->Release(u);
    for (i = 0; i < nrefuse; i++) {
        p = (void *)1;
        CHECK(u->lpVtbl->QueryInterface(u, refuse[i], &p) == E_NOINTERFACE && p == NULL);
    }
    p = (void *)1;
    CHECK(u->lpVtbl->QueryInterface(u, &iid_other, &p) == E_NOINTERFACE && p == NULL);
    CHECK(u->lpVtbl->QueryInterface(u, &iid_unknown, NULL) == E_POINTER);
}

static void test_source_reader(void)
{
    static const mfcb_IMFSourceReaderCallback2_handlers h = {on_read, on_flush, on_event, on_transform,
                                                              on_stream_error};
    const IID *chain[] = {&IID_IMFSourceReaderCallback2, &IID_IMFSourceReaderCallback};
    const IID *refuse[] = {&IID_IMFSinkWriterCallback, &IID_IMFSinkWriterCallback2};
    IMFSourceReaderCallback2 *cb = NULL;
    seen s;
    mfcb_options opt = MFCB_OPTIONS_INIT;
    long live = mfcb_live_objects();
    memset(&s, 0, sizeof s);
    opt.ctx_release = release_ctx;
    CHECK(mfcb_IMFSourceReaderCallback2_new(&h, &s, &opt, &cb) == S_OK && cb);
    CHECK(mfcb_live_objects() == live + 1);

    CHECK(IMFSourceReaderCallback2_OnReadSample(cb, E_FAIL, 3, 0x2, -77, (IMFSample *)&s) == (HRESULT)0x12345);
    CHECK(s.calls == 1 && strcmp(s.last, "OnReadSample") == 0 && s.status == E_FAIL && s.stream == 3);
    CHECK(s.flags == MF_SOURCE_READERF_ENDOFSTREAM && s.ts == -77 && s.ptr == (void *)&s);
    CHECK(IMFSourceReaderCallback2_OnFlush(cb, 9) == S_OK && strcmp(s.last, "OnFlush") == 0 && s.stream == 9);
    CHECK(IMFSourceReaderCallback2_OnEvent(cb, 4, (IMFMediaEvent *)&h) == S_FALSE && s.ptr == (void *)&h);
    CHECK(IMFSourceReaderCallback2_OnTransformChange(cb) == S_OK && strcmp(s.last, "OnTransformChange") == 0);
    CHECK(IMFSourceReaderCallback2_OnStreamError(cb, 5, E_UNEXPECTED) == S_OK && s.stream == 5 &&
          s.status == E_UNEXPECTED);
    CHECK(s.calls == 5);

    check_qi((IUnknown *)cb, chain, 2, refuse, 2);
    CHECK(IMFSourceReaderCallback2_AddRef(cb) == 2);
    CHECK(IMFSourceReaderCallback2_Release(cb) == 1);

    CHECK(mfcb_close(cb) == S_OK);
    CHECK(s.releases == 1);
    CHECK(IMFSourceReaderCallback2_OnFlush(cb, 1) == MFCB_E_SHUTDOWN && s.calls == 5);
    CHECK(mfcb_close(cb) == S_OK && s.releases == 1); /* idempotent */
    check_qi((IUnknown *)cb, chain, 2, refuse, 2);    /* IUnknown keeps working after close */
    CHECK(IMFSourceReaderCallback2_Release(cb) == 0);
    CHECK(s.releases == 1 && mfcb_live_objects() == live);
}

static void test_source_reader_defaults(void)
{
    IMFSourceReaderCallback *cb = NULL;
    mfcb_IMFSourceReaderCallback_handlers none;
    const IID *chain[] = {&IID_IMFSourceReaderCallback};
    const IID *refuse[] = {&IID_IMFSourceReaderCallback2, &IID_IMFSinkWriterCallback};
    memset(&none, 0, sizeof none);
    CHECK(mfcb_IMFSourceReaderCallback_new(&none, NULL, NULL, &cb) == S_OK);
    CHECK(IMFSourceReaderCallback_OnReadSample(cb, S_OK, 0, 0, 0, NULL) == S_OK);
    CHECK(IMFSourceReaderCallback_OnFlush(cb, 0) == S_OK);
    CHECK(IMFSourceReaderCallback_OnEvent(cb, 0, NULL) == S_OK);
    check_qi((IUnknown *)cb, chain, 1, refuse, 2);
    CHECK(IMFSourceReaderCallback_Release(cb) == 0); /* last Release without close: nothing to release */
}

static void test_sink_writer(void)
{
    static const mfcb_IMFSinkWriterCallback_handlers h = {on_finalize, on_marker};
    static const mfcb_IMFSinkWriterCallback2_handlers h2 = {close_inside, on_marker, on_transform, NULL};
    const IID *chain[] = {&IID_IMFSinkWriterCallback};
    const IID *refuse[] = {&IID_IMFSinkWriterCallback2, &IID_IMFSourceReaderCallback};
    const IID *chain2[] = {&IID_IMFSinkWriterCallback2, &IID_IMFSinkWriterCallback};
    IMFSinkWriterCallback *cb = NULL;
    IMFSinkWriterCallback2 *cb2 = NULL;
    seen s;
    mfcb_options opt;
    int cookie;
    memset(&s, 0, sizeof s);
    mfcb_options_init(&opt);
    opt.ctx_release = release_ctx;
    opt.closed_hr = E_UNEXPECTED;
    CHECK(mfcb_IMFSinkWriterCallback_new(&h, &s, &opt, &cb) == S_OK);
    CHECK(IMFSinkWriterCallback_OnMarker(cb, 2, &cookie) == S_OK && s.stream == 2 && s.ptr == (void *)&cookie);
    CHECK(IMFSinkWriterCallback_OnFinalize(cb, E_FAIL) == S_OK && s.status == E_FAIL);
    check_qi((IUnknown *)cb, chain, 1, refuse, 2);
    CHECK(IMFSinkWriterCallback_Release(cb) == 0); /* the last Release closes: ctx released exactly once */
    CHECK(s.releases == 1 && s.calls == 2);

    memset(&s, 0, sizeof s);
    CHECK(mfcb_IMFSinkWriterCallback2_new(&h2, &s, &opt, &cb2) == S_OK);
    s.self = (IUnknown *)cb2;
    check_qi((IUnknown *)cb2, chain2, 2, refuse + 1, 1);
    CHECK(IMFSinkWriterCallback2_OnStreamError(cb2, 1, S_OK) == S_OK); /* NULL handler: default */
    CHECK(IMFSinkWriterCallback2_OnFinalize(cb2, (HRESULT)7) == S_OK);  /* closes from inside */
    CHECK(s.calls == 1 && s.status2 == 7 && s.releases == 1);
    CHECK(IMFSinkWriterCallback2_OnFinalize(cb2, S_OK) == E_UNEXPECTED && s.calls == 1);
    CHECK(IMFSinkWriterCallback2_OnTransformChange(cb2) == E_UNEXPECTED);
    CHECK(IMFSinkWriterCallback2_Release(cb2) == 0 && s.releases == 1);
}

static void test_bad_arguments(void)
{
    static const mfcb_IMFSinkWriterCallback_handlers h = {on_finalize, on_marker};
    IMFSinkWriterCallback *cb = (IMFSinkWriterCallback *)1;
    mfcb_options opt = MFCB_OPTIONS_INIT;
    CHECK(mfcb_IMFSinkWriterCallback_new(&h, NULL, NULL, NULL) == E_POINTER);
    opt.flags = 0x80;
    CHECK(mfcb_IMFSinkWriterCallback_new(&h, NULL, &opt, &cb) == E_INVALIDARG && cb == NULL);
    CHECK(mfcb_close(NULL) == E_INVALIDARG);
    CHECK(mfcb_IMFSinkWriterCallback_new(NULL, NULL, NULL, &cb) == S_OK); /* NULL table: every default */
    CHECK(IMFSinkWriterCallback_OnFinalize(cb, S_OK) == S_OK);
    CHECK(IMFSinkWriterCallback_Release(cb) == 0);
}

/* Options zeroed as C programs zero a struct, then one field set: every other field means its default.
   closed_hr 0 is MF_E_SHUTDOWN (MFCB_E_SHUTDOWN) after close (a closed object that answered S_OK would look alive to Media
   Foundation); S_OK after close is asked for with MFCB_CLOSED_S_OK. */
static int zero_releases;
static void zero_release(void *ctx) { (void)ctx; zero_releases++; }

static void test_zeroed_options(void)
{
    static const mfcb_IMFSinkWriterCallback_handlers h = {NULL, NULL};
    IMFSinkWriterCallback *cb;
    mfcb_options opt;
    memset(&opt, 0, sizeof opt);
    opt.ctx_release = zero_release;
    CHECK(mfcb_IMFSinkWriterCallback_new(&h, NULL, &opt, &cb) == S_OK);
    CHECK(IMFSinkWriterCallback_OnFinalize(cb, S_OK) == S_OK);
    CHECK(mfcb_close(cb) == S_OK && zero_releases == 1);
    CHECK(IMFSinkWriterCallback_OnFinalize(cb, S_OK) == MFCB_E_SHUTDOWN);
    CHECK(IMFSinkWriterCallback_OnMarker(cb, 0, NULL) == MFCB_E_SHUTDOWN);
    CHECK(IMFSinkWriterCallback_Release(cb) == 0);

    opt.flags = MFCB_CLOSED_S_OK; /* the explicit choice */
    CHECK(mfcb_IMFSinkWriterCallback_new(&h, NULL, &opt, &cb) == S_OK);
    CHECK(mfcb_close(cb) == S_OK && zero_releases == 2);
    CHECK(IMFSinkWriterCallback_OnFinalize(cb, S_OK) == S_OK);
    CHECK(IMFSinkWriterCallback_Release(cb) == 0);

    opt.closed_hr = E_FAIL; /* two answers at once */
    CHECK(mfcb_IMFSinkWriterCallback_new(&h, NULL, &opt, &cb) == E_INVALIDARG && cb == NULL);
    CHECK(zero_releases == 2);
}

int main(void)
{
    test_source_reader();
    test_source_reader_defaults();
    test_sink_writer();
    test_bad_arguments();
    test_zeroed_options();
    CHECK(mfcb_live_objects() == 0);
    puts("runtime: ok");
    return 0;
}
