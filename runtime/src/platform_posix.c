/* platform_posix.c -- platform.h on POSIX: pthreads and compiler atomics. */
#include "platform.h"

#ifndef _WIN32
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;

void plat_lock(void) { pthread_mutex_lock(&lock); }
void plat_unlock(void) { pthread_mutex_unlock(&lock); }
void plat_wait(void) { pthread_cond_wait(&cond, &lock); }
void plat_broadcast(void) { pthread_cond_broadcast(&cond); }

long plat_load(volatile long *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
long plat_or(volatile long *p, long bits) { return __atomic_fetch_or(p, bits, __ATOMIC_ACQ_REL); }
long plat_add(volatile long *p, long v) { return __atomic_fetch_add(p, v, __ATOMIC_ACQ_REL); }
#else
typedef int platform_posix_unused; /* ISO C wants a declaration in every translation unit */
#endif
