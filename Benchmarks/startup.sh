#!/usr/bin/env bash
# Start-up cost: what `rapport` spends before and around a small job, for CI runs of many small
# scenarios and for sweeps on clusters. For each command below it prints
#   - callgrind's instruction count (the same for the same binary and input, whatever else the
#     machine is doing: compare builds with it), and
#   - `perf stat -r N -e task-clock` milliseconds (CPU time of the process, mean of N runs; this
#     moves with the machine's load, so read it beside the instruction count).
# Commands: `rapport --version` (argument parsing and the process itself), `rapport validate` of
# the M/M/c benchmark scenario (plus reading a small scenario), of the platform baseline scenario
# (a scenario with every section), and `rapport run` of the M/M/c benchmark cut to 1,000 arrivals
# (the fixed cost of a run: parsing its many options, loading, a simulation of about 3 M
# instructions, the report).
#
# Valgrind 3.19 cannot read the toolchain's DWARF 5, so callgrind runs on a copy with the debug
# sections stripped and the symbol table kept.
#
# Usage: Benchmarks/startup.sh [--keep DIR]   (RAPPORT_BIN=… to measure another build,
#        STARTUP_RUNS=N perf runs per command, default 50; --keep DIR keeps the callgrind files,
#        one per command, for callgrind_annotate)
set -euo pipefail
cd "$(dirname "$0")/.."
keep=""
[ "${1:-}" = --keep ] && keep=${2:?"--keep needs a folder"}
runs=${STARTUP_RUNS:-50}
source scripts/ensure-deps.sh
need() {  # need COMMAND DEBIAN-PACKAGE
    command -v "$1" >/dev/null 2>&1 && return 0
    if [ "$(id -u)" = 0 ]; then apt-get update -qq >/dev/null && apt-get install -y -qq "$2" >/dev/null
    else echo "startup.sh: $1 is missing: sudo apt-get install -y $2" >&2; exit 1; fi
}
need valgrind valgrind
need perf linux-perf
bin=${RAPPORT_BIN:-}
if [ -z "$bin" ]; then swift build -c release --product rapport >&2; bin=.build/release/rapport; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
strip --strip-debug -o "$work/rapport" "$bin"
[ -n "$keep" ] && mkdir -p "$keep"

commands=(
    "--version"
    "validate scenarios/bench/mmc.yaml"
    "validate scenarios/baseline.yaml"
    "run scenarios/bench/mmc.yaml --set stop_after_arrivals=1000"
)
printf '| Command | Instructions (callgrind) | task-clock (perf stat -r %s) |\n|---|---|---|\n' "$runs"
for i in "${!commands[@]}"; do
    read -r -a args <<< "${commands[$i]}"
    out="$work/callgrind.$i"
    valgrind --tool=callgrind --callgrind-out-file="$out" "$work/rapport" "${args[@]}" > /dev/null 2> "$work/valgrind.log"
    instructions=$(grep -o 'Collected : [0-9]*' "$work/valgrind.log" | grep -o '[0-9]*$')
    [ -n "$keep" ] && cp "$out" "$keep/callgrind.$i.out"
    # perf prints "  4.55 msec task-clock  #  … ( +-  0.37% )"; keep the mean and its spread.
    perf stat -r "$runs" -e task-clock "$bin" "${args[@]}" > /dev/null 2> "$work/perf.log"
    ms=$(awk '/task-clock/ { for (f = 1; f <= NF; f++) if ($f == "+-") spread = $(f + 1); print $1 " ms (± " spread ")"; exit }' "$work/perf.log")
    printf '| `rapport %s` | %s | %s |\n' "${commands[$i]}" "$(sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<< "$instructions")" "$ms"
done
echo
built="built from the working tree at $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
[ -n "${RAPPORT_BIN:-}" ] && built="prebuilt"
echo "binary: $bin ($built); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -n "$keep" ] && echo "callgrind files: $keep/callgrind.{0,1,2,3}.out (callgrind_annotate --inclusive=yes FILE | swift demangle --simplified)"
exit 0
