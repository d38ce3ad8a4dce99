#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, clang + ASan + UBSan) in build-fuzz/ and runs each for
# SECONDS (default 600), one after another, at the lowest CPU priority. Seeds come from
# tests/data (GPX, TCX, FIT, gzip and timestamp .txt files, tests/data/fuzz-regressions among
# them; cut copies of the FIT files), tests/fuzz/time_seeds.txt (one timestamp a line), tests/fuzz/number_seeds.txt (one
# number a line) and gzipped copies made here; working
# corpora, logs and crash artifacts stay in build-fuzz/fuzz/<target>/. Exits 1 if any target
# found a crash, a hang, a leak or an out-of-memory input, and names the artifact.
#   scripts/fuzz.sh [SECONDS [TARGET...]]   (targets: fuzz_gpx fuzz_tcx fuzz_fit fuzz_time
#                                             fuzz_number fuzz_gzip fuzz_pipeline fuzz_archive;
#                                             default all)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] &&
  targets=(fuzz_gpx fuzz_tcx fuzz_fit fuzz_time fuzz_number fuzz_gzip fuzz_pipeline fuzz_archive)

scripts/install-deps.sh clang libclang-rt-14-dev
dir=build-fuzz
cmake -S . -B "$dir" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DRUNAUDIT_FUZZ=ON -DRUNAUDIT_BUILD_TESTS=OFF -DRUNAUDIT_WARNINGS_AS_ERRORS=ON >/dev/null
cmake --build "$dir" -j"${JOBS:-2}" --target "${targets[@]}"

# seed_files TARGET: the seed inputs of a target, one path a line.
seed_files() {
  case "$1" in
    fuzz_gpx) find tests/data -name '*.gpx' ;;
    fuzz_tcx) find tests/data -name '*.tcx' ;;
    fuzz_fit) find tests/data -name '*.fit' ;;
    fuzz_pipeline) find tests/data -name '*.gpx' -o -name '*.tcx' -o -name '*.fit' ;;
    fuzz_gzip) find tests/data -name '*.gz' ;;
    fuzz_time) find tests/data -name '*.txt' ;;
  esac
}

failed=0
for target in "${targets[@]}"; do
  work="$dir/fuzz/$target"
  rm -rf "$work/seeds"
  mkdir -p "$work/seeds" "$work/corpus"
  seed_files "$target" | while read -r f; do cp "$f" "$work/seeds/"; done
  case "$target" in
    fuzz_number)  # each number alone, without its newline (to_double reads whole texts)
      i=0
      while IFS= read -r number; do
        printf '%s' "$number" >"$work/seeds/number-$i"
        i=$((i + 1))
      done <tests/fuzz/number_seeds.txt ;;
    fuzz_time)  # each timestamp alone, and each with the next (TimestampParser's cache)
      split -l 1 -a 3 tests/fuzz/time_seeds.txt "$work/seeds/line-"
      split -l 2 -a 3 tests/fuzz/time_seeds.txt "$work/seeds/pair-"
      tail -n +2 tests/fuzz/time_seeds.txt | split -l 2 -a 3 - "$work/seeds/pair2-" ;;
    fuzz_fit)  # the first 4 KiB of each (libFuzzer mutates short inputs far faster)
      seed_files fuzz_fit | while read -r f; do
        head -c 4096 "$f" >"$work/seeds/$(basename "$f" .fit)-head.fit"
      done ;;
    fuzz_archive)  # small zips (deflated, stored, with data descriptors, cut short) and tars
      /usr/bin/python3 - "$work/seeds" <<'PY'
import io, os, sys, tarfile, zipfile
out = sys.argv[1]
members = {"a.gpx": b'<gpx><trk><trkseg><trkpt lat="1" lon="2"><time>2026-11-02T07:00:00Z'
           b'</time></trkpt></trkseg></trk></gpx>', "b/c.fit": bytes(range(64))}
for name, method in (("deflated", zipfile.ZIP_DEFLATED), ("stored", zipfile.ZIP_STORED)):
    for stream in (False, True):  # a stream gets data descriptors (sizes after the data)
        raw = io.BytesIO()
        with zipfile.ZipFile(raw, "w", method) as z:
            for member, data in members.items():
                if stream:
                    with z.open(zipfile.ZipInfo(member), "w") as f:
                        f.write(data)
                else:
                    z.writestr(member, data)
        data = raw.getvalue()
        tag = name + ("-stream" if stream else "")
        open(os.path.join(out, tag + ".zip"), "wb").write(data)
        open(os.path.join(out, tag + "-cut.zip"), "wb").write(data[: len(data) * 2 // 3])
raw = io.BytesIO()
with tarfile.open(fileobj=raw, mode="w") as t:
    for member, data in members.items():
        info = tarfile.TarInfo(member)
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
open(os.path.join(out, "members.tar"), "wb").write(raw.getvalue())
PY
      ;;
    fuzz_gzip)  # gzipped copies of every GPX and TCX seed
      seed_files fuzz_pipeline | while read -r f; do
        gzip -c "$f" >"$work/seeds/$(basename "$f").gz"
      done ;;
  esac
  options=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
           -artifact_prefix="$work/")
  case "$target" in
    fuzz_gpx | fuzz_tcx | fuzz_pipeline) options+=(-dict=tests/fuzz/xml.dict) ;;
    fuzz_fit) options+=(-dict=tests/fuzz/fit.dict) ;;
  esac
  rm -f "$work"/{crash,timeout,leak,oom}-*
  echo "fuzz.sh: $target for ${seconds}s (log: $work/fuzz.log)"
  status=0
  nice -n 19 "$dir/tests/fuzz/$target" "${options[@]}" "$work/corpus" "$work/seeds" \
    >"$work/fuzz.log" 2>&1 || status=$?
  grep -E '^#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units' "$work/fuzz.log" || true
  artifacts=$(ls "$work"/{crash,timeout,leak,oom}-* 2>/dev/null || true)
  if [ "$status" -ne 0 ] || [ -n "$artifacts" ]; then
    failed=1
    echo "fuzz.sh: $target FAILED (exit $status); artifact(s): ${artifacts:-none}" >&2
    grep -E 'ERROR|SUMMARY|runtime error|terminate' "$work/fuzz.log" | head -5 >&2 || true
  fi
done
exit "$failed"
