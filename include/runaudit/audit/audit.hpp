#pragma once
/// @file
/// Judging one prepared run against its limits: violations located in time and distance, a
/// 0–100 score with its deductions, and a verdict (docs/ARCHITECTURE.md, "The audit").

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runaudit/audit/limits.hpp"
#include "runaudit/signal/series.hpp"

namespace runaudit::audit {

/// How bad a violation is. `info` is advice only and never changes the verdict.
enum class Severity { info, minor, major };
/// Severity names in the reports, indexed by the enum.
inline constexpr std::string_view severity_names[] = {"info", "minor", "major"};
/// @return "info", "minor" or "major".
std::string_view to_string(Severity severity) noexcept;

/// Overall judgement of a run. `unjudged`: the pace rule, the heart of the prescription, could
/// not be judged (no pace anchor, or too little data), or the file is damaged and its duration
/// or distance, under the limit as far as it goes, is unknown (Unjudged::recording_incomplete);
/// and no other rule failed the run: never a silent pass (docs/ARCHITECTURE.md, "The batch").
/// A run whose sport is doubtful (Unjudged::sport_doubtful: speeds no runner reaches;
/// Unjudged::sport_conflict: the file says a swim or a ride, its export a run) is `unjudged`
/// whatever it breaks: its findings may be no runner's.
enum class Verdict { pass, warn, fail, unjudged };
/// Verdict names in the reports, indexed by the enum.
inline constexpr std::string_view verdict_names[] = {"pass", "warn", "fail", "unjudged"};
/// @return "pass", "warn", "fail" or "unjudged".
std::string_view to_string(Verdict verdict) noexcept;

/// The unit of a violation's value and limit (SI or a share; reports convert for display).
enum class UnitKind {
  s_per_km,        ///< a pace, s/km
  bpm,             ///< a heart rate
  pct_time_above,  ///< percent of moving time above the heart-rate limit
  s,               ///< a time
  m,               ///< a distance
  m_per_km,        ///< climbing per distance
  pct,             ///< a grade, percent
};
/// UnitKind names in the reports (part of the output contract), indexed by the enum.
inline constexpr std::string_view unit_kind_names[] = {
    "s_per_km", "bpm", "pct_time_above", "s", "m", "m_per_km", "pct"};
/// @return the name of @p unit in unit_kind_names.
std::string_view to_string(UnitKind unit) noexcept;

/// One broken rule, located, as values: reports put it into words in their own units
/// (report/words). Rule ids are part of the output contract: pace, surge, heart_rate,
/// duration, distance, elevation_gain, grade, cooldown.
struct Violation {
  std::string rule;
  Severity severity = Severity::minor;
  double start_s = 0, end_s = 0;  ///< seconds since the first sample
  double start_m = 0, end_m = 0;  ///< cumulative distance; 0 when the run has none
  double value = 0;               ///< measured, in `unit`
  double limit = 0;               ///< in `unit`
  UnitKind unit = UnitKind::s;
  /// Score points this violation cost: its share of 100 − score (the rules' saturating
  /// curves, docs/score.md); 0 for advice.
  double deduction = 0;
  /// How long the value was measured over (s): the effort's Effort::pace_s for the pace average,
  /// its moving time with heart rate for the heart-rate average and share, the length of a
  /// surge, the time above the limit in a heart-rate stretch; 0 for the other findings.
  double duration_s = 0;
  /// Heart-rate stretches only: the share of the effort's moving time above the limit and the
  /// share allowed (percent), which their words repeat.
  std::optional<double> time_above_pct, time_above_allowed_pct;
  /// The pace average only: the walking time it left out (Effort::walks_left_out_s), when any.
  std::optional<double> walks_left_out_s;
  /// The distance total only: true when `value` is the device's own total distance
  /// (Metrics::device_distance_m) of a file cut short, over the limit by more than a cool-down
  /// walk, rather than the distance of the samples read (docs/ARCHITECTURE.md, "The audit").
  bool by_device_total = false;
};

/// Why a rule was not judged.
enum class Unjudged {
  no_samples,     ///< the run has no samples
  no_limit,       ///< the rule's limit is absent from the Limits
  no_pace_limit,  ///< no pace limit and no anchor to derive one (docs/ARCHITECTURE.md, "The audit")
  no_hr_limit,    ///< no heart-rate limit and no anchor
  no_distance,    ///< no positions and no device distance (on the trackpoints; for the
                  ///< distance rule, none in total either)
  too_little_running,     ///< less than min_judged_distance_m of effort
  no_heart_rate,          ///< no heart-rate data at all
  no_moving_heart_rate,   ///< heart rate only while stopped
  no_elevation,           ///< no elevation data
  too_few_elevations,     ///< too few elevation values to estimate their noise
  too_short_to_climb,     ///< too short to measure climbing per km
  too_short_for_grade,    ///< shorter than one sustained-grade window
  no_running,             ///< no running detected
  sport_doubtful,         ///< speeds no runner reaches (signal::Prepared::sport_doubt): a bike
                          ///< or a car recorded as a run, or its distance mismeasured (GPS
                          ///< errors, a device's counter)
  recording_incomplete,   ///< the file is damaged and ends early (Prepared::damaged_at_byte),
                          ///< or trackpoints out of time order were dropped
                          ///< (Prepared::dropped_out_of_order): a total under its limit, or
                          ///< the run's end, is unknown; or what was read is under half the
                          ///< device's distance (else of the file, else, how much is missing
                          ///< being unknown, of the duration limit), so an average (pace, heart
                          ///< rate, climbing per km) would be the fragment's
  sport_conflict,         ///< the file's own sport is one not done on foot (a swim, a ride)
                          ///< and only its export's type makes it a run
                          ///< (signal::Prepared::sport_conflict)
  distance_disputed,      ///< the GPS track reads far longer than the device's own distance
                          ///< (signal::Prepared::track_over_device): one of them is wrong
  too_coarse,             ///< the moving samples lie further apart (median) than half
                          ///< RuleOptions::surge_min_s (surge) or all of it (cool-down), or in
                          ///< distance than half the grade window (grade) or all of it (climb):
                          ///< a surge, a cool-down walk or a hill falls between them (a
                          ///< summary's two points)
  distance_unmeasured,    ///< a recording without positions whose device distance begins late
                          ///< or ends early (signal::Prepared::unmeasured_start_s): a duration
                          ///< or distance under its limit that the time unmeasured could take
                          ///< over it is unknown
  elevation_implausible,  ///< the altitude climbs or drops more steeply than any ground is run
                          ///< (signal::Prepared::elevation_implausible: a broken altimeter)
};
/// Unjudged names in the reports (`code`), indexed by the enum.
inline constexpr std::string_view unjudged_names[] = {
    "no_samples",        "no_limit",           "no_pace_limit",        "no_hr_limit",
    "no_distance",       "too_little_running", "no_heart_rate",        "no_moving_heart_rate",
    "no_elevation",      "too_few_elevations", "too_short_to_climb",   "too_short_for_grade",
    "no_running",        "sport_doubtful",     "recording_incomplete", "sport_conflict",
    "distance_disputed", "too_coarse",         "distance_unmeasured",  "elevation_implausible"};
/// @return the name of @p why in unjudged_names.
std::string_view to_string(Unjudged why) noexcept;

/// Pace is not judged over less effort than this (m).
inline constexpr double min_judged_distance_m = 200;

/// A rule that could not be judged, and why (reports say it in words).
struct NotJudged {
  std::string rule;
  Unjudged why = Unjudged::no_samples;
  /// What the run showed, when the reason rests on a measurement: the sport doubt's
  /// (signal::Prepared::sport_doubt, e.g. "400 m in 0:36, faster than the world record 0:43");
  /// for recording_incomplete, where the file is damaged and what that leaves unknown, after
  /// "the file is damaged " ("at byte 7471 and ends early: the rest of the run is missing"; for
  /// an average not judged because what was read is under half the device's distance, FIT
  /// session total: "... ends early: what was read is 8 % of the device's distance").
  /// Empty otherwise.
  std::string detail;
};

/// A run whose score (Judgement::score, 0–100) is under this fails, whatever its findings'
/// severities; under warn_below_score, it is a warning at least (docs/score.md: several minor
/// breaches together cost as much as a major one).
inline constexpr double fail_below_score = 60;
/// See fail_below_score.
inline constexpr double warn_below_score = 85;

/// The audit of one run.
struct Judgement {
  std::vector<Violation> violations;  ///< in rule order, then by start
  std::vector<NotJudged> not_judged;
  /// 0–100: 100·Π over the broken rules of (1 − most·(1 − exp(−excess/scale))/100), rounded;
  /// each rule's curve saturates smoothly, so scores rank runs (docs/score.md).
  double score = 100;
  Verdict verdict = Verdict::pass;

