#include "fit_damage.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
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

// What makes @p r off the recording of @p before, in words; nullopt when it carries on.
std::optional<std::string> off_recording(const detail::RawPoint& before,
                                         const detail::RawPoint& r) {
  if (!before.time_ms || !r.time_ms) return std::nullopt;
  const std::int64_t step_ms = *r.time_ms - *before.time_ms;
  if (step_ms < -max_step_back_ms || step_ms > max_leap_ms)
    return "a record dated " + format_rfc3339(*r.time_ms) + ", " + span_words(std::abs(step_ms)) +
           (step_ms < 0 ? " before" : " after") + " the one before it";
  const double reach =
      max_speed_m_per_s * std::max(static_cast<double>(step_ms) / 1000, 1.0) + slack_m;
  // Its device distance and its position each, where both records have them.
  const auto too_far = [&](double moved_m, const char* what) -> std::optional<std::string> {
    if (moved_m <= reach && moved_m >= -slack_m) return std::nullopt;
    const double m = std::abs(moved_m);
    return "a record whose " + std::string(what) + " is " +
           (m < 1000 ? format_fixed(m, 0) + " m" : format_fixed(m / 1000, 1) + " km") +
           (moved_m < 0 ? " back from" : " on from") + " the one before it, " +
           span_words(std::max<std::int64_t>(step_ms, 0)) + " later";
  };
  if (before.distance_m && r.distance_m)
    if (auto off = too_far(*r.distance_m - *before.distance_m, "distance")) return off;
  if (before.latitude_deg && before.longitude_deg && r.latitude_deg && r.longitude_deg)
    return too_far(signal::step_distance_m(*before.latitude_deg, *before.longitude_deg,
                                           *r.latitude_deg, *r.longitude_deg),
                   "position");
  return std::nullopt;
}

}  // namespace

void cut_garbage_tail(Contents& c) {
  if (!c.outcome.damage || c.records.size() < 2) return;
  const std::size_t n = c.records.size();
  const std::size_t file = c.records.back().file;
  // Each record of the chained file read at the damage: off the one before it, and why.
  std::vector<std::optional<std::string>> off(n);
  std::size_t first = n - 1;
  while (first > 0 && c.records[first - 1].file == file) --first;
  for (std::size_t j = first + 1; j < n; ++j)
    off[j] = off_recording(c.records[j - 1].point, c.records[j].point);
  // The first off record followed by few records carrying on: garbage from there to the damage.
  std::size_t carrying_on = 0;  // records after j that carry on from the one before them
  std::optional<std::size_t> cut;
  for (std::size_t j = n; j-- > first + 1;) {
    if (off[j] && carrying_on < max_garbage_records) cut = j;
    if (!off[j]) ++carrying_on;
  }
  if (!cut) return;
  const std::size_t j = *cut;
  Damage& d = *c.outcome.damage;
  d.reason = *off[j] + ": the bytes are damaged from there (decoding stopped at byte " +
             std::to_string(d.offset) + ": " + d.reason + ")";
  d.offset = c.records[j].point.offset;
  c.records.erase(c.records.begin() + static_cast<std::ptrdiff_t>(j), c.records.end());
  std::erase_if(c.laps, [&](const LapInfo& l) { return l.records_before > j; });
  std::erase_if(c.sessions, [&](const SessionInfo& s) { return s.records_before > j; });
}

}  // namespace runaudit::io::fit
