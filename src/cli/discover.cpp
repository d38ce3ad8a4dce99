#include "discover.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

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

Discovery discover(const std::vector<std::string>& paths) {
  Discovery d;
  for (const std::string& path : paths) {
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      d.problems.push_back(path + ": no such file or folder");
      continue;
    }
    if (!fs::is_directory(st)) {
      d.files.push_back({path, "", path});
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
        d.files.push_back(
            {it->path().string(), athlete,
             athlete.empty() ? it->path().string() : (fs::path(path) / athlete).string()});
      } else {
        ++d.ignored;
      }
    }
  }
  // The same file reached twice (`a.gpx` and `./a.gpx`, a folder and a file in it) is audited
  // once: it would otherwise count twice towards its athlete's batch baseline.
  const auto by_path = [](const Input& a, const Input& b) { return a.path < b.path; };
  std::sort(d.files.begin(), d.files.end(), by_path);
  std::set<std::string> seen;
  std::erase_if(d.files, [&](const Input& in) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(in.path, ec);
    return !seen.insert(ec ? in.path : canonical.string()).second;
  });
  return d;
}

}  // namespace runaudit::cli
