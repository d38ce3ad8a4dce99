#pragma once
/// @file
/// Grade-adjusted pace from the energy cost of running on slopes.

#include <string_view>

namespace runaudit::signal {

/// Name of the model, as reports print it.
inline constexpr std::string_view gap_model_name = "Minetti et al. 2002 (J Appl Physiol 93:1039)";

/// Grade range over which Minetti et al. measured the cost: ±45 % (rise/run ±0.45).
inline constexpr double minetti_max_grade = 0.45;

/// Energy cost of running per unit mass and distance on a grade:
/// Cr(i) = 155.4 i⁵ − 30.4 i⁴ − 43.3 i³ + 46.3 i² + 19.5 i + 3.6 (J·kg⁻¹·m⁻¹),
/// Minetti, Moia, Roi, Susta & Ferretti 2002, J Appl Physiol 93:1039–1046, eq. for Cr.
/// @param grade  rise/run (0.05 = 5 %); clamped to ±0.45, the measured range.
/// @return J/(kg·m); 3.6 on the flat.
double running_cost_j_per_kg_m(double grade) noexcept;

/// Fastest grade-adjusted speed a runner can hold (m/s): the 400 m world record's average
/// (400 m in 43.03 s, van Niekerk 2016). Beyond Minetti's ±45 % the cost ratio stays at the
/// clamp's (5.4 uphill); a grade-adjusted speed beyond this is GPS or altitude error on a steep
/// climb, and is bounded here so that climbs do not turn into surges.
inline constexpr double max_gap_speed_m_per_s = 400 / 43.03;

/// Speed on the flat that costs the same energy per second as @p speed_m_per_s on @p grade:
/// speed × Cr(grade) / Cr(0), at most max(speed, max_gap_speed_m_per_s).
/// @param speed_m_per_s  >= 0.  @param grade  rise/run (clamped as above).
/// @return m/s.
double grade_adjusted_speed(double speed_m_per_s, double grade) noexcept;

}  // namespace runaudit::signal
