/* test_activate.c -- delegation under Wine: a generated IMFActivate (examples/win/activate_object.idl) with
   three handlers of its own and IMFAttributes' 30 methods delegated to an attribute store of Wine's
   (MFCreateAttributes). Every one of the 30 is called through the object (the tracer counts them by name)
   and answers from the store; the store is released exactly once on every path (close then release,
   release alone, close from inside a handler); after close a delegated method returns closed_hr and the
   store is not touched. */
#define COBJMACROS
#include <windows.h>
#include <mfapi.h>
#include <mfidl.h>
#include <mferror.h>
#include <string.h>

#include "activate_object.cb.h"
#include "wine_check.h"

static const char *const attribute_methods[30] = {
    "GetItem", "GetItemType", "CompareItem", "Compare", "GetUINT32", "GetUINT64", "GetDouble", "GetGUID",
    "GetStringLength", "GetString", "GetAllocatedString", "GetBlobSize", "GetBlob", "GetAllocatedBlob",
    "GetUnknown", "SetItem", "DeleteItem", "DeleteAllItems", "SetUINT32", "SetUINT64", "SetDouble", "SetGUID",
    "SetString", "SetBlob", "SetUnknown", "LockStore", "UnlockStore", "GetCount", "GetItemByIndex",
    "CopyAllItems"};
static int seen[30];
static const void *traced; /* the object whose calls are counted */

static void on_trace(void *user, const mfcb_trace_call *call)
{
    int i;
    (void)user;
    if (call->object != traced || call->refused != S_OK)
        return;
    for (i = 0; i < 30; i++)
        if (strcmp(call->method, attribute_methods[i]) == 0)
            seen[i] = 1;
}

typedef struct activate_ctx {
    IMFActivate *self;
    int close_in_shutdown;
    volatile LONG activations, shutdowns, detaches, released;
} activate_ctx;

static HRESULT act_activate(void *p, REFIID riid, void **ppv)
{
    IMFAttributes *made;
    HRESULT hr;
    InterlockedIncrement(&((activate_ctx *)p)->activations);
    if (FAILED(hr = MFCreateAttributes(&made, 0)))
        return hr;
    hr = IMFAttributes_QueryInterface(made, riid, ppv);
    IMFAttributes_Release(made);
    return hr;
}
static HRESULT act_shutdown(void *p)
{
    activate_ctx *a = (activate_ctx *)p;
    InterlockedIncrement(&a->shutdowns);
    if (a->close_in_shutdown)
        CHECK_HR(mfcb_close(a->self)); /* from inside: returns at once, the store goes when this returns */
    return S_OK;
}
static HRESULT act_detach(void *p)
{
    InterlockedIncrement(&((activate_ctx *)p)->detaches);
    return S_OK;
}
static void act_release(void *p)
{
    InterlockedIncrement(&((activate_ctx *)p)->released);
}

static const mfcb_IMFActivate_handlers handlers = {
    .ActivateObject = act_activate, .ShutdownObject = act_shutdown, .DetachObject = act_detach};

static ULONG refs_of(IMFAttributes *store)
{
    IMFAttributes_AddRef(store);
    return IMFAttributes_Release(store);
}

static IMFActivate *make(activate_ctx *a, IMFAttributes *store)
{
    mfcb_options opt = MFCB_OPTIONS_INIT;
    memset(a, 0, sizeof *a);
    opt.delegate = (IUnknown *)store;
    opt.ctx_release = act_release;
    CHECK_HR(mfcb_IMFActivate_new(&handlers, a, &opt, &a->self));
    return a->self;
}

static const GUID K_U32 = {0x6d666362, 1, 0, {0, 0, 0, 0, 0, 0, 0, 1}};
static const GUID K_U64 = {0x6d666362, 1, 0, {0, 0, 0, 0, 0, 0, 0, 2}};
static const GUID K_DBL = {0x6d666362, 1, 0, {0, 0, 0, 0, 0, 0, 0, 3}};
static const GUID K_GUID = {0x6d666362, 1, 0, {0, 0, 0, 0, 0, 0, 0, 4}};
static const GUID K_STR = {0x6d666362, 1, 0, {0, 0, 0, 0, 0, 0, 0, 5}};
static const GUID K_BLOB = {0x6d666362, 1, 0, {0, 0, 0, 0, 0, 0, 0, 6}};
static const GUID K_UNK = {0x6d666362, 1, 0, {0, 0, 0, 0, 0, 0, 0, 7}};
static const GUID K_ITEM = {0x6d666362, 1, 0, {0, 0, 0, 0, 0, 0, 0, 8}};
static const GUID K_STORE = {0x6d666362, 1, 0, {0, 0, 0, 0, 0, 0, 0, 9}};

