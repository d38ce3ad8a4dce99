// The audit against generated runs whose breaches are known: each rule fires on a run that
// breaks it (at the right place), stays quiet on one that does not, and reports "not judged"
// without its data; limits resolve in the documented order; score and verdict are monotonic.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <optional>
#include <tuple>

#include "runaudit/audit/audit.hpp"
#include "runaudit/audit/batch.hpp"
#include "runaudit/audit/limits.hpp"
#include "runaudit/io/parse.hpp"
#include "runaudit/signal/series.hpp"
#include "runaudit/time.hpp"
#include "support/synth.hpp"

using namespace runaudit;
using namespace runaudit::audit;

namespace {

constexpr double limit_pace = 360;  // 6:00/km = 2.78 m/s

Limits with_pace(double pace = limit_pace) {
  LimitInputs flags;
  flags.pace_limit_s_per_km = pace;
  flags.hr_limit_bpm = 160;
  return resolve_limits(flags, nullptr, std::nullopt);
}

synth::Options steady(double speed, double seconds = 1800) {
  synth::Options o;
  o.path = synth::straight;
  o.elevation = [](double) { return 0.0; };
  o.legs = {{synth::Leg::move, seconds, speed}, {synth::Leg::move, 240, 1.4}};  // + cool-down
  return o;
}

std::vector<Violation> of_rule(const Judgement& j, const std::string& rule) {
  std::vector<Violation> out;
  for (const Violation& v : j.violations)
    if (v.rule == rule) out.push_back(v);
  return out;
}

bool not_judged(const Judgement& j, const std::string& rule) {
  return std::any_of(j.not_judged.begin(), j.not_judged.end(),
                     [&](const NotJudged& n) { return n.rule == rule; });
}

Judgement judge_run(const synth::Options& o, const Limits& limits = with_pace()) {
  return judge(signal::prepare(synth::generate(o).activity), limits);
}

}  // namespace

TEST_CASE("audit: a steady recovery run a few percent slower than the limit passes", "[audit]") {
  // 2.65 m/s = 6:17/km, 5 % slower than the 6:00/km limit; watch-grade noise; 12 seeds.
  for (std::uint32_t seed = 1; seed <= 12; ++seed) {
    synth::Options o = steady(2.65);
    o.seed = seed;
    const Judgement j = judge_run(o);
    INFO("seed " << seed);
    for (const Violation& v : j.violations)
      INFO(v.rule << ": " << v.value << " against " << v.limit);
    CHECK(of_rule(j, "pace").empty());
    CHECK(of_rule(j, "surge").empty());
    CHECK(of_rule(j, "elevation_gain").empty());
    CHECK(of_rule(j, "grade").empty());
    CHECK(of_rule(j, "cooldown").empty());
    CHECK(j.verdict == Verdict::pass);
  }
}

TEST_CASE("audit: pace fires on a run faster than the limit", "[audit]") {
  const Judgement j = judge_run(steady(3.1));  // 5:23/km against 6:00/km
  const auto v = of_rule(j, "pace");
  REQUIRE(v.size() == 1);
  CHECK(v[0].value == Approx(1000 / 3.1).epsilon(0.02));
  CHECK(v[0].limit == limit_pace);
  CHECK(v[0].severity == Severity::major);  // 10 % faster
  CHECK(j.verdict == Verdict::fail);
}

TEST_CASE("audit: pace is judged over the running, walks left out, when running is most of it",
          "[audit]") {
  synth::Options o;
  o.path = synth::straight;
  o.elevation = [](double) { return 0.0; };
  const auto pace_of = [&](const std::vector<synth::Leg>& legs) {
    o.legs = legs;
    o.legs.push_back({synth::Leg::move, 240, 1.4});  // the cool-down walk
    return of_rule(judge_run(o), "pace");
  };
  SECTION("run-walk: 6 x (4:00 at 5:28/km, 1:00 walking); 6:08/km over the moving time") {
    std::vector<synth::Leg> legs;
    for (int k = 0; k < 6; ++k) {
      legs.push_back({synth::Leg::move, 240, 3.05});
      legs.push_back({synth::Leg::move, 60, 1.4});
    }
    legs.pop_back();  // the last walk is the cool-down's
    const auto v = pace_of(legs);
    REQUIRE(v.size() == 1);
    CHECK(v[0].value == Approx(1000 / 3.05).epsilon(0.02));  // the running's pace
    CHECK(v[0].duration_s == Approx(6 * 240).margin(60));
    REQUIRE(v[0].walks_left_out_s);
    CHECK(*v[0].walks_left_out_s == Approx(5 * 60).margin(60));
  }
  SECTION("the run's record carries the judged GAP and the walking it left out") {
    o.legs.clear();
    for (int k = 0; k < 6; ++k) {
      o.legs.push_back({synth::Leg::move, 240, 3.05});
      o.legs.push_back({synth::Leg::move, 60, 1.4});
    }
    o.legs.push_back({synth::Leg::move, 180, 1.4});  // the cool-down walk: 4:00 with the last
    const RunRecord r =
        audit_activity(synth::generate(o).activity, "x", {}, {}, nullptr, std::nullopt, {});
    REQUIRE(r.baseline_gap_s_per_km);
    CHECK(*r.baseline_gap_s_per_km == Approx(1000 / 3.05).epsilon(0.02));
    REQUIRE(r.baseline_walks_left_out_s);
    CHECK(*r.baseline_walks_left_out_s == Approx(5 * 60).margin(60));
  }
  SECTION("a 5:00 warm-up walk, then 25:00 at 5:33/km") {
    const auto v = pace_of({{synth::Leg::move, 300, 1.4}, {synth::Leg::move, 1500, 3.0}});
    REQUIRE(v.size() == 1);
    CHECK(v[0].value == Approx(1000 / 3.0).epsilon(0.02));
    REQUIRE(v[0].walks_left_out_s);
    CHECK(*v[0].walks_left_out_s == Approx(300).margin(30));
  }
  SECTION("mostly slower than a walk's speed (a slow jog without cadence): the moving time") {
    // 25:00 at 1.7 m/s and 5:00 at 2.9 m/s: 9:10/km over the moving time, slower than the
    // 6:00/km limit; the 5:00 alone (5:45/km) would be faster than it.
    o.legs = {
        {synth::Leg::move, 1500, 1.7}, {synth::Leg::move, 300, 2.9}, {synth::Leg::move, 240, 1.4}};
    const Judgement j = judge_run(o);
    CHECK(of_rule(j, "pace").empty());
    CHECK_FALSE(not_judged(j, "pace"));
  }
}

TEST_CASE("audit: a lone stride is a minor surge, and two minutes of surges or a long one major",
          "[audit]") {
  synth::Options o;
  o.path = synth::straight;
  o.elevation = [](double) { return 0.0; };
  // At 6:25/km (2.6 m/s) with surges at 4:38/km (3.6 m/s: 23 % faster than the 6:00/km limit).
  const auto surges = [&](int count, double seconds) {
    o.legs.clear();
    for (int k = 0; k < count; ++k) {
      o.legs.push_back({synth::Leg::move, 360, 2.6});
      o.legs.push_back({synth::Leg::move, seconds, 3.6});
    }
    o.legs.push_back({synth::Leg::move, 600, 2.6});
    o.legs.push_back({synth::Leg::move, 240, 1.4});
    return judge_run(o);
  };
  const Judgement stride = surges(1, 45);
  REQUIRE(of_rule(stride, "surge").size() == 1);
  CHECK(of_rule(stride, "surge")[0].severity == Severity::minor);
  CHECK(stride.verdict == Verdict::warn);
  const Judgement three = surges(3, 45);  // 2:15 in all
  REQUIRE(of_rule(three, "surge").size() == 3);
  for (const Violation& v : of_rule(three, "surge")) CHECK(v.severity == Severity::major);
  CHECK(three.verdict == Verdict::fail);
  const Judgement long_one = surges(1, 75);
  REQUIRE(of_rule(long_one, "surge").size() == 1);
  CHECK(of_rule(long_one, "surge")[0].severity == Severity::major);
}

TEST_CASE("audit: a 2-minute surge is found and located within 15 s", "[audit]") {
  synth::Options o;
  o.path = synth::straight;
  o.elevation = [](double) { return 0.0; };
  o.legs = {{synth::Leg::move, 900, 2.6},
            {synth::Leg::move, 120, 3.6},
            {synth::Leg::move, 900, 2.6},
            {synth::Leg::move, 240, 1.4}};
  for (std::uint32_t seed = 1; seed <= 8; ++seed) {
    o.seed = seed;
    const synth::Run run = synth::generate(o);
    const Judgement j = judge(signal::prepare(run.activity), with_pace());
    const auto v = of_rule(j, "surge");
    INFO("seed " << seed);
    REQUIRE(v.size() == 1);
    CHECK(v[0].start_s == Approx(900).margin(15));
    CHECK(v[0].end_s == Approx(1020).margin(15));
    CHECK(v[0].start_m == Approx(900 * 2.6).margin(60));
    CHECK(v[0].value < limit_pace);
    CHECK(v[0].duration_s == Approx(120).margin(30));  // the surge's own length
  }
}

