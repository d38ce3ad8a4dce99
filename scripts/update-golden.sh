#!/usr/bin/env bash
# Regenerates tests/golden/samples.* from the current build. Review `git diff tests/golden`
# before committing: every change there is a change users will see.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/src/runaudit}
for format in text json jsonl csv junit markdown html; do
  "$bin" --fail-on never --athletes samples/athletes.csv -j 2 -f "$format" \
    -o "tests/golden/samples.$format" samples
done
git status --short tests/golden
