#include "text_spill.hpp"

#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <tuple>

#include "../core/temp_file.hpp"

namespace runaudit::report::detail {
namespace {

[[noreturn]] void fail(const char* what) {
  const std::string reason = std::strerror(errno);
  throw std::runtime_error(std::string(what) + " in " + runaudit::detail::temp_folder() + ": " +
                           reason + " (TMPDIR chooses the folder)");
}

[[noreturn]] void failed() {
  fail("cannot use the report's temporary file");
}

std::FILE* open_temp() {
  const int fd = runaudit::detail::open_unlinked_temp("runaudit-report-");
  if (fd < 0) return nullptr;
  std::FILE* f = ::fdopen(fd, "w+b");
  if (!f) ::close(fd);
  return f;
}

}  // namespace

TextSpill::TextSpill() : m_file(open_temp()) {
  if (!m_file) fail("cannot create a temporary file for the report");
}

std::uint64_t TextSpill::append(std::string_view text) {
  // C streams need a seek between reading and writing.
  if (m_reading && fseeko(m_file.get(), 0, SEEK_END) != 0) failed();
  m_reading = false;
  if (std::fwrite(text.data(), 1, text.size(), m_file.get()) != text.size()) failed();
  const std::uint64_t at = m_size;
  m_size += text.size();
  return at;
}

void TextSpill::copy(std::uint64_t begin, std::uint64_t end, std::ostream& out) {
  std::FILE* f = m_file.get();
  if (!m_reading || m_position != begin) {
    if (fseeko(f, static_cast<off_t>(begin), SEEK_SET) != 0) failed();
    m_reading = true;
  }
  char buffer[1 << 16];
  for (std::uint64_t left = end - begin; left > 0;) {
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(left, sizeof buffer));
    const std::size_t n = std::fread(buffer, 1, want, f);
    if (n == 0) failed();
    out.write(buffer, static_cast<std::streamsize>(n));
    left -= n;
  }
  m_position = end;
}

void DatedPieces::add(TextSpill& spill, std::optional<std::int64_t> start_time_ms,
                      std::string_view text) {
  const std::uint64_t begin = spill.append(text);
  m_pieces.push_back({start_time_ms.value_or(std::numeric_limits<std::int64_t>::max()),
                      m_pieces.size(), begin, begin + text.size()});
}

void DatedPieces::write(TextSpill& spill, std::ostream& out) {
  std::ranges::sort(m_pieces, [](const Piece& a, const Piece& b) {
    return std::tie(a.at, a.order) < std::tie(b.at, b.order);
  });
  for (const Piece& p : m_pieces) spill.copy(p.begin, p.end, out);
}

}  // namespace runaudit::report::detail
