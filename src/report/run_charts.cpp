#include "run_charts.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "svg.hpp"
#include "words.hpp"

namespace runaudit::report::detail {

double moving_time(const audit::ChartSeries& c, std::size_t i) {
  if (c.moving_s.size() == c.time_s.size()) return c.moving_s[i];
  const bool moving = c.state[i] == "running" || c.state[i] == "walking";
  return moving ? c.time_s[i] - (i > 0 ? c.time_s[i - 1] : 0) : 0;
}

bool total_past_limit(const audit::Violation& v) {
  return v.rule == "duration" || v.rule == "distance";
}

bool whole_run(const audit::Violation& v) {
  return v.rule == "pace" || v.rule == "elevation_gain" ||
         (v.rule == "heart_rate" && !v.time_above_pct);
}

namespace {

// Chart positions from numbers at 0.1 of their unit, as the JSON report shows them.
double tenth(double v) {
  return std::round(v * 10) / 10;
}

// About two pixels per point: a 4-hour run's 1,400 points drawn one per pixel would be noise.
constexpr std::size_t max_bins = 325;

// The run's points averaged into equal stretches of the x axis (distance, or time without it).
struct Bins {
  std::vector<double> x, pace, gap, hr, elevation;  // per non-empty bin; NaN when not measured
  std::vector<bool> running;  // mostly running: the bins a pace axis's range is taken from
};

Bins bin(const audit::ChartSeries& c, const std::vector<double>& xs, double x1) {
  const std::size_t n = xs.size();
  const std::size_t nb = std::clamp<std::size_t>(n, 1, max_bins);
  struct Sum {
    std::size_t points = 0, running = 0;
    double moving_s = 0, distance_m = 0, gap_s = 0, gap_m = 0, hr = 0, hr_n = 0, ele = 0, ele_n = 0;
  };
  std::vector<Sum> sums(nb);
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(xs[i])) continue;
    const auto b = std::min(
        nb - 1, static_cast<std::size_t>(std::max(0.0, xs[i] / x1) * static_cast<double>(nb)));
    Sum& s = sums[b];
    ++s.points;
    if (c.state[i] == "running") ++s.running;
    if (i > 0) {
      const double dt = moving_time(c, i);
      const double dd = c.distance_m[i] - c.distance_m[i - 1];
      if (dt > 0 && std::isfinite(dd)) {
        s.moving_s += dt;
        s.distance_m += dd;
      }
      if (dt > 0 && std::isfinite(c.gap_s_per_km[i])) {
        s.gap_s += dt;
        s.gap_m += dt * 1000 / c.gap_s_per_km[i];
      }
    }
    if (std::isfinite(c.heart_rate_bpm[i]) && c.state[i] != "paused") {
      s.hr += c.heart_rate_bpm[i];
      ++s.hr_n;
    }
    if (std::isfinite(c.elevation_m[i])) {
      s.ele += c.elevation_m[i];
      ++s.ele_n;
    }
  }
  Bins out;
  for (std::size_t b = 0; b < nb; ++b) {
    const Sum& s = sums[b];
    if (s.points == 0) continue;  // no point here: the line goes straight on
    out.x.push_back((static_cast<double>(b) + 0.5) / static_cast<double>(nb) * x1);
    // A pace over less than 5 s of moving, or 5 m, is GPS noise, not a pace.
    out.pace.push_back(s.moving_s >= 5 && s.distance_m >= 5 ? s.moving_s / s.distance_m * 1000
                                                            : NAN);
    out.gap.push_back(s.gap_s >= 5 && s.gap_m >= 5 ? s.gap_s / s.gap_m * 1000 : NAN);
    out.hr.push_back(s.hr_n > 0 ? s.hr / s.hr_n : NAN);
    out.elevation.push_back(s.ele_n > 0 ? s.ele / s.ele_n : NAN);
    out.running.push_back(2 * s.running > s.points);
  }
  return out;
}

// A stretch of the run that was not running: a stop, a pause, a walk, the cool-down walk.
struct Band {
  std::string kind;  // "stop" | "pause" | "walk" | "cool-down"
  double x0, x1, seconds;
};

