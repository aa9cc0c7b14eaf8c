/* test_pipeline.c -- generated mfidl.h callbacks called by Wine's own pipeline objects:
   IMFClockStateSink by a presentation clock (start, pause, restart, rate, stop);
   IMFVideoSampleAllocatorNotify by the video sample allocator when a sample comes back; and
   IMFSampleGrabberSinkCallback(2) by the sample grabber sink at the end of a media session playing a .wav
   this test writes: every byte, in order, then OnShutdown. */
#define COBJMACROS
#include <windows.h>
#include <mfapi.h>
#include <mfidl.h>
#include <mferror.h>

#include "mfidl.cb.h"
#include "wine_check.h"
#include "wine_wav.h"

#ifndef PRESENTATION_CURRENT_POSITION /* mfidl.h of the SDK has it; mingw-w64's does not */
#define PRESENTATION_CURRENT_POSITION 0x7fffffffffffffffLL
#endif

typedef struct clock_log {
    char events[16]; /* S start, P pause, R restart, T set rate, X stop */
    volatile LONG n;
    LONGLONG start_offset;
    float rate;
    MFTIME last_time;
    int times_ordered;
} clock_log;

static void note(clock_log *l, char what, MFTIME system_time)
{
    if (l->n < (LONG)sizeof l->events - 1)
        l->events[l->n] = what;
    if (system_time < l->last_time)
        l->times_ordered = 0;
    l->last_time = system_time;
    InterlockedIncrement(&l->n);
}

static HRESULT on_start(void *p, MFTIME t, LONGLONG offset)
{
    ((clock_log *)p)->start_offset = offset;
    note((clock_log *)p, 'S', t);
    return S_OK;
}
static HRESULT on_stop(void *p, MFTIME t)
{
    note((clock_log *)p, 'X', t);
    return S_OK;
}
static HRESULT on_pause(void *p, MFTIME t)
{
    note((clock_log *)p, 'P', t);
    return S_OK;
}
static HRESULT on_restart(void *p, MFTIME t)
{
    note((clock_log *)p, 'R', t);
    return S_OK;
}
static HRESULT on_set_rate(void *p, MFTIME t, float rate)
{
    ((clock_log *)p)->rate = rate;
    note((clock_log *)p, 'T', t);
    return S_OK;
}

static void wait_events(clock_log *l, LONG n)
{
    CHECK(wine_wait_count(&l->n, n) == n);
}

static void clock_state_sink(void)
{
    static const mfcb_IMFClockStateSink_handlers h = {on_start, on_stop, on_pause, on_restart, on_set_rate};
    IMFPresentationClock *clock;
    IMFPresentationTimeSource *source;
    IMFRateControl *rate;
    IMFClockStateSink *sink;
    clock_log log;

    memset(&log, 0, sizeof log);
    log.times_ordered = 1;
    CHECK_HR(mfcb_IMFClockStateSink_new(&h, &log, NULL, &sink));
    CHECK_HR(MFCreatePresentationClock(&clock));
    CHECK_HR(MFCreateSystemTimeSource(&source));
    CHECK_HR(IMFPresentationClock_SetTimeSource(clock, source));
    CHECK_HR(IMFPresentationClock_AddClockStateSink(clock, sink));
    CHECK_HR(IMFPresentationClock_Start(clock, 1000000));
    wait_events(&log, 1);
    CHECK_HR(IMFPresentationClock_Pause(clock));
    wait_events(&log, 2);
    CHECK_HR(IMFPresentationClock_Start(clock, PRESENTATION_CURRENT_POSITION));
    wait_events(&log, 3);
    CHECK_HR(IMFPresentationClock_QueryInterface(clock, &IID_IMFRateControl, (void **)&rate));
    CHECK_HR(IMFRateControl_SetRate(rate, FALSE, 2.0f));
    wait_events(&log, 4);
    CHECK_HR(IMFPresentationClock_Stop(clock));
    wait_events(&log, 5);
    CHECK(memcmp(log.events, "SPRTX", 5) == 0);
    CHECK(log.start_offset == 1000000);
    CHECK(log.rate == 2.0f);
    CHECK(log.times_ordered);
    CHECK_HR(IMFPresentationClock_RemoveClockStateSink(clock, sink));
    IMFRateControl_Release(rate);
    IMFPresentationTimeSource_Release(source);
    IMFPresentationClock_Release(clock);
    mfcb_close(sink);
    CHECK(IMFClockStateSink_Release(sink) == 0);
    printf("wine: IMFClockStateSink through a presentation clock: start (offset as given), pause, restart, "
           "rate 2.0, stop, in order\n");
}

static HRESULT notify_release(void *p)
{
    InterlockedIncrement((volatile LONG *)p);
    return S_OK;
}

