/* test_unload.c -- a module holding generated code, unloaded while the shared runtime stays loaded (a plugin
   DLL or .so): what the runtime keeps of the module's classes is in its own memory, so the leak counters
   still work after the module is gone, and again when it is loaded a second time. */
#include <dlfcn.h>
#include <stdio.h>

#include "check.h"
#include "mfcb/mfcb.h"

static long through_plugin(const char *path)
{
    void *m = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    long (*make_and_free)(void);
    long live;
    if (!m)
        fprintf(stderr, "%s\n", dlerror());
    CHECK(m);
    *(void **)&make_and_free = dlsym(m, "plugin_make_and_free");
    CHECK(make_and_free);
    live = make_and_free();
    CHECK(dlclose(m) == 0);
    return live;
}

int main(int argc, char **argv)
{
    CHECK(argc == 2);
    CHECK(mfcb_live_objects_of("IMFAsyncCallback") == -1); /* never made */
    CHECK(through_plugin(argv[1]) == 1);                    /* alive while the plugin made it */
    CHECK(mfcb_live_objects_of("IMFAsyncCallback") == 0);   /* the plugin is gone; its class's count stays */
    CHECK(mfcb_live_objects() == 0);
    CHECK(through_plugin(argv[1]) == 1);                    /* loaded again, at another address maybe */
    CHECK(mfcb_live_objects_of("IMFAsyncCallback") == 0);
    puts("unload: ok");
    return 0;
}
