#!/usr/bin/env python3
"""Writes the results of a very large sharded audit, for measuring `runaudit report` (the merge)
without auditing a million runs first (docs/cluster.md).

Takes the run lines of a real results file (TEMPLATE, JSONL written by `runaudit -f jsonl`,
with --series for realistic line sizes) and repeats them round-robin as RUNS distinct runs of
ATHLETES athletes, each run a new file name (athlete-NNNN/run-NNNNNNN.gpx) and athlete, in
SHARDS files OUT/results-K.jsonl, each starting with its shard line, then its runs in the order
`runaudit --shard K/N` writes them (by file name); athlete A's runs all go to shard
A mod SHARDS + 1, as the athlete split keeps an athlete's runs together. Prints the number of
lines and bytes written.

    make-results.py TEMPLATE OUT [--runs 1000000] [--athletes 2000] [--shards 100]
"""

import argparse
import json
import os
import re

PREFIX = re.compile(r'^\{"record":"run","schema_version":1,"file":"(?:[^"\\]|\\.)*",'
                    r'"activity_index":0,"athlete":"(?:[^"\\]|\\.)*",')


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("template")
    p.add_argument("out")
    p.add_argument("--runs", type=int, default=1000000)
    p.add_argument("--athletes", type=int, default=2000)
    p.add_argument("--shards", type=int, default=100)
    args = p.parse_args()
    with open(args.template, encoding="utf-8") as f:
        bodies = [PREFIX.sub("", line, count=1) for line in f if PREFIX.match(line)]
    if not bodies:
        raise SystemExit(f"{args.template}: no run lines of one activity each")
    os.makedirs(args.out, exist_ok=True)
    files = []
    for k in range(1, args.shards + 1):
        f = open(os.path.join(args.out, f"results-{k}.jsonl"), "w", encoding="utf-8")
        f.write(json.dumps({"record": "shard", "schema_version": 1, "shard": k,
                            "shards": args.shards, "runaudit_version": "make-results"},
                           separators=(",", ":")) + "\n")
        files.append(f)
    size = 0
    # Run i is athlete i mod ATHLETES's; each shard gets its athletes in name order and each
    # athlete's runs in file name order: the order `runaudit --shard` writes (sources sorted by
    # name), which `runaudit report` merges with one pending run per file.
    for athlete in range(args.athletes):
        for i in range(athlete, args.runs, args.athletes):
            line = (f'{{"record":"run","schema_version":1,"file":"athlete-{athlete:04d}/'
                    f'run-{i:07d}.gpx","activity_index":0,"athlete":"athlete-{athlete:04d}",'
                    + bodies[i % len(bodies)])
            files[athlete % args.shards].write(line)
            size += len(line)
    for f in files:
        f.close()
    print(args.runs + args.shards, "lines", size, "bytes of runs")


if __name__ == "__main__":
    main()
