#include "fit_decoder.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

namespace runaudit::io::fit {
namespace {

// "FIT Protocol" §3.2: a header is at least 12 bytes (14 with its CRC): size, protocol version,
// profile version (uint16 LE), data size (uint32 LE), ".FIT", header CRC (uint16 LE).
constexpr std::size_t min_header_size = 12;
constexpr std::size_t crc_header_size = 14;
// §4.1.1 record header bits.
constexpr unsigned compressed_bit = 0x80, definition_bit = 0x40, developer_bit = 0x20;

struct BaseTypeInfo {
  std::uint8_t size;
  ValueKind kind;
  bool zero_invalid = false;  // a "z" type: 0 is invalid, not all ones
};

// §4.2.1.4, table 4-6: size and kind of each base type, by its number (the low 5 bits of a
// field definition's base-type byte).
constexpr std::array<BaseTypeInfo, 17> base_types{{
    {1, ValueKind::unsigned_int},        // enum
    {1, ValueKind::signed_int},          // sint8
    {1, ValueKind::unsigned_int},        // uint8
    {2, ValueKind::signed_int},          // sint16
    {2, ValueKind::unsigned_int},        // uint16
    {4, ValueKind::signed_int},          // sint32
    {4, ValueKind::unsigned_int},        // uint32
    {1, ValueKind::text},                // string
    {4, ValueKind::floating},            // float32
    {8, ValueKind::floating},            // float64
    {1, ValueKind::unsigned_int, true},  // uint8z
    {2, ValueKind::unsigned_int, true},  // uint16z
    {4, ValueKind::unsigned_int, true},  // uint32z
    {1, ValueKind::unsigned_int},        // byte
    {8, ValueKind::signed_int},          // sint64
    {8, ValueKind::unsigned_int},        // uint64
    {8, ValueKind::unsigned_int, true},  // uint64z
}};

std::uint32_t le32(const unsigned char* p) noexcept {
  return static_cast<std::uint32_t>(read_uint(p, 4, false));
}
std::uint16_t le16(const unsigned char* p) noexcept {
  return static_cast<std::uint16_t>(read_uint(p, 2, false));
}

// CRC-16 tables for slicing by 8 (Kounavis and Berry, "A Systematic Approach to Building High
// Performance Software-Based CRC Generators", 2005): table k gives a byte's CRC followed by k
// zero bytes, so eight bytes fold in with eight independent lookups instead of a chain of eight.
// Table 0 is the byte-at-a-time table of the FIT protocol's polynomial.
using CrcTables = std::array<std::array<std::uint16_t, 256>, 8>;
constexpr CrcTables make_crc_tables() {
  CrcTables t{};
  for (unsigned i = 0; i < 256; ++i) {
    unsigned crc = i;
    for (int bit = 0; bit < 8; ++bit) crc = (crc & 1) ? (crc >> 1) ^ 0xA001 : crc >> 1;
    t[0][i] = static_cast<std::uint16_t>(crc);
  }
  for (std::size_t k = 1; k < t.size(); ++k)
    for (unsigned i = 0; i < 256; ++i)
      t[k][i] = static_cast<std::uint16_t>((t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xFF]);
  return t;
}
constexpr CrcTables crc_tables = make_crc_tables();

// Resuming after damage (FileReader::resume_after): a stretch of messages read from an offset
// after it is the recording going on when resync_messages of them read cleanly with the
// definitions known (or the data ends cleanly after at least resync_timestamps_at_end), at least
// resync_timestamps of them with a full timestamp, each within resync_back_s before and
// resync_ahead_s after the median of the last recent_timestamps timestamps read, and none before
// the one before it by more than resync_back_s. Random bytes pass that one time in millions:
// half of all bytes are compressed-timestamp headers, so those count only in a file that used
// them before the damage.
constexpr std::size_t resync_messages = 32, resync_timestamps = 8, resync_timestamps_at_end = 2;
constexpr std::uint32_t resync_back_s = 60, resync_ahead_s = 24 * 3600;
constexpr std::size_t recent_timestamps = 16;
// At most this many damaged stretches are skipped per FIT file, each found within
// max_resync_scan bytes after the damage, and the offsets tried cost at most 4 units of work
// per byte of the file plus a base in all (goes_on: an offset, 8 fields of definitions copied,
// a message, 16 bytes read): linear in a hostile file.
constexpr std::size_t max_resumes = 256, max_resync_scan = 65'536;
constexpr std::size_t resync_scan_per_byte = 4, resync_scan_base = 65'536;

// Reads the data messages of one FIT file: the bytes [begin, end) after its header.
class FileReader {
 public:
  using Definitions = std::array<std::optional<Definition>, 16>;

