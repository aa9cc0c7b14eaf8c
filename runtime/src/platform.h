/* platform.h -- the few OS services libmfcb uses: atomics, one process-wide lock and condition, allocation. */
#ifndef MFCB_PLATFORM_H
#define MFCB_PLATFORM_H

#include <stdlib.h>

/* The lock and condition guard nothing but waiting in mfcb_close: they are touched only after an object was
   closed, never on the call path. */
void plat_lock(void);
void plat_unlock(void);
void plat_wait(void);      /* called with the lock held */
void plat_broadcast(void); /* called with the lock held */

unsigned long plat_thread_id(void);
/* Waits on the process-wide condition for at most ms milliseconds; returns 0 on timeout. */
int plat_wait_ms(unsigned long ms); /* called with the lock held */

void plat_yield(void);

/* The asymmetric barrier behind the fast gate: plat_membarrier_init returns 1 when this process can make
   every one of its threads pass a full memory barrier (plat_membarrier), 0 when it cannot. */
int plat_membarrier_init(void);
void plat_membarrier(void);
/* Calls fn(arg) when the calling thread exits. Returns 0 when it cannot be arranged. */
int plat_at_thread_exit(void (*fn)(void *), void *arg);

/* Atomics, inline: they sit on the queue's per-call path. Sequentially consistent unless named relaxed. */
#if defined(_MSC_VER) && !defined(__clang__)
#include <windows.h>
static __inline long plat_load(volatile long *p) { return InterlockedCompareExchange(p, 0, 0); }
static __inline void plat_store(volatile long *p, long v) { InterlockedExchange(p, v); }
static __inline long plat_load_relaxed(volatile long *p) { return *p; }
static __inline void plat_store_relaxed(volatile long *p, long v) { *p = v; }
static __inline void *plat_load_ptr(void *volatile *p) { return InterlockedCompareExchangePointer(p, NULL, NULL); }
static __inline void *plat_xchg_ptr(void *volatile *p, void *v) { return InterlockedExchangePointer(p, v); }
static __inline void plat_store_ptr(void *volatile *p, void *v) { InterlockedExchangePointer(p, v); }
static __inline long long plat_load64(volatile long long *p) { return InterlockedCompareExchange64(p, 0, 0); }
static __inline int plat_cas64(volatile long long *p, long long expect, long long desired)
{
    return InterlockedCompareExchange64(p, desired, expect) == expect;
}
static __inline long plat_or(volatile long *p, long bits) { return InterlockedOr(p, bits); }
static __inline long plat_add(volatile long *p, long v) { return InterlockedExchangeAdd(p, v); }
#else
static inline long plat_load(volatile long *p) { return __atomic_load_n(p, __ATOMIC_SEQ_CST); }
static inline void plat_store(volatile long *p, long v) { __atomic_store_n(p, v, __ATOMIC_SEQ_CST); }
static inline long plat_load_relaxed(volatile long *p) { return __atomic_load_n(p, __ATOMIC_RELAXED); }
static inline void plat_store_relaxed(volatile long *p, long v) { __atomic_store_n(p, v, __ATOMIC_RELAXED); }
static inline void *plat_load_ptr(void *volatile *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
static inline void *plat_xchg_ptr(void *volatile *p, void *v) { return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST); }
static inline void plat_store_ptr(void *volatile *p, void *v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }
static inline long long plat_load64(volatile long long *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
static inline int plat_cas64(volatile long long *p, long long expect, long long desired)
{
    return __atomic_compare_exchange_n(p, &expect, desired, 0, __ATOMIC_SEQ_CST, __ATOMIC_ACQUIRE);
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
