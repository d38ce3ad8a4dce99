#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <system_error>
#include <tuple>
#include <utility>

#include "runaudit/io/source.hpp"

namespace runaudit::io {
namespace fs = std::filesystem;

bool is_activity_file_name(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });
  for (const char* suffix : {".gpx", ".tcx", ".gpx.gz", ".tcx.gz"}) {
    const std::string s(suffix);
    if (lower.size() > s.size() && lower.compare(lower.size() - s.size(), s.size(), s) == 0)
      return true;
  }
  return false;
}

namespace {

// Keys that tell whether two inputs are the same file (`a.gpx`, `./a.gpx`, `x/../a.gpx`, a
// symlink to it): the canonical path. Canonicalising costs a system call per path component, so
// a folder's canonical path is worked out once and its plain files are keyed by it and their
// name; only a symlink is resolved on its own (it may point anywhere).
class SameFileKeys {
 public:
  std::string of(const fs::path& path, bool is_symlink) {
    std::error_code ec;
    if (is_symlink || !path.has_filename()) {
      const fs::path canonical = fs::weakly_canonical(path, ec);
      return ec ? path.string() : canonical.string();
    }
    const std::string parent = path.parent_path().string();
    auto [it, added] = m_folders.try_emplace(parent);
    if (added) {
      const fs::path canonical = fs::weakly_canonical(parent.empty() ? "." : parent, ec);
      it->second = ec ? parent : canonical.string();
    }
    return (fs::path(it->second) / path.filename()).string();
  }

 private:
  std::map<std::string, std::string> m_folders;  // folder as written -> its canonical path
};

// A folder this process may not list or enter (root may always: access() says so).
bool unreadable_folder(const fs::path& folder) {
  return ::access(folder.c_str(), R_OK | X_OK) != 0;
}

// One file found, with the key that tells two ways to reach it apart.
struct Found {
  Source source;
  std::string key;  // same-file key
};

Diagnostic problem(const std::string& path, ParseErrc code, std::string message) {
  return Diagnostic{path, std::string(to_string(code)), std::move(message), 0, 0, -1};
}

std::uint64_t size_or_zero(const fs::path& path) {
  std::error_code ec;
  const auto bytes = fs::file_size(path, ec);
  return ec ? 0 : bytes;
}

// Of the entries for one file, the one kept: one that names an athlete (their profile and
// baseline apply), found nearest the folder given (with `club/` and `club/archive/` given,
// `club/archive/alice/x.gpx` is alice's, not athlete `archive`'s), then the least path and
// athlete: the choice never depends on the order of the arguments.
bool preferred(const Source& a, const Source& b) {
  const bool a_unnamed = a.athlete.empty(), b_unnamed = b.athlete.empty();
  return std::tie(a_unnamed, a.depth, a.name, a.athlete) <
         std::tie(b_unnamed, b.depth, b.name, b.athlete);
}

}  // namespace

Discovery discover(const std::vector<std::string>& paths, const DiscoverOptions& options) {
  Discovery d;
  SameFileKeys keys;
  std::vector<Found> found;
  std::set<std::string> ignored;  // same-file keys: a file reached twice is ignored once
  for (const std::string& path : paths) {
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      d.problems.push_back(problem(path, ParseErrc::not_found, "no such file or folder"));
      continue;
    }
    if (!fs::is_directory(st)) {
      found.push_back({Source{path, path, {}, size_or_zero(path), 1},
                       keys.of(path, fs::is_symlink(fs::symlink_status(path, ec)))});
      continue;
    }
    if (unreadable_folder(path)) {
      d.problems.push_back(problem(path, ParseErrc::io, "cannot read folder: permission denied"));
      continue;
    }
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      d.problems.push_back(problem(path, ParseErrc::io, "cannot read folder: " + ec.message()));
      continue;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) {
        d.problems.push_back(problem(path, ParseErrc::io, ec.message()));
        break;
      }
      std::error_code fec;
      if (it->is_directory(fec) && !it->is_symlink(fec)) {
        // Skipped without a word otherwise (skip_permission_denied): a CI job would pass
        // having audited nothing.
        if (unreadable_folder(it->path())) {
          d.problems.push_back(
              problem(it->path().string(), ParseErrc::io, "cannot read folder: permission denied"));
          it.disable_recursion_pending();
        }
        continue;
      }
      if (!it->is_regular_file(fec)) continue;
      if (is_activity_file_name(it->path().filename().string())) {
        const fs::path relative = it->path().lexically_relative(path);
        const auto depth =
            static_cast<std::size_t>(std::distance(relative.begin(), relative.end()));
        const std::string athlete = depth > 1 ? relative.begin()->string() : "";
        const std::uint64_t bytes = it->file_size(fec);
        found.push_back(
            {Source{it->path().string(), it->path().string(), athlete, fec ? 0 : bytes, depth},
             keys.of(it->path(), it->is_symlink(fec))});
      } else {
        ignored.insert(keys.of(it->path(), it->is_symlink(fec)));
      }
    }
  }
  // The same file reached twice (`a.gpx` and `./a.gpx`, a folder and a file in it, a symlink)
  // is audited once (see preferred()): it would otherwise count twice towards its athlete's
  // batch baseline.
  d.ignored = ignored.size();
  std::map<std::string, Source> kept;  // by same-file key
  for (Found& f : found) {
    const auto [it, added] = kept.try_emplace(f.key, f.source);
    if (!added && preferred(f.source, it->second)) it->second = std::move(f.source);
  }
  for (auto& [key, source] : kept) {
    if (!options.athlete.empty()) source.athlete = options.athlete;
    d.sources.push_back(std::move(source));
  }
  std::sort(d.sources.begin(), d.sources.end(), [](const Source& a, const Source& b) {
    return std::tie(a.name, a.athlete) < std::tie(b.name, b.athlete);
  });
  return d;
}

}  // namespace runaudit::io
