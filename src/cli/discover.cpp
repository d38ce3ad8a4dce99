#include "discover.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <system_error>
#include <tuple>
#include <utility>

namespace runaudit::cli {
namespace fs = std::filesystem;

bool is_activity_file_name(const std::string& name) {
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

// One file found, with what decides which of several ways to reach it is kept.
struct Found {
  Input input;
  std::string key;        // same-file key
  std::size_t depth = 1;  // path components below the argument it was found under
};

// Of the entries for one file, the one kept: one that names an athlete (their profile and
// baseline apply), found nearest the folder given (with `club/` and `club/archive/` given,
// `club/archive/alice/x.gpx` is alice's, not athlete `archive`'s), then the least path and
// athlete: the choice never depends on the order of the arguments.
bool preferred(const Found& a, const Found& b) {
  const bool a_unnamed = a.input.athlete.empty(), b_unnamed = b.input.athlete.empty();
  return std::tie(a_unnamed, a.depth, a.input.path, a.input.athlete) <
         std::tie(b_unnamed, b.depth, b.input.path, b.input.athlete);
}

}  // namespace

Discovery discover(const std::vector<std::string>& paths) {
  Discovery d;
  SameFileKeys keys;
  std::vector<Found> found;
  std::set<std::string> ignored;  // same-file keys: a file reached twice is ignored once
  for (const std::string& path : paths) {
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      d.problems.push_back(path + ": no such file or folder");
      continue;
    }
    if (!fs::is_directory(st)) {
      found.push_back(
          {Input{path, ""}, keys.of(path, fs::is_symlink(fs::symlink_status(path, ec)))});
      continue;
    }
    if (unreadable_folder(path)) {
      d.problems.push_back(path + ": cannot read folder: permission denied");
      continue;
    }
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      d.problems.push_back(path + ": cannot read folder: " + ec.message());
      continue;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) {
        d.problems.push_back(path + ": " + ec.message());
        break;
      }
      std::error_code fec;
      if (it->is_directory(fec) && !it->is_symlink(fec)) {
        // Skipped without a word otherwise (skip_permission_denied): a CI job would pass
        // having audited nothing.
        if (unreadable_folder(it->path())) {
          d.problems.push_back(it->path().string() + ": cannot read folder: permission denied");
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
        found.push_back(
            {Input{it->path().string(), athlete}, keys.of(it->path(), it->is_symlink(fec)), depth});
      } else {
        ignored.insert(keys.of(it->path(), it->is_symlink(fec)));
      }
    }
  }
  // The same file reached twice (`a.gpx` and `./a.gpx`, a folder and a file in it, a symlink)
  // is audited once (see preferred()): it would otherwise count twice towards its athlete's
  // batch baseline.
  d.ignored = ignored.size();
  std::map<std::string, Found> kept;  // by same-file key
  for (Found& f : found) {
    const auto [it, added] = kept.try_emplace(f.key, f);
    if (!added && preferred(f, it->second)) it->second = std::move(f);
  }
  for (auto& [key, f] : kept) d.files.push_back(std::move(f.input));
  std::sort(d.files.begin(), d.files.end(), [](const Input& a, const Input& b) {
    return std::tie(a.path, a.athlete) < std::tie(b.path, b.athlete);
  });
  return d;
}

}  // namespace runaudit::cli
