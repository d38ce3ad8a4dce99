// The elevation stage (elevation.hpp) on profiles whose answer is known by construction: a ramp
// of known height and grade, with a deterministic ±0.5 m alternation whose robust noise
// estimate is computed by hand.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <random>
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

TEST_CASE("elevation: a climb counts whole between turning points", "[signal][elevation]") {
  // Hysteresis 2 m: the 1.9 m wiggle at the start counts nothing; the climb from 100 to 104.5 m
  // is confirmed by the 2.5 m drop to 102 and counts whole (4.5 m, where steps of at least 2 m
  // would count 3); the descent to 99 m counts at the end (5.5 m); the last 1.5 m rise does not.
  const std::vector<double> e{100, 101.9, 100, 103, 104.5, 102, 99, 100.5};
  const GainLoss gl = gain_loss(e, 2);
  CHECK(gl.gain_m == Approx(4.5));
  CHECK(gl.loss_m == Approx(5.5));
  const std::vector<double> wiggles{100, 101.9, 100.1, 101.8, 100.2};
  CHECK(gain_loss(wiggles, 2).gain_m == 0);
  CHECK(gain_loss(wiggles, 2).loss_m == 0);
}

TEST_CASE("elevation: windows follow the measured noise within their bounds",
          "[signal][elevation]") {
  // Hysteresis 26 (σ − 0.34) in [1.5, 20] m, grade window 800σ in [200, 1000] m; smoothing
  // 2π (s² Δ / 1e-4)^¼ with the smoother's s = max(σ · clamp(σ / 0.2, 1, 6.6), 0.1).
  const ElevationQuality baro = elevation_quality({.sigma_m = 0.2}, 3);
  CHECK(baro.confidence == "high");
  CHECK(baro.hysteresis_m == 1.5);    // −3.64 → lower bound
  CHECK(baro.grade_window_m == 200);  // 160 → lower bound
  // s = 0.2: (0.04 × 3 / 1e-4)^¼ = 1200^¼ = 5.8857; × 2π = 36.98 m
  CHECK(baro.smoothing_m == Approx(36.98).epsilon(1e-3));
  const ElevationQuality mid = elevation_quality({.sigma_m = 1.0}, 3);
  CHECK(mid.confidence == "medium");
  CHECK(mid.noise_m == 1.0);
  CHECK(mid.hysteresis_m == Approx(17.16));
  CHECK(mid.grade_window_m == 800);
  // s = 1 × 5 = 5: (25 × 3 / 1e-4)^¼ = 750000^¼ = 29.428; × 2π = 184.9 m
  CHECK(mid.smoothing_m == Approx(184.9).epsilon(1e-3));
  const ElevationQuality gps = elevation_quality({.sigma_m = 3.0}, 15);
  CHECK(gps.confidence == "low");
  CHECK(gps.hysteresis_m == 20);      // 69.16 → upper bound
  CHECK(gps.grade_window_m == 1000);  // 2400 → upper bound
  // s = 3 × 6.6 = 19.8: (392.04 × 15 / 1e-4)^¼ = 5.8806e7^¼ = 87.57; × 2π = 550.2 m
  CHECK(gps.smoothing_m == Approx(550.2).epsilon(1e-3));
  const ElevationQuality flat_file = elevation_quality({.sigma_m = 0}, 3);  // s = 0.1 m floor
  CHECK(flat_file.hysteresis_m == 1.5);
  // (0.01 × 3 / 1e-4)^¼ = 300^¼ = 4.1618; × 2π = 26.15 m
  CHECK(flat_file.smoothing_m == Approx(26.15).epsilon(1e-3));
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
  // The alternation is white noise to the semivariogram: consecutive altitudes differ by 1 m,
  // altitudes two apart by nothing (0.12 m on the ramp), so the nugget 2γ(1) − γ(2) ≈ 2 m² is
  // beyond σ² = 0.54 m²: white share 1, no slow part. The smoother (measurement σ, Δ = 1 m)
  // passes half at L = 2π (σ²/1e-4)^¼ = 53.8 m and leaves σ·√(3π/(4√2) · Δ / L) = 0.734 ×
  // √(1.666 / 53.8) = 0.129 m of it: hysteresis max(26 (0 − 0.34), 7 × 0.129) → its floor 1.5 m,
  // grade window 800 × 0.129 → 200 m,
  // confidence high.
  CHECK(e->quality.white_share == 1);
  const double half_wavelength = 2 * std::numbers::pi * std::pow(sigma * sigma / 1e-4, 0.25);
  CHECK(e->quality.smoothing_m == Approx(half_wavelength).epsilon(1e-3));
  CHECK(e->quality.smoothed_white_m == Approx(0.129).margin(0.001));  // by hand, as above
  CHECK(e->quality.confidence == "high");
  CHECK(e->quality.hysteresis_m == 1.5);
  CHECK(e->quality.grade_window_m == 200);
  // The smoother's gain at the alternation's 2 m wavelength is 1 / (1 + (53.8 / 2)⁴) < 1e-5: it
  // averages out to under 0.01 m; and a straight line is the model's own, so it is kept.
  CHECK(smoothed[500] == Approx(400).margin(0.01));
  CHECK(smoothed[1500] == Approx(430).margin(0.01));
  CHECK(smoothed[2500] == Approx(460).margin(0.01));
  // The climb counts whole, no allowance under an 8 m hysteresis: 60 m up to the smoother's
  // ringing at the ramp's corners (its cubic-spline-like response dips and overshoots by
  // centimetres); and no loss.
  CHECK(turn_allowance_m(e->quality) == 0);
  CHECK(e->gain_loss.gain_m == Approx(60).margin(0.2));
  CHECK(e->gain_loss.loss_m == 0);
  // The 200 m grade window fits inside the straight part of the ramp (1000 .. 2000 m).
  REQUIRE(e->steepest);
  CHECK(e->steepest->grade == Approx(0.06).margin(3e-4));  // the same ringing at the corners
  CHECK(e->steepest->start_m >= 1000);
  CHECK(e->steepest->end_m <= 2000);
}

