/* object.c -- libmfcb objects: creation, QueryInterface over inheritance chains, close, and destruction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mfcb/mfcb.h"
#include "platform.h"
#include "internal.h"

#define IUNKNOWN_INIT {0x00000000, 0x0000, 0x0000, {0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46}}
#ifndef _WIN32
const IID IID_IUnknown = IUNKNOWN_INIT; /* Windows programs get theirs from the SDK's uuid library */
#endif
/* The runtime's own copy, so that libmfcb links without the SDK's uuid library. */
static const IID iid_unknown = IUNKNOWN_INIT;

/* IAgileObject {94ea2b94-e9cc-49e0-c0ff-ee64ca8f5b90}: a marker, answered with the IUnknown pointer. */
static const IID iid_agile = {0x94ea2b94, 0xe9cc, 0x49e0, {0xc0, 0xff, 0xee, 0x64, 0xca, 0x8f, 0x5b, 0x90}};

/* Answered only by mfcb objects; lets mfcb_close find the object behind any of its interface pointers and
   refuse foreign ones. Random, not registered anywhere. The answer is the IUnknown pointer with the success
   code OBJECT_FOUND and no reference taken: mfcb_close must work where no reference may be taken (from
   ctx_release after the last Release), and a foreign object answering every IID says S_OK, not this. */
static const IID iid_mfcb_object = {0x6d666362, 0x8d1e, 0x4f3a, {0x9a, 0x51, 0x2c, 0x7e, 0x0b, 0x43, 0xd6, 0x18}};
#define OBJECT_FOUND ((HRESULT)0x0006cfb0L)

MFCB_TLS_ mfcb_frame_ *mfcb_frames_;

/* ---- allocation ---- */

static mfcb_alloc_fn alloc_fn;
static void *alloc_ud;

void mfcb_set_allocator(mfcb_alloc_fn fn, void *ud)
{
    alloc_fn = fn;
    alloc_ud = ud;
}

void *mem_realloc(void *p, size_t n)
{
    if (alloc_fn)
        return p || n ? alloc_fn(alloc_ud, p, n) : NULL;
    if (n)
        return realloc(p, n);
    free(p);
    return NULL;
}

void *mem_calloc(size_t n)
{
    void *p = mem_realloc(NULL, n);
    if (p)
        memset(p, 0, n);
    return p;
}

void mem_free(void *p)
{
    if (p)
        mem_realloc(p, 0);
}

static volatile long live_objects;

/* What the runtime keeps of every interface that made an object, for mfcb_live_objects_of: in its own
   memory, with its own copy of the name, since the class (generated code) may be in a module that is
   unloaded while the runtime stays (a plugin). A class's state points at its record once registered (its
   next field holds it); a module loaded again finds the record by name. Never freed. */
typedef struct class_record {
    struct class_record *next;
    volatile long live;
    char name[1];
} class_record;
static class_record *classes;
static mfcb_object_ *volatile quarantine; /* MFCB_DEBUG objects after their last Release (never freed) */

static int guid_eq(const IID *a, const IID *b) { return memcmp(a, b, sizeof *a) == 0; }

/* The name of the interface that interface pointer self of o is. */
static const char *iface_name(const void *self, const mfcb_object_ *o)
{
    unsigned k;
    for (k = 0; k < o->cls->n_ifaces; k++)
        if ((const void *)&o->vtbl[k] == self)
            return o->cls->ifaces[k].name;
    return o->cls->ifaces[0].name;
}

const char *mfcb_version(void) { return MFCB_VERSION_STRING; }

/* The frame list and the tracing test for generated code built against a shared runtime (MFCB_SHARED). */
void mfcb_push_frame_(mfcb_frame_ *f)
{
    f->prev = mfcb_frames_;
    mfcb_frames_ = f;
}

void mfcb_pop_frame_(mfcb_frame_ *f) { mfcb_frames_ = f->prev; }

int mfcb_tracing_(void) { return MFCB_LOAD_(&mfcb_trace_hook_) != NULL; }

long mfcb_live_objects(void) { return plat_load(&live_objects); }

long mfcb_live_objects_of(const char *interface_name)
{
    class_record *c;
    long n = -1;
    plat_lock();
    for (c = classes; c; c = c->next)
        if (strcmp(c->name, interface_name) == 0)
            n = plat_load(&c->live);
    plat_unlock();
    return n;
}

