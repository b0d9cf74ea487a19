#!/usr/bin/env bash
# The whole test suite: builds in release mode (the tests include long validation runs) and runs
# the Swift Testing suite, then checks the shipped scenarios against their committed baselines.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/ensure-deps.sh
swift build -c release
swift test -c release
# The shipped scenarios must still match their committed baselines (statistical mode).
.build/release/rapport check --baseline reports/baselines --junit .build/rapport-check.xml
