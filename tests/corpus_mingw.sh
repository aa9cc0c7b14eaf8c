#!/usr/bin/env bash
# corpus_mingw.sh -- mingw-w64's IDL corpus, run as mingw-w64's build runs widl (-DBOOL=WINBOOL -Iinclude
# -Icrt, no other -D): every file widl accepts, mfcb-gen must accept; every generated .cb.c must compile
# with mingw-w64's gcc (-std=c99 -Wall -Wextra -Werror), its .cb.h alone and after the SDK's own <NAME.h>,
# except where that SDK header does not compile alone either; the vtables mfcb-gen sees must equal widl's.
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
rm -rf "$work" && mkdir -p "$work/vt" "$work/log" "$work/tmp" || exit 1
cp "$src/templates/c.lua" "$src/tests/vtables/cb_h.tmpl" "$src/tests/vtables/cb_c.tmpl" "$work/vt/"
jobs=$(nproc 2>/dev/null || echo 2)
for f in "$corpus"/include/*.idl; do basename "$f" .idl; done |
  xargs -P "$jobs" -n 1 bash "$src/tests/corpus_mingw_one.sh" "$gen" "$widl" "$lua" "$cc" "$src" "$corpus" \
    "$work" | sort > "$work/results.txt"
count() { grep -c -- "$1" "$work/results.txt"; }
accepted=$(count 'widl=ok')
read_ok=$(count 'gen=ok')
implemented=$(grep 'gen=ok' "$work/results.txt" | grep -vc 'alone=none')
alone_ok=$(count 'alone=ok')
after_ok=$(count 'after=ok')
fail=0
while read -r name rest; do
  case $rest in
    *gen=fail*)
      echo "mingw: $name.idl: widl accepts it, mfcb-gen does not:"
      head -n 5 "$work/log/$name.gen"
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
[ "$accepted" -gt 200 ] && [ "$read_ok" -eq "$accepted" ] && [ "$fail" -eq 0 ]
