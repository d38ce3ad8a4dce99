#include "route.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <sstream>
#include <vector>

#include "run_charts.hpp"
#include "svg.hpp"
#include "words.hpp"

namespace runaudit::report::detail {
namespace {

constexpr double size_px = 340, margin_px = 22;
constexpr double metres_per_degree = 111195;  // on a 6371 km sphere: ample for a drawing

}  // namespace

std::string route_svg(const audit::RunRecord& r, Units units) {
  if (!r.series) return "";
  const audit::ChartSeries& c = *r.series;
  const std::size_t n = std::min(c.latitude_deg.size(), c.time_s.size());
  std::vector<std::size_t> fixes;
  for (std::size_t i = 0; i < n; ++i)
    if (std::isfinite(c.latitude_deg[i]) && std::isfinite(c.longitude_deg[i])) fixes.push_back(i);
  if (fixes.size() < 2) return "";
  double lat_lo = 90, lat_hi = -90, lon_lo = 180, lon_hi = -180;
  for (const std::size_t i : fixes) {
    lat_lo = std::min(lat_lo, c.latitude_deg[i]);
    lat_hi = std::max(lat_hi, c.latitude_deg[i]);
    lon_lo = std::min(lon_lo, c.longitude_deg[i]);
    lon_hi = std::max(lon_hi, c.longitude_deg[i]);
  }
  const double cos_lat = std::cos((lat_lo + lat_hi) / 2 * std::numbers::pi / 180);
  const double w_m = (lon_hi - lon_lo) * metres_per_degree * cos_lat;
  const double h_m = (lat_hi - lat_lo) * metres_per_degree;
  const double extent = std::max({w_m, h_m, 50.0});
  const double scale = (size_px - 2 * margin_px) / extent;  // px per metre
  const double ox = margin_px + (size_px - 2 * margin_px - w_m * scale) / 2;
  const double oy = margin_px + (size_px - 2 * margin_px - h_m * scale) / 2;
  const auto x = [&](std::size_t i) {
    return ox + (c.longitude_deg[i] - lon_lo) * metres_per_degree * cos_lat * scale;
  };
  const auto y = [&](std::size_t i) {
    return oy + (lat_hi - c.latitude_deg[i]) * metres_per_degree * scale;
  };

  std::ostringstream svg;
  svg << "<svg class=\"route\" viewBox=\"0 0 " << size_px << ' ' << size_px
      << "\" role=\"img\" aria-label=\"Route\" xmlns=\"http://www.w3.org/2000/svg\">"
      << "<rect class=\"route-frame\" x=\"0.5\" y=\"0.5\" width=\"" << size_px - 1 << "\" height=\""
      << size_px - 1 << "\"/>";
  // Violation halos under the trace.
  for (const audit::Violation& v : r.judgement.violations) {
    if (whole_run(v) || total_past_limit(v) || v.severity == audit::Severity::info) continue;
    std::string d;
    for (std::size_t k = 1; k < fixes.size(); ++k) {
      const std::size_t i = fixes[k];
      if (c.time_s[i] < v.start_s || c.time_s[fixes[k - 1]] > v.end_s) continue;
      d += (d.empty() ? "M" : " L") + num(x(fixes[k - 1])) + "," + num(y(fixes[k - 1])) + " L" +
           num(x(i)) + "," + num(y(i));
    }
    if (!d.empty())
      svg << "<path class=\"halo " << audit::to_string(v.severity) << "\" d=\"" << d << "\"><title>"
          << esc(rule_words(v.rule)) << "</title></path>";
  }
  // The trace, one path per state.
  for (const char* state : {"running", "walking"}) {
    std::string d;
    bool pen = false;
    for (std::size_t k = 1; k < fixes.size(); ++k) {
      const std::size_t i = fixes[k], h = fixes[k - 1];
      if (c.state[i] != state) {
        pen = false;
        continue;
      }
      if (!pen) d += " M" + num(x(h)) + "," + num(y(h));
      d += " L" + num(x(i)) + "," + num(y(i));
      pen = true;
    }
    if (!d.empty()) svg << "<path class=\"trace " << state << "\" d=\"" << d.substr(1) << "\"/>";
  }
  // Stops and pauses: a ring where each began.
  for (std::size_t k = 1; k < fixes.size(); ++k) {
    const std::size_t i = fixes[k];
    const bool still = c.state[i] == "stopped" || c.state[i] == "paused";
    if (still && c.state[fixes[k - 1]] != c.state[i])
      svg << "<circle class=\"stop\" cx=\"" << num(x(i)) << "\" cy=\"" << num(y(i))
          << "\" r=\"4\"/>";
  }
  // A tick every km or mile along the way.
  const double unit_m = units == Units::imperial ? metres_per_mile : 1000;
  double next = unit_m;
  for (const std::size_t i : fixes) {
    const double d = c.distance_m[i];
    if (!std::isfinite(d) || d < next) continue;
    svg << "<circle class=\"tick\" cx=\"" << num(x(i)) << "\" cy=\"" << num(y(i))
        << "\" r=\"2.5\"/><text class=\"tick-label\" x=\"" << num(x(i) + 4) << "\" y=\""
        << num(y(i) - 4) << "\">" << format_fixed(next / unit_m, 0) << "</text>";
    next = (std::floor(d / unit_m) + 1) * unit_m;
  }
  const std::size_t first = fixes.front(), last = fixes.back();
  svg << "<circle class=\"start\" cx=\"" << num(x(first)) << "\" cy=\"" << num(y(first))
      << "\" r=\"6\"/><text class=\"mark\" x=\"" << num(x(first)) << "\" y=\""
      << num(y(first) + 3.5) << "\" text-anchor=\"middle\">S</text>"
      << "<rect class=\"finish\" x=\"" << num(x(last) - 6) << "\" y=\"" << num(y(last) - 6)
      << "\" width=\"12\" height=\"12\"/><text class=\"mark\" x=\"" << num(x(last)) << "\" y=\""
      << num(y(last) + 3.5) << "\" text-anchor=\"middle\">F</text>";
  // A scale bar: a round length near a quarter of the drawing.
  const double bar_m = tick_step(extent / 4, 1);
  const double bar_px = bar_m * scale;
  svg << "<line class=\"scale\" x1=\"10\" y1=\"" << size_px - 10 << "\" x2=\"" << num(10 + bar_px)
      << "\" y2=\"" << size_px - 10 << "\"/><text x=\"10\" y=\"" << size_px - 14 << "\">"
      << (units == Units::imperial ? format_fixed(bar_m * feet_per_metre, 0) + " ft"
          : bar_m >= 1000          ? format_fixed(bar_m / 1000, 0) + " km"
                                   : format_fixed(bar_m, 0) + " m")
      << "</text><text x=\"" << size_px - 10 << "\" y=\"16\" text-anchor=\"end\">N ↑</text></svg>";
  const std::string u = units == Units::imperial ? "mi" : "km";
  return "<figure class=\"route\">" + svg.str() +
         "<ul class=\"legend\"><li><svg width=\"30\" height=\"12\" aria-hidden=\"true\"><line "
         "class=\"trace running\" x1=\"0\" y1=\"6\" x2=\"30\" y2=\"6\"/></svg>running</li>"
         "<li><svg width=\"30\" height=\"12\" aria-hidden=\"true\"><line class=\"trace walking\" "
         "x1=\"0\" y1=\"6\" x2=\"30\" y2=\"6\"/></svg>walking</li>"
         "<li><svg width=\"30\" height=\"12\" aria-hidden=\"true\"><circle class=\"stop\" "
         "cx=\"15\" cy=\"6\" r=\"4\"/></svg>stop or pause</li>"
         "<li><svg width=\"30\" height=\"12\" aria-hidden=\"true\"><line class=\"halo major\" "
         "x1=\"0\" y1=\"6\" x2=\"30\" y2=\"6\"/></svg>violation (wide: major, narrow: minor)</li>"
         "<li>S start, F finish, numbers: " +
         u + "</li></ul></figure>";
}

}  // namespace runaudit::report::detail