  /// @return whether the score counts: not for an unjudged run, whose findings then cost no
  ///         points (reports say "not scored"; docs/score.md).
  bool scored() const noexcept { return verdict != Verdict::unjudged; }
};

/// Tunables of the rules; defaults justified next to each.
struct RuleOptions {
  /// A surge is a stretch of at least this long (s) whose GAP averaged over it is faster than
  /// both the pace limit and the run's own average GAP by more than surge_margin. 30 s:
  /// docs/ARCHITECTURE.md.
  double surge_min_s = 30;
  /// Margin over the pace-limit speed (fraction) a surge must exceed. Smoothed GPS speed over
  /// 30 s wanders by ~2–3 % and GAP adds the grade noise; 8 % keeps a steady run a few percent
  /// slower than the limit silent on watch-grade noise (generated-run tests, 12 seeds).
  double surge_margin = 0.08;
  /// Time above the HR limit allowed, as a fraction of moving time. docs/ARCHITECTURE.md: 10 %.
  double hr_time_above_fraction = 0.10;
  /// HR stretches above the limit shorter than this (s) are not listed on their own.
  double hr_min_stretch_s = 60;
};

/// The effort part of a run: everything before the trailing cool-down walk.
struct Effort {
  std::size_t end = 0;    ///< samples [0, end) are the effort
  double moving_s = 0;    ///< moving time of the effort (s)
  double distance_m = 0;  ///< its moving distance (m); 0 without distance data
  bool has_distance = false;
  /// What its pace is measured over: its running intervals when they are at least half its
  /// moving time (a warm-up walk, walk breaks, a run–walk: the running is judged, not diluted
  /// by the walks), else every moving interval (a slow jog without cadence reads as walking,
  /// below 2.0 m/s: signal::MotionOptions::walk_speed_m_per_s).
  double pace_s = 0;            ///< time (s)
  double pace_distance_m = 0;   ///< distance (m); 0 without distance data
  double gap_distance_m = 0;    ///< pace_distance_m weighted by the Minetti cost ratio (m)
  double walks_left_out_s = 0;  ///< walking time of the effort left out of pace_s (s)

