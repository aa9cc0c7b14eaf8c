/* test_rtwq.c -- a generated IRtwqAsyncCallback called by Wine's real-time work queues (rtworkq.dll):
   RtwqPutWorkItem on a queue of its own, RtwqScheduleWorkItem, and RtwqInvokeCallback. Invoke must arrive
   on a work-queue thread with the state and status sent, and GetParameters be asked. mingw-w64's rtworkq.h
   cannot be compiled as C and there is no import library, so the functions come from GetProcAddress and
   the result's vtable is written out here (its layout is the SDK's). */
#define COBJMACROS
#include <windows.h>
#include <stdio.h>

#include "rtworkq.cb.h"
#include "wine_check.h"

typedef struct rtwq_result_vtbl {
    HRESULT(STDMETHODCALLTYPE *QueryInterface)(IRtwqAsyncResult *This, REFIID riid, void **ppv);
    ULONG(STDMETHODCALLTYPE *AddRef)(IRtwqAsyncResult *This);
    ULONG(STDMETHODCALLTYPE *Release)(IRtwqAsyncResult *This);
    HRESULT(STDMETHODCALLTYPE *GetState)(IRtwqAsyncResult *This, IUnknown **state);
    HRESULT(STDMETHODCALLTYPE *GetStatus)(IRtwqAsyncResult *This);
    HRESULT(STDMETHODCALLTYPE *SetStatus)(IRtwqAsyncResult *This, HRESULT status);
    HRESULT(STDMETHODCALLTYPE *GetObject)(IRtwqAsyncResult *This, IUnknown **object);
    IUnknown *(STDMETHODCALLTYPE *GetStateNoAddRef)(IRtwqAsyncResult *This);
} rtwq_result_vtbl;
struct IRtwqAsyncResult {
    const rtwq_result_vtbl *lpVtbl;
};

static HRESULT(WINAPI *pRtwqStartup)(void);
static HRESULT(WINAPI *pRtwqShutdown)(void);
static HRESULT(WINAPI *pRtwqAllocateWorkQueue)(int type, DWORD *queue);
static HRESULT(WINAPI *pRtwqUnlockWorkQueue)(DWORD queue);
static HRESULT(WINAPI *pRtwqCreateAsyncResult)(IUnknown *object, IRtwqAsyncCallback *callback, IUnknown *state,
                                              IRtwqAsyncResult **result);
static HRESULT(WINAPI *pRtwqPutWorkItem)(DWORD queue, LONG priority, IRtwqAsyncResult *result);
static HRESULT(WINAPI *pRtwqScheduleWorkItem)(IRtwqAsyncResult *result, INT64 timeout, UINT64 *key);
static HRESULT(WINAPI *pRtwqInvokeCallback)(IRtwqAsyncResult *result);

typedef struct ctx {
    volatile LONG params, invokes;
    DWORD main_thread, invoke_thread, queue;
    IUnknown *state;
    HRESULT status;
    HANDLE done;
} ctx;

static HRESULT get_parameters(void *p, DWORD *flags, DWORD *queue)
{
    ctx *c = (ctx *)p;
    InterlockedIncrement(&c->params);
    *flags = 0;
    *queue = c->queue;
    return S_OK;
}

static HRESULT invoke(void *p, IRtwqAsyncResult *result)
{
    ctx *c = (ctx *)p;
    c->invoke_thread = GetCurrentThreadId();
    c->state = result->lpVtbl->GetStateNoAddRef(result);
    c->status = result->lpVtbl->GetStatus(result);
    InterlockedIncrement(&c->invokes);
    SetEvent(c->done);
    return S_OK;
}

static void expect_invoke(ctx *c, IUnknown *state, HRESULT status, LONG params_before, const char *path)
{
    CHECK(WaitForSingleObject(c->done, WINE_HANG_MS) == WAIT_OBJECT_0);
    CHECK(c->invoke_thread != c->main_thread);
    CHECK(c->state == state);
    CHECK(c->status == status);
    CHECK(c->params > params_before);
    printf("wine: IRtwqAsyncCallback through %s: Invoke on thread %lu, state and status as sent\n", path,
           (unsigned long)c->invoke_thread);
}

#define LOAD(name) CHECK((*(FARPROC *)&p##name = GetProcAddress(dll, #name)) != NULL)

int main(void)
{
    static const mfcb_IRtwqAsyncCallback_handlers h = {get_parameters, invoke};
    HMODULE dll = LoadLibraryW(L"rtworkq.dll");
    IRtwqAsyncCallback *cb;
    IRtwqAsyncResult *result;
    IUnknown *state;
    UINT64 key;
    LONG before;
    ctx c;

    CHECK(dll != NULL);
    LOAD(RtwqStartup);
    LOAD(RtwqShutdown);
    LOAD(RtwqAllocateWorkQueue);
    LOAD(RtwqUnlockWorkQueue);
    LOAD(RtwqCreateAsyncResult);
    LOAD(RtwqPutWorkItem);
    LOAD(RtwqScheduleWorkItem);
    LOAD(RtwqInvokeCallback);

    memset(&c, 0, sizeof c);
    c.main_thread = GetCurrentThreadId();
    c.done = CreateEventW(NULL, FALSE, FALSE, NULL);
    CHECK_HR(pRtwqStartup());
    CHECK_HR(pRtwqAllocateWorkQueue(0 /* RTWQ_STANDARD_WORKQUEUE */, &c.queue));
    CHECK_HR(mfcb_IRtwqAsyncCallback_new(&h, &c, NULL, &cb));
    /* any IUnknown serves as the state: the callback object itself */
    CHECK_HR(IRtwqAsyncCallback_QueryInterface(cb, &IID_IUnknown, (void **)&state));

    before = c.params;
    CHECK_HR(pRtwqCreateAsyncResult(NULL, cb, state, &result));
    CHECK_HR(pRtwqPutWorkItem(c.queue, 0, result));
    expect_invoke(&c, state, S_OK, before, "RtwqPutWorkItem");
    result->lpVtbl->Release(result);

    before = c.params;
    CHECK_HR(pRtwqCreateAsyncResult(NULL, cb, state, &result));
    CHECK_HR(pRtwqScheduleWorkItem(result, -20, &key));
    expect_invoke(&c, state, S_OK, before, "RtwqScheduleWorkItem");
    result->lpVtbl->Release(result);

    before = c.params;
    CHECK_HR(pRtwqCreateAsyncResult(NULL, cb, state, &result));
    CHECK_HR(result->lpVtbl->SetStatus(result, E_ABORT));
    CHECK_HR(pRtwqInvokeCallback(result));
    expect_invoke(&c, state, E_ABORT, before, "RtwqCreateAsyncResult + RtwqInvokeCallback");
    result->lpVtbl->Release(result);

    CHECK(c.invokes == 3);
    IUnknown_Release(state);
    mfcb_close(cb);
    IRtwqAsyncCallback_Release(cb);
    wine_wait_live(0); /* the work-queue threads drop their results on their own time */
    CHECK_HR(pRtwqUnlockWorkQueue(c.queue));
    CHECK_HR(pRtwqShutdown());
    CHECK(mfcb_live_objects() == 0);
    printf("wine: IRtwqAsyncCallback: 3 paths, %ld GetParameters calls, no object left\n", (long)c.params);
    return 0;
}
