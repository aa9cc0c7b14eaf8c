/* engine_drv.c -- drives Wine's media engine for test_engine.c. The media engine's interfaces are in no
   mingw-w64 header: their C declarations here are mfcb-gen's, from Wine's own mfmediaengine.idl (read where
   libwine-dev installed it), which also shows the generator serving the platform's IDL to a Windows build.
   <initguid.h> makes the IDL's EXTERN_GUIDs (the class factory's CLSID, the attribute keys) definitions. */
#ifndef COBJMACROS
#define COBJMACROS
#endif
#include <windows.h>
#include <mfapi.h>
#include <mfidl.h>
#include <initguid.h>
#include "mfmediaengine.cb.h"

#include "engine_drv.h"
#include "wine_check.h"

IMFMediaEngine *engine_create(IUnknown *notify)
{
    IMFMediaEngineClassFactory *factory;
    IMFMediaEngine *engine;
    IMFAttributes *attributes;
    CHECK_HR(CoCreateInstance(&CLSID_MFMediaEngineClassFactory, NULL, CLSCTX_INPROC_SERVER,
                              &IID_IMFMediaEngineClassFactory, (void **)&factory));
    CHECK_HR(MFCreateAttributes(&attributes, 1));
    CHECK_HR(IMFAttributes_SetUnknown(attributes, &MF_MEDIA_ENGINE_CALLBACK, notify));
    /* no window and no output format: Wine's engine runs in audio mode */
    CHECK_HR(IMFMediaEngineClassFactory_CreateInstance(factory, 0, attributes, &engine));
    IMFAttributes_Release(attributes);
    IMFMediaEngineClassFactory_Release(factory);
    return engine;
}

void engine_load(IMFMediaEngine *engine, const WCHAR *url)
{
    BSTR src = SysAllocString(url);
    CHECK(src != NULL);
    CHECK_HR(IMFMediaEngine_SetSource(engine, src));
    SysFreeString(src);
}

double engine_duration(IMFMediaEngine *engine)
{
    return IMFMediaEngine_GetDuration(engine);
}

void engine_destroy(IMFMediaEngine *engine)
{
    CHECK_HR(IMFMediaEngine_Shutdown(engine));
    IMFMediaEngine_Release(engine);
}
