#pragma once
// Test helpers for inputs written at test time: gzip compression and a temporary folder.

#include <zlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace testing {

namespace detail {

// gzip() of @p in; with @p cut_at, only the compressed bytes written once the first @p cut_at
// bytes were fed and flushed (Z_FULL_FLUSH): they inflate to exactly those bytes.
inline std::string deflate_gzip(std::string_view in, std::optional<std::size_t> cut_at) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, static_cast<uLong>(in.size())) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  z.avail_in = static_cast<uInt>(cut_at.value_or(in.size()));
  const int rc = deflate(&z, cut_at ? Z_FULL_FLUSH : Z_FINISH);
  const auto produced = static_cast<std::size_t>(z.total_out);
  deflateEnd(&z);
  REQUIRE(rc == (cut_at ? Z_OK : Z_STREAM_END));
  REQUIRE(z.avail_in == 0u);
  out.resize(produced);
  return out;
}

}  // namespace detail

/// Compresses @p in as one gzip member (windowBits 31 = 15 + 16: gzip header and trailer).
inline std::string gzip(std::string_view in) {
  return detail::deflate_gzip(in, std::nullopt);
}

/// A `.gz` of @p in cut short (a download stopped): the start of gzip(in)'s stream, flushed
/// after the first @p at bytes of @p in, so that it inflates to exactly those bytes and then
/// ends (no further deflate block, no trailer).
inline std::string gzip_cut(std::string_view in, std::size_t at) {
  REQUIRE(at <= in.size());
  return detail::deflate_gzip(in, at);
}

/// A fresh folder in the system's temporary directory, removed with its content at the end.
class TempDir {
 public:
  explicit TempDir(const std::string& tag)
      : m_path(std::filesystem::temp_directory_path() /
               ("runaudit_" + tag + "_" + std::to_string(std::random_device{}()))) {
    std::filesystem::create_directories(m_path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// Writes @p bytes to @p name in the folder (a relative path; its folders are made).
  /// @return the file's path.
  std::string write(const std::string& name, std::string_view bytes) const {
    const std::filesystem::path p = m_path / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    REQUIRE(out.good());
    return p.string();
  }
  const std::filesystem::path& path() const noexcept { return m_path; }

 private:
  std::filesystem::path m_path;
};

}  // namespace testing
