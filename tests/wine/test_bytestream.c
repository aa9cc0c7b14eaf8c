/* test_bytestream.c -- a byte stream in C: Wine's source reader and source resolver read a .wav held in
   memory through a generated IMFByteStream (made by the README's command from Wine's own mfobjects.idl).
   Its BeginRead never blocks a Media Foundation thread: it puts the copy on the platform's work queue,
   which completes the caller's async result with MFInvokeCallback. Wine's reader calls only the
   synchronous methods, so the test drives the asynchronous ones itself, and closes the object while
   reads are in flight: no handler after mfcb_close, every async result completed and released, no
   object left. */
#ifndef COBJMACROS
#define COBJMACROS
#endif
#include <windows.h>
#include <mfapi.h>
#include <mfidl.h>
#include <mferror.h>
#include <mfreadwrite.h>
#include <stdio.h>
#include <string.h>

#include "mfobjects.cb.h"
#include "wine_check.h"
#include "wine_wav.h"

#define DATA_BYTES (WAV_RATE * 4 / 2) /* half a second */
#define MAX_OPS 64
#define CLOSE_READS 16

/* A BeginRead not yet ended: the caller's async result (one reference, ours), where to copy, how much. */
typedef struct read_op {
    IMFAsyncResult *result;
    BYTE *pb;
    ULONG cb, done;
} read_op;

typedef struct mem_stream {
    CRITICAL_SECTION lock;
    BYTE *data;
    QWORD len, pos;
    read_op ops[MAX_OPS];
    IMFAsyncCallback *worker; /* runs the copies of BeginRead on the work queue */
    volatile LONG closed;      /* set once mfcb_close returned */
    volatile LONG after_close; /* handler calls after that: must stay 0 */
    volatile LONG reads, positions_set, begins, ends;
} mem_stream;

static void entered(mem_stream *s)
{
    if (s->closed)
        InterlockedIncrement(&s->after_close);
}

static HRESULT bs_get_capabilities(void *ctx, DWORD *caps)
{
    entered(ctx);
    *caps = MFBYTESTREAM_IS_READABLE | MFBYTESTREAM_IS_SEEKABLE;
    return S_OK;
}

static HRESULT bs_get_length(void *ctx, QWORD *len)
{
    entered(ctx);
    *len = ((mem_stream *)ctx)->len;
    return S_OK;
}

static HRESULT bs_get_position(void *ctx, QWORD *pos)
{
    mem_stream *s = ctx;
    entered(s);
    EnterCriticalSection(&s->lock);
    *pos = s->pos;
    LeaveCriticalSection(&s->lock);
    return S_OK;
}

static HRESULT bs_set_position(void *ctx, QWORD pos)
{
    mem_stream *s = ctx;
    entered(s);
    InterlockedIncrement(&s->positions_set);
    if (pos > s->len)
        return E_INVALIDARG;
    EnterCriticalSection(&s->lock);
    s->pos = pos;
    LeaveCriticalSection(&s->lock);
    return S_OK;
}

static HRESULT bs_is_end(void *ctx, BOOL *end)
{
    mem_stream *s = ctx;
    entered(s);
    EnterCriticalSection(&s->lock);
    *end = s->pos >= s->len;
    LeaveCriticalSection(&s->lock);
    return S_OK;
}

/* Copies from the position on and moves it, under the lock. */
static ULONG copy_out(mem_stream *s, BYTE *pb, ULONG cb)
{
    ULONG n;
    EnterCriticalSection(&s->lock);
    n = s->pos >= s->len ? 0 : (ULONG)min((QWORD)cb, s->len - s->pos);
    memcpy(pb, s->data + s->pos, n);
    s->pos += n;
    LeaveCriticalSection(&s->lock);
    return n;
}

static HRESULT bs_read(void *ctx, BYTE *pb, ULONG cb, ULONG *got)
{
    mem_stream *s = ctx;
    entered(s);
    InterlockedIncrement(&s->reads);
    *got = copy_out(s, pb, cb);
    return S_OK;
}

static read_op *find_op(mem_stream *s, IMFAsyncResult *result)
{
    int i;
    for (i = 0; i < MAX_OPS; i++)
        if (s->ops[i].result == result)
            return &s->ops[i];
    return NULL;
}

