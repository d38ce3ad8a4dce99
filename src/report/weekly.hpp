#pragma once
// Private: the weekly summary per athlete shared by the Markdown and HTML reports (the table and
// the HTML trend chart).

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "runaudit/audit/batch.hpp"
#include "runaudit/audit/plan.hpp"

namespace runaudit::report::detail {

/// One ISO week of one athlete (in the athlete's local time where the run says it, else UTC).
struct WeekRow {
  std::string week;                       ///< "2026-W47"
  std::size_t runs = 0;                   ///< audited runs
  std::array<std::size_t, 4> verdicts{};  ///< pass, warn, fail, unjudged (audit::Verdict)
  std::size_t missed = 0;                 ///< planned recovery days without a run (--plan)
  double recovery_min = 0;  ///< moving minutes of the runs that passed, whole (half up, as the
                            ///< change against the week before counts them)
  /// The rule that cost the week's runs most: weighted by deduction (a major breach counts
  /// double), "surge (2 runs, −41 points)"; "—" if none.
  std::string frequent;
  /// "+34 recovery min, +1 pass" against the calendar week before; "" when it had no runs.
  std::string change;
  double avg_gap_s_per_km = NAN;  ///< mean of the runs' average GAP; NaN without
  double avg_hr_bpm = NAN;        ///< mean of the runs' average HR; NaN without
  double pace_limit_s_per_km = NAN, hr_limit_bpm = NAN;  ///< mean limits; NaN without
};

/// Aggregates audited runs into ISO weeks per athlete (runs without a date go to "undated"), and
/// counts the missed planned days (audit::is_missed_day) of each week. A run whose sport is
/// doubtful (audit::sport_doubtful: a ride typed as a run) counts as an unjudged run and adds
/// nothing to the averages, limits or most frequent rule; one whose pace was not judged because
/// its GPS track and its device's distance disagree (Unjudged::distance_disputed) adds nothing to
/// the average GAP.
class WeeklySummary {
 public:
  /// Adds an audited run or a missed planned day; other records are ignored.
  void add(const audit::RunRecord& record);
  /// Athletes in name order, each with its weeks in chronological order ("undated" last).
  std::map<std::string, std::vector<WeekRow>> rows() const;

 private:
  struct Mean {
    double sum = 0, n = 0;
    void add(const std::optional<double>& v) {
      if (v && std::isfinite(*v)) sum += *v, ++n;
    }
    double value() const { return n > 0 ? sum / n : NAN; }
  };
  struct Rule {
    double weight = 0;
    std::size_t runs = 0;
    double deduction = 0;
  };
  struct Week {
    std::string previous;  // the key of the calendar week before
    std::size_t runs = 0, missed = 0;
    std::array<std::size_t, 4> verdicts{};
    double recovery_s = 0;
    std::map<std::string, Rule> rules;
    Mean gap, hr, pace_limit, hr_limit;
  };
  // The week of @p record's start (its athlete's), created if new.
  Week& week_of(const audit::RunRecord& record);

  std::map<std::string, std::map<std::string, Week>> m_weeks;
};

}  // namespace runaudit::report::detail
