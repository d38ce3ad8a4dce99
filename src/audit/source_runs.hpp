#pragma once
// Private: a source as the batch reads it: its activities, or the record of a source that holds
// none (a course, a planned route, a workout file: skipped, never an error), and the hash of its
// bytes for telling duplicates apart.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runaudit/audit/batch.hpp"
#include "runaudit/io/read.hpp"
#include "runaudit/io/source.hpp"
#include "runaudit/model.hpp"

namespace runaudit::audit::detail {

struct SourceRead {
  std::vector<Activity> activities;
  std::optional<RunRecord> skipped;  // the source holds no activity (io not_an_activity)
  std::uint64_t content_hash = 0;    // io::read_activities' hash of the bytes decoded
};

// Reads @p source (io::read_activities). A source that holds no activity gives no activities
// and a skipped record for @p athlete whose reason is the decoder's ("a FIT course file, not an
// activity").
// @throws io::ParseError for a source that cannot be read (anything but not_an_activity), its
//         detail ending with the run's name and type in its export where the export names it.
SourceRead read_for_batch(const io::Source& source, const std::string& athlete,
                          const io::ReadLimits& limits);

// The inner archive @p source is read from (`export.zip!UploadedFiles_Part1.zip`), empty for a
// file or a member of an archive on disk. Reading a member inflates its inner archive whole,
// and each thread keeps only the last one (io::read_source): workers that take the members of
// one inner archive one after another inflate it once each, not once per member.
std::string inner_archive(const io::Source& source);

}  // namespace runaudit::audit::detail
