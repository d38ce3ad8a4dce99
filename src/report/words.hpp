#pragma once
// Private: the audit's findings in words, in the units of the report that shows them. The audit
// keeps violations and the reasons a rule was not judged as values (audit::Violation,
// audit::Unjudged); every writer, and every report made later from JSONL results, words them
// here, so a report never mixes the units of the audit run with its own.

#include <string>

#include "runaudit/audit/audit.hpp"
#include "runaudit/audit/batch.hpp"
#include "runaudit/format.hpp"

namespace runaudit::report::detail {

/// @p v in words, e.g. "average 5:12/km grade-adjusted over 34:59 moving, limit 5:38/km (26
/// s/km too fast)". @p run is the record @p v belongs to: its limits and metrics complete some
/// findings (the heart-rate limit of a share, the elevation gain beside the climbing rate).
std::string violation_words(const audit::Violation& v, const audit::RunRecord& run, Units units);

/// Why a rule was not judged, in words ("less than 200 m of running").
std::string unjudged_words(audit::Unjudged why, Units units);

}  // namespace runaudit::report::detail
