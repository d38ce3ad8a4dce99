#!/usr/bin/env bash
# The weekly job of the README, over eight generated ISO weeks, one week's uploads at a time with
# --history/--update-history, gives the same verdicts and pace limits as one audit of all eight
# weeks; without history the first runs are `unjudged`, never `pass`; --since/--until count days
# in the athlete's local time (a time zone column, across a DST change).
#   weekly.sh RUNAUDIT WORK_DIR
set -euo pipefail
runaudit=$1 work=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work" && mkdir -p "$work"
/usr/bin/python3 "$here/make_weeks.py" "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

# Verdict and pace limit of each run (file name, verdict, limit to 0.01 s/km) of JSONL results.
summary() {
  /usr/bin/python3 -c '
import json, os, sys
rows = []
for path in sys.argv[1:]:
    for line in open(path):
        r = json.loads(line)
        if r.get("record") != "run": continue
        limit = (r.get("limits") or {}).get("pace_limit_s_per_km")
        rows.append((os.path.basename(r["file"]), r["verdict"],
                     "%.2f" % limit["value"] if limit else "-", r.get("baseline_runs")))
for row in sorted(rows): print(*row)' "$@"
}

# One audit of everything.
"$runaudit" -q --athlete alice --fail-on never -f jsonl -o "$work/all.jsonl" "$work/weeks"
# The weekly job: each week's folder alone, with the history the earlier weeks left.
for w in 40 41 42 43 44 45 46 47; do
  "$runaudit" -q --athlete alice --fail-on never --history "$work/history.jsonl" \
    --update-history "$work/history.jsonl" --since "2026-W$w" --until "2026-W$w" \
    -f jsonl -o "$work/week-$w.jsonl" "$work/weeks/2026-W$w/"
done
summary "$work/all.jsonl" >"$work/all.txt"
summary "$work"/week-*.jsonl >"$work/weekly.txt"
diff "$work/all.txt" "$work/weekly.txt" || fail "the weekly job differs from one audit"
summary "$work/history.jsonl" >"$work/history.txt"
diff "$work/all.txt" "$work/history.txt" || fail "the history file differs from one audit"
[ "$(wc -l <"$work/all.txt")" -eq 28 ] || fail "expected 28 runs, got $(wc -l <"$work/all.txt")"
# Each run once in the history, even when a week is audited again.
"$runaudit" -q --athlete alice --fail-on never --history "$work/history.jsonl" \
  --update-history "$work/history.jsonl" -o /dev/null "$work/weeks/2026-W47/"
[ "$(grep -c '"record":"run"' "$work/history.jsonl")" -eq 28 ] || fail "runs doubled in history"
# A history keeps what each week's job reported: a later job given earlier weeks' uploads too
# (a cumulative folder) and other anchors (an athletes file added since) rewrites none of
# their records, only its own week's.
cp "$work/history.jsonl" "$work/history-anchored.jsonl"
printf 'name,threshold_pace\nalice,4:00\n' >"$work/anchors.csv"
"$runaudit" -q --athletes "$work/anchors.csv" --fail-on never \
  --history "$work/history-anchored.jsonl" --update-history "$work/history-anchored.jsonl" \
  --since 2026-W47 --until 2026-W47 -o /dev/null "$work/weeks/2026-W46/" "$work/weeks/2026-W47/"
before_w47() { grep -v '"start_time":"2026-11-1[6-9]\|"start_time":"2026-11-2[0-2]' "$1" | sort; }
diff <(before_w47 "$work/history.jsonl") <(before_w47 "$work/history-anchored.jsonl") ||
  fail "a later job rewrote an earlier week's records in the history"
monday=$(grep '"start_time":"2026-11-16' "$work/history-anchored.jsonl")
grep -q '"pace_limit_s_per_km":{"value":300.0,"source":"profile","anchor":{"name":"threshold_pace","value":240.0}}' <<<"$monday" ||
  fail "the job's own week not updated in the history"  # 1.25 x 4:00/km = 5:00/km
# A job reading one history and writing another still writes every run of its batch: the W46
# runs it holds, from its own audit (that file has no earlier record of them).
rm -f "$work/history-new.jsonl"
"$runaudit" -q --fail-on never --history "$work/history.jsonl" \
  --update-history "$work/history-new.jsonl" --since 2026-W47 --until 2026-W47 -o /dev/null \
  "$work/weeks/2026-W46/" "$work/weeks/2026-W47/"
