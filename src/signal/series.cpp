#include "runaudit/signal/series.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include "runaudit/signal/elevation.hpp"
#include "runaudit/signal/gap.hpp"
#include "runaudit/signal/geo.hpp"

namespace runaudit::signal {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
// Fastest plausible device-distance rate (m/s): a fast descent on a bike; a runner never.
constexpr double max_device_speed_m_per_s = 30;

// True when a device distance rising by rise_m in dt_s seconds is faster than any human or bike:
// a glitch such as one value of 1e6 m (50 m of slack for quantisation and lag).
bool device_glitch(double rise_m, double dt_s) {
  return rise_m > max_device_speed_m_per_s * dt_s + 50;
}

double value_or_nan(const std::optional<double>& v) {
  return v ? *v : nan;
}

// Half-open [begin, end) ranges of samples recorded without a pause between them.
struct Stretch {
  std::size_t begin, end;
};

bool is_moving(MotionState s) {
  return s == MotionState::running || s == MotionState::walking;
}

// Relabels runs of `from` shorter than min_s (in time) as `to`, within non-paused samples.
void drop_short_runs(std::vector<MotionState>& state, const std::vector<double>& t,
                     MotionState from, MotionState to, double min_s) {
  const std::size_t n = state.size();
  std::size_t i = 0;
  while (i < n) {
    if (state[i] != from) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < n && state[j] == from) ++j;
    const double begin = i > 0 ? t[i - 1] : t[i];
    if (t[j - 1] - begin < min_s)
      for (std::size_t k = i; k < j; ++k) state[k] = to;
    i = j;
  }
}

// Smooths positions per stretch and fills cumulative step distances (m) and speeds (m/s).
void distance_from_positions(const Activity& a, const std::vector<Stretch>& stretches,
                             const std::vector<double>& t, const PrepareOptions& o,
                             std::vector<double>& step, std::vector<double>& speed) {
  const Sample& first = a.samples.front();
  const LocalFrame frame(*first.latitude_deg, *first.longitude_deg);
  const std::size_t n = a.samples.size();
  std::vector<double> east(n), north(n), se(n), sn(n), ve(n), vn(n);
  for (std::size_t i = 0; i < n; ++i)
    std::tie(east[i], north[i]) =
        frame.to_local(*a.samples[i].latitude_deg, *a.samples[i].longitude_deg);
  for (const Stretch& s : stretches) {
    const std::size_t len = s.end - s.begin;
    const auto part = [&](std::vector<double>& v) { return std::span(v).subspan(s.begin, len); };
    const auto cpart = [&](const std::vector<double>& v) {
      return std::span<const double>(v).subspan(s.begin, len);
    };
    const KalmanAxis axes[] = {{cpart(east), part(se), part(ve)},
                               {cpart(north), part(sn), part(vn)}};
    smooth_constant_velocity(cpart(t), axes, o.position_noise);
    auto [lat0, lon0] = frame.to_geodetic(se[s.begin], sn[s.begin]);
    // sqrt, not hypot (2% of an audit): velocities in m/s cannot overflow when squared.
    speed[s.begin] = std::sqrt(ve[s.begin] * ve[s.begin] + vn[s.begin] * vn[s.begin]);
    for (std::size_t i = s.begin + 1; i < s.end; ++i) {
      const auto [lat, lon] = frame.to_geodetic(se[i], sn[i]);
      step[i] = step_distance_m(lat0, lon0, lat, lon);
      speed[i] = std::sqrt(ve[i] * ve[i] + vn[i] * vn[i]);
      lat0 = lat;
      lon0 = lon;
    }
  }
}

