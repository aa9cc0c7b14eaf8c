/* activate_sink.c -- an activation object written in C. A generated IMFActivate gets three handlers of this
   program's (ActivateObject, ShutdownObject, DetachObject) and leaves IMFAttributes' 30 methods to an
   attribute store (opt.delegate). A media session activates it as the output node of a topology that plays
   a .wav into a sample grabber sink: ActivateObject hands out the sink of the platform's sample grabber
   activate, whose shipped IMFSampleGrabberSinkCallback counts the bytes.
   usage: activate_sink [FILE]   (without FILE it writes and plays grab.wav, a quarter second of silence) */
#define COBJMACROS
#include <windows.h>
#include <mfapi.h>
#include <mfidl.h>
#include <mferror.h>
#include <stdio.h>

#include "activate_object.cb.h" /* mfcb-gen -I <IDL dir> activate_object.idl --interface IMFActivate */
#include "mfidl.cb.h"           /* the shipped callbacks: IMFSampleGrabberSinkCallback */

/* An attribute of this program's: set through the object, it lands in the store. */
static const GUID ATTR_PLAYER_ID = {0x6d666362, 0x0001, 0x4000, {0x80, 0, 0, 0, 0, 0, 0, 1}};

typedef struct sink_activate {
    IMFActivate *grabber; /* the platform's sample grabber activate: the sink comes from it */
    IMFMediaSink *sink;   /* what ActivateObject made, until ShutdownObject */
    volatile LONG activations, shutdowns, detaches, samples, bytes;
} sink_activate;

/* Called by the session's threads, one at a time: makes the sink once, hands it out. */
static HRESULT activate_object(void *ctx, REFIID riid, void **ppv)
{
    sink_activate *a = (sink_activate *)ctx;
    HRESULT hr;
    InterlockedIncrement(&a->activations);
    if (!a->sink && FAILED(hr = IMFActivate_ActivateObject(a->grabber, &IID_IMFMediaSink, (void **)&a->sink)))
        return hr;
    return IMFMediaSink_QueryInterface(a->sink, riid, ppv);
}
/* Shuts down what ActivateObject made (the sink then lets its callback go). */
static HRESULT shutdown_object(void *ctx)
{
    sink_activate *a = (sink_activate *)ctx;
    InterlockedIncrement(&a->shutdowns);
    if (a->sink) {
        IMFMediaSink_Shutdown(a->sink);
        IMFMediaSink_Release(a->sink);
        a->sink = NULL;
    }
    return IMFActivate_ShutdownObject(a->grabber);
}
static HRESULT detach_object(void *ctx)
{
    sink_activate *a = (sink_activate *)ctx;
    InterlockedIncrement(&a->detaches);
    return IMFActivate_DetachObject(a->grabber);
}

static HRESULT on_sample(void *ctx, REFGUID major, DWORD flags, LONGLONG time, LONGLONG duration,
                         const BYTE *buffer, DWORD size)
{
    sink_activate *a = (sink_activate *)ctx;
    (void)major, (void)flags, (void)time, (void)duration, (void)buffer;
    InterlockedIncrement(&a->samples);
    InterlockedExchangeAdd(&a->bytes, (LONG)size);
    return S_OK;
}

static void write_silence(const WCHAR *path)
{
    enum { RATE = 44100, BYTES = RATE / 4 * 2 };
    static BYTE file[44 + BYTES] = "RIFF....WAVEfmt ";
    DWORD v[] = {16, 1 | (1 << 16), RATE, RATE * 2, 2 | (16 << 16)}, done;
    HANDLE f = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    *(DWORD *)(file + 4) = 36 + BYTES;
    memcpy(file + 16, v, sizeof v);
    memcpy(file + 36, "data", 4);
    *(DWORD *)(file + 40) = BYTES;
    WriteFile(f, file, sizeof file, &done, NULL);
    CloseHandle(f);
}

/* Waits for a session event of type want; gives up on a failed event or after 20 s. */
static HRESULT wait_for(IMFMediaSession *session, MediaEventType want)
{
    DWORD start = GetTickCount();
    while (GetTickCount() - start < 20000) {
        IMFMediaEvent *ev;
        MediaEventType type = MEUnknown;
        HRESULT status = S_OK;
        if (IMFMediaSession_GetEvent(session, MF_EVENT_FLAG_NO_WAIT, &ev) != S_OK) {
            Sleep(10);
            continue;
        }
        IMFMediaEvent_GetType(ev, &type);
        IMFMediaEvent_GetStatus(ev, &status);
        IMFMediaEvent_Release(ev);
        if (FAILED(status) || type == want)
            return status;
    }
    return MF_E_NO_EVENTS_AVAILABLE;
}

