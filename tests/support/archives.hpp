#pragma once
// Test helper: archives written at test time with libarchive's writer (an implementation
// independent of runaudit's zip reader), and byte patches that make them hostile.

#include <archive.h>
#include <archive_entry.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace testing {

struct Entry {
  std::string name;
  std::string data;
};

/// How an archive is written.
struct ArchiveOptions {
  std::string format = "zip";  ///< "zip", "tar" or "tar.gz"
  bool stored = false;         ///< zip: store members instead of deflating them
  std::string passphrase;      ///< zip: encrypt every member (traditional PKWARE) with it
};

inline la_ssize_t append_to_string(struct archive*, void* out, const void* buf, size_t n) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(buf), n);
  return static_cast<la_ssize_t>(n);
}

/// @return the bytes of an archive holding @p entries, in order.
inline std::string make_archive(const std::vector<Entry>& entries, const ArchiveOptions& o = {}) {
  std::string out;
  struct archive* a = archive_write_new();
  if (o.format == "zip") {
    REQUIRE(archive_write_set_format_zip(a) == ARCHIVE_OK);
    if (o.stored) REQUIRE(archive_write_set_options(a, "zip:compression=store") == ARCHIVE_OK);
    if (!o.passphrase.empty()) {
      REQUIRE(archive_write_set_options(a, "zip:encryption=traditional") == ARCHIVE_OK);
      REQUIRE(archive_write_set_passphrase(a, o.passphrase.c_str()) == ARCHIVE_OK);
    }
  } else {
    REQUIRE(archive_write_set_format_pax_restricted(a) == ARCHIVE_OK);
    if (o.format == "tar.gz") REQUIRE(archive_write_add_filter_gzip(a) == ARCHIVE_OK);
  }
  archive_write_set_bytes_in_last_block(a, 1);
  REQUIRE(archive_write_open(a, &out, nullptr, append_to_string, nullptr) == ARCHIVE_OK);
  for (const Entry& e : entries) {
    struct archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, e.name.c_str());
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_entry_set_size(entry, static_cast<la_int64_t>(e.data.size()));
    archive_entry_set_mtime(entry, 1'700'000'000, 0);
    REQUIRE(archive_write_header(a, entry) == ARCHIVE_OK);
    if (!e.data.empty())
      REQUIRE(archive_write_data(a, e.data.data(), e.data.size()) ==
              static_cast<la_ssize_t>(e.data.size()));
    archive_entry_free(entry);
  }
  REQUIRE(archive_write_close(a) == ARCHIVE_OK);
  archive_write_free(a);
  return out;
}

/// Offsets of every occurrence of @p needle in @p bytes.
inline std::vector<std::size_t> find_all(const std::string& bytes, const std::string& needle) {
  std::vector<std::size_t> at;
  for (auto p = bytes.find(needle); p != std::string::npos; p = bytes.find(needle, p + 1))
    at.push_back(p);
  return at;
}

/// Writes @p value little-endian in @p bytes bytes at @p offset of @p data.
inline void put_le(std::string& data, std::size_t offset, std::uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i)
    data[offset + static_cast<std::size_t>(i)] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

/// Offsets of the zip central directory headers (signature PK\1\2), in order.
inline std::vector<std::size_t> central_headers(const std::string& zip) {
  return find_all(zip, std::string("PK\x01\x02", 4));
}

}  // namespace testing
