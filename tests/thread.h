/* thread.h -- the few thread services the runtime tests use, on pthreads or Win32: threads, sleeping, a
   thread's own CPU time, atomics, and a watchdog that ends a test that hangs with a message. */
#ifndef MFCB_TEST_THREAD_H
#define MFCB_TEST_THREAD_H
#include <stdio.h>
#include <stdlib.h>

#ifdef _WIN32
#include <windows.h>
typedef HANDLE thr_t;
typedef struct thr_start_ {
    void *(*fn)(void *);
    void *arg;
} thr_start_;
static DWORD WINAPI thr_trampoline_(LPVOID p)
{
    thr_start_ s = *(thr_start_ *)p;
    free(p);
    s.fn(s.arg);
    return 0;
}
static void thr_create(thr_t *t, void *(*fn)(void *), void *arg)
{
    thr_start_ *s = (thr_start_ *)malloc(sizeof *s);
    s->fn = fn;
    s->arg = arg;
    *t = CreateThread(NULL, 0, thr_trampoline_, s, 0, NULL);
    if (!*t)
        abort();
}
static void thr_join(thr_t t)
{
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
}
static void thr_sleep_ms(unsigned ms) { Sleep(ms); }
static void thr_yield(void) { SwitchToThread(); }
static unsigned long thr_self(void) { return (unsigned long)GetCurrentThreadId(); }
/* CPU time the calling thread has used, in milliseconds. */
static double thr_cpu_ms(void)
{
    FILETIME c, e, k, u;
    GetThreadTimes(GetCurrentThread(), &c, &e, &k, &u);
    return ((double)(((ULONGLONG)k.dwHighDateTime << 32 | k.dwLowDateTime) +
                     ((ULONGLONG)u.dwHighDateTime << 32 | u.dwLowDateTime))) / 1e4;
}
static double thr_now_ms(void) { return (double)GetTickCount64(); }
#else
#include <pthread.h>
#include <sched.h>
#include <time.h>
typedef pthread_t thr_t;
static void thr_create(thr_t *t, void *(*fn)(void *), void *arg)
{
    if (pthread_create(t, NULL, fn, arg) != 0)
        abort();
}
static void thr_join(thr_t t) { pthread_join(t, NULL); }
static void thr_sleep_ms(unsigned ms)
{
    struct timespec ts;
    ts.tv_sec = (time_t)(ms / 1000);
    ts.tv_nsec = (long)(ms % 1000) * 1000000L;
    while (nanosleep(&ts, &ts) != 0)
        ;
}
static void thr_yield(void) { sched_yield(); }
static unsigned long thr_self(void) { return (unsigned long)pthread_self(); }
static double thr_cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}
static double thr_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}
#endif

/* Sequentially consistent atomics on an int, the same on every compiler the tests use. */
#if defined(_MSC_VER) && !defined(__clang__)
#define AT_LOAD(p) InterlockedCompareExchange((volatile long *)(p), 0, 0)
#define AT_STORE(p, v) InterlockedExchange((volatile long *)(p), (v))
#define AT_ADD(p, v) InterlockedExchangeAdd((volatile long *)(p), (v))
typedef volatile long at_int;
#else
#define AT_LOAD(p) __atomic_load_n((p), __ATOMIC_SEQ_CST)
#define AT_STORE(p, v) __atomic_store_n((p), (v), __ATOMIC_SEQ_CST)
#define AT_ADD(p, v) __atomic_fetch_add((p), (v), __ATOMIC_SEQ_CST)
typedef long at_int;
#endif

/* Waits until *p == v, for at most ms milliseconds; returns whether it happened. */
static int wait_for(at_int *p, long v, unsigned ms)
{
    double end = thr_now_ms() + ms;
    while (AT_LOAD(p) != v) {
        if (thr_now_ms() > end)
            return 0;
        thr_sleep_ms(1);
    }
    return 1;
}

/* A hung test must end, and say where: the watchdog aborts the process after its budget, naming the step
   that was running. */
static const char *volatile watchdog_step = "start";
static unsigned watchdog_budget_ms;
static void *watchdog_main(void *arg)
{
    (void)arg;
    thr_sleep_ms(watchdog_budget_ms);
    fprintf(stderr, "watchdog: still running after %u ms, in: %s\n", watchdog_budget_ms, watchdog_step);
    fflush(stderr);
    abort();
    return NULL;
}
static void watchdog_start(unsigned ms)
{
    thr_t t;
    watchdog_budget_ms = ms;
    thr_create(&t, watchdog_main, NULL);
}

#endif
