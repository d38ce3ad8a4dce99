#!/usr/bin/env python3
"""Turns the measurements of scripts/bench.sh into the Markdown tables of the README: one row per
tool and batch (median time, MB/s, files/s, trackpoints/s, peak RSS), then the targets of issue 9
as ratios with PASS/FAIL.

    report.py WORK_DIR

WORK_DIR holds json/NAME.json (hyperfine --export-json), rss/NAME (GNU time %M, KiB, one line
per run) and facts (lines "KEY VALUE": counts and sizes of the batches, peak RSS of the memory
check). NAME is TOOL_FORMAT with TOOL in ra_j1, ra_j2, gpxpy, gpsbabel, read, pugixml, pugixml2.
"""

import json
import os
import statistics
import sys

MIB = 1024 * 1024

TOOLS = [  # (name, label, formats)
    ("ra_j1", "runaudit -f jsonl -j1 (full audit)", ("gpx", "tcx")),
    ("ra_j2", "runaudit -f jsonl -j2", ("gpx", "tcx")),
    ("gpxpy", "gpxpy: parse, length_3d, uphill/downhill, moving data (one process)", ("gpx",)),
    ("gpsbabel", "GPSBabel GPX→CSV (`-t -o unicsv`, a process per file)", ("gpx",)),
    ("read", "floor: read the bytes", ("gpx", "tcx")),
    ("pugixml", "floor: pugixml load_buffer_inplace + walk (one core)", ("gpx", "tcx")),
    ("pugixml2", "floor: the same in two processes, each on half the files (both cores)",
     ("gpx", "tcx")),
]


def load(work):
    facts = {}
    with open(os.path.join(work, "facts"), encoding="utf-8") as f:
        for line in f:
            key, value = line.split()
            facts[key] = int(value)
    results = {}
    for name, _, formats in TOOLS:
        for fmt in formats:
            key = f"{name}_{fmt}"
            with open(os.path.join(work, "json", key + ".json"), encoding="utf-8") as f:
                result = json.load(f)["results"][0]
            with open(os.path.join(work, "rss", key), encoding="utf-8") as f:
                rss_kib = max(int(line) for line in f if line.strip().isdigit())
            results[key] = {"s": result["median"], "times": result["times"],
                            "rss": rss_kib * 1024}
    return facts, results


def mib(nbytes):
    return f"{nbytes / MIB:.1f} MiB"


def speed_table(facts, results):
    rows = ["| batch | tool | median s | MB/s | files/s | trackpoints/s | peak RSS |",
            "|---|---|--:|--:|--:|--:|--:|"]
    for fmt in ("gpx", "tcx"):
        files, size, points = (facts[f"{fmt}_{k}"] for k in ("files", "bytes", "points"))
        for name, label, formats in TOOLS:
            if fmt not in formats:
                continue
            r = results[f"{name}_{fmt}"]
            rows.append(f"| {fmt.upper()} | {label} | {r['s']:.2f} | {size / 1e6 / r['s']:.0f} | "
                        f"{files / r['s']:.1f} | {points / r['s'] / 1e3:.0f} k | {mib(r['rss'])} |")
    return rows


SLOW = ("gpxpy_gpx", "gpsbabel_gpx")  # timed in the first rounds only (bench.sh: slow_runs)


def paired(results, a, b):
    """The median over rounds of a's time / b's time in the same round. Each round times every
    command once, so a slow spell of the machine (minutes long here) slows both sides of a
    round alike; a ratio of medians taken over the whole run would mix spells. Times are listed
    in round order; gpxpy and GPSBabel run in the first rounds only, so pairs stop where their
    list does. Use an odd number of rounds: the median is then one round's ratio."""
    x, y = results[a]["times"], results[b]["times"]
    if len(x) != len(y) and not (a in SLOW or b in SLOW):
        sys.exit(f"report.py: {a} has {len(x)} rounds, {b} {len(y)}")
    return statistics.median(p / q for p, q in zip(x, y))


