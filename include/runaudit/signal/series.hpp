#pragma once
/// @file
/// From an Activity to the prepared per-sample Series the audit uses, and the run's metrics
/// (docs/ARCHITECTURE.md, "Signal processing"). prepare() composes the stages, each with its own
/// header: motion.hpp (pauses, stops, walking), distance.hpp, elevation.hpp, grade_gap.hpp (grade,
/// GAP, grade-adjusted distance) and metrics.hpp.

#include <optional>
#include <string>
#include <vector>

#include "runaudit/model.hpp"
#include "runaudit/signal/elevation.hpp"
#include "runaudit/signal/kalman.hpp"
#include "runaudit/signal/metrics.hpp"
#include "runaudit/signal/motion.hpp"

namespace runaudit::signal {

/// Thresholds of the preparation, per stage.
struct PrepareOptions {
  /// Pauses, stops and walking (motion.hpp).
  MotionOptions motion{};
  /// Position smoothing. σ 3 m: watch GPS horizontal error (2–5 m); q 0.4 m²/s³: a runner's
  /// accelerations (surges, 400 m track bends ≈ 0.25 m/s²); chosen by the distance-accuracy
  /// sweep in tests/unit/test_series.cpp. Between fixes more than 1 s apart q grows as dt²:
  /// sparse ("smart") recordings then keep their corners (a Strava GPX at ~5 s read 3.52 km
  /// for Strava's 3.67 km with a constant q, 3.63 km so; generated street blocks at 3–10 s are
  /// within 1 % of truth, test_series.cpp), while 1 s recordings are unchanged.
  KalmanNoise position_noise{.accel_psd_m2_per_s3 = 0.4,
                             .position_sigma_m = 3.0,
                             .psd_reference_interval_s = 1,
                             .psd_interval_exponent = 2};
  /// Heart rate written less often than the samples (a Suunto: every 10 s between 1 s fixes) is
  /// drawn as a straight line between readings up to this far apart (s; fill_between_readings),
  /// so that time above a limit counts the time between them; a longer gap (a strap that lost
  /// contact) stays without heart rate. 30 s: heart rate moves by a few beats in that time at
  /// a recovery run's steady effort.
  double heart_rate_fill_max_s = 30;
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
  std::vector<double> latitude_deg;       ///< WGS84 as recorded (for the route); NaN if absent
  std::vector<double> longitude_deg;      ///< WGS84 as recorded; NaN if absent
  std::vector<MotionState> state;         ///< of the interval ending at the sample

  std::size_t size() const noexcept { return time_s.size(); }
};

/// Everything prepare() derives from one activity. (A batch spills it between its passes: a new
/// member must also be written and read back by `code()` in src/audit/spill.cpp.)
struct Prepared {
  Series series;
  Metrics metrics;
  std::optional<ElevationQuality> elevation;  ///< nullopt without elevation data
  std::string distance_source;                ///< "gps", "device" or "none" (DistanceSource)
  Channels channels;                          ///< which channels the samples carried
  /// Why the speeds cannot be a run on foot (implausible_for_running), whatever the file says
  /// the sport is: a bike or a car recorded as a run. Empty when they can.
  std::string sport_doubt;
  /// Why the file's altitude is none of the ground's, when it climbs or drops more steeply than
  /// max_sustained_grade over the grade window (a broken altimeter: "climbing 3070 % sustained
  /// over 200 m"); the run then has no elevation (Prepared::elevation, the series' elevation
  /// NaN, its grades 0). Empty otherwise.
  std::string elevation_implausible;
  /// Why the file's own sport contradicts the run its export's type made it: "the file says
  /// \"swimming\", its export's type \"Run\"" (Activity::file_sport_raw, a sport not done on
  /// foot: names_sport_not_on_foot). Empty when it does not.
  std::string sport_conflict;
  /// Distance::track_over_device: the GPS track's distance over the device's, when it reads
  /// kTrackLongOfDevice or more longer (one of the two is wrong, and which, the file cannot
  /// tell); nullopt otherwise.
  std::optional<double> track_over_device;
  /// Where the file is damaged (NoteCode::file_damaged: truncated, garbage), as a byte offset;
  /// absent for a whole file. The recording may go on beyond the samples read, so its totals
  /// are lower bounds and its end (a cool-down walk) is unknown.
  std::optional<std::int64_t> damaged_at_byte;
  /// Activity::read_share: the share of a damaged file read (0-1), when its header told; for a
  /// whole file with trackpoints dropped out of time order (below), the share of its
  /// trackpoints kept.
  std::optional<double> read_share;
  /// Trackpoints dropped as out of time order (NoteCode::time_backwards), when they are too
  /// many to be clock glitches (min_out_of_order_points and min_out_of_order_share of the
  /// file's): its clock went back mid-run, or its parts are written out of order, and the
  /// samples are only part of the run (its totals lower bounds, as a damaged file's); 0 else.
  std::size_t dropped_out_of_order = 0;
  /// Where the first of them lies (byte offset), when dropped_out_of_order > 0.
  std::optional<std::int64_t> out_of_order_at_byte;
  /// Distance::unmeasured_start_s and unmeasured_end_s (s): the start and end of a recording
  /// without positions that its device's distance does not cover; whether the runner moved
  /// then is unknown (the samples read as stopped).
  double unmeasured_start_s = 0, unmeasured_end_s = 0;
};

/// Fewest trackpoints dropped out of time order, and least share of the file's trackpoints, that
/// make a run incomplete (Prepared::dropped_out_of_order): a few points of a GPS clock glitch, or
/// two points swapped, leave the run whole; half an hour of a run behind a clock set back does
/// not.
inline constexpr std::size_t min_out_of_order_points = 10;
inline constexpr double min_out_of_order_share = 0.01;

/// The time_backwards note of @p activity when it counts too many trackpoints to be clock
/// glitches (min_out_of_order_points and min_out_of_order_share of Activity::trackpoints), else
/// nullptr: the run is then incomplete (Prepared::dropped_out_of_order).
const Note* out_of_order_note(const Activity& activity) noexcept;

/// Builds the Series and Metrics of an activity, in stages: the recording split into stretches
/// at segment breaks and long gaps (split_recording); distance steps and speeds
/// (measure_distance: Kalman/RTS-smoothed positions, else device distance); gaps resolved into
/// pauses or bridged signal loss (resolve_gaps); stops, walking and running (classify_motion,
/// when there is any speed: positions, device distance or device speed; otherwise every
/// unpaused sample is running); cumulative moving distance (accumulate_moving_distance);
/// elevation smoothed in distance with noise-adapted windows (measure_elevation, when there are
/// elevations and a distance); grade (sample_grades) and GAP (grade_adjusted_speeds); metrics
/// (compute_metrics, with the time-only lead-in before the first sample from
/// Activity::recording_start_ms); the sport doubt (implausible_for_running).
/// @param activity  samples strictly increasing in time (as io:: produces them).
/// @return an empty Series and zero metrics for an activity without samples.
/// Linear in the number of samples; a fixed number of buffers, no allocation per sample.
Prepared prepare(const Activity& activity, const PrepareOptions& options = {});

}  // namespace runaudit::signal
