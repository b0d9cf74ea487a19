#!/usr/bin/env bash
# Installs what the web app's browser and load tests need (Chromium, its WebDriver, Selenium), or
# says exactly what to install. Sourced by ./test.sh; safe to run again.
set -euo pipefail

need_chromium() { ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; }
need_selenium() { ! python3 -c "import selenium" >/dev/null 2>&1; }

if need_chromium; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "rapport: installing chromium and chromium-driver with apt-get (browser tests)…" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null
        apt-get install -y -qq chromium chromium-driver >/dev/null
    else
        echo "rapport: the browser tests need Chromium and its driver." >&2
        echo "  Install them, then run this again:  sudo apt-get install -y chromium chromium-driver" >&2
        echo "  (or set RAPPORT_SKIP_BROWSER=1 to skip the browser and load tests)" >&2
        exit 1
    fi
fi
if need_selenium; then
    echo "rapport: installing selenium with pip (browser tests)…" >&2
    if ! python3 -m pip install -q selenium >/dev/null 2>&1; then
        echo "rapport: could not install selenium; run:  python3 -m pip install selenium" >&2
        exit 1
    fi
fi
