// Impossible efforts (issue 19): GPS jumps found and dropped with a note, and activities whose
// speeds no runner reaches (a bike or a car recorded as a run) doubted and not judged on pace.
// Truth: fixes laid out exactly with GeographicLib, generated runs (tests/support/synth.*), and
// the men's world records.

#include <GeographicLib/Geodesic.hpp>
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "runaudit/audit/audit.hpp"
#include "runaudit/audit/batch.hpp"
#include "runaudit/format.hpp"
#include "runaudit/io/parse.hpp"
#include "runaudit/signal/gap.hpp"
#include "runaudit/signal/jumps.hpp"
#include "runaudit/signal/plausibility.hpp"
#include "runaudit/signal/series.hpp"
#include "support/synth.hpp"

using namespace runaudit;
using namespace runaudit::signal;

namespace {

// Exact fixes along a geodesic from 47.37 N 8.54 E at azimuth 45°, one a second at `speed`;
// fixes listed in `off` are put 300 m east of where they belong (a GPS jump).
struct Fixes {
  std::vector<double> t, lat, lon;
};
Fixes fixes(int seconds, double speed, const std::vector<int>& off = {}) {
  const GeographicLib::Geodesic& g = GeographicLib::Geodesic::WGS84();
  Fixes f;
  for (int i = 0; i <= seconds; ++i) {
    double lat = 0, lon = 0;
    g.Direct(47.37, 8.54, 45, speed * i, lat, lon);
    if (std::find(off.begin(), off.end(), i) != off.end()) g.Direct(lat, lon, 90, 300, lat, lon);
    f.t.push_back(i);
    f.lat.push_back(lat);
    f.lon.push_back(lon);
  }
  return f;
}

std::vector<int> flagged(const Fixes& f) {
  const std::vector<bool> jump = find_position_jumps(f.t, f.lat, f.lon);
  std::vector<int> out;
  for (std::size_t i = 0; i < jump.size(); ++i)
    if (jump[i]) out.push_back(static_cast<int>(i));
  return out;
}

audit::Limits pace_limit(double s_per_km) {
  audit::LimitInputs flags;
  flags.pace_limit_s_per_km = s_per_km;
  return audit::resolve_limits(flags, nullptr, std::nullopt);
}

bool not_judged_because(const audit::Judgement& j, const std::string& rule, audit::Unjudged why) {
  return std::any_of(j.not_judged.begin(), j.not_judged.end(),
                     [&](const audit::NotJudged& n) { return n.rule == rule && n.why == why; });
}

}  // namespace

TEST_CASE("jumps: a few fixes 300 m off the track are jumps, nothing else is", "[signal][jumps]") {
  CHECK(flagged(fixes(120, 3.0)).empty());
  CHECK(flagged(fixes(120, 3.0, {40})) == std::vector<int>{40});
  CHECK(flagged(fixes(120, 3.0, {40, 41, 42})) == std::vector<int>{40, 41, 42});
  CHECK(flagged(fixes(120, 3.0, {0})) == std::vector<int>{0});  // a wrong first fix
  // Wrong last fixes (a damaged file's last record, a watch's last fix): the track ends in the
  // excursion.
  CHECK(flagged(fixes(120, 3.0, {120})) == std::vector<int>{120});
  CHECK(flagged(fixes(120, 3.0, {118, 119, 120})) == std::vector<int>{118, 119, 120});
  // The last 11 or 20 s elsewhere is longer than an excursion of 10 fixes: a real move, kept
  // (as 11 fixes off in the middle are).
  std::vector<int> last_10, last_11, last_20, middle_11;
  for (int i = 111; i <= 120; ++i) last_10.push_back(i);
  for (int i = 110; i <= 120; ++i) last_11.push_back(i);
  for (int i = 101; i <= 120; ++i) last_20.push_back(i);
  for (int i = 50; i <= 60; ++i) middle_11.push_back(i);
  CHECK(flagged(fixes(120, 3.0, last_10)) == last_10);
  CHECK(flagged(fixes(120, 3.0, last_11)).empty());
  CHECK(flagged(fixes(120, 3.0, last_20)).empty());
  CHECK(flagged(fixes(120, 3.0, middle_11)).empty());
  // A bike at 12 m/s and a car at 35 m/s are fast, not jumping.
  CHECK(flagged(fixes(120, 12.0)).empty());
  CHECK(flagged(fixes(120, 35.0)).empty());
  // Off for longer than an excursion (90 s): a real move, kept.
  std::vector<int> long_off;
  for (int i = 40; i < 130; ++i) long_off.push_back(i);
  CHECK(flagged(fixes(200, 3.0, long_off)).empty());
  // A fix 6000 km off, 70 s after the fix before it and 67 s before the next (the fixes between
  // lost: a damaged file): faster than sound, a jump however long; 300 m off, as long, a move.
  for (const double off_m : {6e6, 300.0}) {
    Fixes f = fixes(200, 3.0);
    for (auto* v : {&f.t, &f.lat, &f.lon}) v->erase(v->begin() + 41, v->begin() + 180);
    f.t[40] = 110;  // between fixes 39 (39 s) and 180 (now index 41)
    GeographicLib::Geodesic::WGS84().Direct(f.lat[40], f.lon[40], 90, off_m, f.lat[40], f.lon[40]);
    INFO(off_m << " m off");
    CHECK(flagged(f) == (off_m > 1e6 ? std::vector<int>{40} : std::vector<int>{}));
  }
}

