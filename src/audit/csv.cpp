#include "csv.hpp"

#include <stdexcept>

#include "runaudit/io/error.hpp"

namespace runaudit::audit::csv {

std::vector<Row> parse(std::string_view text, const std::string& file) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<Row> rows;
  Row row{{}, 1};
  std::string cell;
  std::size_t line = 1;
  bool quoted = false, any = false;
  std::size_t quote_line = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      quote_line = line;
      any = true;
    } else if (c == ',') {
      row.cells.push_back(std::move(cell));
      cell.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.cells.push_back(std::move(cell));
      cell.clear();
      rows.push_back(std::move(row));
      row = Row{{}, ++line};
      any = false;
    } else {
      cell += c;
      any = true;
    }
  }
  if (quoted)
    throw io::ParseError(io::ParseErrc::bad_csv, io::SourceLocation{file, quote_line, 0, -1},
                         "unterminated quoted field");
  if (any || !cell.empty()) {
    row.cells.push_back(std::move(cell));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace runaudit::audit::csv
