#include "runaudit/signal/motion.hpp"

#include <algorithm>
#include <cmath>

namespace runaudit::signal {
namespace {

// Relabels runs of `from` shorter than min_s (in time) as `to`.
void drop_short_runs(std::span<MotionState> state, std::span<const double> t, MotionState from,
                     MotionState to, double min_s) {
  const std::size_t n = state.size();
  std::size_t i = 0;
  while (i < n) {
    if (state[i] != from) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < n && state[j] == from) ++j;
    const double begin = i > 0 ? t[i - 1] : t[i];
    if (t[j - 1] - begin < min_s)
      for (std::size_t k = i; k < j; ++k) state[k] = to;
    i = j;
  }
}

// Marks the stopped samples whose window (creep_window_s around them, inside the slow interval
// around their stop: the samples below creep_region_speed_m_per_s, from the sample before the
// first) shows movement. The window's ends only move forward with the sample.
std::vector<bool> creeping(std::span<const double> t, std::span<const double> speed,
                           const MotionEvidence& evidence, const MotionOptions& o,
                           std::span<const MotionState> state) {
  const std::size_t n = state.size();
  std::vector<bool> moving(n, false);
  const auto slow = [&](std::size_t k) {
    return state[k] != MotionState::paused && speed[k] < o.creep_region_speed_m_per_s;
  };
  std::size_t i = 0;
  while (i < n) {
    if (state[i] != MotionState::stopped) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < n && state[j] == MotionState::stopped) ++j;
    // The slow interval [first, end) around the stop, as far as a window reaches.
    const double reach = o.creep_window_s / 2;
    std::size_t first = i, end = j;
    while (first > 0 && slow(first - 1) && t[i] - t[first - 1] <= reach) --first;
    while (end < n && slow(end) && t[end] - t[j - 1] <= reach) ++end;
    if (first > 0) --first;
    // Each window is centred on its sample, shifted inwards at the ends of the slow interval
    // (a climb's first seconds are judged over a whole window too).
    std::size_t lo = first, hi = first;
    for (std::size_t k = i; k < j; ++k) {
      double from = std::max(t[k] - reach, t[first]);
      const double to = std::min(from + o.creep_window_s, t[end - 1]);
      from = std::max(std::min(from, to - o.creep_window_s), t[first]);
      while (t[lo] < from) ++lo;
      while (hi + 1 < end && t[hi + 1] <= to) ++hi;
      if (lo < hi) moving[k] = moved_between(t, evidence, o, lo, hi);
    }
    i = j;
  }
  return moving;
}

}  // namespace

std::string_view to_string(MotionState state) noexcept {
  switch (state) {
    case MotionState::running:
      return "running";
    case MotionState::walking:
      return "walking";
    case MotionState::stopped:
      return "stopped";
    case MotionState::paused:
      return "paused";
  }
  return "unknown";
}

bool moved_between(std::span<const double> t, const MotionEvidence& e, const MotionOptions& o,
                   std::size_t from, std::size_t to) {
  const double dt = t[to] - t[from];
  if (!(dt > 0)) return false;
  const auto creeps = [&](double h) {
    return h >= o.creep_min_m && h / dt >= o.creep_speed_m_per_s;
  };
  if (!e.east_m.empty() &&
      creeps(std::hypot(e.east_m[to] - e.east_m[from], e.north_m[to] - e.north_m[from])))
    return true;
  if (!e.device_distance_m.empty() && creeps(e.device_distance_m[to] - e.device_distance_m[from]))
    return true;
  if (!e.elevation_m.empty() && e.barometric_noise_m) {
    const double v = std::abs(e.elevation_m[to] - e.elevation_m[from]);  // NaN compares false
    const double least = std::max(o.climb_min_m, o.climb_noise_factor * *e.barometric_noise_m);
    if (v >= least && v / dt >= o.climb_speed_m_per_s) return true;
  }
  return false;
}

std::vector<Stretch> split_recording(std::span<const double> t,
                                     std::span<const std::size_t> segment_starts,
                                     double pause_gap_s) {
  const std::size_t n = t.size();
  std::vector<bool> segment_start(n, false);
  for (const std::size_t k : segment_starts)
    if (k < n) segment_start[k] = true;
  std::vector<Stretch> stretches;
  std::size_t begin = 0;
  for (std::size_t i = 1; i <= n; ++i)
    if (i == n || segment_start[i] || t[i] - t[i - 1] > pause_gap_s) {
      stretches.push_back({begin, i, begin > 0 && segment_start[begin]});
      begin = i;
    }
  return stretches;
}

