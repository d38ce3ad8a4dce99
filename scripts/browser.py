#!/usr/bin/python3
"""Headless Chromium over the DevTools protocol, for the HTML report.

  scripts/browser.py render REPORT.html OUT.png [--width PX] [--clip TOP:HEIGHT]
      a screenshot of the whole page (not only the window), or of HEIGHT px from TOP
  scripts/browser.py check REPORT.html OUT.png [--width PX]
      the browser test: the page loads with no console error and no network request; every run
      card, chart, legend and route is present and visible; the full-page screenshot covers
      the whole report; every text has WCAG AA contrast; printed on A4, one card per page.
      Prints what it checked; exit 1 on a failed check.

Starts Chromium itself (Debian's `chromium`; a fresh profile, off the network) with the
DevTools protocol on a free port, and stops it by its process id (its process group) at the
end, whatever happens. Exit 77 when Chromium or python3-websocket is missing and cannot be
installed (scripts/install-deps.sh, as root).
"""

import argparse
import base64
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request

SKIP = 77
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--remote-debugging-port=0", "--remote-allow-origins=*"]


def ensure_tools():
    """Chromium and the websocket client, installed by the project's script when missing."""
    try:
        import websocket  # noqa: F401
        have_ws = True
    except ImportError:
        have_ws = False
    if shutil.which("chromium") and have_ws:
        return
    try:
        subprocess.run([os.path.join(ROOT, "scripts", "install-deps.sh")], check=True,
                       stdout=sys.stderr)
    except (subprocess.CalledProcessError, OSError) as e:
        print(f"browser: cannot install chromium: {e}", file=sys.stderr)
        sys.exit(SKIP)
    if not shutil.which("chromium"):
        print("browser: chromium not installed", file=sys.stderr)
        sys.exit(SKIP)


class Browser:
    """One Chromium process and a DevTools session on its first page."""

    def __init__(self, width):
        import websocket
        self.profile = tempfile.mkdtemp(prefix="runaudit-chromium-")
        self.proc = subprocess.Popen(
            ["chromium", *FLAGS, f"--user-data-dir={self.profile}", f"--window-size={width},900",
             "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.monotonic() + 60
        while not os.path.exists(port_file) or os.path.getsize(port_file) == 0:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError("chromium did not start its DevTools endpoint")
            time.sleep(0.1)
        port = open(port_file).read().split()[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60,
                                              suppress_origin=True)
        self.next_id = 0
        self.events = []
        # The window's width exactly, narrower than a headless window may be (500 px at the
        # least): a phone's 390 px.
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=900,
                  deviceScaleFactor=1, mobile=width < 600)

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, event, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(e.get("method") == event for e in self.events):
                return
            self.events.append(json.loads(self.ws.recv()))
        raise RuntimeError(f"no {event} within {timeout} s")

    def close(self):
        """Stops Chromium by its process id (and its children, in its process group)."""
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=10)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def load(browser, html):
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.call(f"{domain}.enable")
    browser.call("Page.navigate", url="file://" + os.path.abspath(html))
    browser.wait_for("Page.loadEventFired")


def screenshot(browser, png, clip=None):
    """The whole page (or @p clip: top, height) as a PNG; returns (CSS height of the document,
    PNG height)."""
    metrics = browser.call("Page.getLayoutMetrics")
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    width, height = int(size["width"]), int(size["height"])
    top, shown = clip if clip else (0, height)
    shot = browser.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                        clip={"x": 0, "y": top, "width": width, "height": min(shown, height - top),
                              "scale": 1})
    data = base64.b64decode(shot["data"])
    with open(png, "wb") as f:
        f.write(data)
    png_height = struct.unpack(">I", data[20:24])[0]  # IHDR: width, then height
    return height, png_height


# What the page must show, measured in the page: every element of a kind, and which are not
# visible (no box, display:none, visibility:hidden, zero opacity).
PROBE = """(() => {
  const visible = e => {
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.display !== 'none' && s.visibility !== 'hidden'
        && parseFloat(s.opacity) > 0;
  };
  const kinds = {cards: 'article.run', charts: 'figure.chart > svg.chart',
                 legends: 'figure.chart > ul.legend', routes: 'figure.route > svg.route',
                 route_legends: 'figure.route > ul.legend', splits: 'table.splits',
                 weeks: 'table.weeks', skipped: 'table.skipped'};
  const out = {};
  for (const [k, sel] of Object.entries(kinds)) {
    const all = [...document.querySelectorAll(sel)];
    out[k] = {count: all.length, hidden: all.filter(e => !visible(e)).length};
  }
  out.cards_without_chart = [...document.querySelectorAll('article.run')]
      .filter(a => !a.querySelector('svg.chart')).map(a => a.id);
  out.legends_empty = [...document.querySelectorAll('ul.legend')]
      .filter(l => l.querySelectorAll('li').length === 0 || !l.innerText.trim()).length;
  // WCAG 2 contrast of every text against its background (SVG text against the page's white:
  // labels over shadings carry a white halo): at least 4.5, 3 for large text (AA).
  const rgb = c => (c.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => v / 255)
      .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
      .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = e => {
    for (; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length >= 3 && (c.length < 4 || c[3] > 0)) return c;
    }
    return [255, 255, 255];
  };
  const low = [];
  let texts = 0;
  for (const e of document.querySelectorAll('body *')) {
    const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !visible(e)) continue;
    ++texts;
    const s = getComputedStyle(e);
    const svg = e instanceof SVGElement;
    const fg = rgb(svg ? s.fill : s.color);
    // SVG text lies on the page's white, but a marker's letter (S, F) on the marker before it.
    const marker = svg && e.classList.contains('mark') && e.previousElementSibling;
    const bg = !svg ? background(e)
        : marker ? rgb(getComputedStyle(marker).fill) : [255, 255, 255];
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < need) low.push(`${e.tagName} "${e.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
  }
  out.texts = texts;
  out.low_contrast = low;
  // What a phone shows: nothing wider than the window but inside a box that scrolls sideways,
  // and chart text no smaller than a small print (its box's height, font size times the scale).
  out.page_width = document.documentElement.scrollWidth;
  out.window_width = window.innerWidth;
  const heights = [...document.querySelectorAll('svg.chart text')].filter(visible)
      .map(t => t.getBoundingClientRect().height);
  out.smallest_chart_text = heights.length ? Math.min(...heights) : 0;
  out.bottom = Math.ceil(Math.max(...[...document.body.children]
      .map(e => e.getBoundingClientRect().bottom + window.scrollY)));
  out.scroll_height = document.documentElement.scrollHeight;
  return JSON.stringify(out);
})()"""


