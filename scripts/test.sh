#!/usr/bin/env bash
# test.sh -- the whole test suite: installs the dependencies, builds, and runs every CTest test, including
# the ThreadSanitizer and AddressSanitizer+UBSan builds.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build
cd build
ctest --output-on-failure --timeout 1200 -j2
