#include "runaudit/signal/grade_gap.hpp"

#include <algorithm>
#include <cmath>

#include "runaudit/signal/gap.hpp"
#include "runaudit/signal/series.hpp"

namespace runaudit::signal {

double grade_noise(const ElevationQuality& q) noexcept {
  const double slow = altitude_wander_m({.sigma_m = q.noise_m, .white_share = q.white_share});
  return 5.0 * std::max(slow, q.smoothed_white_m) / q.grade_window_m;
}

void sample_grades(std::span<const double> d, std::span<const double> e, double window_m,
                   double noise_grade, std::span<double> grade) {
  const std::size_t n = d.size();
  const double half = window_m / 2;
  std::size_t lo = 0, hi = 0;
  for (std::size_t i = 0; i < n; ++i) {
    while (lo < i && d[lo] < d[i] - half) ++lo;
    while (hi + 1 < n && d[hi] < d[i] + half) ++hi;
    hi = std::max(hi, i);
    const double run = d[hi] - d[lo];
    const double rise = e[hi] - e[lo];
    const double g = run > half && !std::isnan(rise) ? rise / run : 0.0;
    grade[i] = std::copysign(std::max(0.0, std::abs(g) - noise_grade), g);
  }
}

void grade_adjusted_speeds(std::span<const double> speed, std::span<const double> grade,
                           std::span<double> gap_speed) {
  for (std::size_t i = 0; i < speed.size(); ++i)
    gap_speed[i] = grade_adjusted_speed(speed[i], grade[i]);
}

MovingTotals moving_totals(const Series& s, std::size_t end, bool running_only) {
  MovingTotals out;
  const double c0 = running_cost_j_per_kg_m(0);
  for (std::size_t i = 1; i < end; ++i) {
    if (running_only ? s.state[i] != MotionState::running : !is_moving(s.state[i])) continue;
    out.moving_s += s.time_s[i] - s.time_s[i - 1];
    const double step = s.distance_m[i] - s.distance_m[i - 1];
    out.distance_m += step;
    out.gap_distance_m += step * running_cost_j_per_kg_m(s.grade[i]) / c0;
  }
  return out;
}

}  // namespace runaudit::signal
