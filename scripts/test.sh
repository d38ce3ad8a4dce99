#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing (Garmin's FIT SDK under Node.js
# included), builds with warnings as errors and AddressSanitizer + UndefinedBehaviorSanitizer,
# checks formatting, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh build-test -DRUNAUDIT_SANITIZE=address,undefined
scripts/install-fitsdk.sh  # Garmin's FIT SDK, the oracle of the fit.oracle.* tests
scripts/format.sh --check
cd build-test
ctest --output-on-failure -j"${JOBS:-2}"
