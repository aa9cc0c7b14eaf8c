/* test_thread_exit.c -- POSIX: a call made from a thread-exit destructor that runs after every destructor
   the runtime may have is still seen by mfcb_close, which waits for it (contract clause 11). */
#define COBJMACROS
#include <pthread.h>

#include "check.h"
#include "mfreadwrite.cb.h"
#include "thread.h"

static at_int inside, left;
static pthread_key_t late_key;

static HRESULT on_read(void *ctx, HRESULT st, DWORD stream, DWORD flags, LONGLONG ts, IMFSample *sample)
{
    (void)ctx, (void)st, (void)stream, (void)flags, (void)sample;
    if (ts == 1) {
        AT_STORE(&inside, 1);
        thr_sleep_ms(200);
        AT_STORE(&left, 1);
    }
    return S_OK;
}

/* Runs at thread exit, after the destructors of keys made before late_key. */
static void late_destructor(void *arg)
{
    IMFSourceReaderCallback *cb = (IMFSourceReaderCallback *)arg;
    IMFSourceReaderCallback_OnReadSample(cb, S_OK, 0, 0, 1, NULL);
    IMFSourceReaderCallback_Release(cb);
}

static void *thread_main(void *arg)
{
    IMFSourceReaderCallback *cb = (IMFSourceReaderCallback *)arg;
    /* a first call, so that whatever the runtime keeps per thread exists before the key is set */
    IMFSourceReaderCallback_OnReadSample(cb, S_OK, 0, 0, 0, NULL);
    CHECK(pthread_setspecific(late_key, cb) == 0);
    return NULL;
}

int main(void)
{
    static const mfcb_IMFSourceReaderCallback_handlers h = {on_read, NULL, NULL};
    IMFSourceReaderCallback *cb;
    pthread_t t;
    watchdog_start(60000);
    CHECK(mfcb_IMFSourceReaderCallback_new(&h, NULL, NULL, &cb) == S_OK);
    IMFSourceReaderCallback_OnReadSample(cb, S_OK, 0, 0, 0, NULL); /* the runtime's keys, if any, come first */
    CHECK(pthread_key_create(&late_key, late_destructor) == 0);
    IMFSourceReaderCallback_AddRef(cb);
    CHECK(pthread_create(&t, NULL, thread_main, cb) == 0);
    CHECK(wait_for(&inside, 1, 30000));
    CHECK(mfcb_close(cb) == S_OK);
    CHECK(AT_LOAD(&left) == 1); /* close waited for the destructor's call */
    pthread_join(t, NULL);
    IMFSourceReaderCallback_Release(cb);
    CHECK(mfcb_live_objects() == 0);
    puts("thread exit: ok");
    return 0;
}
