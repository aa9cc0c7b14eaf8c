#!/usr/bin/env bash
# corpus_mingw_one.sh -- one file of mingw-w64's IDL corpus, after corpus_mingw.sh ran widl (WORK/widl/NAME.h)
# and mfcb-gen over the corpus (WORK/out, and WORK/vtout with the vtable-listing templates). Prints one
# line: NAME then a result per step, each "-" when the step did not run:
#   widl    ok               widl accepts the file (only those come here)
#   gen     ok | fail        mfcb-gen accepted it: its outputs were written, or it said there was
#                            nothing to implement
#   alone   ok | fail | none NAME.cb.c compiles (its .cb.h first); none: nothing to implement
#   after   ok | fail        NAME.cb.c compiles after the SDK's <NAME.h>
#   sdk     ok | fail        when alone or after failed: mingw-w64's own NAME.h exists and compiles alone,
#                            held to the same flags as ours (-std=c99 -Wall -Wextra -Werror, its text a
#                            user header)
#   vtables N | differ       interfaces with vtables equal to widl's; differ: some are not
# and writes what failed into WORK/log/NAME.*. Each compile sees only NAME's own outputs, as when the file
# was generated alone.
# usage: corpus_mingw_one.sh LUA CC SOURCE_DIR WORK_DIR NAME
set -u
lua=$1 cc=$2 src=$3 work=$4 name=$5
tmp=$work/tmp/$name
log=$work/log/$name
rm -rf "$tmp" && mkdir -p "$tmp/out"
cflags=(-std=c99 -Wall -Wextra -Werror -fsyntax-only -I "$src/runtime/include" -I "$tmp/out")
# the precompiled beginnings corpus_mingw.sh made (-Winvalid-pch: one that cannot be used fails the step)
pre_alone=() pre_after=()
[ -f "$work/pch/alone.h.gch" ] && pre_alone=(-Winvalid-pch -include "$work/pch/alone.h")
[ -f "$work/pch/after.h.gch" ] && pre_after=(-Winvalid-pch -include "$work/pch/after.h")
r_gen=- r_sdk=- r_alone=- r_after=- r_vt=-
finish() {
  echo "$name widl=ok gen=$r_gen sdk=$r_sdk alone=$r_alone after=$r_after vtables=$r_vt"
  rm -rf "$tmp"
  exit 0
}
if [ -f "$work/out/$name.cb.h" ]; then
  ln -s "$work/out/$name.cb.h" "$work/out/$name.cb.c" "$tmp/out/"
elif ! grep -qF "note: $name.idl declares no interface to implement" "$work/log/gen.txt"; then
  r_gen=fail
  finish
fi
r_gen=ok
# The SDK's header is held to what ours is: its own text a user header (found through a directory of
# its own), not a system header whose warnings the compiler hides; what it includes stays the system's.
sdk_check() {
  local sysroot d sdk_h=
  sysroot=$("$cc" -print-sysroot 2>/dev/null)
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
}
if [ ! -s "$tmp/out/$name.cb.c" ] || ! grep -q '_new(' "$tmp/out/$name.cb.h" 2>/dev/null; then
  r_alone=none
else
  if "$cc" "${cflags[@]}" "${pre_alone[@]}" "$tmp/out/$name.cb.c" >/dev/null 2>"$log.alone"; then
    r_alone=ok
    rm -f "$log.alone"
  else
    r_alone=fail
  fi
  if "$cc" "${cflags[@]}" "${pre_after[@]}" -include "$name.h" "$tmp/out/$name.cb.c" >/dev/null 2>"$log.after"; then
    r_after=ok
    rm -f "$log.after"
  else
    r_after=fail
  fi
  # only a failure needs to know whether the SDK's own header compiles
  [ "$r_alone" = ok ] && [ "$r_after" = ok ] || sdk_check
fi
if "$lua" "$src/tests/vtable_compare.lua" "$work/widl/$name.h" "$work/vtout/$name.cb.h" > "$tmp/cmp.txt"; then
  r_vt=$(sed -n 's/^equal \([0-9]*\) .*/\1/p' "$tmp/cmp.txt")
  r_vt=${r_vt:-0}
else
  r_vt=differ
  grep '^differs' "$tmp/cmp.txt" | head -n 5 > "$log.vtables"
fi
finish
