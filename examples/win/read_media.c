/* read_media.c -- reads a media file with Media Foundation's asynchronous source reader and a generated
   IMFSourceReaderCallback. usage: read_media [--queued] [FILE]
   Direct: the handler runs on Media Foundation's threads and asks for the next sample itself.
   --queued: the callback only records each call; this thread runs the handlers, in order.
   Without FILE it writes tone.wav (one second of a 440 Hz tone) and reads that. */
#define COBJMACROS
#include <windows.h>
#include <mfapi.h>
#include <mfidl.h>
#include <mfreadwrite.h>
#include <math.h>
#include <stdio.h>

#include "mfreadwrite.cb.h"

typedef struct player {
    IMFSourceReader *reader;
    LONG samples, bytes;
    HRESULT error;
    HANDLE finished; /* set at end of stream or on an error */
} player;

static HRESULT on_read_sample(void *ctx, HRESULT status, DWORD stream, DWORD flags, LONGLONG time, IMFSample *sample)
{
    player *p = (player *)ctx;
    (void)stream, (void)time;
    if (FAILED(status)) {
        p->error = status;
        SetEvent(p->finished);
        return S_OK;
    }
    if (sample) {
        DWORD len = 0;
        IMFMediaBuffer *buf;
        if (SUCCEEDED(IMFSample_ConvertToContiguousBuffer(sample, &buf))) {
            IMFMediaBuffer_GetCurrentLength(buf, &len);
            IMFMediaBuffer_Release(buf);
        }
        InterlockedIncrement(&p->samples);
        InterlockedExchangeAdd(&p->bytes, (LONG)len);
    }
    if (flags & MF_SOURCE_READERF_ENDOFSTREAM)
        SetEvent(p->finished);
    else /* OnReadSample must ask for the next sample */
        IMFSourceReader_ReadSample(p->reader, MF_SOURCE_READER_FIRST_AUDIO_STREAM, 0, NULL, NULL, NULL, NULL);
    return S_OK;
}

static void write_tone(const WCHAR *path)
{
    enum { RATE = 44100, N = RATE };
    static short pcm[N];
    BYTE head[44] = "RIFF....WAVEfmt ";
    DWORD v[] = {16, 1 | (1 << 16), RATE, RATE * 2, 2 | (16 << 16)}, done, i;
    HANDLE f = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    for (i = 0; i < N; i++)
        pcm[i] = (short)(8000 * sin(6.283185307 * 440 * i / RATE));
    *(DWORD *)(head + 4) = 36 + sizeof pcm;
    memcpy(head + 16, v, sizeof v);
    memcpy(head + 36, "data", 4);
    *(DWORD *)(head + 40) = sizeof pcm;
    WriteFile(f, head, sizeof head, &done, NULL);
    WriteFile(f, pcm, sizeof pcm, &done, NULL);
    CloseHandle(f);
}

int wmain(int argc, WCHAR **argv)
{
    static const mfcb_IMFSourceReaderCallback_handlers handlers = {on_read_sample, NULL, NULL};
    int queued = argc > 1 && wcscmp(argv[1], L"--queued") == 0;
    WCHAR path[MAX_PATH];
    player p;
    mfcb_queue *q = NULL;
    mfcb_options opt = MFCB_OPTIONS_INIT;
    IMFSourceReaderCallback *cb;
    IMFAttributes *attr;
    HRESULT hr;

    if (argc > 1 + queued)
        GetFullPathNameW(argv[1 + queued], MAX_PATH, path, NULL);
    else {
        GetFullPathNameW(L"tone.wav", MAX_PATH, path, NULL);
        write_tone(path);
    }
    memset(&p, 0, sizeof p);
    p.finished = CreateEventW(NULL, TRUE, FALSE, NULL);
    if (FAILED(hr = MFStartup(MF_VERSION, MFSTARTUP_FULL)))
        return fprintf(stderr, "MFStartup failed: 0x%08lx\n", (unsigned long)hr), 1;
    if (queued) {
        mfcb_queue_new(&q);
        opt.queue = q;
    }
    mfcb_IMFSourceReaderCallback_new(&handlers, &p, &opt, &cb);
    MFCreateAttributes(&attr, 1);
    IMFAttributes_SetUnknown(attr, &MF_SOURCE_READER_ASYNC_CALLBACK, (IUnknown *)cb);
    hr = MFCreateSourceReaderFromURL(path, attr, &p.reader);
    IMFAttributes_Release(attr);
    if (FAILED(hr)) {
        fprintf(stderr, "cannot open %ls: 0x%08lx\n", path, (unsigned long)hr);
        return 1;
    }
    IMFSourceReader_ReadSample(p.reader, MF_SOURCE_READER_FIRST_AUDIO_STREAM, 0, NULL, NULL, NULL, NULL);
    if (q) /* the handlers run here, on this thread */
        while (WaitForSingleObject(p.finished, 0) != WAIT_OBJECT_0)
            mfcb_queue_dispatch(q, 100);
    else
        WaitForSingleObject(p.finished, INFINITE);

    /* Close first: Media Foundation may still hold the callback; nothing of ours runs after this. */
    mfcb_close(cb);
    IMFSourceReader_Release(p.reader);
    IMFSourceReaderCallback_Release(cb);
    if (q)
        mfcb_queue_free(q);
    MFShutdown();
    printf("read_media (%s): %ld samples, %ld bytes, %s\n", queued ? "queued" : "direct", p.samples, p.bytes,
           FAILED(p.error) ? "error" : "end of stream");
    return FAILED(p.error) ? 1 : 0;
}