TEST_CASE("jumps: io drops them with a note, and the distance is the track's", "[signal][jumps]") {
  const Fixes f = fixes(600, 3.0, {200, 201});
  std::string doc =
      "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"t\" "
      "xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><type>running</type><trkseg>\n";
  char line[200];
  for (std::size_t i = 0; i < f.t.size(); ++i) {
    std::snprintf(
        line, sizeof line,
        "<trkpt lat=\"%.9f\" lon=\"%.9f\"><time>2024-05-01T06:%02d:%02dZ</time></trkpt>\n",
        f.lat[i], f.lon[i], 30 + static_cast<int>(i) / 60, static_cast<int>(i) % 60);
    doc += line;
  }
  doc += "</trkseg></trk></gpx>\n";
  const std::vector<Activity> acts = io::parse_gpx(doc, "jump.gpx");
  const Activity& a = acts.at(0);
  CHECK(a.samples.size() == 599u);
  const auto note = std::find_if(a.notes.begin(), a.notes.end(),
                                 [](const Note& n) { return n.code == NoteCode::position_jump; });
  REQUIRE(note != a.notes.end());
  CHECK(note->count == 2u);
  CHECK(note->first_line == 203u);  // the 201st trkpt, after two header lines
  const Prepared p = prepare(a);
  // Truth 1800 m; the jump out and back would have added ~600 m.
  CHECK(*p.metrics.distance_m == Approx(1800).epsilon(0.01));
}

TEST_CASE("plausibility: the fastest stretch of a distance, by hand", "[signal][plausibility]") {
  Series s;
  // 100 s at 5 m/s, 50 s at 10 m/s, 100 s at 5 m/s; 1 s samples.
  double d = 0;
  for (int i = 0; i <= 250; ++i) {
    if (i > 0) d += i > 100 && i <= 150 ? 10 : 5;
    s.time_s.push_back(i);
    s.distance_m.push_back(d);
    s.speed_m_per_s.push_back(5);
    s.grade.push_back(0);
    s.state.push_back(MotionState::running);
  }
  CHECK(*fastest_time_s(s, 400) == Approx(40));
  CHECK(*fastest_time_s(s, 1000) == Approx(50 + 100));  // 500 m fast, 500 m at 5 m/s
  CHECK_FALSE(fastest_time_s(s, 5000));
  // 400 m in 40 s beats the world record (43.03 s).
  const auto why = implausible_for_running(s);
  REQUIRE(why);
  CHECK(*why == "400 m in 0:40 at km 0.5–0.9, faster than the world record 0:43");  // 500..900 m
}

TEST_CASE("plausibility: a climb at a bike's speed, and what it was on the ground",
          "[signal][plausibility]") {
  Series s;
  // 300 s at 6 m/s up a steady 12 % grade (1 s samples): 400 m on the ground take 66.7 s, no
  // world record, but Minetti's cost at +12 % is ~1.9 times the flat cost, so 400 m
  // grade-adjusted go by in ~35 s.
  const double grade = 0.12;
  for (int i = 0; i <= 300; ++i) {
    s.time_s.push_back(i);
    s.distance_m.push_back(6.0 * i);
    s.elevation_m.push_back(100 + grade * 6.0 * i);
    s.speed_m_per_s.push_back(6);
    s.grade.push_back(grade);
    s.state.push_back(MotionState::running);
  }
  CHECK(*fastest_time_s(s, 400) == Approx(400 / 6.0));
  const double ratio = running_cost_j_per_kg_m(grade) / running_cost_j_per_kg_m(0);
  REQUIRE(400 / (6.0 * ratio) < 43.03);
  const double seconds = 400 / (6.0 * ratio);
  const auto why = implausible_for_running(s);
  REQUIRE(why);
  const std::string head = format_fixed(6 * seconds, 0) + " m in " + format_clock(seconds) +
                           " climbing " + format_fixed(grade * 6 * seconds, 0) + " m at km ";
  const std::string tail =
      ", as hard as 400 m on the flat (grade-adjusted): faster than the world record 0:43";
  REQUIRE(why->size() > head.size() + tail.size());
  CHECK(why->substr(0, head.size()) == head);
  CHECK(why->substr(why->size() - tail.size()) == tail);
  // Where: any stretch of a steady climb is the fastest; it spans its 221 m, within the 1.8 km.
  const std::string where = why->substr(head.size(), why->size() - head.size() - tail.size());
  const std::size_t dash = where.find("–");
  REQUIRE(dash != std::string::npos);
  const double from_km = std::stod(where.substr(0, dash)),
               to_km = std::stod(where.substr(dash + std::string("–").size()));
  CHECK(to_km - from_km == Approx(6 * seconds / 1000).margin(0.1));
  CHECK(from_km >= 0);
  CHECK(to_km <= 1.8);
}

