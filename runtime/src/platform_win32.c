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

long plat_load(volatile long *p) { return InterlockedCompareExchange(p, 0, 0); }
long plat_or(volatile long *p, long bits) { return InterlockedOr(p, bits); }
long plat_add(volatile long *p, long v) { return InterlockedExchangeAdd(p, v); }
#else
typedef int platform_win32_unused; /* ISO C wants a declaration in every translation unit */
#endif
