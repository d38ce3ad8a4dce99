// The elevation stage (elevation.hpp) on profiles whose answer is known by construction: a ramp
// of known height and grade, with a deterministic ±0.5 m alternation whose robust noise
// estimate is computed by hand.

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "runaudit/signal/elevation.hpp"

using namespace runaudit::signal;

namespace {

const double missing = std::nan("");

double ramp(double d, double from, double to, double height) {
  if (d <= from) return 0;
  if (d >= to) return height;
  return height * (d - from) / (to - from);
}

}  // namespace

TEST_CASE("elevation: gain with hysteresis ignores leading gaps and small wiggles",
          "[signal][elevation]") {
  const std::vector<double> e{missing, missing, 100, 101, 100, 101, 110, 120, 118, 119, 100};
  const GainLoss gl = gain_loss(e, 3);
  CHECK(gl.gain_m == Approx(20));  // 100 -> 110 -> 120 (steps of >= 3 m)
  CHECK(gl.loss_m == Approx(20));  // 120 -> 100
}

TEST_CASE("elevation: steepest climb over a window, linear interpolation", "[signal][elevation]") {
  std::vector<double> d, e;
  for (int i = 0; i <= 200; ++i) {
    d.push_back(10.0 * i);
    e.push_back(ramp(10.0 * i, 500, 1000, 30));  // 6 % over 500 m
  }
  const auto c = steepest_climb(d, e, 400);
  REQUIRE(c);
  CHECK(c->grade == Approx(0.06));
  CHECK(c->start_m >= 500);
  CHECK(c->end_m <= 1000);
}

TEST_CASE("elevation: windows follow the measured noise within their bounds",
          "[signal][elevation]") {
  // 8σ in [2, 12] m, 150σ in [30, 250] m, 800σ in [200, 1000] m.
  const ElevationQuality baro = elevation_quality(0.2);
  CHECK(baro.confidence == "high");
  CHECK(baro.hysteresis_m == 2);      // 1.6 → lower bound
  CHECK(baro.smoothing_m == 30);      // 30
  CHECK(baro.grade_window_m == 200);  // 160 → lower bound
  const ElevationQuality mid = elevation_quality(1.0);
  CHECK(mid.confidence == "medium");
  CHECK(mid.noise_m == 1.0);
  CHECK(mid.hysteresis_m == 8);
  CHECK(mid.smoothing_m == 150);
  CHECK(mid.grade_window_m == 800);
  const ElevationQuality gps = elevation_quality(3.0);
  CHECK(gps.confidence == "low");
  CHECK(gps.hysteresis_m == 12);      // 24 → upper bound
  CHECK(gps.smoothing_m == 250);      // 450 → upper bound
  CHECK(gps.grade_window_m == 1000);  // 2400 → upper bound
}

TEST_CASE("elevation: a 60 m climb at 6 % under a ±0.5 m alternation", "[signal][elevation]") {
  // One value per metre over 3 km: flat at 400 m, 1 km at 6 % (60 m) from 1000 m, flat again;
  // plus +0.5, −0.5, +0.5, ... m.
  const std::size_t n = 3001;
  std::vector<double> d(n), raw(n), smoothed(n, -1.0);
  for (std::size_t i = 0; i < n; ++i) {
    d[i] = static_cast<double>(i);
    raw[i] = 400 + ramp(d[i], 1000, 2000, 60) + (i % 2 ? -0.5 : 0.5);
  }
  const std::optional<Elevation> e = measure_elevation(d, raw, smoothed);
  REQUIRE(e);
  // The 100 m reference average of 101 alternating values is ±0.5/101 on the side of the centre
  // sample, and exact for the linear part: every residual away from the corners and the ends is
  // 0.5 − 0.5/101 = 0.49505 m, so σ = 1.4826 × 0.49505 = 0.73396 m.
  const double sigma = 1.4826 * 0.5 * (1 - 1.0 / 101);
  CHECK(e->quality.noise_m == Approx(sigma).epsilon(1e-3));
  CHECK(e->quality.confidence == "medium");
  CHECK(e->quality.hysteresis_m == Approx(8 * sigma).epsilon(1e-3));
  CHECK(e->quality.smoothing_m == Approx(150 * sigma).epsilon(1e-3));
  CHECK(e->quality.grade_window_m == Approx(800 * sigma).epsilon(1e-3));
  // Smoothed over 110 m, the alternation averages out to under 0.01 m.
  CHECK(smoothed[500] == Approx(400).margin(0.01));
  CHECK(smoothed[1500] == Approx(430).margin(0.01));
  CHECK(smoothed[2500] == Approx(460).margin(0.01));
  // The hysteresis counts the climb in steps of at least 8σ = 5.87 m: all but the last part of
  // a step, and no loss.
  CHECK(e->gain_loss.gain_m <= 60.01);
  CHECK(e->gain_loss.gain_m > 60 - e->quality.hysteresis_m);
  CHECK(e->gain_loss.loss_m == 0);
  // The 587 m grade window fits inside the straight part of the ramp (1055 .. 1945 m).
  REQUIRE(e->steepest);
  CHECK(e->steepest->grade == Approx(0.06).margin(1e-4));
  CHECK(e->steepest->start_m >= 1000);
  CHECK(e->steepest->end_m <= 2000);
}

TEST_CASE("elevation: a short file keeps its gain; one elevation gives no stage",
          "[signal][elevation]") {
  // Five points 50 m apart climbing 5 m each: too few to estimate the noise, gain 20 m by hand.
  const std::vector<double> d = {0, 50, 100, 150, 200}, raw = {400, 405, 410, 415, 420};
  std::vector<double> smoothed(5);
  const auto e = measure_elevation(d, raw, smoothed);
  REQUIRE(e);
  CHECK(e->gain_loss.gain_m == Approx(20));
  CHECK(e->gain_loss.loss_m == 0);
  CHECK(e->quality.confidence == "low");
  CHECK(e->quality.hysteresis_m == 2);
  std::vector<double> one = {missing, 400, missing, missing, missing}, out(5, -1.0);
  CHECK_FALSE(measure_elevation(d, one, out));
  CHECK(out == std::vector<double>(5, -1.0));  // untouched
}
