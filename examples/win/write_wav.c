/* write_wav.c -- writes a .wav file with Media Foundation's sink writer and waits for OnFinalize on a
   generated IMFSinkWriterCallback. usage: write_wav [FILE]   (default out.wav)
   Finalize completes only through OnFinalize: the callback signals an event, and the program waits. */
#define COBJMACROS
#include <windows.h>
#include <mfapi.h>
#include <mfidl.h>
#include <mfreadwrite.h>
#include <stdio.h>

#include "mfreadwrite.cb.h"

typedef struct writing {
    HANDLE finalized;
    HRESULT status;
} writing;

static HRESULT on_finalize(void *ctx, HRESULT status)
{
    writing *w = (writing *)ctx;
    w->status = status;
    SetEvent(w->finalized);
    return S_OK;
}

static IMFMediaType *pcm_type(void)
{
    IMFMediaType *t;
    MFCreateMediaType(&t);
    IMFMediaType_SetGUID(t, &MF_MT_MAJOR_TYPE, &MFMediaType_Audio);
    IMFMediaType_SetGUID(t, &MF_MT_SUBTYPE, &MFAudioFormat_PCM);
    IMFMediaType_SetUINT32(t, &MF_MT_AUDIO_NUM_CHANNELS, 1);
    IMFMediaType_SetUINT32(t, &MF_MT_AUDIO_SAMPLES_PER_SECOND, 44100);
    IMFMediaType_SetUINT32(t, &MF_MT_AUDIO_BITS_PER_SAMPLE, 16);
    IMFMediaType_SetUINT32(t, &MF_MT_AUDIO_BLOCK_ALIGNMENT, 2);
    IMFMediaType_SetUINT32(t, &MF_MT_AUDIO_AVG_BYTES_PER_SECOND, 88200);
    return t;
}

int wmain(int argc, WCHAR **argv)
{
    static const mfcb_IMFSinkWriterCallback_handlers handlers = {on_finalize, NULL};
    const WCHAR *path = argc > 1 ? argv[1] : L"out.wav";
    writing w = {CreateEventW(NULL, TRUE, FALSE, NULL), E_PENDING};
    IMFSinkWriterCallback *cb;
    IMFAttributes *attr;
    IMFSinkWriter *writer;
    IMFMediaType *type = pcm_type();
    DWORD stream;
    int i;
    HRESULT hr;

    MFStartup(MF_VERSION, MFSTARTUP_FULL);
    mfcb_IMFSinkWriterCallback_new(&handlers, &w, NULL, &cb);
    MFCreateAttributes(&attr, 1);
    IMFAttributes_SetUnknown(attr, &MF_SINK_WRITER_ASYNC_CALLBACK, (IUnknown *)cb);
    hr = MFCreateSinkWriterFromURL(path, NULL, attr, &writer);
    IMFAttributes_Release(attr);
    if (FAILED(hr) || FAILED(hr = IMFSinkWriter_AddStream(writer, type, &stream)) ||
        FAILED(hr = IMFSinkWriter_SetInputMediaType(writer, stream, type, NULL)) ||
        FAILED(hr = IMFSinkWriter_BeginWriting(writer))) {
        fprintf(stderr, "cannot set up the sink writer: 0x%08lx\n", (unsigned long)hr);
        return 1;
    }
    for (i = 0; i < 10; i++) { /* one second, in tenths of silence */
        IMFSample *sample;
        IMFMediaBuffer *buf;
        BYTE *data;
        MFCreateMemoryBuffer(8820, &buf);
        IMFMediaBuffer_Lock(buf, &data, NULL, NULL);
        memset(data, 0, 8820);
        IMFMediaBuffer_Unlock(buf);
        IMFMediaBuffer_SetCurrentLength(buf, 8820);
        MFCreateSample(&sample);
        IMFSample_AddBuffer(sample, buf);
        IMFSample_SetSampleTime(sample, (LONGLONG)i * 1000000);
        IMFSample_SetSampleDuration(sample, 1000000);
        IMFSinkWriter_WriteSample(writer, stream, sample);
        IMFSample_Release(sample);
        IMFMediaBuffer_Release(buf);
    }
    hr = IMFSinkWriter_Finalize(writer); /* asynchronous: completes through OnFinalize */
    if (SUCCEEDED(hr) && WaitForSingleObject(w.finalized, 10000) == WAIT_OBJECT_0)
        printf("write_wav: %ls finalized, status 0x%08lx\n", path, (unsigned long)w.status);
    else
        printf("write_wav: Finalize returned 0x%08lx; no OnFinalize\n", (unsigned long)hr);
    mfcb_close(cb);
    IMFSinkWriter_Release(writer);
    IMFSinkWriterCallback_Release(cb);
    IMFMediaType_Release(type);
    MFShutdown();
    return SUCCEEDED(hr) ? 0 : 1;
}
