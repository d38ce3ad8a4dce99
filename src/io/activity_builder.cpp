#include "activity_builder.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>

#include "../core/order_statistic.hpp"
#include "runaudit/signal/geo.hpp"
#include "runaudit/signal/jumps.hpp"
#include "runaudit/signal/series.hpp"
#include "runaudit/time.hpp"

namespace runaudit::io::detail {
namespace {

// Plausibility ranges. Elevation: above -500 m (the Dead Sea shore is -430 m) to above Everest
// base camps; values outside are sentinels (-19999, -99999999) or junk, and -500 m itself is
// FIT's raw altitude 0 (scale 5, offset 500), which devices write for "no altitude" (a TomTom
// run's first record: kept, it faked a 148 % climb). Heart rate: 25 bpm (below any resting HR of
// a conscious athlete) to 250 bpm (above any measured maximum); 0 and 255 are "no value" markers
// of common chest straps/devices. Cadence: 300 steps/min is above elite sprint cadence.
constexpr double min_elevation_m = -500, max_elevation_m = 9000;
// Elevations of 0 between readings beyond this (m) from 0 are placeholders (placeholder_zeros).
constexpr double placeholder_jump_m = 5;
constexpr double min_heart_rate_bpm = 25, max_heart_rate_bpm = 250;
constexpr double max_cadence_spm = 300;
// Cadence as written is per leg (strides/min: Garmin footpods and TrackPointExtension count one
// foot; Strava's GPX too) or per step (steps/min: Wahoo, Suunto's TCX via some exporters). Per
// leg, running is 50–110 and walking 45–65; in steps, running is 140–220 and walking 90–130. A
// per-leg value above 115 would be 230 steps/min, beyond a sustained sprint: when at least 10 %
// of the values are above it, the file counts steps (a bimodal walk–run file in steps has its
// running mode there). A walk (the file's sport) whose median is above 80 (160 steps/min if per
// leg: a run's cadence) counts steps too. Runalyze issues #1367 and #1679.
constexpr double max_per_leg_running = 115;
constexpr double min_share_above_per_leg = 0.10;
constexpr double max_per_leg_walking = 80;
// When three quarters of the cadences of a recording of unnamed sport are below this per leg
// (60 steps/min, slower than any walk), they are no stride rate: a rower's stroke rate
// (18-32/min at steady state), kept as written. (Not the median: a wrist writes 8-15/min while
// its runner stands, and intervals can stand more than half the time.)
constexpr double min_per_leg_on_foot = 30;
// A last point more than 6 hours after the one before it (and later than the recording before
// it lasted) is a clock glitch, not the end of the run (lone_time_glitches).
constexpr std::int64_t max_trailing_gap_ms = 6 * 3600 * 1000;
// Stray fragments of a recording (stray_fragments): together under this share of the timed
// trackpoints, each over at most max_stray_ms and within max_stray_spread_m of where it began
// (no one's run: a start pressed by mistake), more than max_trailing_gap_ms from the rest.
constexpr double max_stray_share = 0.05;
constexpr std::int64_t max_stray_ms = 10 * 60 * 1000;
constexpr double max_stray_spread_m = 100;
// Fewest trackpoints with a position, as a share of the timed ones, for positions spread over
// the recording to be used (positions_used): one fix in 5 s between 1 s heart-rate records is
// 0.2.
constexpr double min_positioned_share = 0.1;
// Shortest time without position, in a track that has positions, kept with the device's
// distance (without_fix_kept): a watch recording before its first fix, or through a tunnel.
// Shorter holes between fixes at most max_between_fixes_ms apart are kept with positions placed
// between the fixes (a Suunto Spartan writes heart rate, altitude and distance every second and
// a fix every 1-20 s: 54 % of a ride's records were dropped); the limit is half the shortest
// surge judged (audit::RuleOptions::surge_min_s, 30 s: the audit leaves surges unjudged where
// the samples lie further apart), so that positions placed between fixes never make a track too
// coarse for surges look fine enough, and under the longest step motion reads inside a stretch
// (signal::MotionOptions::pause_gap_s, 20 s), so that no gap it would judge is filled. Other
// holes shorter than min_blind_ms are dropped, but before the first fix or after the last,
// which nothing else measures (a fenix 7 Pro run's last 19 s, 41 m). The
// device's distance must rise through it at a slow walk at least (1 m/s): a watch that measures
// by GPS alone freezes its distance while the fix is lost and catches up at the next fix (a
// Garmin Edge 500 ride: 617 m in one second), and a swimmer's watch (0.85 m/s) interpolates
// between the fixes it gets when the wrist is out of the water; the fixes on either side
// measure those better.
constexpr std::int64_t min_blind_ms = 30'000;
constexpr double min_blind_speed_m_per_s = 1.0;
constexpr std::int64_t max_between_fixes_ms = 15'000;
// A segment whose trackpoints come late (earlier than one before them) again and again, at
// least min_reorder_runs times and min_reorder_share of them, each time by at most
// max_reorder_lag_ms and never more than max_late_run of them in a row, is a writer's jitter and
// is put in time order (reorder_jitter): Sports Tracker's GPX writes each heart-rate reading as a
// trackpoint of its own, with its time (a few seconds behind the fixes about it, up to five
// minutes at a stop) and the last fix's position; dropped as out of order, three quarters of a
// run went. A clock set back, or a lone time glitch ahead, makes the later points late once, in
// one run: those keep the main loop's rules.
constexpr std::int64_t max_reorder_lag_ms = 600'000;
constexpr std::size_t max_late_run = 30;
constexpr double min_reorder_share = 0.05;
constexpr std::size_t min_reorder_runs = 10;
// An altitude spike (remove_elevation_spikes): a jump of spike_min_m or more between readings,
// faster than spike_vertical_speed_m_per_s (a runner climbs under 1 m/s up the steepest
// vertical-kilometre courses, a cyclist descends a 15 % grade at 3 m/s; GPS altitude read
// every 5 s on a hill steps 10 m at 2 m/s), after which the altitude comes back, within
// spike_max_ms, to within max(spike_return_m, spike_return_share × the jump) of where it left,
// in one jump or a few steps, at spike_return_speed_m_per_s or faster from the last reading
// still more than half the jump away. A Strava app FIT: 195.6 m, then 230.8 m for 6 s, then
// 198.2 m: a 35 m climb and a 5.8 % grade the run never had. A jump that does not come back,
// or comes back slowly (a GPS altitude settling, a barometer recalibrated: which level is
// right is not known), is left to the elevation stage.
constexpr double spike_min_m = 10;
constexpr double spike_vertical_speed_m_per_s = 5;
constexpr std::int64_t spike_max_ms = 60'000;
constexpr double spike_return_m = 5;
constexpr double spike_return_share = 0.25;
constexpr double spike_return_speed_m_per_s = 2.5;
// ... and one at the start or the end, with no level on that side, only beside a level held
// this long at least.
constexpr std::int64_t spike_level_beside_ms = 30'000;

class NoteCounter {
 public:
  // Counts @p count trackpoints for @p code, the first of them at @p offset.
  void add(NoteCode code, std::ptrdiff_t offset, std::size_t count = 1) {
    auto& e = m_entries[static_cast<std::size_t>(code)];
    if (count == 0) return;
    if (e.count == 0) e.first_offset = offset;
    e.count += count;
  }
  void emit(std::vector<Note>& out) const {
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
      const auto& e = m_entries[i];
      if (e.count == 0) continue;
      const auto code = static_cast<NoteCode>(i);
      out.push_back(Note{code, e.count, 0, message(code, e.count), e.first_offset});
    }
  }