  // @p carried: the definitions a chained file before this one left (Garmin's SDK keeps them
  // from file to file; a writer that does not define its local types again relies on that).
  // @p scan_budget: the offsets resume_after may still try, shared by the chained files.
  FileReader(std::string_view bytes, const MessageHandler& handler, Outcome& outcome,
             Definitions carried, std::size_t& scan_budget)
      : m_bytes(reinterpret_cast<const unsigned char*>(bytes.data())),
        m_handler(handler),
        m_outcome(outcome),
        m_defs(std::move(carried)),
        m_scan_budget(scan_budget) {}

  // The local types defined when reading stopped.
  const Definitions& definitions() const noexcept { return m_defs; }

  // Whether reading on from @p begin to @p end, with the definitions read so far, meets no
  // damage; nothing is delivered and nothing recorded.
  bool reads_cleanly(std::size_t begin, std::size_t end) const {
    static const MessageHandler none = [](const Message&) {};
    Outcome scratch;
    FileReader probe(*this, none, scratch);
    probe.m_resumable = false;
    probe.read(begin, end);
    return !scratch.damage;
  }

  // @return the offset where reading stopped: end, or the start of the damaged message (then
  // m_outcome.damage is set). A damaged message (not one cut off by the end of the data) is
  // skipped where the recording is found going on after it (resume_after; Outcome::skipped).
  // May go on after a stop, where it stopped, with the definitions read so far.
  std::size_t read(std::size_t begin, std::size_t end) {
    m_truncated = false;
    std::size_t p = begin;
    while (p < end) {
      const std::size_t next = message(p, end);
      if (next == 0) {
        const std::size_t resumed = m_truncated ? 0 : resume_after(p, end);
        if (resumed == 0) return p;
        m_outcome.skipped.push_back(
            Damage{static_cast<std::ptrdiff_t>(p), "bytes " + std::to_string(p) + "-" +
                                                       std::to_string(resumed - 1) + " (" +
                                                       m_outcome.damage->reason + ")"});
        m_outcome.skipped_files.insert(m_outcome.files - 1);
        m_outcome.damage.reset();
        p = resumed;
        continue;
      }
      p = next;
    }
    return p;
  }
  // @return whether reading stopped at a message running past the end of the data.
  bool truncated() const noexcept { return m_truncated; }

 private:
  // Reads the message at @p p: the offset after it, or 0 after recording damage.
  std::size_t message(std::size_t p, std::size_t end) {
    const unsigned header = m_bytes[p];
    return (header & compressed_bit)   ? compressed(p, end)
           : (header & definition_bit) ? definition(p, end)
                                       : data(p, end);
  }

  // The offset after the damaged message at @p damaged from which the recording goes on (the
  // resync_* bounds), or 0: none within max_resync_scan bytes, or the limits passed, or too few
  // timestamps read before the damage to tell where the recording was.
  std::size_t resume_after(std::size_t damaged, std::size_t end) {
    if (!m_resumable || m_resumes >= max_resumes || m_recent_count < resync_timestamps) return 0;
    std::array<std::uint32_t, recent_timestamps> recent = m_recent;
    const std::size_t n = std::min(m_recent_count, recent_timestamps);
    std::nth_element(recent.begin(), recent.begin() + n / 2, recent.begin() + n);
    const std::uint32_t reference = recent[n / 2];
    const std::size_t last = std::min(end, damaged + max_resync_scan);
    for (std::size_t q = damaged + 1; q < last && m_scan_budget > 0; ++q) {
      std::size_t cost = 1;
      const bool found =
          first_timestamp_near(q, end, reference) && goes_on(q, end, reference, cost);
      m_scan_budget -= std::min(cost, m_scan_budget);
      if (found) {
        ++m_resumes;
        return q;
      }
    }
    return 0;
  }

  // Whether a timestamp @p t is near @p reference (resync_back_s, resync_ahead_s).
  static bool near(std::uint64_t t, std::uint32_t reference) {
    return t + resync_back_s >= reference && t <= std::uint64_t{reference} + resync_ahead_s;
  }

