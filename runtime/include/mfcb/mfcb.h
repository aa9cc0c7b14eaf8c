/* mfcb.h -- libmfcb public API: options, close, debug counters, and the inline fast path of generated stubs. */
#ifndef MFCB_H
#define MFCB_H

#include <stddef.h>

/* MFCB_API marks what libmfcb exports: the public API and what generated code calls. With MFCB_SHARED
   defined (the build defines it for users of a shared libmfcb: CMake's BUILD_SHARED_LIBS, Meson's
   default_library=shared, pkg-config's Cflags) the runtime is a DLL or shared object exporting only
   these; generated code then reaches the runtime through functions alone, never its thread-local data. */
#if defined(MFCB_SHARED) && defined(_WIN32)
#if defined(MFCB_BUILDING_)
#define MFCB_API __declspec(dllexport)
#else
#define MFCB_API __declspec(dllimport)
#endif
#elif defined(MFCB_SHARED) && defined(__GNUC__)
#define MFCB_API __attribute__((visibility("default")))
#else
#define MFCB_API
#endif

#include "com.h"

#define MFCB_VERSION_STRING "0.1.0"
/* Generated headers check this and stop with "regenerate" on a mismatch: bump it whenever the layout of
   mfcb_object_, mfcb_class_ or the *_ functions below changes. */
#define MFCB_ABI_VERSION 6

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mfcb_queue mfcb_queue;

/* Options for mfcb_<Interface>_new. NULL means defaults, and so does a zeroed struct, field by field:
   memset(&opt, 0, sizeof opt), MFCB_OPTIONS_INIT and mfcb_options_init() all give the same object. */
typedef struct mfcb_options {
    /* Called exactly once with ctx, by mfcb_close or by the last Release, after the last handler returned. */
    void (*ctx_release)(void *ctx);
    /* What every method except QueryInterface/AddRef/Release returns after close. 0 means the default,
       MF_E_SHUTDOWN: a closed object that answered S_OK would look alive. S_OK takes MFCB_CLOSED_S_OK. */
    HRESULT closed_hr;
    unsigned flags; /* MFCB_DEBUG, MFCB_NOT_AGILE, MFCB_CLOSED_S_OK, or 0 */
    /* Queued dispatch: calls are recorded and return at once; mfcb_queue_dispatch runs them. NULL: direct. */
    mfcb_queue *queue;
    /* Delegation: a method whose handler is NULL calls the same method of this object instead (say an
       attribute store from MFCreateAttributes for IMFActivate's 30 IMFAttributes methods). It is asked
       once, at creation, for every interface of the object's chains (IMFActivate and IMFAttributes); a
       method takes its default where it answered nothing for the interface declaring it, and creation
       fails with E_NOINTERFACE where it answered nothing at all. What it gave is released exactly once,
       when the object settles (mfcb_close or the last Release). QueryInterface never answers with it;
       after close its methods are refused with closed_hr like any handler. The caller keeps its own
       reference. NULL: the defaults. */
    IUnknown *delegate;
} mfcb_options;

/* Debug objects are never freed: from their last Release on, their vtables report any further call (an
   AddRef, a Release below zero), naming the interface and the method, and abort. */
#define MFCB_DEBUG 0x1u
/* mfcb objects are free-threaded, so by default they answer IAgileObject (and COM does not marshal them
   between apartments). This flag makes QueryInterface refuse it, for a context that must stay on one thread. */
#define MFCB_NOT_AGILE 0x2u
/* After close, methods return S_OK (closed_hr must then be 0: E_INVALIDARG otherwise). */
#define MFCB_CLOSED_S_OK 0x4u

#define MFCB_OPTIONS_INIT { NULL, MFCB_E_SHUTDOWN, 0, NULL, NULL }
MFCB_API void mfcb_options_init(mfcb_options *opt);

/* Closes the mfcb object behind any of its interface pointers: no handler starts after this returns. The
   whole contract, state by state, is runtime/CONTRACT.md; in short:
   - From outside the object's handlers: waits for the calls inside handlers on other threads and for the
     context's release, so that when it returns no handler runs and ctx_release has returned.
   - From inside one of the object's own handlers (or its ctx_release): returns at once; the context is
     released when the last running handler of the object returns, on that handler's thread.
   Later calls return closed_hr; QueryInterface, AddRef and Release keep working. Idempotent. Does not
   release the caller's reference. Returns S_OK, or E_INVALIDARG when obj is NULL or not an mfcb object,
   or MFCB_E_IN_TRACER (closing nothing) when called from inside a tracer. */
MFCB_API HRESULT mfcb_close(void *obj);

/* Number of mfcb objects created and not yet freed, in this process; and of those implementing the named
   interface (as their first interface), or -1 when no object of that interface was ever created. */
