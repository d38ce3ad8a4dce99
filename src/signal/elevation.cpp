#include "runaudit/signal/elevation.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "../core/order_statistic.hpp"

namespace runaudit::signal {
namespace {

constexpr double min_hysteresis_m = 1.5;  // elevation_quality()

}  // namespace

void smooth_over_distance(std::span<const double> d, std::span<const double> v, double window_m,
                          std::span<double> out) {
  const std::size_t n = d.size();
  const double half = window_m / 2;
  std::size_t lo = 0, hi = 0;  // window is [lo, hi)
  double sum = 0;
  std::size_t count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    while (hi < n && d[hi] <= d[i] + half) {
      if (!std::isnan(v[hi])) {
        sum += v[hi];
        ++count;
      }
      ++hi;
    }
    while (d[lo] < d[i] - half) {
      if (!std::isnan(v[lo])) {
        sum -= v[lo];
        --count;
      }
      ++lo;
    }
    out[i] = count ? sum / static_cast<double>(count) : std::nan("");
  }
}

namespace {

// 1.4826 × the median of |x| (destroys the order of x): σ of a normal sample, robustly.
double robust_sigma(std::vector<double>& x) {
  for (double& v : x) v = std::abs(v);
  return 1.4826 * detail::upper_median(x);
}

// Cressie and Hawkins' robust semivariance of x at a lag of k values (Math Geol 12:115, 1980):
// γ(k) = mean(|x_i+k − x_i|^½)⁴ / (2 (0.457 + 0.494 / n)), n the number of differences. A mean,
// so it still sees the steps of altitudes written in whole metres, where a median sees zero.
double semivariance(std::span<const double> x, std::size_t lag) {
  const std::size_t n = x.size() - lag;
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) sum += std::sqrt(std::abs(x[i + lag] - x[i]));
  const double mean = sum / static_cast<double>(n);
  return mean * mean * mean * mean / (2 * (0.457 + 0.494 / static_cast<double>(n)));
}

// The semivariogram of x extrapolated to lag 0 from lags 1 and 2: 2γ(1) − γ(2) (x.size() >= 3).
double semivariogram_nugget(std::span<const double> x) {
  return 2 * semivariance(x, 1) - semivariance(x, 2);
}

// The valid altitudes of e in order, their distances, and their residuals from the 100 m moving
// average.
struct Residuals {
  std::vector<double> distance, raw, residual;
};

Residuals residuals_from_average(std::span<const double> d, std::span<const double> e) {
  constexpr double reference_window_m = 100;
  std::vector<double> smooth(d.size());
  smooth_over_distance(d, e, reference_window_m, smooth);
  Residuals out;
  out.distance.reserve(d.size());
  out.raw.reserve(d.size());
  out.residual.reserve(d.size());
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (std::isnan(e[i])) continue;
    out.distance.push_back(d[i]);
    out.raw.push_back(e[i]);
    out.residual.push_back(e[i] - smooth[i]);
  }
  return out;
}

