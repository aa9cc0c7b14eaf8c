/* mfcb.h -- libmfcb public API: options, close, debug counters, and the inline fast path of generated stubs. */
#ifndef MFCB_H
#define MFCB_H

#include <stddef.h>
#include "com.h"

#define MFCB_VERSION_STRING "0.1.0"
/* Generated headers check this and stop with "regenerate" on a mismatch: bump it whenever the layout of
   mfcb_object_, mfcb_class_ or the *_ functions below changes. */
#define MFCB_ABI_VERSION 3

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mfcb_queue mfcb_queue;

/* Options for mfcb_<Interface>_new. NULL means defaults; start from MFCB_OPTIONS_INIT or mfcb_options_init(),
   because a zeroed struct means closed_hr == S_OK. */
typedef struct mfcb_options {
    /* Called exactly once with ctx, by mfcb_close or by the last Release, after the last handler returned. */
    void (*ctx_release)(void *ctx);
    /* What every method except QueryInterface/AddRef/Release returns after close. Default MF_E_SHUTDOWN. */
    HRESULT closed_hr;
    unsigned flags; /* MFCB_DEBUG, MFCB_NOT_AGILE, or 0 */
    /* Queued dispatch: calls are recorded and return at once; mfcb_queue_dispatch runs them. NULL: direct. */
    mfcb_queue *queue;
} mfcb_options;

/* Debug objects are never freed: after the last Release their vtables report any further call, a Release
   below zero included, naming the interface and the method, and abort. */
#define MFCB_DEBUG 0x1u
/* mfcb objects are free-threaded, so by default they answer IAgileObject (and COM does not marshal them
   between apartments). This flag makes QueryInterface refuse it, for a context that must stay on one thread. */
#define MFCB_NOT_AGILE 0x2u

#define MFCB_OPTIONS_INIT { NULL, MFCB_E_SHUTDOWN, 0, NULL }
void mfcb_options_init(mfcb_options *opt);

/* Closes the mfcb object behind any of its interface pointers: no handler runs after this returns. Waits for
   calls inside handlers on other threads (never for one on the calling thread, so a handler may close its own
   object), then releases the context once. Later calls return closed_hr; QueryInterface, AddRef and Release
   keep working. Idempotent. Does not release the caller's reference. Returns S_OK, or E_INVALIDARG when obj is
   NULL or not an mfcb object. */
HRESULT mfcb_close(void *obj);

/* Number of mfcb objects created and not yet freed, in this process; and of those implementing the named
   interface (as their first interface), or -1 when no object of that interface was ever created. */
long mfcb_live_objects(void);
long mfcb_live_objects_of(const char *interface_name);

/* ---- queued dispatch ---- */

/* A queue records calls made on any thread and runs them on the thread that calls mfcb_queue_dispatch, in
   arrival order. What a recorded call holds: its interface pointers AddRef'd, GUIDs, strings, BSTRs and
   [size_is] buffers copied, [mfcb_cookie] pointers as values. Methods whose arguments cannot be kept safely run direct (the
   generated header says which). */
HRESULT mfcb_queue_new(mfcb_queue **out);
/* Drops the calls still pending, releasing what they hold. Close or release the objects created with this
   queue first: if some are still alive, their later calls run direct, on the calling thread, and the
   queue's memory is kept until the last of them goes. */
void mfcb_queue_free(mfcb_queue *q);
#define MFCB_INFINITE 0xFFFFFFFFul
/* Runs the pending calls on the calling thread and returns how many handlers ran (calls of closed objects
   are dropped, not run). With none pending it waits up to timeout_ms (0: no wait) for the first. One
   thread at a time: concurrent dispatchers take turns. */
int mfcb_queue_dispatch(mfcb_queue *q, unsigned long timeout_ms);
/* Makes a dispatcher waiting in mfcb_queue_dispatch return, from any thread. */
void mfcb_queue_wake(mfcb_queue *q);
#ifdef _WIN32
/* An auto-reset event set when calls arrive while nobody dispatches: wait on it in a message loop (for
   example with MsgWaitForMultipleObjects), then call mfcb_queue_dispatch(q, 0). Owned by the queue. */
HANDLE mfcb_queue_event(mfcb_queue *q);
#endif

/* ---- tracing ---- */

typedef struct mfcb_trace_call {
    const void *object;    /* the interface pointer the call came in on */
    const char *iface;     /* "IMFSourceReaderCallback" */
    const char *method;    /* "OnReadSample" */
    unsigned long thread;  /* the calling thread's id */
    const char *args;      /* "status=0x00000000, stream_index=0, sample=0x55d0c0a1b2c0" */
    int queued;            /* 1 when the call was recorded for a queue, 0 when it runs now */
} mfcb_trace_call;
typedef void (*mfcb_trace_fn)(void *user, const mfcb_trace_call *call);
/* Sees every call of every mfcb object (fn NULL: none); when unset a call pays one predictable branch. */
void mfcb_set_trace(mfcb_trace_fn fn, void *user);

