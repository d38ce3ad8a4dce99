#include "fit_damage.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fit_clock.hpp"
#include "runaudit/format.hpp"
#include "runaudit/signal/geo.hpp"
#include "runaudit/time.hpp"

namespace runaudit::io::fit {
namespace {

// A record this far before the one before it is no glitch of a second. (Further ahead than
// min_clock_jump_ms is no step of a recording either, nor a clock set: that runs on for a whole
// recording.)
constexpr std::int64_t max_step_back_ms = 60'000;
// The most records decoded from damaged bytes between two of the recording that carry on: a
// full timestamp of garbage dates the compressed-timestamp records after it until the next full
// one (a Forerunner 70 writes one per lap: 200 records at 5 s), and damage of a few kilobytes
// decodes into a few hundred records.
constexpr std::size_t max_damaged_run = 1024;

// @p ms (>= 0) in words: "0:42", "7.5 h", "3 days", "55 years".
std::string span_words(std::int64_t ms) {
  const double s = static_cast<double>(ms) / 1000, day = 86400;
  if (s < 3600) return format_clock(s);
  if (s < 2 * day) return format_fixed(s / 3600, 1) + " h";
  if (s < 2 * 365.25 * day) return format_fixed(s / day, 0) + " days";
  return format_fixed(s / (365.25 * day), 0) + " years";
}

// How a record is off the recording of the one before it: its time (by step_ms), or its device
// distance or position (by moved_m over step_ms).
struct Off {
  enum class By { time, distance, position } by;
  std::int64_t step_ms;
  double moved_m = 0;
};

// Whether, and how, @p r is off the recording of @p before; nullopt when it carries on. No
// allocation: it runs on every record of a damaged file.
std::optional<Off> off_recording(const detail::RawPoint& before, const detail::RawPoint& r) {
  if (!before.time_ms || !r.time_ms) return std::nullopt;
  const std::int64_t step_ms = *r.time_ms - *before.time_ms;
  if (step_ms < -max_step_back_ms || step_ms > min_clock_jump_ms)
    return Off{Off::By::time, step_ms};
  const double reach =
      max_speed_m_per_s * std::max(static_cast<double>(step_ms) / 1000, 1.0) + slack_m;
  const auto too_far = [&](double moved_m) { return moved_m > reach || moved_m < -slack_m; };
  // Its device distance and its position each, where both records have them. A distance
  // starting again from 0 (within reach of it) is a new leg of a multisport file, not damage.
  const bool restarts = r.distance_m && *r.distance_m >= 0 && *r.distance_m <= reach;
  if (before.distance_m && r.distance_m && !restarts && too_far(*r.distance_m - *before.distance_m))
    return Off{Off::By::distance, step_ms, *r.distance_m - *before.distance_m};
  if (before.latitude_deg && before.longitude_deg && r.latitude_deg && r.longitude_deg) {
    const double moved_m = signal::step_distance_m(*before.latitude_deg, *before.longitude_deg,
                                                   *r.latitude_deg, *r.longitude_deg);
    if (too_far(moved_m)) return Off{Off::By::position, step_ms, moved_m};
  }
  return std::nullopt;
}

// Further than any activity goes, between two records (m): a day's ride is under 1000 km, a GPS
// jump or a device's distance catching up after a tunnel a few kilometres.
constexpr double max_leap_m = 1'000'000;

// Whether @p off is a step of device distance or position no device makes (max_leap_m).
bool leaps(const Off& off) {
  return off.by != Off::By::time && std::abs(off.moved_m) > max_leap_m;
}

// @p off of record @p r in words: "a record dated 2075-08-18T18:08:00Z, 55 years after the one
// before it", "a record whose distance is 99.6 km on from the one before it, 0:01 later".
std::string off_words(const Off& off, const detail::RawPoint& r) {
  if (off.by == Off::By::time)
    return "a record dated " + format_rfc3339(*r.time_ms) + ", " +
           span_words(std::abs(off.step_ms)) + (off.step_ms < 0 ? " before" : " after") +
           " the one before it";
  const double m = std::abs(off.moved_m);
  return "a record whose " + std::string(off.by == Off::By::distance ? "distance" : "position") +
         " is " + (m < 1000 ? format_fixed(m, 0) + " m" : format_fixed(m / 1000, 1) + " km") +
         (off.moved_m < 0 ? " back from" : " on from") + " the one before it, " +
         span_words(std::max<std::int64_t>(off.step_ms, 0)) + " later";
}

// The groups of damaged records among the timed records @p t of one chained file (indices into
// @p records, in file order), as half-open ranges of positions in @p t (mark_damaged_records).
std::vector<std::pair<std::size_t, std::size_t>> damaged_groups(const std::vector<Record>& records,
                                                                const std::vector<std::size_t>& t) {
  const auto off = [&](std::size_t a, std::size_t b) {
    return off_recording(records[t[a]].point, records[t[b]].point);
  };
  const std::size_t n = t.size();
  std::vector<std::pair<std::size_t, std::size_t>> groups;
  // A few records, none carrying on from the one before it: nothing of them is a recording.
  bool all_off = n >= 2 && n <= max_garbage_records;
  for (std::size_t k = 1; all_off && k < n; ++k) all_off = off(k - 1, k).has_value();
  if (all_off) return {{0, n}};
  // Whether positions [from, n) hold a recording: max_garbage_records steps carrying on in a
  // row somewhere (a device's records carry on but at a clock set or a pause; bytes decoded out
  // of step with their definitions seldom do twice running). The last such run's start is found
  // once, from the end, so that many off steps do not each walk the rest of the file.
  std::optional<std::optional<std::size_t>> last_run_start;
  const auto recording_from = [&](std::size_t from) {
    if (!last_run_start) {
      last_run_start.emplace();
      for (std::size_t j = n, run = 0; j-- > 1;) {
        run = off(j - 1, j) ? 0 : run + 1;
        if (run >= max_garbage_records) {
          *last_run_start = j - 1;
          break;
        }
      }
    }
    return *last_run_start && **last_run_start >= from;
  };
  // Carrying on for max_garbage_records steps from position h.
  const auto starts_recording = [&](std::size_t h) {
    std::size_t j = h + 1;
    while (j < n && j - h <= max_garbage_records && !off(j - 1, j)) ++j;
    return j - h > max_garbage_records;
  };
  std::size_t budget = walk_base + walk_per_record * n;  // records compared in searches
  for (std::size_t k = 1; k < n; ++k) {
    const auto step = off(k - 1, k);
    if (!step) continue;
    // The first record within reach carrying on from k - 1, the last one before the damage.
    const std::size_t reach = std::min(n, k + 1 + max_damaged_run);
    std::size_t m = k + 1;
    while (m < reach && budget > 0 && off(k - 1, m)) ++m, --budget;
    if (m < reach && budget > 0) {
      groups.emplace_back(k, m);
      k = m;
    } else if (groups.empty() && k <= max_garbage_records && starts_recording(k)) {
      groups.emplace_back(0, k);  // a few records before the recording starts
    } else if (n - k <= max_garbage_records && step->by == Off::By::time) {
      groups.emplace_back(k, n);  // a few records after it ends
      break;
    } else if (n - k > max_garbage_records && !recording_from(k)) {
      groups.emplace_back(k, n);  // many after it ends, never a recording (misaligned bytes)
      break;
    }
  }
  return groups;
}

// How far from the records of its file a session of a damaged file may be dated (ms): a day (a
// session's start before a night's pause, kept on).
constexpr std::int64_t session_reach_ms = 24 * 3600 * 1000;

// Whether session @p s cannot be a device's: timed longer than it lasted, or faster than
// max_speed_m_per_s on average (a session message decoded from damaged bytes).
bool impossible(const SessionInfo& s) {
  if (s.timer_s && s.elapsed_s && *s.timer_s > *s.elapsed_s + 1) return true;
  const std::optional<double> time_s = s.timer_s ? s.timer_s : s.elapsed_s;
  return s.distance_m && time_s && *s.distance_m > max_speed_m_per_s * *time_s + slack_m;
}

// The earliest and latest of some times (ms); empty until one is added.
struct TimeRange {
  std::int64_t lo = INT64_MAX, hi = INT64_MIN;
  void add(std::int64_t t) {
    lo = std::min(lo, t);
    hi = std::max(hi, t);
  }
  bool empty() const { return lo > hi; }
};

}  // namespace

void mark_damaged_records(Contents& c) {
  const Outcome& o = c.outcome;
  // Its CRC does not match, or decoding skipped damage in it, or stopped inside it (the last
  // file read).
  const std::size_t last_file = o.files > 0 ? o.files - 1 : 0;
  const auto damaged_file = [&](std::size_t file) {
    return o.crc_mismatch_files.count(file) > 0 || o.skipped_files.count(file) > 0 ||
           (o.damage && file == last_file);
  };
  std::vector<std::pair<std::size_t, std::size_t>> dropped;  // records [first, end) among which
                                                             // laps and sessions are garbage
  std::map<std::size_t, TimeRange> spans;  // of the records kept, per damaged file
  for_each_file_run(c.records, [&](std::size_t begin, std::size_t end) {
    const std::size_t file = c.records[begin].file;
    if (!damaged_file(file)) return;
    std::vector<std::size_t> timed;
    for (std::size_t i = begin; i < end; ++i)
      if (c.records[i].point.time_ms) timed.push_back(i);
    for (const auto& [a, b] : damaged_groups(c.records, timed)) {
      const std::size_t first = a == 0 ? begin : timed[a],
                        last = b == timed.size() ? end : timed[b];
      for (std::size_t i = first; i < last; ++i) c.records[i].damaged = true;
      dropped.emplace_back(first, last);
    }
    for (const std::size_t i : timed)
      if (!c.records[i].damaged) spans[file].add(*c.records[i].point.time_ms);
  });
  // The records kept of the whole recording, for a session of a damaged file without records
  // of its own (a chained file of heart rate only, whose damaged bytes decode as a session).
  TimeRange recording;
  for (const Record& r : c.records)
    if (r.point.time_ms && !r.damaged) recording.add(*r.point.time_ms);
  // A session dated a day or more from every record kept of its file (of the recording, when
  // its file kept none).
  const auto away = [&](const SessionInfo& s) {
    const auto span = spans.find(s.file);
    if (span == spans.end() && recording.empty()) return false;
    const auto [lo, hi] = span != spans.end() ? span->second : recording;
    return (s.start_ms &&
            (*s.start_ms < lo - session_reach_ms || *s.start_ms > hi + session_reach_ms)) ||
           (s.end_ms && (*s.end_ms < lo - session_reach_ms || *s.end_ms > hi + session_reach_ms));
  };
  // Strictly inside a group: written after its first record and before its last record (a
  // message right after the group may be the recording's, written before its next record).
  // (The groups are in file order: the last one starting before.)
  const auto among = [&](std::size_t records_before) {
    const auto after = std::partition_point(
        dropped.begin(), dropped.end(), [&](const auto& d) { return d.first < records_before; });
    return after != dropped.begin() && records_before < std::prev(after)->second;
  };
  std::erase_if(c.laps, [&](const LapInfo& l) { return among(l.records_before); });
  std::erase_if(c.sessions, [&](const SessionInfo& s) {
    return among(s.records_before) || (damaged_file(s.file) && (impossible(s) || away(s)));
  });
}

void cut_garbage_tail(Contents& c) {
  if (!c.outcome.damage || c.records.size() < 2) return;
  const std::size_t n = c.records.size();
  const std::size_t file = c.records.back().file;
  // Each record of the chained file read at the damage: off the one before it?
  std::vector<bool> off(n, false);
  std::size_t first = n - 1;
  while (first > 0 && c.records[first - 1].file == file) --first;
  for (std::size_t j = first + 1; j < n; ++j)
    off[j] = off_recording(c.records[j - 1].point, c.records[j].point).has_value();
  // The first off record followed by few records carrying on: garbage from there to the damage.
  std::size_t carrying_on = 0;  // records after j that carry on from the one before them
  std::optional<std::size_t> cut;
  for (std::size_t j = n; j-- > first + 1;) {
    if (off[j] && carrying_on < max_garbage_records) cut = j;
    if (!off[j]) ++carrying_on;
  }
  // Or the first leap no device makes, however many records carry on after it, when none of the
  // next max_damaged_run before that cut returns to the record before it: bytes read out of step
  // with their definitions decode into records that carry on from one another (a triathlon file
  // whose bytes deleted mid-run made 130 records of positions 4200 km off, distances 42 800 km
  // on, before one 11 m back).
  std::size_t budget = walk_base + walk_per_record * (n - first);  // records compared
  for (std::size_t j = first + 1; j < cut.value_or(n) && budget > 0; ++j) {
    if (!off[j] || !leaps(*off_recording(c.records[j - 1].point, c.records[j].point))) continue;
    const detail::RawPoint& before = c.records[j - 1].point;
    const auto returns = [&](const detail::RawPoint& r) {
      return r.time_ms && !off_recording(before, r);  // (a record without time is off nothing)
    };
    const std::size_t reach = std::min(cut.value_or(n), j + 1 + max_damaged_run);
    std::size_t k = j + 1;
    while (k < reach && budget > 0 && !returns(c.records[k].point)) ++k, --budget;
    if (k == reach && budget > 0)
      cut = j;
    else
      j = k;  // records j..k - 1 are garbage among the recording's (mark_damaged_records)
  }
  if (!cut) return;
  const std::size_t j = *cut;
  const detail::RawPoint& at = c.records[j].point;
  Damage& d = *c.outcome.damage;
  d.reason = off_words(*off_recording(c.records[j - 1].point, at), at) +
             ": the bytes are damaged from there (decoding stopped at byte " +
             std::to_string(d.offset) + ": " + d.reason + ")";
  d.offset = at.offset;
  c.records.erase(c.records.begin() + static_cast<std::ptrdiff_t>(j), c.records.end());
  std::erase_if(c.laps, [&](const LapInfo& l) { return l.records_before > j; });
  std::erase_if(c.sessions, [&](const SessionInfo& s) { return s.records_before > j; });
}

}  // namespace runaudit::io::fit
