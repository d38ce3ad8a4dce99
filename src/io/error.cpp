#include "runaudit/io/error.hpp"

#include <utility>

#include "runaudit/format.hpp"

namespace runaudit::io {
namespace {

std::string format_what(ParseErrc code, const SourceLocation& where, const std::string& detail) {
  std::string out = where.file;
  if (where.line != 0) {
    out += ':' + std::to_string(where.line);
    if (where.column != 0) out += ':' + std::to_string(where.column);
  }
  out += ": ";
  out += to_string(code);
  out += ": ";
  out += detail;
  return out;
}

}  // namespace

std::string_view to_string(ParseErrc code) noexcept {
  switch (code) {
    case ParseErrc::io:
      return "io";
    case ParseErrc::too_large:
      return "too_large";
    case ParseErrc::bad_gzip:
      return "bad_gzip";
    case ParseErrc::empty_file:
      return "empty_file";
    case ParseErrc::not_xml:
      return "not_xml";
    case ParseErrc::html_page:
      return "html_page";
    case ParseErrc::malformed_xml:
      return "malformed_xml";
    case ParseErrc::wrong_root:
      return "wrong_root";
    case ParseErrc::missing_element:
      return "missing_element";
    case ParseErrc::bad_number:
      return "bad_number";
    case ParseErrc::out_of_range:
      return "out_of_range";
    case ParseErrc::bad_timestamp:
      return "bad_timestamp";
    case ParseErrc::no_timestamps:
      return "no_timestamps";
    case ParseErrc::bad_fit:
      return "bad_fit";
    case ParseErrc::not_an_activity:
      return "not_an_activity";
  }
  return "unknown";
}

ParseError::ParseError(ParseErrc code, SourceLocation where, std::string detail)
    : std::runtime_error(format_what(code, where, detail)),
      m_code(code),
      m_where(std::move(where)),
      m_detail(std::move(detail)) {}

std::string line_column(const FileError& e) {
  return e.line ? ":" + std::to_string(e.line) + ":" + std::to_string(e.column) : std::string();
}

}  // namespace runaudit::io

namespace runaudit::io {

FileError to_file_error(const ParseError& error) {
  return FileError{clean_text(error.where().file), std::string(to_string(error.code())),
                   clean_text(error.detail()), error.where().line, error.where().column};
}

}  // namespace runaudit::io