/* The caller's result goes to the work queue as the work item's state; the copy happens there. */
static HRESULT bs_begin_read(void *ctx, BYTE *pb, ULONG cb, IMFAsyncCallback *callback, IUnknown *state)
{
    mem_stream *s = ctx;
    IMFAsyncResult *result;
    read_op *op;
    HRESULT hr;
    entered(s);
    InterlockedIncrement(&s->begins);
    hr = MFCreateAsyncResult(NULL, callback, state, &result);
    if (FAILED(hr))
        return hr;
    EnterCriticalSection(&s->lock);
    op = find_op(s, NULL);
    if (op) {
        op->result = result;
        op->pb = pb;
        op->cb = cb;
        op->done = 0;
    }
    LeaveCriticalSection(&s->lock);
    if (!op) {
        IMFAsyncResult_Release(result);
        return E_OUTOFMEMORY;
    }
    return MFPutWorkItem(MFASYNC_CALLBACK_QUEUE_STANDARD, s->worker, (IUnknown *)result);
}

static HRESULT bs_end_read(void *ctx, IMFAsyncResult *result, ULONG *got)
{
    mem_stream *s = ctx;
    read_op *op;
    IMFAsyncResult *ours = NULL;
    entered(s);
    InterlockedIncrement(&s->ends);
    EnterCriticalSection(&s->lock);
    op = find_op(s, result);
    if (op) {
        *got = op->done;
        ours = op->result;
        op->result = NULL;
    }
    LeaveCriticalSection(&s->lock);
    if (!ours)
        return E_INVALIDARG;
    IMFAsyncResult_Release(ours);
    return IMFAsyncResult_GetStatus(result);
}

/* The work item of a BeginRead: copy, then complete the caller's result (MFInvokeCallback queues the
   caller's Invoke; nothing here waits). */
static HRESULT worker_invoke(void *ctx, IMFAsyncResult *item)
{
    mem_stream *s = ctx;
    IUnknown *state = NULL;
    IMFAsyncResult *result;
    read_op *op;
    CHECK_HR(IMFAsyncResult_GetState(item, &state));
    result = (IMFAsyncResult *)state;
    EnterCriticalSection(&s->lock);
    op = find_op(s, result);
    LeaveCriticalSection(&s->lock);
    CHECK(op != NULL);
    op->done = copy_out(s, op->pb, op->cb);
    IMFAsyncResult_SetStatus(result, S_OK);
    CHECK_HR(MFInvokeCallback(result));
    IUnknown_Release(state);
    return S_OK;
}

/* The test's own reads: each completion ends its read; in a chain it checks the bytes against the file and
   starts the next read, until a read returns nothing. */
typedef struct reads {
    IMFByteStream *bs;
    IMFAsyncCallback *cb;
    const BYTE *file;
    BYTE buf[CLOSE_READS][1024];
    int chain;
    QWORD next;              /* chain: the file offset the next completion must hold */
    volatile LONG completed, ok, refused, wrong;
    volatile LONG expected;  /* completions that end the run (a chain: 1, its last read) */
    HANDLE done;
} reads;

static HRESULT done_invoke(void *ctx, IMFAsyncResult *result)
{
    reads *r = ctx;
    ULONG got = 0;
    HRESULT hr = IMFByteStream_EndRead(r->bs, result, &got);
    if (hr == S_OK) {
        InterlockedIncrement(&r->ok);
        if (r->chain) {
            if (memcmp(r->buf[0], r->file + r->next, got) != 0)
                InterlockedIncrement(&r->wrong);
            r->next += got;
            if (got > 0) {
                CHECK_HR(IMFByteStream_BeginRead(r->bs, r->buf[0], sizeof r->buf[0], r->cb, NULL));
                return S_OK;
            }
        }
    } else if (hr == MF_E_SHUTDOWN)
        InterlockedIncrement(&r->refused);
    else
        InterlockedIncrement(&r->wrong);
    if (InterlockedIncrement(&r->completed) == r->expected)
        SetEvent(r->done);
    return S_OK;
}

/* Every sample the source reader gives, each byte checked against the ramp: returns the bytes read. */
static DWORD read_all(IMFSourceReader *reader)
{
    DWORD total = 0;
    for (;;) {
        DWORD flags = 0, len = 0, i;
        LONGLONG ts;
        IMFSample *sample = NULL;
        IMFMediaBuffer *buf;
        BYTE *p;
        CHECK_HR(IMFSourceReader_ReadSample(reader, MF_SOURCE_READER_FIRST_AUDIO_STREAM, 0, NULL, &flags, &ts, &sample));
        if (flags & MF_SOURCE_READERF_ENDOFSTREAM) {
            if (sample)
                IMFSample_Release(sample);
            return total;
        }
        CHECK(sample != NULL);
        CHECK_HR(IMFSample_ConvertToContiguousBuffer(sample, &buf));
        CHECK_HR(IMFMediaBuffer_Lock(buf, &p, NULL, &len));
        for (i = 0; i < len; i++)
            CHECK(p[i] == wav_byte(total + i));
        total += len;
        IMFMediaBuffer_Unlock(buf);
        IMFMediaBuffer_Release(buf);
        IMFSample_Release(sample);
    }
}

