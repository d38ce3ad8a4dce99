#pragma once
// Private: the bytes an archive is read from (source.hpp's ArchiveBytes): a file on disk, read
// with pread() so threads never share a file position, or an inner archive held in memory.

#include <memory>
#include <string>

#include "runaudit/io/source.hpp"

namespace runaudit::io::detail {

/// A file on disk, opened once.
class FileBytes final : public ArchiveBytes {
 public:
  /// @param path  the file; @param name  its display name for errors.
  /// @throws ParseError io when it cannot be opened or is not a regular file.
  FileBytes(const std::string& path, const std::string& name);
  ~FileBytes() override;
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;

  std::uint64_t size() const override { return m_size; }
  void read(std::uint64_t offset, char* out, std::size_t n) const override;
  const std::string& identity() const override { return m_identity; }

 private:
  int m_fd = -1;
  std::uint64_t m_size = 0;
  std::string m_name;      // for errors
  std::string m_identity;  // the path
};

/// Bytes held in memory (an inner archive, inflated out of its outer one).
class MemoryBytes final : public ArchiveBytes {
 public:
  /// @param identity  the inner archive's display name (unique in the process).
  MemoryBytes(std::string bytes, std::string identity)
      : m_bytes(std::move(bytes)), m_identity(std::move(identity)) {}

  std::uint64_t size() const override { return m_bytes.size(); }
  void read(std::uint64_t offset, char* out, std::size_t n) const override;
  const std::string& identity() const override { return m_identity; }

 private:
  std::string m_bytes;
  std::string m_identity;
};

}  // namespace runaudit::io::detail
