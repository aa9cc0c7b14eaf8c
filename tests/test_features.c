/* test_features.c -- generated objects follow MIDL's vtable rules: property prefixes, [call_as] without a
   slot, overloads named Interface_Method, struct results through a hidden pointer, function pointers. */
#define COBJMACROS
#include <string.h>

#include "check.h"
#include "features.cb.h"

typedef struct seen {
    LONG level;
    DWORD open_flags, open_more, notified;
    int base_open, derived_open;
} seen;

static HRESULT base_open(void *ctx, DWORD flags)
{
    seen *s = (seen *)ctx;
    s->base_open++, s->open_flags = flags;
    return S_OK;
}
static HRESULT get_level(void *ctx, LONG *level)
{
    *level = ((seen *)ctx)->level;
    return S_OK;
}
static HRESULT put_level(void *ctx, LONG level)
{
    ((seen *)ctx)->level = level;
    return S_OK;
}
static HRESULT fetch(void *ctx, DWORD n, DWORD *got)
{
    (void)ctx;
    *got = n * 2;
    return S_OK;
}
static HRESULT derived_open(void *ctx, DWORD flags, DWORD more)
{
    seen *s = (seen *)ctx;
    s->derived_open++, s->open_flags = flags, s->open_more = more;
    return S_OK;
}
static SIZE2 get_size(void *ctx, LONG scale)
{
    SIZE2 r;
    (void)ctx;
    r.cx = 3 * scale;
    r.cy = 4 * scale;
    return r;
}
static HRESULT walk(void *ctx, LONG(STDMETHODCALLTYPE *cb)(DWORD done), ULONG count)
{
    ULONG i;
    (void)ctx;
    for (i = 0; i < count; i++)
        if (cb(i) != (LONG)i)
            return E_FAIL;
    return S_OK;
}
static void notify(void *ctx, PROGRESS_FN fn)
{
    ((seen *)ctx)->notified = (DWORD)fn(7);
}
static LONG STDMETHODCALLTYPE echo(DWORD done) { return (LONG)done; }

int main(void)
{
    static const mfcb_IFeatures_handlers h = {base_open, get_level, put_level, fetch, derived_open,
                                              get_size, walk, notify, NULL, NULL, NULL, NULL, NULL, NULL};
    IFeatures *f = NULL;
    IFeatureBase *base = NULL;
    seen s;
    LONG level = 0;
    DWORD got = 0;
    SIZE2 size, *ret;
    memset(&s, 0, sizeof s);
    CHECK(mfcb_IFeatures_new(&h, &s, NULL, &f) == S_OK);

    CHECK(IFeatures_put_Level(f, 42) == S_OK && IFeatures_get_Level(f, &level) == S_OK && level == 42);
    CHECK(IFeatures_Fetch(f, 5, &got) == S_OK && got == 10);
    CHECK(f->lpVtbl->Open(f, 1) == S_OK && s.base_open == 1 && s.open_flags == 1); /* hidden: no macro */
    CHECK(IFeatures_Open(f, 2, 3) == S_OK && s.derived_open == 1 && s.open_more == 3);
    memset(&size, 0xff, sizeof size);
    ret = IFeatures_GetSize(f, &size, 2);
    CHECK(ret == &size && size.cx == 6 && size.cy == 8);
    CHECK(IFeatures_Walk(f, echo, 5) == S_OK);
    IFeatures_Notify(f, echo);
    CHECK(s.notified == 7);

    /* the vtable is what the SDK's C declaration says: 3 + 1 + 13 slots, no slot for RemoteFetch */
    CHECK(sizeof(IFeaturesVtbl) == 17 * sizeof(void *));
    CHECK(IFeatures_QueryInterface(f, &IID_IFeatureBase, (void **)&base) == S_OK && (void *)base == (void *)f);
    IFeatureBase_Release(base);

    mfcb_close(f);
    memset(&size, 0xff, sizeof size);
    CHECK(IFeatures_GetSize(f, &size, 2) == &size && size.cx == 0 && size.cy == 0); /* closed: zeroed */
    IFeatures_Notify(f, echo); /* closed: nothing runs */
    CHECK(s.notified == 7);
    CHECK(IFeatures_Release(f) == 0 && mfcb_live_objects() == 0);
    puts("features: ok");
    return 0;
}