// The residuals of altitudes @p ev (valid, at distances @p dv) from a quadratic fitted by least
// squares to those within
// ±50 m of each (a local quadratic, as Savitzky and Golay's filter of order 2, for irregular
// spacing), at every s-th altitude, s such that there are at most 1024 (a median needs no more).
// Each residual is divided by √(1 − h), h the centre's leverage, so that white noise reads its σ
// however few altitudes the window holds; a window of fewer than 6 altitudes, or with h > ½,
// gives none (a quadratic through 3 points leaves nothing). Terrain bending within the window
// leaves a moving average by its curvature; a quadratic follows it. Work: at most 1024 × the
// altitudes in a window.
std::vector<double> residuals_from_quadratic(std::span<const double> dv,
                                             std::span<const double> ev) {
  constexpr double half_m = 50;
  constexpr std::size_t most_centres = 1024, fewest_in_window = 6;
  const std::size_t stride = (ev.size() + most_centres - 1) / most_centres;
  std::vector<double> out;
  out.reserve(most_centres);
  std::size_t lo = 0, hi = 0;  // the window is [lo, hi)
  for (std::size_t i = 0; i < ev.size(); i += stride) {
    while (dv[lo] < dv[i] - half_m) ++lo;
    while (hi < ev.size() && dv[hi] <= dv[i] + half_m) ++hi;
    if (hi - lo < fewest_in_window) continue;
    // Normal equations in x = (d − d_i) / 50 m: [s0 s1 s2; s1 s2 s3; s2 s3 s4] [a b c] = [t0 t1
    // t2].
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, t0 = 0, t1 = 0, t2 = 0;
    for (std::size_t j = lo; j < hi; ++j) {
      const double x = (dv[j] - dv[i]) / half_m, x2 = x * x;
      s0 += 1;
      s1 += x;
      s2 += x2;
      s3 += x2 * x;
      s4 += x2 * x2;
      t0 += ev[j];
      t1 += ev[j] * x;
      t2 += ev[j] * x2;
    }
    // a by Cramer's rule; the leverage of the centre (x = 0) is the (0, 0) cofactor over det.
    const double cofactor = s2 * s4 - s3 * s3;
    const double det = s0 * cofactor - s1 * (s1 * s4 - s3 * s2) + s2 * (s1 * s3 - s2 * s2);
    if (!(det > 1e-9 * s0 * s0 * s0)) continue;  // fewer than three distinct distances
    const double leverage = cofactor / det;
    if (leverage > 0.5) continue;
    const double a = (t0 * cofactor - s1 * (t1 * s4 - s3 * t2) + s2 * (t1 * s3 - s2 * t2)) / det;
    out.push_back((ev[i] - a) / std::sqrt(1 - leverage));
  }
  return out;
}

// GPS altitude's wander (a random walk at short scales) leaves a local quadratic by this factor
// of what it leaves a moving average of the same width, in σ (generated Gauss–Markov wander of
// 3–4 m over τ 60 s at 3 m/s: 0.68–0.77 with fixes 1 s apart, 0.70–0.77 3 s apart, 0.71–0.82
// 5 s apart; white noise 0.98–1.08). From 8 s apart the windows hold too few altitudes.
constexpr double wander_quadratic_to_average = 0.75;

}  // namespace

std::optional<double> altitude_noise_m(std::span<const double> d, std::span<const double> e) {
  Residuals r = residuals_from_average(d, e);
  if (r.residual.size() < 10) return std::nullopt;
  return robust_sigma(r.residual);
}

std::optional<AltitudeNoise> altitude_noise(std::span<const double> d, std::span<const double> e) {
  Residuals r = residuals_from_average(d, e);
  if (r.residual.size() < 10) return std::nullopt;
  // The nugget extrapolates lags of one and two fixes to zero: with fewer than 6 altitudes per
  // 100 m, GPS wander changes between fixes as much as white noise would (Gauss–Markov wander of
  // 4 m over 60 s read a share of ≈ 0.5 at 10 s and 3 m/s, and flat runs 8–13 m/km), so the
  // share is then 0, the wander's windows.
  const double spacing =
      (r.distance.back() - r.distance.front()) / static_cast<double>(r.distance.size() - 1);
  constexpr double widest_spacing_m = 100.0 / 6;
  const double nugget =
      spacing <= widest_spacing_m
          ? std::max(0.0, std::min(semivariogram_nugget(r.raw), semivariogram_nugget(r.residual)))
          : 0.0;
  const double average_sigma = robust_sigma(r.residual);  // reorders the residuals: last
  // Terrain that bends within the window inflates the moving average's σ (±7.5 m waves every
  // 300 m read 1.3 m on a barometric run); a local quadratic follows the terrain. The slow parts
  // (σ² less the white part) of the two, the quadratic's brought to the average's measure, agree
  // on noise alone (generated wander: 0.84–1.04) and not where terrain inflates the average
  // (0.15–0.25): below half, the quadratic's is the slow part; from three quarters, the
  // average's; in between, blended linearly.
  // Below barometric_noise_max_m the average's estimate stands: the quadratic is not needed.
  std::vector<double> quadratic;
  if (average_sigma >= barometric_noise_max_m)
    quadratic = residuals_from_quadratic(r.distance, r.raw);
  constexpr std::size_t fewest_centres = 10;  // else the moving average's estimate stands
  const double q = quadratic.size() >= fewest_centres ? robust_sigma(quadratic) : average_sigma;
  const double white_average = std::min(nugget, average_sigma * average_sigma);
  const double white_quadratic = std::min(nugget, q * q);
  const double slow_average = std::sqrt(average_sigma * average_sigma - white_average);
  const double slow_quadratic = std::sqrt(q * q - white_quadratic) / wander_quadratic_to_average;
  const double t = slow_average > 0 && quadratic.size() >= fewest_centres
                       ? std::clamp((slow_quadratic / slow_average - 0.5) / 0.25, 0.0, 1.0)
                       : 1.0;
  const double white = white_quadratic + t * (white_average - white_quadratic);
  const double slow = slow_quadratic + t * (slow_average - slow_quadratic);
  AltitudeNoise out;
  out.sigma_m = std::sqrt(white + slow * slow);
  if (out.sigma_m > 0) out.white_share = std::clamp(white / (out.sigma_m * out.sigma_m), 0.0, 1.0);
  return out;
}

