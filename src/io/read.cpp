#include "runaudit/io/read.hpp"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "runaudit/io/error.hpp"

namespace runaudit::io {
namespace {

SourceLocation nowhere(const std::string& file) {
  return SourceLocation{file, 0, 0, -1};
}

bool gzip_magic(std::string_view data) {
  return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
         static_cast<unsigned char>(data[1]) == 0x8b;
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

// Windows "Unicode" saves are UTF-16 with a byte-order mark; everything downstream (sniffing,
// line numbers, pugixml) works on UTF-8, so convert once here. Unpaired surrogates become
// U+FFFD. Documents without a UTF-16 BOM are returned unchanged.
std::string utf16_to_utf8(std::string bytes) {
  if (bytes.size() < 2) return bytes;
  const auto b0 = static_cast<unsigned char>(bytes[0]), b1 = static_cast<unsigned char>(bytes[1]);
  const bool le = b0 == 0xFF && b1 == 0xFE, be = b0 == 0xFE && b1 == 0xFF;
  if (!le && !be) return bytes;
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
  for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
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

std::string gunzip(std::string_view data, const std::string& file) {
  z_stream z{};
  // 16 + MAX_WBITS: expect a gzip header and trailer (RFC 1952), check the CRC-32.
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
    throw ParseError(ParseErrc::bad_gzip, nowhere(file), "cannot initialise zlib");
  std::string out;
  out.resize(std::max<std::size_t>(data.size() * 4, 1 << 16));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  std::size_t produced = 0;
  int rc = Z_OK;
  for (;;) {
    if (produced == out.size()) {
      if (out.size() >= max_document_bytes) {
        inflateEnd(&z);
        throw ParseError(
            ParseErrc::too_large, nowhere(file),
            "inflates to more than " + std::to_string(max_document_bytes >> 20) + " MiB");
      }
      out.resize(std::min(out.size() * 2, max_document_bytes));
    }
    z.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    z.avail_out = static_cast<uInt>(out.size() - produced);
    rc = inflate(&z, Z_NO_FLUSH);
    produced = out.size() - z.avail_out;
    if (rc == Z_STREAM_END) {
      // Another gzip member may follow (RFC 1952 §2.2: a file is a series of members).
      if (z.avail_in > 0 &&
          gzip_magic(std::string_view(reinterpret_cast<const char*>(z.next_in), z.avail_in))) {
        inflateReset(&z);
        continue;
      }
      break;
    }
    if (rc == Z_BUF_ERROR && z.avail_in == 0) {
      inflateEnd(&z);
      throw ParseError(
          ParseErrc::bad_gzip, nowhere(file),
          "truncated gzip data (ends after " + std::to_string(produced) + " inflated bytes)");
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      const std::string why = z.msg ? z.msg : "error " + std::to_string(rc);
      inflateEnd(&z);
      throw ParseError(ParseErrc::bad_gzip, nowhere(file), "corrupt gzip data: " + why);
    }
  }
  inflateEnd(&z);
  out.resize(produced);
  return out;
}

std::string read_document(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (std::filesystem::is_directory(status))
    throw ParseError(ParseErrc::io, nowhere(path), "is a folder, not a file");
  if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
    throw ParseError(ParseErrc::io, nowhere(path),
                     "not a regular file (a pipe or device cannot be audited)");
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw ParseError(ParseErrc::io, nowhere(path),
                     std::string("cannot open: ") + std::strerror(errno));
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) throw ParseError(ParseErrc::io, nowhere(path), "cannot read (not a regular file?)");
  if (static_cast<std::size_t>(size) > max_document_bytes)
    throw ParseError(ParseErrc::too_large, nowhere(path),
                     "larger than " + std::to_string(max_document_bytes >> 20) + " MiB");
  in.seekg(0, std::ios::beg);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  if (!in.read(bytes.data(), size)) throw ParseError(ParseErrc::io, nowhere(path), "read error");
  if (gzip_magic(bytes)) bytes = gunzip(bytes, path);
  return utf16_to_utf8(std::move(bytes));
}

DocumentKind sniff(std::string_view s) noexcept {
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