  // Whether the bytes at @p q are a data message of a type defined, whose full timestamp is
  // near @p reference: the cheap test of every offset.
  bool first_timestamp_near(std::size_t q, std::size_t end, std::uint32_t reference) const {
    const unsigned header = m_bytes[q];
    if (header & (compressed_bit | definition_bit | 0x10)) return false;
    const auto& def = m_defs[header & 0x0F];
    if (!def || end - q - 1 < def->size) return false;
    const auto t = Message(*def, m_bytes + q + 1, 0, std::nullopt).unsigned_value(253);
    return t && near(*t, reference);
  }

  // Whether reading from @p q goes on as the recording did (the resync_* bounds); @p cost grows
  // by the work it took: the definitions copied (a unit per 8 fields), the messages read (of
  // any kind) and their bytes (a unit per 16).
  bool goes_on(std::size_t q, std::size_t end, std::uint32_t reference, std::size_t& cost) const {
    std::size_t full = 0;
    std::uint64_t latest = 0;
    bool off = false;
    const bool compressed_before = m_compressed_seen;
    const MessageHandler check = [&](const Message& m) {
      if (const auto t = m.unsigned_value(253)) {
        ++full;
        off = off || !near(*t, reference) || *t + resync_back_s < latest;
        latest = std::max<std::uint64_t>(latest, *t);
      } else if (m.timestamp() && !compressed_before) {
        off = true;  // a compressed-timestamp header in a file that wrote none
      }
    };
    std::size_t fields = 0;
    for (const auto& def : m_defs)
      if (def) fields += def->fields.size() + def->developer_keys.size();
    cost += 1 + fields / 8;
    Outcome scratch;
    FileReader probe(*this, check, scratch);
    probe.m_resumable = false;
    std::size_t p = q, messages = 0;
    for (; p < end && messages < resync_messages && !off; ++messages) {
      const std::size_t next = probe.message(p, end);
      cost += 1 + (next > p ? next - p : 0) / 16;
      if (next == 0) return false;
      p = next;
    }
    if (off) return false;
    return messages >= resync_messages ? full >= resync_timestamps
                                       : p >= end && full >= resync_timestamps_at_end;
  }

  // Each returns the offset after the message, or 0 after recording damage.
  std::size_t damage(std::size_t at, std::string reason) {
    m_outcome.damage = Damage{static_cast<std::ptrdiff_t>(at), std::move(reason)};
    return 0;
  }

  std::size_t past_end(std::size_t at, std::size_t end) {
    m_truncated = true;
    return damage(at, "message at byte " + std::to_string(at) + " runs past the end of the data (" +
                          std::to_string(end) + " bytes)");
  }

  std::size_t definition(std::size_t p, std::size_t end) {
    const unsigned header = m_bytes[p];
    // §4.2: reserved byte, architecture, global number (2), field count, 3 bytes a field.
    if (end - p < 6) return past_end(p, end);
    const unsigned architecture = m_bytes[p + 2];
    if (architecture > 1)
      return damage(p, "definition at byte " + std::to_string(p) + " has architecture " +
                           std::to_string(architecture) + " (0 or 1 expected)");
    Definition def;
    def.big_endian = architecture == 1;
    def.global = static_cast<std::uint16_t>(read_uint(m_bytes + p + 3, 2, def.big_endian));
    const std::size_t field_count = m_bytes[p + 5];
    std::size_t q = p + 6;
    if (end - q < 3 * field_count) return past_end(p, end);
    def.fields.reserve(field_count);
    std::uint32_t offset = 0;
    for (std::size_t i = 0; i < field_count; ++i, q += 3) {
      const unsigned base = m_bytes[q + 2] & 0x1F;
      if (base >= base_types.size())
        return damage(p, "definition at byte " + std::to_string(p) + " gives field " +
                             std::to_string(m_bytes[q]) + " the unknown base type " +
                             std::to_string(m_bytes[q + 2]));
      FieldDef f{m_bytes[q], m_bytes[q + 1], offset};
      const BaseTypeInfo& type = base_types[base];
      f.element_size = type.size;
      f.kind = type.kind;
      const std::uint64_t all_ones = ~std::uint64_t{0} >> (64 - 8 * type.size);
      f.invalid = type.zero_invalid                    ? 0
                  : type.kind == ValueKind::signed_int ? all_ones >> 1
                                                       : all_ones;
      f.elements = static_cast<std::uint8_t>(f.size % type.size == 0 ? f.size / type.size : 0);
      offset += f.size;
      def.fields.push_back(f);
      def.index[f.number] = static_cast<std::uint8_t>(i + 1);
    }
    if (header & developer_bit) {
      // §4.2.1.5: developer field count, then number, size, developer data index per field.
      if (end - q < 1) return past_end(p, end);
      const std::size_t dev_count = m_bytes[q++];
      if (end - q < 3 * dev_count) return past_end(p, end);
      for (std::size_t i = 0; i < dev_count; ++i, q += 3) {
        offset += m_bytes[q + 1];
        def.developer_keys.push_back(
            static_cast<std::uint16_t>(std::uint16_t{m_bytes[q + 2]} << 8 | m_bytes[q]));
      }
      def.developer_fields = dev_count > 0;
    }
    def.size = offset;
    m_defs[header & 0x0F] = std::move(def);
    return q;
  }

