#pragma once
// Private: text a writer must hold until finish() (JUnit cases, Markdown lines), kept in a
// temporary file instead of memory: the writer keeps only where each piece lies.

#include <cstdint>
#include <cstdio>
#include <memory>
#include <ostream>
#include <string_view>

namespace runaudit::report::detail {

/// An unnamed temporary file in $TMPDIR, else /tmp (removed when closed, also on a crash) that
/// text is appended to and copied back from.
class TextSpill {
 public:
  /// @throws std::runtime_error when no temporary file can be created.
  TextSpill();
  /// Appends @p text. @return its offset in the file. @throws std::runtime_error on a failed write
  /// (a full disk).
  std::uint64_t append(std::string_view text);
  /// Copies bytes [@p begin, @p end) to @p out (pieces copied in the order appended are read
  /// without seeking). @throws std::runtime_error on a failed read.
  void copy(std::uint64_t begin, std::uint64_t end, std::ostream& out);

 private:
  struct Close {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, Close> m_file;
  std::uint64_t m_size = 0;      // bytes appended
  bool m_reading = false;        // the last call was copy()
  std::uint64_t m_position = 0;  // where the next read starts, after copy()
};

}  // namespace runaudit::report::detail
