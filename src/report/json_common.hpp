#pragma once
// Private: JSON pieces shared by the report writers (inspect, audit).

#include <nlohmann/json.hpp>
#include <optional>
#include <span>

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

/// The `limits` object: {NAME: {"value", "source"} | null}.
Json limits_json(const audit::Limits& limits);

/// One run object of the audit report (json, jsonl).
Json run_json(const audit::RunRecord& record);

/// The `errors` array: [{file, code, message, line, column}] (line/column null when unknown).
Json errors_json(std::span<const io::FileError> errors);

}  // namespace runaudit::report::detail
