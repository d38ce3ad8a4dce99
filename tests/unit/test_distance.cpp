// The distance stage (distance.hpp, geo.hpp) against independent values: GeographicLib's
// geodesics, tracks laid out exactly on the ellipsoid, and device distances added up by hand.

#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/LocalCartesian.hpp>
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "runaudit/signal/distance.hpp"
#include "runaudit/signal/geo.hpp"
#include "runaudit/signal/series.hpp"

using namespace runaudit;
using namespace runaudit::signal;

namespace {

std::vector<double> times_s(const Activity& a) {
  std::vector<double> t;
  for (const Sample& s : a.samples) t.push_back(static_cast<double>(s.time_ms) / 1000.0);
  return t;
}

double sum(const std::vector<double>& v) {
  double total = 0;
  for (const double x : v) total += x;
  return total;
}

// A run along the geodesic from 47.37 N 8.54 E at azimuth 45°, one exact fix per second at
// 3 m/s (GeographicLib's Direct problem): the truth is 3 m per second.
Activity steady_run(int seconds) {
  const GeographicLib::Geodesic& g = GeographicLib::Geodesic::WGS84();
  Activity a;
  for (int i = 0; i <= seconds; ++i) {
    double lat = 0, lon = 0;
    g.Direct(47.37, 8.54, 45, 3.0 * i, lat, lon);
    a.samples.push_back(Sample{.time_ms = 1000LL * i, .latitude_deg = lat, .longitude_deg = lon});
  }
  return a;
}

Activity device_run(const std::vector<double>& distances_m) {
  Activity a;
  for (std::size_t i = 0; i < distances_m.size(); ++i)
    a.samples.push_back(
        Sample{.time_ms = 1000LL * static_cast<std::int64_t>(i), .distance_m = distances_m[i]});
  return a;
}

}  // namespace

TEST_CASE("geo: step distance agrees with GeographicLib's geodesic to 1e-5", "[signal][geo]") {
  const GeographicLib::Geodesic& g = GeographicLib::Geodesic::WGS84();
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> lat(-80, 80), lon(-180, 180), az(0, 360), len(0.5, 1000);
  for (int k = 0; k < 500; ++k) {
    const double lat1 = lat(rng), lon1 = lon(rng), s = len(rng);
    double lat2 = 0, lon2 = 0;
    g.Direct(lat1, lon1, az(rng), s, lat2, lon2);
    const double ours = step_distance_m(lat1, lon1, lat2, lon2);
    INFO("from " << lat1 << "," << lon1 << " length " << s);
    CHECK(std::abs(ours - s) / s < 1e-5);
  }
  SECTION("near and across the poles") {
    std::uniform_real_distribution<double> polar(89.0, 90.0);
    for (int k = 0; k < 300; ++k) {
      const double lat1 = (k % 2 ? 1 : -1) * polar(rng), lon1 = lon(rng), s = len(rng);
      double lat2 = 0, lon2 = 0;
      g.Direct(lat1, lon1, az(rng), s, lat2, lon2);
      INFO("from " << lat1 << "," << lon1 << " length " << s);
      CHECK(std::abs(step_distance_m(lat1, lon1, lat2, lon2) - s) / s < 1e-5);
    }
    // 100 m either side of the North Pole: Δλ = 180°.
    double lat1 = 0, lon1 = 0, lat2 = 0, lon2 = 0;
    g.Direct(90, 0, 180, 100, lat1, lon1);
    g.Direct(90, 0, 0, 100, lat2, lon2);
    CHECK(step_distance_m(lat1, lon1, lat2, lon2) == Approx(200).epsilon(1e-5));
  }
  SECTION("across the antimeridian") {
    double lat2 = 0, lon2 = 0;
    g.Direct(10, 179.9995, 90, 200, lat2, lon2);
    CHECK(step_distance_m(10, 179.9995, lat2, lon2) == Approx(200).epsilon(1e-5));
  }
}