static void count_class(const mfcb_class_ *cls, long delta)
{
    mfcb_class_state_ *st = cls->state;
    if (!st)
        return;
    if (!plat_load(&st->registered)) {
        const char *name = cls->ifaces[0].name;
        class_record *c;
        plat_lock();
        if (!st->registered) {
            for (c = classes; c && strcmp(c->name, name) != 0; c = c->next)
                ;
            /* the C library's memory: the records live as long as the process, outside the leak counts
               of an allocator set with mfcb_set_allocator */
            if (!c && (c = (class_record *)calloc(1, sizeof *c + strlen(name))) != NULL) {
                strcpy(c->name, name);
                c->next = classes;
                classes = c;
            }
            if (c) {
                st->next = (mfcb_class_state_ *)(void *)c;
                plat_or(&st->registered, 1);
            }
        }
        plat_unlock();
        if (!plat_load(&st->registered))
            return; /* no memory for the record: this class goes uncounted */
    }
    plat_add(&((class_record *)(void *)st->next)->live, delta);
}

void mfcb_options_init(mfcb_options *opt)
{
    static const mfcb_options defaults = MFCB_OPTIONS_INIT;
    *opt = defaults;
}

/* One slot per interface of every chain: interface k's chain level j is slot (levels before k) + j. */
static size_t inner_slots(const mfcb_class_ *cls)
{
    size_t n = 0, i;
    for (i = 0; i < cls->n_ifaces; i++)
        n += cls->ifaces[i].n_iids;
    return n;
}

/* The delegate's interfaces, released once: at settle, or when creation fails. */
static void release_inner(mfcb_object_ *o)
{
    size_t i, n;
    if (!o->inner)
        return;
    n = inner_slots(o->cls);
    for (i = 0; i < n; i++)
        if (o->inner[i])
            ((IUnknown *)o->inner[i])->lpVtbl->Release((IUnknown *)o->inner[i]);
    mem_free(o->inner);
    o->inner = NULL;
}

void *mfcb_delegate_(unsigned slot)
{
    mfcb_frame_ *f = mfcb_frames_;
    return f && f->obj->inner && slot < inner_slots(f->obj->cls) ? f->obj->inner[slot] : NULL;
}

