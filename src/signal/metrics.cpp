#include "runaudit/signal/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "runaudit/signal/grade_gap.hpp"
#include "runaudit/signal/readings.hpp"
#include "runaudit/signal/series.hpp"

namespace runaudit::signal {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Largest change (bpm) between neighbouring HR samples that is still a heart: HR rises by at
// most a few bpm per second even in a sprint; strap artefacts jump by tens of bpm.
constexpr double max_hr_step_bpm = 10;

// The HR at i with single-sample spikes removed: the median of i-1, i, i+1 inside the record
// (NaN skipped; of two, the lower). At either end, with one neighbour, the value is kept when it
// is within max_hr_step_bpm of it, so a run whose HR climbs to its last sample keeps its peak.
double despiked_hr(const std::vector<double>& v, std::size_t i) {
  const double a = i > 0 ? v[i - 1] : nan, b = v[i], c = i + 1 < v.size() ? v[i + 1] : nan;
  const bool ha = !std::isnan(a), hb = !std::isnan(b), hc = !std::isnan(c);
  if (ha && hb && hc) return std::max(std::min(a, b), std::min(std::max(a, b), c));
  if (hb && (ha || hc)) {
    const double neighbour = ha ? a : c;
    return b - neighbour <= max_hr_step_bpm ? b : neighbour;
  }
  if (ha && hc) return std::min(a, c);
  return hb ? b : ha ? a : c;
}

}  // namespace

Metrics compute_metrics(const Series& s, const std::optional<Elevation>& elevation,
                        double lead_in_s) {
  Metrics m;
  const std::size_t n = s.size();
  if (n == 0) return m;
  if (elevation) {
    m.elevation_gain_m = elevation->gain_loss.gain_m;
    m.elevation_loss_m = elevation->gain_loss.loss_m;
    if (const auto& climb = elevation->steepest) {
      m.max_grade_pct = 100 * std::max(0.0, climb->grade);
      m.max_grade_start_m = climb->start_m;
      m.max_grade_end_m = climb->end_m;
    }
  }
  // The recording before the first sample (time-only points, no fix yet): stopped, one stop.
  m.elapsed_time_s = lead_in_s + s.time_s.back();
  m.stopped_time_s = lead_in_s;
  m.stop_count = lead_in_s > 0 ? 1 : 0;
  double hr_sum = 0, hr_time = 0, cad_sum = 0, cad_time = 0;
  double max_hr = nan;
  std::size_t hr_counted_at = n;  // the last sample whose HR entered max_hr (n: none yet)
  for (std::size_t i = 1; i < n; ++i) {
    const double dt = s.time_s[i] - s.time_s[i - 1];
    switch (s.state[i]) {
      case MotionState::paused:
        m.paused_time_s += dt;
        continue;
      case MotionState::stopped:
        m.stopped_time_s += dt;
        // A new stop, unless it continues the one before (the lead-in counts for sample 0).
        if (i == 1 ? lead_in_s <= 0 : s.state[i - 1] != MotionState::stopped) ++m.stop_count;
        continue;
      default:
        break;
    }
    m.moving_time_s += dt;
    if (!std::isnan(s.heart_rate_bpm[i])) {
      hr_sum += interval_value(s.heart_rate_bpm, i) * dt;
      hr_time += dt;
      // Both ends of the interval enter the average: so do they the maximum (a lone moving
      // second after a stop would otherwise average above its own maximum). The start is the
      // end of the interval before when that one was counted.
      for (const std::size_t k : {i - 1, i}) {
        if (k == i - 1 && hr_counted_at == k) continue;
        if (std::isnan(s.heart_rate_bpm[k])) continue;  // interval_value: then i alone
        const double h = despiked_hr(s.heart_rate_bpm, k);
        if (std::isnan(max_hr) || h > max_hr) max_hr = h;
      }
      hr_counted_at = i;
    }
    if (!std::isnan(s.cadence_spm[i])) {
      cad_sum += interval_value(s.cadence_spm, i) * dt;
      cad_time += dt;
    }
  }
  const double total = s.distance_m.back();
  if (!std::isnan(total)) {
    m.distance_m = total;
    if (total >= 1 && m.moving_time_s > 0) {
      m.avg_pace_s_per_km = m.moving_time_s / total * 1000;
      m.avg_gap_s_per_km = m.moving_time_s / moving_totals(s, n).gap_distance_m * 1000;
    }
    if (m.elevation_gain_m && total >= 100) m.gain_per_km_m = *m.elevation_gain_m / total * 1000;
  }
  if (hr_time > 0) {
    m.avg_hr_bpm = hr_sum / hr_time;
    m.max_hr_bpm = max_hr;
  }
  if (cad_time > 0) m.avg_cadence_spm = cad_sum / cad_time;

  // Cool-down: walking time after the last running interval (stops inside it not counted).
  double trailing_walk = 0;
  for (std::size_t i = n; i-- > 1;) {
    if (s.state[i] == MotionState::running) {
      // Only after a run: a pure walk has no cool-down.
      if (trailing_walk >= min_cooldown_walk_s) m.cooldown_walk_s = trailing_walk;
      break;
    }
    if (s.state[i] == MotionState::walking) trailing_walk += s.time_s[i] - s.time_s[i - 1];
  }
  return m;
}

}  // namespace runaudit::signal