 private:
  static std::string message(NoteCode code, std::size_t n) {
    const std::string count = std::to_string(n);
    const char* s = n == 1 ? "" : "s";
    const std::string records = count + " record" + s + " ";  // the decoder's, not trackpoints
    switch (code) {
      case NoteCode::no_time:
        return count + " trackpoint" + s + " without time dropped";
      case NoteCode::no_position:
        return count + " trackpoint" + s + " without position dropped (track has positions)";
      case NoteCode::null_island:
        return count + " position" + s + " at exactly (0, 0) ignored";
      case NoteCode::duplicate_time:
        return count + " trackpoint" + s + " repeating the previous time dropped";
      case NoteCode::time_backwards:
        return count + " trackpoint" + s + " out of time order dropped";
      case NoteCode::elevation_invalid:
        return count + " elevation" + s + " at or below -500 m or above 9000 m removed";
      case NoteCode::elevation_zero:
        return count + " elevation" + s +
               " of exactly 0 m removed: a placeholder for none (all of them 0, or 0 between "
               "readings far from it)";
      case NoteCode::heart_rate_invalid:
        return count + " heart rate" + (n == 1 ? "" : "s") + " outside 25..250 bpm removed";
      case NoteCode::cadence_invalid:
        return count + " cadence value" + s + " negative or above 300 steps/min removed";
      case NoteCode::cadence_doubled:
        return "cadence written per leg (strides/min): doubled to steps/min on " + count +
               " trackpoint" + s;
      case NoteCode::cadence_as_steps:
        return "cadence already in steps/min (too high for strides/min): kept as written on " +
               count + " trackpoint" + s;
      case NoteCode::no_time_zone:
        return count + " timestamp" + s + " without time zone taken as UTC";
      case NoteCode::position_jump:
        return count + " trackpoint" + s + " far off the track (GPS jump) dropped";
      case NoteCode::merged_time:
        return count + " trackpoint" + s + " at the time of the one before merged into it";
      case NoteCode::conflicting_value:
        return count + " value" + s + " written twice at one time, differently: the first kept";
      case NoteCode::stray_position:
        return count + " position" + s +
               " ignored: too few trackpoints have one (distance from the device)";
      case NoteCode::position_invalid:
        return count + " position" + s + " with a latitude beyond ±90° ignored";
      case NoteCode::blind_kept:
        return count + " trackpoint" + s +
               " without position (no GPS fix yet, or lost) kept, with the device's distance";
      case NoteCode::between_fixes:
        return count + " trackpoint" + s +
               " without position between fixes at most 15 s apart kept, placed on the line "
               "between them";
      case NoteCode::elevation_spike:
        return count + " elevation" + s +
               " of a spike removed (a jump of 10 m or more, faster than 5 m/s, and as fast back "
               "within a minute)";
      case NoteCode::stray_fragment:
        return count + " trackpoint" + s +
               " more than 6 h apart from the rest of the recording, a few minutes without "
               "moving, dropped (a start pressed by mistake, the timer then left paused)";
      case NoteCode::distance_zero:
        return "device distance 0 on all " + count + " trackpoint" + s +
               " that hold one: none measured (not a standstill), removed";
      case NoteCode::time_unreadable:
        return count + " trackpoint" + s +
               " with an impossible or unreadable time dropped (a damaged time among the run's)";
      case NoteCode::reordered:
        return count + " trackpoint" + s +
               " written after later ones (the writer's jitter, not a clock set back) put in time "
               "order";
      case NoteCode::timer_stopped:
        return records + "written while the timer was stopped dropped (the device's own pause)";
      case NoteCode::second_pass_merged:
        return records +
               "of a separate sensor written after the track (a second pass over its time) merged "
               "into the track's at their times";
      case NoteCode::damaged_record:
        return records +
               "decoded from damaged bytes dropped (dated far off, or far off the track, between "
               "records that carry on)";
      case NoteCode::file_damaged:  // notes of the file, not of trackpoints: decoders add them
      case NoteCode::checksum_mismatch:
      case NoteCode::unfinished_file:
      case NoteCode::relative_time:
      case NoteCode::max_hr_below_observed:
      case NoteCode::bytes_skipped:
      case NoteCode::trailing_bytes:
      case NoteCode::hr_setting_implausible:
      case NoteCode::clock_jump:
      case NoteCode::distance_calibrated:
      case NoteCode::compressed_truncated:
        break;
    }
    return count;
  }

