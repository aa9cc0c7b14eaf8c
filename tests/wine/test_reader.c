/* test_reader.c -- Wine's asynchronous source reader calls a generated IMFSourceReaderCallback while
   reading a PCM .wav this test writes: every byte read, end of stream seen, OnFlush after Flush, in direct
   mode (handlers on Wine's threads) and in queued mode (handlers on this thread, in order). Then
   mfcb_close while reads are in flight, many times: no handler after close returns, no crash, no leak. */
#define COBJMACROS
#include <windows.h>
#include <mfapi.h>
#include <mfidl.h>
#include <mfreadwrite.h>
#include <stdio.h>

#include "mfreadwrite.cb.h"
#include "wine_check.h"
#include "wine_wav.h"

#define SECONDS 2
#define DATA_BYTES (WAV_RATE * 4 * SECONDS) /* 16-bit stereo */

#define MAX_KEPT 256

static volatile LONG progress; /* handler calls and test steps: what the watchdog watches */

typedef struct reading {
    IMFSourceReader *reader;
    IMFSample *kept[MAX_KEPT]; /* one reference of ours on each sample, given back at the end */
    LONG nkept;
    DWORD main_thread;
    volatile LONG samples, bytes, eos, flushes, other_threads, errors, after_close;
    LONGLONG last_ts;
    int queued, closed;
    HANDLE eos_event, flush_event;
} reading;

static HRESULT on_read(void *p, HRESULT status, DWORD stream, DWORD flags, LONGLONG ts, IMFSample *sample)
{
    reading *r = (reading *)p;
    (void)stream;
    InterlockedIncrement(&progress);
    if (r->closed)
        InterlockedIncrement(&r->after_close);
    if (GetCurrentThreadId() != r->main_thread)
        InterlockedIncrement(&r->other_threads);
    if (FAILED(status)) {
        InterlockedIncrement(&r->errors);
        SetEvent(r->eos_event);
        return S_OK;
    }
    if (sample) {
        IMFMediaBuffer *buf;
        DWORD len = 0;
        if (ts < r->last_ts)
            InterlockedIncrement(&r->errors); /* out of order */
        r->last_ts = ts;
        if (SUCCEEDED(IMFSample_ConvertToContiguousBuffer(sample, &buf))) {
            IMFMediaBuffer_GetCurrentLength(buf, &len);
            IMFMediaBuffer_Release(buf);
        }
        InterlockedExchangeAdd(&r->bytes, (LONG)len);
        InterlockedIncrement(&r->samples);
        if (r->nkept < MAX_KEPT) {
            LONG k = InterlockedIncrement(&r->nkept) - 1;
            IMFSample_AddRef(sample);
            r->kept[k] = sample;
        }
    }
    if (flags & MF_SOURCE_READERF_ENDOFSTREAM) {
        r->eos = 1;
        SetEvent(r->eos_event);
    } else if (!r->closed && r->reader) /* re-arm, as a player does */
        IMFSourceReader_ReadSample(r->reader, MF_SOURCE_READER_FIRST_AUDIO_STREAM, 0, NULL, NULL, NULL, NULL);
    return S_OK;
}

static HRESULT on_flush(void *p, DWORD stream)
{
    reading *r = (reading *)p;
    (void)stream;
    InterlockedIncrement(&progress);
    InterlockedIncrement(&r->flushes);
    SetEvent(r->flush_event);
    return S_OK;
}

static const mfcb_IMFSourceReaderCallback_handlers handlers = {on_read, on_flush, NULL};

/* If something hangs, say where instead of waiting for CTest's timeout to kill us silently. A hang is no
   progress (no handler call, no step of the test) for WINE_HANG_MS: a busy machine is slow, not stuck. */
static const char *volatile phase = "start";
static reading *volatile current;
static void set_phase(const char *p)
{
    phase = p;
    InterlockedIncrement(&progress);
}

