#!/usr/bin/env python3
"""Generates the bundled samples/ (realistic synthetic runs; deterministic, seeded).

Each run is an exact path (a loop of straight legs around a park, positions computed on a
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


def simulate(rng, start, origin, plan, hill=None):
    """plan: list of (kind, seconds, speed_m_s) with kind in run/stop/walk/pause.
    Returns a list of points dicts (time, lat, lon, ele, hr, cad, dist) and the true distance."""
    # Route: a 1.6 km loop (rectangle 500 x 300 m) walked counter-clockwise.
    legs = [(500, 0), (0, 300), (-500, 0), (0, -300)]
    perimeter = 1600.0
    nx, ny, nz = Noise(rng, 2.5), Noise(rng, 2.5), Noise(rng, 4.0)
    t, dist, hr = 0, 0.0, 95.0
    points = []
    for kind, seconds, speed in plan:
        for _ in range(seconds):
            t += 1
            if kind == "pause":
                continue  # watch paused: nothing recorded
            v = speed if kind != "stop" else 0.0
            dist += v
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
            ele = 40.0 + (hill(dist) if hill else 0.0)
            target = 95 + 14 * v ** 1.6 + (12 if kind == "run" and v > 3.6 else 0)
            hr += (target - hr) / 30.0
            lat, lon = offset(origin[0], origin[1], x + nx.step(), y + ny.step())
            cad = 0 if v == 0 else (82 if kind == "run" else 55) + rng.randint(-2, 2)
            points.append({
                "time": start + timedelta(seconds=t), "lat": lat, "lon": lon,
                "ele": ele + nz.step(), "hr": round(hr + rng.gauss(0, 1.5)), "cad": cad,
                "dist": dist,
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


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "samples")
    rng = random.Random(20261129)
    origin = (47.3769, 8.5417)
    day0 = datetime(2026, 11, 16, 6, 30, tzinfo=timezone.utc)
    runs = [
        ("alice", "2026-11-16-recovery.gpx", "Recovery run", "running", 0,
         [("run", 600, 2.9), ("stop", 60, 0), ("run", 900, 2.95), ("stop", 45, 0),
          ("run", 600, 2.9), ("walk", 240, 1.4)], None, "gpx"),
        ("alice", "2026-11-18-easy-strides.tcx.gz", None, "Running", 2,
         [("run", 900, 3.0), ("run", 30, 4.6), ("run", 90, 2.9), ("run", 30, 4.6),
          ("run", 90, 2.9), ("run", 30, 4.6), ("run", 900, 3.0)], None, "tcx"),
        ("bob", "2026-11-17-hilly-easy.gpx", "Easy hills", "running", 1,
         [("run", 2400, 2.8)], lambda d: 30 * (1 - math.cos(2 * math.pi * d / 1600)), "gpx"),
        ("bob", "2026-11-19-treadmill.tcx", None, "Running", 3,
         [("run", 1800, 2.8)], None, "treadmill"),
    ]
    for athlete, filename, name, sport, day, plan, hill, kind in runs:
        points = simulate(rng, day0 + timedelta(days=day), origin, plan, hill)
        if kind == "gpx":
            data = gpx(name, sport, points)
        else:
            data = tcx(sport, points, positions=(kind == "tcx"))
        path = os.path.join(out_dir, athlete, filename)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        raw = data.encode("utf-8")
        if filename.endswith(".gz"):
            raw = gzip.compress(raw, mtime=0)  # mtime 0: byte-identical on every run
        with open(path, "wb") as f:
            f.write(raw)
        print(f"{path}: {len(points)} points, {points[-1]['dist'] / 1000:.2f} km")


if __name__ == "__main__":
    main()
