#pragma once
/// @file
/// Elevation, the stage of prepare() after distance, in the distance domain: noise estimate,
/// a constant-grade Kalman/RTS smoother and a hysteresis adapted to it, gain between turning
/// points, steepest sustained grade (docs/ARCHITECTURE.md, "Signal processing", "Elevation";
/// docs/elevation.md). Absent elevations are NaN in these buffers and are skipped, never zero.

#include <optional>
#include <span>
#include <string>

#include "runaudit/signal/kalman.hpp"

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

/// An altitude signal's short-scale noise, and how much of it is independent from fix to fix.
struct AltitudeNoise {
  /// Robust σ (m): 1.4826 × the median absolute deviation of (raw − 100 m moving average).
  /// Barometric altimeters give ~0.1–0.3 m, GPS altitude 1–3 m (measured on the real corpus and
  /// on generated tracks, see tests). Terrain that bends within 100 m would count too (rollers
  /// of ±3 m every 200 m read ≈ 1 m, like GPS wander): from 0.5 m (barometric_noise_max_m) the
  /// residual from a local quadratic over the same ±50 m, which follows the terrain, is weighed
  /// against it (its residuals divided by √(1 − leverage); windows of fewer than 6 altitudes
  /// give none, and with fewer than 10 centres the average's estimate stands). Its slow part (σ²
  /// less the white part), divided by 0.75 (what GPS wander leaves a quadratic of what it leaves
  /// the average: 0.68–0.82 on generated Gauss–Markov wander at 1–5 s), agrees with the
  /// average's on noise alone and falls far below it where terrain inflates the average
  /// (0.15–0.25): below half of it, it is the slow part; from three quarters, the average's is;
  /// in between, blended linearly.
  double sigma_m = 0;
  /// The share of σ² that is independent from one fix to the next (white noise), in [0, 1]:
  /// the nugget of the altitudes' semivariogram over σ². Over a lag of k fixes, white noise adds
  /// a constant to γ(k) = Var(e_i+k − e_i) / 2, a wandering error (a random walk at short lags,
  /// as the Gauss–Markov error of GPS) grows with k, and smooth terrain grows with k²; the nugget
  /// is γ extrapolated to lag 0 from lags 1 and 2, 2γ(1) − γ(2) (Cressie, "Statistics for
  /// Spatial Data", 1993, §2.3.1), each γ(k) by Cressie and Hawkins' robust estimator. It is
  /// taken of the raw altitudes and of their residual from the 100 m moving average, and the
  /// smaller is kept: the raw altitudes' slope lowers it, the moving average's own steps raise
  /// the residual's when fixes are far apart (generated GPS wander at 5 s: 0.2–0.4 on the
  /// residual, under 0.1 raw), and a share read too high would let wander count as climbing.
  /// With fixes more than 100/6 m apart the share is 0: wander then changes between fixes as
  /// much as white noise would (generated wander at 10 s read ≈ 0.5).
  /// White noise (an app's per-fix altitude, a generated track with Gaussian noise) gives ≈ 1
  /// and the smoother averages it away; GPS altitude as watches write it wanders (real corpus:
  /// ≈ 0) and no smoother tells that from terrain. 0 when σ is 0.
  double white_share = 0;
};

/// The moving average's σ alone (AltitudeNoise::sigma_m before the local quadratic and without
/// the white share), for callers that need only the size of short-scale noise, such as the
/// motion's barometric check: a fraction of altitude_noise's work.
/// @param distance_m   the axis (m), size N, non-decreasing.
/// @param elevation_m  altitudes (m), size N, NaN = absent (skipped).
/// @return metres; nullopt with fewer than 10 valid values.
std::optional<double> altitude_noise_m(std::span<const double> distance_m,
                                       std::span<const double> elevation_m);

/// Estimates the AltitudeNoise of an altitude signal.
/// @param distance_m   the axis (m), size N, non-decreasing.
/// @param elevation_m  altitudes (m), size N, NaN = absent (skipped).
/// @return nullopt with fewer than 10 valid values.
std::optional<AltitudeNoise> altitude_noise(std::span<const double> distance_m,
                                            std::span<const double> elevation_m);

/// Total gain and loss.
struct GainLoss {
  double gain_m = 0, loss_m = 0;
};

/// Counts climbing and descending between turning points confirmed by a hysteresis: a peak
/// (trough) is a turning point once the elevation has come down (up) @p hysteresis_m from it,
/// and each climb (descent) between turning points counts whole, less @p allowance_m (never
/// below 0); the last one counts too once it is @p hysteresis_m high. Swings smaller than the
/// hysteresis count nothing. (The threshold method that counts in steps of at least the
/// hysteresis, Runalyze's and GoldenCheetah's, loses the last step below it on every climb:
/// ≈ h/2 per hill.) Leading NaNs are skipped: the first valid value is the starting level, so
/// missing values never count as a climb from 0.
/// @param elevation_m  size N, NaN = absent.  @param hysteresis_m  > 0.
/// @param allowance_m  subtracted from every counted climb and descent (m), >= 0.
GainLoss gain_loss(std::span<const double> elevation_m, double hysteresis_m,
                   double allowance_m = 0);

