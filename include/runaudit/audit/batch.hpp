#pragma once
/// @file
/// Batch-level pieces of the audit: which activities are audited, the athlete's usual pace from
/// the batch, and the per-run record reports are written from.

#include <cstdint>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "runaudit/audit/audit.hpp"
#include "runaudit/audit/limits.hpp"
#include "runaudit/model.hpp"
#include "runaudit/signal/series.hpp"

namespace runaudit::audit {

/// Which activities to audit.
struct Selection {
  bool any_sport = false;  ///< --sport any: audit whatever the sport
  /// --match: the name (file name when unnamed), the sport as written or the workout name
  /// must match; a recovery_workout() is audited whatever its names.
  std::optional<std::regex> match;
};

/// The sport used for selection, and why when it was inferred.
struct SportGuess {
  Sport sport = Sport::unknown;
  /// Empty when the file names the sport; otherwise why it was inferred, in words (e.g.
  /// "median moving speed 5.7 m/s for 1:06:28 moving, 23 % of it faster than 6.5 m/s: no
  /// recovery run (3:20/km over 20 minutes)"; speeds in m/s whatever the report's units).
  std::string inferred;
  /// The median moving speed (m/s) when it alone is the reason (reports word it again in their
  /// units: inferred_sport_words); absent otherwise.
  std::optional<double> cited_speed_m_per_s;
};

/// The sport used for selection: the file's (TCX Sport, GPX type, FIT sport other than
/// generic, a name such as "Morning Ride"); else, inferred, in this order:
/// - cycling when the creator is a bike computer (Garmin Edge, Wahoo ELEMNT/BOLT, Hammerhead
///   Karoo, Bryton);
/// - cycling when the median moving speed is above 6 m/s (21.6 km/h: faster than the 10 000 m
///   world record's 6.37 m/s average; bikes and cars), or above 5 m/s (3:20/km) with more than
///   20 minutes moving of which at least 20 % faster than 6.5 m/s (signal::
///   max_running_median_m_per_s): a recovery run is easy running, slower than marathon pace,
///   and 3:20/km is a 2:20:39 marathon's pace held for 20 minutes; a rider's descents add the
///   speeds beyond runners (a GPX ride at 3:00/km: 23 % of it; a fast 12 km run of a
///   NavRun500 watch at 3:24/km: 8 %, still a run). Cadence cannot tell a ride: pedalling
///   60–100 rpm and running strides 75–100 per leg per minute overlap, and readers double both
///   to "steps/min".
/// - other (not on foot) when the median cadence of the moving samples is below 80 per minute:
///   walking is 90–130 steps/min and running 150–200, while rowing strokes (18–36/min, doubled
///   by readers to 36–72) are below it;
/// - other when the median moving speed over the median cadence makes steps longer than 2.0 m:
///   an elite marathoner at 3:00/km takes 1.8 m steps at 185 steps/min, and only sprinters
///   beyond 9 m/s reach 2.3–2.6 m (Weyand et al. 2000, J Appl Physiol 89:1991), while a
///   classic skier's 41 kicks per leg a minute (82 once doubled) at 3.4 m/s are 2.5 m;
/// - walking when the median moving speed is below 2.0 m/s (the walk–run transition, Hreljac
///   1993, as MotionOptions::walk_speed_m_per_s) at a walking median cadence (below
///   MotionOptions::walk_cadence_spm, 140 steps/min), or below 1.8 m/s with under a quarter of
///   the moving time running (a mountain hike at 13:08/km whose first minute jogged was a run);
/// - otherwise running.
/// Unknown (and nothing inferred) without speed data.
SportGuess guess_sport(const Activity& activity, const signal::Prepared& prepared);

/// @return guess_sport(activity, prepared).sport.
Sport effective_sport(const Activity& activity, const signal::Prepared& prepared);

/// @return the median smoothed speed over moving samples (m/s), 0 without any.
double median_moving_speed(const signal::Prepared& prepared);

/// @return true when @p activity was recorded by a bike computer: the FIT device says so
///         (Activity::bike_computer), or the creator names one (Garmin Edge, Wahoo ELEMNT or
///         BOLT, Hammerhead Karoo, Bryton; whole words, any case).
bool recorded_by_bike_computer(const Activity& activity);

/// @return true when @p activity was done as a recovery run by plan: a structured workout with
///         a `recovery` step and no `active` or `interval` step (warm-up, cool-down, rest and
///         other steps may surround it), or whose name says "recovery" or "easy" (whole words,
///         any case) unless its steps are an interval session's (an `active` or `interval` step
///         and a `recovery` or `rest` step: "6x800 w/ 400 recovery" is no recovery run).
bool recovery_workout(const Activity& activity);

/// Why an activity whose sport was inferred from its speed (effective_sport) is not audited, in
/// @p units: "cycling (inferred: median moving speed 25.2 km/h, the file names no sport): not a
/// run", "15.7 mph" with Units::imperial. Reports word RunRecord::skip_speed_m_per_s with it.
std::string inferred_sport_words(Sport sport, double median_speed_m_per_s, Units units);

/// @return why the activity is not audited ("cycling: not a run", "no timed trackpoints", "name
///         does not match --match"), or nullopt to audit it.
std::optional<std::string> skip_reason(const Activity& activity, const signal::Prepared& prepared,
                                       const Selection& selection);

/// Average grade-adjusted pace of a run's effort (before the cool-down walk) for the batch
/// baseline (s/km), or nullopt when the run has no distance, is under 1 km, or its sport is
/// doubtful (signal::Prepared::sport_doubt).
std::optional<double> baseline_gap_s_per_km(const signal::Prepared& prepared);

/// The athlete's usual pace: the median of per-run average GAPs (s/km), or nullopt with fewer
/// than defaults::baseline_min_runs runs.
std::optional<double> usual_pace(std::vector<double> per_run_gap_s_per_km);

/// A run's curves downsampled for charts: one point per `step_s` seconds of recording (GAP as
/// the mean over the step's moving time, NaN when it was mostly stopped; other channels at the
/// step's last sample). Columns of equal length.
struct ChartSeries {
  std::vector<double> time_s;          ///< since the first sample
  std::vector<double> distance_m;      ///< cumulative; NaN without distance
  std::vector<double> moving_s;        ///< moving time in the step (s): no stop, pause or gap
  std::vector<double> gap_s_per_km;    ///< grade-adjusted pace; NaN when not moving
  std::vector<double> elevation_m;     ///< smoothed; NaN if absent
  std::vector<double> heart_rate_bpm;  ///< NaN if absent
  std::vector<double> latitude_deg;    ///< WGS84 as recorded, to 1e-6°; NaN if absent
  std::vector<double> longitude_deg;   ///< WGS84 as recorded, to 1e-6°; NaN if absent
  std::vector<std::string> state;      ///< "running" | "walking" | "stopped" | "paused"
};

/// Downsamples @p series to one point per @p step_s seconds (> 0); the sample that ends a pause
/// (MotionState::paused) is a point of its own, whose state shows the pause.
ChartSeries chart_series(const signal::Series& series, double step_s = 10);

/// One activity of the batch as reports need it (no samples: small per run). Its fields are
/// listed once, in runaudit/audit/record_fields.hpp, which every report and the spill follow: a
/// new field goes into its table there too.
struct RunRecord {
  std::string file;
  std::size_t activity_index = 0;
  std::string athlete;
  Sport sport = Sport::unknown;  ///< effective_sport
  std::string sport_inferred;    ///< SportGuess::inferred: why, when the file names no sport
  std::string sport_raw;
  std::string name;
  std::optional<std::int64_t> start_time_ms;
  /// Where the file's laps after the first begin (s since the first sample; TCX and FIT laps):
  /// at their first sample, or, for a lap holding none (totals only), at its StartTime; laps
  /// starting before the first sample or after the last are left out, and so is a lap starting
  /// with the one before it; empty with one lap or none.
  std::vector<double> lap_start_s;
  bool audited = false;
  std::string skip_reason;  ///< when not audited
  /// The median moving speed (m/s) skip_reason cites when the sport was inferred from it
  /// (inferred_sport_words, in metric units there): reports word it in their own units.
  /// Absent when skip_reason cites no speed; whoever rewrites skip_reason resets it.
  std::optional<double> skip_speed_m_per_s;
  /// Local time minus UTC at the start (s): the file's offset, else the athlete's time zone,
  /// else --timezone; absent: UTC (docs/ARCHITECTURE.md, "The batch").
  std::optional<int> utc_offset_s;
  /// start_time_ms is the device's local clock, its zone unknown (Activity::clock_is_local):
  /// reports say "local"; a batch that knows the athlete's zone moves it to UTC and clears this.
  bool clock_is_local = false;
  /// This run's value for its athlete's later baselines: its average GAP before the cool-down
  /// (s/km; baseline_gap_s_per_km), when it is a running activity that counts (whatever
  /// --match selects); absent otherwise. History files carry it.
  std::optional<double> baseline_gap_s_per_km;
  /// The walking time of the effort baseline_gap_s_per_km leaves out (s; audit::Effort::
  /// walks_left_out_s: walk breaks of a run that mostly ran), when it is given and any.
  std::optional<double> baseline_walks_left_out_s;
  std::size_t baseline_runs = 0;  ///< runs the pace limit's baseline came from; 0: no baseline
  std::optional<std::int64_t> baseline_first_ms;  ///< the earliest of them (UTC)
  std::optional<std::int64_t> baseline_last_ms;   ///< the latest of them (UTC)
  /// The window (`--since`/`--until`, as format_day_range gives it) of the job that reported
  /// this run although it starts before it (BatchSink::late: uploaded after its own week's
  /// job), or from a history without its file among the uploads (early_window); empty for a
  /// run reported in its own window from its file. A history keeps it, so that the same job
  /// run again (a retry) reports the run again (BaselineStore::late_window).
  std::string late_window;
  /// The window of the job that audited this run before its day was in any job's window (its
  /// day after that job's `--until`: a run synced before a Monday job); empty otherwise. A
  /// history keeps it: the job whose window holds the run (or a later one, as late) reports it
  /// from the history when its own uploads lack the file (BaselineStore::pending).
  std::string early_window;
  // What the file says of the recording and its plan (FIT; empty or false elsewhere unless said).
  std::string sub_sport;       ///< FIT sub_sport: "trail", "treadmill", "track", ...
  std::string device;          ///< the recording device (FIT), else the file's creator (TCX
                               ///< Creator, GPX creator: a device or a program)
  bool bike_computer = false;  ///< recorded by a bike computer (effective_sport: a ride)
  std::string workout_name;    ///< the structured workout followed (FIT workout wkt_name)
  std::vector<std::string> workout_steps;  ///< its steps' intensities, in order ("warmup",
                                           ///< "recovery", ...; empty for repeat steps)
  bool recovery_workout = false;           ///< the workout was a recovery run (recovery_workout())
  /// HR anchors the device holds (Activity::device_heart_rate), used as limits of source
  /// `device` when no flag or profile gives one (resolve_limits).
  std::optional<double> device_max_hr_bpm, device_threshold_hr_bpm;
  /// The HR limit is the watch's max HR (its own or lent, finish_run) raised to this run's
  /// highest heart rate (metrics.max_hr_bpm), the setting being below it: a heart that reached
  /// 177 bpm has a maximum of 177 bpm or more, whatever a stale setting of 172 says (Garmin's
  /// watches raise the setting so themselves, "auto max HR").
  bool device_max_hr_raised = false;
  /// What says the file's values may be wrong or incomplete: a FIT file CRC that does not match
  /// the bytes, or that was cut off (the checksum_mismatch note's words), damage that ended the
  /// reading early (the file_damaged note's: where, and what was kept), trackpoints out of time
  /// order too many to be glitches (the time_backwards note's, with where the first lies:
  /// signal::Prepared::dropped_out_of_order), "; " between them; empty when nothing does. Reports
  /// show it on the run's card and with a skip's reason: the verdict or the skip rests on those
  /// values.
  std::string file_warning;
  std::string distance_source;  ///< the distance the metrics use: "gps" (positions), "device"
                                ///< (the records' distance channel) or "none"
  /// The GPS track's distance over the device's own over the same stretches, when the track
  /// reads signal::kTrackLongOfDevice or more longer (signal::Prepared::track_over_device: one of
  /// the two is wrong; the distance rules then judge by the device's, the shorter); absent
  /// otherwise.
  std::optional<double> track_over_device;
  /// The other sources of this activity, audited here once (engine: the same bytes under
  /// another name, or the same activity in another format).
  std::vector<std::string> duplicates;
  signal::Metrics metrics;
  std::optional<signal::ElevationQuality> elevation;
  Limits limits;
  Judgement judgement;                ///< empty when not audited
  std::optional<ChartSeries> series;  ///< when asked for (--series, html)
};

/// Whether @p run's watch HR anchors (device_max_hr_bpm, device_threshold_hr_bpm) may stand for
/// its athlete's runs of the same weeks whose files hold none (BaselineStore::
/// device_heart_rate): a running activity that counts for baselines (baseline_gap_s_per_km) and
/// was not recorded by a bike computer, whose threshold HR is a cyclist's.
bool lends_device_heart_rate(const RunRecord& run) noexcept;

/// The HR anchors @p run's watch lends (lends_device_heart_rate()): its max HR and threshold HR
/// (RunRecord::device_max_hr_bpm, device_threshold_hr_bpm), the max raised to the run's highest
/// heart rate (metrics.max_hr_bpm, bpm) where that is above it, as finish_run raises it for the
/// run itself: a setting this run proved too low is not lent as it is. No resting HR.
DeviceHeartRate lent_heart_rate(const RunRecord& run);

/// An activity read, prepared and selected, waiting for its limits: the part of the audit that
/// does not depend on the batch baseline, so a batch can stage every run once, learn each
/// athlete's usual pace, then finish the runs without reading them again.
struct StagedRun {
  RunRecord record;  ///< everything but limits, judgement and series
  signal::Prepared prepared;
};

/// Prepares @p activity and fills the record's identity, metrics and skip reason.
/// @param activity  as read; @p athlete the athlete name for the record.
StagedRun stage_activity(const Activity& activity, const std::string& athlete,
                         const Selection& selection);

/// Frees the prepared series columns that judging does not read (speed, elevation, cadence,
/// positions), for a run whose report will not carry its series: a batch's pass 1 then keeps
/// or spills half as much per run. finish_run with `with_series` false gives the same record
/// afterwards (tested); with `with_series` true it must not be called on such a run.
void drop_unjudged_columns(StagedRun& run);

/// Completes a staged record: for an audited run resolves its limits (flags over @p session
/// over @p profile over @p config over the device over the baseline over defaults, see
/// resolve_limits) and judges it; adds the
/// chart series when @p with_series.
/// @param record    from stage_activity; @p prepared its prepared activity.
/// @param usual_gap_s_per_km  the athlete's batch baseline (s/km), if any.
/// @param session   the limits of the run's day in the plan (PlannedSession::limits), or nullptr.
/// @param watch     the HR anchors of the athlete's watch from another of their runs
///                  (BaselineStore::device_heart_rate), used when the record's own file holds
///                  none (RunRecord::device_max_hr_bpm, device_threshold_hr_bpm); or nullptr.
///                  A watch's max HR below the run's highest heart rate is raised to it
///                  (RunRecord::device_max_hr_raised).
/// @param config    limits given in the --config file, or nullptr.
void finish_run(RunRecord& record, const signal::Prepared& prepared, const LimitInputs& flags,
                const LimitInputs* profile, std::optional<double> usual_gap_s_per_km,
                const RuleOptions& rules, bool with_series, const LimitInputs* session = nullptr,
                const DeviceHeartRate* watch = nullptr, const LimitInputs* config = nullptr);

/// Audits one activity: stage_activity then finish_run.
/// @param activity  as read.
/// @param athlete   athlete name for the record.
/// @param flags     limits from the command line; @p profile the athlete's row or nullptr.
/// @param usual_gap_s_per_km  the athlete's batch baseline, if any.
RunRecord audit_activity(const Activity& activity, const std::string& athlete,
                         const Selection& selection, const LimitInputs& flags,
                         const LimitInputs* profile, std::optional<double> usual_gap_s_per_km,
                         const RuleOptions& rules, bool with_series = false);

}  // namespace runaudit::audit
