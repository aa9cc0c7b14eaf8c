#!/usr/bin/env bash
# gen_vs_widl.sh -- wall time of mfcb-gen and widl on Wine's mfreadwrite.idl with its whole import chain,
# alternating runs, medians and their ratio. Not a test: it prints, it does not judge.
# usage: bench/gen_vs_widl.sh [MFCB_GEN] [RUNS]
set -euo pipefail
gen=${1:-build/gen/mfcb-gen}
runs=${2:-21}
dir=/usr/include/wine/wine/windows
widl=$(command -v x86_64-w64-mingw32-widl || command -v widl)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
now() { date +%s%N; }
g=() w=()
for ((i = 0; i < runs; i++)); do
  t=$(now); "$gen" -I "$dir" "$dir/mfreadwrite.idl" -o "$out" >/dev/null 2>&1; g+=($(( $(now) - t )))
  t=$(now); "$widl" -I"$dir" -h -o "$out/mfreadwrite.h" "$dir/mfreadwrite.idl" >/dev/null 2>&1; w+=($(( $(now) - t )))
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
mg=$(median "${g[@]}") mw=$(median "${w[@]}")
awk -v g="$mg" -v w="$mw" -v n="$runs" 'BEGIN {
  printf "mfreadwrite.idl with its imports, %d alternating runs each (median wall time):\n", n
  printf "  mfcb-gen  %7.2f ms\n  widl      %7.2f ms\n  ratio     %7.3f (mfcb-gen / widl; target <= 0.25)\n", g / 1e6, w / 1e6, g / w }'
