#pragma once
/// @file
/// RFC 3339 timestamps <-> UTC milliseconds since the Unix epoch. Locale-free, allocation-free
/// parsing (docs/ARCHITECTURE.md, "Errors", "The batch").

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace runaudit {

/// Result of parsing one timestamp.
struct ParsedTime {
  std::int64_t utc_ms = 0;  ///< UTC, milliseconds since 1970-01-01T00:00:00Z
  bool had_zone = true;     ///< false when the text had no `Z` or offset (taken as UTC)
  /// The local offset written (local time minus UTC, s): absent for `Z`, `-00:00` (RFC 3339
  /// §4.3: local offset unknown) and no zone.
  std::optional<int> utc_offset_s;
};

/// Parses an RFC 3339 / ISO 8601 date-time as GPS files write it:
/// `YYYY-MM-DDTHH:MM:SS[.fraction][Z|±hh:mm|±hhmm]` (a space or lowercase `t` is accepted for
/// `T`, lowercase `z` for `Z`). Fractions of any length are truncated to milliseconds. Without
/// a zone the time is taken as UTC and `had_zone` is false. A leap second (`:60`) is read as the
/// next second. Surrounding white space is ignored.
/// @param text  the timestamp text.
/// @return nullopt when the text is not of that form or names an impossible date or time
///         (month 13, 30 February, hour 24, offset beyond ±23:59, year outside 1900–2200).
/// @see RFC 3339 §5.6; days-from-civil after H. Hinnant, "chrono-Compatible Low-Level Date
///      Algorithms".
std::optional<ParsedTime> parse_rfc3339(std::string_view text) noexcept;

/// parse_rfc3339 for the timestamps of one track, which come in order and mostly share their
/// date, hour and minute: the UTC minute of the last text is remembered, and a text that repeats
/// its first 16 characters (`YYYY-MM-DDTHH:MM`) and its zone only has its seconds and fraction
/// read. Measured (callgrind, 1 s recordings): about half of parse_rfc3339's instructions. Results
/// are exactly parse_rfc3339's for every input (tests compare both). One instance per thread.
class TimestampParser {
 public:
  /// @return parse_rfc3339(@p text).
  std::optional<ParsedTime> parse(std::string_view text) noexcept;

 private:
  bool m_valid = false;
  char m_minute[16] = {};  // the last text's "YYYY-MM-DDTHH:MM"
  char m_zone[8] = {};     // its zone as written: "Z", "+02:00", "-0530" or empty
  std::size_t m_zone_size = 0;
  std::int64_t m_minute_ms = 0;       // its UTC at second 0 of that minute
  std::optional<int> m_utc_offset_s;  // its offset
};

/// Formats UTC milliseconds as RFC 3339 with `Z`, e.g. `2024-05-01T06:30:00Z`; milliseconds are
/// shown (`.250`) only when not zero.
/// @param utc_ms  milliseconds since the Unix epoch; any int64 value within years 0–9999.
std::string format_rfc3339(std::int64_t utc_ms);

/// ISO 8601 week of a UTC instant: weeks start on Monday; week 1 holds the year's first Thursday.
struct IsoWeek {
  int year = 0;  ///< ISO week-numbering year (may differ from the calendar year near 1 January)
  int week = 0;  ///< 1–53
};

/// @param utc_ms  milliseconds since the Unix epoch.
/// @return its ISO week (UTC).
IsoWeek iso_week(std::int64_t utc_ms) noexcept;

}  // namespace runaudit
