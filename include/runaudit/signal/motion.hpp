#pragma once
/// @file
/// Motion states, the first stage of prepare() after the time base: where the recording breaks
/// into stretches, which breaks are pauses, and which intervals are stopped, walked or run
/// (docs/ARCHITECTURE.md, "Signal processing", "Pauses and stops", "Walking").

#include <cstddef>
#include <cstdint>
#include <optional>
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
  /// Slow movement is judged over this window (s), inside the slow interval (see
  /// creep_region_speed_m_per_s): long enough that 0.5 m/s (60 m) and 0.3 m/s (36 m) are far
  /// apart beside the wander of watch GPS (σ ≈ 3.3 m per axis between positions 2 minutes
  /// apart, plus 0.8 m white).
  double creep_window_s = 120;
  /// The window may span the slow samples around a stop, below this speed (m/s): slower than
  /// any walk (≥ 1 m/s), so a walk or a run next to a stop never makes it look like movement,
  /// while a steep hike's alternating 0.5 and 0.9 m/s is one slow interval.
  double creep_region_speed_m_per_s = 1.0;
  /// Net horizontal speed over the window (m/s) above which a slow interval is movement, not a
  /// stop: a runner power-hiking a 30–50 % grade covers 0.4–0.6 m/s horizontally, while
  /// stretching or milling about drifts ≤ 0.3 m/s (tests/unit/test_series.cpp).
  double creep_speed_m_per_s = 0.4;
  /// ... and the net horizontal displacement must reach this (m) (it binds in short slow
  /// intervals): ≈ 5σ of the difference of two watch-GPS positions a minute apart
  /// (Gauss–Markov wander σ 2.5 m per axis, τ 60 s: σ√(2(1 − e⁻¹)) ≈ 2.8 m; the generated noise
  /// of tests/support/synth.hpp).
  double creep_min_m = 20;
  /// Net vertical speed (m/s) above which a slow interval is a climb or descent, not a stop:
  /// 360 m/h. Steep hiking climbs 300–900 m/h (0.5 m/s up a 40 % grade is 720 m/h); barometric
  /// drift with the weather stays under 0.01 m/s (3 hPa/h ≈ 25 m/h, a storm front).
  double climb_speed_m_per_s = 0.1;
  /// ... and the net vertical change must reach this (m) and climb_noise_factor × the altitude
  /// noise σ: a wrist raised or lowered moves ~0.5 m, barometric noise 0.1–0.3 m.
  double climb_min_m = 2;
  /// Multiple of the altitude noise σ the vertical change must exceed (see climb_min_m).
  double climb_noise_factor = 6;
};

/// What besides speed tells slow movement from a stop: net displacement over a window.
struct MotionEvidence {
  /// Smoothed positions in a local frame (m), size N, or empty when there are none.
  std::span<const double> east_m, north_m;
  /// Without positions: the device's cumulative distance (m), size N (a foot pod's or a
  /// watch's accelerometer's: it rises with steps and stays still while the athlete stands), or
  /// empty. Its rise over a window is taken as the horizontal displacement.
  std::span<const double> device_distance_m;
  /// The device's own speed (m/s, NaN = absent; a FIT record's speed), size N, or empty. A
  /// watch's speed (Doppler, accelerometer) reads 0 while it stands: where it reads at least
  /// MotionOptions::stop_speed_m_per_s, a cadence of 0 is a wrist that stopped counting steps
  /// (hands on a pushchair, poles, a phone), not a stop (classify_motion).
  std::span<const double> device_speed_m_per_s;
  /// Recorded elevations (m), size N (NaN = absent), or empty. Used only when
  /// barometric_noise_m is set.
  std::span<const double> elevation_m;
  /// The altitude noise σ (m, altitude_noise_m, over time) when the elevation is
  /// barometric-like (below barometric_noise_max_m); nullopt otherwise: GPS altitude wanders by
  /// metres over a minute, more than its short-scale noise estimate shows, and cannot prove a
  /// climb.
  std::optional<double> barometric_noise_m;
};

