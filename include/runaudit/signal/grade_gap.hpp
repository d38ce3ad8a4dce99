#pragma once
/// @file
/// Grade and GAP, the stage of prepare() after elevation: per-sample grade over a distance
/// window, shrunk by the grade altitude noise can fake; grade-adjusted speed; and the one
/// definition of grade-adjusted distance, used by the metrics and the audit (docs/ARCHITECTURE.md,
/// "Signal processing", "Grade and GAP"). The cost model itself is in gap.hpp.

#include <cstddef>
#include <span>

#include "runaudit/signal/elevation.hpp"

namespace runaudit::signal {

struct Series;  // series.hpp

/// Grade that altitude noise alone produces over the grade window: 5 max(σ_s, σ_o) / window,
/// σ_s the slow part of the noise (altitude_wander_m), σ_o what the smoother leaves of its
/// white part (ElevationQuality::smoothed_white_m). The robust noise
/// estimate (altitude_noise) sees only the short-scale part of GPS altitude error (≈ 1/3
/// of its 4 m wander on generated tracks), so the wander across a window is ≈ 3.3·√2·σ, which
/// 5 σ covers.
/// @return rise/run, >= 0.
double grade_noise(const ElevationQuality& quality) noexcept;

/// Per-sample grade: rise/run of @p elevation_m between the first samples at or beyond
/// window/2 before and after each sample (a centred difference over the window, shortened at
/// the ends of the run), then soft-thresholded: sign(g) · max(0, |g| − noise_grade), so that
/// noise does not turn into GAP (1 % of grade is ~5 % of running cost, Minetti 2002). 0 where
/// the distance spanned is not more than window/2 or the rise is NaN.
/// @param distance_m   cumulative distance (m), size N, non-decreasing.
/// @param elevation_m  smoothed elevation (m), size N, NaN = absent.
/// @param window_m     full window (m), > 0 (ElevationQuality::grade_window_m).
/// @param noise_grade  rise/run subtracted from |grade| (grade_noise), >= 0.
/// @param grade        output, size N.
void sample_grades(std::span<const double> distance_m, std::span<const double> elevation_m,
                   double window_m, double noise_grade, std::span<double> grade);

/// grade_adjusted_speed() of every sample.
/// @param speed_m_per_s, grade  size N.  @param gap_speed_m_per_s  output, size N.
void grade_adjusted_speeds(std::span<const double> speed_m_per_s, std::span<const double> grade,
                           std::span<double> gap_speed_m_per_s);

/// Moving time and distance of a stretch of a Series, and its grade-adjusted distance.
struct MovingTotals {
  double moving_s = 0;        ///< time in moving (running or walking) intervals (s)
  double distance_m = 0;      ///< distance of those intervals (m); NaN without distance
  double gap_distance_m = 0;  ///< the same distance, each interval weighted by the Minetti
                              ///< cost ratio Cr(grade)/Cr(0) (m); NaN without distance
};

/// Sums over the moving intervals ending at samples 1 .. end−1 of @p series: their durations,
/// their distances (differences of Series::distance_m) and their grade-adjusted distances
/// (distance × running_cost_j_per_kg_m(grade) / running_cost_j_per_kg_m(0), the grade of the
/// sample ending the interval). The one place grade-adjusted distance is computed: average GAP
/// = moving_s / gap_distance_m.
/// @param end  <= series.size(); samples [0, end) are summed (the whole run: size()).
/// @param running_only  sum the running intervals only (walks left out).
MovingTotals moving_totals(const Series& series, std::size_t end, bool running_only = false);

}  // namespace runaudit::signal
