#!/bin/sh
# Every example run block in README.md (a fenced block starting with a verdict) is printed, line
# for line, by the README's first set-up command (scripts/run-samples.sh: the samples with their
# athletes file), so the README cannot drift from what the tool prints.
#   readme_examples.sh RUNAUDIT REPOSITORY_ROOT
set -eu
root=$2
cd "$root"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
"$1" --athletes samples/athletes.csv samples/ >"$out" 2>/dev/null || status=$?
[ "$status" -eq 1 ] || { echo "exit status $status, README says 1"; exit 1; }
/usr/bin/python3 - README.md "$out" <<'PY'
import re, sys
readme, out = open(sys.argv[1]).read(), open(sys.argv[2]).read()
blocks = re.findall(r"```\n((?:FAIL|PASS|WARN|UNJUDGED)  .*?)```", readme, re.S)
assert blocks, "no example blocks in README.md"
for b in blocks:
    assert b.strip("\n") in out, "README example not printed:\n" + b
print(len(blocks), "README examples printed as shown")
PY
