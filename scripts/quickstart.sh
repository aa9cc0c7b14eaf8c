#!/usr/bin/env bash
# quickstart.sh -- the main job: install the dependencies, build mfcb, generate the mfreadwrite callbacks
# from idl/ and run the demo that drives them from several threads and closes them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build
echo "== mfcb-gen idl/mfreadwrite.idl -o build/quickstart"
./build/gen/mfcb-gen idl/mfreadwrite.idl -o build/quickstart
ls -l build/quickstart
echo "== build/examples/readwrite_demo"
./build/examples/readwrite_demo
