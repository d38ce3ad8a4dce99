#include "names.hpp"

#include <iconv.h>

#include <array>

namespace runaudit::io::detail {
namespace {

// ASCII case-insensitive equality; @p lower is lower-case.
bool equals_icase(std::string_view name, std::string_view lower) noexcept {
  return name.size() == lower.size() && ends_with_icase(name, lower);
}

}  // namespace

// RFC 3629 §4 (the byte ranges of its table).
std::size_t utf8_length(std::string_view s, std::size_t i) noexcept {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  const std::size_t n = c >= 0xC2 && c <= 0xDF   ? 2
                        : c >= 0xE0 && c <= 0xEF ? 3
                        : c >= 0xF0 && c <= 0xF4 ? 4
                                                 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  if (c == 0xE0 && b(i + 1) < 0xA0) return 0;  // overlong
  if (c == 0xED && b(i + 1) > 0x9F) return 0;  // surrogate
  if (c == 0xF0 && b(i + 1) < 0x90) return 0;  // overlong
  if (c == 0xF4 && b(i + 1) > 0x8F) return 0;  // above U+10FFFF
  return n;
}

bool valid_utf8(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

const char* system_litter(std::string_view name, bool folder) noexcept {
  if (!folder) {
    return name.size() > 2 && name.substr(0, 2) == "._"
               ? "macOS metadata (an AppleDouble '._' file), not an activity"
               : nullptr;
  }
  static constexpr std::array<std::string_view, 5> mac_system{
      ".spotlight-v100", ".fseventsd", ".temporaryitems", "__macosx", ".appledouble"};
  static constexpr std::array<std::string_view, 3> trash{".trashes", ".trash", "$recycle.bin"};
  for (const std::string_view t : trash)
    if (equals_icase(name, t)) return "a trash folder: its files were deleted";
  if (name.size() > 7 && equals_icase(name.substr(0, 7), ".trash-"))  // .Trash-UID
    return "a trash folder: its files were deleted";
  for (const std::string_view m : mac_system)
    if (equals_icase(name, m)) return "macOS metadata, not activities";
  if (equals_icase(name, "system volume information")) return "a Windows system folder";
  return nullptr;
}

std::string legacy_to_utf8(std::string_view raw, const char* charset) {
  const iconv_t cd = iconv_open("UTF-8", charset);
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::string(raw);
  std::string out(raw.size() * 3, '\0');     // one byte becomes at most 3 (U+0800..U+FFFF)
  char* in = const_cast<char*>(raw.data());  // iconv's signature; it does not write there
  std::size_t in_left = raw.size(), out_left = out.size();
  char* to = out.data();
  const std::size_t converted = iconv(cd, &in, &in_left, &to, &out_left);
  iconv_close(cd);
  if (converted == static_cast<std::size_t>(-1)) return std::string(raw);
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace runaudit::io::detail
