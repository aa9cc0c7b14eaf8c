#!/usr/bin/env bash
# readme_dropin.sh -- runs the README's drop-in commands (the block after <!-- dropin -->) as written, in an
# empty directory, with examples/readwrite_demo.c as player.c: the POSIX command with gcc, then with clang
# (when installed), and the mingw-w64 one (when installed); the POSIX program must run and end with no live
# object, the Windows one must be a PE executable.
# usage: readme_dropin.sh SOURCE_DIR WORK_DIR
set -u
src=$1 work=$2
block=$(awk '/^<!-- dropin -->$/ { on = 1; next } on && /^```sh$/ { inside = 1; next }
             inside && /^```$/ { exit } inside { print }' "$src/README.md")
if [ -z "$block" ]; then
  echo "README.md has no drop-in block" >&2
  exit 1
fi
run() { # one pass over the block, with the POSIX compiler given
  local cc=$1 dir=$work/$1
  rm -rf "$dir" && mkdir -p "$dir" || return 1
  cp "$src/examples/readwrite_demo.c" "$dir/player.c"
  (cd "$dir" && export MFCB=$src && set -e &&
   while IFS= read -r line; do
     case $line in '#'*|'') continue ;; esac
     [ "$cc" = gcc ] || line=${line/#gcc /$cc }
     case $line in x86_64-w64-mingw32-gcc*) command -v x86_64-w64-mingw32-gcc >/dev/null || continue ;; esac
     echo "+ $line"
     eval "$line"
   done <<<"$block") || { echo "drop-in with $cc: a command failed" >&2; return 1; }
  out=$("$dir/player") || { echo "drop-in with $cc: player failed" >&2; return 1; }
  case $out in *"live mfcb objects at exit: 0"*) ;; *) echo "drop-in with $cc: unexpected output:" >&2
    echo "$out" >&2; return 1 ;; esac
  if [ -f "$dir/player.exe" ] && [ "$(head -c 2 "$dir/player.exe")" != MZ ]; then
    echo "drop-in: player.exe is not a Windows executable" >&2; return 1
  fi
  echo "drop-in: the README's commands built and ran with $cc$([ -f "$dir/player.exe" ] && echo ', and built player.exe with x86_64-w64-mingw32-gcc')"
}
run gcc || exit 1
if command -v clang >/dev/null; then run clang || exit 1; fi
