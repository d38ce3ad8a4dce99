#include "words.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

#include "runaudit/local_time.hpp"
#include "runaudit/time.hpp"

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

// A duration limit in minutes, as --max-duration and max_duration_min take it: "45 min",
// "45.5 min".
std::string minutes(double s) {
  const double min = s / 60;
  return format_fixed(min, std::abs(min - std::round(min)) < 0.05 ? 0 : 1) + " min";
}

// What the effort's totals and average leave out (audit::effort_of ends the effort before a
// cool-down walk): " before the 3:10 cool-down walk", or nothing.
std::string before_cooldown(const audit::RunRecord& run) {
  const double walk_s = run.metrics.cooldown_walk_s;
  return walk_s > 0 ? " before the " + format_clock(walk_s) + " cool-down walk" : "";
}

// The effort's share of moving time above the HR limit: "HR above 144.5 bpm for 96 % of moving
// time before the 4:00 cool-down walk (allowed 10 %)".
std::string share_above(double pct, double allowed_pct, const audit::RunRecord& run) {
  const auto& limit = run.limits.hr_limit_bpm;
  return "HR above " + (limit ? format_bpm(limit->value) : std::string("the limit")) + " for " +
         format_fixed(pct, 0) + " % of moving time" + before_cooldown(run) + " (allowed " +
         format_fixed(allowed_pct, 0) + " %)";
}

// How much longer a GPS track reads than the device's distance (RunRecord::track_over_device):
// "50 % longer".
std::string track_over_device_words(double ratio) {
  return format_fixed((ratio - 1) * 100, 0) + " % longer";
}

std::string heart_rate(const audit::Violation& v, const audit::RunRecord& run, Units units) {
  if (v.unit == audit::UnitKind::pct_time_above)
    return share_above(v.value, v.limit, run) + ", in no stretch of " +
           format_clock(audit::RuleOptions{}.hr_min_stretch_s) + " or more";
  if (v.time_above_pct && v.time_above_allowed_pct)  // one stretch above the limit
    return format_span(v.start_m, v.end_m, units) + ": " + hr_beside_limit(v.value, run) + " for " +
           format_clock(v.duration_s) + ", limit " + format_bpm(v.limit) + "; " +
           share_above(*v.time_above_pct, *v.time_above_allowed_pct, run);
  return "average heart rate " + hr_beside_limit(v.value, run) + before_cooldown(run) + ", limit " +
         format_bpm(v.limit);
}

// Where @p vs lie, compactly, in run order: "km 0.2–2.1, 3.4–5.0" (times "12:00–18:30" for a
// run without distance); the first eight, then "and 3 more".
std::string spans(std::vector<const audit::Violation*> vs, const audit::RunRecord& run,
                  Units units) {
  std::sort(vs.begin(), vs.end(), [](const audit::Violation* a, const audit::Violation* b) {
    return a->start_s < b->start_s;
  });
  constexpr std::size_t shown = 8;
  const bool by_distance = run.metrics.distance_m.has_value();
  std::string out = by_distance ? (imperial(units) ? "mi " : "km ") : "";
  for (std::size_t i = 0; i < std::min(shown, vs.size()); ++i) {
    if (i > 0) out += ", ";
    // format_span's numbers (hundredths where tenths would make its ends one), the unit once.
    out += by_distance ? format_span(vs[i]->start_m, vs[i]->end_m, units).substr(3)
                       : format_clock(vs[i]->start_s) + "–" + format_clock(vs[i]->end_s);
  }
  if (vs.size() > shown) out += " and " + std::to_string(vs.size() - shown) + " more";
  return out;
}

