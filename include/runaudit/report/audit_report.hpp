#pragma once
/// @file
/// Audit reports: the default text report and the JSON document (DESIGN.md §5).

#include <ostream>
#include <span>

#include "runaudit/audit/batch.hpp"
#include "runaudit/format.hpp"
#include "runaudit/io/error.hpp"

namespace runaudit::report {

/// Writes `{"schema_version": 1, "runs": [...], "errors": [...]}`. Each run: `file`,
/// `activity_index`, `athlete`, `sport`, `sport_raw`, `name`, `start_time` (RFC 3339 UTC),
/// `status` ("audited" | "skipped"), `skip_reason`, `metrics` (SI, unit in each name),
/// `elevation_quality`, `limits` ({NAME: {"value", "source"}}, names with units:
/// pace_limit_s_per_km, hr_limit_bpm, max_duration_s, max_distance_m, max_gain_per_km_m,
/// max_grade_pct), `violations` ([{rule, severity, start_s, end_s, start_m, end_m, value,
/// limit, unit, message, deduction}]), `not_judged` ([{rule, reason}]), `score` (0–100) and
/// `verdict` ("pass" | "warn" | "fail"); null where absent (e.g. score of a skipped run). Errors:
/// [{file, code, message, line, column}]. JSON stays SI whatever @p units; only messages use it.
void write_audit_json(std::ostream& out, std::span<const audit::RunRecord> runs,
                      std::span<const io::FileError> errors);

/// Writes one block per run (date, athlete, name, moving time, distance, pace and GAP, gain per
/// km, HR, score, verdict, then each violation on its own line), skipped runs one line each,
/// errors, and a summary line.
void write_audit_text(std::ostream& out, std::span<const audit::RunRecord> runs,
                      std::span<const io::FileError> errors, Units units);

}  // namespace runaudit::report
