#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "runaudit/format.hpp"
#include "runaudit/signal/distance.hpp"
#include "runaudit/signal/grade_gap.hpp"
#include "runaudit/signal/plausibility.hpp"
#include "runaudit/signal/readings.hpp"
#include "runaudit/signal/series.hpp"

namespace runaudit::signal {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

double value_or_nan(const std::optional<double>& v) {
  return v ? *v : nan;
}

// The altitude noise σ (m) when the elevation is barometric-like (below barometric_noise_max_m),
// else nullopt. Estimated over time, before motion and distance are known: altitude_noise_m's
// 100-unit moving average applied to time scaled so that it spans 20 s, short enough that a
// steep hike's changes of climbing rate are not taken for noise (a Suunto 9 Baro's trail run
// reads 0.30 m so, 0.9 m over 100 s).
std::optional<double> barometric_noise(std::span<const double> time_s,
                                       std::span<const double> elevation_m) {
  constexpr double window_s = 20, reference_window = 100;
  std::vector<double> axis(time_s.size());
  for (std::size_t i = 0; i < time_s.size(); ++i) axis[i] = time_s[i] * reference_window / window_s;
  const std::optional<double> noise = altitude_noise_m(axis, elevation_m);
  if (!noise || *noise >= barometric_noise_max_m) return std::nullopt;
  return noise;
}

// The time (ms) the samples of @p lap cover: the steps between them, but for those across a
// pause (into a segment start).
double covered_ms(const Activity& a, const Lap& lap) {
  double ms = 0;
  const std::size_t end = std::min(lap.first_sample + lap.sample_count, a.samples.size());
  auto pause = std::upper_bound(a.segment_starts.begin(), a.segment_starts.end(), lap.first_sample);
  for (std::size_t i = lap.first_sample + 1; i < end; ++i) {
    while (pause != a.segment_starts.end() && *pause < i) ++pause;
    if (pause != a.segment_starts.end() && *pause == i) continue;
    ms += static_cast<double>(a.samples[i].time_ms - a.samples[i - 1].time_ms);
  }
  return ms;
}

// The laps' time before the recording's first trackpoint and after its last sample
// (Metrics::untracked_laps_time_s), of
// laps that have 10 s or more there: each lap taken to run from its start for its timer time, its
// distance spread evenly over it, and to hold there at most the timer time its own samples do not
// cover (a lap whose timer was stopped for a while after its start, a ride paused 44 minutes
// before its first fix, holds none); laps 6 h or more away are not the recording's. Only while
// that time is under half the recording's own: laps holding more outside their trackpoints than
// within belong to an excerpt of the recording (a test file's five trackpoints of an Ironman's
// 5-hour lap) or to another, and are not trusted over the track.
void untracked_laps(const Activity& a, Metrics& m) {
  if (a.samples.empty()) return;
  // The recording starts at its first timed trackpoint, kept or not (records before the first
  // fix, dropped: the device's timer ran, nothing says the runner moved).
  const double first_ms = static_cast<double>(*a.start_time_ms());
  const double last_ms = static_cast<double>(a.samples.back().time_ms);
  double time_ms = 0, distance_m = 0;
  bool with_distance = false;
  for (const Lap& lap : a.laps) {
    if (!lap.start_time_ms || !lap.total_time_s || *lap.total_time_s <= 0) continue;
    const double start_ms = static_cast<double>(*lap.start_time_ms);
    const double end_ms = start_ms + *lap.total_time_s * 1000;
    // A lap 6 h or more from the samples is another recording's (a stray fragment's, its
    // trackpoints dropped: NoteCode::stray_fragment) or a clock's glitch.
    constexpr double far_ms = 6 * 3600 * 1000.0;
    if (end_ms < first_ms - far_ms || start_ms > last_ms + far_ms) continue;
    const double outside_ms = std::min(std::max(0.0, std::min(end_ms, first_ms) - start_ms) +
                                           std::max(0.0, end_ms - std::max(start_ms, last_ms)),
                                       std::max(0.0, end_ms - start_ms - covered_ms(a, lap)));
    // A lap's StartTime a few seconds before its first trackpoint, its time a few seconds past its
    // last (the watch writing its last record before the lap ends): the recording's own edge.
    constexpr double edge_ms = 10'000;
    if (outside_ms < edge_ms) continue;
    time_ms += outside_ms;
    if (lap.distance_m) {
      distance_m += std::min(1.0, outside_ms / (end_ms - start_ms)) * *lap.distance_m;
      with_distance = true;
    }
  }
  if (time_ms == 0 || time_ms >= 0.5 * (last_ms - first_ms)) return;
  m.untracked_laps_time_s = time_ms / 1000;
  if (with_distance) m.untracked_laps_distance_m = distance_m;
}

// Why the smoothed @p elevation_m over @p distance_m is none of the ground's: it climbs or drops
// more steeply than max_sustained_grade over the grade window; empty when it does not.
std::string implausible_altitude(const std::vector<double>& distance_m,
                                 const std::vector<double>& elevation_m, const Elevation& e) {
  const double window_m = e.quality.grade_window_m;
  std::vector<double> depth(elevation_m.size());
  std::transform(elevation_m.begin(), elevation_m.end(), depth.begin(),
                 [](double z) { return -z; });
  const std::optional<SustainedGrade> drop = steepest_climb(distance_m, depth, window_m);
  const auto beyond = [](const std::optional<SustainedGrade>& g) {
    return g && g->grade > max_sustained_grade;
  };
  const bool climbing = beyond(e.steepest);
  if (!climbing && !beyond(drop)) return {};
  const double grade = climbing ? e.steepest->grade : drop->grade;
  return (climbing ? "climbing " : "dropping ") + format_fixed(grade * 100, 0) +
         " % sustained over " + format_fixed(window_m, 0) + " m";
}

// @p s with its distance and speed the device's own (Sample::distance_m) over its moving samples,
// for checking speeds on it where the GPS track is disputed (Prepared::track_over_device): a
// counter's step back (the watch restarted) counts nothing; across readings missing, its rise
// counts where they resume.
Series on_device_distance(const Series& s, const Activity& a) {
  Series out = s;
  std::optional<double> last;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::optional<double>& reading = a.samples[i].distance_m;
    double step = 0;
    if (reading && last && is_moving(s.state[i])) step = std::max(0.0, *reading - *last);
    if (reading) last = reading;
    out.distance_m[i] = i ? out.distance_m[i - 1] + step : 0;
    out.speed_m_per_s[i] = i && step > 0 ? step / (s.time_s[i] - s.time_s[i - 1]) : 0;
  }
  return out;
}