[ "$(grep -c '"record":"run"' "$work/history-new.jsonl")" -eq 7 ] ||
  fail "a new history file lacks the batch's runs outside the window"
# Runs after the window are not late: W46's job with W47's runs already uploaded (a history
# without them) neither reports them nor calls them late.
grep -v '"start_time":"2026-11-1[6-9]\|"start_time":"2026-11-2[0-2]' "$work/history.jsonl" \
  >"$work/history-to-w46.jsonl"
"$runaudit" --athlete alice --fail-on never --progress never \
  --history "$work/history-to-w46.jsonl" --since 2026-W46 --until 2026-W46 -f jsonl \
  -o "$work/w46.jsonl" "$work/weeks/2026-W46/" "$work/weeks/2026-W47/" 2>"$work/w46.err"
grep -q "4 runs after --until not reported: the jobs of their own weeks report them" "$work/w46.err" ||
  fail "W47 runs not counted"
! grep -q "not in --history" "$work/w46.err" || fail "runs after the window called late"
! grep -q '"start_time":"2026-11-1[6-9]' "$work/w46.jsonl" || fail "a run after the window reported"
# A run of W46 uploaded after W46's job: W47's job reports it (no other job would judge it),
# names it on stderr, and keeps it in the history, so that the next job does not report it again.
"$runaudit" --athlete alice --fail-on never --progress never --history "$work/history.jsonl" \
  --update-history "$work/history.jsonl" --since 2026-W47 --until 2026-W47 -f jsonl \
  -o "$work/late.jsonl" "$work/weeks/2026-W47/" "$work/late/" 2>"$work/late.err"
! grep -q "outside --since/--until not reported" "$work/late.err" || fail "late run not reported"
grep -q "1 run before --since was not in --history, or only cut short, when this window's job first ran (uploaded, or whole, after its week's job?): reported by this job, since no other judges it: .*late/" \
  "$work/late.err" || fail "late run not named as new"
grep -q '"start_time":"2026-11-13[^}]*"status":"audited"' "$work/late.jsonl" ||
  fail "late run not reported"
grep -q '"start_time":"2026-11-13[^}]*"late_window":"2026-11-16/2026-11-22"' "$work/history.jsonl" ||
  fail "late run kept without the window that reported it"
# The same job run again (a retry, after the first try updated the history) reports the same
# runs, the late one included: retrying a failed job must not make it pass.
"$runaudit" --athlete alice --fail-on never --progress never --history "$work/history.jsonl" \
  --update-history "$work/history.jsonl" --since 2026-W47 --until 2026-W47 -f jsonl \
  -o "$work/retry.jsonl" "$work/weeks/2026-W47/" "$work/late/" 2>"$work/retry.err"
summary "$work/late.jsonl" >"$work/late.txt"
summary "$work/retry.jsonl" >"$work/retry.txt"
diff "$work/late.txt" "$work/retry.txt" || fail "a retry reports other runs than the first try"
grep -q "1 run before --since was not in --history, or only cut short, when this window's job first ran" \
  "$work/retry.err" || fail "late run not named by the retry"
# The retry rewrote the history byte for byte: a committed history gets no diff from a retry.
cp "$work/history.jsonl" "$work/history-before-retry.jsonl"
"$runaudit" -q --athlete alice --fail-on never --history "$work/history.jsonl" \
  --update-history "$work/history.jsonl" --since 2026-W47 --until 2026-W47 -o /dev/null \
  "$work/weeks/2026-W47/" "$work/late/"
cmp -s "$work/history-before-retry.jsonl" "$work/history.jsonl" || fail "a retry reorders the history"
# A retry whose uploads a sync has emptied reports the first try's runs from the history, the
# late one included, names them, leaves the history as it was, and its empty folder is nothing
# new (no exit 2).
mkdir -p "$work/emptied"
status=0
"$runaudit" --athlete alice --fail-on never --progress never --history "$work/history.jsonl" \
  --update-history "$work/history.jsonl" --since 2026-W47 --until 2026-W47 -f jsonl \
  -o "$work/emptied.jsonl" "$work/emptied/" 2>"$work/emptied.err" || status=$?
[ "$status" -eq 0 ] || fail "a retry with emptied uploads exits $status"
summary "$work/emptied.jsonl" >"$work/emptied.txt"
diff "$work/late.txt" "$work/emptied.txt" || fail "a retry with emptied uploads reports other runs"
grep -q "4 runs of this window reported by a run of this job before, the files not given again: reported from --history: " \
  "$work/emptied.err" || fail "runs reported from the history not named"
