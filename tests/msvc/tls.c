/* The TLS directory that MSVC's own C runtime supplies to every program using __declspec(thread); with
   Wine's C runtime instead, a program supplies it. The linker merges .tls$* into .tls in name order, so
   _tls_start and _tls_end bracket every thread-local variable. */
#include <windows.h>

ULONG _tls_index = 0;
#pragma section(".tls", read, write)
#pragma section(".tls$ZZZ", read, write)
__declspec(allocate(".tls")) char _tls_start = 0;
__declspec(allocate(".tls$ZZZ")) char _tls_end = 0;
#pragma section(".CRT$XLA", long, read)
#pragma section(".CRT$XLZ", long, read)
__declspec(allocate(".CRT$XLA")) PIMAGE_TLS_CALLBACK _tls_callbacks_begin = 0;
__declspec(allocate(".CRT$XLZ")) PIMAGE_TLS_CALLBACK _tls_callbacks_end = 0;
const IMAGE_TLS_DIRECTORY _tls_used = {
    (ULONG_PTR)&_tls_start, (ULONG_PTR)&_tls_end, (ULONG_PTR)&_tls_index,
    (ULONG_PTR)(&_tls_callbacks_begin + 1), 0, 0
};