  std::size_t data(std::size_t p, std::size_t end) {
    const unsigned local = m_bytes[p] & 0x0F;
    const auto& def = m_defs[local];
    if (!def)
      return damage(p, "data message of local type " + std::to_string(local) + " at byte " +
                           std::to_string(p) + " before any definition of it");
    if (end - p - 1 < def->size) return past_end(p, end);
    std::optional<std::uint32_t> timestamp;
    const Message probe(*def, m_bytes + p + 1, static_cast<std::ptrdiff_t>(p), std::nullopt);
    if (const auto t = probe.unsigned_value(253)) {
      timestamp = static_cast<std::uint32_t>(*t);
      m_last_timestamp = timestamp;
      m_recent[m_recent_count++ % recent_timestamps] = *timestamp;
    }
    deliver(Message(*def, m_bytes + p + 1, static_cast<std::ptrdiff_t>(p), timestamp,
                    m_outcome.files - 1));
    return p + 1 + def->size;
  }

  std::size_t compressed(std::size_t p, std::size_t end) {
    // §4.1.2: local type in bits 5-6, a 5-bit time offset rolling over the last timestamp.
    const unsigned header = m_bytes[p];
    const unsigned local = (header >> 5) & 0x03;
    const auto& def = m_defs[local];
    if (!def)
      return damage(p, "compressed-timestamp message of local type " + std::to_string(local) +
                           " at byte " + std::to_string(p) + " before any definition of it");
    if (end - p - 1 < def->size) return past_end(p, end);
    m_compressed_seen = true;
    std::optional<std::uint32_t> timestamp;
    if (m_last_timestamp) {
      const std::uint32_t offset = header & 0x1F, last = *m_last_timestamp;
      std::uint32_t t = (last & ~std::uint32_t{0x1F}) + offset;
      if (offset < (last & 0x1F)) t += 0x20;
      timestamp = m_last_timestamp = t;
    } else {
      ++m_outcome.unreferenced_compressed;
    }
    deliver(Message(*def, m_bytes + p + 1, static_cast<std::ptrdiff_t>(p), timestamp,
                    m_outcome.files - 1));
    return p + 1 + def->size;
  }

  void deliver(const Message& m) {
    ++m_outcome.messages;
    m_handler(m);
  }

  FileReader(const FileReader& from, const MessageHandler& handler, Outcome& outcome)
      : m_bytes(from.m_bytes),
        m_handler(handler),
        m_outcome(outcome),
        m_defs(from.m_defs),
        m_last_timestamp(from.m_last_timestamp),
        m_compressed_seen(from.m_compressed_seen),
        m_scan_budget(from.m_scan_budget) {}