// @p cooldown_walk_s: the record's walking time after the last run (Metrics::cooldown_walk_s),
// which labels the cool-down band as the card does (the band itself spans whatever follows
// the last running point, a final stop included). Without one (a walk too short to count, a
// last stop), what follows the last running point is banded as any other stretch: the card
// says there was no cool-down walk.
std::vector<Band> bands(const audit::ChartSeries& c, const std::vector<double>& xs,
                        double cooldown_walk_s) {
  std::vector<Band> out;
  const std::size_t n = c.state.size();
  std::size_t last_running = 0;
  bool any_running = false;
  for (std::size_t i = 0; i < n; ++i)
    if (c.state[i] == "running") {
      last_running = i;
      any_running = true;
    }
  const std::size_t cooldown = any_running && cooldown_walk_s > 0 ? last_running + 1 : n;
  for (std::size_t i = 1; i < cooldown;) {
    const std::string& s = c.state[i];
    std::size_t j = i;
    while (j + 1 < cooldown && c.state[j + 1] == s) ++j;
    if (s != "running") {
      // A stop or pause lasts the time not moving in its points and in those either side of
      // it (each point stands for a stretch of the run, where it began or ended); a walk, its
      // points' span.
      double seconds = c.time_s[j] - c.time_s[i - 1];
      if (s != "walking") {
        seconds = 0;
        for (std::size_t k = i - 1; k <= std::min(j + 1, n - 1); ++k)
          seconds += c.time_s[k] - (k > 0 ? c.time_s[k - 1] : 0) - moving_time(c, k);
      }
      out.push_back({s == "stopped"  ? "stop"
                     : s == "paused" ? "pause"
                                     : "walk",
                     xs[i - 1], xs[j], seconds});
    }
    i = j + 1;
  }
  if (cooldown + 1 < n)  // what effort_of leaves out: everything after the last running point
    out.push_back({"cool-down", xs[cooldown - 1], xs[n - 1], cooldown_walk_s});
  return out;
}

struct Axis {
  bool by_distance = true;
  bool miles = false;
  const std::vector<double>* xs = nullptr;  // the points' x, to find the time at a tick
  const std::vector<double>* time_s = nullptr;
};

class Chart {
 public:
  Chart(const Frame& f, const std::string& title, const std::string& y_unit) : m_f(f) {
    m_svg << "<svg class=\"chart\" viewBox=\"0 0 " << f.width << ' ' << f.height
          << "\" role=\"img\" aria-label=\"" << esc(title)
          << "\" xmlns=\"http://www.w3.org/2000/svg\">"
          << "<text class=\"title\" x=\"" << f.left << "\" y=\"16\">" << esc(title) << "</text>"
          << "<text x=\"" << f.right << "\" y=\"16\" text-anchor=\"end\">" << esc(y_unit)
          << "</text>";
  }