/// Whether the athlete moved from sample @p from to sample @p to (from < to), seen from net
/// displacements rather than speed: horizontally (between positions, else by the device's
/// distance) at least MotionOptions::creep_min_m at a net speed of at least
/// creep_speed_m_per_s, or vertically at least max(climb_min_m,
/// climb_noise_factor × barometric_noise_m) at a net vertical speed of at least
/// climb_speed_m_per_s.
/// @param time_s  sample times (s), size N.
/// @return false without evidence (empty spans, NaN, from == to).
bool moved_between(std::span<const double> time_s, const MotionEvidence& evidence,
                   const MotionOptions& options, std::size_t from, std::size_t to);

/// Samples [begin, end) recorded without a break between them.
struct Stretch {
  std::size_t begin = 0, end = 0;
  bool segment_break = false;  ///< begins at a segment start (the watch was paused), not at 0
  bool fix_change = false;     ///< begins where samples start or stop having a position
                               ///< (split_at_fixes): the recording goes on, never a pause
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
/// a pause (state[i] = paused) when the stretch starts at a segment break, or when the gap is
/// still: the distance across it over its duration is below MotionOptions::stop_speed_m_per_s
/// and, for a gap up to creep_window_s long, the evidence shows no movement from sample i−1 to
/// i (moved_between: a hike logged every 10 m with fixes 30–60 s apart moves across its gaps; a
/// watch paused for 4 minutes while its wearer strolled on is paused). With @p pauses_marked a
/// still gap is no pause but a stop to come (its step and speed 0: classify_motion labels it).
/// Otherwise the gap is bridged as signal loss while moving: step_m[i] = across and speed[i] =
/// across / duration. A stretch that begins at a fix change (Stretch::fix_change) is never a
/// pause: it is bridged so. Other samples are left alone.
/// @param time_s     sample times (s), size N.
/// @param stretches  from split_recording (and split_at_fixes).
/// @param across_m   per stretch, the distance across the gap before it (m; index 0 unused;
///                   NaN counts as 0, i.e. no movement).
/// @param evidence   positions and elevations (MotionEvidence), or empty.
/// @param pauses_marked  the device marks its pauses (Activity::pauses_marked): only segment
///                   breaks are pauses.
/// @param state, step_m, speed_m_per_s  size N, updated in place.
void resolve_gaps(std::span<const double> time_s, std::span<const Stretch> stretches,
                  std::span<const double> across_m, const MotionEvidence& evidence,
                  const MotionOptions& options, bool pauses_marked, std::span<MotionState> state,
                  std::span<double> step_m, std::span<double> speed_m_per_s);

/// Labels the samples that are not paused: stopped where the speed is below the stop speed for
/// at least MotionOptions::min_stop_s (shorter dips stay running) unless the evidence shows slow
/// movement across the sample's window (moved_between over creep_window_s centred on the
/// sample, clipped to the samples slower than creep_region_speed_m_per_s around the stop and
/// the sample before them: a steep power-hike at 0.5 m/s, not a stop), and stopped wherever the
/// cadence is 0 below the walking speed when the watch counts steps (most of its cadence values
/// above 0: a watch standing at a café table whose GPS drifts metres a minute), unless the
/// watch's own speed reads stop speed or more there (MotionEvidence::device_speed_m_per_s) or
/// the stretch moves as a creep does (as above): a walk with the arm still; afterwards stops
/// shorter than min_stop_s are dropped again; then walking where cadence (when known at the sample)
/// is below the walking cadence, else where speed is below the walking speed; walking and running
/// stretches shorter than MotionOptions::min_state_s take the state of their surroundings.
/// Durations are measured from the sample before a stretch to its last sample.
/// @param time_s         sample times (s), size N.
/// @param speed_m_per_s  smoothed speeds (m/s), size N.
/// @param cadence_spm    size N, NaN where absent, 0 where the device counted no steps.
/// @param evidence       positions and elevations (MotionEvidence), or empty: speed alone.
/// @param state          size N: paused samples are kept; every other sample is relabelled.
void classify_motion(std::span<const double> time_s, std::span<const double> speed_m_per_s,
                     std::span<const double> cadence_spm, const MotionEvidence& evidence,
                     const MotionOptions& options, std::span<MotionState> state);

}  // namespace runaudit::signal
