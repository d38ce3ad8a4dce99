#include "names.hpp"
#include "openers.hpp"
#include "runaudit/format.hpp"
#include "runaudit/io/source.hpp"

namespace runaudit::io {

using detail::utf8_length;

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
    // A character that breaks or reverses the line, or shows nothing, as its code point: two
    // names that differ by one never read alike.
    const char32_t cp = code_point(raw.substr(i, n));
    if (is_bidi_control(cp) || is_line_breaking(cp) || is_invisible(cp)) {
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) out += hex[(cp >> shift) & 0xF];
    } else {
      out.append(raw.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::optional<std::string> unsafe_member_name(std::string_view raw) {
  if (raw.find('\0') != std::string_view::npos) return "unsafe member name (it holds a NUL byte)";
  if (!detail::valid_utf8(raw)) return "unsafe member name (not valid UTF-8)";
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