def target_table(facts, results):
    rows = ["| target (issue 9) | measured | |", "|---|--:|---|"]
    s = {k: r["s"] for k, r in results.items()}

    def row(text, measured, ok):
        rows.append(f"| {text} | {measured} | {'PASS' if ok else 'FAIL'} |")

    def info(text, measured):
        rows.append(f"| {text} | {measured} | (no target) |")

    ratio = paired(results, "gpxpy_gpx", "ra_j1_gpx")
    row("runaudit -j1 ≥ 50× faster than gpxpy per file (GPX)", f"{ratio:.1f}×", ratio >= 50)
    ratio = paired(results, "gpxpy_gpx", "pugixml_gpx")
    info("pugixml's floor alone (parse and walk, no audit) vs gpxpy, GPX", f"{ratio:.1f}×")
    ratio = paired(results, "gpsbabel_gpx", "ra_j1_gpx")
    row("runaudit -j1 ≥ 12× faster than GPSBabel GPX→CSV", f"{ratio:.1f}×", ratio >= 12)
    for fmt in ("gpx", "tcx"):
        ratio = paired(results, f"ra_j1_{fmt}", f"pugixml_{fmt}")
        row(f"runaudit -j1 ≤ 1.8× the pugixml floor's time, {fmt.upper()}", f"{ratio:.2f}×",
            ratio <= 1.8)
    for fmt in ("gpx", "tcx"):
        ratio = paired(results, f"ra_j1_{fmt}", f"ra_j2_{fmt}")
        row(f"-j2 ≥ 1.8× faster than -j1, {fmt.upper()}", f"{ratio:.2f}×", ratio >= 1.8)
    for fmt in ("gpx", "tcx"):
        ratio = paired(results, f"pugixml_{fmt}", f"pugixml2_{fmt}")
        info(f"this machine's two cores: pugixml floor, two processes vs one, {fmt.upper()}",
             f"{ratio:.2f}×")
    for fmt in ("gpx", "tcx"):
        limit = 5 * facts[f"{fmt}_largest"] + 16 * MIB
        rss = results[f"ra_j2_{fmt}"]["rss"]
        row(f"peak RSS of -j2 ≤ 5× the largest file + 16 MiB, {fmt.upper()} "
            f"(limit {mib(limit)})", f"{mib(rss)} (-j1: {mib(results[f'ra_j1_{fmt}']['rss'])})",
            rss <= limit)
    small, large = facts["mem_small_rss"] * 1024, facts["mem_large_rss"] * 1024
    row(f"peak RSS of -j2: {facts['mem_large_n']} files as {facts['mem_small_n']} "
        f"(one-hour GPX, hard links; ≤ +10 %)",
        f"{mib(large)} vs {mib(small)}", large <= 1.1 * small)
    gpx_mbs = facts["gpx_bytes"] / s["ra_j1_gpx"]
    tcx_mbs = gpx_mbs * facts["tcx_bytes"] / facts["gpx_bytes"] * paired(results, "ra_j1_gpx",
                                                                        "ra_j1_tcx")
    row("TCX MB/s ≥ GPX MB/s (runaudit -j1; TCX from the paired ratio)", f"{tcx_mbs / 1e6:.0f} vs {gpx_mbs / 1e6:.0f}",
        tcx_mbs >= gpx_mbs)
    return rows


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    facts, results = load(sys.argv[1])
    intro = []
    for fmt in ("gpx", "tcx"):
        intro.append(f"{fmt.upper()}: {facts[f'{fmt}_files']} files ({facts['one_hour']} one-hour "
                     f"and {facts['long']} four-hour runs at 1 s), "
                     f"{facts[f'{fmt}_bytes'] / 1e6:.0f} MB, "
                     f"{facts[f'{fmt}_points']:,} trackpoints, largest file "
                     f"{mib(facts[f'{fmt}_largest'])}.")
    intro.append(f"Median of {facts['runs']} run(s) ({facts['slow_runs']} for gpxpy and GPSBabel); "
                 "MB = 10⁶ bytes; peak RSS of the largest process (GNU time). Each ratio is the "
                 "median over rounds of the two times measured in the same round.")
    print("\n".join(intro + [""] + speed_table(facts, results) + [""]
                    + target_table(facts, results)))


if __name__ == "__main__":
    main()
