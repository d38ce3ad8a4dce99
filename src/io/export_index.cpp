#include "export_index.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "../audit/csv.hpp"
#include "../audit/text.hpp"
#include "names.hpp"
#include "runaudit/format.hpp"

namespace runaudit::io {

std::string entry_words(const ExportEntry& entry) {
  if (entry.name.empty()) return {};
  return "\"" + clean_text(entry.name) + "\"" +
         (entry.type.empty() ? "" : " (" + clean_text(entry.type) + ")");
}

}  // namespace runaudit::io

namespace runaudit::io::detail {
namespace {

std::string_view base_name(std::string_view name) {
  const auto slash = name.find_last_of("/\\!");
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

void collect(const nlohmann::json& j, std::vector<ExportEntry>& out) {
  if (j.is_array()) {
    for (const auto& v : j) collect(v, out);
    return;
  }
  if (!j.is_object()) return;
  const auto time =
      j.find("startTimeGmt") != j.end() ? j.find("startTimeGmt") : j.find("beginTimestamp");
  if (time != j.end() && time->is_number()) {
    ExportEntry e;
    e.start_time_ms = static_cast<std::int64_t>(time->get<double>());
    if (const auto n = j.find("name"); n != j.end() && n->is_string())
      e.name = n->get<std::string>();
    if (const auto t = j.find("activityType"); t != j.end()) {
      if (t->is_string())
        e.type = t->get<std::string>();
      else if (t->is_object() && t->contains("typeKey") && (*t)["typeKey"].is_string())
        e.type = (*t)["typeKey"].get<std::string>();
    }
    out.push_back(std::move(e));
    return;
  }
  for (const auto& [key, v] : j.items()) collect(v, out);
}

}  // namespace

ExportFile export_file_kind(std::string_view name) {
  const std::string base = audit::text::lower(base_name(name));
  if (base == "activities.csv") return ExportFile::strava_activities;
  if (base.find("summarizedactivities") != std::string::npos && ends_with_icase(base, ".json"))
    return ExportFile::garmin_summary;
  return ExportFile::none;
}

std::map<std::string, StravaRow> read_strava_activities(std::string_view text,
                                                        const std::string& source) {
  const std::vector<audit::csv::Row> rows = audit::csv::parse(text, source);
  const auto fail = [&](std::size_t line, const std::string& why) {
    throw ParseError(ParseErrc::bad_csv, SourceLocation{source, line, 0, -1}, why);
  };
  if (rows.empty()) fail(0, "empty activities.csv (needs Strava's header row)");
  const std::vector<std::string>& header = rows.front().cells;
  const auto column = [&](std::string_view name) -> std::ptrdiff_t {
    const auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : it - header.begin();
  };
  const auto cell = [](const audit::csv::Row& r, std::ptrdiff_t i) {
    return i >= 0 && static_cast<std::size_t>(i) < r.cells.size()
               ? r.cells[static_cast<std::size_t>(i)]
               : std::string();
  };
  std::ptrdiff_t file = column("Filename"), name = column("Activity Name"),
                 type = column("Activity Type");
  if (file < 0) {
    // An export in another language names its columns in it. Its layout is Strava's all the
    // same (Activity ID, Date, Name, Type first): the file column is the one whose values are
    // `activities/...` paths, the name is the third column; the type, in that language, is not
    // used (the file's own sport stands).
    const bool ids_first = std::all_of(rows.begin() + 1, rows.end(), [&](const auto& r) {
      const std::string id = cell(r, 0);
      return !id.empty() && id.find_first_not_of("0123456789") == std::string::npos;
    });
    const auto has_paths = [&](std::ptrdiff_t c) {
      return std::any_of(rows.begin() + 1, rows.end(),
                         [&](const auto& r) { return cell(r, c).rfind("activities/", 0) == 0; });
    };
    for (std::ptrdiff_t c = 0; ids_first && c < std::ssize(header) && file < 0; ++c)
      if (has_paths(c)) file = c;
    if (file < 0 || header.size() < 4)
      fail(rows.front().line, "no 'Filename' column (not Strava's activities.csv?)");
    name = 2;
    type = -1;
  }
  std::map<std::string, StravaRow> out;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const std::string f = cell(rows[i], file);
    if (f.empty()) continue;  // a manual entry: no file
    out[audit::text::nfc(f)] = StravaRow{
        ExportEntry{cell(rows[i], name), cell(rows[i], type), std::nullopt}, rows[i].line};
  }
  return out;
}

std::shared_ptr<const ExportTimeIndex> read_garmin_summary(std::string_view text,
                                                           const std::string& source) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded())
    throw ParseError(ParseErrc::bad_value, SourceLocation{source, 0, 0, -1},
                     "not JSON (Garmin's summarized activities expected)");
  auto index = std::make_shared<ExportTimeIndex>();
  collect(j, index->entries);
  std::stable_sort(index->entries.begin(), index->entries.end(),
                   [](const ExportEntry& a, const ExportEntry& b) {
                     return *a.start_time_ms < *b.start_time_ms;
                   });
  return index;
}

void apply_export(const Source& source, Activity& activity, std::size_t activities_in_file) {
  const ExportEntry* entry = source.export_entry ? &*source.export_entry : nullptr;
  const auto start = activity.start_time_ms();
  if (!entry && source.export_by_time && start) {
    const auto& entries = source.export_by_time->entries;
    const auto it =
        std::lower_bound(entries.begin(), entries.end(), *start,
                         [](const ExportEntry& e, std::int64_t t) { return *e.start_time_ms < t; });
    std::int64_t best = kExportTimeTolerance + 1;
    for (auto c = it == entries.begin() ? it : it - 1; c != entries.end() && c <= it; ++c) {
      const std::int64_t d = std::abs(*c->start_time_ms - *start);
      if (d < best) {
        best = d;
        entry = &*c;
      }
    }
  }
  if (!entry) return;
  if (!entry->name.empty()) activity.name = entry->name;
  const bool one_type_for_many = source.export_entry.has_value() && activities_in_file > 1;
  if (!entry->type.empty() && !one_type_for_many) {
    activity.file_sport_raw = std::move(activity.sport_raw);
    activity.sport_raw = entry->type;
    activity.sport = normalise_sport(entry->type);
    activity.sport_from_export = true;
  }
}

}  // namespace runaudit::io::detail
