#!/usr/bin/env bash
# The benchmark of issue 9. Generates a realistic batch in a temporary folder (scripts/bench/
# make-batch.py: one-hour runs at 1 s with heart rate and cadence, each one distinct, plus a few
# four-hour runs, as Garmin Connect GPX and as Garmin TCX, in athlete folders) and times on the
# same files, with hyperfine (medians) and GNU time (peak RSS):
#   runaudit -f jsonl -j1 and -j2 (the full audit);
#   gpxpy (parse, length_3d, uphill/downhill, moving data; one Python process), GPX only;
#   GPSBabel GPX→CSV, a process per file as a shell user runs it, GPX only;
#   the floors: reading the bytes, and pugixml alone (scripts/bench/floor.cpp, built here), also
#   as two processes on halves of the batch (what the machine's two cores give at best);
# and peak RSS of `runaudit -j2` at two batch sizes (hard links). Prints a Markdown table with the
# issue's targets as ratios and PASS/FAIL (scripts/bench/report.py). Never fails on a FAIL.
# Then scripts/bench/formats.sh: the same kind of runs as FIT beside GPX (full audit, decoding
# against GPSBabel and Garmin's FIT SDK) and a zip of the batch beside the folder.
#
#   scripts/bench.sh [--quick] [--files N] [--runs R] [--seed S] [--markdown FILE]
#     --files N        one-hour runs per format (default 200; 1000 for the big batch)
#     --runs R         rounds, each timing every command once, after a warm-up round (default 5);
#                      gpxpy and GPSBabel, which take minutes, run in the first min(R, 3) rounds
#     --quick          10 files, 1 run, memory check at 20 and 100 files: checks the script
#     --markdown FILE  also write the table to FILE
# Installs what is missing (Debian: hyperfine, gpsbabel, python3-gpxpy, time) and builds
# runaudit (RelWithDebInfo) in build-bench/. Progress goes to stderr, the table to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."

files=200 long=4 runs=5 seed=9 markdown='' mem_small=100 mem_large=1000
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit "$1"; }
while [ $# -gt 0 ]; do
  case $1 in
    --quick) files=10 long=1 runs=1 mem_small=20 mem_large=100 ;;
    --files) files=${2:?--files needs a number}; shift ;;
    --runs) runs=${2:?--runs needs a number}; shift ;;
    --seed) seed=${2:?--seed needs a number}; shift ;;
    --markdown) markdown=${2:?--markdown needs a file}; shift ;;
    -h | --help) usage 0 ;;
    *) echo "bench: unknown argument $1" >&2; usage 64 ;;
  esac
  shift
done
slow_runs=$((runs < 3 ? runs : 3))

say() { printf 'bench: %s\n' "$*" >&2; }
scripts/install-deps.sh hyperfine gpsbabel python3-gpxpy time >&2
say "building runaudit in build-bench/"
scripts/build.sh build-bench -DRUNAUDIT_BUILD_TESTS=OFF -DRUNAUDIT_BUILD_BENCH=ON >&2
runaudit=$PWD/build-bench/src/runaudit

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/json" "$work/rss" "$work/csv"
g++ -O2 -std=c++20 -o "$work/floor" scripts/bench/floor.cpp -lpugixml

say "generating $files one-hour and $long four-hour runs per format (seed $seed)"
/usr/bin/python3 scripts/bench/make-batch.py "$work/batch" --files "$files" --long "$long" \
  --seed "$seed" >&2
facts=$work/facts
printf '%s %s\n' one_hour "$files" long "$long" runs "$runs" slow_runs "$slow_runs" >"$facts"
for fmt in gpx tcx; do
  read -r n bytes points < <("$work/floor" parse "$work/batch/$fmt")
  largest=$(find "$work/batch/$fmt" -type f -printf '%s\n' | sort -n | tail -n 1)
  printf '%s %s\n' "${fmt}_files" "$n" "${fmt}_bytes" "$bytes" "${fmt}_points" "$points" \
    "${fmt}_largest" "$largest" >>"$facts"
done

