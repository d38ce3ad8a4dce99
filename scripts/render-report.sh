#!/usr/bin/env bash
# Renders an HTML report to a PNG of the whole page with headless Chromium, to look at it.
#   scripts/render-report.sh REPORT.html OUT.png [WIDTH [TOP:HEIGHT]]
# WIDTH: of the window (default 1100 px); TOP:HEIGHT: only that part of the page (CSS px).
# Chromium (Debian's) runs off the network with a fresh profile and is stopped afterwards
# (scripts/browser.py, Debian's python3 with python3-websocket); both are installed by
# scripts/install-deps.sh when missing (root). More: /usr/bin/python3 scripts/browser.py --help
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 REPORT.html OUT.png [WIDTH [TOP:HEIGHT]]" >&2; exit 64; }
exec /usr/bin/python3 "$(dirname "$0")/browser.py" render "$1" "$2" --width "${3:-1100}" \
  ${4:+--clip "$4"}