// Why @p s cannot be a run on foot (implausible_for_running). Where the GPS track reads far longer
// than the device's distance (@p track_over_device: fixes far off, or a counter reading short),
// only what the device's distance shows too: a stretch faster than a world record on a track
// that jumps about proves nothing of the sport.
std::string sport_doubt(const Series& s, const Activity& a,
                        const std::optional<double>& track_over_device) {
  std::optional<std::string> why = implausible_for_running(s);
  if (why && track_over_device) why = implausible_for_running(on_device_distance(s, a));
  return why.value_or("");
}

}  // namespace

const Note* out_of_order_note(const Activity& a) noexcept {
  for (const Note& note : a.notes)
    if (note.code == NoteCode::time_backwards && note.count >= min_out_of_order_points &&
        static_cast<double>(note.count) >=
            min_out_of_order_share * static_cast<double>(a.trackpoints))
      return &note;
  return nullptr;
}

Prepared prepare(const Activity& a, const PrepareOptions& o) {
  Prepared out;
  const std::size_t n = a.samples.size();
  if (n == 0) {
    out.distance_source = to_string(DistanceSource::none);
    out.metrics.device_distance_m = a.device_distance_m;
    out.metrics.device_elevation_gain_m = a.device_elevation_gain_m;
    return out;
  }
  Series& s = out.series;
  s.time_s.resize(n);
  s.heart_rate_bpm.resize(n);
  s.cadence_spm.resize(n);
  s.latitude_deg.resize(n);
  s.longitude_deg.resize(n);
  const std::int64_t t0 = a.samples.front().time_ms;
  for (std::size_t i = 0; i < n; ++i) {
    const Sample& p = a.samples[i];
    s.time_s[i] = static_cast<double>(p.time_ms - t0) / 1000.0;
    s.heart_rate_bpm[i] = value_or_nan(p.heart_rate_bpm);
    s.cadence_spm[i] = value_or_nan(p.cadence_spm);
    s.latitude_deg[i] = value_or_nan(p.latitude_deg);
    s.longitude_deg[i] = value_or_nan(p.longitude_deg);
  }
  fill_between_readings(s.time_s, s.heart_rate_bpm, o.heart_rate_fill_max_s);
  const Channels ch = channels(a);
  out.channels = ch;

  // Motion and distance: stretches, their steps and speeds, gaps, states, cumulative distance.
  std::vector<Stretch> stretches =
      split_recording(s.time_s, a.segment_starts, o.motion.pause_gap_s);
  if (ch.position) stretches = split_at_fixes(stretches, a);
  Distance d = measure_distance(a, s.time_s, stretches, o.position_noise);
  out.distance_source = to_string(d.source);
  out.track_over_device = d.track_over_device;
  out.unmeasured_start_s = d.unmeasured_start_s;
  out.unmeasured_end_s = d.unmeasured_end_s;
  std::vector<double> raw_elevation(n);
  for (std::size_t i = 0; i < n; ++i) raw_elevation[i] = value_or_nan(a.samples[i].elevation_m);
  // Without positions, the device's distance (its steps, summed before gaps are bridged).
  std::vector<double> device_path;
  if (!ch.position && d.source == DistanceSource::device) {
    device_path.resize(n);
    std::partial_sum(d.step_m.begin(), d.step_m.end(), device_path.begin());
  }
  std::vector<double> device_speed;
  if (ch.device_speed) {
    device_speed.resize(n);
    for (std::size_t i = 0; i < n; ++i) device_speed[i] = value_or_nan(a.samples[i].speed_m_per_s);
  }
  const MotionEvidence evidence{.east_m = d.east_m,
                                .north_m = d.north_m,
                                .device_distance_m = device_path,
                                .device_speed_m_per_s = device_speed,
                                .elevation_m = raw_elevation,
                                .barometric_noise_m = barometric_noise(s.time_s, raw_elevation)};
  s.state.assign(n, MotionState::running);
  resolve_gaps(s.time_s, stretches, d.across_gap_m, evidence, o.motion, a.pauses_marked, s.state,
               d.step_m, d.speed_m_per_s);
  if (ch.position || ch.device_distance || ch.device_speed)
    classify_motion(s.time_s, d.speed_m_per_s, s.cadence_spm, evidence, o.motion, s.state);
  // No steps counted (cadence 0) told the motion a runner stood; as a cadence it is none.
  for (double& c : s.cadence_spm)
    if (c == 0) c = std::numeric_limits<double>::quiet_NaN();
  s.distance_m.resize(n);
  accumulate_moving_distance(s.state, d.step_m, d.speed_m_per_s, s.distance_m);
  std::optional<double> gps_distance;  // the track's, when the device's distance was used
  if (!d.gps_step_m.empty()) gps_distance = moving_distance_m(s.state, d.gps_step_m);
  const bool distance_known = d.source != DistanceSource::none;
  if (!distance_known) std::fill(s.distance_m.begin(), s.distance_m.end(), nan);
  s.speed_m_per_s = std::move(d.speed_m_per_s);

  // Elevation, then grade and GAP.
  s.elevation_m.resize(n);
  s.grade.assign(n, 0.0);
  std::optional<Elevation> elevation;
  if (ch.elevation && distance_known)
    elevation = measure_elevation(s.distance_m, raw_elevation, s.elevation_m);
  if (elevation) {
    out.elevation_implausible = implausible_altitude(s.distance_m, s.elevation_m, *elevation);
    if (!out.elevation_implausible.empty()) elevation.reset();
  }
  if (elevation) {
    out.elevation = elevation->quality;
    sample_grades(s.distance_m, s.elevation_m, elevation->quality.grade_window_m,
                  grade_noise(elevation->quality), s.grade);
  } else {
    std::fill(s.elevation_m.begin(), s.elevation_m.end(), nan);
  }
  s.gap_speed_m_per_s.resize(n);
  grade_adjusted_speeds(s.speed_m_per_s, s.grade, s.gap_speed_m_per_s);

  const std::int64_t start = std::min(a.recording_start_ms.value_or(t0), t0);
  out.metrics = compute_metrics(s, elevation, static_cast<double>(t0 - start) / 1000.0);
  if (distance_known) out.sport_doubt = sport_doubt(s, a, out.track_over_device);
  if (a.sport_from_export && a.sport == Sport::running && names_sport_not_on_foot(a.file_sport_raw))
    out.sport_conflict = "the file says \"" + clean_text(a.file_sport_raw) +
                         "\", its export's type \"" + clean_text(a.sport_raw) + "\"";
  out.metrics.device_distance_m = a.device_distance_m;
  out.metrics.device_elevation_gain_m = a.device_elevation_gain_m;
  out.metrics.gps_distance_m = gps_distance;
  untracked_laps(a, out.metrics);
  out.read_share = a.read_share;
  for (const Note& note : a.notes)
    if (note.code == NoteCode::file_damaged) out.damaged_at_byte = note.first_offset;
  if (const Note* note = out_of_order_note(a)) {
    out.dropped_out_of_order = note->count;
    out.out_of_order_at_byte = note->first_offset;
  }
  if (out.dropped_out_of_order && !out.damaged_at_byte)  // a damaged file's share is its header's
    out.read_share =
        1 - static_cast<double>(out.dropped_out_of_order) / static_cast<double>(a.trackpoints);
  return out;
}

}  // namespace runaudit::signal