void resolve_gaps(std::span<const double> t, std::span<const Stretch> stretches,
                  std::span<const double> across_m, const MotionEvidence& evidence,
                  const MotionOptions& o, bool pauses_marked, std::span<MotionState> state,
                  std::span<double> step_m, std::span<double> speed_m_per_s) {
  for (std::size_t k = 1; k < stretches.size(); ++k) {
    const std::size_t i = stretches[k].begin;
    const double dt = t[i] - t[i - 1];
    const double across = std::isnan(across_m[k]) ? 0 : across_m[k];
    if (stretches[k].fix_change) {  // the recording goes on: as far as the device says
      step_m[i] = across;
      speed_m_per_s[i] = across / dt;
      continue;
    }
    // Slow movement across a gap is judged as in a window, never across a longer gap.
    const bool slow_moving = dt <= o.creep_window_s && moved_between(t, evidence, o, i - 1, i);
    const bool still = across / dt < o.stop_speed_m_per_s && !slow_moving;
    if (stretches[k].segment_break || (still && !pauses_marked)) {  // a paused watch
      state[i] = MotionState::paused;
    } else if (still) {  // the watch recorded on, with nothing to write: a stop
      step_m[i] = 0;
      speed_m_per_s[i] = 0;
    } else {
      step_m[i] = across;
      speed_m_per_s[i] = across / dt;
    }
  }
}

void classify_motion(std::span<const double> t, std::span<const double> speed,
                     std::span<const double> cadence, const MotionEvidence& evidence,
                     const MotionOptions& o, std::span<MotionState> state) {
  const std::size_t n = state.size();
  for (std::size_t i = 0; i < n; ++i)
    if (state[i] != MotionState::paused)
      state[i] = speed[i] < o.stop_speed_m_per_s ? MotionState::stopped : MotionState::running;
  drop_short_runs(state, t, MotionState::stopped, MotionState::running, o.min_stop_s);
  // Slow but not still: a steep climb or a shuffle that gets somewhere.
  const std::vector<bool> moving = creeping(t, speed, evidence, o, state);
  for (std::size_t i = 0; i < n; ++i)
    if (moving[i]) state[i] = MotionState::running;
  // No steps counted, slower than a walk: standing, whatever a drifting GPS makes of it (a
  // watch at a café table wanders metres a minute), unless the stretch gets somewhere as a
  // creep does (a walk with the arm still: a pushchair, poles, a phone held; a wrist counts no
  // steps then). Only where the watch counts steps: most of its cadence values are above 0 (a
  // device writing 0 throughout counts nothing).
  std::size_t with_cadence = 0, stepping = 0;
  for (const double c : cadence)
    if (!std::isnan(c)) ++with_cadence, stepping += c > 0 ? 1 : 0;
  if (stepping * 2 > with_cadence) {
    std::vector<MotionState> before(state.begin(), state.end());
    const auto device_moving = [&](std::size_t i) {  // NaN compares false
      return !evidence.device_speed_m_per_s.empty() &&
             evidence.device_speed_m_per_s[i] >= o.stop_speed_m_per_s;
    };
    for (std::size_t i = 0; i < n; ++i)
      if (state[i] != MotionState::paused && cadence[i] == 0 && speed[i] < o.walk_speed_m_per_s &&
          !device_moving(i))
        state[i] = MotionState::stopped;
    drop_short_runs(state, t, MotionState::stopped, MotionState::running, o.min_stop_s);
    const std::vector<bool> walking_still = creeping(t, speed, evidence, o, state);
    for (std::size_t i = 0; i < n; ++i)
      if (walking_still[i]) state[i] = before[i];
  }
  drop_short_runs(state, t, MotionState::stopped, MotionState::running, o.min_stop_s);
  // Walking: sustained slow speed, or low cadence when cadence is known.
  for (std::size_t i = 0; i < n; ++i) {
    if (state[i] != MotionState::running) continue;
    // (Cadence 0 at a walk's speed or faster: a sensor that dropped out, the speed tells.)
    const bool slow = std::isnan(cadence[i]) || cadence[i] == 0 ? speed[i] < o.walk_speed_m_per_s
                                                                : cadence[i] < o.walk_cadence_spm;
    if (slow) state[i] = MotionState::walking;
  }
  drop_short_runs(state, t, MotionState::walking, MotionState::running, o.min_state_s);
  drop_short_runs(state, t, MotionState::running, MotionState::walking, o.min_state_s);
}

}  // namespace runaudit::signal
