#include "runaudit/audit/limits.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <span>
#include <sstream>
#include <stdexcept>

#include "csv.hpp"
#include "limit_columns.hpp"
#include "runaudit/io/error.hpp"
#include "runaudit/local_time.hpp"
#include "text.hpp"

namespace runaudit::audit {

using text::lower;
using text::trimmed;
namespace {

// A limit derived from @p anchor (its source set by from()), or nullopt without one.
std::optional<Limit> anchored(const std::optional<double>& anchor, double factor,
                              LimitAnchor kind) {
  if (!anchor) return std::nullopt;
  return Limit{*anchor * factor, LimitSource::default_value, kind, *anchor};
}

std::optional<Limit> pace_from_anchor(const LimitInputs& in) {
  return anchored(in.threshold_pace_s_per_km, defaults::pace_over_threshold,
                  LimitAnchor::threshold_pace);
}

std::optional<Limit> hr_from_anchors(const LimitInputs& in) {
  if (in.lthr_bpm) return anchored(in.lthr_bpm, defaults::hr_of_lthr, LimitAnchor::lthr);
  return anchored(in.max_hr_bpm, defaults::hr_of_max, LimitAnchor::max_hr);
}

// @p limit from @p source, or nullopt.
std::optional<Limit> from(std::optional<Limit> limit, LimitSource source) {
  if (limit) limit->source = source;
  return limit;
}

std::optional<double> parse_number(std::string_view s) {
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(v))
    return std::nullopt;
  return v;
}

// The units a value may carry and the SI units per each: seconds per km for paces, metres for
// distances, m per km for climbing. A plain value is in the first (metric) or the second
// (imperial).
using Unit = std::pair<std::string_view, double>;
constexpr double km_per_mile = metres_per_mile / 1000, metres_per_foot = 1 / feet_per_metre;
constexpr Unit pace_units[] = {{"/km", 1}, {"/mi", 1 / km_per_mile}};
constexpr Unit distance_units[] = {{"km", 1000}, {"mi", metres_per_mile}, {"m", 1}};
constexpr Unit climb_units[] = {{"m/km", 1}, {"ft/mi", metres_per_foot / km_per_mile}};

// The SI units per written unit of @p suffix (empty: plain, in @p units) among @p known.
std::optional<double> scale_of(const std::string& suffix, std::span<const Unit> known,
                               Units units) {
  if (suffix.empty()) return known[units == Units::metric ? 0 : 1].second;
  for (const auto& [name, scale] : known)
    if (suffix == name) return scale;
  return std::nullopt;
}

}  // namespace

static_assert(std::size(limit_source_names) ==
              static_cast<std::size_t>(LimitSource::default_value) + 1);

std::string_view to_string(LimitSource source) noexcept {
  return limit_source_names[static_cast<std::size_t>(source)];
}

std::string_view to_string(LimitAnchor anchor) noexcept {
  return limit_anchor_names[static_cast<std::size_t>(anchor)];
}

bool in_range(const LimitInput& input, double si_value) noexcept {
  return (input.min_included ? si_value >= input.min : si_value > input.min) &&
         si_value <= input.max;
}

std::optional<double> parse_limit(const LimitInput& input, std::string_view text, Units units) {
  text = trimmed(text);
  // The value, then its unit suffix (maybe after spaces).
  const std::size_t split = input.kind == ValueKind::pace
                                ? std::min(text.find_first_not_of("0123456789:"), text.size())
                                : std::min(text.find_first_not_of("0123456789.eE+-"), text.size());
  const std::string_view value = text.substr(0, split);
  const std::string suffix = lower(trimmed(text.substr(split)));
  units = input.named_units.value_or(units);
  std::optional<double> scale;
  switch (input.kind) {
    case ValueKind::number:
      scale = suffix.empty() || suffix == input.unit ? std::optional<double>(input.si_per_unit)
                                                     : std::nullopt;
      break;
    case ValueKind::pace:
      scale = scale_of(suffix, pace_units, units);
      break;
    case ValueKind::distance:
      scale = scale_of(suffix, distance_units, units);
      break;
    case ValueKind::climb:
      scale = scale_of(suffix, climb_units, units);
      break;
  }
  const std::optional<double> v =
      input.kind == ValueKind::pace ? parse_pace(value) : parse_number(value);
  if (!v || !scale) return std::nullopt;
  const double si = *v * *scale;
  if (!in_range(input, si)) return std::nullopt;
  return si;
}

