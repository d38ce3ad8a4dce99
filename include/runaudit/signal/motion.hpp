#pragma once
/// @file
/// Motion states, the first stage of prepare() after the time base: where the recording breaks
/// into stretches, which breaks are pauses, and which intervals are stopped, walked or run
/// (docs/ARCHITECTURE.md, "Signal processing", "Pauses and stops", "Walking").

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace runaudit::signal {

/// What the athlete was doing during the interval that ends at a sample.
enum class MotionState : std::uint8_t {
  running,
  walking,
  stopped,  ///< recording on, not moving (stretching, a red light, standing with GPS jitter)
  paused,   ///< recording off: a segment break or a gap with no movement across it
};

/// @return "running", "walking", "stopped" or "paused".
std::string_view to_string(MotionState state) noexcept;

/// @return true for running and walking: the states that count as moving time and distance.
constexpr bool is_moving(MotionState state) noexcept {
  return state == MotionState::running || state == MotionState::walking;
}

/// Thresholds of the motion states. Defaults are justified next to each.
struct MotionOptions {
  /// Below this smoothed speed the athlete is standing or milling about (m/s). 0.7 m/s
  /// (2.5 km/h) is slower than any walk (≥ 1 m/s) yet above the 0.1–0.4 m/s that GPS wander
  /// of a standing watch produces after smoothing (measured on generated tracks, see tests).
  double stop_speed_m_per_s = 0.7;
  /// A stop must last this long (s); shorter dips (a sharp turn) stay moving.
  double min_stop_s = 5;
  /// A recording gap longer than this (s) with less than stop speed across it is a pause; a
  /// longer gap with movement is bridged (signal loss). A segment break (Activity::
  /// segment_starts: the watch was paused) is always a pause. Smart recording leaves gaps of up
  /// to ~10 s while moving.
  double pause_gap_s = 20;
  /// Sustained speed below this is walking when there is no cadence (m/s): the preferred
  /// walk–run transition speed is ≈ 2.0 m/s (Hreljac 1993, J Biomech 26:1031).
  double walk_speed_m_per_s = 2.0;
  /// With cadence, below this is walking (steps/min): walking 100–130, running ≥ 150.
  double walk_cadence_spm = 140;
  /// Walking/running stretches shorter than this (s) are merged into their surroundings.
  double min_state_s = 20;
};

/// Samples [begin, end) recorded without a break between them.
struct Stretch {
  std::size_t begin = 0, end = 0;
  bool segment_break = false;  ///< begins at a segment start (the watch was paused), not at 0
};

/// Splits a recording into stretches: a new stretch begins at a segment start and after a time
/// step longer than @p pause_gap_s.
/// @param time_s          sample times (s), size N, strictly increasing.
/// @param segment_starts  indices where a segment starts (Activity::segment_starts); indices
///                        0 and >= N are ignored.
/// @param pause_gap_s     longest time step (s) inside a stretch.
/// @return the stretches in order, covering [0, N) without overlap; none when N == 0.
std::vector<Stretch> split_recording(std::span<const double> time_s,
                                     std::span<const std::size_t> segment_starts,
                                     double pause_gap_s);

/// Decides the gap before each stretch after the first, seen from the stretch's first sample i:
/// a pause (state[i] = paused) when the stretch starts at a segment break or the distance across
/// the gap over its duration is below @p stop_speed_m_per_s; otherwise the gap is bridged as
/// signal loss while moving: step_m[i] = across and speed[i] = across / duration. Other samples
/// are left alone.
/// @param time_s     sample times (s), size N.
/// @param stretches  from split_recording.
/// @param across_m   per stretch, the distance across the gap before it (m; index 0 unused;
///                   NaN counts as 0, i.e. no movement).
/// @param stop_speed_m_per_s  MotionOptions::stop_speed_m_per_s.
/// @param state, step_m, speed_m_per_s  size N, updated in place.
void resolve_gaps(std::span<const double> time_s, std::span<const Stretch> stretches,
                  std::span<const double> across_m, double stop_speed_m_per_s,
                  std::span<MotionState> state, std::span<double> step_m,
                  std::span<double> speed_m_per_s);

/// Labels the samples that are not paused: stopped where the speed is below the stop speed for
/// at least MotionOptions::min_stop_s (shorter dips stay running), then walking where cadence
/// (when known at the sample) is below the walking cadence, else where speed is below the
/// walking speed; walking and running stretches shorter than MotionOptions::min_state_s take
/// the state of their surroundings. Durations are measured from the sample before a stretch to
/// its last sample.
/// @param time_s         sample times (s), size N.
/// @param speed_m_per_s  smoothed speeds (m/s), size N.
/// @param cadence_spm    size N, NaN where absent.
/// @param state          size N: paused samples are kept; every other sample is relabelled.
void classify_motion(std::span<const double> time_s, std::span<const double> speed_m_per_s,
                     std::span<const double> cadence_spm, const MotionOptions& options,
                     std::span<MotionState> state);

}  // namespace runaudit::signal
