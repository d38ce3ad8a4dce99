#include "csv.hpp"

#include <cctype>
#include <stdexcept>

#include "runaudit/io/error.hpp"

namespace runaudit::audit::csv {
namespace {

// The separator of @p text: a semicolon when its first line has one and no comma (a
// spreadsheet saved as CSV where the comma is the decimal mark: Excel in German or French), else
// a comma.
char separator_of(std::string_view text) {
  const std::string_view first = text.substr(0, text.find_first_of("\r\n"));
  return first.find(';') != std::string_view::npos && first.find(',') == std::string_view::npos
             ? ';'
             : ',';
}

// In a file separated by semicolons, a number written with a decimal comma ("4,5", "7,5 km",
// "4,5%") as the spreadsheet wrote it, with a decimal point; other cells (names, "Smith, Ann")
// as they are.
void point_decimal(std::string& cell) {
  const std::size_t comma = cell.find(',');
  if (comma == std::string::npos || comma == 0 || cell.find(',', comma + 1) != std::string::npos)
    return;
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  const std::size_t first = cell.find_first_not_of(" \t");
  for (std::size_t i = first; i < comma; ++i)
    if (!digit(cell[i])) return;
  if (comma + 1 >= cell.size() || !digit(cell[comma + 1])) return;
  std::size_t i = comma + 1;
  while (i < cell.size() && digit(cell[i])) ++i;
  for (; i < cell.size(); ++i)  // a unit after it: letters, '/', '%', spaces
    if (!std::isalpha(static_cast<unsigned char>(cell[i])) && cell[i] != '/' && cell[i] != '%' &&
        cell[i] != ' ')
      return;
  cell[comma] = '.';
}

}  // namespace

std::vector<Row> parse(std::string_view text, const std::string& file) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const char separator = separator_of(text);
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
    } else if (c == separator) {
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
  if (separator == ';')
    for (Row& r : rows)
      for (std::string& c : r.cells) point_decimal(c);
  return rows;
}

}  // namespace runaudit::audit::csv