MFCB_API long mfcb_live_objects(void);
MFCB_API long mfcb_live_objects_of(const char *interface_name);

/* The allocator behind every object, queue and queued call, as realloc: fn(ud, NULL, n) allocates,
   fn(ud, p, n) resizes, fn(ud, p, 0) frees; a NULL result is a failure. NULL restores the C library's.
   Set it before the first object or queue, or while none exists. */
typedef void *(*mfcb_alloc_fn)(void *ud, void *ptr, size_t size);
MFCB_API void mfcb_set_allocator(mfcb_alloc_fn fn, void *ud);

/* ---- queued dispatch ---- */

/* A queue records calls made on any thread and runs them on the thread that calls mfcb_queue_dispatch, in
   arrival order. What a recorded call holds: its interface pointers AddRef'd, GUIDs, strings, BSTRs and
   [size_is] buffers copied, [mfcb_cookie] pointers as values. Methods whose arguments cannot be kept safely
   run direct (the generated header says which). A call that cannot be recorded for want of memory returns
   E_OUTOFMEMORY and runs nowhere. */
MFCB_API HRESULT mfcb_queue_new(mfcb_queue **out);
/* Drops the calls still pending, releasing what they hold. Objects created with the queue that are still
   alive refuse their queued calls from then on (they return closed_hr; methods that run direct still run);
   the queue's memory goes with the last of them. May be called from inside a queued handler: the
   dispatcher then returns once that handler has. */
MFCB_API void mfcb_queue_free(mfcb_queue *q);
#define MFCB_INFINITE 0xFFFFFFFFul
/* Runs the pending calls on the calling thread and returns how many handlers ran (calls of closed objects
   are dropped, not run). With none pending it waits up to timeout_ms (0: no wait) for the first. A pass
   runs the calls pending when it started (or, after a wait, when the first arrived), not those its handlers
   queue meanwhile, so a handler that re-posts itself does not keep it from returning. One thread at a time:
   another thread waits for its turn, within its timeout, and returns 0 if the queue is freed meanwhile.
   From inside a queued handler (a nested message loop) it runs the calls queued after the current one. */
MFCB_API int mfcb_queue_dispatch(mfcb_queue *q, unsigned long timeout_ms);
/* Makes a dispatcher waiting in mfcb_queue_dispatch return, from any thread; if none waits, the next
   dispatch that would wait returns instead. */
MFCB_API void mfcb_queue_wake(mfcb_queue *q);
/* Records the queue holds (pending, being run, and free for reuse): its memory, for leak checks. It is at
   most the number of calls that were ever pending at once. */
MFCB_API long mfcb_queue_records(mfcb_queue *q);
#ifdef _WIN32
/* An auto-reset event set when calls arrive while nobody dispatches: wait on it in a message loop (for
   example with MsgWaitForMultipleObjects), then call mfcb_queue_dispatch(q, 0). Owned by the queue. */
MFCB_API HANDLE mfcb_queue_event(mfcb_queue *q);
#endif

/* ---- tracing ---- */

typedef struct mfcb_trace_call {
    const void *object;    /* the interface pointer the call came in on */
    const char *iface;     /* "IMFSourceReaderCallback" */
    const char *method;    /* "OnReadSample" */
    unsigned long thread;  /* the calling thread's id */
    const char *args;      /* "status=0x00000000, stream_index=0, sample=0x55d0c0a1b2c0" */
    int queued;            /* 1 for a call to a queued method, 0 for one that runs now */
    /* S_OK when the handler runs now or the call was recorded; otherwise what the method returned without
       running anything: closed_hr after close, E_OUTOFMEMORY when a queued call could not be recorded. */
    HRESULT refused;
} mfcb_trace_call;
typedef void (*mfcb_trace_fn)(void *user, const mfcb_trace_call *call);
/* Sees every call of every mfcb object (fn NULL: none); when unset a call pays one predictable branch.
   Tracer calls are serialized (one at a time, process-wide), and when this returns the previous tracer is
   not running and will not be called again. Calls a tracer makes itself are not traced; a tracer may call
   mfcb_set_trace, and may not close objects (mfcb_close returns MFCB_E_IN_TRACER there). */
MFCB_API void mfcb_set_trace(mfcb_trace_fn fn, void *user);

MFCB_API const char *mfcb_version(void);

/* ---- Everything below is used by generated code only; it may change with MFCB_ABI_VERSION. ---- */

/* cl.exe's branch (C11, /std:c11), taken by clang in MSVC mode too, so that the test suite builds it. */
#if defined(_MSC_VER)
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

