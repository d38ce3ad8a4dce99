#include "svg.hpp"

#include <algorithm>
#include <cmath>

#include "../core/order_statistic.hpp"
#include "runaudit/format.hpp"

namespace runaudit::report::detail {

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

double tick_step(double span, int target) {
  const double raw = span / target;
  const double mag = std::pow(10, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 5.0, 10.0})
    if (raw <= m * mag) return m * mag;
  return 10 * mag;
}

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

double quantile(std::vector<double> v, double q) {
  v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return !std::isfinite(x); }), v.end());
  if (v.empty()) return NAN;
  return runaudit::detail::nth_smallest(
      v, static_cast<std::size_t>(std::lround(q * static_cast<double>(v.size() - 1))));
}

std::string svg_patterns() {
  // Hatches keep shadings apart in greyscale and on paper, where colour alone would not.
  const auto hatch = [](const char* id, const char* colour, int angle, double width) {
    return std::string("<pattern id=\"") + id +
           "\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" "
           "patternTransform=\"rotate(" +
           std::to_string(angle) + ")\"><rect width=\"6\" height=\"6\" fill=\"" + colour +
           "\" fill-opacity=\"0.12\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"" +
           colour + "\" stroke-width=\"" + num(width) + "\"/></pattern>";
  };
  return "<svg class=\"defs\" aria-hidden=\"true\" width=\"0\" height=\"0\"><defs>" +
         hatch("hatch-major", "#b3261e", 45, 1.6) + hatch("hatch-minor", "#8a4b00", 45, 1.0) +
         hatch("hatch-info", "#57606a", 45, 0.8) + hatch("hatch-stop", "#424a53", -45, 1.2) +
         "<pattern id=\"dots-walk\" patternUnits=\"userSpaceOnUse\" width=\"5\" height=\"5\">"
         "<circle cx=\"2.5\" cy=\"2.5\" r=\"0.9\" fill=\"#57606a\"/></pattern></defs></svg>";
}

}  // namespace runaudit::report::detail