/* Every IMFAttributes method through the object; each answer checked against the store itself. */
static void all_thirty(IMFActivate *act, IMFAttributes *store)
{
    static const BYTE blob[4] = {1, 2, 3, 4};
    IMFAttributes *other, *probe;
    PROPVARIANT pv, pv2;
    MF_ATTRIBUTE_TYPE kind;
    UINT32 u32, len, count, count2;
    UINT64 u64;
    double dbl;
    GUID guid, key, key2;
    WCHAR str[16], *astr;
    BYTE buf[8], *ablob;
    IUnknown *unk;
    BOOL same, same2;
    int i, missing;

    CHECK_HR(MFCreateAttributes(&other, 0));
    memset(seen, 0, sizeof seen);
    traced = act;
    mfcb_set_trace(on_trace, NULL);

    /* the setters write into the store */
    CHECK_HR(IMFActivate_SetUINT32(act, &K_U32, 32));
    CHECK_HR(IMFActivate_SetUINT64(act, &K_U64, (UINT64)1 << 40));
    CHECK_HR(IMFActivate_SetDouble(act, &K_DBL, 2.5));
    CHECK_HR(IMFActivate_SetGUID(act, &K_GUID, &MFMediaType_Audio));
    CHECK_HR(IMFActivate_SetString(act, &K_STR, L"mfcb"));
    CHECK_HR(IMFActivate_SetBlob(act, &K_BLOB, blob, sizeof blob));
    CHECK_HR(IMFActivate_SetUnknown(act, &K_UNK, (IUnknown *)other));
    PropVariantInit(&pv);
    pv.vt = VT_UI4;
    pv.ulVal = 8;
    CHECK_HR(IMFActivate_SetItem(act, &K_ITEM, &pv));
    CHECK_HR(IMFAttributes_SetUINT32(store, &K_STORE, 9)); /* and what the store has, the object reads */
    CHECK_HR(IMFAttributes_GetUINT32(store, &K_U32, &u32));
    CHECK(u32 == 32);
    CHECK_HR(IMFAttributes_GetUINT64(store, &K_U64, &u64));
    CHECK(u64 == (UINT64)1 << 40);
    CHECK_HR(IMFAttributes_GetCount(store, &count));
    CHECK(count == 9);

    /* the getters read from it */
    CHECK_HR(IMFActivate_GetUINT32(act, &K_STORE, &u32));
    CHECK(u32 == 9);
    CHECK_HR(IMFActivate_GetUINT64(act, &K_U64, &u64));
    CHECK(u64 == (UINT64)1 << 40);
    CHECK_HR(IMFActivate_GetDouble(act, &K_DBL, &dbl));
    CHECK(dbl == 2.5);
    CHECK_HR(IMFActivate_GetGUID(act, &K_GUID, &guid));
    CHECK(IsEqualGUID(&guid, &MFMediaType_Audio));
    CHECK_HR(IMFActivate_GetStringLength(act, &K_STR, &len));
    CHECK(len == 4);
    CHECK_HR(IMFActivate_GetString(act, &K_STR, str, 16, &len));
    CHECK(len == 4 && wcscmp(str, L"mfcb") == 0);
    CHECK_HR(IMFActivate_GetAllocatedString(act, &K_STR, &astr, &len));
    CHECK(len == 4 && wcscmp(astr, L"mfcb") == 0);
    CoTaskMemFree(astr);
    CHECK_HR(IMFActivate_GetBlobSize(act, &K_BLOB, &len));
    CHECK(len == sizeof blob);
    CHECK_HR(IMFActivate_GetBlob(act, &K_BLOB, buf, sizeof buf, &len));
    CHECK(len == sizeof blob && memcmp(buf, blob, sizeof blob) == 0);
    CHECK_HR(IMFActivate_GetAllocatedBlob(act, &K_BLOB, &ablob, &len));
    CHECK(len == sizeof blob && memcmp(ablob, blob, sizeof blob) == 0);
    CoTaskMemFree(ablob);
    CHECK_HR(IMFActivate_GetUnknown(act, &K_UNK, &IID_IMFAttributes, (void **)&unk));
    CHECK(unk == (IUnknown *)other);
    IUnknown_Release(unk);
    PropVariantInit(&pv2);
    CHECK_HR(IMFActivate_GetItem(act, &K_ITEM, &pv2));
    CHECK(pv2.vt == VT_UI4 && pv2.ulVal == 8);
    CHECK_HR(IMFActivate_GetItemType(act, &K_DBL, &kind));
    CHECK(kind == MF_ATTRIBUTE_DOUBLE);
    CHECK_HR(IMFActivate_CompareItem(act, &K_ITEM, &pv, &same));
    CHECK(same);
    /* the items both have are equal: the object's are the store's (Wine's Compare of a store with itself
       says FALSE, for the IUnknown item, so that is compared as the store answers it) */
    CHECK_HR(MFCreateAttributes(&probe, 1));
    CHECK_HR(IMFAttributes_SetUINT32(probe, &K_U32, 32));
    CHECK_HR(IMFActivate_Compare(act, probe, MF_ATTRIBUTES_MATCH_INTERSECTION, &same));
    CHECK(same);
    CHECK_HR(IMFAttributes_SetUINT32(probe, &K_U32, 33));
    CHECK_HR(IMFActivate_Compare(act, probe, MF_ATTRIBUTES_MATCH_INTERSECTION, &same));
    CHECK(!same);
    IMFAttributes_Release(probe);
    CHECK_HR(IMFAttributes_Compare(store, store, MF_ATTRIBUTES_MATCH_ALL_ITEMS, &same2));
    CHECK_HR(IMFActivate_Compare(act, store, MF_ATTRIBUTES_MATCH_ALL_ITEMS, &same));
    CHECK(same == same2);
    CHECK_HR(IMFActivate_GetCount(act, &count2));
    CHECK(count2 == count);
    PropVariantClear(&pv2);
    CHECK_HR(IMFActivate_GetItemByIndex(act, 0, &key, &pv2));
    PropVariantClear(&pv2);
    CHECK_HR(IMFAttributes_GetItemByIndex(store, 0, &key2, &pv2));
    PropVariantClear(&pv2);
    CHECK(IsEqualGUID(&key, &key2));
    CHECK_HR(IMFActivate_LockStore(act));
    CHECK_HR(IMFActivate_UnlockStore(act));
    CHECK_HR(IMFActivate_CopyAllItems(act, other));
    CHECK_HR(IMFAttributes_GetCount(other, &count2));
    CHECK(count2 == count);

    /* and the deleters delete there */
    CHECK_HR(IMFActivate_DeleteItem(act, &K_ITEM));
    CHECK_HR(IMFAttributes_GetCount(store, &count2));
    CHECK(count2 == count - 1);
    CHECK_HR(IMFActivate_DeleteAllItems(act));
    CHECK_HR(IMFAttributes_GetCount(store, &count2));
    CHECK(count2 == 0);

    mfcb_set_trace(NULL, NULL);
    for (i = 0, missing = 0; i < 30; i++)
        if (!seen[i]) {
            printf("not called through the object: %s\n", attribute_methods[i]);
            missing++;
        }
    CHECK(missing == 0);
    CHECK_HR(IMFAttributes_DeleteAllItems(other));
    IMFAttributes_Release(other);
}

