/* wine_check.h -- the Windows tests' assertion: prints the failing expression and exits 1. */
#ifndef MFCB_WINE_CHECK_H
#define MFCB_WINE_CHECK_H
#include <stdio.h>
#include <stdlib.h>

#define CHECK(e) \
    do { \
        if (!(e)) { \
            printf("%s:%d: check failed: %s\n", __FILE__, __LINE__, #e); \
            fflush(stdout); \
            exit(1); \
        } \
    } while (0)

#define CHECK_HR(e) \
    do { \
        HRESULT check_hr_ = (e); \
        if (FAILED(check_hr_)) { \
            printf("%s:%d: %s failed: 0x%08lx\n", __FILE__, __LINE__, #e, (unsigned long)check_hr_); \
            fflush(stdout); \
            exit(1); \
        } \
    } while (0)

#endif