// Device distance (footpod, treadmill): differences of the cumulative value (so a multisport
// leg starting at 12 km counts from 0; a reset counts 0), speed from a smoother over it.
void distance_from_device(const Activity& a, const std::vector<Stretch>& stretches,
                          const std::vector<double>& t, std::vector<double>& step,
                          std::vector<double>& speed) {
  const std::size_t n = a.samples.size();
  std::vector<double> cumulative(n), pos(n);
  double total = 0, last = nan;
  std::size_t last_index = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double d = value_or_nan(a.samples[i].distance_m);
    if (!std::isnan(d)) {
      // A glitch is ignored and does not become the new reference; a decrease is a reset.
      const double dt = i > 0 ? t[i] - t[last_index] : 0;
      const bool glitch = !std::isnan(last) && device_glitch(d - last, dt);
      if (!glitch) {
        if (!std::isnan(last) && d > last) total += d - last;
        last = d;
        last_index = i;
      }
    }
    cumulative[i] = total;
  }
  // Device distance is quantised (0.1–1 m) but not noisy: a tight measurement σ.
  const KalmanNoise device{.accel_psd_m2_per_s3 = 0.4, .position_sigma_m = 0.5};
  for (const Stretch& s : stretches) {
    const std::size_t len = s.end - s.begin;
    smooth_constant_velocity(std::span<const double>(t).subspan(s.begin, len),
                             std::span<const double>(cumulative).subspan(s.begin, len), device,
                             std::span(pos).subspan(s.begin, len),
                             std::span(speed).subspan(s.begin, len));
    for (std::size_t i = s.begin + 1; i < s.end; ++i) step[i] = cumulative[i] - cumulative[i - 1];
  }
  for (double& v : speed) v = std::max(v, 0.0);
}

ElevationQuality elevation_quality(double noise_m) {
  ElevationQuality q;
  q.noise_m = noise_m;
  q.confidence = noise_m < 0.5 ? "high" : noise_m < 1.5 ? "medium" : "low";
  // Windows scale with the measured noise; the bounds come from the accuracy tests on generated
  // tracks (GPS-like noise needs ~5 m hysteresis and a grade window of several hundred metres).
  q.hysteresis_m = std::clamp(8.0 * noise_m, 2.0, 12.0);
  q.smoothing_m = std::clamp(150.0 * noise_m, 30.0, 250.0);
  q.grade_window_m = std::clamp(800.0 * noise_m, 200.0, 1000.0);
  return q;
}

// Grade that altitude noise alone produces over the grade window. The robust noise estimate
// sees only the short-scale part of GPS altitude error (≈ 1/3 of its 4 m wander on generated
// tracks), so the wander across a window is ≈ 3.3·√2·noise; 5·noise/window covers it.
double grade_noise(const ElevationQuality& q) {
  return 5.0 * q.noise_m / q.grade_window_m;
}

// Median of the HR values at i-1, i, i+1 (NaN skipped; of two, the lower), to suppress
// single-sample spikes when taking the maximum.
double median3(const std::vector<double>& v, std::size_t i) {
  const double a = i > 0 ? v[i - 1] : nan, b = v[i], c = i + 1 < v.size() ? v[i + 1] : nan;
  const bool ha = !std::isnan(a), hb = !std::isnan(b), hc = !std::isnan(c);
  if (ha && hb && hc) return std::max(std::min(a, b), std::min(std::max(a, b), c));
  if (ha && hb) return std::min(a, b);
  if (hb && hc) return std::min(b, c);
  if (ha && hc) return std::min(a, c);
  return hb ? b : ha ? a : c;
}

}  // namespace

std::string_view to_string(MotionState state) noexcept {
  switch (state) {
    case MotionState::running:
      return "running";
    case MotionState::walking:
      return "walking";
    case MotionState::stopped:
      return "stopped";
    case MotionState::paused:
      return "paused";
  }
  return "unknown";
}

