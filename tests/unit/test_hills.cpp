// Elevation gain against generated truth (issue 19, "rolling hills under-read"): rolling hills
// of 3–10 m amplitude and 200–1000 m wavelength, and a flat run, recorded with barometric or GPS
// altitude noise, every 1 s or 5 s, altitudes as they are or in whole metres
// (tests/support/synth.*). The truth is the path's own ascent (synth::Truth::gain_m); the
// targets are the measured errors of the Kalman/RTS altitude smoother and the gain counted
// between turning points (elevation.hpp), with a margin; docs/elevation.md has the table.

#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "runaudit/signal/series.hpp"
#include "support/synth.hpp"

using namespace runaudit;
using namespace runaudit::signal;

namespace {

struct Source {
  std::string name;
  synth::Noise noise;
  double interval_s;
};

synth::Noise with_step(synth::Noise noise, double step_m) {
  noise.altitude_step_m = step_m;
  return noise;
}

synth::Noise gps(double sigma_m) {
  synth::Noise noise;
  noise.vertical_sigma_m = sigma_m;  // wandering over τ 60 s, as watch GPS altitude does
  return noise;
}

// FIT stores altitude in 0.2 m steps; some GPX writers in whole metres.
const std::vector<Source> barometric = {
    {"barometric, 0.2 m steps, 1 s", with_step(synth::Noise::barometric(), 0.2), 1},
    {"barometric, 0.2 m steps, 5 s", with_step(synth::Noise::barometric(), 0.2), 5},
    {"barometric, whole metres, 1 s", with_step(synth::Noise::barometric(), 1), 1}};
// Independent per-fix noise only (an app's raw altitude, a generated track with Gaussian noise):
// the smoother averages it away (AltitudeNoise::white_share).
synth::Noise white(double sigma_m) {
  synth::Noise noise;
  noise.vertical_sigma_m = 0;
  noise.vertical_white_sigma_m = sigma_m;
  return noise;
}
const std::vector<Source> white_altitude = {{"white σ 1 m, 1 s", white(1), 1},
                                            {"white σ 2 m, 1 s", white(2), 1},
                                            {"white σ 1 m, 5 s", white(1), 5},
                                            {"white σ 2 m, 5 s", white(2), 5}};
const std::vector<Source> gps_altitude = {{"GPS σ 4 m, 1 s", gps(4), 1},
                                          {"GPS σ 4 m, 5 s", gps(4), 5},
                                          {"GPS σ 4 m, 10 s", gps(4), 10},
                                          {"GPS σ 4 m, whole metres, 1 s", with_step(gps(4), 1), 1},
                                          {"GPS σ 3 m, 1 s", gps(3), 1}};

struct Outcome {
  double truth_m = 0;
  std::vector<double> error;            ///< per seed: relative to truth, or m/km on a flat run
  std::vector<double> grade_error_pct;  ///< per seed: max grade − the true sustained grade
  double mean() const {
    double sum = 0;
    for (const double e : error) sum += e;
    return sum / static_cast<double>(error.size());
  }
};

// 2700 s at 3 m/s (8.1 km) along a straight line, seeds 101..108.
Outcome measure(const Source& source, double amplitude_m, double wavelength_m) {
  synth::Options o;
  o.path = synth::straight;
  o.legs = {{synth::Leg::move, 2700, 3.0}};
  o.noise = source.noise;
  o.interval_s = source.interval_s;
  o.elevation = synth::rolling_hills(amplitude_m, wavelength_m);
  Outcome out;
  for (std::uint32_t seed = 101; seed <= 108; ++seed) {
    o.seed = seed;
    const synth::Run run = synth::generate(o);
    const Prepared p = prepare(run.activity);
    out.truth_m = run.truth.gain_m;
    const double gain = *p.metrics.elevation_gain_m;
    out.error.push_back(amplitude_m > 0 ? (gain - run.truth.gain_m) / run.truth.gain_m
                                        : *p.metrics.gain_per_km_m);
    // The steepest climb of A sin(2π d / L) over a window W: max over d of
    // (e(d + W) − e(d)) / W = 2A |sin(π W / L)| / W.
    const double w = p.elevation->grade_window_m;
    const double truth =
        amplitude_m > 0
            ? 2 * amplitude_m * std::abs(std::sin(std::numbers::pi * w / wavelength_m)) / w
            : 0;
    out.grade_error_pct.push_back(*p.metrics.max_grade_pct - 100 * truth);
  }
  return out;
}

}  // namespace

TEST_CASE("hills: the truth of a rolling profile is its amplitude twice per wave",
          "[signal][elevation][hills]") {
  // 8100 m of 5 sin(2π d / 1000 m), by hand: it climbs from 0 to 250 m (5 m), on every
  // [750 + 1000k, 1250 + 1000k] m for k = 0..6 (10 m each), and from 7750 to 8100 m
  // (5 + 5 sin(0.2π) = 7.939 m): 5 + 70 + 7.939 = 82.94 m.
  synth::Options o;
  o.path = synth::straight;
  o.legs = {{synth::Leg::move, 2700, 3.0}};
  o.elevation = synth::rolling_hills(5, 1000);
  const synth::Run run = synth::generate(o);
  CHECK(run.truth.gain_m ==
        Approx(5 + 70 + 5 + 5 * std::sin(2 * std::numbers::pi * 0.1)).margin(0.01));
}

