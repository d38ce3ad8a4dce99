#include "json_common.hpp"

#include <cmath>

#include "runaudit/signal/gap.hpp"
#include "runaudit/time.hpp"

namespace runaudit::report::detail {

Json number_or_null(const std::optional<double>& v) {
  return v ? Json(std::round(*v * 10) / 10) : Json(nullptr);
}

Json metrics_json(const signal::Metrics& m) {
  return {{"elapsed_time_s", number_or_null(m.elapsed_time_s)},
          {"moving_time_s", number_or_null(m.moving_time_s)},
          {"distance_m", number_or_null(m.distance_m)},
          {"avg_pace_s_per_km", number_or_null(m.avg_pace_s_per_km)},
          {"avg_gap_s_per_km", number_or_null(m.avg_gap_s_per_km)},
          {"gap_model", signal::gap_model_name},
          {"elevation_gain_m", number_or_null(m.elevation_gain_m)},
          {"elevation_loss_m", number_or_null(m.elevation_loss_m)},
          {"gain_per_km_m", number_or_null(m.gain_per_km_m)},
          {"max_grade_pct", number_or_null(m.max_grade_pct)},
          {"avg_hr_bpm", number_or_null(m.avg_hr_bpm)},
          {"max_hr_bpm", number_or_null(m.max_hr_bpm)},
          {"avg_cadence_spm", number_or_null(m.avg_cadence_spm)},
          {"stop_count", m.stop_count},
          {"stopped_time_s", number_or_null(m.stopped_time_s)},
          {"paused_time_s", number_or_null(m.paused_time_s)},
          {"cooldown_walk_s", number_or_null(m.cooldown_walk_s)}};
}

Json elevation_json(const std::optional<signal::ElevationQuality>& q) {
  if (!q) return nullptr;
  return {{"noise_m", number_or_null(q->noise_m)},
          {"confidence", q->confidence},
          {"hysteresis_m", number_or_null(q->hysteresis_m)},
          {"smoothing_m", number_or_null(q->smoothing_m)},
          {"grade_window_m", number_or_null(q->grade_window_m)}};
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

Json limits_json(const audit::Limits& l) {
  Json out = Json::object();
  for (const auto& [name, member] : limit_fields) {
    const std::optional<audit::Limit>& limit = l.*member;
    out[name] = limit ? Json{{"value", number_or_null(limit->value)},
                             {"source", audit::to_string(limit->source)}}
                      : Json(nullptr);
  }
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
  Json out = {
      {"file", r.file},
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
  if (r.series) {
    const audit::ChartSeries& c = *r.series;
    const auto column = [](const std::vector<double>& v) {
      Json a = Json::array();
      for (const double x : v)
        a.push_back(std::isfinite(x) ? Json(std::round(x * 10) / 10) : Json(nullptr));
      return a;
    };
    out["series"] = {{"time_s", column(c.time_s)},
                     {"distance_m", column(c.distance_m)},
                     {"gap_s_per_km", column(c.gap_s_per_km)},
                     {"elevation_m", column(c.elevation_m)},
                     {"heart_rate_bpm", column(c.heart_rate_bpm)},
                     {"state", c.state}};
  }
  return out;
}

}  // namespace runaudit::report::detail
