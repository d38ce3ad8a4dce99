#!/usr/bin/env bash
# Installs missing dependencies, then configures and builds runaudit.
#   scripts/build.sh [BUILD_DIR [extra cmake -D options...]]   (default BUILD_DIR: build)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
dir=${1:-build}
shift || true
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRUNAUDIT_WARNINGS_AS_ERRORS=ON "$@" >/dev/null
cmake --build "$dir" -j"${JOBS:-2}"
