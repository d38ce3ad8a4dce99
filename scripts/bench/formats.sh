#!/usr/bin/env bash
# FIT and archives against GPX, on the same generated runs (issues 15 and 16; called by
# scripts/bench.sh, or alone). scripts/bench/make-batch.py writes each run as GPX and as FIT;
# times, in rounds, per trackpoint:
#   the full audit (runaudit -q --fail-on never -f jsonl -j1) of the FIT files against the GPX
#     files (issue 15: at least 2x the trackpoints per second);
#   decoding alone: runaudit_decode (scripts/bench/decode.cpp: read, decode, the shared
#     repairs; one thread) of the FIT files, against GPSBabel's FIT reader (one gpsbabel for all
#     files: -i garmin_fit -f each -o unicsv to /dev/null; issue 15: 20x) and @garmin/fitsdk
#     under Node (scripts/bench/fitsdk-decode.mjs, one process; issue 15: 10x);
#   a zip of the GPX batch and of the FIT batch (deflated, as exports are) against the same
#     files unpacked, at -j1 and -j2 (issue 16: at least 0.8x).
# Prints a Markdown table. Never fails on a missed target.
#   scripts/bench/formats.sh [--files N] [--runs R] [--seed S] [--runaudit-build DIR]
#     --files N   one-hour runs (default 100; a run is 3600 trackpoints)
#     --runs R    rounds, each running every command once, after a warm-up round (default 5)
#     --runaudit-build DIR  a build with -DRUNAUDIT_BUILD_BENCH=ON (default: builds build-bench/)
set -euo pipefail
cd "$(dirname "$0")/../.."
files=100 runs=5 seed=9 build=''
while [ $# -gt 0 ]; do
  case $1 in
    --files) files=${2:?}; shift ;;
    --runs) runs=${2:?}; shift ;;
    --seed) seed=${2:?}; shift ;;
    --runaudit-build) build=${2:?}; shift ;;
    *) echo "formats.sh: unknown argument $1" >&2; exit 64 ;;
  esac
  shift
done
say() { printf 'bench formats: %s\n' "$*" >&2; }
scripts/install-deps.sh gpsbabel >&2
scripts/install-fitsdk.sh >&2
if [ -z "$build" ]; then
  build=build-bench
  scripts/build.sh "$build" -DRUNAUDIT_BUILD_TESTS=OFF -DRUNAUDIT_BUILD_BENCH=ON >&2
fi
runaudit=$PWD/$build/src/runaudit
decode=$PWD/$build/scripts/bench/runaudit_decode

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
say "generating $files one-hour runs as GPX and FIT (seed $seed)"
/usr/bin/python3 scripts/bench/make-batch.py "$work/batch" --files "$files" --long 0 \
  --seed "$seed" >&2
rm -rf "$work/batch/tcx"
for fmt in gpx fit; do  # deflated, as exports are
  /usr/bin/python3 -c 'import shutil, sys; shutil.make_archive(sys.argv[1], "zip", sys.argv[2])' \
    "$work/$fmt" "$work/batch/$fmt"
done
fit_list=$work/fit-files
find "$work/batch/fit" -name '*.fit' | sort >"$fit_list"
gpsbabel_args=$(sed 's/^/-f /' "$fit_list" | tr '\n' ' ')
read -r _ _ points < <("$decode" "$work/batch/gpx")
read -r _ _ fit_points < <("$decode" "$work/batch/fit")
[ "$points" = "$fit_points" ] || { echo "GPX and FIT trackpoints differ" >&2; exit 1; }

ra="$runaudit -q --fail-on never -f jsonl"
gpsbabel_cmd="gpsbabel -t -i garmin_fit $gpsbabel_args -o unicsv -F /dev/null"
say "timing $runs rounds"
# This shared machine's speed drifts from minute to minute: every command runs once per round
# (after a warm-up round), and each ratio is the median over rounds of the ratio of two times
# measured in the same round, as in scripts/bench.sh.
/usr/bin/python3 - "$points" "$files" "$runs" <<PY
import statistics, subprocess, sys, time
points, files, rounds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
commands = {
    "audit_gpx_j1": "$ra -j1 $work/batch/gpx",
    "audit_fit_j1": "$ra -j1 $work/batch/fit",
    "decode_gpx": "$decode $work/batch/gpx",
    "decode_fit": "$decode $work/batch/fit",
    "fitsdk_fit": "node scripts/bench/fitsdk-decode.mjs tests/oracle $work/batch/fit",
    "gpsbabel_fit": "$gpsbabel_cmd",
    "folder_gpx_j1": "$ra -j1 $work/batch/gpx",
    "zip_gpx_j1": "$ra -j1 $work/gpx.zip",
    "folder_gpx_j2": "$ra -j2 $work/batch/gpx",
    "zip_gpx_j2": "$ra -j2 $work/gpx.zip",
    "folder_fit_j2": "$ra -j2 $work/batch/fit",
    "zip_fit_j2": "$ra -j2 $work/fit.zip",
}
times = {name: [] for name in commands}
for r in range(rounds + 1):
    for name, cmd in commands.items():
        t0 = time.perf_counter()
        subprocess.run(cmd, shell=True, check=True, stdout=subprocess.DEVNULL)
        if r > 0:  # round 0 warms the caches
            times[name].append(time.perf_counter() - t0)
t = {name: statistics.median(v) for name, v in times.items()}
ratio = lambda a, b: statistics.median(x / y for x, y in zip(times[a], times[b]))
rate = lambda name: points / t[name]
print(f"Same {files} one-hour runs ({points} trackpoints) as GPX and as FIT; median of {rounds}"
      " rounds; ratios: median over rounds of the ratio within a round.\n")
print("| measure | median s | trackpoints/s | ratio | target |")
print("|---|---:|---:|---:|---|")
def row(name, label, ratio="", target=""):
    print(f"| {label} | {t[name]:.3f} | {rate(name):,.0f} | {ratio} | {target} |")
def verdict(x, goal):
    return f"{goal}x: {'PASS' if x >= goal else 'FAIL'}"
row("audit_gpx_j1", "full audit, GPX, -j1")
x = ratio("audit_gpx_j1", "audit_fit_j1")
row("audit_fit_j1", "full audit, FIT, -j1", f"{x:.2f}x GPX", verdict(x, 2))
row("decode_gpx", "decoding alone, GPX (runaudit_decode)")
row("decode_fit", "decoding alone, FIT (runaudit_decode)")
x = ratio("fitsdk_fit", "decode_fit")
row("fitsdk_fit", "@garmin/fitsdk under Node (one process)", f"runaudit {x:.1f}x", verdict(x, 10))
x = ratio("gpsbabel_fit", "decode_fit")
row("gpsbabel_fit", "gpsbabel -i garmin_fit (one process)", f"runaudit {x:.1f}x", verdict(x, 20))
for fmt, j in (("gpx", 1), ("gpx", 2), ("fit", 2)):
    row(f"folder_{fmt}_j{j}", f"{fmt.upper()} folder, -j{j}")
    x = ratio(f"folder_{fmt}_j{j}", f"zip_{fmt}_j{j}")
    row(f"zip_{fmt}_j{j}", f"{fmt.upper()} zip, -j{j}", f"{x:.2f}x folder", verdict(x, 0.8))
PY
