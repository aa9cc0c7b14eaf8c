/* platform_win32.c -- platform.h on Windows: SRWLOCK, CONDITION_VARIABLE and Interlocked. */
#include "platform.h"

#ifdef _WIN32
#include <windows.h>

static SRWLOCK lock = SRWLOCK_INIT;
static CONDITION_VARIABLE cond = CONDITION_VARIABLE_INIT;

void plat_lock(void) { AcquireSRWLockExclusive(&lock); }
void plat_unlock(void) { ReleaseSRWLockExclusive(&lock); }
void plat_wait(void) { SleepConditionVariableSRW(&cond, &lock, INFINITE, 0); }
void plat_broadcast(void) { WakeAllConditionVariable(&cond); }

int plat_wait_ms(unsigned long ms) { return SleepConditionVariableSRW(&cond, &lock, ms, 0) != 0; }

unsigned long plat_thread_id(void) { return (unsigned long)GetCurrentThreadId(); }

void plat_yield(void) { SwitchToThread(); }

long plat_load(volatile long *p) { return InterlockedCompareExchange(p, 0, 0); }
void plat_store(volatile long *p, long v) { InterlockedExchange(p, v); }
void *plat_load_ptr(void *volatile *p) { return InterlockedCompareExchangePointer(p, NULL, NULL); }
void *plat_xchg_ptr(void *volatile *p, void *v) { return InterlockedExchangePointer(p, v); }
void plat_store_ptr(void *volatile *p, void *v) { InterlockedExchangePointer(p, v); }
long long plat_load64(volatile long long *p) { return InterlockedCompareExchange64(p, 0, 0); }
int plat_cas64(volatile long long *p, long long expect, long long desired)
{
    return InterlockedCompareExchange64(p, desired, expect) == expect;
}

void *plat_event_new(void) { return CreateEventW(NULL, FALSE, FALSE, NULL); }
void plat_event_set(void *event) { SetEvent((HANDLE)event); }
void plat_event_free(void *event) { CloseHandle((HANDLE)event); }
long plat_or(volatile long *p, long bits) { return InterlockedOr(p, bits); }
long plat_add(volatile long *p, long v) { return InterlockedExchangeAdd(p, v); }
#else
typedef int platform_win32_unused; /* ISO C wants a declaration in every translation unit */
#endif
