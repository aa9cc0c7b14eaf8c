/* test_stress.c -- many threads call methods, AddRef/Release, QueryInterface and close at once: no handler
   runs after close returns, the context is released exactly once, every object is freed exactly once. */
#define COBJMACROS
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "check.h"
#include "mfreadwrite.cb.h"

#define THREADS test_threads(6) /* MFCB_TEST_THREADS */
#define ROUNDS 300
#define CALLS 400

typedef struct state {
    atomic_int inside;      /* handlers running now */
    atomic_int closed;      /* set once mfcb_close returned */
    atomic_int late;        /* handlers that started after close returned */
    atomic_int calls, releases, closers_inside;
    IMFSourceReaderCallback *cb;
} state;

static HRESULT on_read(void *ctx, HRESULT st, DWORD stream, DWORD flags, LONGLONG ts, IMFSample *sample)
{
    state *s = (state *)ctx;
    volatile int spin;
    (void)st, (void)stream, (void)flags, (void)sample;
    atomic_fetch_add(&s->inside, 1);
    if (atomic_load(&s->closed))
        atomic_fetch_add(&s->late, 1);
    for (spin = 0; spin < (int)(ts & 63); spin++)
        ;
    atomic_fetch_add(&s->calls, 1);
    atomic_fetch_sub(&s->inside, 1);
    return S_OK;
}

/* A handler that closes its own object, as an application may do on end of stream. */
static HRESULT on_flush(void *ctx, DWORD stream)
{
    state *s = (state *)ctx;
    if (stream == 7) {
        atomic_fetch_add(&s->closers_inside, 1);
        CHECK(mfcb_close(s->cb) == S_OK);
    }
    return S_OK;
}

static void release_ctx(void *ctx) { atomic_fetch_add(&((state *)ctx)->releases, 1); }

typedef struct worker {
    state *s;
    IMFSourceReaderCallback *cb; /* this thread's own reference */
    int id;
} worker;

static void *work(void *arg)
{
    worker *w = (worker *)arg;
    int i;
    for (i = 0; i < CALLS; i++) {
        void *p = NULL;
        HRESULT hr;
        IMFSourceReaderCallback_AddRef(w->cb);
        hr = IMFSourceReaderCallback_OnReadSample(w->cb, S_OK, 0, 0, i, NULL);
        CHECK(hr == S_OK || hr == MFCB_E_SHUTDOWN);
        if (w->id == 0 && i == CALLS / 2)
            IMFSourceReaderCallback_OnFlush(w->cb, 7);
        CHECK(IMFSourceReaderCallback_QueryInterface(w->cb, &IID_IMFSourceReaderCallback, &p) == S_OK);
        IMFSourceReaderCallback_Release((IMFSourceReaderCallback *)p);
        IMFSourceReaderCallback_Release(w->cb);
    }
    IMFSourceReaderCallback_Release(w->cb); /* the last Release may happen on any of these threads */
    return NULL;
}

int main(void)
{
    static const mfcb_IMFSourceReaderCallback_handlers h = {on_read, on_flush, NULL};
    int round, i;
    for (round = 0; round < ROUNDS; round++) {
        state s;
        worker w[TEST_THREADS_MAX];
        pthread_t t[TEST_THREADS_MAX];
        mfcb_options opt = MFCB_OPTIONS_INIT;
        memset(&s, 0, sizeof s);
        opt.ctx_release = release_ctx;
        CHECK(mfcb_IMFSourceReaderCallback_new(&h, &s, &opt, &s.cb) == S_OK);
        for (i = 0; i < THREADS; i++) {
            w[i].s = &s;
            w[i].id = i;
            w[i].cb = s.cb;
            IMFSourceReaderCallback_AddRef(s.cb);
            CHECK(pthread_create(&t[i], NULL, work, &w[i]) == 0);
        }
        if (round % 3 != 2) {
            /* close from outside while calls are in flight (a third of the rounds leave it to the handler
               or to the last Release) */
            CHECK(mfcb_close(s.cb) == S_OK);
            CHECK(atomic_load(&s.inside) == 0);
            atomic_store(&s.closed, 1);
        }
        IMFSourceReaderCallback_Release(s.cb);
        for (i = 0; i < THREADS; i++)
            pthread_join(t[i], NULL);
        CHECK(atomic_load(&s.late) == 0);
        CHECK(atomic_load(&s.releases) == 1);
    }
    CHECK(mfcb_live_objects() == 0);
    puts("stress: ok");
    return 0;
}
