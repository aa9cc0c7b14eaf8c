#!/usr/bin/env bash
# size.sh -- what generated code costs to compile and to ship: bytes of machine code (every .text section)
# per method and compile time, at -O2 and at -Os, for all of pregenerated/, for pregenerated/mfreadwrite.cb.c
# alone, and for bench/hand_mfreadwrite.c, the same four interfaces written by hand. A method is a vtable
# entry after IUnknown's three (IMFSourceReaderCallback2's five count five: its vtable has them). Compile
# times are medians of alternating runs. Not a test: it prints, it does not judge.
# usage: bench/size.sh [CC] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
cc=${1:-gcc}
runs=${2:-5}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
inc=(-Ipregenerated -Iruntime/include)
now() { date +%s%N; }
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# methods FILE...: vtable entries after the first three, over every vtable initializer (not the debug ones)
methods() {
  awk '/^static const [A-Za-z0-9_]+Vtbl [A-Za-z0-9_]+ = \{/ && !/dead_vtbl/ { v = 1; n = -3; next }
       v && /^\};/ { v = 0; total += n; next }
       v { n += gsub(/[A-Za-z_][A-Za-z0-9_]*/, "&") }
       END { print total + 0 }' "$@"
}
# text FILE.o...: bytes in the objects' .text sections (.text, .text.unlikely, ...)
text() { size -A "$@" | awk '$1 ~ /^\.text/ { n += $2 } END { print n + 0 }'; }
# compile OPT FILE...: compiles each file into $out, prints the nanoseconds it all took
compile() {
  local opt=$1 t f
  shift
  t=$(now)
  for f in "$@"; do "$cc" "$opt" -std=c99 "${inc[@]}" -c "$f" -o "$out/$(basename "$f" .c).$opt.o"; done
  echo $(( $(now) - t ))
}
gen_all=(pregenerated/*.cb.c)
gen_one=(pregenerated/mfreadwrite.cb.c)
hand=(bench/hand_mfreadwrite.c)
n_all=$(methods "${gen_all[@]}") n_one=$(methods "${gen_one[@]}") n_hand=$(methods "${hand[@]}")
echo "compiler: $("$cc" --version | head -1); $runs alternating runs, median compile time"
for opt in -O2 -Os; do
  a=() o=() h=()
  for ((i = 0; i < runs; i++)); do
    a+=("$(compile "$opt" "${gen_all[@]}")")
    o+=("$(compile "$opt" "${gen_one[@]}")")
    h+=("$(compile "$opt" "${hand[@]}")")
  done
  objs=()
  for f in "${gen_all[@]}"; do objs+=("$out/$(basename "$f" .c).$opt.o"); done
  t_all=$(text "${objs[@]}")
  t_one=$(text "$out/mfreadwrite.cb.$opt.o")
  t_hand=$(text "$out/hand_mfreadwrite.$opt.o")
  awk -v opt="$opt" -v ta="$t_all" -v na="$n_all" -v fa="${#gen_all[@]}" -v ca="$(median "${a[@]}")" \
      -v to="$t_one" -v no="$n_one" -v co="$(median "${o[@]}")" \
      -v th="$t_hand" -v nh="$n_hand" -v ch="$(median "${h[@]}")" 'BEGIN {
    printf "%s:\n", opt
    printf "  pregenerated/, %d files, %d methods   %6d bytes  %5.0f bytes/method  compile %6.0f ms (%.1f ms/method)\n",
      fa, na, ta, ta / na, ca / 1e6, ca / 1e6 / na
    printf "  mfreadwrite.cb.c, %d methods          %6d bytes  %5.0f bytes/method  compile %6.0f ms\n", no, to, to / no, co / 1e6
    printf "  hand-written mfreadwrite, %d methods  %6d bytes  %5.0f bytes/method  compile %6.0f ms\n", nh, th, th / nh, ch / 1e6
    printf "  generated / hand-written, the same four interfaces: %.2fx the bytes, %.2fx the compile time\n",
      to / th, co / ch }'
done
