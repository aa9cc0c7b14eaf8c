/* queue.h -- what object.c needs from queue.c: objects keep their queue alive. */
#ifndef MFCB_QUEUE_INTERNAL_H
#define MFCB_QUEUE_INTERNAL_H

#include "mfcb/mfcb.h"

void queue_attach(mfcb_queue *q);
void queue_detach(mfcb_queue *q);

#endif
