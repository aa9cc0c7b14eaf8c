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

long plat_load(volatile long *p);
void plat_store(volatile long *p, long v);
void *plat_load_ptr(void *volatile *p);
void *plat_xchg_ptr(void *volatile *p, void *v); /* returns the old value */
void plat_store_ptr(void *volatile *p, void *v);
long long plat_load64(volatile long long *p);
int plat_cas64(volatile long long *p, long long expect, long long desired); /* 1 when swapped */

#ifdef _WIN32
void *plat_event_new(void); /* an auto-reset event HANDLE */
void plat_event_set(void *event);
void plat_event_free(void *event);
#endif
long plat_or(volatile long *p, long bits); /* returns the old value */
long plat_add(volatile long *p, long v);   /* returns the old value */

#endif
