#include "json_common.hpp"

#include <cmath>

#include "runaudit/signal/gap.hpp"

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

Json errors_json(std::span<const io::FileError> errors) {
  const auto position = [](std::size_t v) { return v == 0 ? Json(nullptr) : Json(v); };
  Json out = Json::array();
  for (const io::FileError& e : errors)
    out.push_back({{"file", e.file},
                   {"code", e.code},
                   {"message", e.message},
                   {"line", position(e.line)},
                   {"column", position(e.column)}});
  return out;
}

}  // namespace runaudit::report::detail