const char *mfcb_version(void);

/* ---- Everything below is used by generated code only; it may change with MFCB_ABI_VERSION. ---- */

#if defined(_MSC_VER) && !defined(__clang__)
#include <intrin.h>
#define MFCB_TLS_ __declspec(thread)
#define MFCB_XADD_(p, v) _InterlockedExchangeAdd((volatile long *)(p), (v))
#define MFCB_LOAD_(p) (*(p))
#define MFCB_INLINE_ static __inline
#define MFCB_COLD_ __declspec(noinline)
#else
#define MFCB_TLS_ __thread
#define MFCB_XADD_(p, v) __atomic_fetch_add((p), (v), __ATOMIC_ACQ_REL)
#define MFCB_LOAD_(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#define MFCB_INLINE_ static inline
/* Tracing and queueing live out of line, so that the direct call path does not pay for their set-up. */
#define MFCB_COLD_ __attribute__((noinline, cold))
#endif

/* How the tracer formats an argument: generated metadata, one per parameter. WSTR and ASTR (wide and narrow
   NUL-terminated strings, BSTRs as wide) come last so that the older values keep their numbers. */
enum { MFCB_ARG_HRESULT, MFCB_ARG_I8, MFCB_ARG_U8, MFCB_ARG_I16, MFCB_ARG_U16, MFCB_ARG_I32, MFCB_ARG_U32,
       MFCB_ARG_I64, MFCB_ARG_U64, MFCB_ARG_F32, MFCB_ARG_F64, MFCB_ARG_GUID, MFCB_ARG_PTR, MFCB_ARG_OTHER,
       MFCB_ARG_WSTR, MFCB_ARG_ASTR };

typedef struct mfcb_method_ {
    const char *name;
    const char *const *arg_names;
    const unsigned char *arg_kinds;
    unsigned n_args;
} mfcb_method_;

typedef struct mfcb_iface_ {
    const void *vtbl;
    const void *dead_vtbl; /* MFCB_DEBUG: what a freed object's calls go to */
    const IID *iids; /* the interface's inheritance chain, most derived first, IUnknown left out */
    unsigned n_iids;
    const char *name;
} mfcb_iface_;

typedef struct mfcb_class_state_ {
    volatile long live;
    volatile long registered;
    struct mfcb_class_state_ *next;
    const char *name;
} mfcb_class_state_;

typedef struct mfcb_class_ {
    unsigned abi;
    const char *name;
    const mfcb_iface_ *ifaces;
    unsigned n_ifaces;
    size_t handlers_size;
    mfcb_class_state_ *state; /* per-class counters, in the generated code */
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
    unsigned flags;
    struct mfcb_queue *queue;
    const void *vtbl[1];
} mfcb_object_;

/* Calls inside a handler on this thread that took the counting gate, innermost first: lets mfcb_close skip
   waiting for its own thread. */
typedef struct mfcb_frame_ {
    mfcb_object_ *obj;
    struct mfcb_frame_ *prev;
} mfcb_frame_;
extern MFCB_TLS_ mfcb_frame_ *mfcb_frames_;

/* The fast gate (Linux, where membarrier exists): a call records its object in a slot of its thread with
   plain stores and reads the closed bit with a plain load; mfcb_close sets the bit, makes every thread of
   the process pass a full barrier (membarrier), then waits while any other thread's slots hold the object.
   The call path has no atomic read-modify-write at all. A thread that is not registered yet, or is nested
   more than MFCB_SLOTS_ deep, takes the counting gate in o->gate instead; mfcb_close waits for both.
   Under ThreadSanitizer, which cannot see membarrier, every call takes the counting gate. */
#define MFCB_SLOTS_ 8
typedef struct mfcb_thread_ {
    volatile long depth; /* slots in use; MFCB_SLOTS_ until the thread is registered */
    mfcb_object_ *volatile slots[MFCB_SLOTS_];
    struct mfcb_thread_ *next; /* the runtime's registry */
    int registered;
} mfcb_thread_;
extern MFCB_TLS_ mfcb_thread_ mfcb_thr_;

#if defined(__SANITIZE_THREAD__)
#define MFCB_FAST_GATE_ 0
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define MFCB_FAST_GATE_ 0
#endif
#endif
#ifndef MFCB_FAST_GATE_
#if defined(__linux__) && (defined(__GNUC__) || defined(__clang__))
#define MFCB_FAST_GATE_ 1
#else
#define MFCB_FAST_GATE_ 0
#endif
#endif

#if MFCB_FAST_GATE_
#define MFCB_STORE_RELAXED_(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)
#define MFCB_BARRIER_() __asm__ __volatile__("" ::: "memory")
#endif

HRESULT mfcb_object_new_(const mfcb_class_ *cls, const void *handlers, void *ctx, const mfcb_options *opt,
                         void **out);