int wmain(int argc, WCHAR **argv)
{
    static const mfcb_IMFSampleGrabberSinkCallback_handlers grab_h = {.OnProcessSample = on_sample};
    static const mfcb_IMFActivate_handlers act_h = {
        .ActivateObject = activate_object, .ShutdownObject = shutdown_object, .DetachObject = detach_object};
    mfcb_options opt = MFCB_OPTIONS_INIT;
    sink_activate a = {0};
    WCHAR path[MAX_PATH];
    IMFSampleGrabberSinkCallback *grab;
    IMFAttributes *store;
    IMFActivate *activate;
    IMFSourceResolver *resolver;
    MF_OBJECT_TYPE object_type;
    IUnknown *unk;
    IMFMediaSource *source;
    IMFPresentationDescriptor *pd;
    IMFStreamDescriptor *sd;
    IMFMediaTypeHandler *handler;
    IMFMediaType *type;
    IMFTopology *topology;
    IMFTopologyNode *src, *out;
    IMFMediaSession *session;
    PROPVARIANT start;
    BOOL selected;
    UINT32 tagged = 0;
    HRESULT hr;

    GetFullPathNameW(argc > 1 ? argv[1] : L"grab.wav", MAX_PATH, path, NULL);
    if (argc < 2)
        write_silence(path);
    if (FAILED(hr = MFStartup(MF_VERSION, MFSTARTUP_FULL)))
        return fprintf(stderr, "MFStartup failed: 0x%08lx\n", (unsigned long)hr), 1;
    MFCreateSourceResolver(&resolver);
    hr = IMFSourceResolver_CreateObjectFromURL(resolver, path, MF_RESOLUTION_MEDIASOURCE, NULL, &object_type, &unk);
    if (FAILED(hr))
        return fprintf(stderr, "cannot open %ls: 0x%08lx\n", path, (unsigned long)hr), 1;
    IUnknown_QueryInterface(unk, &IID_IMFMediaSource, (void **)&source);
    IUnknown_Release(unk);
    IMFMediaSource_CreatePresentationDescriptor(source, &pd);
    IMFPresentationDescriptor_GetStreamDescriptorByIndex(pd, 0, &selected, &sd);
    IMFStreamDescriptor_GetMediaTypeHandler(sd, &handler);
    IMFMediaTypeHandler_GetCurrentMediaType(handler, &type);

    /* The activation object: three handlers here, the attributes in a store it delegates to. */
    mfcb_IMFSampleGrabberSinkCallback_new(&grab_h, &a, NULL, &grab);
    MFCreateSampleGrabberSinkActivate(type, grab, &a.grabber);
    MFCreateAttributes(&store, 1);
    opt.delegate = (IUnknown *)store;
    if (FAILED(hr = mfcb_IMFActivate_new(&act_h, &a, &opt, &activate)))
        return fprintf(stderr, "mfcb_IMFActivate_new: 0x%08lx\n", (unsigned long)hr), 1;
    IMFActivate_SetUINT32(activate, &ATTR_PLAYER_ID, 7); /* into the store */
    IMFAttributes_GetUINT32(store, &ATTR_PLAYER_ID, &tagged);

    MFCreateTopology(&topology);
    MFCreateTopologyNode(MF_TOPOLOGY_SOURCESTREAM_NODE, &src);
    IMFTopologyNode_SetUnknown(src, &MF_TOPONODE_SOURCE, (IUnknown *)source);
    IMFTopologyNode_SetUnknown(src, &MF_TOPONODE_PRESENTATION_DESCRIPTOR, (IUnknown *)pd);
    IMFTopologyNode_SetUnknown(src, &MF_TOPONODE_STREAM_DESCRIPTOR, (IUnknown *)sd);
    IMFTopology_AddNode(topology, src);
    MFCreateTopologyNode(MF_TOPOLOGY_OUTPUT_NODE, &out);
    IMFTopologyNode_SetObject(out, (IUnknown *)activate);
    IMFTopology_AddNode(topology, out);
    IMFTopologyNode_ConnectOutput(src, 0, out, 0);

    MFCreateMediaSession(NULL, &session);
    IMFMediaSession_SetTopology(session, 0, topology);
    PropVariantInit(&start);
    IMFMediaSession_Start(session, &GUID_NULL, &start);
    hr = wait_for(session, MESessionEnded);
    IMFMediaSession_Close(session);
    wait_for(session, MESessionClosed);
    IMFMediaSession_Shutdown(session);
    IMFMediaSource_Shutdown(source);
    IMFActivate_ShutdownObject(activate); /* the sink it made is ours to shut down */

    /* Close first: the session's objects may still hold the activate; none of its handlers runs after this,
       and the store it delegated to is released here. */
    mfcb_close(activate);
    mfcb_close(grab);
    IMFMediaSession_Release(session);
    IMFTopologyNode_Release(out);
    IMFTopologyNode_Release(src);
    IMFTopology_Release(topology);
    IMFActivate_Release(activate);
    IMFActivate_Release(a.grabber);
    IMFSampleGrabberSinkCallback_Release(grab);
    IMFAttributes_Release(store);
    IMFMediaType_Release(type);
    IMFMediaTypeHandler_Release(handler);
    IMFStreamDescriptor_Release(sd);
    IMFPresentationDescriptor_Release(pd);
    IMFMediaSource_Release(source);
    IMFSourceResolver_Release(resolver);
    MFShutdown();
    printf("activate_sink: IMFActivate activated %ld time(s) by the media session, shut down %ld, detached %ld, "
           "the attribute store answered %s, %ld samples, %ld bytes, session %s, live mfcb objects: %ld\n",
           a.activations, a.shutdowns, a.detaches, tagged == 7 ? "for it" : "wrongly", a.samples, a.bytes,
           SUCCEEDED(hr) ? "ended" : "failed", mfcb_live_objects());
    return SUCCEEDED(hr) && a.activations > 0 && a.bytes > 0 && tagged == 7 && mfcb_live_objects() == 0 ? 0 : 1;
}
