#!/usr/bin/env python3
"""Regenerates the tables of docs/distance.md and docs/fit-distance.md: our distance against
the device's own.

For every running activity of a real TCX with positions and trackpoint DistanceMeters (the
watch's own running total), the device distance is the last minus the first DistanceMeters and
ours is `runaudit inspect -f json`'s distance. For every activity of a FIT file with a session
total_distance, the device distance is that total (`fit.device_distance_m` of the same JSON).
Prints the TCX rows and their summary, then the FIT rows.

    scripts/distance-table.py [RUNAUDIT_BINARY [CORPUS_DIR [FIT_CORPUS_DIR]]]
"""
import json
import re
import statistics
import subprocess
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
binary = sys.argv[1] if len(sys.argv) > 1 else str(root / "build/src/runaudit")
corpus = Path(sys.argv[2] if len(sys.argv) > 2 else root.parent / "shared/corpus/real")
fit_corpus = Path(sys.argv[3] if len(sys.argv) > 3 else root.parent / "shared/corpus/fit")

activity_re = re.compile(r"<Activity\b[^>]*Sport=\"([^\"]*)\"(.*?)</Activity>", re.S)
trackpoint_re = re.compile(r"<Trackpoint>(.*?)</Trackpoint>", re.S)
time_re = re.compile(r"<Time>([^<]*)</Time>")
dist_re = re.compile(r"<DistanceMeters>([^<]*)</DistanceMeters>")


def inspected(path):
    """The activities of `runaudit inspect -f json PATH`."""
    run = subprocess.run([binary, "inspect", "-f", "json", str(path)], capture_output=True,
                         text=True)
    return json.loads(run.stdout)["activities"] if run.stdout else []


def seconds(t):
    h, m, s = t[11:19].split(":")
    return int(t[8:10]) * 86400 + int(h) * 3600 + int(m) * 60 + float(s)


rows = []
for path in sorted(corpus.glob("*.tcx")):
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    # Activities in document order, as runaudit numbers them (MultiSportSession legs included).
    activities = activity_re.findall(text) or []
    legs = re.findall(r"<(?:FirstSport|NextSport)>\s*<Activity\b[^>]*Sport=\"([^\"]*)\"(.*?)</Activity>", text, re.S)
    activities = legs or activities
    inspect = inspected(path)
    for index, (sport, body) in enumerate(activities):
        if sport.lower() != "running" or "<Position>" not in body:
            continue
        distances, times = [], []
        for tp in trackpoint_re.findall(body):
            d, t = dist_re.search(tp), time_re.search(tp)
            if d and "<Position>" in tp:
                distances.append(float(d.group(1)))
            if t and "<Position>" in tp:
                times.append(seconds(t.group(1)))
        if len(distances) < 2:
            continue
        device = distances[-1] - distances[0]
        steps = sorted(b - a for a, b in zip(times, times[1:]) if b > a)
        interval = steps[len(steps) // 2] if steps else float("nan")
        ours = inspect[index]["metrics"]["distance_m"]
        rows.append((path.name, index, interval, device, ours, (ours - device) / device * 100))

print("| file | activity | recording (median s) | device (m) | ours (m) | difference |")
print("|---|--:|--:|--:|--:|--:|")
for name, index, interval, device, ours, diff in rows:
    print(f"| `{name}` | {index} | {interval:g} | {device:.0f} | {ours:.0f} | {diff:+.2f} % |")
dense = [abs(r[5]) for r in rows if r[2] <= 1]
every = [abs(r[5]) for r in rows]
print()
print(f"All {len(every)} runs: median |difference| {statistics.median(every):.2f} %, "
      f"worst {max(every):.2f} %.")
if dense:
    print(f"1 s recordings ({len(dense)}): median |difference| {statistics.median(dense):.2f} %, "
          f"worst {max(dense):.2f} %.")

print()
print("| file | activity | sport | source | ours (m) | device (m) | difference |")
print("|---|--:|---|---|--:|--:|--:|")
for path in sorted(fit_corpus.glob("*.fit")):
    for activity in inspected(path):
        device = (activity.get("fit") or {}).get("device_distance_m")
        ours = activity["metrics"].get("distance_m")
        if not device or ours is None:
            continue
        print(f"| `{path.name}` | {activity['activity_index']} | {activity['sport']} | "
              f"{activity['distance_source']} | {ours:.1f} | {device:.1f} | "
              f"{(ours - device) / device * 100:+.2f} % |")
