#include "runaudit/signal/distance.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <tuple>

#include "../core/order_statistic.hpp"
#include "runaudit/signal/geo.hpp"

namespace runaudit::signal {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
// Fastest plausible device-distance rate (m/s): a fast descent on a bike; a runner never.
constexpr double max_device_speed_m_per_s = 30;
// Usain Bolt's peak speed over 100 m (Berlin 2009, 44.7 km/h): no one on foot is faster.
constexpr double fastest_human_m_per_s = 12.4;
// Beyond this time between fixes (s) a sample's speed is its interval's mean speed.
constexpr double sparse_interval_s = 1.5;

// True when a device distance rising by rise_m in dt_s seconds is faster than any human or bike:
// a glitch such as one value of 1e6 m (50 m of slack for quantisation and lag).
bool device_glitch(double rise_m, double dt_s) {
  return rise_m > max_device_speed_m_per_s * dt_s + 50;
}

double device_distance(const Sample& s) {
  return s.distance_m ? *s.distance_m : nan;
}

// Smooths one stretch's positions on its fixes only (samples @p at, in order: the stretch's first
// and last among them), and places the samples between on the line between the smoothed fixes
// about them, linear in time, with that line's velocity: the distance is then the fixes' alone.
void smooth_on_fixes(std::span<const std::size_t> at, std::span<const double> t,
                     const KalmanNoise& noise, const std::vector<double>& east,
                     const std::vector<double>& north, std::vector<double>& se,
                     std::vector<double>& sn, std::vector<double>& ve, std::vector<double>& vn) {
  const std::size_t m = at.size();
  std::vector<double> ft(m), fe(m), fn(m), fse(m), fsn(m), fve(m), fvn(m);
  for (std::size_t k = 0; k < m; ++k) {
    ft[k] = t[at[k]];
    fe[k] = east[at[k]];
    fn[k] = north[at[k]];
  }
  const KalmanAxis axes[] = {{fe, fse, fve}, {fn, fsn, fvn}};
  smooth_constant_velocity(ft, axes, noise);
  for (std::size_t k = 0; k < m; ++k) {
    se[at[k]] = fse[k];
    sn[at[k]] = fsn[k];
    ve[at[k]] = fve[k];
    vn[at[k]] = fvn[k];
  }
  for (std::size_t k = 1; k < m; ++k) {
    const std::size_t from = at[k - 1], to = at[k];
    const double span_s = t[to] - t[from];
    const double v_east = (se[to] - se[from]) / span_s, v_north = (sn[to] - sn[from]) / span_s;
    for (std::size_t i = from + 1; i < to; ++i) {
      se[i] = se[from] + v_east * (t[i] - t[from]);
      sn[i] = sn[from] + v_north * (t[i] - t[from]);
      ve[i] = v_east;
      vn[i] = v_north;
    }
  }
}

// Smooths positions per stretch (se, sn: local m; NaN outside the stretches) and fills step
// distances (m) and speeds (m/s). Every sample of @p stretches has a position. The smoother runs
// on the fixes: a position the reader placed between two (Sample::position_interpolated) is
// placed between their smoothed positions (smooth_on_fixes).
void distance_from_positions(const Activity& a, std::span<const Stretch> stretches,
                             std::span<const double> t, const KalmanNoise& noise,
                             std::vector<double>& step, std::vector<double>& speed,
                             std::vector<double>& se, std::vector<double>& sn) {
  const std::size_t n = a.samples.size();
  se.assign(n, nan);
  sn.assign(n, nan);
  if (stretches.empty()) return;
  const Sample& first = a.samples[stretches.front().begin];
  const LocalFrame frame(*first.latitude_deg, *first.longitude_deg);
  std::vector<double> east(n, nan), north(n, nan), ve(n), vn(n);
  StepMeter meter;
  for (const Stretch& s : stretches)
    for (std::size_t i = s.begin; i < s.end; ++i)
      std::tie(east[i], north[i]) =
          frame.to_local(*a.samples[i].latitude_deg, *a.samples[i].longitude_deg);
  for (const Stretch& s : stretches) {
    const std::size_t len = s.end - s.begin;
    // A stretch's ends are fixes whatever the reader placed there.
    const auto fix = [&](std::size_t i) {
      return i == s.begin || i + 1 == s.end || !a.samples[i].position_interpolated;
    };
    bool all_fixes = true;
    for (std::size_t i = s.begin; i < s.end && all_fixes; ++i) all_fixes = fix(i);
    if (all_fixes) {
      const auto part = [&](std::vector<double>& v) { return std::span(v).subspan(s.begin, len); };
      const auto cpart = [&](const std::vector<double>& v) {
        return std::span<const double>(v).subspan(s.begin, len);
      };
      const KalmanAxis axes[] = {{cpart(east), part(se), part(ve)},
                                 {cpart(north), part(sn), part(vn)}};
      smooth_constant_velocity(t.subspan(s.begin, len), axes, noise);
    } else {
      std::vector<std::size_t> fixes;
      for (std::size_t i = s.begin; i < s.end; ++i)
        if (fix(i)) fixes.push_back(i);
      smooth_on_fixes(fixes, t, noise, east, north, se, sn, ve, vn);
    }
    auto [lat0, lon0] = frame.to_geodetic(se[s.begin], sn[s.begin]);
    // sqrt, not hypot (2% of an audit): velocities in m/s cannot overflow when squared.
    speed[s.begin] = std::sqrt(ve[s.begin] * ve[s.begin] + vn[s.begin] * vn[s.begin]);
    std::size_t last_fix = s.begin;
    for (std::size_t i = s.begin + 1; i < s.end; ++i) {
      const auto [lat, lon] = frame.to_geodetic(se[i], sn[i]);
      step[i] = meter(lat0, lon0, lat, lon);
      // Between sparse fixes the smoothed velocity follows each fix (the process noise grows
      // with the interval) and overshoots; the interval's own mean speed agrees with its step.
      speed[i] = t[i] - t[last_fix] > sparse_interval_s ? step[i] / (t[i] - t[i - 1])
                                                        : std::sqrt(ve[i] * ve[i] + vn[i] * vn[i]);
      if (fix(i)) last_fix = i;
      lat0 = lat;
      lon0 = lon;
    }
  }
}

// The device's own speed at sample i (m/s), NaN when not written or impossible.
double device_speed(const Sample& s) {
  const double v = s.speed_m_per_s.value_or(nan);
  return v >= 0 && v <= max_device_speed_m_per_s ? v : nan;
}

// The device's cumulative distance, size N (m): differences of its readings (so a multisport
// leg starting at 12 km counts from 0; a reset counts 0); a sample without a reading takes the
// distance interpolated in time between the readings about it (the Strava app writes its
// distance on some records only: none for 104 s of a treadmill run whose heart rate went on,
// which repeating the last reading made a stop and a sprint "faster than the world record"),
// before the first reading 0 and after the last one the last. A rise faster than anyone runs that
// the device's own speed does not account for (more than twice its integral since the last rise,
// plus 20 m) is a jump of the counter, not metres run: a Polar watch's distance leapt 390 m in 6 s
// at 2.4 m/s, and the run read "400 m in 0:19, faster than the world record". It counts the speed's
// integral, and the counter goes on from its new value. A reading that stays put does not end the
// integral, so a counter that froze and catches up counts what it caught up; a pool's 25 m length
// written at its end is no faster than a sprinter. Without the device's speed, a rise faster than
// any human or bike (device_glitch) is a glitch: ignored, the reading before it stays the
// reference.
std::vector<double> device_cumulative(const Activity& a, std::span<const double> t) {
  const std::size_t n = a.samples.size();
  std::vector<double> cumulative(n);
  constexpr double jump_slack_m = 20;
  double total = 0, last = nan;
  // The device speed's integral since the last rise (a sample without a speed takes the last
  // one written: held); NaN while no speed has been written.
  double by_speed = 0, held = nan;
  // The reading before a decrease: a reading back at it or beyond next was a dropout (one value
  // of 0 in a counter), not a reset, and the counter goes on from it.
  double before_drop = nan;
  std::size_t last_index = 0;
  std::optional<std::size_t> read;  // the last sample with a reading
  const auto accept = [&](double d, std::size_t i, double counted) {
    total += counted;
    last = d;
    last_index = i;
    by_speed = 0;
    before_drop = nan;
  };
  for (std::size_t i = 0; i < n; ++i) {
    const double v = device_speed(a.samples[i]), before = held;
    if (!std::isnan(v)) held = v;
    if (i > 0) by_speed += (before + held) / 2 * (t[i] - t[i - 1]);
    if (std::isnan(by_speed) && !std::isnan(held)) by_speed = 0;  // the speeds begin here
    const double d = device_distance(a.samples[i]);
    if (std::isnan(d)) {
      cumulative[i] = total;
      continue;
    }
    if (!std::isnan(before_drop) && d >= before_drop) {
      last = before_drop;  // the low readings were a dropout: on from the reading before it
      before_drop = nan;
    }
    const double rise = std::isnan(last) ? 0 : d - last;
    if (std::isnan(last)) {  // the first reading: counts 0
      accept(d, i, 0);
    } else if (rise < 0) {  // a reset (a new leg), unless the counter comes back (before_drop)
      if (std::isnan(before_drop)) before_drop = last;
      last = d;
      last_index = i;
      by_speed = 0;
    } else if (rise > 0 && !std::isnan(by_speed)) {
      const bool jump = rise > 2 * by_speed + jump_slack_m &&
                        rise > fastest_human_m_per_s * (t[i] - t[last_index]) + jump_slack_m;
      accept(d, i, jump ? by_speed : rise);
    } else if (rise > 0 && !device_glitch(rise, t[i] - t[last_index])) {
      accept(d, i, rise);
    }
    cumulative[i] = total;
    // The samples since the last reading, held at it so far, interpolated up to this one.
    if (read && i > *read + 1 && t[i] > t[*read]) {
      const double from = cumulative[*read], per_s = (total - from) / (t[i] - t[*read]);
      for (std::size_t k = *read + 1; k < i; ++k) cumulative[k] = from + per_s * (t[k] - t[*read]);
    }
    read = i;
  }
  return cumulative;
}

// Device distance (footpod, treadmill, or a GPS track that lost what the device measured) per
// stretch from device_cumulative(): steps are its differences, speed a smoother over it.
void distance_from_device(std::span<const double> cumulative, std::span<const Stretch> stretches,
                          std::span<const double> t, std::vector<double>& step,
                          std::vector<double>& speed) {
  std::vector<double> pos(cumulative.size());
  // Device distance is quantised (0.1–1 m) but not noisy: a tight measurement σ.
  const KalmanNoise device{.accel_psd_m2_per_s3 = 0.4, .position_sigma_m = 0.5};
  for (const Stretch& s : stretches) {
    const std::size_t len = s.end - s.begin;
    smooth_constant_velocity(t.subspan(s.begin, len), cumulative.subspan(s.begin, len), device,
                             std::span(pos).subspan(s.begin, len),
                             std::span(speed).subspan(s.begin, len));
    for (std::size_t i = s.begin + 1; i < s.end; ++i) step[i] = cumulative[i] - cumulative[i - 1];
  }
  for (const Stretch& s : stretches)
    for (std::size_t i = s.begin; i < s.end; ++i) speed[i] = std::max(speed[i], 0.0);
}

// The distance (m) over @p stretches of the steps @p step, and of the cumulative distance
// @p cumulative.
double total_over(std::span<const Stretch> stretches, std::span<const double> step) {
  double total = 0;
  for (const Stretch& s : stretches)
    for (std::size_t i = s.begin + 1; i < s.end; ++i) total += step[i];
  return total;
}
double rise_over(std::span<const Stretch> stretches, std::span<const double> cumulative) {
  double total = 0;
  for (const Stretch& s : stretches) total += cumulative[s.end - 1] - cumulative[s.begin];
  return total;
}

// The smoothed track (steps @p step) over the positioned @p stretches beside the device's
// distance (@p cumulative) on them: the totals, and, where the totals differ enough for
// track_short_of_device or track_long_of_device to ask, the track's share of the device's
// distance in the median window of kShortWindowS in which the device counts 100 m or more (NaN
// without one, or not asked: most runs, whose two distances agree, skip the windows).
// Where the track reads more than kTrackShortOfDeviceMost short, also the sum of the steps
// between the raw fixes (NaN otherwise).
struct TrackBesideDevice {
  static constexpr double unknown = std::numeric_limits<double>::quiet_NaN();
  double track_m = 0, device_m = 0, median_share = unknown, fixes_m = unknown;
};
TrackBesideDevice track_beside_device(const Activity& a, std::span<const Stretch> stretches,
                                      std::span<const double> t, std::span<const double> step,
                                      std::span<const double> cumulative) {
  TrackBesideDevice out{total_over(stretches, step), rise_over(stretches, cumulative)};
  const double share = out.track_m / out.device_m;
  if (out.device_m < kMinDeviceCheckM ||
      (share >= 1 - kTrackShortOfDevice && share < 1 + kTrackLongOfDevice))
    return out;
  if (share < 1 - kTrackShortOfDeviceMost) {
    out.fixes_m = 0;
    StepMeter meter;
    for (const Stretch& s : stretches)
      for (std::size_t i = s.begin + 1; i < s.end; ++i) {
        const Sample& p = a.samples[i - 1];
        const Sample& q = a.samples[i];
        out.fixes_m += meter(*p.latitude_deg, *p.longitude_deg, *q.latitude_deg, *q.longitude_deg);
      }
  }
  constexpr double least_window_rise_m = 100;
  std::vector<double> shares;  // track / device per window
  for (const Stretch& s : stretches) {
    std::size_t from = s.begin;
    double on_track = 0;
    for (std::size_t i = s.begin + 1; i < s.end; ++i) {
      on_track += step[i];
      if (t[i] - t[from] < kShortWindowS && i + 1 < s.end) continue;
      const double rise = cumulative[i] - cumulative[from];
      if (rise >= least_window_rise_m) shares.push_back(on_track / rise);
      from = i;
      on_track = 0;
    }
  }
  if (!shares.empty()) out.median_share = detail::upper_median(shares);
  return out;
}

// Whether the track reads short of the device's distance as a trail's does (kTrackShortOfDevice
// in distance.hpp): over 1 km or more of it, short by kTrackShortOfDevice to
// kTrackShortOfDeviceMost in total, or by more where the raw fixes themselves agree with the
// device to within kTrackShortOfDevice (a path whose turns the smoother cut: laps of a
// courtyard 20 m across read 16 % short, their fixes 0.4 %), and by kTrackShortOfDevice or more
// in the median window. A counter that leapt once (a glitch that stays: a Polar's 390 m in 6 s,
// a TCX without speeds to tell it) shortens one window, not the median; a counter scaled wrong
// (miles, a wheel size) reads more short than any trail, and than the fixes.
bool track_short_of_device(const TrackBesideDevice& c) {
  const bool fixes_agree = std::abs(c.fixes_m - c.device_m) < kTrackShortOfDevice * c.device_m;
  return c.device_m >= kMinDeviceCheckM && c.track_m < (1 - kTrackShortOfDevice) * c.device_m &&
         (c.track_m >= (1 - kTrackShortOfDeviceMost) * c.device_m || fixes_agree) &&
         c.median_share <= 1 - kTrackShortOfDevice;
}

// Whether the track reads kTrackLongOfDevice or more longer than the device's distance, in total
// and in the median window (a counter that froze a while lengthens one window's share, not the
// median's).
bool track_long_of_device(const TrackBesideDevice& c) {
  return c.device_m >= kMinDeviceCheckM && c.track_m >= (1 + kTrackLongOfDevice) * c.device_m &&
         c.median_share >= 1 + kTrackLongOfDevice;
}

// The device's speed (a treadmill's, a foot pod's without its distance) integrated per stretch by
// the trapezoid rule; a missing or impossible speed (above max_device_speed_m_per_s) counts 0.
void distance_from_speed(const Activity& a, std::span<const Stretch> stretches,
                         std::span<const double> t, std::vector<double>& step,
                         std::vector<double>& speed) {
  for (std::size_t i = 0; i < a.samples.size(); ++i) {
    const double v = device_speed(a.samples[i]);
    speed[i] = std::isnan(v) ? 0.0 : v;
  }
  for (const Stretch& s : stretches)
    for (std::size_t i = s.begin + 1; i < s.end; ++i)
      step[i] = (speed[i - 1] + speed[i]) / 2 * (t[i] - t[i - 1]);
}

// Unsmoothed distance from sample i-1 to sample i (m), 0 where unknown.
double across_m(const Activity& a, DistanceSource source, std::size_t i, double dt) {
  const Sample& p = a.samples[i - 1];
  const Sample& q = a.samples[i];
  double across = 0;
  if (source == DistanceSource::gps && p.has_position() && q.has_position()) {
    across = step_distance_m(*p.latitude_deg, *p.longitude_deg, *q.latitude_deg, *q.longitude_deg);
  } else if (source != DistanceSource::none) {  // device distance, or a fix missing at one end
    across = std::max(0.0, device_distance(q) - device_distance(p));
    if (device_glitch(across, dt)) across = 0;  // not covered: distance_from_device ignores it
  }
  return std::isnan(across) ? 0 : across;
}

// Distance::unmeasured_start_s and unmeasured_end_s of @p a, whose distance is the device's
// (@p t: each sample's time, s).
void unmeasured_ends(const Activity& a, std::span<const double> t, Distance& d) {
  const auto read = [](const Sample& s) { return std::isfinite(device_distance(s)); };
  const auto first = std::find_if(a.samples.begin(), a.samples.end(), read);
  if (first == a.samples.end()) return;
  const auto last = std::find_if(a.samples.rbegin(), a.samples.rend(), read);
  const double before = t[static_cast<std::size_t>(first - a.samples.begin())] - t.front();
  const double after = t.back() - t[static_cast<std::size_t>(a.samples.rend() - last) - 1];
  if (before >= min_unmeasured_s) d.unmeasured_start_s = before;
  if (after >= min_unmeasured_s) d.unmeasured_end_s = after;
}

}  // namespace

