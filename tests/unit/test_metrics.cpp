// The metrics stage (metrics.hpp) on hand-made series whose metrics are known by construction.

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "runaudit/signal/metrics.hpp"
#include "runaudit/signal/readings.hpp"
#include "runaudit/signal/series.hpp"

using namespace runaudit::signal;

namespace {

const double missing = std::nan("");

// A series at 1 Hz, samples 0 .. seconds, 3 m per moving second; states set afterwards by
// `label`, which also recomputes the distance so that only moving intervals add to it.
struct Run {
  Series s;
  explicit Run(std::size_t seconds, double hr = missing, double cadence = missing) {
    for (std::size_t i = 0; i <= seconds; ++i) {
      s.time_s.push_back(static_cast<double>(i));
      s.distance_m.push_back(0);
      s.speed_m_per_s.push_back(3);
      s.elevation_m.push_back(missing);
      s.grade.push_back(0);
      s.gap_speed_m_per_s.push_back(3);
      s.heart_rate_bpm.push_back(hr);
      s.cadence_spm.push_back(cadence);
      s.state.push_back(MotionState::running);
    }
    label(0, 0, MotionState::running);
  }
  // Samples [from, to] get `state`; distances follow.
  Run& label(std::size_t from, std::size_t to, MotionState state) {
    for (std::size_t i = from; i <= to; ++i) s.state[i] = state;
    for (std::size_t i = 1; i < s.size(); ++i)
      s.distance_m[i] = s.distance_m[i - 1] + (is_moving(s.state[i]) ? 3 : 0);
    return *this;
  }
  Metrics metrics(const std::optional<Elevation>& e = std::nullopt, double lead_in_s = 0) const {
    return compute_metrics(s, e, lead_in_s);
  }
};

}  // namespace

TEST_CASE("metrics: a 20 s stop inside a 220 s run", "[signal][metrics]") {
  Run r(220, 150, 170);
  r.label(101, 120, MotionState::stopped);
  const Metrics m = r.metrics();
  CHECK(m.elapsed_time_s == 220);
  CHECK(m.moving_time_s == 200);
  CHECK(m.stop_count == 1);
  CHECK(m.stopped_time_s == 20);
  CHECK(m.paused_time_s == 0);
  REQUIRE(m.distance_m);
  CHECK(*m.distance_m == 600);
  CHECK(*m.avg_pace_s_per_km == Approx(1000.0 / 3));  // 200 s / 600 m
  CHECK(*m.avg_gap_s_per_km == Approx(1000.0 / 3));   // flat: GAP = pace
  CHECK(*m.avg_hr_bpm == 150);
  CHECK(*m.max_hr_bpm == 150);
  CHECK(*m.avg_cadence_spm == 170);
  CHECK(m.cooldown_walk_s == 0);
  CHECK_FALSE(m.elevation_gain_m);
  CHECK_FALSE(m.max_grade_pct);
}

TEST_CASE("metrics: two stops and a pause are counted apart", "[signal][metrics]") {
  Run r(300);
  r.label(51, 60, MotionState::stopped)
      .label(101, 130, MotionState::stopped)
      .label(200, 200, MotionState::paused);
  r.s.time_s[200] = 260;  // the pause lasts 61 s: 199 → 260
  for (std::size_t i = 201; i < r.s.size(); ++i) r.s.time_s[i] = 260 + static_cast<double>(i - 200);
  const Metrics m = r.metrics();
  CHECK(m.stop_count == 2);
  CHECK(m.stopped_time_s == 40);
  CHECK(m.paused_time_s == 61);
  CHECK(m.moving_time_s == 300 - 40 - 1);
  CHECK(m.elapsed_time_s == 360);
  CHECK(m.moving_time_s + m.stopped_time_s + m.paused_time_s == m.elapsed_time_s);
}