TEST_CASE("audit: heart rate above the limit fires, and is not judged without HR", "[audit]") {
  synth::Options o = steady(2.65);  // HR settles near 100 + 18 * 2.65 = 148 bpm
  LimitInputs flags;
  flags.pace_limit_s_per_km = limit_pace;
  flags.hr_limit_bpm = 130;
  Judgement j = judge_run(o, resolve_limits(flags, nullptr, std::nullopt));
  REQUIRE_FALSE(of_rule(j, "heart_rate").empty());
  CHECK(of_rule(j, "heart_rate")[0].value > 130);
  flags.hr_limit_bpm = 170;
  j = judge_run(o, resolve_limits(flags, nullptr, std::nullopt));
  CHECK(of_rule(j, "heart_rate").empty());
  o.heart_rate = false;
  j = judge_run(o, resolve_limits(flags, nullptr, std::nullopt));
  CHECK(not_judged(j, "heart_rate"));
}

TEST_CASE("audit: heart rate written every 10 s between 1 s fixes counts all the time above",
          "[audit]") {
  // A Suunto writes heart rate every 10 s and positions every second. The same run with heart
  // rate at every sample is the truth: the time above the limit, its share of moving time and
  // the average must come out the same (within the few beats a 10 s line misses), not a tenth.
  synth::Options o = steady(2.65);  // HR settles near 148 bpm
  LimitInputs flags;
  flags.pace_limit_s_per_km = limit_pace;
  flags.hr_limit_bpm = 140;
  const Limits limits = resolve_limits(flags, nullptr, std::nullopt);
  const Activity full = synth::generate(o).activity;
  Activity sparse = full;
  for (std::size_t i = 0; i < sparse.samples.size(); ++i)
    if (i % 10 != 0) sparse.samples[i].heart_rate_bpm.reset();
  const Judgement truth = judge(signal::prepare(full), limits);
  const Judgement thinned = judge(signal::prepare(sparse), limits);
  const auto time_above = [](const Judgement& j) {
    double total = 0;
    for (const Violation& v : of_rule(j, "heart_rate"))
      if (v.time_above_pct) total += v.duration_s;
    return total;
  };
  REQUIRE(time_above(truth) > 1500);  // most of the 30 minutes
  CHECK(time_above(thinned) == Approx(time_above(truth)).epsilon(0.03));
  const auto share = [](const Judgement& j) {
    return *of_rule(j, "heart_rate").back().time_above_pct;
  };
  CHECK(share(thinned) == Approx(share(truth)).margin(2));
  CHECK(of_rule(thinned, "heart_rate")[0].value ==
        Approx(of_rule(truth, "heart_rate")[0].value).margin(1));
  CHECK(of_rule(thinned, "heart_rate")[0].duration_s ==
        Approx(of_rule(truth, "heart_rate")[0].duration_s).epsilon(0.01));
}

TEST_CASE("audit: heart rate read minutes apart over much of the run is not judged", "[audit]") {
  // The 30-minute run at 148 bpm against a limit of 140: read every 45 s it is judged (a line
  // between readings 45 s apart holds); every 90 s (a phone app's sparse export), or with one
  // 10-minute hole between two samples, the line stands for too much of it.
  synth::Options o = steady(2.65);
  LimitInputs flags;
  flags.pace_limit_s_per_km = limit_pace;
  flags.hr_limit_bpm = 140;
  const Limits limits = resolve_limits(flags, nullptr, std::nullopt);
  o.interval_s = 45;
  CHECK_FALSE(of_rule(judge_run(o, limits), "heart_rate").empty());
  o.interval_s = 90;
  const Judgement sparse = judge_run(o, limits);
  CHECK(of_rule(sparse, "heart_rate").empty());
  const auto hr_why = [](const Judgement& j) {
    const auto it = std::find_if(j.not_judged.begin(), j.not_judged.end(),
                                 [](const NotJudged& n) { return n.rule == "heart_rate"; });
    return it == j.not_judged.end() ? nullptr : &*it;
  };
  const NotJudged* why = hr_why(sparse);
  REQUIRE(why);
  CHECK(why->why == Unjudged::too_coarse);
  CHECK(why->detail == "100 % of the moving time between heart-rate readings more than 1:00 apart");
  o.interval_s = 1;
  Activity holed = synth::generate(o).activity;
  const std::int64_t t0 = holed.samples.front().time_ms;
  std::erase_if(holed.samples, [&](const Sample& s) {
    return s.time_ms > t0 + 600'000 && s.time_ms < t0 + 1'200'000;
  });
  const Judgement with_hole = judge(signal::prepare(holed), limits);
  REQUIRE(hr_why(with_hole));
  CHECK_THAT(hr_why(with_hole)->detail,
             Catch::Matchers::StartsWith("3"));  // 10 of 30 minutes: 33 %
}

TEST_CASE("audit: a total the device's distance leaves uncovered could take over is not judged",
          "[audit]") {
  // 50 minutes at 2.5 m/s (7.5 km) without positions, the device's distance read every second
  // from @p from_s to @p until_s (a foot pod): the whole run is over the 45-minute limit, under
  // the 8 km one. A foot pod dead after 30 minutes leaves 20 reading as stopped: 30 minutes
  // moving, but the 20 could take duration and distance over, and the cool-down is unseen. One
  // paired 90 s late leaves 48:30 moving, over the limit still, and 7.275 km, under it even
  // with 90 s at the 10 000 m record's pace (max_running_median_m_per_s, 0.585 km): judged.
  synth::Options o = steady(2.5, 3000);
  o.legs = {{synth::Leg::move, 3000, 2.5}};
  const auto pod = [&](double from_s, double until_s) {
    Activity a = synth::generate(o).activity;
    const std::int64_t t0 = a.samples.front().time_ms;
    for (Sample& s : a.samples) {
      const double t = static_cast<double>(s.time_ms - t0) / 1000.0;
      s.latitude_deg.reset();
      s.longitude_deg.reset();
      s.distance_m.reset();
      if (t >= from_s && t <= until_s) s.distance_m = 2.5 * t;
    }
    return a;
  };
  const auto judge_pod = [&](double from_s, double until_s) {
    return judge(signal::prepare(pod(from_s, until_s)), with_pace());
  };
  const auto why = [](const Judgement& j, const std::string& rule) -> const NotJudged* {
    for (const NotJudged& n : j.not_judged)
      if (n.rule == rule) return &n;
    return nullptr;
  };
  const Judgement whole = judge_pod(0, 3000);
  CHECK_FALSE(of_rule(whole, "duration").empty());
  CHECK_FALSE(not_judged(whole, "distance"));

  const Judgement dead = judge_pod(0, 1800);
  CHECK(of_rule(dead, "duration").empty());
  for (const char* rule : {"duration", "distance", "cooldown"}) {
    INFO(rule);
    const NotJudged* n = why(dead, rule);
    REQUIRE(n);
    CHECK(n->why == Unjudged::distance_unmeasured);
    CHECK(n->detail ==
          "the device measured no distance over the last 20:00 of the recording: whether the "
          "runner moved then is unknown");
  }

  const Judgement late = judge_pod(90, 3000);
  CHECK_FALSE(of_rule(late, "duration").empty());
  CHECK_FALSE(not_judged(late, "distance"));
  CHECK_FALSE(not_judged(late, "cooldown"));

  // Distance over 50 s only: under a minute moving, yet audited (not skipped as too short to
  // audit), since the rest may have been running; its pace is too little to judge.
  Activity brief = pod(1000, 1050);
  brief.sport = Sport::running;
  const signal::Prepared prepared = signal::prepare(brief);
  REQUIRE(prepared.metrics.moving_time_s < 60);
  CHECK_FALSE(skip_reason(brief, prepared, Selection{}));
  const Judgement j = judge(prepared, with_pace());
  CHECK(j.verdict == Verdict::unjudged);
  REQUIRE(why(j, "duration"));
  CHECK(why(j, "duration")->why == Unjudged::distance_unmeasured);
}

