#include "text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <optional>
#include <regex>
#include <string>

namespace runaudit::audit::text {
namespace {

bool ascii(std::string_view text) noexcept {
  for (const char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// @p text (valid UTF-8, not ASCII) in NFC, case-folded when @p fold; nullopt when it is not
// valid UTF-8 (ICU would replace the bytes with U+FFFD) or ICU fails.
std::optional<std::string> normalized(std::string_view text, bool fold) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::nullopt;
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<std::int32_t>(text.size())));
  if (unicode.isBogus()) return std::nullopt;
  if (fold) unicode.foldCase();
  icu::UnicodeString composed = nfc->normalize(unicode, status);
  if (U_FAILURE(status)) return std::nullopt;
  std::string out;
  composed.toUTF8String(out);
  constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD
  if (out.find(replacement) != std::string::npos &&
      text.find(replacement) == std::string_view::npos)
    return std::nullopt;
  return out;
}

// The bytes of a text from a file that a regex searches (search()).
std::string_view searched(std::string_view text) {
  return text.substr(0, 1000);
}

}  // namespace

std::string nfc(std::string_view text) {
  if (ascii(text)) return std::string(text);  // NFC already: no ICU call for the common case
  return normalized(text, false).value_or(std::string(text));
}

std::string athlete_key(std::string_view name) {
  name = trimmed(name);
  if (ascii(name)) return lower(name);
  return normalized(name, true).value_or(lower(name));
}

bool search(std::string_view text, const std::regex& re) {
  const std::string_view head = searched(text);
  return std::regex_search(head.begin(), head.end(), re);
}

bool says_recovery(std::string_view text) {
  // A word negated by the one before it ("not easy", "no recovery", "non-recovery") says the
  // opposite: the word counts only without group 1.
  static const std::regex words(
      R"(\b(?:(not|no|non)[\s-]+)?(recovery|easy|rec|regen|regeneration)\b)", std::regex::icase);
  const std::string_view head = searched(text);
  for (std::cregex_iterator it(head.data(), head.data() + head.size(), words), end; it != end; ++it)
    if (!(*it)[1].matched) return true;
  return false;
}

}  // namespace runaudit::audit::text
