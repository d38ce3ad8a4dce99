#include "fit_passes.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace runaudit::io::fit {
namespace {

// A step back longer than this starts a second pass: a recording's own jitter is seconds, and
// a clock set back along the track has a position or a distance (fit_clock.hpp).
constexpr std::int64_t min_pass_step_back_ms = 60'000;

bool on_track(const detail::RawPoint& p) {
  return (p.latitude_deg && p.longitude_deg) || p.distance_m.has_value();
}

// Merges the second pass of records [begin, end) of one chained file, if it has one.
void merge_in(std::vector<Record>& records, std::size_t begin, std::size_t end) {
  std::optional<std::int64_t> latest;
  std::size_t pass = end;
  for (std::size_t i = begin; i < end && pass == end; ++i) {
    const auto& t = records[i].point.time_ms;
    if (!t || records[i].damaged) continue;
    if (latest && *t < *latest - min_pass_step_back_ms)
      pass = i;
    else
      latest = std::max(latest.value_or(*t), *t);
  }
  if (pass == end) return;
  const std::span<Record> track(records.data() + begin, pass - begin);
  const std::span<Record> second(records.data() + pass, end - pass);
  if (std::any_of(second.begin(), second.end(),
                  [](const Record& r) { return !r.damaged && on_track(r.point); }) ||
      std::none_of(second.begin(), second.end(),
                   [](const Record& r) { return r.point.heart_rate_bpm.has_value(); }) ||
      std::none_of(track.begin(), track.end(), [](const Record& r) { return on_track(r.point); }))
    return;
  // The track's records by time.
  std::vector<std::pair<std::int64_t, std::size_t>> by_time;
  for (std::size_t i = begin; i < pass; ++i)
    if (records[i].point.time_ms && !records[i].damaged)
      by_time.emplace_back(*records[i].point.time_ms, i);
  std::sort(by_time.begin(), by_time.end());
  for (Record& r : second) {
    if (!r.point.time_ms || r.damaged) continue;
    const auto at = std::lower_bound(by_time.begin(), by_time.end(),
                                     std::pair(*r.point.time_ms, std::size_t{0}));
    if (at == by_time.end() || at->first != *r.point.time_ms) continue;
    detail::RawPoint& into = records[at->second].point;
    if (!into.heart_rate_bpm) into.heart_rate_bpm = r.point.heart_rate_bpm;
    if (!into.cadence_per_leg) into.cadence_per_leg = r.point.cadence_per_leg;
    r.merged = true;
  }
}

}  // namespace

void merge_second_pass(Contents& c) {
  for_each_file_run(c.records,
                    [&](std::size_t begin, std::size_t end) { merge_in(c.records, begin, end); });
}

}  // namespace runaudit::io::fit