Prepared prepare(const Activity& a, const PrepareOptions& o) {
  Prepared out;
  const std::size_t n = a.samples.size();
  if (n == 0) {
    out.distance_source = "none";
    return out;
  }
  Series& s = out.series;
  s.time_s.resize(n);
  s.distance_m.assign(n, 0.0);
  s.speed_m_per_s.assign(n, 0.0);
  s.elevation_m.resize(n);
  s.grade.assign(n, 0.0);
  s.gap_speed_m_per_s.assign(n, 0.0);
  s.heart_rate_bpm.resize(n);
  s.cadence_spm.resize(n);
  s.state.assign(n, MotionState::running);

  const std::int64_t t0 = a.samples.front().time_ms;
  for (std::size_t i = 0; i < n; ++i) {
    const Sample& p = a.samples[i];
    s.time_s[i] = static_cast<double>(p.time_ms - t0) / 1000.0;
    s.heart_rate_bpm[i] = value_or_nan(p.heart_rate_bpm);
    s.cadence_spm[i] = value_or_nan(p.cadence_spm);
  }
  const Channels ch = channels(a);
  out.channels = ch;

  // 1. Segment breaks split the recording into stretches; each is smoothed on its own.
  std::vector<bool> segment_start(n, false);
  for (const std::size_t k : a.segment_starts)
    if (k < n) segment_start[k] = true;
  std::vector<Stretch> stretches;
  std::size_t begin = 0;
  for (std::size_t i = 1; i <= n; ++i)
    if (i == n || segment_start[i] || s.time_s[i] - s.time_s[i - 1] > o.pause_gap_s) {
      stretches.push_back({begin, i});
      begin = i;
    }

  // 2. Distance steps and speed.
  std::vector<double> step(n, 0.0);
  if (ch.position) {
    out.distance_source = "gps";
    distance_from_positions(a, stretches, s.time_s, o, step, s.speed_m_per_s);
  } else if (ch.device_distance) {
    out.distance_source = "device";
    distance_from_device(a, stretches, s.time_s, step, s.speed_m_per_s);
  } else {
    out.distance_source = "none";
    for (std::size_t i = 0; i < n; ++i)
      s.speed_m_per_s[i] = a.samples[i].speed_m_per_s.value_or(0.0);
  }

  // 3. States. The first sample of each stretch after the first closes a gap: a pause when
  // it is a segment break or nothing moved across it; otherwise a sparse-recording gap
  // bridged at the speed across it.
  for (std::size_t k = 1; k < stretches.size(); ++k) {
    const std::size_t i = stretches[k].begin;
    const double dt = s.time_s[i] - s.time_s[i - 1];
    double across = 0;
    if (ch.position)
      across = step_distance_m(*a.samples[i - 1].latitude_deg, *a.samples[i - 1].longitude_deg,
                               *a.samples[i].latitude_deg, *a.samples[i].longitude_deg);
    else if (ch.device_distance) {
      across = std::max(
          0.0, value_or_nan(a.samples[i].distance_m) - value_or_nan(a.samples[i - 1].distance_m));
      if (device_glitch(across, dt)) across = 0;  // not covered: distance_from_device ignores it
    }
    if (std::isnan(across)) across = 0;
    if (segment_start[i] || across / dt < o.stop_speed_m_per_s) {  // a paused watch
      s.state[i] = MotionState::paused;
    } else {
      step[i] = across;
      s.speed_m_per_s[i] = across / dt;
    }
  }
  const bool have_speed = ch.position || ch.device_distance || ch.device_speed;
  if (have_speed) {
    for (std::size_t i = 0; i < n; ++i)
      if (s.state[i] != MotionState::paused && s.speed_m_per_s[i] < o.stop_speed_m_per_s)
        s.state[i] = MotionState::stopped;
    drop_short_runs(s.state, s.time_s, MotionState::stopped, MotionState::running, o.min_stop_s);
    // Walking: sustained slow speed, or low cadence when cadence is known.
    for (std::size_t i = 0; i < n; ++i) {
      if (s.state[i] != MotionState::running) continue;
      const bool slow = std::isnan(s.cadence_spm[i]) ? s.speed_m_per_s[i] < o.walk_speed_m_per_s
                                                     : s.cadence_spm[i] < o.walk_cadence_spm;
      if (slow) s.state[i] = MotionState::walking;
    }
    drop_short_runs(s.state, s.time_s, MotionState::walking, MotionState::running, o.min_state_s);
    drop_short_runs(s.state, s.time_s, MotionState::running, MotionState::walking, o.min_state_s);
  }

  // 4. Cumulative distance over moving intervals only (stops and pauses add nothing).
  double total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && is_moving(s.state[i])) total += step[i];
    s.distance_m[i] = total;
    if (!is_moving(s.state[i])) s.speed_m_per_s[i] = 0;
  }
  if (!ch.position && !ch.device_distance) std::fill(s.distance_m.begin(), s.distance_m.end(), nan);

  // 5. Elevation: smoothed over distance with windows adapted to the measured noise.
  Metrics& m = out.metrics;
  std::vector<double> raw(n);
  for (std::size_t i = 0; i < n; ++i) raw[i] = value_or_nan(a.samples[i].elevation_m);
  const bool distance_known = ch.position || ch.device_distance;
  const auto noise = ch.elevation && distance_known ? altitude_noise_m(s.distance_m, raw)
                                                    : std::optional<double>{};
  if (noise) {
    out.elevation = elevation_quality(*noise);
    const ElevationQuality& q = *out.elevation;
    smooth_over_distance(s.distance_m, raw, q.smoothing_m, s.elevation_m);
    const GainLoss gl = gain_loss(s.elevation_m, q.hysteresis_m);
    m.elevation_gain_m = gl.gain_m;
    m.elevation_loss_m = gl.loss_m;
    if (const auto climb = steepest_climb(s.distance_m, s.elevation_m, q.grade_window_m)) {
      m.max_grade_pct = 100 * climb->grade;
      m.max_grade_start_m = climb->start_m;
      m.max_grade_end_m = climb->end_m;
    }
    // Per-sample grade: centred difference of smoothed elevation over the grade window, then
    // soft-thresholded by the grade noise the altitude noise can fake over that window, so
    // that noise does not turn into GAP (1 % of grade is ~5 % of running cost, Minetti 2002).
    const double half = q.grade_window_m / 2;
    const double noise_grade = grade_noise(q);
    std::size_t lo = 0, hi = 0;
    for (std::size_t i = 0; i < n; ++i) {
      while (lo < i && s.distance_m[lo] < s.distance_m[i] - half) ++lo;
      while (hi + 1 < n && s.distance_m[hi] < s.distance_m[i] + half) ++hi;
      hi = std::max(hi, i);
      const double run = s.distance_m[hi] - s.distance_m[lo];
      const double rise = s.elevation_m[hi] - s.elevation_m[lo];
      const double g = run > half && !std::isnan(rise) ? rise / run : 0.0;
      s.grade[i] = std::copysign(std::max(0.0, std::abs(g) - noise_grade), g);
    }
  } else {
    std::fill(s.elevation_m.begin(), s.elevation_m.end(), nan);
  }
  for (std::size_t i = 0; i < n; ++i)
    s.gap_speed_m_per_s[i] = grade_adjusted_speed(s.speed_m_per_s[i], s.grade[i]);

  // 6. Metrics.
  m.elapsed_time_s = s.time_s.back();
  double gap_distance = 0, hr_sum = 0, hr_time = 0, cad_sum = 0, cad_time = 0;
  double max_hr = nan;
  for (std::size_t i = 1; i < n; ++i) {
    const double dt = s.time_s[i] - s.time_s[i - 1];
    switch (s.state[i]) {
      case MotionState::paused:
        m.paused_time_s += dt;
        continue;
      case MotionState::stopped:
        m.stopped_time_s += dt;
        if (s.state[i - 1] != MotionState::stopped) ++m.stop_count;
        continue;
      default:
        break;
    }
    m.moving_time_s += dt;
    gap_distance += step[i] * running_cost_j_per_kg_m(s.grade[i]) / running_cost_j_per_kg_m(0);
    if (!std::isnan(s.heart_rate_bpm[i])) {
      hr_sum += s.heart_rate_bpm[i] * dt;
      hr_time += dt;
      const double h = median3(s.heart_rate_bpm, i);
      if (std::isnan(max_hr) || h > max_hr) max_hr = h;
    }
    if (!std::isnan(s.cadence_spm[i])) {
      cad_sum += s.cadence_spm[i] * dt;
      cad_time += dt;
    }
  }
  if (distance_known) {
    m.distance_m = total;
    if (total >= 1 && m.moving_time_s > 0) {
      m.avg_pace_s_per_km = m.moving_time_s / total * 1000;
      m.avg_gap_s_per_km = m.moving_time_s / gap_distance * 1000;
    }
    if (m.elevation_gain_m && total >= 100) m.gain_per_km_m = *m.elevation_gain_m / total * 1000;
  }
  if (hr_time > 0) {
    m.avg_hr_bpm = hr_sum / hr_time;
    m.max_hr_bpm = max_hr;
  }
  if (cad_time > 0) m.avg_cadence_spm = cad_sum / cad_time;

  // Cool-down: walking time after the last running interval (stops inside it not counted).
  double trailing_walk = 0;
  for (std::size_t i = n; i-- > 1;) {
    if (s.state[i] == MotionState::running) {
      m.cooldown_walk_s = trailing_walk;  // only after a run: a pure walk has no cool-down
      break;
    }
    if (s.state[i] == MotionState::walking) trailing_walk += s.time_s[i] - s.time_s[i - 1];
  }
  return out;
}

}  // namespace runaudit::signal
