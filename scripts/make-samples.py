#!/usr/bin/env python3
"""Generates the bundled samples/ (realistic synthetic runs; deterministic, seeded).

Four athletes over four weeks (alice and bob in samples/athletes.csv; carol without a profile,
so her runs of the six weeks before each run give its baseline: five more in the two weeks
before; dave with a threshold pace only, whose watch's FIT gives his heart-rate anchors). dave's
run is the FIT a Forerunner 965 writes (scripts/fit_writer.py): a workout "Recovery 30 min",
a stretch with the timer stopped, a lap per km, the watch's threshold and maximum heart rate,
the local time (UTC+1). Each run is an exact path (a loop of straight legs around a park, positions computed on a
sphere of radius 6371 km, which is within 0.5 % of WGS84 over such distances) followed at a
scripted pace, recorded at 1 s, plus watch-like GPS noise: a first-order Gauss-Markov process
(correlation time 60 s, 2.5 m horizontal and 4 m vertical standard deviation), which wanders over
a minute or more as watch GPS does. Heart rate follows effort with a 30 s lag.

    scripts/make-samples.py [OUT_DIR]     (default: samples/)
"""

import gzip
import math
import os
import random
import sys
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fit_writer import (ENUM, FIT_EPOCH_S, SINT32, STRING, UINT8, UINT16,  # noqa: E402
                        UINT32, UINT32Z, FitWriter)

R_EARTH = 6371000.0


class Noise:
    """First-order Gauss-Markov noise, sigma in metres, tau in seconds, step 1 s."""

    def __init__(self, rng, sigma, tau=60.0):
        self.rng, self.sigma = rng, sigma
        self.a = math.exp(-1.0 / tau)
        self.x = rng.gauss(0, sigma)

    def step(self):
        self.x = self.a * self.x + math.sqrt(1 - self.a * self.a) * self.rng.gauss(0, self.sigma)
        return self.x


def offset(lat, lon, east_m, north_m):
    dlat = math.degrees(north_m / R_EARTH)
    dlon = math.degrees(east_m / (R_EARTH * math.cos(math.radians(lat))))
    return lat + dlat, lon + dlon


def simulate(rng, start, origin, plan, athlete, hill=None, hr_offset=0.0):
    """plan: list of (kind, seconds, speed_m_s) with kind in run/stop/walk/pause.
    Heart rate follows the grade-adjusted effort relative to threshold speed with a 30 s lag:
    steady state 60 + (LTHR - 60) * (v / v_threshold)^1.5 (+ hr_offset, e.g. heat).
    Returns the recorded points (time, lat, lon, ele, hr, cad, dist)."""
    legs = [(500, 0), (0, 300), (-500, 0), (0, -300)]  # a 1.6 km loop around a park
    perimeter = 1600.0
    nx, ny, nz = Noise(rng, 2.5), Noise(rng, 2.5), Noise(rng, 4.0)
    t, dist, hr = 0, 0.0, 75.0
    v_thr = 1000.0 / athlete["threshold_pace_s"]
    points = []
    for kind, seconds, speed in plan:
        for _ in range(seconds):
            t += 1
            v = 0.0 if kind in ("stop", "pause") else speed
            ele_before = hill(dist) if hill else 0.0
            dist += v
            ele_now = hill(dist) if hill else 0.0
            grade = (ele_now - ele_before) / v if v > 0 else 0.0
            cost = 155.4 * grade**5 - 30.4 * grade**4 - 43.3 * grade**3 + 46.3 * grade**2 + 19.5 * grade + 3.6
            effort = v * cost / 3.6 / v_thr
            target = 60 + (athlete["lthr"] - 60) * max(effort, 0.0) ** 1.5 + hr_offset
            target = max(target, 85.0 if kind != "stop" else 95.0)
            hr += (target - hr) / 30.0
            if kind == "pause":
                continue  # watch paused: nothing recorded
            s = dist % perimeter
            x = y = 0.0
            for lx, ly in legs:
                length = abs(lx) + abs(ly)
                if s <= length:
                    x += math.copysign(s, lx) if lx else 0.0
                    y += math.copysign(s, ly) if ly else 0.0
                    break
                s -= length
                x, y = x + lx, y + ly
            lat, lon = offset(origin[0], origin[1], x + nx.step(), y + ny.step())
            if v == 0:
                cad = 0
            elif kind == "walk":
                cad = 56 + rng.randint(-2, 2)  # per leg (TrackPointExtension convention)
            else:
                cad = round(78 + 4 * (v - 2.5)) + rng.randint(-1, 1)
            points.append({
                "time": start + timedelta(seconds=t), "lat": lat, "lon": lon,
                "ele": 40.0 + ele_now + nz.step(), "hr": round(hr + rng.gauss(0, 1.0)),
                "cad": cad, "dist": dist,
            })
    return points


