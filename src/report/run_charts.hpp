#pragma once
// Private: the charts of one run in the HTML report, each followed by its legend.

#include <string>

#include "runaudit/audit/batch.hpp"
#include "runaudit/format.hpp"

namespace runaudit::report::detail {

/// Pace and grade-adjusted pace on one axis, elevation, heart rate: over distance (time without
/// distance), averaged into about two pixels per point whatever the run's length, on a robust
/// range (5th–95th percentile, padded; markers where values leave it), with stops, pauses,
/// walks and the cool-down walk shaded and labelled, the limits, every violation span (each
/// marked once, in the chart of its quantity) and a legend printed below each chart; elapsed
/// time under the distance axis. "" without RunRecord::series.
std::string run_charts(const audit::RunRecord& run, Units units);

/// The moving time of @p series' point @p i (s): its `moving_s`, or for results without that
/// column, the time since the point before when the point's state is moving.
double moving_time(const audit::ChartSeries& series, std::size_t i);

/// True for a violation about the whole effort (an average, a share, the climbing rate) rather
/// than a stretch of it.
bool whole_run(const audit::Violation& v);

/// True for a total (duration, distance) past its limit: located from where the limit was
/// passed to the end of the effort.
bool total_past_limit(const audit::Violation& v);

}  // namespace runaudit::report::detail
