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
  libdeflate-dev pkgconf           # zip members inflated (2-3x zlib), found with pkg-config
  nlohmann-json3-dev               # JSON output
  libhowardhinnant-date-dev tzdata # IANA time zones (athletes' local time) and their database
  libicu-dev                       # Unicode NFC: athlete names from macOS folders match the CSV
  catch2                           # unit tests (v2)
  libgeographiclib-dev             # distance oracle in tests
  python3                          # sample generator, corpus fact checks
  clang-format                     # scripts/format.sh --check in the test suite
  git                              # scripts/format.sh lists the tracked sources
  help2man                         # the man page, made from --help at build time
  dpkg-dev                         # dpkg-shlibdeps: the Debian package's Depends (CPack)
  man-db                           # tests/cluster/package.sh reads the man page
  slurm-wlm munge                  # tests/cluster/slurm.sh: a real single-node Slurm
  parallel                         # tests/cluster/parallel.sh: the GNU parallel recipe
  python3-yaml                     # tests/cluster/k8s.py parses the Kubernetes manifests
  chromium python3-websocket       # tests/browser: the HTML report in a real browser (DevTools)
  "$@"                             # extra packages asked for by the caller
)

# Node.js runs Garmin's FIT SDK, the oracle of the FIT tests (scripts/install-fitsdk.sh); a
# machine with its own `node` (e.g. from NodeSource) keeps it.
command -v node >/dev/null || packages+=(nodejs npm)

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
