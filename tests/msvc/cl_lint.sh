#!/usr/bin/env bash
# cl_lint.sh -- what cl.exe would refuse in the runtime and the shipped callbacks, read off the preprocessed
# text of each source as clang in MSVC mode sees it (so the branch cl.exe takes): no GNU attributes, atomics,
# builtins, __thread or statement expressions in a line that came from mfcb's own files. (clang accepts all
# of them in MSVC mode, so compiling is not enough; VLAs are an error by -Werror=vla in the same lane.)
# usage: cl_lint.sh SOURCE_DIR CLANG_FLAGS...
set -u
src=$1
shift
status=0 files=0
for f in "$src"/runtime/src/*.c "$src"/pregenerated/*.cb.c; do
  files=$((files + 1))
  clang "$@" -I "$src/runtime/include" -I "$src/pregenerated" -E "$f" |
    awk -v root="$src/" '
      /^# [0-9]+ "/ { file = $3; gsub(/"/, "", file); ours = index(file, root "runtime/") == 1 ||
                       index(file, root "pregenerated/") == 1; line = $2 - 1; next }
      { line++ }
      { t = $0; gsub(/__builtin_offsetof|__builtin_va_[a-z]+/, "", t) } # the expansions of offsetof, va_*
      ours && t ~ /__attribute__|__atomic_|__builtin_|__thread|\(\{/ { print file ":" line ": " $0; bad = 1 }
      END { exit bad }' || status=1
done
[ "$status" -eq 0 ] && echo "cl.exe's branch: $files sources, no GNU extension in mfcb's own lines"
exit $status
