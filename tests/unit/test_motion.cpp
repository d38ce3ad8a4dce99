// The motion stage (motion.hpp) on hand-made time and speed profiles whose answer is known by
// construction: where the recording breaks, which gaps are pauses, and which intervals are
// stopped, walked or run.

#include <catch2/catch.hpp>
#include <cmath>
#include <optional>
#include <vector>

#include "runaudit/signal/motion.hpp"

using namespace runaudit::signal;

namespace {

const double missing = std::nan("");

// Times 0, 1, ..., seconds (1 Hz).
std::vector<double> seconds(std::size_t n) {
  std::vector<double> t(n);
  for (std::size_t i = 0; i < n; ++i) t[i] = static_cast<double>(i);
  return t;
}

// Samples [from, to] (inclusive) get `value`.
void set(std::vector<double>& v, std::size_t from, std::size_t to, double value) {
  for (std::size_t i = from; i <= to; ++i) v[i] = value;
}

struct Profile {
  std::vector<double> t, speed, cadence;
  std::vector<MotionState> state;
  explicit Profile(std::size_t n, double speed_m_per_s)
      : t(seconds(n)),
        speed(n, speed_m_per_s),
        cadence(n, missing),
        state(n, MotionState::running) {}
  void classify(const MotionOptions& o = {}) { classify_motion(t, speed, cadence, {}, o, state); }
  // Indices of the samples in state `s`.
  std::vector<std::size_t> where(MotionState s) const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < state.size(); ++i)
      if (state[i] == s) out.push_back(i);
    return out;
  }
};

std::vector<std::size_t> range(std::size_t from, std::size_t to) {
  std::vector<std::size_t> out;
  for (std::size_t i = from; i <= to; ++i) out.push_back(i);
  return out;
}

}  // namespace

TEST_CASE("motion: the recording splits at segment starts and at gaps over pause_gap_s",
          "[signal][motion]") {
  // Gaps: 3 → 33 s (30 s > 20 s), and a segment start at sample 6 after a 1 s step.
  const std::vector<double> t{0, 1, 2, 3, 33, 34, 35, 36};
  const std::vector<std::size_t> segments{0, 6, 99};  // 0 and out-of-range starts are ignored
  const std::vector<Stretch> s = split_recording(t, segments, 20);
  REQUIRE(s.size() == 3u);
  CHECK((s[0].begin == 0 && s[0].end == 4 && !s[0].segment_break));
  CHECK((s[1].begin == 4 && s[1].end == 6 && !s[1].segment_break));
  CHECK((s[2].begin == 6 && s[2].end == 8 && s[2].segment_break));
  SECTION("a gap of exactly pause_gap_s stays inside the stretch") {
    const std::vector<double> t2{0, 1, 21, 22};
    CHECK(split_recording(t2, {}, 20).size() == 1u);
  }
  SECTION("no samples, no stretches") {
    CHECK(split_recording({}, {}, 20).empty());
  }
}

TEST_CASE("motion: a gap is a pause unless something moved across it faster than stop speed",
          "[signal][motion]") {
  // Two stretches, the gap between samples 2 (t = 2 s) and 3 (t = 32 s): 30 s.
  const std::vector<double> t{0, 1, 2, 32, 33};
  std::vector<Stretch> stretches{{0, 3, false}, {3, 5, false}};
  std::vector<MotionState> state(5, MotionState::running);
  std::vector<double> step(5, 0.0), speed(5, 3.0);
  SECTION("300 m in 30 s: signal loss while running, bridged at 10 m/s") {
    const std::vector<double> across{0, 300};
    resolve_gaps(t, stretches, across, {}, {}, false, state, step, speed);
    CHECK(state[3] == MotionState::running);
    CHECK(step[3] == 300);
    CHECK(speed[3] == 10);
  }
  SECTION("6 m in 30 s (0.2 m/s, GPS wander of a watch left on a bench): a pause") {
    const std::vector<double> across{0, 6};
    resolve_gaps(t, stretches, across, {}, {}, false, state, step, speed);
    CHECK(state[3] == MotionState::paused);
    CHECK(step[3] == 0);
    CHECK(speed[3] == 3);  // left alone: a paused interval's speed is zeroed later
  }
  SECTION("a segment break is a pause whatever moved across it") {
    stretches[1].segment_break = true;
    const std::vector<double> across{0, 300};
    resolve_gaps(t, stretches, across, {}, {}, false, state, step, speed);
    CHECK(state[3] == MotionState::paused);
    CHECK(step[3] == 0);
    resolve_gaps(t, stretches, across, {}, {}, true, state, step, speed);  // a timer stop
    CHECK(state[3] == MotionState::paused);
  }
  SECTION("the device marks its pauses: 6 m in 30 s without a timer stop is a stop to come") {
    // A fenix writing nothing while its wearer stands (smart recording): "paused 7:57" for a
    // watch that never paused.
    const std::vector<double> across{0, 6};
    resolve_gaps(t, stretches, across, {}, {}, true, state, step, speed);
    CHECK(state[3] == MotionState::running);  // classify_motion labels it stopped
    CHECK(step[3] == 0);
    CHECK(speed[3] == 0);
  }
  SECTION("an unknown distance across is no movement") {
    const std::vector<double> across{0, missing};
    resolve_gaps(t, stretches, across, {}, {}, false, state, step, speed);
    CHECK(state[3] == MotionState::paused);
  }
  // Samples that do not close a gap are never touched.
  for (const std::size_t i : {0u, 1u, 2u, 4u}) CHECK(state[i] == MotionState::running);
}

