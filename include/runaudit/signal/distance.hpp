#pragma once
/// @file
/// Distance, the stage of prepare() after the recording is split into stretches: per-interval
/// distances and smoothed speeds from positions (Kalman/RTS in a local frame, steps on the WGS84
/// ellipsoid), else from the device's distance, and the cumulative moving distance once motion
/// states are known (docs/ARCHITECTURE.md, "Signal processing", "Distance").

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "runaudit/model.hpp"
#include "runaudit/signal/kalman.hpp"
#include "runaudit/signal/motion.hpp"

namespace runaudit::signal {

/// Where the distance comes from.
enum class DistanceSource : std::uint8_t {
  gps,     ///< trackpoint positions
  device,  ///< the device's cumulative distance: without positions (footpod, treadmill), or
           ///< with positions whose track reads short of it (measure_distance)
  speed,   ///< the device's speed integrated over time, without positions or device distance
  none,    ///< none of them: no distance
};

/// @return "gps", "device", "speed" or "none" (as Prepared::distance_source and the reports
///         spell it).
std::string_view to_string(DistanceSource source) noexcept;

/// How far short of the device's distance (a share of it) the smoothed GPS track may read
/// before the device's is used instead (measure_distance). GPS noise lengthens a track, and
/// smoothing takes that back: on 57 real FIT runs recorded at 1 s (roads, races, tracks) the
/// moving distances differ by -3.0 % to +2.3 % (docs/fit-distance.md). A track 3 % or more short
/// has lost path the device measured: a winding trail whose bends the positions cut (the watch's
/// GPS filter, then ours), which a foot pod or the watch's accelerometer counted (trail runs
/// with a Stryd foot pod read 6.5-6.8 % short, with the raw fixes 1.7-2.1 % short).
inline constexpr double kTrackShortOfDevice = 0.03;

/// The most the track may read short of the device's distance (a share of it) for the device's
/// to be used: the trails read 4-10 % short; a counter scaled wrong (miles, a wheel size) or
/// running double reads more. Unless the raw fixes agree with the device's distance to within
/// kTrackShortOfDevice: then it is the smoother that cut the path (laps of a courtyard 20 m
/// across, turns tighter than any street's, read 16 % short, their fixes 0.4 %).
inline constexpr double kTrackShortOfDeviceMost = 0.15;

/// How much longer than the device's distance (a share of it) the smoothed GPS track may read,
/// in total and in the median window of kShortWindowS, before the two are in dispute
/// (Distance::track_over_device): the 57 real runs at 1 s read -3.0 % to +2.3 %, so +15 % is
/// either GPS noise the smoothing could not take out (a hike under a cliff read +38 %: fixes
/// 45 m off for tens of seconds) or a device counter reading short (a foot pod never
/// calibrated). Which one, the file cannot tell: neither pace nor distance can be judged.
inline constexpr double kTrackLongOfDevice = 0.15;

/// The window (s of recording) in which the track and the device's distance are compared as
/// well: the track must read kTrackShortOfDevice short in the median window, so that a counter
/// that leapt once, shortening the track's share in one window, is not believed.
inline constexpr double kShortWindowS = 300;

/// The least device distance (m) over the positioned stretches for that comparison: over a
/// shorter distance a few metres at the start and end of the track outweigh the path.
inline constexpr double kMinDeviceCheckM = 1000;

/// Per-sample distances and speeds of an activity, before motion states.
struct Distance {
  DistanceSource source = DistanceSource::none;
  /// Size N: distance (m) of the interval that ends at the sample; 0 at the first sample of
  /// each stretch (the gap before it is not measured here, see across_gap_m).
  std::vector<double> step_m;
  /// Size N: smoothed speed (m/s), >= 0; with DistanceSource::speed the device's own.
  std::vector<double> speed_m_per_s;
  /// One per stretch: the unsmoothed distance (m) across the gap before it, between the last
  /// sample of the previous stretch and the first of this one (0 for the first stretch, when
  /// there is no distance, or when a device distance jumps faster than any runner or bike).
  std::vector<double> across_gap_m;
  /// With DistanceSource::gps, size N: the smoothed positions in the LocalFrame of the first
  /// sample with one (m east, m north; NaN where a sample has none), the evidence of slow
  /// movement (MotionEvidence); else empty.
  std::vector<double> east_m, north_m;
  /// When the device's distance was used although there are positions (the track read short
  /// of it: measure_distance), size N: the steps (m) step_m would have had (the track's, and
  /// the device's across stretches without a fix); else empty.
  std::vector<double> gps_step_m;
  /// With DistanceSource::gps: the track's distance over the device's on the positioned
  /// stretches, when it reads kTrackLongOfDevice or more longer in total and in the median
  /// window of kShortWindowS (1 km or more of the device's distance); else nullopt.
  std::optional<double> track_over_device;
  /// With DistanceSource::device and no positions: the time (s) before the device's first
  /// distance reading and after its last, each counted from min_unmeasured_s (a foot pod paired
  /// late, its battery dead before the end: heart rate and cadence go on, the distance does
  /// not); else 0.
  double unmeasured_start_s = 0, unmeasured_end_s = 0;
};

/// Least time before the device's first distance reading, or after its last, counted as
/// unmeasured (Distance::unmeasured_start_s): a reading a few seconds late is a device settling,
/// not a runner unmeasured.
inline constexpr double min_unmeasured_s = 60;

/// Cuts @p stretches where the samples of @p activity start or stop having a position (a watch
/// recording before its first fix, or through a tunnel), so that each part is measured by one
/// source (measure_distance). The new cuts are no segment breaks (Stretch::fix_change).
/// @return the stretches, in order, covering the same samples.
std::vector<Stretch> split_at_fixes(std::span<const Stretch> stretches, const Activity& activity);

/// Measures the distance of @p activity. Positions (when any sample has one; io:: keeps samples
/// without one in such a track only as stretches of 30 s or more with the device's distance,
/// which measures them) are smoothed per stretch by a constant-velocity
/// Kalman/RTS smoother in a LocalFrame and differenced with step_distance_m; the speed is the
/// smoothed velocity's norm, or after more than 1.5 s without a fix the interval's mean speed
/// (step / time: the smoothed velocity of sparse fixes overshoots). When the samples also carry
/// the device's distance (1 km or more of it over the positioned stretches) and the smoothed
/// track reads kTrackShortOfDevice to kTrackShortOfDeviceMost short of it (or more, the raw
/// fixes agreeing with the device), in total and in the
/// median window of kShortWindowS, the device's distance is used for every stretch instead
/// (source device, the track's steps kept in gps_step_m); when it reads kTrackLongOfDevice or
/// more longer, in total and in that median window, the ratio is kept (track_over_device).
/// Without positions the
/// device distance is differenced (a decrease is a reset and counts 0; a rise faster than 30 m/s
/// plus 50 m is a glitch, ignored) and its speed is a Kalman-smoothed rate with a 0.5 m measurement
/// σ (device distance is quantised, not noisy).
/// @param activity   samples strictly increasing in time.
/// @param time_s     seconds since the first sample, size N.
/// @param stretches  from split_recording, then split_at_fixes (smoothing never crosses a gap;
///                   a stretch of samples with and without positions is measured by the
///                   device's distance).
/// @param position_noise  noise of the position smoother (PrepareOptions::position_noise).
/// Linear in N; a fixed number of buffers.
Distance measure_distance(const Activity& activity, std::span<const double> time_s,
                          std::span<const Stretch> stretches, const KalmanNoise& position_noise);

/// The distance (m) over the moving intervals (is_moving): the sum of step_m[i] for i >= 1
/// whose state[i] is moving, accumulate_moving_distance's total without its outputs (the GPS
/// track's distance beside the device's, Metrics::gps_distance_m).
/// @param state, step_m  size N.
/// @return the total (m); 0 when N < 2.
double moving_distance_m(std::span<const MotionState> state, std::span<const double> step_m);

/// Cumulative distance over the moving intervals (is_moving): distance_m[0] = 0 and
/// distance_m[i] = distance_m[i-1] + step_m[i] when state[i] is moving, else unchanged; the
/// speed of every sample that is not moving is set to 0.
/// @param state, step_m  size N.  @param speed_m_per_s  size N, updated.
/// @param distance_m     output, size N.
/// @return the total (m), distance_m[N-1] (0 when N == 0).
double accumulate_moving_distance(std::span<const MotionState> state,
                                  std::span<const double> step_m, std::span<double> speed_m_per_s,
                                  std::span<double> distance_m);

}  // namespace runaudit::signal
