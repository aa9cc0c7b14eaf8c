/* queue.h -- what object.c needs from queue.c: objects keep their queue alive. */
#ifndef MFCB_QUEUE_INTERNAL_H
#define MFCB_QUEUE_INTERNAL_H

#include "mfcb/mfcb.h"

void queue_attach(mfcb_queue *q);
void queue_detach(mfcb_queue *q);
/* Frees o through its queue, after the calls recorded before; 0 when it must be freed now. */
int queue_retire(mfcb_object_ *o);
/* object.c: the end of an object, once nothing can reach it any more. */
void object_free(mfcb_object_ *o);

#endif
