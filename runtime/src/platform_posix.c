/* platform_posix.c -- platform.h on POSIX: pthreads and the monotonic clock. */
#define _GNU_SOURCE /* syscall(SYS_gettid) */
#include "platform.h"

#ifndef _WIN32
#include <errno.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int plat_mutex_init(plat_mutex *m) { return pthread_mutex_init(m, NULL) == 0; }
void plat_mutex_lock(plat_mutex *m) { pthread_mutex_lock(m); }
void plat_mutex_unlock(plat_mutex *m) { pthread_mutex_unlock(m); }
void plat_mutex_destroy(plat_mutex *m) { pthread_mutex_destroy(m); }

int plat_cond_init(plat_cond *c)
{
    pthread_condattr_t a;
    int ok;
    if (pthread_condattr_init(&a) != 0)
        return 0;
    ok = pthread_condattr_setclock(&a, CLOCK_MONOTONIC) == 0 && pthread_cond_init(c, &a) == 0;
    pthread_condattr_destroy(&a);
    return ok;
}
void plat_cond_destroy(plat_cond *c) { pthread_cond_destroy(c); }
void plat_cond_wait(plat_cond *c, plat_mutex *m) { pthread_cond_wait(c, m); }
void plat_cond_broadcast(plat_cond *c) { pthread_cond_broadcast(c); }

int plat_cond_wait_ms(plat_cond *c, plat_mutex *m, unsigned long ms)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_sec += (time_t)(ms / 1000);
    ts.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    return pthread_cond_timedwait(c, m, &ts) != ETIMEDOUT;
}

unsigned long long plat_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000u + (unsigned long long)ts.tv_nsec / 1000000u;
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER; /* untimed waits only */

void plat_lock(void) { pthread_mutex_lock(&lock); }
void plat_unlock(void) { pthread_mutex_unlock(&lock); }
void plat_wait(void) { pthread_cond_wait(&cond, &lock); }
void plat_broadcast(void) { pthread_cond_broadcast(&cond); }

unsigned long plat_thread_id(void)
{
#ifdef SYS_gettid
    return (unsigned long)syscall(SYS_gettid);
#else
    return (unsigned long)(size_t)pthread_self();
#endif
}

#else
typedef int platform_posix_unused; /* ISO C wants a declaration in every translation unit */
#endif
