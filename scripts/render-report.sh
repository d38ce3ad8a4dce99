#!/usr/bin/env bash
# Renders an HTML report to PNG with headless Chromium, to look at the charts.
#   scripts/render-report.sh REPORT.html OUT.png [WIDTH [HEIGHT]]   (default 1100 x 4000)
# Installs Debian's chromium when missing (root).
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 REPORT.html OUT.png [WIDTH [HEIGHT]]" >&2; exit 64; }
html=$(realpath "$1")
png=$(realpath -m "$2")
width=${3:-1100}
height=${4:-4000}
if ! command -v chromium >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# The flags keep Chromium off the network (the report is self-contained) and quiet.
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$profile" --window-size="$width,$height" \
  --screenshot="$png" "file://$html" >/dev/null 2>&1
echo "$png"
