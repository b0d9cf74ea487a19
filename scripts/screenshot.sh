#!/usr/bin/env bash
# Renders an HTML report in headless Chromium and saves a PNG: the full page by default, to check
# every chart is visible, or with --top WIDTH only what a window WIDTH px wide shows first (900 px
# tall), the ten-second read.
# Usage: scripts/screenshot.sh reports/examples/quota-vs-thresholds.html [out.png] [--top 1280]
set -euo pipefail
size=1100,9000
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --top) size="$2,900"; shift 2 ;;
        *) args+=("$1"); shift ;;
    esac
done
html=$(realpath "${args[0]}"); png=${args[1]:-${args[0]%.html}.png}
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null
    else echo "install chromium: sudo apt-get install -y chromium" >&2; exit 1; fi
fi
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$size" \
    --screenshot="$png" "file://$html" 2>/dev/null
echo "wrote $png"
