// Unit tests for the constant-velocity Kalman smoother (runaudit/signal/kalman.hpp): against a
// plain scalar transcription of the textbook equations (Kalman filter, then Rauch-Tung-Striebel),
// against a noise-free track of known velocity, and several axes against one axis at a time.

#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "runaudit/signal/kalman.hpp"

using runaudit::signal::KalmanAxis;
using runaudit::signal::KalmanNoise;
using runaudit::signal::smooth_constant_velocity;

namespace {

struct Smoothed {
  std::vector<double> position, velocity;
};

// The same model written out element by element: state [p, v], covariance [[a, b], [b, c]]; a
// NaN measurement is no update.
Smoothed reference(const std::vector<double>& t, const std::vector<double>& z,
                   const KalmanNoise& noise) {
  const std::size_t n = t.size();
  const double r = noise.position_sigma_m * noise.position_sigma_m;
  const double q = noise.accel_psd_m2_per_s3;
  std::vector<double> xp(n), vp(n), xf(n), vf(n), ap(n), bp(n), cp(n), af(n), bf(n), cf(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (i == 0) {
      xp[0] = z[0], vp[0] = 0, ap[0] = r, bp[0] = 0, cp[0] = 25;
    } else {
      const double dt = t[i] - t[i - 1];
      xp[i] = xf[i - 1] + dt * vf[i - 1];
      vp[i] = vf[i - 1];
      ap[i] = af[i - 1] + 2 * dt * bf[i - 1] + dt * dt * cf[i - 1] + q * dt * dt * dt / 3;
      bp[i] = bf[i - 1] + dt * cf[i - 1] + q * dt * dt / 2;
      cp[i] = cf[i - 1] + q * dt;
    }
    if (std::isnan(z[i])) {  // not measured: the prediction stands
      xf[i] = xp[i], vf[i] = vp[i], af[i] = ap[i], bf[i] = bp[i], cf[i] = cp[i];
      continue;
    }
    const double s = ap[i] + r, k0 = ap[i] / s, k1 = bp[i] / s, innovation = z[i] - xp[i];
    xf[i] = xp[i] + k0 * innovation;
    vf[i] = vp[i] + k1 * innovation;
    af[i] = ap[i] - k0 * ap[i];
    bf[i] = bp[i] - k0 * bp[i];
    cf[i] = cp[i] - k1 * bp[i];
  }
  Smoothed out{std::vector<double>(n), std::vector<double>(n)};
  out.position[n - 1] = xf[n - 1];
  out.velocity[n - 1] = vf[n - 1];
  for (std::size_t i = n - 1; i-- > 0;) {
    const double dt = t[i + 1] - t[i];
    // C = Pf Fᵀ Pp⁻¹, Pf Fᵀ = [[a + dt b, b], [b + dt c, c]] (of step i), Pp of step i + 1.
    const double det = ap[i + 1] * cp[i + 1] - bp[i + 1] * bp[i + 1];
    const double ia = cp[i + 1] / det, ib = -bp[i + 1] / det, ic = ap[i + 1] / det;
    const double m00 = af[i] + dt * bf[i], m01 = bf[i], m10 = bf[i] + dt * cf[i], m11 = cf[i];
    const double c00 = m00 * ia + m01 * ib, c01 = m00 * ib + m01 * ic;
    const double c10 = m10 * ia + m11 * ib, c11 = m10 * ib + m11 * ic;
    const double dx = out.position[i + 1] - xp[i + 1], dv = out.velocity[i + 1] - vp[i + 1];
    out.position[i] = xf[i] + c00 * dx + c01 * dv;
    out.velocity[i] = vf[i] + c10 * dx + c11 * dv;
  }
  return out;
}

struct Track {
  std::vector<double> t, east, north;
};

// Irregular times (0.5 to 3.5 s steps), a runner at 3 m/s east and 1 m/s north with a few metres
// of pseudo-random GPS noise.
Track noisy_track(std::size_t n) {
  Track tr;
  std::uint64_t state = 5;  // xorshift64
  const auto uniform = [&] {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    return static_cast<double>(state % 1'000'000) / 1e6;
  };
  double t = 0;
  for (std::size_t i = 0; i < n; ++i) {
    tr.t.push_back(t);
    tr.east.push_back(3 * t + 6 * (uniform() - 0.5));
    tr.north.push_back(1 * t + 6 * (uniform() - 0.5));
    t += 0.5 + 3 * uniform();
  }
  return tr;
}

}  // namespace

