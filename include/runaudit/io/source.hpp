#pragma once
/// @file
/// Sources: named streams of bytes that may hold activities (a plain file, a `.gz`, later an
/// archive member), found by discover() under the paths a user gives, and read into a buffer
/// with their containers opened (docs/ARCHITECTURE.md, "Sources and containers").

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runaudit/io/error.hpp"
#include "runaudit/io/read.hpp"

namespace runaudit::io {

/// One named stream of bytes that may hold activities.
struct Source {
  /// Display name, in every run, note and error: the path as found for a plain file.
  std::string name;
  /// The file on disk the bytes are read from.
  std::string path;
  /// The athlete the source belongs to, where its place says it (discover()); empty when not
  /// known.
  std::string athlete;
  /// Size as stored (bytes), for scheduling the largest first; 0 when unknown.
  std::uint64_t size_hint = 0;
  /// Path components below the argument the source was found under (1 for a file given by
  /// name or directly in a folder given).
  std::size_t depth = 1;
};

/// A container format: bytes that wrap other bytes (gzip today). Openers are tried in the
/// registry's order on what a source holds until none recognises the bytes.
struct Container {
  std::string_view name;  ///< e.g. "gzip"
  /// @return true when @p bytes start like this container (its magic number).
  bool (*recognises)(std::string_view bytes) noexcept;
  /// Replaces @p bytes by what they wrap.
  /// @param source  display name for errors.
  /// @throws ParseError (bad_gzip, too_large, ...) naming @p source.
  void (*open)(std::string& bytes, const std::string& source, const ReadLimits& limits);
};

/// @return the container registry (src/io/containers.cpp), in the order openers are tried.
const std::vector<Container>& containers();

/// Reads @p source's bytes into @p bytes (its capacity reused; previous contents replaced) and
/// opens its containers (a `.gz` is inflated, whatever it is called), then converts UTF-16 text
/// to UTF-8 (read_document's rules).
/// @throws ParseError io (cannot open/read), too_large (limits), or what a container throws.
void read_source(const Source& source, std::string& bytes, const ReadLimits& limits = {});

/// True for names of files a folder is searched for: `.gpx`, `.tcx`, optionally followed by
/// `.gz` (any case).
bool is_activity_file_name(std::string_view name);

/// How discover() names athletes.
struct DiscoverOptions {
  /// One athlete for every source (`--athlete`); empty: from the folder layout.
  std::string athlete;
};

/// The sources found under the paths given.
struct Discovery {
  std::vector<Source> sources;       ///< sorted by name, each file once
  std::size_t ignored = 0;           ///< files in folders that are not activity files (each once)
  std::vector<Diagnostic> problems;  ///< missing paths, unreadable folders (code io/not_found)
};

/// Expands @p paths: a file is taken as it is, whatever its name; a folder is walked
/// recursively (symlinked folders are not followed, so loops cannot hang it; unreadable folders
/// are reported) for activity files (is_activity_file_name). For `uploads/alice/2024/x.gpx`
/// found under the argument `uploads/`, the athlete is `alice`; a file directly in a folder given
/// or given by name has no athlete. The same file reached twice (`a.gpx` and `./a.gpx`, a folder
/// and a file in it, a symlink) is one source: the entry that names an athlete, found nearest
/// its folder, then the least path (never depending on the order of the arguments).
/// @return the sources, files ignored and problems; never throws for a bad path.
Discovery discover(const std::vector<std::string>& paths, const DiscoverOptions& options = {});

}  // namespace runaudit::io
