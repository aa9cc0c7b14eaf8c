/* engine_drv.h -- Wine's media engine, driven for test_engine.c (see engine_drv.c). */
#ifndef MFCB_ENGINE_DRV_H
#define MFCB_ENGINE_DRV_H
typedef struct IMFMediaEngine IMFMediaEngine;
IMFMediaEngine *engine_create(IUnknown *notify);
void engine_load(IMFMediaEngine *engine, const WCHAR *url); /* SetSource: the engine loads it */
double engine_duration(IMFMediaEngine *engine);
void engine_destroy(IMFMediaEngine *engine);
#endif
