#include "runaudit/audit/batch.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <regex>
#include <string_view>

#include "../core/order_statistic.hpp"
#include "runaudit/format.hpp"
#include "runaudit/signal/plausibility.hpp"
#include "text.hpp"

namespace runaudit::audit {
namespace {

// The thresholds of guess_sport (batch.hpp tells where each comes from).
constexpr double vehicle_speed_m_per_s = 6.0;
constexpr double race_speed_m_per_s = 5.0;  // 3:20/km
constexpr double race_min_moving_s = 20 * 60;
constexpr double race_min_share_beyond_runners = 0.2;
constexpr double walking_speed_m_per_s = 1.8;
constexpr double walking_cadence_speed_m_per_s = 2.0;
constexpr double min_gait_cadence_spm = 80;
constexpr double max_step_length_m = 2.0;
constexpr double min_running_share = 0.25;
// Under a minute of movement there is no run to judge (a watch started by mistake).
constexpr double min_moving_s = 60;

// The median cadence of the moving samples (steps/min), NaN when under half of them have one
// (a few stray values, one sensor reading in 1800, are no account of the run's gait).
double median_moving_cadence(const signal::Series& s) {
  std::vector<double> v;
  std::size_t moving = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!signal::is_moving(s.state[i])) continue;
    ++moving;
    if (!std::isnan(s.cadence_spm[i])) v.push_back(s.cadence_spm[i]);
  }
  if (v.empty() || 2 * v.size() < moving) return std::nan("");
  return detail::upper_median(v);
}

// The share of the moving time (0–1) spent at samples where @p counts(i); 0 without any.
template <typename Counts>
double share_of_moving_time(const signal::Series& s, Counts counts) {
  double moving = 0, counted = 0;
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (!signal::is_moving(s.state[i])) continue;
    const double dt = s.time_s[i] - s.time_s[i - 1];
    moving += dt;
    if (counts(i)) counted += dt;
  }
  return moving > 0 ? counted / moving : 0;
}

// A speed in the reason a sport was inferred: in SI, since the record keeps the reason as words
// that every report, in either unit system, shows as written.
std::string speed_words(double m_per_s) {
  return format_fixed(m_per_s, 1) + " m/s";
}

}  // namespace

double median_moving_speed(const signal::Prepared& p) {
  return signal::median_moving_speed(p.series);
}

bool recorded_by_bike_computer(const Activity& a) {
  // A bike computer's name in the creator (GPX creator, TCX Creator/Name): Garmin Edge, Wahoo
  // ELEMNT (BOLT, ROAM), Hammerhead Karoo, Bryton Rider.
  static const std::regex words(R"(\b(edge|elemnt|bolt|karoo|bryton)\b)", std::regex::icase);
  return a.bike_computer || text::search(a.creator, words);
}

bool recovery_workout(const Activity& a) {
  if (!a.workout) return false;
  bool effort = false, recovery = false, rest = false;
  for (const WorkoutStep& step : a.workout->steps) {
    effort = effort || step.intensity == "active" || step.intensity == "interval";
    recovery = recovery || step.intensity == "recovery";
    rest = rest || step.intensity == "rest";
  }
  // Efforts with recoveries or rests between them are an interval session, whatever its name
  // says ("6x800 w/ 400 recovery").
  if (effort && (recovery || rest)) return false;
  if (text::says_recovery(a.workout->name)) return true;
  return recovery && !effort;
}