TEST_CASE("geo: a step meter along a track measures what step_distance_m does", "[signal][geo]") {
  // A track of 1 s steps at 3-6 m/s winding north and south across the equator and back over
  // 0.3° of latitude (the meter's sines carried over 6 km, then computed again), with a few
  // jumps of 10 km and a step across the antimeridian; step_distance_m computes each step's sine
  // and cosine itself. Also against GeographicLib: the same geodesic it is checked on above.
  const GeographicLib::Geodesic& g = GeographicLib::Geodesic::WGS84();
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> speed(3, 6), turn(-20, 20);
  StepMeter meter;
  double lat = -0.15, lon = 179.99, azimuth = 10;
  double worst = 0;
  for (int i = 0; i < 20'000; ++i) {
    azimuth += turn(rng);
    if (i % 5000 == 4999) azimuth += 180;  // back across the equator
    const double length = i % 3000 == 1500 ? 10'000 : speed(rng);
    double lat2 = 0, lon2 = 0;
    g.Direct(lat, lon, azimuth, length, lat2, lon2);
    const double carried = meter(lat, lon, lat2, lon2);
    const double fresh = step_distance_m(lat, lon, lat2, lon2);
    worst = std::max(worst, std::abs(carried - fresh) / fresh);
    INFO("step " << i << " from " << lat << "," << lon);
    REQUIRE(std::abs(carried - length) / length < 1e-5);
    lat = lat2, lon = lon2;
  }
  CHECK(worst < 1e-14);
}

TEST_CASE("geo: longitudes wrap the short way round", "[signal][geo]") {
  using runaudit::signal::wrap_longitude_deg;
  CHECK(wrap_longitude_deg(190) == -170);
  CHECK(wrap_longitude_deg(-190) == 170);
  CHECK(wrap_longitude_deg(180) == 180);
  CHECK(wrap_longitude_deg(-359.5) == Approx(0.5));
  CHECK(wrap_longitude_deg(7.25) == 7.25);
}

TEST_CASE("geo: the local frame inverts exactly", "[signal][geo]") {
  const LocalFrame f(47.37, 8.54);
  const auto [e, n] = f.to_local(47.40, 8.50);
  const auto [lat, lon] = f.to_geodetic(e, n);
  CHECK(lat == Approx(47.40).margin(1e-12));
  CHECK(lon == Approx(8.50).margin(1e-12));
}

TEST_CASE("geo: near a pole the local frame is polar and inverts exactly", "[signal][geo]") {
  for (const double pole : {1.0, -1.0}) {
    const LocalFrame f(pole * 89.99, 30);
    for (const auto& [lat, lon] : {std::pair{89.995, -150.0}, {89.9999, 10.0}, {89.7, 179.5}}) {
      const auto [e, n] = f.to_local(pole * lat, lon);
      const auto [lat2, lon2] = f.to_geodetic(e, n);
      CHECK(lat2 == Approx(pole * lat).margin(1e-9));
      CHECK(lon2 == Approx(lon).margin(1e-7));
    }
  }
}

TEST_CASE("distance: a run across the North Pole (the North Pole Marathon's ice)",
          "[signal][distance]") {
  // Exact fixes at 3 m/s along the geodesic from 89.99 N heading north, over the pole and on.
  const GeographicLib::Geodesic& g = GeographicLib::Geodesic::WGS84();
  Activity a;
  for (int i = 0; i <= 1200; ++i) {
    double lat = 0, lon = 0;
    g.Direct(89.99, 20, 0, 3.0 * i, lat, lon);
    a.samples.push_back(Sample{.time_ms = 1000LL * i, .latitude_deg = lat, .longitude_deg = lon});
  }
  const std::vector<double> t = times_s(a);
  const std::vector<Stretch> one{{0, a.samples.size(), false}};
  const Distance d = measure_distance(a, t, one, KalmanNoise{});
  CHECK(sum(d.step_m) == Approx(3600).epsilon(1e-4));
  CHECK(d.speed_m_per_s[600] == Approx(3).epsilon(1e-3));
}

TEST_CASE("distance: exact fixes at 3 m/s give 3 m per second", "[signal][distance]") {
  const Activity a = steady_run(600);
  const std::vector<double> t = times_s(a);
  const std::vector<Stretch> one{{0, a.samples.size(), false}};
  const Distance d = measure_distance(a, t, one, KalmanNoise{});
  CHECK(d.source == DistanceSource::gps);
  CHECK(to_string(d.source) == "gps");
  CHECK(d.step_m[0] == 0);
  // The smoother starts from rest: the first few steps are short (0.1 m in all).
  CHECK(sum(d.step_m) == Approx(1800).epsilon(1e-4));
  for (const std::size_t i : {50u, 300u, 600u}) {
    CHECK(d.step_m[i] == Approx(3).epsilon(1e-3));
    CHECK(d.speed_m_per_s[i] == Approx(3).epsilon(1e-3));
  }
}

