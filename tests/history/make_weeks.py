#!/usr/bin/env python3
"""Writes generated runs for the history tests: flat runs due north at a set pace, one fix a
second (positions from the spherical Earth: the pace the audit measures is within a fraction of
a percent of the set one, and the tests compare runaudit with itself over the same files).

  make_weeks.py OUT   writes OUT/weeks/2026-Wnn/alice/*.gpx: eight ISO weeks (2026-W40..W47)
                      of three to four runs each, no athlete profile: every baseline comes from
                      the runs before; OUT/late*, OUT/copy, OUT/mend: runs uploaded a week late,
                      again from another app, or cut short and then whole; and OUT/edges/*.gpx: runs near local midnight."""
import math
import os
import sys
from datetime import datetime, timedelta, timezone

R = 6371000.0


def gpx(start, pace_s_per_km, minutes, name):
    speed = 1000.0 / pace_s_per_km
    lines = ['<?xml version="1.0"?>',
             '<gpx version="1.1" creator="make_weeks" xmlns="http://www.topografix.com/GPX/1/1">',
             f'<trk><name>{name}</name><type>running</type><trkseg>']
    for t in range(int(minutes * 60) + 1):
        lat = 47.0 + math.degrees(speed * t / R)
        when = (start + timedelta(seconds=t)).strftime("%Y-%m-%dT%H:%M:%SZ")
        lines.append(f'<trkpt lat="{lat:.7f}" lon="8.0"><ele>400</ele><time>{when}</time></trkpt>')
    lines.append('</trkseg></trk></gpx>')
    return "\n".join(lines) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def main():
    out = sys.argv[1]
    monday = datetime(2026, 9, 28, 6, 0, tzinfo=timezone.utc)  # 2026-W40
    # Usual runs at 5:00-5:30/km on Mon/Wed/Sat, an "Easy" run on Thursdays at 5:20-6:10/km:
    # some too fast for 1.10 x the usual pace, some not.
    for week in range(8):
        start = monday + timedelta(weeks=week)
        folder = os.path.join(out, "weeks", f"2026-W{40 + week}", "alice")
        for day, pace, name in [(0, 300 + 5 * (week % 3), "Morning Run"),
                                (2, 310 + 4 * (week % 4), "Lunch Run"),
                                (3, 320 + 10 * week, "Easy"),
                                (5, 305, "Long-ish")][: 3 + week % 2]:
            when = start + timedelta(days=day)
            write(os.path.join(folder, f"{when:%Y-%m-%d}.gpx"), gpx(when, pace, 25, name))
    # Uploaded late: a Friday run of W46 that reaches the weekly job only in W47.
    late = datetime(2026, 11, 13, 6, 0, tzinfo=timezone.utc)
    write(os.path.join(out, "late", "alice", f"{late:%Y-%m-%d}.gpx"), gpx(late, 315, 25, "Late"))
    # Also late, and too short to count in a baseline (4 minutes, under 1 km): a job must still
    # remember it saw it.
    short = datetime(2026, 11, 15, 18, 0, tzinfo=timezone.utc)
    write(os.path.join(out, "late-short", "alice", f"{short:%Y-%m-%d}.gpx"),
          gpx(short, 315, 4, "Short"))
    # Another copy of W46's Wednesday run (another app's export, from its first fix 20 s after
    # the watch's first record), uploaded with W47's runs: the history must hold the run once.
    copy = datetime(2026, 11, 11, 6, 0, 20, tzinfo=timezone.utc)
    write(os.path.join(out, "copy", "alice", "wednesday-from-another-app.gpx"),
          gpx(copy, 310 + 4 * (6 % 4), 24, "Lunch Run"))
    # Cut short when W46's job audited it (a sync broke off), whole when W47's job sees it: a
    # Saturday run of W46 as two uploads of one file.
    mend = datetime(2026, 11, 14, 7, 0, tzinfo=timezone.utc)
    whole = gpx(mend, 330, 25, "Saturday")
    write(os.path.join(out, "mend", "whole", "alice", "saturday.gpx"), whole)
    write(os.path.join(out, "mend", "cut", "alice", "saturday.gpx"), whole[: len(whole) * 2 // 5])
    # Near local midnight: Sunday 22 November 2026 22:30 in Los Angeles (-08:00) is Monday
    # 06:30 UTC; Sunday 29 March 2026 00:30 in Berlin (+01:00, the night summer time begins) is
    # Saturday 23:30 UTC.
    write(os.path.join(out, "edges", "la", "sunday-night.gpx"),
          gpx(datetime(2026, 11, 23, 6, 30, tzinfo=timezone.utc), 330, 20, "Sunday night"))
    write(os.path.join(out, "edges", "berlin", "dst-night.gpx"),
          gpx(datetime(2026, 3, 28, 23, 30, tzinfo=timezone.utc), 330, 20, "DST night"))


if __name__ == "__main__":
    main()