  // Grid and labels along x (km or mi, or minutes without distance), with the elapsed time at
  // each distance tick on a second row.
  void x_axis(const Axis& a) {
    const double scale = !a.by_distance ? 60 : a.miles ? metres_per_mile : 1000;
    const double step = tick_step((m_f.x1 - m_f.x0) / scale, 8) * scale;
    const int decimals = step / scale < 0.1 ? 2 : step / scale < 1 ? 1 : 0;
    for (const double v : ticks(m_f.x0, m_f.x1, step)) {
      const std::string x = num(m_f.x(v));
      m_svg << "<line class=\"grid\" x1=\"" << x << "\" x2=\"" << x << "\" y1=\"" << m_f.top
            << "\" y2=\"" << m_f.bottom << "\"/><text x=\"" << x << "\" y=\"" << m_f.bottom + 14
            << "\" text-anchor=\"middle\">" << format_fixed(v / scale, decimals) << "</text>";
      if (a.by_distance) {
        const auto& xs = *a.xs;
        const auto& ts = *a.time_s;
        // The time the run first reached the tick: between the points either side of it (each
        // stands for a stretch of up to a minute), from the start (0 m at 0:00).
        const auto at = std::lower_bound(xs.begin(), xs.end(), v);
        if (at != xs.end()) {
          const auto k = static_cast<std::size_t>(at - xs.begin());
          const double x0 = k > 0 ? xs[k - 1] : 0, t0 = k > 0 ? ts[k - 1] : 0;
          const double t = v <= 0       ? 0
                           : xs[k] > x0 ? t0 + (ts[k] - t0) * (v - x0) / (xs[k] - x0)
                                        : ts[k];
          m_svg << "<text class=\"time\" x=\"" << x << "\" y=\"" << m_f.bottom + 28
                << "\" text-anchor=\"middle\">" << format_clock(t) << "</text>";
        }
      }
    }
    m_svg << "<text x=\"" << m_f.left - 20 << "\" y=\"" << m_f.bottom + 14
          << "\" text-anchor=\"end\">"
          << (!a.by_distance ? "min"
              : a.miles      ? "mi"
                             : "km")
          << "</text>";
    if (a.by_distance)
      m_svg << "<text class=\"time\" x=\"" << m_f.left - 20 << "\" y=\"" << m_f.bottom + 28
            << "\" text-anchor=\"end\">time</text>";
    m_svg << "<line class=\"axis\" x1=\"" << m_f.left << "\" x2=\"" << m_f.right << "\" y1=\""
          << m_f.bottom << "\" y2=\"" << m_f.bottom << "\"/>";
  }

  template <class Label>
  void y_axis(double step, Label label) {
    const double lo = std::min(m_f.y0, m_f.y1), hi = std::max(m_f.y0, m_f.y1);
    for (const double v : ticks(lo, hi, step))
      m_svg << "<line class=\"grid\" x1=\"" << m_f.left << "\" x2=\"" << m_f.right << "\" y1=\""
            << num(m_f.y(v)) << "\" y2=\"" << num(m_f.y(v)) << "\"/><text x=\"" << m_f.left - 6
            << "\" y=\"" << num(m_f.y(v) + 4) << "\" text-anchor=\"end\">" << label(v) << "</text>";
    m_svg << "<line class=\"axis\" x1=\"" << m_f.left << "\" x2=\"" << m_f.left << "\" y1=\""
          << m_f.top << "\" y2=\"" << m_f.bottom << "\"/>";
  }

  // Stops, pauses and walks: hatched or dotted, full height, at least 3 px wide, labelled
  // where there is room.
  void band(const Band& b) {
    const double x = m_f.x(std::clamp(b.x0, m_f.x0, m_f.x1));
    const double w = std::max(3.0, m_f.x(std::clamp(b.x1, m_f.x0, m_f.x1)) - x);
    const bool still = b.kind == "stop" || b.kind == "pause";
    m_svg << "<rect class=\"state " << (b.kind == "cool-down" ? "cooldown" : b.kind) << "\" x=\""
          << num(x) << "\" y=\"" << m_f.top << "\" width=\"" << num(w) << "\" height=\""
          << m_f.bottom - m_f.top << "\" fill=\"url(#" << (still ? "hatch-stop" : "dots-walk")
          << ")\"><title>" << b.kind << " " << format_clock(b.seconds) << "</title></rect>";
    const bool worth = b.kind == "cool-down" || b.seconds >= 30;
    if (worth && x - m_last_label >= 64) {
      // Near the right edge the label ends at the band's end instead of starting there.
      const bool at_end = x + 70 > m_f.right;
      m_labels << "<text class=\"state-label\" x=\"" << num(at_end ? x + w - 2 : x + 2) << "\" y=\""
               << m_f.bottom - 4 << "\"" << (at_end ? " text-anchor=\"end\"" : "") << ">" << b.kind
               << ' ' << format_clock(b.seconds) << "</text>";
      m_last_label = x;
    }
  }

