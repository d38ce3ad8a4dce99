#!/bin/sh
# tests/browser: renders the samples' HTML report, then checks it in Chromium, on a desktop's
# window and on a phone's.
#   samples_report.sh RUNAUDIT SOURCE_DIR WORK_DIR
set -eu
bin=$1 src=$2 work=$3
mkdir -p "$work"
"$bin" --fail-on never -q --athletes "$src/samples/athletes.csv" -f html -o "$work/samples.html" \
  "$src/samples"
/usr/bin/python3 "$src/scripts/browser.py" check "$work/samples.html" "$work/samples.png"
# And on a phone (390 px: an iPhone's width in CSS pixels).
exec /usr/bin/python3 "$src/scripts/browser.py" check "$work/samples.html" "$work/phone.png" \
  --width 390