/// The steepest climb over a fixed distance.
struct SustainedGrade {
  double grade = 0;    ///< rise/run over the window
  double start_m = 0;  ///< where the window starts (cumulative distance, m)
  double end_m = 0;    ///< where it ends
};

/// The steepest grade (rise/run) any ground is run or hiked at over a grade window (200 m or
/// more): 100 % (45°). The steepest trails climbed on foot average far less (the Manitou
/// Incline 45 %, vertical-kilometre races 30-60 %); an altitude that climbs or drops more steeply
/// is a broken altimeter's (a Forerunner 920XT's leaps between 6893 m and -500 m).
inline constexpr double max_sustained_grade = 1.0;

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
  double noise_m = 0;      ///< AltitudeNoise::sigma_m of the raw elevations; 0 with fewer than 10
  double white_share = 0;  ///< AltitudeNoise::white_share: the part of noise_m² the smoother
                           ///< averages away
  double smoothed_white_m = 0;  ///< σ of what the white part leaves after the smoother
                                ///< (smoothed_white_noise_m)
  std::string confidence;       ///< "high" (< 0.5 m: barometric-like), "medium" (< 1.5 m), "low"
  double hysteresis_m = 0;      ///< used for gain and loss
  double smoothing_m = 0;       ///< the smoother's reach: the wavelength (m) of terrain it passes
                                ///< at half its amplitude (altitude_model)
  double grade_window_m = 0;    ///< window of the steepest sustained grade and of grade/GAP
};

/// The altitude smoother's model for a measured noise (σ, white share w): altitude and grade
/// over distance (smooth_constant_velocity with distance as its "time"), the grade a random walk
/// of power spectral density q = 1e-4 /m (a terrain prior: over 100 m the grade wanders by
/// ±10 %). Each altitude is measured with an error of √(σ_w² + (σ_s·clamp(σ_s / 0.2 m, 1, 6.6))²),
/// at least 0.1 m (a barometric altimeter's resolution; a file whose altitudes never change has
/// σ 0), where σ_w = σ√w is the white part, taken at its size (the smoother averages it away),
/// and σ_s = σ√(1 − w) the slow part. σ sees only the short-scale part of GPS altitude error,
/// which wanders ≈ 3.3σ over minutes (grade_gap.hpp): from σ_s ≈ 1.3 m the slow error is taken
/// as twice that wander, 6.6σ_s, so that the smoother removes most of it; barometric altitude
/// (σ ≈ 0.2 m) is taken at its σ. q and the factors were chosen on generated runs
/// (tests/unit/test_hills.cpp, docs/elevation.md).
/// @param noise  the measured noise (altitude_noise); a white share outside [0, 1] is clamped.
/// @return the model for smooth_constant_velocity: grade PSD 1e-4 /m, position σ (m) >= 0.1.
KalmanNoise altitude_model(const AltitudeNoise& noise) noexcept;

/// The slow part of an altitude noise (m): σ√(1 − white share), the error that wanders from fix
/// to fix and that no smoother can tell from terrain. It sets the windows (elevation_quality).
/// @param noise  the measured noise; a white share outside [0, 1] is clamped.
/// @return metres, >= 0.
double altitude_wander_m(const AltitudeNoise& noise) noexcept;

/// The wavelength (m) the smoother of @p model passes at half its amplitude, for altitudes
/// @p spacing_m apart: 2π (σ² Δ / q)^¼. In steady state the RTS smoother of this model is the
/// Wiener smoother of a twice-integrated white noise of PSD q seen in white noise of density
/// σ²Δ, whose gain is 1 / (1 + σ²Δ ω⁴ / q) (the cubic smoothing spline's; Wecker & Ansley 1983,
/// J Am Stat Assoc 78:81); it is ½ at ω⁴ = q / (σ²Δ).
/// @param spacing_m  mean distance between altitudes (m), > 0.
double smoother_half_wavelength_m(const KalmanNoise& model, double spacing_m) noexcept;

/// Below this altitude noise σ (m) the elevations behave as a barometric altimeter's: the
/// confidence "high" of elevation_quality, and the altitude motion classification trusts for a
/// climb (MotionEvidence). A barometer's short-scale noise is tenths of a metre, GPS altitude's
/// metres (tests/support/synth.hpp models both; docs/elevation.md).
inline constexpr double barometric_noise_max_m = 0.5;

