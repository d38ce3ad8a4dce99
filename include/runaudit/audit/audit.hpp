#pragma once
/// @file
/// Judging one prepared run against its limits: violations located in time and distance, a
/// 0–100 score with its deductions, and a verdict (DESIGN.md §4).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runaudit/audit/limits.hpp"
#include "runaudit/format.hpp"
#include "runaudit/signal/series.hpp"

namespace runaudit::audit {

/// How bad a violation is. `info` is advice only and never changes the verdict.
enum class Severity { info, minor, major };
/// @return "info", "minor" or "major".
std::string_view to_string(Severity severity) noexcept;

/// Overall judgement of a run.
enum class Verdict { pass, warn, fail };
/// @return "pass", "warn" or "fail".
std::string_view to_string(Verdict verdict) noexcept;

/// One broken rule, located. Rule ids are part of the output contract: pace, surge,
/// heart_rate, duration, distance, elevation_gain, grade, cooldown.
struct Violation {
  std::string rule;
  Severity severity = Severity::minor;
  double start_s = 0, end_s = 0;  ///< seconds since the first sample
  double start_m = 0, end_m = 0;  ///< cumulative distance; 0 when the run has none
  double value = 0;               ///< measured, in the limit's unit
  double limit = 0;               ///< in the same unit
  std::string unit;      ///< "s_per_km", "bpm", "pct_time_above", "s", "m", "m_per_km", "pct"
  std::string message;   ///< one line a runner understands
  double deduction = 0;  ///< score points this violation cost
};

/// A rule that could not be judged, and why.
struct NotJudged {
  std::string rule;
  std::string reason;
};

/// The audit of one run.
struct Judgement {
  std::vector<Violation> violations;  ///< in rule order, then by start
  std::vector<NotJudged> not_judged;
  double score = 100;  ///< 0–100
  Verdict verdict = Verdict::pass;
};

/// Tunables of the rules; defaults justified next to each.
struct RuleOptions {
  /// A surge is a stretch of at least this long (s) whose GAP averaged over it is faster than
  /// both the pace limit and the run's own average GAP by more than surge_margin. 30 s: DESIGN
  /// §4.
  double surge_min_s = 30;
  /// Margin over the pace-limit speed (fraction) a surge must exceed. Smoothed GPS speed over
  /// 30 s wanders by ~2–3 % and GAP adds the grade noise; 8 % keeps a steady run a few percent
  /// slower than the limit silent on watch-grade noise (generated-run tests, 12 seeds).
  double surge_margin = 0.08;
  /// Time above the HR limit allowed, as a fraction of moving time. DESIGN §4: 10 %.
  double hr_time_above_fraction = 0.10;
  /// HR stretches above the limit shorter than this (s) are not listed on their own.
  double hr_min_stretch_s = 60;
  Units units = Units::metric;
};

/// The effort part of a run: everything before the trailing cool-down walk.
struct Effort {
  std::size_t end = 0;        ///< samples [0, end) are the effort
  double moving_s = 0;        ///< moving time of the effort (s)
  double distance_m = 0;      ///< its distance (m); 0 without distance data
  double gap_distance_m = 0;  ///< distance weighted by the Minetti cost ratio (m)
  bool has_distance = false;

  /// Average grade-adjusted pace (s/km), or nullopt without distance.
  std::optional<double> gap_s_per_km() const {
    if (!has_distance || gap_distance_m <= 0) return std::nullopt;
    return moving_s / gap_distance_m * 1000;
  }
};

/// @return the effort of @p run (the whole run when there is no cool-down walk).
Effort effort_of(const signal::Prepared& run);

/// Judges @p run against @p limits. Pace and distance checks leave out the trailing cool-down
/// walk (it is part of a good recovery run, not of its effort); stops and pauses are never
/// violations. Pace and surges are not judged when the run's sport is doubtful
/// (Prepared::sport_doubt: speeds no runner reaches), and a pace less than 0.5 s/km faster than
/// the limit (shown as "0 s/km") is not a violation.
/// @param run     a prepared run (signal::prepare).
/// @param limits  resolved limits (absent ones are reported as not judged).
Judgement judge(const signal::Prepared& run, const Limits& limits, const RuleOptions& options = {});

}  // namespace runaudit::audit