// "1 surge", "3 surges", "2 stretches".
std::string count_of(std::size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// The part of a total in the laps' time outside the trackpoints (signal::Metrics::
// untracked_laps_time_s), @p part formatted by @p format: " (3:06 of it in laps before the first
// trackpoint or after the last)", or nothing.
template <typename Format>
std::string untracked_laps(const std::optional<double>& part, const Format& format) {
  if (!part || *part <= 0) return {};
  return " (" + format(*part) + " of it in laps before the first trackpoint or after the last)";
}

// After a grade-adjusted pace: " grade-adjusted"; without elevation it is the pace, and said so.
const char* adjusted(const audit::RunRecord& run) {
  return run.elevation ? " grade-adjusted" : " (no elevation to adjust)";
}

// Every surge of a run in one finding: "3 surges faster than 5:38/km for 2:41 in all, fastest
// 4:14/km grade-adjusted: km 3.3–3.5, 5.0–5.4, 6.1–6.2".
std::string surges(const std::vector<const audit::Violation*>& vs, const audit::RunRecord& run,
                   Units units) {
  if (vs.size() == 1) return violation_words(*vs.front(), run, units);
  double total = 0, fastest = vs.front()->value;
  for (const audit::Violation* v : vs) {
    total += v->duration_s;
    fastest = std::min(fastest, v->value);
  }
  return count_of(vs.size(), "surge", "surges") + " faster than " +
         format_pace(vs.front()->limit, units) + " for " + format_clock(total) +
         " in all, fastest " + format_pace(fastest, units) + adjusted(run) + ": " +
         spans(vs, run, units);
}

// A run's heart-rate findings in one: its average, then its share of moving time above the
// limit and the stretches of it long enough to list (audit::RuleOptions::hr_min_stretch_s):
// "average 146 bpm before the cool-down, limit 140 bpm; HR above 140 bpm for 77 % of moving
// time, allowed 10 %; 33:40 of it in 3 stretches of 1:00 or more: km 0.2–2.1, 3.4–5.0, 5.6–6.7".
std::string heart_rates(const std::vector<const audit::Violation*>& vs, const audit::RunRecord& run,
                        Units units) {
  std::vector<std::string> parts;
  std::vector<const audit::Violation*> stretches;
  for (const audit::Violation* v : vs) {
    if (v->time_above_pct && v->time_above_allowed_pct)
      stretches.push_back(v);
    else
      parts.push_back(heart_rate(*v, run, units));
  }
  if (!stretches.empty()) {
    double time = 0;
    for (const audit::Violation* v : stretches) time += v->duration_s;
    const audit::Violation& first = *stretches.front();
    // The share is of the effort's moving time: said once, by the average before it if any.
    const std::string of = parts.empty()                     ? "moving time" + before_cooldown(run)
                           : run.metrics.cooldown_walk_s > 0 ? std::string("that moving time")
                                                             : std::string("moving time");
    parts.push_back("HR above " + format_bpm(first.limit) + " for " +
                    format_fixed(*first.time_above_pct, 0) + " % of " + of + ", allowed " +
                    format_fixed(*first.time_above_allowed_pct, 0) + " %; " + format_clock(time) +
                    " of it in " + count_of(stretches.size(), "stretch", "stretches") + " of " +
                    format_clock(audit::RuleOptions{}.hr_min_stretch_s) +
                    " or more: " + spans(stretches, run, units));
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

// The fewest decimals, from @p base up to two more, at which @p format tells a violation's value
// from its limit (a climb of 10.2 m/km over a limit of 10 is no "10 m/km, limit 10 m/km").
template <typename Format>
int telling_decimals(const Format& format, double value, double limit, int base) {
  int decimals = base;
  while (decimals < base + 2 && format(value, decimals) == format(limit, decimals)) ++decimals;
  return decimals;
}

// A violation of a rule this build does not know (results from a newer one): its numbers.
std::string unknown_rule(const audit::Violation& v) {
  const std::string unit(audit::to_string(v.unit));
  return format_fixed(v.value, 1) + " " + unit + ", limit " + format_fixed(v.limit, 1) + " " + unit;
}

}  // namespace

std::string rule_words(std::string_view rule) {
  if (rule == "heart_rate") return "heart rate";
  if (rule == "elevation_gain") return "climb";
  if (rule == "cooldown") return "cool-down";
  return std::string(rule);
}

std::string violation_words(const audit::Violation& v, const audit::RunRecord& run, Units units) {
  const std::string& rule = v.rule;
  if (rule == "pace")
    return "average " + format_pace(v.value, units) + adjusted(run) + " over " +
           format_clock(v.duration_s) +
           (v.walks_left_out_s
                ? " running (" + format_clock(*v.walks_left_out_s) + " of walking left out)"
                : std::string(" moving")) +
           before_cooldown(run) + ", limit " + format_pace(v.limit, units) + " (" +
           pace_difference(v.limit - v.value, units) + " too fast)";
  if (rule == "surge")
    return format_span(v.start_m, v.end_m, units) + ": " + format_pace(v.value, units) +
           adjusted(run) + " for " + format_clock(v.duration_s) + ", limit " +
           format_pace(v.limit, units);
  if (rule == "heart_rate") return heart_rate(v, run, units);
  if (rule == "duration")
    return format_clock(v.value) + " moving" +
           untracked_laps(run.metrics.untracked_laps_time_s, format_clock) + before_cooldown(run) +
           ", limit " + minutes(v.limit) + " (" + format_clock(v.value - v.limit) + " over" +
           (run.metrics.distance_m ? ", from " + format_distance(v.start_m, units) + ")" : ")");
  // Judged by the device's total: a file cut short (said, with what was read), or one whose
  // trackpoints hold no distance.
  if (v.by_device_total && !run.metrics.distance_m)
    return format_distance(v.value, units) +
           " by the device's total (its trackpoints hold no distance), limit " +
           format_distance(v.limit, units);
  if (v.by_device_total)
    return format_distance(v.value, units) +
           " by the device's total, a cool-down walk included (the damaged file was read to " +
           format_distance(*run.metrics.distance_m, units) + "), limit " +
           format_distance(v.limit, units);
  if (rule == "distance")  // by the device's distance, the shorter, where the track is disputed
    return format_distance(v.value, units) +
           untracked_laps(run.metrics.untracked_laps_distance_m,
                          [units](double m) { return format_distance(m, units); }) +
           (run.track_over_device ? " by the device's distance (the GPS track reads " +
                                        track_over_device_words(*run.track_over_device) + ")"
                                  : std::string()) +
           before_cooldown(run) + ", limit " + format_distance(v.limit, units);
  if (rule == "elevation_gain") {
    const auto& gain = run.metrics.elevation_gain_m;
    const auto rate = [units](double x, int d) { return format_climb_rate(x, units, d); };
    const int d = telling_decimals(rate, v.value, v.limit, 0);
    // A noisy altitude (GPS) counts only climbs beyond its hysteresis: said, as the figure is
    // then the least the run climbed.
    std::string counted;
    if (run.elevation && run.elevation->confidence == "low")
      counted = ", counting climbs of " + metres(run.elevation->hysteresis_m, units) +
                " or more: the altitude is noisy";
    return "climbing " + rate(v.value, d) +
           (gain ? " (+" + metres(*gain, units) + counted + ")" : "") + ", limit " +
           rate(v.limit, d);
  }
  if (rule == "grade") {
    const auto percent = [](double x, int d) { return format_fixed(x, d); };
    const int d = telling_decimals(percent, v.value, v.limit, 1);
    return format_span(v.start_m, v.end_m, units) + ": climbing " + percent(v.value, d) +
           " % sustained, limit " + percent(v.limit, d) + " %";
  }
  if (rule == "cooldown")
    return (v.value > 0 ? "cool-down walk of " + format_clock(v.value)
                        : std::string("no cool-down walk at the end")) +
           "; walk at least " + format_clock(v.limit);
  return unknown_rule(v);
}

std::string score_words(const audit::Judgement& j, std::string_view before,
                        std::string_view after) {
  if (!j.scored()) return "not scored";
  std::string words = std::string(before) + format_fixed(j.score, 0) + std::string(after);
  // A fail that no major finding explains is the score's: said, or the minor findings below
  // would not back it.
  const bool major = std::ranges::any_of(
      j.violations, [](const audit::Violation& v) { return v.severity == audit::Severity::major; });
  if (j.verdict == audit::Verdict::fail && !major)
    words +=
        ", under " + format_fixed(audit::fail_below_score, 0) + ": the findings add up to a fail";
  return words;
}

std::string start_words(const audit::RunRecord& r) {
  if (!r.start_time_ms) return "undated";
  const int offset = static_cast<int>(std::lround(r.utc_offset_s.value_or(0)));
  const std::string stamp = format_rfc3339(*r.start_time_ms + std::int64_t{offset} * 1000);
  return stamp.substr(0, 10) + " " + stamp.substr(11, 5) + " " +
         (r.utc_offset_s     ? format_offset(offset)
          : r.clock_is_local ? "local"
                             : "Z");
}

std::string_view severity_word(audit::Severity severity) {
  return severity == audit::Severity::info ? "advice" : audit::to_string(severity);
}

namespace {

// Makes the findings' deductions whole points that add up to the points the score shown lost
// (100 less the score as score_words rounds it): each rounded down, the points left over to
// the largest remainders (Hamilton's method). Rounded one by one, five findings of a run scored
// 11 read −37, −19, −14, −10 and −8: 88, not 89, to a coach adding them up.
void apportion_points(std::vector<Finding>& out, double score) {
  // As score_words prints it (format_fixed's "%.0f": to nearest, ties to even).
  double left = 100 - std::nearbyint(score);
  std::vector<double> remainder(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double whole = std::floor(out[i].deduction);
    // To a millionth: equal remainders (37.4 and 14.4) tie, and the first finding (the more
    // severe, the costlier) takes the point, not the one its binary fraction favours.
    remainder[i] = std::round((out[i].deduction - whole) * 1e6) / 1e6;
    out[i].deduction = whole;
    left -= whole;
  }
  std::vector<std::size_t> order(out.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  for (const std::size_t k : order) {
    if (left < 0.5 || remainder[k] <= 0) break;
    out[k].deduction += 1;
    left -= 1;
  }
}

}  // namespace

std::vector<Finding> findings(const audit::RunRecord& run, Units units) {
  std::vector<Finding> out;
  std::vector<std::vector<const audit::Violation*>> of;  // per finding, its violations
  for (const audit::Violation& v : run.judgement.violations) {
    auto it =
        std::find_if(out.begin(), out.end(), [&](const Finding& f) { return f.rule == v.rule; });
    if (it == out.end()) {
      out.push_back({.rule = v.rule});
      of.emplace_back();
      it = out.end() - 1;
    }
    it->severity = std::max(it->severity, v.severity);
    it->deduction += v.deduction;
    ++it->count;
    of[static_cast<std::size_t>(it - out.begin())].push_back(&v);
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto& vs = of[i];
    if (out[i].rule == "surge")
      out[i].words = surges(vs, run, units);
    else if (out[i].rule == "heart_rate")
      out[i].words = heart_rates(vs, run, units);
    else
      for (const audit::Violation* v : vs)
        out[i].words += (out[i].words.empty() ? "" : "; ") + violation_words(*v, run, units);
  }
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    return a.deduction > b.deduction;
  });
  // A run not scored loses no points: what its findings would cost is part of a score that is
  // not given.
  if (!run.judgement.scored())
    for (Finding& f : out) f.deduction = 0;
  else
    apportion_points(out, run.judgement.score);
  return out;
}

std::string skip_words(const audit::RunRecord& run, Units units) {
  if (run.audited) return {};
  std::string words = run.skip_speed_m_per_s
                          ? audit::inferred_sport_words(run.sport, *run.skip_speed_m_per_s, units)
                          : run.skip_reason;
  // What was read of a damaged file decided the skip (a sport inferred from its first minutes):
  // said with it. A record read back from JSON has it in its skip_reason already.
  if (!run.file_warning.empty() && words.find(run.file_warning) == std::string::npos)
    words += "; " + run.file_warning;
  return words;
}

namespace {

// Why a rule was not judged, from the reason alone.
std::string reason_words(audit::Unjudged why, Units units) {
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
      return "no distance: no positions and no device distance on the trackpoints";
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
    case Unjudged::elevation_implausible:
      return "the altitude is not the ground's (a broken altimeter): steeper than any ground is "
             "run";
    case Unjudged::too_short_to_climb:
      return "too short to measure climbing";
    case Unjudged::too_short_for_grade:
      return "too short for a sustained-grade window";
    case Unjudged::sport_doubtful:
      return "sport doubtful: faster than any runner over a distance (not on foot: a ride or a "
             "car, or its distance or altitude mismeasured)";
    case Unjudged::recording_incomplete:
      return "the file is damaged and was read only up to there: the rest of the run is missing";
    case Unjudged::too_coarse:
      return "samples too far apart to see it";
    case Unjudged::distance_disputed:
      return "the GPS track and the device's own distance disagree: one of them is wrong";
    case Unjudged::distance_unmeasured:
      return "the device measured no distance over part of the recording: whether the runner "
             "moved then is unknown";
    case Unjudged::sport_conflict:
      return "sport doubtful: the file's own sport is not a run (a swim or a ride typed as a run)";
    case Unjudged::no_running:
      break;
  }
  return "no running detected";
}

// The anchor @p limit was derived from, in words in @p units ("0.85 × LTHR 170 bpm"), or empty.
std::string anchor_words(const audit::Limit& limit, Units units) {
  namespace d = audit::defaults;
  switch (limit.anchor) {
    case audit::LimitAnchor::threshold_pace:
      return format_fixed(d::pace_over_threshold, 2) + " × threshold pace " +
             format_pace(limit.anchor_value, units);
    case audit::LimitAnchor::lthr:
      return format_fixed(d::hr_of_lthr, 2) + " × LTHR " + format_bpm(limit.anchor_value);
    case audit::LimitAnchor::max_hr:
      return format_fixed(d::hr_of_max, 2) + " × max HR " + format_bpm(limit.anchor_value);
    case audit::LimitAnchor::none:
      break;
  }
  return {};
}

// Where a limit of @p r came from, in words (limits_words), in @p units: the anchor it was
// derived from first, if any.
std::string limit_source_words(const audit::RunRecord& r, const audit::Limit& limit, Units units) {
  const std::string anchor = anchor_words(limit, units);
  const auto from = [&](std::string source) {
    return anchor.empty() ? source : anchor + ", " + source;
  };
  switch (limit.source) {
    case audit::LimitSource::flag:
      return from("the command line");
    case audit::LimitSource::config:
      return from("the config file");
    case audit::LimitSource::plan:
      return from("the plan");
    case audit::LimitSource::profile:
      return from("the athletes file");
    case audit::LimitSource::device: {
      // A file without HR settings borrows those of the athlete's watch in a run near it.
      std::string words = r.device_max_hr_bpm || r.device_threshold_hr_bpm
                              ? "the watch's settings"
                              : "the watch's settings, from another of the athlete's runs";
      if (r.device_max_hr_raised && r.metrics.max_hr_bpm)
        words += ", its max HR raised to this run's " + format_bpm(*r.metrics.max_hr_bpm);
      return from(words);
    }
    case audit::LimitSource::batch: {
      // The usual GAP itself, so that the limit can be checked against the runs it names.
      std::string words = format_fixed(audit::defaults::pace_over_usual, 2) + " × the usual GAP " +
                          format_pace(limit.value / audit::defaults::pace_over_usual, units);
      if (r.baseline_runs == 0) return words;
      words += " of " + std::to_string(r.baseline_runs) + " runs";
      // The athlete's days, by this run's offset (a summer-time change within the baseline
      // moves an end within an hour of midnight by a day at most).
      const auto local_day = [&](std::int64_t utc_ms) {
        return format_rfc3339(utc_ms + std::int64_t{r.utc_offset_s.value_or(0)} * 1000)
            .substr(0, 10);
      };
      if (r.baseline_first_ms && r.baseline_last_ms)
        words += ", " + local_day(*r.baseline_first_ms) + " to " + local_day(*r.baseline_last_ms);
      return words;
    }
    case audit::LimitSource::default_value:
      break;
  }
  return "default";
}

}  // namespace