TEST_CASE("Kalman: matches the scalar textbook equations", "[kalman]") {
  const Track tr = noisy_track(500);
  const KalmanNoise noise{.accel_psd_m2_per_s3 = 0.4, .position_sigma_m = 3.0};
  std::vector<double> position(tr.t.size()), velocity(tr.t.size());
  smooth_constant_velocity(tr.t, tr.east, noise, position, velocity);
  const Smoothed expected = reference(tr.t, tr.east, noise);
  for (std::size_t i = 0; i < tr.t.size(); ++i) {
    INFO("sample " << i);
    CHECK(position[i] == Approx(expected.position[i]).margin(1e-9));
    CHECK(velocity[i] == Approx(expected.velocity[i]).margin(1e-9));
  }
}

TEST_CASE("Kalman: at a steady interval, where the covariances settle, still the textbook's",
          "[kalman]") {
  // 1 s fixes (the covariances reach their fixed point and are then copied), a stretch of
  // unmeasured samples at 1 s, 2 s fixes, a few irregular steps, and 1 s again: each change of
  // the step or of measuring leaves the fixed point, and the gains with it.
  const Track irregular = noisy_track(20);
  std::vector<double> t, z;
  std::uint64_t state = 11;  // xorshift64
  const auto noise_m = [&] {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    return 6 * (static_cast<double>(state % 1'000'000) / 1e6 - 0.5);
  };
  double now = 0;
  const auto add = [&](std::size_t count, double step, bool measured) {
    for (std::size_t i = 0; i < count; ++i, now += step) {
      t.push_back(now);
      z.push_back(measured ? 3 * now + noise_m() : std::nan(""));
    }
  };
  add(200, 1, true);
  add(40, 1, false);
  add(150, 2, true);
  for (std::size_t i = 1; i < irregular.t.size(); ++i)
    add(1, irregular.t[i] - irregular.t[i - 1], true);
  add(200, 1, true);
  const KalmanNoise noise{};
  std::vector<double> position(t.size()), velocity(t.size());
  smooth_constant_velocity(t, z, noise, position, velocity);
  const Smoothed expected = reference(t, z, noise);
  for (std::size_t i = 0; i < t.size(); ++i) {
    INFO("sample " << i << " at " << t[i] << " s");
    CHECK(position[i] == Approx(expected.position[i]).margin(1e-9));
    CHECK(velocity[i] == Approx(expected.velocity[i]).margin(1e-9));
  }
}

TEST_CASE("Kalman: a noise-free steady run is smoothed to its true velocity", "[kalman]") {
  std::vector<double> t, z;
  for (int i = 0; i < 600; ++i) {
    t.push_back(i * 1.5);
    z.push_back(100 + 2.75 * i * 1.5);  // 2.75 m/s
  }
  std::vector<double> position(t.size()), velocity(t.size());
  smooth_constant_velocity(t, z, KalmanNoise{}, position, velocity);
  // The initial prior (velocity 0, σ 5 m/s) pulls the first samples a little; then it fades.
  CHECK(velocity[0] == Approx(2.75).margin(0.2));
  for (std::size_t i = 30; i < t.size(); ++i) {
    INFO("sample " << i);
    CHECK(velocity[i] == Approx(2.75).margin(1e-6));
    CHECK(position[i] == Approx(z[i]).margin(1e-6));
  }
}

TEST_CASE("Kalman: several axes at once give each axis what it gets alone, bit for bit",
          "[kalman]") {
  const Track tr = noisy_track(1000);
  const std::size_t n = tr.t.size();
  const KalmanNoise noise{};
  std::vector<double> pe(n), ve(n), pn(n), vn(n);
  const KalmanAxis axes[] = {{tr.east, pe, ve}, {tr.north, pn, vn}};
  smooth_constant_velocity(tr.t, axes, noise);
  std::vector<double> pe1(n), ve1(n), pn1(n), vn1(n);
  smooth_constant_velocity(tr.t, tr.east, noise, pe1, ve1);
  smooth_constant_velocity(tr.t, tr.north, noise, pn1, vn1);
  CHECK(pe == pe1);
  CHECK(ve == ve1);
  CHECK(pn == pn1);
  CHECK(vn == vn1);
  CHECK(ve[n / 2] == Approx(3).margin(0.5));  // and they are the runner's velocities
  CHECK(vn[n / 2] == Approx(1).margin(0.5));
}

TEST_CASE("Kalman: one sample keeps its position with velocity 0", "[kalman]") {
  const std::vector<double> t{5}, z{42};
  std::vector<double> position(1), velocity(1, 9);
  smooth_constant_velocity(t, z, KalmanNoise{}, position, velocity);
  CHECK(position[0] == Approx(42).margin(1e-12));  // the update pulls nothing: same measurement
  CHECK(velocity[0] == 0);
}
