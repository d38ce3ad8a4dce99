#include "source_runs.hpp"

#include "runaudit/format.hpp"
#include "runaudit/io/error.hpp"
#include "runaudit/io/parse.hpp"

namespace runaudit::audit::detail {

SourceRead read_for_batch(const io::Source& source, const std::string& athlete,
                          const io::ReadLimits& limits) {
  SourceRead out;
  try {
    out.activities = io::read_activities(source, limits, out.content_hash);
  } catch (const io::ParseError& e) {
    if (e.code() != io::ParseErrc::not_an_activity) {
      // Which run of the export it was, where its index names it (Strava's activities.csv):
      // what the athlete knows it by.
      const std::string run =
          source.export_entry ? io::entry_words(*source.export_entry) : std::string();
      if (run.empty()) throw;
      throw io::ParseError(e.code(), e.where(), e.detail() + "; its export's " + run);
    }
    RunRecord& r = out.skipped.emplace();
    r.file = clean_text(source.name);
    r.athlete = clean_text(athlete);
    r.audited = false;
    r.skip_reason = clean_text(e.detail());
  }
  return out;
}

std::string inner_archive(const io::Source& source) {
  if (source.members.size() < 2) return {};
  std::string name = source.path;
  for (std::size_t level = 0; level + 1 < source.members.size(); ++level)
    name += '!' + source.members[level].name;
  return name;
}

}  // namespace runaudit::audit::detail
