/* mfcb.h -- libmfcb public API: options, close, debug counters, and the inline fast path of generated stubs. */
#ifndef MFCB_H
#define MFCB_H

#include <stddef.h>
#include "com.h"

#define MFCB_VERSION_STRING "0.1.0"
/* Generated headers check this and stop with "regenerate" on a mismatch: bump it whenever the layout of
   mfcb_object_, mfcb_class_ or the *_ functions below changes. */
#define MFCB_ABI_VERSION 1

#ifdef __cplusplus
extern "C" {
#endif

/* Options for mfcb_<Interface>_new. NULL means defaults; start from MFCB_OPTIONS_INIT or mfcb_options_init(),
   because a zeroed struct means closed_hr == S_OK. */
typedef struct mfcb_options {
    /* Called exactly once with ctx, by mfcb_close or by the last Release, after the last handler returned. */
    void (*ctx_release)(void *ctx);
    /* What every method except QueryInterface/AddRef/Release returns after close. Default MF_E_SHUTDOWN. */
    HRESULT closed_hr;
    unsigned flags; /* reserved, must be 0 */
} mfcb_options;

#define MFCB_OPTIONS_INIT { NULL, MFCB_E_SHUTDOWN, 0 }
void mfcb_options_init(mfcb_options *opt);

/* Closes the mfcb object behind any of its interface pointers: no handler runs after this returns. Waits for
   calls inside handlers on other threads (never for one on the calling thread, so a handler may close its own
   object), then releases the context once. Later calls return closed_hr; QueryInterface, AddRef and Release
   keep working. Idempotent. Does not release the caller's reference. Returns S_OK, or E_INVALIDARG when obj is
   NULL or not an mfcb object. */
HRESULT mfcb_close(void *obj);

/* Number of mfcb objects created and not yet freed, in this process. */
long mfcb_live_objects(void);

const char *mfcb_version(void);

/* ---- Everything below is used by generated code only; it may change with MFCB_ABI_VERSION. ---- */

#if defined(_MSC_VER) && !defined(__clang__)
#include <intrin.h>
#define MFCB_TLS_ __declspec(thread)
#define MFCB_XADD_(p, v) _InterlockedExchangeAdd((volatile long *)(p), (v))
#define MFCB_INLINE_ static __inline
#else
#define MFCB_TLS_ __thread
#define MFCB_XADD_(p, v) __atomic_fetch_add((p), (v), __ATOMIC_ACQ_REL)
#define MFCB_INLINE_ static inline
#endif

typedef struct mfcb_iface_ {
    const void *vtbl;
    const IID *iids; /* the interface's inheritance chain, most derived first, IUnknown left out */
    unsigned n_iids;
    const char *name;
} mfcb_iface_;

typedef struct mfcb_class_ {
    unsigned abi;
    const char *name;
    const mfcb_iface_ *ifaces;
    unsigned n_ifaces;
    size_t handlers_size;
} mfcb_class_;

/* One allocation per object. COM interface pointers point into vtbl[]: interface k is &vtbl[k]. */
typedef struct mfcb_object_ {
    volatile long refs;
    volatile long gate; /* bit 0: closed; bits 1..: calls inside handlers */
    const mfcb_class_ *cls;
    const void *handlers; /* the object's own copy of the user's handler table */
    void *ctx;
    void (*ctx_release)(void *ctx);
    HRESULT closed_hr;
    const void *vtbl[1];
} mfcb_object_;

/* Calls inside a handler on this thread, innermost first: lets mfcb_close skip waiting for its own thread. */
typedef struct mfcb_frame_ {
    mfcb_object_ *obj;
    struct mfcb_frame_ *prev;
} mfcb_frame_;
extern MFCB_TLS_ mfcb_frame_ *mfcb_frames_;

HRESULT mfcb_object_new_(const mfcb_class_ *cls, const void *handlers, void *ctx, const mfcb_options *opt,
                         void **out);
HRESULT mfcb_query_interface_(mfcb_object_ *o, const IID *riid, void **ppv);
void mfcb_destroy_(mfcb_object_ *o);
void mfcb_gate_wake_(mfcb_object_ *o);

#define MFCB_OBJ_(This, k) \
    ((mfcb_object_ *)(void *)((char *)(This) - offsetof(mfcb_object_, vtbl) - (k) * sizeof(void *)))

MFCB_INLINE_ ULONG mfcb_addref_(mfcb_object_ *o) { return (ULONG)(MFCB_XADD_(&o->refs, 1) + 1); }

MFCB_INLINE_ ULONG mfcb_release_(mfcb_object_ *o)
{
    long n = MFCB_XADD_(&o->refs, -1) - 1;
    if (n == 0)
        mfcb_destroy_(o);
    return (ULONG)n;
}

/* Returns 0 when the object is closed: the stub then returns closed_hr without touching user state. */
MFCB_INLINE_ int mfcb_enter_(mfcb_object_ *o, mfcb_frame_ *f)
{
    if (MFCB_XADD_(&o->gate, 2) & 1) {
        MFCB_XADD_(&o->gate, -2);
        mfcb_gate_wake_(o);
        return 0;
    }
    f->obj = o;
    f->prev = mfcb_frames_;
    mfcb_frames_ = f;
    return 1;
}

MFCB_INLINE_ void mfcb_leave_(mfcb_object_ *o, mfcb_frame_ *f)
{
    mfcb_frames_ = f->prev;
    if (MFCB_XADD_(&o->gate, -2) & 1)
        mfcb_gate_wake_(o);
}

#ifdef __cplusplus
}
#endif

#endif /* MFCB_H */
