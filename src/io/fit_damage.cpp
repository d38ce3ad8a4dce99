#include "fit_damage.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runaudit/format.hpp"
#include "runaudit/signal/geo.hpp"
#include "runaudit/time.hpp"

namespace runaudit::io::fit {
namespace {

// The bounds of fit_clock.cpp: a record more than this far ahead of the one before it is no
// step of a recording (nor a clock set: that runs on for a whole recording).
constexpr std::int64_t max_leap_ms = 6 * 3600 * 1000;
// A record this far before the one before it is no glitch of a second.
constexpr std::int64_t max_step_back_ms = 60'000;
// Faster than anything a FIT device records moving (m/s), plus slack for quantised distances
// and GPS error (m).
constexpr double max_speed_m_per_s = 30, slack_m = 5;

// @p ms (>= 0) in words: "0:42", "7.5 h", "3 days", "55 years".
std::string span_words(std::int64_t ms) {
  const double s = static_cast<double>(ms) / 1000, day = 86400;
  if (s < 3600) return format_clock(s);
  if (s < 2 * day) return format_fixed(s / 3600, 1) + " h";
  if (s < 2 * 365.25 * day) return format_fixed(s / day, 0) + " days";
  return format_fixed(s / (365.25 * day), 0) + " years";
}

// How a record is off the recording of the one before it: its time (leap_ms), or its device
// distance or position by moved_m over step_ms.
struct Off {
  const char* what;  // "time", "distance" or "position"
  std::int64_t step_ms;
  double moved_m = 0;
};

// Whether, and how, @p r is off the recording of @p before; nullopt when it carries on. No
// allocation: it runs on every record of a damaged file.
std::optional<Off> off_recording(const detail::RawPoint& before, const detail::RawPoint& r) {
  if (!before.time_ms || !r.time_ms) return std::nullopt;
  const std::int64_t step_ms = *r.time_ms - *before.time_ms;
  if (step_ms < -max_step_back_ms || step_ms > max_leap_ms) return Off{"time", step_ms};
  const double reach =
      max_speed_m_per_s * std::max(static_cast<double>(step_ms) / 1000, 1.0) + slack_m;
  const auto too_far = [&](double moved_m) { return moved_m > reach || moved_m < -slack_m; };
  // Its device distance and its position each, where both records have them.
  if (before.distance_m && r.distance_m && too_far(*r.distance_m - *before.distance_m))
    return Off{"distance", step_ms, *r.distance_m - *before.distance_m};
  if (before.latitude_deg && before.longitude_deg && r.latitude_deg && r.longitude_deg) {
    const double moved_m = signal::step_distance_m(*before.latitude_deg, *before.longitude_deg,
                                                   *r.latitude_deg, *r.longitude_deg);
    if (too_far(moved_m)) return Off{"position", step_ms, moved_m};
  }
  return std::nullopt;
}

// @p off of record @p r in words: "a record dated 2075-08-18T18:08:00Z, 55 years after the one
// before it", "a record whose distance is 99.6 km on from the one before it, 0:01 later".
std::string off_words(const Off& off, const detail::RawPoint& r) {
  if (std::string_view(off.what) == "time")
    return "a record dated " + format_rfc3339(*r.time_ms) + ", " +
           span_words(std::abs(off.step_ms)) + (off.step_ms < 0 ? " before" : " after") +
           " the one before it";
  const double m = std::abs(off.moved_m);
  return "a record whose " + std::string(off.what) + " is " +
         (m < 1000 ? format_fixed(m, 0) + " m" : format_fixed(m / 1000, 1) + " km") +
         (off.moved_m < 0 ? " back from" : " on from") + " the one before it, " +
         span_words(std::max<std::int64_t>(off.step_ms, 0)) + " later";
}

}  // namespace

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