static void allocator_notify(void)
{
    static const mfcb_IMFVideoSampleAllocatorNotify_handlers h = {notify_release};
    IMFVideoSampleAllocatorNotify *notify;
    IMFVideoSampleAllocatorEx *allocator;
    IMFVideoSampleAllocatorCallback *callback;
    IMFMediaType *type;
    IMFSample *sample;
    volatile LONG released = 0;
    LONG free_samples = -1;

    CHECK_HR(mfcb_IMFVideoSampleAllocatorNotify_new(&h, (void *)&released, NULL, &notify));
    CHECK_HR(MFCreateVideoSampleAllocatorEx(&IID_IMFVideoSampleAllocatorEx, (void **)&allocator));
    CHECK_HR(IMFVideoSampleAllocatorEx_QueryInterface(allocator, &IID_IMFVideoSampleAllocatorCallback,
                                                      (void **)&callback));
    CHECK_HR(IMFVideoSampleAllocatorCallback_SetCallback(callback, notify));
    CHECK_HR(MFCreateMediaType(&type));
    CHECK_HR(IMFMediaType_SetGUID(type, &MF_MT_MAJOR_TYPE, &MFMediaType_Video));
    CHECK_HR(IMFMediaType_SetGUID(type, &MF_MT_SUBTYPE, &MFVideoFormat_RGB32));
    CHECK_HR(IMFMediaType_SetUINT64(type, &MF_MT_FRAME_SIZE, ((UINT64)64 << 32) | 64));
    CHECK_HR(IMFVideoSampleAllocatorEx_InitializeSampleAllocatorEx(allocator, 2, 2, NULL, type));
    CHECK_HR(IMFVideoSampleAllocatorEx_AllocateSample(allocator, &sample));
    CHECK(released == 0);
    IMFSample_Release(sample); /* back to the allocator: it tells the notify */
    CHECK(wine_wait_count(&released, 1) == 1);
    CHECK_HR(IMFVideoSampleAllocatorCallback_GetFreeSampleCount(callback, &free_samples));
    CHECK(free_samples == 2);
    CHECK_HR(IMFVideoSampleAllocatorCallback_SetCallback(callback, NULL));
    IMFVideoSampleAllocatorCallback_Release(callback);
    IMFVideoSampleAllocatorEx_Release(allocator);
    IMFMediaType_Release(type);
    mfcb_close(notify);
    CHECK(IMFVideoSampleAllocatorNotify_Release(notify) == 0);
    printf("wine: IMFVideoSampleAllocatorNotify through the video sample allocator: NotifyRelease once when the "
           "sample came back\n");
}

#define GRAB_BYTES (WAV_RATE * 4 / 2) /* half a second */

typedef struct grab {
    volatile LONG samples, bytes, wrong, clock_set, clock_starts, shutdowns, with_attributes, off_main;
} grab;

static mfcb_queue *queue; /* queued mode: the main thread runs the handlers while it waits */
static DWORD main_thread;

/* Waits 10 ms; in queued mode by running what the queue holds meanwhile. */
static void pause_10ms(void)
{
    if (queue)
        mfcb_queue_dispatch(queue, 10);
    else
        Sleep(10);
}

/* Every buffer must continue the ramp exactly where the previous one ended. */
static void take(grab *g, REFGUID major, const BYTE *buffer, DWORD size)
{
    DWORD i;
    if (!IsEqualGUID(major, &MFMediaType_Audio))
        InterlockedIncrement(&g->wrong);
    for (i = 0; i < size; i++)
        if (buffer[i] != wav_byte((DWORD)g->bytes + i)) {
            InterlockedIncrement(&g->wrong);
            break;
        }
    InterlockedExchangeAdd(&g->bytes, (LONG)size);
    InterlockedIncrement(&g->samples);
    if (GetCurrentThreadId() != main_thread)
        InterlockedIncrement(&g->off_main);
}

static HRESULT sg_start(void *p, MFTIME t, LONGLONG offset)
{
    (void)t, (void)offset;
    InterlockedIncrement(&((grab *)p)->clock_starts);
    return S_OK;
}
static HRESULT sg_set_clock(void *p, IMFPresentationClock *clock)
{
    if (clock)
        InterlockedIncrement(&((grab *)p)->clock_set);
    return S_OK;
}
static HRESULT sg_process(void *p, REFGUID major, DWORD flags, LONGLONG time, LONGLONG duration,
                          const BYTE *buffer, DWORD size)
{
    (void)flags, (void)time, (void)duration;
    take((grab *)p, major, buffer, size);
    return S_OK;
}
static HRESULT sg_process_ex(void *p, REFGUID major, DWORD flags, LONGLONG time, LONGLONG duration,
                             const BYTE *buffer, DWORD size, IMFAttributes *attributes)
{
    (void)flags, (void)time, (void)duration;
    if (attributes)
        InterlockedIncrement(&((grab *)p)->with_attributes);
    take((grab *)p, major, buffer, size);
    return S_OK;
}
static HRESULT sg_shutdown(void *p)
{
    InterlockedIncrement(&((grab *)p)->shutdowns);
    return S_OK;
}

