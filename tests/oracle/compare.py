#!/usr/bin/env python3
"""Compares runaudit's reading of a FIT file (fit_dump JSON) with Garmin's SDK (sdk_dump.mjs
JSON): the same records in the same order with the same time, position, altitude, heart rate,
cadence, distance and speed, and the same sessions and session totals. Tolerances are those of
the units only: positions 1e-9 degree (both sides convert semicircles with 180 / 2^31),
scaled values 1e-6 of their unit (floating-point rounding of the scale). Exits 0 when they
agree, 1 with the first differences listed, 77 (CTest: skipped) when the SDK stops with an
error where runaudit finds no damage (the SDK cannot read the file, e.g. compressed timestamps).
When both stop at damage, what both read before it is compared.
    compare.py SDK_JSON OURS_JSON"""
import json
import sys

TOLERANCE = {"lat": 1e-9, "lon": 1e-9, "time": 0, "heart_rate": 0, "altitude": 1e-6,
             "cadence": 1e-6, "distance": 1e-6, "speed": 1e-6,
             "start_time": 0, "total_distance": 1e-6, "total_timer_time": 1e-6,
             "total_elapsed_time": 1e-6, "sport": None, "sub_sport": None}


def differs(key, a, b):
    if a is None or b is None:
        return (a is None) != (b is None)
    tol = TOLERANCE[key]
    if tol is None:
        return a != b
    return abs(a - b) > tol


def main():
    sdk = json.load(open(sys.argv[1]))
    ours = json.load(open(sys.argv[2]))
    if "error" in ours:
        if sdk["records"] or sdk["sessions"]:
            print(f"runaudit refuses what the SDK reads: {ours['error']}; SDK errors {sdk['errors']}")
            return 1
        print(f"both refuse: runaudit {ours['error']!r}, SDK {sdk['errors']}")
        return 0
    if sdk["errors"] and not ours["damage"]:
        print(f"SKIPPED: the SDK cannot read this file ({'; '.join(sdk['errors'])}); "
              f"runaudit reads it whole ({len(ours['records'])} records)")
        return 77
    problems = []
    for what in ("records", "sessions"):
        a, b = sdk[what], ours[what]
        if len(a) != len(b):
            problems.append(f"{what}: SDK {len(a)}, runaudit {len(b)}")
        for i, (x, y) in enumerate(zip(a, b)):
            for key in x:
                if differs(key, x[key], y.get(key)):
                    problems.append(f"{what}[{i}].{key}: SDK {x[key]}, runaudit {y.get(key)}")
    if sdk["laps"] != ours["laps"]:
        problems.append(f"laps: SDK {sdk['laps']}, runaudit {ours['laps']}")
    if problems:
        print(f"{len(problems)} difference(s), the first ones:")
        print("\n".join(problems[:20]))
        return 1
    print(f"agree: {len(ours['records'])} records, {len(ours['sessions'])} sessions, "
          f"{ours['laps']} laps" + (f"; both stop at the damage ({ours['damage']})" if ours["damage"] else ""))
    return 0


sys.exit(main())
