# toolchain-clang-msvc.cmake -- the MSVC ABI without MSVC, for the test suite: clang in MSVC mode
# (--target=<arch>-pc-windows-msvc), linked by lld-link, against Wine's Windows and C runtime headers and
# its import libraries (Debian: clang, lld, libwine-dev). MFCB_MSVC_ARCH is x86_64 (the default), i686 or
# aarch64 (compile-only); MFCB_MSVC_LIBS is a directory of <name>.lib files for Wine's lib<name>.a (msvc_libs.cmake makes
# it) and MFCB_MSVC_TLS an object with the TLS directory that MSVC's own C runtime would supply (tls.c).
# Programs start at Wine's mainCRTStartup or wmainCRTStartup (libwinecrt0; lld-link picks the one for
# main or wmain, as link.exe does) and use ucrtbase.
set(CMAKE_SYSTEM_NAME Windows)
if(NOT MFCB_MSVC_ARCH)
  set(MFCB_MSVC_ARCH x86_64)
endif()
if(MFCB_MSVC_ARCH STREQUAL "x86_64")
  set(CMAKE_SYSTEM_PROCESSOR AMD64)
elseif(MFCB_MSVC_ARCH STREQUAL "aarch64")
  set(CMAKE_SYSTEM_PROCESSOR ARM64)
  # compile-only: Debian's Wine has no ARM64 import libraries to link with
  set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
else()
  set(CMAKE_SYSTEM_PROCESSOR X86)
endif()
set(triple ${MFCB_MSVC_ARCH}-pc-windows-msvc)
set(CMAKE_C_COMPILER clang)
set(CMAKE_C_COMPILER_TARGET ${triple})
set(CMAKE_CXX_COMPILER clang++)
set(CMAKE_CXX_COMPILER_TARGET ${triple})
set(CMAKE_TRY_COMPILE_PLATFORM_VARIABLES MFCB_MSVC_ARCH MFCB_MSVC_LIBS MFCB_MSVC_TLS)
execute_process(COMMAND clang -print-resource-dir OUTPUT_VARIABLE resource OUTPUT_STRIP_TRAILING_WHITESPACE)
set(wine_inc /usr/include/wine/wine)
# cl.exe has no VLAs and no statement expressions: errors here too
set(CMAKE_C_FLAGS_INIT "-fms-extensions -nostdinc -isystem ${resource}/include -isystem ${wine_inc}/msvcrt -isystem ${wine_inc}/windows -Werror=vla -Werror=gnu-statement-expression")
if(MFCB_MSVC_ARCH STREQUAL "aarch64")
  # Wine 8's winnt.h defines a function named _InterlockedCompareExchange128, a builtin of clang for ARM64:
  # renamed here (a clash of Wine's header with clang 14, nothing of mfcb's)
  string(APPEND CMAKE_C_FLAGS_INIT " -D_InterlockedCompareExchange128=wine_InterlockedCompareExchange128")
endif()
set(CMAKE_CXX_FLAGS_INIT "${CMAKE_C_FLAGS_INIT}")
set(link "-fuse-ld=lld -nostdlib -L${MFCB_MSVC_LIBS}")
if(MFCB_MSVC_TLS)
  string(APPEND link " ${MFCB_MSVC_TLS}")
endif()
set(CMAKE_EXE_LINKER_FLAGS_INIT "${link}")
set(CMAKE_C_STANDARD_LIBRARIES "-lwinecrt0 -lucrtbase -lkernel32 -luser32 -luuid" CACHE STRING "")
set(CMAKE_CXX_STANDARD_LIBRARIES "${CMAKE_C_STANDARD_LIBRARIES}" CACHE STRING "")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
