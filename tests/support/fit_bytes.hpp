#pragma once
// FIT files built byte by byte for the tests, for what Garmin's encoder does not write
// (big-endian definitions, compressed timestamps, damage, chained files, clock jumps). Layouts
// from the FIT Protocol document (FIT SDK): header §3.2, record headers §4.1, definition
// messages §4.2, base types table 4-6, CRC §3.3.2.
//
// Times: FIT date_time 1'000'000'000 is Unix 1'631'065'600 s (FIT epoch 1989-12-31T00:00:00Z =
// Unix 631'065'600), 2021-09-08T01:46:40Z.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace testing::fit_bytes {

inline constexpr std::uint32_t t_fit = 1'000'000'000;
inline constexpr std::int64_t t_unix_ms = 1'631'065'600'000;

// The FIT Protocol's own CRC-16 routine (nibble table, §3.3.2), independent of the decoder's
// byte table.
inline std::uint16_t protocol_crc(const std::string& bytes) {
  static constexpr std::array<std::uint16_t, 16> table{
      0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
      0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400};
  std::uint16_t crc = 0;
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    std::uint16_t tmp = table[crc & 0xF];
    crc = static_cast<std::uint16_t>(((crc >> 4) & 0x0FFF) ^ tmp ^ table[byte & 0xF]);
    tmp = table[crc & 0xF];
    crc = static_cast<std::uint16_t>(((crc >> 4) & 0x0FFF) ^ tmp ^ table[(byte >> 4) & 0xF]);
  }
  return crc;
}

struct Field {
  std::uint8_t number, size, base;
};

// Base type bytes (table 4-6).
inline constexpr std::uint8_t enum_t = 0x00, uint8_t_ = 0x02, sint32_t_ = 0x85, uint32_t_ = 0x86,
                              uint16_t_ = 0x84, byte_t = 0x0D;

// Builds the data part of a FIT file message by message, then the file around it.
class FitBytes {
 public:
  FitBytes& define(unsigned local, std::uint16_t global, std::vector<Field> fields,
                   bool big_endian = false, std::vector<Field> developer = {}) {
    m_data += static_cast<char>(0x40 | (developer.empty() ? 0 : 0x20) | local);
    m_data += '\0';
    m_data += static_cast<char>(big_endian ? 1 : 0);
    put(global, 2, big_endian);
    m_data += static_cast<char>(fields.size());
    for (const Field& f : fields) m_data += {char(f.number), char(f.size), char(f.base)};
    if (!developer.empty()) {
      m_data += static_cast<char>(developer.size());
      for (const Field& f : developer) m_data += {char(f.number), char(f.size), char(f.base)};
    }
    m_defs[local] = Def{fields, developer, big_endian};
    return *this;
  }
  // A data message of the local type's last definition: one value per field (integers, byte
  // arrays as little-endian integers), then one per developer field.
  FitBytes& data(unsigned local, const std::vector<std::uint64_t>& values) {
    m_data += static_cast<char>(local);
    return content(local, values);
  }
  FitBytes& compressed(unsigned local, unsigned time_offset,
                       const std::vector<std::uint64_t>& values) {
    m_data += static_cast<char>(0x80 | (local << 5) | (time_offset & 0x1F));
    return content(local, values);
  }
  FitBytes& raw(const std::string& bytes) {
    m_data += bytes;
    return *this;
  }
  std::size_t size() const { return m_data.size(); }

  // The file: a 14-byte header (with CRC) or a 12-byte one, the data, the file CRC.
  std::string file(std::size_t header_size = 14) const {
    return header(header_size, static_cast<std::uint32_t>(m_data.size())) + m_data +
           crc_of(*this, header_size);
  }
  std::string header(std::size_t header_size, std::uint32_t data_size) const {
    std::string h;
    h += static_cast<char>(header_size);
    h += '\x20';            // protocol 2.0
    h += {'\x52', '\x08'};  // profile 21.30
    for (int i = 0; i < 4; ++i) h += static_cast<char>(data_size >> (8 * i));
    h += ".FIT";
    if (header_size == 14) {
      const std::uint16_t crc = protocol_crc(h);
      h += {static_cast<char>(crc & 0xFF), static_cast<char>(crc >> 8)};
    }
    return h;
  }
  const std::string& bytes() const { return m_data; }

 private:
  struct Def {
    std::vector<Field> fields, developer;
    bool big_endian = false;
  };
  static std::string crc_of(const FitBytes& b, std::size_t header_size) {
    const std::uint16_t crc =
        protocol_crc(b.header(header_size, static_cast<std::uint32_t>(b.m_data.size())) + b.m_data);
    return {static_cast<char>(crc & 0xFF), static_cast<char>(crc >> 8)};
  }
  void put(std::uint64_t v, std::size_t n, bool big_endian) {
    for (std::size_t i = 0; i < n; ++i)
      m_data += static_cast<char>(v >> (8 * (big_endian ? n - 1 - i : i)));
  }
  FitBytes& content(unsigned local, const std::vector<std::uint64_t>& values) {
    const Def& d = m_defs[local];
    std::size_t i = 0;
    for (const Field& f : d.fields) put(values.at(i++), f.size, d.big_endian && f.base != byte_t);
    for (const Field& f : d.developer) put(values.at(i++), f.size, d.big_endian);
    return *this;
  }
  std::string m_data;
  std::array<Def, 16> m_defs{};
};

inline constexpr std::uint16_t file_id = 0, record = 20, event = 21, session = 18, activity = 34,
                               timestamp_correlation = 162;

// file_id of an activity, on local type 0, from a Garmin product (4315: a Forerunner 965; 3121:
// an Edge 530).
inline FitBytes& activity_file(FitBytes& b, std::uint64_t type = 4, std::uint64_t product = 4315) {
  return b.define(0, file_id, {{0, 1, enum_t}, {1, 2, uint16_t_}, {2, 2, uint16_t_}})
      .data(0, {type, 1, product});
}

inline const std::vector<Field> record_fields{{253, 4, uint32_t_}, {0, 4, sint32_t_},
                                              {1, 4, sint32_t_},   {3, 1, uint8_t_},
                                              {5, 4, uint32_t_},   {4, 1, uint8_t_}};

// Semicircles of @p deg, and back (2^31 semicircles = 180 degrees).
inline std::uint64_t semicircles(double deg) {
  return static_cast<std::uint32_t>(static_cast<std::int32_t>(deg * 2147483648.0 / 180));
}
inline double degrees(double deg) {
  return double(static_cast<std::int32_t>(deg * 2147483648.0 / 180)) * 180 / 2147483648.0;
}

}  // namespace testing::fit_bytes
