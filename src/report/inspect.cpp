#include "runaudit/report/inspect.hpp"

#include <nlohmann/json.hpp>

#include "runaudit/time.hpp"

namespace runaudit::report {
namespace {

using Json = nlohmann::ordered_json;

Json string_or_null(const std::string& s) {
  return s.empty() ? Json(nullptr) : Json(s);
}

Json time_or_null(const std::optional<std::int64_t>& t) {
  return t ? Json(format_rfc3339(*t)) : Json(nullptr);
}

Json count_or_null(std::size_t n) {
  return n == 0 ? Json(nullptr) : Json(n);
}

}  // namespace

void write_inspect_json(std::ostream& out, std::span<const Activity> activities,
                        std::span<const io::FileError> errors) {
  Json doc;
  doc["schema_version"] = 1;
  Json list = Json::array();
  for (const Activity& a : activities) {
    const Channels ch = channels(a);
    Json notes = Json::array();
    for (const Note& n : a.notes)
      notes.push_back({{"code", to_string(n.code)},
                       {"count", n.count},
                       {"line", count_or_null(n.first_line)},
                       {"message", n.message}});
    list.push_back({{"file", a.file},
                    {"activity_index", a.index},
                    {"format", to_string(a.format)},
                    {"sport", to_string(a.sport)},
                    {"sport_raw", string_or_null(a.sport_raw)},
                    {"name", string_or_null(a.name)},
                    {"creator", string_or_null(a.creator)},
                    {"start_time", time_or_null(a.start_time_ms())},
                    {"end_time", time_or_null(a.end_time_ms())},
                    {"points", a.trackpoints},
                    {"samples", a.samples.size()},
                    {"laps", a.laps.size()},
                    {"segments", a.segments},
                    {"has_position", ch.position},
                    {"has_elevation", ch.elevation},
                    {"has_heart_rate", ch.heart_rate},
                    {"has_cadence", ch.cadence},
                    {"has_device_distance", ch.device_distance},
                    {"notes", std::move(notes)}});
  }
  doc["activities"] = std::move(list);
  Json errs = Json::array();
  for (const io::FileError& e : errors)
    errs.push_back({{"file", e.file},
                    {"code", e.code},
                    {"message", e.message},
                    {"line", count_or_null(e.line)},
                    {"column", count_or_null(e.column)}});
  doc["errors"] = std::move(errs);
  out << doc.dump(2) << '\n';
}

void write_inspect_text(std::ostream& out, std::span<const Activity> activities,
                        std::span<const io::FileError> errors) {
  for (const Activity& a : activities) {
    const Channels ch = channels(a);
    out << a.file << " #" << a.index << "  " << to_string(a.format) << "  " << to_string(a.sport);
    if (!a.sport_raw.empty()) out << " (\"" << a.sport_raw << "\")";
    if (!a.name.empty()) out << "  \"" << a.name << '"';
    out << '\n';
    if (!a.creator.empty()) out << "  creator   " << a.creator << '\n';
    if (const auto start = a.start_time_ms())
      out << "  time      " << format_rfc3339(*start) << " .. " << format_rfc3339(*a.end_time_ms())
          << '\n';
    else
      out << "  time      none (no timed trackpoint)\n";
    out << "  points    " << a.trackpoints << " trackpoints, " << a.samples.size() << " samples, "
        << a.segments << " segments, " << a.laps.size() << " laps\n";
    out << "  channels ";
    const std::pair<bool, const char*> names[] = {{ch.position, "position"},
                                                  {ch.elevation, "elevation"},
                                                  {ch.heart_rate, "heart_rate"},
                                                  {ch.cadence, "cadence"},
                                                  {ch.device_distance, "device_distance"},
                                                  {ch.device_speed, "device_speed"}};
    bool any = false;
    for (const auto& [present, name] : names)
      if (present) {
        out << ' ' << name;
        any = true;
      }
    out << (any ? "\n" : " none\n");
    for (const Note& n : a.notes) {
      out << "  note      " << n.message;
      if (n.first_line != 0) out << " (first at line " << n.first_line << ')';
      out << '\n';
    }
  }
  for (const io::FileError& e : errors) {
    out << "error: " << e.file;
    if (e.line != 0) out << ':' << e.line << ':' << e.column;
    out << ": " << e.message << " [" << e.code << "]\n";
  }
}

}  // namespace runaudit::report
