#include "archive_bytes.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace runaudit::io::detail {
namespace {

[[noreturn]] void fail(const std::string& name, const std::string& why) {
  throw ParseError(ParseErrc::io, SourceLocation{name, 0, 0, -1}, why);
}

}  // namespace

FileBytes::FileBytes(const std::string& path, const std::string& name)
    : m_name(name), m_identity(path) {
  m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (m_fd < 0) fail(name, std::string("cannot open: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(m_fd);
    fail(name, "not a regular file (a pipe or device cannot be audited)");
  }
  m_size = static_cast<std::uint64_t>(st.st_size);
}

FileBytes::~FileBytes() {
  ::close(m_fd);
}

void FileBytes::read(std::uint64_t offset, char* out, std::size_t n) const {
  while (n > 0) {
    const ssize_t got = ::pread(m_fd, out, n, static_cast<off_t>(offset));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) fail(m_name, std::string("read error: ") + std::strerror(errno));
    if (got == 0)
      throw ParseError(ParseErrc::bad_archive,
                       SourceLocation{m_name, 0, 0, static_cast<std::ptrdiff_t>(offset)},
                       "truncated archive (ends inside a member)");
    out += got;
    n -= static_cast<std::size_t>(got);
    offset += static_cast<std::uint64_t>(got);
  }
}

void MemoryBytes::read(std::uint64_t offset, char* out, std::size_t n) const {
  if (offset > m_bytes.size() || n > m_bytes.size() - offset)
    throw ParseError(ParseErrc::bad_archive,
                     SourceLocation{m_identity, 0, 0, static_cast<std::ptrdiff_t>(offset)},
                     "truncated archive (ends inside a member)");
  std::memcpy(out, m_bytes.data() + offset, n);
}

}  // namespace runaudit::io::detail
