// The zip container: members listed from the central directory and each read at its own offset
// (PKWARE APPNOTE.TXT 6.3.10: 4.3.7 local header, 4.3.12 central directory header, 4.3.14-16
// Zip64 end records, 4.5.3 Zip64 extra field). Reading by offset makes a member's cost
// independent of the order members are asked for (libarchive reads zip members only in order:
// measured 66 times slower over 2 000 members asked for by size, as the batch's first pass does).
// Stored and deflated members (every export writer's choice) are read; data is inflated with
// libdeflate, never past the size the directory declares.

#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <numeric>

#include "bytes.hpp"
#include "names.hpp"
#include "openers.hpp"
#include "runaudit/io/source.hpp"

namespace runaudit::io {
namespace {

constexpr std::uint32_t kLocalHeader = 0x04034b50, kCentralHeader = 0x02014b50, kEnd = 0x06054b50,
                        kZip64End = 0x06064b50, kZip64Locator = 0x07064b50,
                        kDescriptor = 0x08074b50;
constexpr std::size_t kLocalHeaderSize = 30, kCentralHeaderSize = 46, kEndSize = 22;

std::uint64_t le(const char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

Diagnostic problem_at(const std::string& source, ParseErrc code, std::string message,
                      std::ptrdiff_t offset = -1) {
  return Diagnostic{source, std::string(to_string(code)), std::move(message), 0, 0, offset};
}

bool zip_magic(std::string_view bytes) noexcept {
  return bytes.size() >= 4 &&
         (bytes.substr(0, 4) == "PK\x03\x04" || bytes.substr(0, 4) == "PK\x05\x06");
}

bool zip_name(std::string_view name) noexcept {
  return detail::ends_with_icase(name, ".zip");
}

// The end of central directory record: where the directory is and how many entries it has.
struct Directory {
  std::uint64_t entries = 0, size = 0, offset = 0;
  std::uint64_t end_at = 0;  // where the end record starts: the directory ends there at most
};

std::optional<Directory> find_directory(const ArchiveBytes& a, const std::string& source,
                                        std::optional<Diagnostic>& problem) {
  const std::uint64_t size = a.size();
  const std::size_t tail =
      static_cast<std::size_t>(std::min<std::uint64_t>(size, kEndSize + 0xFFFF));
  std::string t(tail, '\0');
  a.read(size - tail, t.data(), tail);
  // The record is the last 22 bytes but for a comment of up to 65 535 bytes (4.3.16).
  for (std::size_t i = tail >= kEndSize ? tail - kEndSize + 1 : 0; i-- > 0;) {
    if (le(&t[i], 4) != kEnd) continue;
    Directory d;
    d.end_at = size - tail + i;
    d.entries = le(&t[i + 10], 2);
    d.size = le(&t[i + 12], 4);
    d.offset = le(&t[i + 16], 4);
    if (d.entries == 0xFFFF || d.size == 0xFFFFFFFF || d.offset == 0xFFFFFFFF) {
      // Zip64: a locator just before the record points to the Zip64 end record (4.3.14-15).
      char loc[20], rec[56];
      if (d.end_at < sizeof loc) break;
      a.read(d.end_at - sizeof loc, loc, sizeof loc);
      if (le(loc, 4) != kZip64Locator) break;
      const std::uint64_t at = le(loc + 8, 8);
      if (at > size || size - at < sizeof rec) break;
      a.read(at, rec, sizeof rec);
      if (le(rec, 4) != kZip64End) break;
      d.entries = le(rec + 32, 8);
      d.size = le(rec + 40, 8);
      d.offset = le(rec + 48, 8);
      d.end_at = at;
    }
    if (d.offset > d.end_at || d.size > d.end_at - d.offset) {
      problem = problem_at(source, ParseErrc::bad_archive,
                           "corrupt central directory (it would lie past the end of the "
                           "archive: truncated?)");
      return std::nullopt;
    }
    return d;
  }
  return std::nullopt;  // no end record: the caller looks at what the bytes are
}

// The data of extra field @p id among a header's @p extras (4.5.1: ID, size, data, one after
// another); nullopt without one.
std::optional<std::string_view> extra_field(std::string_view extras, std::uint64_t id) {
  for (std::size_t x = 0; x + 4 <= extras.size();) {
    const std::size_t field = le(&extras[x], 2), len = le(&extras[x + 2], 2);
    if (x + 4 + len > extras.size()) break;
    if (field == id) return extras.substr(x + 4, len);
    x += 4 + len;
  }
  return std::nullopt;
}

// The data of the Zip64 extended information extra field (4.5.3, header ID 0x0001).
std::optional<std::string_view> zip64_extra(std::string_view extras) {
  return extra_field(extras, 0x0001);
}

// A member's name as UTF-8 (APPNOTE 4.4.4 bit 11, 4.6.9, appendix D), from its bytes as stored
// (@p raw), its header's general purpose @p flags and @p extras: as stored where flag bit 11
// says it is UTF-8; else the Info-ZIP Unicode Path extra field's name, where the field was made
// from these very bytes (its CRC-32 of them: a tool that renamed the member without it leaves it
// stale); else as stored where it reads as UTF-8 (Info-ZIP on Linux, macOS's Archive Utility
// and many others write UTF-8 names without the flag); else the bytes as IBM code page 437, the
// format's original encoding (Windows' own "compressed folders", old tools: "L\x84ufe.gpx" is
// "Läufe.gpx").
std::string member_name(std::string_view raw, std::uint64_t flags, std::string_view extras) {
  if (flags & 0x800) return std::string(raw);
  if (const auto u = extra_field(extras, 0x7075);
      u && u->size() > 5 && (*u)[0] == 1 &&
      le(u->data() + 1, 4) == libdeflate_crc32(0, raw.data(), raw.size()))
    return std::string(u->substr(5));
  if (detail::valid_utf8(raw)) return std::string(raw);
  return detail::legacy_to_utf8(raw, "CP437");
}

// Why member @p ref of @p source (its name: @p raw, as member_name() read it) cannot be read: an
// unsafe name, encryption (flag bit 0), a compression method other than stored and deflated, or a
// stored member whose two sizes disagree; nullopt when it can.
std::optional<Diagnostic> member_problem(const std::string& source, std::string_view raw,
                                         const MemberRef& ref, std::uint64_t flags,
                                         std::uint64_t method) {
  const std::string member = source + '!' + ref.name;
  const auto at = static_cast<std::ptrdiff_t>(ref.locator);
  if (const auto why = unsafe_member_name(raw))
    return problem_at(member, ParseErrc::bad_archive, *why);
  if (flags & 0x1)
    return problem_at(member, ParseErrc::encrypted,
                      "encrypted member (runaudit reads no encrypted data)", at);
  if (method != 0 && method != 8)
    return problem_at(member, ParseErrc::bad_archive,
                      "compressed with zip method " + std::to_string(method) +
                          " (runaudit reads stored and deflated members)",
                      at);
  if (method == 0 && ref.stored != ref.size && !ref.cut)
    return problem_at(member, ParseErrc::bad_archive,
                      "stored member whose sizes disagree (corrupt archive)", at);
  return std::nullopt;
}

// What bytes without an end of central directory are, for the archive's error line.
std::string not_a_zip(const ArchiveBytes& a) {
  std::string head(static_cast<std::size_t>(std::min<std::uint64_t>(a.size(), 4096)), '\0');
  a.read(0, head.data(), head.size());
  switch (sniff(head)) {
    case DocumentKind::empty:
      return "empty file, not a zip archive";
    case DocumentKind::html:
      return "an HTML page, not a zip archive (saved a web page?)";
    default:
      return "not a zip archive (no end of central directory, and no member at its start)";
  }
}

// The position of the first data descriptor with a signature (4.3.9: signature, CRC-32, then
// the compressed and uncompressed sizes, of @p size_bytes each: 8 for Zip64) at or after
// @p data whose compressed size is its own distance from @p data: where a member written with
// bit 3 (sizes after the data) ends. nullopt when the archive ends first.
std::optional<std::uint64_t> descriptor_after(const ArchiveBytes& a, std::uint64_t data,
                                              int size_bytes) {
  constexpr std::size_t chunk = 1 << 20;
  const std::size_t descriptor = 8 + 2 * static_cast<std::size_t>(size_bytes);
  std::string buf;
  for (std::uint64_t at = data; at < a.size();) {
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(chunk, a.size() - at));
    buf.resize(n);
    a.read(at, buf.data(), n);
    for (std::size_t i = 0; i + descriptor <= n; ++i)
      if (le(&buf[i], 4) == kDescriptor && le(&buf[i + 8], size_bytes) == at + i - data)
        return at + i;
    if (n < chunk) break;
    at += n - descriptor;  // a descriptor across the chunks' border is seen in the next
  }
  return std::nullopt;
}

// The members of a zip archive without its central directory (a download cut short: the
// directory comes last), from their local headers (4.3.7) in order, up to the first that the
// archive ends inside. @p out.problem says so; the members before it are read as usual, and
// the one it ends inside as far as it goes (MemberRef::cut: the run in it is the athlete's).
void list_local_headers(const ArchiveBytes& a, const std::string& source, const ReadLimits& limits,
                        ArchiveListing& out) {
  const std::uint64_t size = a.size();
  std::uint64_t p = 0;
  std::string cut;
  while (size - p >= kLocalHeaderSize) {
    if (out.members.size() == limits.max_archive_members) {
      out.members.clear();  // as for a directory listing more: nothing listed
      out.problem = problem_at(source, ParseErrc::too_large,
                               "holds more than " + std::to_string(limits.max_archive_members) +
                                   " members (raise it with --max-archive-members)");
      return;
    }
    char h[kLocalHeaderSize];
    a.read(p, h, sizeof h);
    if (le(h, 4) != kLocalHeader) break;  // the central directory's start, or garbage
    const auto flags = le(h + 6, 2), method = le(h + 8, 2);
    const std::size_t name_len = le(h + 26, 2), extra_len = le(h + 28, 2);
    if (size - p - kLocalHeaderSize < name_len + extra_len) break;
    std::string raw(name_len + extra_len, '\0');
    a.read(p + kLocalHeaderSize, raw.data(), raw.size());
    ArchiveMember m;
    m.ref.container = "zip";
    m.ref.locator = p;
    const std::string name = member_name(std::string_view(raw).substr(0, name_len), flags,
                                         std::string_view(raw).substr(name_len));
    m.ref.name = clean_member_name(name);
    const std::uint64_t data = p + kLocalHeaderSize + name_len + extra_len;
    // Zip64: in a local header, both sizes, uncompressed first; with it, a data descriptor's
    // sizes are 8 bytes each (4.3.9.2).
    const auto z = zip64_extra(std::string_view(raw).substr(name_len));
    const bool zip64 = z.has_value(), sized = zip64 && z->size() >= 16;
    if (sized) {
      m.ref.size = le(z->data(), 8);
      m.ref.stored = le(z->data() + 8, 8);
    }
    const bool folder = !name.empty() && (name.back() == '/' || name.back() == '\\');
    // The member the archive ends inside: what is left of it, read as far as it goes.
    const auto keep_cut = [&] {
      cut = m.ref.name;
      if (folder || data >= size) return;
      m.ref.cut = true;
      m.ref.stored = size - data;
      m.ref.crc32.reset();
      m.problem = member_problem(source, name, m.ref, flags, method);
      out.members.push_back(std::move(m));
    };
    if (flags & 0x8) {  // sizes and CRC in a data descriptor after the data
      const int size_bytes = zip64 ? 8 : 4;
      const std::optional<std::uint64_t> d = descriptor_after(a, data, size_bytes);
      if (!d) {
        if (!sized) m.ref.size = 0;  // declared after the data: unknown
        keep_cut();
        break;
      }
      char desc[24];
      a.read(*d, desc, 8 + 2 * static_cast<std::size_t>(size_bytes));
      m.ref.crc32 = static_cast<std::uint32_t>(le(desc + 4, 4));
      m.ref.stored = *d - data;
      m.ref.size = le(desc + 8 + size_bytes, size_bytes);
      p = *d + 8 + 2 * static_cast<std::uint64_t>(size_bytes);
    } else {
      m.ref.crc32 = static_cast<std::uint32_t>(le(h + 14, 4));
      if (!sized) {  // else the Zip64 extra gave them
        m.ref.stored = le(h + 18, 4);
        m.ref.size = le(h + 22, 4);
      }
      if (m.ref.stored > size - data) {
        keep_cut();
        break;
      }
      p = data + m.ref.stored;
    }
    if (folder) continue;
    m.problem = member_problem(source, name, m.ref, flags, method);
    out.members.push_back(std::move(m));
  }
  // Only the last member can be the one the archive ends inside.
  const bool kept_cut = !out.members.empty() && out.members.back().ref.cut;
  const std::size_t whole = out.members.size() - (kept_cut ? 1 : 0);
  out.problem = problem_at(
      source, ParseErrc::bad_archive,
      "truncated zip archive, without its central directory (a download cut short?): " +
          std::to_string(whole) + " member" + (whole == 1 ? "" : "s") +
          " read from their local headers" +
          (cut.empty()
               ? ""
               : "; the archive ends inside " + cut + (kept_cut ? ", read as far as it goes" : "")),
      // Where it ends inside a member, else where its listing stopped.
      static_cast<std::ptrdiff_t>(cut.empty() ? p : size));
}

// Members whose bytes overlap another's: the trick of zip bombs that make many entries share
// one deflate stream (Fifield, "A better zip bomb", 2019). Each entry needs at least its local
// header and its stored bytes before the next entry (in offset order) or the directory starts.
void flag_overlaps(std::vector<ArchiveMember>& members, std::uint64_t directory_offset,
                   const std::string& source) {
  std::vector<std::size_t> order(members.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return members[x].ref.locator < members[y].ref.locator;
  });
  const auto end_of = [&](std::size_t i) {
    return members[i].ref.locator + kLocalHeaderSize + members[i].ref.stored;
  };
  const auto flag = [&](std::size_t i, const std::string& why) {
    if (!members[i].problem)
      members[i].problem = problem_at(source + '!' + members[i].ref.name, ParseErrc::bad_archive,
                                      why, static_cast<std::ptrdiff_t>(members[i].ref.locator));
  };
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t i = order[k];
    if (k + 1 < order.size() && members[order[k + 1]].ref.locator < end_of(i)) {
      const std::size_t j = order[k + 1];
      flag(i, "overlaps member " + members[j].ref.name + " (members sharing bytes: a zip bomb)");
      flag(j, "overlaps member " + members[i].ref.name + " (members sharing bytes: a zip bomb)");
    }
    if (end_of(i) > directory_offset)
      flag(i, "its data runs into the central directory (corrupt archive or a zip bomb)");
  }
}