int main(void)
{
    IMFAttributes *store;
    IMFActivate *act;
    IUnknown *unk;
    activate_ctx a;
    ULONG base;
    UINT32 count;

    CHECK_HR(MFStartup(MF_VERSION, MFSTARTUP_FULL));
    CHECK_HR(MFCreateAttributes(&store, 4));
    base = refs_of(store);

    /* all 30 through the object, its own three by its handlers; then close, then release */
    act = make(&a, store);
    CHECK(refs_of(store) > base);
    all_thirty(act, store);
    CHECK_HR(IMFActivate_ActivateObject(act, &IID_IMFAttributes, (void **)&unk));
    IUnknown_Release(unk);
    CHECK_HR(IMFActivate_DetachObject(act));
    CHECK_HR(IMFActivate_ShutdownObject(act));
    CHECK(a.activations == 1 && a.detaches == 1 && a.shutdowns == 1);
    /* QueryInterface keeps the object's identity: the store is not what it answers */
    CHECK_HR(IMFActivate_QueryInterface(act, &IID_IMFAttributes, (void **)&unk));
    CHECK(unk == (IUnknown *)act);
    IUnknown_Release(unk);
    CHECK_HR(mfcb_close(act));
    CHECK(refs_of(store) == base); /* released at close, once */
    CHECK(a.released == 1);
    /* after close: closed_hr, and the store is not touched */
    CHECK(IMFActivate_SetUINT32(act, &K_U32, 1) == MF_E_SHUTDOWN);
    CHECK(IMFActivate_GetCount(act, &count) == MF_E_SHUTDOWN);
    CHECK(IMFActivate_ActivateObject(act, &IID_IMFAttributes, (void **)&unk) == MF_E_SHUTDOWN);
    CHECK_HR(IMFAttributes_GetCount(store, &count));
    CHECK(count == 0);
    CHECK(IMFActivate_Release(act) == 0);
    CHECK(refs_of(store) == base);

    /* release alone */
    act = make(&a, store);
    CHECK_HR(IMFActivate_SetUINT32(act, &K_U32, 1));
    CHECK(IMFActivate_Release(act) == 0);
    CHECK(refs_of(store) == base && a.released == 1);

    /* close from inside a handler: the store goes once the handler has returned */
    act = make(&a, store);
    a.close_in_shutdown = 1;
    CHECK_HR(IMFActivate_ShutdownObject(act));
    CHECK(refs_of(store) == base && a.released == 1);
    CHECK(IMFActivate_ShutdownObject(act) == MF_E_SHUTDOWN && a.shutdowns == 1);
    CHECK(IMFActivate_Release(act) == 0);
    CHECK(refs_of(store) == base);

    CHECK_HR(IMFAttributes_GetCount(store, &count));
    CHECK(count == 1); /* the one set before the release alone */
    IMFAttributes_Release(store);
    CHECK_HR(MFShutdown());
    CHECK(mfcb_live_objects() == 0);
    printf("wine: IMFActivate with IMFAttributes delegated to an attribute store: all 30 attribute methods answered "
           "from the store, its own 3 by handlers, the store released once on close then release, release alone "
           "and close from a handler, after close MF_E_SHUTDOWN with the store untouched, no object left\n");
    return 0;
}