SportGuess guess_sport(const Activity& a, const signal::Prepared& p) {
  if (a.sport != Sport::unknown) return {a.sport, ""};
  if (recorded_by_bike_computer(a))
    return {Sport::cycling, "recorded by a bike computer, " + clean_text(a.creator)};
  if (!p.metrics.distance_m) return {Sport::unknown, ""};
  const double median = median_moving_speed(p);
  if (median <= 0) return {Sport::unknown, ""};
  const std::string speed = "median moving speed " + speed_words(median);
  if (median > vehicle_speed_m_per_s)
    return {Sport::cycling, speed + ", the file names no sport", median};
  const double beyond = share_of_moving_time(p.series, [&](std::size_t i) {
    return p.series.speed_m_per_s[i] > signal::max_running_median_m_per_s;
  });
  if (median > race_speed_m_per_s && p.metrics.moving_time_s > race_min_moving_s &&
      beyond >= race_min_share_beyond_runners)
    return {Sport::cycling, speed + " for " + format_clock(p.metrics.moving_time_s) + " moving, " +
                                format_fixed(beyond * 100, 0) + " % of it faster than " +
                                speed_words(signal::max_running_median_m_per_s) +
                                ": no recovery run (3:20/km over 20 minutes)"};
  const double cadence = median_moving_cadence(p.series);
  if (cadence < min_gait_cadence_spm)
    return {Sport::other, "median cadence " + format_fixed(cadence, 0) +
                              "/min, below any walking or running cadence: not on foot"};
  if (cadence > 0 && median / (cadence / 60) > max_step_length_m)
    return {Sport::other, speed + " at a median cadence of " + format_fixed(cadence, 0) +
                              "/min: steps of " + format_fixed(median / (cadence / 60), 1) +
                              " m, longer than anyone's on foot (skis, skates)"};
  if (cadence < signal::MotionOptions{}.walk_cadence_spm && median < walking_cadence_speed_m_per_s)
    return {Sport::walking,
            speed + " at a walking cadence (median " + format_fixed(cadence, 0) + " steps/min)"};
  const double running = share_of_moving_time(
      p.series, [&](std::size_t i) { return p.series.state[i] == signal::MotionState::running; });
  if (median < walking_speed_m_per_s && running < min_running_share)
    return {Sport::walking, speed + ", the file names no sport", median};
  return {Sport::running, speed + ", the file names no sport", median};
}

Sport effective_sport(const Activity& a, const signal::Prepared& p) {
  return guess_sport(a, p).sport;
}

namespace {

// Why an activity is not audited, and the speed the words cite (RunRecord::skip_speed_m_per_s).
struct Skip {
  std::string words;
  std::optional<double> speed_m_per_s;
  explicit Skip(std::string w, std::optional<double> speed = std::nullopt)
      : words(std::move(w)), speed_m_per_s(speed) {}
};

// The sport a skip reason names: for a sport runaudit does not tell apart, FIT's profile name
// ("swimming", "transition", not "other"); a GPX or TCX type is free text (Strava's "16"), and
// so is an export's type, which the reason then quotes after the word, whatever the format.
std::string sport_word(const Activity& a, Sport sport) {
  if (sport == Sport::other && a.format == Format::fit && !a.sport_raw.empty() &&
      !a.sport_from_export)
    return clean_text(a.sport_raw);
  return std::string(to_string(sport));
}

// skip_reason with the activity's effective sport already known (computed once per run).
std::optional<Skip> skip_reason_for(const Activity& a, const signal::Prepared& p,
                                    const Selection& sel, const SportGuess& sport) {
  // A file naming another sport is skipped for it even without times (a pool swim's lengths).
  if (a.samples.size() < 2 &&
      (sel.any_sport || a.sport == Sport::unknown || a.sport == Sport::running))
    return Skip("fewer than 2 timed trackpoints (after dropping repeated or backwards times)");
  // Without a name of its own (TCX has none) an activity is known by its file name.
  const std::string name =
      a.name.empty() ? std::filesystem::path(a.file).filename().string() : a.name;
  // A run planned as a recovery run is one to audit whatever it is called.
  if (sel.match && !text::search(name, *sel.match) && !text::search(a.sport_raw, *sel.match) &&
      !(a.workout && text::search(a.workout->name, *sel.match)) && !recovery_workout(a))
    return Skip("name, type and workout do not match --match");
  const auto too_short = [&]() -> std::optional<Skip> {
    // Time the device's distance leaves unmeasured may be movement: audited, its totals then
    // not judged (distance_unmeasured).
    if (p.metrics.moving_time_s >= min_moving_s || p.unmeasured_start_s + p.unmeasured_end_s > 0)
      return std::nullopt;
    return Skip("less than a minute of movement (" + format_clock(p.metrics.moving_time_s) +
                " moving): nothing to audit");
  };
  if (sel.any_sport) return too_short();
  if (sport.sport == Sport::running) return too_short();
  if (sport.sport == Sport::unknown)
    return Skip("sport unknown and no speed to infer it (use --sport any to audit)");
  // TCX's "Other" is any sport but running and biking (a swim, a hike, a walk; sometimes a run
  // typed otherwise in Garmin Connect): skipped, with the way to audit it anyway.
  const bool tcx_other = a.format == Format::tcx && !a.sport_from_export &&
                         sport.sport == Sport::other &&
                         text::lower(text::trimmed(clean_text(a.sport_raw))) == "other";
  if (sport.inferred.empty())  // the export's type, which the athlete may have corrected, says so
    return Skip(sport_word(a, sport.sport) +
                (a.sport_from_export ? " (its export's type \"" + clean_text(a.sport_raw) + "\")"
                                     : std::string()) +
                ": not a run" +
                (tcx_other ? " (TCX's \"Other\": any sport but running and biking; --sport any "
                             "audits it)"
                           : ""));
  if (sport.cited_speed_m_per_s)  // worded again in each report's units
    return Skip(inferred_sport_words(sport.sport, *sport.cited_speed_m_per_s, Units::metric),
                sport.cited_speed_m_per_s);
  return Skip(std::string(to_string(sport.sport)) + " (inferred: " + sport.inferred +
              "): not a run");
}

}  // namespace

