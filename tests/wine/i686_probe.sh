#!/usr/bin/env bash
# i686_probe.sh -- the i686 lane's test of whether 32-bit x86 programs run here (tests/wine/i686.cmake), on
# any machine: forced by MFCB_NO_I686, and against a loader the kernel refuses as it refuses 32-bit programs
# where IA-32 emulation is off (an ELF of a machine it does not know: execve answers ENOEXEC). Then what
# this machine answers, for the record.
# usage: i686_probe.sh SOURCE_DIR WORK_DIR
set -u
src=$1 work=$2
probe=$src/tests/wine/i686.cmake
fail=0
expect() { # NAME WANT GOT
  if [ "$3" != "$2" ]; then
    printf 'i686 probe, %s:\n  want: %s\n  got:  %s\n' "$1" "$2" "$3"
    fail=1
  fi
}
got=$(MFCB_NO_I686=1 cmake -DWINE_DIR=/usr/lib/wine -P "$probe" 2>&1)
expect forced "wine-i686: not run: this machine cannot execute 32-bit x86 programs (MFCB_NO_I686 is set)" "$got"
rm -rf "$work" && mkdir -p "$work/refused"
cp /bin/true "$work/refused/wine"
printf '\xff\x00' | dd of="$work/refused/wine" bs=1 seek=18 conv=notrunc 2>/dev/null # e_machine
got=$(env -u MFCB_NO_I686 cmake -DWINE_DIR="$work/refused" -P "$probe" 2>&1)
expect refused "wine-i686: not run: this machine cannot execute 32-bit x86 programs ($work/refused/wine: cannot execute binary file: Exec format error, exit 126)" "$got"
got=$(env -u MFCB_NO_I686 cmake -DWINE_DIR="$work/none" -P "$probe" 2>&1)
expect missing "wine-i686: not run: this machine cannot execute 32-bit x86 programs (no 32-bit Wine loader at $work/none/wine)" "$got"
[ "$fail" -eq 0 ] || exit 1
echo "i686 probe: forced, refused and missing loaders each give the one line; here: $(env -u MFCB_NO_I686 cmake -DWINE_DIR=/usr/lib/wine -P "$probe" 2>&1)"
