#!/usr/bin/env bash
# Times `pgcheck check --definition all` on every corpus spec and prints the verdicts per definition.
# Usage: bench/check-corpus.sh [extra pgcheck options, e.g. --timeout-ms 30000 --solver z3-cli]
# Below each spec's line: the Theorem 1 and Theorem 3 offenders per definition and any undecided instructions, to
# compare with shared/REFERENCES.md (tests/.../LiteratureVerdictTests.cs pins the deciding instructions only).
# The issue's targets: each corpus spec under all three definitions in at most 5 s, mips32.isa in 10 s.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
./pgcheck --help > /dev/null   # build once, outside the timings
printf '%-28s %-10s %-22s %-22s %-22s %s\n' spec seconds classic user per-state exit
for spec in isa-specs/pg-machine.isa isa-specs/variants/*.isa isa-specs/riscv.isa isa-specs/s360.isa isa-specs/pdp10.isa \
            isa-specs/mips32.isa isa-specs/x86-protected.isa isa-specs/armv7a.isa; do
  [ -e "$spec" ] || continue
  out=$(mktemp)
  start=$(date +%s.%N)
  ./pgcheck check "$spec" --definition all --format json -o "$out" "$@" 2>/dev/null
  code=$?
  end=$(date +%s.%N)
  verdicts=$(python3 - "$out" <<'PY'
import json, sys
try:
    data = json.load(open(sys.argv[1]))
except Exception:
    print("(no report)"); sys.exit()
def v(x): return {True: "yes", False: "no", None: "?"}[x]
print(" ".join(f"T1={v(d['theorems']['virtualizable'])},T3={v(d['theorems']['hybridVirtualizable'])},T2={v(d['theorems']['recursivelyVirtualizable'])}".ljust(22) for d in data))
for d in data:
    undecided = [i['name'] for i in d['instructions'] if i.get('unknown') and (i['violation'] is None or i['hybridViolation'] is None)]
    print(f"    {d['definition']:9} T1 offenders: {' '.join(d['violations']) or '-'}")
    print(f"    {'':9} T3 offenders: {' '.join(d['hybridViolations']) or '-'}" + (f"; undecided: {' '.join(undecided)}" if undecided else ""))
    if d['internalErrors']: print(f"    {'':9} internal errors: {len(d['internalErrors'])}")
PY
)
  printf '%-28s %-10.1f %s %s\n' "$(basename "$spec")" "$(echo "$end - $start" | bc)" "$(head -1 <<< "$verdicts")" "$code"
  tail -n +2 <<< "$verdicts"
  rm -f "$out"
done
