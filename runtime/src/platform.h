/* platform.h -- the few OS services libmfcb uses: atomics, locks and conditions, time, allocation. */
#ifndef MFCB_PLATFORM_H
#define MFCB_PLATFORM_H

#include <stddef.h>
#include <stdlib.h>

#ifdef _WIN32
#include <windows.h>
typedef SRWLOCK plat_mutex;
typedef CONDITION_VARIABLE plat_cond;
#define PLAT_MUTEX_INIT SRWLOCK_INIT
#else
#include <pthread.h>
typedef pthread_mutex_t plat_mutex;
typedef pthread_cond_t plat_cond;
#define PLAT_MUTEX_INIT PTHREAD_MUTEX_INITIALIZER
#endif

int plat_mutex_init(plat_mutex *m);
void plat_mutex_lock(plat_mutex *m);
void plat_mutex_unlock(plat_mutex *m);
void plat_mutex_destroy(plat_mutex *m);
/* Conditions time their waits on a clock that does not jump: plat_cond_init, not a static initializer. */
int plat_cond_init(plat_cond *c);
void plat_cond_destroy(plat_cond *c);
void plat_cond_wait(plat_cond *c, plat_mutex *m);
/* Waits at most ms milliseconds; returns 0 on timeout. */
int plat_cond_wait_ms(plat_cond *c, plat_mutex *m, unsigned long ms);
void plat_cond_broadcast(plat_cond *c);
/* Milliseconds on a clock that does not jump, for deadlines. */
unsigned long long plat_now_ms(void);

/* The process-wide lock and condition: closers wait on them for an object's context to be released. */
void plat_lock(void);
void plat_unlock(void);
void plat_wait(void);      /* called with the lock held */
void plat_broadcast(void); /* called with the lock held */

unsigned long plat_thread_id(void);

/* Atomics. Sequentially consistent unless named relaxed. */
#if defined(_MSC_VER)
static __inline long plat_load(volatile long *p) { return InterlockedCompareExchange(p, 0, 0); }
static __inline void plat_store(volatile long *p, long v) { InterlockedExchange(p, v); }
static __inline void *plat_load_ptr(void *volatile *p) { return InterlockedCompareExchangePointer(p, NULL, NULL); }
static __inline void plat_store_ptr(void *volatile *p, void *v) { InterlockedExchangePointer(p, v); }
static __inline int plat_cas(volatile long *p, long expect, long desired)
{
    return InterlockedCompareExchange(p, desired, expect) == expect;
}
static __inline long plat_or(volatile long *p, long bits) { return InterlockedOr(p, bits); }
static __inline long plat_add(volatile long *p, long v) { return InterlockedExchangeAdd(p, v); }
#else
static inline long plat_load(volatile long *p) { return __atomic_load_n(p, __ATOMIC_SEQ_CST); }
static inline void plat_store(volatile long *p, long v) { __atomic_store_n(p, v, __ATOMIC_SEQ_CST); }
static inline void *plat_load_ptr(void *volatile *p) { return __atomic_load_n(p, __ATOMIC_SEQ_CST); }
static inline void plat_store_ptr(void *volatile *p, void *v) { __atomic_store_n(p, v, __ATOMIC_SEQ_CST); }
static inline int plat_cas(volatile long *p, long expect, long desired)
{
    return __atomic_compare_exchange_n(p, &expect, desired, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}
static inline long plat_or(volatile long *p, long bits) { return __atomic_fetch_or(p, bits, __ATOMIC_SEQ_CST); }
static inline long plat_add(volatile long *p, long v) { return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST); }
#endif

#ifdef _WIN32
void *plat_event_new(void); /* an auto-reset event HANDLE */
void plat_event_set(void *event);
void plat_event_free(void *event);
#endif

#endif
