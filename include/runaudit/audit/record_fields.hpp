#pragma once
/// @file
/// The run record's fields, declared once: each member with its name in the reports (SI units
/// in the name). The JSON and JSONL writers and the JSONL reader (report/json_common,
/// report/results), the CSV report and the batch spill all follow these tables, so a field
/// added to the record and to its table reaches every one of them.

#include <string_view>
#include <tuple>
#include <utility>

#include "runaudit/audit/audit.hpp"
#include "runaudit/audit/batch.hpp"
#include "runaudit/audit/limits.hpp"
#include "runaudit/signal/series.hpp"

namespace runaudit::audit::fields {

/// How a member reads as text (JSON, CSV) where its C++ type alone does not say it.
struct Plain {};    ///< as its type says: a text (empty: null), a count, a number, a boolean,
                    ///< an enum's name, a list of texts
struct UtcTime {};  ///< milliseconds since 1970-01-01 UTC, written as RFC 3339
struct Status {};   ///< a run's `audited` flag, written "audited" or "skipped"
struct Degrees {};  ///< a column of WGS84 degrees, written whole (never rounded to 0.1)

/// Whether a member is a column of the CSV report (one row per run, so nested lists are not).
enum class Csv { column, none };

/// A member of @p Owner, as the reports name it.
template <class Owner, class T, class Text = Plain>
struct Field {
  constexpr Field(std::string_view field_name, T Owner::*field_member, Text = {},
                  Csv in_csv = Csv::column)
      : name(field_name), member(field_member), csv(in_csv) {}
  using text = Text;
  std::string_view name;
  T Owner::*member;
  Csv csv;
};

/// A key of the JSON report that is no member: its writer fills it in (a constant, or words in
/// the report's units); readers skip it.
struct Written {
  std::string_view name;
};

/// Calls @p f with each entry of @p table, in order.
template <class Table, class F>
constexpr void for_each(const Table& table, F&& f) {
  std::apply([&](const auto&... entry) { (f(entry), ...); }, table);
}

/// A run's identity and status, in report order. (Its metrics, elevation quality, limits,
/// judgement and series follow in nested objects, with the tables below.)
inline constexpr std::tuple run_fields{
    Field("file", &RunRecord::file),
    Field("activity_index", &RunRecord::activity_index),
    Field("athlete", &RunRecord::athlete),
    Field("sport", &RunRecord::sport),
    Field("sport_raw", &RunRecord::sport_raw, Plain{}, Csv::none),
    Field("name", &RunRecord::name),
    Field("start_time", &RunRecord::start_time_ms, UtcTime{}),
    Field("lap_start_s", &RunRecord::lap_start_s),
    Field("status", &RunRecord::audited, Status{}),
    Field("skip_reason", &RunRecord::skip_reason),
};

/// Where and against what a run stands: its local offset and baseline (keys added after
/// schema 1's first release: optional when read back).
inline constexpr std::tuple context_fields{
    Field("utc_offset_s", &RunRecord::utc_offset_s),
    Written{"start_time_local"},
    Field("clock_is_local", &RunRecord::clock_is_local, Plain{}, Csv::none),
    Field("baseline_gap_s_per_km", &RunRecord::baseline_gap_s_per_km, Plain{}, Csv::none),
    Field("baseline_walks_left_out_s", &RunRecord::baseline_walks_left_out_s, Plain{}, Csv::none),
    Field("baseline_runs", &RunRecord::baseline_runs, Plain{}, Csv::none),
    Field("baseline_first_start", &RunRecord::baseline_first_ms, UtcTime{}, Csv::none),
    Field("baseline_last_start", &RunRecord::baseline_last_ms, UtcTime{}, Csv::none),
    Field("late_window", &RunRecord::late_window, Plain{}, Csv::none),
    Field("early_window", &RunRecord::early_window, Plain{}, Csv::none),
};

/// What the file says of the recording and its plan (FIT mostly), the distance used and the
/// run's duplicates: keys of the run object after run_fields. Results of earlier builds lack
/// them (their readers take them as absent).
inline constexpr std::tuple recording_fields{
    Field("sub_sport", &RunRecord::sub_sport, Plain{}, Csv::none),
    Field("sport_inferred", &RunRecord::sport_inferred, Plain{}, Csv::none),
    Field("device", &RunRecord::device),
    Field("bike_computer", &RunRecord::bike_computer, Plain{}, Csv::none),
    Field("workout_name", &RunRecord::workout_name),
    Field("workout_steps", &RunRecord::workout_steps, Plain{}, Csv::none),
    Field("recovery_workout", &RunRecord::recovery_workout, Plain{}, Csv::none),
    Field("device_max_hr_bpm", &RunRecord::device_max_hr_bpm, Plain{}, Csv::none),
    Field("device_threshold_hr_bpm", &RunRecord::device_threshold_hr_bpm, Plain{}, Csv::none),
    Field("device_max_hr_raised", &RunRecord::device_max_hr_raised, Plain{}, Csv::none),
    Field("file_warning", &RunRecord::file_warning),
    Field("distance_source", &RunRecord::distance_source),
    Field("track_over_device", &RunRecord::track_over_device, Plain{}, Csv::none),
    Field("skip_speed_m_per_s", &RunRecord::skip_speed_m_per_s, Plain{}, Csv::none),
    Field("duplicates", &RunRecord::duplicates, Plain{}, Csv::none),
};

/// The `metrics` object (docs/ARCHITECTURE.md, "Outputs"). max_grade_start_m and max_grade_end_m
/// are the audit's own (the grade violation carries its span) and are not reported.
inline constexpr std::tuple metric_fields{
    Field("elapsed_time_s", &signal::Metrics::elapsed_time_s),
    Field("moving_time_s", &signal::Metrics::moving_time_s),
    Field("distance_m", &signal::Metrics::distance_m),
    Field("device_distance_m", &signal::Metrics::device_distance_m),
    Field("gps_distance_m", &signal::Metrics::gps_distance_m, Plain{}, Csv::none),
    Field("avg_pace_s_per_km", &signal::Metrics::avg_pace_s_per_km),
    Field("avg_gap_s_per_km", &signal::Metrics::avg_gap_s_per_km),
    Written{"gap_model"},
    Field("elevation_gain_m", &signal::Metrics::elevation_gain_m),
    Field("elevation_loss_m", &signal::Metrics::elevation_loss_m, Plain{}, Csv::none),
    Field("device_elevation_gain_m", &signal::Metrics::device_elevation_gain_m, Plain{}, Csv::none),
    Field("gain_per_km_m", &signal::Metrics::gain_per_km_m),
    Field("max_grade_pct", &signal::Metrics::max_grade_pct),
    Field("avg_hr_bpm", &signal::Metrics::avg_hr_bpm),
    Field("max_hr_bpm", &signal::Metrics::max_hr_bpm),
    Field("avg_cadence_spm", &signal::Metrics::avg_cadence_spm),
    Field("stop_count", &signal::Metrics::stop_count),
    Field("stopped_time_s", &signal::Metrics::stopped_time_s),
    Field("paused_time_s", &signal::Metrics::paused_time_s, Plain{}, Csv::none),
    Field("cooldown_walk_s", &signal::Metrics::cooldown_walk_s),
    Field("untracked_laps_time_s", &signal::Metrics::untracked_laps_time_s, Plain{}, Csv::none),
    Field("untracked_laps_distance_m", &signal::Metrics::untracked_laps_distance_m, Plain{},
          Csv::none),
};

/// The `elevation_quality` object.
inline constexpr std::tuple elevation_fields{
    Field("noise_m", &signal::ElevationQuality::noise_m),
    Field("white_share", &signal::ElevationQuality::white_share),
    Field("smoothed_white_m", &signal::ElevationQuality::smoothed_white_m),
    Field("confidence", &signal::ElevationQuality::confidence),
    Field("hysteresis_m", &signal::ElevationQuality::hysteresis_m),
    Field("smoothing_m", &signal::ElevationQuality::smoothing_m),
    Field("grade_window_m", &signal::ElevationQuality::grade_window_m),
};

/// The `limits` object: each {"value", "source"} or null.
inline constexpr std::tuple limit_fields{
    Field("pace_limit_s_per_km", &Limits::pace_limit_s_per_km),
    Field("hr_limit_bpm", &Limits::hr_limit_bpm),
    Field("max_duration_s", &Limits::max_duration_s, Plain{}, Csv::none),
    Field("max_distance_m", &Limits::max_distance_m, Plain{}, Csv::none),
    Field("max_gain_per_km_m", &Limits::max_gain_per_km_m, Plain{}, Csv::none),
    Field("max_grade_pct", &Limits::max_grade_pct, Plain{}, Csv::none),
};

/// One object of the `violations` list; `message` is the violation in words (report/words).
inline constexpr std::tuple violation_fields{
    Field("rule", &Violation::rule),
    Field("severity", &Violation::severity),
    Field("start_s", &Violation::start_s),
    Field("end_s", &Violation::end_s),
    Field("start_m", &Violation::start_m),
    Field("end_m", &Violation::end_m),
    Field("value", &Violation::value),
    Field("limit", &Violation::limit),
    Field("unit", &Violation::unit),
    Written{"message"},
    Field("deduction", &Violation::deduction),
    Field("duration_s", &Violation::duration_s),
    Field("time_above_pct", &Violation::time_above_pct),
    Field("time_above_allowed_pct", &Violation::time_above_allowed_pct),
    Field("walks_left_out_s", &Violation::walks_left_out_s),
    Field("by_device_total", &Violation::by_device_total),
};

/// One object of the `not_judged` list; `reason` is the code in words (report/words).
inline constexpr std::tuple not_judged_fields{
    Field("rule", &NotJudged::rule),
    Written{"reason"},
    Field("code", &NotJudged::why),
    Field("detail", &NotJudged::detail),
};

/// The `series` object: one column per curve.
inline constexpr std::tuple series_fields{
    Field("time_s", &ChartSeries::time_s),
    Field("distance_m", &ChartSeries::distance_m),
    Field("moving_s", &ChartSeries::moving_s),
    Field("gap_s_per_km", &ChartSeries::gap_s_per_km),
    Field("elevation_m", &ChartSeries::elevation_m),
    Field("heart_rate_bpm", &ChartSeries::heart_rate_bpm),
    Field("latitude_deg", &ChartSeries::latitude_deg, Degrees{}),
    Field("longitude_deg", &ChartSeries::longitude_deg, Degrees{}),
    Field("state", &ChartSeries::state),
};

}  // namespace runaudit::audit::fields
