#!/usr/bin/python3
"""What a Python user runs over a batch, for scripts/bench.sh: for every .gpx file under DIR
(sorted), gpxpy.parse, length_3d(), get_uphill_downhill() and get_moving_data(); one process
for the whole batch (no interpreter start per file). Prints the file count and the sums.

    /usr/bin/python3 gpxpy-batch.py DIR...     (Debian python3-gpxpy)
"""

import os
import sys

import gpxpy


def main():
    files = sorted(os.path.join(root, name) for top in sys.argv[1:]
                   for root, _, names in os.walk(top) for name in names if name.endswith(".gpx"))
    length = uphill = moving = 0.0
    for path in files:
        with open(path, encoding="utf-8") as f:
            gpx = gpxpy.parse(f)
        length += gpx.length_3d()
        uphill += gpx.get_uphill_downhill().uphill
        moving += gpx.get_moving_data().moving_time
    print(f"{len(files)} files, {length / 1000:.1f} km, {uphill:.0f} m up, {moving / 3600:.1f} h moving")


if __name__ == "__main__":
    main()
