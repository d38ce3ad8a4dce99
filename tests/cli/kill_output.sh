#!/usr/bin/env bash
# -o FILE is replaced atomically. A run killed while it writes its report (SIGKILL, SIGTERM,
# SIGINT) leaves FILE exactly as it was, or absent when there was none: never half a report.
# SIGTERM and SIGINT also remove the temporary file; after SIGKILL it may stay, named
# .FILE.tmp-XXXXXX next to FILE.
#   kill_output.sh RUNAUDIT SAMPLE.gpx WORKDIR
set -euo pipefail
set -m  # background jobs in their own process group: SIGINT is not ignored by them
runaudit=$1 sample=$2 work=$3
rm -rf "$work"
mkdir -p "$work/batch"
cp "$sample" "$work/run.gpx"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# The batch: hard links to one run (no disk space), each a distinct path, so each is audited.
batch_size=0
grow_batch() {
  local target=$1
  while ((batch_size < target)); do
    batch_size=$((batch_size + 1))
    ln "$work/run.gpx" "$work/batch/run-$(printf %06d "$batch_size").gpx"
  done
}

# Starts `runaudit -o FILE` on the batch, waits until it has written part of the report into
# its temporary file, sends SIGNAL and waits for it to die. A batch finished before it could be
# killed is doubled and the run repeated, so the test does not depend on the machine's speed.
# Sets `status` to the exit status (128 + signal number when killed).
kill_while_writing() {
  local signal=$1 out=$2
  local size=${KILL_BATCH:-200}
  local before=""  # FILE as it was ("" when absent), with an x kept past $(...)'s trimming
  [[ -e $out ]] && before=$(cat "$out"; echo x)
  for _attempt in 1 2 3 4 5; do
    grow_batch "$size"
    "$runaudit" -j 1 -q --pace-limit 6:00 --fail-on never -f jsonl --series -o "$out" \
      "$work/batch" &
    local pid=$!
    local started=0
    while kill -0 "$pid" 2>/dev/null; do
      # The temporary file holds at least one full buffer of the report: writing has begun.
      if [[ -n $(find "$(dirname "$out")" -maxdepth 1 -name ".$(basename "$out").tmp-*" -size +8k) ]]; then
        started=1
        break
      fi
      sleep 0.01
    done
    if ((started)); then
      kill "-$signal" "$pid" 2>/dev/null || true
      status=0
      wait "$pid" || status=$?
      # Killed before the finished report was renamed into place: what the test checks. A
      # partial FILE fails the checks.
      ((status > 128)) &&
        ! { [[ -e $out ]] && (($(grep -c '"record":"run"' "$out" || true) == batch_size)); } &&
        return 0
      # Otherwise the signal came after the rename (before the exit, or after it: a loaded
      # machine), a race of the test, not a report cut short.
    else
      wait "$pid" || true
    fi
    # Finished before the signal arrived: FILE is put back as it was and the run tried again
    # with more work.
    if [[ -n $before ]]; then printf '%s' "${before%x}" >"$out"; else rm -f "$out"; fi
    size=$((size * 2))
    rm -f "$(dirname "$out")"/."$(basename "$out")".tmp-*
  done
  fail "runaudit finished before it could be killed with SIG$signal, even with $size files"
}

leftovers() {
  find "$(dirname "$1")" -maxdepth 1 -name ".$(basename "$1").tmp-*" | wc -l
}

previous=$'{"record": "previous report, must survive"}\n'
for signal in KILL TERM INT; do
  # FILE holds a previous report: it must be exactly as it was.
  out="$work/out-$signal/report.jsonl"
  mkdir -p "$(dirname "$out")"
  printf '%s' "$previous" >"$out"
  kill_while_writing "$signal" "$out"
  case $signal in
    KILL) expected=137 ;;
    TERM) expected=143 ;;
    INT) expected=130 ;;
  esac
  ((status == expected)) || fail "SIG$signal: exit status $status, expected $expected"
  [[ "$(cat "$out"; echo x)" == "${previous}x" ]] ||
    fail "SIG$signal: $out changed: $(head -c 200 "$out")"
  if [[ $signal == KILL ]]; then
    # Killed while writing its temporary file: that file stays, clearly named, next to FILE.
    (($(leftovers "$out") == 1)) || fail "SIGKILL: expected one .report.jsonl.tmp-XXXXXX"
    rm -f "$(dirname "$out")"/.report.jsonl.tmp-*
  else
    (($(leftovers "$out") == 0)) || fail "SIG$signal: temporary file left: $(ls -a "$(dirname "$out")")"
  fi

  # No FILE before: still none after.
  out="$work/new-$signal/report.jsonl"
  mkdir -p "$(dirname "$out")"
  kill_while_writing "$signal" "$out"
  [[ ! -e "$out" ]] || fail "SIG$signal: $out was created by a killed run"
  if [[ $signal != KILL ]]; then
    (($(leftovers "$out") == 0)) || fail "SIG$signal: temporary file left"
  fi
done

# And a run left alone replaces FILE with the whole report (one line per run), removing the
# temporary file: the kills above were of a run that would have succeeded.
out="$work/out-KILL/report.jsonl"
"$runaudit" -j 2 -q --pace-limit 6:00 --fail-on never -f jsonl -o "$out" "$work/batch"
lines=$(grep -c '"record":"run"' "$out")
((lines == batch_size)) || fail "complete run: $lines run lines, expected $batch_size"
(($(leftovers "$out") == 0)) || fail "complete run left a temporary file"
rm -rf "$work"
echo "kill_output: ok ($batch_size files)"
