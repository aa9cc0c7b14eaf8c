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

#if defined(__linux__) && defined(SYS_membarrier)
#include <linux/membarrier.h>
int plat_membarrier_init(void)
{
    long cmds = syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0);
    if (cmds < 0 || !(cmds & MEMBARRIER_CMD_PRIVATE_EXPEDITED))
        return 0;
    return syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0) == 0;
}
void plat_membarrier(void) { syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0); }
#else
int plat_membarrier_init(void) { return 0; }
void plat_membarrier(void) {}
#endif

static pthread_key_t exit_key;
static pthread_once_t exit_once = PTHREAD_ONCE_INIT;
static void (*exit_fn)(void *);
static void on_exit_key(void *arg) { exit_fn(arg); }
static void make_exit_key(void)
{
    if (pthread_key_create(&exit_key, on_exit_key) != 0)
        exit_fn = NULL;
}

int plat_at_thread_exit(void (*fn)(void *), void *arg)
{
    exit_fn = fn; /* one user: the runtime's thread registry */
    pthread_once(&exit_once, make_exit_key);
    return exit_fn && pthread_setspecific(exit_key, arg) == 0;
}

#else
typedef int platform_posix_unused; /* ISO C wants a declaration in every translation unit */
#endif
