#!/usr/bin/env bash
# A stable performance figure: instructions, not seconds. Runs the full platform model (wellbeing,
# stated thresholds, best-fit matching, sick leave, quits, hiring, symptom scores and the return
# decision) on about 1,000 therapists for 8 weeks under callgrind, and prints instructions per
# delivered session and per event, and the functions with the most self cost.
#
# callgrind counts the same for the same binary and input whatever else the machine is doing.
# Valgrind 3.19 cannot read the toolchain's DWARF 5, so the binary is profiled from a copy with the
# debug sections stripped and the symbol table kept: function names, no line numbers.
#
# Usage: Benchmarks/instructions.sh [--top N] [--size THERAPISTS]   (RAPPORT_BIN=… to profile another build)
#
# --size runs the same platform at another headcount, with the same 80/20 split of the two groups
# and 2.4 arrivals a week per therapist (as Benchmarks/growth.py scales it), so that instructions
# per event can be compared across sizes: flat per-event cost shows as equal figures.
set -euo pipefail
cd "$(dirname "$0")/.."
top=12
size=1000
while [ $# -gt 0 ]; do
    case "$1" in
        --top) top=${2:?--top needs a number}; shift 2 ;;
        --size) size=${2:?--size needs a number of therapists}; shift 2 ;;
        *) echo "instructions.sh: unknown option $1 (expected --top N or --size THERAPISTS)" >&2; exit 2 ;;
    esac
done
case "$size" in
    ''|*[!0-9]*) echo "instructions.sh: --size takes a whole number of therapists, not '$size'" >&2; exit 2 ;;
esac
if [ "$size" -lt 5 ]; then echo "instructions.sh: --size must be at least 5 therapists" >&2; exit 2; fi
generalists=$((size * 4 / 5)); specialists=$((size - generalists)); weekly=$((size * 12 / 5))
source scripts/ensure-deps.sh
if ! command -v valgrind >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then apt-get update -qq >/dev/null && apt-get install -y -qq valgrind >/dev/null
    else echo "instructions.sh: valgrind is missing: sudo apt-get install -y valgrind" >&2; exit 1; fi
fi
bin=${RAPPORT_BIN:-}
if [ -z "$bin" ]; then swift build -c release --product rapport >&2; bin=.build/release/rapport; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
strip --strip-debug -o "$work/rapport" "$bin"
valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" "$work/rapport" run scenarios/bench/platform-10k.yaml \
    --set "therapists[0].count=$generalists" --set "therapists[1].count=$specialists" --set "clients.arrivals.rate=$weekly/week" \
    --set horizon=8w --jobs 1 --format json --output "$work/result.json" 2> "$work/valgrind.log"
total=$(grep -o 'Collected : [0-9]*' "$work/valgrind.log" | grep -o '[0-9]*$')
# The simulation alone: the inclusive cost of the replication (the model from its first event to
# its results), without process start-up, argument parsing, scenario loading and report writing.
simulation=$(callgrind_annotate --inclusive=yes "$work/callgrind.out" 2>/dev/null \
    | grep -E '^ *[0-9,]+ \([ 0-9.]+%\) .*Replication[0-9A-Za-z]*3run' | head -n 1 | awk '{gsub(",", "", $1); print $1}')
python3 - "$work/result.json" "$total" "${simulation:-0}" "$size" <<'PY'
import json, sys
result, total, simulation = json.load(open(sys.argv[1])), int(sys.argv[2]), int(sys.argv[3])
v = result["variants"][0]
sessions, events = v["metrics"]["sessions_delivered"]["mean"], v["events"]
print(f"platform, {int(sys.argv[4]):,} therapists, 8 weeks: {total:,} instructions")
print(f"  {sessions:,.0f} sessions delivered: {total / sessions:,.0f} instructions per session")
print(f"  {events:,} events: {total / events:,.0f} instructions per event")
if simulation:
    print(f"  of which the simulation (Replication.run): {simulation:,} instructions, "
          f"{simulation / sessions:,.0f} per session, {simulation / events:,.0f} per event; "
          f"the other {total - simulation:,} are start-up, parsing, loading and writing")
PY
echo "top functions by self cost:"
callgrind_annotate "$work/callgrind.out" 2>/dev/null | grep -E '^ *[0-9,]+ \([ 0-9.]+%\) ' | grep -v 'PROGRAM TOTALS' | head -n "$top" \
    | while IFS= read -r line; do
        cost=${line%%)*}; symbol=${line#*:}; symbol=${symbol%% \[*}
        printf '  %s)  %s\n' "$cost" "$(swift demangle --simplified --compact "$symbol" 2>/dev/null | cut -c1-110)"
      done