TEST_CASE("motion: a 20 s stop at 0 m/s inside a run is one stop of 20 s", "[signal][motion]") {
  Profile p(221, 3.0);
  set(p.speed, 101, 120, 0.0);  // the intervals ending at t = 101 .. 120 s: 20 s standing
  p.classify();
  CHECK(p.where(MotionState::stopped) == range(101, 120));
  CHECK(p.where(MotionState::walking).empty());
  CHECK(p.where(MotionState::running).size() == 221u - 20u);
}

TEST_CASE("motion: a dip shorter than min_stop_s stays running", "[signal][motion]") {
  Profile p(200, 3.0);
  set(p.speed, 51, 54, 0.2);    // 4 s (t = 50 → 54) below stop speed: a sharp turn
  set(p.speed, 101, 106, 0.2);  // 6 s: a stop
  p.classify();
  CHECK(p.where(MotionState::stopped) == range(101, 106));
}

TEST_CASE("motion: walking from speed, or from cadence where the watch records it",
          "[signal][motion]") {
  SECTION("no cadence: 60 s at 1.5 m/s is a walk, 10 s at 1.5 m/s is not") {
    Profile p(400, 3.0);
    set(p.speed, 101, 160, 1.5);  // 60 s
    set(p.speed, 251, 260, 1.5);  // 10 s < min_state_s: merged into the running around it
    p.classify();
    CHECK(p.where(MotionState::walking) == range(101, 160));
    CHECK(p.where(MotionState::stopped).empty());
  }
  SECTION("cadence decides over speed") {
    Profile p(400, 3.0);
    set(p.cadence, 0, 399, 170);
    set(p.cadence, 101, 160, 120);  // 3 m/s but 120 spm: walking (a fast walker, a GPS error)
    set(p.speed, 201, 300, 1.8);    // 1.8 m/s but 170 spm: a slow jog
    p.classify();
    CHECK(p.where(MotionState::walking) == range(101, 160));
  }
  SECTION("a 10 s run inside a walk is walking") {
    Profile p(300, 1.4);
    set(p.speed, 101, 110, 3.0);
    p.classify();
    CHECK(p.where(MotionState::running).empty());
    CHECK(p.where(MotionState::walking).size() == 300u);
  }
}

