// test_cxx.cpp -- C++ with the SDK's C++ interface types and the generated C objects together: Wine's
// work queue invokes a generated IMFAsyncCallback, and the C++ side uses it and the result through the
// SDK's classes. Then C++ virtual calls through the SDK's own classes reach generated objects whose C
// declarations the compiler never saw: IRtwqAsyncCallback (mingw-w64's rtworkq.h is C++-only, so this is
// where our handler types meet the SDK's) and IMFClockStateSink.
#include <windows.h>
#include <mfapi.h>
#include <mfidl.h>
#include <cstdio>

#include "mfobjects.cb.h"
#include "mfidl.cb.h"
#include "rtworkq.cb.h"
#include "wine_check.h"

static HRESULT rtwq_parameters(void *ctx, DWORD *flags, DWORD *queue)
{
    *flags = 3;
    *queue = *static_cast<DWORD *>(ctx);
    return S_OK;
}

static HRESULT clock_start(void *ctx, MFTIME system_time, LONGLONG offset)
{
    static_cast<LONGLONG *>(ctx)[0] = system_time;
    static_cast<LONGLONG *>(ctx)[1] = offset;
    return S_OK;
}

// Virtual calls of the SDK's C++ classes into generated C objects, arguments and results both ways.
static void sdk_classes_call_generated()
{
    mfcb_IRtwqAsyncCallback_handlers rh = {};
    rh.GetParameters = rtwq_parameters;
    DWORD want_queue = 0x1234, flags = 0, queue = 0;
    IRtwqAsyncCallback *rcb = nullptr;
    CHECK_HR(mfcb_IRtwqAsyncCallback_new(&rh, &want_queue, nullptr, &rcb));
    CHECK(rcb->GetParameters(&flags, &queue) == S_OK);
    CHECK(flags == 3 && queue == 0x1234);
    mfcb_close(rcb);
    CHECK(rcb->Release() == 0);

    mfcb_IMFClockStateSink_handlers ch = {};
    ch.OnClockStart = clock_start;
    LONGLONG seen[2] = {0, 0};
    IMFClockStateSink *sink = nullptr;
    CHECK_HR(mfcb_IMFClockStateSink_new(&ch, seen, nullptr, &sink));
    CHECK(sink->OnClockStart(123456789012LL, -42) == S_OK);
    CHECK(seen[0] == 123456789012LL && seen[1] == -42);
    CHECK(sink->OnClockPause(1) == S_OK); // NULL handler: the default
    mfcb_close(sink);
    CHECK(sink->Release() == 0);
    std::printf("wine: C++: the SDK's IRtwqAsyncCallback and IMFClockStateSink classes call generated objects, "
                "arguments and results as sent\n");
}

struct waiter {
    HANDLE done;
    IUnknown *state;
    HRESULT status;
};

static HRESULT invoke(void *ctx, IMFAsyncResult *result)
{
    waiter *w = static_cast<waiter *>(ctx);
    IUnknown *state = nullptr;
    if (SUCCEEDED(result->GetState(&state))) { // the SDK's C++ method
        w->state = state;
        state->Release();
    }
    w->status = result->GetStatus();
    SetEvent(w->done);
    return S_OK;
}

int main()
{
    mfcb_IMFAsyncCallback_handlers h = {};
    h.Invoke = invoke;
    waiter w = {CreateEventW(nullptr, FALSE, FALSE, nullptr), nullptr, E_FAIL};
    IMFAsyncCallback *cb = nullptr;
    IMFAttributes *state = nullptr;
    CHECK_HR(MFStartup(MF_VERSION, MFSTARTUP_FULL));
    CHECK_HR(MFCreateAttributes(&state, 1));
    CHECK_HR(mfcb_IMFAsyncCallback_new(&h, &w, nullptr, &cb));
    IUnknown *unk = nullptr;
    CHECK_HR(cb->QueryInterface(IID_IUnknown, reinterpret_cast<void **>(&unk))); // C++ calls into C stubs
    CHECK(unk == cb);
    unk->Release();
    CHECK_HR(MFPutWorkItem(MFASYNC_CALLBACK_QUEUE_STANDARD, cb, state));
    CHECK(WaitForSingleObject(w.done, WINE_HANG_MS) == WAIT_OBJECT_0);
    CHECK(w.state == state && w.status == S_OK);
    mfcb_close(cb);
    // The work-queue thread lets go of its async result, and with it of cb, on its own time after Invoke
    // returned: wait until ours is the only reference, then it must be the last.
    for (DWORD start = GetTickCount(); GetTickCount() - start < WINE_HANG_MS;) {
        cb->AddRef();
        if (cb->Release() == 1)
            break;
        Sleep(5);
    }
    CHECK(cb->Release() == 0);
    state->Release();
    CHECK(wine_wait_live(0) == 0);
    CHECK_HR(MFShutdown());
    CHECK(mfcb_live_objects() == 0);
    std::printf("wine: C++ with the SDK's interface classes and a generated IMFAsyncCallback: Invoke as sent\n");
    sdk_classes_call_generated();
    CHECK(mfcb_live_objects() == 0);
    return 0;
}
