#!/usr/bin/env bash
# Installs what Rapport needs to build, or says exactly what to install.
# Sourced by ./rapport.sh and ./test.sh; safe to run again.
set -euo pipefail

need_gsl() { ! pkg-config --exists gsl 2>/dev/null || [ ! -f /usr/include/gsl/gsl_rng.h ]; }

if need_gsl || ! command -v pkg-config >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "rapport: installing libgsl-dev and pkg-config with apt-get…" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null
        apt-get install -y -qq libgsl-dev pkg-config >/dev/null
    else
        echo "rapport: the GNU Scientific Library is missing." >&2
        echo "  Install it, then run this again:  sudo apt-get install -y libgsl-dev pkg-config" >&2
        exit 1
    fi
fi

if ! command -v swift >/dev/null 2>&1; then
    if [ -x /opt/swift/usr/bin/swift ]; then
        export PATH="/opt/swift/usr/bin:$PATH"
    else
        echo "rapport: Swift 6 is missing; install it from swift.org and put it on PATH." >&2
        exit 1
    fi
fi
