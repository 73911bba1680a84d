#!/usr/bin/env bash
# For humans: builds the guest programs into OUT (default ./out) and, with --run, runs each on QEMU and
# compares with its expected.txt. The tests do not use this script: their build recipe is in
# tests/Virtualizability.Guests.Tests/GuestBuild.cs (keep the two in step).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-$here/out}
run=0
[ "${1:-}" = --run ] && run=1
cflags="-march=mips32r2 -EL -msoft-float -ffreestanding -nostdlib -fno-pic -mno-abicalls -G0 -O2 -Wall -Wextra -Werror -fno-tree-loop-distribute-patterns -fno-asynchronous-unwind-tables"
ldflags="-static -no-pie -nostdlib -Wl,--build-id=none -Wl,--fatal-warnings"
common="common/start.S common/vectors.S common/runtime.c"
declare -A sources=(
  [arith-sort]="arith-sort/main.c"
  [exceptions]="exceptions/tests.S exceptions/main.c"
  [kernel-user]="kernel-user/refill.S kernel-user/kernel.c kernel-user/task.c"
  [crc-bench]="crc-bench/main.c"
  [user-compute]="user-compute/kernel.c user-compute/task.c"
  [asid-wrap]="asid-wrap/start.S asid-wrap/main.c"
)
for program in arith-sort exceptions kernel-user crc-bench user-compute asid-wrap; do
  dir=$out/$program
  mkdir -p "$dir"
  objects=()
  own=$common
  [ $program = asid-wrap ] && own=""   # its own start-up and runtime
  for source in $own ${sources[$program]}; do
    object=$dir/$(basename "${source%.*}").o
    mipsel-linux-gnu-gcc $cflags -c -o "$object" "$here/$source"
    objects+=("$object")
  done
  script=$here/common/link.ld
  [ -f "$here/$program/link.ld" ] && script=$here/$program/link.ld
  mipsel-linux-gnu-gcc $cflags $ldflags -T "$script" -o "$dir/$program.elf" "${objects[@]}"
  echo "built $dir/$program.elf"
  if [ $run = 1 ]; then
    timeout 60 qemu-system-mipsel -M malta -cpu 24Kc -nographic -no-reboot -kernel "$dir/$program.elf" > "$dir/qemu.txt"
    if cmp -s "$dir/qemu.txt" "$here/$program/expected.txt"; then echo "  QEMU output matches"; else echo "  QEMU output DIFFERS: $dir/qemu.txt"; fi
  fi
done
