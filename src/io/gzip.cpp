#include <zlib.h>

#include <algorithm>
#include <optional>

#include "bytes.hpp"
#include "openers.hpp"
#include "runaudit/io/error.hpp"
#include "runaudit/io/read.hpp"
#include "runaudit/io/source.hpp"

namespace runaudit::io {
namespace {

bool gzip_magic(std::string_view data) noexcept {
  return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
         static_cast<unsigned char>(data[1]) == 0x8b;
}

SourceLocation nowhere(const std::string& file) {
  return SourceLocation{file, 0, 0, -1};
}

std::string cut_detail(std::size_t produced) {
  return "truncated gzip data (ends after " + std::to_string(produced) + " inflated bytes)";
}

// Inflates @p data into @p out. Data that ends before its last member does (a download or copy
// cut short) throws bad_gzip, unless @p keep_cut: then @p out holds what preceded the cut and
// the return says so. Corrupt data and a wrong CRC-32 throw either way: deflate data that zlib
// refuses, or a checksum over all of it that fails, leaves nothing known to be right.
std::optional<std::string> inflate(std::string_view data, const std::string& file,
                                   std::size_t max_inflated_bytes, bool keep_cut,
                                   std::string& out) {
  z_stream z{};
  // 16 + MAX_WBITS: expect a gzip header and trailer (RFC 1952), check the CRC-32.
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
    throw ParseError(ParseErrc::bad_gzip, nowhere(file), "cannot initialise zlib");
  // The output may hold one byte more than the limit: that byte proves the limit was passed.
  // The size the gzip trailer claims is never trusted; the buffer grows by doubling.
  const std::size_t capacity = max_inflated_bytes + 1;
  out.resize(std::min(std::max<std::size_t>(data.size() * 4, 1 << 16), capacity));
  // zlib counts in uInt (32 bits): feed input and output in chunks it can count.
  constexpr std::size_t chunk = std::size_t{1} << 30;
  const auto* in = reinterpret_cast<const Bytef*>(data.data());
  std::size_t consumed = 0, produced = 0;
  // @p at: the byte of the gzip data where it failed (-1: nowhere in particular).
  const auto fail = [&](ParseErrc code, const std::string& detail, std::ptrdiff_t at = -1) {
    inflateEnd(&z);
    throw ParseError(code, SourceLocation{file, 0, 0, at}, detail);
  };
  for (;;) {
    if (produced == out.size()) out.resize(std::min(out.size() * 2, capacity));
    if (z.avail_in == 0) {
      z.next_in = const_cast<Bytef*>(in + consumed);
      z.avail_in = static_cast<uInt>(std::min(data.size() - consumed, chunk));
      consumed += z.avail_in;
    }
    z.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    z.avail_out = static_cast<uInt>(std::min(out.size() - produced, chunk));
    const uInt room = z.avail_out;
    const int rc = inflate(&z, Z_NO_FLUSH);
    produced += room - z.avail_out;
    if (produced > max_inflated_bytes)
      fail(ParseErrc::too_large, "inflates to more than " +
                                     detail::format_bytes(max_inflated_bytes) +
                                     " (raise it with --max-inflated-size)");
    if (rc == Z_STREAM_END) {
      // Another gzip member may follow (RFC 1952 §2.2: a file is a series of members).
      // Its first bytes may be in the next chunk: look at the input, not at what zlib holds.
      if (gzip_magic(data.substr(consumed - z.avail_in))) {
        inflateReset(&z);
        continue;
      }
      break;
    }
    if (rc == Z_BUF_ERROR && z.avail_in == 0 && consumed == data.size()) {
      if (!keep_cut)
        fail(ParseErrc::bad_gzip, cut_detail(produced), static_cast<std::ptrdiff_t>(data.size()));
      inflateEnd(&z);
      out.resize(produced);
      return cut_detail(produced);
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR)  // zlib stops at the byte it could not take
      fail(ParseErrc::bad_gzip,
           "corrupt gzip data: " + std::string(z.msg ? z.msg : "error " + std::to_string(rc)),
           static_cast<std::ptrdiff_t>(consumed - z.avail_in));
  }
  inflateEnd(&z);
  out.resize(produced);
  return std::nullopt;
}

std::optional<std::string> open_gzip(std::string& bytes, const std::string& source,
                                     const ReadLimits& limits) {
  std::string out;
  std::optional<std::string> cut = inflate(bytes, source, limits.max_inflated_bytes, true, out);
  bytes = std::move(out);
  return cut;
}

}  // namespace

std::string gunzip(std::string_view data, const std::string& file, std::size_t max_inflated_bytes) {
  std::string out;
  inflate(data, file, max_inflated_bytes, false, out);
  return out;
}

namespace detail {

Container gzip_container() {
  return Container{"gzip", gzip_magic, open_gzip};
}

}  // namespace detail
}  // namespace runaudit::io
