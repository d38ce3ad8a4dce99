// The grade and GAP stage (grade_gap.hpp, gap.hpp) against hand calculations of the Minetti et
// al. 2002 polynomial on synthetic elevation of known grade.

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "runaudit/signal/gap.hpp"
#include "runaudit/signal/grade_gap.hpp"
#include "runaudit/signal/series.hpp"

using namespace runaudit::signal;

namespace {

// Cr(0.01) by hand: 155.4e-10 − 30.4e-8 − 43.3e-6 + 46.3e-4 + 0.195 + 3.6 = 3.79958641154
// J/(kg·m), so 1 % uphill costs 3.79958641154 / 3.6 = 1.05544067 times the flat.
constexpr double factor_1pct = 3.79958641154 / 3.6;

// Distances 0, 1, ..., n−1 m and elevations grade × distance.
struct Slope {
  std::vector<double> d, e, grade;
  Slope(std::size_t n, double g) : d(n), e(n), grade(n, -1.0) {
    for (std::size_t i = 0; i < n; ++i) {
      d[i] = static_cast<double>(i);
      e[i] = g * d[i];
    }
  }
};

// A Series at 1 Hz and 3 m/s, all running, with one grade for every sample.
Series steady(std::size_t n, double grade) {
  Series s;
  for (std::size_t i = 0; i < n; ++i) {
    s.time_s.push_back(static_cast<double>(i));
    s.distance_m.push_back(3.0 * static_cast<double>(i));
    s.grade.push_back(grade);
    s.state.push_back(MotionState::running);
  }
  return s;
}

}  // namespace

TEST_CASE("GAP: Minetti 2002 cost polynomial, hand-computed", "[signal][gap]") {
  CHECK(running_cost_j_per_kg_m(0) == Approx(3.6));
  // 155.4e-5 - 30.4e-4 - 43.3e-3 + 46.3e-2 + 1.95 + 3.6 = 5.968214
  CHECK(running_cost_j_per_kg_m(0.10) == Approx(5.968214));
  // -155.4e-5 - 30.4e-4 + 43.3e-3 + 46.3e-2 - 1.95 + 3.6 = 2.151706
  CHECK(running_cost_j_per_kg_m(-0.10) == Approx(2.151706));
  // Clamped to the measured ±45 %.
  CHECK(running_cost_j_per_kg_m(0.8) == Approx(running_cost_j_per_kg_m(0.45)));
  CHECK(running_cost_j_per_kg_m(-0.8) == Approx(running_cost_j_per_kg_m(-0.45)));
  CHECK(grade_adjusted_speed(3.0, 0.10) == Approx(3.0 * 5.968214 / 3.6));
  CHECK(grade_adjusted_speed(3.0, 0.0) == Approx(3.0));
}

TEST_CASE("grade: 1 % over 500 m of synthetic elevation is 1 %, and its GAP factor Minetti's",
          "[signal][grade]") {
  Slope s(501, 0.01);
  sample_grades(s.d, s.e, 200, 0, s.grade);
  // Once the window spans more than 100 m (samples 1 .. 499) the grade is the slope; at the very
  // ends it spans only 100 m and is taken as flat.
  CHECK(s.grade[0] == 0);
  CHECK(s.grade[500] == 0);
  for (const std::size_t i : {1u, 100u, 250u, 499u}) CHECK(s.grade[i] == Approx(0.01));
  std::vector<double> speed(501, 3.0), gap(501);
  grade_adjusted_speeds(speed, s.grade, gap);
  CHECK(gap[250] == Approx(3 * factor_1pct));  // 3.16632 m/s
  CHECK(gap[0] == Approx(3));
}

TEST_CASE("grade: what altitude noise can fake is taken off the grade", "[signal][grade]") {
  ElevationQuality q;
  q.noise_m = 1.0;
  q.grade_window_m = 800;
  CHECK(grade_noise(q) == Approx(5.0 / 800));  // 5 σ / window
  SECTION("1 % up and down, 0.4 % of noise: ±0.6 %") {
    Slope up(501, 0.01), down(501, -0.01);
    sample_grades(up.d, up.e, 200, 0.004, up.grade);
    sample_grades(down.d, down.e, 200, 0.004, down.grade);
    CHECK(up.grade[250] == Approx(0.006));
    CHECK(down.grade[250] == Approx(-0.006));
  }
  SECTION("0.3 % under 0.4 % of noise: flat") {
    Slope s(501, 0.003);
    sample_grades(s.d, s.e, 200, 0.004, s.grade);
    CHECK(s.grade[250] == 0);
  }
  SECTION("no elevation: flat") {
    Slope s(501, 0.01);
    std::fill(s.e.begin(), s.e.end(), std::nan(""));
    sample_grades(s.d, s.e, 200, 0, s.grade);
    CHECK(s.grade[250] == 0);
  }
}

TEST_CASE("grade-adjusted distance: 1 % uphill for 1500 m is 1500 m × Cr(0.01)/Cr(0)",
          "[signal][grade]") {
  const Series s = steady(501, 0.01);  // 500 s, 1500 m
  const MovingTotals all = moving_totals(s, s.size());
  CHECK(all.moving_s == Approx(500));
  CHECK(all.distance_m == Approx(1500));
  CHECK(all.gap_distance_m == Approx(1500 * factor_1pct));  // 1583.16 m
  SECTION("up to a sample: the intervals ending before it") {
    const MovingTotals part = moving_totals(s, 101);
    CHECK(part.moving_s == Approx(100));
    CHECK(part.gap_distance_m == Approx(300 * factor_1pct));
  }
  SECTION("stopped and paused intervals add nothing") {
    Series t = s;
    for (std::size_t i = 201; i <= 260; ++i) t.state[i] = MotionState::stopped;
    t.state[300] = MotionState::paused;
    for (std::size_t i = 201; i < t.size(); ++i) t.distance_m[i] = s.distance_m[i] - 180;
    t.distance_m[300] = t.distance_m[299];
    for (std::size_t i = 301; i < t.size(); ++i) t.distance_m[i] -= 3;
    const MovingTotals m = moving_totals(t, t.size());
    CHECK(m.moving_s == Approx(500 - 60 - 1));
    CHECK(m.distance_m == Approx(1500 - 180 - 3));
    CHECK(m.gap_distance_m == Approx((1500 - 180 - 3) * factor_1pct));
  }
  SECTION("downhill at −10 %: Cr(−0.1)/Cr(0) = 2.151706 / 3.6") {
    const Series down = steady(501, -0.10);
    CHECK(moving_totals(down, down.size()).gap_distance_m == Approx(1500 * 2.151706 / 3.6));
  }
}
