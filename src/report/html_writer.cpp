// Self-contained HTML coach report: per athlete the weekly table, then a card per run with the
// verdict, metrics, violations and inline SVG charts over distance (grade-adjusted pace with the
// pace limit and every violation span, elevation, heart rate with its limit). No scripts, no
// fonts, no network; prints on A4/Letter.

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "runaudit/report/writer.hpp"
#include "runaudit/time.hpp"
#include "weekly.hpp"
#include "words.hpp"
#include "writers.hpp"

namespace runaudit::report::detail {
namespace {

constexpr const char* style = R"(
:root { --pass: #1a7f37; --warn: #b26b00; --fail: #c62828; --unjudged: #57606a; --ink: #1f2328;
        --muted: #656d76; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
       sans-serif; color: var(--ink); margin: 24px auto; max-width: 980px; padding: 0 16px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { margin: 32px 0 8px; border-bottom: 2px solid #d0d7de; }
.summary { color: var(--muted); }
table.weeks { border-collapse: collapse; margin: 8px 0 16px; }
table.weeks th, table.weeks td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: right; }
table.weeks th:first-child, table.weeks td:first-child, table.weeks td.text { text-align: left; }
article.run { border: 1px solid #d0d7de; border-left: 6px solid var(--muted); border-radius: 6px;
              padding: 12px 16px; margin: 16px 0; break-inside: avoid; }
article.pass { border-left-color: var(--pass); } article.warn { border-left-color: var(--warn); }
article.fail { border-left-color: var(--fail); } article.unjudged { border-left-color: var(--unjudged); }
article header { display: flex; gap: 12px; align-items: baseline; flex-wrap: wrap; }
article h3 { margin: 0; font-size: 17px; }
.verdict { font-weight: 700; padding: 1px 8px; border-radius: 4px; color: #fff;
           -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.verdict.pass { background: var(--pass); } .verdict.warn { background: var(--warn); }
.verdict.fail { background: var(--fail); } .verdict.unjudged { background: var(--unjudged); }
.file { color: var(--muted); font-size: 12px; margin: 2px 0 8px; word-break: break-all; }
dl.metrics { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
             gap: 2px 16px; margin: 8px 0; }
dl.metrics div { display: flex; justify-content: space-between; border-bottom: 1px dotted #d0d7de; }
dl.metrics dt { color: var(--muted); } dl.metrics dd { margin: 0; font-weight: 600; }
ul.violations { margin: 8px 0; padding-left: 20px; }
li.major::marker { color: var(--fail); } li.minor::marker { color: var(--warn); }
li.info { color: var(--muted); } .notjudged { color: var(--muted); font-size: 12px; }
svg.chart { width: 100%; height: auto; display: block; margin: 6px 0;
            -webkit-print-color-adjust: exact; print-color-adjust: exact; }
svg .axis { stroke: #8c959f; stroke-width: 1; } svg .grid { stroke: #eaeef2; stroke-width: 1; }
svg text { font: 11px system-ui, sans-serif; fill: #57606a; }
svg .title { font-weight: 600; fill: #1f2328; }
svg .line { fill: none; stroke: #0969da; stroke-width: 1.5; }
svg .hr { fill: none; stroke: #cf222e; stroke-width: 1.5; }
svg .area { fill: #d8e6c9; stroke: #4d7c0f; stroke-width: 1.2; }
svg .limit { stroke: #c62828; stroke-width: 1.5; stroke-dasharray: 6 4; }
svg rect.violation { fill: #c62828; fill-opacity: 0.16; }
svg rect.violation.minor { fill: #b26b00; } svg rect.violation.info { fill: #656d76; }
svg rect.violation.whole { fill-opacity: 0.35; }
ul.skipped, ul.errors { color: var(--muted); }
@media print { body { margin: 0; max-width: none; font-size: 11px; } article.run { margin: 8px 0; }
               h2 { break-after: avoid; } }
)";

std::string esc(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string num(double v) {
  return format_fixed(v, 1);
}

// Chart positions from numbers at 0.1 of their unit, as the JSON report shows them.
double tenth(double v) {
  return std::round(v * 10) / 10;
}

// A chart's frame: plot area, x scale over distance (or time without distance), y scale.
struct Frame {
  double left = 58, right = 708, top = 22, bottom = 138, width = 720, height = 166;
  double x0 = 0, x1 = 1, y0 = 0, y1 = 1;  // data ranges; y0 maps to the bottom
  bool by_distance = true;
  bool miles = false;  // distance axis in miles (--units imperial)
  double x(double v) const { return left + (v - x0) / (x1 - x0) * (right - left); }
  double y(double v) const { return bottom - (v - y0) / (y1 - y0) * (bottom - top); }
};

// Round tick step for a span: 1, 2 or 5 × 10^k.
double tick_step(double span, int target) {
  const double raw = span / target;
  const double mag = std::pow(10, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 5.0, 10.0})
    if (raw <= m * mag) return m * mag;
  return 10 * mag;
}

// The multiples of @p step in [lo, hi], at most 50: `v += step` would never end when step is
// lost in v's rounding (a huge value next to a small span), and a chart never needs more.
std::vector<double> ticks(double lo, double hi, double step) {
  std::vector<double> out;
  if (!(step > 0) || !std::isfinite(lo) || !std::isfinite(hi)) return out;
  const double first = std::ceil(lo / step);
  for (int k = 0; k < 50; ++k) {
    const double v = (first + k) * step;
    if (v > hi + 1e-9) break;
    out.push_back(v);
  }
  return out;
}

class Chart {
 public:
  Chart(const Frame& f, const std::string& title, const std::string& y_unit) : m_f(f) {
    m_svg << "<svg class=\"chart\" viewBox=\"0 0 " << f.width << ' ' << f.height
          << "\" role=\"img\" aria-label=\"" << esc(title)
          << "\" xmlns=\"http://www.w3.org/2000/svg\">"
          << "<text class=\"title\" x=\"" << f.left << "\" y=\"14\">" << esc(title) << "</text>"
          << "<text x=\"" << f.right << "\" y=\"14\" text-anchor=\"end\">" << esc(y_unit)
          << "</text>";
  }

  // Vertical grid and labels along x (km, or minutes without distance).
  void x_axis() {
    const double scale = !m_f.by_distance ? 60 : m_f.miles ? metres_per_mile : 1000;
    const double step = tick_step((m_f.x1 - m_f.x0) / scale, 8) * scale;
    for (const double v : ticks(m_f.x0, m_f.x1, step)) {
      m_svg << "<line class=\"grid\" x1=\"" << num(m_f.x(v)) << "\" x2=\"" << num(m_f.x(v))
            << "\" y1=\"" << m_f.top << "\" y2=\"" << m_f.bottom << "\"/>"
            << "<text x=\"" << num(m_f.x(v)) << "\" y=\"" << m_f.bottom + 14
            << "\" text-anchor=\"middle\">"
            << format_fixed(v / scale, step / scale < 0.1 ? 2
                                       : step / scale < 1 ? 1
                                                          : 0)
            << "</text>";
    }
    m_svg << "<text x=\"" << m_f.right << "\" y=\"" << m_f.height - 1 << "\" text-anchor=\"end\">"
          << (!m_f.by_distance ? "time (min)"
              : m_f.miles      ? "distance (mi)"
                               : "distance (km)")
          << "</text>"
          << "<line class=\"axis\" x1=\"" << m_f.left << "\" x2=\"" << m_f.right << "\" y1=\""
          << m_f.bottom << "\" y2=\"" << m_f.bottom << "\"/>";
  }

  // Horizontal grid with labels from @p label(value).
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

  // A violation span: full height when localised, a band at the top when it is the whole run.
  void span(const audit::Violation& v, const std::string& words, double total) {
    const double a = tenth(m_f.by_distance ? v.start_m : v.start_s);
    const double b = tenth(m_f.by_distance ? v.end_m : v.end_s);
    // A finding about the run as a whole (an average, a total) covers most of it: a band at
    // the top, so the curve stays readable; localised ones are shaded full height.
    const bool whole = b - a >= 0.8 * (total - m_f.x0);
    const double x = m_f.x(std::clamp(a, m_f.x0, m_f.x1));
    const double w = std::max(2.0, m_f.x(std::clamp(b, m_f.x0, m_f.x1)) - x);
    m_svg << "<rect class=\"violation " << audit::to_string(v.severity) << (whole ? " whole" : "")
          << "\" data-rule=\"" << v.rule << "\" data-start-m=\"" << num(v.start_m)
          << "\" data-end-m=\"" << num(v.end_m) << "\" x=\"" << num(x) << "\" y=\"" << m_f.top
          << "\" width=\"" << num(w) << "\" height=\"" << (whole ? 6 : m_f.bottom - m_f.top)
          << "\"><title>" << esc(v.rule + ": " + words) << "</title></rect>";
  }

  // A polyline through (xs[i], ys[i]), broken where either is not finite.
  void line(const std::vector<double>& xs, const std::vector<double>& ys, const char* cls) {
    std::string d;
    bool pen = false;
    for (std::size_t i = 0; i < xs.size(); ++i) {
      if (!std::isfinite(xs[i]) || !std::isfinite(ys[i])) {
        pen = false;
        continue;
      }
      const double yv = std::clamp(ys[i], std::min(m_f.y0, m_f.y1), std::max(m_f.y0, m_f.y1));
      d += (pen ? " L" : " M") + num(m_f.x(xs[i])) + "," + num(m_f.y(yv));
      pen = true;
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
          << num(m_f.y(value)) << "\" y2=\"" << num(m_f.y(value)) << "\"/><text x=\""
          << m_f.right - 4 << "\" y=\"" << num(m_f.y(value) - 4)
          << "\" text-anchor=\"end\" style=\"fill:#c62828\">" << esc(label) << "</text>";
  }

  std::string str() { return m_svg.str() + "</svg>"; }

 private:
  const Frame& m_f;
  std::ostringstream m_svg;
};

// Tick step for paces (s): a clock-friendly 10 s … 5 min, about four ticks.
double pace_step(double span) {
  for (const double s : {10.0, 15.0, 20.0, 30.0, 60.0, 120.0})
    if (span / s <= 5) return s;
  return 300;
}

std::pair<double, double> range(const std::vector<double>& v, double lo_q, double hi_q) {
  std::vector<double> finite;
  for (const double x : v)
    if (std::isfinite(x)) finite.push_back(x);
  if (finite.empty()) return {NAN, NAN};
  std::sort(finite.begin(), finite.end());
  const auto at = [&](double q) {
    return finite[static_cast<std::size_t>(q * static_cast<double>(finite.size() - 1))];
  };
  return {at(lo_q), at(hi_q)};
}

bool is_elevation_rule(const std::string& rule) {
  return rule == "elevation_gain" || rule == "grade";
}

std::string charts(const audit::RunRecord& r, Units units) {
  if (!r.series || r.series->time_s.size() < 2) return "";
  const audit::ChartSeries& c = *r.series;
  Frame f;
  f.by_distance = r.metrics.distance_m && *r.metrics.distance_m > 0;
  f.miles = units == Units::imperial;
  const std::vector<double>& xs = f.by_distance ? c.distance_m : c.time_s;
  f.x0 = 0;
  f.x1 = std::max(1.0, tenth(f.by_distance ? *r.metrics.distance_m : c.time_s.back()));
  const double total = f.x1;
  const double pace_unit = units == Units::imperial ? metres_per_mile / 1000 : 1;
  const std::string per = units == Units::imperial ? "/mi" : "/km";
  std::ostringstream out;
  // Shades a violation's span on @p chart, titled with its words.
  const auto mark = [&](Chart& chart, const audit::Violation& v) {
    chart.span(v, violation_words(v, r, units), total);
  };

  // Grade-adjusted pace (faster is up), the pace limit, and the violation spans.
  auto [p_lo, p_hi] = range(c.gap_s_per_km, 0.05, 0.90);
  const double pace_limit =  // NaN without a pace limit
      r.limits.pace_limit_s_per_km ? tenth(r.limits.pace_limit_s_per_km->value) : NAN;
  if (std::isfinite(p_lo)) {
    if (std::isfinite(pace_limit)) {
      p_lo = std::min(p_lo, pace_limit);
      p_hi = std::max(p_hi, pace_limit);
    }
    const double pad = std::max(10.0, 0.08 * (p_hi - p_lo));
    f.y0 = (p_hi + pad) * pace_unit;  // slow at the bottom
    f.y1 = std::max(60.0, p_lo - pad) * pace_unit;
    Chart chart(f, "Grade-adjusted pace", "min" + per + " (faster is up)");
    for (const audit::Violation& v : r.judgement.violations)
      if (v.rule != "heart_rate" && !is_elevation_rule(v.rule)) mark(chart, v);
    chart.x_axis();
    chart.y_axis(pace_step(f.y0 - f.y1), [](double v) { return format_clock(v); });
    std::vector<double> ys(c.gap_s_per_km);
    for (double& y : ys) y *= pace_unit;
    chart.line(xs, ys, "line");
    if (std::isfinite(pace_limit))
      chart.limit(pace_limit * pace_unit, "limit " + format_pace(pace_limit, units));
    out << chart.str();
  }

  // Elevation profile, with the climbing violations.
  const auto [e_lo, e_hi] = range(c.elevation_m, 0, 1);
  if (std::isfinite(e_lo)) {
    const double feet = units == Units::imperial ? feet_per_metre : 1;
    const double span = std::max(20.0, e_hi - e_lo);
    f.y0 = (e_lo - 0.1 * span) * feet;
    f.y1 = (e_lo + 1.1 * span) * feet;
    Chart chart(f, "Elevation", units == Units::imperial ? "ft" : "m");
    for (const audit::Violation& v : r.judgement.violations)
      if (is_elevation_rule(v.rule)) mark(chart, v);
    chart.x_axis();
    chart.y_axis(tick_step(f.y1 - f.y0, 4), [](double v) { return format_fixed(v, 0); });
    std::vector<double> ys(c.elevation_m);
    for (double& y : ys) y *= feet;
    chart.area(xs, ys);
    out << chart.str();
  }

  // Heart rate with its limit.
  auto [h_lo, h_hi] = range(c.heart_rate_bpm, 0, 1);
  if (std::isfinite(h_lo)) {
    const double hr_limit = r.limits.hr_limit_bpm ? tenth(r.limits.hr_limit_bpm->value) : NAN;
    if (std::isfinite(hr_limit)) {
      h_lo = std::min(h_lo, hr_limit);
      h_hi = std::max(h_hi, hr_limit);
    }
    f.y0 = h_lo - 5;
    f.y1 = h_hi + 5;
    Chart chart(f, "Heart rate", "bpm");
    for (const audit::Violation& v : r.judgement.violations)
      if (v.rule == "heart_rate") mark(chart, v);
    chart.x_axis();
    chart.y_axis(tick_step(f.y1 - f.y0, 4), [](double v) { return format_fixed(v, 0); });
    chart.line(xs, c.heart_rate_bpm, "hr");
    if (std::isfinite(hr_limit)) chart.limit(hr_limit, "limit " + format_bpm(hr_limit));
    out << chart.str();
  }
  return out.str();
}

class HtmlWriter final : public Writer {
 public:
  HtmlWriter(std::ostream& out, const ReportOptions& o) : m_out(out), m_units(o.units) {}

  // A skipped run's list item, or an audited run's card from just after its id (numbered in
  // output order by run()) to its end, charts included.
  std::string render(const audit::RunRecord& r) const override {
    const std::string date =
        r.start_time_ms ? format_rfc3339(*r.start_time_ms).substr(0, 10) : "undated";
    const std::string name = r.name.empty() ? file_stem(r.file) : r.name;
    if (!r.audited) return "<li>" + esc(date + " " + name) + ": " + esc(r.skip_reason) + "</li>";
    const audit::Judgement& j = r.judgement;
    const std::string verdict(audit::to_string(j.verdict));
    std::ostringstream card;
    card << "\"><header>"
         << "<span class=\"verdict " << verdict << "\">" << verdict << "</span><h3>"
         << esc(date + " · " + name) << "</h3><span>score " << format_fixed(j.score, 0)
         << "</span></header><p class=\"file\">" << esc(r.file) << " #" << r.activity_index
         << "</p><dl class=\"metrics\">";
    const signal::Metrics& m = r.metrics;
    const auto item = [&](const std::string& k, const std::string& v) {
      card << "<div><dt>" << k << "</dt><dd>" << esc(v) << "</dd></div>";
    };
    item("moving", format_clock(m.moving_time_s));
    if (m.distance_m) item("distance", format_distance(*m.distance_m, m_units));
    if (m.avg_pace_s_per_km) item("pace", format_pace(*m.avg_pace_s_per_km, m_units));
    if (m.avg_gap_s_per_km) item("GAP", format_pace(*m.avg_gap_s_per_km, m_units));
    if (m.gain_per_km_m) item("climb", format_climb_rate(*m.gain_per_km_m, m_units));
    if (m.max_grade_pct) item("steepest", format_fixed(*m.max_grade_pct, 1) + " %");
    if (m.avg_hr_bpm)
      item("HR", format_fixed(*m.avg_hr_bpm, 0) + " / " + format_fixed(*m.max_hr_bpm, 0) + " bpm");
    if (m.stop_count)
      item("stops", std::to_string(m.stop_count) + " · " + format_clock(m.stopped_time_s));
    item("cool-down", format_clock(m.cooldown_walk_s));
    card << "</dl>";
    if (!j.violations.empty()) {
      card << "<ul class=\"violations\">";
      for (const audit::Violation& v : j.violations)
        card << "<li class=\"" << audit::to_string(v.severity) << "\"><b>" << v.rule << "</b> ("
             << audit::to_string(v.severity) << "): " << esc(violation_words(v, r, m_units))
             << "</li>";
      card << "</ul>";
    }
    for (const audit::NotJudged& n : j.not_judged)
      card << "<div class=\"notjudged\">not judged: " << n.rule << " — "
           << esc(unjudged_words(n.why, m_units)) << "</div>";
    card << charts(r, m_units) << "</article>\n";
    return card.str();
  }

  void run(const audit::RunRecord& r, std::string rendered) override {
    m_summary.add(r);
    Athlete& a = m_athletes[r.athlete];
    if (!r.audited) {
      ++m_skipped;
      a.skipped += rendered;
      return;
    }
    const std::string verdict(audit::to_string(r.judgement.verdict));
    ++m_counts[static_cast<std::size_t>(r.judgement.verdict)];
    a.cards += "<article class=\"run " + verdict + "\" id=\"run-" + std::to_string(++m_id);
    a.cards += rendered;
  }

  void finish(std::span<const io::Diagnostic> errors) override {
    m_out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
             "<title>Recovery-run audit</title><style>"
          << style << "</style></head><body>\n<h1>Recovery-run audit</h1>\n<p class=\"summary\">"
          << m_counts[0] + m_counts[1] + m_counts[2] + m_counts[3]
          << " runs audited: " << m_counts[0] << " pass, " << m_counts[1] << " warn, "
          << m_counts[2] << " fail, " << m_counts[3] << " unjudged; " << m_skipped << " skipped; "
          << errors.size() << " unreadable</p>\n";
    const auto rows = m_summary.rows();
    for (const auto& [athlete, a] : m_athletes) {
      m_out << "<section class=\"athlete\"><h2>" << esc(athlete) << "</h2>\n";
      if (const auto w = rows.find(athlete); w != rows.end()) {
        m_out << "<table class=\"weeks\"><tr><th>week</th><th>runs</th><th>pass</th><th>warn</th>"
                 "<th>fail</th><th>unjudged</th><th>recovery min</th><th>most frequent "
                 "violation</th><th>vs previous week</th></tr>";
        for (const WeekRow& row : w->second)
          m_out << "<tr><td>" << row.week << "</td><td>" << row.runs << "</td><td>"
                << row.verdicts[0] << "</td><td>" << row.verdicts[1] << "</td><td>"
                << row.verdicts[2] << "</td><td>" << row.verdicts[3] << "</td><td>"
                << format_fixed(row.recovery_min, 0) << "</td><td class=\"text\">"
                << esc(row.frequent) << "</td><td class=\"text\">" << esc(row.change)
                << "</td></tr>";
        m_out << "</table>\n";
      }
      m_out << a.cards;
      if (!a.skipped.empty()) m_out << "<ul class=\"skipped\">" << a.skipped << "</ul>";
      m_out << "</section>\n";
    }
    if (!errors.empty()) {
      m_out << "<h2>Unreadable files</h2><ul class=\"errors\">";
      for (const io::Diagnostic& e : errors)
        m_out << "<li>" << esc(e.source) << io::position(e) << ": " << esc(e.message) << " ("
              << e.code << ")</li>";
      m_out << "</ul>\n";
    }
    m_out << "</body></html>\n";
  }

 private:
  struct Athlete {
    std::string cards, skipped;
  };
  std::ostream& m_out;
  Units m_units;
  WeeklySummary m_summary;
  std::map<std::string, Athlete> m_athletes;
  std::array<std::size_t, std::size(audit::verdict_names)> m_counts{};  // by verdict
  std::size_t m_skipped = 0, m_id = 0;
};

}  // namespace

std::unique_ptr<Writer> make_html_writer(std::ostream& out, const ReportOptions& o) {
  return std::make_unique<HtmlWriter>(out, o);
}

}  // namespace runaudit::report::detail
