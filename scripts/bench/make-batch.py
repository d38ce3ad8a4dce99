#!/usr/bin/env python3
"""Writes the benchmark batch: the same runs as Garmin Connect GPX, as Garmin TCX and as FIT.

Each run is recorded at 1 s with heart rate and cadence and is distinct: a route that wanders
(heading drifts, turns at street corners), a pace that drifts around the athlete's easy pace,
stops at traffic lights, rolling terrain, watch-like GPS noise (first-order Gauss-Markov, 2.5 m,
tau 60 s), heart rate that follows effort with a 30 s lag. Everything follows from --seed and the
run's index, so the batch is byte-identical on every machine and run.

Layout (a club export: a folder per athlete):
    OUT/gpx/<athlete>/<date>-<n>.gpx    Garmin Connect GPX 1.1 (ns3:TrackPointExtension hr, cad)
    OUT/tcx/<athlete>/<date>-<n>.tcx    Garmin TCX v2 (a Lap per km, ns3:TPX RunCadence)
    OUT/fit/<athlete>/<date>-<n>.fit    FIT activity as a Forerunner 255 writes it: record (time,
                                        position, enhanced altitude, HR, cadence, distance,
                                        enhanced speed), timer events, a lap per km, session

Usage:
    make-batch.py OUT [--files N] [--minutes T] [--long M] [--athletes A] [--seed S] [--jobs J]
      N runs of T minutes (default 200 one-hour runs) and M four-hour runs (named *-4h.*;
      default 4) per format, spread over A athlete folders (default 5). Prints "FORMAT files
      bytes" per format. Short runs (--minutes 6) make the batches of the cluster tests.
"""

import argparse
import math
import os
import random
import struct
import sys
from datetime import date, timedelta
from decimal import Decimal
from multiprocessing import Pool

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from fit_writer import FIT_EPOCH_S, FitWriter  # noqa: E402 (scripts/fit_writer.py)

R_EARTH = 6371000.0
FORMATS = ("gpx", "tcx", "fit")
ATHLETES = ["anna", "ben", "chloe", "david", "emma", "farid", "greta", "hugo", "ines", "jonas"]
PLACES = [(47.3769, 8.5417, "Zurich"), (48.1372, 11.5756, "Munich"), (45.7640, 4.8357, "Lyon"),
          (52.3676, 4.9041, "Amsterdam"), (46.2044, 6.1432, "Geneva")]

GPX_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="Garmin Connect" version="1.1"
  xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/11.xsd"
  xmlns="http://www.topografix.com/GPX/1/1"
  xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
  xmlns:ns2="http://www.garmin.com/xmlschemas/GpxExtensions/v3" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <metadata>
    <link href="connect.garmin.com">
      <text>Garmin Connect</text>
    </link>
    <time>{start}</time>
  </metadata>
  <trk>
    <name>{name}</name>
    <type>running</type>
    <trkseg>
"""
GPX_POINT = """      <trkpt lat="{lat:.7f}" lon="{lon:.7f}">
        <ele>{ele}</ele>
        <time>{time}</time>
        <extensions>
          <ns3:TrackPointExtension>
            <ns3:hr>{hr}</ns3:hr>
            <ns3:cad>{cad}</ns3:cad>
          </ns3:TrackPointExtension>
        </extensions>
      </trkpt>
"""
GPX_TAIL = """    </trkseg>
  </trk>
