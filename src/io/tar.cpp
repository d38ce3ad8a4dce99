// The tar container (`.tar`, `.tar.gz`, `.tgz`), read with libarchive. A member is found again by
// the offset of its first header block (archive_read_header_position): in a plain tar a reader
// starts right there; a compressed tar can only be read from its start, so each thread keeps one
// open reader that moves forward and starts over only when asked for an earlier member. A tar cut
// short (a download interrupted) is listed up to the member it ends inside, which is read as far
// as it goes, as a zip's is (MemberRef::cut).

#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

#include <array>
#include <memory>
#include <optional>
#include <string>

#include "bytes.hpp"
#include "names.hpp"
#include "openers.hpp"
#include "runaudit/io/source.hpp"

namespace runaudit::io {
namespace {

Diagnostic problem_at(const std::string& source, ParseErrc code, std::string message) {
  return Diagnostic{source, std::string(to_string(code)), std::move(message), 0, 0, -1};
}

// A tar's block (POSIX.1-1988 ustar): each header is one, each member's data is padded to them.
constexpr std::uint64_t tar_block = 512;

bool tar_magic(std::string_view bytes) noexcept {
  return bytes.size() >= 262 && bytes.substr(257, 5) == "ustar";
}

// A member's name as UTF-8: as stored where it reads as UTF-8 (pax headers hold UTF-8, and
// tar on today's systems stores their UTF-8 names); else the bytes as Windows-1252, or where
// that has no character for one as ISO 8859-1 (which has one for every byte): a tar has no
// character set of its own, and writes the bytes its system's locale gave, in legacy Western
// locales Latin-1 ("L\xE4ufe.gpx" is "Läufe.gpx").
std::string member_name(archive_entry* e) {
  const char* path = archive_entry_pathname(e);
  const std::string_view raw = path ? path : "";
  if (detail::valid_utf8(raw)) return std::string(raw);
  std::string name = detail::legacy_to_utf8(raw, "WINDOWS-1252");
  return detail::valid_utf8(name) ? name : detail::legacy_to_utf8(raw, "ISO-8859-1");
}

bool tar_name(std::string_view name) noexcept {
  return detail::ends_with_icase(name, ".tar") || detail::ends_with_icase(name, ".tar.gz") ||
         detail::ends_with_icase(name, ".tgz");
}

bool gzipped(const ArchiveBytes& a) {
  char magic[2] = {};
  if (a.size() < 2) return false;
  a.read(0, magic, 2);
  return static_cast<unsigned char>(magic[0]) == 0x1f &&
         static_cast<unsigned char>(magic[1]) == 0x8b;
}

// libarchive's client: the archive's bytes from a starting offset, in 64 KiB blocks.
struct Client {
  const ArchiveBytes* bytes = nullptr;
  std::uint64_t at = 0;
  std::array<char, 1 << 16> block{};
};

la_ssize_t client_read(struct archive* ar, void* data, const void** out) {
  auto* c = static_cast<Client*>(data);
  const std::size_t n =
      static_cast<std::size_t>(std::min<std::uint64_t>(c->block.size(), c->bytes->size() - c->at));
  try {
    c->bytes->read(c->at, c->block.data(), n);
  } catch (const ParseError& e) {
    archive_set_error(ar, EIO, "%s", e.detail().c_str());
    return -1;
  }
  c->at += n;
  *out = c->block.data();
  return static_cast<la_ssize_t>(n);
}

la_int64_t client_skip(struct archive*, void* data, la_int64_t request) {
  auto* c = static_cast<Client*>(data);
  const auto n =
      std::min<std::uint64_t>(static_cast<std::uint64_t>(request), c->bytes->size() - c->at);
  c->at += n;
  return static_cast<la_int64_t>(n);
}

struct ArchiveFree {
  void operator()(struct archive* a) const { archive_read_free(a); }
};
using Reader = std::unique_ptr<struct archive, ArchiveFree>;

// A reader over @p client's bytes from client->at: tar, gzip-compressed or not.
Reader open_reader(Client& client, bool with_gzip) {
  Reader r(archive_read_new());
  archive_read_support_format_tar(r.get());
  if (with_gzip) archive_read_support_filter_gzip(r.get());
  archive_read_set_callback_data(r.get(), &client);
  archive_read_set_read_callback(r.get(), client_read);
  archive_read_set_skip_callback(r.get(), client_skip);
  if (archive_read_open1(r.get()) != ARCHIVE_OK) return nullptr;
  return r;
}

std::string error_of(struct archive* r) {
  const char* e = archive_error_string(r);
  return e ? e : "unreadable archive";
}

// Bytes [@p from, @p to) of the tar stream in @p a (inflated when @p compressed, by zlib up to
// the last byte a cut leaves: libarchive's gzip filter gives none of the 64 KiB block a cut
// falls in) into @p out, as far as they go: fewer, or none, where the stream ends first.
void tar_bytes(const ArchiveBytes& a, bool compressed, std::uint64_t from, std::uint64_t to,
               std::string& out) {
  out.clear();
  if (!compressed) {
    if (from < a.size()) {
      out.resize(static_cast<std::size_t>(std::min(to, a.size()) - from));
      a.read(from, out.data(), out.size());
    }
    return;
  }
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return;  // a gzip header (RFC 1952)
  // Ended on every way out, also when a read of the archive throws.
  const std::unique_ptr<z_stream, int (*)(z_stream*)> end_inflate(&z, inflateEnd);
  std::array<char, 1 << 16> in, block;
  std::uint64_t read = 0, at = 0;  // compressed bytes read, tar bytes inflated
  int rc = Z_OK;
  while (rc == Z_OK && at < to) {
    if (z.avail_in == 0) {
      const std::size_t n =
          static_cast<std::size_t>(std::min<std::uint64_t>(in.size(), a.size() - read));
      if (n == 0) break;  // the cut
      a.read(read, in.data(), n);
      read += n;
      z.next_in = reinterpret_cast<Bytef*>(in.data());
      z.avail_in = static_cast<uInt>(n);
    }
    z.next_out = reinterpret_cast<Bytef*>(block.data());
    z.avail_out = static_cast<uInt>(block.size());
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc == Z_BUF_ERROR) rc = Z_OK;  // needs more input: read on
    const std::uint64_t end = at + (block.size() - z.avail_out);
    if (end > from) {
      const std::uint64_t lo = std::max(at, from), hi = std::min(end, to);
      out.append(block.data() + (lo - at), static_cast<std::size_t>(hi - lo));
    }
    at = end;
  }
}

// Where a tar ends, cut short (a download interrupted), for the listing's problem: inside the
// last member listed (its data ends beyond @p ends, the tar bytes there are: read as far as it
// goes, MemberRef::cut, as in a zip cut short; before any of its data: no longer listed), else
// after it.
Diagnostic cut_short(const std::string& source, std::vector<ArchiveMember>& members,
                     std::uint64_t ends) {
  const std::string count =
      std::to_string(members.size()) + (members.size() == 1 ? " member listed" : " members listed");
  std::string where = members.empty() ? "" : "; the archive ends after " + members.back().ref.name;
  if (!members.empty()) {
    MemberRef& last = members.back().ref;
    if (last.locator + tar_block >= ends) {  // nothing of its data: no source to read, one line
      where = "; the archive ends inside " + last.name + ", before any of its data";
      members.pop_back();
    } else if (last.locator + tar_block + last.size > ends) {
      last.cut = true;
      where = "; the archive ends inside " + last.name + ", read as far as it goes";
    }
  }
  return problem_at(source, ParseErrc::bad_archive,
                    "truncated tar archive (a download cut short?): " + count + where);
}

// Why the listing of @p members stopped before the archive's end, libarchive's reader @p r
// having failed: a cut (cut_short; @p ends: the bytes of tar there are, the whole plain tar's,
// else as far as libarchive inflated it), else corruption in libarchive's words.
Diagnostic listing_stopped(struct archive* r, const std::string& source,
                           std::vector<ArchiveMember>& members, std::optional<std::uint64_t> ends) {
  const std::string why = error_of(r);
  const bool truncated = why.find("runcated") != std::string::npos;  // libarchive's "Truncated"
  if (truncated) {
    const std::int64_t inflated = archive_filter_bytes(r, 0);
    return cut_short(
        source, members,
        ends.value_or(static_cast<std::uint64_t>(std::max<std::int64_t>(0, inflated))));
  }
  return problem_at(source, ParseErrc::bad_archive,
                    "corrupt tar archive after " + std::to_string(members.size()) +
                        (members.size() == 1 ? " member listed: " : " members listed: ") + why);
}

ArchiveListing list_tar(const ArchiveBytes& a, const std::string& source,
                        const ReadLimits& limits) {
  ArchiveListing out;
  auto client = std::make_unique<Client>();
  client->bytes = &a;
  try {
    const bool compressed = gzipped(a);
    const Reader r = open_reader(*client, compressed);
    if (!r) {
      // A .tar.gz cut within its first 64 KiB of tar: libarchive reads none of it.
      std::string head;
      if (compressed) tar_bytes(a, true, 0, tar_block, head);
      out.problem = problem_at(
          source, ParseErrc::bad_archive,
          tar_magic(head) ? "truncated tar archive (a download cut short?): too little of it left "
                            "to list its members"
                          : "not a tar archive");
      return out;
    }
    for (;;) {
      struct archive_entry* e = nullptr;
      const int rc = archive_read_next_header(r.get(), &e);
      if (rc == ARCHIVE_EOF) {
        // A plain tar ends in two zero blocks after its last member: without any (only their
        // absence tells a cut that fell between two members) it was cut short.
        if (!compressed && !out.members.empty()) {
          const MemberRef& last = out.members.back().ref;
          const std::uint64_t data_end =
              last.locator + tar_block + (last.size + tar_block - 1) / tar_block * tar_block;
          if (a.size() < data_end + tar_block)
            out.problem = cut_short(source, out.members, a.size());
        }
        break;
      }
      if (rc < ARCHIVE_WARN) {
        out.problem = listing_stopped(r.get(), source, out.members,
                                      compressed ? std::nullopt : std::optional(a.size()));
        break;
      }
      if (archive_entry_filetype(e) != AE_IFREG) continue;
      if (out.members.size() == limits.max_archive_members) {
        out.members.clear();
        out.problem = problem_at(source, ParseErrc::too_large,
                                 "lists more than " + std::to_string(limits.max_archive_members) +
                                     " members (raise it with --max-archive-members)");
        break;
      }
      const std::string name = member_name(e);
      ArchiveMember m;
      m.ref.container = "tar";
      m.ref.name = clean_member_name(name);
      m.ref.locator = static_cast<std::uint64_t>(archive_read_header_position(r.get()));
      m.ref.size = m.ref.stored =
          static_cast<std::uint64_t>(std::max<la_int64_t>(0, archive_entry_size(e)));
      if (const auto why = unsafe_member_name(name))
        m.problem = problem_at(source + '!' + m.ref.name, ParseErrc::bad_archive, *why);
      out.members.push_back(std::move(m));
    }
  } catch (const ParseError& e) {
    out.problem = problem_at(source, e.code(), e.detail());
  }
  return out;
}

// The reader each thread keeps on the compressed tar it read last.
struct Cursor {
  const ArchiveBytes* bytes = nullptr;
  std::string identity;
  std::unique_ptr<Client> client;
  Reader reader;
  std::int64_t last = -1;  // header offset of the member the reader stands on
};

void read_tar(const ArchiveBytes& a, const MemberRef& ref, std::string& out,
              const std::string& source, const ReadLimits& limits) {
  const SourceLocation where{source, 0, 0, -1};
  if (ref.size > limits.max_inflated_bytes)
    throw ParseError(ParseErrc::too_large, where,
                     "member of " + detail::format_bytes(ref.size) + " is larger than " +
                         detail::format_bytes(limits.max_inflated_bytes) +
                         " (raise it with --max-inflated-size)");
  const bool compressed = gzipped(a);
  if (ref.cut) {  // libarchive's tar reader gives none of a member whose data is cut
    tar_bytes(a, compressed, ref.locator + tar_block, ref.locator + tar_block + ref.size, out);
    if (out.empty())
      throw ParseError(ParseErrc::bad_archive, where,
                       "the archive ends inside it, before any of its data can be read");
    return;
  }
  thread_local Cursor cursor;
  const auto target = static_cast<std::int64_t>(ref.locator);
  // A plain tar is read from the member's own header; a compressed one only forwards.
  if (!compressed || cursor.bytes != &a || cursor.identity != a.identity() ||
      cursor.last >= target) {
    cursor = Cursor{};
    cursor.bytes = &a;
    cursor.identity = a.identity();
    cursor.client = std::make_unique<Client>();
    cursor.client->bytes = &a;
    cursor.client->at = compressed ? 0 : ref.locator;
    cursor.reader = open_reader(*cursor.client, compressed);
    if (!cursor.reader) {
      cursor = Cursor{};
      throw ParseError(ParseErrc::bad_archive, where, "cannot read its archive again");
    }
  }
  struct archive_entry* e = nullptr;
  for (;;) {
    const int rc = archive_read_next_header(cursor.reader.get(), &e);
    const std::int64_t at = compressed ? archive_read_header_position(cursor.reader.get()) : target;
    if (rc < ARCHIVE_WARN || rc == ARCHIVE_EOF || at > target) {
      const std::string why =
          rc == ARCHIVE_EOF ? "not found where it was listed" : error_of(cursor.reader.get());
      cursor = Cursor{};
      throw ParseError(ParseErrc::bad_archive, where, "corrupt archive: " + why);
    }
    cursor.last = at;
    if (at == target) break;
  }
  if (clean_member_name(member_name(e)) != ref.name) {
    cursor = Cursor{};
    throw ParseError(ParseErrc::bad_archive, where,
                     "corrupt archive: another member where it was listed");
  }
  out.resize(static_cast<std::size_t>(ref.size));
  std::size_t got = 0;
  while (got < out.size()) {
    const la_ssize_t n = archive_read_data(cursor.reader.get(), out.data() + got, out.size() - got);
    if (n < 0) {
      const std::string why = error_of(cursor.reader.get());
      cursor = Cursor{};
      throw ParseError(ParseErrc::bad_archive, where, "corrupt or truncated archive: " + why);
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  if (got != out.size()) {
    cursor = Cursor{};
    throw ParseError(
        ParseErrc::bad_archive, where,
        "truncated member (" + std::to_string(got) + " of " + std::to_string(ref.size) + " bytes)");
  }
  if (!compressed) cursor = Cursor{};
}

}  // namespace

namespace detail {

Container tar_container() {
  Container c{"tar", tar_magic};
  c.archive_name = tar_name;
  c.list = list_tar;
  c.read = read_tar;
  return c;
}

}  // namespace detail
}  // namespace runaudit::io