def iso(t):
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def gpx(name, sport, points):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<gpx version="1.1" creator="runaudit make-samples" xmlns="http://www.topografix.com/GPX/1/1"'
           ' xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">',
           f' <trk><name>{name}</name><type>{sport}</type><trkseg>']
    for p in points:
        out.append(f'  <trkpt lat="{p["lat"]:.7f}" lon="{p["lon"]:.7f}"><ele>{p["ele"]:.1f}</ele>'
                   f'<time>{iso(p["time"])}</time><extensions><gpxtpx:TrackPointExtension>'
                   f'<gpxtpx:hr>{p["hr"]}</gpxtpx:hr><gpxtpx:cad>{p["cad"]}</gpxtpx:cad>'
                   '</gpxtpx:TrackPointExtension></extensions></trkpt>')
    out += [' </trkseg></trk>', '</gpx>', '']
    return "\n".join(out)


def tcx(sport, points, positions=True):
    start = iso(points[0]["time"])
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"'
           ' xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">',
           f' <Activities><Activity Sport="{sport}"><Id>{start}</Id>',
           f'  <Lap StartTime="{start}"><TotalTimeSeconds>{len(points)}</TotalTimeSeconds>'
           f'<DistanceMeters>{points[-1]["dist"]:.1f}</DistanceMeters><Track>']
    for p in points:
        pos = (f'<Position><LatitudeDegrees>{p["lat"]:.7f}</LatitudeDegrees><LongitudeDegrees>'
               f'{p["lon"]:.7f}</LongitudeDegrees></Position><AltitudeMeters>{p["ele"]:.1f}'
               '</AltitudeMeters>') if positions else ''
        out.append(f'   <Trackpoint><Time>{iso(p["time"])}</Time>{pos}<DistanceMeters>'
                   f'{p["dist"]:.1f}</DistanceMeters><HeartRateBpm><Value>{p["hr"]}</Value>'
                   f'</HeartRateBpm><Extensions><ns3:TPX><ns3:RunCadence>{p["cad"]}</ns3:RunCadence>'
                   '</ns3:TPX></Extensions></Trackpoint>')
    out += ['  </Track></Lap>', ' </Activity></Activities>', '</TrainingCenterDatabase>', '']
    return "\n".join(out)


