#include "runaudit/signal/elevation.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace runaudit::signal {

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

std::optional<double> altitude_noise_m(std::span<const double> d, std::span<const double> e) {
  constexpr double reference_window_m = 100;
  std::vector<double> smooth(d.size());
  smooth_over_distance(d, e, reference_window_m, smooth);
  std::vector<double> residual;
  residual.reserve(d.size());
  for (std::size_t i = 0; i < d.size(); ++i)
    if (!std::isnan(e[i])) residual.push_back(std::abs(e[i] - smooth[i]));
  if (residual.size() < 10) return std::nullopt;
  const auto mid = residual.begin() + static_cast<std::ptrdiff_t>(residual.size() / 2);
  std::nth_element(residual.begin(), mid, residual.end());
  return 1.4826 * *mid;
}

GainLoss gain_loss(std::span<const double> e, double hysteresis_m) {
  GainLoss out;
  double level = std::nan("");
  for (const double x : e) {
    if (std::isnan(x)) continue;
    if (std::isnan(level)) {
      level = x;
    } else if (x - level >= hysteresis_m) {
      out.gain_m += x - level;
      level = x;
    } else if (level - x >= hysteresis_m) {
      out.loss_m += level - x;
      level = x;
    }
  }
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

ElevationQuality elevation_quality(double noise_m) {
  ElevationQuality q;
  q.noise_m = noise_m;
  q.confidence = noise_m < 0.5 ? "high" : noise_m < 1.5 ? "medium" : "low";
  q.hysteresis_m = std::clamp(8.0 * noise_m, 2.0, 12.0);
  q.smoothing_m = std::clamp(150.0 * noise_m, 30.0, 250.0);
  q.grade_window_m = std::clamp(800.0 * noise_m, 200.0, 1000.0);
  return q;
}

std::optional<Elevation> measure_elevation(std::span<const double> d, std::span<const double> raw,
                                           std::span<double> smoothed) {
  const std::optional<double> noise = altitude_noise_m(d, raw);
  Elevation e;
  if (noise) {
    e.quality = elevation_quality(*noise);
  } else {
    // Too few values to estimate the noise: the narrowest windows, so a short file keeps its
    // gain, and low confidence.
    if (std::count_if(raw.begin(), raw.end(), [](double x) { return !std::isnan(x); }) < 2)
      return std::nullopt;
    e.quality = elevation_quality(0);
    e.quality.confidence = "low";
  }
  smooth_over_distance(d, raw, e.quality.smoothing_m, smoothed);
  e.gain_loss = gain_loss(smoothed, e.quality.hysteresis_m);
  e.steepest = steepest_climb(d, smoothed, e.quality.grade_window_m);
  return e;
}

}  // namespace runaudit::signal