</gpx>
"""

TCX_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase
  xsi:schemaLocation="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2 \
http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd"
  xmlns:ns5="http://www.garmin.com/xmlschemas/ActivityGoals/v1"
  xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2"
  xmlns:ns2="http://www.garmin.com/xmlschemas/UserProfile/v2"
  xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xmlns:ns4="http://www.garmin.com/xmlschemas/ProfileExtension/v1">
  <Activities>
    <Activity Sport="Running">
      <Id>{start}</Id>
"""
TCX_LAP_HEAD = """      <Lap StartTime="{start}">
        <TotalTimeSeconds>{seconds:.1f}</TotalTimeSeconds>
        <DistanceMeters>{dist:.2f}</DistanceMeters>
        <MaximumSpeed>{vmax:.3f}</MaximumSpeed>
        <Calories>{kcal}</Calories>
        <AverageHeartRateBpm>
          <Value>{hr_avg}</Value>
        </AverageHeartRateBpm>
        <MaximumHeartRateBpm>
          <Value>{hr_max}</Value>
        </MaximumHeartRateBpm>
        <Intensity>Active</Intensity>
        <TriggerMethod>Distance</TriggerMethod>
        <Track>
"""
TCX_POINT = """          <Trackpoint>
            <Time>{time}</Time>
            <Position>
              <LatitudeDegrees>{lat:.7f}</LatitudeDegrees>
              <LongitudeDegrees>{lon:.7f}</LongitudeDegrees>
            </Position>
            <AltitudeMeters>{ele}</AltitudeMeters>
            <DistanceMeters>{dist:.2f}</DistanceMeters>
            <HeartRateBpm>
              <Value>{hr}</Value>
            </HeartRateBpm>
            <Extensions>
              <ns3:TPX>
                <ns3:Speed>{speed:.3f}</ns3:Speed>
                <ns3:RunCadence>{cad}</ns3:RunCadence>
              </ns3:TPX>
            </Extensions>
          </Trackpoint>
"""
TCX_LAP_TAIL = """        </Track>
        <Extensions>
          <ns3:LX>
            <ns3:AvgSpeed>{v_avg:.3f}</ns3:AvgSpeed>
            <ns3:AvgRunCadence>{cad_avg}</ns3:AvgRunCadence>
            <ns3:MaxRunCadence>{cad_max}</ns3:MaxRunCadence>
          </ns3:LX>
        </Extensions>
      </Lap>
"""
TCX_TAIL = """      <Creator xsi:type="Device_t">
        <Name>Forerunner 255</Name>
        <UnitId>3{unit:09d}</UnitId>
        <ProductID>3992</ProductID>
        <Version>
          <VersionMajor>19</VersionMajor>
          <VersionMinor>18</VersionMinor>
          <BuildMajor>0</BuildMajor>
          <BuildMinor>0</BuildMinor>
        </Version>
      </Creator>
    </Activity>
  </Activities>
</TrainingCenterDatabase>
"""

_ELE_TEXT = {}


def ele_text(metres):
    """Altitude as Garmin Connect writes it: a float32 barometric reading (0.2 m steps) printed
    with every digit of its exact value, e.g. 251.1999969482421875."""
    key = round(metres * 5)
    text = _ELE_TEXT.get(key)
    if text is None:
        f32 = struct.unpack("f", struct.pack("f", key / 5))[0]
        text = str(Decimal(f32))
        _ELE_TEXT[key] = text = text if "." in text else text + ".0"
    return text


