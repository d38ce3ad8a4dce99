#include "runaudit/signal/gap.hpp"

#include <algorithm>

namespace runaudit::signal {

double running_cost_j_per_kg_m(double grade) noexcept {
  const double i = std::clamp(grade, -minetti_max_grade, minetti_max_grade);
  // Horner form of Minetti et al. 2002's fifth-order polynomial.
  return ((((155.4 * i - 30.4) * i - 43.3) * i + 46.3) * i + 19.5) * i + 3.6;
}

double grade_adjusted_speed(double speed_m_per_s, double grade) noexcept {
  const double adjusted =
      speed_m_per_s * running_cost_j_per_kg_m(grade) / running_cost_j_per_kg_m(0.0);
  return std::min(adjusted, std::max(speed_m_per_s, max_gap_speed_m_per_s));
}

}  // namespace runaudit::signal