grep -q "nothing new, the window's runs came from --history" "$work/emptied.err" ||
  fail "the emptied folder not called nothing new"
cmp -s "$work/history-before-retry.jsonl" "$work/history.jsonl" ||
  fail "a retry with emptied uploads changed the history"
# Another copy of a W46 run (its first fix 20 s after the first record of the one held) given
# to W47's job neither is reported nor adds a second record of the run to the history.
runs_before=$(grep -c '"record":"run"' "$work/history.jsonl")
"$runaudit" -q --athlete alice --fail-on never --history "$work/history.jsonl" \
  --update-history "$work/history.jsonl" --since 2026-W47 --until 2026-W47 -f jsonl \
  -o "$work/copy.jsonl" "$work/weeks/2026-W47/" "$work/late/" "$work/copy/"
! grep -q '"start_time":"2026-11-11' "$work/copy.jsonl" || fail "another copy of a held run reported"
[ "$(grep -c '"record":"run"' "$work/history.jsonl")" -eq "$runs_before" ] ||
  fail "another copy of a run added to the history"
# A late run too short for baselines is reported too, then known to the history: the next
# week's job (W48, with these uploads still there) neither reports it nor calls it late. (This
# W47 job again, without late/: the late run it reported before comes from the history.)
"$runaudit" --athlete alice --fail-on never --progress never --history "$work/history.jsonl" \
  --update-history "$work/history.jsonl" --since 2026-W47 --until 2026-W47 -o /dev/null \
  "$work/weeks/2026-W47/" "$work/late-short/" 2>"$work/short.err"
grep -q "2 runs before --since were not in --history.*late-short/" "$work/short.err" ||
  fail "short late run unseen"
"$runaudit" --athlete alice --fail-on never --progress never --history "$work/history.jsonl" \
  --since 2026-W48 --until 2026-W48 -o /dev/null "$work/weeks/2026-W47/" "$work/late-short/" \
  2>"$work/short2.err"
! grep -q "not in --history" "$work/short2.err" || fail "a short run in the history called late again"
# Audited by the next week's job, the runs before its window are in the history now: nothing
# is new, the run W47's job reported late included.
"$runaudit" -q --athlete alice --fail-on never --history "$work/history.jsonl" \
  --since 2026-W48 --until 2026-W48 -f jsonl -o "$work/w48.jsonl" "$work/weeks/2026-W47/" \
  "$work/late/" 2>"$work/late2.err"
! grep -q "not in --history" "$work/late2.err" || fail "a run in the history called new"
! grep -q '"record":"run"' "$work/w48.jsonl" || fail "W48's job reported an earlier run"
# A first week (the history file does not exist yet): nothing is late.
"$runaudit" -q --athlete alice --fail-on never --history "$work/none.jsonl" \
  --update-history "$work/none.jsonl" --since 2026-W47 --until 2026-W47 -o /dev/null \
  "$work/weeks/2026-W46/" "$work/weeks/2026-W47/" 2>"$work/first.err"
! grep -q "not in --history" "$work/first.err" || fail "a first week's runs called late"
grep -q '"start_time":"2026-11-13' "$work/history.jsonl" || fail "late run not kept in history"
[ "$(grep -c '"record":"run"' "$work/history.jsonl")" -eq 30 ] || fail "late runs doubled or lost"
# A run cut short when its week's job audited it (unjudged), whole when the next job sees it:
# that job judges it and reports it, and the history keeps the whole run's record, once; a
# retry reports it again, the job after does not.
cp "$work/history-to-w46.jsonl" "$work/history-mend.jsonl"
mend_job() {  # WEEK FOLDER OUT (W47's uploads are still there for W48's job)
  "$runaudit" --athlete alice --fail-on never --progress never --history "$work/history-mend.jsonl" \
    --update-history "$work/history-mend.jsonl" --since "2026-W$1" --until "2026-W$1" -f jsonl \
    -o "$work/$3.jsonl" "$work/weeks/2026-W$(($1 < 47 ? $1 : 47))/" "$2" 2>"$work/$3.err"
}
saturday() { grep '"start_time":"2026-11-14T07:00' "$1" || true; }
mend_job 46 "$work/mend/cut/" mend46
grep -q '"verdict":"unjudged"[^}]*' <(saturday "$work/mend46.jsonl") || fail "a cut run judged"
saturday "$work/history-mend.jsonl" | grep -q 'recording_incomplete' || fail "cut run not held as cut"
mend_job 47 "$work/mend/whole/" mend47
saturday "$work/mend47.jsonl" | grep -q '"status":"audited"' || fail "the whole run not reported"
saturday "$work/mend47.jsonl" | grep -q 'recording_incomplete' && fail "the whole run judged as cut"
grep -q "1 run before --since was not in --history, or only cut short" "$work/mend47.err" ||
  fail "the mended run not named on stderr"