ArchiveListing list_zip(const ArchiveBytes& a, const std::string& source,
                        const ReadLimits& limits) {
  ArchiveListing out;
  try {
    const std::optional<Directory> d = find_directory(a, source, out.problem);
    if (!d && !out.problem) {  // no end record: cut short, or not a zip at all
      char start[4] = {};
      if (a.size() >= sizeof start) a.read(0, start, sizeof start);
      if (le(start, 4) == kLocalHeader)
        list_local_headers(a, source, limits, out);
      else
        out.problem = problem_at(source, ParseErrc::bad_archive, not_a_zip(a));
      return out;
    }
    if (!d) return out;
    if (d->entries > limits.max_archive_members) {
      out.problem = problem_at(source, ParseErrc::too_large,
                               "lists " + std::to_string(d->entries) + " members, more than " +
                                   std::to_string(limits.max_archive_members) +
                                   " (raise it with --max-archive-members)");
      return out;
    }
    // Every entry is at least 46 bytes: a directory this small cannot hold the count it claims,
    // and one this large (names and extras of 64 KiB each) would be read for nothing.
    if (d->size < d->entries * kCentralHeaderSize || d->size > limits.max_file_bytes) {
      out.problem = problem_at(source, ParseErrc::bad_archive,
                               "corrupt central directory (" + std::to_string(d->size) +
                                   " bytes for " + std::to_string(d->entries) + " members)");
      return out;
    }
    std::string dir(static_cast<std::size_t>(d->size), '\0');
    a.read(d->offset, dir.data(), dir.size());
    std::size_t p = 0;
    for (std::uint64_t n = 0; n < d->entries; ++n) {
      const char* h = dir.data() + p;
      if (dir.size() - p < kCentralHeaderSize || le(h, 4) != kCentralHeader) {
        out.problem = problem_at(source, ParseErrc::bad_archive,
                                 "corrupt central directory at member " + std::to_string(n + 1) +
                                     " of " + std::to_string(d->entries),
                                 static_cast<std::ptrdiff_t>(d->offset + p));
        break;
      }
      const auto made_by_unix = (le(h + 4, 2) >> 8) == 3;
      const auto flags = le(h + 8, 2), method = le(h + 10, 2);
      ArchiveMember m;
      m.ref.container = "zip";
      m.ref.crc32 = static_cast<std::uint32_t>(le(h + 16, 4));
      m.ref.stored = le(h + 20, 4);
      m.ref.size = le(h + 24, 4);
      const std::size_t name_len = le(h + 28, 2), extra_len = le(h + 30, 2),
                        comment_len = le(h + 32, 2);
      m.ref.locator = le(h + 42, 4);
      const std::uint64_t mode = le(h + 38, 4) >> 16;
      if (dir.size() - p - kCentralHeaderSize < name_len + extra_len + comment_len) {
        out.problem = problem_at(source, ParseErrc::bad_archive,
                                 "corrupt central directory at member " + std::to_string(n + 1),
                                 static_cast<std::ptrdiff_t>(d->offset + p));
        break;
      }
      const std::string_view raw(h + kCentralHeaderSize, name_len);
      const std::string_view extras(h + kCentralHeaderSize + name_len, extra_len);
      // Zip64: the 64-bit values of the fields set to 0xFFFFFFFF, in order.
      if (const auto z = zip64_extra(extras)) {
        std::size_t at = 0;
        for (std::uint64_t* field : {&m.ref.size, &m.ref.stored, &m.ref.locator})
          if (*field == 0xFFFFFFFF && at + 8 <= z->size()) {
            *field = le(z->data() + at, 8);
            at += 8;
          }
      }
      p += kCentralHeaderSize + name_len + extra_len + comment_len;
      const bool folder = !raw.empty() && (raw.back() == '/' || raw.back() == '\\');
      const bool special = made_by_unix && (mode & 0170000) != 0 && (mode & 0170000) != 0100000;
      if (folder || special) continue;  // folders, symbolic links, devices: not files
      const std::string name = member_name(raw, flags, extras);
      m.ref.name = clean_member_name(name);
      m.problem = member_problem(source, name, m.ref, flags, method);
      out.members.push_back(std::move(m));
    }
    flag_overlaps(out.members, d->offset, source);
  } catch (const ParseError& e) {
    out.problem = e.diagnostic();
    out.problem->source = source;
  }
  return out;
}

