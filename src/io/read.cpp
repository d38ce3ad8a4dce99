#include "runaudit/io/read.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "archive.hpp"
#include "bytes.hpp"
#include "runaudit/io/error.hpp"
#include "runaudit/io/source.hpp"

namespace runaudit::io {
namespace {

SourceLocation nowhere(const std::string& file) {
  return SourceLocation{file, 0, 0, -1};
}

constexpr bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool starts_with_icase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), s.begin(), [](char a, char b) {
           return a == (b >= 'A' && b <= 'Z' ? char(b - 'A' + 'a') : b);
         });
}

// True when the first character, read as UTF-16 in the byte order given, is '<' or XML white
// space and the second is ASCII: XML 1.0 Appendix F's autodetection of UTF-16 without a
// byte-order mark (a UTF-8 or Latin-1 document never has a NUL in its first two characters).
bool utf16_without_bom(std::string_view b, bool little_endian) {
  if (b.size() < 4) return false;
  const auto unit = [&](std::size_t i) {
    const auto lo = static_cast<unsigned char>(b[little_endian ? i : i + 1]);
    const auto hi = static_cast<unsigned char>(b[little_endian ? i + 1 : i]);
    return static_cast<unsigned>(lo | (hi << 8));
  };
  const unsigned first = unit(0), second = unit(2);
  return (first == '<' || (first < 0x80 && is_space(static_cast<char>(first)))) && second != 0 &&
         second < 0x80;
}

// Windows "Unicode" saves are UTF-16, with a byte-order mark or (rarely) without; everything
// downstream (sniffing, line numbers, pugixml) works on UTF-8, so convert once here. Unpaired
// surrogates become U+FFFD. Other documents are returned unchanged.
std::string utf16_to_utf8(std::string bytes) {
  if (bytes.size() < 2) return bytes;
  const auto b0 = static_cast<unsigned char>(bytes[0]), b1 = static_cast<unsigned char>(bytes[1]);
  const bool bom_le = b0 == 0xFF && b1 == 0xFE, bom_be = b0 == 0xFE && b1 == 0xFF;
  const bool bare_le = !bom_le && !bom_be && utf16_without_bom(bytes, true);
  const bool bare_be = !bom_le && !bom_be && !bare_le && utf16_without_bom(bytes, false);
  const bool le = bom_le || bare_le;
  if (!le && !bom_be && !bare_be) return bytes;
  const auto unit = [&](std::size_t i) -> unsigned {
    const unsigned a = static_cast<unsigned char>(bytes[i]),
                   b = static_cast<unsigned char>(bytes[i + 1]);
    return le ? a | (b << 8) : (a << 8) | b;
  };
  std::string out;
  out.reserve(bytes.size() / 2);
  const auto put = [&out](unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  };
  for (std::size_t i = bom_le || bom_be ? 2 : 0; i + 1 < bytes.size(); i += 2) {
    const unsigned u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
      const unsigned v = unit(i + 2);
      if (v >= 0xDC00 && v <= 0xDFFF) {
        put(0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
        i += 2;
        continue;
      }
    }
    put(u >= 0xD800 && u <= 0xDFFF ? 0xFFFD : u);
  }
  return out;
}

}  // namespace

std::string read_document(const std::string& path, const ReadLimits& limits) {
  std::string document;
  read_document(path, document, limits);
  return document;
}

void read_document(const std::string& path, std::string& document, const ReadLimits& limits) {
  Source source;
  source.name = source.path = path;
  // A whole document or none: a cut `.gz` is an error here (read_activities keeps its start).
  if (std::optional<std::string> cut = read_source(source, document, limits))
    throw ParseError(ParseErrc::bad_gzip, nowhere(path), std::move(*cut));
}