static DWORD WINAPI watchdog(void *arg)
{
    LONG seen = -1;
    DWORD since = GetTickCount();
    (void)arg;
    for (;;) {
        Sleep(1000);
        if (progress != seen) {
            seen = progress;
            since = GetTickCount();
        } else if (GetTickCount() - since >= WINE_HANG_MS)
            break;
    }
    printf("watchdog: stuck in %s for %u s", phase, WINE_HANG_MS / 1000);
    if (current)
        printf(" (samples %ld, bytes %ld, eos %ld, flushes %ld, errors %ld)", (long)current->samples,
               (long)current->bytes, (long)current->eos, (long)current->flushes, (long)current->errors);
    printf("\n");
    fflush(stdout);
    ExitProcess(3);
    return 0;
}

static IMFSourceReader *open_reader(const WCHAR *url, IMFSourceReaderCallback *cb)
{
    IMFAttributes *attr;
    IMFSourceReader *reader = NULL;
    CHECK_HR(MFCreateAttributes(&attr, 1));
    CHECK_HR(IMFAttributes_SetUnknown(attr, &MF_SOURCE_READER_ASYNC_CALLBACK, (IUnknown *)cb));
    CHECK_HR(MFCreateSourceReaderFromURL(url, attr, &reader));
    IMFAttributes_Release(attr);
    return reader;
}

/* Waits for ev; in queued mode runs the handlers here meanwhile. */
static void wait_for(reading *r, mfcb_queue *q, HANDLE ev)
{
    DWORD start = GetTickCount();
    while (WaitForSingleObject(ev, q ? 0 : WINE_HANG_MS) != WAIT_OBJECT_0) {
        if (GetTickCount() - start >= WINE_HANG_MS) {
            printf("timed out: %ld samples, %ld bytes, eos %ld, flushes %ld, errors %ld\n", (long)r->samples,
                   (long)r->bytes, (long)r->eos, (long)r->flushes, (long)r->errors);
            fflush(stdout);
            exit(1);
        }
        if (q)
            mfcb_queue_dispatch(q, 10);
    }
}

static void read_all(const WCHAR *url, int queued)
{
    reading r;
    mfcb_queue *q = NULL;
    mfcb_options opt = MFCB_OPTIONS_INIT;
    IMFSourceReaderCallback *cb;
    memset(&r, 0, sizeof r);
    r.main_thread = GetCurrentThreadId();
    r.queued = queued;
    r.last_ts = -1;
    r.eos_event = CreateEventW(NULL, TRUE, FALSE, NULL);
    r.flush_event = CreateEventW(NULL, TRUE, FALSE, NULL);
    if (queued) {
        CHECK_HR(mfcb_queue_new(&q));
        opt.queue = q;
    }
    CHECK_HR(mfcb_IMFSourceReaderCallback_new(&handlers, &r, &opt, &cb));
    r.reader = open_reader(url, cb);
    current = &r;
    CHECK_HR(IMFSourceReader_ReadSample(r.reader, MF_SOURCE_READER_FIRST_AUDIO_STREAM, 0, NULL, NULL, NULL, NULL));
    wait_for(&r, q, r.eos_event);
    CHECK(r.errors == 0 && r.eos == 1);
    CHECK(r.bytes == DATA_BYTES);
    CHECK_HR(IMFSourceReader_Flush(r.reader, MF_SOURCE_READER_ALL_STREAMS));
    wait_for(&r, q, r.flush_event);
    CHECK(r.flushes == 1);
    if (queued)
        CHECK(r.other_threads == 0); /* every handler ran on this thread */
    else
        CHECK(r.other_threads == r.samples + 1); /* Wine's threads: every sample and the flush */
    printf("wine: source reader, %s: %ld samples, %ld bytes (all of them), end of stream, OnFlush after Flush\n",
           queued ? "queued" : "direct", (long)r.samples, (long)r.bytes);
    mfcb_close(cb);
    IMFSourceReader_Release(r.reader);
    IMFSourceReaderCallback_Release(cb);
    if (q)
        mfcb_queue_free(q);
    /* Everyone else let go of every sample: ours is the last reference of each, so mfcb released what it
       captured exactly once (a leak would leave 1, a second release would have freed it under us). */
    {
        LONG k, last_refs = 0;
        for (k = 0; k < r.nkept; k++)
            if (IMFSample_Release(r.kept[k]) == 0)
                last_refs++;
        CHECK(r.nkept == r.samples && last_refs == r.nkept);
        printf("wine: source reader, %s: each of the %ld samples released by everyone else exactly once\n",
               queued ? "queued" : "direct", (long)r.nkept);
    }
    current = NULL;
    CloseHandle(r.eos_event);
    CloseHandle(r.flush_event);
}