TEST_CASE("distance: the gap between two stretches is not smoothed over but measured across",
          "[signal][distance]") {
  Activity a = steady_run(200);
  for (std::size_t i = 101; i < a.samples.size(); ++i) a.samples[i].time_ms += 60'000;  // 61 s
  const std::vector<double> t = times_s(a);
  const std::vector<Stretch> two{{0, 101, false}, {101, 201, false}};
  const Distance d = measure_distance(a, t, two, KalmanNoise{});
  CHECK(d.step_m[101] == 0);  // the gap is resolve_gaps' to bridge or not
  CHECK(sum(d.step_m) == Approx(300 + 297).epsilon(1e-3));  // 100 and 99 steps of 3 m
  REQUIRE(d.across_gap_m.size() == 2u);
  CHECK(d.across_gap_m[0] == 0);
  double truth = 0;
  GeographicLib::Geodesic::WGS84().Inverse(
      *a.samples[100].latitude_deg, *a.samples[100].longitude_deg, *a.samples[101].latitude_deg,
      *a.samples[101].longitude_deg, truth);
  CHECK(d.across_gap_m[1] == Approx(truth).epsilon(1e-6));
  CHECK(truth == Approx(3).epsilon(1e-9));
}

TEST_CASE("distance: device distance is differenced, a reset counts 0, a glitch is ignored",
          "[signal][distance]") {
  // A multisport leg starting at 12 km, a reset to 2 m, one glitched value of 1e6 m.
  const Activity a = device_run({12000, 12003, 12006, 12009, 2, 5, 8, 1e6, 11});
  const std::vector<double> t = times_s(a);
  const std::vector<Stretch> one{{0, a.samples.size(), false}};
  const Distance d = measure_distance(a, t, one, KalmanNoise{});
  CHECK(d.source == DistanceSource::device);
  const std::vector<double> expected{0, 3, 3, 3, 0, 3, 3, 0, 3};  // 11 − 8 after the glitch
  CHECK(d.step_m == expected);
  for (const double v : d.speed_m_per_s) CHECK(v >= 0);
}

TEST_CASE(
    "distance: samples without a device reading take the distance interpolated between "
    "the readings about them",
    "[signal][distance]") {
  // Readings at 0, 1, 2, 6 (none at 3-5: heart rate only, as a Strava app FIT for 104 s), 7
  // and 8 s, at 3 m/s; none after 8 s: the last reading's distance.
  Activity a = device_run({0, 3, 6, -1, -1, -1, 18, 21, 24, -1});
  for (Sample& s : a.samples)
    if (s.distance_m == -1.0) s.distance_m.reset();
  const std::vector<double> t = times_s(a);
  const std::vector<Stretch> one{{0, a.samples.size(), false}};
  const Distance d = measure_distance(a, t, one, KalmanNoise{});
  CHECK(d.source == DistanceSource::device);
  CHECK(d.step_m == std::vector<double>{0, 3, 3, 3, 3, 3, 3, 3, 3, 0});
}

TEST_CASE("distance: across a device gap, the rise, a glitched rise is no movement",
          "[signal][distance]") {
  // Stretches [0, 3) and [3, 5): the rise across is 30 m, or 1e6 m (glitch → 0).
  Activity a = device_run({0, 3, 6, 36, 39});
  const std::vector<double> t = times_s(a);
  const std::vector<Stretch> two{{0, 3, false}, {3, 5, false}};
  CHECK(measure_distance(a, t, two, KalmanNoise{}).across_gap_m[1] == 30);
  a.samples[3].distance_m = 1e6;
  CHECK(measure_distance(a, t, two, KalmanNoise{}).across_gap_m[1] == 0);
}

