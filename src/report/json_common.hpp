#pragma once
// Private: JSON pieces shared by the report writers (inspect, audit).

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <utility>

#include "runaudit/audit/batch.hpp"
#include "runaudit/io/error.hpp"
#include "runaudit/signal/series.hpp"

namespace runaudit::report::detail {

using Json = nlohmann::ordered_json;

/// Version of the audit report's JSON schema (README "JSON report").
inline constexpr int schema_version = 1;

/// A number rounded to 0.1 of its unit (the values are estimates), or null when absent.
Json number_or_null(const std::optional<double>& v);

/// The `metrics` object: exactly the names of DESIGN.md §5 / the audit output, SI units.
Json metrics_json(const signal::Metrics& m);

/// The `elevation_quality` object, or null without elevation.
Json elevation_json(const std::optional<signal::ElevationQuality>& q);

/// The limits' names in the JSON report (units in the name) and their members, in output
/// order: one table for the writer and the JSONL reader, so the two cannot drift apart.
inline constexpr std::pair<const char*, std::optional<audit::Limit> audit::Limits::*>
    limit_fields[] = {{"pace_limit_s_per_km", &audit::Limits::pace_limit_s_per_km},
                      {"hr_limit_bpm", &audit::Limits::hr_limit_bpm},
                      {"max_duration_s", &audit::Limits::max_duration_s},
                      {"max_distance_m", &audit::Limits::max_distance_m},
                      {"max_gain_per_km_m", &audit::Limits::max_gain_per_km_m},
                      {"max_grade_pct", &audit::Limits::max_grade_pct}};

/// The `limits` object: {NAME: {"value", "source"} | null}.
Json limits_json(const audit::Limits& limits);

/// One run object of the audit report (json, jsonl).
Json run_json(const audit::RunRecord& record);

/// The `errors` array: [{file, code, message, line, column}] (line/column null when unknown).
Json errors_json(std::span<const io::Diagnostic> errors);

}  // namespace runaudit::report::detail
