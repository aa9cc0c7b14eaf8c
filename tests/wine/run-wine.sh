#!/usr/bin/env bash
# run-wine.sh -- CTest's emulator for the Windows test programs: runs one under Wine in the build's own
# prefix. Wine's output goes to files, never to a pipe (its background processes would hold a pipe open
# for seconds), and is copied out once the program has exited.
set -u
exe=$1
shift
dir=$(cd "$(dirname "$exe")" && pwd)
export WINEPREFIX=${MFCB_WINEPREFIX:-$dir/wineprefix}
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
wine=$(command -v /usr/lib/wine/wine64 wine64 wine 2>/dev/null | head -n 1)
if [ -z "$wine" ]; then
  echo "run-wine.sh: no wine64 found" >&2
  exit 2
fi
mkdir -p "$WINEPREFIX"
(
  flock 9
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    "$(dirname "$wine")/wineboot" -i >"$WINEPREFIX/wineboot.log" 2>&1 </dev/null ||
      "$wine" wineboot -i >"$WINEPREFIX/wineboot.log" 2>&1 </dev/null
  fi
) 9>"$WINEPREFIX.lock"
out=$(mktemp) err=$(mktemp)
(cd "$dir" && "$wine" "$exe" "$@" >"$out" 2>"$err" </dev/null)
rc=$?
cat "$out"
cat "$err" >&2
rm -f "$out" "$err"
exit $rc
