#pragma once
// Private: the pieces every inline SVG of the HTML report is drawn with (escaping, numbers, a
// plot frame with its scales, tick positions) and the page's hatch patterns.

#include <string>
#include <vector>

namespace runaudit::report::detail {

/// @p s with &, <, > and " escaped for HTML text and attributes.
std::string esc(const std::string& s);

/// A coordinate to 0.1 px.
std::string num(double v);

/// A round tick step for @p span: 1, 2 or 5 × 10^k, about @p target steps.
double tick_step(double span, int target);

/// The multiples of @p step in [lo, hi], at most 50 (a huge value beside a small span would
/// never end otherwise, and no chart needs more).
std::vector<double> ticks(double lo, double hi, double step);

/// The @p q quantile (0–1) of the finite values of @p v (nearest rank), NaN without any.
double quantile(std::vector<double> v, double q);

/// A plot: its area in the SVG and the data ranges mapped onto it (y0 at the bottom).
struct Frame {
  double left = 62, right = 696, top = 26, bottom = 142, width = 720, height = 186;
  double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
  double x(double v) const { return left + (v - x0) / (x1 - x0) * (right - left); }
  double y(double v) const { return bottom - (v - y0) / (y1 - y0) * (bottom - top); }
};

/// The <defs> of the hatch patterns used by the charts and the route (once per page, in a
/// hidden SVG): `hatch-major`, `hatch-minor`, `hatch-info`, `hatch-stop`, `dots-walk`.
std::string svg_patterns();

}  // namespace runaudit::report::detail