/* mfcb_close while Wine's threads are delivering: after it returns, no handler may run. */
static void close_in_flight(const WCHAR *url, int rounds)
{
    int i, after_eos = 0;
    LONG late = 0;
    for (i = 0; i < rounds; i++) {
        reading r;
        IMFSourceReaderCallback *cb;
        IMFSourceReader *reader;
        memset(&r, 0, sizeof r);
        r.main_thread = GetCurrentThreadId();
        r.last_ts = -1;
        r.eos_event = CreateEventW(NULL, TRUE, FALSE, NULL);
        r.flush_event = CreateEventW(NULL, TRUE, FALSE, NULL);
        CHECK_HR(mfcb_IMFSourceReaderCallback_new(&handlers, &r, NULL, &cb));
        reader = open_reader(url, cb);
        r.reader = reader;
        CHECK_HR(IMFSourceReader_ReadSample(reader, MF_SOURCE_READER_FIRST_AUDIO_STREAM, 0, NULL, NULL, NULL, NULL));
        /* Close at different points of the stream, once samples flow: the handler re-arms ReadSample, so a
           read is always in flight. (Releasing a reader that is still starting its source can hang inside
           Wine 8.0 itself, with or without mfcb, so the test does not do that.) */
        /* (A fast reader can read the whole file between two polls: that round closes after the end of
           the stream, and is counted apart.) */
        while (r.samples < 1 + i % 10 && !r.eos) {
            Sleep(1);
            CHECK(r.errors == 0);
        }
        CHECK(r.errors == 0);
        if (r.eos)
            after_eos++;
        set_phase("close during reads: mfcb_close");
        CHECK_HR(mfcb_close(cb));
        set_phase("close during reads: after close");
        r.closed = 1; /* from here on a handler would be a bug */
        Sleep(5);     /* give Wine's threads time to call back into the closed object */
        late += r.after_close;
        set_phase("close during reads: releasing the reader");
        IMFSourceReader_Release(reader);
        IMFSourceReaderCallback_Release(cb);
        CloseHandle(r.eos_event);
        CloseHandle(r.flush_event);
    }
    CHECK(late == 0);
    CHECK(after_eos < rounds); /* most rounds close with reads in flight */
    printf("wine: mfcb_close during reads, %d rounds (%d of them after the end of the stream): no handler after "
           "close returned\n", rounds, after_eos);
}

int main(void)
{
    WCHAR url[MAX_PATH];
    CHECK(GetFullPathNameW(L"reader.wav", MAX_PATH, url, NULL) > 0);
    write_wav(url, DATA_BYTES);
    CHECK_HR(MFStartup(MF_VERSION, MFSTARTUP_FULL));
    CloseHandle(CreateThread(NULL, 0, watchdog, NULL, 0, NULL));
    set_phase("direct reading");
    read_all(url, 0);
    set_phase("queued reading");
    read_all(url, 1);
    set_phase("close during reads");
    close_in_flight(url, 50);
    set_phase("shutdown");
    wine_wait_live(0); /* Wine's reader lets go of its callback on its own thread */
    CHECK_HR(MFShutdown());
    printf("wine: live mfcb objects after the readers were released: %ld\n", mfcb_live_objects());
    CHECK(mfcb_live_objects() == 0);
    DeleteFileW(url);
    return 0;
}