std::optional<Units> parse_units(std::string_view text) {
  const std::string name = lower(trimmed(text));
  if (name == "metric") return Units::metric;
  if (name == "imperial") return Units::imperial;
  return std::nullopt;
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
                      std::optional<double> usual_gap_s_per_km, const LimitInputs& device,
                      const LimitInputs* session, const LimitInputs* config) {
  const LimitInputs none;
  // The sources that people give, the first that has a value winning: the command line
  // overrides all; then the more specific beats the more general (the run's day, the athlete,
  // the whole batch's --config file).
  const std::pair<const LimitInputs&, LimitSource> given[] = {
      {flags, LimitSource::flag},
      {session ? *session : none, LimitSource::plan},
      {profile ? *profile : none, LimitSource::profile},
      {config ? *config : none, LimitSource::config}};
  // A limit from the first given source with its explicit value (or, for pace and HR, an
  // anchor), else from @p rest.
  const auto resolve = [&](std::optional<double> LimitInputs::*member, auto anchor,
                           std::optional<Limit> rest) -> std::optional<Limit> {
    for (const auto& [in, source] : given) {
      if (const std::optional<double>& v = in.*member) return Limit{*v, source};
      if (std::optional<Limit> a = from(anchor(in), source)) return a;
    }
    return rest;
  };
  const auto no_anchor = [](const LimitInputs&) { return std::optional<Limit>(); };
  const auto by_default = [](double v) { return Limit{v, LimitSource::default_value}; };
  Limits l;
  l.pace_limit_s_per_km = resolve(
      &LimitInputs::pace_limit_s_per_km, pace_from_anchor,
      usual_gap_s_per_km ? std::optional<Limit>(Limit{
                               *usual_gap_s_per_km * defaults::pace_over_usual, LimitSource::batch})
                         : std::nullopt);
  l.hr_limit_bpm = resolve(&LimitInputs::hr_limit_bpm, hr_from_anchors,
                           from(hr_from_anchors(device), LimitSource::device));
  l.max_duration_s =
      resolve(&LimitInputs::max_duration_s, no_anchor, by_default(defaults::max_duration_s));
  l.max_distance_m =
      resolve(&LimitInputs::max_distance_m, no_anchor, by_default(defaults::max_distance_m));
  l.max_gain_per_km_m =
      resolve(&LimitInputs::max_gain_per_km_m, no_anchor, by_default(defaults::max_gain_per_km_m));
  l.max_grade_pct =
      resolve(&LimitInputs::max_grade_pct, no_anchor, by_default(defaults::max_grade_pct));
  return l;
}

std::vector<AthleteProfile> read_athletes(const std::string& path, Units units) {
  std::ifstream in(path, std::ios::binary);
  const auto fail = [&](io::ParseErrc code, std::size_t line, const std::string& msg) {
    throw io::ParseError(code, io::SourceLocation{path, line, 0, -1}, msg);
  };
  if (!in) fail(io::ParseErrc::io, 0, "cannot open athletes file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::vector<csv::Row> rows = csv::parse(buffer.str(), path);
  if (rows.empty()) fail(io::ParseErrc::bad_csv, 0, "empty athletes file (needs a header row)");

  // The header's columns: "name", "timezone", or the limit columns (LimitColumns).
  const csv::Row& header = rows.front();
  std::optional<std::size_t> name, timezone;
  LimitColumns limits;
  for (std::size_t c = 0; c < header.cells.size(); ++c) {
    const std::string column = lower(trimmed(header.cells[c]));
    if (column == "name")
      name = c;
    else if (column == "timezone")
      timezone = c;
    else if (!limits.take(c, column))
      fail(
          io::ParseErrc::bad_csv, header.line,
          "unknown column '" + column + "' (known: name, timezone, " + LimitColumns::names() + ")");
  }
  if (!name) fail(io::ParseErrc::bad_csv, header.line, "the header has no 'name' column");

  std::vector<AthleteProfile> out;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const csv::Row& row = rows[r];
    if (row.cells.size() == 1 && row.cells[0].empty()) continue;  // blank line
    if (row.cells.size() != header.cells.size())
      fail(io::ParseErrc::bad_csv, row.line,
           std::to_string(row.cells.size()) + " cells, the header has " +
               std::to_string(header.cells.size()));
    AthleteProfile a;
    a.name = trimmed(row.cells[*name]);
    if (timezone) {
      a.timezone = trimmed(row.cells[*timezone]);
      if (!a.timezone.empty() && !TimeZone::find(a.timezone))
        fail(io::ParseErrc::bad_value, row.line,
             "bad timezone '" + a.timezone + "' (expected an IANA name such as Europe/Berlin)");
    }
    a.inputs = limits.read(row, units, path);
    if (a.name.empty()) fail(io::ParseErrc::bad_value, row.line, "empty athlete name");
    for (const AthleteProfile& other : out)
      if (other.name == a.name)
        fail(io::ParseErrc::bad_value, row.line, "athlete '" + a.name + "' listed twice");
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace runaudit::audit
