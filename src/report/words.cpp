#include "words.hpp"

namespace runaudit::report::detail {
namespace {

bool imperial(Units units) {
  return units == Units::imperial;
}

// A pace difference given in s/km, as "26 s/km" or "42 s/mi".
std::string pace_difference(double s_per_km, Units units) {
  return imperial(units) ? format_fixed(s_per_km * metres_per_mile / 1000, 0) + " s/mi"
                         : format_fixed(s_per_km, 0) + " s/km";
}

// A height or short distance given in m, as "157 m" or "515 ft".
std::string metres(double m, Units units) {
  return imperial(units) ? format_fixed(m * feet_per_metre, 0) + " ft" : format_fixed(m, 0) + " m";
}

// "96 % of moving time above 144.5 bpm (allowed 10 %)"
std::string share_above(double pct, double allowed_pct, const audit::RunRecord& run) {
  const auto& limit = run.limits.hr_limit_bpm;
  return format_fixed(pct, 0) + " % of moving time above " +
         (limit ? format_bpm(limit->value) : std::string("the limit")) + " (allowed " +
         format_fixed(allowed_pct, 0) + " %)";
}

std::string heart_rate(const audit::Violation& v, const audit::RunRecord& run, Units units) {
  if (v.unit == audit::UnitKind::pct_time_above)
    return share_above(v.value, v.limit, run) + ", in short bursts";
  if (v.time_above_pct && v.time_above_allowed_pct)  // one stretch above the limit
    return format_span(v.start_m, v.end_m, units) + ": " + format_fixed(v.value, 0) + " bpm for " +
           format_clock(v.duration_s) + ", limit " + format_bpm(v.limit) + "; " +
           share_above(*v.time_above_pct, *v.time_above_allowed_pct, run);
  // The average over the effort, which ends before a cool-down walk (audit::effort_of).
  return "average heart rate " + format_fixed(v.value, 0) + " bpm" +
         (run.metrics.cooldown_walk_s > 0 ? " before the cool-down" : "") + ", limit " +
         format_bpm(v.limit);
}

// A violation of a rule this build does not know (results from a newer one): its numbers.
std::string unknown_rule(const audit::Violation& v) {
  const std::string unit(audit::to_string(v.unit));
  return format_fixed(v.value, 1) + " " + unit + ", limit " + format_fixed(v.limit, 1) + " " + unit;
}

}  // namespace

std::string violation_words(const audit::Violation& v, const audit::RunRecord& run, Units units) {
  const std::string& rule = v.rule;
  if (rule == "pace")
    return "average " + format_pace(v.value, units) + " grade-adjusted over " +
           format_clock(v.duration_s) + " moving, limit " + format_pace(v.limit, units) + " (" +
           pace_difference(v.limit - v.value, units) + " too fast)";
  if (rule == "surge")
    return format_span(v.start_m, v.end_m, units) + ": " + format_pace(v.value, units) +
           " grade-adjusted for " + format_clock(v.duration_s) + ", limit " +
           format_pace(v.limit, units);
  if (rule == "heart_rate") return heart_rate(v, run, units);
  if (rule == "duration")
    return format_clock(v.value) + " moving, limit " + format_clock(v.limit) + " (" +
           format_clock(v.value - v.limit) + " over" +
           (run.metrics.distance_m ? ", from " + format_distance(v.start_m, units) + ")" : ")");
  if (rule == "distance")
    return format_distance(v.value, units) + ", limit " + format_distance(v.limit, units);
  if (rule == "elevation_gain") {
    const auto& gain = run.metrics.elevation_gain_m;
    return "climbing " + format_climb_rate(v.value, units, 0) +
           (gain ? " (+" + metres(*gain, units) + ")" : "") + ", limit " +
           format_climb_rate(v.limit, units, 0);
  }
  if (rule == "grade")
    return format_span(v.start_m, v.end_m, units) + ": climbing " + format_fixed(v.value, 1) +
           " % sustained, limit " + format_fixed(v.limit, 1) + " %";
  if (rule == "cooldown")
    return (v.value > 0 ? "cool-down walk of " + format_clock(v.value)
                        : std::string("no cool-down walk at the end")) +
           "; walk at least " + format_clock(v.limit);
  return unknown_rule(v);
}

std::string unjudged_words(audit::Unjudged why, Units units) {
  using audit::Unjudged;
  switch (why) {
    case Unjudged::no_samples:
      return "no samples";
    case Unjudged::no_limit:
      return "no limit given";
    case Unjudged::no_pace_limit:
      return "no pace anchor: give --pace-limit or --threshold-pace, a threshold_pace in "
             "--athletes, or at least " +
             std::to_string(audit::defaults::baseline_min_runs) +
             " runs of the athlete in the six weeks before this one (in the batch or --history)";
    case Unjudged::no_hr_limit:
      return "no heart-rate anchor: give --hr-limit, --lthr or --max-hr, or lthr / max_hr in "
             "--athletes";
    case Unjudged::no_distance:
      return "no distance: no positions and no device distance";
    case Unjudged::too_little_running:
      return "less than " + metres(audit::min_judged_distance_m, units) + " of running";
    case Unjudged::no_heart_rate:
      return "no heart-rate data";
    case Unjudged::no_moving_heart_rate:
      return "no heart rate while moving";
    case Unjudged::no_elevation:
      return "no elevation data";
    case Unjudged::too_few_elevations:
      return "too few elevation values to judge climbing";
    case Unjudged::too_short_to_climb:
      return "too short to measure climbing";
    case Unjudged::too_short_for_grade:
      return "too short for a sustained-grade window";
    case Unjudged::sport_doubtful:
      return "sport doubtful: faster than any runner over a distance (a bike or a car recorded "
             "as a run, or GPS errors)";
    case Unjudged::no_running:
      break;
  }
  return "no running detected";
}

}  // namespace runaudit::report::detail
