#!/usr/bin/env bash
# Audits a batch with GNU parallel: N shards, J at a time (each shard one runaudit -j 1, so J
# shards use J cores), on this machine or, with -S, on others over ssh; then renders
# DIR/report.FORMAT with `runaudit report --expect-shards N`, which refuses, naming them, when
# shards died without their results (shard.sh). Exit status: the merge's (0; 2: some inputs
# unreadable; 64: a shard missing).
#
#   parallel-audit.sh -n N -d DIR [-j J] [-f FORMATS] [-S SSHLOGINS] -- [AUDIT_OPTION...] INPUT...
#
#   -n N          shards
#   -d DIR        new or empty folder for results and reports
#   -j J          shards at once on each machine (default: its CPUs)
#   -f FORMATS    comma-separated report formats (default html)
#   -S SSHLOGINS  GNU parallel's --sshlogin, e.g. :,node1,node2 (":" is this machine); DIR, the
#                 inputs and this folder must then be at the same paths on every machine
#
# RUNAUDIT names the runaudit program (default: runaudit on PATH).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

usage() {
  sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2
  exit 64
}

shards='' dir='' jobs='100%' formats=html
remote=()
while getopts n:d:j:f:S:h option; do
  case $option in
  n) shards=$OPTARG ;;
  d) dir=$OPTARG ;;
  j) jobs=$OPTARG ;;
  f) formats=$OPTARG ;;
  S) remote=(--sshlogin "$OPTARG" --env RUNAUDIT) ;;
  *) usage ;;
  esac
done
shift $((OPTIND - 1))
[[ $shards =~ ^[1-9][0-9]*$ && -n $dir && $# -gt 0 ]] || usage
command -v parallel >/dev/null || {
  echo "parallel-audit.sh: GNU parallel is not installed (Debian: apt-get install parallel)" >&2
  exit 64
}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
if compgen -G "$dir/results-*.jsonl" >/dev/null; then
  # Old shards would stand in for the new run's missing ones.
  echo "parallel-audit.sh: $dir already holds results-*.jsonl: give a new folder" >&2
  exit 64
fi
export RUNAUDIT=${RUNAUDIT:-runaudit}

# --quote keeps every argument whole; a failed shard is left to the merge to name.
seq 1 "$shards" | parallel --will-cite --quote --halt never --jobs "$jobs" "${remote[@]}" \
  "$here/shard.sh" audit '{}' "$shards" "$dir" -j 1 "$@" ||
  echo "parallel-audit.sh: $? shards failed" >&2
exec "$here/shard.sh" merge "$shards" "$dir" "$formats"