  struct Entry {
    std::size_t count = 0;
    std::ptrdiff_t first_offset = -1;
  };
  // Up to damaged_record, the last code counted here (the decoders' file notes come between).
  std::array<Entry, static_cast<std::size_t>(NoteCode::damaged_record) + 1> m_entries{};
};

bool null_island(const RawPoint& p) {
  return p.latitude_deg && p.longitude_deg && *p.latitude_deg == 0 && *p.longitude_deg == 0;
}

// A latitude beyond the poles: no place on Earth (a damaged record; longitudes, decoded from
// FIT's semicircles, are always within ±180°).
bool off_earth(const RawPoint& p) {
  return p.latitude_deg && p.longitude_deg && !(std::abs(*p.latitude_deg) <= 90);
}

bool positioned(const RawPoint& p) {
  return p.latitude_deg && p.longitude_deg && !null_island(p) && !off_earth(p);
}

// Marks lone forward time glitches: a point later than the next timed point while the points
// before and after it are in order, by more than their own step (a GPS clock glitch: one point
// a day ahead inside a run). Without this, that point would be kept and every later point
// dropped as "backwards"; with it, only the glitch goes. The points before are those the main
// loop keeps (each later than the last kept one); a swap of two neighbours ([0, 2, 1]) is not a
// glitch by this rule, and drops the later point as before. The last timed point has no
// neighbour after it: it is a glitch when it comes more than max_trailing_gap_ms after the one
// before and later than the whole recording before it lasted (a damaged file's last record
// decoding to a date decades ahead), so that a run followed by one point hours later is not
// audited as a run of hundreds of hours.
std::vector<bool> lone_time_glitches(const std::vector<RawPoint>& points) {
  std::vector<bool> glitch(points.size(), false);
  std::optional<std::int64_t> kept;   // time of the last point the main loop keeps
  std::optional<std::int64_t> first;  // time of the first point it keeps
  std::size_t next = 0;               // index of the next timed point after i
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (!points[i].time_ms) continue;
    const std::int64_t t = *points[i].time_ms;
    if (kept && t <= *kept) continue;  // dropped as duplicate or backwards anyway
    next = std::max(next, i + 1);
    while (next < points.size() && !points[next].time_ms) ++next;
    if (next < points.size()) {
      const std::int64_t after = *points[next].time_ms;
      std::optional<std::int64_t> step;  // the step the glitch interrupts
      if (kept) {
        if (after > *kept) step = after - *kept;
      } else {
        std::size_t second = next + 1;
        while (second < points.size() && !points[second].time_ms) ++second;
        step = second < points.size() ? *points[second].time_ms - after : 0;
      }
      if (after < t && step && t - after > *step) {
        glitch[i] = true;
        continue;
      }
    } else if (kept && *first < *kept &&
               t - *kept > std::max(max_trailing_gap_ms, *kept - *first)) {
      glitch[i] = true;
      continue;
    }
    if (!first) first = t;
    kept = t;
  }
  return glitch;
}

// Whether the points of [begin, end) the main loop keeps (each later than the last kept one;
// not @p glitches) stay within max_stray_spread_m of where they began, by position and by the
// device's distance.
bool stays_put(const std::vector<RawPoint>& points, const std::vector<bool>& glitches,
               std::size_t begin, std::size_t end) {
  std::optional<std::size_t> first_fix;
  std::optional<double> first_distance_m;
  std::int64_t last = std::numeric_limits<std::int64_t>::min();
  for (std::size_t i = begin; i < end; ++i) {
    const RawPoint& p = points[i];
    if (!p.time_ms || glitches[i] || *p.time_ms <= last) continue;
    last = *p.time_ms;
    if (positioned(p)) {
      if (!first_fix) first_fix = i;
      const RawPoint& from = points[*first_fix];
      if (signal::step_distance_m(*from.latitude_deg, *from.longitude_deg, *p.latitude_deg,
                                  *p.longitude_deg) > max_stray_spread_m)
        return false;
    }
    if (p.distance_m) {
      if (!first_distance_m) first_distance_m = p.distance_m;
      if (std::abs(*p.distance_m - *first_distance_m) > max_stray_spread_m) return false;
    }
  }
  return true;
}

// Marks stray fragments of a recording: the trackpoints of stretches separated from the rest by
// more than max_trailing_gap_ms, each lasting max_stray_ms or less and staying within
// max_stray_spread_m of where it began (by position and by the device's distance), that
// together hold under max_stray_share of the timed trackpoints (a start pressed by mistake, the
// timer then left paused: a Magellan ride's first 4 s, 27 days before the rest of it, dated the
// ride and made it 670 hours long; a few records written the next morning). The stretches are
// those of the times the main loop keeps (each later than the last kept one; not @p glitches),
// so that a lone time far ahead splits nothing. Anything more (two halves of a walk a night
// apart, a morning's 8 minutes that covered a kilometre, a logger's daily walks in one track)
// is the recording's, its gaps pauses.
std::vector<bool> stray_fragments(const std::vector<RawPoint>& points,
                                  const std::vector<bool>& glitches) {
  struct Stretch {
    std::size_t begin = 0, end = 0, timed = 0;
    std::int64_t first = 0, last = 0;
  };
  std::vector<Stretch> stretches;
  std::size_t timed = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (!points[i].time_ms || glitches[i]) continue;
    const std::int64_t t = *points[i].time_ms;
    if (!stretches.empty() && t <= stretches.back().last) continue;  // dropped as out of order
    if (stretches.empty() || t - stretches.back().last > max_trailing_gap_ms)
      stretches.push_back({i, i, 0, t, t});
    Stretch& s = stretches.back();
    s.end = i + 1;
    s.last = t;
    ++s.timed;
    ++timed;
  }
  std::vector<bool> stray(points.size(), false);
  if (stretches.size() < 2) return stray;  // most recordings: no position read here
  std::size_t stray_timed = 0;
  for (const Stretch& s : stretches)
    if (s.last - s.first <= max_stray_ms && stays_put(points, glitches, s.begin, s.end)) {
      stray_timed += s.timed;
      std::fill(stray.begin() + static_cast<std::ptrdiff_t>(s.begin),
                stray.begin() + static_cast<std::ptrdiff_t>(s.end), true);
    }
  if (static_cast<double>(stray_timed) >= max_stray_share * static_cast<double>(timed))
    std::fill(stray.begin(), stray.end(), false);
  return stray;
}

// Fills @p to from @p from when absent (setting @p added); counts a conflict when both hold
// different values.
void fill_channel(std::optional<double>& to, const std::optional<double>& from, bool& added,
                  std::size_t& conflicts) {
  if (!from) return;
  if (!to) {
    to = from;
    added = true;
  } else if (*to != *from) {
    ++conflicts;
  }
}

// Merges @p p into @p into (the trackpoint before it, at the same time): the channels @p into
// lacks come from @p p; a value both hold differently keeps @p into's (conflicting_value).
// @return false, merging nothing, when @p p has another position (two fixes at one time: one is
// wrong) or adds no channel (a repeat): it is then dropped as duplicate_time.
bool merge_into(RawPoint& into, const RawPoint& p, NoteCounter& notes) {
  const bool into_positioned = positioned(into), p_positioned = positioned(p);
  if (into_positioned && p_positioned &&
      (*into.latitude_deg != *p.latitude_deg || *into.longitude_deg != *p.longitude_deg))
    return false;
  RawPoint merged = into;
  bool added = false;
  std::size_t conflicts = 0;
  if (!into_positioned && p_positioned) {
    merged.latitude_deg = p.latitude_deg;
    merged.longitude_deg = p.longitude_deg;
    added = true;
  }
  fill_channel(merged.elevation_m, p.elevation_m, added, conflicts);
  fill_channel(merged.heart_rate_bpm, p.heart_rate_bpm, added, conflicts);
  fill_channel(merged.cadence_per_leg, p.cadence_per_leg, added, conflicts);
  fill_channel(merged.distance_m, p.distance_m, added, conflicts);
  fill_channel(merged.speed_m_per_s, p.speed_m_per_s, added, conflicts);
  if (!added) return false;
  into = merged;
  notes.add(NoteCode::merged_time, p.offset);
  for (std::size_t i = 0; i < conflicts; ++i) notes.add(NoteCode::conflicting_value, p.offset);
  return true;
}