std::string cost_words(double deduction) {
  const std::string points = format_fixed(deduction, 0);
  return "−" + points + (points == "1" ? " point" : " points");
}

std::string limits_words(const audit::RunRecord& r, Units units) {
  if (!r.audited) return {};
  const audit::Limits& l = r.limits;
  // @p x to @p most decimals, with as few as show it: 10 m/km, 9.47 m/km (50 ft/mi), 4 %.
  const auto exact = [](double x, int most) {
    const auto rounded = [](double v, int d) {
      const double scale = std::pow(10.0, d);
      return std::round(v * scale) / scale;
    };
    const double shown = rounded(x, most);
    int d = 0;
    while (d < most && std::abs(rounded(shown, d) - shown) > 0.1 * std::pow(10.0, -most)) ++d;
    return format_fixed(shown, d);
  };
  struct Item {
    std::string words;   // "pace 5:38/km"
    std::string source;  // limit_source_words()
    bool by_default;
  };
  std::vector<Item> items;
  const auto add = [&](const audit::Limit& limit, std::string words) {
    items.push_back({std::move(words), limit_source_words(r, limit, units),
                     limit.source == audit::LimitSource::default_value});
  };
  if (const auto& x = l.pace_limit_s_per_km) add(*x, "pace " + format_pace(x->value, units));
  if (const auto& x = l.hr_limit_bpm) add(*x, "HR " + format_bpm(x->value));
  if (const auto& x = l.max_duration_s) add(*x, "duration " + minutes(x->value));
  if (const auto& x = l.max_distance_m) add(*x, "distance " + format_distance(x->value, units));
  if (const auto& x = l.max_gain_per_km_m)
    add(*x,
        "climb " + (units == Units::imperial
                        ? exact(x->value * feet_per_metre * metres_per_mile / 1000, 2) + " ft/mi"
                        : exact(x->value, 2) + " m/km"));
  if (const auto& x = l.max_grade_pct) add(*x, "grade " + exact(x->value, 2) + " %");
  // Grouped by source, in rule order: "pace 5:38/km, HR 144.5 bpm (the athletes file); ...".
  std::string words;
  std::size_t group = 0;  // the first item of the group of this source
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0 && items[i - 1].source != items[i].source) {
      words += "; ";
      group = i;
    } else if (i > 0) {
      words += ", ";
    }
    words += items[i].words;
    if (i + 1 < items.size() && items[i + 1].source == items[i].source) continue;
    const bool defaults = items[i].by_default && i > group;
    words += " (" + (defaults ? std::string("defaults") : items[i].source) + ")";
  }
  return words;
}