/* Waits for a session event of type want; fails on an error event or a hang. */
static void wait_session(IMFMediaSession *session, MediaEventType want)
{
    DWORD start = GetTickCount();
    for (;;) {
        IMFMediaEvent *ev;
        MediaEventType type;
        HRESULT status;
        HRESULT hr = IMFMediaSession_GetEvent(session, MF_EVENT_FLAG_NO_WAIT, &ev);
        if (hr == MF_E_NO_EVENTS_AVAILABLE) {
            CHECK(GetTickCount() - start < WINE_HANG_MS);
            pause_10ms();
            continue;
        }
        CHECK_HR(hr);
        CHECK_HR(IMFMediaEvent_GetType(ev, &type));
        CHECK_HR(IMFMediaEvent_GetStatus(ev, &status));
        IMFMediaEvent_Release(ev);
        if (FAILED(status))
            printf("wine: media session event %lu failed: 0x%08lx\n", (unsigned long)type, (unsigned long)status);
        CHECK(SUCCEEDED(status));
        if (type == want)
            return;
    }
}

/* Plays url through a media session into a sample grabber sink whose callback is cb. */
static void play_into(const WCHAR *url, IUnknown *cb)
{
    IMFSourceResolver *resolver;
    MF_OBJECT_TYPE object_type;
    IUnknown *unk;
    IMFMediaSource *source;
    IMFPresentationDescriptor *pd;
    IMFStreamDescriptor *sd;
    IMFMediaTypeHandler *handler;
    IMFMediaType *type;
    IMFActivate *activate;
    IMFTopology *topology;
    IMFTopologyNode *src_node, *out_node;
    IMFMediaSession *session;
    IMFMediaSink *sink;
    PROPVARIANT start;
    BOOL selected;
    HRESULT hr;

    CHECK_HR(MFCreateSourceResolver(&resolver));
    CHECK_HR(IMFSourceResolver_CreateObjectFromURL(resolver, url, MF_RESOLUTION_MEDIASOURCE, NULL, &object_type,
                                                   &unk));
    CHECK_HR(IUnknown_QueryInterface(unk, &IID_IMFMediaSource, (void **)&source));
    IUnknown_Release(unk);
    CHECK_HR(IMFMediaSource_CreatePresentationDescriptor(source, &pd));
    CHECK_HR(IMFPresentationDescriptor_GetStreamDescriptorByIndex(pd, 0, &selected, &sd));
    CHECK_HR(IMFStreamDescriptor_GetMediaTypeHandler(sd, &handler));
    CHECK_HR(IMFMediaTypeHandler_GetCurrentMediaType(handler, &type));
    CHECK_HR(MFCreateSampleGrabberSinkActivate(type, (IMFSampleGrabberSinkCallback *)cb, &activate));
    /* Not MF_SAMPLEGRABBERSINK_IGNORE_CLOCK: with it, Wine 8.0's session sometimes never ends (seen in about
       half the runs); at the clock's pace half a second of audio takes half a second. */

    CHECK_HR(MFCreateTopology(&topology));
    CHECK_HR(MFCreateTopologyNode(MF_TOPOLOGY_SOURCESTREAM_NODE, &src_node));
    CHECK_HR(IMFTopologyNode_SetUnknown(src_node, &MF_TOPONODE_SOURCE, (IUnknown *)source));
    CHECK_HR(IMFTopologyNode_SetUnknown(src_node, &MF_TOPONODE_PRESENTATION_DESCRIPTOR, (IUnknown *)pd));
    CHECK_HR(IMFTopologyNode_SetUnknown(src_node, &MF_TOPONODE_STREAM_DESCRIPTOR, (IUnknown *)sd));
    CHECK_HR(IMFTopology_AddNode(topology, src_node));
    CHECK_HR(MFCreateTopologyNode(MF_TOPOLOGY_OUTPUT_NODE, &out_node));
    CHECK_HR(IMFTopologyNode_SetObject(out_node, (IUnknown *)activate));
    CHECK_HR(IMFTopology_AddNode(topology, out_node));
    CHECK_HR(IMFTopologyNode_ConnectOutput(src_node, 0, out_node, 0));

    CHECK_HR(MFCreateMediaSession(NULL, &session));
    CHECK_HR(IMFMediaSession_SetTopology(session, 0, topology));
    PropVariantInit(&start);
    CHECK_HR(IMFMediaSession_Start(session, &GUID_NULL, &start));
    wait_session(session, MESessionEnded);
    CHECK_HR(IMFActivate_ActivateObject(activate, &IID_IMFMediaSink, (void **)&sink)); /* the one it made */
    CHECK_HR(IMFMediaSession_Close(session));
    wait_session(session, MESessionClosed);
    CHECK_HR(IMFMediaSession_Shutdown(session));
    CHECK_HR(IMFMediaSource_Shutdown(source));
    /* Wine 8.0's session does not shut down the sink it made from the activate: the application does */
    hr = IMFMediaSink_Shutdown(sink);
    CHECK(hr == S_OK || hr == MF_E_SHUTDOWN);
    IMFMediaSink_Release(sink);
    CHECK_HR(IMFActivate_ShutdownObject(activate));

    IMFMediaSession_Release(session);
    IMFTopologyNode_Release(out_node);
    IMFTopologyNode_Release(src_node);
    IMFTopology_Release(topology);
    IMFActivate_Release(activate);
    IMFMediaType_Release(type);
    IMFMediaTypeHandler_Release(handler);
    IMFStreamDescriptor_Release(sd);
    IMFPresentationDescriptor_Release(pd);
    IMFMediaSource_Release(source);
    IMFSourceResolver_Release(resolver);
}

