#!/usr/bin/env python3
"""Regenerates the table of docs/elevation.md: our elevation gain against the device's own.

The device's figure is a FIT session's total_ascent (as ../shared/corpus/fit/reference.json lists
it, decoded by python-fitparse) or a GPX track's own summary (Garmin TrackStatsExtension
`Ascent`, Holux `ascent`). Ours is `runaudit inspect -f json`'s elevation_gain_m of the activity
with the same index (FIT sessions are activities in order). Each binary given is one column
(e.g. before and after a change). Prints Markdown rows and, per column, the median and worst
|difference| over the runs.

    scripts/elevation-table.py RUNAUDIT_BINARY [RUNAUDIT_BINARY ...] [--corpus DIR]
"""
import argparse
import json
import re
import statistics
import subprocess
from pathlib import Path

root = Path(__file__).resolve().parent.parent
parser = argparse.ArgumentParser()
parser.add_argument("binaries", nargs="+")
parser.add_argument("--corpus", default=str(root.parent / "shared/corpus"))
args = parser.parse_args()
corpus = Path(args.corpus)

# (file, activity index, sport, device gain m)
wanted = []
reference = json.loads((corpus / "fit/reference.json").read_text())["files"]
for name, entry in sorted(reference.items()):
    if entry.get("records", {}).get("with_altitude", 0) == 0:
        continue
    for index, session in enumerate(entry.get("sessions", [])):
        ascent = session.get("total_ascent_m")
        if ascent is not None and session.get("sport") in ("running", "cycling"):
            wanted.append((corpus / "fit" / name, index, session["sport"], float(ascent)))
summary_re = re.compile(r"<(?:\w+:)?(?:Ascent|ascent)>([0-9.]+)</(?:\w+:)?(?:Ascent|ascent)>")
for path in sorted((corpus / "real").glob("*.gpx")):
    match = summary_re.search(path.read_text(encoding="utf-8-sig", errors="replace"))
    if match:
        wanted.append((path, 0, "", float(match.group(1))))


def ours(binary, path, index):
    out = subprocess.run([binary, "inspect", "-f", "json", str(path)], capture_output=True,
                         text=True).stdout
    activities = json.loads(out)["activities"]
    if index >= len(activities):
        return None
    activity = activities[index]
    return activity["sport"], activity["metrics"].get("elevation_gain_m"), activity[
        "metrics"].get("distance_m")


rows = []
for path, index, sport, device in wanted:
    results = [ours(b, path, index) for b in args.binaries]
    if any(r is None or r[1] is None for r in results):
        continue
    rows.append((path.name, index, sport or results[0][0], results[0][2], device,
                 [r[1] for r in results]))

heads = " | ".join(f"ours ({i + 1})" for i in range(len(args.binaries)))
print(f"| file | activity | sport | km | device (m) | {heads} |")
print("|---|--:|---|--:|--:|" + "--:|" * len(args.binaries))
for name, index, sport, km, device, gains in rows:
    cells = " | ".join(f"{g:.0f} ({g - device:+.0f})" for g in gains)
    print(f"| `{name}` | {index} | {sport} | {km / 1000:.1f} | {device:.0f} | {cells} |")
print()
for sport_name, keep in (("runs", lambda s: s == "running"), ("all", lambda s: True)):
    picked = [r for r in rows if keep(r[2])]
    if not picked:
        continue
    for column, binary in enumerate(args.binaries):
        diffs = [abs(r[5][column] - r[4]) for r in picked]
        print(f"{sport_name} ({len(picked)}), ours ({column + 1}): median |difference| "
              f"{statistics.median(diffs):.0f} m, worst {max(diffs):.0f} m.")