TEST_CASE("audit: climb and grade between samples too far apart along the run are not judged",
          "[audit]") {
  // 30 minutes at 2.65 m/s over rolling hills of ±20 m every 600 m, a barometric altimeter's:
  // 67 m/km of climb and 200 m (the grade window) climbing 17 %, both over the default limits.
  // Recorded every 1 s both fail; every 60 s (159 m apart) a hill is still seen, a 200 m window
  // is not placed (grade not judged); every 90 s (238 m apart: a hill falls between two
  // samples) neither is judged.
  synth::Options o = steady(2.65);
  o.elevation = synth::rolling_hills(20, 600);
  o.noise = synth::Noise::barometric();
  const auto coarse_why = [](const Judgement& j, const std::string& rule) {
    const auto it = std::find_if(j.not_judged.begin(), j.not_judged.end(),
                                 [&](const NotJudged& n) { return n.rule == rule; });
    return it != j.not_judged.end() && it->why == Unjudged::too_coarse ? it->detail : std::string();
  };
  const Judgement fine = judge_run(o);
  CHECK_FALSE(of_rule(fine, "elevation_gain").empty());
  CHECK_FALSE(of_rule(fine, "grade").empty());
  o.interval_s = 60;
  const Judgement minute = judge_run(o);
  CHECK_FALSE(not_judged(minute, "elevation_gain"));
  CHECK(of_rule(minute, "grade").empty());
  const std::string minute_why = coarse_why(minute, "grade");
  REQUIRE(minute_why.rfind("one sample every ", 0) == 0);
  CHECK(std::stod(minute_why.substr(17)) == Approx(60 * 2.65).margin(3));
  CHECK(minute_why.substr(minute_why.size() - 11) == " m (median)");
  o.interval_s = 90;
  const Judgement sparse = judge_run(o);
  CHECK(of_rule(sparse, "elevation_gain").empty());
  CHECK(of_rule(sparse, "grade").empty());
  const std::string sparse_why = coarse_why(sparse, "elevation_gain");
  REQUIRE(sparse_why.rfind("one sample every ", 0) == 0);
  CHECK(std::stod(sparse_why.substr(17)) == Approx(90 * 2.65).margin(3));  // GPS noise
  CHECK_FALSE(coarse_why(sparse, "grade").empty());
}

TEST_CASE("audit: a run whose trackpoints hold no distance is judged by the device's total",
          "[audit]") {
  // 30 minutes recorded by a heart-rate strap: times and heart rate only; the device's session
  // says 6.0 km. Against 5 km it is over (a major finding, by the device's total); against
  // 8 km it is within, judged; without a total, not judged.
  synth::Options o = steady(2.65);
  Activity a = synth::generate(o).activity;
  for (Sample& s : a.samples) {
    s.latitude_deg.reset();
    s.longitude_deg.reset();
    s.distance_m.reset();
    s.speed_m_per_s.reset();
  }
  Limits limits = with_pace();
  limits.max_distance_m = Limit{5000, LimitSource::flag};
  a.device_distance_m = 6000;
  const Judgement over = judge(signal::prepare(a), limits);
  const auto found = of_rule(over, "distance");
  REQUIRE(found.size() == 1u);
  CHECK(found[0].value == 6000);
  CHECK(found[0].by_device_total);
  CHECK(found[0].severity == Severity::major);  // 20 % over
  limits.max_distance_m = Limit{8000, LimitSource::flag};
  const Judgement within = judge(signal::prepare(a), limits);
  CHECK(of_rule(within, "distance").empty());
  CHECK_FALSE(not_judged(within, "distance"));
  a.device_distance_m.reset();
  const Judgement unknown = judge(signal::prepare(a), limits);
  CHECK(not_judged(unknown, "distance"));
  a.device_distance_m = 0;  // a TCX's laps of 0 m: no total either
  CHECK(not_judged(judge(signal::prepare(a), limits), "distance"));
}

TEST_CASE("audit: a surge or a cool-down between samples too far apart to see it is not judged",
          "[audit]") {
  // 30 minutes at 2.65 m/s with a 60 s surge at 4 m/s at minute 15, and a 4-minute cool-down
  // walk: at 1 s the surge is seen and the walk is enough; recorded every 45 s (a summary's
  // points, a sparse logger), neither can be seen, whatever falls between the samples.
  synth::Options o = steady(2.65);
  o.legs = {{synth::Leg::move, 900, 2.65},
            {synth::Leg::move, 60, 4.0},
            {synth::Leg::move, 840, 2.65},
            {synth::Leg::move, 240, 1.4}};
  const Judgement fine = judge_run(o);
  CHECK_FALSE(of_rule(fine, "surge").empty());
  CHECK_FALSE(not_judged(fine, "cooldown"));
  CHECK(of_rule(fine, "cooldown").empty());
  o.interval_s = 45;
  const Judgement coarse = judge_run(o);
  CHECK(of_rule(coarse, "surge").empty());
  const auto why = [&](const std::string& rule) {
    return std::find_if(coarse.not_judged.begin(), coarse.not_judged.end(),
                        [&](const NotJudged& n) { return n.rule == rule; });
  };
  REQUIRE(why("surge") != coarse.not_judged.end());
  CHECK(why("surge")->why == Unjudged::too_coarse);
  CHECK(why("surge")->detail == "one sample every 0:45 (median)");
  REQUIRE(why("cooldown") != coarse.not_judged.end());
  CHECK(why("cooldown")->why == Unjudged::too_coarse);
  CHECK_FALSE(not_judged(coarse, "pace"));  // the average needs no resolution
  // Every 20 s: the surge's 30 s means hold one or two samples (a 5-minute surge went unseen);
  // the 4-minute walk is still seen.
  o.interval_s = 20;
  const Judgement sparse = judge_run(o);
  CHECK(of_rule(sparse, "surge").empty());
  CHECK(not_judged(sparse, "surge"));
  CHECK_FALSE(not_judged(sparse, "cooldown"));
  CHECK(of_rule(sparse, "cooldown").empty());
}

TEST_CASE("audit: duration and distance fire from the point the limit is passed", "[audit]") {
  const Judgement j = judge_run(steady(2.65, 3300));  // 55 min, 8.7 km (+ cool-down)
  const auto d = of_rule(j, "duration");
  REQUIRE(d.size() == 1);
  CHECK(d[0].value == Approx(3300).margin(30));  // cool-down walk not counted
  CHECK(d[0].start_s == Approx(45 * 60).margin(30));
  const auto km = of_rule(j, "distance");
  REQUIRE(km.size() == 1);
  CHECK(km[0].start_m == Approx(8000).margin(40));
  CHECK(km[0].value == Approx(3300 * 2.65).epsilon(0.02));
  CHECK_FALSE(km[0].by_device_total);  // the samples' distance, the file whole
}

TEST_CASE("audit: a distance within GPS accuracy of its limit is no breach", "[audit]") {
  // 3040 s at 2.65 m/s = 8.06 km before the cool-down: over 8 km by less than the 1 % GPS
  // distance cannot tell; 3150 s = 8.35 km (4.3 % over) is a breach.
  const signal::Prepared p = signal::prepare(synth::generate(steady(2.65, 3040)).activity);
  const double effort_m = effort_of(p).distance_m;
  REQUIRE(effort_m > 8000);
  REQUIRE(effort_m < 8080);
  CHECK(of_rule(judge(p, with_pace()), "distance").empty());
  CHECK(of_rule(judge_run(steady(2.65, 3150)), "distance").size() == 1);
}

