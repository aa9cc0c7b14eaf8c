/* app.c -- a consumer of mfcb: the shipped source-reader callback, and its own IMyCallback when built with
   the generator. */
#define COBJMACROS
#include <stdio.h>
#include <string.h>

#include "mfreadwrite.cb.h"
#ifdef HAVE_MY
#include "my.cb.h"
#endif

static HRESULT on_flush(void *ctx, DWORD stream)
{
    *(DWORD *)ctx = stream;
    return S_OK;
}

int main(void)
{
    mfcb_IMFSourceReaderCallback_handlers h = {NULL, on_flush, NULL};
    IMFSourceReaderCallback *cb;
    DWORD seen = 0;
    if (FAILED(mfcb_IMFSourceReaderCallback_new(&h, &seen, NULL, &cb)))
        return 1;
    if (IMFSourceReaderCallback_OnFlush(cb, 7) != S_OK || seen != 7)
        return 1;
    mfcb_close(cb);
    IMFSourceReaderCallback_Release(cb);
#ifdef HAVE_MY
    {
        mfcb_IMyCallback_handlers mh;
        memset(&mh, 0, sizeof mh);
        IMyCallback *my;
        if (FAILED(mfcb_IMyCallback_new(&mh, NULL, NULL, &my)) || IMyCallback_Ping(my, 1) != S_OK)
            return 1;
        IMyCallback_Release(my);
    }
#endif
    printf("consumer ok, live objects %ld\n", mfcb_live_objects());
    return mfcb_live_objects() == 0 ? 0 : 1;
}
