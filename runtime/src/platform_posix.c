/* platform_posix.c -- platform.h on POSIX: pthreads and compiler atomics. */
#define _GNU_SOURCE /* syscall(SYS_gettid) */
#include "platform.h"

#ifndef _WIN32
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;

void plat_lock(void) { pthread_mutex_lock(&lock); }
void plat_unlock(void) { pthread_mutex_unlock(&lock); }
void plat_wait(void) { pthread_cond_wait(&cond, &lock); }
void plat_broadcast(void) { pthread_cond_broadcast(&cond); }

int plat_wait_ms(unsigned long ms)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += (time_t)(ms / 1000);
    ts.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    return pthread_cond_timedwait(&cond, &lock, &ts) != ETIMEDOUT;
}

unsigned long plat_thread_id(void)
{
#ifdef SYS_gettid
    return (unsigned long)syscall(SYS_gettid);
#else
    return (unsigned long)(size_t)pthread_self();
#endif
}

void plat_yield(void) { sched_yield(); }

#else
typedef int platform_posix_unused; /* ISO C wants a declaration in every translation unit */
#endif
