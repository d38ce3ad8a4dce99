#!/usr/bin/env bash
# The cluster tests' batch (CTest fixture cluster.batch): a few hundred short runs of six
# athletes as GPX and TCX (scripts/bench/make-batch.py), one single-process audit of it as JSONL
# and its `runaudit report` in every format, which the sharded runs must reproduce byte for
# byte; in the formats where they are known to agree, also the direct audit (common.sh).
#   batch.sh RUNAUDIT SOURCE_DIR BATCH_DIR
set -euo pipefail
runaudit=$1 source_dir=$2 batch=$3
. "$(dirname "$0")/common.sh"
command -v python3 >/dev/null || fail "python3 is not installed (scripts/install-deps.sh installs it)"
rm -rf "$batch"
python3 "$source_dir/scripts/bench/make-batch.py" "$batch" --files 150 --minutes 6 --long 0 \
  --athletes 6 --jobs 2
read -ra inputs <<<"$(batch_inputs "$batch")"
"$runaudit" -q --fail-on never --series -f jsonl -o "$batch/single.jsonl" "${inputs[@]}"
runs=$(grep -c '"record":"run"' "$batch/single.jsonl")
[ "$runs" -eq 300 ] || fail "expected 300 runs in the batch, found $runs"
for format in "${formats[@]}"; do
  "$runaudit" report --fail-on never -f "$format" -o "$batch/report.$format" "$batch/single.jsonl"
done
for format in "${exact_formats[@]}"; do
  "$runaudit" -q --fail-on never --series -f "$format" -o "$batch/direct.$format" "${inputs[@]}"
  cmp "$batch/direct.$format" "$batch/report.$format" ||
    fail "runaudit report of the JSONL differs from the direct audit in $format"
done
echo "runaudit report of the single-process JSONL equals its direct audit: ${exact_formats[*]}"
