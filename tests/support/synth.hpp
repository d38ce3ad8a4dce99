#pragma once
// Generated runs with known truth for the signal tests: an exact path on the WGS84 ellipsoid
// (GeographicLib::LocalCartesian around a fixed origin), followed at scripted speeds, recorded at
// a fixed or irregular interval, plus watch-like GPS noise: first-order Gauss–Markov processes
// (they wander over a correlation time, as watch GPS does) plus a small white component.

#include <cstdint>
#include <functional>
#include <random>
#include <vector>

#include "runaudit/model.hpp"

namespace synth {

/// One scripted part of a run.
struct Leg {
  enum Kind { move, stand, pause } kind = move;
  double seconds = 0;
  double speed_m_per_s = 0;  ///< for move
};

struct Noise {
  double horizontal_sigma_m = 2.5;  ///< Gauss–Markov, per axis
  double vertical_sigma_m = 4.0;
  double correlation_s = 60;   ///< τ of the Gauss–Markov processes
  double white_sigma_m = 0.8;  ///< independent per fix, per axis
};

struct Options {
  std::function<std::pair<double, double>(double)> path;  ///< distance m → (east m, north m)
  std::function<double(double)> elevation;                ///< distance m → m (may be null)
  std::vector<Leg> legs;
  Noise noise;
  double interval_s = 1;  ///< recording interval
  double jitter_s = 0;    ///< extra random interval 0..jitter_s ("smart" recording)
  std::uint32_t seed = 1;
  bool heart_rate = true;
};

/// What the run really was.
struct Truth {
  double distance_m = 0;     ///< along the path
  double moving_time_s = 0;  ///< time in `move` legs
};

struct Run {
  runaudit::Activity activity;
  Truth truth;
};

/// Generates one run. Origin 47.37 N, 8.54 E, elevation 400 m + elevation(d).
Run generate(const Options& options);

/// A straight line heading north-east (azimuth 45°).
std::pair<double, double> straight(double d);
/// A 400 m standard track (two 84.39 m straights, bends of radius 36.5 m), lap after lap.
std::pair<double, double> track_400m(double d);
/// Street blocks: a 600 m × 400 m loop with 90° corners rounded to a 10 m radius (as a runner
/// turns a street corner), lap after lap (1982.83 m a lap).
std::pair<double, double> blocks(double d);

}  // namespace synth
