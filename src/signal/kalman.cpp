#include "runaudit/signal/kalman.hpp"

#include <Eigen/Dense>
#include <vector>

namespace runaudit::signal {

void smooth_constant_velocity(std::span<const double> time_s, std::span<const double> measured,
                              const KalmanNoise& noise, std::span<double> position,
                              std::span<double> velocity) {
  using Vec = Eigen::Vector2d;
  using Mat = Eigen::Matrix2d;
  const std::size_t n = time_s.size();
  if (n == 0) return;
  const double r = noise.position_sigma_m * noise.position_sigma_m;
  const double q = noise.accel_psd_m2_per_s3;

  struct Step {
    Step() {}  // user-provided: std::vector(n) then leaves the members uninitialised, not zeroed
    Vec x_pred, x_filt;
    Mat p_pred, p_filt;
  };
  std::vector<Step> steps(n);

  // Initial state: first measurement, unknown velocity (σ 5 m/s covers running and cycling).
  Vec x(measured[0], 0.0);
  Mat p;
  p << r, 0, 0, 25.0;
  steps[0].x_pred = steps[0].x_filt = x;
  steps[0].p_pred = steps[0].p_filt = p;
  // Measurement update with H = [1 0].
  const auto update = [r](Vec& xs, Mat& ps, double z) {
    const double s = ps(0, 0) + r;
    const Vec k = ps.col(0) / s;
    xs += k * (z - xs(0));
    ps -= k * ps.row(0);
  };
  update(steps[0].x_filt, steps[0].p_filt, measured[0]);

  for (std::size_t i = 1; i < n; ++i) {
    const double dt = time_s[i] - time_s[i - 1];
    Mat f;
    f << 1, dt, 0, 1;
    Mat qm;
    qm << q * dt * dt * dt / 3, q * dt * dt / 2, q * dt * dt / 2, q * dt;
    Step& s = steps[i];
    s.x_pred = f * steps[i - 1].x_filt;
    s.p_pred = f * steps[i - 1].p_filt * f.transpose() + qm;
    s.x_filt = s.x_pred;
    s.p_filt = s.p_pred;
    update(s.x_filt, s.p_filt, measured[i]);
  }

  // RTS backward pass: x_s(i) = x_f(i) + C (x_s(i+1) - x_p(i+1)), C = P_f(i) Fᵀ P_p(i+1)⁻¹.
  Vec xs = steps[n - 1].x_filt;
  position[n - 1] = xs(0);
  velocity[n - 1] = xs(1);
  for (std::size_t i = n - 1; i-- > 0;) {
    const double dt = time_s[i + 1] - time_s[i];
    Mat f;
    f << 1, dt, 0, 1;
    const Mat c = steps[i].p_filt * f.transpose() * steps[i + 1].p_pred.inverse();
    xs = steps[i].x_filt + c * (xs - steps[i + 1].x_pred);
    position[i] = xs(0);
    velocity[i] = xs(1);
  }
}

}  // namespace runaudit::signal