TEST_CASE("metrics: heart rate is weighted by time and a one-sample spike is not the maximum",
          "[signal][metrics]") {
  Run r(4, 140);
  r.s.time_s = {0, 1, 2, 3, 6};  // the last interval lasts 3 s
  r.s.heart_rate_bpm = {140, 140, 230, 140, 140};
  const Metrics m = r.metrics();
  // Each interval at the mean of its two readings: (140·1 + 185·1 + 185·1 + 140·3) / 6 s
  CHECK(*m.avg_hr_bpm == Approx((140 + 185 + 185 + 420) / 6.0));
  CHECK(*m.max_hr_bpm == 140);  // the spike's 3-sample median (140, 230, 140) is 140
  SECTION("across a 100 s gap of smart recording, the mean of the readings either side") {
    r.s.time_s = {0, 1, 2, 102, 103};
    r.s.heart_rate_bpm = {196, 196, 196, 146, 146};
    // 196·1 + 196·1 + 171·100 + 146·1 over 103 s: not 146 for the 100 s (the reading after)
    CHECK(*r.metrics().avg_hr_bpm == Approx((196 + 196 + 17100 + 146) / 103.0));
  }
  SECTION("a lone moving second after the start: its two readings make the mean and the max") {
    r.s.time_s = {0, 1, 2, 3, 4};
    r.s.heart_rate_bpm = {78, 77, 76, 75, 74};
    r.label(2, 4, MotionState::stopped);  // moving over 0..1 only: mean (78 + 77) / 2
    const Metrics lone = r.metrics();
    CHECK(*lone.avg_hr_bpm == 77.5);
    CHECK(*lone.max_hr_bpm == 78);  // not 77, under the mean (a Garmin MARQ archery session)
  }
  SECTION("no heart rate while moving: none") {
    r.label(1, 4, MotionState::stopped);
    CHECK_FALSE(r.metrics().avg_hr_bpm);
  }
}

TEST_CASE("metrics: a stop at the very start is a stop, and every second is accounted for",
          "[signal][metrics]") {
  Run r(200);
  r.label(0, 30, MotionState::stopped);  // intervals ending at samples 1..30: 30 s stopped
  Metrics m = r.metrics();
  CHECK(m.stop_count == 1);
  CHECK(m.stopped_time_s == 30);
  CHECK(m.moving_time_s == 170);
  CHECK(m.moving_time_s + m.stopped_time_s + m.paused_time_s == m.elapsed_time_s);
  SECTION("a 12 s lead-in of time-only points before it is the same stop") {
    m = r.metrics(std::nullopt, 12);
    CHECK(m.elapsed_time_s == 212);
    CHECK(m.stop_count == 1);
    CHECK(m.stopped_time_s == 42);
    CHECK(m.moving_time_s + m.stopped_time_s + m.paused_time_s == m.elapsed_time_s);
  }
  SECTION("a lead-in before running is a stop of its own") {
    r.label(0, 30, MotionState::running);
    m = r.metrics(std::nullopt, 12);
    CHECK(m.elapsed_time_s == 212);
    CHECK(m.stop_count == 1);
    CHECK(m.stopped_time_s == 12);
    CHECK(m.moving_time_s == 200);
  }
}

TEST_CASE("metrics: a heart rate climbing to the last sample keeps its peak", "[signal][metrics]") {
  Run r(5);
  r.s.heart_rate_bpm = {150, 155, 160, 165, 170, 174};
  CHECK(*r.metrics().max_hr_bpm == 174);  // the last sample, 4 bpm above its neighbour
  SECTION("a spike on the last sample is still a spike") {
    r.s.heart_rate_bpm.back() = 230;  // 60 bpm above its neighbour
    CHECK(*r.metrics().max_hr_bpm == 170);
  }
  SECTION("and on the first") {
    r.s.heart_rate_bpm = {230, 155, 160, 165, 170, 174};
    CHECK(*r.metrics().max_hr_bpm == 174);
  }
}

TEST_CASE("metrics: a trailing walk is the cool-down, a walk alone has none", "[signal][metrics]") {
  Run r(480);
  r.label(301, 480, MotionState::walking);
  CHECK(r.metrics().cooldown_walk_s == 180);
  r.label(400, 410, MotionState::stopped);  // a stop inside the walk does not count
  CHECK(r.metrics().cooldown_walk_s == 180 - 11);
  r.label(0, 480, MotionState::walking);
  CHECK(r.metrics().cooldown_walk_s == 0);
  CHECK(r.metrics().moving_time_s == 480);
}

