#pragma once
// Private: the weekly summary per athlete shared by the Markdown and HTML reports.

#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "runaudit/audit/batch.hpp"

namespace runaudit::report::detail {

/// One ISO week of one athlete.
struct WeekRow {
  std::string week;                       ///< "2026-W47"
  std::size_t runs = 0;                   ///< audited runs
  std::array<std::size_t, 4> verdicts{};  ///< pass, warn, fail, unjudged (audit::Verdict)
  double recovery_min = 0;                ///< moving minutes of the runs that passed
  std::string frequent;                   ///< "pace (3)": the rule most runs broke; "—" if none
  std::string change;  ///< "+34 recovery min, +1 pass" vs the previous week; "—" first
};

/// Aggregates audited runs into ISO weeks per athlete (runs without a date go to "undated").
class WeeklySummary {
 public:
  void add(const audit::RunRecord& record);
  /// Athletes in name order, each with its weeks in chronological order.
  std::map<std::string, std::vector<WeekRow>> rows() const;

 private:
  struct Week {
    std::size_t runs = 0;
    std::array<std::size_t, 4> verdicts{};
    double recovery_s = 0;
    std::map<std::string, std::size_t> rules;
  };
  std::map<std::string, std::map<std::string, Week>> m_weeks;
};

}  // namespace runaudit::report::detail