[ "$(saturday "$work/history-mend.jsonl" | wc -l)" -eq 1 ] || fail "the mended run not held once"
saturday "$work/history-mend.jsonl" | grep -q 'recording_incomplete' &&
  fail "the history kept the cut run's record"
mend_job 47 "$work/mend/whole/" mend47-retry
saturday "$work/mend47-retry.jsonl" | grep -q '"status":"audited"' || fail "a retry lost the mended run"
mend_job 48 "$work/mend/whole/" mend48
[ -z "$(saturday "$work/mend48.jsonl")" ] || fail "the next job reported the mended run again"
# Uploads that hold only what is new since the last job: W46's job also gets W47's Monday run
# (synced before the job ran); it neither reports it nor loses it. W47's job, whose uploads lack
# that file, reports it from the history; a retry again; W48's job not.
mkdir -p "$work/new-only/w46/alice" "$work/new-only/w47/alice"
cp "$work"/weeks/2026-W46/alice/*.gpx "$work/weeks/2026-W47/alice/2026-11-16.gpx" \
  "$work/new-only/w46/alice/"
cp "$work"/weeks/2026-W47/alice/*.gpx "$work/new-only/w47/alice/"
rm "$work/new-only/w47/alice/2026-11-16.gpx"
cp "$work/history-to-w46.jsonl" "$work/history-new-only.jsonl"
new_only_job() {  # WEEK FOLDER OUT
  "$runaudit" --athlete alice --fail-on never --progress never \
    --history "$work/history-new-only.jsonl" --update-history "$work/history-new-only.jsonl" \
    --since "2026-W$1" --until "2026-W$1" -f jsonl -o "$work/$3.jsonl" "$2" 2>"$work/$3.err"
}
monday() { grep '"start_time":"2026-11-16T06:00' "$1" || true; }
new_only_job 46 "$work/new-only/w46" early46
[ -z "$(monday "$work/early46.jsonl")" ] || fail "a run after the window reported"
grep -q "1 run after --until not reported: the job of its own week reports it (kept in" "$work/early46.err" ||
  fail "a run after the window not said on stderr"
monday "$work/history-new-only.jsonl" | grep -q '"early_window":"2026-11-09/2026-11-15"' ||
  fail "a run after the window not held for its own window's job"
new_only_job 47 "$work/new-only/w47" early47
monday "$work/early47.jsonl" | grep -q '"status":"audited"' || fail "the early run not reported"
grep -q "1 run audited before their window by an earlier job, the files not given again: reported from --history: .*2026-11-16.gpx" \
  "$work/early47.err" || fail "the early run not named on stderr"
[ "$(grep -c '"record":"run"' "$work/early47.jsonl")" -eq 4 ] || fail "W47's runs not all reported"
new_only_job 47 "$work/new-only/w47" early47-retry
summary "$work/early47.jsonl" >"$work/early47.txt"
summary "$work/early47-retry.jsonl" >"$work/early47-retry.txt"
diff "$work/early47.txt" "$work/early47-retry.txt" || fail "a retry reports other runs"
[ "$(monday "$work/history-new-only.jsonl" | wc -l)" -eq 1 ] || fail "the early run not held once"
new_only_job 48 "$work/new-only/w47" early48
[ -z "$(monday "$work/early48.jsonl")" ] || fail "the next job reported the early run again"
# Every run of W47 synced before W46's job: W47's uploads are empty, no error (exit 0, not 2),
# and its runs come from the history.
mkdir -p "$work/all-early/w46/alice" "$work/all-early/w47"
cp "$work"/weeks/2026-W46/alice/*.gpx "$work"/weeks/2026-W47/alice/*.gpx "$work/all-early/w46/alice/"
cp "$work/history-to-w46.jsonl" "$work/history-all-early.jsonl"
all_early_job() {  # WEEK FOLDER OUT
  "$runaudit" --athlete alice --fail-on never --progress never \
    --history "$work/history-all-early.jsonl" --update-history "$work/history-all-early.jsonl" \
    --since "2026-W$1" --until "2026-W$1" -f jsonl -o "$work/$3.jsonl" "$2" 2>"$work/$3.err"
}
all_early_job 46 "$work/all-early/w46" all-early46
all_early_job 47 "$work/all-early/w47" all-early47 || fail "an upload with nothing new failed the job"
[ "$(grep -c '"record":"run"' "$work/all-early47.jsonl")" -eq 4 ] || fail "W47's runs not reported"
! grep -q '"record":"error"' "$work/all-early47.jsonl" || fail "an empty upload reported as an error"
grep -q "all-early/w47: a folder holding no activity file .*: nothing new, the window's runs came from --history" \
  "$work/all-early47.err" || fail "the empty upload not said on stderr"
# A planned day whose run comes from the history is no missed day; an athlete with nothing new
# uploaded, whose runs the history holds, is no slip of the athletes file.
printf 'athlete,date,session\nalice,2026-11-16,recovery\n' >"$work/plan-w47.csv"
printf 'name,threshold_pace\nalice,5:00\n' >"$work/athletes-w47.csv"
"$runaudit" --athletes "$work/athletes-w47.csv" --fail-on never --progress never \
  --plan "$work/plan-w47.csv" --history "$work/history-all-early.jsonl" --since 2026-W47 \
  --until 2026-W47 -f jsonl -o "$work/all-early47-plan.jsonl" "$work/all-early/w47" \
  2>"$work/all-early47-plan.err"
! grep -q "has no runs among the inputs" "$work/all-early47-plan.err" ||
  fail "an athlete whose runs come from the history called a slip"
monday "$work/all-early47-plan.jsonl" | grep -q '"status":"audited"' || fail "the planned run not reported"
! grep -q "planned recovery run missed" "$work/all-early47-plan.jsonl" ||
  fail "a planned day run from the history called missed"
[ "$(grep -c 'not planned as a recovery run' "$work/all-early47-plan.jsonl")" -eq 3 ] ||
  fail "the history's runs on days not planned as recovery not skipped as not planned"
# A run older than the athlete's first in the history (a watch syncing its backlog) is no late
# upload: it counts in baselines, and is counted on stderr.
mkdir -p "$work/backlog/alice"
sed 's/2026-09-28T/2026-08-03T/g' "$work/weeks/2026-W40/alice/2026-09-28.gpx" \
  >"$work/backlog/alice/2026-08-03.gpx"
cp "$work"/weeks/2026-W47/alice/*.gpx "$work/backlog/alice/"
"$runaudit" --athlete alice --fail-on never --progress never --history "$work/history.jsonl" \
  --since 2026-W47 --until 2026-W47 -f jsonl -o "$work/backlog.jsonl" "$work/backlog" \
  2>"$work/backlog.err"
! grep -q '"start_time":"2026-08-03' "$work/backlog.jsonl" || fail "a backlog run reported as late"
grep -q "1 run outside --since/--until not reported" "$work/backlog.err" ||
  fail "the backlog run not counted on stderr"
# With no run of the window in the history either, an empty upload is still an error.
"$runaudit" --athlete alice --fail-on never --progress never \
  --history "$work/history-all-early.jsonl" --since 2026-W50 --until 2026-W50 -o /dev/null \
  "$work/all-early/w47" 2>/dev/null && fail "an empty upload of an empty window passed"
[ $? -eq 2 ] || fail "an empty upload of an empty window: not exit 2"
# Judged runs have a baseline of at least 5 runs; the first runs have none and are unjudged.
grep -q "^2026-09-28.gpx unjudged - 0$" "$work/all.txt" || fail "first run not unjudged"
! grep -q " pass - " "$work/all.txt" || fail "a run without a pace limit passed"
awk '$3 != "-" && $4 < 5 { exit 1 }' "$work/all.txt" || fail "a baseline of fewer than 5 runs"
# Without history, the last week alone cannot be judged on pace: never a silent pass.
"$runaudit" -q --athlete alice --fail-on never -f jsonl -o "$work/alone.jsonl" \
  "$work/weeks/2026-W47/"
summary "$work/alone.jsonl" | grep -qv " unjudged " && fail "a run judged without history"

# Local days: the Los Angeles run on Sunday 22:30 is in W47 in its athlete's time zone, in W48
# in UTC; the Berlin run at 00:30 on the night summer time begins is on Sunday 29 March.
printf 'name,timezone,threshold_pace\nla,America/Los_Angeles,4:00\nberlin,Europe/Berlin,4:00\n' \
  >"$work/athletes.csv"
count() { "$runaudit" -q --fail-on never -f jsonl "$@" | grep -c '"record":"run"' || true; }
[ "$(count --athletes "$work/athletes.csv" --since 2026-W47 --until 2026-W47 "$work/edges/la")" -eq 1 ] ||
  fail "LA Sunday night not in W47 local"
[ "$(count --since 2026-W47 --until 2026-W47 "$work/edges/la")" -eq 0 ] ||
  fail "LA run in W47 in UTC"
[ "$(count --timezone America/Los_Angeles --until 2026-11-22 "$work/edges/la")" -eq 1 ] ||
  fail "--timezone not used"
[ "$(count --athletes "$work/athletes.csv" --since 2026-03-29 --until 2026-03-29 "$work/edges/berlin")" -eq 1 ] ||
  fail "Berlin DST night not on Sunday local"
[ "$(count --since 2026-03-29 "$work/edges/berlin")" -eq 0 ] || fail "Berlin run on Sunday in UTC"
# (Into a file, then grep: `grep -q` leaving a pipe early would stop runaudit mid-write, and
# pipefail would call the test failed.)
"$runaudit" -q --athletes "$work/athletes.csv" -f json -o "$work/la.json" "$work/edges/la"
grep -q '"start_time_local": "2026-11-22T22:30:00-08:00"' "$work/la.json" ||
  fail "local time not shown"
# A plan: W47's Thursday "Easy" is planned as recovery (audited), Monday's run was a tempo (not
# planned as recovery), Sunday 22 November was planned as an easy run but has none (missed).
printf 'athlete,date,session\nalice,2026-11-16,tempo\nalice,2026-11-19,recovery\nalice,2026-11-22,easy\n' \
  >"$work/plan.csv"
"$runaudit" -q --athlete alice --fail-on never --history "$work/history.jsonl" --plan "$work/plan.csv" \
  --since 2026-W47 --until 2026-W47 -f jsonl -o "$work/plan.jsonl" "$work/weeks/2026-W47/"
/usr/bin/python3 - "$work/plan.jsonl" <<'PY' || fail "plan not followed"
import json, sys
runs = [json.loads(l) for l in open(sys.argv[1]) if '"record":"run"' in l]
by_day = {r["start_time"][:10]: r for r in runs}
assert by_day["2026-11-19"]["status"] == "audited", by_day["2026-11-19"]
assert by_day["2026-11-16"]["status"] == "skipped"
assert "not planned as a recovery run" in by_day["2026-11-16"]["skip_reason"]
assert by_day["2026-11-18"]["status"] == "skipped"  # nothing planned that day
missed = [r for r in runs if "missed" in (r["skip_reason"] or "")]
assert len(missed) == 1 and missed[0]["start_time"].startswith("2026-11-22"), missed
PY
# The plan names only alice: bob's runs are audited as without a plan, and that is said.
"$runaudit" -q --athlete bob --fail-on never --plan "$work/plan.csv" --since 2026-W47 \
  --until 2026-W47 -f jsonl -o "$work/plan-bob.jsonl" "$work/weeks/2026-W47/" 2>"$work/plan-bob.err"
grep -q "plan.csv plans no day for athlete 'bob': their runs are audited as without a plan" \
  "$work/plan-bob.err" || fail "an athlete the plan does not name is not said"
[ "$(grep -c '"status":"audited"' "$work/plan-bob.jsonl")" -eq 4 ] ||
  fail "the runs of an athlete the plan does not name are not all audited"
# A missed day is reported, never kept in the history: the run may be uploaded late.
cp "$work/history.jsonl" "$work/history-plan.jsonl"
"$runaudit" -q --athlete alice --fail-on never --plan "$work/plan.csv" \
  --history "$work/history-plan.jsonl" --update-history "$work/history-plan.jsonl" \
  --since 2026-W47 --until 2026-W47 -f jsonl -o "$work/plan2.jsonl" "$work/weeks/2026-W47/"
grep -q 'planned recovery run missed' "$work/plan2.jsonl" || fail "missed day not reported"
if grep -q 'planned recovery run missed' "$work/history-plan.jsonl"; then
  fail "missed day kept in the history"
fi
# The missed day is dated at its start where the athlete lives.
"$runaudit" -q --athlete alice --fail-on never --plan "$work/plan.csv" --timezone Europe/Berlin \
  --since 2026-W47 --until 2026-W47 -f json -o "$work/plan-berlin.json" "$work/weeks/2026-W47/"
grep -q '"start_time_local": "2026-11-22T00:00:00+01:00"' "$work/plan-berlin.json" ||
  fail "missed day not in local time"
echo "weekly: OK"
