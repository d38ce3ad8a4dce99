#!/usr/bin/env python3
"""Compares runaudit's metrics with gpxpy's on the GPX files of the real-export corpus.

For every .gpx file under CORPUS_DIR (sorted; gpxpy reads only GPX) it runs
`RUNAUDIT inspect --format json FILE` and, independently, parses the file with gpxpy and
computes per track (`gpx.tracks`, track-level methods): length_2d(), length_3d(),
get_moving_data() (moving_time, moving_distance) and get_uphill_downhill() (uphill).
Rows are matched by track index = runaudit's activity_index (each GPX `trk` is one activity).

Writes docs/gpxpy-comparison.md (intro, table, "## Why they differ") and prints the table to
stdout. When the document already exists and its "## Why they differ" section has been written
by the maintainers, that section is kept as it is; otherwise a placeholder line is written.

Usage:
    scripts/compare-gpxpy.py [RUNAUDIT_BINARY [CORPUS_DIR]]

Defaults (relative to the repository root): build/src/runaudit, ../shared/corpus/real.
Needs gpxpy (Debian 12: python3-gpxpy; scripts/compare-gpxpy.sh installs it).
"""

import datetime
import json
import os
import subprocess
import sys

try:
    import gpxpy
except ImportError:
    sys.exit("compare-gpxpy: gpxpy is missing: run scripts/compare-gpxpy.sh, which installs the "
             "Debian package python3-gpxpy (system interpreter /usr/bin/python3)")

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_BINARY = os.path.join(REPO_ROOT, "build", "src", "runaudit")
DEFAULT_CORPUS = os.path.join(REPO_ROOT, "..", "shared", "corpus", "real")
OUTPUT = os.path.join(REPO_ROOT, "docs", "gpxpy-comparison.md")

DISTANCE_FLAG_PCT = 5.0
MOVING_TIME_FLAG_PCT = 20.0

WHY_HEADING = "## Why they differ"
WHY_PLACEHOLDER = "(explanation to be written by the maintainers)"

COLUMNS = [
    "file", "track", "runaudit distance km", "gpxpy length_2d km", "Δ %",
    "runaudit moving time", "gpxpy moving time", "runaudit gain m", "gpxpy uphill m", "notes",
]

# runaudit notes that do not bear on distance, time or elevation are left out of the table.
# (elevation_confidence is in every file with elevation; its numbers are in inspect output.)
IRRELEVANT_NOTE_WORDS = ("cadence", "heart_rate", "hr_", "elevation_confidence")


# --------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------

def gpx_files(corpus):
    """Relative paths of the .gpx files (any case) under corpus, sorted."""
    found = []
    for root, dirs, files in os.walk(corpus):
        dirs.sort()
        for name in files:
            if name.lower().endswith(".gpx"):
                found.append(os.path.relpath(os.path.join(root, name), corpus))
    return sorted(found)


