#pragma once
/// @file
/// Athletes' local time: calendar days at a UTC offset, date windows (`--since`, `--until`), IANA
/// time zones (Howard Hinnant's date library over the system's tz database) and times printed
/// with their offset (docs/ARCHITECTURE.md, "Time").

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace runaudit {

/// @return the local calendar day of @p utc_ms (UTC ms since the epoch) at @p utc_offset_s
///         (local time minus UTC, s), as days since 1970-01-01 (negative before it).
std::int64_t local_day(std::int64_t utc_ms, int utc_offset_s) noexcept;

/// @return @p day (days since 1970-01-01) as "YYYY-MM-DD".
std::string format_day(std::int64_t day);

/// An inclusive range of local calendar days (days since 1970-01-01); open ends by default.
struct DayRange {
  std::int64_t first = std::numeric_limits<std::int64_t>::min();
  std::int64_t last = std::numeric_limits<std::int64_t>::max();
  /// @return true when first <= @p day <= last.
  bool contains(std::int64_t day) const noexcept { return first <= day && day <= last; }
  /// @return true when some day is left out (a `--since` or an `--until` was given).
  bool bounded() const noexcept { return *this != DayRange{}; }
  /// @return true for the same first and last day.
  bool operator==(const DayRange&) const = default;
};

/// @return @p range as an ISO 8601 interval of dates, "2026-11-23/2026-11-29", with ".." for
///         an open end ("2026-11-23/..", "../.." for every day: ISO 8601-2).
std::string format_day_range(const DayRange& range);

/// Parses a date window value as `--since` and `--until` take it:
/// `YYYY-MM-DD` (that day), `YYYY-Www` (ISO 8601 week: Monday to Sunday; `2026-W48` is
/// 2026-11-23..29), `Nd` (the N days ending with @p today: `7d` is today and the 6 before) or
/// `Nw` (the N whole ISO weeks before the week of @p today: on any day of 2026-W49, `1w` is
/// 2026-W48, `4w` 2026-W45..W48).
/// @param today  the current local day (days since 1970-01-01), for `Nd` and `Nw`.
/// @return the days it covers, or nullopt for any other text (an impossible date, week 53 of a
///         year that has 52, `0d`, a year outside 1900–2200).
std::optional<DayRange> parse_day_range(std::string_view text, std::int64_t today) noexcept;

/// A time zone of the IANA database (`Europe/Berlin`, `America/Los_Angeles`, `UTC`).
class TimeZone {
 public:
  /// @return the zone named @p iana_name, or nullopt when the database has no such zone (or
  ///         the system has no tz database: Debian `tzdata`).
  static std::optional<TimeZone> find(const std::string& iana_name);
  /// @return local time minus UTC (s) at the instant @p utc_ms, daylight saving included.
  int utc_offset_s(std::int64_t utc_ms) const;
  /// @return local time minus UTC (s) for a wall-clock reading @p local_ms (ms since
  ///         1970-01-01T00:00:00 local), as the zone's rules give it (date::time_zone::get_info
  ///         of a local time). A reading that occurs twice (the hour the clocks go back) takes
  ///         the earlier instant's offset (summer time); one that never occurs (the hour they go
  ///         forward) the offset before the change.
  int local_utc_offset_s(std::int64_t local_ms) const;
  /// @return the zone's name as the database spells it.
  const std::string& name() const noexcept { return m_name; }

 private:
  TimeZone(const void* zone, std::string name) : m_zone(zone), m_name(std::move(name)) {}
  const void* m_zone;  // a date::time_zone of the database, which lives as long as the process
  std::string m_name;
};

/// @return @p utc_offset_s as RFC 3339 writes it: "+01:00", "-08:00", "+05:45", "+00:00" for 0
///         (a local time known to be UTC's, as London's in winter; a bare UTC time, whose local
///         time is unknown, is written with "Z").
std::string format_offset(int utc_offset_s);

/// @return the local time of @p utc_ms at @p utc_offset_s as RFC 3339 with its offset, e.g.
///         `2026-11-22T22:30:00-08:00` (milliseconds shown only when not zero, as
///         format_rfc3339).
std::string format_local_rfc3339(std::int64_t utc_ms, int utc_offset_s);

}  // namespace runaudit
