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

/* The fast gate is not built for Windows (see MFCB_FAST_GATE_): FlushProcessWriteBuffers would serve,
   but thread-exit hooks for static TLS need more care than this runtime takes yet. */
int plat_membarrier_init(void) { return 0; }
void plat_membarrier(void) {}
int plat_at_thread_exit(void (*fn)(void *), void *arg)
{
    (void)fn;
    (void)arg;
    return 0;
}


void *plat_event_new(void) { return CreateEventW(NULL, FALSE, FALSE, NULL); }
void plat_event_set(void *event) { SetEvent((HANDLE)event); }
void plat_event_free(void *event) { CloseHandle((HANDLE)event); }
#else
typedef int platform_win32_unused; /* ISO C wants a declaration in every translation unit */
#endif
