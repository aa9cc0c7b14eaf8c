# toolchain-mingw32.cmake -- cross-compile for 32-bit x86 Windows with mingw-w64 (Debian: gcc-mingw-w64-i686).
# There every COM method is __stdcall and the C runtime's default is __cdecl, so a wrong calling convention
# shows as a corrupted stack instead of passing unnoticed as on x86-64. mfcb-gen is built for the host.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86)
set(CMAKE_C_COMPILER i686-w64-mingw32-gcc)
set(CMAKE_CXX_COMPILER i686-w64-mingw32-g++)
set(CMAKE_RC_COMPILER i686-w64-mingw32-windres)
set(CMAKE_FIND_ROOT_PATH /usr/i686-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
