#!/usr/bin/env bash
# Renders an HTML report in headless Chromium and saves a full-page PNG, to check every chart is
# visible. Usage: scripts/screenshot.sh reports/examples/quota-vs-thresholds.html out.png
set -euo pipefail
html=$(realpath "$1"); png=${2:-${1%.html}.png}
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null
    else echo "install chromium: sudo apt-get install -y chromium" >&2; exit 1; fi
fi
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,9000 \
    --screenshot="$png" "file://$html" 2>/dev/null
echo "wrote $png"