std::string distance_words(const audit::RunRecord& r, Units units) {
  const signal::Metrics& m = r.metrics;
  if (!m.distance_m) return {};
  constexpr double beyond_gps = 0.03;  // the docs/distance.md bound on real recordings
  std::string words = format_distance(*m.distance_m, units);
  std::string beside;
  if (m.gps_distance_m)  // the device's distance, the track having read short of it
    beside = "device's; GPS track " + format_distance(*m.gps_distance_m, units);
  else if (r.distance_source == "device")  // no positions: a foot pod, a treadmill, a wheel
    beside = "device's, no GPS";
  else if (r.distance_source == "speed")
    beside = "from the device's speeds, no GPS";
  else if (r.track_over_device)  // far longer than the device's: one of the two is wrong
    beside = "GPS track, " + track_over_device_words(*r.track_over_device) + " than the device's " +
             format_distance(*m.distance_m / *r.track_over_device, units) +
             " over the same stretches: disputed";
  if (m.device_distance_m && *m.device_distance_m > 0 &&
      std::abs(*m.distance_m - *m.device_distance_m) > beyond_gps * *m.device_distance_m)
    beside += (beside.empty() ? "device " : "; device total ") +
              format_distance(*m.device_distance_m, units);
  return beside.empty() ? words : words + " (" + beside + ")";
}