def fit_run(samples, t0, lat0, lon0, deg_n, deg_e, serial):
    """One run as a FIT activity file (t0: start, Unix s)."""
    w = FitWriter()
    ts = lambda t: t0 + t - FIT_EPOCH_S
    semicircles = lambda deg: round(deg * 2**31 / 180)
    w.message(0, [(0, 0x00, 4), (1, 0x84, 1), (2, 0x84, 3992), (3, 0x8C, serial),
                  (4, 0x86, ts(0))])
    w.message(21, [(253, 0x86, ts(0)), (0, 0x00, 0), (1, 0x00, 0)])  # timer start
    lap_start = 0
    for t, (dist, east, north, ele, hr, cad, v) in enumerate(samples):
        w.message(20, [(253, 0x86, ts(t)), (0, 0x85, semicircles(lat0 + north * deg_n)),
                       (1, 0x85, semicircles(lon0 + east * deg_e)),
                       (78, 0x86, round((ele + 500) * 5)), (3, 0x02, hr), (4, 0x02, cad),
                       (5, 0x86, round(dist * 100)), (73, 0x86, round(v * 1000))])
        if t + 1 == len(samples) or int(samples[t + 1][0] // 1000) != int(dist // 1000):
            seconds = t + 1 - lap_start
            lap_dist = dist - (samples[lap_start][0] - samples[lap_start][6])
            w.message(19, [(253, 0x86, ts(t)), (2, 0x86, ts(lap_start)),
                           (7, 0x86, seconds * 1000), (8, 0x86, seconds * 1000),
                           (9, 0x86, round(lap_dist * 100)), (0, 0x00, 9), (1, 0x00, 1)])
            lap_start = t + 1
    end = len(samples) - 1
    w.message(21, [(253, 0x86, ts(end)), (0, 0x00, 0), (1, 0x00, 4)])  # timer stop_all
    w.message(18, [(253, 0x86, ts(end)), (2, 0x86, ts(0)), (7, 0x86, end * 1000),
                   (8, 0x86, end * 1000), (9, 0x86, round(samples[-1][0] * 100)),
                   (5, 0x00, 1), (6, 0x00, 0), (0, 0x00, 8), (1, 0x00, 1)])
    w.message(34, [(253, 0x86, ts(end)), (0, 0x86, end * 1000), (1, 0x84, 1), (2, 0x00, 0),
                   (3, 0x00, 26), (4, 0x00, 1)])
    return w.bytes()


def simulate(rng, seconds, easy_speed):
    """Per-second samples (dist_m, east_m, north_m, ele_m, hr, cad, speed) of one run."""
    heading = rng.uniform(0, 2 * math.pi)
    turn_at = rng.uniform(80, 400)  # metres to the next street corner
    base = rng.uniform(200, 600)
    hills = []  # (amplitude m, wavelength m, phase): 0.5-4 % at the steepest, as city runs
    for _ in range(3):
        amplitude = rng.uniform(2, 20)
        hills.append((amplitude, 2 * math.pi * amplitude / rng.uniform(0.005, 0.04),
                      rng.uniform(0, 2 * math.pi)))
    stops = sorted(rng.sample(range(120, seconds - 60), k=rng.randint(1, 4)))
    a = math.exp(-1 / 60.0)
    b = math.sqrt(1 - a * a) * 2.5
    nx = rng.gauss(0, 2.5)
    ny = rng.gauss(0, 2.5)
    drift = 0.0
    hr = 70.0 + rng.uniform(0, 15)
    lthr = rng.uniform(160, 178)
    x = y = dist = 0.0
    stop_left = 0
    out = []
    ele_prev = base + sum(h * math.sin(p) for h, _, p in hills)
    for t in range(seconds):
        if stops and t == stops[0]:
            stops.pop(0)
            stop_left = rng.randint(10, 45)
        drift = 0.995 * drift + rng.gauss(0, 0.01)
        v = 0.0 if stop_left > 0 else max(0.5, min(easy_speed * (1 + drift), 1.6 * easy_speed))
        stop_left -= 1
        if v > 0:
            dist += v
            turn_at -= v
            if turn_at <= 0:
                heading += rng.choice((-1.5708, 1.5708, -0.7, 0.7))
                turn_at = rng.uniform(80, 400)
            heading += rng.gauss(0, 0.01)
            x += v * math.sin(heading)
            y += v * math.cos(heading)
        nx = a * nx + b * rng.gauss(0, 1)
        ny = a * ny + b * rng.gauss(0, 1)
        ele = base + sum(h * math.sin(dist / w * 2 * math.pi + p) for h, w, p in hills)
        grade = (ele - ele_prev) / v if v > 0 else 0.0
        ele_prev = ele
        effort = max(0.0, v / easy_speed * (1 + 3.3 * grade))  # +3.3 % cost per 1 % grade
        target = 60 + 0.72 * (lthr - 60) * effort**1.5 if v else 95.0
        hr += (max(target, 85.0) - hr) / 30.0
        cad = round(80 + 4 * (v - 2.7)) + rng.randint(-1, 1) if v else 0
        out.append((dist, x + nx, y + ny, ele + rng.gauss(0, 0.3), round(hr + rng.gauss(0, 1)),
                    cad, v))
    return out


def write_run(job):
    """Writes one run as GPX, TCX and FIT; returns the three sizes in bytes."""
    out, index, athlete, day, seconds, seed = job
    rng = random.Random(seed * 1000003 + index)
    lat0, lon0, place = PLACES[index % len(PLACES)]
    lat0 += rng.uniform(-0.05, 0.05)
    lon0 += rng.uniform(-0.05, 0.05)
    deg_n = math.degrees(1 / R_EARTH)
    deg_e = deg_n / math.cos(math.radians(lat0))
    hour0, minute0 = rng.randint(5, 17), rng.randint(0, 59)  # ends before midnight
    prefix = f"{day.isoformat()}T"
    clock = [f"{prefix}{(hour0 * 3600 + minute0 * 60 + t) // 3600:02d}:"
             f"{(minute0 * 60 + t) // 60 % 60:02d}:{t % 60:02d}.000Z" for t in range(seconds)]
    samples = simulate(rng, seconds, 1000 / rng.uniform(330, 420))
    name = f"{place} Running"

    gpx = [GPX_HEAD.format(start=clock[0], name=name)]
    for (_, east, north, ele, hr, cad, _), time in zip(samples, clock):
        gpx.append(GPX_POINT.format(lat=lat0 + north * deg_n, lon=lon0 + east * deg_e,
                                    ele=ele_text(ele), time=time, hr=hr, cad=cad))
    gpx.append(GPX_TAIL)

    tcx = [TCX_HEAD.format(start=clock[0])]
    first = 0
    while first < len(samples):  # a Lap per km, as the watch's auto lap writes them
        km = int(samples[first][0] // 1000)
        last = first
        while last + 1 < len(samples) and int(samples[last + 1][0] // 1000) == km:
            last += 1
        lap = samples[first:last + 1]
        hrs = [s[4] for s in lap]
        cads = [s[5] for s in lap]
        seconds = len(lap)
        tcx.append(TCX_LAP_HEAD.format(
            start=clock[first], seconds=seconds, dist=lap[-1][0] - (lap[0][0] - lap[0][6]),
            vmax=max(s[6] for s in lap), kcal=round(seconds * 0.2), hr_avg=sum(hrs) // seconds,
            hr_max=max(hrs)))
        for i in range(first, last + 1):
            dist, east, north, ele, hr, cad, v = samples[i]
            tcx.append(TCX_POINT.format(time=clock[i], lat=lat0 + north * deg_n,
                                        lon=lon0 + east * deg_e, ele=ele_text(ele), dist=dist,
                                        hr=hr, speed=v, cad=cad))
        tcx.append(TCX_LAP_TAIL.format(v_avg=sum(s[6] for s in lap) / seconds,
                                       cad_avg=sum(cads) // seconds, cad_max=max(cads)))
        first = last + 1
    tcx.append(TCX_TAIL.format(unit=rng.randrange(10**9)))

    t0 = (day - date(1970, 1, 1)).days * 86400 + hour0 * 3600 + minute0 * 60
    fit = fit_run(samples, t0, lat0, lon0, deg_n, deg_e, rng.randrange(1, 2**32 - 1))

    sizes = []
    stem = f"{day.isoformat()}-{index:04d}" + ("-4h" if seconds == 4 * 3600 else "")
    for ext, data in (("gpx", "".join(gpx).encode()), ("tcx", "".join(tcx).encode()),
                      ("fit", fit)):
        path = os.path.join(out, ext, athlete, f"{stem}.{ext}")
        with open(path, "wb") as f:
            f.write(data)
        sizes.append(len(data))
    return sizes


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("out")
    p.add_argument("--files", type=int, default=200)
    p.add_argument("--minutes", type=int, default=60, choices=range(4, 24 * 60))
    p.add_argument("--long", type=int, default=4)
    p.add_argument("--athletes", type=int, default=5, choices=range(1, len(ATHLETES) + 1))
    p.add_argument("--seed", type=int, default=9)
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = p.parse_args()
    athletes = ATHLETES[:args.athletes]
    for ext in FORMATS:
        for athlete in athletes:
            os.makedirs(os.path.join(args.out, ext, athlete), exist_ok=True)
    first_day = date(2026, 1, 5)
    jobs = []
    for i in range(args.files + args.long):
        athlete = athletes[i % len(athletes)]
        day = first_day + timedelta(days=i // len(athletes))
        seconds = 4 * 3600 if i >= args.files else args.minutes * 60
        jobs.append((args.out, i, athlete, day, seconds, args.seed))
    with Pool(args.jobs) as pool:
        sizes = pool.map(write_run, jobs, chunksize=4)
    for k, ext in enumerate(FORMATS):
        print(ext, len(sizes), sum(s[k] for s in sizes))


if __name__ == "__main__":
    main()
