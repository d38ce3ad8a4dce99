#pragma once
// Writing a report to stdout or, atomically, to a file.

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>

namespace runaudit::cli {

/// @return @p target with its symbolic links followed, each hop read from its link's folder,
///         up to a name that is no link (a file, a folder, or nothing yet): the file a write
///         through @p target would create or replace.
/// @throws std::runtime_error naming @p target when its links loop (more than 40 hops) or one
///         cannot be read.
std::filesystem::path follow_symlinks(const std::string& target);

/// Calls @p write with stdout when @p target is "-", else with a temporary file in the target's
/// folder that is renamed over @p target once complete, so an interrupted run never leaves a
/// half-written report. A symlink @p target is followed (hops resolved from each link's folder)
/// and the file it names replaced or created, the link kept; a pipe or device is written in place.
/// @throws std::runtime_error naming the file when it cannot be created, written or renamed, or
///         its links loop (more than 40 hops); the temporary file is removed.
void write_output(const std::string& target, const std::function<void(std::ostream&)>& write);

}  // namespace runaudit::cli