TEST_CASE("plausibility: a runner is a runner, a bike is doubted, and not judged on pace",
          "[signal][plausibility][audit]") {
  synth::Options o;
  o.path = synth::straight;
  SECTION("a 4:00/km run with 1-minute strides at 3:00/km") {
    o.legs = {
        {synth::Leg::move, 600, 4.17}, {synth::Leg::move, 60, 5.56}, {synth::Leg::move, 600, 4.17}};
    const Prepared p = prepare(synth::generate(o).activity);
    CHECK(p.sport_doubt.empty());
  }
  SECTION("a ride at 8 m/s labelled as a run") {
    o.legs = {{synth::Leg::move, 1200, 8.0}};
    const synth::Run ride = synth::generate(o);
    REQUIRE(ride.activity.sport == Sport::running);
    const Prepared p = prepare(ride.activity);
    CHECK(p.sport_doubt.rfind("median moving speed 28.", 0) == 0);
    const audit::Judgement j = audit::judge(p, pace_limit(360));
    CHECK(not_judged_because(j, "pace", audit::Unjudged::sport_doubtful));
    CHECK(not_judged_because(j, "surge", audit::Unjudged::sport_doubtful));
    // Its end has no cool-down walk (it ends at speed): no advice to walk, for a ride.
    CHECK(not_judged_because(j, "cooldown", audit::Unjudged::sport_doubtful));
    CHECK(std::none_of(j.violations.begin(), j.violations.end(),
                       [](const audit::Violation& v) { return v.rule == "cooldown"; }));
    CHECK_FALSE(audit::baseline_gap_s_per_km(p));  // not a runner's usual pace
  }
  SECTION("a 4:30/km ride with a minute at 36 km/h: 400 m faster than the world record") {
    o.legs = {
        {synth::Leg::move, 600, 3.7}, {synth::Leg::move, 60, 10.0}, {synth::Leg::move, 600, 3.7}};
    const Prepared p = prepare(synth::generate(o).activity);
    CHECK(p.sport_doubt.rfind("400 m in 0:4", 0) == 0);
    const audit::Judgement j = audit::judge(p, pace_limit(360));
    CHECK(not_judged_because(j, "surge", audit::Unjudged::sport_doubtful));
    // The reports say what the run showed: 400 m at 10 m/s is 0:40 (within the 60 s stretch).
    for (const audit::NotJudged& n : j.not_judged)
      if (n.why == audit::Unjudged::sport_doubtful) CHECK(n.detail == p.sport_doubt);
  }
}

TEST_CASE("selection: a bike computer's recording is a ride, however slow", "[audit]") {
  synth::Options o;
  o.path = synth::straight;
  o.legs = {{synth::Leg::move, 1200, 3.5}};  // 12.6 km/h: a runner's speed
  synth::Run ride = synth::generate(o);
  ride.activity.sport = Sport::unknown;
  const Prepared p = prepare(ride.activity);
  CHECK(audit::effective_sport(ride.activity, p) == Sport::running);
  for (const char* creator : {"Garmin Edge 530", "Wahoo ELEMNT BOLT", "ELEMNT ROAM 1.2"}) {
    ride.activity.creator = creator;
    CHECK(audit::effective_sport(ride.activity, p) == Sport::cycling);
    const auto why = audit::skip_reason(ride.activity, p, {});
    REQUIRE(why);
    CHECK(why->rfind("cycling (inferred: recorded by a bike computer", 0) == 0);
  }
  ride.activity.creator = "Garmin Forerunner 965";
  CHECK(audit::effective_sport(ride.activity, p) == Sport::running);
}

