#pragma once
// Private: a run's splits (every km or mile) and its laps from its chart series, and their HTML
// tables.

#include <cmath>
#include <string>
#include <vector>

#include "runaudit/audit/batch.hpp"
#include "runaudit/format.hpp"

namespace runaudit::report::detail {

/// One split or lap of a run.
struct Split {
  double start_m = 0, end_m = 0;  ///< along the run
  double elapsed_s = 0;           ///< stops and pauses included
  double moving_s = 0;
  double distance_m = 0;      ///< moved in it (end_m − start_m)
  double gap_distance_m = 0;  ///< distance weighted by the grade cost (GAP = moving/this)
  double hr_bpm = NAN;        ///< time-weighted mean while moving; NaN without
  double climb_m = 0;         ///< sum of the smoothed elevation's rises
  /// What it broke: "GAP" or "HR" (its average beyond the limit, or for HR a stretch above
  /// it), and the rules whose span it overlaps ("surge", "grade").
  std::vector<std::string> broken;
};

/// The most splits or laps a table gets (1000 km; a 24-hour race lapping a 400 m track has 600
/// laps): beyond it a table would be a page no coach reads (and a hostile file's million laps a
/// report too large to write).
inline constexpr double max_splits = 1000;

/// Splits every @p split_m of distance (the last one shorter) from one point per 10 s of
/// @p run's series: the quantities of an interval that crosses a boundary are shared in
/// proportion to its distance. Marks a split whose GAP is faster than the pace limit, whose
/// HR is above the HR limit, or that overlaps a violation located along the run (a surge, an
/// HR stretch, a grade, a total passed). Empty without series or distance, or with more than
/// max_splits.
std::vector<Split> splits(const audit::RunRecord& run, double split_m);

/// The file's laps (RunRecord::lap_start_s), the same way, shared in proportion to time.
/// Empty with fewer than two laps, more than max_splits, or without series.
std::vector<Split> laps(const audit::RunRecord& run);

/// The splits table of @p run in @p units (km, or miles with imperial), then its laps' when the
/// file has several (beyond max_splits, a line saying how many instead); "" without either.
std::string splits_tables(const audit::RunRecord& run, Units units);

}  // namespace runaudit::report::detail
