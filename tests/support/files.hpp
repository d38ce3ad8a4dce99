#pragma once
// Test helpers for inputs written at test time: gzip compression and a temporary folder.

#include <zlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>

namespace testing {

/// Compresses @p in as one gzip member (windowBits 31 = 15 + 16: gzip header and trailer).
/// With @p flush_at, the compressor is flushed (Z_FULL_FLUSH) after the first @p flush_at bytes,
/// and @p flushed_size set to the compressed bytes written by then: cut there, the data inflates
/// to exactly those @p flush_at bytes (a `.gz` cut at a known point).
inline std::string gzip(std::string_view in, std::size_t flush_at = 0,
                        std::size_t* flushed_size = nullptr) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, static_cast<uLong>(in.size())) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  std::size_t fed = 0;
  if (flushed_size) {
    REQUIRE(flush_at <= in.size());
    fed = flush_at;
    z.avail_in = static_cast<uInt>(fed);
    REQUIRE(deflate(&z, Z_FULL_FLUSH) == Z_OK);
    REQUIRE(z.avail_in == 0u);
    *flushed_size = static_cast<std::size_t>(z.total_out);
  }
  z.avail_in = static_cast<uInt>(in.size() - fed);
  const int rc = deflate(&z, Z_FINISH);
  const auto produced = static_cast<std::size_t>(z.total_out);
  deflateEnd(&z);
  REQUIRE(rc == Z_STREAM_END);
  out.resize(produced);
  return out;
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