TEST_CASE("plausibility: on a disputed track, speeds only the device's distance shows too",
          "[signal][plausibility]") {
  // 10:00 at 3.0 m/s, 40 s at `fast`, 10:00 at 3.0 m/s; the device counts a share of the true
  // distance, so the track reads 1/share longer than it (a dispute from 15 %).
  const auto prepared = [](double fast, double share) {
    synth::Options o;
    o.path = synth::straight;
    o.legs = {
        {synth::Leg::move, 600, 3.0}, {synth::Leg::move, 40, fast}, {synth::Leg::move, 600, 3.0}};
    Activity a = synth::generate(o).activity;
    const std::int64_t t0 = a.samples.front().time_ms;
    for (Sample& p : a.samples) {
      const double t = static_cast<double>(p.time_ms - t0) / 1000;
      const double truth = 3.0 * std::min(t, 600.0) + fast * std::clamp(t - 600, 0.0, 40.0) +
                           3.0 * std::max(t - 640, 0.0);
      p.distance_m = share * truth;
    }
    return prepare(a);
  };
  SECTION("the track's 400 m in 0:36 at 11 m/s, the device's 8.8 m/s: no doubt, a dispute") {
    const Prepared p = prepared(11, 0.8);
    REQUIRE(p.track_over_device);
    CHECK(*p.track_over_device == Approx(1 / 0.8).epsilon(0.03));
    CHECK(p.sport_doubt.empty());
    const audit::Judgement j = audit::judge(p, pace_limit(360));
    CHECK(not_judged_because(j, "pace", audit::Unjudged::distance_disputed));
  }
  SECTION("13 m/s on the track, 11.05 m/s by the device: doubted by the device's 400 m in 0:36") {
    const Prepared p = prepared(13, 0.85);
    REQUIRE(p.track_over_device);
    CHECK(p.sport_doubt.rfind("400 m in " + format_clock(400 / (13 * 0.85)), 0) == 0);
  }
  SECTION("the same without a dispute (the device counts 95 %): the track's 400 m in 0:31") {
    const Prepared p = prepared(13, 0.95);
    CHECK_FALSE(p.track_over_device);
    CHECK(p.sport_doubt.rfind("400 m in 0:3", 0) == 0);
  }
}

TEST_CASE("plausibility: an altitude steeper than any ground is no elevation, a steep climb is one",
          "[signal][plausibility][elevation]") {
  // 20:00 at 3 m/s (3.6 km) with a barometric altimeter.
  const auto prepared = [](std::function<double(double)> elevation) {
    synth::Options o;
    o.path = synth::straight;
    o.legs = {{synth::Leg::move, 1200, 3.0}};
    o.noise = synth::Noise::barometric();
    o.elevation = std::move(elevation);
    return prepare(synth::generate(o).activity);
  };
  audit::Limits limits = pace_limit(360);
  limits.max_gain_per_km_m = audit::Limit{10, audit::LimitSource::default_value};
  limits.max_grade_pct = audit::Limit{4, audit::LimitSource::default_value};
  SECTION("a broken altimeter leaping 5000 m at km 2: not judged, saying how steep it read") {
    const Prepared p = prepared([](double d) { return d < 2000 ? 50.0 : 5050.0; });
    CHECK_FALSE(p.elevation);
    CHECK(p.elevation_implausible.rfind("climbing ", 0) == 0);
    CHECK_FALSE(p.metrics.elevation_gain_m);
    // Without elevation the GAP is the pace.
    double most = 0;
    for (std::size_t i = 0; i < p.series.size(); ++i)
      most = std::max(most, std::abs(p.series.gap_speed_m_per_s[i] - p.series.speed_m_per_s[i]));
    CHECK(most < 1e-9);
    const audit::Judgement j = audit::judge(p, limits);
    CHECK(not_judged_because(j, "elevation_gain", audit::Unjudged::elevation_implausible));
    CHECK(not_judged_because(j, "grade", audit::Unjudged::elevation_implausible));
  }
  SECTION("... and dropping 5000 m: the same") {
    const Prepared p = prepared([](double d) { return d < 2000 ? 5050.0 : 50.0; });
    CHECK_FALSE(p.elevation);
    CHECK(p.elevation_implausible.rfind("dropping ", 0) == 0);
  }
  SECTION("a vertical kilometre's 40 % for 1 km: real ground, judged") {
    const Prepared p =
        prepared([](double d) { return 50 + 0.4 * std::clamp(d - 1000, 0.0, 1000.0); });
    REQUIRE(p.elevation);
    CHECK(p.elevation_implausible.empty());
    REQUIRE(p.metrics.elevation_gain_m);
    CHECK(*p.metrics.elevation_gain_m == Approx(400).epsilon(0.05));
  }
}
