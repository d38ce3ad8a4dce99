#pragma once
/// @file
/// The limits a recovery run is judged against, each with where it came from (docs/ARCHITECTURE.md,
/// "The audit"): command-line flags, then the athlete's profile, then a baseline from the athlete's
/// own runs in the batch, then built-in defaults.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace runaudit::audit {

/// Where a limit's value came from.
enum class LimitSource { flag, profile, device, batch, default_value };
/// LimitSource names in the reports, indexed by the enum.
inline constexpr std::string_view limit_source_names[] = {"flag", "profile", "device", "batch",
                                                          "default"};

/// @return "flag", "profile", "device", "batch" or "default".
std::string_view to_string(LimitSource source) noexcept;

/// A limit's value (SI units as its name says) and its source.
struct Limit {
  double value = 0;
  LimitSource source = LimitSource::default_value;
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

/// One value of a LimitInputs as people give it (the command line, an athletes file): how it
/// is written and the range it must be in.
struct LimitInput {
  std::optional<double> LimitInputs::*member;
  std::string_view column;  ///< its column in an athletes file (read_athletes)
  bool pace = false;        ///< written M:SS (parse_pace), else a plain number
  double si_per_unit = 1;   ///< SI units per written unit: 60 for minutes, 1000 for km
  double min = 0;           ///< in written units: above min (at least min if min_included)
  bool min_included = false;
  double max = 0;             ///< in written units: at most max
  std::string_view expected;  ///< what it must be, for messages ("a heart rate of 25..250 bpm")
};

/// Every value of a LimitInputs, with its range: paces up to an hour per km, heart rates of
/// 25..250 bpm (below any resting and above any recorded maximum), durations up to a day,
/// distances up to 1000 km, climbing up to 1000 m/km, grades up to 100 %; all above 0. An
/// infinite or huge value would silently disable its rule.
inline constexpr LimitInput limit_inputs[] = {
    {&LimitInputs::threshold_pace_s_per_km, "threshold_pace", true, 1, 0, false, 3600,
     "a pace M:SS between 0:01 and 59:59"},
    {&LimitInputs::max_hr_bpm, "max_hr", false, 1, 25, true, 250, "a heart rate of 25..250 bpm"},
    {&LimitInputs::lthr_bpm, "lthr", false, 1, 25, true, 250, "a heart rate of 25..250 bpm"},
    {&LimitInputs::pace_limit_s_per_km, "pace_limit", true, 1, 0, false, 3600,
     "a pace M:SS between 0:01 and 59:59"},
    {&LimitInputs::hr_limit_bpm, "hr_limit", false, 1, 25, true, 250,
     "a heart rate of 25..250 bpm"},
    {&LimitInputs::max_duration_s, "max_duration_min", false, 60, 0, false, 24 * 60,
     "a number above 0 and at most 1440"},
    {&LimitInputs::max_distance_m, "max_distance_km", false, 1000, 0, false, 1000,
     "a number above 0 and at most 1000"},
    {&LimitInputs::max_gain_per_km_m, "max_gain_per_km_m", false, 1, 0, false, 1000,
     "a number above 0 and at most 1000"},
    {&LimitInputs::max_grade_pct, "max_grade_pct", false, 1, 0, false, 100,
     "a number above 0 and at most 100"},
};

/// @return whether @p si_value (SI units) is in the range of @p input; false for NaN.
bool in_range(const LimitInput& input, double si_value) noexcept;

/// Checks every value @p inputs holds against its range (limit_inputs): the one check of limit
/// inputs, whatever gave them (the command line, an athletes file, a library caller).
/// @return the first value out of range (its row of limit_inputs), or nullptr when all are in
///         range.
const LimitInput* check_limit_inputs(const LimitInputs& inputs) noexcept;

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
inline constexpr double max_gain_per_km_m = 10;    ///< GPS-noise-aware "flat"
inline constexpr double max_grade_pct = 4;         ///< steepest sustained climb
inline constexpr double min_cooldown_s = 3 * 60;   ///< a trailing walk of ≥ 3 min (advice)
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

/// Resolves limits in the documented order: flags → profile → device → batch baseline → defaults.
/// An explicit limit beats an anchor of the same source (a flag --pace-limit beats
/// --threshold-pace).
/// @param flags            values given on the command line.
/// @param profile          the athlete's row of --athletes, or nullptr.
/// @param usual_gap_s_per_km  the athlete's batch baseline (median per-run GAP), if known.
/// @param device           the HR anchors the recording device holds (lthr_bpm: FIT
///                         zones_target threshold_heart_rate; max_hr_bpm: its max heart rate),
///                         used for the HR limit when neither flags nor profile give one; other
///                         members are ignored. A device leaves unset anchors absent (never 0).
Limits resolve_limits(const LimitInputs& flags, const LimitInputs* profile,
                      std::optional<double> usual_gap_s_per_km, const LimitInputs& device = {});

/// One athlete of an athletes file.
struct AthleteProfile {
  std::string name;
  LimitInputs inputs;
  std::string timezone;  ///< IANA time zone of the athlete's local time; empty: not given
};

/// Reads an athletes CSV (RFC 4180, header row, any column order; `name` required). Columns,
/// all optional but `name`: those of limit_inputs: `threshold_pace` (M:SS per km), `max_hr`,
/// `lthr`, `pace_limit` (M:SS per km), `hr_limit` (bpm), `max_duration_min`, `max_distance_km`,
/// `max_gain_per_km_m`, `max_grade_pct`; and `timezone`, an IANA name (`Europe/Berlin`) for the
/// athlete's local time where a file gives no offset. Empty cells are absent. Unknown columns
/// are an error (a typo would silently drop a limit).
/// @param path  the file.
/// @throws io::ParseError at the file and line: io (unreadable file), bad_csv (not CSV, missing
///         name column, unknown column, a row of another length), bad_value (a pace of 7:75, a
///         negative HR: check_limit_inputs; a time zone the tz database lacks; an empty name, a
///         duplicate athlete).
std::vector<AthleteProfile> read_athletes(const std::string& path);

/// Parses a pace "M:SS" (or "MM:SS", "H:MM:SS") into seconds.
/// @return nullopt unless minutes >= 0 and 0 <= seconds < 60 and the total is in (0, 3600).
std::optional<double> parse_pace(std::string_view text);

}  // namespace runaudit::audit