std::optional<double> judged_gap_s_per_km(const audit::RunRecord& run) {
  return run.baseline_gap_s_per_km ? run.baseline_gap_s_per_km : run.metrics.avg_gap_s_per_km;
}

std::string gap_words(const audit::RunRecord& run, Units units, bool left_out) {
  const auto& whole = run.metrics.avg_gap_s_per_km;
  if (!whole) return {};
  std::string notes = run.elevation ? "" : "no elevation";
  const std::optional<double> judged = judged_gap_s_per_km(run);
  if (judged && std::abs(*judged - *whole) >= 1) {
    notes += (notes.empty() ? "judged " : "; judged ") + format_pace(*judged, units);
    // What the judged GAP leaves out, so that the two can be told apart on the run's line.
    std::vector<std::string> without;
    if (left_out && run.metrics.cooldown_walk_s > 0)
      without.emplace_back("before the cool-down walk");
    if (left_out && run.baseline_walks_left_out_s)
      without.push_back(format_clock(*run.baseline_walks_left_out_s) + " of walking left out");
    for (std::size_t i = 0; i < without.size(); ++i) notes += (i ? ", " : ": ") + without[i];
  }
  return format_pace(*whole, units) + (notes.empty() ? "" : " (" + notes + ")");
}

std::string hr_beside_limit(double bpm, const audit::RunRecord& run) {
  const auto& limit = run.limits.hr_limit_bpm;
  if (limit && std::abs(bpm - limit->value) < 1) return format_bpm(bpm);
  return format_fixed(bpm, 0) + " bpm";
}

