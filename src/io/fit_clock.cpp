#include "fit_clock.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <vector>

#include "runaudit/signal/geo.hpp"

namespace runaudit::io::fit {
namespace {

// The longest step between records taken for the recording interval (ms): "smart" recording
// writes a record every 1-10 s; a longer step is a gap.
constexpr std::int64_t max_interval_ms = 60'000;
// How far a lap's or session's time may lie outside its clock's records (ms): a lap starts at
// the timer's start event, a second or so before its first record.
constexpr std::int64_t span_slack_ms = 10'000;
// Beyond this many clocks in a chained file, laps and sessions go by order alone (each time's
// search through the clocks would be quadratic in a hostile file).
constexpr std::size_t max_clocks_searched = 64;
constexpr std::size_t none = std::numeric_limits<std::size_t>::max();

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

// Whether @p b is @p a written again: equal in every channel both have, a position or a
// distance among them (a runner standing still has the same position, not the same heart rate).
bool same_values(const detail::RawPoint& a, const detail::RawPoint& b) {
  bool compared = false;
  const auto same = [&](const std::optional<double>& x, const std::optional<double>& y) {
    if (!x || !y) return true;
    return *x == *y;
  };
  if (a.latitude_deg && b.latitude_deg) {
    if (a.latitude_deg != b.latitude_deg || a.longitude_deg != b.longitude_deg) return false;
    compared = true;
  }
  if (a.distance_m && b.distance_m) {
    if (*a.distance_m != *b.distance_m) return false;
    compared = true;
  }
  return compared && same(a.heart_rate_bpm, b.heart_rate_bpm) &&
         same(a.elevation_m, b.elevation_m) && same(a.cadence_per_leg, b.cadence_per_leg) &&
         same(a.speed_m_per_s, b.speed_m_per_s);
}

// Whether a session of chained file @p file spanning [from, to] (as written) counted that gap
// as elapsed time: then it was a pause the device counted, not its clock moving.
bool gap_counted(const Contents& c, std::size_t file, std::int64_t from, std::int64_t to) {
  return std::any_of(c.sessions.begin(), c.sessions.end(), [&](const SessionInfo& s) {
    if (s.file != file || !s.elapsed_s || !s.start_ms || !s.end_ms) return false;
    if (*s.start_ms > from || *s.end_ms < to) return false;
    const double uncounted = static_cast<double>(*s.end_ms - *s.start_ms) - *s.elapsed_s * 1000;
    return uncounted < static_cast<double>(to - from) / 2;
  });
}

// One clock of a chained file: its records from `first` (index into Contents::records) to the
// next clock's, the span of their times as written, and what they were moved by.
struct Clock {
  std::size_t file, first;
  std::int64_t lo_ms, hi_ms, moved_ms;
};

class Repair {
 public:
  explicit Repair(Contents& c) : m_c(c) {
    for (std::size_t i = 0; i < c.records.size(); ++i)
      if (c.records[i].point.time_ms && !c.records[i].damaged) m_timed.push_back(i);
    const std::size_t n = m_timed.size();
    m_written.resize(n);
    for (std::size_t k = 0; k < n; ++k) m_written[k] = *record(k).point.time_ms;
    m_glitch.assign(n, false);
    for (std::size_t k = 1; k + 1 < n; ++k) {
      if (file(k - 1) != file(k) || file(k + 1) != file(k)) continue;
      const std::int64_t before = m_written[k - 1], t = m_written[k], after = m_written[k + 1];
      // Far ahead of both neighbours; or far behind both while they follow one another (a
      // clock set back runs on from its new time: the record after it would follow it).
      m_glitch[k] = (t > before + max_interval_ms && t > after + max_interval_ms) ||
                    (t + max_interval_ms < before && after >= before &&
                     after - before <= 2 * max_interval_ms);
    }
    m_next.assign(n, none);
    for (std::size_t k = n; k-- > 1;)
      if (file(k) == file(k - 1)) m_next[k - 1] = m_glitch[k] ? m_next[k] : k;
    m_budget = walk_base + walk_per_record * n;
  }

