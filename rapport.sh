#!/usr/bin/env bash
# The main job: builds Rapport (release) and runs the baseline scenario, printing its results and
# writing reports under reports/. Any other arguments are passed to `rapport` instead, e.g.
#   ./rapport.sh run scenarios/quota-vs-thresholds.yaml --format html --output reports/q.html
set -euo pipefail
cd "$(dirname "$0")"
source scripts/ensure-deps.sh
swift build -c release --product rapport >&2
# `rapport serve` hands over to the web app's own executable, built beside `rapport`.
if [ "${1:-}" = serve ]; then swift build -c release --product rapport-server >&2; fi
bin=".build/release/rapport"
if [ $# -gt 0 ]; then exec "$bin" "$@"; fi
"$bin" run scenarios/baseline.yaml --format json --output reports/baseline.json
"$bin" report reports/baseline.json --format html --output reports/baseline.html
"$bin" report reports/baseline.json --format markdown --output reports/baseline.md
"$bin" report reports/baseline.json --format text
