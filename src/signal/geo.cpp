#include "runaudit/signal/geo.hpp"

#include <cmath>
#include <numbers>

namespace runaudit::signal {
namespace {

constexpr double e2 = wgs84_f * (2 - wgs84_f);  // first eccentricity squared
constexpr double deg = std::numbers::pi / 180;

// The radii at the latitude whose sine is @p s.
Radii radii_at_sine(double s) noexcept {
  const double w2 = 1 - e2 * s * s;
  const double w = std::sqrt(w2);
  return {wgs84_a_m * (1 - e2) / (w2 * w), wgs84_a_m / w};
}

}  // namespace

double wrap_longitude_deg(double d) noexcept {
  if (d > 180) return d - 360;
  if (d < -180) return d + 360;
  return d;
}

Radii radii(double latitude_deg) noexcept {
  return radii_at_sine(std::sin(latitude_deg * deg));
}

double step_distance_m(double lat1, double lon1, double lat2, double lon2) noexcept {
  StepMeter fresh;  // computes the mid-latitude's sine and cosine
  return fresh(lat1, lon1, lat2, lon2);
}

double StepMeter::operator()(double lat1, double lon1, double lat2, double lon2) noexcept {
  const double mid = 0.5 * (lat1 + lat2);
  const double dlon = wrap_longitude_deg(lon2 - lon1);
  if (std::abs(mid) > polar_latitude_deg || std::abs(dlon) > 1) {
    // Near a pole, or across one: the haversine form, each parallel with its own radius
    // (the mid-latitude's cosine goes to 0 there, and Δλ to 180° across the pole).
    const Radii r = radii(mid);
    const double dy = r.meridional_m * (lat2 - lat1) * deg;
    const double h = std::sin(0.5 * dlon * deg);
    const double across2 = 4 * r.prime_vertical_m * r.prime_vertical_m * std::cos(lat1 * deg) *
                           std::cos(lat2 * deg) * h * h;
    return std::sqrt(dy * dy + std::max(0.0, across2));
  }
  const double mid_rad = mid * deg, delta = mid_rad - m_anchor_rad;
  double sin_mid, cos_mid;
  if (std::abs(delta) <= 1e-3) {
    // sin(a + δ) = sin a cos δ + cos a sin δ, cos(a + δ) = cos a cos δ − sin a sin δ.
    const double d2 = delta * delta;
    const double cos_delta = 1 - d2 / 2 * (1 - d2 / 12);
    const double sin_delta = delta * (1 - d2 / 6 * (1 - d2 / 20));
    sin_mid = m_sin * cos_delta + m_cos * sin_delta;
    cos_mid = m_cos * cos_delta - m_sin * sin_delta;
  } else {
    sin_mid = std::sin(mid_rad);
    cos_mid = std::cos(mid_rad);
    m_anchor_rad = mid_rad, m_sin = sin_mid, m_cos = cos_mid;
  }
  const Radii r = radii_at_sine(sin_mid);
  const double dy = r.meridional_m * (lat2 - lat1) * deg;
  const double dx = r.prime_vertical_m * cos_mid * dlon * deg;
  return std::sqrt(dx * dx + dy * dy);  // no overflow at these sizes; hypot() was 2% of an audit
}

LocalFrame::LocalFrame(double latitude_deg, double longitude_deg) noexcept
    : m_lat0(latitude_deg), m_lon0(longitude_deg) {
  if (std::abs(latitude_deg) > polar_latitude_deg) {
    m_pole = latitude_deg > 0 ? 1 : -1;
    m_north_per_rad = radii(90).meridional_m;  // M at the pole (= N there)
    return;
  }
  const Radii r = radii(latitude_deg);
  m_east_per_rad = r.prime_vertical_m * std::cos(latitude_deg * deg);
  m_north_per_rad = r.meridional_m;
}

std::pair<double, double> LocalFrame::to_local(double latitude_deg,
                                               double longitude_deg) const noexcept {
  if (m_pole != 0) {
    // Azimuthal equidistant about the pole: ρ = M_pole × colatitude, at the longitude's angle.
    const double rho = m_north_per_rad * (90 - m_pole * latitude_deg) * deg;
    const double lambda = longitude_deg * deg;
    return {rho * std::sin(lambda), -m_pole * rho * std::cos(lambda)};
  }
  return {m_east_per_rad * wrap_longitude_deg(longitude_deg - m_lon0) * deg,
          m_north_per_rad * (latitude_deg - m_lat0) * deg};
}

std::pair<double, double> LocalFrame::to_geodetic(double east_m, double north_m) const noexcept {
  if (m_pole != 0) {
    const double rho = std::sqrt(east_m * east_m + north_m * north_m);
    const double lon = rho > 0 ? std::atan2(east_m, -m_pole * north_m) / deg : m_lon0;
    return {m_pole * (90 - rho / m_north_per_rad / deg), lon};
  }
  return {m_lat0 + north_m / m_north_per_rad / deg,
          wrap_longitude_deg(m_lon0 + east_m / m_east_per_rad / deg)};
}

}  // namespace runaudit::signal
