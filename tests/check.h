/* check.h -- the tests' one assertion macro: prints the failing expression and its place, then aborts. */
#ifndef MFCB_CHECK_H
#define MFCB_CHECK_H
#include <stdio.h>
#include <stdlib.h>

#define CHECK(e) \
    do { \
        if (!(e)) { \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #e); \
            abort(); \
        } \
    } while (0)

#endif
