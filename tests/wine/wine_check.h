/* wine_check.h -- the Windows tests' assertion (prints the failing expression and exits 1) and their waits.
   Include it after <windows.h> and a generated header. */
#ifndef MFCB_WINE_CHECK_H
#define MFCB_WINE_CHECK_H
#include <stdio.h>
#include <stdlib.h>

#define CHECK(e) \
    do { \
        if (!(e)) { \
            printf("%s:%d: check failed: %s\n", __FILE__, __LINE__, #e); \
            fflush(stdout); \
            exit(1); \
        } \
    } while (0)

#define CHECK_HR(e) \
    do { \
        HRESULT check_hr_ = (e); \
        if (FAILED(check_hr_)) { \
            printf("%s:%d: %s failed: 0x%08lx\n", __FILE__, __LINE__, #e, (unsigned long)check_hr_); \
            fflush(stdout); \
            exit(1); \
        } \
    } while (0)

/* How long a test waits for something Wine will do before it calls it a hang. A wait ends as soon as what
   it waits for happens, so this costs nothing on a quiet machine; it is long because a busy one is slow
   (CTest's limit for a program is larger still). */
#define WINE_HANG_MS 120000u

/* Waits until at most `most` mfcb objects are alive, or WINE_HANG_MS passed; returns the last count. Wine's
   threads let go of the objects they were given on their own time, after the call that gave them one has
   returned (a work queue's thread drops its async result after Invoke; a reader its callback). */
static inline long wine_wait_live(long most)
{
    DWORD start = GetTickCount();
    long n;
    while ((n = mfcb_live_objects()) > most && GetTickCount() - start < WINE_HANG_MS)
        Sleep(5);
    return n;
}

/* Waits until *count reaches at least `want`, or WINE_HANG_MS passed; returns the last value. */
static inline LONG wine_wait_count(volatile LONG *count, LONG want)
{
    DWORD start = GetTickCount();
    LONG n;
    while ((n = *count) < want && GetTickCount() - start < WINE_HANG_MS)
        Sleep(5);
    return n;
}

#endif