HRESULT mfcb_query_interface_(mfcb_object_ *o, const IID *riid, void **ppv);
void mfcb_destroy_(mfcb_object_ *o);
void mfcb_gate_wake_(mfcb_object_ *o);
int mfcb_enter_slow_(mfcb_object_ *o, mfcb_frame_ *f);

/* Tracing: generated stubs call mfcb_trace_ when mfcb_trace_hook_ is set; av[i] points at argument i. */
extern mfcb_trace_fn volatile mfcb_trace_hook_;
void mfcb_trace_(const void *self, const mfcb_object_ *o, const mfcb_method_ *m, const void *const *av,
                 int queued);

/* Whether the object is closed, for the queued path that does not enter the gate. */
#define MFCB_CLOSED_(o) ((MFCB_LOAD_(&(o)->gate) & 1) != 0)

/* Queued calls: begin returns argument storage of args_size bytes (NULL: run the call direct), buffer
   returns n bytes owned by the record, commit hands the record to the queue. replay runs the handler when
   run is nonzero, then releases what the arguments hold. */
typedef struct mfcb_rec_ mfcb_rec_;
/* The most argument bytes a queued call keeps in its record ([size_is] buffers are apart): generated code
   checks its argument structs against it at compile time. */
#define MFCB_QUEUE_ARGS_MAX 128
typedef void (*mfcb_replay_)(mfcb_object_ *o, void *args, int run);
void *mfcb_queue_begin_(mfcb_object_ *o, size_t args_size, mfcb_replay_ replay, mfcb_rec_ **rec);
void *mfcb_queue_buffer_(mfcb_rec_ *rec, size_t n);
void mfcb_queue_commit_(mfcb_rec_ *rec);
void mfcb_queue_cancel_(mfcb_rec_ *rec);

/* MFCB_DEBUG: a call on a freed object; prints what was called and aborts. */
void mfcb_dead_call_(const char *iface, const char *method);

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

/* The whole common case of a generated stub: no queue, no tracer, the fast gate open. Returns 1 when the
   call may run its handler now (then mfcb_fast_leave_ after it), 0 when the stub's out-of-line slow path
   must handle it (closed, queued, traced, or no fast gate on this thread or platform). */
MFCB_INLINE_ int mfcb_fast_enter_(mfcb_object_ *o)
{
#if MFCB_FAST_GATE_
    long d = mfcb_thr_.depth;
    if (d < MFCB_SLOTS_ && !o->queue && !mfcb_trace_hook_) {
        MFCB_STORE_RELAXED_(&mfcb_thr_.slots[d], o);
        MFCB_STORE_RELAXED_(&mfcb_thr_.depth, d + 1);
        MFCB_BARRIER_();
        if (!(MFCB_LOAD_(&o->gate) & 1))
            return 1;
        /* closed: give the slot back; a closer waiting on it polls, so no wake is owed */
        MFCB_STORE_RELAXED_(&mfcb_thr_.depth, d);
    }
#else
    (void)o;
#endif
    return 0;
}

MFCB_INLINE_ void mfcb_fast_leave_(mfcb_object_ *o)
{
#if MFCB_FAST_GATE_
    __atomic_store_n(&mfcb_thr_.depth, mfcb_thr_.depth - 1, __ATOMIC_RELEASE);
    if (MFCB_LOAD_(&o->gate) & 1)
        mfcb_gate_wake_(o);
#else
    (void)o;
#endif
}

/* Returns 0 when the object is closed (the stub then returns closed_hr without touching user state), 2 for
   a call through the fast gate, 1 for one through the counting gate; mfcb_leave_ takes that back. */
MFCB_INLINE_ int mfcb_enter_(mfcb_object_ *o, mfcb_frame_ *f)
{
#if MFCB_FAST_GATE_
    long d = mfcb_thr_.depth;
    if (d < MFCB_SLOTS_) {
        MFCB_STORE_RELAXED_(&mfcb_thr_.slots[d], o);
        MFCB_STORE_RELAXED_(&mfcb_thr_.depth, d + 1);
        MFCB_BARRIER_();
        if (!(MFCB_LOAD_(&o->gate) & 1))
            return 2;
        MFCB_STORE_RELAXED_(&mfcb_thr_.depth, d);
        mfcb_gate_wake_(o);
        return 0;
    }
#endif
    return mfcb_enter_slow_(o, f);
}

MFCB_INLINE_ void mfcb_leave_(mfcb_object_ *o, mfcb_frame_ *f, int how)
{
#if MFCB_FAST_GATE_
    if (how == 2) {
        /* release: what the handler wrote is visible to a closer that sees the slot given back */
        __atomic_store_n(&mfcb_thr_.depth, mfcb_thr_.depth - 1, __ATOMIC_RELEASE);
        if (MFCB_LOAD_(&o->gate) & 1)
            mfcb_gate_wake_(o);
        return;
    }
#endif
    (void)how;
    mfcb_frames_ = f->prev;
    if (MFCB_XADD_(&o->gate, -2) & 1)
        mfcb_gate_wake_(o);
}

#ifdef __cplusplus
}
#endif

#endif /* MFCB_H */
