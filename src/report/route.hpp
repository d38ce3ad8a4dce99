#pragma once
// Private: a run's route as an inline SVG trace (no map tiles: the report stays offline).

#include <string>

#include "runaudit/audit/batch.hpp"
#include "runaudit/format.hpp"

namespace runaudit::report::detail {

/// The trace of @p run's positions (an equirectangular projection about its centre, north up,
/// to scale), drawn by state (running solid, walking dashed, stops as rings), stretches with a
/// located violation (a surge, an HR stretch, a grade) under a wide halo by severity, start and
/// finish marked, a tick every km (or mile) and a scale bar; with its legend. "" without positions.
std::string route_svg(const audit::RunRecord& run, Units units);

}  // namespace runaudit::report::detail