// Puts the trackpoints of each segment in time order where they are a writer's jitter
// (max_reorder_lag_ms, max_late_run, min_reorder_share, min_reorder_runs; a segment with a
// point without time is left as it is), counting the late ones as notes; laps stay in order (a
// point takes the latest lap of the points before it).
void reorder_jitter(std::vector<RawPoint>& points, NoteCounter& notes) {
  for (std::size_t from = 0; from < points.size();) {
    std::size_t to = from;
    while (to < points.size() && points[to].segment == points[from].segment) ++to;
    const auto begin = points.begin() + static_cast<std::ptrdiff_t>(from);
    const auto end = points.begin() + static_cast<std::ptrdiff_t>(to);
    const bool timed = std::all_of(begin, end, [](const RawPoint& p) { return p.time_ms; });
    std::size_t late = 0, runs = 0, run = 0, longest_run = 0;
    std::int64_t max_lag = 0, latest = timed && begin != end ? *begin->time_ms : 0;
    std::ptrdiff_t first_late = -1;  // offset of the first late trackpoint
    for (auto it = begin; timed && it != end; ++it) {
      const std::int64_t t = *it->time_ms;
      run = t < latest ? run + 1 : 0;
      if (run > 0 && late++ == 0) first_late = it->offset;
      runs += run == 1 ? 1 : 0;
      longest_run = std::max(longest_run, run);
      max_lag = std::max(max_lag, latest - t);
      latest = std::max(latest, t);
    }
    if (runs >= min_reorder_runs && max_lag <= max_reorder_lag_ms && longest_run <= max_late_run &&
        static_cast<double>(late) >= min_reorder_share * static_cast<double>(to - from)) {
      notes.add(NoteCode::reordered, first_late, late);
      std::stable_sort(
          begin, end, [](const RawPoint& a, const RawPoint& b) { return *a.time_ms < *b.time_ms; });
      for (auto it = std::next(begin); it < end; ++it)
        it->lap = std::max(it->lap, std::prev(it)->lap);
    }
    from = to;
  }
}

// Merges each trackpoint into the one before it when both have the same time in the same
// segment (merge_into): Suunto's Ambit and Strava's app write each second as a record with the
// position and another with heart rate, speed and distance.
void merge_same_times(std::vector<RawPoint>& points, NoteCounter& notes) {
  std::size_t out = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (out > 0) {
      RawPoint& before = points[out - 1];
      const RawPoint& p = points[i];
      if (p.time_ms && before.time_ms && *p.time_ms == *before.time_ms &&
          p.segment == before.segment && merge_into(before, p, notes))
        continue;
    }
    if (out != i) points[out] = points[i];
    ++out;
  }
  points.resize(out);
}

// Whether a track's positions are used (a track that uses them drops its trackpoints without
// one as no_position). A bike computer indoors writes one stray fix among 2000 records: keeping
// that one sample and dropping the rest would lose the ride. Positions are used when at least
// half of the timed trackpoints have one, or when at least min_positioned_share of them do and
// they span at least half of the timed ones' time (a device writing a fix every few seconds
// between records of heart rate only). Otherwise the positions are dropped (stray_position) and
// every timed trackpoint kept, its distance the device's.
bool positions_used(const std::vector<RawPoint>& points) {
  std::size_t timed = 0, with_position = 0;
  std::optional<std::int64_t> first, last, first_fix, last_fix;
  for (const RawPoint& p : points) {
    if (!p.time_ms) continue;
    ++timed;
    if (!first) first = p.time_ms;
    last = p.time_ms;
    if (!positioned(p)) continue;
    ++with_position;
    if (!first_fix) first_fix = p.time_ms;
    last_fix = p.time_ms;
  }
  if (with_position == 0) return false;
  if (2 * with_position >= timed) return true;
  return static_cast<double>(with_position) >= min_positioned_share * static_cast<double>(timed) &&
         2 * (*last_fix - *first_fix) >= *last - *first;
}

// What a recording's cadences count: feet (on_foot: a stride or step rate, else a pedal or
// stroke rate, kept as written), and if so whether steps per minute already (as_steps: see
// max_per_leg_running) or strides, to double. Only feet stride: a run, a walk, and a recording of
// unnamed sport that no bike computer made (a ride, most likely) and whose upper quartile of
// cadence is a foot's (min_per_leg_on_foot).
struct CadenceForm {
  bool on_foot = false, as_steps = false;
};
CadenceForm cadence_form(const std::vector<RawPoint>& points, const Activity& activity) {
  const Sport sport = activity.sport;
  CadenceForm form;
  form.on_foot = sport == Sport::running || sport == Sport::walking ||
                 (sport == Sport::unknown && !activity.bike_computer);
  std::vector<double> v;
  v.reserve(points.size());
  for (const RawPoint& p : points)
    if (p.cadence_per_leg && *p.cadence_per_leg > 0) v.push_back(*p.cadence_per_leg);
  if (v.empty()) return form;
  const auto high =
      std::count_if(v.begin(), v.end(), [](double c) { return c > max_per_leg_running; });
  form.as_steps =
      static_cast<double>(high) >= min_share_above_per_leg * static_cast<double>(v.size());
  if (form.as_steps || (sport != Sport::walking && sport != Sport::unknown)) return form;
  const double quantile =
      runaudit::detail::nth_smallest(v, sport == Sport::walking ? v.size() / 2 : v.size() * 3 / 4);
  if (sport == Sport::walking) form.as_steps = quantile > max_per_leg_walking;
  if (sport == Sport::unknown && quantile < min_per_leg_on_foot) form.on_foot = false;
  return form;
}

// Whether @p elevation_m is one a device reads, not a sentinel for none.
bool valid_elevation(double elevation_m) {
  return elevation_m > min_elevation_m && elevation_m <= max_elevation_m;
}

