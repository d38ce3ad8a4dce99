#!/usr/bin/env python3
"""Independent expected values for the real-corpus data-driven test.

Computes per-activity facts for every .gpx/.tcx file of the real GPS corpus
and writes them as a TSV that the C++ test compares against.

Deliberately independent of the C++ parser and of any XML library: a small,
tolerant tokenizer (regex/scan based) builds a tree of elements matched by
LOCAL name only (any `prefix:` is ignored, so unbound prefixes do not matter).
It strips a UTF-8 BOM, handles CRLF, single-line documents, comments,
processing instructions, DOCTYPE, CDATA and self-closing tags.

Usage:
    scripts/corpus-facts.py [CORPUS_DIR [OUTPUT_TSV]]

Defaults: CORPUS_DIR = /work/shared/corpus/real,
          OUTPUT_TSV = <repo>/tests/corpus/expected.tsv
Stdlib only (Python 3.9+).
"""

import datetime
import os
import re
import sys

DEFAULT_CORPUS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "..", "shared", "corpus", "real")
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUTPUT = os.path.join(REPO_ROOT, "tests", "corpus", "expected.tsv")

COLUMNS = [
    "file", "activity_index", "format", "points", "laps", "segments",
    "has_position", "has_elevation", "has_heart_rate", "has_cadence",
    "has_device_distance", "start_time", "end_time", "error",
]

# --------------------------------------------------------------------------
# Tolerant tokenizer / tree builder
# --------------------------------------------------------------------------


class Node:
    __slots__ = ("name", "attrs", "children", "text", "parent")

    def __init__(self, name, attrs, parent):
        self.name = name          # local name (prefix stripped)
        self.attrs = attrs        # dict local-attr-name -> value
        self.children = []
        self.text = []            # direct character data pieces (incl. CDATA)
        self.parent = parent

    def child(self, name):
        for c in self.children:
            if c.name == name:
                return c
        return None

    def children_named(self, name):
        return [c for c in self.children if c.name == name]

    def iter(self):
        """Pre-order (document order) traversal of self and descendants."""
        stack = [self]
        while stack:
            n = stack.pop()
            yield n
            stack.extend(reversed(n.children))

    def descendants(self, name):
        return [n for n in self.iter() if n is not self and n.name == name]

    def value(self):
        return "".join(self.text).strip()


def local(qname):
    return qname.rsplit(":", 1)[-1]


_ENTITY_RE = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def unescape(s):
    def rep(m):
        e = m.group(1)
        try:
            if e.startswith("#x") or e.startswith("#X"):
                return chr(int(e[2:], 16))
            if e.startswith("#"):
                return chr(int(e[1:]))
        except (ValueError, OverflowError):
            return m.group(0)
        return _NAMED.get(e, m.group(0))
    return _ENTITY_RE.sub(rep, s) if "&" in s else s


