#include "support/synth.hpp"

#include <GeographicLib/LocalCartesian.hpp>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>

namespace synth {
namespace {

class GaussMarkov {
 public:
  GaussMarkov(std::mt19937& rng, double sigma, double tau)
      : m_rng(rng), m_sigma(sigma), m_tau(tau), m_x(sigma * normal()) {}
  double step(double dt) {
    const double a = std::exp(-dt / m_tau);
    m_x = a * m_x + std::sqrt(1 - a * a) * m_sigma * normal();
    return m_x;
  }
  double normal() { return std::normal_distribution<double>(0, 1)(m_rng); }

 private:
  std::mt19937& m_rng;
  double m_sigma, m_tau, m_x;
};

}  // namespace

std::function<double(double)> rolling_hills(double amplitude_m, double wavelength_m) {
  return [=](double d) { return amplitude_m * std::sin(2 * std::numbers::pi * d / wavelength_m); };
}

std::pair<double, double> straight(double d) {
  return {d / std::sqrt(2.0), d / std::sqrt(2.0)};
}

std::pair<double, double> track_400m(double d) {
  constexpr double r = 36.5, straight_len = 84.39;
  const double bend = std::numbers::pi * r;
  const double lap = 2 * straight_len + 2 * bend;
  double s = std::fmod(d, lap);
  if (s < straight_len) return {s, 0};
  s -= straight_len;
  if (s < bend) {
    const double a = s / r;
    return {straight_len + r * std::sin(a), r - r * std::cos(a)};
  }
  s -= bend;
  if (s < straight_len) return {straight_len - s, 2 * r};
  s -= straight_len;
  const double a = s / r;
  return {-r * std::sin(a), r + r * std::cos(a)};
}

std::pair<double, double> blocks(double d) {
  constexpr double r = 10, w = 600 - 2 * r, h = 400 - 2 * r;  // straights between corners
  const double corner = std::numbers::pi / 2 * r;
  const double lap = 2 * w + 2 * h + 4 * corner;
  double s = std::fmod(d, lap);
  // Sides in turn east, north, west, south, each a straight then a left corner; the loop's
  // lower-left corner circle is centred at (0, r).
  const double sides[] = {w, h, w, h};
  double x = 0, y = 0, heading = 0;  // heading in radians, 0 = east
  for (const double len : sides) {
    if (s < len) return {x + s * std::cos(heading), y + s * std::sin(heading)};
    x += len * std::cos(heading);
    y += len * std::sin(heading);
    s -= len;
    const double cx = x - r * std::sin(heading), cy = y + r * std::cos(heading);  // to the left
    if (s < corner) {
      const double a = heading + s / r;
      return {cx + r * std::sin(a), cy - r * std::cos(a)};
    }
    heading += std::numbers::pi / 2;
    x = cx + r * std::sin(heading);
    y = cy - r * std::cos(heading);
    s -= corner;
  }
  return {x, y};
}

namespace {

// One stretch of a turtle-drawn route: a straight, then an arc turning by angle_rad (positive:
// left) on radius_m.
struct Stretch {
  double straight_m, angle_rad, radius_m;
};

// Where each stretch starts: distance along the route, position and heading (0 = east).
struct Node {
  double s, x, y, heading;
};

// The city course's stretches, drawn again (turned by where the last left off) until the route
// is long enough: avenues of 0.3-1.3 km, street corners of 8-15 m radius, bends of 25-150 m, a
// chicane and a turnaround around a cone (radius 4 m).
constexpr double pi = std::numbers::pi;
constexpr Stretch city_stretches[] = {
    {820, pi / 2, 12},  {340, -pi / 2, 10}, {1250, pi / 6, 60},  {460, -pi / 4, 25},
    {700, -pi / 2, 15}, {280, pi / 2, 8},   {950, pi / 12, 150}, {60, -pi / 3, 20},
    {40, pi / 3, 20},   {530, pi, 4},       {530, -pi / 3, 30},  {1100, pi / 2, 12},
    {390, -pi / 2, 9},  {610, -pi / 6, 80}, {880, pi / 2, 14},   {300, pi / 4, 35},
};

std::vector<Node> city_nodes() {
  std::vector<Node> nodes;
  Node n{0, 0, 0, 0};
  while (n.s < 60'000) {
    for (const Stretch& st : city_stretches) {
      nodes.push_back(n);
      n.x += st.straight_m * std::cos(n.heading);
      n.y += st.straight_m * std::sin(n.heading);
      // The arc's centre lies to the left (a left turn) or right of the heading.
      const double side = st.angle_rad > 0 ? 1 : -1;
      const double cx = n.x - side * st.radius_m * std::sin(n.heading);
      const double cy = n.y + side * st.radius_m * std::cos(n.heading);
      n.heading += st.angle_rad;
      n.x = cx + side * st.radius_m * std::sin(n.heading);
      n.y = cy - side * st.radius_m * std::cos(n.heading);
      n.s += st.straight_m + std::abs(st.angle_rad) * st.radius_m;
    }
  }
  return nodes;
}

}  // namespace

std::pair<double, double> city_course(double d) {
  static const std::vector<Node> nodes = city_nodes();
  constexpr std::size_t count = std::size(city_stretches);
  const auto after = std::upper_bound(nodes.begin(), nodes.end(), d,
                                      [](double v, const Node& n) { return v < n.s; });
  const std::size_t i =
      after == nodes.begin() ? 0 : static_cast<std::size_t>(after - nodes.begin()) - 1;
  const Node& n = nodes[i];
  const Stretch& st = city_stretches[i % count];
  const double s = d - n.s;
  if (s < st.straight_m) return {n.x + s * std::cos(n.heading), n.y + s * std::sin(n.heading)};
  const double side = st.angle_rad > 0 ? 1 : -1;
  const double x = n.x + st.straight_m * std::cos(n.heading);
  const double y = n.y + st.straight_m * std::sin(n.heading);
  const double cx = x - side * st.radius_m * std::sin(n.heading);
  const double cy = y + side * st.radius_m * std::cos(n.heading);
  const double a = n.heading + side * (s - st.straight_m) / st.radius_m;
  return {cx + side * st.radius_m * std::sin(a), cy - side * st.radius_m * std::cos(a)};
}

Run generate(const Options& o) {
  std::mt19937 rng(o.seed);
  const GeographicLib::LocalCartesian origin(47.37, 8.54, 0);
  GaussMarkov ne(rng, o.noise.horizontal_sigma_m, o.noise.correlation_s);
  GaussMarkov nn(rng, o.noise.horizontal_sigma_m, o.noise.correlation_s);
  const double vertical_tau =
      o.noise.vertical_correlation_s > 0 ? o.noise.vertical_correlation_s : o.noise.correlation_s;
  GaussMarkov nu(rng, o.noise.vertical_sigma_m, vertical_tau);
  std::optional<GaussMarkov> drift;  // only when asked for: other runs keep their random draws
  if (o.noise.vertical_drift_sigma_m > 0)
    drift.emplace(rng, o.noise.vertical_drift_sigma_m, o.noise.vertical_drift_s);
  std::uniform_real_distribution<double> jitter(0, o.jitter_s);
  // Standard deviates scaled by the sigmas (std::normal_distribution requires a sigma over 0,
  // and a run without noise has 0): the same draws and values as distributions of those sigmas.
  std::normal_distribution<double> white(0, 1), white_up(0, 1);

  Run run;
  run.activity.file = "synthetic";
  run.activity.sport = runaudit::Sport::running;
  run.activity.segments = 1;
  run.activity.segment_starts = {0};
  const std::int64_t t0_ms = 1'700'000'000'000;
  double t = 0, d = 0, hr = 100, next_sample = 0, last_sample = 0;
  double last_elevation = o.elevation ? o.elevation(0) : 0;
  const double dt = 0.1;  // integration step
  for (const Leg& leg : o.legs) {
    const double end = t + leg.seconds;
    while (t < end - 1e-9) {
      t += dt;
      const double v = leg.kind == Leg::move ? leg.speed_m_per_s : 0;
      d += v * dt;
      if (o.elevation) {
        const double e = o.elevation(d);
        run.truth.gain_m += std::max(0.0, e - last_elevation);
        last_elevation = e;
      }
      hr += (100 + 18 * v - hr) * dt / 30;
      if (leg.kind == Leg::move) run.truth.moving_time_s += dt;
      if (t + 1e-9 < next_sample) continue;
      next_sample = t + o.interval_s + (o.jitter_s > 0 ? jitter(rng) : 0);
      const double step = std::max(t - last_sample, 0.1);
      last_sample = t;
      const double noise_e = ne.step(step) + o.noise.white_sigma_m * white(rng),
                   noise_n = nn.step(step) + o.noise.white_sigma_m * white(rng);
      double noise_u = nu.step(step);
      if (o.noise.vertical_white_sigma_m > 0)
        noise_u += o.noise.vertical_white_sigma_m * white_up(rng);
      if (drift) noise_u += drift->step(step);
      if (leg.kind == Leg::pause) continue;  // recording off
      const auto [x, y] = o.path(d);
      double lat = 0, lon = 0, h = 0;
      origin.Reverse(x + noise_e, y + noise_n, 0, lat, lon, h);
      runaudit::Sample s;
      s.time_ms = t0_ms + static_cast<std::int64_t>(std::llround(t * 1000));
      s.latitude_deg = lat;
      s.longitude_deg = lon;
      if (o.elevation) {
        const double up = 400 + o.elevation(d) + noise_u, q = o.noise.altitude_step_m;
        s.elevation_m = q > 0 ? q * std::round(up / q) : up;
      }
      if (o.heart_rate) s.heart_rate_bpm = std::round(hr);
      run.activity.samples.push_back(s);
    }
  }
  run.truth.distance_m = d;
  return run;
}

}  // namespace synth
