#include "runaudit/format.hpp"

#include <cmath>
#include <cstdio>

namespace runaudit {

std::string format_clock(double seconds) {
  const long s = std::lround(seconds);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

std::string format_fixed(double value, int decimals) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

std::string format_pace(double s_per_km, Units units) {
  const bool imperial = units == Units::imperial;
  return format_clock(imperial ? s_per_km * metres_per_mile / 1000 : s_per_km) +
         (imperial ? "/mi" : "/km");
}

std::string format_distance(double metres, Units units) {
  return units == Units::imperial ? format_fixed(metres / metres_per_mile, 2) + " mi"
                                  : format_fixed(metres / 1000, 2) + " km";
}

std::string format_speed(double m_per_s, Units units) {
  return units == Units::imperial ? format_fixed(m_per_s * 3600 / metres_per_mile, 1) + " mph"
                                  : format_fixed(m_per_s * 3.6, 1) + " km/h";
}

std::string format_climb_rate(double m_per_km, Units units, int decimals) {
  // 1 m/km = 3.28084 ft per 0.621371 mi = 5.28 ft/mi.
  return units == Units::imperial
             ? format_fixed(m_per_km * feet_per_metre * metres_per_mile / 1000, decimals) + " ft/mi"
             : format_fixed(m_per_km, decimals) + " m/km";
}

std::string format_bpm(double bpm) {
  const double tenths = std::round(bpm * 10) / 10;  // half away from zero, as JSON rounds
  const bool whole = tenths == std::round(tenths);
  return format_fixed(tenths, whole ? 0 : 1) + " bpm";
}

std::string format_span(double start_m, double end_m, Units units) {
  const double k = units == Units::imperial ? metres_per_mile : 1000;
  // Tenths, or hundredths where the tenths would make the span's ends one.
  std::string from = format_fixed(start_m / k, 1), to = format_fixed(end_m / k, 1);
  if (from == to && start_m != end_m) {
    from = format_fixed(start_m / k, 2);
    to = format_fixed(end_m / k, 2);
  }
  return std::string(units == Units::imperial ? "mi " : "km ") + from + "–" + to;
}

std::string clean_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += c < 0x20 || c == 0x7F ? ' ' : static_cast<char>(c);
      ++i;
      continue;
    }
    // Length and first-byte bounds of a well-formed sequence (RFC 3629 §4).
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
      len = 2;
    else if (c == 0xE0)
      len = 3, lo = 0xA0;
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
      len = 3;
    else if (c == 0xED)
      len = 3, hi = 0x9F;
    else if (c == 0xF0)
      len = 4, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3)
      len = 4;
    else if (c == 0xF4)
      len = 4, hi = 0x8F;
    bool ok = len > 0 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      ok = k == 1 ? b >= lo && b <= hi : b >= 0x80 && b <= 0xBF;
    }
    if (ok) {
      // The code point, for the characters that break a line or turn it backwards.
      const char32_t cp = code_point(s.substr(i, len));
      if (is_line_breaking(cp))
        out += ' ';
      else if (!is_bidi_control(cp))
        out.append(s.substr(i, len));
      i += len;
    } else {
      out += replacement;
      ++i;
    }
  }
  return out;
}

}  // namespace runaudit
