#!/usr/bin/env bash
# Compares runaudit's distance / moving time / elevation gain with gpxpy's on the real-export
# corpus (GPX files only) and writes docs/gpxpy-comparison.md (the table is also printed).
# Installs the Debian package python3-gpxpy when `import gpxpy` fails (apt-get update only then).
#
# Usage: scripts/compare-gpxpy.sh [RUNAUDIT_BINARY [CORPUS_DIR]]
# Defaults (relative to the repository root): build/src/runaudit ../shared/corpus/real
set -euo pipefail
# Arguments given are relative to the caller's directory; the defaults to the repository root.
binary="${1:+$(realpath -m -- "$1")}"
corpus="${2:+$(realpath -m -- "$2")}"
cd "$(dirname "$0")/.."
binary="${binary:-build/src/runaudit}"
corpus="${corpus:-../shared/corpus/real}"

# The Debian package installs into the system interpreter's dist-packages: use /usr/bin/python3
# when present (a python3 earlier on PATH, e.g. pyenv's, would not see it).
python=python3
[ -x /usr/bin/python3 ] && python=/usr/bin/python3

if ! "$python" -c 'import gpxpy' 2>/dev/null; then
  echo "compare-gpxpy: installing python3-gpxpy" >&2
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends python3-gpxpy >/dev/null
fi

exec "$python" scripts/compare-gpxpy.py "$binary" "$corpus"