// Which points' elevations of exactly 0 are a writer's placeholder for none: all of them when
// every elevation is 0 (no altimeter reads a whole run at exactly sea level), else each run of
// zeros whose nearest other readings, before and after, lie beyond placeholder_jump_m from 0 (a
// dropout to 0 on a run at 30 m, the points before the first fix of a run at 700 m): a real
// altitude does not leap there and back within a second or two.
std::vector<bool> placeholder_zeros(const std::vector<RawPoint>& points) {
  const auto reading = [](const RawPoint& p) {  // not a sentinel removed as such
    return p.elevation_m && valid_elevation(*p.elevation_m);
  };
  const auto zero = [&](const RawPoint& p) { return reading(p) && *p.elevation_m == 0; };
  const auto far = [](std::optional<double> v) { return !v || std::abs(*v) > placeholder_jump_m; };
  const std::size_t n = points.size();
  std::vector<bool> out(n, false);
  std::optional<double> before;  // the last reading other than 0
  for (std::size_t i = 0; i < n;) {
    if (!zero(points[i])) {
      if (reading(points[i])) before = points[i].elevation_m;
      ++i;
      continue;
    }
    // The run of zeros [i, j) (points without a reading inside it), and the reading after it.
    std::size_t j = i, zeros = 0;
    std::optional<double> after;
    for (; j < n; ++j) {
      if (zero(points[j])) ++zeros;
      if (zero(points[j]) || !reading(points[j])) continue;
      after = points[j].elevation_m;
      break;
    }
    // No reading either side: every elevation is 0, a placeholder when there are two or more.
    if (far(before) && far(after) && (before || after || zeros >= 2))
      for (std::size_t k = i; k < j; ++k) out[k] = zero(points[k]);
    i = j;
  }
  return out;
}

// What becomes of a timed point without position in a track that has positions.
enum class WithoutFix : std::uint8_t {
  dropped,
  blind,    // kept without position, measured by the device's distance
  between,  // kept, placed between the fixes about it (Sample::position_interpolated)
};

// Of the points [@p i, @p j) of a run without fix, the stretch the device's distance measures:
// from the first timed point with a distance to the last, every timed point between them with
// one (those before or after without: a Suunto's first two records, before it counts, stay
// points without position). nullopt when none has a distance or one inside lacks it.
struct DeviceMeasured {
  std::size_t first = 0, last = 0;  // indices of its first and last points
  std::int64_t span_ms = 0;         // time from the first to the last (ms)
  double rise_m = 0;                // the device's distance over it (m)
};

std::optional<DeviceMeasured> device_measured(const std::vector<RawPoint>& points, std::size_t i,
                                              std::size_t j) {
  const auto counted = [&](std::size_t k) { return points[k].time_ms && points[k].distance_m; };
  std::size_t first = i, last = j;
  while (first < j && !counted(first)) ++first;
  while (last > first && !counted(last - 1)) --last;
  if (first == j) return std::nullopt;
  for (std::size_t k = first; k < last; ++k)
    if (points[k].time_ms && !points[k].distance_m) return std::nullopt;
  const RawPoint &from = points[first], &to = points[last - 1];
  return DeviceMeasured{first, last - 1, *to.time_ms - *from.time_ms,
                        *to.distance_m - *from.distance_m};
}

// The timed points without position to keep in a track that has positions. Blind: runs of them,
// between fixes spanning min_blind_ms or more, or at the ends of any span, measured by the
// device's distance (device_measured), which rises through them at min_blind_speed_m_per_s or more
// (its differences then measure them: signal::measure_distance). Between: a run between two fixes
// of one segment at most max_between_fixes_ms apart, every one timed between them. Of a run
// neither, the point that begins a segment after a pause (@p after_pause: per segment) and the one
// that ends a segment before one, when they carry the device's distance, blind: the pause is then
// the watch's own (an FR920XT resuming without a fix for 14 minutes was otherwise paused 16:30
// where its timer stopped 2:41), and the time from there to the fix the device's distance measures
// (a stop when it hardly rises).
std::vector<WithoutFix> without_fix_kept(const std::vector<RawPoint>& points,
                                         const std::vector<bool>& after_pause) {
  const auto pause_before = [&](std::size_t k) {
    const std::size_t segment = points[k].segment;
    return k > 0 && segment != points[k - 1].segment && segment < after_pause.size() &&
           after_pause[segment];
  };
  std::vector<WithoutFix> keep(points.size(), WithoutFix::dropped);
  std::optional<std::size_t> fix_before;  // the last timed point with a position
  std::size_t i = 0;
  while (i < points.size()) {
    if (!points[i].time_ms || positioned(points[i])) {
      if (points[i].time_ms) fix_before = i;
      ++i;
      continue;
    }
    std::size_t j = i;
    std::int64_t first = *points[i].time_ms, last = first;
    for (; j < points.size() && !(points[j].time_ms && positioned(points[j])); ++j) {
      if (!points[j].time_ms) continue;
      first = std::min(first, *points[j].time_ms);
      last = std::max(last, *points[j].time_ms);
    }
    // The fixes about the run (fix_before and j, when they exist; points without time between
    // them are dropped all the same).
    const bool between = fix_before && j < points.size() &&
                         points[*fix_before].segment == points[j].segment &&
                         *points[*fix_before].time_ms < first && last < *points[j].time_ms &&
                         *points[j].time_ms - *points[*fix_before].time_ms <= max_between_fixes_ms;
    // Before the first fix or after the last, nothing else measures them: kept however short,
    // if they span some time (a lone record has no rise of its own).
    const auto blind = device_measured(points, i, j);
    const bool at_end = (!fix_before || j == points.size()) && blind && blind->span_ms > 0;
    if (blind && (at_end || blind->span_ms >= min_blind_ms) &&
        blind->rise_m >= min_blind_speed_m_per_s * static_cast<double>(blind->span_ms) / 1000)
      for (std::size_t k = blind->first; k <= blind->last; ++k)
        keep[k] = points[k].time_ms ? WithoutFix::blind : WithoutFix::dropped;
    else if (between)
      for (std::size_t k = i; k < j; ++k)
        keep[k] = points[k].time_ms ? WithoutFix::between : WithoutFix::dropped;
    else
      for (std::size_t k = i; k < j; ++k)
        keep[k] = points[k].time_ms && points[k].distance_m &&
                          (pause_before(k) || (k + 1 < points.size() && pause_before(k + 1)))
                      ? WithoutFix::blind
                      : WithoutFix::dropped;
    i = j;
  }
  return keep;
}