  void records() {
    std::size_t current = none, prev = none;
    std::int64_t moved = 0, interval = 1000;
    for (std::size_t k = 0; k < m_timed.size(); ++k) {
      Record& r = record(k);
      if (r.file != current) {
        current = r.file, prev = none, moved = 0, interval = 1000;
        m_clocks.push_back(Clock{current, m_timed[k], m_written[k], m_written[k], 0});
      }
      *r.point.time_ms = m_written[k] + moved;
      if (m_glitch[k]) continue;
      if (prev != none && m_next[k] != none) {
        const std::int64_t from = *record(prev).point.time_ms, to = *r.point.time_ms;
        const std::int64_t next = m_written[m_next[k]] + moved;
        // Where this record belongs: an interval after the one before, or more when damaged
        // times lie between them.
        const std::int64_t gap = interval * static_cast<std::int64_t>(k - prev);
        std::optional<std::int64_t> shift;
        const bool off_step = to < from || to - from > gap + max_interval_ms;
        if (const std::size_t back = off_step ? returned_to(k, from, gap, next - moved) : none;
            back != none) {
          // Back on an earlier clock of the file (a group of records far ahead is over): its
          // move again, no new change.
          moved = m_clocks[back].moved_ms;
          *r.point.time_ms = m_written[k] + moved;
          m_clocks.push_back(Clock{current, m_timed[k], m_written[k], m_written[k], moved});
        } else if (to - from > min_clock_jump_ms && !r.resumes && next >= to &&
                   !gap_counted(m_c, current, m_written[prev], m_written[k])) {
          shift = from + gap - to;
        } else if (to < from) {
          shift = step_back(k, prev, interval, next, gap);
        }
        if (shift) {
          moved += *shift;
          *r.point.time_ms += *shift;
          m_c.clock_jumps.push_back(ClockJump{current, from, -*shift, r.resumes && *shift > 0});
          m_clocks.push_back(Clock{current, m_timed[k], m_written[k], m_written[k], moved});
        } else if (to > from && to - from <= max_interval_ms) {
          interval = to - from;
        }
      }
      Clock& clock = m_clocks.back();
      clock.lo_ms = std::min(clock.lo_ms, m_written[k]);
      clock.hi_ms = std::max(clock.hi_ms, m_written[k]);
      prev = k;
    }
  }

  // Moves the start (@p start) and end of laps or sessions (@p Info: LapInfo or SessionInfo).
  template <class Info>
  void messages(std::vector<Info>& infos, std::optional<std::int64_t>& (*start)(Info&)) {
    std::size_t previous_file = none, previous_end = none;
    for (Info& info : infos) {
      const auto [begin, end] = clocks_of(info.file);
      if (begin == end) continue;
      const std::size_t written_on = in_force(begin, end, info.records_before);
      const std::size_t started_on = previous_file == info.file ? previous_end : begin;
      std::size_t end_clock = written_on;
      if (info.end_ms) {
        end_clock = clock_of(begin, end, *info.end_ms, written_on);
        *info.end_ms += m_clocks[end_clock].moved_ms;
      }
      if (std::optional<std::int64_t>& t = start(info))
        *t += m_clocks[clock_of(begin, end, *t, started_on)].moved_ms;
      previous_file = info.file;
      previous_end = end_clock;
    }
  }

 private:
  Record& record(std::size_t k) { return m_c.records[m_timed[k]]; }
  std::size_t file(std::size_t k) const { return m_c.records[m_timed[k]].file; }

  // The shift (ms, > 0) of a step back of the clock at timed record k after record prev, or
  // nullopt (see repair_clock); @p gap is how far after record prev record k belongs.
  std::optional<std::int64_t> step_back(std::size_t k, std::size_t prev, std::int64_t interval,
                                        std::int64_t next, std::int64_t gap) {
    const Record& before = record(prev);
    const Record& r = record(k);
    const std::int64_t from = *before.point.time_ms, to = *r.point.time_ms;
    // The record after runs on from this one's time, not from the one before it.
    if (std::abs(next - (to + interval)) >= std::abs(next - (from + gap))) return std::nullopt;
    if (!carries_on(before.point, r.point, interval)) return std::nullopt;
    // Back over the records later than this one: the earliest of them (`first`), and any at its
    // own time (written again?).
    std::size_t first = k;
    for (std::size_t j = k; j-- > 0;) {
      if (m_budget == 0) return std::nullopt;
      --m_budget;
      const Record& e = record(j);
      if (e.file != r.file || *e.point.time_ms < to) break;
      if (m_glitch[j]) continue;
      if (*e.point.time_ms > to)
        first = j;
      else if (same_values(e.point, r.point))
        return std::nullopt;
    }
    // Those later records began with a jump ahead that no timer pause explains, by half this
    // step more than the interval: a group of damaged times far ahead.
    // (Two lone times far ahead are never neighbours: each would be far ahead of the other.)
    std::size_t earlier = first;
    if (earlier > 0 && m_glitch[earlier - 1]) --earlier;
    if (earlier > 0 && first < k && file(earlier - 1) == r.file && !record(first).resumes &&
        *record(first).point.time_ms - *record(earlier - 1).point.time_ms - interval >
            (from - to) / 2)
      return std::nullopt;
    return from + gap - to;
  }

