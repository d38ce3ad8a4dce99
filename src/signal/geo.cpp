#include "runaudit/signal/geo.hpp"

#include <cmath>
#include <numbers>

namespace runaudit::signal {
namespace {

constexpr double e2 = wgs84_f * (2 - wgs84_f);  // first eccentricity squared
constexpr double deg = std::numbers::pi / 180;

double wrap_deg(double d) noexcept {
  if (d > 180) return d - 360;
  if (d < -180) return d + 360;
  return d;
}

}  // namespace

Radii radii(double latitude_deg) noexcept {
  const double s = std::sin(latitude_deg * deg);
  const double w2 = 1 - e2 * s * s;
  const double w = std::sqrt(w2);
  return {wgs84_a_m * (1 - e2) / (w2 * w), wgs84_a_m / w};
}

double step_distance_m(double lat1, double lon1, double lat2, double lon2) noexcept {
  const double mid = 0.5 * (lat1 + lat2);
  const Radii r = radii(mid);
  const double dy = r.meridional_m * (lat2 - lat1) * deg;
  const double dx = r.prime_vertical_m * std::cos(mid * deg) * wrap_deg(lon2 - lon1) * deg;
  return std::sqrt(dx * dx + dy * dy);  // no overflow at these sizes; hypot() was 2% of an audit
}

LocalFrame::LocalFrame(double latitude_deg, double longitude_deg) noexcept
    : m_lat0(latitude_deg), m_lon0(longitude_deg) {
  const Radii r = radii(latitude_deg);
  m_east_per_rad = r.prime_vertical_m * std::cos(latitude_deg * deg);
  m_north_per_rad = r.meridional_m;
}

std::pair<double, double> LocalFrame::to_local(double latitude_deg,
                                               double longitude_deg) const noexcept {
  return {m_east_per_rad * wrap_deg(longitude_deg - m_lon0) * deg,
          m_north_per_rad * (latitude_deg - m_lat0) * deg};
}

std::pair<double, double> LocalFrame::to_geodetic(double east_m, double north_m) const noexcept {
  return {m_lat0 + north_m / m_north_per_rad / deg,
          wrap_deg(m_lon0 + east_m / m_east_per_rad / deg)};
}

}  // namespace runaudit::signal
