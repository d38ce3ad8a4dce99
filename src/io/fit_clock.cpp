#include "fit_clock.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "runaudit/signal/geo.hpp"

namespace runaudit::io::fit {
namespace {

// A watch never records for 6 hours without a timer pause and then go on: a longer forward
// step between two records is its clock being set. A step of a day or more between recording
// runs is always broken by a timer stop, which Garmin, Wahoo, Suunto and Coros write.
constexpr std::int64_t min_clock_jump_ms = 6 * 3600 * 1000;
// The reach of a track continuing across one recording interval: faster than anything a FIT
// device records moving (m/s; a fast descent on a bike), plus slack for quantised distances and
// GPS error (m).
constexpr double max_speed_m_per_s = 30, slack_m = 5;
// Steps back looked for per chained file (rebase_clock_steps_back).
constexpr std::size_t max_steps_back = 16;
// The longest step between records taken for the recording interval (ms): "smart" recording
// writes a record every 1-10 s; a longer step is a gap.
constexpr std::int64_t max_interval_ms = 60'000;

// Whether @p r carries on the track of @p before, @p interval_ms after it.
bool carries_on(const detail::RawPoint& before, const detail::RawPoint& r,
                std::int64_t interval_ms) {
  const double reach =
      max_speed_m_per_s * static_cast<double>(std::max<std::int64_t>(interval_ms, 1000)) / 1000 +
      slack_m;
  if (before.distance_m && r.distance_m)
    return *r.distance_m >= *before.distance_m && *r.distance_m - *before.distance_m <= reach;
  if (before.latitude_deg && before.longitude_deg && r.latitude_deg && r.longitude_deg)
    return signal::step_distance_m(*before.latitude_deg, *before.longitude_deg, *r.latitude_deg,
                                   *r.longitude_deg) <= reach;
  return false;
}

// Whether @p b is @p a written again: the same position and distance, where both have them
// (at least one of the two).
bool same_values(const detail::RawPoint& a, const detail::RawPoint& b) {
  bool compared = false;
  if (a.latitude_deg && b.latitude_deg) {
    if (a.latitude_deg != b.latitude_deg || a.longitude_deg != b.longitude_deg) return false;
    compared = true;
  }
  if (a.distance_m && b.distance_m) {
    if (*a.distance_m != *b.distance_m) return false;
    compared = true;
  }
  return compared;
}

// A step back: from record `index` on (of file `file`), the times moved forward by `total_ms`
// (this step's and the file's earlier ones).
struct StepBack {
  std::size_t file, index;
  std::int64_t total_ms;
};

// What the records from @p index on were moved by (0 before the file's first step).
std::int64_t moved_at(const std::vector<StepBack>& steps, std::size_t file, std::size_t index) {
  const auto after = std::upper_bound(steps.begin(), steps.end(), index,
                                      [](std::size_t i, const StepBack& s) { return i < s.index; });
  return after == steps.begin() || std::prev(after)->file != file ? 0 : std::prev(after)->total_ms;
}

// Moves the start and end of laps or sessions (@p Info: LapInfo or SessionInfo) written after
// the steps (see rebase_clock_steps_back). @p start is the member holding the start time.
template <class Info>
void move_written_after(std::vector<Info>& infos, const std::vector<Record>& records,
                        const std::vector<StepBack>& steps,
                        std::optional<std::int64_t>& (*start)(Info&)) {
  const Info* previous = nullptr;
  std::int64_t previous_end_moved = 0;
  for (Info& info : infos) {
    if (previous && previous->file != info.file) previous = nullptr;
    const std::size_t last = info.records_before;
    const std::int64_t end_moved =
        last > 0 && records[last - 1].file == info.file ? moved_at(steps, info.file, last - 1) : 0;
    std::optional<std::int64_t>& begin = start(info);
    std::int64_t start_moved = previous ? previous_end_moved : 0;
    if (begin && previous && previous->end_ms && *begin + start_moved < *previous->end_ms)
      start_moved = end_moved;  // the step came between the two: it began on the new clock
    if (begin) *begin += start_moved;
    if (info.end_ms) *info.end_ms += end_moved;
    previous = &info;
    previous_end_moved = end_moved;
  }
}

std::optional<std::int64_t>& lap_start(LapInfo& l) {
  return l.lap.start_time_ms;
}
std::optional<std::int64_t>& session_start(SessionInfo& s) {
  return s.start_ms;
}

// Whether a session of chained file @p file spanning [from, to] lasted longer than that gap:
// then the gap is a pause the device counted, not its clock moving.
bool session_lasted(const Contents& c, std::size_t file, std::int64_t from, std::int64_t to) {
  return std::any_of(c.sessions.begin(), c.sessions.end(), [&](const SessionInfo& s) {
    return s.file == file && s.elapsed_s && s.start_ms && s.end_ms && *s.start_ms <= from &&
           *s.end_ms >= to && static_cast<double>(to - from) <= *s.elapsed_s * 1000;
  });
}

}  // namespace

void rebase_clock_steps_back(Contents& c) {
  std::vector<std::size_t> timed;
  for (std::size_t i = 0; i < c.records.size(); ++i)
    if (c.records[i].point.time_ms) timed.push_back(i);
  std::vector<StepBack> steps;
  std::size_t file = 0, looked = 0;
  std::int64_t moved = 0, interval = 1000;
  for (std::size_t k = 0; k < timed.size(); ++k) {
    Record& r = c.records[timed[k]];
    if (r.file != file) file = r.file, moved = 0, looked = 0, interval = 1000;
    *r.point.time_ms += moved;  // the records before it are moved already
    if (k == 0 || k + 1 == timed.size()) continue;
    const Record &before = c.records[timed[k - 1]], &after = c.records[timed[k + 1]];
    const std::int64_t from = *before.point.time_ms, to = *r.point.time_ms;
    if (before.file != file || after.file != file) continue;
    if (to >= from) {
      if (to > from && to - from <= max_interval_ms) interval = to - from;
      continue;
    }
    // The record after runs on from this one's time, not from the one before it (else this is
    // a lone time far behind, a damaged time).
    const std::int64_t next = *after.point.time_ms + moved;
    if (std::abs(next - (to + interval)) >= std::abs(next - (from + interval))) continue;
    if (looked == max_steps_back || !carries_on(before.point, r.point, interval)) continue;
    ++looked;
    // Back over the records later than this one: the earliest of them (`first`), and any at its
    // own time (written again?).
    std::size_t first = k;
    bool repeated = false;
    for (std::size_t j = k; j-- > 0;) {
      const Record& e = c.records[timed[j]];
      if (e.file != file || *e.point.time_ms < to) break;
      if (*e.point.time_ms > to)
        first = j;
      else
        repeated = repeated || same_values(e.point, r.point);
    }
    if (repeated) continue;
    // Those later records began with a jump ahead, by half this step or more, that no timer
    // pause explains: they are a group of damaged times far ahead, and this record goes on from
    // the one before them.
    if (const Record& later = c.records[timed[first]];
        first > 0 && !later.resumes && c.records[timed[first - 1]].file == file &&
        *later.point.time_ms - *c.records[timed[first - 1]].point.time_ms >= (from - to) / 2)
      continue;
    const std::int64_t shift = from + interval - to;
    moved += shift;
    *r.point.time_ms += shift;
    steps.push_back(StepBack{file, timed[k], moved});
    c.clock_jumps.push_back(ClockJump{from, -shift});
  }
  if (steps.empty()) return;
  move_written_after(c.laps, c.records, steps, &lap_start);
  move_written_after(c.sessions, c.records, steps, &session_start);
}

void rebase_clock_jumps(Contents& c) {
  struct Jump {
    std::size_t file;
    std::int64_t middle_ms, shift_ms;  // shift_ms: of this jump and the file's ones before
  };
  std::vector<const Record*> timed;
  for (const Record& r : c.records)
    if (r.point.time_ms) timed.push_back(&r);
  std::vector<Jump> jumps;
  std::int64_t step = 1000;
  for (std::size_t i = 1; i + 1 < timed.size(); ++i) {
    const Record &before = *timed[i - 1], &r = *timed[i], &after = *timed[i + 1];
    if (before.file != r.file) continue;
    const std::int64_t from = *before.point.time_ms, to = *r.point.time_ms;
    if (to - from > min_clock_jump_ms && !r.resumes && after.file == r.file &&
        *after.point.time_ms >= to && !session_lasted(c, r.file, from, to)) {
      jumps.push_back(Jump{r.file, from + (to - from) / 2, to - from - step});
      c.clock_jumps.push_back(ClockJump{from, to - from - step});
    } else if (to > from) {
      step = to - from;
    }
  }
  if (jumps.empty()) return;
  // A time moves back by the shifts of its file's jumps whose middle it is past: sorted by
  // (file, middle), each jump holding the sum of its file's shifts up to it.
  std::sort(jumps.begin(), jumps.end(), [](const Jump& a, const Jump& b) {
    return a.file != b.file ? a.file < b.file : a.middle_ms < b.middle_ms;
  });
  for (std::size_t j = 1; j < jumps.size(); ++j)
    if (jumps[j].file == jumps[j - 1].file) jumps[j].shift_ms += jumps[j - 1].shift_ms;
  const auto rebase = [&](std::optional<std::int64_t>& t, std::size_t file) {
    if (!t) return;
    // The last jump of the file whose middle is before t.
    const auto past =
        std::lower_bound(jumps.begin(), jumps.end(), std::pair(file, *t),
                         [](const Jump& j, const std::pair<std::size_t, std::int64_t>& v) {
                           return j.file != v.first ? j.file < v.first : j.middle_ms < v.second;
                         });
    if (past != jumps.begin() && std::prev(past)->file == file) *t -= std::prev(past)->shift_ms;
  };
  for (Record& r : c.records) rebase(r.point.time_ms, r.file);
  for (LapInfo& l : c.laps) rebase(l.lap.start_time_ms, l.file), rebase(l.end_ms, l.file);
  for (SessionInfo& s : c.sessions) rebase(s.start_ms, s.file), rebase(s.end_ms, s.file);
}

}  // namespace runaudit::io::fit
