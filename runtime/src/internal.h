/* internal.h -- what the runtime's files share: allocation, and objects keeping their queue alive. */
#ifndef MFCB_INTERNAL_H
#define MFCB_INTERNAL_H

#include "mfcb/mfcb.h"

#ifdef MFCB_SHARED
/* What the static library's users reach inline; a shared runtime keeps them to itself. On ELF its frame
   list takes the initial-exec model: one load from the thread pointer instead of a __tls_get_addr call per
   handler (a library linked at start-up, as libmfcb is, always has its block in the static TLS area). */
#if defined(__GNUC__) && !defined(_WIN32)
#undef MFCB_TLS_
#define MFCB_TLS_ __thread __attribute__((tls_model("initial-exec")))
#endif
extern MFCB_TLS_ mfcb_frame_ *mfcb_frames_;
extern mfcb_trace_fn volatile mfcb_trace_hook_;
#endif

/* o->flags: an MFCB_DEBUG object after its last Release; every call through its interfaces is misuse. */
#define MFCB_DEAD_ 0x80000000u
/* What a dead debug object without a queue of its own has for one, to send its calls to mfcb_slow_. Never
   used as a queue. */
extern mfcb_queue dead_queue;
/* Reports a call on a dead debug object (self: the interface pointer called) and aborts. */
void dead_call(const void *self, const mfcb_object_ *o, const char *method);
/* Hands one call to the tracer: av[i] points at argument i. */
void trace_call(const void *self, const mfcb_object_ *o, const mfcb_method_ *m, const void *const *av, int queued,
                 HRESULT refused);
/* Records a call of queued method m for o's queue (mfcb_slow_): S_OK, or why it was refused. */
HRESULT queue_call(mfcb_object_ *o, const mfcb_method_ *m, const void *const *av, const size_t *bufn);

/* Through mfcb_set_allocator's function, or the C library's. */
void *mem_realloc(void *p, size_t n);
void *mem_calloc(size_t n);
void mem_free(void *p);

/* An object created with q holds it (queue_attach) until it is freed (queue_detach). */
void queue_attach(mfcb_queue *q);
void queue_detach(mfcb_queue *q);
/* A queued call holds its object's memory (o->hold) from commit until it was run or dropped; the last hold
   given back frees the object (object_free). */
void object_unpin(mfcb_object_ *o);
void object_free(mfcb_object_ *o);

#endif