// Places the samples kept between fixes (Sample::position_interpolated, without position until
// now) on the line between the fixes about them in their segment, linear in time (across the
// antimeridian the short way). Where a fix about them is gone (a GPS jump dropped it, and the next
// is in another segment), they stay without position, as a blind stretch.
void place_between_fixes(Activity& a) {
  const std::size_t n = a.samples.size();
  const auto same_segment = [&](std::size_t from, std::size_t to) {  // samples from..to
    const auto next_start =
        std::upper_bound(a.segment_starts.begin(), a.segment_starts.end(), from);
    return next_start == a.segment_starts.end() || *next_start > to;
  };
  const auto fix = [&](std::size_t k) {
    return a.samples[k].has_position() && !a.samples[k].position_interpolated;
  };
  std::size_t i = 0;
  while (i < n) {
    if (!a.samples[i].position_interpolated) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < n && a.samples[j].position_interpolated) ++j;
    if (i == 0 || j == n || !fix(i - 1) || !fix(j) || !same_segment(i - 1, j)) {
      for (std::size_t k = i; k < j; ++k) a.samples[k].position_interpolated = false;
      i = j;
      continue;
    }
    const Sample& from = a.samples[i - 1];
    const Sample& to = a.samples[j];
    const double dlon = signal::wrap_longitude_deg(*to.longitude_deg - *from.longitude_deg);
    const double span_ms = static_cast<double>(to.time_ms - from.time_ms);
    for (std::size_t k = i; k < j; ++k) {
      Sample& s = a.samples[k];
      const double w = static_cast<double>(s.time_ms - from.time_ms) / span_ms;
      s.latitude_deg = *from.latitude_deg + w * (*to.latitude_deg - *from.latitude_deg);
      s.longitude_deg = signal::wrap_longitude_deg(*from.longitude_deg + w * dlon);
    }
    i = j;
  }
}

// Drops the samples the GPS jump detector marks (signal::find_position_jumps, over the fixes of
// each segment: after a pause the track may resume anywhere; samples kept without position are
// no fixes), keeping segment starts and laps on the samples that remain, and counts them as
// notes.
void drop_position_jumps(Activity& a, const std::vector<std::ptrdiff_t>& offsets,
                         NoteCounter& notes) {
  const std::size_t n = a.samples.size();
  if (n < 3) return;
  std::vector<bool> jump(n, false);
  std::vector<double> t, lat, lon;
  std::vector<std::size_t> fix_sample;  // the sample of each fix
  for (auto* v : {&t, &lat, &lon}) v->reserve(n);
  fix_sample.reserve(n);
  for (std::size_t k = 0; k < a.segment_starts.size(); ++k) {
    const std::size_t from = a.segment_starts[k];
    const std::size_t to = k + 1 < a.segment_starts.size() ? a.segment_starts[k + 1] : n;
    t.clear();
    lat.clear();
    lon.clear();
    fix_sample.clear();
    for (std::size_t i = from; i < to; ++i) {
      const Sample& s = a.samples[i];
      if (!s.has_position()) continue;
      t.push_back(static_cast<double>(s.time_ms - a.samples[from].time_ms) / 1000.0);
      lat.push_back(*s.latitude_deg);
      lon.push_back(*s.longitude_deg);
      fix_sample.push_back(i);
    }
    const std::vector<bool> in_segment = signal::find_position_jumps(t, lat, lon);
    for (std::size_t f = 0; f < fix_sample.size(); ++f) jump[fix_sample[f]] = in_segment[f];
  }
  if (std::find(jump.begin(), jump.end(), true) == jump.end()) return;
  std::vector<std::size_t> kept_before(n + 1, 0);  // samples kept before index i
  for (std::size_t i = 0; i < n; ++i) kept_before[i + 1] = kept_before[i] + (jump[i] ? 0 : 1);
  std::size_t out = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (jump[i]) {
      notes.add(NoteCode::position_jump, offsets[i]);
      continue;
    }
    a.samples[out++] = a.samples[i];
  }
  a.samples.resize(out);
  std::vector<std::size_t> starts;
  for (const std::size_t k : a.segment_starts) {
    const std::size_t at = kept_before[k];
    if (at < out && (starts.empty() || starts.back() != at)) starts.push_back(at);
  }
  if (starts.empty() || starts.front() != 0) starts.insert(starts.begin(), 0);
  a.segment_starts = std::move(starts);
  for (Lap& lap : a.laps) {
    const std::size_t end = lap.first_sample + lap.sample_count;
    lap.first_sample = kept_before[lap.first_sample];
    lap.sample_count = kept_before[end] - lap.first_sample;
  }
}

