/* device_watch.c -- audio device changes handled on the application's own thread. The audio service calls
   an IMMNotificationClient on a thread of its own, which must not block and must not call the device
   enumerator back (doing device work right in the callback is a known deadlock). With an mfcb queue the
   notifications are recorded there and run here, in the main loop, where anything may be done.

   device_watch [SECONDS]   watch for SECONDS (default 10; 0 registers, reports and leaves) */
#define COBJMACROS
#include <windows.h>
#include <mmdeviceapi.h>
#include <stdio.h>
#include <stdlib.h>

#include "mmdeviceapi.cb.h"

/* mingw-w64's and Wine's libraries do not define these two; the SDK's programs take them from __uuidof. */
static const CLSID clsid_enumerator = {0xbcde0395, 0xe52f, 0x467c, {0x8e, 0x3d, 0xc4, 0x57, 0x92, 0x91, 0x69, 0x2e}};
static const IID iid_enumerator = {0xa95664d2, 0x9614, 0x4f35, {0xa7, 0x46, 0xde, 0x8d, 0xb6, 0x36, 0x17, 0xe6}};

typedef struct watcher {
    IMMDeviceEnumerator *enumerator; /* usable from the handlers: they run on the main thread */
    int changes;
} watcher;

static HRESULT on_state(void *ctx, LPCWSTR id, DWORD state)
{
    ((watcher *)ctx)->changes++;
    printf("device %ls: state 0x%lx\n", id, (unsigned long)state);
    return S_OK;
}

static HRESULT on_added(void *ctx, LPCWSTR id)
{
    ((watcher *)ctx)->changes++;
    printf("device %ls added\n", id);
    return S_OK;
}

static HRESULT on_removed(void *ctx, LPCWSTR id)
{
    ((watcher *)ctx)->changes++;
    printf("device %ls removed\n", id);
    return S_OK;
}

/* Here the enumerator may be asked for the new default: this is the main thread, not the service's. */
static HRESULT on_default(void *ctx, EDataFlow flow, ERole role, LPCWSTR id)
{
    watcher *w = ctx;
    IMMDevice *device;
    w->changes++;
    printf("default %s device for role %d: %ls\n", flow == eRender ? "output" : "input", (int)role,
           id ? id : L"(none)");
    if (id && SUCCEEDED(IMMDeviceEnumerator_GetDevice(w->enumerator, id, &device)))
        IMMDevice_Release(device);
    return S_OK;
}

int main(int argc, char **argv)
{
    static const mfcb_IMMNotificationClient_handlers h = {on_state, on_added, on_removed, on_default, NULL};
    mfcb_options opt = MFCB_OPTIONS_INIT;
    mfcb_queue *q;
    IMMNotificationClient *client;
    watcher w = {NULL, 0};
    DWORD seconds = argc > 1 ? (DWORD)strtoul(argv[1], NULL, 10) : 10, start;

    if (FAILED(CoInitializeEx(NULL, COINIT_MULTITHREADED)) || FAILED(mfcb_queue_new(&q)))
        return 1;
    if (FAILED(CoCreateInstance(&clsid_enumerator, NULL, CLSCTX_INPROC_SERVER, &iid_enumerator,
                                (void **)&w.enumerator))) {
        fprintf(stderr, "no audio device enumerator\n");
        return 1;
    }
    opt.queue = q;
    if (FAILED(mfcb_IMMNotificationClient_new(&h, &w, &opt, &client)) ||
        FAILED(IMMDeviceEnumerator_RegisterEndpointNotificationCallback(w.enumerator, client)))
        return 1;
    printf("device_watch: watching for %lu s\n", (unsigned long)seconds);
    start = GetTickCount();
    while (GetTickCount() - start < seconds * 1000)
        mfcb_queue_dispatch(q, 100); /* the notifications run here */
    IMMDeviceEnumerator_UnregisterEndpointNotificationCallback(w.enumerator, client);
    mfcb_close(client); /* whatever is still queued is dropped */
    IMMNotificationClient_Release(client);
    IMMDeviceEnumerator_Release(w.enumerator);
    mfcb_queue_free(q);
    CoUninitialize();
    printf("device_watch: %d changes, live mfcb objects at exit: %ld\n", w.changes, mfcb_live_objects());
    return 0;
}