GainLoss gain_loss(std::span<const double> e, double hysteresis_m, double allowance_m) {
  GainLoss out;
  const auto count = [&](double swing) { return std::max(0.0, swing - allowance_m); };
  // direction: +1 climbing from `turn`, −1 descending from it, 0 not yet moved by the hysteresis
  // (low and high are the extremes so far); `extreme` is the highest (lowest) point of the
  // current climb (descent).
  int direction = 0;
  double turn = std::nan(""), extreme = 0, low = 0, high = 0;
  for (const double x : e) {
    if (std::isnan(x)) continue;
    if (std::isnan(turn)) {
      turn = low = high = x;
    } else if (direction == 0) {
      low = std::min(low, x);
      high = std::max(high, x);
      if (x - low >= hysteresis_m || high - x >= hysteresis_m) {
        direction = x - low >= hysteresis_m ? 1 : -1;
        turn = direction > 0 ? low : high;
        extreme = x;
      }
    } else if (direction > 0 ? x > extreme : x < extreme) {
      extreme = x;
    } else if (std::abs(extreme - x) >= hysteresis_m) {  // the climb (descent) has turned
      (direction > 0 ? out.gain_m : out.loss_m) += count(std::abs(extreme - turn));
      direction = -direction;
      turn = extreme;
      extreme = x;
    }
  }
  if (direction != 0) (direction > 0 ? out.gain_m : out.loss_m) += count(std::abs(extreme - turn));
  return out;
}

std::optional<SustainedGrade> steepest_climb(std::span<const double> d, std::span<const double> e,
                                             double window_m) {
  const std::size_t n = d.size();
  if (n < 2) return std::nullopt;
  const double total = d[n - 1] - d[0];
  if (total < window_m / 2) return std::nullopt;
  const double length = std::min(window_m, total);
  std::optional<SustainedGrade> best;
  std::size_t j = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double target = d[i] + length;
    if (target > d[n - 1]) break;
    if (std::isnan(e[i])) continue;
    j = std::max(j, i + 1);
    while (j < n && d[j] < target) ++j;
    if (j >= n) break;
    if (std::isnan(e[j]) || std::isnan(e[j - 1])) continue;
    const double span = d[j] - d[j - 1];
    const double frac = span > 0 ? (target - d[j - 1]) / span : 1.0;
    const double end = e[j - 1] + frac * (e[j] - e[j - 1]);
    const double grade = (end - e[i]) / length;
    if (!best || grade > best->grade) best = SustainedGrade{grade, d[i], target};
  }
  return best;
}

double altitude_wander_m(const AltitudeNoise& noise) noexcept {
  return noise.sigma_m * std::sqrt(1 - std::clamp(noise.white_share, 0.0, 1.0));
}

namespace {

// The white part of an altitude noise (m): σ√(white share), which the smoother averages away.
double white_part_m(const AltitudeNoise& noise) noexcept {
  return noise.sigma_m * std::sqrt(std::clamp(noise.white_share, 0.0, 1.0));
}

}  // namespace

