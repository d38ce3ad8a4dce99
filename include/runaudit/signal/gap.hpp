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

/// Speed on the flat that costs the same energy per second as @p speed_m_per_s on @p grade:
/// speed × Cr(grade) / Cr(0).
/// @param speed_m_per_s  >= 0.  @param grade  rise/run (clamped as above).
/// @return m/s.
double grade_adjusted_speed(double speed_m_per_s, double grade) noexcept;

}  // namespace runaudit::signal
