#!/usr/bin/env bash
# Installs Garmin's JavaScript FIT SDK (@garmin/fitsdk, the oracle of the FIT decoder tests) at
# the version pinned in tests/oracle/package-lock.json into tests/oracle/node_modules (ignored
# by git), with `npm ci`. Installs Node.js and npm first when `node` is missing (Debian 12:
# scripts/install-deps.sh). Does nothing when that version is already installed.
#   scripts/install-fitsdk.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v node >/dev/null && command -v npm >/dev/null || scripts/install-deps.sh nodejs npm
dir=tests/oracle
wanted=$(node -e 'console.log(require(process.argv[1]).packages["node_modules/@garmin/fitsdk"].version)' \
  "$PWD/$dir/package-lock.json")
installed=$(node -e 'try { console.log(require(process.argv[1]).version) } catch { console.log("") }' \
  "$PWD/$dir/node_modules/@garmin/fitsdk/package.json")
[ "$installed" = "$wanted" ] && exit 0
echo "install-fitsdk: npm ci in $dir (@garmin/fitsdk $wanted)" >&2
npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
