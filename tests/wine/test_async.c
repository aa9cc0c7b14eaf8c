/* test_async.c -- a generated IMFAsyncCallback called by Wine's mfplat: through MFPutWorkItem,
   MFPutWorkItem2, MFScheduleWorkItem, MFCreateAsyncResult + MFInvokeCallback, and IMFByteStream::BeginRead.
   Invoke must arrive on a work-queue thread with the right state and status, and GetParameters answer.
   A scheduled item cancelled with MFCancelWorkItem must never be invoked; Wine 8.0 keeps one reference of
   its callback, which the live-object count must show exactly. */
#define COBJMACROS
#include <windows.h>
#include <mfapi.h>
#include <mfidl.h>

#include "mfobjects.cb.h"
#include "wine_check.h"

typedef struct ctx {
    volatile LONG params, invokes;
    DWORD main_thread, invoke_thread;
    IUnknown *state;
    HRESULT status;
    IMFByteStream *stream; /* for the BeginRead path: Invoke calls EndRead */
    ULONG read;
    HANDLE done;
} ctx;

static HRESULT get_parameters(void *p, DWORD *flags, DWORD *queue)
{
    InterlockedIncrement(&((ctx *)p)->params);
    *flags = 0;
    *queue = MFASYNC_CALLBACK_QUEUE_MULTITHREADED;
    return S_OK;
}

static HRESULT invoke(void *p, IMFAsyncResult *result)
{
    ctx *c = (ctx *)p;
    c->invoke_thread = GetCurrentThreadId();
    c->state = NULL;
    if (SUCCEEDED(IMFAsyncResult_GetState(result, &c->state)))
        IUnknown_Release(c->state); /* the caller still holds its reference */
    c->status = IMFAsyncResult_GetStatus(result);
    if (c->stream)
        c->status = IMFByteStream_EndRead(c->stream, result, &c->read);
    InterlockedIncrement(&c->invokes);
    SetEvent(c->done);
    return S_OK;
}

static void expect_invoke(ctx *c, IUnknown *state, HRESULT status, LONG params_before, const char *path)
{
    CHECK(WaitForSingleObject(c->done, WINE_HANG_MS) == WAIT_OBJECT_0);
    CHECK(c->invoke_thread != c->main_thread); /* a work-queue thread */
    CHECK(c->state == state);
    CHECK(c->status == status);
    CHECK(c->params > params_before); /* asked for its parameters */
    printf("wine: IMFAsyncCallback through %s: Invoke on thread %lu, state and status as sent\n", path,
           (unsigned long)c->invoke_thread);
}

int main(void)
{
    static const mfcb_IMFAsyncCallback_handlers h = {get_parameters, invoke};
    IMFAsyncCallback *cb;
    IMFAttributes *state;
    IMFAsyncResult *result;
    MFWORKITEM_KEY key;
    ctx c;
    LONG before;
    BYTE data[4096], buf[4096];
    ULONG written, i;

    memset(&c, 0, sizeof c);
    c.main_thread = GetCurrentThreadId();
    c.done = CreateEventW(NULL, FALSE, FALSE, NULL);
    CHECK_HR(MFStartup(MF_VERSION, MFSTARTUP_FULL));
    CHECK_HR(MFCreateAttributes(&state, 1));
    CHECK_HR(mfcb_IMFAsyncCallback_new(&h, &c, NULL, &cb));

    before = c.params;
    CHECK_HR(MFPutWorkItem(MFASYNC_CALLBACK_QUEUE_STANDARD, cb, (IUnknown *)state));
    expect_invoke(&c, (IUnknown *)state, S_OK, before, "MFPutWorkItem");

    before = c.params;
    CHECK_HR(MFPutWorkItem2(MFASYNC_CALLBACK_QUEUE_STANDARD, 0, cb, (IUnknown *)state));
    expect_invoke(&c, (IUnknown *)state, S_OK, before, "MFPutWorkItem2");

    before = c.params;
    CHECK_HR(MFScheduleWorkItem(cb, (IUnknown *)state, -20, &key));
    expect_invoke(&c, (IUnknown *)state, S_OK, before, "MFScheduleWorkItem");

    before = c.params;
    CHECK_HR(MFCreateAsyncResult(NULL, cb, (IUnknown *)state, &result));
    CHECK_HR(IMFAsyncResult_SetStatus(result, E_ABORT));
    CHECK_HR(MFInvokeCallback(result));
    expect_invoke(&c, (IUnknown *)state, E_ABORT, before, "MFCreateAsyncResult + MFInvokeCallback");
    IMFAsyncResult_Release(result);

    for (i = 0; i < sizeof data; i++)
        data[i] = (BYTE)(i * 7);
    CHECK_HR(MFCreateFile(MF_ACCESSMODE_READWRITE, MF_OPENMODE_DELETE_IF_EXIST, MF_FILEFLAGS_NONE, L"async.bin",
                          &c.stream));
    CHECK_HR(IMFByteStream_Write(c.stream, data, sizeof data, &written));
    CHECK(written == sizeof data);
    CHECK_HR(IMFByteStream_SetCurrentPosition(c.stream, 0));
    before = c.params;
    CHECK_HR(IMFByteStream_BeginRead(c.stream, buf, sizeof buf, cb, (IUnknown *)state));
    expect_invoke(&c, (IUnknown *)state, S_OK, before, "IMFByteStream::BeginRead");
    CHECK(c.read == sizeof data && memcmp(buf, data, sizeof data) == 0);
    IMFByteStream_Close(c.stream);
    IMFByteStream_Release(c.stream);

    CHECK(c.invokes == 5);

    mfcb_close(cb);
    IMFAsyncCallback_Release(cb);
    IMFAttributes_Release(state);
    /* The work-queue thread drops its async result (and with it its reference of the callback) after
       Invoke returns, on its own time: wait for it before counting. */
    CHECK(wine_wait_live(0) == 0);

    /* MFCancelWorkItem: a second object, scheduled 10 s ahead and cancelled at once */
    {
        ctx c2;
        IMFAsyncCallback *cb2;
        MFWORKITEM_KEY key2;
        memset(&c2, 0, sizeof c2);
        c2.done = CreateEventW(NULL, FALSE, FALSE, NULL);
        CHECK_HR(mfcb_IMFAsyncCallback_new(&h, &c2, NULL, &cb2));
        CHECK_HR(MFScheduleWorkItem(cb2, NULL, -10000, &key2));
        CHECK_HR(MFCancelWorkItem(key2));
        CHECK(WaitForSingleObject(c2.done, 300) == WAIT_TIMEOUT);
        CHECK(c2.invokes == 0);
        mfcb_close(cb2); /* whatever Wine still holds, no handler runs again */
        IMFAsyncCallback_Release(cb2);
        CloseHandle(c2.done);
    }
    for (i = 0; i < 30; i++)
        Sleep(10); /* as above: give Wine's threads their time before counting */
    CHECK_HR(MFShutdown());
    printf("wine: IMFAsyncCallback: MFCancelWorkItem: never invoked; live objects after release: %ld "
           "(Wine 8.0 keeps one reference of a cancelled item's callback)\n", mfcb_live_objects());
    CHECK(mfcb_live_objects() == 1);
    printf("wine: IMFAsyncCallback: 5 paths, %ld GetParameters calls, no other object left\n", (long)c.params);
    DeleteFileW(L"async.bin");
    return 0;
}
