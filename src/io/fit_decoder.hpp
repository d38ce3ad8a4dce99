#pragma once
// Private: the FIT protocol, as Garmin's "FIT Protocol" document (FIT SDK, protocol 2.0)
// describes it: file headers of 12 or more bytes with the ".FIT" signature, header and file
// CRC-16, chained files, definition messages for local message types 0-15 (redefinable at any
// time, little- or big-endian), normal and compressed-timestamp data messages, developer
// fields (skipped by their declared size), base types and their invalid values. It knows no
// message of the profile except the timestamp field (253) every message may carry.

#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace runaudit::io::fit {

/// FIT's CRC-16 (polynomial 0xA001, reflected; "FIT Protocol" §3.3.2) of @p bytes, continuing
/// from @p crc.
std::uint16_t crc16(std::string_view bytes, std::uint16_t crc = 0) noexcept;

/// How a base type's values read (§4.2.1.4, table 4-6).
enum class ValueKind : std::uint8_t { unsigned_int, signed_int, floating, text };

/// One field of a definition message.
struct FieldDef {
  std::uint8_t number = 0;
  std::uint8_t size = 0;     // bytes
  std::uint32_t offset = 0;  // from the start of a data message's content
  // Elements of the base type the field holds (size / the base type's size, an array's length);
  // 0 when the size is not a multiple of the base type's (Garmin's SDK reads it as invalid).
  std::uint8_t elements = 0;
  std::uint8_t element_size = 1;  // bytes of the base type
  ValueKind kind = ValueKind::unsigned_int;
  // The base type's "invalid" value, as read (§4.2.1.4, table 4-6): all ones for unsigned types
  // and floats, the largest positive value for signed types, 0 for the "z" types.
  std::uint64_t invalid = ~std::uint64_t{0};
};

/// @return the @p n (1, 2, 4 or 8; else up to 8) bytes at @p p as an unsigned integer.
inline std::uint64_t read_uint(const unsigned char* p, std::size_t n, bool big_endian) noexcept {
  const auto load = [p](auto v) {
    std::memcpy(&v, p, sizeof v);
    return std::uint64_t{v};
  };
  if constexpr (std::endian::native == std::endian::little) {
    if (!big_endian) switch (n) {  // the common case, one load
        case 1:
          return p[0];
        case 2:
          return load(std::uint16_t{});
        case 4:
          return load(std::uint32_t{});
        case 8:
          return load(std::uint64_t{});
        default:
          break;
      }
  }
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i) v |= std::uint64_t{p[big_endian ? n - 1 - i : i]} << (8 * i);
  return v;
}

/// A definition message: the layout of the data messages of one local message type.
struct Definition {
  std::uint16_t global = 0;  // global message number
  bool big_endian = false;
  std::uint32_t size = 0;  // content bytes of a data message, developer fields included
  bool developer_fields = false;
  // The developer fields, each as (developer_data_index << 8) | field number.
  std::vector<std::uint16_t> developer_keys;
  std::vector<FieldDef> fields;
  std::array<std::uint8_t, 256> index{};  // field number -> position in fields + 1; 0: absent
};

/// A data message, valid while the handler that receives it runs.
class Message {
 public:
  Message(const Definition& definition, const unsigned char* content, std::ptrdiff_t offset,
          std::optional<std::uint32_t> timestamp, std::size_t file = 0) noexcept
      : m_def(&definition),
        m_content(content),
        m_offset(offset),
        m_timestamp(timestamp),
        m_file(file) {}

  /// @return the global message number.
  std::uint16_t global() const noexcept { return m_def->global; }
  /// @return the byte offset of the message's record header in the file.
  std::ptrdiff_t offset() const noexcept { return m_offset; }
  /// @return the raw date_time (s since 1989-12-31T00:00:00Z, or device-relative below
  ///         0x10000000) of field 253 or of a compressed-timestamp header; nullopt if neither.
  std::optional<std::uint32_t> timestamp() const noexcept { return m_timestamp; }
  /// @return the 0-based index of the chained FIT file (header) that holds the message.
  std::size_t file() const noexcept { return m_file; }
  /// @return whether the message carries developer fields.
  bool has_developer_fields() const noexcept { return m_def->developer_fields; }
  /// @return the developer fields it carries, each as (developer_data_index << 8) | field
  ///         number (a field_description's developer_data_index, field_definition_number).
  const std::vector<std::uint16_t>& developer_keys() const noexcept {
    return m_def->developer_keys;
  }
  /// @return element @p index of a numeric field, raw (before scale and offset); nullopt when
  ///         absent, invalid (the base type's invalid value), a string, a NaN/infinite float,
  ///         or when the field's size is not a multiple of its base type's size (Garmin's SDK
  ///         reads that as invalid too).
  [[gnu::always_inline]] std::optional<double> value(std::uint8_t field,
                                                     std::size_t index = 0) const noexcept {
    // Inline over a double, NaN when absent: an std::optional<double> returned from another
    // translation unit is assembled on the stack, and reading it back stalled the store
    // forwarding of every field read (11 % of a FIT audit, perf).
    const double v = value_or_nan(field, index);
    return std::isnan(v) ? std::nullopt : std::optional<double>(v);
  }
  /// @return value(), NaN when it is nullopt (a value read is never NaN: NaN floats are absent).
  /// Inline: a record reads a dozen fields, and the call was a tenth of decoding (perf).
  [[gnu::always_inline]] double value_or_nan(std::uint8_t field,
                                             std::size_t index = 0) const noexcept {
    return value_of(find(field), index);
  }
  /// @return an integer field's element as an unsigned value (enums, ids); nullopt as value()
  ///         and for negative or float values. Inline: every data message's timestamp is one.
  [[gnu::always_inline]] std::optional<std::uint64_t> unsigned_value(
      std::uint8_t field, std::size_t index = 0) const noexcept {
    const FieldDef* f = find(field);
    if (!f || f->kind == ValueKind::floating) return std::nullopt;
    const double v = value_of(f, index);
    if (std::isnan(v) || v < 0) return std::nullopt;
    if (f->element_size < 8) return static_cast<std::uint64_t>(v);
    return raw_element(*f, index);  // 64-bit values may not be exact in a double
  }
  /// @return a string field up to its first NUL byte, without a UTF-8 character cut at its end
  ///         by the field's size; empty when absent or empty.
  std::string string(std::uint8_t field) const;
  /// @return the raw bytes of a field (empty when absent).
  std::string_view bytes(std::uint8_t field) const noexcept;