struct mfcb_object_;
/* How a queued call keeps each argument in its record (generated metadata, one per parameter): copied by
   value; an interface pointer AddRef'd; a GUID copied into the record; a NUL-terminated string, a BSTR, a
   [size_is] buffer, a structure behind a pointer or passed by value copied into the record's variable part
   (the kinds from MFCB_KEEP_STRING on: the runtime relies on that order). */
enum { MFCB_KEEP_VALUE, MFCB_KEEP_IFACE, MFCB_KEEP_GUID, MFCB_KEEP_STRING, MFCB_KEEP_BSTR, MFCB_KEEP_BUFFER,
       MFCB_KEEP_STRUCT, MFCB_KEEP_BYVAL };
typedef struct mfcb_keep_ {
    unsigned char how;  /* MFCB_KEEP_* */
    unsigned char off;  /* where the record's argument struct keeps it (for a copy: the pointer to it) */
    unsigned char aux;  /* GUID: the offset of the copy; buffer: its index in the stub's byte counts */
    unsigned size;      /* value: its bytes; string: bytes per character; structure: its bytes */
} mfcb_keep_;
/* What the runtime knows of a method: the tracer's names and kinds, and for a queued one (replay set) how
   its record is made and run. replay runs the handler from the record's argument struct. */
typedef struct mfcb_method_ {
    const char *name;
    const char *const *arg_names;
    const unsigned char *arg_kinds;
    unsigned n_args;
    const mfcb_keep_ *keeps; /* n_args of them, for a queued method */
    unsigned args_size;      /* sizeof the record's argument struct */
    void (*replay)(struct mfcb_object_ *o, void *args);
} mfcb_method_;