TEST_CASE("distance: without positions or device distance, the device's speed integrated",
          "[signal][distance]") {
  // 2.5 m/s a second apart, one speed missing (counts 0) and one impossible (40 m/s: counts 0):
  // trapezoids of 2.5, 1.25, 1.25, 1.25, 1.25 m.
  Activity a;
  for (int i = 0; i < 6; ++i)
    a.samples.push_back(Sample{.time_ms = 1000LL * i, .speed_m_per_s = 2.5});
  a.samples[2].speed_m_per_s.reset();
  a.samples[4].speed_m_per_s = 40;
  const std::vector<double> t = times_s(a);
  const std::vector<Stretch> one{{0, 6, false}};
  const Distance d = measure_distance(a, t, one, KalmanNoise{});
  CHECK(d.source == DistanceSource::speed);
  CHECK(to_string(d.source) == "speed");
  CHECK(d.step_m == std::vector<double>{0, 2.5, 1.25, 1.25, 1.25, 1.25});
  CHECK(d.speed_m_per_s == std::vector<double>{2.5, 2.5, 0, 2.5, 0, 2.5});
  // Nothing at all: no distance.
  for (Sample& s : a.samples) s.speed_m_per_s.reset();
  CHECK(to_string(measure_distance(a, t, one, KalmanNoise{}).source) == "none");
}

TEST_CASE("distance: a track 3 % or more short of the device's distance gives way to it",
          "[signal][distance]") {
  // Switchbacks up a trail: legs of 60 m, alternately north-east and north-west, run at 2.5 m/s
  // for 20 minutes (3000 m). The watch's fixes are its GPS filter's: the mean of the true
  // position over the 9 s around each, which cuts every bend (7 % of the path); its foot pod
  // counts the metres run, 2.5 a second.
  const GeographicLib::LocalCartesian origin(47.37, 8.54, 0);
  const auto trail = [](double d) {  // (east, north) after d metres
    const double leg = std::floor(d / 60), along = d - 60 * leg;
    const double east = std::fmod(leg, 2) == 0 ? along : 60 - along;  // NE, then NW
    return std::pair{east * std::sqrt(0.5), (60 * leg + along) * std::sqrt(0.5)};
  };
  Activity a;
  for (int i = 0; i <= 1200; ++i) {
    double east = 0, north = 0;
    for (int k = -45; k <= 45; ++k) {  // 0.1 s steps over ±4.5 s
      const auto [e, n] = trail(std::clamp(2.5 * (i + k / 10.0), 0.0, 3000.0));
      east += e / 91;
      north += n / 91;
    }
    double lat = 0, lon = 0, h = 0;
    origin.Reverse(east, north, 0, lat, lon, h);
    a.samples.push_back(Sample{
        .time_ms = 1000LL * i, .latitude_deg = lat, .longitude_deg = lon, .distance_m = 2.5 * i});
  }
  const std::vector<double> t = times_s(a);
  const std::vector<Stretch> one{{0, a.samples.size(), false}};
  const Distance d = measure_distance(a, t, one, KalmanNoise{});
  CHECK(d.source == DistanceSource::device);
  CHECK(sum(d.step_m) == Approx(3000).epsilon(1e-9));  // the foot pod's: the truth
  CHECK(d.speed_m_per_s[600] == Approx(2.5).epsilon(1e-3));
  REQUIRE(d.gps_step_m.size() == a.samples.size());
  const double track = sum(d.gps_step_m);
  CHECK(track < 0.97 * 3000);
  CHECK(track > 0.85 * 3000);
  // prepare() reports the device's distance, and the track's beside it.
  const Prepared p = prepare(a);
  CHECK(p.distance_source == "device");
  REQUIRE(p.metrics.distance_m);
  CHECK(*p.metrics.distance_m == Approx(3000).epsilon(1e-3));
  REQUIRE(p.metrics.gps_distance_m);
  CHECK(*p.metrics.gps_distance_m == Approx(track).epsilon(1e-3));
  // The first minute without a fix (GPS found late): the steps the track would have had count
  // the foot pod's 2.5 m a second across it.
  Activity found_late = a;
  for (std::size_t i = 0; i < 60; ++i) {
    found_late.samples[i].latitude_deg.reset();
    found_late.samples[i].longitude_deg.reset();
  }
  const std::vector<Stretch> late = split_at_fixes(one, found_late);
  REQUIRE(late.size() == 2u);
  const Distance d_late = measure_distance(found_late, t, late, KalmanNoise{});
  CHECK(d_late.source == DistanceSource::device);
  REQUIRE(d_late.gps_step_m.size() == a.samples.size());
  double blind = 0;
  for (std::size_t i = 1; i < 60; ++i) blind += d_late.gps_step_m[i];
  CHECK(blind == Approx(2.5 * 59).epsilon(1e-9));
  // The same fixes without the foot pod: measured by the track alone, as short.
  Activity fixes_only = a;
  for (Sample& s : fixes_only.samples) s.distance_m.reset();
  const Distance alone = measure_distance(fixes_only, t, one, KalmanNoise{});
  CHECK(alone.source == DistanceSource::gps);
  CHECK(sum(alone.step_m) == Approx(track).epsilon(1e-12));
  CHECK(alone.gps_step_m.empty());
}

