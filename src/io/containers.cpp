#include "openers.hpp"
#include "runaudit/io/source.hpp"

namespace runaudit::io {
namespace {

// UTF-8 sequence length from its first byte, or 0 when it cannot start one (RFC 3629 §4:
// no overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t utf8_length(std::string_view s, std::size_t i) {
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

}  // namespace

// A new container is one file with its opener plus one line here.
const std::vector<Container>& containers() {
  static const std::vector<Container> registry{
      detail::gzip_container(),
      detail::zip_container(),
      detail::tar_container(),
  };
  return registry;
}

const Container* container_named(std::string_view name) noexcept {
  for (const Container& c : containers())
    if (c.name == name) return &c;
  return nullptr;
}

const Container* archive_for_name(std::string_view name) noexcept {
  for (const Container& c : containers())
    if (c.archive_name && c.archive_name(name)) return &c;
  return nullptr;
}

std::string clean_member_name(std::string_view raw) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size();) {
    const auto c = static_cast<unsigned char>(raw[i]);
    const std::size_t n = utf8_length(raw, i);
    if (n == 0 || c < 0x20 || c == 0x7F) {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 0xF];
      ++i;
      continue;
    }
    out.append(raw.substr(i, n));
    i += n;
  }
  return out;
}

std::optional<std::string> unsafe_member_name(std::string_view raw) {
  if (raw.find('\0') != std::string_view::npos) return "unsafe member name (it holds a NUL byte)";
  for (std::size_t i = 0; i < raw.size();) {
    const std::size_t n = utf8_length(raw, i);
    if (n == 0) return "unsafe member name (not valid UTF-8)";
    i += n;
  }
  const bool drive = raw.size() >= 2 && raw[1] == ':' &&
                     ((raw[0] >= 'A' && raw[0] <= 'Z') || (raw[0] >= 'a' && raw[0] <= 'z'));
  if (raw.empty() || raw.front() == '/' || raw.front() == '\\' || drive)
    return "unsafe member name (an absolute path)";
  for (std::size_t start = 0; start <= raw.size();) {
    std::size_t end = raw.find_first_of("/\\", start);
    if (end == std::string_view::npos) end = raw.size();
    if (raw.substr(start, end - start) == "..")
      return "unsafe member name (it climbs out of the archive with '..')";
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace runaudit::io
