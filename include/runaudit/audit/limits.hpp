#pragma once
/// @file
/// The limits a recovery run is judged against, each with where it came from (docs/ARCHITECTURE.md,
/// "The audit"): command-line flags, then the athlete's profile, then a baseline from the athlete's
/// own runs in the batch, then built-in defaults.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runaudit/format.hpp"

namespace runaudit::audit {

/// Where a limit's value came from, in the order they are tried (resolve_limits): a
/// command-line flag, the run's day in the plan (--plan), the athlete's profile (--athletes),
/// the --config file, the recording device, the batch baseline, the defaults.
enum class LimitSource { flag, plan, profile, config, device, batch, default_value };
/// LimitSource names in the reports, indexed by the enum.
inline constexpr std::string_view limit_source_names[] = {"flag",   "plan",  "profile", "config",
                                                          "device", "batch", "default"};

/// @return "flag", "plan", "profile", "config", "device", "batch" or "default".
std::string_view to_string(LimitSource source) noexcept;

/// The anchor a limit was derived from, when it was not given itself: a threshold pace
/// (limit = defaults::pace_over_threshold × it), an LTHR (defaults::hr_of_lthr × it) or a
/// max HR (defaults::hr_of_max × it).
enum class LimitAnchor { none, threshold_pace, lthr, max_hr };
/// LimitAnchor names in the reports, indexed by the enum ("" for none).
inline constexpr std::string_view limit_anchor_names[] = {"", "threshold_pace", "lthr", "max_hr"};

/// @return "threshold_pace", "lthr", "max_hr", or "" for LimitAnchor::none.
std::string_view to_string(LimitAnchor anchor) noexcept;

/// A limit's value (SI units as its name says) and its source, with the anchor it was derived
/// from (its value in SI units: s/km, bpm), if any.
struct Limit {
  double value = 0;
  LimitSource source = LimitSource::default_value;
  LimitAnchor anchor = LimitAnchor::none;
  double anchor_value = 0;
  bool operator==(const Limit&) const = default;
};

/// Values an athlete or the command line may give; every field optional, SI units.
struct LimitInputs {
  std::optional<double> pace_limit_s_per_km;      ///< fastest allowed average GAP
  std::optional<double> threshold_pace_s_per_km;  ///< anchors pace: limit = 1.25 × threshold
  std::optional<double> hr_limit_bpm;
  std::optional<double> max_hr_bpm;  ///< anchors HR: limit = 0.76 × HRmax
  std::optional<double> lthr_bpm;    ///< anchors HR: limit = 0.85 × LTHR
  std::optional<double> max_duration_s;
  std::optional<double> max_distance_m;
  std::optional<double> max_gain_per_km_m;
  std::optional<double> max_grade_pct;
};

/// How a limit value is written, and the units it may carry (docs/reference.md, "Units of
/// limits").
enum class ValueKind {
  number,    ///< a plain number in the unit its column or option names (bpm, minutes, %)
  pace,      ///< M:SS per km or per mile: `4:30/km`, `7:15/mi`; plain: per km, per mile in
             ///< imperial units
  distance,  ///< `8km`, `5mi`, `8000m`; plain: km, miles in imperial units
  climb,     ///< climbing per distance: `10m/km`, `50ft/mi`; plain: m per km, ft per mile in
             ///< imperial units
};

/// One value of a LimitInputs as people give it (the command line, a --config file, an
/// athletes or plan file): how it is written and the range it must be in.
struct LimitInput {
  std::optional<double> LimitInputs::*member;
  std::string_view column;  ///< its column in an athletes or plan file (read_athletes)
  std::string_view option;  ///< its command-line option without "--"; empty: a column only
  ValueKind kind = ValueKind::number;
  /// The units the column's name states (`max_distance_km`): its plain values are in them
  /// whatever --units or the row's `units` say; absent: plain values follow those.
  std::optional<Units> named_units;
  double si_per_unit = 1;  ///< ValueKind::number: SI units per written unit (60 for minutes)
  double min = 0;          ///< SI: above min (at least min if min_included)
  bool min_included = false;
  double max = 0;             ///< SI: at most max
  std::string_view expected;  ///< what it must be, for messages ("a heart rate of 25..250 bpm")
  /// ValueKind::number: the unit its value may be written with, as the reports print it
  /// (`bpm`, `min`, `%`: `150bpm`, `45 min`, `4%`); empty: plain only.
  std::string_view unit = {};
};

/// Every value of a LimitInputs, with its range: paces up to an hour per km, heart rates of
/// 25..250 bpm (below any resting and above any recorded maximum), durations up to a day,
/// distances up to 1000 km, climbing up to 1000 m/km, grades up to 100 %; all above 0. An
/// infinite or huge value would silently disable its rule. A member's first row is the one
/// whose plain values follow the units (its option's); `max_distance_km` and
/// `max_gain_per_km_m`, columns of earlier athletes files, name their units.
inline constexpr LimitInput limit_inputs[] = {
    {&LimitInputs::threshold_pace_s_per_km, "threshold_pace", "threshold-pace", ValueKind::pace,
     std::nullopt, 1, 0, false, 3600,
     "a pace M:SS below an hour, as 4:30/km or 7:15/mi (without a unit: per km, per mile in "
     "imperial units)"},
    {&LimitInputs::max_hr_bpm, "max_hr", "max-hr", ValueKind::number, std::nullopt, 1, 25, true,
     250, "a heart rate of 25..250 bpm", "bpm"},
    {&LimitInputs::lthr_bpm, "lthr", "lthr", ValueKind::number, std::nullopt, 1, 25, true, 250,
     "a heart rate of 25..250 bpm", "bpm"},
    {&LimitInputs::pace_limit_s_per_km, "pace_limit", "pace-limit", ValueKind::pace, std::nullopt,
     1, 0, false, 3600,
     "a pace M:SS below an hour, as 4:30/km or 7:15/mi (without a unit: per km, per mile in "
     "imperial units)"},
    {&LimitInputs::hr_limit_bpm, "hr_limit", "hr-limit", ValueKind::number, std::nullopt, 1, 25,
     true, 250, "a heart rate of 25..250 bpm", "bpm"},
    {&LimitInputs::max_duration_s, "max_duration_min", "max-duration", ValueKind::number,
     std::nullopt, 60, 0, false, 24 * 3600, "a number of minutes above 0 and at most 1440", "min"},
    {&LimitInputs::max_distance_m, "max_distance", "max-distance", ValueKind::distance,
     std::nullopt, 1, 0, false, 1000e3,
     "a distance above 0 and at most 1000 km, as 8km, 5mi or 8000m (without a unit: km, miles "
     "in imperial units)"},
    {&LimitInputs::max_gain_per_km_m, "max_gain_per_km", "max-gain-per-km", ValueKind::climb,
     std::nullopt, 1, 0, false, 1000,
     "a climbing rate above 0 and at most 1000 m/km, as 10m/km or 50ft/mi (without a unit: m "
     "per km, ft per mile in imperial units)"},
    {&LimitInputs::max_grade_pct, "max_grade_pct", "max-grade", ValueKind::number, std::nullopt, 1,
     0, false, 100, "a percentage above 0 and at most 100", "%"},
    {&LimitInputs::max_distance_m, "max_distance_km", "", ValueKind::distance, Units::metric, 1, 0,
     false, 1000e3, "a distance above 0 and at most 1000 km (without a unit: km)"},
    {&LimitInputs::max_gain_per_km_m, "max_gain_per_km_m", "", ValueKind::climb, Units::metric, 1,
     0, false, 1000, "a climbing rate above 0 and at most 1000 m/km (without a unit: m per km)"},
};

/// @return whether @p si_value (SI units) is in the range of @p input; false for NaN.
bool in_range(const LimitInput& input, double si_value) noexcept;

/// Reads one limit value as written (an option, a --config line, a cell of an athletes or plan
/// file): the one parser of limit values. A unit suffix, after optional spaces and in any case,
/// says the value's unit: paces `/km` or `/mi` (`7:15/mi`), distances `km`, `mi` or `m`
/// (`5mi`), climbing `m/km` or `ft/mi` (`50ft/mi`); a plain value is in the input's
/// named_units, else in @p units: per km, km, m per km with Units::metric; per mile, miles,
/// ft per mile with Units::imperial (1 mi = 1609.344 m, 1 ft = 0.3048 m: the international
/// mile and foot). ValueKind::number values take only their own unit (LimitInput::unit: `bpm`,
/// `min`, `%`), or none.
/// @param input  its row of limit_inputs.
/// @param text   as written, e.g. "7:15", "7:15/mi", "8000m", "50 ft/mi".
/// @param units  the units of a plain value: --units, or the row's `units` column.
/// @return the value in SI units (s/km, m, m/km, s, bpm, %), or nullopt when it is not one:
///         not a number or pace, an unknown unit suffix, or out of range (in_range).
std::optional<double> parse_limit(const LimitInput& input, std::string_view text, Units units);

/// Reads a units name: `metric` or `imperial` (any case, spaces around ignored).
/// @return the units, or nullopt for anything else.
std::optional<Units> parse_units(std::string_view text);

/// Built-in defaults and factors, with their sources (docs/ARCHITECTURE.md, "The audit").
namespace defaults {
/// Recovery pace = 1.25 × threshold pace: slower than 80 % of critical velocity, Skiba's
/// "active recovery" zone as used by GoldenCheetah's pace zones.
inline constexpr double pace_over_threshold = 1.25;
/// HR limit = 0.85 × LTHR (Friel zone 1 upper bound).
inline constexpr double hr_of_lthr = 0.85;
/// HR limit = 0.76 × HRmax (Pfitzinger & Douglas, recovery runs < 76 % of maximal HR).
inline constexpr double hr_of_max = 0.76;
/// Batch baseline: recovery must be 10 % slower than the athlete's usual pace (median of the
/// per-run average GAP of their runs in the batch): "clearly slower than you are used to",
/// about 30 s/km at a usual 5:00/km, the gap between easy and recovery paces in Daniels' tables.
inline constexpr double pace_over_usual = 1.10;
/// Runs an athlete needs in the batch before their usual pace is trusted.
inline constexpr std::size_t baseline_min_runs = 5;
inline constexpr double max_duration_s = 45 * 60;  ///< coaching consensus 25–45 min
inline constexpr double max_distance_m = 8000;     ///< 3–5 miles
/// A distance is over its limit only beyond this share of it: what GPS distance cannot tell
/// apart (docs/distance.md and docs/fit-distance.md: ours within 1 % of the device's on 1 s
/// recordings, +0.4 to +0.7 % over certified courses). 8.07 km against 8 km is not a breach.
inline constexpr double distance_tolerance = 0.01;
inline constexpr double max_gain_per_km_m = 10;   ///< GPS-noise-aware "flat"
inline constexpr double max_grade_pct = 4;        ///< steepest sustained climb
inline constexpr double min_cooldown_s = 3 * 60;  ///< a trailing walk of ≥ 3 min (advice)
}  // namespace defaults

/// The resolved limits of one run. A rule whose limit is absent is not judged (judge()).
struct Limits {
  std::optional<Limit> pace_limit_s_per_km;
  std::optional<Limit> hr_limit_bpm;
  std::optional<Limit> max_duration_s;
  std::optional<Limit> max_distance_m;
  std::optional<Limit> max_gain_per_km_m;
  std::optional<Limit> max_grade_pct;
};

/// Resolves limits in the documented order: flags → plan session → profile → --config file →
/// device → batch baseline → defaults: the command line overrides all, then the values people
/// give, the more specific first (the run's day, the athlete, the whole batch: a config file
/// holds a club's defaults), then those derived from the watch and the athlete's runs. An
/// explicit limit beats an anchor of the same source (a flag --pace-limit beats
/// --threshold-pace); any value of a source beats every value of the sources after it (a
/// session's threshold_pace beats the profile's pace_limit, a profile's lthr the config file's
/// hr-limit).
/// @param flags            values given on the command line.
/// @param profile          the athlete's row of --athletes, or nullptr.
/// @param usual_gap_s_per_km  the athlete's batch baseline (median per-run GAP), if known.
/// @param device           the HR anchors the recording device holds (lthr_bpm: FIT
///                         zones_target threshold_heart_rate; max_hr_bpm: its max heart rate),
///                         used for the HR limit when neither flags nor profile give one; other
///                         members are ignored. A device leaves unset anchors absent (never 0).
/// @param session          the limits of the run's day in the plan (PlannedSession::limits), or
///                         nullptr.
/// @param config           values given in the --config file, or nullptr.
Limits resolve_limits(const LimitInputs& flags, const LimitInputs* profile,
                      std::optional<double> usual_gap_s_per_km, const LimitInputs& device = {},
                      const LimitInputs* session = nullptr, const LimitInputs* config = nullptr);

/// One athlete of an athletes file.
struct AthleteProfile {
  std::string name;
  LimitInputs inputs;
  std::string timezone;  ///< IANA time zone of the athlete's local time; empty: not given
};

/// Reads an athletes CSV (RFC 4180, header row, any column order; `name` required). Columns,
/// all optional but `name`: those of limit_inputs (`threshold_pace`, `pace_limit`: paces;
/// `max_hr`, `lthr`, `hr_limit`: bpm; `max_duration_min`; `max_distance`; `max_gain_per_km`;
/// `max_grade_pct`; `max_distance_km` and `max_gain_per_km_m` in the units they name), read by
/// parse_limit; `units` (`metric` or `imperial`), the units of the row's values without a unit
/// suffix (default @p units); and `timezone`, an IANA name (`Europe/Berlin`) for the athlete's
/// local time where a file gives no offset. Empty cells are absent. Unknown columns are an
/// error (a typo would silently drop a limit), and so is a member given twice
/// (`max_distance` and `max_distance_km`).
/// @param path   the file.
/// @param units  the units of values without a unit suffix in rows without `units` (--units).
/// @throws io::ParseError at the file and line: io (unreadable file), bad_csv (not CSV, missing
///         name column, unknown column, a row of another length), bad_value (naming the column:
///         a pace of 7:75, a negative HR, an unknown unit suffix, units other than metric or
///         imperial; a time zone the tz database lacks; an empty name, a duplicate athlete).
std::vector<AthleteProfile> read_athletes(const std::string& path, Units units = Units::metric);

/// Parses a pace "M:SS" (or "MM:SS", "H:MM:SS") into seconds.
/// @return nullopt unless minutes >= 0 and 0 <= seconds < 60 and the total is in (0, 3600).
std::optional<double> parse_pace(std::string_view text);

}  // namespace runaudit::audit
