#include "runaudit/audit/limits.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "csv.hpp"
#include "runaudit/io/error.hpp"
#include "runaudit/local_time.hpp"

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

void trim(std::string& s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
}

// "bad max_hr '300' (expected a heart rate of 25..250 bpm)"
std::string bad(const LimitInput& input, const std::string& cell) {
  return "bad " + std::string(input.column) + " '" + cell + "' (expected " +
         std::string(input.expected) + ")";
}

std::optional<double> parse_number(std::string_view s) {
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace

static_assert(std::size(limit_source_names) ==
              static_cast<std::size_t>(LimitSource::default_value) + 1);

std::string_view to_string(LimitSource source) noexcept {
  return limit_source_names[static_cast<std::size_t>(source)];
}

bool in_range(const LimitInput& input, double si_value) noexcept {
  const double v = si_value / input.si_per_unit;
  return (input.min_included ? v >= input.min : v > input.min) && v <= input.max;
}

const LimitInput* check_limit_inputs(const LimitInputs& inputs) noexcept {
  for (const LimitInput& input : limit_inputs) {
    const std::optional<double>& v = inputs.*input.member;
    if (v && !in_range(input, *v)) return &input;
  }
  return nullptr;
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
                      std::optional<double> usual_gap_s_per_km, const LimitInputs& device) {
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
  l.hr_limit_bpm = first_of({{flags.hr_limit_bpm, flag},
                             {hr_from_anchors(flags), flag},
                             {p.hr_limit_bpm, prof},
                             {hr_from_anchors(p), prof},
                             {hr_from_anchors(device), LimitSource::device}});
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

  // The header's columns: "name", "timezone" or a row of limit_inputs.
  struct Column {
    enum Kind { name, timezone, limit } kind = limit;
    const LimitInput* input = nullptr;  // for a limit
  };
  const csv::Row& header = rows.front();
  std::vector<Column> columns;
  bool has_name = false;
  for (std::string c : header.cells) {
    for (char& ch : c) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    trim(c);
    const auto input = std::find_if(std::begin(limit_inputs), std::end(limit_inputs),
                                    [&](const LimitInput& i) { return i.column == c; });
    if (c == "name") {
      has_name = true;
      columns.push_back({Column::name});
    } else if (c == "timezone") {
      columns.push_back({Column::timezone});
    } else if (input != std::end(limit_inputs)) {
      columns.push_back({Column::limit, &*input});
    } else {
      std::string known = "name, timezone";
      for (const LimitInput& i : limit_inputs) known += ", " + std::string(i.column);
      fail(io::ParseErrc::bad_csv, header.line,
           "unknown column '" + c + "' (known: " + known + ")");
    }
  }
  if (!has_name) fail(io::ParseErrc::bad_csv, header.line, "the header has no 'name' column");

  std::vector<AthleteProfile> out;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const csv::Row& row = rows[r];
    if (row.cells.size() == 1 && row.cells[0].empty()) continue;  // blank line
    if (row.cells.size() != columns.size())
      fail(io::ParseErrc::bad_csv, row.line,
           std::to_string(row.cells.size()) + " cells, the header has " +
               std::to_string(columns.size()));
    AthleteProfile a;
    std::vector<std::string> cells = row.cells;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      std::string& cell = cells[c];
      trim(cell);
      if (columns[c].kind == Column::name) {
        a.name = cell;
        continue;
      }
      if (cell.empty()) continue;
      if (columns[c].kind == Column::timezone) {
        if (!TimeZone::find(cell))
          fail(io::ParseErrc::bad_value, row.line,
               "bad timezone '" + cell + "' (expected an IANA name such as Europe/Berlin)");
        a.timezone = cell;
        continue;
      }
      const LimitInput& input = *columns[c].input;
      const std::optional<double> v = input.pace ? parse_pace(cell) : parse_number(cell);
      if (!v) fail(io::ParseErrc::bad_value, row.line, bad(input, cell));
      a.inputs.*input.member = *v * input.si_per_unit;
    }
    if (const LimitInput* wrong = check_limit_inputs(a.inputs)) {
      const auto c = std::find_if(columns.begin(), columns.end(),
                                  [&](const Column& col) { return col.input == wrong; }) -
                     columns.begin();
      fail(io::ParseErrc::bad_value, row.line, bad(*wrong, cells[static_cast<std::size_t>(c)]));
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
