#!/usr/bin/env bash
# scripts/cluster/parallel-audit.sh runs the cluster batch as 5 shards with GNU parallel (-j 2)
# on this machine: the merged report, in every format, is byte-identical to the single-process
# audit. Then a shard's results file is deleted: `shard.sh merge` (runaudit report
# --expect-shards 5) refuses with exit 64 and names it. Skips (exit 77) without GNU parallel.
#   parallel.sh RUNAUDIT SOURCE_DIR BATCH_DIR WORK_DIR
set -euo pipefail
runaudit=$1 source_dir=$2 batch=$3 work=$4
. "$(dirname "$0")/common.sh"
command -v parallel >/dev/null || skip "GNU parallel is not installed (scripts/install-deps.sh)"
rm -rf "$work"
read -ra inputs <<<"$(batch_inputs "$batch")"
export RUNAUDIT=$runaudit
"$source_dir/scripts/cluster/parallel-audit.sh" -n 5 -j 2 -d "$work" -f "$(format_list)" -- \
  "${inputs[@]}"
same_reports "$batch" "$work"

rm "$work/results-4.jsonl"
rc=0
"$source_dir/scripts/cluster/shard.sh" merge 5 "$work" html 2>"$work/merge.err" || rc=$?
[ "$rc" -eq 64 ] || fail "merge without shard 4 exited $rc, not 64: $(cat "$work/merge.err")"
grep -q "incomplete results: shard 4 of 5 is missing" "$work/merge.err" ||
  fail "the merge does not name shard 4: $(cat "$work/merge.err")"
echo "without results-4.jsonl: $(head -n 1 "$work/merge.err")"
