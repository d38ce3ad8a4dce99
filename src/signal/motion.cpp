#include "runaudit/signal/motion.hpp"

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
                  std::span<const double> across_m, double stop_speed_m_per_s,
                  std::span<MotionState> state, std::span<double> step_m,
                  std::span<double> speed_m_per_s) {
  for (std::size_t k = 1; k < stretches.size(); ++k) {
    const std::size_t i = stretches[k].begin;
    const double dt = t[i] - t[i - 1];
    const double across = std::isnan(across_m[k]) ? 0 : across_m[k];
    if (stretches[k].segment_break || across / dt < stop_speed_m_per_s) {  // a paused watch
      state[i] = MotionState::paused;
    } else {
      step_m[i] = across;
      speed_m_per_s[i] = across / dt;
    }
  }
}

void classify_motion(std::span<const double> t, std::span<const double> speed,
                     std::span<const double> cadence, const MotionOptions& o,
                     std::span<MotionState> state) {
  const std::size_t n = state.size();
  for (std::size_t i = 0; i < n; ++i)
    if (state[i] != MotionState::paused)
      state[i] = speed[i] < o.stop_speed_m_per_s ? MotionState::stopped : MotionState::running;
  drop_short_runs(state, t, MotionState::stopped, MotionState::running, o.min_stop_s);
  // Walking: sustained slow speed, or low cadence when cadence is known.
  for (std::size_t i = 0; i < n; ++i) {
    if (state[i] != MotionState::running) continue;
    const bool slow =
        std::isnan(cadence[i]) ? speed[i] < o.walk_speed_m_per_s : cadence[i] < o.walk_cadence_spm;
    if (slow) state[i] = MotionState::walking;
  }
  drop_short_runs(state, t, MotionState::walking, MotionState::running, o.min_state_s);
  drop_short_runs(state, t, MotionState::running, MotionState::walking, o.min_state_s);
}

}  // namespace runaudit::signal
