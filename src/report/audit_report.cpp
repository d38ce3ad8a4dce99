#include "runaudit/report/audit_report.hpp"

#include "json_common.hpp"
#include "runaudit/time.hpp"

namespace runaudit::report {
namespace {

using detail::Json;
using detail::number_or_null;

Json limits_json(const audit::Limits& l) {
  Json out = Json::object();
  const std::pair<const char*, const std::optional<audit::Limit>*> items[] = {
      {"pace_limit_s_per_km", &l.pace_limit_s_per_km}, {"hr_limit_bpm", &l.hr_limit_bpm},
      {"max_duration_s", &l.max_duration_s},           {"max_distance_m", &l.max_distance_m},
      {"max_gain_per_km_m", &l.max_gain_per_km_m},     {"max_grade_pct", &l.max_grade_pct}};
  for (const auto& [name, limit] : items)
    out[name] = *limit ? Json{{"value", number_or_null((*limit)->value)},
                              {"source", audit::to_string((*limit)->source)}}
                       : Json(nullptr);
  return out;
}

Json run_json(const audit::RunRecord& r) {
  Json violations = Json::array();
  Json not_judged = Json::array();
  for (const audit::Violation& v : r.judgement.violations)
    violations.push_back({{"rule", v.rule},
                          {"severity", audit::to_string(v.severity)},
                          {"start_s", number_or_null(v.start_s)},
                          {"end_s", number_or_null(v.end_s)},
                          {"start_m", number_or_null(v.start_m)},
                          {"end_m", number_or_null(v.end_m)},
                          {"value", number_or_null(v.value)},
                          {"limit", number_or_null(v.limit)},
                          {"unit", v.unit},
                          {"message", v.message},
                          {"deduction", number_or_null(v.deduction)}});
  for (const audit::NotJudged& n : r.judgement.not_judged)
    not_judged.push_back({{"rule", n.rule}, {"reason", n.reason}});
  return {{"file", r.file},
          {"activity_index", r.activity_index},
          {"athlete", r.athlete},
          {"sport", to_string(r.sport)},
          {"sport_raw", r.sport_raw.empty() ? Json(nullptr) : Json(r.sport_raw)},
          {"name", r.name.empty() ? Json(nullptr) : Json(r.name)},
          {"start_time", r.start_time_ms ? Json(format_rfc3339(*r.start_time_ms)) : Json(nullptr)},
          {"status", r.audited ? "audited" : "skipped"},
          {"skip_reason", r.audited ? Json(nullptr) : Json(r.skip_reason)},
          {"metrics", detail::metrics_json(r.metrics)},
          {"elevation_quality", detail::elevation_json(r.elevation)},
          {"limits", r.audited ? limits_json(r.limits) : Json(nullptr)},
          {"violations", std::move(violations)},
          {"not_judged", std::move(not_judged)},
          {"score", r.audited ? Json(r.judgement.score) : Json(nullptr)},
          {"verdict", r.audited ? Json(audit::to_string(r.judgement.verdict)) : Json(nullptr)}};
}

std::string date_of(const audit::RunRecord& r) {
  return r.start_time_ms ? format_rfc3339(*r.start_time_ms).substr(0, 16).replace(10, 1, " ")
                         : std::string("(no date)");
}

}  // namespace

void write_audit_json(std::ostream& out, std::span<const audit::RunRecord> runs,
                      std::span<const io::FileError> errors) {
  Json doc;
  doc["schema_version"] = 1;
  Json list = Json::array();
  for (const audit::RunRecord& r : runs) list.push_back(run_json(r));
  doc["runs"] = std::move(list);
  doc["errors"] = detail::errors_json(errors);
  out << doc.dump(2) << '\n';
}

void write_audit_text(std::ostream& out, std::span<const audit::RunRecord> runs,
                      std::span<const io::FileError> errors, Units units) {
  std::size_t counts[3] = {0, 0, 0}, skipped = 0;
  for (const audit::RunRecord& r : runs) {
    if (!r.audited) {
      ++skipped;
      out << "SKIP  " << date_of(r) << "  " << r.athlete << "  " << r.file << " #"
          << r.activity_index << ": " << r.skip_reason << "\n\n";
      continue;
    }
    const audit::Judgement& j = r.judgement;
    ++counts[static_cast<int>(j.verdict)];
    std::string verdict(audit::to_string(j.verdict));
    for (char& c : verdict) c = static_cast<char>(c - 'a' + 'A');
    out << verdict << "  " << date_of(r) << "  " << r.athlete << "  "
        << (r.name.empty() ? "(unnamed)" : r.name) << "  score " << format_fixed(j.score, 0)
        << "\n  " << r.file << " #" << r.activity_index << '\n';
    const signal::Metrics& m = r.metrics;
    out << "  " << format_clock(m.moving_time_s) << " moving";
    if (m.distance_m) out << ", " << format_distance(*m.distance_m, units);
    if (m.avg_pace_s_per_km) out << ", pace " << format_pace(*m.avg_pace_s_per_km, units);
    if (m.avg_gap_s_per_km) out << ", GAP " << format_pace(*m.avg_gap_s_per_km, units);
    if (m.gain_per_km_m) out << ", climb " << format_fixed(*m.gain_per_km_m, 1) << " m/km";
    if (m.avg_hr_bpm) out << ", HR " << format_fixed(*m.avg_hr_bpm, 0) << " bpm";
    out << '\n';
    for (const audit::Violation& v : j.violations)
      out << "  " << (v.severity == audit::Severity::info ? "advice" : audit::to_string(v.severity))
          << "  " << v.rule << ": " << v.message << '\n';
    for (const audit::NotJudged& n : j.not_judged)
      out << "  not judged  " << n.rule << ": " << n.reason << '\n';
    out << '\n';
  }
  for (const io::FileError& e : errors) {
    out << "ERROR " << e.file;
    if (e.line != 0) out << ':' << e.line << ':' << e.column;
    out << ": " << e.message << " [" << e.code << "]\n";
  }
  if (!errors.empty()) out << '\n';
  out << runs.size() - skipped << " audited: " << counts[0] << " pass, " << counts[1] << " warn, "
      << counts[2] << " fail; " << skipped << " skipped; " << errors.size() << " unreadable\n";
}

}  // namespace runaudit::report