TEST_CASE("elevation: a short file keeps its gain, one elevation gives no stage",
          "[signal][elevation]") {
  // Five points 50 m apart climbing 5 m each: too few to estimate the noise, gain 20 m by hand.
  const std::vector<double> d = {0, 50, 100, 150, 200}, raw = {400, 405, 410, 415, 420};
  std::vector<double> smoothed(5);
  const auto e = measure_elevation(d, raw, smoothed);
  REQUIRE(e);
  CHECK(e->gain_loss.gain_m == Approx(20));
  CHECK(e->gain_loss.loss_m == 0);
  CHECK(e->quality.confidence == "low");
  CHECK(e->quality.hysteresis_m == 1.5);
  std::vector<double> one = {missing, 400, missing, missing, missing}, out(5, -1.0);
  CHECK_FALSE(measure_elevation(d, one, out));
  CHECK(out == std::vector<double>(5, -1.0));  // untouched
}

TEST_CASE("elevation: the smoother keeps a straight climb, bridges gaps, stops at the ends",
          "[signal][elevation]") {
  // A 4 % climb measured every 5 m, with altitudes missing at both ends and in the middle, and a
  // stop (ten altitudes at the same distance): a straight line is the constant-grade model's own
  // profile, so the smoothed profile is the line itself, gaps included.
  std::vector<double> d, raw;
  for (int i = 0; i <= 200; ++i) {
    d.push_back(5.0 * i);
    raw.push_back(i < 3 || i > 196 || (i > 90 && i < 110) ? missing : 100 + 0.04 * 5.0 * i);
  }
  d.insert(d.begin() + 50, 10, d[50]);
  raw.insert(raw.begin() + 50, 10, raw[50]);
  std::vector<double> out(d.size());
  smooth_altitude(d, raw, {.sigma_m = 0.3}, out);
  for (std::size_t i = 0; i < d.size(); ++i) {
    INFO("sample " << i << " at " << d[i] << " m");
    if (d[i] < 15 || d[i] > 980)
      CHECK(std::isnan(out[i]));
    else
      CHECK(out[i] == Approx(100 + 0.04 * d[i]).margin(1e-6));
  }
  std::vector<double> none(d.size(), missing);
  smooth_altitude(d, none, {.sigma_m = 0.3}, out);
  CHECK(std::all_of(out.begin(), out.end(), [](double x) { return std::isnan(x); }));
}

