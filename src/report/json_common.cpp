#include "json_common.hpp"

#include <cmath>
#include <type_traits>

#include "runaudit/audit/record_fields.hpp"
#include "runaudit/local_time.hpp"
#include "runaudit/signal/gap.hpp"
#include "runaudit/time.hpp"
#include "words.hpp"

namespace runaudit::report::detail {
namespace {

using namespace audit::fields;

Json number(double v, Digits digits) {
  return digits == Digits::tenth ? Json(std::round(v * 10) / 10) : Json(v);
}

// A member's JSON value, by its type and how it reads as text (record_fields.hpp).
Json to_json(const std::string& s, Plain, Digits) {
  return s.empty() ? Json(nullptr) : Json(s);
}
Json to_json(std::size_t n, Plain, Digits) {
  return n;
}
Json to_json(bool b, Plain, Digits) {
  return b;
}
Json to_json(double v, Plain, Digits digits) {
  return number(v, digits);
}
Json to_json(const std::optional<double>& v, Plain, Digits digits) {
  return v ? number(*v, digits) : Json(nullptr);
}
Json to_json(const std::optional<int>& v, Plain, Digits) {
  return v ? Json(*v) : Json(nullptr);
}
template <class Enum>
requires std::is_enum_v<Enum> Json to_json(Enum e, Plain, Digits) {
  return to_string(e);
}
Json to_json(const std::optional<std::int64_t>& utc_ms, UtcTime, Digits) {
  return utc_ms ? Json(format_rfc3339(*utc_ms)) : Json(nullptr);
}
Json to_json(bool audited, Status, Digits) {
  return audited ? "audited" : "skipped";
}
Json to_json(const std::optional<audit::Limit>& limit, Plain, Digits digits) {
  if (!limit) return nullptr;
  Json j = {{"value", number(limit->value, digits)}, {"source", audit::to_string(limit->source)}};
  if (limit->anchor != audit::LimitAnchor::none)
    j["anchor"] = {{"name", audit::to_string(limit->anchor)},
                   {"value", number(limit->anchor_value, digits)}};
  return j;
}
Json to_json(const std::vector<double>& column, Plain, Digits digits) {
  Json a = Json::array();
  for (const double x : column) a.push_back(std::isfinite(x) ? number(x, digits) : Json(nullptr));
  return a;
}
Json to_json(const std::vector<double>& column, Degrees, Digits) {
  return to_json(column, Plain{}, Digits::all);
}
Json to_json(const std::vector<std::string>& column, Plain, Digits) {
  return column;
}

// The object of @p table's entries for @p owner; @p written(name) gives the Written keys.
template <class Owner, class Table, class Writes>
Json object(const Owner& owner, const Table& table, Digits digits, Writes written) {
  Json out = Json::object();
  for_each(table, [&](const auto& entry) {
    using Entry = std::decay_t<decltype(entry)>;
    if constexpr (std::is_same_v<Entry, Written>)
      out[std::string(entry.name)] = written(entry.name);
    else
      out[std::string(entry.name)] = to_json(owner.*entry.member, typename Entry::text{}, digits);
  });
  return out;
}

// For tables without Written keys.
Json nothing_written(std::string_view) {
  return nullptr;
}

}  // namespace

Json number_or_null(const std::optional<double>& v) {
  return to_json(v, Plain{}, Digits::tenth);
}

Json metrics_json(const signal::Metrics& m, Digits digits) {
  return object(m, metric_fields, digits, [](std::string_view) -> Json {
    return signal::gap_model_name;  // the only Written key of the metrics
  });
}

Json elevation_json(const std::optional<signal::ElevationQuality>& q, Digits digits) {
  return q ? object(*q, elevation_fields, digits, nothing_written) : Json(nullptr);
}

Json errors_json(std::span<const io::Diagnostic> errors) {
  const auto position = [](std::size_t v) { return v == 0 ? Json(nullptr) : Json(v); };
  Json out = Json::array();
  for (const io::Diagnostic& e : errors)
    out.push_back({{"file", e.source},
                   {"code", e.code},
                   {"message", e.message},
                   {"line", position(e.line)},
                   {"column", position(e.column)},
                   {"offset", e.offset < 0 ? Json(nullptr) : Json(e.offset)}});
  return out;
}

Json run_json(const audit::RunRecord& r, Units units, Digits digits) {
  Json out = object(r, run_fields, digits, nothing_written);
  // Worded in the report's units (the speed of a ride inferred from it).
  if (!r.audited && !r.skip_reason.empty()) out["skip_reason"] = skip_words(r, units);
  out.update(object(r, context_fields, digits, [&](std::string_view) -> Json {
    if (!r.start_time_ms) return nullptr;     // "start_time_local": UTC's "Z" when not known
    if (!r.utc_offset_s && r.clock_is_local)  // a local clock, no offset to write
      return format_rfc3339(*r.start_time_ms).substr(0, 19);
    if (!r.utc_offset_s) return format_rfc3339(*r.start_time_ms);
    return format_local_rfc3339(*r.start_time_ms, *r.utc_offset_s);
  }));
  out.update(object(r, recording_fields, digits, nothing_written));
  out["metrics"] = metrics_json(r.metrics, digits);
  out["elevation_quality"] = elevation_json(r.elevation, digits);
  out["limits"] = r.audited ? object(r.limits, limit_fields, digits, nothing_written) : nullptr;
  Json violations = Json::array();
  for (const audit::Violation& v : r.judgement.violations)
    violations.push_back(object(v, violation_fields, digits, [&](std::string_view) -> Json {
      return violation_words(v, r, units);  // "message"
    }));
  out["violations"] = std::move(violations);
  Json not_judged = Json::array();
  for (const audit::NotJudged& n : r.judgement.not_judged)
    not_judged.push_back(object(n, not_judged_fields, digits, [&](std::string_view) -> Json {
      return unjudged_words(n, units);  // "reason"
    }));
  out["not_judged"] = std::move(not_judged);
  out["score"] = r.audited ? Json(r.judgement.score) : Json(nullptr);
  out["verdict"] = r.audited ? Json(audit::to_string(r.judgement.verdict)) : Json(nullptr);
  if (r.series) out["series"] = object(*r.series, series_fields, digits, nothing_written);
  return out;
}

std::optional<std::size_t> whole_number(const Json& j) {
  if (j.is_number_unsigned()) return j.get<std::size_t>();
  if (!j.is_number_float()) return std::nullopt;
  const double v = j.get<double>();
  if (!(v >= 0 && v <= 9007199254740992.0) || v != std::floor(v)) return std::nullopt;
  return static_cast<std::size_t>(v);
}

std::string not_results_line(const nlohmann::json::exception& e) {
  // No JSON object on the line at all (a CSV, a -f json report spread over lines): what the
  // file should be, and where the line stops being JSON, without the parser's grammar words.
  if (const auto* syntax = dynamic_cast<const nlohmann::json::parse_error*>(&e))
    return "not a results line: not JSON from byte " + std::to_string(syntax->byte) +
           " (results and histories are -f jsonl output: one JSON object per line)";
  std::string_view what = e.what();
  if (what.starts_with("[json.exception.")) {
    const std::size_t end = what.find("] ");
    if (end != std::string_view::npos) what.remove_prefix(end + 2);
  }
  return "not a results line: " + std::string(what);
}

}  // namespace runaudit::report::detail
