#include "runaudit/signal/readings.hpp"

#include <cmath>
#include <cstddef>

namespace runaudit::signal {

void fill_between_readings(std::span<const double> time_s, std::span<double> values,
                           double max_gap_s) noexcept {
  const std::size_t n = values.size();
  std::size_t last = n;  // the last reading seen; n: none yet
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(values[i])) continue;
    if (last != n && i > last + 1 && time_s[i] - time_s[last] <= max_gap_s) {
      const double t0 = time_s[last], span = time_s[i] - t0;
      const double v0 = values[last], rise = values[i] - v0;
      for (std::size_t k = last + 1; k < i; ++k)
        values[k] = span > 0 ? v0 + rise * (time_s[k] - t0) / span : v0;
    }
    last = i;
  }
}

}  // namespace runaudit::signal