HRESULT mfcb_object_new_(const mfcb_class_ *cls, const void *handlers, void *ctx, const mfcb_options *opt,
                         void **out)
{
    static const mfcb_options defaults = MFCB_OPTIONS_INIT;
    mfcb_object_ *o;
    size_t head, i;

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!cls || cls->abi != MFCB_ABI_VERSION || cls->n_ifaces == 0)
        return E_INVALIDARG;
    if (!opt)
        opt = &defaults;
    if (opt->flags & ~(MFCB_DEBUG | MFCB_NOT_AGILE | MFCB_CLOSED_S_OK))
        return E_INVALIDARG;
    if ((opt->flags & MFCB_CLOSED_S_OK) && opt->closed_hr != S_OK)
        return E_INVALIDARG; /* two answers for after close */

    /* Object, one vtable pointer per interface, then the handler copy, aligned for function pointers. */
    head = offsetof(mfcb_object_, vtbl) + cls->n_ifaces * sizeof(void *);
    head = (head + sizeof(void (*)(void)) - 1) / sizeof(void (*)(void)) * sizeof(void (*)(void));
    o = (mfcb_object_ *)mem_calloc(head + cls->handlers_size);
    if (!o)
        return E_OUTOFMEMORY;
    o->refs = 1;
    o->gate = 0;
    o->hold = 2; /* referenced, not settled */
    o->released = 0;
    o->cls = cls;
    if (handlers)
        memcpy((char *)o + head, handlers, cls->handlers_size);
    o->handlers = (char *)o + head;
    if (cls->defaults) { /* a NULL handler becomes its forwarder with a delegate, else its default */
        mfcb_fn_ *h = (mfcb_fn_ *)((char *)o + head);
        for (i = 0; i < cls->handlers_size / sizeof(mfcb_fn_); i++)
            if (!h[i])
                h[i] = opt->delegate && cls->delegates && cls->delegates[i] ? cls->delegates[i] : cls->defaults[i];
    }
    o->ctx = ctx;
    o->ctx_release = opt->ctx_release;
    /* zero means the default, as for every field: S_OK after close is the explicit MFCB_CLOSED_S_OK */
    o->closed_hr = opt->closed_hr != S_OK || (opt->flags & MFCB_CLOSED_S_OK) ? opt->closed_hr : MFCB_E_SHUTDOWN;
    o->flags = opt->flags;
    if (opt->queue) {
        o->queue = opt->queue;
        queue_attach(opt->queue);
    }
    for (i = 0; i < cls->n_ifaces; i++)
        o->vtbl[i] = cls->ifaces[i].vtbl;
    if (opt->delegate) {
        /* The delegate is asked once for every interface of every chain (IMFActivate's and its base
           IMFAttributes'); a NULL handler of a method an interface declares forwards to what the delegate
           gave for that interface, or takes its default where it gave nothing. A delegate with none of
           them is a mistake: no object. */
        size_t n = inner_slots(cls), j, got = 0, at = 0;
        o->inner = (void **)mem_calloc(n * sizeof(void *));
        for (i = 0; o->inner && i < cls->n_ifaces; i++)
            for (j = 0; j < cls->ifaces[i].n_iids; j++, at++)
                if (SUCCEEDED(opt->delegate->lpVtbl->QueryInterface(opt->delegate, &cls->ifaces[i].iids[j],
                                                                     &o->inner[at])) && o->inner[at])
                    got++;
                else
                    o->inner[at] = NULL;
        if (!o->inner || got == 0) {
            HRESULT hr = o->inner ? E_NOINTERFACE : E_OUTOFMEMORY;
            release_inner(o);
            if (o->queue)
                queue_detach(o->queue);
            mem_free(o);
            return hr;
        }
    }
    plat_add(&live_objects, 1);
    count_class(cls, 1);
    *out = (void *)&o->vtbl[0];
    return S_OK;
}

static const char *const qi_names[] = {"riid", "ppvObject"};
static const unsigned char qi_kinds[] = {MFCB_ARG_GUID, MFCB_ARG_PTR};
static const mfcb_method_ qi_method = {"QueryInterface", qi_names, qi_kinds, 2, NULL, 0, NULL};

HRESULT mfcb_query_interface_(const void *self, mfcb_object_ *o, const IID *riid, void **ppv)
{
    unsigned i, j;

    if (MFCB_TRACING_()) {
        const void *av[2];
        av[0] = &riid;
        av[1] = &ppv;
        trace_call(self, o, &qi_method, av, 0, S_OK);
    }
    if (ppv && riid && guid_eq(riid, &iid_mfcb_object)) { /* mfcb_close: checks a dead object itself */
        *ppv = (void *)&o->vtbl[0];
        return OBJECT_FOUND;
    }
    if (o->flags & MFCB_DEAD_)
        dead_call(self, o, "QueryInterface");
    if (!ppv)
        return E_POINTER;
    *ppv = NULL;
    if (!riid)
        return E_INVALIDARG;
    /* COM identity: IUnknown is always the first interface pointer, whichever interface was asked. */
    if (guid_eq(riid, &iid_unknown) ||
        (!(o->flags & MFCB_NOT_AGILE) && guid_eq(riid, &iid_agile))) {
        *ppv = (void *)&o->vtbl[0];
        mfcb_addref_(self, o);
        return S_OK;
    }
    for (i = 0; i < o->cls->n_ifaces; i++) {
        const mfcb_iface_ *f = &o->cls->ifaces[i];
        for (j = 0; j < f->n_iids; j++) {
            if (guid_eq(riid, &f->iids[j])) {
                *ppv = (void *)&o->vtbl[i];
                mfcb_addref_(self, o);
                return S_OK;
            }
        }
    }
    return E_NOINTERFACE;
}

/* ---- the way out of a stub's fast path ---- */

