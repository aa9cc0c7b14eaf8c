#!/usr/bin/env bash
# deps.sh -- installs what mfcb builds and tests with on Debian 12 (run as root); quiet when already there.
set -euo pipefail
pkgs=(build-essential g++ clang cmake ninja-build re2c liblua5.4-dev lua5.4 pkg-config gcc-mingw-w64-x86-64
      g++-mingw-w64-x86-64 mingw-w64-tools libwine-dev wine64 gstreamer1.0-plugins-good
      gcc-mingw-w64-i686 g++-mingw-w64-i686 wine32:i386 gstreamer1.0-plugins-good:i386 lld meson file libc6-dev-i386)
# 32-bit Wine, for the i686 programs, is in Debian's i386 architecture.
if ! dpkg --print-foreign-architectures | grep -qx i386; then
  dpkg --add-architecture i386
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "mfcb: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# mingw-w64's IDL files, which only its source package has, for the SDK corpus test (which says so and
# is skipped where they cannot be fetched).
bash "$(dirname "$0")/mingw-idl.sh" >/dev/null || echo "mfcb: mingw-w64's IDL corpus could not be fetched"
