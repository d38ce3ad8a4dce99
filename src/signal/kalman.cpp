#include "runaudit/signal/kalman.hpp"

#include <Eigen/Dense>
#include <cmath>
#include <vector>

namespace runaudit::signal {

void smooth_constant_velocity(std::span<const double> time_s, std::span<const KalmanAxis> axes,
                              const KalmanNoise& noise) {
  using Vec = Eigen::Vector2d;
  using Mat = Eigen::Matrix2d;
  const std::size_t n = time_s.size();
  const std::size_t m = axes.size();
  if (n == 0 || m == 0) return;
  const double r = noise.position_sigma_m * noise.position_sigma_m;
  // The acceleration PSD over a step of dt (KalmanNoise::psd_reference_interval_s).
  const auto psd = [&](double dt) {
    const double ref = noise.psd_reference_interval_s;
    const double q = noise.accel_psd_m2_per_s3;
    return ref > 0 && dt > ref ? q * std::pow(dt / ref, noise.psd_interval_exponent) : q;
  };

  // The covariances (and so the gains) depend only on the times and the noise: once for all
  // axes. The states are per axis, axis-major.
  struct Covariances {
    Covariances() {}  // user-provided: std::vector(n) then leaves them uninitialised, not zeroed
    Mat p_pred, p_filt;
  };
  struct States {
    States() {}
    Vec x_pred, x_filt;
  };
  std::vector<Covariances> cov(n);
  std::vector<States> states(n * m);
  const auto state = [&](std::size_t axis, std::size_t i) -> States& {
    return states[axis * n + i];
  };

  // Measurement update with H = [1 0]: the gain from the predicted covariance (kept in `k`),
  // then each axis. An unmeasured sample (NaN) keeps its prediction.
  const auto measured = [&](std::size_t i) { return !std::isnan(axes[0].measured[i]); };
  Vec k = Vec::Zero();
  const auto update_covariance = [&](std::size_t i) {
    Mat& p = cov[i].p_filt;
    const double s = p(0, 0) + r;
    k = p.col(0) / s;
    // P - K H P, kept exactly symmetric.
    const double off = p(0, 1) - k(0) * p(0, 1);
    p(0, 0) -= k(0) * p(0, 0);
    p(1, 1) -= k(1) * p(0, 1);
    p(0, 1) = p(1, 0) = off;
  };
  const auto update_states = [&](std::size_t i) {
    for (std::size_t a = 0; a < m; ++a) {
      Vec& x = state(a, i).x_filt;
      x += k * (axes[a].measured[i] - x(0));
    }
  };

  // Initial state: first measurement, unknown velocity (σ 5 m/s covers running and cycling).
  Mat p0;
  p0 << r, 0, 0, 25.0;
  cov[0].p_pred = cov[0].p_filt = p0;
  for (std::size_t a = 0; a < m; ++a)
    state(a, 0).x_pred = state(a, 0).x_filt = Vec(axes[a].measured[0], 0.0);
  update_covariance(0);
  update_states(0);

  // Prediction with F = [1 dt; 0 1]: x⁻ = F x, P⁻ = F P Fᵀ + Q, written out for the symmetric
  // P = [a b; b c] (F P Fᵀ = [a + 2 b dt + c dt², b + c dt; b + c dt, c]; Eigen's general 2×2
  // products took a tenth of a FIT run's audit).
  // The covariances are a function of the one before, the step and whether the sample is
  // measured: at a steady interval they reach a fixed point, bit for bit (58 steps at 1 s and
  // the default noise), and from there are copied, not computed again (the same values).
  const auto steady = [&](std::size_t i) {  // step i repeats step i - 1 exactly
    return i >= 2 && time_s[i] - time_s[i - 1] == time_s[i - 1] - time_s[i - 2] &&
           measured(i) == measured(i - 1) && cov[i - 1].p_filt == cov[i - 2].p_filt;
  };
  for (std::size_t i = 1; i < n; ++i) {
    const double dt = time_s[i] - time_s[i - 1];
    if (steady(i)) {
      cov[i] = cov[i - 1];  // and k, the gain, is the last one's
    } else {
      const double q = psd(dt);
      const Mat& pf = cov[i - 1].p_filt;
      const double a = pf(0, 0), b = pf(0, 1), c = pf(1, 1);
      Mat& pp = cov[i].p_pred;
      pp(0, 0) = a + dt * (2 * b + dt * c) + q * dt * dt * dt / 3;
      pp(0, 1) = pp(1, 0) = b + dt * c + q * dt * dt / 2;
      pp(1, 1) = c + q * dt;
      cov[i].p_filt = pp;
      if (measured(i)) update_covariance(i);
    }
    for (std::size_t ax = 0; ax < m; ++ax) {
      States& s = state(ax, i);
      const Vec& x = state(ax, i - 1).x_filt;
      s.x_filt = s.x_pred = Vec(x(0) + dt * x(1), x(1));
    }
    if (measured(i)) update_states(i);
  }

  // RTS backward pass: x_s(i) = x_f(i) + C (x_s(i+1) - x_p(i+1)), C = P_f(i) Fᵀ P_p(i+1)⁻¹.
  std::vector<Vec> xs(m);
  for (std::size_t a = 0; a < m; ++a) {
    xs[a] = state(a, n - 1).x_filt;
    axes[a].position[n - 1] = xs[a](0);
    axes[a].velocity[n - 1] = xs[a](1);
  }
  // With P_f(i) = [a b; b c] and P_p(i+1) = [e g; g h]: P_f Fᵀ = [a + b dt, b; b + c dt, c] and
  // P_p⁻¹ = [h -g; -g e] / (e h - g²). Where the covariances and the step are those of step
  // i + 1 (the fixed point above), so is the gain.
  Mat gain;
  for (std::size_t i = n - 1; i-- > 0;) {
    const double dt = time_s[i + 1] - time_s[i];
    const Mat& pf = cov[i].p_filt;
    const Mat& pp = cov[i + 1].p_pred;
    // (P_p(i+1) follows from P_f(i) and dt: equal too.)
    const bool same_gain =
        i + 2 < n && dt == time_s[i + 2] - time_s[i + 1] && pf == cov[i + 1].p_filt;
    if (!same_gain) {
      const double a = pf(0, 0), b = pf(0, 1), c = pf(1, 1);
      const double e = pp(0, 0), g = pp(0, 1), h = pp(1, 1);
      const double det = e * h - g * g;
      const double r0 = a + b * dt, r1 = b + c * dt;
      gain << (r0 * h - b * g) / det, (b * e - r0 * g) / det, (r1 * h - c * g) / det,
          (c * e - r1 * g) / det;
    }
    for (std::size_t ax = 0; ax < m; ++ax) {
      xs[ax] = state(ax, i).x_filt + gain * (xs[ax] - state(ax, i + 1).x_pred);
      axes[ax].position[i] = xs[ax](0);
      axes[ax].velocity[i] = xs[ax](1);
    }
  }
}

void smooth_constant_velocity(std::span<const double> time_s, std::span<const double> measured,
                              const KalmanNoise& noise, std::span<double> position,
                              std::span<double> velocity) {
  const KalmanAxis axis{measured, position, velocity};
  smooth_constant_velocity(time_s, std::span(&axis, 1), noise);
}

}  // namespace runaudit::signal
