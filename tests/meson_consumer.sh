#!/usr/bin/env bash
# meson_consumer.sh MODE ROOT WORK -- builds and runs the Meson consumer (tests/consumers/meson) one way:
#   subproject  mfcb in subprojects/, callbacks generated at build time; a no-op rebuild does no work and
#               changing an imported IDL file regenerates
#   callbacks   the subproject without its generator (-Dmfcb:generator=disabled): the shipped callbacks
#   installed   mfcb built and installed with Meson, found through pkg-config and PATH; its mfcb.pc is
#               the CMake build's, byte for byte
#   shared      the subproject with default_library=shared: libmfcb.so exports only the API
#   windows     the subproject cross-compiled with mingw-w64, mfcb-gen built for the build machine, the
#               program run under Wine through the cross file's exe_wrapper
#   windows-dll the same with default_library=shared: the runtime a DLL exporting only the API
set -euo pipefail
mode=$1 root=$(cd "$2" && pwd) work=$3
dir=$work/meson-$mode
rm -rf "$dir"
mkdir -p "$dir"
cp -r "$root/tests/consumers/shared" "$dir/"
cp "$root/tests/consumers/meson/meson.build" "$root/tests/consumers/meson/meson_options.txt" "$dir/shared/"
proj=$dir/shared
fail() { echo "meson $mode: $*" >&2; exit 1; }
# the README's Meson examples (between <!-- meson-MODE --> and the end of their code block) are lines of
# the consumer's meson.build
readme_lines() {
  awk -v m="<!-- meson-$1 -->" '$0 == m { on = 1; next } on && /^```meson/ { code = 1; next }
    code && /^```/ { exit } code' "$root/README.md"
}
sed 's/^ *//' "$proj/meson.build" >"$dir/meson.build.lines" # indentation aside
for which in subproject installed; do
  n=0
  while IFS= read -r line; do
    line=${line#"${line%%[! ]*}"}
    [ -z "$line" ] && continue
    n=$((n + 1))
    grep -qxF -- "$line" "$dir/meson.build.lines" || fail "README's meson-$which line is not in the tested meson.build: $line"
  done < <(readme_lines $which)
  [ "$n" -gt 2 ] || fail "README has no meson-$which example"
done
check_app() {
  case "$1" in *"consumer ok, live objects 0"*) ;; *) fail "app printed: $1" ;; esac
}
setup() { meson setup "$@" >"$dir/setup.log" 2>&1 || { cat "$dir/setup.log"; fail "meson setup failed"; }; }
build() { ninja -C "$1" >"$dir/build.log" 2>&1 || { cat "$dir/build.log"; fail "build failed"; }; }
if [ "$mode" != installed ]; then
  mkdir -p "$proj/subprojects"
  ln -s "$root" "$proj/subprojects/mfcb"
fi
case "$mode" in
subproject)
  setup "$dir/b" "$proj" -Dmode=subproject -Ddefault_library=static
  build "$dir/b"
  check_app "$("$dir/b/app")"
  build "$dir/b"
  grep -q "no work to do" "$dir/build.log" || { cat "$dir/build.log"; fail "a build with nothing changed did work"; }
  header=$(find "$dir/b" -name my.cb.h | head -n 1)
  grep -q OnExtra "$header" || fail "-D MY_EXTRA=2 did not reach the preprocessor"
  # the base interface lives in an imported file the build names nowhere: only the depfile knows it
  sed -i 's/HRESULT Ping(\[in\] DWORD n);/&\n    HRESULT Pong();/' "$dir/shared/base/mybase.idl"
  build "$dir/b"
  grep -q Pong "$header" || fail "changing the imported mybase.idl did not regenerate my.cb.h"
  check_app "$("$dir/b/app")"
  ;;
callbacks)
  setup "$dir/b" "$proj" -Dmode=callbacks -Dmfcb:generator=disabled -Ddefault_library=static
  build "$dir/b"
  grep -q "mfcb-gen" "$dir/build.log" && fail "the generator was built though disabled"
  check_app "$("$dir/b/app")"
  ;;
installed)
  setup "$dir/mfcb-b" "$root" --prefix="$dir/prefix" --libdir=lib -Ddefault_library=static
  build "$dir/mfcb-b"
  meson install -C "$dir/mfcb-b" >"$dir/install.log" 2>&1 || { cat "$dir/install.log"; fail "install failed"; }
  cmake -S "$root" -B "$dir/cmake-b" -DMFCB_BUILD_TESTS=OFF -DMFCB_INSTALL=ON -DCMAKE_INSTALL_PREFIX="$dir/prefix" \
    >/dev/null || fail "CMake configure failed"
  cmp "$dir/cmake-b/mfcb.pc" "$dir/prefix/lib/pkgconfig/mfcb.pc" || fail "mfcb.pc differs from the CMake build's"
  PKG_CONFIG_PATH=$dir/prefix/lib/pkgconfig PATH=$dir/prefix/bin:$PATH \
    setup "$dir/b" "$proj" -Dmode=installed -Dmfcb_idl_dir="$dir/prefix/share/mfcb/idl"
  build "$dir/b"
  check_app "$("$dir/b/app")"
  ;;
shared)
  # the runtime as a shared object: only the API is exported, and the program runs against it
  setup "$dir/b" "$proj" -Dmode=subproject -Ddefault_library=shared
  build "$dir/b"
  so=$(find "$dir/b/subprojects" -name 'libmfcb.so' | head -n 1)
  [ -n "$so" ] || fail "no libmfcb.so was built"
  ldd "$dir/b/app" >"$dir/app.libs"
  grep -q "libmfcb.so" "$dir/app.libs" || fail "app does not link libmfcb.so"
  nm -D --defined-only "$so" >"$dir/so.exports"
  bad=$(awk '{print $3}' "$dir/so.exports" | grep -v -E '^(mfcb_[a-z_]+|IID_IUnknown)$' || true)
  [ -z "$bad" ] || fail "libmfcb.so exports more than the API: $bad"
  grep -q " mfcb_push_frame_$" "$dir/so.exports" || fail "libmfcb.so does not export mfcb_push_frame_"
  nm -D --undefined-only "$dir/b/app" >"$dir/app.undefined"
  grep -q mfcb_frames_ "$dir/app.undefined" && fail "app reaches the runtime's thread-local data"
  check_app "$("$dir/b/app")"
  ;;
windows|windows-dll)
  extra=(-Ddefault_library=static)
  [ "$mode" = windows-dll ] && extra=(-Ddefault_library=shared)
  cat >"$dir/mingw64.ini" <<INI
[binaries]
c = 'x86_64-w64-mingw32-gcc'
ar = 'x86_64-w64-mingw32-ar'
strip = 'x86_64-w64-mingw32-strip'
windres = 'x86_64-w64-mingw32-windres'
exe_wrapper = ['$root/tests/wine/run-wine.sh']

[host_machine]
system = 'windows'
cpu_family = 'x86_64'
cpu = 'x86_64'
endian = 'little'
INI
  setup "$dir/b" "$proj" -Dmode=subproject --cross-file "$dir/mingw64.ini" "${extra[@]}"
  build "$dir/b"
  file "$dir/b/app.exe" | grep -q "PE32+" || fail "app.exe is not a 64-bit Windows program"
  if [ "$mode" = windows-dll ]; then
    dll=$(find "$dir/b/subprojects" -type f -name '*mfcb*.dll' | head -n 1)
    [ -n "$dll" ] || fail "no mfcb DLL was built"
    x86_64-w64-mingw32-objdump -p "$dir/b/app.exe" >"$dir/app.imports"
    grep -q "DLL Name: $(basename "$dll")" "$dir/app.imports" || fail "app.exe does not import $(basename "$dll")"
    x86_64-w64-mingw32-objdump -p "$dll" >"$dir/dll.exports"
    bad=$(awk '/\[Ordinal\/Name Pointer\] Table/ { on = 1; next }
      on && /^\t\[/ { print $NF } on && /^$/ { exit }' "$dir/dll.exports" | grep -v -E '^(mfcb_[a-z_]+)$' || true)
    grep -q "\] mfcb_push_frame_$" "$dir/dll.exports" || fail "the DLL does not export mfcb_push_frame_"
    [ -z "$bad" ] || fail "the DLL exports more than the API: $bad"
    cp "$dll" "$dir/b/" # beside the program, where Windows looks first
  fi
  # meson test runs it through the cross file's exe_wrapper: Wine
  meson test -C "$dir/b" >"$dir/test.log" 2>&1 || { cat "$dir/test.log"; fail "meson test failed"; }
  check_app "$(tr -d '\r' <"$dir/b/meson-logs/testlog.txt")"
  build "$dir/b"
  grep -q "no work to do" "$dir/build.log" || { cat "$dir/build.log"; fail "a build with nothing changed did work"; }
  ;;
*) fail "unknown mode" ;;
esac
echo "meson $mode: ok"