std::string inferred_sport_words(Sport sport, double median_speed_m_per_s, Units units) {
  return std::string(to_string(sport)) + " (inferred: median moving speed " +
         format_speed(median_speed_m_per_s, units) + ", the file names no sport): not a run";
}

std::optional<std::string> skip_reason(const Activity& a, const signal::Prepared& p,
                                       const Selection& sel) {
  const std::optional<Skip> why = skip_reason_for(a, p, sel, guess_sport(a, p));
  return why ? std::optional<std::string>(why->words) : std::nullopt;
}

std::optional<double> baseline_gap_s_per_km(const signal::Prepared& p) {
  // A bike's pace is no runner's usual pace.
  if (!p.sport_doubt.empty() || !p.sport_conflict.empty()) return std::nullopt;
  const Effort e = effort_of(p);
  if (e.distance_m < 1000) return std::nullopt;
  return e.gap_s_per_km();
}

std::optional<double> usual_pace(std::vector<double> gaps) {
  if (gaps.size() < defaults::baseline_min_runs) return std::nullopt;
  std::sort(gaps.begin(), gaps.end());
  const std::size_t n = gaps.size();
  return n % 2 ? gaps[n / 2] : (gaps[n / 2 - 1] + gaps[n / 2]) / 2;
}

ChartSeries chart_series(const signal::Series& s, double step_s) {
  // One point per step: the time-weighted mean GAP speed of the moving samples in the step
  // (a single sample would show GPS jitter), the other channels at the step's last sample. The
  // sample after a pause (state paused) is a point of its own, so that the chart shows the pause
  // (its band runs from the point before).
  ChartSeries c;
  const double nan = std::nan("");
  const auto paused = [&](std::size_t k) { return s.state[k] == signal::MotionState::paused; };
  std::size_t i = 0;
  while (i < s.size()) {
    const double end = s.time_s[i] + step_s;
    double moving_s = 0, gap_m = 0;
    std::size_t last = i + 1;  // the step's samples: [i, last)
    if (!paused(i))
      while (last < s.size() && s.time_s[last] < end && !paused(last)) ++last;
    std::size_t j = i;
    for (; j < last; ++j) {
      const bool moving =
          s.state[j] == signal::MotionState::running || s.state[j] == signal::MotionState::walking;
      const double dt = j > 0 ? s.time_s[j] - s.time_s[j - 1] : 0;
      if (moving && dt > 0) {
        moving_s += dt;
        gap_m += s.gap_speed_m_per_s[j] * dt;
      }
    }
    const std::size_t k = j - 1;
    // Rounded to 0.1 as JSON writes them, so charts drawn here and from JSONL are identical.
    const auto tenth = [](double v) { return std::round(v * 10) / 10; };
    c.time_s.push_back(tenth(s.time_s[k]));
    c.distance_m.push_back(tenth(s.distance_m[k]));
    c.moving_s.push_back(tenth(moving_s));
    c.gap_s_per_km.push_back(moving_s >= step_s / 2 && gap_m > 0 ? tenth(moving_s / gap_m * 1000)
                                                                 : nan);
    c.elevation_m.push_back(tenth(s.elevation_m[k]));
    c.heart_rate_bpm.push_back(tenth(s.heart_rate_bpm[k]));
    // Degrees to 1e-6 (0.1 m), as JSON writes them.
    const auto micro = [](double v) { return std::round(v * 1e6) / 1e6; };
    c.latitude_deg.push_back(micro(s.latitude_deg[k]));
    c.longitude_deg.push_back(micro(s.longitude_deg[k]));
    c.state.emplace_back(signal::to_string(s.state[k]));
    i = j;
  }
  return c;
}

