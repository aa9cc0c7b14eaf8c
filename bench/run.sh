#!/usr/bin/env bash
# run.sh -- the runtime benchmarks in one command: times (medians of alternating runs, ratios against the
# hand-written equivalents measured in the same run) and instructions per call from callgrind.
# usage: bench/run.sh [BUILD_DIR]   (a build of this tree; default build, made if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
[ -f "$build/build.ninja" ] || [ -f "$build/Makefile" ] || cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target runtime_bench >/dev/null
bin="$build/bench/runtime_bench"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
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
