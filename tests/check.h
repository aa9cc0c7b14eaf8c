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

/* How many threads a concurrency test starts: MFCB_TEST_THREADS from the environment (1 to 64), or the
   test's own default. */
#define TEST_THREADS_MAX 64
static inline int test_threads(int dflt)
{
    const char *v = getenv("MFCB_TEST_THREADS");
    int n = v ? atoi(v) : 0;
    return n >= 1 && n <= TEST_THREADS_MAX ? n : dflt;
}

#endif