namespace {

void read_file(const Source& source, std::string& bytes, const ReadLimits& limits) {
  const std::string& path = source.path;
  const std::string& name = source.name;
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (std::filesystem::is_directory(status))
    throw ParseError(ParseErrc::io, nowhere(name), "is a folder, not a file");
  if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
    throw ParseError(ParseErrc::io, nowhere(name),
                     "not a regular file (a pipe or device cannot be audited)");
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw ParseError(ParseErrc::io, nowhere(name),
                     std::string("cannot open: ") + std::strerror(errno));
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) throw ParseError(ParseErrc::io, nowhere(name), "cannot read (not a regular file?)");
  if (static_cast<std::size_t>(size) > limits.max_file_bytes)
    throw ParseError(ParseErrc::too_large, nowhere(name),
                     "file of " + detail::format_bytes(static_cast<std::size_t>(size)) +
                         " is larger than " + detail::format_bytes(limits.max_file_bytes) +
                         " (raise it with --max-file-size)");
  in.seekg(0, std::ios::beg);
  // resize() zero-fills only what it adds to the buffer's previous size: little when the
  // buffer is reused for files of similar sizes (zero-filling each new buffer was 3% of an audit).
  bytes.resize(static_cast<std::size_t>(size));
  if (!in.read(bytes.data(), size)) throw ParseError(ParseErrc::io, nowhere(name), "read error");
}

}  // namespace

bool in_cut_archive(const Source& source) noexcept {
  return std::any_of(source.members.begin(), source.members.end(),
                     [](const MemberRef& m) { return m.cut; });
}

std::optional<std::string> read_source(const Source& source, std::string& bytes,
                                       const ReadLimits& limits) {
  if (source.members.empty())
    read_file(source, bytes, limits);
  else
    detail::read_member(source, bytes, limits);
  // A container is opened once: a `.gz` holding a `.gz` is not inflated twice (as gzip(1) -d).
  // Archives are not opened here: discovery lists their members as sources of their own.
  std::optional<std::string> cut;
  if (in_cut_archive(source)) cut = "the archive ends inside it (a download cut short?)";
  for (const Container& c : containers())
    if (c.open && c.recognises(bytes)) {
      if (std::optional<std::string> wrapper_cut = c.open(bytes, source.name, limits))
        cut = cut ? *cut + "; " + *wrapper_cut : std::move(wrapper_cut);
      break;
    }
  bytes = utf16_to_utf8(std::move(bytes));
  return cut;
}

DocumentKind sniff(std::string_view s) noexcept {
  // FIT protocol §3.2: header size (12 or 14, at least 12) in byte 0, ".FIT" at bytes 8-11.
  if (s.size() >= 12 && static_cast<unsigned char>(s[0]) >= 12 && s.substr(8, 4) == ".FIT")
    return DocumentKind::fit;
  if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  for (;;) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    if (s.empty()) return DocumentKind::empty;
    if (s.front() != '<') {
      const bool binary = std::any_of(
          s.begin(),
          s.begin() + std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(s.size()), 512),
          [](char c) {
            const auto u = static_cast<unsigned char>(c);
            return u < 0x20 && !is_space(c);
          });
      return binary ? DocumentKind::binary : DocumentKind::text;
    }
    // Skip prolog constructs: <?...?>, <!--...-->, <!DOCTYPE ...>.
    std::string_view end;
    if (s.substr(0, 2) == "<?") {
      end = "?>";
    } else if (s.substr(0, 4) == "<!--") {
      end = "-->";
    } else if (s.substr(0, 2) == "<!") {
      if (starts_with_icase(s.substr(2), "doctype html")) return DocumentKind::html;
      // A DOCTYPE with an internal subset ends at "]>", not at the first '>'.
      const auto bracket = s.find('[');
      end = bracket != std::string_view::npos && bracket < s.find('>') ? "]>" : ">";
    } else {
      break;
    }
    const auto pos = s.find(end, 2);
    if (pos == std::string_view::npos) return DocumentKind::unknown_xml;
    s.remove_prefix(pos + end.size());
  }
  // s starts with the root element's start tag.
  std::size_t n = 1;
  while (n < s.size() && !is_space(s[n]) && s[n] != '>' && s[n] != '/') ++n;
  std::string_view name = s.substr(1, n - 1);
  if (const auto colon = name.rfind(':'); colon != std::string_view::npos)
    name.remove_prefix(colon + 1);
  if (name == "gpx") return DocumentKind::gpx;
  if (name == "TrainingCenterDatabase") return DocumentKind::tcx;
  if (starts_with_icase(name, "html")) return DocumentKind::html;
  return DocumentKind::unknown_xml;
}

}  // namespace runaudit::io
