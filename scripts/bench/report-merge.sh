#!/usr/bin/env bash
# The cost of `runaudit report` (the merge of shards; docs/cluster.md, "The merge"): wall time,
# CPU time and peak RSS (GNU time) per format and per runaudit binary, over generated results.
# The results: a batch of six-minute runs (scripts/bench/make-batch.py) audited once as JSONL,
# whose run lines scripts/cluster/make-results.py repeats as RUNS distinct runs of ATHLETES
# athletes in SHARDS shard files (each athlete in one shard, as --shard splits them).
#   scripts/bench/report-merge.sh [--runs N] [--athletes A] [--shards S] [--no-series]
#       [--gpx-only] [--formats "text csv ..."] [--work DIR] [--runaudit BIN]...
#       [--check-bounded MB]
#   --runs N         runs in all (default 1000000)
#   --no-series      run lines without curves (default: with, as the shards for HTML are)
#   --gpx-only       the template from the batch's GPX files alone, every run audited (default:
#                    GPX and TCX, the same runs: half are skipped as duplicates)
#   --runaudit BIN   a binary to measure; several to compare (default: build-bench/src/runaudit,
#                    built here)
#   --check-bounded MB  instead of the table: merges N/10 and N runs in the streaming formats
#                    (text json jsonl csv) and fails (exit 1) when the peak RSS grew by more
#                    than MB megabytes: the merge must not hold the runs.
# Prints a Markdown table (or the check's lines). Never fails on time.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=1000000 athletes=500 shards=100 series=--series inputs="gpx tcx"
work=${TMPDIR:-/tmp}/runaudit-report-bench
formats="text json jsonl csv junit markdown html" bounded='' binaries=() paths=()
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=${2:?}; shift ;;
    --athletes) athletes=${2:?}; shift ;;
    --shards) shards=${2:?}; shift ;;
    --no-series) series='' ;;
    --gpx-only) inputs=gpx ;;
    --formats) formats=${2:?}; shift ;;
    --work) work=${2:?}; shift ;;
    --runaudit) binaries+=("$(realpath "${2:?}")"); shift ;;
    --check-bounded) bounded=${2:?}; shift ;;
    *) echo "report-merge.sh: unknown argument $1" >&2; exit 64 ;;
  esac
  shift
done
say() { printf 'bench report: %s\n' "$*" >&2; }
if [ ${#binaries[@]} -eq 0 ]; then
  scripts/build.sh build-bench -DRUNAUDIT_BUILD_TESTS=OFF >&2
  binaries=("$PWD/build-bench/src/runaudit")
fi
mkdir -p "$work"
variant=${series:+series}  # names the template and results: series, gpx-series, gpx, none
[ "$inputs" = gpx ] && variant=gpx${variant:+-$variant}
template=$work/template${variant:+-$variant}.jsonl
if [ ! -s "$template" ]; then
  say "auditing the template batch (300 six-minute runs of 6 athletes, as $inputs)"
  [ -d "$work/batch" ] || python3 scripts/bench/make-batch.py "$work/batch" --files 300 \
    --minutes 6 --long 0 --athletes 6 --jobs 1 >&2
  for input in $inputs; do paths+=("$work/batch/$input"); done
  "${binaries[0]}" -q --fail-on never $series -f jsonl -o "$template" "${paths[@]}"
fi

# results N: the folder of N generated runs' shard files (made once).
results() {
  local dir=$work/results-$1${variant:+-$variant}
  if [ ! -s "$dir/results-$shards.jsonl" ]; then
    say "writing $1 runs in $shards shards"
    rm -rf "$dir"
    python3 scripts/cluster/make-results.py "$template" "$dir" --runs "$1" \
      --athletes "$athletes" --shards "$shards" >&2
  fi
  echo "$dir"
}

# measure BIN FORMAT DIR: "wall_s cpu_s peak_rss_kib output_bytes" of one merge; output_bytes
# is "refused" when the merge stopped with an error (said on stderr: HTML past its limit).
measure() {
  local out=$work/out.$2 stats=$work/time.txt bytes
  if /usr/bin/time -f '%e %U %S %M' -o "$stats" "$1" report \
    --fail-on never --expect-shards "$shards" -f "$2" -o "$out" "$3"/results-*.jsonl \
    2>"$work/stderr.txt"; then
    bytes=$(stat -c %s "$out")
  else
    bytes=refused
    head -c 300 "$work/stderr.txt" >&2
  fi
  read -r wall user sys rss < <(tail -1 "$stats")  # after "Command exited with ..." if it failed
  echo "$wall $(echo "$user + $sys" | bc) $rss $bytes"
  rm -f "$out"
}

if [ -n "$bounded" ]; then
  small=$(results $((runs / 10))) large=$(results "$runs") status=0
  for bin in "${binaries[@]}"; do
    for format in text json jsonl csv; do
      read -r _ _ a _ <<<"$(measure "$bin" "$format" "$small")"
      read -r _ _ b _ <<<"$(measure "$bin" "$format" "$large")"
      growth=$(((b - a) / 1024))
      verdict=ok
      [ "$growth" -le "$bounded" ] || { verdict=FAIL; status=1; }
      echo "$verdict $format: peak RSS $((a / 1024)) MB at $((runs / 10)) runs, $((b / 1024)) MB" \
        "at $runs runs (+$growth MB; at most +$bounded MB)"
    done
  done
  exit $status
fi

dir=$(results "$runs")
size=$(cat "$dir"/results-*.jsonl | wc -c)
echo "$runs runs of $athletes athletes in $shards files, $((size / 1000000)) MB of JSONL" \
  "(${series:-no curves}${series:+ with curves})"
echo
echo "| runaudit | format | wall | CPU | peak RSS | output |"
echo "|---|---|---|---|---|---|"
for bin in "${binaries[@]}"; do
  for format in $formats; do
    read -r wall cpu rss bytes <<<"$(measure "$bin" "$format" "$dir")"
    [ "$bytes" = refused ] || bytes="$((bytes / 1000000)) MB"
    echo "| $bin | $format | $wall s | $cpu s | $((rss / 1024)) MB | $bytes |"
  done
done
