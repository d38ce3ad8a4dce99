#pragma once
/// @file
/// From an Activity to the prepared per-sample Series the audit uses, and the run's metrics
/// (DESIGN.md §3).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runaudit/model.hpp"
#include "runaudit/signal/kalman.hpp"

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

/// Thresholds of the preparation. Defaults are justified next to each.
struct PrepareOptions {
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
  /// Position smoothing. σ 3 m: watch GPS horizontal error (2–5 m); q 0.4 m²/s³: a runner's
  /// accelerations (surges, 400 m track bends ≈ 0.25 m/s²); chosen by the distance-accuracy
  /// sweep in tests/unit/test_series.cpp.
  KalmanNoise position_noise{};
};

/// The per-sample prepared view, structure of arrays, all of size N (the activity's samples).
struct Series {
  std::vector<double> time_s;             ///< seconds since the first sample
  std::vector<double> distance_m;         ///< cumulative moving distance (m); NaN if unknown
  std::vector<double> speed_m_per_s;      ///< smoothed speed (m/s); 0 when stopped/paused
  std::vector<double> elevation_m;        ///< smoothed in distance (m); NaN if absent
  std::vector<double> grade;              ///< rise/run over the grade window, shrunk towards 0
                                          ///< by the grade noise can fake; 0 if unknown
  std::vector<double> gap_speed_m_per_s;  ///< grade-adjusted speed (Minetti 2002) (m/s)
  std::vector<double> heart_rate_bpm;     ///< NaN if absent
  std::vector<double> cadence_spm;        ///< NaN if absent
  std::vector<MotionState> state;         ///< of the interval ending at the sample

  std::size_t size() const noexcept { return time_s.size(); }
};

/// How trustworthy the elevation is, estimated from the data.
struct ElevationQuality {
  double noise_m = 0;         ///< altitude_noise_m() of the raw elevations
  std::string confidence;     ///< "high" (< 0.5 m: barometric-like), "medium" (< 1.5 m), "low"
  double hysteresis_m = 0;    ///< used for gain and loss
  double smoothing_m = 0;     ///< distance window of the elevation smoothing
  double grade_window_m = 0;  ///< window of the steepest sustained grade and of grade/GAP
};

/// The run's metrics; nullopt where the data needed is absent. Names match the JSON output.
struct Metrics {
  double elapsed_time_s = 0;
  double moving_time_s = 0;
  std::optional<double> distance_m;
  std::optional<double> avg_pace_s_per_km;  ///< moving time / distance
  std::optional<double> avg_gap_s_per_km;   ///< moving time / grade-adjusted distance
  std::optional<double> elevation_gain_m, elevation_loss_m, gain_per_km_m;
  std::optional<double> max_grade_pct;  ///< steepest sustained climb, percent
  std::optional<double> max_grade_start_m, max_grade_end_m;
  std::optional<double> avg_hr_bpm, max_hr_bpm;  ///< time-weighted over moving time; max of a
                                                 ///< 3-sample median (single spikes removed)
  std::optional<double> avg_cadence_spm;         ///< time-weighted over moving time
  std::size_t stop_count = 0;
  double stopped_time_s = 0;
  double paused_time_s = 0;
  double cooldown_walk_s = 0;  ///< walking time after the last running stretch
};

/// Everything prepare() derives from one activity.
struct Prepared {
  Series series;
  Metrics metrics;
  std::optional<ElevationQuality> elevation;  ///< nullopt without elevation data
  std::string distance_source;                ///< "gps", "device", or "none"
  Channels channels;                          ///< which channels the samples carried
};

/// Builds the Series and Metrics of an activity: positions smoothed by a constant-velocity
/// Kalman/RTS smoother in a local frame, per continuous stretch (pauses split it), distances on
/// the WGS84 ellipsoid; device distance where there are no positions; pauses, stops, walking;
/// elevation smoothed in distance with noise-adapted windows; grade; GAP; HR/cadence averages.
/// @param activity  samples strictly increasing in time (as io:: produces them).
/// @return an empty Series and zero metrics for an activity without samples.
/// Linear in the number of samples; a fixed number of buffers, no allocation per sample.
Prepared prepare(const Activity& activity, const PrepareOptions& options = {});

}  // namespace runaudit::signal