// A wrist that counts steps writes 0 while its wearer stands: below a walk's speed, a stop,
// whatever a drifting GPS makes of it; but it writes 0 too while the arm is still (a pushchair,
// poles): where the watch's own speed or the track shows movement, the stretch is walked.
TEST_CASE("motion: no steps below a walk's speed is a stop, unless the watch or track moved",
          "[signal][motion]") {
  Profile p(400, 3.0);
  set(p.cadence, 0, 399, 170);
  set(p.cadence, 101, 160, 0);
  set(p.speed, 101, 160, 1.2);  // 60 s at 1.2 m/s by the positions
  std::vector<double> east(400, 0.0), north(400, 0.0), device_speed(400, 3.0);
  for (std::size_t i = 1; i < 400; ++i) east[i] = east[i - 1] + (i >= 101 && i <= 160 ? 0 : 3.0);
  set(device_speed, 101, 160, 0);
  SECTION("standing, the GPS wandering 3 m about the spot, the watch reading 0 m/s: a stop") {
    for (std::size_t i = 101; i <= 160; ++i) north[i] = i % 2 ? 3.0 : -3.0;
    classify_motion(p.t, p.speed, p.cadence,
                    {.east_m = east, .north_m = north, .device_speed_m_per_s = device_speed}, {},
                    p.state);
    CHECK(p.where(MotionState::stopped) == range(101, 160));
  }
  SECTION("the watch's own speed reads 1.2 m/s: walked") {
    set(device_speed, 101, 160, 1.2);
    classify_motion(p.t, p.speed, p.cadence,
                    {.east_m = east, .north_m = north, .device_speed_m_per_s = device_speed}, {},
                    p.state);
    CHECK(p.where(MotionState::stopped).empty());
    CHECK(p.where(MotionState::walking) == range(101, 160));
  }
  SECTION("no speed of the watch's, but the track goes 72 m: walked") {
    for (std::size_t i = 101; i < 400; ++i) east[i] = east[i - 1] + (i <= 160 ? 1.2 : 3.0);
    classify_motion(p.t, p.speed, p.cadence, {.east_m = east, .north_m = north}, {}, p.state);
    CHECK(p.where(MotionState::stopped).empty());
    CHECK(p.where(MotionState::walking) == range(101, 160));
  }
}

TEST_CASE("motion: a stop the creep check leaves shorter than min_stop_s is dropped",
          "[signal][motion]") {
  // In an 800 s run (most cadence values count steps: the watch counts them), 300 s without
  // steps at 1.5 m/s (a walk pushing a pushchair), its foot pod measuring
  // 0.41 m/s: over every 120 s window 49.2 m, a creep (at least 0.4 m/s: 48 m), except where
  // the window's right edge passes a 4 s stand followed by 4 s at double pace: for samples
  // 292-294 the window holds 47.97, 47.56, 47.97 m. Those three samples stay stopped by the
  // missing steps, a "stop" of 3 s, shorter than min_stop_s (5 s): dropped, so the whole
  // stretch is a walk.
  Profile p(800, 3.0);
  set(p.cadence, 0, 799, 170);
  set(p.cadence, 200, 499, 0);
  set(p.speed, 200, 499, 1.5);
  std::vector<double> step(800, 3.0), device_distance(800, 0.0);
  set(step, 200, 499, 0.41);
  set(step, 350, 353, 0.0);
  set(step, 354, 357, 0.82);
  for (std::size_t i = 1; i < 800; ++i) device_distance[i] = device_distance[i - 1] + step[i];
  classify_motion(p.t, p.speed, p.cadence, {.device_distance_m = device_distance}, {}, p.state);
  CHECK(p.where(MotionState::stopped).empty());
  CHECK(p.where(MotionState::walking) == range(200, 499));
}

TEST_CASE("motion: paused samples stay paused, the others are relabelled from their speed",
          "[signal][motion]") {
  Profile p(100, 3.0);
  p.state[50] = MotionState::paused;
  p.state[70] = MotionState::stopped;  // a stale label is recomputed: 3 m/s is running
  p.speed[50] = 0;
  p.classify();
  CHECK(p.where(MotionState::paused) == std::vector<std::size_t>{50});
  CHECK(p.where(MotionState::running).size() == 99u);
}

// Slow movement against a stop (issue: a steep power-hike counted as 193 stops). Thresholds of
// MotionOptions: 20 m at 0.4 m/s net horizontally; max(2 m, 6σ) at 0.1 m/s net vertically.
TEST_CASE("motion: net displacement beyond noise is movement, whatever the speed",
          "[signal][motion]") {
  const std::vector<double> t = seconds(61);  // 0 .. 60 s
  std::vector<double> east(61, 0.0), north(61, 0.0), up(61, 0.0);
  const MotionOptions o;
  const auto moved = [&](std::optional<double> baro_sigma) {
    const MotionEvidence e{
        .east_m = east, .north_m = north, .elevation_m = up, .barometric_noise_m = baro_sigma};
    return moved_between(t, e, o, 0, 60);
  };
  SECTION("30 m in 60 s (0.5 m/s): moved") {
    east[60] = 18;
    north[60] = 24;
    CHECK(moved(std::nullopt));
  }
  SECTION("18 m in 60 s (0.3 m/s, stretching): not") {
    east[60] = 18;
    CHECK_FALSE(moved(std::nullopt));
  }
  SECTION("climbing 9 m in 60 s (0.15 m/s) on a barometer of σ 0.2 m: moved") {
    up[60] = 9;
    CHECK(moved(0.2));
    CHECK_FALSE(moved(std::nullopt));  // GPS altitude proves nothing
    CHECK_FALSE(moved(2.0));           // 6σ = 12 m: beyond 9 m
  }
  SECTION("descending 9 m counts as climbing does") {
    up[60] = -9;
    CHECK(moved(0.2));
  }
  SECTION("4 m in 60 s (0.07 m/s, barometric drift and a wrist moved): not") {
    up[60] = 4;
    CHECK_FALSE(moved(0.2));
  }
  SECTION("no evidence at all: not") {
    CHECK_FALSE(moved_between(t, MotionEvidence{}, o, 0, 60));
  }
}