  // A violation span: hatched by severity; a finding about the whole effort, or a total past
  // its limit (from there to the end), is a band at the top, so the curves stay readable.
  // Labelled with its rule where there is room.
  void span(const audit::Violation& v, const std::string& words, bool by_distance) {
    const double a = tenth(by_distance ? v.start_m : v.start_s);
    const double b = tenth(by_distance ? v.end_m : v.end_s);
    const bool whole = whole_run(v);
    const bool band = whole || total_past_limit(v);
    const double x = m_f.x(std::clamp(a, m_f.x0, m_f.x1));
    const double w = std::max(2.0, m_f.x(std::clamp(b, m_f.x0, m_f.x1)) - x);
    const std::string severity(audit::to_string(v.severity));
    const double height = band ? 10 : m_f.bottom - m_f.top;
    m_svg << "<rect class=\"violation " << severity << (band ? " whole" : "") << "\" data-rule=\""
          << v.rule << "\" data-start-m=\"" << num(v.start_m) << "\" data-end-m=\"" << num(v.end_m)
          << "\" x=\"" << num(x) << "\" y=\"" << m_f.top << "\" width=\"" << num(w)
          << "\" height=\"" << height << "\" fill=\"url(#hatch-" << severity << ")\"><title>"
          << esc(rule_words(v.rule) + ": " + words) << "</title></rect>";
    if (w >= 44 || band) {
      // A label goes on the first line where it overlaps no label drawn before (in any order);
      // one that would run past the right edge ends there. 6.5 px a character: the 10 px
      // semi-bold sans-serif of .span-label, with a space's margin.
      const std::string label = rule_words(v.rule) + (whole ? " (whole effort)" : "");
      const double label_w = 6.5 * static_cast<double>(label.size() + 1);
      const bool at_end = x + 3 + label_w > m_f.right;
      const double start = at_end ? m_f.right - 2 - label_w : x + 3;
      std::size_t row = 0;
      while (row < m_label_rows.size() &&
             std::any_of(m_label_rows[row].begin(), m_label_rows[row].end(),
                         [&](const std::pair<double, double>& taken) {
                           return start < taken.second && taken.first < start + label_w;
                         }))
        ++row;
      if (row == m_label_rows.size()) m_label_rows.emplace_back();
      m_label_rows[row].emplace_back(start, start + label_w);
      m_labels << "<text class=\"span-label\" x=\"" << num(at_end ? m_f.right - 2 : x + 3)
               << "\" y=\"" << m_f.top + 11 + 11 * static_cast<double>(row) << "\""
               << (at_end ? " text-anchor=\"end\"" : "") << ">" << esc(label) << "</text>";
    }
  }

  // A polyline through the points, broken where a value is missing; values beyond the y range
  // are drawn at its edge, and marked with a triangle there where @p mark (if given) is true.
  void line(const std::vector<double>& xs, const std::vector<double>& ys, const char* cls,
            const std::vector<bool>* mark = nullptr) {
    std::string d;
    bool pen = false;
    const double lo = std::min(m_f.y0, m_f.y1), hi = std::max(m_f.y0, m_f.y1);
    for (std::size_t i = 0; i < xs.size(); ++i) {
      if (!std::isfinite(xs[i]) || !std::isfinite(ys[i])) {
        pen = false;
        continue;
      }
      const double yv = std::clamp(ys[i], lo, hi);
      d += (pen ? " L" : " M") + num(m_f.x(xs[i])) + "," + num(m_f.y(yv));
      pen = true;
      if (mark && (*mark)[i] && yv != ys[i]) {
        const double x = m_f.x(xs[i]);
        const bool at_top = m_f.y(yv) < (m_f.top + m_f.bottom) / 2;
        const double y = at_top ? m_f.top : m_f.bottom;
        const double s = at_top ? 1 : -1;  // the triangle points out of the plot
        m_markers << "<path class=\"beyond\" d=\"M" << num(x - 4) << "," << num(y + 7 * s) << " L"
                  << num(x + 4) << "," << num(y + 7 * s) << " L" << num(x) << "," << num(y)
                  << " Z\"/>";
        ++m_beyond;
      }
    }
    if (!d.empty()) m_svg << "<path class=\"" << cls << "\" d=\"" << d.substr(1) << "\"/>";
  }