 private:
  const FieldDef* find(std::uint8_t field) const noexcept {
    const std::uint8_t i = m_def->index[field];
    return i == 0 ? nullptr : &m_def->fields[i - 1u];
  }
  // Element @p index of @p f as stored, in the message's byte order. @pre index < f.elements.
  std::uint64_t raw_element(const FieldDef& f, std::size_t index) const noexcept {
    const unsigned size = f.element_size;
    return read_uint(m_content + f.offset + index * size, size, m_def->big_endian && size > 1);
  }
  // value_or_nan() of field @p f (nullptr: absent).
  [[gnu::always_inline]] double value_of(const FieldDef* f, std::size_t index) const noexcept {
    constexpr double absent = std::numeric_limits<double>::quiet_NaN();
    if (!f || f->kind == ValueKind::text || index >= f->elements) return absent;
    const std::uint64_t raw = raw_element(*f, index);
    if (raw == f->invalid) return absent;
    const unsigned size = f->element_size;
    switch (f->kind) {
      case ValueKind::floating: {
        const double v = size == 4 ? double(std::bit_cast<float>(static_cast<std::uint32_t>(raw)))
                                   : std::bit_cast<double>(raw);
        return std::isfinite(v) ? v : absent;
      }
      case ValueKind::signed_int: {
        // Two's complement of the type's bits, sign-extended.
        const unsigned unused = 64 - 8 * size;
        return double(static_cast<std::int64_t>(raw << unused) >> unused);
      }
      default:
        return double(raw);
    }
  }
  const Definition* m_def;
  const unsigned char* m_content;
  std::ptrdiff_t m_offset;
  std::optional<std::uint32_t> m_timestamp;
  std::size_t m_file;
};

/// Where decoding stopped, and why (one line a user understands).
struct Damage {
  std::ptrdiff_t offset = -1;  // byte offset in the file
  std::string reason;
};

/// What decode() found about the file as a whole.
struct Outcome {
  std::size_t files = 0;         // FIT files read (several when chained)
  std::size_t messages = 0;      // data messages handed to the handler
  std::optional<Damage> damage;  // set when decoding stopped before the end
  // Damaged stretches decoding skipped, going on where the recording did (a Strava Android
  // app's file holds ten): where each began, and "bytes A-B (what was damaged at A)".
  std::vector<Damage> skipped;
  std::set<std::size_t> skipped_files;  // the chained files (0-based) they are in
  // Bytes after a complete file that are no FIT header (padding, junk, a chained file whose
  // header is damaged): not read, and no damage to the files before them.
  std::optional<Damage> trailing;
  bool checksum_missing = false;  // the data whole, its CRC cut off (1 or 2 bytes)
  // The chained files (0-based) whose file CRC differs from their bytes, those whose header CRC
  // (when not 0) differs from their header, and those never finalised (a header with data size
  // 0): what their own activities' notes say (another chained file's CRC is not theirs).
  std::set<std::size_t> crc_mismatch_files, header_crc_mismatch_files, unfinished_files;
  // Compressed-timestamp messages with no full timestamp before them in their file: untimed.
  std::size_t unreferenced_compressed = 0;
  // The data size a header gave when it is not the data's: it ends inside a message while the
  // file goes on; or at a message boundary without a CRC there, the messages going on cleanly
  // to the file's end; or beyond the file, whose last two bytes are the CRC of all before them.
  // The data is read to the file's end (its CRC checked when its last two bytes are it).
  std::optional<std::uint32_t> data_size_wrong;
  // Where the FIT file being read when decoding stopped ends by its header (its data and CRC),
  // when its header gives a data size: with damage->offset, how much of it was read.
  std::optional<std::size_t> promised_end;
};

/// Handler of each data message, in file order. It may throw; decode() lets it through.
using MessageHandler = std::function<void(const Message&)>;

/// Decodes every FIT file in @p bytes (chained files one after another, each starting with the
/// local definitions the one before left, as Garmin's SDK reads them), calling @p handler for
/// each data message. Damage never throws. A message that cannot be read (a data message
/// without definition, an unknown base type, an architecture other than 0 or 1) is skipped
/// where, within 64 KiB after it, 32 messages read cleanly with the definitions known and at
/// least 8 of them carry full timestamps near (1 min before to 24 h after) the median of the
/// last 16 read, in order: the recording going on after damaged bytes (Outcome::skipped; at most
/// 256 per chained file; the search's work at most 4 units per byte of @p bytes: an offset tried,
/// a message read, 16 bytes, 8 fields of definitions copied). Else decoding stops
/// there, as at a message the data's end cuts off, and Outcome::damage says where; bytes that
/// are no FIT header after a complete file end it too,
/// as Outcome::trailing (the files before them are whole). A header with
/// data size 0, or one whose data size is not its data's (Outcome::data_size_wrong), is read to
/// the end of the bytes: to their last two when those are the CRC of all before them. Memory: the
/// 16 current definitions only.
Outcome decode(std::string_view bytes, const MessageHandler& handler);

}  // namespace runaudit::io::fit
