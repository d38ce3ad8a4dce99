#pragma once
/// @file
/// Constant-velocity Kalman filter with a Rauch–Tung–Striebel backward pass, for axes of
/// position sampled at irregular times. The "time" may be any non-decreasing coordinate: the
/// elevation stage smooths altitude over distance, the "velocity" then being the grade.

#include <span>

namespace runaudit::signal {

/// Noise parameters of the constant-velocity model.
struct KalmanNoise {
  /// Power spectral density of the white acceleration driving the model (m²/s³). The process
  /// noise over a step dt is q·[dt³/3 dt²/2; dt²/2 dt] (Bar-Shalom, Li & Kirubarajan,
  /// "Estimation with Applications to Tracking and Navigation", §6.2.2).
  double accel_psd_m2_per_s3 = 0.4;
  /// Standard deviation of one position measurement (m).
  double position_sigma_m = 3.0;
  /// Fix interval (s) beyond which the acceleration PSD grows with the time between fixes:
  /// over a step dt > this, q·(dt / this)^psd_interval_exponent. 0 keeps q constant. Between
  /// sparse fixes a runner turns corners the constant-velocity model cannot see; a constant q
  /// then pulls the track inside every corner and the distance reads short.
  double psd_reference_interval_s = 0;
  /// Exponent of that growth (see psd_reference_interval_s).
  double psd_interval_exponent = 1;
};

/// Smooths one axis of position with a constant-velocity model: forward Kalman filter, then the
/// RTS backward pass (Rauch, Tung & Striebel 1965, AIAA J 3:1445). State [p, v], Eigen 2×2.
/// The initial state is the first measurement with velocity 0 ± 5 (m/s; as a grade over
/// distance, ±500 %: uninformative).
/// @param time_s    sample times (s), size N, non-decreasing (equal times: the state measured
///                  again).
/// @param measured  measured positions (m), size N; NaN = not measured (the sample is predicted,
///                  not updated; its output is the smoothed state there). The first must not be
///                  NaN.
/// @param position  output: smoothed positions (m), size N (may alias nothing else).
/// @param velocity  output: smoothed velocities (m/s), size N.
/// @pre all four spans have the same size N >= 1. N == 1 copies the position, velocity 0.
/// Work and memory are linear in N.
void smooth_constant_velocity(std::span<const double> time_s, std::span<const double> measured,
                              const KalmanNoise& noise, std::span<double> position,
                              std::span<double> velocity);

/// One axis for the several-axes smoother: its measured positions in, its smoothed positions
/// and velocities out (all of size N; the outputs may alias nothing else).
struct KalmanAxis {
  std::span<const double> measured;  ///< measured positions (m)
  std::span<double> position;        ///< output: smoothed positions (m)
  std::span<double> velocity;        ///< output: smoothed velocities (m/s)
};

/// Smooths several axes measured at the same times with the same noise, such as east and north
/// of a track. The covariances and gains depend only on the times and the noise, so they are
/// computed once for all axes: each axis gets, bit for bit, what the one-axis overload gives it,
/// for about half the work on two axes.
/// @param time_s  sample times (s), size N, non-decreasing.
/// @param axes    the axes; each span of size N. No axes, or N == 0: nothing to do. A sample is
///                measured or not on all axes together: where the first axis's measurement is
///                NaN, no axis is updated. The first sample must be measured.
/// Work and memory are linear in N times the number of axes; three heap allocations.
void smooth_constant_velocity(std::span<const double> time_s, std::span<const KalmanAxis> axes,
                              const KalmanNoise& noise);

}  // namespace runaudit::signal
