#pragma once
// Private: archives as discovery lists them (members become sources, inner archives are listed
// in turn) and as read_source reads a member again.

#include <functional>
#include <string>
#include <vector>

#include "runaudit/io/source.hpp"

namespace runaudit::io::detail {

/// What walk_archive finds, reported as it goes.
struct ArchiveVisitor {
  /// An activity file: @p source has its name, path, members and size_hint (no athlete).
  std::function<void(Source&& source)> activity;
  /// An export file (export_file_kind) with its bytes; @p name is its display name.
  std::function<void(const std::string& name, std::string&& bytes)> export_file;
  /// A member that is neither, or one the operating system left (system_litter()), with its
  /// display name (`export.zip!media/1.jpg`) and why it is passed over.
  std::function<void(Ignored&& member)> ignored;
  /// A member or archive that cannot be read.
  std::function<void(Diagnostic&& problem)> problem;
};

/// Lists archive @p path (display name @p name) with @p container and, up to
/// limits.max_archive_depth levels, the archives inside it (each held in memory while it is
/// listed), reporting each member to @p visit. Members that cannot be read (container problems,
/// past limits.max_archive_bytes in total, nested too deep) become problems. Never throws for
/// bad bytes.
void walk_archive(const std::string& path, const std::string& name, const Container& container,
                  const ReadLimits& limits, const ArchiveVisitor& visit);

/// Reads archive member @p source (its members chain) into @p bytes, without its own
/// containers opened. Each thread keeps its last archive file open and the inner archives of
/// the last member it read in memory (read_source()).
/// @throws ParseError io, bad_archive, encrypted, too_large naming @p source.
void read_member(const Source& source, std::string& bytes, const ReadLimits& limits);

}  // namespace runaudit::io::detail