// Inflates the @p stored bytes of raw deflate data at @p offset into @p out, which must hold
// at most @p cap bytes (the size the directory declares). The data is read whole and inflated
// by libdeflate: 2-3x zlib's inflate on the members of exports (docs/performance.md), for
// memory of the member as stored beside it as inflated.
void inflate_member(const ArchiveBytes& a, std::uint64_t offset, std::uint64_t stored,
                    std::string& out, std::size_t cap, const std::string& source) {
  struct Free {
    void operator()(libdeflate_decompressor* d) const noexcept { libdeflate_free_decompressor(d); }
  };
  thread_local const std::unique_ptr<libdeflate_decompressor, Free> inflater(
      libdeflate_alloc_decompressor());
  const auto fail = [&](const std::string& why) {
    throw ParseError(ParseErrc::bad_archive, SourceLocation{source, 0, 0, -1}, why);
  };
  if (!inflater) fail("cannot initialise libdeflate");
  std::string in(static_cast<std::size_t>(stored), '\0');
  a.read(offset, in.data(), in.size());
  out.resize(cap);
  std::size_t produced = 0;
  switch (libdeflate_deflate_decompress(inflater.get(), in.data(), in.size(), out.data(), cap,
                                        &produced)) {
    case LIBDEFLATE_SUCCESS:
      out.resize(produced);
      return;
    case LIBDEFLATE_INSUFFICIENT_SPACE:
      fail("inflates to more than the " + detail::format_bytes(cap) +
           " its archive declares (corrupt, or a zip bomb)");
      break;
    default:
      fail("corrupt member (invalid or truncated deflate data)");
  }
}

