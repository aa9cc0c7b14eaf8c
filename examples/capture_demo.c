/* capture_demo.c -- one mfcb object serving three unrelated callback interfaces, the way a capture
   application wants it: the capture engine's events (IMFCaptureEngineOnEventCallback), its preview samples
   (IMFCaptureEngineOnSampleCallback2) and camera control changes (IMFCameraControlNotify). The object is
   made by mfcb-gen --object CaptureCallbacks=... from capture_object.idl.

   Here two threads stand in for the engine and the camera: they call the object through the interface
   pointers they got by QueryInterface, as Media Foundation would. With a queue, every handler runs on the
   main thread, in arrival order per caller, so the application state needs no lock. */
#include <stdio.h>
#include <string.h>
#ifdef _WIN32
#include <windows.h>
#else
#include <pthread.h>
#endif

#include "capture_object.cb.h"

typedef struct app {
    int events, samples, format_changes, control_changes, errors;
} app;

static HRESULT on_event(void *ctx, IMFMediaEvent *event)
{
    (void)event;
    ((app *)ctx)->events++;
    return S_OK;
}
static HRESULT on_sample(void *ctx, IMFSample *sample)
{
    (void)sample;
    ((app *)ctx)->samples++;
    return S_OK;
}
static HRESULT on_synchronized_event(void *ctx, IMFMediaEvent *event)
{
    (void)event;
    ((app *)ctx)->format_changes++;
    return S_OK;
}
static void on_change(void *ctx, REFGUID control_set, UINT32 id)
{
    (void)control_set, (void)id;
    ((app *)ctx)->control_changes++;
}
static void on_error(void *ctx, HRESULT status)
{
    (void)status;
    ((app *)ctx)->errors++;
}

/* The engine: an event, 30 samples with a format change in between, the final event. */
static void *engine(void *arg)
{
    IMFCaptureEngineOnEventCallback *events = (IMFCaptureEngineOnEventCallback *)arg;
    IMFCaptureEngineOnSampleCallback2 *samples = NULL;
    int i;
    events->lpVtbl->QueryInterface(events, &IID_IMFCaptureEngineOnSampleCallback2, (void **)&samples);
    events->lpVtbl->OnEvent(events, NULL); /* initialized */
    for (i = 0; i < 30; i++) {
        if (i == 15)
            samples->lpVtbl->OnSynchronizedEvent(samples, NULL); /* the format changed */
        samples->lpVtbl->OnSample(samples, NULL);
    }
    events->lpVtbl->OnEvent(events, NULL); /* preview stopped */
    samples->lpVtbl->Release(samples);
    return NULL;
}

/* The camera: a control changed twice, then it reports an error. */
static void *camera(void *arg)
{
    IMFCameraControlNotify *notify = (IMFCameraControlNotify *)arg;
    static const GUID control_set = {0x1, 0x2, 0x3, {4, 5, 6, 7, 8, 9, 10, 11}};
    notify->lpVtbl->OnChange(notify, &control_set, 7);
    notify->lpVtbl->OnChange(notify, &control_set, 8);
    notify->lpVtbl->OnError(notify, (HRESULT)0x80070015L);
    return NULL;
}

#ifdef _WIN32
static DWORD WINAPI engine_thread(void *arg) { engine(arg); return 0; }
static DWORD WINAPI camera_thread(void *arg) { camera(arg); return 0; }
#endif

int main(void)
{
    mfcb_CaptureCallbacks_handlers h;
    mfcb_options opt = MFCB_OPTIONS_INIT;
    mfcb_queue *queue;
    IMFCaptureEngineOnEventCallback *cb;
    IMFCameraControlNotify *notify;
    IUnknown *a, *b;
    app state;
    int ran = 0, waits;

    memset(&h, 0, sizeof h);
    h.OnEvent = on_event;
    h.OnSample = on_sample;
    h.OnSynchronizedEvent = on_synchronized_event;
    h.OnChange = on_change;
    h.OnError = on_error;
    memset(&state, 0, sizeof state);
    if (mfcb_queue_new(&queue) != S_OK)
        return 1;
    opt.queue = queue;
    if (mfcb_CaptureCallbacks_new(&h, &state, &opt, &cb) != S_OK)
        return 1;
    cb->lpVtbl->QueryInterface(cb, &IID_IMFCameraControlNotify, (void **)&notify);

    /* COM identity: IUnknown is one pointer, whichever interface is asked */
    cb->lpVtbl->QueryInterface(cb, &IID_IUnknown, (void **)&a);
    notify->lpVtbl->QueryInterface(notify, &IID_IUnknown, (void **)&b);
    printf("one object: IUnknown from the event callback %s IUnknown from the camera notify\n",
           a == b ? "==" : "!=");
    a->lpVtbl->Release(a);
    b->lpVtbl->Release(b);

    {
#ifdef _WIN32
        HANDLE t[2];
        t[0] = CreateThread(NULL, 0, engine_thread, cb, 0, NULL);
        t[1] = CreateThread(NULL, 0, camera_thread, notify, 0, NULL);
        WaitForMultipleObjects(2, t, TRUE, INFINITE);
        CloseHandle(t[0]);
        CloseHandle(t[1]);
#else
        pthread_t t[2];
        pthread_create(&t[0], NULL, engine, cb);
        pthread_create(&t[1], NULL, camera, notify);
        pthread_join(t[0], NULL);
        pthread_join(t[1], NULL);
#endif
    }
    /* the main thread runs what the two threads recorded */
    for (waits = 0; ran < 36 && waits < 50; waits++) /* 33 engine calls, 3 camera calls */
        ran += mfcb_queue_dispatch(queue, 100);
    printf("on the main thread: %d engine events, %d samples, %d format change, %d control changes, %d error\n",
           state.events, state.samples, state.format_changes, state.control_changes, state.errors);

    mfcb_close(cb); /* no handler runs after this, whatever the engine still holds */
    notify->lpVtbl->Release(notify);
    cb->lpVtbl->Release(cb);
    mfcb_queue_free(queue);
    printf("live objects: %ld\n", mfcb_live_objects());
    return !(state.events == 2 && state.samples == 30 && state.format_changes == 1 &&
             state.control_changes == 2 && state.errors == 1 && mfcb_live_objects() == 0);
}
