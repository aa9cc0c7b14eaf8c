/* test_gate_abi.c -- code compiled as a ThreadSanitizer build sees it (__SANITIZE_THREAD__ defined) links
   against a runtime built without it, as an application built with -fsanitize=thread may: mfcb_close still
   waits for its calls and returns (contract clause 11). This file includes the generated objects itself, so
   that they too are compiled with the macro. */
#ifndef __SANITIZE_THREAD__
#define __SANITIZE_THREAD__ 1
#endif
#define COBJMACROS
#include "check.h"
#include "mfreadwrite.cb.c"
#include "thread.h"

static at_int inside, left, closed;

static HRESULT on_read(void *ctx, HRESULT st, DWORD stream, DWORD flags, LONGLONG ts, IMFSample *sample)
{
    (void)ctx, (void)st, (void)stream, (void)flags, (void)ts, (void)sample;
    AT_STORE(&inside, 1);
    thr_sleep_ms(100);
    AT_STORE(&left, 1);
    return S_OK;
}

static void *call(void *arg)
{
    IMFSourceReaderCallback *cb = (IMFSourceReaderCallback *)arg;
    IMFSourceReaderCallback_OnReadSample(cb, S_OK, 0, 0, 0, NULL);
    IMFSourceReaderCallback_OnReadSample(cb, S_OK, 0, 0, 0, NULL);
    CHECK(wait_for(&closed, 1, 30000)); /* the thread stays while the object is closed */
    IMFSourceReaderCallback_Release(cb);
    return NULL;
}

int main(void)
{
    static const mfcb_IMFSourceReaderCallback_handlers h = {on_read, NULL, NULL};
    IMFSourceReaderCallback *cb;
    thr_t t;
    watchdog_start(60000);
    CHECK(mfcb_IMFSourceReaderCallback_new(&h, NULL, NULL, &cb) == S_OK);
    IMFSourceReaderCallback_AddRef(cb);
    thr_create(&t, call, cb);
    CHECK(wait_for(&inside, 1, 30000));
    CHECK(mfcb_close(cb) == S_OK);
    CHECK(AT_LOAD(&left) == 1);
    AT_STORE(&closed, 1);
    thr_join(t);
    IMFSourceReaderCallback_Release(cb);
    CHECK(mfcb_live_objects() == 0);
    puts("gate abi: ok");
    return 0;
}
