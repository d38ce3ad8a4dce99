#pragma once
// Private: JSON pieces shared by the report writers (inspect, audit), written from the record's
// field tables (runaudit/audit/record_fields.hpp).

#include <nlohmann/json.hpp>
#include <optional>
#include <span>

#include "runaudit/audit/batch.hpp"
#include "runaudit/format.hpp"
#include "runaudit/io/error.hpp"
#include "runaudit/signal/series.hpp"

namespace runaudit::report::detail {

using Json = nlohmann::ordered_json;

/// Version of the audit report's JSON schema (README "JSON report").
inline constexpr int schema_version = 1;

/// How many digits numbers keep: the JSON report rounds to 0.1 of their unit (the values are
/// estimates); JSONL keeps every digit, so `runaudit report` renders from it exactly what the
/// audit rendered (a pace of 294.46 s must not come back as 294.5 and print a second slower).
enum class Digits { tenth, all };

/// A number rounded to 0.1 of its unit, or null when absent.
Json number_or_null(const std::optional<double>& v);

/// The `metrics` object: exactly the names of docs/ARCHITECTURE.md, "Outputs" / the audit output,
/// SI units.
Json metrics_json(const signal::Metrics& m, Digits digits = Digits::tenth);

/// The `elevation_quality` object, or null without elevation.
Json elevation_json(const std::optional<signal::ElevationQuality>& q,
                    Digits digits = Digits::tenth);

/// One run object of the audit report (json, jsonl), its words in @p units.
Json run_json(const audit::RunRecord& record, Units units, Digits digits);

/// The `errors` array: [{file, code, message, line, column}] (line/column null when unknown).
Json errors_json(std::span<const io::Diagnostic> errors);

// The value of @p j as a count or an index: a whole number from 0 to 2^53 (as JSON writers
// write them, maybe as 3.0); nullopt for anything else (-1, 1.5, 1e30, a string), so that no
// value a hand-edited file holds is cast out of range.
std::optional<std::size_t> whole_number(const Json& j);

// "not a results line: " and what is wrong: for a line that is no JSON, the byte of the line
// where it stops being JSON and what the file should be; for JSON of the wrong types, what the
// JSON library found, without its exception tag ("[json.exception.type_error.302] ").
std::string not_results_line(const nlohmann::json::exception& e);

}  // namespace runaudit::report::detail
