/* object.c -- libmfcb objects: creation, QueryInterface over inheritance chains, close, and destruction. */
#include <stdlib.h>
#include <string.h>

#include "mfcb/mfcb.h"
#include "platform.h"

#define IUNKNOWN_INIT {0x00000000, 0x0000, 0x0000, {0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46}}
#ifndef _WIN32
const IID IID_IUnknown = IUNKNOWN_INIT; /* Windows programs get theirs from the SDK's uuid library */
#endif
/* The runtime's own copy, so that libmfcb links without the SDK's uuid library. */
static const IID iid_unknown = IUNKNOWN_INIT;

/* Answered only by mfcb objects; lets mfcb_close find the object behind any of its interface pointers and
   refuse foreign ones. Random, not registered anywhere. */
static const IID iid_mfcb_object = {0x6d666362, 0x8d1e, 0x4f3a, {0x9a, 0x51, 0x2c, 0x7e, 0x0b, 0x43, 0xd6, 0x18}};

MFCB_TLS_ mfcb_frame_ *mfcb_frames_;

static volatile long live_objects;

static int guid_eq(const IID *a, const IID *b) { return memcmp(a, b, sizeof *a) == 0; }

const char *mfcb_version(void) { return MFCB_VERSION_STRING; }

long mfcb_live_objects(void) { return plat_load(&live_objects); }

void mfcb_options_init(mfcb_options *opt)
{
    static const mfcb_options defaults = MFCB_OPTIONS_INIT;
    *opt = defaults;
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
    if (opt->flags != 0)
        return E_INVALIDARG;

    /* Object, one vtable pointer per interface, then the handler copy, aligned for function pointers. */
    head = offsetof(mfcb_object_, vtbl) + cls->n_ifaces * sizeof(void *);
    head = (head + sizeof(void (*)(void)) - 1) / sizeof(void (*)(void)) * sizeof(void (*)(void));
    o = (mfcb_object_ *)calloc(1, head + cls->handlers_size);
    if (!o)
        return E_OUTOFMEMORY;
    o->refs = 1;
    o->gate = 0;
    o->cls = cls;
    if (handlers)
        memcpy((char *)o + head, handlers, cls->handlers_size);
    o->handlers = (char *)o + head;
    o->ctx = ctx;
    o->ctx_release = opt->ctx_release;
    o->closed_hr = opt->closed_hr;
    for (i = 0; i < cls->n_ifaces; i++)
        o->vtbl[i] = cls->ifaces[i].vtbl;
    plat_add(&live_objects, 1);
    *out = (void *)&o->vtbl[0];
    return S_OK;
}

HRESULT mfcb_query_interface_(mfcb_object_ *o, const IID *riid, void **ppv)
{
    unsigned i, j;

    if (!ppv)
        return E_POINTER;
    *ppv = NULL;
    if (!riid)
        return E_INVALIDARG;
    /* COM identity: IUnknown is always the first interface pointer, whichever interface was asked. */
    if (guid_eq(riid, &iid_unknown) || guid_eq(riid, &iid_mfcb_object)) {
        *ppv = (void *)&o->vtbl[0];
        mfcb_addref_(o);
        return S_OK;
    }
    for (i = 0; i < o->cls->n_ifaces; i++) {
        const mfcb_iface_ *f = &o->cls->ifaces[i];
        for (j = 0; j < f->n_iids; j++) {
            if (guid_eq(riid, &f->iids[j])) {
                *ppv = (void *)&o->vtbl[i];
                mfcb_addref_(o);
                return S_OK;
            }
        }
    }
    return E_NOINTERFACE;
}

void mfcb_gate_wake_(mfcb_object_ *o)
{
    (void)o;
    plat_lock();
    plat_broadcast();
    plat_unlock();
}

/* Marks o closed, waits until the only calls left inside its handlers are the calling thread's own, and
   releases the context if this call was the one that closed it. */
static void close_object(mfcb_object_ *o)
{
    long own = 0, was;
    mfcb_frame_ *f;

    was = plat_or(&o->gate, 1);
    for (f = mfcb_frames_; f; f = f->prev)
        if (f->obj == o)
            own++;
    plat_lock();
    while ((plat_load(&o->gate) >> 1) > own)
        plat_wait();
    plat_unlock();
    if (!(was & 1) && o->ctx_release)
        o->ctx_release(o->ctx);
}

HRESULT mfcb_close(void *obj)
{
    IUnknown *unk = (IUnknown *)obj;
    void *p = NULL;
    mfcb_object_ *o;

    if (!unk || FAILED(unk->lpVtbl->QueryInterface(unk, &iid_mfcb_object, &p)) || !p)
        return E_INVALIDARG;
    o = MFCB_OBJ_(p, 0);
    close_object(o);
    mfcb_release_(o);
    return S_OK;
}

void mfcb_destroy_(mfcb_object_ *o)
{
    close_object(o);
    plat_add(&live_objects, -1);
    free(o);
}