// Removes the elevations of altitude spikes (spike_min_m and the constants after it), counting
// them as notes. A spike lasts no longer than the level it leaves is held before it or after it
// (the level is the truth, the excursion the glitch: a file that starts inside a spike does not
// make its level the glitch); one at the start or the end, within spike_max_ms of it, with no
// level on that side to come back to, is one when the level beside it is held longer (and
// spike_level_beside_ms at least) and none of it is on its way there (more than half the jump
// away throughout).
void remove_elevation_spikes(Activity& a, const std::vector<std::ptrdiff_t>& offsets,
                             NoteCounter& notes) {
  std::vector<std::size_t> at;  // the samples with an elevation
  const auto readings = [&] {
    at.clear();
    for (std::size_t i = 0; i < a.samples.size(); ++i)
      if (a.samples[i].elevation_m) at.push_back(i);
    return at.size();
  };
  std::size_t n = readings();
  const auto elevation = [&](std::size_t k) { return *a.samples[at[k]].elevation_m; };
  const auto time_ms = [&](std::size_t k) { return a.samples[at[k]].time_ms; };
  // Whether reading k jumps from reading k - 1.
  const auto jumps = [&](std::size_t k) {
    const double rise = std::abs(elevation(k) - elevation(k - 1));
    const double dt_s = static_cast<double>(time_ms(k) - time_ms(k - 1)) / 1000;
    return rise >= spike_min_m && rise > spike_vertical_speed_m_per_s * dt_s;
  };
  const auto next_jump = [&](std::size_t from) {  // the first jump from reading `from` on, or n
    while (from < n && !jumps(from)) ++from;
    return from;
  };
  const auto remove = [&](std::size_t from, std::size_t to) {  // readings [from, to)
    for (std::size_t r = from; r < to; ++r) {
      a.samples[at[r]].elevation_m.reset();
      notes.add(NoteCode::elevation_spike, offsets[at[r]]);
    }
  };
  std::vector<std::pair<std::size_t, std::size_t>> spikes;  // readings [from, to)
  std::size_t level_since = 0;  // the first reading of the level the readings are at
  for (std::size_t k = next_jump(1); k < n; k = next_jump(k + 1)) {
    const double rise = elevation(k) - elevation(k - 1);
    const std::int64_t held = time_ms(k - 1) - time_ms(level_since);
    const double tolerance = std::max(spike_return_m, spike_return_share * std::abs(rise));
    std::size_t back = k + 1;
    while (back < n && time_ms(back) - time_ms(k - 1) <= spike_max_ms &&
           std::abs(elevation(back) - elevation(k - 1)) > tolerance)
      ++back;
    const auto away = [&](std::size_t r) { return std::abs(elevation(r) - elevation(k - 1)); };
    if (back == n) {  // a spike at the end, nothing to come back to, none of it on its way back
      bool out = time_ms(n - 1) - time_ms(k) <= spike_max_ms &&
                 held > std::max(time_ms(n - 1) - time_ms(k), spike_level_beside_ms);
      for (std::size_t r = k; out && r < n; ++r) out = away(r) > std::abs(rise) / 2;
      if (out) spikes.emplace_back(k, n);
      break;
    }
    std::size_t peak_end = back - 1;  // the last reading more than half the jump away
    while (away(peak_end) <= std::abs(rise) / 2) --peak_end;
    const double return_s = static_cast<double>(time_ms(back) - time_ms(peak_end)) / 1000;
    const std::int64_t lasted = time_ms(back) - time_ms(k);
    const std::int64_t held_after = time_ms(next_jump(back + 1) - 1) - time_ms(back);
    if (time_ms(back) - time_ms(k - 1) > spike_max_ms || std::max(held, held_after) < lasted ||
        away(peak_end) - away(back) < spike_return_speed_m_per_s * return_s) {
      level_since = k;  // a new level, or one that settles: left to the elevation stage
      continue;
    }
    spikes.emplace_back(k, back);
    k = back;  // the level before goes on from here
  }
  for (const auto& [from, to] : spikes) remove(from, to);
  // A spike at the start: the readings before the first jump left.
  n = readings();
  if (const std::size_t first = next_jump(1); first < n) {
    const std::int64_t lasted = time_ms(first - 1) - time_ms(0);
    const double jump = std::abs(elevation(first) - elevation(first - 1));
    bool out = lasted <= spike_max_ms && time_ms(next_jump(first + 1) - 1) - time_ms(first) >
                                             std::max(lasted, spike_level_beside_ms);
    for (std::size_t r = 0; out && r < first; ++r)
      out = std::abs(elevation(r) - elevation(first)) > jump / 2;
    if (out) remove(0, first);
  }
}

}  // namespace

void ActivityBuilder::begin_lap(Lap lap) {
  m_laps.push_back(lap);
}

void ActivityBuilder::add(RawPoint point) {
  point.segment = m_segment;
  point.lap = m_laps.empty() ? 0 : m_laps.size() - 1;
  m_points.push_back(point);
}