/* version 1 or 2: IMFSampleGrabberSinkCallback or ...2; queued: handlers run on this thread, the buffers
   copied into the queue's records. */
static void sample_grabber(const WCHAR *url, int version, int queued)
{
    mfcb_options opt = MFCB_OPTIONS_INIT;
    static const mfcb_IMFSampleGrabberSinkCallback_handlers h1 = {
        sg_start, NULL, NULL, NULL, NULL, sg_set_clock, sg_process, sg_shutdown};
    static const mfcb_IMFSampleGrabberSinkCallback2_handlers h2 = {
        sg_start, NULL, NULL, NULL, NULL, sg_set_clock, sg_process, sg_shutdown, sg_process_ex};
    IUnknown *cb;
    grab g;
    int i;

    memset(&g, 0, sizeof g);
    queue = NULL;
    if (queued) {
        CHECK_HR(mfcb_queue_new(&queue));
        opt.queue = queue;
    }
    if (version == 1)
        CHECK_HR(mfcb_IMFSampleGrabberSinkCallback_new(&h1, &g, &opt, (IMFSampleGrabberSinkCallback **)&cb));
    else
        CHECK_HR(mfcb_IMFSampleGrabberSinkCallback2_new(&h2, &g, &opt, (IMFSampleGrabberSinkCallback2 **)&cb));
    play_into(url, cb);
    for (i = 0; i < 100 && g.shutdowns == 0; i++)
        pause_10ms();
    CHECK(g.off_main == (queued ? 0 : g.samples)); /* queued: here; direct: on Wine's threads */
    CHECK(g.wrong == 0);
    CHECK(g.bytes == GRAB_BYTES);
    CHECK(g.samples > 0);
    CHECK(g.clock_set >= 1);
    CHECK(g.clock_starts >= 1);
    CHECK(g.shutdowns == 1);
    if (version == 2)
        CHECK(g.with_attributes == g.samples); /* OnProcessSampleEx, not OnProcessSample, was called */
    mfcb_close(cb);
    IUnknown_Release(cb);
    if (queue)
        mfcb_queue_free(queue);
    queue = NULL;
    printf("wine: IMFSampleGrabberSinkCallback%s through a media session, %s: %ld samples, %ld bytes (all of them, "
           "in order), clock set and started, OnShutdown once\n", version == 2 ? "2" : "",
           queued ? "queued (buffers copied, handlers on the main thread)" : "direct", (long)g.samples,
           (long)g.bytes);
}

int main(int argc, char **argv)
{
    WCHAR url[MAX_PATH];
    int only = argc > 1 ? atoi(argv[1]) : 0;
    CHECK_HR(MFStartup(MF_VERSION, MFSTARTUP_FULL));
    clock_state_sink();
    allocator_notify();
    CHECK(GetFullPathNameW(L"pipeline.wav", MAX_PATH, url, NULL) > 0);
    write_wav(url, GRAB_BYTES);
    main_thread = GetCurrentThreadId();
    if (only != 2)
        sample_grabber(url, 1, 0);
    if (only != 1)
        sample_grabber(url, 2, 0);
    if (only != 2)
        sample_grabber(url, 1, 1);
    if (only != 1)
        sample_grabber(url, 2, 1);
    CHECK_HR(MFShutdown());
    CHECK(mfcb_live_objects() == 0);
    printf("wine: mfidl.h callbacks: no object left\n");
    DeleteFileW(url);
    return 0;
}
