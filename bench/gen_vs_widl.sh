#!/usr/bin/env bash
# gen_vs_widl.sh -- wall time of mfcb-gen and widl, alternating runs, medians and their ratio, on
#   1. Wine's mfreadwrite.idl with its whole import chain (one file, its imports read each run), and
#   2. the whole mingw-w64 IDL corpus (scripts/mingw-idl.sh fetches it): every file widl accepts, each
#      generated once per run, as mingw-w64's build runs widl (-DBOOL=WINBOOL -Iinclude -Icrt): one process
#      per file for both, and then mfcb-gen once over all the files (widl takes one file per run), which
#      reads each imported file once and compiles its templates once.
# mfcb-gen writes a .cb.h and a .cb.c with the objects' code; widl, asked for the header, writes one
# header of declarations. Not a test: it prints, it does not judge.
# usage: bench/gen_vs_widl.sh [MFCB_GEN] [RUNS] [CORPUS_RUNS]
set -euo pipefail
gen=${1:-build/gen/mfcb-gen}
runs=${2:-21}
corpus_runs=${3:-5}
dir=/usr/include/wine/wine/windows
mingw=${MFCB_MINGW_IDL:-/var/cache/mfcb/mingw-w64}
widl=$(command -v x86_64-w64-mingw32-widl || command -v widl)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
now() { date +%s%N; }
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
report() { # title, runs, mfcb-gen median ns, widl median ns, target
  awk -v t="$1" -v n="$2" -v g="$3" -v w="$4" -v target="$5" 'BEGIN {
    printf "%s, %d alternating runs each (median wall time):\n", t, n
    printf "  mfcb-gen  %9.2f ms\n  widl      %9.2f ms\n  ratio     %9.3f (mfcb-gen / widl; target <= %s)\n",
      g / 1e6, w / 1e6, g / w, target }'
}

g=() w=()
for ((i = 0; i < runs; i++)); do
  t=$(now); "$gen" -I "$dir" "$dir/mfreadwrite.idl" -o "$out" >/dev/null 2>&1; g+=($(( $(now) - t )))
  t=$(now); "$widl" -I"$dir" -h -o "$out/mfreadwrite.h" "$dir/mfreadwrite.idl" >/dev/null 2>&1; w+=($(( $(now) - t )))
done
report "mfreadwrite.idl with its imports" "$runs" "$(median "${g[@]}")" "$(median "${w[@]}")" 0.25

if [ ! -d "$mingw/include" ]; then
  echo "mingw-w64's IDL corpus: not in $mingw (scripts/mingw-idl.sh fetches it)"
  exit 0
fi
flags=(-DBOOL=WINBOOL -I "$mingw/include" -I "$mingw/crt")
files=()
for f in "$mingw"/include/*.idl; do
  "$widl" "${flags[@]}" -h -o "$out/w.h" "$f" >/dev/null 2>&1 && files+=("$f")
done
g=() m=() w=()
for ((i = 0; i < corpus_runs; i++)); do
  t=$(now)
  for f in "${files[@]}"; do "$gen" "${flags[@]}" "$f" -o "$out" >/dev/null 2>&1 || true; done
  g+=($(( $(now) - t )))
  t=$(now)
  "$gen" "${flags[@]}" "${files[@]}" -o "$out" >/dev/null 2>&1 || true
  m+=($(( $(now) - t )))
  t=$(now)
  for f in "${files[@]}"; do "$widl" "${flags[@]}" -h -o "$out/w.h" "$f" >/dev/null 2>&1; done
  w+=($(( $(now) - t )))
done
report "mingw-w64's corpus, ${#files[@]} files widl accepts, a process per file" "$corpus_runs" "$(median "${g[@]}")" "$(median "${w[@]}")" 0.5
report "the same corpus, mfcb-gen once over all files (widl still a process per file)" "$corpus_runs" "$(median "${m[@]}")" "$(median "${w[@]}")" 0.5
