#pragma once
// Private: an athlete's trend over weeks in the HTML report.

#include <string>
#include <vector>

#include "runaudit/format.hpp"
#include "weekly.hpp"

namespace runaudit::report::detail {

/// Per dated week of @p weeks: the audited runs' mean average GAP against the mean pace limit
/// (faster is up), their mean average HR against the HR limit, and the share that passed
/// (labelled under each week, and as a bar); with its legend. Weeks without audited runs (only
/// missed planned days) are left out. "" without dated weeks with runs.
std::string trends_svg(const std::vector<WeekRow>& weeks, Units units);

}  // namespace runaudit::report::detail
