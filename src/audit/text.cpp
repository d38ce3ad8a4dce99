#include "text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace runaudit::audit::text {

std::string athlete_key(std::string_view name) {
  name = trimmed(name);
  bool ascii = true;
  for (const char c : name) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return lower(name);  // NFC already: no ICU call for the common case
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return lower(name);
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<std::int32_t>(name.size())));
  if (text.isBogus()) return lower(name);
  const icu::UnicodeString composed = nfc->normalize(text, status);
  if (U_FAILURE(status)) return lower(name);
  std::string out;
  composed.toUTF8String(out);
  // fromUTF8 replaces invalid bytes with U+FFFD: such a name is matched as it is written.
  if (out.find("\xEF\xBF\xBD") != std::string::npos &&
      name.find("\xEF\xBF\xBD") == std::string_view::npos)
    return lower(name);
  return lower(out);
}

}  // namespace runaudit::audit::text
