#include "discover.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <system_error>
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

}  // namespace

Discovery discover(const std::vector<std::string>& paths) {
  Discovery d;
  SameFileKeys keys;
  std::vector<std::pair<Input, std::string>> found;  // with its same-file key
  for (const std::string& path : paths) {
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      d.problems.push_back(path + ": no such file or folder");
      continue;
    }
    if (!fs::is_directory(st)) {
      found.emplace_back(Input{path, "", path},
                         keys.of(path, fs::is_symlink(fs::symlink_status(path, ec))));
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
      if (!it->is_regular_file(fec)) continue;
      if (is_activity_file_name(it->path().filename().string())) {
        const fs::path relative = it->path().lexically_relative(path);
        const std::string athlete =
            std::distance(relative.begin(), relative.end()) > 1 ? relative.begin()->string() : "";
        found.emplace_back(
            Input{it->path().string(), athlete,
                  athlete.empty() ? it->path().string() : (fs::path(path) / athlete).string()},
            keys.of(it->path(), it->is_symlink(fec)));
      } else {
        ++d.ignored;
      }
    }
  }
  // The same file reached twice (`a.gpx` and `./a.gpx`, a folder and a file in it, a symlink)
  // is audited once: it would otherwise count twice towards its athlete's batch baseline. The
  // entry kept is one that names an athlete if any does (found in an athlete's folder: their
  // profile and baseline apply), else the first by path.
  const auto by_path = [](const Input& a, const Input& b) { return a.path < b.path; };
  std::stable_sort(found.begin(), found.end(),
                   [&](const auto& a, const auto& b) { return by_path(a.first, b.first); });
  std::map<std::string, std::size_t> kept;  // same-file key -> index in d.files
  for (auto& [input, key] : found) {
    const auto [it, added] = kept.try_emplace(std::move(key), d.files.size());
    if (added)
      d.files.push_back(std::move(input));
    else if (d.files[it->second].athlete.empty() && !input.athlete.empty())
      d.files[it->second] = std::move(input);
  }
  std::stable_sort(d.files.begin(), d.files.end(), by_path);
  return d;
}

}  // namespace runaudit::cli
