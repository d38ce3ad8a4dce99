#!/usr/bin/env bash
# Audits a batch on a Slurm cluster: a job array of N tasks, task K auditing part K of N of the
# inputs into DIR/results-K.jsonl (shard.sh audit), then a merge job, started when every task
# has ended (afterany), that renders DIR/report.FORMAT with `runaudit report --expect-shards N`
# (shard.sh merge): it refuses, naming them, when tasks died without their results. Prints
# the two job ids ("ARRAY MERGE"); logs go to DIR/logs/. docs/cluster.md says how to size N.
#
#   slurm-audit.sh -n N -d DIR [-c CPUS] [-f FORMATS] [-s SBATCH_OPTION]... -- [AUDIT_OPTION...] INPUT...
#
#   -n N         shards (array tasks)
#   -d DIR       new or empty folder for results, reports and logs
#   -c CPUS      CPUs per task, also runaudit's -j (default 1)
#   -f FORMATS   comma-separated report formats (default html)
#   -s OPTION    passed to both sbatch calls, e.g. -s --partition=batch -s --time=1:00:00
#
# DIR, the inputs and this folder must be on a file system every node sees; runaudit must be
# installed on the nodes (RUNAUDIT names it, default: runaudit on PATH). Relative input paths
# are taken from the current folder, as sbatch runs jobs there.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

usage() {
  sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2
  exit 64
}

shards='' dir='' cpus=1 formats=html
sbatch_options=()
while getopts n:d:c:f:s:h option; do
  case $option in
  n) shards=$OPTARG ;;
  d) dir=$OPTARG ;;
  c) cpus=$OPTARG ;;
  f) formats=$OPTARG ;;
  s) sbatch_options+=("$OPTARG") ;;
  *) usage ;;
  esac
done
shift $((OPTIND - 1))
[[ $shards =~ ^[1-9][0-9]*$ && $cpus =~ ^[1-9][0-9]*$ && -n $dir && $# -gt 0 ]] || usage
runaudit=$(command -v "${RUNAUDIT:-runaudit}") || {
  echo "slurm-audit.sh: ${RUNAUDIT:-runaudit} not found (set RUNAUDIT)" >&2
  exit 64
}
mkdir -p "$dir/logs"
dir=$(cd "$dir" && pwd)
if compgen -G "$dir/results-*.jsonl" >/dev/null; then
  # Old shards would stand in for the new run's missing ones.
  echo "slurm-audit.sh: $dir already holds results-*.jsonl: give a new folder" >&2
  exit 64
fi

# The batch scripts, given to sbatch on its standard input; every argument quoted (%q).
quoted() { printf ' %q' "$@"; }
task_script="#!/bin/bash
export RUNAUDIT=$(printf %q "$runaudit")
exec$(quoted "$here/shard.sh" audit)"' "$SLURM_ARRAY_TASK_ID"'"$(quoted "$shards" "$dir" -j "$cpus" "$@")
"
merge_script="#!/bin/bash
export RUNAUDIT=$(printf %q "$runaudit")
exec$(quoted "$here/shard.sh" merge "$shards" "$dir" "$formats")
"

array=$(sbatch --parsable --job-name=runaudit-shards --array="1-$shards" --cpus-per-task="$cpus" \
  --output="$dir/logs/shard-%a.log" "${sbatch_options[@]}" <<<"$task_script")
array=${array%%;*}  # "ID;CLUSTER" on federated clusters
merge=$(sbatch --parsable --job-name=runaudit-merge --dependency="afterany:$array" \
  --kill-on-invalid-dep=yes --output="$dir/logs/merge.log" "${sbatch_options[@]}" \
  <<<"$merge_script")
echo "$array ${merge%%;*}"