KalmanNoise altitude_model(const AltitudeNoise& noise) noexcept {
  const double slow = altitude_wander_m(noise), white = white_part_m(noise);
  const double wander = std::clamp(slow / 0.2, 1.0, 6.6);
  return KalmanNoise{.accel_psd_m2_per_s3 = 1e-4,
                     .position_sigma_m = std::max(std::hypot(white, slow * wander), 0.1)};
}

double smoother_half_wavelength_m(const KalmanNoise& model, double spacing_m) noexcept {
  const double density = model.position_sigma_m * model.position_sigma_m * spacing_m;
  return 2 * std::numbers::pi * std::pow(density / model.accel_psd_m2_per_s3, 0.25);
}

double smoothed_white_noise_m(double white_m, const KalmanNoise& model, double spacing_m) noexcept {
  const double factor = 3 * std::numbers::pi / (4 * std::numbers::sqrt2);
  return white_m * std::sqrt(factor * spacing_m / smoother_half_wavelength_m(model, spacing_m));
}

ElevationQuality elevation_quality(const AltitudeNoise& noise, double spacing_m) {
  const double slow = altitude_wander_m(noise);
  const KalmanNoise model = altitude_model(noise);
  ElevationQuality q;
  q.noise_m = noise.sigma_m;
  q.white_share = noise.white_share;
  q.smoothed_white_m = smoothed_white_noise_m(white_part_m(noise), model, spacing_m);
  const double left = std::max(slow, q.smoothed_white_m);
  q.confidence = left < barometric_noise_max_m ? "high" : left < 1.5 ? "medium" : "low";
  q.hysteresis_m =
      std::clamp(std::max(26 * (slow - 0.34), 7 * q.smoothed_white_m), min_hysteresis_m, 20.0);
  q.smoothing_m = smoother_half_wavelength_m(model, spacing_m);
  q.grade_window_m = std::clamp(800.0 * left, 200.0, 1000.0);
  return q;
}

double turn_allowance_m(const ElevationQuality& quality) noexcept {
  return std::max(0.0, quality.hysteresis_m - 8) / 2;
}

void smooth_altitude(std::span<const double> d, std::span<const double> raw,
                     const AltitudeNoise& noise, std::span<double> out) {
  std::fill(out.begin(), out.end(), std::nan(""));
  const auto valid = [](double x) { return !std::isnan(x); };
  const auto first = std::find_if(raw.begin(), raw.end(), valid);
  if (first == raw.end()) return;
  const auto begin = static_cast<std::size_t>(first - raw.begin());
  const auto end = static_cast<std::size_t>(
      raw.size() -
      static_cast<std::size_t>(std::find_if(raw.rbegin(), raw.rend(), valid) - raw.rbegin()));
  std::vector<double> grade(end - begin);
  smooth_constant_velocity(d.subspan(begin, end - begin), raw.subspan(begin, end - begin),
                           altitude_model(noise), out.subspan(begin, end - begin), grade);
}

std::optional<Elevation> measure_elevation(std::span<const double> d, std::span<const double> raw,
                                           std::span<double> smoothed) {
  const auto valid = std::count_if(raw.begin(), raw.end(), [](double x) { return !std::isnan(x); });
  if (valid < 2) return std::nullopt;
  const std::optional<AltitudeNoise> noise = altitude_noise(d, raw);
  const double spacing = std::max((d.back() - d.front()) / static_cast<double>(valid), 1e-3);
  Elevation e;
  // Too few values to estimate the noise: the narrowest windows, so a short file keeps its
  // gain, and low confidence.
  e.quality = elevation_quality(noise.value_or(AltitudeNoise{}), spacing);
  if (!noise) e.quality.confidence = "low";
  smooth_altitude(d, raw, noise.value_or(AltitudeNoise{}), smoothed);
  e.gain_loss = gain_loss(smoothed, e.quality.hysteresis_m, turn_allowance_m(e.quality));
  e.steepest = steepest_climb(d, smoothed, e.quality.grade_window_m);
  return e;
}

}  // namespace runaudit::signal
