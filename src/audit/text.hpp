#pragma once
// Private: the text helpers of the audit's CSV files and athlete names (the athletes file, the
// plan, limit values).

#include <string>
#include <string_view>

namespace runaudit::audit::text {

/// @p s without leading and trailing spaces and tabs.
inline std::string_view trimmed(std::string_view s) noexcept {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

/// @p s with ASCII letters in lower case (names match ignoring case; other bytes, UTF-8
/// included, are kept as they are).
inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

/// The key athlete names are matched by (the athletes file, the plan, folders, histories,
/// shards): @p name trimmed (trimmed()), in Unicode Normalization Form C (ICU's NFC: "José" as
/// a macOS folder name decomposes it, e + U+0301, matches "José" typed in a CSV), ASCII letters
/// lower-case (lower()). Bytes that are not valid UTF-8 are kept as they are.
std::string athlete_key(std::string_view name);

}  // namespace runaudit::audit::text
