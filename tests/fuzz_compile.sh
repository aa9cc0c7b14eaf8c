#!/usr/bin/env bash
# fuzz_compile.sh -- the differential half of the fuzz test: every input of the fuzz corpus that mfcb-gen
# accepts, read as the fuzz target reads it (imports from idl/ only), must give C that compiles with the
# host's compiler (-std=c99 -fsyntax-only -Wall -Wextra -Werror; the headers of idl/ from pregenerated/):
# accepted without a warning means it compiles. cpp_quote text is copied as written, for the platform it was written for:
# an input that does not compile on the host (Wine's unknwn.idl quotes RPC prototypes) must compile with
# WIN_CC, a Windows compiler, when one is given. cpp_quote text is C that mfcb-gen copies unread, so an
# input is judged only where that C is C the seeds wrote: every cpp_quote line one of a seed file (the
# corpus's *.idl), its #if and #endif lines as many, and no generated header included by it (`#include
# "x.cb.h"` declares, unseen by mfcb-gen, what the input may declare again; widl's header would fail the
# same way). Prints one line of counts; on a failure, the input and the first errors.
# usage: fuzz_compile.sh MFCB_GEN CC SOURCE_DIR CORPUS_DIR WORK_DIR [WIN_CC]
set -u
gen=$1 cc=$2 src=$3 corpus=$4 work=$5 win_cc=${6:-}
rm -rf "$work" && mkdir -p "$work" || exit 1
inputs=0 accepted=0 warned=0 quoted=0 failed=0
quotes() { grep -ah 'cpp_quote' "$@" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//'; }
quotes "$corpus"/*.idl | sort -u >"$work/seed-quotes.txt"
# the input's cpp_quote C is the seeds' C, balanced, and includes no generated header
seeds_c() {
  local q
  q=$(quotes "$1")
  [ -z "$q" ] && return 0
  printf '%s\n' "$q" | grep -qvFx -f "$work/seed-quotes.txt" && return 1
  printf '%s\n' "$q" | grep -q '#include *\\"[^"\\]*\.cb\.h' && return 1
  [ "$(printf '%s\n' "$q" | grep -c '"#if')" -eq "$(printf '%s\n' "$q" | grep -c '"#endif')" ]
}
for f in "$corpus"/*; do
  [ -f "$f" ] || continue
  inputs=$((inputs + 1))
  out=$work/out
  rm -rf "$out"
  cp "$f" "$work/in.idl"
  timeout 10 "$gen" -I "$src/idl" "$work/in.idl" -o "$out" >/dev/null 2>"$work/gen.txt" || continue
  [ -f "$out/in.cb.c" ] || continue
  accepted=$((accepted + 1))
  # a warning says what mfcb-gen passed to C without being able to check it (a name only C may know)
  if grep -q ': warning: ' "$work/gen.txt"; then
    warned=$((warned + 1))
    continue
  fi
  if ! seeds_c "$f"; then
    quoted=$((quoted + 1))
    continue
  fi
  flags=(-std=c99 -fsyntax-only -Wall -Wextra -Werror -I "$src/runtime/include" -I "$out" -I "$src/pregenerated")
  if ! "$cc" "${flags[@]}" "$out/in.cb.c" >"$work/cc.txt" 2>&1 &&
     { [ -z "$win_cc" ] || ! "$win_cc" "${flags[@]}" "$out/in.cb.c" >>"$work/cc.txt" 2>&1; }; then
    failed=$((failed + 1))
    if [ "$failed" -le 3 ]; then
      cp "$f" "$work/failed-$failed.idl"
      echo "fuzz: accepted but does not compile: $(basename "$f") (kept as $work/failed-$failed.idl):"
      grep -m 5 -E 'error|warning' "$work/cc.txt"
    fi
  fi
done
echo "fuzz: $accepted of $inputs corpus inputs accepted; the $((accepted - warned - quoted)) without warnings" \
  "and with the seeds' cpp_quote C compiled: $failed do not compile"
[ "$failed" -eq 0 ]
