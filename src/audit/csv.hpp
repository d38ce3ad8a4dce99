#pragma once
// Private: a small RFC 4180 reader (quoted fields, doubled quotes, CRLF/LF, commas and newlines
// inside quotes) for the athletes and plan files.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace runaudit::audit::csv {

/// One record with the 1-based line it starts on.
struct Row {
  std::vector<std::string> cells;
  std::size_t line = 0;
};

/// Parses a whole CSV text (a UTF-8 BOM is skipped), its cells separated by commas, or by
/// semicolons when the first line has one and no comma (a spreadsheet's CSV where the comma is
/// the decimal mark: there a cell that is a number with a decimal comma, maybe followed by a
/// unit, "4,5" or "7,5 km", is given with a point).
/// @throws io::ParseError bad_csv at the quote's line: "unterminated quoted field".
std::vector<Row> parse(std::string_view text, const std::string& file);

}  // namespace runaudit::audit::csv