TEST_CASE("motion: a slow steady climb is moving, a stand with the same speed is stopped",
          "[signal][motion]") {
  Profile p(301, 3.0);
  set(p.speed, 101, 200, 0.5);  // 100 s at 0.5 m/s smoothed speed
  std::vector<double> east(301, 0.0), north(301, 0.0), up(301, 0.0);
  for (std::size_t i = 1; i < 301; ++i) {
    const bool slow = i >= 101 && i <= 200;
    east[i] = east[i - 1] + (slow ? 0.5 : 3.0);
  }
  SECTION("moving 0.5 m/s horizontally: walking, no stop") {
    classify_motion(p.t, p.speed, p.cadence, {.east_m = east, .north_m = north}, {}, p.state);
    CHECK(p.where(MotionState::stopped).empty());
    CHECK(p.where(MotionState::walking) == range(101, 200));
  }
  SECTION("standing still: the same 100 s are a stop") {
    for (std::size_t i = 101; i < 301; ++i)
      east[i] = east[100] + (i > 200 ? 3.0 * double(i - 200) : 0);
    classify_motion(p.t, p.speed, p.cadence, {.east_m = east, .north_m = north}, {}, p.state);
    CHECK(p.where(MotionState::stopped) == range(101, 200));
  }
}

TEST_CASE("motion: a gap crossed slowly but surely is bridged, not a pause", "[signal][motion]") {
  // A hike logged every ~10 m: 22 m in a 40 s gap (0.55 m/s, under stop speed).
  const std::vector<double> t{0, 1, 2, 42, 43};
  const std::vector<Stretch> stretches{{0, 3, false}, {3, 5, false}};
  std::vector<MotionState> state(5, MotionState::running);
  std::vector<double> step(5, 0.0), speed(5, 0.6);
  const std::vector<double> across{0, 22};
  const std::vector<double> east{0, 0.6, 1.2, 23.2, 23.8}, north(5, 0.0);
  SECTION("positions show it: bridged") {
    resolve_gaps(t, stretches, across, {.east_m = east, .north_m = north}, {}, false, state, step,
                 speed);
    CHECK(state[3] == MotionState::running);
    CHECK(step[3] == 22);
  }
  SECTION("speed alone: a pause") {
    resolve_gaps(t, stretches, across, {}, {}, false, state, step, speed);
    CHECK(state[3] == MotionState::paused);
  }
  SECTION("over a gap longer than the evidence window: a pause (a watch paused, its wearer on)") {
    const std::vector<double> late{0, 1, 2, 202, 203};  // 100 m in 200 s (0.5 m/s)
    const std::vector<double> far{0, 0.6, 1.2, 101.2, 101.8};
    resolve_gaps(late, stretches, std::vector<double>{0, 100}, {.east_m = far, .north_m = north},
                 {}, false, state, step, speed);
    CHECK(state[3] == MotionState::paused);
  }
}

TEST_CASE("motion: names and which states move", "[signal][motion]") {
  CHECK(to_string(MotionState::running) == "running");
  CHECK(to_string(MotionState::walking) == "walking");
  CHECK(to_string(MotionState::stopped) == "stopped");
  CHECK(to_string(MotionState::paused) == "paused");
  CHECK(is_moving(MotionState::running));
  CHECK(is_moving(MotionState::walking));
  CHECK_FALSE(is_moving(MotionState::stopped));
  CHECK_FALSE(is_moving(MotionState::paused));
}
