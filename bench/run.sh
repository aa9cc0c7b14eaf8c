#!/usr/bin/env bash
# run.sh -- the runtime benchmarks in one command: times (medians of alternating runs, ratios against the
# hand-written equivalents measured in the same run) and instructions per call from callgrind; then, with
# mingw-w64 and Wine installed, the same times for Windows: the benchmark built with mingw-w64 and run under
# Wine (the call path is native code there; the gate, the queue and the peers use Windows' primitives).
# usage: bench/run.sh [BUILD_DIR]   (a build of this tree; default build, made if missing; the Windows build
#        goes to BUILD_DIR-windows)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
[ -f "$build/build.ninja" ] || [ -f "$build/Makefile" ] || cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target runtime_bench >/dev/null
bin="$build/bench/runtime_bench"
echo "linux, machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
"$bin" all
if command -v valgrind >/dev/null; then
  ir() { # instructions of a run of N calls
    valgrind --tool=callgrind --callgrind-out-file=/dev/stdout "$bin" ir "$1" "$2" 2>/dev/null |
      awk '/^summary:/ { print $2 }'
  }
  g=$(( ($(ir gen 200000) - $(ir gen 100000)) ))
  h=$(( ($(ir hand 200000) - $(ir hand 100000)) ))
  awk -v g="$g" -v h="$h" 'BEGIN { printf "%-28s generated %.1f   hand-written %.1f   difference %+.1f instructions per call (target <= +12)\n",
    "direct OnReadSample, Ir", g / 100000, h / 100000, (g - h) / 100000 }'
else
  echo "valgrind not found: no instruction counts"
fi

wine=$(command -v /usr/lib/wine/wine64 wine64 wine 2>/dev/null | head -n 1 || true)
if ! command -v x86_64-w64-mingw32-gcc >/dev/null || [ -z "$wine" ]; then
  echo "windows: x86_64-w64-mingw32-gcc or Wine not found, no Windows figures"
  exit 0
fi
win="$build-windows"
[ -f "$win/build.ninja" ] || [ -f "$win/Makefile" ] ||
  cmake -S . -B "$win" -DCMAKE_TOOLCHAIN_FILE="$PWD/cmake/toolchain-mingw64.cmake" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DMFCB_BUILD_TESTS=ON >/dev/null
cmake --build "$win" --target runtime_bench >/dev/null
export WINEPREFIX="$(cd "$win" && pwd)/wineprefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
[ -f "$WINEPREFIX/system.reg" ] || "$wine" wineboot -i >/dev/null 2>&1 </dev/null
echo "windows (x86_64-w64-mingw32-gcc $(x86_64-w64-mingw32-gcc -dumpversion), under $("$wine" --version))"
out=$(mktemp)
"$wine" "$win/bench/runtime_bench.exe" all >"$out" 2>/dev/null </dev/null
tr -d '\r' <"$out"
rm -f "$out"