  void area(const std::vector<double>& xs, const std::vector<double>& ys) {
    std::string d;
    double first = NAN, last = NAN;
    for (std::size_t i = 0; i < xs.size(); ++i) {
      if (!std::isfinite(xs[i]) || !std::isfinite(ys[i])) continue;
      if (std::isnan(first)) first = xs[i];
      last = xs[i];
      d += (d.empty() ? "M" : " L") + num(m_f.x(xs[i])) + "," + num(m_f.y(ys[i]));
    }
    if (d.empty()) return;
    d += " L" + num(m_f.x(last)) + "," + num(m_f.bottom) + " L" + num(m_f.x(first)) + "," +
         num(m_f.bottom) + " Z";
    m_svg << "<path class=\"area\" d=\"" << d << "\"/>";
  }

  void limit(double value, const std::string& label) {
    m_svg << "<line class=\"limit\" x1=\"" << m_f.left << "\" x2=\"" << m_f.right << "\" y1=\""
          << num(m_f.y(value)) << "\" y2=\"" << num(m_f.y(value)) << "\"/>";
    m_labels << "<text class=\"limit-label\" x=\"" << m_f.right - 4 << "\" y=\""
             << num(m_f.y(value) - 4) << "\" text-anchor=\"end\">" << esc(label) << "</text>";
  }

  bool any_beyond() const { return m_beyond > 0; }

  // The chart: its bands and curves, the markers beyond the axis, then the labels over them all
  // (each with a white halo, .span-label in the page's style), so no curve crosses a word.
  std::string str() { return m_svg.str() + m_markers.str() + m_labels.str() + "</svg>"; }

 private:
  const Frame& m_f;
  std::ostringstream m_svg, m_markers, m_labels;
  double m_last_label = -1e9;
  // The span labels drawn on each line from the top: their [start, end) in px.
  std::vector<std::vector<std::pair<double, double>>> m_label_rows;
  std::size_t m_beyond = 0;
};

// A legend item: a small swatch and its words.
std::string swatch(const std::string& drawing, const std::string& words) {
  return "<li><svg width=\"30\" height=\"12\" aria-hidden=\"true\">" + drawing + "</svg>" + words +
         "</li>";
}

std::string legend(const std::vector<std::string>& items) {
  std::string out = "<ul class=\"legend\">";
  for (const std::string& i : items) out += i;
  return out + "</ul>";
}

// A line swatch in the chart's style @p css_class (a curve, or "limit").
std::string line_swatch(const char* css_class) {
  return std::string("<line class=\"") + css_class + "\" x1=\"0\" y1=\"6\" x2=\"30\" y2=\"6\"/>";
}

// The legend item of the markers for values beyond @p chart's axis, when it drew any; @p shown
// says which range the axis holds.
void beyond_item(std::vector<std::string>& items, const Chart& chart, const std::string& shown) {
  if (chart.any_beyond())
    items.push_back(swatch("<path class=\"beyond\" d=\"M11,10 L19,10 L15,2 Z\"/>",
                           "beyond the axis (" + shown + " shown)"));
}

// Legend items for the bands and spans a chart shows.
void state_items(std::vector<std::string>& items, const std::vector<Band>& bands) {
  const auto has = [&](const char* kind) {
    return std::any_of(bands.begin(), bands.end(), [&](const Band& b) { return b.kind == kind; });
  };
  if (has("stop") || has("pause"))
    items.push_back(swatch("<rect width=\"30\" height=\"12\" fill=\"url(#hatch-stop)\"/>",
                           "stop or pause (no distance: a narrow band)"));
  if (has("walk"))
    items.push_back(swatch("<rect width=\"30\" height=\"12\" fill=\"url(#dots-walk)\"/>", "walk"));
  if (has("cool-down"))
    items.push_back(
        swatch("<rect width=\"30\" height=\"12\" fill=\"url(#dots-walk)\"/>", "cool-down walk"));
}