def run_runaudit(binary, path):
    """(activities by activity_index, list of error strings) for one file."""
    try:
        proc = subprocess.run([binary, "inspect", "--format", "json", path],
                              capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as e:
        return {}, ["runaudit failed: %s" % e]
    if proc.returncode not in (0, 2):
        tail = proc.stderr.strip().splitlines()[-1:] or [""]
        return {}, ["runaudit exit %d %s" % (proc.returncode, tail[0])]
    try:
        doc = json.loads(proc.stdout)
    except ValueError as e:
        return {}, ["runaudit printed invalid JSON: %s" % e]
    activities = {a["activity_index"]: a for a in doc.get("activities", [])}
    errors = ["runaudit error %s: %s" % (e.get("code"), e.get("message"))
              for e in doc.get("errors", [])]
    return activities, errors


def short_reason(exc):
    """A one-line, short description of a gpxpy exception."""
    text = " ".join(str(exc).split())
    if text.startswith("Error parsing XML: "):
        text = text[len("Error parsing XML: "):]
    if len(text) > 90:
        text = text[:87] + "..."
    return "%s: %s" % (type(exc).__name__, text) if text else type(exc).__name__


def run_gpxpy(path):
    """(list of per-track dicts, error string or None)."""
    try:
        with open(path, "r", encoding="utf-8") as f:
            gpx = gpxpy.parse(f)
    except Exception as e:  # gpxpy raises GPXXMLSyntaxException, GPXException, ValueError...
        return [], short_reason(e)
    tracks = []
    for track in gpx.tracks:
        try:
            moving = track.get_moving_data()
            updown = track.get_uphill_downhill()
            has_ele = any(p.elevation is not None for s in track.segments for p in s.points)
            tracks.append({
                "length_2d": track.length_2d(),
                "length_3d": track.length_3d(),
                "moving_time": moving.moving_time if moving else None,
                "moving_distance": moving.moving_distance if moving else None,
                "uphill": updown.uphill if has_ele else None,
                "segments": len(track.segments),
                "points": sum(len(s.points) for s in track.segments),
            })
        except Exception as e:
            tracks.append({"error": short_reason(e)})
    return tracks, None


# --------------------------------------------------------------------------
# Formatting
# --------------------------------------------------------------------------

def km(metres):
    return "–" if metres is None else "%.3f" % (metres / 1000.0)


def metres(value):
    return "–" if value is None else "%.1f" % value


def hms(seconds):
    if seconds is None:
        return "–"
    s = int(round(seconds))
    return "%d:%02d:%02d" % (s // 3600, s % 3600 // 60, s % 60)


def pct(ours, theirs):
    """(ours - theirs) / theirs in %, or None when undefined."""
    if ours is None or theirs is None or theirs == 0:
        return None
    return (ours - theirs) / theirs * 100.0


def signed_pct(value):
    return "–" if value is None else "%+.1f" % value


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def build_rows(binary, corpus):
    rows, flagged = [], []
    for rel in gpx_files(corpus):
        path = os.path.join(corpus, rel)
        activities, ra_errors = run_runaudit(binary, path)
        tracks, gp_error = run_gpxpy(path)
        indices = sorted(set(activities) | set(range(len(tracks))))
        if not indices:
            indices = [None]
        for index in indices:
            act = activities.get(index) if index is not None else None
            trk = tracks[index] if index is not None and index < len(tracks) else None
            m = (act or {}).get("metrics") or {}
            ra_dist, ra_moving, ra_gain = (m.get("distance_m"), m.get("moving_time_s"),
                                          m.get("elevation_gain_m"))
            notes = []
            if gp_error:
                notes.append("gpxpy error: " + gp_error)
            elif trk is None:
                notes.append("gpxpy: no such track" if tracks else "gpxpy: no tracks")
            elif "error" in trk:
                notes.append("gpxpy error: " + trk["error"])
            if act is None:
                notes.extend(ra_errors or ["runaudit: no such activity"])
            gp = trk if trk and "error" not in trk else {}
            gp_len = gp.get("length_2d")
            gp_moving = gp.get("moving_time")
            d_dist = pct(ra_dist, gp_len)
            d_moving = pct(ra_moving, gp_moving)
            if gp:
                notes.append("gpxpy length_3d %s km, moving_distance %s km"
                             % (km(gp["length_3d"]), km(gp["moving_distance"])))
            if d_dist is not None and abs(d_dist) > DISTANCE_FLAG_PCT:
                notes.append("**distance differs > %g %%**" % DISTANCE_FLAG_PCT)
            if d_moving is not None and abs(d_moving) > MOVING_TIME_FLAG_PCT:
                notes.append("**moving time differs %s %% (> %g %%)**"
                             % (signed_pct(d_moving), MOVING_TIME_FLAG_PCT))
            elif ra_moving and gp and not gp_moving:
                notes.append("**gpxpy moving time 0**")
            if gp.get("segments", 0) > 1:
                notes.append("%d segments" % gp["segments"])
            if act is not None:
                if act.get("distance_source") not in (None, "gps"):
                    notes.append("runaudit distance_source %s" % act.get("distance_source"))
                codes = ["%s×%d" % (n["code"], n["count"]) for n in act.get("notes", [])
                         if not any(w in n["code"] for w in IRRELEVANT_NOTE_WORDS)]
                if codes:
                    notes.append("runaudit notes: " + ", ".join(codes))
            if (d_dist is not None and abs(d_dist) > DISTANCE_FLAG_PCT) or (
                    d_moving is not None and abs(d_moving) > MOVING_TIME_FLAG_PCT):
                flagged.append((rel, index, d_dist, d_moving))
            rows.append([
                rel, "–" if index is None else str(index), km(ra_dist), km(gp_len),
                signed_pct(d_dist), hms(ra_moving), hms(gp_moving), metres(ra_gain),
                metres(gp.get("uphill")), "; ".join(notes),
            ])
    return rows, flagged


def table(rows):
    out = ["| " + " | ".join(COLUMNS) + " |",
           "|" + "|".join("---:" if 2 <= i <= 8 else "---" for i in range(len(COLUMNS))) + "|"]
    out += ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


# --------------------------------------------------------------------------
# Document
# --------------------------------------------------------------------------

def git_commit():
    try:
        commit = subprocess.run(["git", "-C", REPO_ROOT, "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    # Uncommitted changes to what the binary is built from make the commit alone inexact.
    dirty = subprocess.run(["git", "-C", REPO_ROOT, "diff", "--quiet", "HEAD", "--",
                            "src", "include", "CMakeLists.txt", "cmake"], check=False)
    return commit + (" with uncommitted source changes" if dirty.returncode == 1 else "")


def existing_why_section():
    """The maintainers' text under WHY_HEADING in the current document, if any."""
    try:
        with open(OUTPUT, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return None
    marker = "\n" + WHY_HEADING + "\n"
    at = text.find(marker)
    if at < 0:
        return None
    body = text[at + len(marker):].strip()
    return body if body and body != WHY_PLACEHOLDER else None


def document(rows, corpus_label):
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    intro = (
        "This compares, for every `.gpx` file of the real-export corpus (`%s`; gpxpy reads only "
        "GPX), the metrics printed by `runaudit inspect --format json` (commit %s) with those "
        "that gpxpy %s computes on the same file: `length_2d()`, `length_3d()`, "
        "`get_moving_data()` (`moving_time`, `moving_distance`) and `get_uphill_downhill()` "
        "(`uphill`), called with their defaults on each `gpx.tracks` entry (one row per track; "
        "`track` is the 0-based `trk` index, which is runaudit's `activity_index`). Δ %% is "
        "(runaudit distance − gpxpy length_2d) / gpxpy length_2d; notes flag a distance "
        "difference above %g %% or a moving-time difference above %g %% (same formula), give "
        "gpxpy's 3-D length and moving distance, errors of either tool, and runaudit's "
        "data-quality notes that bear on distance or time. Generated on %s by "
        "`scripts/compare-gpxpy.sh`."
        % (corpus_label, git_commit(), gpxpy.__version__, DISTANCE_FLAG_PCT,
           MOVING_TIME_FLAG_PCT, today))
    why = existing_why_section() or WHY_PLACEHOLDER
    return "\n".join([
        "# runaudit vs gpxpy on the real corpus", "", intro, "", table(rows), "",
        WHY_HEADING, "", why, ""])


def main(argv):
    if len(argv) > 3 or (len(argv) > 1 and argv[1] in ("-h", "--help")):
        sys.stderr.write(__doc__)
        return 64
    binary = argv[1] if len(argv) > 1 else DEFAULT_BINARY
    corpus = argv[2] if len(argv) > 2 else DEFAULT_CORPUS
    if not os.path.isdir(corpus):
        sys.stderr.write("compare-gpxpy: corpus folder not found: %s\n" % corpus)
        return 1
    if not os.access(binary, os.X_OK):
        sys.stderr.write("compare-gpxpy: runaudit binary not found: %s "
                         "(build it: cmake --build build)\n" % binary)
        return 1
    rows, flagged = build_rows(binary, corpus)
    if not rows:
        sys.stderr.write("compare-gpxpy: no .gpx files in %s\n" % corpus)
        return 1
    corpus_label = os.path.relpath(os.path.abspath(corpus), REPO_ROOT)
    text = document(rows, corpus_label)  # before opening OUTPUT: it reads the current one
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(table(rows))
    sys.stderr.write("compare-gpxpy: wrote %s (%d rows, %d flagged)\n"
                     % (os.path.relpath(OUTPUT, REPO_ROOT), len(rows), len(flagged)))
    for rel, index, d_dist, d_moving in flagged:
        sys.stderr.write("  flagged: %s track %s: distance %s %%, moving time %s %%\n"
                         % (rel, index, signed_pct(d_dist), signed_pct(d_moving)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