TEST_CASE("elevation: the white share tells per-fix noise from a wandering error",
          "[signal][elevation]") {
  // 5000 altitudes 1 m apart on a 4 % slope: white noise has a flat semivariogram (share ≈ 1); a
  // random walk's grows linearly from 0 (share ≈ 0); their sum (steps and white noise of 0.3 m
  // each) has a nugget of 0.09 m² in a residual whose σ² is mostly the walk's wander within the
  // 100 m average (measured share 0.11): between, and far from either.
  std::mt19937 rng(7);
  std::normal_distribution<double> normal(0, 1);
  const std::size_t n = 5000;
  std::vector<double> d(n), white(n), walk(n), both(n);
  double w = 0;
  for (std::size_t i = 0; i < n; ++i) {
    d[i] = static_cast<double>(i);
    const double e = normal(rng), step = normal(rng);
    w += 0.3 * step;
    white[i] = 0.04 * d[i] + e;
    walk[i] = 0.04 * d[i] + w;
    both[i] = 0.04 * d[i] + w + 0.3 * e;
  }
  const std::optional<AltitudeNoise> a = altitude_noise(d, white), b = altitude_noise(d, walk),
                                     c = altitude_noise(d, both);
  REQUIRE((a && b && c));
  CHECK(a->sigma_m == Approx(1).epsilon(0.05));
  CHECK(a->white_share >= 0.9);
  CHECK(b->white_share <= 0.05);
  CHECK(c->white_share > 0.02);
  CHECK(c->white_share < 0.5);
  // No noise at all: σ 0, share 0.
  const std::optional<AltitudeNoise> flat = altitude_noise(d, std::vector<double>(n, 400.0));
  REQUIRE(flat);
  CHECK(flat->sigma_m == 0);
  CHECK(flat->white_share == 0);
}

TEST_CASE("elevation: terrain bending within the window is not taken for noise",
          "[signal][elevation]") {
  // ±7.5 m waves every 300 m, 1 m apart, with 0.2 m of white noise (a barometer): the 100 m
  // moving average misses the waves' curvature by 7.5 (1 − sinc(100/300)) = 1.3 m at the crests
  // and reads σ > 1 m, like GPS wander; the local quadratic follows the waves and leaves the
  // noise. A random walk (GPS wander) keeps the moving average's σ.
  std::mt19937 rng(11);
  std::normal_distribution<double> normal(0, 1);
  const std::size_t n = 6000;
  std::vector<double> d(n), waves(n), walk(n);
  double w = 0;
  for (std::size_t i = 0; i < n; ++i) {
    d[i] = static_cast<double>(i);
    waves[i] = 7.5 * std::sin(2 * std::numbers::pi * d[i] / 300) + 0.2 * normal(rng);
    w += 0.1 * normal(rng);
    walk[i] = w;
  }
  REQUIRE(altitude_noise_m(d, waves) > 1.0);
  const std::optional<AltitudeNoise> terrain = altitude_noise(d, waves);
  REQUIRE(terrain);
  // Measured 0.25 m: the quadratic leaves the waves' fourth-order term (centimetres), counted
  // as slow and scaled by 1 / 0.69.
  CHECK(terrain->sigma_m == Approx(0.2).margin(0.07));
  const std::optional<AltitudeNoise> wander = altitude_noise(d, walk);
  REQUIRE(wander);
  CHECK(wander->sigma_m == Approx(*altitude_noise_m(d, walk)).epsilon(0.02));
}
