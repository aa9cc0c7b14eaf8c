/* test_audio.c -- Wine's audio device enumerator takes a generated IMMNotificationClient, with a queue, and
   gives it back: registration and unregistration with the references each holds checked, the object's
   QueryInterface as the enumerator uses it, and whatever notification Wine sends meanwhile handled on this
   thread. Without an audio device (as in CI) Wine sends none, and the enumerator may list no endpoint; the
   test says what it saw. The default endpoint, where there is one, is activated for its session manager,
   which takes a generated IAudioSessionNotification the same way. */
#define COBJMACROS
#include <windows.h>
#include <mmdeviceapi.h>
#include <audiopolicy.h>
#include <stdio.h>

#include "mmdeviceapi.cb.h"
#include "audiopolicy.cb.h"
#include "wine_check.h"

static volatile LONG notified, wrong_thread;
static DWORD main_thread;

static void seen(void)
{
    InterlockedIncrement(&notified);
    if (GetCurrentThreadId() != main_thread)
        InterlockedIncrement(&wrong_thread);
}
static HRESULT on_state(void *ctx, LPCWSTR id, DWORD state) { (void)ctx, (void)id, (void)state; seen(); return S_OK; }
static HRESULT on_added(void *ctx, LPCWSTR id) { (void)ctx, (void)id; seen(); return S_OK; }
static HRESULT on_removed(void *ctx, LPCWSTR id) { (void)ctx, (void)id; seen(); return S_OK; }
static HRESULT on_default(void *ctx, EDataFlow flow, ERole role, LPCWSTR id)
{
    (void)ctx, (void)flow, (void)role, (void)id;
    seen();
    return S_OK;
}
static HRESULT on_property(void *ctx, LPCWSTR id, const PROPERTYKEY key) { (void)ctx, (void)id, (void)key; seen(); return S_OK; }
static HRESULT on_session(void *ctx, IAudioSessionControl *s) { (void)ctx, (void)s; seen(); return S_OK; }

/* The object's reference count, read by an AddRef and Release pair. */
static ULONG refs(IUnknown *u)
{
    IUnknown_AddRef(u);
    return IUnknown_Release(u);
}

int main(void)
{
    static const mfcb_IMMNotificationClient_handlers h = {on_state, on_added, on_removed, on_default, on_property};
    static const mfcb_IAudioSessionNotification_handlers sh = {on_session};
    mfcb_options opt = MFCB_OPTIONS_INIT;
    mfcb_queue *q;
    IMMDeviceEnumerator *en;
    IMMNotificationClient *client;
    IMMDevice *device = NULL;
    ULONG before, during, after;
    int i, ran = 0;
    HRESULT hr;

    main_thread = GetCurrentThreadId();
    CHECK_HR(CoInitializeEx(NULL, COINIT_MULTITHREADED));
    CHECK_HR(mfcb_queue_new(&q));
    opt.queue = q;
    CHECK_HR(mfcb_IMMNotificationClient_new(&h, NULL, &opt, &client));
    CHECK_HR(CoCreateInstance(&CLSID_MMDeviceEnumerator, NULL, CLSCTX_INPROC_SERVER, &IID_IMMDeviceEnumerator,
                              (void **)&en));
    before = refs((IUnknown *)client);
    CHECK_HR(IMMDeviceEnumerator_RegisterEndpointNotificationCallback(en, client));
    during = refs((IUnknown *)client);
    for (i = 0; i < 10; i++) /* what Wine sends meanwhile runs here */
        ran += mfcb_queue_dispatch(q, 10);
    CHECK_HR(IMMDeviceEnumerator_UnregisterEndpointNotificationCallback(en, client));
    after = refs((IUnknown *)client);
    CHECK(before == 1 && after == 1 && during >= 1 && during <= 2);
    printf("wine: IMMNotificationClient through the device enumerator: registered (the enumerator holding %s "
           "reference) and unregistered (none left to it); %d notifications meanwhile, handled on the main "
           "thread through the queue\n", during == 2 ? "a" : "no", ran);
    CHECK(ran == notified && wrong_thread == 0);

    hr = IMMDeviceEnumerator_GetDefaultAudioEndpoint(en, eRender, eMultimedia, &device);
    if (SUCCEEDED(hr)) {
        IAudioSessionManager2 *mgr;
        IAudioSessionNotification *sn;
        CHECK_HR(IMMDevice_Activate(device, &IID_IAudioSessionManager2, CLSCTX_INPROC_SERVER, NULL, (void **)&mgr));
        CHECK_HR(mfcb_IAudioSessionNotification_new(&sh, NULL, &opt, &sn));
        before = refs((IUnknown *)sn);
        hr = IAudioSessionManager2_RegisterSessionNotification(mgr, sn);
        during = refs((IUnknown *)sn);
        if (SUCCEEDED(hr))
            CHECK_HR(IAudioSessionManager2_UnregisterSessionNotification(mgr, sn));
        after = refs((IUnknown *)sn);
        CHECK(before == 1 && after == 1);
        printf("wine: IAudioSessionNotification through the default endpoint's session manager: registration "
               "0x%08lx (%lu references meanwhile), unregistered, none left to it\n", (unsigned long)hr,
               (unsigned long)during);
        IAudioSessionNotification_Release(sn);
        IAudioSessionManager2_Release(mgr);
        IMMDevice_Release(device);
    } else
        printf("wine: IAudioSessionNotification: no default audio endpoint here (0x%08lx), so no session "
               "manager to register with\n", (unsigned long)hr);
    IMMDeviceEnumerator_Release(en);
    mfcb_close(client);
    IMMNotificationClient_Release(client);
    mfcb_queue_free(q);
    CoUninitialize();
    printf("wine: audio callbacks: live mfcb objects at exit: %ld\n", mfcb_live_objects());
    CHECK(mfcb_live_objects() == 0);
    return 0;
}
