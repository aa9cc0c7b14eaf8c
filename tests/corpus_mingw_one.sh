#!/usr/bin/env bash
# corpus_mingw_one.sh -- one file of mingw-w64's IDL corpus (called by corpus_mingw.sh, one process per
# file). Prints one line: NAME then a result per step, each "-" when the step did not run:
#   widl    ok | no          widl accepts the file, run as mingw-w64's build runs it
#   gen     ok | fail        mfcb-gen accepts it with the same flags
#   sdk     ok | fail        mingw-w64's own NAME.h exists and compiles alone, held to the same flags as
#                            ours (-std=c99 -Wall -Wextra -Werror, its text a user header)
#   alone   ok | fail | none NAME.cb.c compiles (its .cb.h first); none: nothing to implement
#   after   ok | fail        NAME.cb.c compiles after the SDK's <NAME.h>
#   vtables N | differ       interfaces with vtables equal to widl's; differ: some are not
# and writes what failed into WORK/log/NAME.*.
# usage: corpus_mingw_one.sh MFCB_GEN WIDL LUA CC SOURCE_DIR CORPUS_DIR WORK_DIR NAME
set -u
gen=$1 widl=$2 lua=$3 cc=$4 src=$5 corpus=$6 work=$7 name=$8
inc=$corpus/include
f=$inc/$name.idl
tmp=$work/tmp/$name
log=$work/log/$name
rm -rf "$tmp" && mkdir -p "$tmp"
flags=(-DBOOL=WINBOOL -I "$inc" -I "$corpus/crt")
cflags=(-std=c99 -Wall -Wextra -Werror -fsyntax-only -I "$src/runtime/include" -I "$tmp/out")
r_widl=- r_gen=- r_sdk=- r_alone=- r_after=- r_vt=-
finish() {
  echo "$name widl=$r_widl gen=$r_gen sdk=$r_sdk alone=$r_alone after=$r_after vtables=$r_vt"
  rm -rf "$tmp"
  exit 0
}
if ! "$widl" "${flags[@]}" -h -o "$tmp/widl.h" "$f" >/dev/null 2>&1; then
  r_widl=no
  finish
fi
r_widl=ok
if ! "$gen" "${flags[@]}" "$f" -o "$tmp/out" >/dev/null 2>"$log.gen"; then
  r_gen=fail
  finish
fi
r_gen=ok
rm -f "$log.gen"
# The SDK's header is held to what ours is: its own text a user header (found through a directory of
# its own), not a system header whose warnings the compiler hides; what it includes stays the system's.
sysroot=$("$cc" -print-sysroot 2>/dev/null)
sdk_h=
for d in "$sysroot/usr/x86_64-w64-mingw32/include" /usr/x86_64-w64-mingw32/include; do
  [ -f "$d/$name.h" ] && { sdk_h=$d/$name.h; break; }
done
mkdir -p "$tmp/sdk"
[ -n "$sdk_h" ] && ln -s "$sdk_h" "$tmp/sdk/$name.h"
if [ -n "$sdk_h" ] && printf '#include "%s.h"\n' "$name" | "$cc" "${cflags[@]}" -I "$tmp/sdk" -x c - >/dev/null 2>"$log.sdk"; then
  r_sdk=ok
  rm -f "$log.sdk"
else
  r_sdk=fail
fi
if [ ! -s "$tmp/out/$name.cb.c" ] || ! grep -q '_new(' "$tmp/out/$name.cb.h"; then
  r_alone=none
else
  if "$cc" "${cflags[@]}" "$tmp/out/$name.cb.c" >/dev/null 2>"$log.alone"; then
    r_alone=ok
    rm -f "$log.alone"
  else
    r_alone=fail
  fi
  if "$cc" "${cflags[@]}" -include "$name.h" "$tmp/out/$name.cb.c" >/dev/null 2>"$log.after"; then
    r_after=ok
    rm -f "$log.after"
  else
    r_after=fail
  fi
fi
"$gen" "${flags[@]}" --templates "$work/vt" "$f" -o "$tmp/vt" >/dev/null 2>&1
if "$lua" "$src/tests/vtable_compare.lua" "$tmp/widl.h" "$tmp/vt/$name.cb.h" > "$tmp/cmp.txt"; then
  r_vt=$(sed -n 's/^equal \([0-9]*\) .*/\1/p' "$tmp/cmp.txt")
  r_vt=${r_vt:-0}
else
  r_vt=differ
  grep '^differs' "$tmp/cmp.txt" | head -n 5 > "$log.vtables"
fi
finish