std::string_view to_string(DistanceSource source) noexcept {
  switch (source) {
    case DistanceSource::gps:
      return "gps";
    case DistanceSource::device:
      return "device";
    case DistanceSource::speed:
      return "speed";
    case DistanceSource::none:
      break;
  }
  return "none";
}

Distance measure_distance(const Activity& a, std::span<const double> t,
                          std::span<const Stretch> stretches, const KalmanNoise& position_noise) {
  const std::size_t n = a.samples.size();
  Distance d;
  d.step_m.assign(n, 0.0);
  d.speed_m_per_s.assign(n, 0.0);
  d.across_gap_m.assign(stretches.size(), 0.0);
  if (n == 0) return d;
  const Channels ch = channels(a);
  if (ch.position) {
    d.source = DistanceSource::gps;
    // Stretches without positions (split_at_fixes: no fix yet, or lost) by the device's distance.
    std::vector<Stretch> fixed, blind;
    for (const Stretch& s : stretches) {
      const auto first = a.samples.begin() + static_cast<std::ptrdiff_t>(s.begin);
      const bool positioned =
          std::all_of(first, first + static_cast<std::ptrdiff_t>(s.end - s.begin),
                      [](const Sample& x) { return x.has_position(); });
      (positioned ? fixed : blind).push_back(s);
    }
    distance_from_positions(a, fixed, t, position_noise, d.step_m, d.speed_m_per_s, d.east_m,
                            d.north_m);
    if (ch.device_distance) {
      const std::vector<double> cumulative = device_cumulative(a, t);
      if (!blind.empty()) distance_from_device(cumulative, blind, t, d.step_m, d.speed_m_per_s);
      const TrackBesideDevice beside = track_beside_device(a, fixed, t, d.step_m, cumulative);
      if (track_short_of_device(beside)) {
        d.source = DistanceSource::device;
        d.gps_step_m = d.step_m;  // the track's, and the device's across its blind stretches
        distance_from_device(cumulative, stretches, t, d.step_m, d.speed_m_per_s);
      } else if (track_long_of_device(beside)) {
        d.track_over_device = beside.track_m / beside.device_m;
      }
    }
  } else if (ch.device_distance) {
    d.source = DistanceSource::device;
    distance_from_device(device_cumulative(a, t), stretches, t, d.step_m, d.speed_m_per_s);
    unmeasured_ends(a, t, d);
  } else if (ch.device_speed) {
    d.source = DistanceSource::speed;
    distance_from_speed(a, stretches, t, d.step_m, d.speed_m_per_s);
  }
  for (std::size_t k = 1; k < stretches.size(); ++k) {
    const std::size_t i = stretches[k].begin;
    d.across_gap_m[k] = across_m(a, d.source, i, t[i] - t[i - 1]);
  }
  return d;
}

