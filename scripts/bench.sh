#!/usr/bin/env bash
# Speed and memory of a batch audit, side by side with gpxpy (what a Python user would run), as
# ratios. Measures with /usr/bin/time -v (max resident set size) on N copies (hard links) of a
# one-hour sample run, for two batch sizes, to show that memory does not grow with the batch
# beyond a small per-run summary.
#
#   scripts/bench.sh [SMALL [LARGE]]     (defaults: 100 2000 files)
# Needs a release build in build/ (scripts/build.sh) and installs `time` and python3-gpxpy.
set -euo pipefail
cd "$(dirname "$0")/.."
small=${1:-100}
large=${2:-2000}
bin=build/src/runaudit
[ -x "$bin" ] || scripts/build.sh build >/dev/null
need=()
[ -x /usr/bin/time ] || need+=(time)
/usr/bin/python3 -c 'import gpxpy' 2>/dev/null || need+=(python3-gpxpy)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=samples/alice/2026-11-24-recovery-too-long.gpx  # 64 min at 1 s, 3840 trackpoints
make_batch() {  # make_batch DIR N: N hard links to the sample in athlete folders
  local dir=$1 n=$2
  for ((i = 0; i < n; i++)); do
    mkdir -p "$dir/a$((i % 10))"
    ln "$src" "$dir/a$((i % 10))/run-$i.gpx" 2>/dev/null || cp "$src" "$dir/a$((i % 10))/run-$i.gpx"
  done
}
measure() {  # measure LABEL CMD...: prints "label seconds maxrss_kib"
  local label=$1
  shift
  /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt" || true
  local secs rss
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  printf '%-28s %8.2f s %9d KiB\n' "$label" "$secs" "$rss"
  echo "$secs $rss" >"$work/last"
}

cat >"$work/gpxpy_batch.py" <<'PY'
import os, sys, gpxpy
total = 0.0
for root, _, files in os.walk(sys.argv[1]):
    for f in sorted(files):
        with open(os.path.join(root, f)) as fh:
            g = gpxpy.parse(fh)
        md = g.get_moving_data()
        up = g.get_uphill_downhill()
        total += g.length_2d() + md.moving_time + up.uphill
print(total)
PY

make_batch "$work/small" "$small"
make_batch "$work/large" "$large"
echo "one-hour run ($(wc -c <"$src") bytes, 3840 trackpoints) x N; $(nproc) cores"
measure "runaudit -j1   N=$small" "$bin" -q -j 1 --format json "$work/small"
read -r ra1 _ <"$work/last"
measure "runaudit -j$(nproc)   N=$small" "$bin" -q --format json "$work/small"
read -r raj rss_small <"$work/last"
measure "gpxpy (1 core) N=$small" /usr/bin/python3 "$work/gpxpy_batch.py" "$work/small"
read -r py _ <"$work/last"
measure "runaudit -j$(nproc)   N=$large" "$bin" -q --format json "$work/large"
read -r _ rss_large <"$work/last"
awk -v a="$ra1" -v j="$raj" -v p="$py" -v s="$rss_small" -v l="$rss_large" -v ns="$small" -v nl="$large" 'BEGIN {
  printf "\nspeed: runaudit -j1 is %.1fx gpxpy (single core each); with all cores %.1fx\n", p / a, p / j
  printf "memory: %d files need %.2fx the memory of %d files (%.1f KiB more per extra file)\n",
         nl, l / s, ns, (l - s) / (nl - ns)
}'