TEST_CASE(
    "distance: a device's distance within 3 % of the track, shorter, 15 % over or leaping "
    "once leaves the track",
    "[signal][distance]") {
  // Exact fixes at 3 m/s for 10 minutes (1800 m); the device's distance runs at a share of it.
  const auto with_device = [](int seconds, double share) {
    Activity a = steady_run(seconds);
    for (std::size_t i = 0; i < a.samples.size(); ++i)
      a.samples[i].distance_m = share * 3.0 * static_cast<double>(i);
    return a;
  };
  const auto measured = [](const Activity& a) {
    const std::vector<double> t = times_s(a);
    const std::vector<Stretch> one{{0, a.samples.size(), false}};
    return measure_distance(a, t, one, KalmanNoise{});
  };
  // 2 % more (the track 1.96 % short of it): the track's 1800 m.
  Distance d = measured(with_device(600, 1.02));
  CHECK(d.source == DistanceSource::gps);
  CHECK(sum(d.step_m) == Approx(1800).epsilon(1e-4));
  CHECK(d.gps_step_m.empty());
  // 4 % more (the track 3.8 % short): the device's, 1872 m.
  d = measured(with_device(600, 1.04));
  CHECK(d.source == DistanceSource::device);
  CHECK(sum(d.step_m) == Approx(1872).epsilon(1e-9));
  CHECK(sum(d.gps_step_m) == Approx(1800).epsilon(1e-4));
  // 10 % less (a foot pod reading short): the track; GPS noise never shortens a track. Within
  // the spread of real runs (docs/fit-distance.md): no dispute.
  d = measured(with_device(600, 0.9));
  CHECK(d.source == DistanceSource::gps);
  CHECK_FALSE(d.track_over_device);
  // 20 % less (the track 25 % over): a dispute, its ratio kept; the track's distance stays.
  d = measured(with_device(600, 0.8));
  CHECK(d.source == DistanceSource::gps);
  REQUIRE(d.track_over_device);
  CHECK(*d.track_over_device == Approx(1 / 0.8).epsilon(1e-3));
  CHECK(sum(d.step_m) == Approx(1800).epsilon(1e-4));
  // 14 % less (the track 16 % over): a dispute; 12 % less (13.6 % over): none.
  CHECK(measured(with_device(600, 0.86)).track_over_device);
  CHECK_FALSE(measured(with_device(600, 0.88)).track_over_device);
  // Under 1 km of device distance (200 s, 660 m at 10 % more): too short to tell, the track.
  CHECK(measured(with_device(200, 1.1)).source == DistanceSource::gps);
  // 20 % more (a counter in the wrong unit or wheel size): more than any trail, the track.
  CHECK(measured(with_device(600, 1.2)).source == DistanceSource::gps);
  // A counter that froze for 8 minutes of 25 and went on from its frozen value (the track 47 %
  // over in all, but in the median window of 5 minutes as long as it): no dispute.
  Activity froze = with_device(1500, 1.0);
  for (std::size_t i = 300; i < froze.samples.size(); ++i)
    *froze.samples[i].distance_m = i < 780 ? 900 : 900 + 3.0 * static_cast<double>(i - 780);
  d = measured(froze);
  CHECK(d.source == DistanceSource::gps);
  CHECK_FALSE(d.track_over_device);
  // A counter that leapt 150 m once at minute 5 and went on from there (3.2 % in all, the track
  // as short of it in one window of five): the track.
  Activity leapt = with_device(1500, 1.0);
  for (std::size_t i = 300; i < leapt.samples.size(); ++i) *leapt.samples[i].distance_m += 150;
  d = measured(leapt);
  CHECK(d.source == DistanceSource::gps);
  CHECK(sum(d.step_m) == Approx(4500).epsilon(1e-4));
}