std::vector<Stretch> split_at_fixes(std::span<const Stretch> stretches, const Activity& a) {
  std::vector<Stretch> out;
  out.reserve(stretches.size());
  for (const Stretch& s : stretches) {
    Stretch part = s;
    for (std::size_t i = s.begin + 1; i < s.end; ++i)
      if (a.samples[i].has_position() != a.samples[i - 1].has_position()) {
        part.end = i;
        out.push_back(part);
        part = Stretch{i, s.end, false, true};
      }
    out.push_back(part);
  }
  return out;
}

double moving_distance_m(std::span<const MotionState> state, std::span<const double> step_m) {
  double total = 0;
  for (std::size_t i = 1; i < state.size(); ++i)
    if (is_moving(state[i])) total += step_m[i];
  return total;
}

double accumulate_moving_distance(std::span<const MotionState> state,
                                  std::span<const double> step_m, std::span<double> speed_m_per_s,
                                  std::span<double> distance_m) {
  double total = 0;
  for (std::size_t i = 0; i < state.size(); ++i) {
    if (i > 0 && is_moving(state[i])) total += step_m[i];
    distance_m[i] = total;
    if (!is_moving(state[i])) speed_m_per_s[i] = 0;
  }
  return total;
}

}  // namespace runaudit::signal
