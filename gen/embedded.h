/* embedded.h -- files compiled into mfcb-gen: the template engine and the default templates. */
#ifndef MFCB_EMBEDDED_H
#define MFCB_EMBEDDED_H

#include <stddef.h>

typedef struct embedded_file {
    const char *name; /* "templates/cb_h.tmpl": the chunk name a template error shows */
    const unsigned char *data;
    size_t len;
} embedded_file;

extern const embedded_file embedded_files[]; /* ends with a NULL name */

#endif
