#pragma once
/// @file
/// Elevation, the stage of prepare() after distance, in the distance domain: noise estimate,
/// windows adapted to it, smoothing, gain with hysteresis, steepest sustained grade
/// (docs/ARCHITECTURE.md, "Signal processing", "Elevation"). Absent elevations are NaN in these
/// buffers and are skipped, never zero.

#include <optional>
#include <span>
#include <string>

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

/// How trustworthy the elevation is, estimated from the data, and the windows adapted to it.
struct ElevationQuality {
  double noise_m = 0;         ///< altitude_noise_m() of the raw elevations; 0 with fewer than 10
  std::string confidence;     ///< "high" (< 0.5 m: barometric-like), "medium" (< 1.5 m), "low"
  double hysteresis_m = 0;    ///< used for gain and loss
  double smoothing_m = 0;     ///< distance window of the elevation smoothing
  double grade_window_m = 0;  ///< window of the steepest sustained grade and of grade/GAP
};

/// The windows for a measured altitude noise σ (m): hysteresis 8σ within [2, 12] m, smoothing
/// 150σ within [30, 250] m, grade window 800σ within [200, 1000] m; confidence "high" below
/// σ = 0.5 m, "medium" below 1.5 m, else "low". The factors and bounds were tuned on generated
/// tracks with known climbs (GPS-like noise needs ~5 m hysteresis and a grade window of several
/// hundred metres; tests/unit/test_series.cpp).
/// @param noise_m  σ (m), >= 0.
ElevationQuality elevation_quality(double noise_m);

/// What the elevation stage measures.
struct Elevation {
  ElevationQuality quality;
  GainLoss gain_loss;                      ///< of the smoothed elevation, with quality.hysteresis_m
  std::optional<SustainedGrade> steepest;  ///< over quality.grade_window_m; nullopt if none fits
};

/// The elevation stage: estimates the noise of @p raw_m (altitude_noise_m), derives the windows
/// (elevation_quality), smooths in distance over quality.smoothing_m (smooth_over_distance),
/// then measures gain and loss and the steepest sustained climb of the smoothed elevation. With
/// 2–9 elevations the noise cannot be estimated: the windows of σ = 0 (hysteresis 2 m) are
/// used and confidence is "low", so a short file still has its gain.
/// @param distance_m  cumulative distance (m), size N, non-decreasing (no NaN).
/// @param raw_m       recorded elevations (m), size N, NaN = absent.
/// @param smoothed_m  output, size N: the smoothed elevation; left untouched on nullopt.
/// @return nullopt with fewer than 2 elevations.
std::optional<Elevation> measure_elevation(std::span<const double> distance_m,
                                           std::span<const double> raw_m,
                                           std::span<double> smoothed_m);

}  // namespace runaudit::signal
