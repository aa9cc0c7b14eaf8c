/* test_writer.c -- Wine's sink writer takes a generated IMFSinkWriterCallback and queries it for
   IMFSinkWriterCallback at creation. That is all Wine 8.0 does with it (and Wine 10.0, measured in a
   Debian 13 root): its IMFSinkWriter::Finalize and PlaceMarker return E_NOTIMPL, so OnFinalize and
   OnMarker cannot be driven here (they are tested natively). Once BeginWriting ran, Wine 8.0 keeps one
   reference of the callback for good: the live count is asserted to be exactly that one, so that any
   other leak still fails. */
#define COBJMACROS
#include <windows.h>
#include <mfapi.h>
#include <mfidl.h>
#include <mferror.h>
#include <mfreadwrite.h>
#include <stdio.h>
#include <string.h>

#include "mfreadwrite.cb.h"
#include "wine_check.h"

typedef HRESULT(WINAPI *create_wave_sink_fn)(IMFByteStream *, IMFMediaType *, IMFMediaSink **);

/* The Wine version the program runs on (ntdll's wine_get_version), for the lines that depend on it. */
static const char *wine_version(void)
{
    typedef const char *(CDECL *get_version_fn)(void);
    get_version_fn get = (get_version_fn)(void (*)(void))GetProcAddress(GetModuleHandleW(L"ntdll.dll"),
                                                                          "wine_get_version");
    return get ? get() : "?";
}

static volatile LONG queried;
static void trace(void *user, const mfcb_trace_call *c)
{
    (void)user;
    if (strcmp(c->method, "QueryInterface") == 0 &&
        strstr(c->args, "riid={666F76DE-33D2-41B9-A458-29ED0A972C58}") != NULL)
        InterlockedIncrement(&queried);
}

static HRESULT on_finalize(void *ctx, HRESULT status)
{
    (void)ctx, (void)status;
    return S_OK;
}

int main(void)
{
    static const mfcb_IMFSinkWriterCallback_handlers h = {on_finalize, NULL};
    HMODULE dll;
    create_wave_sink_fn create_wave_sink;
    IMFByteStream *stream;
    IMFMediaType *type;
    IMFMediaSink *sink;
    IMFAttributes *attr;
    IMFSinkWriter *writer;
    IMFSinkWriterCallback *cb;
    HRESULT hr;

    CHECK_HR(MFStartup(MF_VERSION, MFSTARTUP_FULL));
    dll = LoadLibraryW(L"mfsrcsnk.dll");
    CHECK(dll != NULL);
    create_wave_sink = (create_wave_sink_fn)(void (*)(void))GetProcAddress(dll, "MFCreateWAVEMediaSink");
    CHECK(create_wave_sink != NULL);

    CHECK_HR(MFCreateFile(MF_ACCESSMODE_READWRITE, MF_OPENMODE_DELETE_IF_EXIST, MF_FILEFLAGS_NONE, L"writer.wav", &stream));
    CHECK_HR(MFCreateMediaType(&type));
    CHECK_HR(IMFMediaType_SetGUID(type, &MF_MT_MAJOR_TYPE, &MFMediaType_Audio));
    CHECK_HR(IMFMediaType_SetGUID(type, &MF_MT_SUBTYPE, &MFAudioFormat_PCM));
    CHECK_HR(IMFMediaType_SetUINT32(type, &MF_MT_AUDIO_NUM_CHANNELS, 2));
    CHECK_HR(IMFMediaType_SetUINT32(type, &MF_MT_AUDIO_SAMPLES_PER_SECOND, 44100));
    CHECK_HR(IMFMediaType_SetUINT32(type, &MF_MT_AUDIO_BITS_PER_SAMPLE, 16));
    CHECK_HR(IMFMediaType_SetUINT32(type, &MF_MT_AUDIO_BLOCK_ALIGNMENT, 4));
    CHECK_HR(IMFMediaType_SetUINT32(type, &MF_MT_AUDIO_AVG_BYTES_PER_SECOND, 44100 * 4));
    CHECK_HR(create_wave_sink(stream, type, &sink));

    CHECK_HR(mfcb_IMFSinkWriterCallback_new(&h, NULL, NULL, &cb));
    CHECK_HR(MFCreateAttributes(&attr, 1));
    CHECK_HR(IMFAttributes_SetUnknown(attr, &MF_SINK_WRITER_ASYNC_CALLBACK, (IUnknown *)cb));
    mfcb_set_trace(trace, NULL);
    CHECK_HR(MFCreateSinkWriterFromMediaSink(sink, attr, &writer));
    mfcb_set_trace(NULL, NULL);
    CHECK(queried >= 1); /* the writer took the callback and asked for IMFSinkWriterCallback */
    printf("wine: sink writer: accepted the callback and queried it for IMFSinkWriterCallback (%ld times)\n",
           (long)queried);

    CHECK_HR(IMFSinkWriter_BeginWriting(writer));
    hr = IMFSinkWriter_PlaceMarker(writer, 0, (void *)&h);
    printf("wine: sink writer: PlaceMarker returns 0x%08lx in Wine %s, so OnMarker cannot be driven here\n",
           (unsigned long)hr, wine_version());

    hr = IMFSinkWriter_Finalize(writer);
    printf("wine: sink writer: Finalize returns 0x%08lx in Wine %s, so OnFinalize cannot be driven here\n",
           (unsigned long)hr, wine_version());

    mfcb_close(cb);
    IMFSinkWriter_Release(writer);
    IMFAttributes_Release(attr);
    IMFSinkWriterCallback_Release(cb);
    IMFMediaSink_Release(sink);
    IMFMediaType_Release(type);
    IMFByteStream_Close(stream);
    IMFByteStream_Release(stream);
    wine_wait_live(1); /* Wine's threads let go on their own time */
    CHECK_HR(MFShutdown());
    /* Exactly the one reference Wine 8.0 keeps on this path, and no more. */
    printf("wine: sink writer: live IMFSinkWriterCallback objects at exit: %ld (Wine %s keeps one)\n",
           mfcb_live_objects_of("IMFSinkWriterCallback"), wine_version());
    CHECK(mfcb_live_objects_of("IMFSinkWriterCallback") == 1);
    CHECK(mfcb_live_objects() == 1);
    DeleteFileW(L"writer.wav");
    return 0;
}
