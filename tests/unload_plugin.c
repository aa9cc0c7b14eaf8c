/* unload_plugin.c -- a plugin (a shared object loaded with dlopen) holding generated code, built against the
   shared runtime that its host keeps loaded: test_unload.c makes and frees an object through it, then
   unloads it. */
#define COBJMACROS
#include "mfobjects.cb.h"

__attribute__((visibility("default"))) long plugin_make_and_free(void)
{
    static const mfcb_IMFAsyncCallback_handlers h = {NULL, NULL};
    IMFAsyncCallback *cb = NULL;
    long live;
    if (FAILED(mfcb_IMFAsyncCallback_new(&h, NULL, NULL, &cb)))
        return -2;
    live = mfcb_live_objects_of("IMFAsyncCallback");
    IMFAsyncCallback_Release(cb);
    return live;
}