void violation_items(std::vector<std::string>& items,
                     const std::vector<const audit::Violation*>& vs) {
  bool severities[3] = {false, false, false};
  for (const audit::Violation* v : vs) severities[static_cast<int>(v->severity)] = true;
  const char* words[3] = {"advice span", "minor violation span", "major violation span"};
  for (int s = 2; s >= 0; --s)
    if (severities[s])
      items.push_back(swatch(std::string("<rect width=\"30\" height=\"12\" fill=\"url(#hatch-") +
                                 std::string(audit::severity_names[s]) + ")\"/>",
                             words[s]));
}

// Tick step for paces (s): a clock-friendly 10 s … 5 min, about four ticks.
double pace_step(double span) {
  for (const double s : {10.0, 15.0, 20.0, 30.0, 60.0, 120.0})
    if (span / s <= 5) return s;
  return 300;
}

bool is_elevation_rule(const std::string& rule) {
  return rule == "elevation_gain" || rule == "grade";
}

}  // namespace

std::string run_charts(const audit::RunRecord& r, Units units) {
  if (!r.series || r.series->time_s.size() < 2) return "";
  const audit::ChartSeries& c = *r.series;
  Axis axis;
  axis.by_distance = r.metrics.distance_m && *r.metrics.distance_m > 0;
  axis.miles = units == Units::imperial;
  const std::vector<double>& xs = axis.by_distance ? c.distance_m : c.time_s;
  axis.xs = &xs;
  axis.time_s = &c.time_s;
  Frame f;
  f.x0 = 0;
  f.x1 = std::max(1.0, tenth(axis.by_distance ? *r.metrics.distance_m : c.time_s.back()));
  const Bins bins = bin(c, xs, f.x1);
  const std::vector<Band> states = bands(c, xs, r.metrics.cooldown_walk_s);
  const double pace_unit = units == Units::imperial ? metres_per_mile / 1000 : 1;
  const std::string per = units == Units::imperial ? "/mi" : "/km";
  std::vector<const audit::Violation*> pace_spans, elevation_spans, hr_spans;
  for (const audit::Violation& v : r.judgement.violations)
    (v.rule == "heart_rate"      ? hr_spans
     : is_elevation_rule(v.rule) ? elevation_spans
                                 : pace_spans)
        .push_back(&v);
  std::ostringstream out;
  const auto draw_context = [&](Chart& chart, const std::vector<const audit::Violation*>& spans) {
    for (const Band& b : states) chart.band(b);
    for (const audit::Violation* v : spans)
      chart.span(*v, violation_words(*v, r, units), axis.by_distance);
  };

  // Pace and grade-adjusted pace (faster is up), the pace limit, the violation spans.
  // The range is the running's: walks, stops and the cool-down would stretch it into a flat line.
  std::vector<double> both;
  for (std::size_t i = 0; i < bins.x.size(); ++i)
    if (bins.running[i]) {
      both.push_back(bins.pace[i]);
      both.push_back(bins.gap[i]);
    }
  double p_lo = quantile(both, 0.05), p_hi = quantile(both, 0.95);
  const double pace_limit =
      r.limits.pace_limit_s_per_km ? tenth(r.limits.pace_limit_s_per_km->value) : NAN;
  if (std::isfinite(p_lo)) {
    if (std::isfinite(pace_limit)) {
      p_lo = std::min(p_lo, pace_limit);
      p_hi = std::max(p_hi, pace_limit);
    }
    const double pad = std::max(15.0, 0.1 * (p_hi - p_lo));
    f.y0 = (p_hi + pad) * pace_unit;  // slow at the bottom
    f.y1 = std::max(60.0, p_lo - pad) * pace_unit;
    Chart chart(f, "Pace and grade-adjusted pace", "min" + per + ", faster is up");
    draw_context(chart, pace_spans);
    chart.x_axis(axis);
    chart.y_axis(pace_step(f.y0 - f.y1), [](double v) { return format_clock(v); });
    std::vector<double> pace(bins.pace), gap(bins.gap);
    for (double& y : pace) y *= pace_unit;
    for (double& y : gap) y *= pace_unit;
    chart.line(bins.x, pace, "pace", &bins.running);
    chart.line(bins.x, gap, "gap", &bins.running);
    if (std::isfinite(pace_limit))
      chart.limit(pace_limit * pace_unit, "limit " + format_pace(pace_limit, units));
    std::vector<std::string> items{swatch(line_swatch("gap"), "grade-adjusted pace (GAP)"),
                                   swatch(line_swatch("pace"), "actual pace")};
    if (std::isfinite(pace_limit))
      items.push_back(swatch(line_swatch("limit"), "limit " + format_pace(pace_limit, units)));
    violation_items(items, pace_spans);
    state_items(items, states);
    beyond_item(items, chart, "5th–95th percentile");
    out << "<figure class=\"chart pace\">" << chart.str() << legend(items) << "</figure>";
  }

  // Elevation, with the climbing violations.
  const double e_lo = quantile(bins.elevation, 0), e_hi = quantile(bins.elevation, 1);
  if (std::isfinite(e_lo)) {
    const double feet = units == Units::imperial ? feet_per_metre : 1;
    const double span = std::max(20.0, e_hi - e_lo);
    f.y0 = (e_lo - 0.1 * span) * feet;
    f.y1 = (e_lo + 1.1 * span) * feet;
    Chart chart(f, "Elevation", units == Units::imperial ? "ft" : "m");
    draw_context(chart, elevation_spans);
    chart.x_axis(axis);
    chart.y_axis(tick_step(f.y1 - f.y0, 4), [](double v) { return format_fixed(v, 0); });
    std::vector<double> ys(bins.elevation);
    for (double& y : ys) y *= feet;
    chart.area(bins.x, ys);
    std::vector<std::string> items{
        swatch("<rect class=\"area\" x=\"1\" y=\"2\" width=\"28\" height=\"9\"/>",
               "elevation (smoothed)")};
    violation_items(items, elevation_spans);
    // Noisy altitude counts climbing in large steps (ElevationQuality::hysteresis_m): a rise
    // under one shows here and counts nothing in the card's climb, which the legend says. From
    // 5 m: a barometric altimeter's noise (σ < 0.5 m) makes at most 26 × (0.5 − 0.34) ≈ 4 m
    // (docs/elevation.md), so the steps named are those of GPS-like altitude.
    if (r.elevation && r.elevation->hysteresis_m >= 5) {
      const double step = r.elevation->hysteresis_m * feet;
      items.push_back("<li>climbing counted in steps of " + format_fixed(step, 0) +
                      (units == Units::imperial ? " ft" : " m") + " (altitude noise)</li>");
    }
    out << "<figure class=\"chart elevation\">" << chart.str() << legend(items) << "</figure>";
  }

  // Heart rate with its limit.
  double h_lo = quantile(bins.hr, 0.02), h_hi = quantile(bins.hr, 0.98);
  if (std::isfinite(h_lo)) {
    const double hr_limit = r.limits.hr_limit_bpm ? tenth(r.limits.hr_limit_bpm->value) : NAN;
    if (std::isfinite(hr_limit)) {
      h_lo = std::min(h_lo, hr_limit);
      h_hi = std::max(h_hi, hr_limit);
    }
    f.y0 = h_lo - 6;
    f.y1 = h_hi + 6;
    Chart chart(f, "Heart rate", "bpm");
    draw_context(chart, hr_spans);
    chart.x_axis(axis);
    chart.y_axis(tick_step(f.y1 - f.y0, 4), [](double v) { return format_fixed(v, 0); });
    chart.line(bins.x, bins.hr, "hr", &bins.running);
    if (std::isfinite(hr_limit)) chart.limit(hr_limit, "limit " + format_bpm(hr_limit));
    std::vector<std::string> items{swatch(line_swatch("hr"), "heart rate")};
    if (std::isfinite(hr_limit))
      items.push_back(swatch(line_swatch("limit"), "limit " + format_bpm(hr_limit)));
    violation_items(items, hr_spans);
    state_items(items, states);
    beyond_item(items, chart, "2nd–98th percentile");
    out << "<figure class=\"chart hr\">" << chart.str() << legend(items) << "</figure>";
  }
  return out.str();
}

}  // namespace runaudit::report::detail
