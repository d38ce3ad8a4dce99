#pragma once
/// @file
/// Elevation in the distance domain: noise estimate, smoothing, gain with hysteresis, steepest
/// sustained grade. Absent elevations are NaN in these buffers and are skipped, never zero.

#include <optional>
#include <span>

namespace runaudit::signal {

/// Centred moving average over distance: out[i] = mean of the valid values[j] with
/// |distance[j] − distance[i]| <= window/2 (two pointers, linear time).
/// @param distance_m  cumulative distance (m), size N, non-decreasing.
/// @param values      size N; NaN = absent (skipped; out[i] is NaN only if no valid value is
///                    inside the window).
/// @param window_m    full window width (m), > 0.
/// @param out         size N.
void smooth_over_distance(std::span<const double> distance_m, std::span<const double> values,
                          double window_m, std::span<double> out);

/// Robust estimate of an altitude signal's short-scale noise: 1.4826 × the median absolute
/// deviation of (raw − 100 m moving average). Barometric altimeters give ~0.1–0.3 m, GPS
/// altitude 1–3 m (measured on the real corpus and on generated tracks, see tests).
/// @return metres; nullopt with fewer than 10 valid values.
std::optional<double> altitude_noise_m(std::span<const double> distance_m,
                                       std::span<const double> elevation_m);

/// Total gain and loss.
struct GainLoss {
  double gain_m = 0, loss_m = 0;
};

/// Counts climbing and descending with a hysteresis: a change is counted only once the
/// elevation has moved @p hysteresis_m away from the last counted level (the "threshold"
/// method of Runalyze/GoldenCheetah). Leading NaNs are skipped: the first valid value is the
/// starting level, so missing values never count as a climb from 0.
/// @param elevation_m  size N, NaN = absent.  @param hysteresis_m  > 0.
GainLoss gain_loss(std::span<const double> elevation_m, double hysteresis_m);

/// The steepest climb over a fixed distance.
struct SustainedGrade {
  double grade = 0;    ///< rise/run over the window
  double start_m = 0;  ///< where the window starts (cumulative distance, m)
  double end_m = 0;    ///< where it ends
};

/// Maximum of (e(d + L) − e(d)) / L over the run, e linearly interpolated in distance.
/// @param distance_m   size N, non-decreasing.
/// @param elevation_m  size N, smoothed, NaN = absent (windows touching NaN are skipped).
/// @param window_m     L (m), > 0; when the run is shorter than L but at least L/2 long, the
///                     whole run is the window.
/// @return nullopt when no window fits.
std::optional<SustainedGrade> steepest_climb(std::span<const double> distance_m,
                                             std::span<const double> elevation_m, double window_m);

}  // namespace runaudit::signal
