// test_cxx.cpp -- C++ with the SDK's C++ interface types and the generated C objects together: Wine's
// work queue invokes a generated IMFAsyncCallback, and the C++ side uses it and the result through the
// SDK's classes.
#include <windows.h>
#include <mfapi.h>
#include <mfidl.h>
#include <cstdio>

#include "mfobjects.cb.h"
#include "wine_check.h"

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
    CHECK(WaitForSingleObject(w.done, 5000) == WAIT_OBJECT_0);
    CHECK(w.state == state && w.status == S_OK);
    mfcb_close(cb);
    CHECK(cb->Release() == 0);
    state->Release();
    // the work-queue thread lets go of its async result on its own time
    for (int i = 0; i < 100 && mfcb_live_objects() != 0; i++)
        Sleep(10);
    CHECK_HR(MFShutdown());
    CHECK(mfcb_live_objects() == 0);
    std::printf("wine: C++ with the SDK's interface classes and a generated IMFAsyncCallback: Invoke as sent\n");
    return 0;
}
