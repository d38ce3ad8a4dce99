#pragma once
// Private: the duplicates of a batch (issue 16): the same bytes under two names (a `.fit` and
// its `.fit.gz` in an export), and the same activity in two files (the FIT from the watch and
// the TCX or GPX of a second export in one folder, or two FIT files of it). Each activity is
// audited once, from the richest source; the others are listed as skipped, naming it, and it names
// them. The batch keeps a hash and, per activity, a format and two times per source: never their
// bytes.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runaudit/audit/batch.hpp"
#include "runaudit/audit/engine.hpp"
#include "runaudit/io/source.hpp"
#include "runaudit/model.hpp"

namespace runaudit::audit::detail {

// One activity of a source, as duplicates are found by.
struct RunPrint {
  std::size_t index = 0;  // Activity::index
  Format format = Format::gpx;
  std::optional<std::int64_t> start_ms, end_ms;  // first and last sample (UTC ms)
  bool dated = true;                             // Activity::start_time_known
  bool damaged = false;  // its file ends early (a file_damaged or compressed_truncated note)
  // What its file tells of it beside the track, counted (content_richness): sport, UTC offset,
  // device, the device's totals, HR settings, laps, and each channel of the samples.
  int content = 0;
  Sport sport = Sport::unknown;  // Activity::sport
  std::string sport_raw;         // Activity::sport_raw, trimmed, in lower case
};

// One source read: the hash of its bytes (io::read_activities) and its activities in order.
// A source that could not be read, or holds no activity, has no print.
struct SourcePrint {
  std::uint64_t content_hash = 0;
  std::vector<RunPrint> runs;
};

// @return the print of @p activity.
RunPrint print_of(const Activity& activity);

// Two activities of one athlete are one when they are in different files, start within
// same_activity_ms of each other (a watch and an export of it date the start from its first
// record or its first fix, seconds apart), overlap in time and may be one sport (same_sport:
// a swim and a paddle started together on two devices are two activities).
class Duplicates {
 public:
  Duplicates() = default;
  // Finds the duplicates among @p prints (one per source of @p sources, nullopt when the
  // source has none), whose athletes are @p athletes (one per source). The same bytes: the
  // first source in order of the same athlete is kept (another athlete's copy is theirs). The same
  // activity in two files: a whole file over one that ends early (a download cut short: its verdict
  // would rest on part of the run), of two that end early the one that goes further, then FIT over
  // TCX over GPX (the watch's own file carries the most: laps, pauses, device, workout), then the
  // one that tells more of it (RunPrint::content: a watch's file over its records re-encoded
  // without session), then the first.
  Duplicates(const std::vector<io::Source>& sources, const std::vector<std::string>& athletes,
             const std::vector<std::optional<SourcePrint>>& prints);

  // Marks run @p record of source @p source: a duplicate becomes skipped, its reason naming
  // the run kept; a kept run lists the others in RunRecord::duplicates. Call before
  // finish_run.
  void apply(std::size_t source, RunRecord& record) const;
  // @return false for a duplicate (it must not count twice in its athlete's baseline).
  bool kept(std::size_t source, std::size_t activity) const;

 private:
  using Key = std::pair<std::size_t, std::size_t>;   // (source, activity index)
  std::map<Key, std::string> m_skipped;              // duplicate -> why
  std::map<Key, std::vector<std::string>> m_others;  // kept -> the duplicates' names
};

}  // namespace runaudit::audit::detail