typedef struct mfcb_iface_ {
    const void *vtbl;
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

typedef void (*mfcb_fn_)(void);
typedef struct mfcb_class_ {
    unsigned abi;
    const char *name;
    const mfcb_iface_ *ifaces;
    unsigned n_ifaces;
    size_t handlers_size;
    mfcb_class_state_ *state; /* in the generated code: registered, and next pointing at the runtime's
                                 record of the class (live and name are unused: a module holding the
                                 class may be unloaded, the record stays) */
    /* One per handler (the handler table is handlers_size bytes of function pointers): what the object
       calls for a NULL handler, without a delegate and with one (NULL there: the default too). */
    const mfcb_fn_ *defaults;
    const mfcb_fn_ *delegates;
} mfcb_class_;

/* One allocation per object. COM interface pointers point into vtbl[]: interface k is &vtbl[k]. The states
   and who moves between them are in runtime/CONTRACT.md. */
typedef struct mfcb_object_ {
    volatile long refs;
    volatile long gate;     /* MFCB_GATE_CLOSED_, MFCB_GATE_SETTLED_, and MFCB_GATE_CALL_ per call in a handler */
    volatile long hold;     /* what keeps the memory: 1 while referenced, 1 until settled, 1 per queued call */
    volatile long released; /* the context's release has returned: waiting closers may go */
    const mfcb_class_ *cls;
    const void *handlers; /* the object's own copy of the user's handler table */
    void *ctx;
    void (*ctx_release)(void *ctx);
    HRESULT closed_hr;
    unsigned flags;
    struct mfcb_queue *queue;
    void **inner;           /* opt.delegate's interface k for interface k, or NULL without a delegate */
    const void *vtbl[1];
} mfcb_object_;

#define MFCB_GATE_CLOSED_ 1L
#define MFCB_GATE_SETTLED_ 2L /* the one thread that releases the context has been chosen */
#define MFCB_GATE_CALL_ 4L

/* The handlers running on this thread, innermost first: lets mfcb_close tell a close from inside one of
   the object's own handlers, which must not wait for itself. */
typedef struct mfcb_frame_ {
    mfcb_object_ *obj;
    struct mfcb_frame_ *prev;
} mfcb_frame_;
/* A shared runtime cannot export its thread-local list: stubs built for one push and pop through these. */
MFCB_API void mfcb_push_frame_(mfcb_frame_ *f);
MFCB_API void mfcb_pop_frame_(mfcb_frame_ *f);
#ifdef MFCB_SHARED
#define MFCB_PUSH_FRAME_(f) mfcb_push_frame_(f)
#define MFCB_POP_FRAME_(f) mfcb_pop_frame_(f)
#else
extern MFCB_TLS_ mfcb_frame_ *mfcb_frames_;
#define MFCB_PUSH_FRAME_(f) ((f)->prev = mfcb_frames_, mfcb_frames_ = (f))
#define MFCB_POP_FRAME_(f) (mfcb_frames_ = (f)->prev)
#endif

MFCB_API HRESULT mfcb_object_new_(const mfcb_class_ *cls, const void *handlers, void *ctx, const mfcb_options *opt,
                         void **out);
/* QueryInterface of interface pointer self of o, traced. */
MFCB_API HRESULT mfcb_query_interface_(const void *self, mfcb_object_ *o, const IID *riid, void **ppv);
/* For a generated forwarder, inside a handler call: what the delegate of the object being called gave for
   slot `slot` (one per interface of each chain, interfaces in order, each chain most derived first), or NULL. */
MFCB_API void *mfcb_delegate_(unsigned slot);
/* The last Release (refs is 0), or one below zero (refs < 0). */
MFCB_API void mfcb_destroy_(const void *self, mfcb_object_ *o, long refs);
/* A call found the object closed (enter) or left it closed with no call inside (leave). */
MFCB_API void mfcb_refused_(mfcb_object_ *o);
MFCB_API void mfcb_last_out_(mfcb_object_ *o);

/* Tracing: generated stubs take mfcb_slow_ when MFCB_TRACING_() is set. */
MFCB_API int mfcb_tracing_(void); /* MFCB_TRACING_() for stubs built against a shared runtime */
#ifdef MFCB_SHARED
#define MFCB_TRACING_() (mfcb_tracing_() != 0)
#else
extern mfcb_trace_fn volatile mfcb_trace_hook_;
#define MFCB_TRACING_() (MFCB_LOAD_(&mfcb_trace_hook_) != NULL)
#endif

/* The most argument bytes a queued call keeps in its record ([size_is] buffers are apart): generated code
   checks its argument structs against it at compile time. */
#define MFCB_QUEUE_ARGS_MAX 128
/* A stub's way out of its fast path, taken when the object has a queue or a tracer is set (and always for
   a method returning a structure). self is the interface pointer called, av[i] points at argument i, bufn
   holds the byte counts of a queued method's [size_is] buffers in order (NULL without any). Returns 1 when
   the handler is to run now: the call is inside the gate with frame f, as after mfcb_enter_, and the stub
   runs the handler then mfcb_slow_leave_ (mfcb_leave_ out of line). Otherwise returns 0 with *hr the
   method's result: S_OK for a call recorded for the queue, or why it was refused (closed_hr after close
   or once the queue was freed, E_OUTOFMEMORY). Traces the call either way. */
MFCB_API int mfcb_slow_(const void *self, mfcb_object_ *o, const mfcb_method_ *m, const void *const *av,
                        const size_t *bufn, mfcb_frame_ *f, HRESULT *hr);
MFCB_API void mfcb_slow_leave_(mfcb_object_ *o, mfcb_frame_ *f);
/* An AddRef up from zero: with MFCB_DEBUG, reports the call on a released object and aborts. */
MFCB_API void mfcb_revived_(const void *self, mfcb_object_ *o);

#define MFCB_OBJ_(This, k) \
    ((mfcb_object_ *)(void *)((char *)(This) - offsetof(mfcb_object_, vtbl) - (k) * sizeof(void *)))

/* self is the interface pointer called. From the last Release on, an MFCB_DEBUG object reports any call
   and aborts: an AddRef up from zero here, a Release below zero in mfcb_destroy_, the other methods in
   mfcb_slow_ (the last Release sends them there) and mfcb_query_interface_. */
MFCB_INLINE_ ULONG mfcb_addref_(const void *self, mfcb_object_ *o)
{
    long n = MFCB_XADD_(&o->refs, 1) + 1;
    if (n == 1)
        mfcb_revived_(self, o);
    return (ULONG)n;
}

MFCB_INLINE_ ULONG mfcb_release_(const void *self, mfcb_object_ *o)
{
    long n = MFCB_XADD_(&o->refs, -1) - 1;
    if (n <= 0)
        mfcb_destroy_(self, o, n);
    return (ULONG)n;
}

/* The gate around every handler: one atomic add to enter, one to leave. Returns 0 when the object is closed
   (the stub then returns closed_hr without touching user state); otherwise mfcb_leave_ must follow. */
MFCB_INLINE_ int mfcb_enter_(mfcb_object_ *o, mfcb_frame_ *f)
{
    if (MFCB_XADD_(&o->gate, MFCB_GATE_CALL_) & MFCB_GATE_CLOSED_) {
        mfcb_refused_(o);
        return 0;
    }
    f->obj = o;
    MFCB_PUSH_FRAME_(f);
    return 1;
}

/* After this the stub must not touch the object: if it was the last call out of a closed object, the
   context is released here and the memory may go. */
MFCB_INLINE_ void mfcb_leave_(mfcb_object_ *o, mfcb_frame_ *f)
{
    MFCB_POP_FRAME_(f);
    if (MFCB_XADD_(&o->gate, -MFCB_GATE_CALL_) == (MFCB_GATE_CLOSED_ | MFCB_GATE_CALL_))
        mfcb_last_out_(o);
}

#ifdef __cplusplus
}
#endif

#endif /* MFCB_H */