TEST_CASE("metrics: a few seconds' walk to stop the watch is no cool-down walk",
          "[signal][metrics]") {
  Run r(480);
  r.label(471, 480, MotionState::walking);  // 10 s (samples 471-480): slowing to press stop
  CHECK(r.metrics().cooldown_walk_s == 0);
  r.label(452, 480, MotionState::walking);  // 29 s
  CHECK(r.metrics().cooldown_walk_s == 0);
  r.label(451, 480, MotionState::walking);  // 30 s: a short cool-down
  CHECK(r.metrics().cooldown_walk_s == 30);
}

TEST_CASE("metrics: GAP over a 1 % climb is the pace divided by Minetti's factor",
          "[signal][metrics]") {
  Run r(200);
  std::fill(r.s.grade.begin(), r.s.grade.end(), 0.01);
  const Metrics m = r.metrics();
  // Cr(0.01) = 3.79958641154 by hand (test_grade_gap.cpp): 200 s / (600 m × 3.7996/3.6).
  CHECK(*m.avg_gap_s_per_km == Approx(200 / (600 * 3.79958641154 / 3.6) * 1000));  // 315.82
  CHECK(*m.avg_pace_s_per_km == Approx(200.0 / 600 * 1000));
}

TEST_CASE("metrics: climbing comes from the elevation stage, per km only from 100 m",
          "[signal][metrics]") {
  Elevation e;
  e.gain_loss = {30, 12};
  e.steepest = SustainedGrade{0.05, 100, 300};
  SECTION("600 m") {
    const Metrics m = Run(200).metrics(e);
    CHECK(*m.elevation_gain_m == 30);
    CHECK(*m.elevation_loss_m == 12);
    CHECK(*m.gain_per_km_m == Approx(50));  // 30 m / 0.6 km
    CHECK(*m.max_grade_pct == Approx(5));
    CHECK(*m.max_grade_start_m == 100);
    CHECK(*m.max_grade_end_m == 300);
  }
  SECTION("all downhill: the least descent (-0.3 %) is no climb, 0 %") {
    e.steepest = SustainedGrade{-0.003, 100, 300};
    CHECK(*Run(200).metrics(e).max_grade_pct == 0);
  }
  SECTION("99 m") {
    const Metrics m = Run(33).metrics(e);
    CHECK(*m.distance_m == 99);
    CHECK(*m.elevation_gain_m == 30);
    CHECK_FALSE(m.gain_per_km_m);
  }
}

TEST_CASE("metrics: without distance, times but no distance or pace", "[signal][metrics]") {
  Run r(100);
  std::fill(r.s.distance_m.begin(), r.s.distance_m.end(), missing);
  const Metrics m = r.metrics();
  CHECK(m.moving_time_s == 100);
  CHECK_FALSE(m.distance_m);
  CHECK_FALSE(m.avg_pace_s_per_km);
  CHECK_FALSE(m.avg_gap_s_per_km);
}

TEST_CASE("readings: samples between two readings up to the gap take the line between them",
          "[signal][readings]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // Readings at 2 s (100), 12 s (110), 14 s (110, twice at one time) and 60 s (130): the first
  // samples have none before them, 14 to 60 s is longer than the 30 s bridged, 61 s has none
  // after it.
  const std::vector<double> t{0, 1, 2, 5, 7, 12, 13, 14, 14, 20, 60, 61};
  std::vector<double> v{nan, nan, 100, nan, nan, 110, nan, 110, nan, nan, 130, nan};
  runaudit::signal::fill_between_readings(t, v, 30);
  const std::vector<double> expected{nan, nan, 100, 103, 105, 110, 110, 110, nan, nan, 130, nan};
  for (std::size_t i = 0; i < t.size(); ++i) {
    INFO("sample " << i << " at " << t[i] << " s");
    if (std::isnan(expected[i]))
      CHECK(std::isnan(v[i]));
    else
      CHECK(v[i] == Approx(expected[i]).margin(1e-12));
  }
}