def check(browser, html, png):
    failures = []
    source = open(html, encoding="utf-8").read()
    expect = {"cards": source.count('<article class="run '),
              "charts": source.count('<figure class="chart'),
              "routes": source.count('<svg class="route"')}
    start = time.monotonic()
    load(browser, html)
    time.sleep(0.5)  # late console messages
    browser.call("Runtime.evaluate", expression="1")  # drains the events sent meanwhile
    errors, requests = [], []
    for e in browser.events:
        m, p = e.get("method"), e.get("params", {})
        if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            errors.append(" ".join(str(a.get("value", a.get("description"))) for a in p["args"]))
        elif m == "Runtime.exceptionThrown":
            errors.append(p["exceptionDetails"].get("text", "exception"))
        elif m == "Log.entryAdded" and p["entry"]["level"] == "error":
            errors.append(p["entry"]["text"])
        elif m == "Network.requestWillBeSent":
            url = p["request"]["url"]
            if p.get("type") != "Document" or not url.startswith("file://"):
                requests.append(url)
    if errors:
        failures.append(f"console errors: {errors}")
    if requests:
        failures.append(f"network requests: {requests}")
    probe = json.loads(browser.call("Runtime.evaluate", expression=PROBE,
                                    returnByValue=True)["result"]["value"])
    for kind, n in expect.items():
        if probe[kind]["count"] != n:
            failures.append(f"{kind}: {probe[kind]['count']} in the page, {n} in the HTML")
    if probe["legends"]["count"] != probe["charts"]["count"]:
        failures.append(f"{probe['charts']['count']} charts but {probe['legends']['count']} legends")
    if probe["route_legends"]["count"] != probe["routes"]["count"]:
        failures.append("a route without its legend")
    for kind, seen in probe.items():
        if isinstance(seen, dict) and seen["hidden"]:
            failures.append(f"{seen['hidden']} of {seen['count']} {kind} not visible")
    if probe["cards_without_chart"]:
        failures.append(f"cards without a chart: {probe['cards_without_chart']}")
    if probe["low_contrast"]:
        failures.append(f"{len(probe['low_contrast'])} texts under WCAG AA contrast, e.g. "
                        f"{probe['low_contrast'][:5]}")
    if probe["legends_empty"]:
        failures.append(f"{probe['legends_empty']} empty legends")
    if probe["page_width"] > probe["window_width"] + 1:
        failures.append(f"the page is {probe['page_width']} px wide in a window of "
                        f"{probe['window_width']} px: something overflows")
    if probe["smallest_chart_text"] < 7:
        failures.append(f"chart text drawn {probe['smallest_chart_text']:.1f} px high (under 7 px)")
    if expect["cards"] == 0 or probe["routes"]["count"] == 0:
        failures.append("no cards or no routes: the report is not the samples'")
    # Printed on A4: one card per page (each starts a page and fits on it), so no more pages
    # than cards, plus one per athlete's weekly section, plus the title.
    pdf = base64.b64decode(browser.call("Page.printToPDF", paperWidth=8.27, paperHeight=11.69,
                                        printBackground=True)["data"])
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    sections = source.count('<section class="athlete">')
    if not 0 < pages <= expect["cards"] + sections + 1:
        failures.append(f"{pages} printed pages for {expect['cards']} cards and {sections} athletes")
    height, png_height = screenshot(browser, png)
    if png_height < max(probe["bottom"], probe["scroll_height"]):
        failures.append(f"screenshot {png_height} px high, page {probe['scroll_height']} px, "
                        f"last element ends at {probe['bottom']} px")
    print(f"browser: {probe['cards']['count']} cards, {probe['charts']['count']} charts with "
          f"{probe['legends']['count']} legends, {probe['routes']['count']} routes, "
          f"{probe['splits']['count']} splits tables; {probe['texts']} texts, "
          f"{len(probe['low_contrast'])} under AA contrast; {len(errors)} console errors, "
          f"{len(requests)} network requests; {pages} A4 pages; page {probe['scroll_height']} px, "
          f"screenshot "
          f"{png_height} px ({png}); {time.monotonic() - start:.1f} s")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=["render", "check"])
    parser.add_argument("html")
    parser.add_argument("png")
    parser.add_argument("--width", type=int, default=1100)
    parser.add_argument("--clip", help="TOP:HEIGHT in CSS px (render only)")
    args = parser.parse_args()
    ensure_tools()
    browser = Browser(args.width)
    try:
        if args.mode == "render":
            load(browser, args.html)
            clip = tuple(int(v) for v in args.clip.split(":")) if args.clip else None
            screenshot(browser, args.png, clip)
            print(args.png)
            return 0
        failures = check(browser, args.html, args.png)
    finally:
        browser.close()
    for f in failures:
        print(f"FAIL {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