def fit(name, points, utc_offset_s, watch):
    """A FIT activity as a Garmin Forerunner 965 writes it: file_id and device_info, the watch's
    HR zones (watch: max_hr, threshold_hr), the workout run (name, steps), timer events (a
    stop_all/start pair where the recording pauses), records (position, enhanced altitude, HR,
    cadence per leg, distance, enhanced speed), a lap per km, the session and the activity with
    its local time."""
    w = FitWriter()
    t0 = int(points[0]["time"].timestamp())
    ts = lambda p: int(p["time"].timestamp()) - FIT_EPOCH_S
    semicircles = lambda deg: round(deg * 2**31 / 180)
    w.message(0, [(0, ENUM, 4), (1, UINT16, 1), (2, UINT16, 4315), (3, UINT32Z, 3965001),
                  (4, UINT32, t0 - FIT_EPOCH_S)])
    w.message(23, [(253, UINT32, t0 - FIT_EPOCH_S), (0, UINT8, 0), (2, UINT16, 1),
                   (4, UINT16, 4315)])
    w.message(7, [(1, UINT8, watch["max_hr"]), (2, UINT8, watch["threshold_hr"])])
    w.message(26, [(8, STRING, name), (4, ENUM, 1), (6, UINT16, 2)])
    w.message(27, [(254, UINT16, 0), (1, ENUM, 0), (2, UINT32, 1800 * 1000), (3, ENUM, 2),
                   (7, ENUM, 4)])  # 30 min, open target, recovery
    w.message(27, [(254, UINT16, 1), (1, ENUM, 5), (2, UINT32, 0), (3, ENUM, 2),
                   (7, ENUM, 3)])  # until lap press, cooldown
    event = lambda p, kind: w.message(21, [(253, UINT32, ts(p)), (0, ENUM, 0), (1, ENUM, kind)])
    event(points[0], 0)  # timer start
    lap_start, timer_s = 0, 0
    for i, p in enumerate(points):
        if i > 0 and ts(p) - ts(points[i - 1]) > 1:  # the watch was paused
            event(points[i - 1], 4)  # stop_all
            event(p, 0)  # start
        timer_s += 1 if i > 0 and ts(p) - ts(points[i - 1]) == 1 else 0
        speed = p["dist"] - points[i - 1]["dist"] if i > 0 else 0.0
        w.message(20, [(253, UINT32, ts(p)), (0, SINT32, semicircles(p["lat"])),
                       (1, SINT32, semicircles(p["lon"])), (78, UINT32, round((p["ele"] + 500) * 5)),
                       (3, UINT8, p["hr"]), (4, UINT8, p["cad"]), (5, UINT32, round(p["dist"] * 100)),
                       (73, UINT32, round(speed * 1000))])
        last = i + 1 == len(points)
        if last or int(points[i + 1]["dist"] // 1000) != int(p["dist"] // 1000):
            start = points[lap_start]
            w.message(19, [(253, UINT32, ts(p)), (2, UINT32, ts(start)),
                           (7, UINT32, (ts(p) - ts(start)) * 1000),
                           (9, UINT32, round((p["dist"] - start["dist"]) * 100)), (0, ENUM, 9),
                           (1, ENUM, 1)])
            lap_start = i + 1
    end = points[-1]
    event(end, 4)
    elapsed = ts(end) - ts(points[0])
    w.message(18, [(253, UINT32, ts(end)), (2, UINT32, ts(points[0])), (7, UINT32, elapsed * 1000),
                   (8, UINT32, timer_s * 1000), (9, UINT32, round(end["dist"] * 100)),
                   (5, ENUM, 1), (6, ENUM, 0), (0, ENUM, 8), (1, ENUM, 1)])
    w.message(34, [(253, UINT32, ts(end)), (0, UINT32, timer_s * 1000), (1, UINT16, 1),
                   (2, ENUM, 0), (3, ENUM, 26), (4, ENUM, 1),
                   (5, UINT32, ts(end) + utc_offset_s)])
    return w.bytes()


ATHLETES = {
    # name: threshold pace (s/km), LTHR (bpm), max HR (bpm)
    "alice": {"threshold_pace_s": 270, "lthr": 170, "max_hr": 188},
    "bob": {"threshold_pace_s": 300, "lthr": 165, "max_hr": 185},
    "carol": {"threshold_pace_s": 285, "lthr": 172, "max_hr": 190},  # not in athletes.csv
    "dave": {"threshold_pace_s": 315, "lthr": 168, "max_hr": 186},  # HR anchors on his watch
}


def pace(mmss):
    m, s = mmss.split(":")
    return 1000.0 / (int(m) * 60 + int(s))


def hills(d):
    """Rolling hills: 50 m up and down every 1.6 km (about 10 % at the steepest)."""
    return 25 * (1 - math.cos(2 * math.pi * d / 1600))


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "samples")
    rng = random.Random(20261116)
    origin = (47.3769, 8.5417)
    week = datetime(2026, 11, 16, 6, 30, tzinfo=timezone.utc)
    walk = ("walk", 240, 1.4)
    # (athlete, day, file, name, sport, plan, hill, hr_offset, kind)
    runs = [
        ("alice", 0, "2026-11-16-recovery.gpx", "Recovery run", "running",
         [("run", 900, pace("6:05")), ("stop", 70, 0), ("run", 720, pace("6:05")), ("stop", 45, 0),
          ("run", 480, pace("6:10")), walk], None, 0, "gpx"),
        ("alice", 2, "2026-11-18-easy-too-fast.gpx", "Easy run", "running",
         [("run", 2100, pace("5:10")), walk], None, 0, "gpx"),
        ("alice", 4, "2026-11-20-recovery-surges.tcx", None, "Running",
         [("run", 1200, pace("6:00"))] + [leg for _ in range(4) for leg in
                                          (("run", 45, pace("4:10")), ("run", 120, pace("6:20")))]
         + [("run", 420, pace("6:00")), walk], None, 0, "tcx"),
        ("alice", 8, "2026-11-24-recovery-too-long.gpx", "Long recovery", "running",
         [("run", 3600, pace("6:05")), walk], None, 0, "gpx"),
        ("bob", 1, "2026-11-17-hilly-easy.gpx", "Easy hills", "running",
         [("run", 2400, pace("6:30")), walk], hills, 0, "gpx"),
        ("bob", 3, "2026-11-19-hot-recovery.gpx", "Recovery, hot day", "running",
         [("run", 2100, pace("6:40")), walk], None, 22, "gpx"),
        ("bob", 6, "2026-11-22-treadmill.tcx", None, "Running",
         [("run", 1800, pace("6:30")), walk], None, 0, "treadmill"),
    ]
    # carol has no profile: her runs of the six weeks before each run give its baseline
    # ("slower than you are used to"): five in the two weeks before these two, then five more.
    for i, (day, p, name) in enumerate([(0, "5:30", "Morning Run"), (2, "5:20", "Lunch Run"),
                                         (5, "5:40", "Morning Run"), (7, "5:35", "Evening Run"),
                                         (9, "6:15", "Recovery jog"), (-14, "5:30", "Morning Run"),
                                         (-12, "5:25", "Lunch Run"), (-9, "5:35", "Morning Run"),
                                         (-7, "5:20", "Evening Run"), (-5, "5:40", "Morning Run")]):
        runs.append(("carol", day, f"{(week + timedelta(days=day)):%Y-%m-%d}-run.gpx.gz", name,
                     "running", [("run", 1800, pace(p)), walk], None, 0, "gpx"))
    # dave's watch: a structured recovery workout, a minute's stretch with the timer stopped.
    runs.append(("dave", 9, "2026-11-25-recovery-workout.fit", "Recovery 30 min", "running",
                 [("run", 900, pace("6:45")), ("pause", 60, 0), ("run", 900, pace("6:40")),
                  ("walk", 200, 1.4)], None, 0, "fit"))
    for athlete, day, filename, name, sport, plan, hill, hr_offset, kind in runs:
        points = simulate(rng, week + timedelta(days=day), origin, plan, ATHLETES[athlete], hill,
                          hr_offset)
        path = os.path.join(out_dir, athlete, filename)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if kind == "fit":
            a = ATHLETES[athlete]
            raw = fit(name, points, 3600, {"max_hr": a["max_hr"], "threshold_hr": a["lthr"]})
        elif kind == "gpx":
            raw = gpx(name, sport, points).encode("utf-8")
        else:
            raw = tcx(sport, points, positions=(kind == "tcx")).encode("utf-8")
        if filename.endswith(".gz"):
            raw = gzip.compress(raw, mtime=0)  # mtime 0: byte-identical on every run
        with open(path, "wb") as f:
            f.write(raw)
        print(f"{path}: {len(points)} points, {points[-1]['dist'] / 1000:.2f} km")
    with open(os.path.join(out_dir, "athletes.csv"), "w") as f:
        f.write("name,units,threshold_pace,max_hr,lthr\n")
        for name in ("alice", "bob", "dave"):
            a = ATHLETES[name]
            hr = "," if name == "dave" else f"{a['max_hr']},{a['lthr']}"  # dave's: his watch's
            f.write(f"{name},metric,{a['threshold_pace_s'] // 60}:{a['threshold_pace_s'] % 60:02d},"
                    f"{hr}\n")


if __name__ == "__main__":
    main()
