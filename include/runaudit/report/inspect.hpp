#pragma once
/// @file
/// The `inspect` report: what was read from each file, as text or JSON.

#include <ostream>
#include <span>

#include "runaudit/io/error.hpp"
#include "runaudit/model.hpp"

namespace runaudit::report {

/// Writes one JSON document:
/// `{"schema_version": 1, "activities": [{"file", "activity_index", "format", "sport",
/// "sport_raw", "name", "creator", "start_time", "end_time", "points", "samples", "laps",
/// "segments", "has_position", "has_elevation", "has_heart_rate", "has_cadence",
/// "has_device_distance", "notes": [{"code", "count", "line", "message"}]}],
/// "errors": [{"file", "code", "message", "line", "column"}]}`.
/// `points` counts trackpoints as written, `samples` those kept; times are RFC 3339 UTC;
/// absent strings and unknown lines are null.
/// @param out         destination stream (written, not flushed).
/// @param activities  in the order to list them.
/// @param errors      files that could not be used.
void write_inspect_json(std::ostream& out, std::span<const Activity> activities,
                        std::span<const io::FileError> errors);

/// Writes a human-readable block per activity, then one `error:` line per file error.
void write_inspect_text(std::ostream& out, std::span<const Activity> activities,
                        std::span<const io::FileError> errors);

}  // namespace runaudit::report
