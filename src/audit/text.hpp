#pragma once
// Private: the text helpers of the audit's CSV files and athlete names (the athletes file, the
// plan, limit values).

#include <regex>
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

/// @p text in Unicode Normalization Form C (ICU's NFC): "José" as a macOS folder name
/// decomposes it (e + U+0301) becomes "José" as typed (U+00E9). Text that is not valid UTF-8,
/// or that ICU cannot normalize, is returned as it is.
std::string nfc(std::string_view text);

/// The key athlete names are matched by (the athletes file, the plan, folders, histories,
/// shards): @p name trimmed (trimmed()), in NFC (nfc()), case-folded (Unicode full case
/// folding, ICU's foldCase: "JOSÉ" matches "José", "Straße" "STRASSE"). Bytes that are not valid
/// UTF-8 are kept as they are, ASCII letters lower-cased (lower()).
std::string athlete_key(std::string_view name);

/// Searches @p text, one from a file (a name, a type, a creator, a plan's session), for @p re:
/// its first 1000 bytes only. libstdc++'s std::regex recurses once per character a match
/// spans, and `--match 'a.*'` over a name of 50 000 characters overflowed the stack; no real
/// name is that long.
bool search(std::string_view text, const std::regex& re);

/// Whether @p text (a plan's session, a workout's name) names a recovery run: it holds the word
/// `recovery`, `easy`, `rec` or `regen`/`regeneration`, any case ("Recovery run", "easy 40'",
/// "REC", "Easy + strides"), not negated by the word before it ("not easy", "no recovery",
/// "non-recovery" are not).
bool says_recovery(std::string_view text);

}  // namespace runaudit::audit::text
