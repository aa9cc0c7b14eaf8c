#!/usr/bin/env bash
# mingw-idl.sh -- fetches mingw-w64's IDL corpus (the SDK's own .idl files, which only its Debian source
# package has) and lays it out as mingw-w64's build reads it: DIR/include (the .idl and .h files of
# mingw-w64-headers/include) and DIR/crt (_mingw.h, made from the package's _mingw.h.in as the installed
# one is). Prints DIR. Quiet and quick when DIR is already there. Needs root the first time (a deb-src
# line in a file of its own, apt-get update).
# usage: mingw-idl.sh [DIR]   (default /var/cache/mfcb/mingw-w64)
set -euo pipefail
dir=${1:-/var/cache/mfcb/mingw-w64}
if [ -f "$dir/.complete" ]; then
  echo "$dir"
  exit 0
fi
src_list=/etc/apt/sources.list.d/mfcb-src.sources
if ! apt-get source --print-uris mingw-w64 >/dev/null 2>&1 || ! [ -f "$src_list" ]; then
  cat > "$src_list" <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  apt-get update -qq >&2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work" && { chown _apt "$work" 2>/dev/null || true; } # apt downloads as _apt
(cd "$work" && apt-get source --download-only -qq mingw-w64 >&2)
tarball=$(ls "$work"/mingw-w64_*.orig.tar.* | grep -v '\.asc$' | sed -n 1p)
top=$(tar -tf "$tarball" | awk -F/ 'NR == 1 { print $1 }')
tar -C "$work" -xf "$tarball" "$top/mingw-w64-headers/include" "$top/mingw-w64-headers/crt"
rm -rf "$dir.tmp" && mkdir -p "$dir.tmp/crt"
mv "$work/$top/mingw-w64-headers/include" "$dir.tmp/include"
cp "$work/$top/mingw-w64-headers/crt/"*.h "$dir.tmp/crt/" 2>/dev/null || true
# _mingw.h is configured from _mingw.h.in at build time; the installed one (gcc-mingw-w64's) is that file.
cp /usr/x86_64-w64-mingw32/include/_mingw.h "$dir.tmp/crt/_mingw.h"
echo "$top" > "$dir.tmp/.complete"
rm -rf "$dir" && mkdir -p "$(dirname "$dir")" && mv "$dir.tmp" "$dir"
echo "$dir"