/// σ (m) of white noise of σ @p white_m, @p spacing_m apart, after the smoother of @p model:
/// the smoother's gain is 1 / (1 + (ω/ω₀)⁴), ω₀ = 2π / smoother_half_wavelength_m (see there),
/// so the output variance is σ²Δ · (1/π) ∫₀^∞ |gain|² dω = σ² (Δ ω₀ / π) · 3π / (8√2)
/// = σ² · (3π / (4√2)) · Δ / L, L the half wavelength (≈ 1.67 σ² Δ / L).
/// @param white_m    σ of the white noise (m), >= 0.
/// @param model      the smoother's model (altitude_model).
/// @param spacing_m  mean distance between altitudes (m), > 0 (0 or less gives NaN).
/// @return metres, >= 0.
double smoothed_white_noise_m(double white_m, const KalmanNoise& model, double spacing_m) noexcept;

/// The windows for a measured altitude noise, set by its slow part σ_s = altitude_wander_m and
/// by what its white part leaves after the smoother, σ_o = smoothed_white_noise_m (the smoother
/// averages the rest of the white part away; altitude_model): hysteresis the larger of
/// 26 (σ_s − 0.34 m) and 7σ_o, within [1.5, 20] m; grade window 800 max(σ_s, σ_o) within
/// [200, 1000] m;
/// smoothing_m from smoother_half_wavelength_m(altitude_model(noise), spacing_m); confidence
/// "high" below max(σ_s, σ_o) = 0.5 m, "medium" below 1.5 m, else "low". The hysteresis is 1.5 m
/// up to σ_s = 0.4 m (barometric altitude: it wanders by ±0.5 m over minutes, and the smallest
/// hills meant to count swing 6 m), 15 m at σ_s = 0.92 m and 20 m from σ_s = 1.11 m (GPS
/// altitude, whose wander of several metres no smoother can tell from terrain: flat runs must
/// stay flat, hills smaller than the wander are not counted). 7σ_o keeps the smoothed white
/// noise's own swings out (white σ 2 m every 5 s at 3 m/s: σ_o ≈ 0.76 m). Measured on generated
/// runs (tests/unit/test_hills.cpp, docs/elevation.md).
/// @param noise      the measured noise (altitude_noise).
/// @param spacing_m  mean distance between altitudes (m), > 0.
ElevationQuality elevation_quality(const AltitudeNoise& noise, double spacing_m);

/// What each counted climb and descent gives back to noise (gain_loss's allowance): half of the
/// hysteresis beyond 8 m, so 0 for barometric altitude (and for hills that raise σ) and 6 m at
/// the 20 m hysteresis of GPS altitude. With GPS altitude a climb's turning points sit on the
/// extremes of its wander: without the allowance a 60 m climb read 75–77 m on generated runs with
/// 4 m of wander (tests/unit/test_series.cpp), with it 63–71 m.
/// @return metres, >= 0.
double turn_allowance_m(const ElevationQuality& quality) noexcept;

/// Smooths altitudes over distance with altitude_model(@p noise): a Kalman filter and its
/// Rauch–Tung–Striebel pass (smooth_constant_velocity) from the first to the last valid altitude;
/// gaps inside are bridged by the model, samples before the first or after the last are NaN.
/// @param distance_m  size N, non-decreasing.  @param raw_m  size N, NaN = absent.
/// @param out         size N; all NaN when no altitude is valid.
void smooth_altitude(std::span<const double> distance_m, std::span<const double> raw_m,
                     const AltitudeNoise& noise, std::span<double> out);

/// What the elevation stage measures.
struct Elevation {
  ElevationQuality quality;
  GainLoss gain_loss;                      ///< of the smoothed elevation, with quality.hysteresis_m
  std::optional<SustainedGrade> steepest;  ///< over quality.grade_window_m; nullopt if none fits
};

/// The elevation stage: estimates the noise of @p raw_m (altitude_noise), derives the windows
/// (elevation_quality), smooths in distance (smooth_altitude), then measures gain and loss and
/// the steepest sustained climb of the smoothed elevation (gain and loss: gain_loss with
/// quality.hysteresis_m and turn_allowance_m). With 2–9 elevations the noise cannot
/// be estimated: the windows of σ = 0 (hysteresis 1.5 m) are used and confidence is "low", so a
/// short file still has its gain.
/// @param distance_m  cumulative distance (m), size N, non-decreasing (no NaN).
/// @param raw_m       recorded elevations (m), size N, NaN = absent.
/// @param smoothed_m  output, size N: the smoothed elevation; left untouched on nullopt.
/// @return nullopt with fewer than 2 elevations.
std::optional<Elevation> measure_elevation(std::span<const double> distance_m,
                                           std::span<const double> raw_m,
                                           std::span<double> smoothed_m);

}  // namespace runaudit::signal
