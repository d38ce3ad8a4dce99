#include "runaudit/local_time.hpp"

#include <date/date.h>
#include <date/iso_week.h>
#include <date/tz.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "runaudit/time.hpp"

namespace runaudit {
namespace {

constexpr std::int64_t ms_per_day = 86'400'000;

std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  const std::int64_t q = a / b;
  return q * b > a ? q - 1 : q;
}

// Reads exactly @p width digits of @p s at @p pos.
bool read_digits(std::string_view s, std::size_t& pos, std::size_t width, int& out) noexcept {
  if (pos + width > s.size()) return false;
  for (std::size_t i = 0; i < width; ++i)
    if (s[pos + i] < '0' || s[pos + i] > '9') return false;
  std::from_chars(s.data() + pos, s.data() + pos + width, out);
  pos += width;
  return true;
}

std::int64_t days_of(const date::sys_days& d) noexcept {
  return d.time_since_epoch().count();
}

}  // namespace

std::int64_t local_day(std::int64_t utc_ms, int utc_offset_s) noexcept {
  return floor_div(utc_ms + std::int64_t{utc_offset_s} * 1000, ms_per_day);
}

std::string format_day(std::int64_t day) {
  const date::year_month_day ymd{date::sys_days{date::days{day}}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string format_day_range(const DayRange& range) {
  const auto end = [](std::int64_t day, std::int64_t open) {
    return day == open ? std::string("..") : format_day(day);
  };
  return end(range.first, std::numeric_limits<std::int64_t>::min()) + "/" +
         end(range.last, std::numeric_limits<std::int64_t>::max());
}

std::optional<DayRange> parse_day_range(std::string_view s, std::int64_t today) noexcept {
  const char unit = s.empty() ? 0 : static_cast<char>(s.back() | 0x20);  // lower case
  if (unit == 'd' || unit == 'w') {
    int n = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size() - 1, n);
    if (ec != std::errc() || end != s.data() + s.size() - 1 || n < 1 || n > 100'000)
      return std::nullopt;
    if (unit == 'd') return DayRange{today - (n - 1), today};
    // This week's Monday: today less the days since Monday (ISO weekday 1..7).
    const date::sys_days day{date::days{today}};
    const std::int64_t this_monday = today - (std::int64_t{date::weekday{day}.iso_encoding()} - 1);
    return DayRange{this_monday - 7 * std::int64_t{n}, this_monday - 1};
  }
  std::size_t pos = 0;
  int year = 0;
  if (!read_digits(s, pos, 4, year) || year < 1900 || year > 2200 || pos >= s.size() ||
      s[pos++] != '-')
    return std::nullopt;
  if (pos < s.size() && (s[pos] == 'W' || s[pos] == 'w')) {
    ++pos;
    int week = 0;
    if (!read_digits(s, pos, 2, week) || pos != s.size() || week < 1) return std::nullopt;
    const iso_week::year_weeknum_weekday monday{
        iso_week::year{year}, iso_week::weeknum{static_cast<unsigned>(week)}, iso_week::mon};
    if (!monday.ok()) return std::nullopt;  // week 53 of a 52-week year
    const std::int64_t first = days_of(date::sys_days{monday});
    return DayRange{first, first + 6};
  }
  int month = 0, day = 0;
  if (!read_digits(s, pos, 2, month) || pos >= s.size() || s[pos++] != '-' ||
      !read_digits(s, pos, 2, day) || pos != s.size())
    return std::nullopt;
  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  const std::int64_t d = days_of(date::sys_days{ymd});
  return DayRange{d, d};
}

std::optional<TimeZone> TimeZone::find(const std::string& iana_name) {
  try {
    const date::time_zone* zone = date::locate_zone(iana_name);
    return TimeZone(zone, std::string(zone->name()));
  } catch (const std::exception&) {  // unknown name, or no database on the system
    return std::nullopt;
  }
}

int TimeZone::utc_offset_s(std::int64_t utc_ms) const {
  const auto* zone = static_cast<const date::time_zone*>(m_zone);
  const date::sys_seconds t{std::chrono::seconds{floor_div(utc_ms, 1000)}};
  return static_cast<int>(zone->get_info(t).offset.count());
}

int TimeZone::local_utc_offset_s(std::int64_t local_ms) const {
  const auto* zone = static_cast<const date::time_zone*>(m_zone);
  const date::local_seconds t{std::chrono::seconds{floor_div(local_ms, 1000)}};
  // unique: first; ambiguous: first is the earlier instant's; nonexistent: first is before it.
  return static_cast<int>(zone->get_info(t).first.offset.count());
}

std::string format_offset(int utc_offset_s) {
  const int minutes = (utc_offset_s < 0 ? -utc_offset_s : utc_offset_s) / 60 % (100 * 60);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", utc_offset_s < 0 ? '-' : '+', minutes / 60,
                minutes % 60);
  return buf;
}

std::string format_local_rfc3339(std::int64_t utc_ms, int utc_offset_s) {
  std::string text = format_rfc3339(utc_ms + std::int64_t{utc_offset_s} * 1000);
  text.pop_back();  // the 'Z' of UTC
  return text + format_offset(utc_offset_s);
}

}  // namespace runaudit