StagedRun stage_activity(const Activity& a, const std::string& athlete, const Selection& sel) {
  StagedRun s{RunRecord{}, signal::prepare(a)};
  RunRecord& r = s.record;
  r.file = clean_text(a.file);
  r.activity_index = a.index;
  r.athlete = clean_text(athlete);
  const SportGuess sport = guess_sport(a, s.prepared);
  r.sport = sport.sport;
  r.sport_inferred = sport.inferred;
  r.sport_raw = clean_text(a.sport_raw);
  r.name = clean_text(a.name);
  // A file whose times count from the device's power-on, with nothing to date them, has no
  // date: its run is in no day, week or baseline (a relative_time note says why).
  if (a.start_time_known) r.start_time_ms = a.start_time_ms();
  r.sub_sport = clean_text(a.sub_sport);
  r.device = clean_text(a.device.empty() ? a.creator : a.device);
  r.bike_computer = recorded_by_bike_computer(a);
  if (a.workout) {
    r.workout_name = clean_text(a.workout->name);
    for (const WorkoutStep& step : a.workout->steps) r.workout_steps.push_back(step.intensity);
  }
  r.recovery_workout = recovery_workout(a);
  r.device_max_hr_bpm = a.device_heart_rate.max_bpm;
  r.device_threshold_hr_bpm = a.device_heart_rate.threshold_bpm;
  r.distance_source = s.prepared.distance_source;
  r.track_over_device = s.prepared.track_over_device;
  for (const Note& n : a.notes) {
    std::string warning;
    if (n.code == NoteCode::checksum_mismatch || n.code == NoteCode::file_damaged ||
        n.code == NoteCode::unfinished_file || n.code == NoteCode::relative_time)
      warning = n.message;
    else if (n.code == NoteCode::time_backwards && s.prepared.dropped_out_of_order)
      warning = n.message +
                (n.first_line ? " (the first at line " + std::to_string(n.first_line)
                              : " (the first at byte " + std::to_string(n.first_offset)) +
                "): the run is incomplete";
    if (!warning.empty()) r.file_warning += (r.file_warning.empty() ? "" : "; ") + warning;
  }
  // A lap starts at its first sample, or, holding none (a lap the file gives only totals for),
  // at its StartTime: the laps table then has a row for it, over what was recorded around it.
  for (std::size_t k = 1; k < a.laps.size() && !a.samples.empty(); ++k) {
    const Lap& lap = a.laps[k];
    std::optional<std::int64_t> at;
    if (lap.sample_count > 0 && lap.first_sample < a.samples.size())
      at = a.samples[lap.first_sample].time_ms;
    else if (lap.start_time_ms)
      at = lap.start_time_ms;
    if (!at || *at <= a.samples.front().time_ms || *at >= a.samples.back().time_ms) continue;
    const double from_s = static_cast<double>(*at - a.samples.front().time_ms) / 1000.0;
    if (r.lap_start_s.empty() || from_s > r.lap_start_s.back()) r.lap_start_s.push_back(from_s);
  }
  r.metrics = s.prepared.metrics;
  r.elevation = s.prepared.elevation;
  const auto why = skip_reason_for(a, s.prepared, sel, sport);
  r.audited = !why;
  if (why) {
    r.skip_reason = why->words;
    r.skip_speed_m_per_s = why->speed_m_per_s;
  }
  if (const signal::Metrics& m = s.prepared.metrics; r.audited && m.untracked_laps_time_s) {
    // The laps' time outside the trackpoints: the duration and distance count it, nothing else
    // can (nothing is judged of a skipped run). Unit-free, as every file warning: the findings
    // give its distance in the report's units.
    r.file_warning += std::string(r.file_warning.empty() ? "" : "; ") + "the file's laps hold " +
                      format_clock(*m.untracked_laps_time_s) +
                      " before its first trackpoint or after its last: counted in the duration "
                      "and distance judged, in no average, chart or split";
  }
  r.utc_offset_s = a.utc_offset_s;
  r.clock_is_local = a.clock_is_local;
  // A run skipped only for --match still tells the athlete's usual pace; an activity audited
  // by --sport any that is no run (a ride, a walk) does not.
  Selection any_name = sel;
  any_name.match.reset();
  if (sport.sport == Sport::running &&
      (r.audited || (sel.match && !skip_reason_for(a, s.prepared, any_name, sport)))) {
    r.baseline_gap_s_per_km = baseline_gap_s_per_km(s.prepared);
    if (const double walks_s = effort_of(s.prepared).walks_left_out_s;
        r.baseline_gap_s_per_km && walks_s > 0)
      r.baseline_walks_left_out_s = walks_s;
  }
  return s;
}

