#include "runaudit/audit/limits.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "csv.hpp"
#include "runaudit/io/error.hpp"

namespace runaudit::audit {
namespace {

// The first source that has a value wins.
std::optional<Limit> first_of(
    std::initializer_list<std::pair<std::optional<double>, LimitSource>> xs) {
  for (const auto& [v, s] : xs)
    if (v) return Limit{*v, s};
  return std::nullopt;
}

std::optional<double> scaled(const std::optional<double>& v, double factor) {
  return v ? std::optional<double>(*v * factor) : std::nullopt;
}

std::optional<double> hr_from_anchors(const LimitInputs& in) {
  if (in.lthr_bpm) return *in.lthr_bpm * defaults::hr_of_lthr;
  return scaled(in.max_hr_bpm, defaults::hr_of_max);
}

std::optional<double> parse_number(std::string_view s) {
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace

std::string_view to_string(LimitSource source) noexcept {
  switch (source) {
    case LimitSource::flag:
      return "flag";
    case LimitSource::profile:
      return "profile";
    case LimitSource::batch:
      return "batch";
    case LimitSource::default_value:
      break;
  }
  return "default";
}

std::optional<double> parse_pace(std::string_view text) {
  // M:SS or H:MM:SS; every part digits only.
  std::vector<double> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t colon = text.find(':', start);
    const std::string_view part = text.substr(
        start, colon == std::string_view::npos ? std::string_view::npos : colon - start);
    if (part.empty() || part.find_first_not_of("0123456789") != std::string_view::npos)
      return std::nullopt;
    parts.push_back(*parse_number(part));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  if (parts.size() < 2 || parts.size() > 3 || parts.back() >= 60) return std::nullopt;
  if (text.size() < 3 || text[text.size() - 3] != ':') return std::nullopt;  // "5:3" is ambiguous
  if (parts.size() == 3 && parts[1] >= 60) return std::nullopt;
  double total = 0;
  for (const double p : parts) total = total * 60 + p;
  if (total <= 0 || total >= 3600) return std::nullopt;
  return total;
}

Limits resolve_limits(const LimitInputs& flags, const LimitInputs* profile,
                      std::optional<double> usual_gap_s_per_km) {
  const LimitInputs none;
  const LimitInputs& p = profile ? *profile : none;
  constexpr auto flag = LimitSource::flag, prof = LimitSource::profile;
  constexpr auto def = LimitSource::default_value;
  Limits l;
  l.pace_limit_s_per_km =
      first_of({{flags.pace_limit_s_per_km, flag},
                {scaled(flags.threshold_pace_s_per_km, defaults::pace_over_threshold), flag},
                {p.pace_limit_s_per_km, prof},
                {scaled(p.threshold_pace_s_per_km, defaults::pace_over_threshold), prof},
                {scaled(usual_gap_s_per_km, defaults::pace_over_usual), LimitSource::batch}});
  if (!l.pace_limit_s_per_km)
    l.pace_missing_reason =
        "no pace anchor: give --pace-limit or --threshold-pace, a threshold_pace in --athletes, "
        "or at least 5 runs of the athlete in the batch";
  l.hr_limit_bpm = first_of({{flags.hr_limit_bpm, flag},
                             {hr_from_anchors(flags), flag},
                             {p.hr_limit_bpm, prof},
                             {hr_from_anchors(p), prof}});
  if (!l.hr_limit_bpm)
    l.hr_missing_reason =
        "no heart-rate anchor: give --hr-limit, --lthr or --max-hr, or lthr / "
        "max_hr in --athletes";
  l.max_duration_s = first_of(
      {{flags.max_duration_s, flag}, {p.max_duration_s, prof}, {defaults::max_duration_s, def}});
  l.max_distance_m = first_of(
      {{flags.max_distance_m, flag}, {p.max_distance_m, prof}, {defaults::max_distance_m, def}});
  l.max_gain_per_km_m = first_of({{flags.max_gain_per_km_m, flag},
                                  {p.max_gain_per_km_m, prof},
                                  {defaults::max_gain_per_km_m, def}});
  l.max_grade_pct = first_of(
      {{flags.max_grade_pct, flag}, {p.max_grade_pct, prof}, {defaults::max_grade_pct, def}});
  return l;
}

std::vector<AthleteProfile> read_athletes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  const auto fail = [&](io::ParseErrc code, std::size_t line, const std::string& msg) {
    throw io::ParseError(code, io::SourceLocation{path, line, 0, -1}, msg);
  };
  if (!in) fail(io::ParseErrc::io, 0, "cannot open athletes file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::vector<csv::Row> rows = csv::parse(buffer.str(), path);
  if (rows.empty()) fail(io::ParseErrc::bad_csv, 0, "empty athletes file (needs a header row)");

  enum class Kind { name, pace, bpm, minutes, km, plain };
  const std::map<std::string, Kind> known{{"name", Kind::name},
                                          {"threshold_pace", Kind::pace},
                                          {"pace_limit", Kind::pace},
                                          {"max_hr", Kind::bpm},
                                          {"lthr", Kind::bpm},
                                          {"hr_limit", Kind::bpm},
                                          {"max_duration_min", Kind::minutes},
                                          {"max_distance_km", Kind::km},
                                          {"max_gain_per_km_m", Kind::plain},
                                          {"max_grade_pct", Kind::plain}};
  const csv::Row& header = rows.front();
  std::vector<std::string> columns;
  for (std::string c : header.cells) {
    for (char& ch : c) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    while (!c.empty() && c.back() == ' ') c.pop_back();
    while (!c.empty() && c.front() == ' ') c.erase(c.begin());
    if (!known.count(c))
      fail(io::ParseErrc::bad_csv, header.line,
           "unknown column '" + c +
               "' (known: name, threshold_pace, max_hr, lthr, "
               "pace_limit, hr_limit, max_duration_min, max_distance_km, "
               "max_gain_per_km_m, max_grade_pct)");
    columns.push_back(c);
  }
  if (std::find(columns.begin(), columns.end(), "name") == columns.end())
    fail(io::ParseErrc::bad_csv, header.line, "the header has no 'name' column");

  std::vector<AthleteProfile> out;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const csv::Row& row = rows[r];
    if (row.cells.size() == 1 && row.cells[0].empty()) continue;  // blank line
    if (row.cells.size() != columns.size())
      fail(io::ParseErrc::bad_csv, row.line,
           std::to_string(row.cells.size()) + " cells, the header has " +
               std::to_string(columns.size()));
    AthleteProfile a;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const std::string& key = columns[c];
      std::string cell = row.cells[c];
      while (!cell.empty() && cell.back() == ' ') cell.pop_back();
      while (!cell.empty() && cell.front() == ' ') cell.erase(cell.begin());
      if (key == "name") {
        a.name = cell;
        continue;
      }
      if (cell.empty()) continue;
      const Kind kind = known.at(key);
      std::optional<double> v = kind == Kind::pace ? parse_pace(cell) : parse_number(cell);
      const bool ok = v && *v > 0 && (kind != Kind::bpm || (*v >= 25 && *v <= 250));
      if (!ok)
        fail(io::ParseErrc::bad_value, row.line,
             "bad " + key + " '" + cell + "'" +
                 (kind == Kind::pace  ? " (expected M:SS per km)"
                  : kind == Kind::bpm ? " (expected 25..250 bpm)"
                                      : " (expected a positive number)"));
      LimitInputs& li = a.inputs;
      if (key == "threshold_pace")
        li.threshold_pace_s_per_km = v;
      else if (key == "pace_limit")
        li.pace_limit_s_per_km = v;
      else if (key == "max_hr")
        li.max_hr_bpm = v;
      else if (key == "lthr")
        li.lthr_bpm = v;
      else if (key == "hr_limit")
        li.hr_limit_bpm = v;
      else if (key == "max_duration_min")
        li.max_duration_s = *v * 60;
      else if (key == "max_distance_km")
        li.max_distance_m = *v * 1000;
      else if (key == "max_gain_per_km_m")
        li.max_gain_per_km_m = v;
      else if (key == "max_grade_pct")
        li.max_grade_pct = v;
    }
    if (a.name.empty()) fail(io::ParseErrc::bad_value, row.line, "empty athlete name");
    for (const AthleteProfile& other : out)
      if (other.name == a.name)
        fail(io::ParseErrc::bad_value, row.line, "athlete '" + a.name + "' listed twice");
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace runaudit::audit