  const unsigned char* m_bytes;
  const MessageHandler& m_handler;
  Outcome& m_outcome;
  Definitions m_defs;
  std::optional<std::uint32_t> m_last_timestamp;
  bool m_truncated = false;  // a message ran past the end of the data
  // For resume_after: the last recent_timestamps full timestamps read (a ring; how many in
  // all), whether a compressed-timestamp header was read, how many stretches were skipped and
  // how many more offsets may be tried.
  std::array<std::uint32_t, recent_timestamps> m_recent{};
  std::size_t m_recent_count = 0;
  bool m_compressed_seen = false;
  bool m_resumable = true;  // false in a probe
  std::size_t m_resumes = 0;
  std::size_t& m_scan_budget;
};

}  // namespace

std::uint16_t crc16(std::string_view bytes, std::uint16_t crc) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t n = bytes.size();
  const auto& t = crc_tables;
  for (; n >= 8; n -= 8, p += 8) {
    const unsigned low = (crc ^ p[0]) & 0xFF, high = ((crc >> 8) ^ p[1]) & 0xFF;
    crc = static_cast<std::uint16_t>(t[7][low] ^ t[6][high] ^ t[5][p[2]] ^ t[4][p[3]] ^ t[3][p[4]] ^
                                     t[2][p[5]] ^ t[1][p[6]] ^ t[0][p[7]]);
  }
  for (; n > 0; --n, ++p) crc = static_cast<std::uint16_t>((crc >> 8) ^ t[0][(crc ^ *p) & 0xFF]);
  return crc;
}

std::string Message::string(std::uint8_t field) const {
  const std::string_view raw = bytes(field);
  std::string_view text = raw.substr(0, raw.find('\0'));
  // A UTF-8 character the field's size cut (a device filling a 16-byte field byte by byte):
  // dropped whole, as Garmin's SDK does, rather than left as an invalid sequence.
  for (std::size_t back = 1; back <= 3 && back <= text.size(); ++back) {
    const auto c = static_cast<unsigned char>(text[text.size() - back]);
    if ((c & 0xC0) == 0x80) continue;  // a continuation byte: look further back
    const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (length > back) text.remove_suffix(back);
    break;
  }
  return std::string(text);
}

std::string_view Message::bytes(std::uint8_t field) const noexcept {
  const FieldDef* f = find(field);
  if (!f) return {};
  return {reinterpret_cast<const char*>(m_content + f->offset), f->size};
}

