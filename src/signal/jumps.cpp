#include "runaudit/signal/jumps.hpp"

#include <algorithm>

#include "../core/order_statistic.hpp"
#include "runaudit/signal/geo.hpp"

namespace runaudit::signal {

std::vector<bool> find_position_jumps(std::span<const double> t, std::span<const double> lat,
                                      std::span<const double> lon, const JumpOptions& o) {
  const std::size_t n = t.size();
  std::vector<bool> jump(n, false);
  if (n < 3) return jump;
  StepMeter meter;
  const auto distance = [&](std::size_t a, std::size_t b) {
    return meter(lat[a], lon[a], lat[b], lon[b]);
  };
  // The gate: a runner's top speed, or twice the typical speed of whatever recorded this.
  std::vector<double> step(n, 0.0), speeds(n - 1);
  for (std::size_t i = 1; i < n; ++i) {
    step[i] = distance(i - 1, i);
    speeds[i - 1] = step[i] / (t[i] - t[i - 1]);
  }
  const double gate = std::max(o.max_speed_m_per_s, 2 * detail::upper_median(speeds));
  const auto reachable = [&](std::size_t a, std::size_t b) {
    const double d = b == a + 1 ? step[b] : distance(a, b);  // most fixes follow the last good one
    return d <= gate * (t[b] - t[a]) + o.slack_m;
  };
  // The first good fix where the excursion that starts at i ends; n when the track ends inside
  // it (its last fixes are wrong: a damaged file's last record, a watch's last fix as it stops);
  // none when it lasts longer than an excursion may (a real move, or the track resumes
  // elsewhere).
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  const auto excursion_end = [&](std::size_t from, std::size_t i) {
    // A fix that nothing carrying a watch could have reached is off however long it lasts.
    const bool impossible =
        distance(from, i) > o.max_any_speed_m_per_s * (t[i] - t[from]) + o.slack_m;
    std::size_t j = i + 1;
    for (; j < n && j - i <= o.max_excursion_samples; ++j) {
      if (t[j] - t[i] > o.max_excursion_s && !impossible) return none;
      if (reachable(from, j)) return j;
    }
    return j == n && j - i <= o.max_excursion_samples ? n : none;
  };

  std::size_t last = 0;  // the last good fix
  if (!reachable(0, 1) && reachable(1, 2) && !reachable(0, 2)) {
    jump[0] = true;  // a wrong first fix: the track starts where fixes agree
    last = 1;
  }
  for (std::size_t i = last + 1; i < n; ++i) {
    if (reachable(last, i)) {
      last = i;
      continue;
    }
    const std::size_t end = excursion_end(last, i);
    if (end == none) {
      last = i;  // a real move (or the track resumes elsewhere): kept
      continue;
    }
    std::fill(jump.begin() + static_cast<std::ptrdiff_t>(i),
              jump.begin() + static_cast<std::ptrdiff_t>(end), true);
    last = end;
    i = end;
  }
  return jump;
}

}  // namespace runaudit::signal