int mfcb_slow_(const void *self, mfcb_object_ *o, const mfcb_method_ *m, const void *const *av, const size_t *bufn,
               mfcb_frame_ *f, HRESULT *hr)
{
    if (o->flags & MFCB_DEAD_)
        dead_call(self, o, m->name);
    if (o->queue && m->replay) {
        *hr = queue_call(o, m, av, bufn);
        if (MFCB_TRACING_())
            trace_call(self, o, m, av, 1, *hr);
        return 0;
    }
    if (!mfcb_enter_(o, f)) {
        *hr = o->closed_hr;
        if (MFCB_TRACING_())
            trace_call(self, o, m, av, 0, o->closed_hr);
        return 0;
    }
    if (MFCB_TRACING_())
        trace_call(self, o, m, av, 0, S_OK);
    return 1;
}

void mfcb_slow_leave_(mfcb_object_ *o, mfcb_frame_ *f) { mfcb_leave_(o, f); }

/* ---- the object's states (runtime/CONTRACT.md) ---- */

void object_unpin(mfcb_object_ *o)
{
    if (plat_add(&o->hold, -1) == 1)
        object_free(o);
}

/* closed -> settled: releases the context and wakes the closers that wait for it. Runs once per object, on
   the thread that chose itself by setting MFCB_GATE_SETTLED_ in a gate with no call inside. */
static void settle(mfcb_object_ *o)
{
    /* A frame of o, so that a close of o from inside what settling runs does not wait for itself: from
       ctx_release, or from the delegate's own last Release (its teardown may close the objects it serves). */
    mfcb_frame_ f;
    f.obj = o;
    f.prev = mfcb_frames_;
    mfcb_frames_ = &f;
    release_inner(o);
    if (o->ctx_release)
        o->ctx_release(o->ctx);
    mfcb_frames_ = f.prev;
    plat_lock();
    plat_store(&o->released, 1);
    plat_broadcast();
    plat_unlock();
    object_unpin(o);
}

/* Whoever leaves o's gate closed and empty tries to be the one that settles it. */
static void try_settle(mfcb_object_ *o)
{
    if (plat_cas(&o->gate, MFCB_GATE_CLOSED_, MFCB_GATE_CLOSED_ | MFCB_GATE_SETTLED_))
        settle(o);
}

void mfcb_last_out_(mfcb_object_ *o) { try_settle(o); }

void mfcb_refused_(mfcb_object_ *o)
{
    if (plat_add(&o->gate, -MFCB_GATE_CALL_) == (MFCB_GATE_CLOSED_ | MFCB_GATE_CALL_))
        try_settle(o);
}

/* open -> closed. With no call inside, the closer settles the object itself; otherwise the last call out
   does. Never waits. */
static void begin_close(mfcb_object_ *o)
{
    long was = plat_or(&o->gate, MFCB_GATE_CLOSED_);
    if (was == 0)
        try_settle(o);
}

/* Whether the calling thread is inside one of o's handlers (or its ctx_release). */
static int on_this_thread(const mfcb_object_ *o)
{
    const mfcb_frame_ *f;
    for (f = mfcb_frames_; f; f = f->prev)
        if (f->obj == o)
            return 1;
    return 0;
}

/* mfcb_close's own QueryInterface is not traced. */
static MFCB_TLS_ int quiet;
/* This thread runs a tracer (which holds the tracer lock). */
static MFCB_TLS_ int in_tracer;

HRESULT mfcb_close(void *obj)
{
    IUnknown *unk = (IUnknown *)obj;
    void *p = NULL;
    mfcb_object_ *o;
    HRESULT hr;
    int inside;

    if (!unk)
        return E_INVALIDARG;
    if (in_tracer) /* the traced call may be about to run a handler here; a wait would hold the tracer lock */
        return MFCB_E_IN_TRACER;
    quiet = 1;
    hr = unk->lpVtbl->QueryInterface(unk, &iid_mfcb_object, &p);
    quiet = 0;
    if (hr != OBJECT_FOUND || !p) {
        if (SUCCEEDED(hr) && p) /* a foreign object that answers everything */
            ((IUnknown *)p)->lpVtbl->Release((IUnknown *)p);
        return E_INVALIDARG;
    }
    /* No reference of its own: the caller's keeps the memory, or (with none left) the running handler or
       ctx_release it is called from. */
    o = MFCB_OBJ_(p, 0);
    inside = on_this_thread(o);
    if ((o->flags & MFCB_DEAD_) && !inside)
        dead_call(obj, o, "mfcb_close");
    begin_close(o);
    if (!inside) {
        plat_lock();
        while (!plat_load(&o->released))
            plat_wait();
        plat_unlock();
    }
    return S_OK;
}