  /// Average grade-adjusted pace (s/km) over pace_s, or nullopt without distance.
  std::optional<double> gap_s_per_km() const {
    if (!has_distance || gap_distance_m <= 0) return std::nullopt;
    return pace_s / gap_distance_m * 1000;
  }
};

/// @return the effort of @p run (the whole run when there is no cool-down walk).
Effort effort_of(const signal::Prepared& run);

/// Judges @p run against @p limits. Pace and distance checks leave out the trailing cool-down
/// walk (it is part of a good recovery run, not of its effort); stops and pauses are never
/// violations. Pace and surges are not judged when the run's sport is doubtful
/// (Prepared::sport_conflict: the file's own sport is not on foot, said first when both hold,
/// as it names both sports; Prepared::sport_doubt: speeds no runner reaches; either said
/// before a missing limit), the verdict
/// is then `unjudged`, and a pace less than 0.5 s/km faster than the limit (shown as "0 s/km")
/// is not a violation.
/// @param run     a prepared run (signal::prepare).
/// @param limits  resolved limits; a rule whose limit is absent is not judged
///                (Unjudged::no_limit, or no_pace_limit / no_hr_limit), never read.
Judgement judge(const signal::Prepared& run, const Limits& limits, const RuleOptions& options = {});

/// @return true when @p judgement left a rule unjudged because the run's sport is doubtful
///         (Unjudged::sport_doubtful: a bike or a car recorded as a run;
///         Unjudged::sport_conflict: a swim or a ride typed as a run). Such a run's
///         findings and averages are no runner's: reports leave them out of a week's averages
///         and most frequent rule.
bool sport_doubtful(const Judgement& judgement) noexcept;

/// @return the rule left unjudged that keeps a run from passing (or warning): its pace (no
///         anchor, too little data, a doubtful sport), else its duration or distance when a
///         damaged file ends early (Unjudged::recording_incomplete), else a rule the GPS track
///         and the device's distance answer differently (Unjudged::distance_disputed: surge,
///         distance, climbing); nullptr when none. Reports
///         give it as the reason of an `unjudged` verdict.
const NotJudged* unknowable_rule(const Judgement& judgement) noexcept;

/// @return true when @p judgement left a rule unjudged because the file was cut short or lost
///         trackpoints (Unjudged::recording_incomplete): a whole copy of the file may judge it.
bool cut_short(const Judgement& judgement) noexcept;

}  // namespace runaudit::audit
