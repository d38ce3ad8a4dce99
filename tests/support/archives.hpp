#pragma once
// Test helper: archives written at test time with libarchive's writer (an implementation
// independent of runaudit's zip reader), and byte patches that make them hostile.

#include <archive.h>
#include <archive_entry.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace testing {

struct Entry {
  std::string name;
  std::string data;
};

/// How an archive is written.
struct ArchiveOptions {
  std::string format = "zip";  ///< "zip", "tar" (pax), "ustar" or "tar.gz"
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
  } else if (o.format == "ustar") {  // a tar without pax headers: its names' bytes as given
    REQUIRE(archive_write_set_format_ustar(a) == ARCHIVE_OK);
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

/// CRC-32 of @p data (ISO-HDLC, the zip format's: reflected polynomial 0xEDB88320), bit by bit.
inline std::uint32_t crc32(std::string_view data) {
  std::uint32_t c = 0xFFFFFFFF;
  for (const char byte : data) {
    c ^= static_cast<unsigned char>(byte);
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

/// A member of hand_zip(): its name's bytes exactly as stored, its general purpose flags and
/// extra fields (both headers carry the same).
struct RawMember {
  std::string name;
  std::string data;
  std::uint16_t flags = 0;
  std::string extras;
};

/// @return a zip archive of @p members, stored, written byte by byte as APPNOTE.TXT 6.3.10 lays
/// it out (4.3.7 local headers, 4.3.12 central directory, 4.3.16 its end): names, flags and
/// extra fields no writer library would give.
inline std::string hand_zip(const std::vector<RawMember>& members) {
  std::string zip, directory;
  const auto le = [](std::string& out, std::uint64_t v, int bytes) {
    for (int k = 0; k < bytes; ++k) out += static_cast<char>((v >> (8 * k)) & 0xFF);
  };
  for (const RawMember& m : members) {
    const std::uint64_t offset = zip.size(), crc = crc32(m.data), size = m.data.size();
    le(zip, 0x04034b50, 4), le(zip, 20, 2), le(zip, m.flags, 2), le(zip, 0, 2), le(zip, 0, 4);
    le(zip, crc, 4), le(zip, size, 4), le(zip, size, 4);
    le(zip, m.name.size(), 2), le(zip, m.extras.size(), 2);
    zip += m.name + m.extras + m.data;
    le(directory, 0x02014b50, 4), le(directory, 20, 2), le(directory, 20, 2);
    le(directory, m.flags, 2), le(directory, 0, 2), le(directory, 0, 4), le(directory, crc, 4);
    le(directory, size, 4), le(directory, size, 4), le(directory, m.name.size(), 2);
    le(directory, m.extras.size(), 2), le(directory, 0, 2), le(directory, 0, 2);
    le(directory, 0, 2), le(directory, 0, 4), le(directory, offset, 4);
    directory += m.name + m.extras;
  }
  const std::uint64_t directory_at = zip.size();
  zip += directory;
  le(zip, 0x06054b50, 4), le(zip, 0, 2), le(zip, 0, 2), le(zip, members.size(), 2);
  le(zip, members.size(), 2), le(zip, directory.size(), 4), le(zip, directory_at, 4);
  le(zip, 0, 2);
  return zip;
}

/// Offsets of the zip central directory headers (signature PK\1\2), in order.
inline std::vector<std::size_t> central_headers(const std::string& zip) {
  return find_all(zip, std::string("PK\x01\x02", 4));
}

}  // namespace testing
