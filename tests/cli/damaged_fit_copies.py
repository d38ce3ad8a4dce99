#!/usr/bin/env python3
"""Damaged copies of real FIT files, audited one by one: what a battery dying mid-write, a
download cut short or a bad sector does to a watch's file. Each copy of each activity file of
the FIT corpus gets one kind of damage at a place drawn from a seeded generator (so a failure
is reproduced by its seed): random bytes over a stretch, random bytes near the start, bytes
inserted or deleted, the file cut short, bits flipped.

Whatever the damage, runaudit must end each copy as audited, skipped or one error line naming
the file and the byte (exit 0, 1 or 2, never a crash), and every run it reports must be one a
device recorded: dated from 2000 to the day of reading (FIT counts from 1989-12-31; a date
decades off is damaged bytes read as a time), at most 2 days long, at most 300 km. The run's
true dates are the corpus's own (../shared/corpus/fit/MANIFEST.md: 2012-2025).

    damaged_fit_copies.py RUNAUDIT FIT_CORPUS_DIR [--copies N] [--seed S] [--keep DIR]

Exit 0 when every copy passes, 1 listing those that do not.
"""
import argparse
import datetime
import json
import os
import random
import subprocess
import sys
import tempfile

KINDS = ("garbage", "start_garbage", "insert", "delete", "truncate", "flip")
MAX_ELAPSED_S = 2 * 86400
MAX_DISTANCE_M = 300_000


def damage(data: bytes, kind: str, rng: random.Random) -> bytes:
    """@p data with one @p kind of damage after its 14-byte header."""
    x = bytearray(data)
    n = len(x)
    noise = lambda k: bytes(rng.randrange(256) for _ in range(k))
    if kind == "garbage":
        at = rng.randrange(14, n)
        k = min(rng.randint(1, 200), n - at)
        x[at:at + k] = noise(k)
    elif kind == "start_garbage":
        at = rng.randrange(14, min(n, 400))
        k = min(rng.randint(1, 64), n - at)
        x[at:at + k] = noise(k)
    elif kind == "insert":
        at = rng.randrange(14, n)
        x[at:at] = noise(rng.randint(1, 100))
    elif kind == "delete":
        at = rng.randrange(14, n)
        del x[at:at + rng.randint(1, 100)]
    elif kind == "truncate":
        x = x[:rng.randrange(14, n)]
    else:
        for _ in range(rng.randint(1, 10)):
            x[rng.randrange(14, n)] ^= 1 << rng.randrange(8)
    return bytes(x)


def problems(runaudit: str, path: str, now: datetime.datetime) -> list:
    """What is wrong with runaudit's report of @p path (empty: nothing)."""
    p = subprocess.run([runaudit, "-f", "jsonl", path], capture_output=True, text=True,
                       timeout=120)
    if p.returncode not in (0, 1, 2):
        return [f"exit {p.returncode}: {p.stderr.strip()[-300:]}"]
    found = []
    for line in p.stderr.splitlines():
        if line.startswith("runaudit: ") and os.path.basename(path) not in line:
            found.append(f"a message not naming the file: {line}")
    for line in p.stdout.splitlines():
        run = json.loads(line)
        if run.get("record") != "run":
            continue
        name = f"activity {run.get('activity_index')} ({run.get('status')})"
        if run.get("start_time"):
            start = datetime.datetime.fromisoformat(run["start_time"].replace("Z", "+00:00"))
            if start.year < 2000 or start > now + datetime.timedelta(days=1):
                found.append(f"{name} dated {run['start_time']}")
        metrics = run.get("metrics") or {}
        if (metrics.get("elapsed_time_s") or 0) > MAX_ELAPSED_S:
            found.append(f"{name} lasting {metrics['elapsed_time_s'] / 3600:.0f} h")
        if (metrics.get("distance_m") or 0) > MAX_DISTANCE_M:
            found.append(f"{name} {metrics['distance_m'] / 1000:.0f} km long")
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("runaudit")
    ap.add_argument("corpus")
    ap.add_argument("--copies", type=int, default=12, help="damaged copies per file")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", help="write the copies to this folder (else a temporary one)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    now = datetime.datetime.now(datetime.timezone.utc)
    sources = []
    for name in sorted(os.listdir(args.corpus)):
        if not name.endswith(".fit"):
            continue
        with open(os.path.join(args.corpus, name), "rb") as f:
            data = f.read()
        if len(data) > 1000:  # an activity of some length (not the SDK's 768-byte examples)
            sources.append((name[:-4], data))
    if not sources:
        print(f"no FIT file of over 1000 bytes in {args.corpus}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as temp:
        folder = args.keep or temp
        os.makedirs(folder, exist_ok=True)
        failed = 0
        total = 0
        for stem, data in sources:
            for i in range(args.copies):
                kind = rng.choice(KINDS)
                path = os.path.join(folder, f"{stem}.{kind}.{i}.fit")
                with open(path, "wb") as f:
                    f.write(damage(data, kind, rng))
                total += 1
                for problem in problems(args.runaudit, path, now):
                    print(f"{os.path.basename(path)} (seed {args.seed}): {problem}")
                    failed += 1
    print(f"{total} damaged copies of {len(sources)} FIT files: {failed} problems")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