/* The count went from 1 to 0: closes (without waiting: the caller may be inside a handler of o, or no caller
   holds a reference any more), and gives back the hold the references had. The count may go up from zero
   again (mfcb_revived_), and back to zero: each time, this gives back what that took. */
void mfcb_destroy_(const void *self, mfcb_object_ *o, long refs)
{
    if (refs < 0) { /* a Release too many: only a debug object's memory is still there to tell */
        if (o->flags & MFCB_DEAD_)
            dead_call(self, o, "Release");
        return;
    }
    if (o->flags & MFCB_DEBUG) {
        /* From now on any call through an interface pointer is misuse: the methods but QueryInterface, AddRef
           and Release are sent to mfcb_slow_ by a non-NULL queue, which tells them (a queued object has one).
           Under the lock, against a reference taken from zero meanwhile (mfcb_revived_). */
        plat_lock();
        if (plat_load(&o->refs) == 0) {
            o->flags |= MFCB_DEAD_;
            if (!o->queue)
                o->queue = &dead_queue;
        }
        plat_unlock();
    }
    begin_close(o);
    object_unpin(o);
}

/* The count went from 0 to 1. Only a thread that holds the memory may do that: one inside a handler of o or
   its ctx_release (CONTRACT.md). The new references hold the memory, as the first ones did, until the count
   is back at zero; the object stays closed. On a debug object anyone else is reported. */
void mfcb_revived_(const void *self, mfcb_object_ *o)
{
    if (o->flags & MFCB_DEBUG) {
        if (!on_this_thread(o))
            dead_call(self, o, "AddRef");
        plat_lock();
        o->flags &= ~MFCB_DEAD_;
        if (o->queue == &dead_queue)
            o->queue = NULL;
        plat_unlock();
    }
    plat_add(&o->hold, 1);
}

void object_free(mfcb_object_ *o)
{
    mfcb_queue *q = o->queue == &dead_queue ? NULL : o->queue;
    plat_add(&live_objects, -1);
    count_class(o->cls, -1);
    if (o->flags & MFCB_DEBUG) {
        /* Kept, marked dead by mfcb_destroy_. The list keeps it reachable, so leak checkers do not count it. */
        plat_lock();
        o->handlers = (const void *)quarantine;
        quarantine = o;
        plat_unlock();
    } else
        mem_free(o);
    if (q)
        queue_detach(q);
}

void dead_call(const void *self, const mfcb_object_ *o, const char *method)
{
    const char *iface = iface_name(self, o);
    if (strcmp(method, "Release") == 0)
        fprintf(stderr, "mfcb: Release below zero on %s: the object was already released for the last time\n",
                iface);
    else
        fprintf(stderr, "mfcb: %s::%s called on an object that was released for the last time\n", iface, method);
    fflush(stderr);
    abort();
}

/* ---- tracing ---- */

mfcb_trace_fn volatile mfcb_trace_hook_; /* what generated code tests: fn, or NULL */
static mfcb_trace_fn trace_fn;            /* these two under trace_lock */
static void *trace_user;
static plat_mutex trace_lock = PLAT_MUTEX_INIT;

void mfcb_set_trace(mfcb_trace_fn fn, void *user)
{
    int nested = in_tracer; /* a tracer switching tracing holds the lock already */
    if (!nested)
        plat_mutex_lock(&trace_lock);
    trace_fn = fn;
    trace_user = user;
#if defined(_MSC_VER)
    InterlockedExchangePointer((void *volatile *)&mfcb_trace_hook_, (void *)fn);
#else
    __atomic_store_n(&mfcb_trace_hook_, fn, __ATOMIC_SEQ_CST);
#endif
    if (!nested)
        plat_mutex_unlock(&trace_lock);
}

/* A string argument: its first characters in quotes, quotes, backslashes and anything not printable ASCII
   escaped, "..." after the quote when it was cut short. */
