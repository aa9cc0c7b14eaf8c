#!/usr/bin/env bash
# corpus_mingw.sh -- mingw-w64's IDL corpus, run as mingw-w64's build runs widl (-DBOOL=WINBOOL -Iinclude
# -Icrt, no other -D): every file widl accepts, mfcb-gen must accept; every generated .cb.c must compile
# with mingw-w64's gcc (-std=c99 -Wall -Wextra -Werror), its .cb.h alone and after the SDK's own <NAME.h>,
# except where that SDK header does not compile alone either; the vtables mfcb-gen sees must equal widl's.
# widl runs a process per file, as it must; mfcb-gen reads the whole corpus in one run (each file as if
# alone, each import read once), once with its templates and once with the vtable-listing ones; then the
# compiles and comparisons run a process per file (corpus_mingw_one.sh).
# The corpus is fetched by scripts/mingw-idl.sh (Debian's mingw-w64 source package); where it cannot be
# fetched, the test says so and is skipped (exit 77).
# usage: corpus_mingw.sh MFCB_GEN WIDL LUA CC SOURCE_DIR WORK_DIR [CORPUS_DIR]
set -u
gen=$1 widl=$2 lua=$3 cc=$4 src=$5 work=$6 corpus=${7:-}
if [ -z "$corpus" ]; then
  if ! corpus=$(bash "$src/scripts/mingw-idl.sh" 2>"$work.fetch.txt"); then
    echo "mingw: the corpus could not be fetched (Debian's mingw-w64 source package): skipped"
    tail -n 3 "$work.fetch.txt"
    exit 77
  fi
fi
inc=$corpus/include
flags=(-DBOOL=WINBOOL -I "$inc" -I "$corpus/crt")
rm -rf "$work" && mkdir -p "$work/vt" "$work/log" "$work/tmp" "$work/widl" || exit 1
cp "$src/templates/c.lua" "$src/tests/vtables/cb_h.tmpl" "$src/tests/vtables/cb_c.tmpl" "$work/vt/"
jobs=$(nproc 2>/dev/null || echo 2)
start=$SECONDS
# widl: which files it accepts, and its headers for the vtable comparison
for f in "$inc"/*.idl; do basename "$f" .idl; done | sort > "$work/names.txt"
export widl inc work
xargs -P "$jobs" -I NAME bash -c \
  '"$widl" -DBOOL=WINBOOL -I "$inc" -I "$inc/../crt" -h -o "$work/widl/NAME.h" "$inc/NAME.idl" >/dev/null 2>&1 &&
   echo NAME' < "$work/names.txt" | sort > "$work/accepted.txt"
t_widl=$((SECONDS - start))
# mfcb-gen: one run over every file widl accepts, then one with the vtable-listing templates. A file it
# rejects is written no output; its errors are in the run's log, by file name.
mapfile -t files < <(sed "s|.*|$inc/&.idl|" "$work/accepted.txt")
"$gen" "${flags[@]}" -o "$work/out" "${files[@]}" >/dev/null 2>"$work/log/gen.txt"
"$gen" "${flags[@]}" --templates "$work/vt" -o "$work/vtout" "${files[@]}" >/dev/null 2>"$work/log/vt.txt"
t_gen=$((SECONDS - start - t_widl))
# What every compile of a step begins with, read once: precompiled headers of the lines each TU starts
# with, so that they mean what they meant there. A .cb.c begins <string.h>, then its .cb.h's include guard
# and <mfcb/mfcb.h>; a widl-made SDK header begins with rpc.h, rpcndr.h (that version), windows.h, ole2.h.
# Where a header cannot be precompiled, the compiles read them as usual (corpus_mingw_one.sh).
mkdir -p "$work/pch"
printf '#include <string.h>\n#include <mfcb/mfcb.h>\n' > "$work/pch/alone.h"
printf '%s\n' '#ifndef __REQUIRED_RPCNDR_H_VERSION__' '#define __REQUIRED_RPCNDR_H_VERSION__ 475' '#endif' \
  '#include <rpc.h>' '#include <rpcndr.h>' '#include <windows.h>' '#include <ole2.h>' > "$work/pch/after.h"
for h in alone after; do
  "$cc" -std=c99 -Wall -Wextra -Werror -I "$src/runtime/include" -x c-header "$work/pch/$h.h" \
    -o "$work/pch/$h.h.gch" 2>"$work/log/pch-$h.txt" || rm -f "$work/pch/$h.h.gch"
done
xargs -P "$jobs" -n 1 bash "$src/tests/corpus_mingw_one.sh" "$lua" "$cc" "$src" "$work" < "$work/accepted.txt" |
  sort > "$work/results.txt"
t_one=$((SECONDS - start - t_widl - t_gen))
count() { grep -c -- "$1" "$work/results.txt"; }
accepted=$(wc -l < "$work/accepted.txt")
read_ok=$(count 'gen=ok')
implemented=$(grep 'gen=ok' "$work/results.txt" | grep -vc 'alone=none')
alone_ok=$(count 'alone=ok')
after_ok=$(count 'after=ok')
fail=0
while read -r name rest; do
  case $rest in
    *gen=fail*)
      echo "mingw: $name.idl: widl accepts it, mfcb-gen does not:"
      grep -m 5 -F "$name.idl" "$work/log/gen.txt" || head -n 5 "$work/log/gen.txt"
      fail=1 ;;
  esac
  case $rest in
    *vtables=differ*)
      echo "mingw: $name.idl: vtables differ from widl's:"
      cat "$work/log/$name.vtables"
      fail=1 ;;
  esac
  for step in alone after; do
    case $rest in
      *"$step=fail"*)
        case $rest in
          *sdk=fail*) ;;
          *)
            echo "mingw: $name.cb.c does not compile ($step), while mingw-w64's $name.h does:"
            grep -m 5 -E 'error|warning' "$work/log/$name.$step"
            fail=1 ;;
        esac ;;
    esac
  done
done < "$work/results.txt"
equal=$(sed -n 's/.*vtables=\([0-9][0-9]*\)$/\1/p' "$work/results.txt" | awk '{ s += $1 } END { print s + 0 }')
allowed=$(grep 'sdk=fail' "$work/results.txt" | grep -E '(alone|after)=fail' | cut -d' ' -f1 | tr '\n' ' ')
echo "mingw: $read_ok/$accepted widl-accepted files read"
echo "mingw: $alone_ok/$implemented generated .cb.c compile alone, $after_ok/$implemented after the SDK's header"
echo "mingw: $equal interfaces with vtables equal to widl's"
[ -z "$allowed" ] || echo "mingw: failing where mingw-w64's own header does not compile alone either: $allowed"
echo "mingw: ${SECONDS}s: widl ${t_widl}s, mfcb-gen ${t_gen}s (two runs), compiles and comparisons ${t_one}s"
[ "$accepted" -gt 200 ] && [ "$read_ok" -eq "$accepted" ] && [ "$fail" -eq 0 ]