TEST_CASE("audit: a track far longer than the device's distance judges only what both back",
          "[audit]") {
  // The GPS track reads 30 % longer than the device's own distance (track_over_device 1.3): by
  // the device the run was 1.3 times slower, shorter and steeper per km. A finding that holds
  // by either distance stands; one that the track alone gives is not judged.
  const auto disputed = [](const synth::Options& o, const Limits& limits = with_pace()) {
    signal::Prepared p = signal::prepare(synth::generate(o).activity);
    p.track_over_device = 1.3;
    return judge(p, limits);
  };
  const auto reason = [](const Judgement& j, const std::string& rule) -> const NotJudged* {
    for (const NotJudged& n : j.not_judged)
      if (n.rule == rule) return &n;
    return nullptr;
  };
  // 5:23/km by the track against 6:00/km: by the device 7:00/km. Not judged.
  const Judgement fast = disputed(steady(3.1));
  CHECK(of_rule(fast, "pace").empty());
  REQUIRE(reason(fast, "pace"));
  CHECK(reason(fast, "pace")->why == Unjudged::distance_disputed);
  CHECK(reason(fast, "pace")->detail ==
        "the GPS track reads 30 % longer than the device's own distance over the same stretches");
  CHECK(fast.verdict == Verdict::unjudged);
  // 4:02/km by the track, 5:14/km by the device: too fast by both. Judged, by the device's.
  const Judgement faster = disputed(steady(4.13));
  const auto pace = of_rule(faster, "pace");
  REQUIRE(pace.size() == 1);
  CHECK(pace[0].value == Approx(1000 / 4.13 * 1.3).epsilon(0.02));
  CHECK(faster.verdict == Verdict::fail);
  // 6:17/km by the track: slower still by the device's distance. Judged, and passed; no surge
  // found on the track, none judged missing.
  const Judgement slow = disputed(steady(2.65));
  CHECK(of_rule(slow, "pace").empty());
  CHECK_FALSE(reason(slow, "pace"));
  CHECK_FALSE(reason(slow, "surge"));
  CHECK(slow.verdict == Verdict::pass);
  // A 2-minute surge at 4:00/km on the track: perhaps its noise. Not judged, and no pass.
  synth::Options surging = steady(2.65);
  surging.legs = {{synth::Leg::move, 600, 2.65},
                  {synth::Leg::move, 120, 4.2},
                  {synth::Leg::move, 600, 2.65},
                  {synth::Leg::move, 240, 1.4}};
  REQUIRE(of_rule(judge_run(surging), "surge").size() == 1);
  const Judgement surged = disputed(surging);
  CHECK(of_rule(surged, "surge").empty());
  REQUIRE(reason(surged, "surge"));
  CHECK(reason(surged, "surge")->why == Unjudged::distance_disputed);
  CHECK(surged.verdict == Verdict::unjudged);
  // 8.7 km by the track over an 8 km limit: 6.7 km by the device. Not judged; the duration,
  // which no distance changes, fails the run.
  const Judgement long_run = disputed(steady(2.65, 3300));
  CHECK(of_rule(long_run, "distance").empty());
  REQUIRE(reason(long_run, "distance"));
  CHECK(reason(long_run, "distance")->why == Unjudged::distance_disputed);
  CHECK(of_rule(long_run, "duration").size() == 1);
  // 12.6 km by the track, 9.7 km by the device, under a 45 min duration limit raised to 2 h:
  // over 8 km by both, judged by the device's; never a pass with the distance not judged.
  Limits long_ok = with_pace();
  long_ok.max_duration_s = Limit{7200, LimitSource::flag};
  const Judgement longer = disputed(steady(2.65, 4750), long_ok);
  const auto km = of_rule(longer, "distance");
  REQUIRE(km.size() == 1);
  CHECK(km[0].value == Approx(4750 * 2.65 / 1.3).epsilon(0.02));
  CHECK(longer.verdict == Verdict::fail);
  // Under 8 km by the device only: not judged, and the run, passing all else, is unjudged.
  const Judgement between = disputed(steady(2.65, 3300), long_ok);
  REQUIRE(reason(between, "distance"));
  CHECK(between.verdict == Verdict::unjudged);
  // Climbing about 8 m/km by the track, under 10 m/km: over it by the device. Not judged.
  synth::Options rolling = steady(2.65);
  rolling.elevation = [](double d) {  // 1 km up at 2.3 %, 1 km down, and again
    const double in = std::fmod(d, 2000);
    return 0.023 * (in < 1000 ? in : 2000 - in);
  };
  const signal::Prepared plain = signal::prepare(synth::generate(rolling).activity);
  REQUIRE(plain.metrics.gain_per_km_m);
  INFO("gain " << *plain.metrics.gain_per_km_m << " m/km");
  REQUIRE(*plain.metrics.gain_per_km_m < 10);
  REQUIRE(*plain.metrics.gain_per_km_m * 1.3 > 10);
  const Judgement rolling_j = disputed(rolling);
  REQUIRE(reason(rolling_j, "elevation_gain"));
  CHECK(reason(rolling_j, "elevation_gain")->why == Unjudged::distance_disputed);
  // Without the dispute, each of these is judged as the track says.
  CHECK(of_rule(judge_run(steady(3.1)), "pace").size() == 1);
  CHECK_FALSE(reason(judge_run(rolling), "elevation_gain"));
}

