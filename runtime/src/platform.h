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

long plat_load(volatile long *p);
long plat_or(volatile long *p, long bits); /* returns the old value */
long plat_add(volatile long *p, long v);   /* returns the old value */

#endif