int main(void)
{
    static const mfcb_IMFByteStream_handlers h = {
        bs_get_capabilities, bs_get_length, NULL, bs_get_position, bs_set_position, bs_is_end, bs_read,
        bs_begin_read, bs_end_read, NULL, NULL, NULL, NULL, NULL, NULL};
    static const mfcb_IMFAsyncCallback_handlers worker_h = {NULL, worker_invoke};
    static const mfcb_IMFAsyncCallback_handlers done_h = {NULL, done_invoke};
    static mem_stream s;
    static reads r;
    DWORD file_len, got;
    IMFByteStream *bs;
    IMFSourceReader *reader;
    IMFSourceResolver *resolver;
    MF_OBJECT_TYPE type;
    IUnknown *object;
    int i, left = 0;

    CHECK_HR(MFStartup(MF_VERSION, MFSTARTUP_FULL));
    InitializeCriticalSection(&s.lock);
    s.data = wav_file(DATA_BYTES, &file_len);
    s.len = file_len;
    CHECK_HR(mfcb_IMFAsyncCallback_new(&worker_h, &s, NULL, &s.worker));
    CHECK_HR(mfcb_IMFByteStream_new(&h, &s, NULL, &bs));

    /* Wine's source reader, from the byte stream: every PCM byte, in order */
    CHECK_HR(MFCreateSourceReaderFromByteStream(bs, NULL, &reader));
    got = read_all(reader);
    CHECK(got == DATA_BYTES);
    IMFSourceReader_Release(reader);
    printf("wine: IMFByteStream: the source reader read all %lu bytes in order (%ld Read calls, %ld "
           "SetCurrentPosition)\n", (unsigned long)got, (long)s.reads, (long)s.positions_set);

    /* the source resolver, told the content need not match a name or MIME type it does not have */
    CHECK_HR(MFCreateSourceResolver(&resolver));
    CHECK_HR(IMFByteStream_SetCurrentPosition(bs, 0));
    CHECK_HR(IMFSourceResolver_CreateObjectFromByteStream(resolver, bs, NULL,
        MF_RESOLUTION_MEDIASOURCE | MF_RESOLUTION_CONTENT_DOES_NOT_HAVE_TO_MATCH_EXTENSION_OR_MIME_TYPE, NULL,
        &type, &object));
    CHECK(type == MF_OBJECT_MEDIASOURCE);
    CHECK_HR(IMFMediaSource_Shutdown((IMFMediaSource *)object));
    IUnknown_Release(object);
    IMFSourceResolver_Release(resolver);
    printf("wine: IMFByteStream: the source resolver made a media source of it\n");

    /* delegation: the same stream as one object with IMFAttributes, whose 30 methods all forward to an
       attribute store that says the content type, so that the resolver needs no flag to take it */
    {
        mfcb_AttributedStream_handlers ah;
        mfcb_options dopt = MFCB_OPTIONS_INIT;
        IMFAttributes *store;
        IMFByteStream *typed;
        ULONG store_refs;
        memset(&ah, 0, sizeof ah);
        ah.GetCapabilities = bs_get_capabilities;
        ah.GetLength = bs_get_length;
        ah.GetCurrentPosition = bs_get_position;
        ah.SetCurrentPosition = bs_set_position;
        ah.IsEndOfStream = bs_is_end;
        ah.Read = bs_read;
        ah.BeginRead = bs_begin_read;
        ah.EndRead = bs_end_read;
        CHECK_HR(MFCreateAttributes(&store, 1));
        CHECK_HR(IMFAttributes_SetString(store, &MF_BYTESTREAM_CONTENT_TYPE, L"audio/wav"));
        IMFAttributes_AddRef(store);
        store_refs = IMFAttributes_Release(store);
        dopt.delegate = (IUnknown *)store;
        CHECK_HR(mfcb_AttributedStream_new(&ah, &s, &dopt, &typed));
        CHECK_HR(MFCreateSourceResolver(&resolver));
        CHECK_HR(IMFByteStream_SetCurrentPosition(typed, 0));
        CHECK_HR(IMFSourceResolver_CreateObjectFromByteStream(resolver, typed, NULL, MF_RESOLUTION_MEDIASOURCE, NULL,
            &type, &object));
        CHECK(type == MF_OBJECT_MEDIASOURCE);
        CHECK_HR(IMFMediaSource_Shutdown((IMFMediaSource *)object));
        IUnknown_Release(object);
        IMFSourceResolver_Release(resolver);
        CHECK_HR(mfcb_close(typed));
        IMFAttributes_AddRef(store);
        CHECK(IMFAttributes_Release(store) == store_refs); /* the delegate's interfaces released at close */
        IMFByteStream_Release(typed);
        IMFAttributes_Release(store);
        printf("wine: IMFByteStream with IMFAttributes delegated to an attribute store (MF_BYTESTREAM_CONTENT_TYPE "
               "audio/wav): the source resolver made a media source of it without a flag; the store released "
               "at close\n");
    }

    /* asynchronous reads of the whole file, one after another, through the work queue */
    r.bs = bs;
    r.file = s.data;
    r.done = CreateEventW(NULL, FALSE, FALSE, NULL);
    CHECK_HR(mfcb_IMFAsyncCallback_new(&done_h, &r, NULL, &r.cb));
    r.chain = 1;
    r.expected = 1;
    CHECK_HR(IMFByteStream_SetCurrentPosition(bs, 0));
    CHECK_HR(IMFByteStream_BeginRead(bs, r.buf[0], sizeof r.buf[0], r.cb, NULL));
    CHECK(WaitForSingleObject(r.done, WINE_HANG_MS) == WAIT_OBJECT_0);
    CHECK(r.wrong == 0 && r.next == file_len);
    printf("wine: IMFByteStream: BeginRead/EndRead through the work queue: all %lu bytes of the file in order, "
           "%ld reads\n", (unsigned long)file_len, (long)r.ok);

    /* mfcb_close while reads are in flight: half of them ended before, the others begun right before the
       close; each completes, ending with its data or MF_E_SHUTDOWN */
    r.chain = 0;
    r.completed = r.ok = r.refused = 0;
    r.expected = CLOSE_READS / 2;
    CHECK_HR(IMFByteStream_SetCurrentPosition(bs, 0));
    for (i = 0; i < CLOSE_READS / 2; i++)
        CHECK_HR(IMFByteStream_BeginRead(bs, r.buf[i], sizeof r.buf[i], r.cb, NULL));
    CHECK(WaitForSingleObject(r.done, WINE_HANG_MS) == WAIT_OBJECT_0);
    InterlockedExchange(&r.expected, CLOSE_READS);
    for (; i < CLOSE_READS; i++)
        CHECK_HR(IMFByteStream_BeginRead(bs, r.buf[i], sizeof r.buf[i], r.cb, NULL));
    CHECK_HR(mfcb_close(bs));
    InterlockedExchange(&s.closed, 1);
    CHECK(IMFByteStream_Read(bs, r.buf[0], 1, &got) == MF_E_SHUTDOWN);
    CHECK(WaitForSingleObject(r.done, WINE_HANG_MS) == WAIT_OBJECT_0);
    CHECK(r.ok + r.refused == CLOSE_READS && r.ok >= CLOSE_READS / 2 && r.wrong == 0 && s.after_close == 0);
    /* what EndRead could not end, the application releases */
    for (i = 0; i < MAX_OPS; i++)
        if (s.ops[i].result) {
            IMFAsyncResult_Release(s.ops[i].result);
            s.ops[i].result = NULL;
            left++;
        }
    CHECK(left == r.refused);
    IMFByteStream_Release(bs);
    IMFAsyncCallback_Release(r.cb);
    IMFAsyncCallback_Release(s.worker);
    CHECK_HR(MFShutdown());
    printf("wine: IMFByteStream: mfcb_close during reads: %ld of %d ended with their data, %ld with MF_E_SHUTDOWN, "
           "no handler after close, every async result released\n", (long)r.ok, CLOSE_READS, (long)r.refused);
    wine_wait_live(0); /* Wine's threads let go on their own time */
    printf("wine: IMFByteStream: live mfcb objects at exit: %ld\n", mfcb_live_objects());
    CHECK(mfcb_live_objects() == 0);
    CloseHandle(r.done);
    DeleteCriticalSection(&s.lock);
    free(s.data);
    return 0;
}
