#!/bin/sh
# CTest oracle check of one FIT file: runaudit's reading (fit_dump) against Garmin's JavaScript
# SDK (sdk_dump.mjs), compared by compare.py. Exits 77 (skipped) when Node.js or the SDK is
# missing (scripts/install-fitsdk.sh installs both).
#   check.sh FIT_DUMP FILE
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null 2>&1; then
  echo "SKIPPED: node not found (scripts/install-fitsdk.sh installs Node.js and the FIT SDK)"
  exit 77
fi
if [ ! -f "$here/node_modules/@garmin/fitsdk/package.json" ]; then
  echo "SKIPPED: @garmin/fitsdk not installed in $here (run scripts/install-fitsdk.sh)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
node "$here/sdk_dump.mjs" "$2" >"$tmp/sdk.json"
"$1" "$2" >"$tmp/ours.json"
python3 "$here/compare.py" "$tmp/sdk.json" "$tmp/ours.json"