std::string hr_words(const audit::RunRecord& run) {
  const auto& whole = run.metrics.avg_hr_bpm;
  if (!whole) return {};
  const std::string words = hr_beside_limit(*whole, run);
  for (const audit::Violation& v : run.judgement.violations)
    if (v.rule == "heart_rate" && v.unit == audit::UnitKind::bpm && !v.time_above_pct &&
        std::lround(v.value) != std::lround(*whole))
      return words + " (judged " + hr_beside_limit(v.value, run) + ")";
  return words;
}

std::string climb_words(const signal::Metrics& m, Units units) {
  if (!m.gain_per_km_m) return {};
  constexpr double beyond_m = 10, beyond_share = 0.25;
  const bool watch_apart = m.elevation_gain_m && m.device_elevation_gain_m &&
                           std::abs(*m.elevation_gain_m - *m.device_elevation_gain_m) >
                               std::max(beyond_m, beyond_share * *m.device_elevation_gain_m);
  // A run descending more than it climbs (by 10 m and 25 % of the climb) whose GAP is slower than
  // its pace (Minetti's cost of a gentle descent is below the flat's): the descent explains it.
  const bool descends = m.elevation_gain_m && m.elevation_loss_m &&
                        *m.elevation_loss_m - *m.elevation_gain_m >=
                            std::max(beyond_m, beyond_share * *m.elevation_gain_m) &&
                        m.avg_pace_s_per_km && m.avg_gap_s_per_km &&
                        *m.avg_gap_s_per_km - *m.avg_pace_s_per_km >= 1;
  std::string beside;
  if (descends)
    beside = "+" + metres(*m.elevation_gain_m, units) + " / −" + metres(*m.elevation_loss_m, units);
  else if (watch_apart)
    beside = "+" + metres(*m.elevation_gain_m, units);
  if (watch_apart) beside += "; watch +" + metres(*m.device_elevation_gain_m, units);
  const std::string words = format_climb_rate(*m.gain_per_km_m, units);
  return beside.empty() ? words : words + " (" + beside + ")";
}

