#pragma once
// Private: text a writer must hold until finish() (JUnit cases, Markdown lines), kept in a
// temporary file instead of memory: the writer keeps only where each piece lies.

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <ostream>
#include <string_view>
#include <vector>

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

/// Pieces of a report (a run's block, line or test case) appended to a TextSpill as they come
/// and written back by date: memory keeps only each piece's start time, arrival and place.
class DatedPieces {
 public:
  /// Appends @p text to @p spill as a piece dated @p start_time_ms (UTC ms; nullopt: undated).
  /// @throws std::runtime_error as TextSpill::append.
  void add(TextSpill& spill, std::optional<std::int64_t> start_time_ms, std::string_view text);
  /// Copies the pieces from @p spill to @p out by start time, undated last, equals in the order
  /// added. @throws std::runtime_error as TextSpill::copy.
  void write(TextSpill& spill, std::ostream& out);

 private:
  struct Piece {
    std::int64_t at;           // start time; undated: the largest value
    std::size_t order;         // arrival
    std::uint64_t begin, end;  // of its text in the spill
  };
  std::vector<Piece> m_pieces;  // as added, until write() sorts them
};

}  // namespace runaudit::report::detail