static void format_str(char *out, size_t n, const void *s, int wide)
{
    size_t used, i;
    unsigned c = 0;
    if (!s) {
        snprintf(out, n, "NULL");
        return;
    }
    used = (size_t)snprintf(out, n, "%s\"", wide ? "L" : "");
    for (i = 0; used + 12 < n; i++) {
        c = wide ? ((const WCHAR *)s)[i] : ((const unsigned char *)s)[i];
        if (!c)
            break;
        if (c == '"' || c == '\\')
            used += (size_t)snprintf(out + used, n - used, "\\%c", (char)c);
        else if (c >= 0x20 && c < 0x7f)
            used += (size_t)snprintf(out + used, n - used, "%c", (char)c);
        else
            used += (size_t)snprintf(out + used, n - used, wide ? "\\u%04x" : "\\x%02x", c);
    }
    if (c) /* out of room: was there more? */
        c = wide ? ((const WCHAR *)s)[i] : ((const unsigned char *)s)[i];
    snprintf(out + used, n - used, "\"%s", c ? "..." : "");
}

static void format_arg(char *out, size_t n, unsigned kind, const void *p)
{
    switch (kind) {
    case MFCB_ARG_HRESULT: snprintf(out, n, "0x%08lx", (unsigned long)(ULONG) * (const HRESULT *)p); break;
    case MFCB_ARG_I8: snprintf(out, n, "%d", (int)*(const signed char *)p); break;
    case MFCB_ARG_U8: snprintf(out, n, "%u", (unsigned)*(const unsigned char *)p); break;
    case MFCB_ARG_I16: snprintf(out, n, "%d", (int)*(const short *)p); break;
    case MFCB_ARG_U16: snprintf(out, n, "%u", (unsigned)*(const unsigned short *)p); break;
    case MFCB_ARG_I32: snprintf(out, n, "%ld", (long)*(const LONG *)p); break;
    case MFCB_ARG_U32: snprintf(out, n, "%lu", (unsigned long)*(const ULONG *)p); break;
    case MFCB_ARG_I64: snprintf(out, n, "%lld", (long long)*(const LONGLONG *)p); break;
    case MFCB_ARG_U64: snprintf(out, n, "%llu", (unsigned long long)*(const ULONGLONG *)p); break;
    case MFCB_ARG_F32: snprintf(out, n, "%g", (double)*(const float *)p); break;
    case MFCB_ARG_F64: snprintf(out, n, "%g", *(const double *)p); break;
    case MFCB_ARG_GUID: {
        const GUID *g = *(const GUID *const *)p;
        if (!g)
            snprintf(out, n, "NULL");
        else
            snprintf(out, n, "{%08lX-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}", (unsigned long)g->Data1,
                     g->Data2, g->Data3, g->Data4[0], g->Data4[1], g->Data4[2], g->Data4[3], g->Data4[4],
                     g->Data4[5], g->Data4[6], g->Data4[7]);
        break;
    }
    case MFCB_ARG_PTR: {
        const void *v = *(const void *const *)p;
        if (v)
            snprintf(out, n, "%p", v);
        else
            snprintf(out, n, "NULL");
        break;
    }
    case MFCB_ARG_WSTR: format_str(out, n, *(const void *const *)p, 1); break;
    case MFCB_ARG_ASTR: format_str(out, n, *(const void *const *)p, 0); break;
    default: snprintf(out, n, "{...}"); break;
    }
}

void trace_call(const void *self, const mfcb_object_ *o, const mfcb_method_ *m, const void *const *av,
                int queued, HRESULT refused)
{
    char args[1024];
    size_t used = 0;
    unsigned i;
    mfcb_trace_call call;
    if (quiet || in_tracer)
        return;
    args[0] = 0;
    for (i = 0; i < m->n_args && used + 80 < sizeof args; i++) {
        char v[96];
        format_arg(v, sizeof v, m->arg_kinds[i], av[i]);
        used += (size_t)snprintf(args + used, sizeof args - used, "%s%s=%s", i ? ", " : "", m->arg_names[i], v);
    }
    call.object = self;
    call.iface = iface_name(self, o);
    call.method = m->name;
    call.thread = plat_thread_id();
    call.args = args;
    call.queued = queued;
    call.refused = refused;
    plat_mutex_lock(&trace_lock);
    if (trace_fn) {
        in_tracer = 1;
        trace_fn(trace_user, &call);
        in_tracer = 0;
    }
    plat_mutex_unlock(&trace_lock);
}
