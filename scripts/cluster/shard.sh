#!/usr/bin/env bash
# One step of a sharded audit, the same under every scheduler (slurm-audit.sh,
# parallel-audit.sh; docs/cluster.md):
#
#   shard.sh audit K N DIR [AUDIT_OPTION...] INPUT...
#     Audits part K of N of the inputs into DIR/results-K.jsonl: JSONL with the runs' curves,
#     its first line naming the shard. Exit 0 when the results file was written, also when runs
#     failed their audit or some inputs were unreadable (the results list them); otherwise
#     runaudit's status (64: bad options; 128+SIG: killed, and no results file, since -o is
#     atomic). Sets --shard, --format, --series, --fail-on, --quiet, --progress and -o itself.
#
#   shard.sh merge N DIR FORMATS [REPORT_OPTION...]
#     Renders DIR/results-*.jsonl as DIR/report.FORMAT for each of the comma-separated FORMATS
#     (text, json, jsonl, csv, junit, markdown, html). Refuses with exit 64 when a shard of the
#     N is missing, naming it; else exit 0, or 2 when some inputs were unreadable (listed in
#     the reports). Verdicts do not change the status (--fail-on never): read the report.
#
# RUNAUDIT names the runaudit program (default: runaudit on PATH).
set -euo pipefail
runaudit=${RUNAUDIT:-runaudit}

usage() {
  sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2
  exit 64
}

case ${1:-} in
audit)
  [ $# -ge 5 ] || usage
  k=$2 n=$3 dir=$4
  shift 4
  rc=0
  "$runaudit" --shard "$k/$n" --format jsonl --series --fail-on never --quiet --progress never \
    -o "$dir/results-$k.jsonl" "$@" || rc=$?
  if [ "$rc" -eq 2 ]; then
    echo "shard.sh: shard $k/$n: some inputs are unreadable (listed in the results)" >&2
    rc=0
  fi
  exit "$rc"
  ;;
merge)
  [ $# -ge 4 ] || usage
  n=$2 dir=$3 formats=$4
  shift 4
  shopt -s nullglob
  results=("$dir"/results-*.jsonl)
  if [ ${#results[@]} -eq 0 ]; then
    echo "shard.sh: no results-*.jsonl in $dir: all $n shards are missing" >&2
    exit 64
  fi
  status=0
  for format in ${formats//,/ }; do
    rc=0
    "$runaudit" report --expect-shards "$n" --fail-on never --format "$format" \
      -o "$dir/report.$format" "$@" "${results[@]}" || rc=$?
    [ "$rc" -eq 64 ] && exit 64  # the same for every format
    [ "$rc" -gt "$status" ] && status=$rc
  done
  exit "$status"
  ;;
*)
  usage
  ;;
esac