// Inflates what is left of a member the archive ends inside: the @p stored bytes of raw
// deflate data at @p offset, as far as they go, into @p out, at most @p cap bytes. zlib, which
// inflates a stream in parts (libdeflate takes whole streams only).
void inflate_cut_member(const ArchiveBytes& a, std::uint64_t offset, std::uint64_t stored,
                        std::string& out, std::size_t cap, const std::string& source,
                        const ReadLimits& limits) {
  const auto fail = [&](ParseErrc code, const std::string& why) {
    throw ParseError(code, SourceLocation{source, 0, 0, -1}, why);
  };
  std::string in(static_cast<std::size_t>(stored), '\0');
  a.read(offset, in.data(), in.size());
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) fail(ParseErrc::bad_archive, "cannot initialise zlib");
  const std::unique_ptr<z_stream, int (*)(z_stream*)> end(&z, inflateEnd);
  z.next_in = reinterpret_cast<Bytef*>(in.data());
  z.avail_in = static_cast<uInt>(in.size());  // members over 4 GiB are over every limit
  out.resize(std::min(cap, in.size() * 4 + 4096));
  std::size_t produced = 0;
  for (;;) {
    z.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    z.avail_out = static_cast<uInt>(out.size() - produced);
    const int rc = inflate(&z, Z_NO_FLUSH);
    produced = out.size() - z.avail_out;
    if (rc == Z_STREAM_END || (rc == Z_BUF_ERROR && z.avail_in == 0) ||
        (rc == Z_OK && z.avail_in == 0 && z.avail_out > 0))
      break;  // the end of what is left (or, past a cut descriptor, of the member)
    if (rc != Z_OK && rc != Z_BUF_ERROR) break;  // damage at the cut: keep what came before
    if (produced == out.size()) {
      if (out.size() == cap)
        fail(ParseErrc::too_large, cap == limits.max_inflated_bytes
                                       ? "inflates to more than " + detail::format_bytes(cap) +
                                             " (raise it with --max-inflated-size)"
                                       : "inflates to more than the " + detail::format_bytes(cap) +
                                             " its archive declares (corrupt, or a zip bomb)");
      out.resize(std::min(cap, out.size() * 2));
    }
  }
  out.resize(produced);
}

