#pragma once
/// @file
/// Metrics, the last stage of prepare(): the run's times, distance, paces, climbing, heart rate
/// and cadence from its prepared Series (docs/ARCHITECTURE.md, "Signal processing"; the names match
/// the JSON output).

#include <cstddef>
#include <optional>

#include "runaudit/signal/elevation.hpp"

namespace runaudit::signal {

struct Series;  // series.hpp

/// The run's metrics; nullopt where the data needed is absent. Names match the JSON output.
struct Metrics {
  double elapsed_time_s = 0;
  double moving_time_s = 0;
  std::optional<double> distance_m;
  /// The device's own total distance (Activity::device_distance_m: FIT session
  /// total_distance), beside ours, set by prepare(); not used by the audit
  /// (docs/fit-distance.md).
  std::optional<double> device_distance_m;
  /// The GPS track's moving distance (m) when the device's distance was used instead, the track
  /// reading short of it (measure_distance, distance.hpp); set by prepare(), else nullopt.
  std::optional<double> gps_distance_m;
  std::optional<double> avg_pace_s_per_km;  ///< moving time / distance
  std::optional<double> avg_gap_s_per_km;   ///< moving time / grade-adjusted distance
  std::optional<double> elevation_gain_m, elevation_loss_m, gain_per_km_m;
  /// The device's own total ascent (Activity::device_elevation_gain_m: FIT session
  /// total_ascent), beside ours, set by prepare(); not used by the audit.
  std::optional<double> device_elevation_gain_m;
  /// Steepest sustained climb, percent (signal::steepest_climb over the grade window); 0 on a
  /// run whose every window descends (its least descent is no climb).
  std::optional<double> max_grade_pct;
  std::optional<double> max_grade_start_m, max_grade_end_m;
  std::optional<double> avg_hr_bpm, max_hr_bpm;  ///< time-weighted over moving time (each
                                                 ///< interval at interval_value()); max over
                                                 ///< the same intervals' ends, with
                                                 ///< single-sample spikes removed
  std::optional<double> avg_cadence_spm;         ///< time-weighted as avg_hr_bpm
  std::size_t stop_count = 0;
  double stopped_time_s = 0;
  double paused_time_s = 0;
  /// Walking time after the last running stretch, when it is a cool-down walk (at least
  /// min_cooldown_walk_s), else 0.
  double cooldown_walk_s = 0;
  /// The laps' time before the recording's first trackpoint (Activity::start_time_ms: records
  /// before the first fix are the recording's) and after its last sample, of laps with 10 s or
  /// more there, each lap at most the timer time its own samples leave uncovered (a lap paused
  /// after its start holds none), while under half the recording's time (else the laps are not
  /// trusted over it) (a TCX export that writes the laps before the first fix without
  /// trackpoints): the time (s) and distance (m, the laps' distance in proportion to their time
  /// there, of laps that give one), set by prepare(); absent without. In no sample, so in no
  /// other metric or average; the duration and distance rules add them.
  std::optional<double> untracked_laps_time_s, untracked_laps_distance_m;
};

/// The shortest trailing walk that is a cool-down walk, s: shorter ones are the runner slowing
/// to stop the watch (a few seconds), counted in the run's effort like the running before them.
/// The audit's advice asks for 3 min (audit::defaults::min_cooldown_s); a walk of 30 s to 3 min
/// is a short cool-down, reported as such.
inline constexpr double min_cooldown_walk_s = 30;

/// Computes the metrics of a prepared series. Each interval (from the sample before to the
/// sample, of the state of the sample) counts as paused, stopped or moving time, so elapsed =
/// moving + stopped + paused; a stop is a stopped interval after one that is not (the first
/// interval starts one unless it continues the lead-in). Distance is the last Series::distance_m;
/// average pace is moving time / distance and average GAP moving time / grade-adjusted distance
/// (moving_totals over the whole series), both only from 1 m and some moving time on. Average
/// HR and cadence are weighted by the durations of the moving intervals that have them; the
/// maximum HR is the largest of those intervals' samples with single-sample spikes removed (the
/// 3-sample median inside the record; at either end a value more than 10 bpm from its one
/// neighbour is a spike). The cool-down
/// is the walking time after the last running interval (0 when nothing was run).
/// @param series     a prepared series (size N >= 1; Series::distance_m all NaN = no distance).
/// @param elevation  the elevation stage's result, if any: gain, loss, steepest climb, and the
///                   gain per km when the distance is at least 100 m.
/// @param lead_in_s  recorded time before the first sample (s, >= 0; Activity::
///                   recording_start_ms): time-only points before the first fix. It is elapsed
///                   and stopped time and one stop (nothing says the athlete moved).
Metrics compute_metrics(const Series& series, const std::optional<Elevation>& elevation,
                        double lead_in_s = 0);

}  // namespace runaudit::signal
