/* hand_mfreadwrite.c -- the four mfreadwrite callbacks written by hand, the way C test programs write
   them: one struct per object with its vtable pointer and a reference count, QueryInterface comparing
   IIDs, interlocked AddRef/Release, and methods that keep what they are given. Not used by any program:
   bench/size.sh compiles it to compare its code size and compile time with pregenerated/mfreadwrite.cb.c,
   which implements the same four interfaces. It includes the generated header only for the interface
   declarations, as a program would include the SDK's mfreadwrite.h. */
#define COBJMACROS
#include <stdlib.h>

#include "mfreadwrite.cb.h"

#if defined(_MSC_VER)
#include <intrin.h>
#define HAND_INC(p) _InterlockedIncrement(p)
#define HAND_DEC(p) _InterlockedDecrement(p)
#else
#define HAND_INC(p) __atomic_add_fetch((p), 1, __ATOMIC_ACQ_REL)
#define HAND_DEC(p) __atomic_sub_fetch((p), 1, __ATOMIC_ACQ_REL)
#endif

/* ---- IMFSourceReaderCallback ---- */

typedef struct reader_cb {
    IMFSourceReaderCallback iface;
    volatile long refs;
    HRESULT status;
    DWORD stream, flags;
    LONGLONG timestamp;
    IMFSample *sample;
} reader_cb;