  // An earlier clock of timed record k's file (index in m_clocks; the latest such, of the last
  // max_clocks_searched) on which it comes after the record before it, at @p from, within
  // @p gap plus max_interval_ms, and the record after it (written at @p next_written) after
  // it; none without one.
  std::size_t returned_to(std::size_t k, std::int64_t from, std::int64_t gap,
                          std::int64_t next_written) const {
    const std::size_t file_k = file(k);
    std::size_t looked = 0;
    for (std::size_t i = m_clocks.size() - 1; i-- > 0 && looked++ < max_clocks_searched;) {
      const Clock& c = m_clocks[i];
      if (c.file != file_k) break;
      const std::int64_t t = m_written[k] + c.moved_ms;
      if (t > from && t <= from + gap + max_interval_ms && next_written + c.moved_ms >= t) return i;
    }
    return none;
  }

  // The clocks of chained file @p f: [begin, end) in m_clocks (they are in file order).
  std::pair<std::size_t, std::size_t> clocks_of(std::size_t f) const {
    const auto lo = std::partition_point(m_clocks.begin(), m_clocks.end(),
                                         [&](const Clock& c) { return c.file < f; });
    const auto hi =
        std::partition_point(lo, m_clocks.end(), [&](const Clock& c) { return c.file == f; });
    return {static_cast<std::size_t>(lo - m_clocks.begin()),
            static_cast<std::size_t>(hi - m_clocks.begin())};
  }

  // The clock in force after @p records_before records: the last of [begin, end) starting
  // before that, else the first.
  std::size_t in_force(std::size_t begin, std::size_t end, std::size_t records_before) const {
    // The clocks' first records rise: a binary search (a hostile file may have a clock per
    // record and a lap per record).
    const auto after =
        std::partition_point(m_clocks.begin() + static_cast<std::ptrdiff_t>(begin),
                             m_clocks.begin() + static_cast<std::ptrdiff_t>(end),
                             [&](const Clock& c) { return c.first < records_before; });
    const auto at = static_cast<std::size_t>(after - m_clocks.begin());
    return at == begin ? begin : at - 1;
  }

  // The clock of [begin, end) whose records' times contain @p t (±span_slack_ms): the only
  // one, else @p preferred when it is one of them, else the one of them nearest to it; none
  // contains it, or too many clocks to search: @p preferred.
  std::size_t clock_of(std::size_t begin, std::size_t end, std::int64_t t,
                       std::size_t preferred) const {
    if (end - begin > max_clocks_searched) return preferred;
    std::size_t best = none;
    for (std::size_t i = begin; i < end; ++i) {
      const Clock& c = m_clocks[i];
      if (t < c.lo_ms - span_slack_ms || t > c.hi_ms + span_slack_ms) continue;
      if (i == preferred) return i;
      const auto distance = [&](std::size_t x) {
        return x > preferred ? x - preferred : preferred - x;
      };
      if (best == none || distance(i) < distance(best)) best = i;
    }
    return best == none ? preferred : best;
  }

  Contents& m_c;
  std::vector<std::size_t> m_timed;     // indices of the timed records
  std::vector<std::int64_t> m_written;  // their times as written
  std::vector<bool> m_glitch;           // a lone time far ahead of both neighbours
  std::vector<std::size_t> m_next;      // the next timed record of its file that is no glitch
  std::vector<Clock> m_clocks;
  std::size_t m_budget = 0;
};

std::optional<std::int64_t>& lap_start(LapInfo& l) {
  return l.lap.start_time_ms;
}
std::optional<std::int64_t>& session_start(SessionInfo& s) {
  return s.start_ms;
}

// Whether no record's time steps back or leaps min_clock_jump_ms from the one before it in its
// file (the file of almost every device): then nothing is repaired (a glitch steps back too).
bool steady_clock(const Contents& c) {
  const Record* before = nullptr;
  for (const Record& r : c.records) {
    if (!r.point.time_ms || r.damaged) continue;
    if (before && before->file == r.file &&
        (*r.point.time_ms < *before->point.time_ms ||
         *r.point.time_ms - *before->point.time_ms > min_clock_jump_ms))
      return false;
    before = &r;
  }
  return true;
}

}  // namespace

void repair_clock(Contents& c) {
  if (steady_clock(c)) return;
  Repair repair(c);
  repair.records();
  if (c.clock_jumps.empty()) return;
  repair.messages(c.laps, &lap_start);
  repair.messages(c.sessions, &session_start);
}

}  // namespace runaudit::io::fit