TEST_CASE("audit: a damaged file's totals under their limits are not judged, over them are",
          "[audit]") {
  // The file ends early (a FIT truncated by a dead battery): what was read is a lower bound.
  const auto damaged = [](const synth::Options& o) {
    Activity a = synth::generate(o).activity;
    a.notes.push_back({NoteCode::file_damaged, 1, 0, "file damaged at byte 99949", 99949});
    return signal::prepare(a);
  };
  const auto because = [](const Judgement& j, const std::string& rule, Unjudged why) {
    return std::any_of(j.not_judged.begin(), j.not_judged.end(),
                       [&](const NotJudged& n) { return n.rule == rule && n.why == why; });
  };
  SECTION("30 min, 4.8 km read: duration, distance and the cool-down are unknown") {
    synth::Options o = steady(2.65);
    o.legs.pop_back();  // no walk in the part read
    const signal::Prepared p = damaged(o);
    REQUIRE(p.damaged_at_byte == 99949);
    const Judgement j = judge(p, with_pace());
    CHECK(because(j, "duration", Unjudged::recording_incomplete));
    CHECK(because(j, "distance", Unjudged::recording_incomplete));
    CHECK(because(j, "cooldown", Unjudged::recording_incomplete));
    CHECK(of_rule(j, "cooldown").empty());
    CHECK_FALSE(not_judged(j, "pace"));  // judged on the part read
    // Slow enough as far as it goes, but how long it went is unknown: no pass, and that is why.
    CHECK(j.verdict == Verdict::unjudged);
    const NotJudged* why = unknowable_rule(j);
    REQUIRE(why);
    CHECK(why->rule == "duration");
    CHECK(why->why == Unjudged::recording_incomplete);
  }
  SECTION("6.3 km read of a run the device measured at 13.1 km: no average stands for it") {
    // 30 min at 3.5 m/s (too fast for the limit as far as it goes), 6.3 km read of 13 km.
    synth::Options o = steady(3.5);
    o.legs.pop_back();
    Activity a = synth::generate(o).activity;
    a.notes.push_back({NoteCode::file_damaged, 1, 0, "file damaged at byte 99949", 99949});
    const double read_m = 3.5 * 1800;
    // A distance limit the device's total keeps under (a total over it fails the run: below).
    Limits limits = with_pace();
    limits.max_distance_m = Limit{20'000, LimitSource::flag};
    for (const double device_m : {read_m / 0.48, read_m / 0.52}) {
      a.device_distance_m = device_m;
      INFO("device distance " << device_m << " m");
      const Judgement j = judge(signal::prepare(a), limits);
      const bool fragment = device_m > 2 * read_m;
      for (const char* rule : {"pace", "heart_rate", "elevation_gain"}) {
        INFO(rule);
        const auto it = std::find_if(j.not_judged.begin(), j.not_judged.end(),
                                     [&](const NotJudged& x) { return x.rule == rule; });
        const NotJudged* n = it == j.not_judged.end() ? nullptr : &*it;
        CHECK(bool(n && n->why == Unjudged::recording_incomplete) == fragment);
        if (fragment && n)
          CHECK(n->detail ==
                "at byte 99949 and was read only up to there: what was read is 48 % of the "
                "device's distance");
      }
      // A fragment too fast is no evidence the run was: unjudged, not failed; more than half
      // of the run too fast is.
      CHECK(j.verdict == (fragment ? Verdict::unjudged : Verdict::fail));
    }
  }
  SECTION("the device's total over the distance limit by more than a cool-down walk fails it") {
    // 30 min at 2.65 m/s, 4.77 km read; the session, written before the damage, says more.
    synth::Options o = steady(2.65);
    o.legs.pop_back();
    Activity a = synth::generate(o).activity;
    a.notes.push_back({NoteCode::file_damaged, 1, 0, "file damaged at byte 99949", 99949});
    // 8 km limit, 8.08 km with the GPS tolerance: 8.08 + 0.84 km (10 min walking) is the most a
    // run within it and its cool-down walk cover.
    a.device_distance_m = 8900;
    Judgement j = judge(signal::prepare(a), with_pace());
    CHECK(of_rule(j, "distance").empty());
    CHECK(because(j, "distance", Unjudged::recording_incomplete));
    a.device_distance_m = 12'000;  // 50 % over: major
    j = judge(signal::prepare(a), with_pace());
    const auto over = of_rule(j, "distance");
    REQUIRE(over.size() == 1);
    CHECK(over[0].value == 12'000);
    CHECK(over[0].limit == 8000);
    CHECK(over[0].by_device_total);
    CHECK(over[0].severity == Severity::major);
    CHECK(j.verdict == Verdict::fail);
    CHECK(because(j, "duration", Unjudged::recording_incomplete));  // the timer is no moving time
  }
  SECTION("a damaged file without the device's total: the share of the file read stands in") {
    synth::Options o = steady(3.5);
    o.legs.pop_back();
    Activity a = synth::generate(o).activity;
    a.notes.push_back({NoteCode::file_damaged, 1, 0, "file damaged at byte 99949", 99949});
    for (const double share : {0.3, 0.7}) {
      a.read_share = share;
      INFO("share read " << share);
      const Judgement j = judge(signal::prepare(a), with_pace());
      const bool fragment = share < 0.5;
      CHECK(bool(not_judged(j, "pace")) == fragment);
      if (fragment)
        CHECK(std::any_of(j.not_judged.begin(), j.not_judged.end(), [](const NotJudged& n) {
          return n.detail ==
                 "at byte 99949 and was read only up to there: what was read is 30 % of the file, "
                 "by the size its header gives";
        }));
      CHECK(j.verdict == (fragment ? Verdict::unjudged : Verdict::fail));
    }
  }
  SECTION("55 min, 8.7 km read: already over both limits, whatever followed") {
    const Judgement j = judge(damaged(steady(2.65, 3300)), with_pace());
    CHECK(of_rule(j, "duration").size() == 1);
    CHECK(of_rule(j, "distance").size() == 1);
    CHECK(j.verdict == Verdict::fail);
  }
}

TEST_CASE("audit: a file cut short by an unknown share: averages stand on half the duration limit",
          "[audit]") {
  // An XML file cut off tells neither the device's distance nor its own length: what was read
  // stands for a run within the 45 min limit when it is 22:30 or more of it (and a longer run is
  // no recovery run anyway). Both runs are too fast (3.5 m/s, limit 6:00/km = 2.78 m/s); the
  // first 1 s of a generated run is the start from standing, not moving time.
  for (const double read_s : {1200.0, 1500.0}) {
    INFO("moving time read " << read_s << " s");
    synth::Options o = steady(3.5, read_s);
    o.legs.pop_back();
    Activity a = synth::generate(o).activity;
    a.notes.push_back({NoteCode::file_damaged, 1, 0, "file cut short at byte 5000", 5000});
    const Judgement j = judge(signal::prepare(a), with_pace());
    const bool fragment = read_s < 0.5 * 45 * 60;
    CHECK(bool(not_judged(j, "pace")) == fragment);
    CHECK(of_rule(j, "pace").size() == (fragment ? 0u : 1u));
    if (fragment)
      CHECK(std::any_of(j.not_judged.begin(), j.not_judged.end(), [](const NotJudged& n) {
        return n.rule == "pace" &&
               n.detail ==
                   "at byte 5000 and was read only up to there: how much is missing is "
                   "unknown, and what was read (19:59 moving) is under half the 45:00 a "
                   "recovery run may last";
      }));
    CHECK(j.verdict == (fragment ? Verdict::unjudged : Verdict::fail));
  }
}

TEST_CASE("audit: a GPX whose clock goes back mid-run is part of a run, not a shorter one",
          "[audit]") {
  // 60 min at 2.5 m/s due north (9 km: over the 45 min and 8 km limits), one trackpoint a
  // second; from minute 30 the clock reads an hour early (set back), so the second half lies
  // before the first and is dropped out of time order. 30 min and 4.5 km remain: under both
  // limits, but only because half the run is missing.
  const std::int64_t start_ms = 1714545000000;  // 2024-05-01T06:30:00Z
  const auto document = [&](int set_back_from, int set_back_s = 3600, double speed = 2.5) {
    std::string doc =
        "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"test\" "
        "xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><type>running</type><trkseg>\n";
    for (int t = 0; t < 3600; ++t) {
      char point[80];
      std::snprintf(point, sizeof point, "<trkpt lat=\"%.7f\" lon=\"8.54\"><time>",
                    47.37 + speed * t / 111195.0);
      const std::int64_t clock_ms = start_ms + (t - (t >= set_back_from ? set_back_s : 0)) * 1000;
      doc += point + format_rfc3339(clock_ms) + "</time></trkpt>\n";
    }
    return doc + "</trkseg></trk></gpx>\n";
  };
  const auto audit = [](std::string doc) {
    const signal::Prepared p = signal::prepare(io::parse_gpx(doc, "run.gpx").at(0));
    return std::pair{p, judge(p, with_pace())};
  };
  SECTION("half the run behind the clock: totals not judged, the run unjudged") {
    const auto [p, j] = audit(document(1800));
    CHECK(p.dropped_out_of_order == 1800);
    CHECK(p.read_share == Approx(0.5));
    CHECK(p.metrics.moving_time_s == Approx(1799).margin(1));
    for (const char* rule : {"duration", "distance", "cooldown"}) {
      INFO(rule);
      CHECK(std::any_of(j.not_judged.begin(), j.not_judged.end(), [&](const NotJudged& n) {
        return n.rule == rule && n.why == Unjudged::recording_incomplete &&
               n.detail.find(
                   ", where its time goes back: 1800 trackpoints out of time order "
                   "were dropped, so part of the run is missing") != std::string::npos;
      }));
    }
    CHECK(j.verdict == Verdict::unjudged);  // it was a pass before: 30 min at 6:40/km
  }
  SECTION("a fast run's clock set back 5 min at minute 20: what was read is too fast") {
    // 3.5 m/s (4:46/km, limit 6:00/km); minutes 20-25 dropped (299 points out of time order;
    // the 300th lands on the time of the last point kept, a repeat). No distance is measured
    // across them (the 1050 m they held would be a jump of 1 km in 1 s, a car's speed), so pace
    // is judged on the 55 minutes read, and fails: the run is no pass nor unjudged.
    const auto [p, j] = audit(document(1200, 300, 3.5));
    CHECK(p.dropped_out_of_order == 299);
    CHECK(p.sport_doubt.empty());
    CHECK(p.metrics.moving_time_s == Approx(3300).margin(2));
    CHECK(*p.metrics.distance_m == Approx(3300 * 3.5).epsilon(0.01));
    CHECK(of_rule(j, "pace").size() == 1);
    CHECK(j.verdict == Verdict::fail);
    CHECK(of_rule(j, "duration").size() == 1);  // 55 min read: over 45 min whatever is missing
    CHECK(std::any_of(j.not_judged.begin(), j.not_judged.end(), [](const NotJudged& n) {
      return n.rule == "cooldown" &&
             n.detail.find("so part of the run is missing") != std::string::npos;
    }));
  }
  SECTION("the last 9 s behind the clock: a glitch, the run whole") {
    const auto [p, j] = audit(document(3591));
    CHECK(p.dropped_out_of_order == 0);
    CHECK_FALSE(p.read_share);
    CHECK(of_rule(j, "duration").size() == 1);  // 59:50 moving, over 45 min
    CHECK(j.verdict == Verdict::fail);
  }
}

TEST_CASE("audit: without distance or speed the cool-down is not judged", "[audit]") {
  Activity a = synth::generate(steady(2.65)).activity;
  for (Sample& s : a.samples) {  // HR only: walking looks like running
    s.latitude_deg.reset();
    s.longitude_deg.reset();
  }
  const Judgement j = judge(signal::prepare(a), with_pace());
  CHECK(of_rule(j, "cooldown").empty());
  CHECK(std::any_of(j.not_judged.begin(), j.not_judged.end(), [](const NotJudged& n) {
    return n.rule == "cooldown" && n.why == Unjudged::no_distance;
  }));
}

TEST_CASE("audit: a hilly run breaks elevation_gain and grade at the hill", "[audit]") {
  synth::Options o = steady(2.65);
  o.elevation = [](double d) {  // 1 km at 8 % from 2 km, down again from 3.5 km
    if (d < 2000) return 0.0;
    if (d < 3000) return 0.08 * (d - 2000);
    if (d < 3500) return 80.0;
    if (d < 4500) return 80.0 - 0.08 * (d - 3500);
    return 0.0;
  };
  const Judgement j = judge_run(o);
  REQUIRE(of_rule(j, "elevation_gain").size() == 1);
  const auto g = of_rule(j, "grade");
  REQUIRE(g.size() == 1);
  CHECK(g[0].start_m >= 1800);
  CHECK(g[0].end_m <= 3200);
}

TEST_CASE("audit: no cool-down walk is advice only", "[audit]") {
  synth::Options o = steady(2.65);
  o.legs.pop_back();
  const Judgement j = judge_run(o);
  const auto c = of_rule(j, "cooldown");
  REQUIRE(c.size() == 1);
  CHECK(c[0].severity == Severity::info);
  CHECK(c[0].deduction == 0);
  CHECK(j.verdict == Verdict::pass);
}

TEST_CASE("audit: without a pace anchor pace and surge are not judged", "[audit]") {
  const Limits l = resolve_limits({}, nullptr, std::nullopt);
  CHECK_FALSE(l.pace_limit_s_per_km);
  const Judgement j = judge_run(steady(4.0), l);
  CHECK(not_judged(j, "pace"));
  CHECK(not_judged(j, "surge"));
  CHECK(of_rule(j, "pace").empty());
  // Never a silent pass: nothing else broken, yet the verdict is unjudged, not pass.
  CHECK(j.violations.empty());
  CHECK(j.verdict == runaudit::audit::Verdict::unjudged);
  // A run that another rule fails is a fail whatever its pace: 30 min against a duration limit
  // of 10 min is three times over, a major breach.
  Limits short_limit = l;
  short_limit.max_duration_s = runaudit::audit::Limit{600, runaudit::audit::LimitSource::flag};
  CHECK(judge_run(steady(4.0), short_limit).verdict == runaudit::audit::Verdict::fail);
}

namespace {

// A run that breaks every limited rule with the limits below: 55 min and 9 km at 5:23/km, HR
// near 156 bpm, 1 km at 8 % (80 m up in 9 km: 8.9 m/km).
synth::Options breaks_everything() {
  synth::Options o = steady(3.1, 3300);
  o.elevation = [](double d) { return d < 2000 ? 0.0 : d < 3000 ? 0.08 * (d - 2000) : 80.0; };
  return o;
}

Limits tight() {
  LimitInputs flags;
  flags.pace_limit_s_per_km = limit_pace;
  flags.hr_limit_bpm = 130;
  flags.max_gain_per_km_m = 5;
  return resolve_limits(flags, nullptr, std::nullopt);
}

bool not_judged_for(const Judgement& j, const std::string& rule, Unjudged why) {
  return std::any_of(j.not_judged.begin(), j.not_judged.end(),
                     [&](const NotJudged& n) { return n.rule == rule && n.why == why; });
}

}  // namespace

TEST_CASE("audit: judge reads no absent limit: each rule without its limit is not judged",
          "[audit][limits]") {
  const signal::Prepared run = signal::prepare(synth::generate(breaks_everything()).activity);
  const Judgement all = judge(run, tight());
  for (const char* rule : {"pace", "heart_rate", "duration", "distance", "elevation_gain", "grade"})
    CHECK_FALSE(of_rule(all, rule).empty());
  CHECK(all.not_judged.empty());

  // Without any limit: only the cool-down advice (it has no limit) is judged, and passes.
  const Judgement none = judge(run, Limits{});
  CHECK(none.violations.empty());
  CHECK(none.score == 100);
  CHECK(none.verdict == Verdict::unjudged);  // pace could not be judged: never a pass
  CHECK(not_judged_for(none, "pace", Unjudged::no_pace_limit));
  CHECK(not_judged_for(none, "surge", Unjudged::no_pace_limit));
  CHECK(not_judged_for(none, "heart_rate", Unjudged::no_hr_limit));
  for (const char* rule : {"duration", "distance", "elevation_gain", "grade"})
    CHECK(not_judged_for(none, rule, Unjudged::no_limit));
  CHECK(none.not_judged.size() == 7);

  // One limit absent at a time: that rule alone is not judged.
  const std::pair<const char*, std::optional<Limit> Limits::*> optional_limits[] = {
      {"duration", &Limits::max_duration_s},
      {"distance", &Limits::max_distance_m},
      {"elevation_gain", &Limits::max_gain_per_km_m},
      {"grade", &Limits::max_grade_pct}};
  for (const auto& [rule, member] : optional_limits) {
    Limits l = tight();
    l.*member = std::nullopt;
    const Judgement j = judge(run, l);
    INFO(rule);
    CHECK(of_rule(j, rule).empty());
    CHECK(not_judged_for(j, rule, Unjudged::no_limit));
    CHECK(j.not_judged.size() == 1);
    CHECK(j.violations.size() + of_rule(all, rule).size() == all.violations.size());
  }
}

TEST_CASE("audit: a treadmill run has elevation rules not judged", "[audit]") {
  Activity a;
  for (int i = 0; i <= 1800; ++i) {
    Sample s;
    s.time_ms = 1000LL * i;
    s.distance_m = 2.7 * i;
    s.heart_rate_bpm = 140;
    a.samples.push_back(s);
  }
  a.segment_starts = {0};
  const Judgement j = judge(signal::prepare(a), with_pace());
  CHECK(not_judged(j, "elevation_gain"));
  CHECK(not_judged(j, "grade"));
  CHECK(of_rule(j, "pace").empty());  // 6:10/km, slower than 6:00/km
}

TEST_CASE("audit: score and verdict are monotonic in the size of a breach", "[audit]") {
  double previous_score = 101;
  Verdict previous = Verdict::pass;
  for (const double speed : {2.7, 2.85, 2.95, 3.1, 3.4}) {
    const Judgement j = judge_run(steady(speed));
    INFO("speed " << speed << " score " << j.score);
    CHECK(j.score <= previous_score);
    CHECK(static_cast<int>(j.verdict) >= static_cast<int>(previous));
    previous_score = j.score;
    previous = j.verdict;
  }
  CHECK(previous == Verdict::fail);
}

// docs/score.md: a pace rule breach of excess r = (limit − GAP)/limit costs
// 90·(1 − exp(−r/0.08)) percent of the score. Generated steady runs of rising speed against a
// 6:00/km limit: each score is that curve at the run's judged GAP, the scores fall strictly with
// the speed, and "a bit too fast" (2.5 %) stays far from a tempo run (20 %).
TEST_CASE("score: runs of rising intensity rank and spread along the documented curve",
          "[audit][score]") {
  LimitInputs flags;
  flags.pace_limit_s_per_km = limit_pace;  // no heart-rate limit: the pace rule alone
  const Limits limits = resolve_limits(flags, nullptr, std::nullopt);
  std::vector<double> scores;
  for (const double speed : {2.6, 2.85, 3.0, 3.2, 3.5, 4.0}) {
    const Judgement j = judge_run(steady(speed), limits);
    const auto pace = of_rule(j, "pace");
    double expected = 100;
    if (!pace.empty()) {
      const double r = (limit_pace - pace[0].value) / limit_pace;
      expected = 100 * (1 - 0.9 * (1 - std::exp(-r / 0.08)));
      CHECK(pace[0].deduction == Approx(100 - expected).margin(1e-9));
    }
    INFO("speed " << speed << " score " << j.score << " expected " << expected);
    CHECK(j.score == Approx(expected).margin(0.5));
    scores.push_back(j.score);
  }
  CHECK(scores[0] == 100);  // 6:25/km: slower than the limit
  for (std::size_t i = 1; i < scores.size(); ++i) CHECK(scores[i] < scores[i - 1]);
  CHECK(scores[1] >= 65);              // 5:51/km, 2.5 % too fast: a warning, not a zero
  CHECK(scores[4] <= 25);              // 4:46/km, 21 % too fast: a tempo run
  CHECK(scores[1] - scores[4] >= 40);  // far apart
}

TEST_CASE("score: rules combine multiplicatively and deductions add up to what was lost",
          "[audit][score]") {
  LimitInputs flags;
  flags.pace_limit_s_per_km = limit_pace;
  flags.hr_limit_bpm = 140;  // synth HR ≈ 100 + 18·speed: 157 bpm at 3.2 m/s
  const Judgement j = judge_run(steady(3.2), resolve_limits(flags, nullptr, std::nullopt));
  REQUIRE(!of_rule(j, "pace").empty());
  REQUIRE(!of_rule(j, "heart_rate").empty());
  double lost = 0;
  for (const Violation& v : j.violations) lost += v.deduction;
  CHECK(lost == Approx(100 - j.score).margin(0.5));
  CHECK(j.score > 0);  // two saturating rules never reach 0: 100·(1 − 0.9)·(1 − 0.7) = 3
}

TEST_CASE("limits: flags beat the profile, the profile beats the batch, then defaults",
          "[audit][limits]") {
  LimitInputs flags, profile;
  profile.threshold_pace_s_per_km = 280;
  profile.max_hr_bpm = 190;
  profile.max_duration_s = 40 * 60;
  Limits l = resolve_limits(flags, &profile, 330.0);
  CHECK(l.pace_limit_s_per_km->value == Approx(1.25 * 280));
  CHECK(l.pace_limit_s_per_km->source == LimitSource::profile);
  CHECK(l.hr_limit_bpm->value == Approx(0.76 * 190));
  // Each derived limit keeps its anchor; a given one has none.
  CHECK(l.pace_limit_s_per_km->anchor == LimitAnchor::threshold_pace);
  CHECK(l.pace_limit_s_per_km->anchor_value == 280);
  CHECK(l.hr_limit_bpm->anchor == LimitAnchor::max_hr);
  CHECK(l.hr_limit_bpm->anchor_value == 190);
  CHECK(l.max_duration_s->anchor == LimitAnchor::none);
  CHECK(l.max_duration_s->source == LimitSource::profile);
  CHECK(l.max_distance_m->value == 8000);
  CHECK(l.max_distance_m->source == LimitSource::default_value);

  flags.threshold_pace_s_per_km = 300;
  flags.lthr_bpm = 170;
  l = resolve_limits(flags, &profile, 330.0);
  CHECK(l.pace_limit_s_per_km->value == Approx(375));
  CHECK(l.pace_limit_s_per_km->source == LimitSource::flag);
  CHECK(l.hr_limit_bpm->value == Approx(0.85 * 170));
  CHECK(l.hr_limit_bpm->anchor == LimitAnchor::lthr);
  CHECK(l.hr_limit_bpm->anchor_value == 170);
  // The --config file (a club's defaults) comes after the flags and the athlete: their anchors
  // beat its explicit limits; it beats what the watch and the athlete's runs give.
  LimitInputs config;
  config.pace_limit_s_per_km = 420;
  config.max_grade_pct = 6;
  config.max_duration_s = 50 * 60;
  config.hr_limit_bpm = 150;
  l = resolve_limits(flags, &profile, 330.0, {}, nullptr, &config);
  CHECK(l.pace_limit_s_per_km->value == Approx(375));
  CHECK(l.pace_limit_s_per_km->source == LimitSource::flag);
  CHECK(l.max_grade_pct->value == 6);
  CHECK(l.max_grade_pct->source == LimitSource::config);
  CHECK(l.max_duration_s->value == 40 * 60);  // the profile's
  CHECK(l.max_duration_s->source == LimitSource::profile);
  l = resolve_limits({}, &profile, 330.0, {}, nullptr, &config);
  CHECK(l.pace_limit_s_per_km->value == Approx(1.25 * 280));  // the profile's anchor
  CHECK(l.pace_limit_s_per_km->source == LimitSource::profile);
  CHECK(l.hr_limit_bpm->value == Approx(0.76 * 190));
  LimitInputs watch;
  watch.lthr_bpm = 165;
  l = resolve_limits({}, nullptr, 330.0, watch, nullptr, &config);
  CHECK(l.pace_limit_s_per_km->value == 420);  // over the batch baseline
  CHECK(l.pace_limit_s_per_km->source == LimitSource::config);
  CHECK(l.hr_limit_bpm->value == 150);  // over the watch's threshold
  CHECK(l.hr_limit_bpm->source == LimitSource::config);
  flags.pace_limit_s_per_km = 400;  // an explicit limit beats an anchor
  CHECK(resolve_limits(flags, &profile, 330.0).pace_limit_s_per_km->value == 400);
  CHECK(resolve_limits(flags, &profile, 330.0).pace_limit_s_per_km->anchor == LimitAnchor::none);

  l = resolve_limits({}, nullptr, 330.0);
  CHECK(l.pace_limit_s_per_km->value == Approx(363));
  CHECK(l.pace_limit_s_per_km->source == LimitSource::batch);
  CHECK(l.pace_limit_s_per_km->anchor == LimitAnchor::none);  // its words name the usual GAP
  CHECK_FALSE(l.hr_limit_bpm);
  // The device's anchors: its LTHR.
  LimitInputs device;
  device.lthr_bpm = 165;
  l = resolve_limits({}, nullptr, std::nullopt, device);
  CHECK(l.hr_limit_bpm->source == LimitSource::device);
  CHECK(l.hr_limit_bpm->anchor == LimitAnchor::lthr);
  CHECK(l.hr_limit_bpm->anchor_value == 165);
}

TEST_CASE("limits: the batch baseline is the median of at least 5 runs", "[audit][limits]") {
  CHECK_FALSE(usual_pace({300, 310, 320, 330}));
  CHECK(*usual_pace({330, 300, 320, 310, 900}) == 320);
  CHECK(*usual_pace({300, 310, 320, 330, 340, 350}) == 325);
}

TEST_CASE("limits: paces parse as M:SS", "[audit][limits]") {
  CHECK(*parse_pace("5:30") == 330);
  CHECK(*parse_pace("05:07") == 307);
  CHECK(*parse_pace("0:59:59") == 3599);
  CHECK_FALSE(parse_pace("7:75"));
  CHECK_FALSE(parse_pace("5"));
  CHECK_FALSE(parse_pace("-5:30"));
  CHECK_FALSE(parse_pace("5:3x"));
  CHECK_FALSE(parse_pace("0:00"));
  CHECK_FALSE(parse_pace("60:00"));
}

TEST_CASE("limits: the athletes CSV, with quoting and errors", "[audit][limits]") {
  const std::string path = "test_athletes.csv";
  const auto write = [&](const std::string& text) { std::ofstream(path) << text; };
  write(
      "Name,threshold_pace,max_hr,lthr,max_distance_km\n"
      "\"Smith, Ann\",4:30,185,,10\n"
      "\"Bob \"\"B\"\" Jones\",5:10,,160,\n");
  const auto a = read_athletes(path);
  REQUIRE(a.size() == 2);
  CHECK(a[0].name == "Smith, Ann");
  CHECK(*a[0].inputs.threshold_pace_s_per_km == 270);
  CHECK(*a[0].inputs.max_hr_bpm == 185);
  CHECK_FALSE(a[0].inputs.lthr_bpm);
  CHECK(*a[0].inputs.max_distance_m == 10000);
  CHECK(a[1].name == "Bob \"B\" Jones");
  CHECK(*a[1].inputs.lthr_bpm == 160);

  write("name,threshold_pace\nann,7:75\n");
  CHECK_THROWS_WITH(read_athletes(path),
                    Catch::Contains(":2: bad_value: bad threshold_pace '7:75'"));
  write("name,max_hr\nann,-150\n");
  CHECK_THROWS_WITH(read_athletes(path), Catch::Contains(":2: bad_value: bad max_hr"));
  // Out of range, by parse_limit: the cell as written, and what it must be.
  write("name,lthr,max_distance_km\nann,160,8\nbob,300,8\n");
  CHECK_THROWS_WITH(
      read_athletes(path),
      Catch::Contains(":3: bad_value: bad lthr '300' (expected a heart rate of 25..250 bpm)"));
  write("name,max_distance_km\nann,1e9\n");
  CHECK_THROWS_WITH(read_athletes(path),
                    Catch::Contains(":2: bad_value: bad max_distance_km '1e9'"));
  write("name,threshhold_pace\n");
  CHECK_THROWS_WITH(read_athletes(path), Catch::Contains("unknown column 'threshhold_pace'"));
  write("name,lthr\nann,160\nann,150\n");
  CHECK_THROWS_WITH(read_athletes(path),
                    Catch::Contains(":3: bad_value: athlete 'ann' listed twice"));
  // Saved by a spreadsheet whose decimal mark is the comma: semicolons between the cells.
  write("name;threshold_pace;max_hr\r\n\"Smith; Ann\";4:30;185\r\nbob;5:10;\r\n");
  const auto semicolons = read_athletes(path);
  REQUIRE(semicolons.size() == 2);
  CHECK(semicolons[0].name == "Smith; Ann");
  CHECK(*semicolons[0].inputs.threshold_pace_s_per_km == 270);
  CHECK(*semicolons[0].inputs.max_hr_bpm == 185);
  CHECK(semicolons[1].name == "bob");
  CHECK_FALSE(semicolons[1].inputs.max_hr_bpm);
  // Its numbers with a decimal comma, as the spreadsheet wrote them; names left as they are.
  write("name;max_grade_pct;max_distance;hr_limit\nzoe;4,5;7,5 km;144,5bpm\nann;3;8;140\n");
  const auto commas = read_athletes(path);
  REQUIRE(commas.size() == 2);
  CHECK(commas[0].name == "zoe");
  CHECK(*commas[0].inputs.max_grade_pct == 4.5);
  CHECK(*commas[0].inputs.max_distance_m == 7500);
  CHECK(*commas[0].inputs.hr_limit_bpm == 144.5);
  write("name;max_grade_pct\n\"Smith, Ann\";4\n");
  CHECK(read_athletes(path).at(0).name == "Smith, Ann");
  // A header with a comma is comma-separated, whatever semicolons its cells hold.
  write("name,notes;x\n");
  CHECK_THROWS_WITH(read_athletes(path), Catch::Contains("unknown column 'notes;x'"));
  std::remove(path.c_str());
}

TEST_CASE("selection: sports from the file and from the speed profile", "[audit]") {
  synth::Options o = steady(8.0, 1200);  // 29 km/h
  synth::Run ride = synth::generate(o);
  ride.activity.sport = Sport::unknown;
  const signal::Prepared p = signal::prepare(ride.activity);
  CHECK(effective_sport(ride.activity, p) == Sport::cycling);
  const auto why = skip_reason(ride.activity, p, {});
  REQUIRE(why);
  CHECK(why->find("cycling (inferred: median moving speed 28.") == 0);
  Selection any;
  any.any_sport = true;
  CHECK_FALSE(skip_reason(ride.activity, p, any));

  synth::Run run = synth::generate(steady(2.8, 600));
  run.activity.sport = Sport::unknown;
  run.activity.name = "Tempo Tuesday";
  const signal::Prepared q = signal::prepare(run.activity);
  CHECK(effective_sport(run.activity, q) == Sport::running);
  Selection match;
  match.match = std::regex("recovery|easy", std::regex::icase);
  CHECK(*skip_reason(run.activity, q, match) == "name, type and workout do not match --match");
  run.activity.name = "Easy Tuesday";
  CHECK_FALSE(skip_reason(run.activity, q, match));
  // An unnamed activity (TCX has no title) is matched by its file name.
  run.activity.name.clear();
  run.activity.file = "uploads/ann/2026-11-20-recovery.tcx";
  CHECK_FALSE(skip_reason(run.activity, q, match));
}

namespace {

// A generated activity naming no sport, with @p legs and, when given, a cadence on every sample.
synth::Run unnamed(std::vector<synth::Leg> legs, std::optional<double> cadence_spm = {}) {
  synth::Options o;
  o.path = synth::straight;
  o.legs = std::move(legs);
  synth::Run run = synth::generate(o);
  run.activity.sport = Sport::unknown;
  for (Sample& s : run.activity.samples) s.cadence_spm = cadence_spm;
  return run;
}

}  // namespace

// Issue: a GPX ride at 3:00/km from a GPS unit (no sport, no bike computer named) was audited
// as a run; FIT "generic" hikes at 14:10/km and a rowing boat's recording too.
TEST_CASE("selection: the sport of an activity that names none, and why", "[audit]") {
  SECTION("25 minutes at 5.2 m/s and 10 of descents at 8 m/s: a ride") {
    const synth::Run ride = unnamed({{synth::Leg::move, 750, 5.2},
                                     {synth::Leg::move, 300, 8.0},
                                     {synth::Leg::move, 750, 5.2},
                                     {synth::Leg::move, 300, 8.0}});
    const signal::Prepared p = signal::prepare(ride.activity);
    const SportGuess g = guess_sport(ride.activity, p);
    CHECK(g.sport == Sport::cycling);
    CHECK(g.inferred.find("% of it faster than 6.5 m/s: no recovery run") != std::string::npos);
    const auto why = skip_reason(ride.activity, p, {});
    REQUIRE(why);
    INFO(*why);
    CHECK(why->rfind("cycling (inferred: median moving speed 5.", 0) == 0);
  }
  SECTION("the same ride profile for 15 minutes: too short to tell") {
    const synth::Run run = unnamed({{synth::Leg::move, 600, 5.2}, {synth::Leg::move, 300, 8.0}});
    CHECK(effective_sport(run.activity, signal::prepare(run.activity)) == Sport::running);
  }
  SECTION("35 minutes at an even 5.5 m/s: a fast runner's pace, a run") {
    const synth::Run run = unnamed({{synth::Leg::move, 2100, 5.5}});
    CHECK(effective_sport(run.activity, signal::prepare(run.activity)) == Sport::running);
  }
  SECTION("a hike at 1.3 m/s with a 2-minute jog, walking cadence: walking") {
    const synth::Run hike = unnamed({{synth::Leg::move, 1500, 1.3},
                                     {synth::Leg::move, 120, 2.6},
                                     {synth::Leg::move, 1500, 1.3}},
                                    110.0);
    const signal::Prepared p = signal::prepare(hike.activity);
    const SportGuess g = guess_sport(hike.activity, p);
    CHECK(g.sport == Sport::walking);
    CHECK(g.inferred.find("walking cadence (median 110 steps/min)") != std::string::npos);
  }
  SECTION("a walk at 1.3 m/s whose first 2 minutes jogged, no cadence: walking") {
    const synth::Run walk = unnamed({{synth::Leg::move, 120, 2.6}, {synth::Leg::move, 3000, 1.3}});
    const SportGuess g = guess_sport(walk.activity, signal::prepare(walk.activity));
    CHECK(g.sport == Sport::walking);
    // Jogging a third of the time: a run (a slow run/walk).
    const synth::Run jog = unnamed({{synth::Leg::move, 1000, 2.6}, {synth::Leg::move, 2000, 1.3}});
    CHECK(effective_sport(jog.activity, signal::prepare(jog.activity)) == Sport::running);
  }
  SECTION("one stray cadence value in 1800 (10/min) tells nothing: a run") {
    synth::Run run = unnamed({{synth::Leg::move, 1800, 2.8}});
    for (runaudit::Sample& sample : run.activity.samples) sample.cadence_spm.reset();
    run.activity.samples[900].cadence_spm = 10;
    CHECK(effective_sport(run.activity, signal::prepare(run.activity)) == Sport::running);
  }
  SECTION("2.8 m/s at 40 strokes/min: not on foot") {
    const synth::Run row = unnamed({{synth::Leg::move, 1800, 2.8}}, 40.0);
    const signal::Prepared p = signal::prepare(row.activity);
    CHECK(effective_sport(row.activity, p) == Sport::other);
    const auto why = skip_reason(row.activity, p, {});
    REQUIRE(why);
    CHECK(why->rfind("other (inferred: median cadence 40/min, below any walking", 0) == 0);
  }
  SECTION("3.4 m/s at 82 kicks/min (a classic skier's): steps of 2.5 m, not on foot") {
    const synth::Run ski = unnamed({{synth::Leg::move, 1800, 3.4}}, 82.0);
    const signal::Prepared p = signal::prepare(ski.activity);
    const SportGuess g = guess_sport(ski.activity, p);
    CHECK(g.sport == Sport::other);
    CHECK(g.inferred.find("steps of 2.5 m, longer than anyone's on foot") != std::string::npos);
  }
  SECTION("5.5 m/s at 170 steps/min (1.9 m steps): a run") {
    const synth::Run run = unnamed({{synth::Leg::move, 2100, 5.5}}, 170.0);
    CHECK(effective_sport(run.activity, signal::prepare(run.activity)) == Sport::running);
  }
  SECTION("2.8 m/s at 170 steps/min: a run, said to be inferred") {
    const synth::Run run = unnamed({{synth::Leg::move, 1800, 2.8}}, 170.0);
    const SportGuess g = guess_sport(run.activity, signal::prepare(run.activity));
    CHECK(g.sport == Sport::running);
    CHECK(g.inferred.rfind("median moving speed 2.8 m/s", 0) == 0);
  }
  SECTION("a sport named by the file is never inferred") {
    synth::Run run = unnamed({{synth::Leg::move, 2100, 5.5}});
    run.activity.sport = Sport::running;
    const SportGuess g = guess_sport(run.activity, signal::prepare(run.activity));
    CHECK(g.sport == Sport::running);
    CHECK(g.inferred.empty());
  }
}

TEST_CASE("selection: TCX's \"Other\" is skipped, saying how to audit it", "[audit]") {
  synth::Run run = unnamed({{synth::Leg::move, 1800, 2.6}});
  run.activity.format = Format::tcx;
  run.activity.sport_raw = "Other";
  run.activity.sport = Sport::other;
  const signal::Prepared p = signal::prepare(run.activity);
  CHECK(skip_reason(run.activity, p, {}) ==
        "other: not a run (TCX's \"Other\": any sport but running and biking; --sport any "
        "audits it)");
  run.activity.sport_raw = " Other ";  // as written, padded
  CHECK(skip_reason(run.activity, p, {})->find("--sport any audits it") != std::string::npos);
  run.activity.sport_raw = "Other";
  run.activity.format = Format::fit;  // FIT names its sports: "other" is not a catch-all there
  CHECK(skip_reason(run.activity, p, {}) == "Other: not a run");
}

TEST_CASE("selection: under a minute of movement is not a run to judge", "[audit][regression]") {
  synth::Options o = steady(2.8, 40);
  o.legs.pop_back();
  const synth::Run run = synth::generate(o);
  const signal::Prepared p = signal::prepare(run.activity);
  const auto why = skip_reason(run.activity, p, {});
  REQUIRE(why);
  CHECK(why->find("less than a minute of movement") == 0);
}

TEST_CASE("selection: --match over a name of 100 000 characters searches its head, no crash",
          "[audit][regression]") {
  // std::regex recursed per character a match spans: 'a.*' over 50 000 characters overflowed
  // the stack (a crash of the whole batch by one hostile name).
  const synth::Run run = synth::generate(steady(2.8, 300));
  const signal::Prepared p = signal::prepare(run.activity);
  Activity named = run.activity;
  named.name = std::string(100'000, 'a') + " tempo";
  Selection sel;
  for (const char* re : {"a.*", "(a|b)*c", ".*x"}) {
    sel.match = std::regex(re, std::regex::ECMAScript | std::regex::icase);
    INFO(re);
    const auto why = skip_reason(named, p, sel);
    CHECK(why.has_value() == (std::string(re) != "a.*"));  // only 'a.*' matches the head
  }
  // The head is what is searched: a word past the first 1000 bytes is not found.
  sel.match = std::regex("tempo", std::regex::ECMAScript | std::regex::icase);
  CHECK(skip_reason(named, p, sel));
  named.name = "Easy tempo";
  CHECK_FALSE(skip_reason(named, p, sel));
}

TEST_CASE("audit: a pace within half a second per km of the limit is not '0 s/km too fast'",
          "[audit][regression]") {
  const signal::Prepared p = signal::prepare(synth::generate(steady(3.0, 1200)).activity);
  const double gap = *effort_of(p).gap_s_per_km();  // the run's own average, the limit's yardstick
  CHECK(of_rule(judge(p, with_pace(gap + 0.4)), "pace").empty());
  const std::vector<Violation> v = of_rule(judge(p, with_pace(gap + 0.6)), "pace");
  REQUIRE(v.size() == 1);
  CHECK(v[0].limit - v[0].value == Approx(0.6).margin(1e-6));  // worded "1 s/km too fast"
}
