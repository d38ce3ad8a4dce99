// libFuzzer target: parse_rfc3339 on arbitrary text. Besides crashes and sanitizer reports it
// checks that every accepted timestamp is a real instant: formatted with format_rfc3339 and
// parsed again it gives the same milliseconds, and its ISO week is 1–53. Differentially, the
// caching TimestampParser must answer exactly as parse_rfc3339 for the input split in two at its
// first newline: the first part parsed before (filling the cache), the second after.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "runaudit/time.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = text.find('\n');
  if (newline != std::string_view::npos) {
    runaudit::TimestampParser cached;
    const std::string_view first = text.substr(0, newline), second = text.substr(newline + 1);
    for (const std::string_view t : {first, second}) {
      const auto a = cached.parse(t), b = runaudit::parse_rfc3339(t);
      if (a.has_value() != b.has_value() ||
          (a && (a->utc_ms != b->utc_ms || a->had_zone != b->had_zone)))
        __builtin_trap();
    }
  }
  const auto parsed = runaudit::parse_rfc3339(text);
  if (!parsed) return 0;
  const runaudit::IsoWeek week = runaudit::iso_week(parsed->utc_ms);
  if (week.week < 1 || week.week > 53) __builtin_trap();
  // An offset can move an accepted local time just outside the accepted years 1900–2200 in UTC.
  const std::string formatted = runaudit::format_rfc3339(parsed->utc_ms);
  if (formatted.compare(0, 4, "1900") < 0 || formatted.compare(0, 4, "2200") > 0) return 0;
  const auto again = runaudit::parse_rfc3339(formatted);
  if (!again || again->utc_ms != parsed->utc_ms || !again->had_zone) __builtin_trap();
  return 0;
}