# This machine's speed drifts by tens of percent from minute to minute (a shared host): the
# tools are timed in rounds, each round running every command once, so a slow spell slows all of
# them alike: each ratio is the median of the ratios within a round (scripts/bench/report.py).
# One warm-up run of each fast command first.
once() {  # once NAME CMD...: one run, its seconds appended to times/NAME, its peak RSS to rss/NAME
  local name=$1
  shift
  hyperfine --shell bash --style none --runs 1 --export-json "$work/one.json" --command-name "$name" \
    "/usr/bin/time -f %M -a -o $work/rss/$name $(printf '%q ' "$@")" >/dev/null
  /usr/bin/python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["results"][0]["times"][0])' \
    "$work/one.json" >>"$work/times/$name"
}
fast() {  # fast SUFFIX JOBS...: the runaudit (-j in the order given) and floor commands
  local suffix=$1
  shift
  for fmt in gpx tcx; do
    dir=$work/batch/$fmt
    for j in "$@"; do
      once "ra_j${j}_$fmt$suffix" "$runaudit" -q --fail-on never -f jsonl "-j$j" "$dir"
    done
    once "read_$fmt$suffix" "$work/floor" read "$dir"
    once "pugixml_$fmt$suffix" "$work/floor" parse "$dir"
    # shellcheck disable=SC2016  # $1.. belong to the inner sh
    once "pugixml2_$fmt$suffix" sh -c '"$1" parse "$2" >/dev/null & p=$!; "$1" parse "$3" >/dev/null && wait "$p"' \
      sh "$work/floor" "$work/halves/$fmt/a" "$work/halves/$fmt/b"
  done
}
# What two cores give on this machine with no shared process: the floor in two processes, each
# on half of the files (every other file, so each half has two of the four-hour runs).
halves=(a b)
for fmt in gpx tcx; do
  i=0
  while IFS= read -r file; do
    half=$work/halves/$fmt/${halves[i % 2]}
    mkdir -p "$half"
    ln "$file" "$half/$i-$(basename "$file")"
    i=$((i + 1))
  done < <(find "$work/batch/$fmt" -type f | sort)
done
# As a user scripts it: one gpsbabel per file, a CSV beside each name in a mirrored folder tree.
# -t: tracks (without it the CSV of a track file is a header line only).
(cd "$work/batch/gpx" && find . -mindepth 1 -type d -exec mkdir -p "$work/csv/{}" \;)
mkdir -p "$work/times"
say "warm-up"
fast _warmup 1 2
for ((round = 1; round <= runs; round++)); do
  say "round $round of $runs"
  # -j1 and -j2 take turns going first, so a drift within a round favours neither.
  if ((round % 2)); then fast "" 1 2; else fast "" 2 1; fi
  if ((round <= slow_runs)); then
    once gpxpy_gpx /usr/bin/python3 scripts/bench/gpxpy-batch.py "$work/batch/gpx"
    # shellcheck disable=SC2016  # $1, $2 belong to the inner sh
    once gpsbabel_gpx sh -c 'cd "$1" && find . -name "*.gpx" -print0 |
      xargs -0 -P1 -I{} gpsbabel -t -i gpx -f {} -o unicsv -F "$2/{}.csv"' sh "$work/batch/gpx" "$work/csv"
  fi
done
# Medians in hyperfine's JSON layout, which scripts/bench/report.py reads.
for f in "$work"/times/*; do
  name=$(basename "$f")
  [[ $name == *_warmup ]] && continue
  /usr/bin/python3 -c 'import json, statistics, sys
times = [float(line) for line in open(sys.argv[1])]
json.dump({"results": [{"median": statistics.median(times), "times": times}]}, open(sys.argv[2], "w"))' \
    "$f" "$work/json/$name.json"
done

# Memory against batch size: the one-hour GPX files, hard-linked round-robin up to each size.
mapfile -t one_hour < <(find "$work/batch/gpx" -name '*.gpx' ! -name '*-4h.gpx' | sort)
for size in "$mem_small" "$mem_large"; do
  for ((i = 0; i < size; i++)); do
    src=${one_hour[i % ${#one_hour[@]}]}
    dst=$work/mem-$size/$(basename "$(dirname "$src")")
    mkdir -p "$dst"
    ln "$src" "$dst/$i-$(basename "$src")"
  done
  say "peak RSS of runaudit -j2 over $size files"
  /usr/bin/time -f %M -o "$work/rss/mem-$size" \
    "$runaudit" -q --fail-on never -f jsonl -j2 "$work/mem-$size" >/dev/null
done
printf '%s %s\n' mem_small_n "$mem_small" mem_large_n "$mem_large" \
  mem_small_rss "$(cat "$work/rss/mem-$mem_small")" mem_large_rss "$(cat "$work/rss/mem-$mem_large")" >>"$facts"

/usr/bin/python3 scripts/bench/report.py "$work" | tee ${markdown:+"$markdown"}

# FIT and archives beside GPX, on their own batch of the same kind of runs (issues 15 and 16).
say "FIT and zip against GPX (scripts/bench/formats.sh)"
echo
scripts/bench/formats.sh --files "$files" --runs "$runs" --seed "$seed" \
  --runaudit-build build-bench | tee ${markdown:+-a "$markdown"}