std::string unjudged_words(const audit::NotJudged& n, Units units) {
  // The detail is worded in metric (signal::implausible_for_running).
  if (n.why == audit::Unjudged::sport_doubtful && !n.detail.empty() && units == Units::metric)
    return "sport doubtful: " + n.detail +
           " (not on foot: a ride or a car, or its distance or altitude mismeasured)";
  // What the file and its export say (unit-free).
  if (n.why == audit::Unjudged::sport_conflict && !n.detail.empty())
    return "sport doubtful: " + n.detail;
  if (n.why == audit::Unjudged::distance_disputed && !n.detail.empty())
    return n.detail +
           ": one of them is wrong (GPS noise the smoothing could not take out, or a "
           "device counting short)";
  if (n.why == audit::Unjudged::distance_unmeasured && !n.detail.empty()) return n.detail;
  // Worded in metric (signal::Prepared::elevation_implausible).
  if (n.why == audit::Unjudged::elevation_implausible && !n.detail.empty() &&
      units == Units::metric)
    return "the altitude is not the ground's (a broken altimeter): " + n.detail;
  if (n.why == audit::Unjudged::too_coarse && !n.detail.empty())
    return "samples too far apart to see it: " + n.detail;
  // Where the file is damaged, and what that leaves unknown (unit-free).
  if (n.why == audit::Unjudged::recording_incomplete && !n.detail.empty())
    return "the file is damaged " + n.detail;
  return reason_words(n.why, units);
}

}  // namespace runaudit::report::detail