Outcome decode(std::string_view bytes, const MessageHandler& handler) {
  Outcome outcome;
  const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t size = bytes.size();
  if (size == 0) outcome.damage = Damage{0, "not a FIT file (no bytes)"};
  std::size_t pos = 0;
  FileReader::Definitions carried;  // from the chained file before
  std::size_t scan_budget = resync_scan_base + resync_scan_per_byte * size;
  // What follows a whole file and is no whole FIT file before its first message (junk, a header
  // of another size or cut short, a chained file cut before a message was read) leaves the
  // files before it whole: Outcome::trailing, not damage.
  const auto after_whole = [&](const std::string& what) {
    outcome.trailing = Damage{
        static_cast<std::ptrdiff_t>(pos),
        std::to_string(size - pos) + " bytes after the end of the FIT data are not FIT" + what};
  };
  while (pos < size) {
    if (size - pos < min_header_size || b[pos] < min_header_size ||
        std::memcmp(b + pos + 8, ".FIT", 4) != 0) {
      if (pos == 0)
        outcome.damage = Damage{0, "not a FIT file (no \".FIT\" header)"};
      else
        after_whole("");
      break;
    }
    const std::size_t header_size = b[pos];
    if (header_size != min_header_size && header_size != crc_header_size) {
      // The protocol's headers are of 12 bytes (older) or 14 (with a CRC); Garmin's SDK reads
      // no other size, and reading on from byte 255 would blame a message that is not there.
      if (pos == 0)
        outcome.damage = Damage{
            0, "FIT header of " + std::to_string(header_size) + " bytes (12 or 14 expected)"};
      else
        after_whole(" (a header of " + std::to_string(header_size) + " bytes, 12 or 14 expected)");
      break;
    }
    if (size - pos < header_size) {
      if (pos == 0)
        outcome.damage = Damage{0, "truncated FIT header (" + std::to_string(size) + " of " +
                                       std::to_string(header_size) + " bytes)"};
      else
        after_whole(" (a header cut short)");
      break;
    }
    if (header_size == crc_header_size) {
      const std::uint16_t stated = le16(b + pos + 12);
      if (stated != 0 && stated != crc16(bytes.substr(pos, 12)))
        outcome.header_crc_mismatch_files.insert(outcome.files);
    }
    const std::uint32_t data_size = le32(b + pos + 4);
    const std::size_t begin = pos + header_size;
    std::size_t end = begin + data_size;
    ++outcome.files;
    const std::size_t messages_before = outcome.messages;
    FileReader reader(bytes, handler, outcome, carried, scan_budget);
    // Reads from @p from to the end of the bytes, when the header gives no data size (0) or a
    // wrong one: the last two bytes are the file's CRC when they are that of all before them
    // (from this header on), or when the messages end right before them (a CRC that does not
    // match: the header was altered after the CRC was written); else messages run to the end.
    const auto read_to_file_end = [&](std::size_t from) {
      end = size;
      if (size - from < 2) return reader.read(from, size);
      if (le16(b + size - 2) == crc16(bytes.substr(pos, size - 2 - pos)))
        return reader.read(from, size - 2);
      const std::size_t stopped = reader.read(from, size - 2);
      if (!outcome.damage) {
        outcome.crc_mismatch_files.insert(outcome.files - 1);
        return stopped;
      }
      if (!reader.truncated()) return stopped;
      outcome.damage.reset();
      return reader.read(stopped, size);
    };
    std::size_t stop = 0;
    if (data_size == 0) {
      outcome.unfinished_files.insert(outcome.files - 1);
      outcome.promised_end.reset();
      stop = read_to_file_end(begin);
    } else if (size - begin >= 2 && end > size - 2 &&
               le16(b + size - 2) == crc16(bytes.substr(pos, size - 2 - pos))) {
      // The header's data runs into the file's last two bytes or beyond, and they are the CRC
      // of all before them: a size a few bytes off, the file whole.
      outcome.data_size_wrong = data_size;
      end = size - 2;
      stop = reader.read(begin, end);
    } else {
      outcome.promised_end = end + 2;
      stop = reader.read(begin, std::min(end, size));
    }
    if (reader.truncated() && data_size != 0 && end + 2 < size) {
      // A message runs past the data's end by the header, and the file goes on beyond that end
      // and its CRC: the header's data size is wrong (a writer that did not finalise it
      // rightly), not the data. Read on where it stopped, to the end of the file, as for a
      // header with data size 0.
      outcome.damage.reset();
      outcome.data_size_wrong = data_size;
      outcome.promised_end.reset();
      read_to_file_end(stop);
      break;
    }
    if (pos > 0 && outcome.messages == messages_before && (outcome.damage || end > size)) {
      outcome.damage.reset();  // a chained file of which nothing was read: the one before whole
      --outcome.files;
      after_whole(" (a FIT file that ends before its first message)");
      break;
    }
    if (end > size && (!outcome.damage || reader.truncated())) {
      // The damage is where the last whole message ends (stop); the file's own size and what
      // its header promises say how much is missing.
      outcome.damage =
          Damage{static_cast<std::ptrdiff_t>(stop),
                 "truncated FIT file: its last whole message ends here (the file holds " +
                     std::to_string(size) + " bytes of the " + std::to_string(end + 2) +
                     " its header promises)"};
      break;
    }
    if (outcome.damage) break;
    if (data_size == 0) break;  // read to the end, its CRC checked when it has one
    if (size - end < 2) {       // every message the header promises is there: no damage to them
      outcome.checksum_missing = true;
      break;
    }
    if (le16(b + end) != crc16(bytes.substr(pos, end - pos))) {
      // No CRC where the header says the data ends, no FIT header after it, and messages that
      // go on cleanly to the file's last two bytes, the CRC of all before them: the size is
      // wrong, at a message boundary by chance. Read on. (Padding after a file whose CRC was
      // damaged, zeros that would read as messages, has no CRC at its end.)
      const bool header_after = size - (end + 2) >= min_header_size &&
                                (b[end + 2] == min_header_size || b[end + 2] == crc_header_size) &&
                                std::memcmp(b + end + 2 + 8, ".FIT", 4) == 0;
      if (!header_after && size - end > 4 &&
          le16(b + size - 2) == crc16(bytes.substr(pos, size - 2 - pos)) &&
          reader.reads_cleanly(end, size - 2)) {
        outcome.data_size_wrong = data_size;
        outcome.promised_end.reset();
        read_to_file_end(end);
        break;
      }
      outcome.crc_mismatch_files.insert(outcome.files - 1);
    }
    carried = reader.definitions();
    pos = end + 2;
  }
  return outcome;
}

}  // namespace runaudit::io::fit