TEST_CASE("hills: a flat run is not hilly, whatever the altitude source",
          "[signal][elevation][hills]") {
  for (const auto* sources : {&barometric, &gps_altitude}) {
    for (const Source& source : *sources) {
      const Outcome flat = measure(source, 0, 1);
      INFO(source.name << ": mean " << flat.mean() << " m/km");
      // Measured: barometric ≤ 1.2 m/km (mean ≤ 0.8), GPS ≤ 1.9 m/km (mean ≤ 0.2); the audit's
      // default limit is 10 m/km. Before the smoother: ≤ 0.7 and ≤ 4.0 m/km.
      const bool baro = sources == &barometric;
      for (const double per_km : flat.error) CHECK(per_km <= (baro ? 1.5 : 3.0));
      CHECK(flat.mean() <= 1.0);
    }
  }
}

TEST_CASE("hills: rolling hills with barometric altitude: gain within 5 %, max grade within 1 %",
          "[signal][elevation][hills]") {
  // Measured mean errors −4.3 to +3.7 %, every seed within −10.5 to +6.2 % (docs/elevation.md;
  // before the smoother −9.9 to −56 %). Waves of 300 m (±7.5 m) and 200 m (±3 m) bend within
  // the noise estimate's 100 m moving average, which read them as GPS wander (−100 %) until the
  // local quadratic's σ took the terrain out (AltitudeNoise::sigma_m): now −3.1 to −0.2 % with
  // 0.2 m steps; in whole metres the 200 m waves still read −73 % (no target), the 300 m −1.5 %.
  const std::pair<double, double> hills[] = {{7.5, 300}, {3, 500},  {5, 400},
                                             {5, 1000},  {10, 500}, {10, 1000}};
  for (const Source& source : barometric) {
    std::vector<std::pair<double, double>> cases(std::begin(hills), std::end(hills));
    if (source.noise.altitude_step_m < 1) cases.emplace_back(3, 200);
    for (const auto& [amplitude, wavelength] : cases) {
      const Outcome o = measure(source, amplitude, wavelength);
      INFO(source.name << ", ±" << amplitude << " m every " << wavelength << " m: truth "
                       << o.truth_m << " m, mean error " << o.mean());
      CHECK(std::abs(o.mean()) <= 0.05);
      for (const double e : o.error) CHECK(std::abs(e) <= 0.12);
      // The steepest sustained grade, over the grade window: measured 0.0 to +0.7 points.
      for (const double e : o.grade_error_pct) CHECK(std::abs(e) <= 1.0);
    }
  }
}

TEST_CASE("hills: with GPS altitude, hills are never over-read and big ones are seen",
          "[signal][elevation][hills]") {
  // GPS altitude wanders by 3–4 m over a minute: hills of that size cannot be told from it, and
  // keeping flat runs flat comes first. Measured: every hill under-read (mean −22 to −98 %, no
  // seed over truth); ±10 m waves of 1000 m read 39–78 % of truth on average (before the
  // smoother, 44–60 %).
  for (const Source& source : gps_altitude) {
    for (const auto& [amplitude, wavelength] :
         {std::pair{3.0, 500.0}, {5.0, 400.0}, {5.0, 1000.0}, {10.0, 500.0}, {10.0, 1000.0}}) {
      const Outcome o = measure(source, amplitude, wavelength);
      INFO(source.name << ", ±" << amplitude << " m every " << wavelength << " m: truth "
                       << o.truth_m << " m, mean error " << o.mean());
      for (const double e : o.error) CHECK(e <= 0.10);
      if (amplitude == 10 && wavelength == 1000) CHECK(o.mean() >= -0.70);
    }
  }
}

TEST_CASE("hills: white altitude noise averages out: flat stays flat, rolling hills count",
          "[signal][elevation][hills]") {
  // Before the white share, σ ≥ 1.1 m meant a 20 m hysteresis whatever the noise: every hill
  // here read 0 m (−100 %). Measured now: flat ≤ 0.73 m/km on every seed; the hills at 1 s
  // with mean errors −5 to +5 %, every seed of σ 1 m within −0.6 to +6.2 %; max grade +0.05 to
  // +0.48 points. Fixes 5 s apart carry the terrain's slope into the nugget and can read
  // hills as wander (−100 %): flat is their only target.
  for (const Source& source : white_altitude) {
    const Outcome flat = measure(source, 0, 1);
    INFO(source.name << ": flat, mean " << flat.mean() << " m/km");
    for (const double per_km : flat.error) CHECK(per_km <= 1.5);
    if (source.interval_s > 1) continue;
    for (const auto& [amplitude, wavelength] :
         {std::pair{3.0, 500.0}, {5.0, 1000.0}, {7.5, 600.0}, {10.0, 1000.0}}) {
      const Outcome o = measure(source, amplitude, wavelength);
      INFO(source.name << ", ±" << amplitude << " m every " << wavelength << " m: truth "
                       << o.truth_m << " m, mean error " << o.mean());
      CHECK(std::abs(o.mean()) <= 0.10);
      if (source.noise.vertical_white_sigma_m <= 1)
        for (const double e : o.error) CHECK(std::abs(e) <= 0.10);
      for (const double e : o.grade_error_pct) CHECK(std::abs(e) <= 1.0);
    }
  }
}
