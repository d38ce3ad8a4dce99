#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>
#include <system_error>
#include <tuple>
#include <utility>
#include <vector>

#include "../audit/text.hpp"
#include "archive.hpp"
#include "export_index.hpp"
#include "names.hpp"
#include "runaudit/io/read.hpp"
#include "runaudit/io/source.hpp"

namespace runaudit::io {
namespace fs = std::filesystem;

bool is_activity_file_name(std::string_view name) {
  for (const std::string_view suffix : {".gpx", ".tcx", ".fit", ".gpx.gz", ".tcx.gz", ".fit.gz"})
    if (name.size() > suffix.size() && detail::ends_with_icase(name, suffix)) return true;
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

// The files a folder or an archive given must hold, in problems that say it holds none.
constexpr std::string_view activity_file_kinds = ".gpx, .tcx, .fit, plain or .gz";

// One file found, with the key that tells two ways to reach it apart.
struct Found {
  Source source;
  std::string key;  // same-file key
  /// How its athlete was named: 0 by an athlete folder below a folder given, 1 by the folder
  /// given itself or the archive's own name, 2 not at all (a file given by name).
  int naming = 2;
};

Diagnostic problem(const std::string& path, ParseErrc code, std::string message) {
  return Diagnostic{path, std::string(to_string(code)), std::move(message), 0, 0, -1};
}

std::uint64_t size_or_zero(const fs::path& path) {
  std::error_code ec;
  const auto bytes = fs::file_size(path, ec);
  return ec ? 0 : bytes;
}

// Of the entries for one file, the one kept: the one whose athlete is best named (an athlete
// folder, then the folder given or the archive's own name: their profile and baseline apply),
// found nearest the folder given (with `club/` and `club/archive/` given,
// `club/archive/alice/x.gpx` is alice's, not athlete `archive`'s), then the least path and
// athlete: the choice never depends on the order of the arguments.
bool preferred(const Found& a, const Found& b) {
  return std::tie(a.naming, a.source.depth, a.source.name, a.source.athlete) <
         std::tie(b.naming, b.source.depth, b.source.name, b.source.athlete);
}

// An archive's name without its extension (`export_alice.zip` -> export_alice).
std::string archive_stem(const fs::path& path) {
  std::string name = path.filename().string();
  for (const std::string_view ext : {".tar.gz", ".tgz", ".tar", ".zip"})
    if (detail::ends_with_icase(name, ext)) return name.substr(0, name.size() - ext.size());
  return name;
}

// What part of a date a folder's name is: someone's own archive sorted by date
// (`runs/2024/11/05/...`) is one athlete's, not athletes `2024`, `11` and `05`.
enum class DatePart { none, year, month, day };

// The date part @p name is below a folder that is @p parent: a year (`2024`, 1980-2099), a
// month (`2024-11`, `2024_11`, `2024.11`, or `01`-`12` below a year), a day (`2024-11-23`, or
// `01`-`31` below a month); else none.
DatePart date_part(const std::string& name, DatePart parent) {
  const auto digits = [&](std::size_t at, std::size_t n) {
    return at + n <= name.size() && std::all_of(name.begin() + static_cast<std::ptrdiff_t>(at),
                                                name.begin() + static_cast<std::ptrdiff_t>(at + n),
                                                [](char c) { return c >= '0' && c <= '9'; });
  };
  const auto in = [&](std::size_t at, const char* low, const char* high) {
    return digits(at, 2) && name.compare(at, 2, low) >= 0 && name.compare(at, 2, high) <= 0;
  };
  const auto separator = [&](std::size_t at) {
    return at < name.size() && (name[at] == '-' || name[at] == '_' || name[at] == '.');
  };
  if (name.size() == 2) {
    if (parent == DatePart::year && in(0, "01", "12")) return DatePart::month;
    if (parent == DatePart::month && in(0, "01", "31")) return DatePart::day;
    return DatePart::none;
  }
  if (!digits(0, 4) || name.compare(0, 4, "1980") < 0 || name.compare(0, 4, "2099") > 0)
    return DatePart::none;
  if (name.size() == 4) return DatePart::year;
  if (!separator(4) || !in(5, "01", "12")) return DatePart::none;
  if (name.size() == 7) return DatePart::month;
  return name.size() == 10 && separator(7) && in(8, "01", "31") ? DatePart::day : DatePart::none;
}

// A folder as given (`uploads/alice/`, `.`), made absolute, without a trailing separator.
fs::path absolute_folder(const std::string& folder) {
  std::error_code ec;
  fs::path p = fs::absolute(folder, ec).lexically_normal();
  return p.has_filename() ? p : p.parent_path();
}

// The date part of each component of @p path, from its root down.
std::vector<DatePart> date_parts(const fs::path& path) {
  std::vector<DatePart> parts;
  DatePart parent = DatePart::none;
  for (const fs::path& component : path)
    parts.push_back(parent = date_part(component.string(), parent));
  return parts;
}

// Whether @p name is @p word, ASCII letters in any case (@p word lower-case).
bool is_named(std::string_view name, std::string_view word) {
  return name.size() == word.size() && detail::ends_with_icase(name, word);
}

// Whether a folder named @p name holds a watch's or an app's files, or files of one format,
// rather than someone's: an export's `activities/`, `NewFiles`, `fit/` and `gpx/` of one
// person's runs. Such folders never name athletes.
bool is_generic_folder(std::string_view name) {
  static constexpr std::string_view generic[] = {"activities", "activity", "newfiles", "fit",
                                                 "gpx",        "tcx",      "export",   "exports"};
  return std::any_of(std::begin(generic), std::end(generic),
                     [&](std::string_view g) { return is_named(name, g); });
}

// Whether a folder named @p name is the top of a tree one device or one export writes, all of
// whose folders are its owner's: a watch's `GARMIN/` (`Activity/`, `Monitor/`, `Sleep/`,
// `Settings/`, ... below it, as copied from the watch over USB), Garmin's export `DI_CONNECT/`,
// Apple Health's export `apple_health_export/` (its routes in `workout-routes/`, as GPX).
// Neither it nor any folder below it names an athlete.
bool is_device_tree(std::string_view name) {
  return is_named(name, "garmin") || is_named(name, "di_connect") ||
         is_named(name, "apple_health_export");
}

// The name of a folder as given (`uploads/alice/`, `.`): its last component once made absolute;
// for a folder named by a date part (date_part), a generic folder's name (is_generic_folder)
// or a device tree's (is_device_tree), that of the nearest folder above it that is not
// (`runs/2026` given is named `runs`, as `runs/2026/x.fit` found in `runs` is runs's;
// `usb/GARMIN/Activity` given is named `usb`).
std::string folder_name(const std::string& folder) {
  const fs::path p = absolute_folder(folder);
  const std::vector<fs::path> components(p.begin(), p.end());
  const std::vector<DatePart> parts = date_parts(p);
  for (std::size_t i = components.size(); i-- > 0;) {
    const std::string name = components[i].string();
    if (parts[i] == DatePart::none && !components[i].filename().empty() &&  // not the root "/"
        !is_generic_folder(name) && !is_device_tree(name))
      return name;
  }
  return p.filename().string();  // dates up to the root: the folder's own name
}

// The folder that names the athlete of a file in @p folders (its folders, from the folder
// given down): the first not named by a date part (date_part) nor generic
// (is_generic_folder) above any device tree (is_device_tree), or none (empty) when the file
// is directly in the folder given or only below such folders. @p given: the date part the
// folder given is.
template <class Folders>
std::string athlete_folder_in(const Folders& folders, DatePart given) {
  DatePart parent = given;
  for (const auto& folder : folders) {
    const std::string name(folder);
    if (is_device_tree(name)) return {};
    if (is_generic_folder(name)) {
      parent = DatePart::none;
      continue;
    }
    parent = date_part(name, parent);
    if (parent == DatePart::none) return name;
  }
  return {};
}

// athlete_folder_in for a file at @p relative below a folder given.
std::string athlete_folder_of(const fs::path& relative, DatePart given) {
  return athlete_folder_in(std::vector<fs::path>(relative.begin(), std::prev(relative.end())),
                           given);
}

// The folders of an archive member (its outermost member's, for one inside an inner archive:
// where that archive lies), from the archive's top down; `.` components (`tar -C DIR .` writes
// `./activities/1.fit`) and empty ones left out.
std::vector<std::string_view> member_folders(const Source& member) {
  std::vector<std::string_view> folders;
  if (member.members.empty()) return folders;
  std::string_view path = member.members.front().name;
  for (std::size_t slash; (slash = path.find('/')) != std::string_view::npos;
       path.remove_prefix(slash + 1))
    if (const std::string_view folder = path.substr(0, slash); !folder.empty() && folder != ".")
      folders.push_back(folder);
  return folders;
}

// Names the athletes of the activity members of an archive that no athlete folder outside it
// names, as a folder given names its files' (athlete_folder_in): a zip of a club's folders
// (`Archive.zip`: `alice/…`, `bob/…`, an export in one of them) is theirs, below a folder every
// member shares (a folder zipped whole, `uploads.zip`: `uploads/alice/…`); a member directly in
// that shared folder is the folder's. Else a member stays @p archive_athlete's (the archive's
// name: an export's members, in `activities/` or `DI_CONNECT/`, are), but the one activity of an
// archive that holds one and no export index (Garmin Connect's download of an activity,
// `<activity id>.zip`) is the athlete of a file where the archive lies, @p loose (its name is
// the activity's, not a person's).
void name_member_athletes(std::vector<Found>& members, const std::string& archive_athlete,
                          const std::string& loose, bool holds_export) {
  std::vector<std::vector<std::string_view>> folders;
  for (const Found& m : members) folders.push_back(member_folders(m.source));
  std::optional<std::string_view> top;
  if (!folders.empty() && std::all_of(folders.begin(), folders.end(), [&](const auto& f) {
        return !f.empty() && f.front() == folders.front().front() && !is_device_tree(f.front());
      })) {
    top = folders.front().front();
    for (auto& f : folders) f.erase(f.begin());
  }
  const DatePart given = top ? date_part(std::string(*top), DatePart::none) : DatePart::none;
  const bool top_names = top && given == DatePart::none && !is_generic_folder(*top);
  for (std::size_t i = 0; i < members.size(); ++i) {
    Found& m = members[i];
    if (std::string folder = athlete_folder_in(folders[i], given); !folder.empty()) {
      m.source.athlete = std::move(folder);
      m.naming = 0;
    } else if (top_names) {
      m.source.athlete = std::string(*top);
    } else if (members.size() == 1 && !holds_export) {
      m.source.athlete = loose;
      if (loose.empty()) m.naming = 2;
    } else {
      m.source.athlete = archive_athlete;
    }
  }
}

// A folder that is an export itself (Strava's activities.csv or Garmin's DI_CONNECT at its top):
// its own folders (`activities`) never name athletes.
bool is_export_folder(const fs::path& folder) {
  std::error_code ec;
  return fs::is_regular_file(folder / "activities.csv", ec) ||
         fs::is_directory(folder / "DI_CONNECT", ec);
}

// The archive a file given by name is: by its name, else by its first bytes (a zip or tar saved
// under another name).
const Container* archive_of_file(const std::string& path) {
  if (const Container* c = archive_for_name(fs::path(path).filename().string())) return c;
  std::ifstream in(path, std::ios::binary);
  std::string head(512, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  for (const Container& c : containers())
    if (c.list && c.recognises(head)) return &c;
  return nullptr;
}

// An export's entries, found while walking: Strava rows by file (relative to @root), Garmin's
// summary by start time for everything under @root.
struct StravaIndex {
  std::string root;  // display-name prefix the Filename column is relative to
  std::string csv;   // the activities.csv's display name (root + its name)
  std::map<std::string, detail::StravaRow> rows;
};
struct GarminIndex {
  std::string root;
  std::shared_ptr<const ExportTimeIndex> index;
};

// The display-name prefix an export file's entries are relative to: its folder (Strava), or
// what precedes DI_CONNECT (Garmin).
std::string export_root(const std::string& name, detail::ExportFile kind) {
  if (kind == detail::ExportFile::garmin_summary) {
    const auto di = name.find("DI_CONNECT/");
    if (di != std::string::npos) return name.substr(0, di);
  }
  const auto cut = name.find_last_of("/!");
  return cut == std::string::npos ? std::string() : name.substr(0, cut + 1);
}

}  // namespace

Discovery discover(const std::vector<std::string>& paths, const DiscoverOptions& options) {
  Discovery d;
  SameFileKeys keys;
  std::vector<Found> found;
  // Files passed over by same-file key (a file reached twice is ignored once), and archive
  // members (archives are listed once).
  std::map<std::string, Ignored> ignored_files;
  std::vector<Ignored> ignored_members;
  std::vector<StravaIndex> strava;
  std::vector<GarminIndex> garmin;

  const auto index_export = [&](const std::string& name, std::string_view text) {
    const detail::ExportFile kind = detail::export_file_kind(name);
    try {
      if (kind == detail::ExportFile::strava_activities)
        strava.push_back(
            {export_root(name, kind), name, detail::read_strava_activities(text, name)});
      else if (kind == detail::ExportFile::garmin_summary)
        garmin.push_back({export_root(name, kind), detail::read_garmin_summary(text, name)});
    } catch (const ParseError& e) {
      d.problems.push_back(e.diagnostic());
    }
  };
  const auto export_file = [&](const fs::path& path) {
    std::string text;
    try {
      read_document(path.string(), text, options.limits);  // a cut `.gz` is bad_gzip
    } catch (const ParseError& e) {
      d.problems.push_back(e.diagnostic());
      return;
    }
    index_export(path.string(), text);
  };
  // Archives to list, by same-file key: an archive reached twice is listed once, as the entry
  // preferred() keeps says (its members are all that athlete's).
  struct ArchiveFound {
    Found where;  // the archive's path, athlete and depth
    const Container* container;
    // The athlete of a file where the archive lies (empty: given by name); whether its place
    // names its athlete (an athlete folder, an export folder) for all its members.
    std::string loose_athlete;
    bool place_names = false;
  };
  std::map<std::string, ArchiveFound> archives;
  // Whether each folder given holds anything to audit (a source, an export index, an archive
  // that does) or a problem (a file given is audited, or its own problem says why not); the
  // paths given that reached each archive (by same-file key), and the archives given by name.
  std::vector<char> yielded(paths.size(), 1);
  std::map<std::string, std::vector<std::size_t>> reached_by;
  std::set<std::string> given_archives;
  const auto archive = [&](const fs::path& path, const Container& c, std::string athlete,
                           std::size_t depth, const std::string& key, int naming,
                           std::string loose_athlete, bool place_names, std::size_t given) {
    reached_by[key].push_back(given);
    Found where{Source{}, key, naming};
    where.source.name = where.source.path = path.string();
    where.source.athlete = std::move(athlete);
    where.source.depth = depth;
    ArchiveFound found_here{where, &c, std::move(loose_athlete), place_names};
    const auto [it, added] = archives.try_emplace(key, found_here);
    if (!added && preferred(where, it->second.where)) it->second = std::move(found_here);
  };
  for (std::size_t given = 0; given < paths.size(); ++given) {
    const std::string& path = paths[given];
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    const std::size_t problems_before = d.problems.size(), found_before = found.size(),
                      exports_before = strava.size() + garmin.size();
    if (ec || !fs::exists(st)) {
      d.problems.push_back(problem(path, ParseErrc::not_found, "no such file or folder"));
      continue;
    }
    if (!fs::is_directory(st)) {
      // Given by name too (`runaudit $(find . -name '*.fit')` lists a Mac's `._run.fit`).
      if (const char* why = detail::system_litter(fs::path(path).filename().string(), false)) {
        d.ignored.push_back({path, why});
        continue;
      }
      const std::string key = keys.of(path, fs::is_symlink(fs::symlink_status(path, ec)));
      if (const Container* c = fs::is_regular_file(st) ? archive_of_file(path) : nullptr) {
        archive(path, *c, archive_stem(path), 1, key, 1, std::string(), false, given);
        given_archives.insert(key);
        continue;
      }
      if (detail::export_file_kind(path) != detail::ExportFile::none) {
        export_file(path);
        continue;
      }
      Source s;
      s.name = s.path = path;
      s.size_hint = size_or_zero(path);
      found.push_back({std::move(s), key});
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
    // The athlete of files directly in the folder given (and of everything in an export
    // folder given): the folder's own name (folder_name).
    const std::string own_athlete = folder_name(path);
    const DatePart given_part = date_parts(absolute_folder(path)).back();
    const bool export_folder = is_export_folder(path);
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) {
        d.problems.push_back(problem(path, ParseErrc::io, ec.message()));
        break;
      }
      std::error_code fec;
      const std::string file_name = it->path().filename().string();
      if (it->is_directory(fec) && !it->is_symlink(fec)) {
        if (const char* why = detail::system_litter(file_name, true)) {
          d.ignored.push_back({it->path().string() + '/', why});
          it.disable_recursion_pending();
          continue;
        }
        // Skipped without a word otherwise (skip_permission_denied): a CI job would pass
        // having audited nothing.
        if (unreadable_folder(it->path())) {
          d.problems.push_back(
              problem(it->path().string(), ParseErrc::io, "cannot read folder: permission denied"));
          it.disable_recursion_pending();
        }
        continue;
      }
      if (!it->is_regular_file(fec)) {
        // A broken link or a pipe where a run's file was expected is a run the audit cannot
        // see: a problem, as when given by name; any other is passed over, named.
        const bool link = it->is_symlink(fec);
        if (link && it->is_directory(fec)) {
          d.ignored.push_back({it->path().string(), "a symbolic link to a folder: not followed"});
          continue;
        }
        const std::string why = link && !it->exists(fec)
                                    ? "a broken symbolic link (its target is missing)"
                                    : "not a regular file (a pipe or device cannot be audited)";
        if (is_activity_file_name(file_name) || archive_for_name(file_name))
          d.problems.push_back(problem(it->path().string(), ParseErrc::io, why));
        else
          d.ignored.push_back({it->path().string(), why});
        continue;
      }
      const fs::path relative = it->path().lexically_relative(path);
      const auto depth = static_cast<std::size_t>(std::distance(relative.begin(), relative.end()));
      const std::string key = keys.of(it->path(), it->is_symlink(fec));
      if (const char* why = detail::system_litter(file_name, false)) {
        ignored_files.try_emplace(key, Ignored{it->path().string(), why});
        continue;
      }
      // A `.fit` may be a zip under that name (Garmin Connect's download of an activity saved as
      // `<id>.fit`): read as the archive it is, as when given by name (its first bytes tell).
      const Container* c = archive_for_name(file_name);
      if (!c && detail::ends_with_icase(file_name, ".fit"))
        c = archive_of_file(it->path().string());
      std::string folder = export_folder ? std::string() : athlete_folder_of(relative, given_part);
      const bool athlete_folder = !folder.empty();
      std::string athlete = athlete_folder        ? std::move(folder)
                            : c && !export_folder ? archive_stem(it->path())
                                                  : own_athlete;
      const int naming = athlete_folder ? 0 : 1;
      if (c) {
        archive(it->path(), *c, athlete, depth, key, naming, own_athlete,
                athlete_folder || export_folder, given);
      } else if (is_activity_file_name(file_name)) {
        Source s;
        s.name = s.path = it->path().string();
        s.athlete = std::move(athlete);
        const std::uint64_t bytes = it->file_size(fec);
        s.size_hint = fec ? 0 : bytes;
        s.depth = depth;
        found.push_back({std::move(s), key, naming});
      } else if (detail::export_file_kind(file_name) != detail::ExportFile::none) {
        export_file(it->path());
      } else {
        ignored_files.try_emplace(key, Ignored{it->path().string(), detail::not_activity_name});
      }
    }
    yielded[given] = found.size() > found_before || d.problems.size() > problems_before ||
                     strava.size() + garmin.size() > exports_before;
  }
  for (const auto& [key, a] : archives) {
    detail::ArchiveVisitor visit;
    std::vector<Found> members;
    bool holds_export = false;  // an index: activities.csv, Garmin's summary
    visit.activity = [&, &key = key, &a = a](Source&& s) {
      s.athlete = a.where.source.athlete;
      s.depth = a.where.source.depth;
      std::string member_key = key + s.name.substr(a.where.source.name.size());
      members.push_back({std::move(s), std::move(member_key), a.where.naming});
    };
    visit.export_file = [&](const std::string& name, std::string&& text) {
      holds_export = true;
      index_export(name, text);
    };
    visit.ignored = [&](Ignored&& member) { ignored_members.push_back(std::move(member)); };
    visit.problem = [&](Diagnostic&& p) { d.problems.push_back(std::move(p)); };
    const std::size_t problems_before = d.problems.size();
    detail::walk_archive(a.where.source.path, a.where.source.name, *a.container, options.limits,
                         visit);
    // An archive with nothing to audit: a problem when given by name (an empty upload must not
    // pass a job), else passed over, named, as a folder's photos are.
    const bool holds = !members.empty() || holds_export || d.problems.size() > problems_before;
    if (!holds && given_archives.count(key))
      d.problems.push_back(problem(a.where.source.name, ParseErrc::nothing_to_audit,
                                   "an archive holding no activity file (" +
                                       std::string(activity_file_kinds) + ") nor export index"));
    else if (!holds)
      ignored_members.push_back(
          {a.where.source.name, "an archive holding no activity file nor export index"});
    // A folder whose only archive holds nothing holds nothing (below).
    if (holds)
      for (const std::size_t given : reached_by[key]) yielded[given] = 1;
    if (!a.place_names)
      name_member_athletes(members, a.where.source.athlete, a.loose_athlete, holds_export);
    std::move(members.begin(), members.end(), std::back_inserter(found));
  }
  for (std::size_t given = 0; given < paths.size(); ++given)
    if (!yielded[given])
      d.problems.push_back(problem(paths[given], ParseErrc::nothing_to_audit,
                                   "a folder holding no activity file (" +
                                       std::string(activity_file_kinds) +
                                       "), archive of them nor export index"));
  // The same file reached twice (`a.gpx` and `./a.gpx`, a folder and a file in it, a symlink)
  // is audited once (see preferred()): it would otherwise count twice towards its athlete's
  // batch baseline.
  for (auto& [key, file] : ignored_files) d.ignored.push_back(std::move(file));
  for (Ignored& member : ignored_members) d.ignored.push_back(std::move(member));
  std::set<std::string> listed_and_found;  // Strava rows matched, as root + Filename
  std::map<std::string, Found> kept;       // by same-file key
  for (Found& f : found) {
    const auto [it, added] = kept.try_emplace(f.key, f);
    if (!added && preferred(f, it->second)) it->second = std::move(f);
  }
  for (auto& [key, f] : kept) {
    Source& source = f.source;
    // What the export says of it: Strava's row for its file, else Garmin's summary by time.
    // A Strava export's routes/ are planned routes, not activities.
    bool route = false;
    for (const StravaIndex& x : strava) {
      if (source.name.compare(0, x.root.size(), x.root) != 0) continue;
      // In NFC, as the rows are: a folder or zip re-made on macOS spells é as e and an accent.
      const std::string relative = audit::text::nfc(source.name.substr(x.root.size()));
      route = route || relative.rfind("routes/", 0) == 0;
      // Its row names it, or names it gzipped (a user unpacked the export's .gz files).
      auto row = x.rows.find(relative);
      if (row == x.rows.end()) row = x.rows.find(relative + ".gz");
      if (row != x.rows.end()) {
        source.export_entry = row->second.entry;
        listed_and_found.insert(x.root + row->first);
      }
    }
    if (route && !source.export_entry) {
      d.ignored.push_back({source.name, "a planned route of a Strava export (routes/)"});
      continue;
    }
    for (const GarminIndex& x : garmin)
      if (!source.export_entry && source.name.compare(0, x.root.size(), x.root) == 0)
        source.export_by_time = x.index;
    // One spelling of a name however the folder encodes its accents (a macOS folder's é is e
    // and a combining accent): reports group athletes by the name as written.
    source.athlete = options.athlete.empty() ? audit::text::nfc(source.athlete) : options.athlete;
    d.sources.push_back(std::move(source));
  }
  // A row whose file the export lacks (an incomplete download): a run the audit cannot see,
  // an unreadable input like any other, so that a weekly job does not pass over it. A file
  // the export holds but cannot give (encrypted, too large) has its own problem already.
  // In an archive that could not be read whole (a zip cut short: members after the cut are
  // gone), that archive's own error says why.
  std::set<std::string> unreadable, damaged_archives;
  for (const Diagnostic& p : d.problems) {
    unreadable.insert(p.source);
    if (p.code == to_string(ParseErrc::bad_archive)) damaged_archives.insert(p.source + "!");
  }
  for (const StravaIndex& x : strava) {
    std::string why = "an incomplete download?";
    for (const std::string& damaged : damaged_archives)
      if (x.root.compare(0, damaged.size(), damaged) == 0)
        why = "its archive could not be read whole (see " + damaged.substr(0, damaged.size() - 1) +
              ": bad_archive)";
    for (const auto& [file, row] : x.rows) {
      if (listed_and_found.count(x.root + file) || unreadable.count(x.root + file)) continue;
      // The run as the row names it, as a broken file's line does.
      const std::string run = entry_words(row.entry);
      d.problems.push_back(problem(x.root + file, ParseErrc::not_found,
                                   "not in the export, though its " + x.csv.substr(x.root.size()) +
                                       " lists it (line " + std::to_string(row.line) +
                                       (run.empty() ? "" : ", " + run) + "): " + why));
    }
  }
  std::sort(d.sources.begin(), d.sources.end(), [](const Source& a, const Source& b) {
    return std::tie(a.name, a.athlete) < std::tie(b.name, b.athlete);
  });
  std::sort(d.ignored.begin(), d.ignored.end(),
            [](const Ignored& a, const Ignored& b) { return a.name < b.name; });
  return d;
}

}  // namespace runaudit::io