void ActivityBuilder::finish(Activity& activity) {
  NoteCounter notes;
  activity.trackpoints = m_points.size() + m_dropped.size();
  for (const auto& [code, offset] : m_dropped) notes.add(code, offset);
  reorder_jitter(m_points, notes);
  merge_same_times(m_points, notes);
  const bool track_has_positions = positions_used(m_points);
  if (!track_has_positions)
    for (RawPoint& p : m_points)
      if (p.time_ms && positioned(p)) {
        notes.add(NoteCode::stray_position, p.offset);
        p.latitude_deg.reset();
        p.longitude_deg.reset();
      }
  // A device distance of 0 on every trackpoint that has one is no distance measured (a heart-rate
  // strap's recording, the Strava app's workouts): left, it would read as a standstill.
  const bool distance_zero =
      std::any_of(m_points.begin(), m_points.end(),
                  [](const RawPoint& p) { return p.distance_m.has_value(); }) &&
      std::all_of(m_points.begin(), m_points.end(),
                  [](const RawPoint& p) { return !p.distance_m || *p.distance_m == 0; });
  if (distance_zero)
    for (RawPoint& p : m_points)
      if (p.distance_m) {
        notes.add(NoteCode::distance_zero, p.offset);
        p.distance_m.reset();
      }
  const std::vector<bool> placeholders = placeholder_zeros(m_points);
  for (std::size_t i = 0; i < m_points.size(); ++i)
    if (placeholders[i]) {
      notes.add(NoteCode::elevation_zero, m_points[i].offset);
      m_points[i].elevation_m.reset();
    }
  const auto [cadence_on_foot, cadence_is_steps] = cadence_form(m_points, activity);
  // A foot's cadence 0 means no steps where the file counts some elsewhere.
  const bool counts_steps =
      cadence_on_foot && std::any_of(m_points.begin(), m_points.end(), [](const RawPoint& p) {
        return p.cadence_per_leg && *p.cadence_per_leg > 0;
      });

  activity.segments = m_segments;
  activity.samples.clear();
  activity.samples.reserve(m_points.size());
  activity.segment_starts.clear();
  for (Lap& lap : m_laps) lap.sample_count = 0;

  std::size_t last_segment = static_cast<std::size_t>(-1);
  const std::vector<bool> glitches = lone_time_glitches(m_points);
  const std::vector<bool> stray = stray_fragments(m_points, glitches);
  const std::vector<WithoutFix> kept_without_fix =
      track_has_positions ? without_fix_kept(m_points, m_after_pause)
                          : std::vector<WithoutFix>(m_points.size(), WithoutFix::dropped);
  std::vector<std::ptrdiff_t> offsets;  // of each sample's trackpoint, for notes
  offsets.reserve(m_points.size());
  activity.recording_start_ms.reset();
  std::size_t index = 0;
  // Trackpoints dropped out of time order since the last sample kept: after as many as a clock
  // set back drops (not a glitch), the next sample starts a new stretch, so that no distance or
  // speed is measured across the part of the run they held.
  std::size_t dropped_back = 0;
  for (const RawPoint& p : m_points) {
    const std::size_t i = index++;
    if (glitches[i] || stray[i]) {
      notes.add(glitches[i] ? NoteCode::time_backwards : NoteCode::stray_fragment, p.offset);
      continue;
    }
    if (!p.time_ms) {
      notes.add(p.time_unreadable ? NoteCode::time_unreadable : NoteCode::no_time, p.offset);
      continue;
    }
    // Time-only points before the first sample (no GPS fix yet) still start the recording.
    if (activity.samples.empty() &&
        (!activity.recording_start_ms || *p.time_ms < *activity.recording_start_ms))
      activity.recording_start_ms = p.time_ms;
    if (null_island(p)) notes.add(NoteCode::null_island, p.offset);
    if (off_earth(p)) notes.add(NoteCode::position_invalid, p.offset);
    const bool has_position = positioned(p);
    const bool without_fix = track_has_positions && !has_position;    // kept if without_fix_kept
    if (without_fix && kept_without_fix[i] == WithoutFix::dropped) {  // says so
      if (!null_island(p) && !off_earth(p)) notes.add(NoteCode::no_position, p.offset);
      continue;
    }
    if (!activity.samples.empty()) {
      const std::int64_t previous = activity.samples.back().time_ms;
      if (*p.time_ms == previous) {
        notes.add(NoteCode::duplicate_time, p.offset);
        continue;
      }
      if (*p.time_ms < previous) {
        notes.add(NoteCode::time_backwards, p.offset);
        ++dropped_back;
        continue;
      }
    }
    if (!p.time_had_zone) notes.add(NoteCode::no_time_zone, p.offset);
    if (activity.samples.empty() && p.utc_offset_s) activity.utc_offset_s = p.utc_offset_s;

    Sample s;
    s.time_ms = *p.time_ms;
    if (has_position) {
      s.latitude_deg = p.latitude_deg;
      s.longitude_deg = p.longitude_deg;
    }
    if (p.elevation_m) {
      if (valid_elevation(*p.elevation_m))
        s.elevation_m = p.elevation_m;
      else
        notes.add(NoteCode::elevation_invalid, p.offset);
    }
    if (p.heart_rate_bpm) {
      if (*p.heart_rate_bpm >= min_heart_rate_bpm && *p.heart_rate_bpm <= max_heart_rate_bpm)
        s.heart_rate_bpm = p.heart_rate_bpm;
      else
        notes.add(NoteCode::heart_rate_invalid, p.offset);
    }
    // Cadence 0 is what devices write both when standing and when no sensor is paired: kept (no
    // steps counted: standing) where the file counts steps elsewhere, else absent.
    if (p.cadence_per_leg && !(*p.cadence_per_leg >= 0))  // negative or NaN
      notes.add(NoteCode::cadence_invalid, p.offset);
    if (p.cadence_per_leg && *p.cadence_per_leg == 0 && counts_steps) s.cadence_spm = 0;
    if (p.cadence_per_leg && *p.cadence_per_leg > 0) {
      const bool as_written = cadence_is_steps || !cadence_on_foot;
      const double spm = as_written ? *p.cadence_per_leg : 2 * *p.cadence_per_leg;
      if (spm <= max_cadence_spm) {
        s.cadence_spm = spm;
        if (cadence_on_foot)
          notes.add(cadence_is_steps ? NoteCode::cadence_as_steps : NoteCode::cadence_doubled,
                    p.offset);
      } else {
        notes.add(NoteCode::cadence_invalid, p.offset);
      }
    }
    if (p.distance_m && *p.distance_m >= 0 && std::isfinite(*p.distance_m))
      s.distance_m = p.distance_m;
    if (p.speed_m_per_s && *p.speed_m_per_s >= 0 && std::isfinite(*p.speed_m_per_s))
      s.speed_m_per_s = p.speed_m_per_s;

    const bool after_drop = dropped_back >= signal::min_out_of_order_points;
    dropped_back = 0;
    if (p.segment != last_segment || after_drop) {
      if (activity.samples.empty() || after_drop ||
          (p.segment != last_segment && m_after_pause[p.segment]))
        activity.segment_starts.push_back(activity.samples.size());
      last_segment = p.segment;
    }
    if (!m_laps.empty()) {
      Lap& lap = m_laps[p.lap];
      if (lap.sample_count++ == 0) lap.first_sample = activity.samples.size();
    }
    if (without_fix) {
      const bool between = kept_without_fix[i] == WithoutFix::between;
      s.position_interpolated = between;
      notes.add(between ? NoteCode::between_fixes : NoteCode::blind_kept, p.offset);
    }
    activity.samples.push_back(s);
    offsets.push_back(p.offset);
  }
  activity.laps = m_laps;
  remove_elevation_spikes(activity, offsets, notes);  // before drop_position_jumps: offsets
  drop_position_jumps(activity, offsets, notes);      // are the samples' until it drops some
  place_between_fixes(activity);                      // after: on the fixes that stay
  activity.notes.clear();
  notes.emit(activity.notes);
}

namespace {

// 1980-01-06T00:00:00Z, where GPS time begins (IS-GPS-200, 3.3.4): no GPS recording is older.
constexpr std::int64_t gps_epoch_ms = 315'964'800'000;

// A recording dated before GPS time began is a device that never set its clock and counted
// from 1970 (Unix time 0): its durations are right, its date is not. Its start time is unknown,
// as a FIT file's times from power-on that nothing anchors.
void undate_unset_clock(Activity& activity) {
  if (activity.samples.empty() || activity.samples.back().time_ms >= gps_epoch_ms) return;
  activity.start_time_known = false;
  const std::size_t n = activity.samples.size();
  activity.notes.push_back(
      Note{NoteCode::relative_time, n, 0,
           std::to_string(n) + " time" + (n == 1 ? "" : "s") + " dated " +
               format_rfc3339(activity.samples.front().time_ms).substr(0, 10) +
               ", before GPS time began (1980-01-06): the device's clock was not set, start "
               "time unknown (the run's times count from its start)",
           -1});
}

// The device's distance over @p a's samples: the last distance less the first (a watch
// counting on from an earlier activity: a Forerunner 310XT's 299 m run read 42 013.9 to
// 42 292.9 m); nullopt without any.
std::optional<double> trackpoint_distance_m(const Activity& a) {
  const auto has = [](const Sample& s) { return s.distance_m.has_value(); };
  const auto first = std::find_if(a.samples.begin(), a.samples.end(), has);
  if (first == a.samples.end()) return std::nullopt;
  const auto last = std::find_if(a.samples.rbegin(), a.samples.rend(), has);
  return *last->distance_m - *first->distance_m;
}

}  // namespace

std::vector<Activity> finish_all(std::vector<std::pair<Activity, ActivityBuilder>> pending) {
  std::vector<Activity> activities;
  activities.reserve(pending.size());
  for (auto& [activity, builder] : pending) {
    ActivityBuilder(std::move(builder)).finish(activity);  // the points go here
    undate_unset_clock(activity);
    // The device's count over the trackpoints (GPX gpxdata:distance, TCX DistanceMeters), or
    // its laps' sum (TCX) if larger.
    if (const auto counted = trackpoint_distance_m(activity))
      activity.device_distance_m = std::max(activity.device_distance_m.value_or(0), *counted);
    activities.push_back(std::move(activity));
  }
  return activities;
}

}  // namespace runaudit::io::detail
