#!/usr/bin/env bash
# Regenerates the example reports under reports/examples/ from the shipped scenarios.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
swift build -c release --product rapport >&2
bin=.build/release/rapport
out=reports/examples
mkdir -p "$out"
for name in quota-vs-thresholds matching baseline; do
    "$bin" run "scenarios/$name.yaml" --format json --output "$out/$name.json"
    for format in html markdown csv; do
        ext=$format; [ "$format" = markdown ] && ext=md
        "$bin" report "$out/$name.json" --format "$format" --output "$out/$name.$ext"
    done
done
"$bin" sensitivity scenarios/quota-vs-thresholds.yaml --variant fixed-quota-7 --metric burnout_risk_share \
    --replications 5 --format json --output "$out/sensitivity-fixed-quota.json"
"$bin" report "$out/sensitivity-fixed-quota.json" --format html --output "$out/sensitivity-fixed-quota.html"
