#!/usr/bin/env bash
# The whole test suite. Builds in release mode (the suite includes long validation runs), then:
#   1. the shipped scenarios against their committed baselines (rapport check, statistical mode);
#   2. the Slurm sweep recipe on a real single-node Slurm (as root; RAPPORT_SKIP_SLURM=1 skips it);
#   3. the Swift Testing suite;
#   4. the web app (rapport serve) in headless Chromium, and a bounded load test on loopback
#      (RAPPORT_SKIP_BROWSER=1 skips them).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/ensure-deps.sh
# One build for the binary and the tests: `swift test` alone would build everything a second time
# with testing enabled (minutes more on a fresh clone, with the server's dependencies).
swift build -c release --build-tests
.build/release/rapport check --baseline reports/baselines --junit .build/rapport-check.xml
if [ "${RAPPORT_SKIP_SLURM:-0}" != 1 ] && [ "$(id -u)" = 0 ]; then
    bash scripts/test-slurm.sh
else
    echo "test.sh: skipping the Slurm recipe test (needs root to start Slurm; run scripts/test-slurm.sh)" >&2
fi
swift test -c release --skip-build
if [ "${RAPPORT_SKIP_BROWSER:-0}" != 1 ]; then
    source scripts/ensure-browser.sh
    python3 Tests/Browser/web_flow.py .build/release/rapport
    python3 scripts/load-test.py .build/release/rapport
else
    echo "test.sh: skipping the browser and load tests (RAPPORT_SKIP_BROWSER=1)" >&2
fi
