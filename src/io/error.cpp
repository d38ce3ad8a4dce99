#include "runaudit/io/error.hpp"

#include <utility>

#include "runaudit/format.hpp"

namespace runaudit::io {
namespace {

std::string position_of(std::size_t line, std::size_t column, std::ptrdiff_t offset) {
  if (line != 0)
    return ':' + std::to_string(line) + (column != 0 ? ':' + std::to_string(column) : "");
  if (offset >= 0) return " (byte " + std::to_string(offset) + ')';
  return {};
}

std::string format_what(ParseErrc code, const SourceLocation& where, const std::string& detail) {
  std::string out = where.file + position_of(where.line, where.column, where.offset);
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
    case ParseErrc::not_found:
      return "not_found";
    case ParseErrc::bad_csv:
      return "bad_csv";
    case ParseErrc::bad_value:
      return "bad_value";
    case ParseErrc::bad_results:
      return "bad_results";
    case ParseErrc::bad_fit:
      return "bad_fit";
    case ParseErrc::not_an_activity:
      return "not_an_activity";
    case ParseErrc::bad_archive:
      return "bad_archive";
    case ParseErrc::encrypted:
      return "encrypted";
    case ParseErrc::nothing_to_audit:
      return "nothing_to_audit";
  }
  return "unknown";
}

ParseError::ParseError(ParseErrc code, SourceLocation where, std::string detail)
    : std::runtime_error(format_what(code, where, detail)),
      m_code(code),
      m_where(std::move(where)),
      m_detail(std::move(detail)) {}

Diagnostic ParseError::diagnostic() const {
  return to_diagnostic(*this);
}

Diagnostic to_diagnostic(const ParseError& error) {
  const SourceLocation& at = error.where();
  return Diagnostic{clean_text(at.file),
                    std::string(to_string(error.code())),
                    clean_text(error.detail()),
                    at.line,
                    at.column,
                    at.line ? -1 : at.offset};
}

bool holds_nothing(const Diagnostic& d) noexcept {
  return d.code == to_string(ParseErrc::nothing_to_audit);
}

std::string position(const Diagnostic& d) {
  return position_of(d.line, d.column, d.offset);
}

std::string describe(const Diagnostic& d) {
  return d.source + position(d) + ": " + d.message;
}

}  // namespace runaudit::io