void read_zip(const ArchiveBytes& a, const MemberRef& ref, std::string& out,
              const std::string& source, const ReadLimits& limits) {
  const SourceLocation where{source, 0, 0, -1};
  if (ref.size > limits.max_inflated_bytes)
    throw ParseError(ParseErrc::too_large, where,
                     "member of " + detail::format_bytes(ref.size) + " is larger than " +
                         detail::format_bytes(limits.max_inflated_bytes) +
                         " (raise it with --max-inflated-size)");
  char h[kLocalHeaderSize];
  a.read(ref.locator, h, sizeof h);
  if (le(h, 4) != kLocalHeader)
    throw ParseError(ParseErrc::bad_archive, where,
                     "corrupt archive (no local header where the directory says the member is)");
  const auto method = le(h + 8, 2);
  const std::uint64_t data = ref.locator + kLocalHeaderSize + le(h + 26, 2) + le(h + 28, 2);
  if (ref.cut) {  // what is left of it, as far as it goes (no size or CRC to check it by)
    const std::size_t cap = static_cast<std::size_t>(
        ref.size ? std::min<std::uint64_t>(ref.size, limits.max_inflated_bytes)
                 : limits.max_inflated_bytes);
    if (method == 0) {
      out.resize(static_cast<std::size_t>(std::min<std::uint64_t>(ref.stored, cap)));
      a.read(data, out.data(), out.size());
    } else {
      inflate_cut_member(a, data, ref.stored, out, cap, source, limits);
    }
    if (out.empty())
      throw ParseError(ParseErrc::bad_archive, where,
                       "the archive ends inside it, before any of its data can be read");
    return;
  }
  // The cap: the declared size (a member inflating past it is corrupt or a bomb) and the limit.
  const std::size_t cap = static_cast<std::size_t>(ref.size);
  if (method == 0) {
    out.resize(cap);
    a.read(data, out.data(), cap);
  } else if (method == 8) {
    inflate_member(a, data, ref.stored, out, cap, source);
  } else {
    throw ParseError(ParseErrc::bad_archive, where,
                     "compressed with zip method " + std::to_string(method) +
                         " (runaudit reads stored and deflated members)");
  }
  if (out.size() != cap)
    throw ParseError(ParseErrc::bad_archive, where,
                     "holds " + std::to_string(out.size()) + " bytes where its archive declares " +
                         std::to_string(cap) + " (corrupt archive)");
  if (ref.crc32 && libdeflate_crc32(0, out.data(), out.size()) != *ref.crc32)
    throw ParseError(ParseErrc::bad_archive, where, "CRC-32 mismatch (corrupt member)");
}

}  // namespace

namespace detail {

Container zip_container() {
  Container c{"zip", zip_magic};
  c.archive_name = zip_name;
  c.list = list_zip;
  c.read = read_zip;
  return c;
}

}  // namespace detail
}  // namespace runaudit::io
