#!/usr/bin/env bash
# Installs the Debian 12 packages runaudit needs to build and test, plus any packages named on the
# command line (scripts/bench.sh and scripts/fuzz.sh add their tools). Idempotent: when every
# package is already installed it does nothing (no apt-get update, no network). Needs root.
#   scripts/install-deps.sh [EXTRA_PACKAGE...]
set -euo pipefail

packages=(
  cmake g++ make                   # toolchain (present on the reference machine, listed for safety)
  libpugixml-dev                   # XML parsing (GPX, TCX)
  libboost-program-options-dev     # command line
  libeigen3-dev                    # Kalman smoother linear algebra
  zlib1g-dev                       # .gz inputs
  libarchive-dev                   # .zip, .tar, .tar.gz inputs (exports)
  nlohmann-json3-dev               # JSON output
  catch2                           # unit tests (v2)
  libgeographiclib-dev             # distance oracle in tests
  python3                          # sample generator, corpus fact checks
  clang-format                     # scripts/format.sh --check in the test suite
  git                              # scripts/format.sh lists the tracked sources
  "$@"                             # extra packages asked for by the caller
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