static HRESULT STDMETHODCALLTYPE reader_qi(IMFSourceReaderCallback *This, REFIID riid, void **ppv)
{
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IMFSourceReaderCallback)) {
        *ppv = This;
        IMFSourceReaderCallback_AddRef(This);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE reader_addref(IMFSourceReaderCallback *This)
{
    return (ULONG)HAND_INC(&((reader_cb *)(void *)This)->refs);
}

static ULONG STDMETHODCALLTYPE reader_release(IMFSourceReaderCallback *This)
{
    reader_cb *cb = (reader_cb *)(void *)This;
    long n = HAND_DEC(&cb->refs);
    if (n == 0) {
        if (cb->sample)
            IUnknown_Release((IUnknown *)cb->sample);
        free(cb);
    }
    return (ULONG)n;
}

static HRESULT STDMETHODCALLTYPE reader_read(IMFSourceReaderCallback *This, HRESULT status, DWORD stream,
                                            DWORD flags, LONGLONG timestamp, IMFSample *sample)
{
    reader_cb *cb = (reader_cb *)(void *)This;
    cb->status = status;
    cb->stream = stream;
    cb->flags = flags;
    cb->timestamp = timestamp;
    if (sample)
        IUnknown_AddRef((IUnknown *)sample);
    if (cb->sample)
        IUnknown_Release((IUnknown *)cb->sample);
    cb->sample = sample;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE reader_flush(IMFSourceReaderCallback *This, DWORD stream)
{
    ((reader_cb *)(void *)This)->stream = stream;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE reader_event(IMFSourceReaderCallback *This, DWORD stream, IMFMediaEvent *event)
{
    (void)event;
    ((reader_cb *)(void *)This)->stream = stream;
    return S_OK;
}

static const IMFSourceReaderCallbackVtbl reader_vtbl = {
    reader_qi, reader_addref, reader_release, reader_read, reader_flush, reader_event,
};

HRESULT hand_reader_callback_new(IMFSourceReaderCallback **out)
{
    reader_cb *cb = (reader_cb *)calloc(1, sizeof *cb);
    if (!cb)
        return E_OUTOFMEMORY;
    cb->iface.lpVtbl = (IMFSourceReaderCallbackVtbl *)&reader_vtbl;
    cb->refs = 1;
    *out = &cb->iface;
    return S_OK;
}

/* ---- IMFSourceReaderCallback2 ---- */

typedef struct reader_cb2 {
    IMFSourceReaderCallback2 iface;
    volatile long refs;
    HRESULT status;
    DWORD stream, flags;
    LONGLONG timestamp;
    IMFSample *sample;
    int transform_changes;
} reader_cb2;

static HRESULT STDMETHODCALLTYPE reader2_qi(IMFSourceReaderCallback2 *This, REFIID riid, void **ppv)
{
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IMFSourceReaderCallback) ||
        IsEqualGUID(riid, &IID_IMFSourceReaderCallback2)) {
        *ppv = This;
        IMFSourceReaderCallback2_AddRef(This);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE reader2_addref(IMFSourceReaderCallback2 *This)
{
    return (ULONG)HAND_INC(&((reader_cb2 *)(void *)This)->refs);
}

static ULONG STDMETHODCALLTYPE reader2_release(IMFSourceReaderCallback2 *This)
{
    reader_cb2 *cb = (reader_cb2 *)(void *)This;
    long n = HAND_DEC(&cb->refs);
    if (n == 0) {
        if (cb->sample)
            IUnknown_Release((IUnknown *)cb->sample);
        free(cb);
    }
    return (ULONG)n;
}

static HRESULT STDMETHODCALLTYPE reader2_read(IMFSourceReaderCallback2 *This, HRESULT status, DWORD stream,
                                             DWORD flags, LONGLONG timestamp, IMFSample *sample)
{
    reader_cb2 *cb = (reader_cb2 *)(void *)This;
    cb->status = status;
    cb->stream = stream;
    cb->flags = flags;
    cb->timestamp = timestamp;
    if (sample)
        IUnknown_AddRef((IUnknown *)sample);
    if (cb->sample)
        IUnknown_Release((IUnknown *)cb->sample);
    cb->sample = sample;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE reader2_flush(IMFSourceReaderCallback2 *This, DWORD stream)
{
    ((reader_cb2 *)(void *)This)->stream = stream;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE reader2_event(IMFSourceReaderCallback2 *This, DWORD stream, IMFMediaEvent *event)
{
    (void)event;
    ((reader_cb2 *)(void *)This)->stream = stream;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE reader2_transform_change(IMFSourceReaderCallback2 *This)
{
    ((reader_cb2 *)(void *)This)->transform_changes++;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE reader2_stream_error(IMFSourceReaderCallback2 *This, DWORD stream, HRESULT status)
{
    reader_cb2 *cb = (reader_cb2 *)(void *)This;
    cb->stream = stream;
    cb->status = status;
    return S_OK;
}

static const IMFSourceReaderCallback2Vtbl reader2_vtbl = {
    reader2_qi, reader2_addref, reader2_release, reader2_read, reader2_flush, reader2_event,
    reader2_transform_change, reader2_stream_error,
};

HRESULT hand_reader_callback2_new(IMFSourceReaderCallback2 **out)
{
    reader_cb2 *cb = (reader_cb2 *)calloc(1, sizeof *cb);
    if (!cb)
        return E_OUTOFMEMORY;
    cb->iface.lpVtbl = (IMFSourceReaderCallback2Vtbl *)&reader2_vtbl;
    cb->refs = 1;
    *out = &cb->iface;
    return S_OK;
}

/* ---- IMFSinkWriterCallback ---- */

typedef struct writer_cb {
    IMFSinkWriterCallback iface;
    volatile long refs;
    HRESULT status;
    DWORD stream;
    void *marker;
} writer_cb;

static HRESULT STDMETHODCALLTYPE writer_qi(IMFSinkWriterCallback *This, REFIID riid, void **ppv)
{
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IMFSinkWriterCallback)) {
        *ppv = This;
        IMFSinkWriterCallback_AddRef(This);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE writer_addref(IMFSinkWriterCallback *This)
{
    return (ULONG)HAND_INC(&((writer_cb *)(void *)This)->refs);
}

static ULONG STDMETHODCALLTYPE writer_release(IMFSinkWriterCallback *This)
{
    writer_cb *cb = (writer_cb *)(void *)This;
    long n = HAND_DEC(&cb->refs);
    if (n == 0)
        free(cb);
    return (ULONG)n;
}

static HRESULT STDMETHODCALLTYPE writer_finalize(IMFSinkWriterCallback *This, HRESULT status)
{
    ((writer_cb *)(void *)This)->status = status;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE writer_marker(IMFSinkWriterCallback *This, DWORD stream, void *context)
{
    writer_cb *cb = (writer_cb *)(void *)This;
    cb->stream = stream;
    cb->marker = context;
    return S_OK;
}

static const IMFSinkWriterCallbackVtbl writer_vtbl = {
    writer_qi, writer_addref, writer_release, writer_finalize, writer_marker,
};

HRESULT hand_writer_callback_new(IMFSinkWriterCallback **out)
{
    writer_cb *cb = (writer_cb *)calloc(1, sizeof *cb);
    if (!cb)
        return E_OUTOFMEMORY;
    cb->iface.lpVtbl = (IMFSinkWriterCallbackVtbl *)&writer_vtbl;
    cb->refs = 1;
    *out = &cb->iface;
    return S_OK;
}

/* ---- IMFSinkWriterCallback2 ---- */

typedef struct writer_cb2 {
    IMFSinkWriterCallback2 iface;
    volatile long refs;
    HRESULT status;
    DWORD stream;
    void *marker;
    int transform_changes;
} writer_cb2;

static HRESULT STDMETHODCALLTYPE writer2_qi(IMFSinkWriterCallback2 *This, REFIID riid, void **ppv)
{
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IMFSinkWriterCallback) ||
        IsEqualGUID(riid, &IID_IMFSinkWriterCallback2)) {
        *ppv = This;
        IMFSinkWriterCallback2_AddRef(This);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE writer2_addref(IMFSinkWriterCallback2 *This)
{
    return (ULONG)HAND_INC(&((writer_cb2 *)(void *)This)->refs);
}

static ULONG STDMETHODCALLTYPE writer2_release(IMFSinkWriterCallback2 *This)
{
    writer_cb2 *cb = (writer_cb2 *)(void *)This;
    long n = HAND_DEC(&cb->refs);
    if (n == 0)
        free(cb);
    return (ULONG)n;
}

static HRESULT STDMETHODCALLTYPE writer2_finalize(IMFSinkWriterCallback2 *This, HRESULT status)
{
    ((writer_cb2 *)(void *)This)->status = status;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE writer2_marker(IMFSinkWriterCallback2 *This, DWORD stream, void *context)
{
    writer_cb2 *cb = (writer_cb2 *)(void *)This;
    cb->stream = stream;
    cb->marker = context;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE writer2_transform_change(IMFSinkWriterCallback2 *This)
{
    ((writer_cb2 *)(void *)This)->transform_changes++;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE writer2_stream_error(IMFSinkWriterCallback2 *This, DWORD stream, HRESULT status)
{
    writer_cb2 *cb = (writer_cb2 *)(void *)This;
    cb->stream = stream;
    cb->status = status;
    return S_OK;
}

static const IMFSinkWriterCallback2Vtbl writer2_vtbl = {
    writer2_qi, writer2_addref, writer2_release, writer2_finalize, writer2_marker,
    writer2_transform_change, writer2_stream_error,
};

HRESULT hand_writer_callback2_new(IMFSinkWriterCallback2 **out)
{
    writer_cb2 *cb = (writer_cb2 *)calloc(1, sizeof *cb);
    if (!cb)
        return E_OUTOFMEMORY;
    cb->iface.lpVtbl = (IMFSinkWriterCallback2Vtbl *)&writer2_vtbl;
    cb->refs = 1;
    *out = &cb->iface;
    return S_OK;
}
