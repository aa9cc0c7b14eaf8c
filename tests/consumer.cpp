// consumer.cpp -- the generated header from C++: the interfaces as C++ classes, the C API beside them.
#include <cstdio>

#include "mfreadwrite.cb.h"

static HRESULT on_flush(void *ctx, DWORD stream)
{
    *static_cast<DWORD *>(ctx) = stream;
    return S_OK;
}

int main()
{
    mfcb_IMFSourceReaderCallback_handlers h = {};
    h.OnFlush = on_flush;
    DWORD seen = 0;
    IMFSourceReaderCallback *cb = nullptr;
    if (mfcb_IMFSourceReaderCallback_new(&h, &seen, nullptr, &cb) != S_OK)
        return 1;
    // Called the C++ way, through the class's virtual functions: the same vtable.
    if (cb->OnFlush(42) != S_OK || seen != 42)
        return 1;
    IUnknown *unk = nullptr;
    if (cb->QueryInterface(IID_IUnknown, reinterpret_cast<void **>(&unk)) != S_OK || unk != cb)
        return 1;
    unk->Release();
    if (mfcb_close(cb) != S_OK || cb->OnFlush(1) != MFCB_E_SHUTDOWN || seen != 42)
        return 1;
    if (cb->Release() != 0 || mfcb_live_objects() != 0)
        return 1;
    std::puts("c++ consumer: ok");
    return 0;
}
