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

// The fastest stretch over a cumulative distance d (plain or grade-adjusted): it starts at
// sample `from` and reaches the distance at sample `to` (interpolated in time before it).
struct Fastest {
  double time_s = 0;
  std::size_t from = 0, to = 0;
};

// fastest_time_s over @p d.
std::optional<Fastest> fastest_over(const std::vector<double>& t, const std::vector<double>& d,
                                    double length_m) {
  const std::size_t n = t.size();
  if (n < 2 || std::isnan(d.back()) || d.back() < length_m) return std::nullopt;
  std::optional<Fastest> best;
  std::size_t j = 1;
  for (std::size_t i = 0; i < n; ++i) {
    const double target = d[i] + length_m;
    j = std::max(j, i + 1);
    while (j < n && d[j] < target) ++j;
    if (j >= n) break;
    const double rise = d[j] - d[j - 1];
    const double at = rise > 0 ? t[j - 1] + (target - d[j - 1]) / rise * (t[j] - t[j - 1]) : t[j];
    if (!best || at - t[i] < best->time_s) best = Fastest{at - t[i], i, j};
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

// Where a stretch of the track lies: " at km 13.6–14.6" (metric, as the rest of the words).
std::string at_km(double from_m, double to_m) {
  return " at km " + format_fixed(from_m / 1000, 1) + "–" + format_fixed(to_m / 1000, 1);
}

}  // namespace

std::optional<double> fastest_time_s(const Series& s, double length_m) {
  const std::optional<Fastest> fastest = fastest_over(s.time_s, s.distance_m, length_m);
  return fastest ? std::optional<double>(fastest->time_s) : std::nullopt;
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
    if (const std::optional<Fastest> fastest = fastest_over(s.time_s, s.distance_m, r.distance_m);
        fastest && fastest->time_s < r.time_s) {
      const double from_m = s.distance_m[fastest->from];
      return format_fixed(r.distance_m, 0) + " m in " + format_clock(fastest->time_s) +
             at_km(from_m, from_m + r.distance_m) + ", faster than the world record " +
             format_clock(r.time_s);
    }
    const std::optional<Fastest> climbing = fastest_over(s.time_s, gap, r.distance_m);
    if (climbing && climbing->time_s < r.time_s) {
      // What the stretch was on the ground, so that the claim can be checked on the track: its
      // distance and climb, interpolated where it ends as its time is.
      const std::size_t from = climbing->from, to = climbing->to;
      const double end_s = s.time_s[from] + climbing->time_s;
      const double f = (end_s - s.time_s[to - 1]) / (s.time_s[to] - s.time_s[to - 1]);
      const auto at_end = [&](const std::vector<double>& v) {
        return v[to - 1] + f * (v[to] - v[to - 1]) - v[from];
      };
      std::string ground =
          format_fixed(at_end(s.distance_m), 0) + " m in " + format_clock(climbing->time_s);
      const double rise = s.elevation_m.size() == s.size() ? at_end(s.elevation_m) : NAN;
      if (!std::isnan(rise))
        ground +=
            (rise >= 0 ? " climbing " : " descending ") + format_fixed(std::abs(rise), 0) + " m";
      const double from_m = s.distance_m[from];
      return ground + at_km(from_m, from_m + at_end(s.distance_m)) + ", as hard as " +
             format_fixed(r.distance_m, 0) +
             " m on the flat (grade-adjusted): faster than the world record " +
             format_clock(r.time_s);
    }
  }
  return std::nullopt;
}

}  // namespace runaudit::signal
