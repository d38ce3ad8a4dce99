#pragma once
/// @file
/// Distances on the WGS84 ellipsoid for the short steps between trackpoints, and a local
/// east-north frame for smoothing positions.

#include <utility>

namespace runaudit::signal {

inline constexpr double wgs84_a_m = 6378137.0;          ///< semi-major axis (NIMA TR8350.2)
inline constexpr double wgs84_f = 1.0 / 298.257223563;  ///< flattening (NIMA TR8350.2)

/// Beyond this latitude (degrees, either hemisphere) the local frame is polar and steps are
/// measured in the haversine form: within 1° (111 km) of a pole a parallel's radius changes by
/// more than 1 % over a kilometre and longitudes fan out (the North Pole Marathon runs there).
inline constexpr double polar_latitude_deg = 89;

/// Radii of curvature of the WGS84 ellipsoid at a latitude.
struct Radii {
  double meridional_m;      ///< M: north-south radius, M = a(1-e²)/(1-e² sin²φ)^{3/2}
  double prime_vertical_m;  ///< N: east-west radius, N = a/(1-e² sin²φ)^{1/2}
};

/// @param latitude_deg  geodetic latitude in degrees, [-90, 90].
/// @return M and N in metres. @see any geodesy text, e.g. Torge & Müller, Geodesy §4.1.
Radii radii(double latitude_deg) noexcept;

/// A longitude, or a difference of longitudes, in [-180, 180]: the short way round.
/// @param longitude_deg  degrees in [-540, 540] (a longitude, or the difference of two).
/// @return longitude_deg ± 360 where it lies beyond ±180, else itself.
double wrap_longitude_deg(double longitude_deg) noexcept;

/// Distance between two nearby points on the WGS84 ellipsoid, using the local radii of
/// curvature at the mid-latitude (dx = N cosφ Δλ, dy = M Δφ). Beyond polar_latitude_deg, or
/// when Δλ exceeds 1°, the haversine form with those radii instead: d² = (M Δφ)² +
/// 4 N² cosφ1 cosφ2 sin²(Δλ/2), exact on a sphere for short steps and valid across a pole. For
/// steps under 1 km the relative error against the exact geodesic is below 1e-5 (checked
/// against GeographicLib in the tests, also at and across the poles).
/// @param lat1_deg,lon1_deg,lat2_deg,lon2_deg  positions in degrees.
/// @return metres, >= 0. Longitude differences wrap across ±180°.
double step_distance_m(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg) noexcept;

/// step_distance_m for the steps of a track, one after another: the same formula, with the sine
/// and cosine of the mid-latitude carried from those last computed by their Taylor series (sin
/// and cos of a difference δ, to δ⁵) while the mid-latitude stays within 1e-3 rad (6 km) of where
/// they were computed; the series' error there (δ⁶/720 < 2e-21) is below a double's rounding.
/// The same distances as step_distance_m within 1e-15 relative, without a sine and cosine per
/// step (they were a tenth of a FIT audit). One meter per thread; any order of steps.
class StepMeter {
 public:
  /// @return as step_distance_m(lat1_deg, lon1_deg, lat2_deg, lon2_deg), metres.
  double operator()(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg) noexcept;

 private:
  double m_anchor_rad = 1e9;  ///< mid-latitude of the last sine and cosine computed (none yet)
  double m_sin = 0, m_cos = 1;
};

/// A local east-north frame around an origin: x = N0 cosφ0 (λ-λ0), y = M0 (φ-φ0)
/// (equirectangular at the origin, exactly invertible). Scale errors grow with the distance
/// from the origin (~0.1 % 5 km north or south at mid-latitudes), which is harmless for
/// smoothing; distances are measured back on the ellipsoid with step_distance_m. With an origin
/// beyond polar_latitude_deg, where cosφ0 goes to 0, the frame is the azimuthal equidistant
/// projection about the pole instead (x = ρ sinλ, y = ∓ρ cosλ, ρ = M_pole × colatitude; also
/// exactly invertible), so a run around or across a pole is smoothed like any other.
class LocalFrame {
 public:
  /// @param latitude_deg,longitude_deg  the origin, degrees.
  LocalFrame(double latitude_deg, double longitude_deg) noexcept;
  /// @return (east m, north m) of a position in degrees.
  std::pair<double, double> to_local(double latitude_deg, double longitude_deg) const noexcept;
  /// @return (latitude deg, longitude deg) of a local (east m, north m).
  std::pair<double, double> to_geodetic(double east_m, double north_m) const noexcept;

 private:
  double m_lat0, m_lon0, m_east_per_rad = 0, m_north_per_rad = 0;
  int m_pole = 0;  ///< +1 / -1: polar frame about the north / south pole; 0: equirectangular
};

}  // namespace runaudit::signal
