#include "trends.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <sstream>

#include "svg.hpp"

namespace runaudit::report::detail {
namespace {

constexpr double left = 62, right = 712, width = 720;
// Width of one character of the chart's labels (px; 11 px sans-serif, digits and capitals), to
// keep week labels apart: one label per as many week slots as it needs.
constexpr double char_px = 7;

struct Panel {
  std::string title, unit;
  std::string value_unit;              // after a value in a dot's tooltip ("min/km GAP", "bpm")
  std::vector<double> values, limits;  // per week; NaN when absent
  bool faster_up = false;              // paces: smaller is better, drawn higher
  std::function<std::string(double)> label;
  std::function<double(double)> step;  // tick step for a span
};

// A panel between @p top and @p bottom: the values of @p weeks (a line with dots, each titled
// with its week) and the limit (a dashed step line, a dash per week across its slot of @p slot
// px); x at week slots.
void draw(std::ostringstream& svg, const Panel& p, double top, double bottom,
          const std::function<double(std::size_t)>& x, double slot,
          const std::vector<const WeekRow*>& weeks) {
  std::vector<double> all(p.values);
  all.insert(all.end(), p.limits.begin(), p.limits.end());
  double lo = quantile(all, 0), hi = quantile(all, 1);
  if (!std::isfinite(lo)) return;
  const double pad = std::max(p.faster_up ? 10.0 : 3.0, 0.15 * (hi - lo));
  lo -= pad;
  hi += pad;
  const auto y = [&](double v) {
    const double f = (v - lo) / (hi - lo);
    return p.faster_up ? top + f * (bottom - top) : bottom - f * (bottom - top);
  };
  svg << "<text class=\"title\" x=\"" << left << "\" y=\"" << top - 6 << "\">" << esc(p.title)
      << "</text><text x=\"" << right << "\" y=\"" << top - 6 << "\" text-anchor=\"end\">"
      << esc(p.unit) << "</text>";
  for (const double v : ticks(lo, hi, p.step(hi - lo)))
    svg << "<line class=\"grid\" x1=\"" << left << "\" x2=\"" << right << "\" y1=\"" << num(y(v))
        << "\" y2=\"" << num(y(v)) << "\"/><text x=\"" << left - 6 << "\" y=\"" << num(y(v) + 4)
        << "\" text-anchor=\"end\">" << p.label(v) << "</text>";
  svg << "<line class=\"axis\" x1=\"" << left << "\" x2=\"" << left << "\" y1=\"" << top
      << "\" y2=\"" << bottom << "\"/>";
  std::string limit_d, value_d;
  const double half = std::min(20.0, slot / 2);  // the limit's dash stays in its slot
  const double dot = std::clamp(slot / 3, 1.5, 3.5);
  for (std::size_t i = 0; i < p.values.size(); ++i) {
    // The limit's steps join week to week, and break where a week has none: no line claims a
    // limit over weeks judged without it.
    const bool joined = i > 0 && std::isfinite(p.limits[i - 1]);
    if (std::isfinite(p.limits[i]))
      limit_d += std::string(limit_d.empty() ? "M"
                             : joined        ? " L"
                                             : " M") +
                 num(x(i) - half) + "," + num(y(p.limits[i])) + " L" + num(x(i) + half) + "," +
                 num(y(p.limits[i]));
    if (std::isfinite(p.values[i])) {
      value_d += (value_d.empty() ? "M" : " L") + num(x(i)) + "," + num(y(p.values[i]));
      svg << "<circle class=\"trend-dot\" cx=\"" << num(x(i)) << "\" cy=\"" << num(y(p.values[i]))
          << "\" r=\"" << num(dot) << "\"><title>" << esc(weeks[i]->week) << ": "
          << p.label(p.values[i]) << ' ' << esc(p.value_unit) << "</title></circle>";
    }
  }
  if (!limit_d.empty()) svg << "<path class=\"limit\" d=\"" << limit_d << "\"/>";
  if (!value_d.empty()) svg << "<path class=\"trend\" d=\"" << value_d << "\"/>";
}

}  // namespace

std::string trends_svg(const std::vector<WeekRow>& weeks, Units units) {
  std::vector<const WeekRow*> dated;  // weeks with runs: one of missed planned days only has none
  for (const WeekRow& w : weeks)
    if (w.week != "undated" && w.runs > 0) dated.push_back(&w);
  if (dated.empty()) return "";
  const double pace_unit = units == Units::imperial ? metres_per_mile / 1000 : 1;
  Panel gap{"Average grade-adjusted pace of the week's runs",
            units == Units::imperial ? "min/mi, faster is up" : "min/km, faster is up"};
  gap.value_unit = units == Units::imperial ? "min/mi GAP" : "min/km GAP";
  gap.faster_up = true;
  gap.label = [](double v) { return format_clock(v); };
  gap.step = [](double span) {  // a clock-friendly 10 s … 5 min, about three ticks
    for (const double s : {10.0, 15.0, 20.0, 30.0, 60.0, 120.0})
      if (span / s <= 4) return s;
    return 300.0;
  };
  Panel hr{"Average heart rate", "bpm"};
  hr.value_unit = "bpm";
  hr.label = [](double v) { return format_fixed(v, 0); };
  hr.step = [](double span) { return tick_step(span, 3); };
  bool any_hr = false;
  for (const WeekRow* w : dated) {
    gap.values.push_back(w->avg_gap_s_per_km * pace_unit);
    gap.limits.push_back(w->pace_limit_s_per_km * pace_unit);
    hr.values.push_back(w->avg_hr_bpm);
    hr.limits.push_back(w->hr_limit_bpm);
    any_hr = any_hr || std::isfinite(w->avg_hr_bpm);
  }
  const double slot = (right - left) / static_cast<double>(dated.size());
  const auto x = [&](std::size_t i) { return left + slot * (static_cast<double>(i) + 0.5); };
  const double height = any_hr ? 330 : 200;
  std::ostringstream svg;
  svg << "<svg class=\"chart trends\" viewBox=\"0 0 " << width << ' ' << height
      << "\" role=\"img\" aria-label=\"Trends over weeks\" xmlns=\"http://www.w3.org/2000/svg\">";
  draw(svg, gap, 24, 120, x, slot, dated);
  if (any_hr) draw(svg, hr, 154, 250, x, slot, dated);
  // Per week: its name ("W48"; "2026-W48" when the weeks span years) and the share that
  // passed, as words and as a bar.
  const bool one_year = std::all_of(dated.begin(), dated.end(), [&](const WeekRow* w) {
    return w->week.compare(0, 4, dated.front()->week, 0, 4) == 0;
  });
  const double base = height - 50;
  // Labels that do not fit their slot are written every so many weeks (the first, then every
  // n-th); the share that passed is "3/4 passed", else "3/4", else only its bar, whose title
  // says it.
  const auto name = [&](const WeekRow& w) {
    return one_year && w.week.size() > 4 ? w.week.substr(5) : w.week;
  };
  const auto every = [&](double label_px) {
    return static_cast<std::size_t>(std::max(1.0, std::ceil((label_px + 6) / slot)));
  };
  std::size_t name_every = 1;
  double widest_share = 0;
  for (const WeekRow* w : dated) {
    name_every = std::max(name_every, every(char_px * static_cast<double>(name(*w).size())));
    widest_share =
        std::max(widest_share, static_cast<double>(std::to_string(w->verdicts[0]).size() +
                                                   std::to_string(w->runs).size() + 1));
  }
  const bool words = slot >= char_px * (widest_share + 7) + 6;
  const std::size_t share_every = every(char_px * widest_share);
  for (std::size_t i = 0; i < dated.size(); ++i) {
    const WeekRow& w = *dated[i];
    const double share =
        w.runs > 0 ? static_cast<double>(w.verdicts[0]) / static_cast<double>(w.runs) : 0;
    const double bar = std::max(std::min(slot - 8, 60.0), 1.0);
    const std::string passed = std::to_string(w.verdicts[0]) + "/" + std::to_string(w.runs);
    if (i % name_every == 0)
      svg << "<text x=\"" << num(x(i)) << "\" y=\"" << base << "\" text-anchor=\"middle\">"
          << esc(name(w)) << "</text>";
    svg << "<g><title>" << esc(w.week) << ": " << passed << " passed</title><rect "
        << "class=\"share-bg\" x=\"" << num(x(i) - bar / 2) << "\" y=\"" << base + 6
        << "\" width=\"" << num(bar) << "\" height=\"8\"/><rect class=\"share\" x=\""
        << num(x(i) - bar / 2) << "\" y=\"" << base + 6 << "\" width=\"" << num(bar * share)
        << "\" height=\"8\"/></g>";
    if (words || i % share_every == 0)
      svg << "<text x=\"" << num(x(i)) << "\" y=\"" << base + 28 << "\" text-anchor=\"middle\">"
          << passed << (words ? " passed" : "") << "</text>";
  }
  svg << "</svg>";
  return "<figure class=\"chart trends\">" + svg.str() +
         "<ul class=\"legend\"><li><svg width=\"30\" height=\"12\" aria-hidden=\"true\"><line "
         "class=\"trend\" x1=\"0\" y1=\"6\" x2=\"30\" y2=\"6\"/><circle class=\"trend-dot\" "
         "cx=\"15\" cy=\"6\" r=\"3.5\"/></svg>the week's average</li><li><svg width=\"30\" "
         "height=\"12\" aria-hidden=\"true\"><line class=\"limit\" x1=\"0\" y1=\"6\" x2=\"30\" "
         "y2=\"6\"/></svg>limit (mean of the week)</li><li><svg width=\"30\" height=\"12\" "
         "aria-hidden=\"true\"><rect class=\"share-bg\" width=\"30\" height=\"8\" y=\"2\"/><rect "
         "class=\"share\" width=\"18\" height=\"8\" y=\"2\"/></svg>share of runs that passed</li>"
         "</ul></figure>";
}

}  // namespace runaudit::report::detail
