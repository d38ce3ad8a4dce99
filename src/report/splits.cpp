#include "splits.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "run_charts.hpp"
#include "svg.hpp"
#include "words.hpp"

namespace runaudit::report::detail {
namespace {

constexpr double min_span_overlap_m = 25;  // a finding's span that marks a split (cut())
// Shorter splits (the rest after the last whole km) show no GAP: over a few seconds at the end
// of a run the grade, and so the GAP, are edge effects of the smoothing.
constexpr double min_gap_split_m = 100;

// The climbing each point of @p r's series closes (m): the run's gain counts in steps of its
// hysteresis (ElevationQuality::hysteresis_m; the threshold method), so GPS altitude's wander,
// which the gain leaves out, is not climbing in a split either; each step is shared among the
// points it rose over (since the elevation it was counted from), as they rose, so a split gets
// the climbing done in it, not a whole step where the step was confirmed.
std::vector<double> rises(const audit::RunRecord& r) {
  const audit::ChartSeries& c = *r.series;
  const std::vector<double>& e = c.elevation_m;
  std::vector<double> out(e.size(), 0.0);
  const double hysteresis = r.elevation ? r.elevation->hysteresis_m : 0;
  std::size_t from = 0;  // the point the current level was counted at
  while (from < e.size() && !std::isfinite(e[from])) ++from;
  if (from == e.size()) return out;
  double level = e[from];
  for (std::size_t i = from + 1; i < e.size(); ++i) {
    if (!std::isfinite(e[i])) continue;
    if (e[i] - level >= hysteresis) {
      // The step, shared as the points between rose (their rises sum to at least the step).
      double up = 0, previous = level;
      for (std::size_t k = from + 1; k <= i; ++k)
        if (std::isfinite(e[k])) up += std::max(0.0, e[k] - previous), previous = e[k];
      previous = level;
      for (std::size_t k = from + 1; k <= i; ++k)
        if (std::isfinite(e[k])) {
          out[k] = up > 0 ? (e[i] - level) * std::max(0.0, e[k] - previous) / up : 0;
          previous = e[k];
        }
      if (up <= 0) out[i] = e[i] - level;
      level = e[i];
      from = i;
    } else if (level - e[i] >= hysteresis) {
      level = e[i];
      from = i;
    }
  }
  // The card's gain is counted on every sample, these steps on the chart's points (10 s apart):
  // shared in proportion to them, the splits' climbing adds up to the card's.
  const double total = std::accumulate(out.begin(), out.end(), 0.0);
  if (r.metrics.elevation_gain_m && total > 0)
    for (double& rise : out) rise *= *r.metrics.elevation_gain_m / total;
  return out;
}

// The run cut at @p bounds (ascending) of distance, or of time when @p by_time.
std::vector<Split> cut(const audit::RunRecord& r, bool by_time, const std::vector<double>& bounds) {
  const audit::ChartSeries& c = *r.series;
  const std::vector<double>& x = by_time ? c.time_s : c.distance_m;
  const std::size_t n = c.time_s.size();
  std::vector<Split> out(1);
  out.back().hr_bpm = 0;  // a sum until closed
  double hr_time = 0;
  std::size_t next = 0;  // the next bound
  const std::vector<double> rise = rises(r);
  const auto close = [&] {
    Split& s = out.back();
    s.end_m = s.start_m + s.distance_m;
    s.hr_bpm = hr_time > 0 ? s.hr_bpm / hr_time : NAN;
    hr_time = 0;
  };
  // Each point closes the interval since the one before; the first, the interval since the
  // first sample (time and distance 0: the series' first point ends its first step).
  for (std::size_t i = 0; i < n; ++i) {
    const double x0 = i > 0 ? x[i - 1] : 0, x1 = x[i];
    const double dt = c.time_s[i] - (i > 0 ? c.time_s[i - 1] : 0);
    if (!std::isfinite(x0) || !std::isfinite(x1) || dt <= 0) continue;
    const double dd = c.distance_m[i] - (i > 0 ? c.distance_m[i - 1] : 0);
    const double moving_s = moving_time(c, i);
    const double gap_m =
        moving_s > 0 && std::isfinite(c.gap_s_per_km[i]) ? moving_s * 1000 / c.gap_s_per_km[i] : 0;
    const double hr = c.heart_rate_bpm[i];
    // Share the interval among the parts it crosses, in proportion to x.
    double from = x0, done = 0;
    while (true) {
      const double bound =
          next < bounds.size() ? bounds[next] : std::numeric_limits<double>::infinity();
      const double to = std::min(x1, bound);
      const double part = x1 > x0 ? (to - from) / (x1 - x0) : 1.0 - done;
      Split& s = out.back();
      s.elapsed_s += dt * part;
      s.moving_s += moving_s * part;
      if (std::isfinite(dd)) s.distance_m += dd * part;
      s.gap_distance_m += gap_m * part;
      s.climb_m += rise[i] * part;
      if (moving_s > 0 && std::isfinite(hr)) {
        s.hr_bpm += hr * moving_s * part;
        hr_time += moving_s * part;
      }
      done += part;
      if (x1 < bound || x1 <= x0) break;
      close();
      out.push_back({.start_m = out.back().end_m, .hr_bpm = 0});
      ++next;
      from = bound;
      if (x1 == bound) break;
    }
  }
  close();
  if (out.size() > 1 && out.back().elapsed_s < 1) out.pop_back();  // nothing after a bound

  const auto& pace_limit = r.limits.pace_limit_s_per_km;
  const auto& hr_limit = r.limits.hr_limit_bpm;
  for (Split& s : out) {
    if (pace_limit && s.gap_distance_m > 0 && s.distance_m >= min_gap_split_m &&
        s.moving_s / s.gap_distance_m * 1000 < pace_limit->value - 0.5)
      s.broken.push_back("GAP");
    if (hr_limit && std::isfinite(s.hr_bpm) && s.hr_bpm > hr_limit->value) s.broken.push_back("HR");
    // A span marks the splits it covers, not one it runs into by a sample or two (a span that
    // ends at a km bound ends at the first sample past it): at least 25 m of it, or half of a
    // shorter span.
    // A stretch of heart rate above the limit in a split whose average is under it is an "HR
    // stretch" (its average, shown beside, is no breach); with the average above, one "HR".
    const auto marked = [&](const std::string& label) {
      return std::find(s.broken.begin(), s.broken.end(), label) != s.broken.end();
    };
    for (const audit::Violation& v : r.judgement.violations) {
      const double overlap = std::min(v.end_m, s.end_m) - std::max(v.start_m, s.start_m);
      const bool heart_rate = v.rule == "heart_rate";
      const std::string label = heart_rate ? "HR stretch" : v.rule;
      if (!whole_run(v) && v.severity != audit::Severity::info &&
          overlap >= std::min(min_span_overlap_m, (v.end_m - v.start_m) / 2) && overlap > 0 &&
          !marked(label) && !(heart_rate && marked("HR")))
        s.broken.push_back(label);
    }
  }
  return out;
}

// Stopped or paused time in a split shown beside its moving time (s): less is the rounding of
// a stop's edges.
constexpr double min_shown_stop_s = 5;

// One row: its first cells, then moving time (and the time stopped or paused in it, which its
// elapsed time adds), pace and GAP over the moving time, HR, climb, what it broke.
std::string row(const std::string& first, const Split& s, const audit::RunRecord& r, Units units) {
  const bool bad = !s.broken.empty();
  std::string broke;
  for (const std::string& b : s.broken) broke += (broke.empty() ? "" : ", ") + b;
  const double still_s = s.elapsed_s - s.moving_s;
  return std::string("<tr") + (bad ? " class=\"broke\"" : "") + ">" + first + "<td>" +
         format_clock(s.moving_s) +
         (still_s >= min_shown_stop_s
              ? " <span class=\"still\">+" + format_clock(still_s) + " stopped</span>"
              : std::string()) +
         "</td><td>" +
         (s.distance_m > 0 && s.moving_s > 0 ? format_pace(s.moving_s / s.distance_m * 1000, units)
                                             : "—") +
         "</td><td>" +
         (s.gap_distance_m > 0 && s.distance_m >= min_gap_split_m
              ? format_pace(s.moving_s / s.gap_distance_m * 1000, units)
              : "—") +
         "</td><td>" + (std::isfinite(s.hr_bpm) ? hr_beside_limit(s.hr_bpm, r) : "—") +
         "</td><td>" +
         (units == Units::imperial ? format_fixed(s.climb_m * feet_per_metre, 0) + " ft"
                                   : format_fixed(s.climb_m, 0) + " m") +
         "</td><td class=\"text\">" + (bad ? "⚠ " + esc(broke) : "") + "</td></tr>";
}

const char* const columns =
    "<th>moving</th><th>pace</th><th>GAP</th><th>HR</th><th>climb</th><th class=\"text\">broke</th>"
    "</tr></thead><tbody>";

}  // namespace

std::vector<Split> splits(const audit::RunRecord& r, double split_m) {
  if (!r.series || !r.metrics.distance_m || split_m <= 0 || r.series->time_s.empty()) return {};
  const double total = r.series->distance_m.back();
  if (!std::isfinite(total) || total <= 0 || total / split_m > max_splits) return {};
  std::vector<double> bounds;
  for (double k = 1; k * split_m < total; ++k) bounds.push_back(k * split_m);
  return cut(r, false, bounds);
}

std::vector<Split> laps(const audit::RunRecord& r) {
  if (!r.series || r.lap_start_s.empty() || r.series->time_s.empty() ||
      static_cast<double>(r.lap_start_s.size() + 1) > max_splits)
    return {};
  return cut(r, true, r.lap_start_s);
}

std::string splits_tables(const audit::RunRecord& r, Units units) {
  const bool miles = units == Units::imperial;
  const double unit_m = miles ? metres_per_mile : 1000;
  const std::string u = miles ? "mi" : "km";
  std::string out;
  const std::vector<Split> by_distance = splits(r, unit_m);
  if (!by_distance.empty()) {
    out += "<table class=\"splits\"><caption>Splits per " + u +
           " (⚠ marks a split that broke a limit; an HR stretch: part of it above the HR "
           "limit)</caption><thead><tr><th>" +
           u + "</th>" + columns;
    for (const Split& s : by_distance)
      out +=
          row("<td>" + format_fixed(s.end_m / unit_m, s.distance_m < unit_m - 1 ? 2 : 0) + "</td>",
              s, r, units);
    out += "</tbody></table>";
  }
  const std::vector<Split> from_file = laps(r);
  if (static_cast<double>(r.lap_start_s.size() + 1) > max_splits)
    out += "<p class=\"laps-omitted\">The file's " + std::to_string(r.lap_start_s.size() + 1) +
           " laps: more than a table shows (" + format_fixed(max_splits, 0) + ")</p>";
  if (!from_file.empty()) {
    out +=
        "<table class=\"splits laps\"><caption>Laps of the file</caption><thead><tr><th>lap"
        "</th><th>" +
        u + "</th>" + columns;
    for (std::size_t k = 0; k < from_file.size(); ++k)
      out += row("<td>" + std::to_string(k + 1) + "</td><td>" +
                     format_fixed(from_file[k].distance_m / unit_m, 2) + "</td>",
                 from_file[k], r, units);
    out += "</tbody></table>";
  }
  return out.empty() ? "" : "<div class=\"tables\">" + out + "</div>";
}

}  // namespace runaudit::report::detail
