#!/usr/bin/env bash
# corpus.sh -- the Wine IDL corpus: every file widl accepts must parse with mfcb-gen, and the vtables
# mfcb-gen sees must equal widl's, method for method and type for type; every file of its own that this
# widl rejects (it needs a newer one: Wine's WinRT files) must parse too.
# usage: corpus.sh MFCB_GEN WIDL LUA SOURCE_DIR WORK_DIR [IDL_DIR]
set -u
gen=$1 widl=$2 lua=$3 src=$4 work=$5 dir=${6:-/usr/include/wine/wine/windows}
rm -rf "$work" && mkdir -p "$work/vt" "$work/out" || exit 1
cp "$src/templates/c.lua" "$src/tests/vtables/cb_h.tmpl" "$src/tests/vtables/cb_c.tmpl" "$work/vt/"
accepted=0 parsed=0 failed=0 total_equal=0 differs=0
: > "$work/equal.txt"
newer=0 newer_read=0 fragments=0
for f in "$dir"/*.idl; do
  name=$(basename "$f" .idl)
  if ! "$widl" -I"$dir" -h -o "$work/widl.h" "$f" >/dev/null 2>&1; then
    # A file this widl rejects: one that another file #includes is a fragment of it (oledb.idl's), read
    # there; any other is a file of its own that needs a newer widl than this one, and must be read.
    if grep -l -q -E "^[[:space:]]*#[[:space:]]*include[[:space:]]*[\"<]$name\.idl[\">]" "$dir"/*.idl; then
      fragments=$((fragments + 1))
    else
      newer=$((newer + 1))
      if "$gen" -I "$dir" "$f" -o "$work/out" >/dev/null 2>"$work/err.txt"; then
        newer_read=$((newer_read + 1))
      else
        failed=$((failed + 1))
        echo "corpus: $name.idl (which needs a newer widl): mfcb-gen does not read it:"
        head -n 5 "$work/err.txt"
      fi
    fi
    continue
  fi
  accepted=$((accepted + 1))
  if ! "$gen" -I "$dir" "$f" -o "$work/out" >/dev/null 2>"$work/err.txt"; then
    failed=$((failed + 1))
    echo "corpus: $name.idl: widl accepts it, mfcb-gen does not:"
    head -n 5 "$work/err.txt"
    continue
  fi
  parsed=$((parsed + 1))
  "$gen" -I "$dir" --templates "$work/vt" "$f" -o "$work/vt-out" >/dev/null 2>&1
  if ! "$lua" "$src/tests/vtable_compare.lua" "$work/widl.h" "$work/vt-out/$name.cb.h" > "$work/cmp.txt"; then
    differs=$((differs + 1))
    echo "corpus: $name.idl: vtables differ from widl's:"
    grep '^differs' "$work/cmp.txt" | head -n 5
  fi
  sed -n 's/^equal [0-9]* //p' "$work/cmp.txt" | tr ' ' '\n' | sed '/^$/d' >> "$work/equal.txt"
done
sort -u "$work/equal.txt" -o "$work/equal.txt"
# Each of our own idl/ files that Wine also has must give the same vtables and IIDs as Wine's file does
# under widl, for every interface both declare.
own_total=0
for own in "$src"/idl/*.idl; do
  name=$(basename "$own" .idl)
  [ -f "$dir/$name.idl" ] || continue
  case $name in wtypes|unknwn) continue ;; esac
  "$widl" -I"$dir" -h -o "$work/widl.h" "$dir/$name.idl" >/dev/null 2>&1
  "$gen" --templates "$work/vt" "$own" -o "$work/vt-own" >/dev/null 2>&1
  if "$lua" "$src/tests/vtable_compare.lua" "$work/widl.h" "$work/vt-own/$name.cb.h" > "$work/cmp.txt"; then
    n=$(sed -n 's/^equal \([0-9]*\) .*/\1/p' "$work/cmp.txt")
    own_total=$((own_total + ${n:-0}))
    sed -n 's/^equal [0-9]* //p' "$work/cmp.txt" | tr ' ' '\n' | sed '/^$/d' >> "$work/own-equal.txt"
  else
    echo "corpus: idl/$name.idl: vtables differ from widl's:"
    grep '^differs' "$work/cmp.txt" | head -n 5
    differs=$((differs + 1))
  fi
done
echo "corpus: idl/: $own_total callback interfaces with vtables and IIDs equal to widl's from Wine's files"
# The interfaces of idl/ that Wine declares: each must have been compared and found equal.
for i in IMFSourceReaderCallback IMFSourceReaderCallback2 IMFSinkWriterCallback IMFSinkWriterCallback2 \
         IMFAsyncCallback IMFRemoteAsyncCallback IMFClockStateSink IMFSampleGrabberSinkCallback \
         IMFSampleGrabberSinkCallback2 IMFVideoSampleAllocatorNotify IMFVideoSampleAllocatorNotifyEx \
         IMFMediaEngineNotify IMFPMediaPlayerCallback IRtwqAsyncCallback; do
  grep -qx "$i" "$work/own-equal.txt" 2>/dev/null || { echo "corpus: idl/: $i not proven equal to Wine's"; differs=$((differs + 1)); }
done
total_equal=$(wc -l < "$work/equal.txt")
echo "corpus: $parsed/$accepted widl-accepted files parsed"
echo "corpus: $newer_read/$newer files that need a newer widl than $(basename "$widl") read ($fragments more are fragments that other files #include)"
echo "corpus: $total_equal interfaces with vtables equal to widl's, $differs files with differences"
missing=""
for i in IMFSourceReaderCallback IMFSourceReaderCallback2 IMFSinkWriterCallback IMFSinkWriterCallback2 \
         IMFAsyncCallback IMFSampleGrabberSinkCallback IMFSampleGrabberSinkCallback2 IMFClockStateSink \
         IMFMediaEngineNotify; do
  grep -qx "$i" "$work/equal.txt" || missing="$missing $i"
done
[ -z "$missing" ] || echo "corpus: callback interfaces not proven equal:$missing"
[ "$accepted" -gt 0 ] && [ "$failed" -eq 0 ] && [ "$differs" -eq 0 ] && [ -z "$missing" ] && [ "$total_equal" -ge 209 ]
