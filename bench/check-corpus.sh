#!/usr/bin/env bash
# Times `pgcheck check --definition all` on every corpus spec: cold (empty result cache) and warm (a second run of
# the unchanged spec, served from the cache, witnesses replayed again), against the issue's targets: each corpus
# spec under all three definitions in at most 5 s, mips32.isa in at most 10 s under its default definition
# (per-state, the last row; its `all` row is held to 10 s too), a warm run under 1 s. Also prints
# the process CPU time (user + sys), which says what the wall time would be on an idle 2-core machine when the box
# is loaded, and the verdicts per definition.
# Usage: bench/check-corpus.sh [extra pgcheck options, e.g. --timeout-ms 30000]
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
extra=("$@")
./pgcheck --help > /dev/null   # build once, outside the timings
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
export PGCHECK_CACHE_DIR="$cache"
dll="$root/.pgcheck-build/pgcheck.dll"

# Runs one check; prints "wall cpu exit" (seconds, seconds, code). time writes its report to a file of its own,
# since the check's stderr (progress, profile lines) is discarded.
timed() {
  local out=$1; shift
  local tf code wall user sys
  tf=$(mktemp)
  /usr/bin/time -o "$tf" -f "%e %U %S" dotnet "$dll" check "$@" --definition "$definition" --format json -o "$out" > /dev/null 2>/dev/null
  code=$?
  read -r wall user sys < <(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+$' "$tf" | tail -1)
  rm -f "$tf"
  echo "$wall $(echo "$user + $sys" | bc) $code"
}

verdicts() {
  python3 - "$1" <<'PY'
import json, sys
try:
    data = json.load(open(sys.argv[1]))
    if isinstance(data, dict): data = [data]   # one definition: one report
except Exception:
    print("(no report)"); sys.exit()
def v(x): return {True: "yes", False: "no", None: "?"}[x]
print(" ".join(f"T1={v(d['theorems']['virtualizable'])},T3={v(d['theorems']['hybridVirtualizable'])},T2={v(d['theorems']['recursivelyVirtualizable'])}".ljust(20) for d in data),
      f"unknowns={sum(1 for d in data for i in d['instructions'] if i.get('unknown'))}")
PY
}

printf '%-20s %8s %8s %7s %8s %8s %7s  %-62s %s\n' spec cold-s cold-cpu target warm-s warm-cpu exit "verdicts (classic user per-state)" ""
definition=all
rows() {
for spec in "$@"; do
  [ -e "$spec" ] || continue
  target=5; [ "$(basename "$spec")" = mips32.isa ] && target=10
  cold_out=$(mktemp); warm_out=$(mktemp)
  read -r cold cold_cpu code < <(timed "$cold_out" "$spec" "${extra[@]}")
  read -r warm warm_cpu _ < <(timed "$warm_out" "$spec" "${extra[@]}")
  ok() { [ "$(echo "$1 <= $2" | bc)" = 1 ] && echo "ok" || echo "OVER"; }
  same=$(python3 -c "
import json,sys
a,b=([d] if isinstance(d, dict) else d for d in (json.load(open(f)) for f in sys.argv[1:]))
for d in a+b: d.pop('seconds',None)
print('' if a==b else ' (warm report differs!)')" "$cold_out" "$warm_out" 2>/dev/null)
  printf '%-20s %8.1f %8.1f %7s %8.2f %8.2f %7s  %-62s%s\n' "$(basename "$spec" .isa) $definition" "$cold" "$cold_cpu" "$(ok "$cold" $target)/$target" \
    "$warm" "$warm_cpu" "$(ok "$warm" 1)/$code" "$(verdicts "$cold_out")" "$same"
  rm -f "$cold_out" "$warm_out"
done
}
rows isa-specs/pg-machine.isa isa-specs/variants/*.isa isa-specs/riscv.isa isa-specs/s360.isa isa-specs/pdp10.isa \
     isa-specs/mips32.isa isa-specs/x86-protected.isa isa-specs/armv7a.isa
definition=per-state
export PGCHECK_CACHE_DIR="$cache/per-state"   # the `all` row cached mips32's per-state results: start empty
rows isa-specs/mips32.isa
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (wall times are only meaningful on an idle machine; cpu = user + sys)"
