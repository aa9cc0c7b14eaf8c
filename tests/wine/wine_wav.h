/* wine_wav.h -- the Windows tests' input: a 44.1 kHz 16-bit stereo PCM RIFF/WAVE file of a rising ramp
   (byte i of the data is i / 4), so that a lost, repeated or reordered buffer shows. */
#ifndef MFCB_WINE_WAV_H
#define MFCB_WINE_WAV_H
#include <windows.h>
#include <stdlib.h>
#include <string.h>
#include "wine_check.h"

#define WAV_RATE 44100

static void wav_put32(BYTE *p, DWORD v) { p[0] = (BYTE)v, p[1] = (BYTE)(v >> 8), p[2] = (BYTE)(v >> 16), p[3] = (BYTE)(v >> 24); }
static void wav_put16(BYTE *p, WORD v) { p[0] = (BYTE)v, p[1] = (BYTE)(v >> 8); }

/* The ramp's byte at data offset i. */
static BYTE wav_byte(DWORD i)
{
    return (BYTE)(i / 4);
}

/* The whole file, malloc'd: its length in *len. */
static inline BYTE *wav_file(DWORD data_bytes, DWORD *len)
{
    BYTE *file = (BYTE *)malloc(44 + data_bytes);
    DWORD i;
    CHECK(file != NULL);
    memcpy(file, "RIFF", 4);
    wav_put32(file + 4, 36 + data_bytes);
    memcpy(file + 8, "WAVEfmt ", 8);
    wav_put32(file + 16, 16);
    wav_put16(file + 20, 1); /* PCM */
    wav_put16(file + 22, 2);
    wav_put32(file + 24, WAV_RATE);
    wav_put32(file + 28, WAV_RATE * 4);
    wav_put16(file + 32, 4);
    wav_put16(file + 34, 16);
    memcpy(file + 36, "data", 4);
    wav_put32(file + 40, data_bytes);
    for (i = 0; i < data_bytes; i++)
        file[44 + i] = wav_byte(i);
    *len = 44 + data_bytes;
    return file;
}

static inline void write_wav(const WCHAR *path, DWORD data_bytes)
{
    DWORD len, done;
    BYTE *file = wav_file(data_bytes, &len);
    HANDLE f = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    CHECK(f != INVALID_HANDLE_VALUE);
    CHECK(WriteFile(f, file, len, &done, NULL) && done == len);
    CloseHandle(f);
    free(file);
}

#endif
