#!/usr/bin/env bash
# test.sh -- the whole test suite: installs the dependencies, builds, and runs every CTest test, including
# the ThreadSanitizer and AddressSanitizer+UBSan builds, the Wine IDL corpus and the consumer builds.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build
cd build
status=0
ctest --output-on-failure --timeout 1200 -j2 2>&1 | tee ctest.out || status=1
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
# The counts the tests report (corpus coverage, Wine runs), then CTest's summary once more, last.
echo
echo "== what the tests counted"
grep -h -E '^(corpus|mingw|wine|wine-i686|wine-msvc|msvc-arm64|fuzz): |^family: [0-9]+ objects' Testing/Temporary/LastTest.log || true
echo
sed -n '/tests passed/,$p' ctest.out
exit $status
