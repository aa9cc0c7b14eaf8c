/* readwrite_demo.c -- drives a generated IMFSourceReaderCallback and IMFSinkWriterCallback from several
   threads at once, as Media Foundation's work queues do, then closes them while calls are still arriving. */
#define COBJMACROS
#include <stdio.h>
#include <string.h>

#include "mfreadwrite.cb.h"

#ifdef _WIN32
#include <windows.h>
typedef HANDLE thread_t;
#define THREAD_FN DWORD WINAPI
static int thread_start(thread_t *t, LPTHREAD_START_ROUTINE fn, void *arg)
{
    *t = CreateThread(NULL, 0, fn, arg, 0, NULL);
    return *t ? 0 : -1;
}
static void thread_join(thread_t t)
{
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
}
#define atomic_add(p, v) InterlockedExchangeAdd((volatile LONG *)(p), (v))
#else
#include <pthread.h>
typedef pthread_t thread_t;
#define THREAD_FN void *
static int thread_start(thread_t *t, void *(*fn)(void *), void *arg) { return pthread_create(t, NULL, fn, arg); }
static void thread_join(thread_t t) { pthread_join(t, NULL); }
#define atomic_add(p, v) __atomic_fetch_add((p), (v), __ATOMIC_SEQ_CST)
#endif

#define WORKERS 4
#define SAMPLES 2000

/* What the application keeps: counters the handlers update from any thread. */
typedef struct app {
    LONG samples, end_of_stream, flushes, markers, finalized, shut_down;
} app;

static HRESULT on_read_sample(void *ctx, HRESULT status, DWORD stream, DWORD flags, LONGLONG ts, IMFSample *s)
{
    app *a = (app *)ctx;
    (void)stream, (void)ts, (void)s;
    if (FAILED(status))
        return status;
    if (flags & MF_SOURCE_READERF_ENDOFSTREAM)
        atomic_add(&a->end_of_stream, 1);
    else
        atomic_add(&a->samples, 1);
    return S_OK;
}

static HRESULT on_flush(void *ctx, DWORD stream)
{
    (void)stream;
    atomic_add(&((app *)ctx)->flushes, 1);
    return S_OK;
}

static HRESULT on_marker(void *ctx, DWORD stream, void *cookie)
{
    (void)stream, (void)cookie;
    atomic_add(&((app *)ctx)->markers, 1);
    return S_OK;
}

static HRESULT on_finalize(void *ctx, HRESULT status)
{
    (void)status;
    atomic_add(&((app *)ctx)->finalized, 1);
    return S_OK;
}

typedef struct worker {
    IMFSourceReaderCallback *reader_cb;
    IMFSinkWriterCallback *writer_cb;
    app *a;
    int id;
} worker;

/* One "work-queue thread": it owns a reference, as MF does, and keeps calling until it is told to stop. */
static THREAD_FN worker_main(void *arg)
{
    worker *w = (worker *)arg;
    int i;
    for (i = 0; i < SAMPLES; i++) {
        DWORD flags = i == SAMPLES - 1 ? MF_SOURCE_READERF_ENDOFSTREAM : 0;
        HRESULT hr = IMFSourceReaderCallback_OnReadSample(w->reader_cb, S_OK, 0, flags, (LONGLONG)i * 10000, NULL);
        if (hr == MFCB_E_SHUTDOWN) {
            atomic_add(&w->a->shut_down, 1);
            break;
        }
        if (i % 100 == 0)
            IMFSinkWriterCallback_OnMarker(w->writer_cb, 0, (void *)(size_t)i);
    }
    IMFSourceReaderCallback_OnFlush(w->reader_cb, 0);
    IMFSourceReaderCallback_Release(w->reader_cb);
    IMFSinkWriterCallback_Release(w->writer_cb);
    return 0;
}

int main(void)
{
    static const mfcb_IMFSourceReaderCallback_handlers reader_h = {on_read_sample, on_flush, NULL};
    static const mfcb_IMFSinkWriterCallback_handlers writer_h = {on_finalize, on_marker};
    IMFSourceReaderCallback *reader_cb = NULL;
    IMFSinkWriterCallback *writer_cb = NULL;
    IMFSinkWriterCallback2 *not_there = NULL;
    app a;
    worker w[WORKERS];
    thread_t t[WORKERS];
    int i;

    memset(&a, 0, sizeof a);
    if (FAILED(mfcb_IMFSourceReaderCallback_new(&reader_h, &a, NULL, &reader_cb)) ||
        FAILED(mfcb_IMFSinkWriterCallback_new(&writer_h, &a, NULL, &writer_cb))) {
        fputs("readwrite_demo: cannot create the callbacks\n", stderr);
        return 1;
    }
    printf("mfcb %s: %d threads call IMFSourceReaderCallback and IMFSinkWriterCallback at once\n", mfcb_version(),
           WORKERS);
    for (i = 0; i < WORKERS; i++) {
        w[i].reader_cb = reader_cb;
        w[i].writer_cb = writer_cb;
        w[i].a = &a;
        w[i].id = i;
        IMFSourceReaderCallback_AddRef(reader_cb);
        IMFSinkWriterCallback_AddRef(writer_cb);
        if (thread_start(&t[i], worker_main, &w[i]) != 0) {
            fputs("readwrite_demo: cannot start a thread\n", stderr);
            return 1;
        }
    }

    /* The sink writer finishes: OnFinalize, then close it while markers may still be arriving. */
    IMFSinkWriterCallback_OnFinalize(writer_cb, S_OK);
    mfcb_close(writer_cb);

    for (i = 0; i < WORKERS; i++)
        thread_join(t[i]);
    /* After close no handler runs: the object answers MF_E_SHUTDOWN and leaves the application alone. */
    mfcb_close(reader_cb);
    printf("samples %ld, end of stream %ld, flushes %ld, markers %ld, finalized %ld\n", (long)a.samples,
           (long)a.end_of_stream, (long)a.flushes, (long)a.markers, (long)a.finalized);
    printf("OnReadSample after close: 0x%08x\n",
           (unsigned)IMFSourceReaderCallback_OnReadSample(reader_cb, S_OK, 0, 0, 0, NULL));
    printf("QueryInterface(IMFSinkWriterCallback2) on the sink writer callback: 0x%08x\n",
           (unsigned)IMFSinkWriterCallback_QueryInterface(writer_cb, &IID_IMFSinkWriterCallback2,
                                                               (void **)&not_there));
    IMFSourceReaderCallback_Release(reader_cb);
    IMFSinkWriterCallback_Release(writer_cb);
    printf("live mfcb objects at exit: %ld\n", mfcb_live_objects());
    if (a.samples != WORKERS * (SAMPLES - 1) || a.end_of_stream != WORKERS || a.flushes != WORKERS ||
        a.finalized != 1 || mfcb_live_objects() != 0) {
        fputs("readwrite_demo: unexpected counts\n", stderr);
        return 1;
    }
    return 0;
}
