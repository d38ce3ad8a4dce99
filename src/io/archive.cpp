#include "archive.hpp"

#include <map>
#include <memory>
#include <string>

#include "archive_bytes.hpp"
#include "bytes.hpp"
#include "export_index.hpp"
#include "names.hpp"

namespace runaudit::io::detail {
namespace {

Diagnostic problem_at(const std::string& source, ParseErrc code, std::string message) {
  return Diagnostic{source, std::string(to_string(code)), std::move(message), 0, 0, -1};
}

std::string_view base_name(std::string_view name) {
  const auto slash = name.find_last_of("/\\");
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

// Why a member is one an operating system left (system_litter(): a folder on its path, or its
// own name), else nullptr: Finder's zips hold `__MACOSX/._run.fit` beside `run.fit`.
const char* litter(std::string_view name) {
  for (std::size_t start = 0;;) {
    const auto end = name.find_first_of("/\\", start);
    const bool folder = end != std::string_view::npos;
    if (const char* why =
            system_litter(name.substr(start, folder ? end - start : name.npos), folder))
      return why;
    if (!folder) return nullptr;
    start = end + 1;
  }
}

// An inner archive is read whole into memory, within the archive limit rather than the
// per-file one.
ReadLimits inner_archive_limits(const ReadLimits& limits) {
  ReadLimits l = limits;
  l.max_inflated_bytes = static_cast<std::size_t>(limits.max_archive_bytes);
  return l;
}

void walk(const ArchiveBytes& bytes, const std::string& name, const Container& container,
          std::vector<MemberRef>& chain, const std::string& path, const ReadLimits& limits,
          const ArchiveVisitor& visit) {
  ArchiveListing listing = container.list(bytes, name, limits);
  std::uint64_t budget = limits.max_archive_bytes;
  std::map<std::string, std::size_t> listed;  // times each name was listed so far
  for (ArchiveMember& m : listing.members) {
    m.ref.copy = ++listed[m.ref.name];
    const std::string member = name + '!' + shown_name(m.ref);
    if (const char* why = litter(m.ref.name)) {
      visit.ignored({member, why});
      continue;
    }
    const std::string_view base = base_name(m.ref.name);
    const Container* inner = archive_for_name(base);
    const ExportFile export_kind = export_file_kind(base);
    if (!inner && export_kind == ExportFile::none && !is_activity_file_name(base)) {
      visit.ignored({member, not_activity_name});
      continue;
    }
    if (m.problem) {
      visit.problem(std::move(*m.problem));
      continue;
    }
    if (m.ref.size > budget) {
      visit.problem(
          problem_at(member, ParseErrc::too_large,
                     "not read: " + name + " would inflate to more than " +
                         format_bytes(static_cast<std::size_t>(limits.max_archive_bytes)) +
                         " in all (raise it with --max-archive-size)"));
      continue;
    }
    budget -= m.ref.size;
    if (inner) {
      if (chain.size() + 1 >= limits.max_archive_depth) {
        visit.problem(problem_at(member, ParseErrc::bad_archive,
                                 "an archive nested more than " +
                                     std::to_string(limits.max_archive_depth) +
                                     " deep (raise it with --max-archive-depth)"));
        continue;
      }
      std::string held;
      try {
        container.read(bytes, m.ref, held, member, inner_archive_limits(limits));
      } catch (const ParseError& e) {
        visit.problem(e.diagnostic());
        continue;
      }
      const MemoryBytes nested(std::move(held), member);
      chain.push_back(m.ref);
      walk(nested, member, *inner, chain, path, limits, visit);
      chain.pop_back();
    } else if (export_kind != ExportFile::none) {
      std::string text;
      try {
        container.read(bytes, m.ref, text, member, limits);
      } catch (const ParseError& e) {
        // An index the archive ends inside before any of it: the archive's own line says so
        // (one broken download, one error line).
        if (!m.ref.cut) visit.problem(e.diagnostic());
        continue;
      }
      visit.export_file(member, std::move(text));
    } else {
      Source s;
      s.name = member;
      s.path = path;
      s.members = chain;
      s.members.push_back(m.ref);
      s.size_hint = m.ref.size;
      visit.activity(std::move(s));
    }
  }
  if (listing.problem) visit.problem(std::move(*listing.problem));
}

// What each thread keeps between members: the archive file it read last and the inner archives
// of the last member, one per level.
struct Held {
  std::string path;
  std::unique_ptr<FileBytes> file;
  std::vector<std::unique_ptr<MemoryBytes>> inner;  // inner[i]: the archive at level i + 1
};

const Container& container_of(const MemberRef& ref, const std::string& source) {
  const Container* c = container_named(ref.container);
  if (!c || !c->read)
    throw ParseError(ParseErrc::bad_archive, SourceLocation{source, 0, 0, -1},
                     "unknown archive kind '" + ref.container + "'");
  return *c;
}

}  // namespace

void walk_archive(const std::string& path, const std::string& name, const Container& container,
                  const ReadLimits& limits, const ArchiveVisitor& visit) {
  std::unique_ptr<FileBytes> file;
  try {
    file = std::make_unique<FileBytes>(path, name);
  } catch (const ParseError& e) {
    visit.problem(e.diagnostic());
    return;
  }
  std::vector<MemberRef> chain;
  walk(*file, name, container, chain, path, limits, visit);
}

void read_member(const Source& source, std::string& bytes, const ReadLimits& limits) {
  thread_local Held held;
  if (!held.file || held.path != source.path) {
    held = Held{};
    held.file = std::make_unique<FileBytes>(source.path, source.path);
    held.path = source.path;
  }
  const ArchiveBytes* archive = held.file.get();
  std::string name = source.path;
  for (std::size_t level = 0; level + 1 < source.members.size(); ++level) {
    const MemberRef& ref = source.members[level];
    name += '!' + shown_name(ref);
    if (held.inner.size() > level && held.inner[level]->identity() == name) {
      archive = held.inner[level].get();
      continue;
    }
    held.inner.resize(level);  // this level and those below it are another member's
    std::string inner;
    container_of(ref, name).read(*archive, ref, inner, name, inner_archive_limits(limits));
    held.inner.push_back(std::make_unique<MemoryBytes>(std::move(inner), name));
    archive = held.inner.back().get();
  }
  const MemberRef& ref = source.members.back();
  if (ref.stored > limits.max_file_bytes)
    throw ParseError(ParseErrc::too_large, SourceLocation{source.name, 0, 0, -1},
                     "member of " + format_bytes(static_cast<std::size_t>(ref.stored)) +
                         " as stored is larger than " + format_bytes(limits.max_file_bytes) +
                         " (raise it with --max-file-size)");
  container_of(ref, source.name).read(*archive, ref, bytes, source.name, limits);
}

}  // namespace runaudit::io::detail
