#include "runaudit/time.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace runaudit {
namespace {

constexpr std::int64_t ms_per_day = 86'400'000;

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, days_from_civil).
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t year;
  unsigned month, day;
};

// Inverse of days_from_civil (H. Hinnant, civil_from_days).
constexpr Civil civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

constexpr bool is_leap(std::int64_t y) noexcept {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

constexpr unsigned days_in_month(std::int64_t y, unsigned m) noexcept {
  constexpr std::array<unsigned, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

// Reads exactly n decimal digits at s[pos], advancing pos.
bool digits(std::string_view s, std::size_t& pos, std::size_t n, unsigned& out) noexcept {
  if (pos + n > s.size()) return false;
  unsigned v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  pos += n;
  out = v;
  return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) noexcept {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

constexpr bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trim_space(std::string_view s) noexcept {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// An optional fraction of a second at s[pos] ('.' or ',' and at least one digit), truncated to
// milliseconds into @p millis; advances pos. @return false for a separator without digits.
bool fraction(std::string_view s, std::size_t& pos, std::int64_t& millis) noexcept {
  if (pos >= s.size() || (s[pos] != '.' && s[pos] != ',')) return true;
  const std::size_t first = ++pos;
  for (std::int64_t scale = 100; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos) {
    if (scale > 0) millis += (s[pos] - '0') * scale;  // truncate beyond milliseconds
    scale /= 10;
  }
  return pos != first;
}

}  // namespace

std::optional<ParsedTime> parse_rfc3339(std::string_view s) noexcept {
  s = trim_space(s);

  std::size_t pos = 0;
  unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!digits(s, pos, 4, year) || !expect(s, pos, '-') || !digits(s, pos, 2, month) ||
      !expect(s, pos, '-') || !digits(s, pos, 2, day))
    return std::nullopt;
  if (pos >= s.size() || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')) return std::nullopt;
  ++pos;
  if (!digits(s, pos, 2, hour) || !expect(s, pos, ':') || !digits(s, pos, 2, minute) ||
      !expect(s, pos, ':') || !digits(s, pos, 2, second))
    return std::nullopt;

  std::int64_t millis = 0;
  if (!fraction(s, pos, millis)) return std::nullopt;

  ParsedTime out;
  std::int64_t offset_min = 0;
  if (pos == s.size()) {
    out.had_zone = false;
  } else if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    const int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    unsigned oh = 0, om = 0;
    if (!digits(s, pos, 2, oh)) return std::nullopt;
    if (pos < s.size() && s[pos] == ':') ++pos;
    if (!digits(s, pos, 2, om) || oh > 23 || om > 59) return std::nullopt;
    offset_min = sign * static_cast<std::int64_t>(oh * 60 + om);
    // "-00:00": UTC, local offset unknown (RFC 3339 §4.3).
    if (sign > 0 || offset_min != 0) out.utc_offset_s = static_cast<int>(offset_min * 60);
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;

  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, month) || hour > 23 || minute > 59 || second > 60)
    return std::nullopt;

  const std::int64_t days = days_from_civil(year, month, day);
  const std::int64_t seconds = static_cast<std::int64_t>(hour) * 3600 + minute * 60 + second;
  out.utc_ms = days * ms_per_day + (seconds - offset_min * 60) * 1000 + millis;
  return out;
}

IsoWeek iso_week(std::int64_t utc_ms) noexcept {
  std::int64_t days = utc_ms / ms_per_day;
  if (utc_ms % ms_per_day < 0) --days;
  const std::int64_t weekday = ((days + 3) % 7 + 7) % 7;  // 1970-01-01 was a Thursday; Monday = 0
  const std::int64_t thursday = days - weekday + 3;       // the week belongs to its Thursday's year
  const Civil c = civil_from_days(thursday);
  const std::int64_t jan1 = days_from_civil(c.year, 1, 1);
  return {static_cast<int>(c.year), static_cast<int>((thursday - jan1) / 7 + 1)};
}

namespace {

// Seconds, fraction and zone of a text laid out as YYYY-MM-DDTHH:MM:SS[.fff][zone], from
// position 16 (':'): the part that differs between consecutive trackpoints.
struct Tail {
  unsigned second = 0;
  std::int64_t millis = 0;
  std::string_view zone;
};

std::optional<Tail> read_tail(std::string_view s) noexcept {
  std::size_t pos = 16;
  Tail t;
  if (!expect(s, pos, ':') || !digits(s, pos, 2, t.second) || t.second > 59 ||
      !fraction(s, pos, t.millis))
    return std::nullopt;
  t.zone = s.substr(pos);
  return t;
}

}  // namespace

std::optional<ParsedTime> TimestampParser::parse(std::string_view s) noexcept {
  s = trim_space(s);
  if (m_valid && s.size() > 16 && std::equal(m_minute, m_minute + 16, s.begin())) {
    const auto tail = read_tail(s);
    if (tail && tail->zone == std::string_view(m_zone, m_zone_size))
      return ParsedTime{m_minute_ms + tail->second * 1000 + tail->millis, m_zone_size > 0,
                        m_utc_offset_s};
  }
  const auto parsed = parse_rfc3339(s);
  m_valid = false;
  if (!parsed) return parsed;
  if (const auto tail = read_tail(s); tail && tail->zone.size() <= sizeof m_zone) {
    std::copy(s.begin(), s.begin() + 16, m_minute);
    std::copy(tail->zone.begin(), tail->zone.end(), m_zone);
    m_zone_size = tail->zone.size();
    m_minute_ms = parsed->utc_ms - tail->second * 1000 - tail->millis;
    m_utc_offset_s = parsed->utc_offset_s;
    m_valid = true;
  }
  return parsed;
}

std::string format_rfc3339(std::int64_t utc_ms) {
  std::int64_t days = utc_ms / ms_per_day;
  std::int64_t rem = utc_ms % ms_per_day;
  if (rem < 0) {
    rem += ms_per_day;
    --days;
  }
  const Civil c = civil_from_days(days);
  const auto ms = static_cast<int>(rem % 1000);
  const auto secs = static_cast<int>(rem / 1000);
  std::array<char, 40> buf{};
  int n = std::snprintf(buf.data(), buf.size(), "%04lld-%02u-%02uT%02d:%02d:%02d",
                        static_cast<long long>(c.year), c.month, c.day, secs / 3600, secs / 60 % 60,
                        secs % 60);
  if (ms != 0)
    n += std::snprintf(buf.data() + n, buf.size() - static_cast<std::size_t>(n), ".%03d", ms);
  std::string out(buf.data(), static_cast<std::size_t>(n));
  out += 'Z';
  return out;
}

}  // namespace runaudit