_ATTR_RE = re.compile(r"""([^\s=/>"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_NAME_RE = re.compile(r"[^\s/>]+")


def parse(text):
    """Return the root Node (first top-level element) or None."""
    if text.startswith("\ufeff"):
        text = text[1:]
    doc = Node("#document", {}, None)
    cur = doc
    i, n = 0, len(text)
    while i < n:
        lt = text.find("<", i)
        if lt < 0:
            cur.text.append(unescape(text[i:]))
            break
        if lt > i:
            cur.text.append(unescape(text[i:lt]))
        if text.startswith("<!--", lt):
            end = text.find("-->", lt + 4)
            i = n if end < 0 else end + 3
        elif text.startswith("<![CDATA[", lt):
            end = text.find("]]>", lt + 9)
            if end < 0:
                cur.text.append(text[lt + 9:])
                i = n
            else:
                cur.text.append(text[lt + 9:end])
                i = end + 3
        elif text.startswith("<?", lt):
            end = text.find("?>", lt + 2)
            i = n if end < 0 else end + 2
        elif text.startswith("<!", lt):
            # DOCTYPE (possibly with an internal subset in [...])
            j, depth = lt + 2, 0
            while j < n:
                ch = text[j]
                if ch == "[":
                    depth += 1
                elif ch == "]":
                    depth -= 1
                elif ch == ">" and depth <= 0:
                    break
                j += 1
            i = j + 1
        elif text.startswith("</", lt):
            end = text.find(">", lt + 2)
            if end < 0:
                end = n
            name = local(text[lt + 2:end].strip())
            # tolerant close: pop up to the nearest open element with that
            # local name; ignore a stray end tag that matches nothing.
            p = cur
            while p is not None and p is not doc and p.name != name:
                p = p.parent
            if p is not None and p is not doc:
                cur = p.parent
            i = end + 1
        else:
            # start tag; scan to '>' respecting quoted attribute values
            j, quote = lt + 1, None
            while j < n:
                ch = text[j]
                if quote:
                    if ch == quote:
                        quote = None
                elif ch in "\"'":
                    quote = ch
                elif ch == ">":
                    break
                j += 1
            body = text[lt + 1:j]
            i = j + 1
            self_closing = body.endswith("/")
            if self_closing:
                body = body[:-1]
            m = _NAME_RE.match(body)
            if not m:
                # a lone '<' in text: keep it as text
                cur.text.append(text[lt:i])
                continue
            attrs = {}
            for am in _ATTR_RE.finditer(body, m.end()):
                qn = am.group(1)
                val = am.group(2) if am.group(2) is not None else am.group(3)
                ln = local(qn)
                # unprefixed attribute wins over a prefixed one
                if ln not in attrs or ":" not in qn:
                    attrs[ln] = unescape(val)
            node = Node(local(m.group(0)), attrs, cur)
            cur.children.append(node)
            if not self_closing:
                cur = node
    for c in doc.children:
        return c
    return None


# --------------------------------------------------------------------------
# Value parsing
# --------------------------------------------------------------------------

_NUM_RE = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$")


def number(s):
    if s is None:
        return None
    s = s.strip()
    if not _NUM_RE.match(s):
        return None
    try:
        return float(s)
    except ValueError:
        return None


_TIME_RE = re.compile(
    r"^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})"
    r"(?:\.([0-9]+))?"
    r"(Z|[+-][0-9]{2}:[0-9]{2}|[+-][0-9]{4})?$")

_EPOCH = datetime.datetime(1970, 1, 1)


def parse_time(s):
    """RFC 3339 -> integer milliseconds since the epoch (UTC), or None."""
    if s is None:
        return None
    m = _TIME_RE.match(s.strip())
    if not m:
        return None
    y, mo, d, hh, mi, ss = (int(m.group(k)) for k in range(1, 7))
    try:
        dt = datetime.datetime(y, mo, d, hh, mi, ss)
    except ValueError:
        return None
    frac = m.group(7) or ""
    ms = int((frac + "000")[:3])  # truncate sub-millisecond digits
    off_min = 0
    z = m.group(8)
    if z and z != "Z":
        sign = -1 if z[0] == "-" else 1
        digits = z[1:].replace(":", "")
        oh, om = int(digits[:2]), int(digits[2:])
        if oh > 23 or om > 59:
            return None
        off_min = sign * (oh * 60 + om)
    delta = dt - _EPOCH
    secs = delta.days * 86400 + delta.seconds - off_min * 60
    return secs * 1000 + ms


def format_time(ms):
    if ms is None:
        return ""
    secs, milli = divmod(ms, 1000)
    dt = _EPOCH + datetime.timedelta(seconds=secs)
    s = dt.strftime("%Y-%m-%dT%H:%M:%S")
    if milli:
        s += ".%03d" % milli
    return s + "Z"


def valid_position(lat, lon):
    lat, lon = number(lat), number(lon)
    if lat is None or lon is None:
        return False
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return False
    return not (lat == 0.0 and lon == 0.0)


def in_range(s, lo, hi):
    v = number(s)
    return v is not None and lo <= v <= hi


def positive(s):
    v = number(s)
    return v is not None and v > 0


def is_number(s):
    return number(s) is not None


# --------------------------------------------------------------------------
# Per-trackpoint facts
# --------------------------------------------------------------------------

HR_NAMES = ("hr", "heartrate", "heart_rate")
CAD_NAMES = ("cad", "cadence")


def gpx_point(pt):
    t = pt.child("time")
    time = parse_time(t.value()) if t is not None else None
    pos = valid_position(pt.attrs.get("lat"), pt.attrs.get("lon"))
    ele = any(in_range(c.value(), -500.0, 9000.0) for c in pt.children_named("ele"))
    ext_desc = []
    for e in pt.children_named("extensions"):
        ext_desc.extend(n for n in e.iter() if n is not e)
    hr_nodes = [n for n in ext_desc + pt.children if n.name.lower() in HR_NAMES]
    cad_nodes = [n for n in ext_desc + pt.children if n.name.lower() in CAD_NAMES]
    dist_nodes = [n for n in ext_desc if n.name == "distance"]
    return {
        "time": time,
        "pos": pos,
        "ele": ele,
        "hr": any(in_range(n.value(), 25.0, 250.0) for n in hr_nodes),
        "cad": any(positive(n.value()) for n in cad_nodes),
        "dist": any(is_number(n.value()) for n in dist_nodes),
    }


def tcx_point(pt):
    t = pt.child("Time")
    time = parse_time(t.value()) if t is not None else None
    pos = False
    for p in pt.children_named("Position"):
        la, lo = p.child("LatitudeDegrees"), p.child("LongitudeDegrees")
        if la is not None and lo is not None and valid_position(la.value(), lo.value()):
            pos = True
    ele = any(in_range(c.value(), -500.0, 9000.0) for c in pt.children_named("AltitudeMeters"))
    hr = False
    for h in pt.children_named("HeartRateBpm"):
        for v in h.children_named("Value"):
            if in_range(v.value(), 25.0, 250.0):
                hr = True
    cad = any(positive(c.value()) for c in pt.children_named("Cadence"))
    for e in pt.children_named("Extensions"):
        cad = cad or any(positive(n.value()) for n in e.descendants("RunCadence"))
    dist = any(is_number(c.value()) for c in pt.children_named("DistanceMeters"))
    return {"time": time, "pos": pos, "ele": ele, "hr": hr, "cad": cad, "dist": dist}


# --------------------------------------------------------------------------
# Activities
# --------------------------------------------------------------------------


def gpx_activities(root):
    out = []
    for trk in root.descendants("trk"):
        out.append({
            "points": [gpx_point(p) for p in trk.descendants("trkpt")],
            "laps": 0,
            "segments": len(trk.descendants("trkseg")),
        })
    return out


def tcx_activity_nodes(root):
    res = []
    for a in root.descendants("Activity"):
        anc = []
        p = a.parent
        while p is not None:
            anc.append(p.name)
            p = p.parent
        if "Folders" in anc or "Courses" in anc:
            continue
        if "Activities" in anc or "MultiSportSession" in anc:
            res.append(a)
    return res


def tcx_activities(root):
    out = []
    for act in tcx_activity_nodes(root):
        out.append({
            "points": [tcx_point(p) for p in act.descendants("Trackpoint")],
            "laps": len(act.descendants("Lap")),
            "segments": len(act.descendants("Track")),
        })
    return out


def b(x):
    return "true" if x else "false"


def summarize(act):
    pts = act["points"]
    positional = any(p["pos"] for p in pts)
    elig = [p for p in pts if p["time"] is not None and (p["pos"] or not positional)]
    return {
        "points": len(pts),
        "laps": act["laps"],
        "segments": act["segments"],
        "positional": positional,
        "eligible": len(elig),
        "timed": sum(1 for p in pts if p["time"] is not None),
        "has_elevation": any(p["ele"] for p in elig),
        "has_heart_rate": any(p["hr"] for p in elig),
        "has_cadence": any(p["cad"] for p in elig),
        "has_device_distance": any(p["dist"] for p in elig),
        # The recording starts at the first timed point, with a position or not (time-only
        # points before the first fix): the earliest time up to the first eligible point.
        "start": min(p["time"] for p in pts[:pts.index(elig[0]) + 1]
                     if p["time"] is not None) if elig else None,
        "end": max(p["time"] for p in elig) if elig else None,
    }


def file_rows(path):
    name = os.path.basename(path)
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8", errors="replace")
    root = parse(text)
    rootname = root.name if root is not None else ""
    if rootname == "gpx":
        fmt, acts = "gpx", gpx_activities(root)
    elif rootname == "TrainingCenterDatabase":
        fmt, acts = "tcx", tcx_activities(root)
    else:
        return [error_row(name, "unsupported_format")], []
    sums = [summarize(a) for a in acts]
    if not any(s["eligible"] > 0 for s in sums):
        return [error_row(name, "no_timestamps")], [(name, fmt, None, s) for s in sums]
    rows = []
    info = []
    for idx, s in enumerate(sums):
        rows.append({
            "file": name,
            "activity_index": str(idx),
            "format": fmt,
            "points": str(s["points"]),
            "laps": str(s["laps"]),
            "segments": str(s["segments"]),
            "has_position": b(s["positional"] and s["eligible"] > 0),
            "has_elevation": b(s["has_elevation"]),
            "has_heart_rate": b(s["has_heart_rate"]),
            "has_cadence": b(s["has_cadence"]),
            "has_device_distance": b(s["has_device_distance"]),
            "start_time": format_time(s["start"]),
            "end_time": format_time(s["end"]),
            "error": "",
        })
        info.append((name, fmt, idx, s))
    return rows, info


def error_row(name, code):
    row = {c: "" for c in COLUMNS}
    row["file"] = name
    row["activity_index"] = "-"
    row["error"] = code
    return row


def main(argv):
    corpus = argv[1] if len(argv) > 1 else DEFAULT_CORPUS
    output = argv[2] if len(argv) > 2 else DEFAULT_OUTPUT
    files = sorted(f for f in os.listdir(corpus)
                   if f.lower().endswith((".gpx", ".tcx"))
                   and os.path.isfile(os.path.join(corpus, f)))
    all_rows, all_info = [], []
    for f in files:
        rows, info = file_rows(os.path.join(corpus, f))
        all_rows.extend(rows)
        all_info.extend(info)
    # sort by file, then numeric activity index ('-' first; only alone anyway)
    all_rows.sort(key=lambda r: (r["file"], -1 if r["activity_index"] == "-"
                                 else int(r["activity_index"])))
    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
    with open(output, "w", encoding="utf-8", newline="\n") as out:
        out.write("\t".join(COLUMNS) + "\n")
        for r in all_rows:
            out.write("\t".join(r[c] for c in COLUMNS) + "\n")

    # short summary
    n_err = sum(1 for r in all_rows if r["error"])
    print("corpus-facts: %d files, %d rows (%d error rows) -> %s"
          % (len(files), len(all_rows), n_err, output))
    print("%-58s %3s %6s %6s %6s %4s %4s  %s" % (
        "file", "act", "points", "timed", "elig", "laps", "segs", "error"))
    err_by_file = {r["file"]: r["error"] for r in all_rows if r["error"]}
    for name, fmt, idx, s in all_info:
        print("%-58s %3s %6d %6d %6d %4d %4d  %s" % (
            name, "-" if idx is None else idx, s["points"], s["timed"],
            s["eligible"], s["laps"], s["segments"],
            err_by_file.get(name, "") if idx is None else ""))
    for name, code in err_by_file.items():
        if not any(i[0] == name for i in all_info):
            print("%-58s %3s %s" % (name, "-", code))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
