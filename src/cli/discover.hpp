#pragma once
// Turning command-line paths into the ordered list of input files.

#include <cstddef>
#include <string>
#include <vector>

namespace runaudit::cli {

/// One input file and the athlete its place in the folder layout names.
struct Input {
  std::string path;
  std::string athlete;  ///< first folder below a folder given on the command line; else empty
};

/// The inputs found under the paths given.
struct Discovery {
  std::vector<Input> files;           ///< sorted by path, no duplicates
  std::size_t ignored = 0;            ///< files in folders that are not GPX/TCX (each once)
  std::vector<std::string> problems;  ///< one line each: missing paths, unreadable folders
};

/// True for names ending in .gpx, .tcx, .gpx.gz or .tcx.gz (any case).
bool is_activity_file_name(const std::string& name);

/// Expands @p paths: a file is taken as it is, whatever its name; a folder is walked
/// recursively (symlinked folders are not followed, so loops cannot hang it; unreadable folders
/// are skipped and reported) for activity files. For `uploads/alice/2024/x.gpx` found under
/// the argument `uploads/`, the athlete is `alice`.
Discovery discover(const std::vector<std::string>& paths);

}  // namespace runaudit::cli
