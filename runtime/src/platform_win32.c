/* platform_win32.c -- platform.h on Windows: SRWLOCK, CONDITION_VARIABLE, events. */
#include "platform.h"

#ifdef _WIN32

int plat_mutex_init(plat_mutex *m)
{
    InitializeSRWLock(m);
    return 1;
}
void plat_mutex_lock(plat_mutex *m) { AcquireSRWLockExclusive(m); }
void plat_mutex_unlock(plat_mutex *m) { ReleaseSRWLockExclusive(m); }
void plat_mutex_destroy(plat_mutex *m) { (void)m; }

int plat_cond_init(plat_cond *c)
{
    InitializeConditionVariable(c);
    return 1;
}
void plat_cond_destroy(plat_cond *c) { (void)c; }
void plat_cond_wait(plat_cond *c, plat_mutex *m) { SleepConditionVariableSRW(c, m, INFINITE, 0); }
int plat_cond_wait_ms(plat_cond *c, plat_mutex *m, unsigned long ms)
{
    return SleepConditionVariableSRW(c, m, ms, 0) != 0;
}
void plat_cond_broadcast(plat_cond *c) { WakeAllConditionVariable(c); }
unsigned long long plat_now_ms(void) { return (unsigned long long)GetTickCount64(); }

static SRWLOCK lock = SRWLOCK_INIT;
static CONDITION_VARIABLE cond = CONDITION_VARIABLE_INIT;

void plat_lock(void) { AcquireSRWLockExclusive(&lock); }
void plat_unlock(void) { ReleaseSRWLockExclusive(&lock); }
void plat_wait(void) { SleepConditionVariableSRW(&cond, &lock, INFINITE, 0); }
void plat_broadcast(void) { WakeAllConditionVariable(&cond); }

unsigned long plat_thread_id(void) { return (unsigned long)GetCurrentThreadId(); }

void *plat_event_new(void) { return CreateEventW(NULL, FALSE, FALSE, NULL); }
void plat_event_set(void *event) { SetEvent((HANDLE)event); }
void plat_event_free(void *event) { CloseHandle((HANDLE)event); }
#else
typedef int platform_win32_unused; /* ISO C wants a declaration in every translation unit */
#endif
