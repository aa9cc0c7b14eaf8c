/* test_engine.c -- Wine's media engine calls the shipped IMFMediaEngineNotify (pregenerated/, built into
   mfcb::callbacks) while it loads a .wav this test writes: load start, duration change, metadata, data and
   "can play", in that order, on the engine's thread, with the duration right. The test does not Play:
   without an audio device Wine 8.0's engine never reaches "playing", and Play once crashed inside Wine's
   GStreamer glue on this kind of machine. */
#define COBJMACROS
#include <windows.h>
#include <mfapi.h>
#include <stdio.h>

/* by path: the build also has a mfmediaengine.cb.h generated from Wine's IDL, for engine_drv.c */
#include "../../pregenerated/mfmediaengine.cb.h"
#include "engine_drv.h"
#include "wine_check.h"
#include "wine_wav.h"

/* MF_MEDIA_ENGINE_EVENT values (mfmediaengine.h) */
enum { LOADSTART = 1, LOADEDMETADATA = 10, LOADEDDATA = 11, CANPLAY = 14, DURATIONCHANGE = 21 };

typedef struct seen {
    DWORD events[64];
    volatile LONG n;
    DWORD main_thread;
    volatile LONG on_main;
    HANDLE can_play;
} seen;

static HRESULT event_notify(void *p, DWORD event, DWORD_PTR param1, DWORD param2)
{
    seen *s = (seen *)p;
    LONG k = InterlockedIncrement(&s->n) - 1;
    (void)param1, (void)param2;
    if (k < 64)
        s->events[k] = event;
    /* (play and waiting come synchronously from Play, on the caller's thread) */
    if (GetCurrentThreadId() == s->main_thread &&
        (event == LOADSTART || event == DURATIONCHANGE || event == LOADEDMETADATA || event == LOADEDDATA ||
         event == CANPLAY))
        InterlockedIncrement(&s->on_main);
    if (event == CANPLAY)
        SetEvent(s->can_play);
    return S_OK;
}

/* Whether the events list has want[0], want[1], ... in that order (others may come between). */
static int in_order(const seen *s, const DWORD *want, int nwant)
{
    int i, k = 0;
    for (i = 0; i < s->n && i < 64 && k < nwant; i++)
        if (s->events[i] == want[k])
            k++;
    return k == nwant;
}

int main(void)
{
    static const mfcb_IMFMediaEngineNotify_handlers h = {event_notify};
    static const DWORD order[] = {LOADSTART, DURATIONCHANGE, LOADEDMETADATA, LOADEDDATA, CANPLAY};
    IMFMediaEngineNotify *notify;
    IMFMediaEngine *engine;
    WCHAR url[MAX_PATH];
    seen s;
    double duration;
    LONG last;
    int i;

    memset(&s, 0, sizeof s);
    s.main_thread = GetCurrentThreadId();
    s.can_play = CreateEventW(NULL, TRUE, FALSE, NULL);
    CHECK_HR(CoInitializeEx(NULL, COINIT_MULTITHREADED));
    CHECK_HR(MFStartup(MF_VERSION, MFSTARTUP_FULL));
    CHECK(GetFullPathNameW(L"engine.wav", MAX_PATH, url, NULL) > 0);
    write_wav(url, WAV_RATE * 4); /* one second */

    CHECK_HR(mfcb_IMFMediaEngineNotify_new(&h, &s, NULL, &notify));
    engine = engine_create((IUnknown *)notify);
    engine_load(engine, url);
    CHECK(WaitForSingleObject(s.can_play, WINE_HANG_MS) == WAIT_OBJECT_0);
    /* let the engine's thread finish what it does after "can play" before shutting it down */
    for (i = 0, last = -1; i < 300 && s.n != last; i += 30) {
        last = s.n;
        Sleep(300);
    }
    CHECK(in_order(&s, order, 5));
    CHECK(s.on_main == 0); /* the load events come from the engine's own thread */
    duration = engine_duration(engine);
    CHECK(duration > 0.99 && duration < 1.01);
    engine_destroy(engine);
    mfcb_close(notify);
    IMFMediaEngineNotify_Release(notify);
    wine_wait_live(0);
    CHECK_HR(MFShutdown());
    CHECK(mfcb_live_objects() == 0);
    printf("wine: IMFMediaEngineNotify through the media engine: %ld events, load start, duration change, "
           "metadata, data and can-play in order, off the main thread; duration %.2f s; no object left\n",
           (long)s.n, duration);
    DeleteFileW(url);
    CoUninitialize();
    return 0;
}
