#!/usr/bin/env bash
# The main job on the bundled samples: installs what is missing, builds, audits samples/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh build >&2
exec build/src/runaudit --athletes samples/athletes.csv samples/ "$@"
