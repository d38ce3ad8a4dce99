#include "xml.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace runaudit::io::detail {
namespace {

constexpr bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string quoted(std::string_view s) {
  constexpr std::size_t max_shown = 40;
  std::string out = "'";
  out += s.substr(0, max_shown);
  if (s.size() > max_shown) out += "...";
  out += "'";
  return out;
}

}  // namespace

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view local_name(const pugi::xml_node& node) noexcept {
  const std::string_view name = node.name();
  const auto colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool is(const pugi::xml_node& node, std::string_view name) noexcept {
  return node.type() == pugi::node_element && local_name(node) == name;
}

bool is_icase(const pugi::xml_node& node, std::string_view name) noexcept {
  if (node.type() != pugi::node_element) return false;
  const std::string_view own = local_name(node);
  return own.size() == name.size() &&
         std::equal(own.begin(), own.end(), name.begin(), [](char a, char b) {
           const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
           return lower(a) == lower(b);
         });
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view name) noexcept {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
    if (is(c, name)) return c;
  return {};
}

std::string_view text(const pugi::xml_node& node) noexcept {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) return trim(c.value());
  return {};
}

LineIndex::LineIndex(std::string_view document) {
  for (std::size_t pos = document.find('\n'); pos != std::string_view::npos;
       pos = document.find('\n', pos + 1))
    m_newlines.push_back(pos);
}

std::size_t LineIndex::line(std::ptrdiff_t offset) const noexcept {
  if (offset < 0) return 0;
  const auto it =
      std::lower_bound(m_newlines.begin(), m_newlines.end(), static_cast<std::size_t>(offset));
  return static_cast<std::size_t>(it - m_newlines.begin()) + 1;
}

std::size_t LineIndex::column(std::ptrdiff_t offset) const noexcept {
  if (offset < 0) return 0;
  const auto off = static_cast<std::size_t>(offset);
  const auto it = std::lower_bound(m_newlines.begin(), m_newlines.end(), off);
  const std::size_t line_start = it == m_newlines.begin() ? 0 : *(it - 1) + 1;
  return off - line_start + 1;
}

SourceLocation Locator::at_offset(std::ptrdiff_t offset) const {
  return SourceLocation{m_file, m_lines.line(offset), m_lines.column(offset), offset};
}

SourceLocation Locator::at(const pugi::xml_node& node) const {
  // offset_debug() points at the element name; step back over '<' to the tag's start.
  std::ptrdiff_t offset = node.offset_debug();
  if (offset > 0 && node.type() == pugi::node_element) --offset;
  return at_offset(offset);
}

std::size_t Locator::line_of(const pugi::xml_node& node) const noexcept {
  return m_lines.line(node.offset_debug());
}

void Locator::fail(ParseErrc code, const pugi::xml_node& node, std::string detail) const {
  throw ParseError(code, at(node), std::move(detail));
}

std::optional<double> to_double(std::string_view s) noexcept {
  s = trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<double> Locator::number(const pugi::xml_node& node, std::string_view what) const {
  if (!node) return std::nullopt;
  const std::string_view t = text(node);
  if (t.empty()) return std::nullopt;
  const auto value = to_double(t);
  if (!value)
    fail(ParseErrc::bad_number, node, std::string(what) + " is not a number: " + quoted(t));
  return value;
}

std::optional<double> Locator::number(const pugi::xml_attribute& attr, const pugi::xml_node& owner,
                                      std::string_view what) const {
  if (!attr) return std::nullopt;
  const std::string_view t = trim(attr.value());
  if (t.empty()) return std::nullopt;
  const auto value = to_double(t);
  if (!value)
    fail(ParseErrc::bad_number, owner, std::string(what) + " is not a number: " + quoted(t));
  return value;
}

namespace {

std::optional<ParsedTime> checked_time(std::string_view t, const pugi::xml_node& owner,
                                       const Locator& loc) {
  if (t.empty()) return std::nullopt;
  const auto parsed = parse_rfc3339(t);
  if (!parsed)
    loc.fail(ParseErrc::bad_timestamp, owner, "impossible or unreadable time " + quoted(t));
  return parsed;
}

}  // namespace

std::optional<ParsedTime> Locator::time(const pugi::xml_node& node) const {
  return checked_time(text(node), node, *this);
}

std::optional<ParsedTime> Locator::time(const pugi::xml_attribute& attr,
                                        const pugi::xml_node& owner) const {
  return checked_time(trim(attr.value()), owner, *this);
}

void load_in_place(pugi::xml_document& doc, std::string& document, const Locator& where) {
  // No EOL normalisation or attribute white-space conversion: we trim values ourselves, and the
  // buffer then keeps its line structure for offset_debug().
  constexpr unsigned options = pugi::parse_cdata | pugi::parse_escapes;
  const std::size_t last = document.find_last_not_of(" \t\r\n");
  const std::size_t content_end = last == std::string::npos ? 0 : last + 1;
  const pugi::xml_parse_result result =
      doc.load_buffer_inplace(document.data(), document.size(), options, pugi::encoding_auto);
  if (result) return;
  const auto offset = static_cast<std::ptrdiff_t>(result.offset);
  // Errors found at the very end of the input mean the document stops early.
  const bool at_end = static_cast<std::size_t>(offset) + 2 >= content_end;
  std::string detail = at_end ? std::string("truncated XML (document ends inside an element)")
                              : std::string("malformed XML: ") + result.description();
  throw ParseError(ParseErrc::malformed_xml, where.at_offset(offset), std::move(detail));
}

}  // namespace runaudit::io::detail
