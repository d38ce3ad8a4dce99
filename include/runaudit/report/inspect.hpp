#pragma once
/// @file
/// The `inspect` report: what was read from each file and the metrics derived from it, as text
/// or JSON.

#include <cstdint>
#include <optional>
#include <ostream>
#include <span>
#include <string>

#include "runaudit/io/error.hpp"
#include "runaudit/model.hpp"
#include "runaudit/signal/series.hpp"

namespace runaudit::report {

/// What inspect reports of one activity; the samples themselves are not kept, so a batch holds
/// only this small summary per activity.
struct InspectRecord {
  Activity activity;  ///< with samples cleared
  std::size_t samples = 0;
  Channels channels;
  std::optional<std::int64_t> start_time_ms, end_time_ms;
  signal::Metrics metrics;
  std::optional<signal::ElevationQuality> elevation;
  std::string distance_source;  ///< "gps", "device" or "none"
};

/// Prepares @p activity (signal::prepare) and keeps its summary.
InspectRecord summarise(Activity activity);

/// Writes one JSON document:
/// `{"schema_version": 1, "activities": [{"file", "activity_index", "format", "sport",
/// "sport_raw", "name", "creator", "start_time", "end_time", "points", "samples", "laps",
/// "segments", "has_position", "has_elevation", "has_heart_rate", "has_cadence",
/// "has_device_distance", "distance_source", "metrics": {...}, "elevation_quality": {...},
/// "notes": [{"code", "count", "line", "message"}]}], "skipped": [...], "errors": [{"file",
/// "code", "message", "line", "column"}]}` ("skipped" entries have the fields of "errors").
/// `points` counts trackpoints as written, `samples` those kept; times are RFC 3339 UTC; metrics in
/// SI units with the unit in each name; absent values are null. Activities read from FIT add
/// `"fit": {"sub_sport", "sport_name", "device", "bike_computer", "utc_offset_s",
/// "start_time_known", "device_distance_m", "device_timer_s", "device_elapsed_s",
/// "device_heart_rate": {"max_bpm", "threshold_bpm", "resting_bpm"}, "workout": {"name", "steps":
/// [{"name", "intensity", "duration_s", "duration_m", "target", "target_zone", "target_low",
/// "target_high", "target_unit"}]} or null, "developer_fields"}` (the Activity fields of the same
/// names).
/// @param out      destination stream (written, not flushed).
/// @param records  in the order to list them.
/// @param skipped  readable files that hold no activity (io::ParseErrc::not_an_activity: a FIT
///                 course or workout, a GPX route): listed, not errors.
/// @param errors   files that could not be used.
void write_inspect_json(std::ostream& out, std::span<const InspectRecord> records,
                        std::span<const io::Diagnostic> skipped,
                        std::span<const io::Diagnostic> errors);

/// Writes a human-readable block per activity (FIT activities add lines for their sub-sport,
/// sport profile, device totals, HR settings, workout and developer fields), then one
/// `skipped:` line per file without an activity and one `error:` line per file error.
void write_inspect_text(std::ostream& out, std::span<const InspectRecord> records,
                        std::span<const io::Diagnostic> skipped,
                        std::span<const io::Diagnostic> errors);

}  // namespace runaudit::report
