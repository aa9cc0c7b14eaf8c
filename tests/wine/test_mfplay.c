/* test_mfplay.c -- Wine's MFPlay player calls the shipped IMFPMediaPlayerCallback: creating a media item
   from a .wav this test writes posts MFP_EVENT_TYPE_MEDIAITEM_CREATED, delivered through the player's
   window on the thread that made it, with the player, S_OK, the item and the user data as sent, in the
   real MFP_MEDIAITEM_CREATED_EVENT. OnMediaPlayerEvent runs direct even on an object with a queue (the
   header says why): the event arrives while the queue stays empty. */
#define COBJMACROS
#include <windows.h>
#include <mfapi.h>
#include <stdio.h>

#include "mfplay.cb.h"
#include "wine_check.h"
#include "wine_wav.h"

typedef struct seen {
    DWORD main_thread;
    volatile LONG events, on_main;
    MFP_EVENT_TYPE type;
    HRESULT hr;
    IMFPMediaPlayer *player;
    IMFPMediaItem *item;
    DWORD_PTR user_data;
    WCHAR url[MAX_PATH];
} seen;

static void on_event(void *p, MFP_EVENT_HEADER *header)
{
    seen *s = (seen *)p;
    s->type = header->eEventType;
    s->hr = header->hrEvent;
    s->player = header->pMediaPlayer;
    if (header->eEventType == MFP_EVENT_TYPE_MEDIAITEM_CREATED) {
        MFP_MEDIAITEM_CREATED_EVENT *e = (MFP_MEDIAITEM_CREATED_EVENT *)header;
        LPWSTR url = NULL;
        s->item = e->pMediaItem;
        s->user_data = e->dwUserData;
        if (e->pMediaItem && SUCCEEDED(IMFPMediaItem_GetURL(e->pMediaItem, &url))) {
            lstrcpynW(s->url, url, MAX_PATH);
            CoTaskMemFree(url);
        }
    }
    if (GetCurrentThreadId() == s->main_thread)
        InterlockedIncrement(&s->on_main);
    InterlockedIncrement(&s->events);
}

static void pump_until(seen *s, LONG events)
{
    DWORD start = GetTickCount();
    MSG msg;
    while (s->events < events) {
        CHECK(GetTickCount() - start < WINE_HANG_MS);
        while (PeekMessageW(&msg, NULL, 0, 0, PM_REMOVE)) {
            TranslateMessage(&msg);
            DispatchMessageW(&msg);
        }
        Sleep(10);
    }
}

static void create_item(const WCHAR *url, int queued)
{
    static const mfcb_IMFPMediaPlayerCallback_handlers h = {on_event};
    mfcb_options opt = MFCB_OPTIONS_INIT;
    mfcb_queue *q = NULL;
    IMFPMediaPlayerCallback *cb;
    IMFPMediaPlayer *player;
    seen s;

    memset(&s, 0, sizeof s);
    s.main_thread = GetCurrentThreadId();
    if (queued) {
        CHECK_HR(mfcb_queue_new(&q));
        opt.queue = q;
    }
    CHECK_HR(mfcb_IMFPMediaPlayerCallback_new(&h, &s, &opt, &cb));
    CHECK_HR(MFPCreateMediaPlayer(NULL, FALSE, 0, cb, NULL, &player));
    CHECK_HR(IMFPMediaPlayer_CreateMediaItemFromURL(player, url, FALSE, 77, NULL));
    pump_until(&s, 1);
    CHECK(s.type == MFP_EVENT_TYPE_MEDIAITEM_CREATED);
    CHECK(s.hr == S_OK);
    CHECK(s.player == player);
    CHECK(s.item != NULL);
    CHECK(s.user_data == 77);
    CHECK(lstrcmpiW(s.url, url) == 0);
    CHECK(s.on_main == s.events); /* delivered through the player's window, on this thread */
    if (q)
        CHECK(mfcb_queue_dispatch(q, 0) == 0); /* it ran direct: nothing was recorded */
    CHECK_HR(IMFPMediaPlayer_Shutdown(player));
    CHECK(IMFPMediaPlayer_Release(player) == 0);
    mfcb_close(cb);
    CHECK(IMFPMediaPlayerCallback_Release(cb) == 0);
    if (q)
        mfcb_queue_free(q);
    printf("wine: IMFPMediaPlayerCallback through MFPlay%s: MEDIAITEM_CREATED on the player's thread, S_OK, the "
           "player, the item for the URL and user data 77, in the real event structure\n",
           queued ? " (object with a queue: runs direct, queue left empty)" : "");
}

int main(void)
{
    WCHAR url[MAX_PATH];
    CHECK_HR(CoInitializeEx(NULL, COINIT_APARTMENTTHREADED));
    CHECK(GetFullPathNameW(L"mfplay.wav", MAX_PATH, url, NULL) > 0);
    write_wav(url, WAV_RATE);
    create_item(url, 0);
    create_item(url, 1);
    CHECK(mfcb_live_objects() == 0);
    DeleteFileW(url);
    CoUninitialize();
    return 0;
}