TEST_CASE("distance: laps of a courtyard whose turns the smoother cuts give way to the device",
          "[signal][distance]") {
  // Laps round a circle of 8 m radius at 2.6 m/s for 7 minutes (1092 m; a real COROS run round
  // a courtyard read so), fixed every second on the circle: the fixes' chords 0.44 % short of
  // the arcs, the device counting the metres run. The smoother, made for streets, cuts a turn
  // of 8 m radius by more than the trails' 15 %; the fixes agree with the device.
  const GeographicLib::LocalCartesian origin(31.23, 121.47, 0);
  const auto laps = [&](double device_share) {
    Activity a;
    for (int i = 0; i <= 420; ++i) {
      const double angle = 2.6 * i / 8;
      double lat = 0, lon = 0, h = 0;
      origin.Reverse(8 * std::cos(angle), 8 * std::sin(angle), 0, lat, lon, h);
      a.samples.push_back(Sample{.time_ms = 1000LL * i,
                                 .latitude_deg = lat,
                                 .longitude_deg = lon,
                                 .distance_m = device_share * 2.6 * i});
    }
    return a;
  };
  const auto measured = [](const Activity& a) {
    const std::vector<Stretch> one{{0, a.samples.size(), false}};
    return measure_distance(a, times_s(a), one, KalmanNoise{});
  };
  Distance d = measured(laps(1.0));
  CHECK(d.source == DistanceSource::device);
  CHECK(sum(d.step_m) == Approx(1092).epsilon(1e-9));
  CHECK(sum(d.gps_step_m) < 0.85 * 1092);  // beyond the trails' bound: the fixes decided
  // A counter 30 % over (a wrong wheel size): the fixes disagree with it, the track stays.
  d = measured(laps(1.3));
  CHECK(d.source == DistanceSource::gps);
  CHECK(d.gps_step_m.empty());
}

TEST_CASE("distance: cumulative distance counts moving intervals only", "[signal][distance]") {
  using S = MotionState;
  const std::vector<S> state{S::running, S::running, S::stopped, S::walking, S::paused, S::running};
  const std::vector<double> step{9, 1, 2, 3, 4, 5};  // step[0] never counts: nothing ends there
  std::vector<double> speed{3, 3, 0.4, 1.5, 2, 3}, distance(6);
  CHECK(accumulate_moving_distance(state, step, speed, distance) == 9);  // 1 + 3 + 5
  CHECK(distance == std::vector<double>{0, 1, 1, 4, 4, 9});
  CHECK(speed == std::vector<double>{3, 3, 0, 1.5, 0, 3});
  CHECK(moving_distance_m(state, step) == 9);  // the same total, nothing written
}

TEST_CASE("distance: stretches are cut where samples start or stop having a position",
          "[signal][distance]") {
  // Samples 0-1 before the first fix, 2-4 with one, 5 lost, 6 found again; a segment break at 4.
  Activity a;
  for (int i = 0; i < 7; ++i) {
    Sample s{.time_ms = 1000LL * i, .distance_m = 3.0 * i};
    if (i >= 2 && i != 5) {
      s.latitude_deg = 47 + i * 1e-5;
      s.longitude_deg = 8;
    }
    a.samples.push_back(s);
  }
  const std::vector<Stretch> split_recording{{0, 4, false}, {4, 7, true}};
  const std::vector<Stretch> cut = split_at_fixes(split_recording, a);
  REQUIRE(cut.size() == 5u);
  const std::vector<std::pair<std::size_t, std::size_t>> bounds{
      {0, 2}, {2, 4}, {4, 5}, {5, 6}, {6, 7}};
  const std::vector<bool> breaks{false, false, true, false, false},
      changes{false, true, false, true, true};
  for (std::size_t k = 0; k < cut.size(); ++k) {
    INFO("stretch " << k);
    CHECK(std::pair(cut[k].begin, cut[k].end) == bounds[k]);
    CHECK(cut[k].segment_break == breaks[k]);
    CHECK(cut[k].fix_change == changes[k]);
  }
}