bool lends_device_heart_rate(const RunRecord& run) noexcept {
  return run.baseline_gap_s_per_km && run.sport == Sport::running && !run.bike_computer;
}

namespace {

// @p max_bpm (a watch's max HR setting) raised to @p highest_bpm (a run's highest heart rate),
// a plausible maximum above it; true when raised.
bool raise_max(std::optional<double>& max_bpm, std::optional<double> highest_bpm) {
  if (!max_bpm || !highest_bpm || !plausible_max_hr(*highest_bpm) || *highest_bpm <= *max_bpm)
    return false;
  max_bpm = highest_bpm;
  return true;
}

}  // namespace

DeviceHeartRate lent_heart_rate(const RunRecord& run) {
  DeviceHeartRate hr{run.device_max_hr_bpm, run.device_threshold_hr_bpm, std::nullopt};
  raise_max(hr.max_bpm, run.metrics.max_hr_bpm);
  return hr;
}

void drop_unjudged_columns(StagedRun& run) {
  signal::Series& s = run.prepared.series;
  std::vector<double>().swap(s.speed_m_per_s);
  std::vector<double>().swap(s.elevation_m);
  std::vector<double>().swap(s.cadence_spm);
  std::vector<double>().swap(s.latitude_deg);
  std::vector<double>().swap(s.longitude_deg);
}

void finish_run(RunRecord& r, const signal::Prepared& p, const LimitInputs& flags,
                const LimitInputs* profile, std::optional<double> usual_gap,
                const RuleOptions& rules, bool with_series, const LimitInputs* session,
                const DeviceHeartRate* watch, const LimitInputs* config) {
  if (with_series) r.series = chart_series(p.series);
  if (!r.audited) return;
  LimitInputs device;
  device.max_hr_bpm = r.device_max_hr_bpm;
  device.lthr_bpm = r.device_threshold_hr_bpm;
  if (watch && !device.max_hr_bpm && !device.lthr_bpm) {
    device.max_hr_bpm = watch->max_bpm;
    device.lthr_bpm = watch->threshold_bpm;
  }
  // The max anchors the limit only without a threshold (hr_from_anchors).
  r.device_max_hr_raised = !device.lthr_bpm && raise_max(device.max_hr_bpm, r.metrics.max_hr_bpm);
  r.limits = resolve_limits(flags, profile, usual_gap, device, session, config);
  r.judgement = judge(p, r.limits, rules);
}

RunRecord audit_activity(const Activity& a, const std::string& athlete, const Selection& sel,
                         const LimitInputs& flags, const LimitInputs* profile,
                         std::optional<double> usual_gap, const RuleOptions& rules,
                         bool with_series) {
  StagedRun s = stage_activity(a, athlete, sel);
  finish_run(s.record, s.prepared, flags, profile, usual_gap, rules, with_series);
  return std::move(s.record);
}

}  // namespace runaudit::audit
