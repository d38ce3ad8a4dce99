#pragma once
// Generated runs with known truth for the signal tests: an exact path on the WGS84 ellipsoid
// (GeographicLib::LocalCartesian around a fixed origin), followed at scripted speeds, recorded at
// a fixed or irregular interval, plus watch-like GPS noise: first-order Gauss–Markov processes
// (they wander over a correlation time, as watch GPS does) plus a small white component. The
// altitude is GPS-like by default; Noise::barometric() gives a barometric altimeter's, and
// altitudes can be quantised as files store them.

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
  double horizontal_sigma_m = 2.5;    ///< Gauss–Markov, per axis
  double vertical_sigma_m = 4.0;      ///< Gauss–Markov altitude error
  double correlation_s = 60;          ///< τ of the Gauss–Markov processes
  double white_sigma_m = 0.8;         ///< independent per fix, per horizontal axis
  double vertical_correlation_s = 0;  ///< τ of the altitude error; 0: correlation_s
  double vertical_white_sigma_m = 0;  ///< independent per fix, altitude
  double vertical_drift_sigma_m = 0;  ///< a second, slower Gauss–Markov altitude error
  double vertical_drift_s = 1800;     ///< its τ
  double altitude_step_m = 0;  ///< altitudes rounded to multiples of this (FIT 0.2 m, some GPX
                               ///< 1 m); 0: not rounded

  /// A barometric altimeter: 0.2 m white noise per reading, a wander of σ 0.4 m over minutes
  /// (τ 300 s: gusts, pace and temperature changing the pressure at the sensor; a real flat run
  /// from a Forerunner 920XT wanders ±0.8 m over 5 min) and a slow drift (weather) of σ 1.5 m
  /// over 30 min.
  static Noise barometric() {
    return {.vertical_sigma_m = 0.4,
            .vertical_correlation_s = 300,
            .vertical_white_sigma_m = 0.2,
            .vertical_drift_sigma_m = 1.5,
            .vertical_drift_s = 1800};
  }
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
  double gain_m = 0;         ///< the path's total ascent: the sum of the rises of elevation(d)
                             ///< over every 0.1 s integration step (0 without elevation)
};

struct Run {
  runaudit::Activity activity;
  Truth truth;
};

/// Generates one run. Origin 47.37 N, 8.54 E, elevation 400 m + elevation(d).
Run generate(const Options& options);

/// Rolling hills: amplitude · sin(2π d / wavelength) (m); each full wave climbs 2 · amplitude.
std::function<double(double)> rolling_hills(double amplitude_m, double wavelength_m);

/// A straight line heading north-east (azimuth 45°).
std::pair<double, double> straight(double d);
/// A 400 m standard track (two 84.39 m straights, bends of radius 36.5 m), lap after lap.
std::pair<double, double> track_400m(double d);
/// Street blocks: a 600 m × 400 m loop with 90° corners rounded to a 10 m radius (as a runner
/// turns a street corner), lap after lap (1982.83 m a lap).
std::pair<double, double> blocks(double d);
/// A city marathon course, not a loop: avenues of 0.3-1.3 km, street corners (radius 8-15 m),
/// bends (25-150 m), a chicane and a turnaround around a cone (radius 4 m), as its course
/// measurer rides it (the shortest route); at least 60 km long.
std::pair<double, double> city_course(double d);

}  // namespace synth
