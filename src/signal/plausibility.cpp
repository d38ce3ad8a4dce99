#include "runaudit/signal/plausibility.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "../core/order_statistic.hpp"
#include "runaudit/format.hpp"
#include "runaudit/signal/gap.hpp"
#include "runaudit/signal/series.hpp"

namespace runaudit::signal {

double median_moving_speed(const Series& s) {
  std::vector<double> speeds;
  speeds.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i)
    if (is_moving(s.state[i])) speeds.push_back(s.speed_m_per_s[i]);
  return speeds.empty() ? 0 : detail::upper_median(speeds);
}

namespace {

// fastest_time_s over a cumulative distance d (plain or grade-adjusted).
std::optional<double> fastest_over(const std::vector<double>& t, const std::vector<double>& d,
                                   double length_m) {
  const std::size_t n = t.size();
  if (n < 2 || std::isnan(d.back()) || d.back() < length_m) return std::nullopt;
  std::optional<double> best;
  std::size_t j = 1;
  for (std::size_t i = 0; i < n; ++i) {
    const double target = d[i] + length_m;
    j = std::max(j, i + 1);
    while (j < n && d[j] < target) ++j;
    if (j >= n) break;
    const double rise = d[j] - d[j - 1];
    const double at = rise > 0 ? t[j - 1] + (target - d[j - 1]) / rise * (t[j] - t[j - 1]) : t[j];
    if (!best || at - t[i] < *best) best = at - t[i];
  }
  return best;
}

// Cumulative grade-adjusted distance: each moving step weighted by Cr(grade)/Cr(0).
std::vector<double> gap_distance(const Series& s) {
  std::vector<double> out(s.size(), 0.0);
  const double c0 = running_cost_j_per_kg_m(0);
  for (std::size_t i = 1; i < s.size(); ++i)
    out[i] = out[i - 1] +
             (s.distance_m[i] - s.distance_m[i - 1]) * running_cost_j_per_kg_m(s.grade[i]) / c0;
  return out;
}

}  // namespace

std::optional<double> fastest_time_s(const Series& s, double length_m) {
  return fastest_over(s.time_s, s.distance_m, length_m);
}

std::optional<std::string> implausible_for_running(const Series& s) {
  const double median = median_moving_speed(s);
  if (median > max_running_median_m_per_s)
    return "median moving speed " + format_fixed(median * 3.6, 1) +
           " km/h, faster than any runner's (" + format_fixed(max_running_median_m_per_s * 3.6, 1) +
           " km/h)";
  if (s.size() < 2 || std::isnan(s.distance_m.back())) return std::nullopt;
  const std::vector<double> gap = gap_distance(s);
  // No stretch is faster than the fastest interval: records slower than that need no search.
  double fastest_step = 0, fastest_gap_step = 0;
  for (std::size_t i = 1; i < s.size(); ++i) {
    const double dt = s.time_s[i] - s.time_s[i - 1];
    fastest_step = std::max(fastest_step, (s.distance_m[i] - s.distance_m[i - 1]) / dt);
    fastest_gap_step = std::max(fastest_gap_step, (gap[i] - gap[i - 1]) / dt);
  }
  for (const WorldRecord& r : world_records) {
    const double record_speed = r.distance_m / r.time_s;
    if (fastest_step < record_speed && fastest_gap_step < record_speed) continue;
    const std::optional<double> fastest = fastest_over(s.time_s, s.distance_m, r.distance_m);
    if (fastest && *fastest < r.time_s)
      return format_fixed(r.distance_m, 0) + " m in " + format_clock(*fastest) +
             ", faster than the world record " + format_clock(r.time_s);
    const std::optional<double> climbing = fastest_over(s.time_s, gap, r.distance_m);
    if (climbing && *climbing < r.time_s)
      return format_fixed(r.distance_m, 0) + " m grade-adjusted in " + format_clock(*climbing) +
             ", faster than the world record " + format_clock(r.time_s);
  }
  return std::nullopt;
}

}  // namespace runaudit::signal
