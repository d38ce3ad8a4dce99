#include "limit_columns.hpp"

#include <algorithm>

#include "runaudit/io/error.hpp"

namespace runaudit::audit {

bool LimitColumns::take(std::size_t index, std::string_view name) {
  if (name == "units") {
    m_units = index;
    return true;
  }
  const auto input = std::find_if(std::begin(limit_inputs), std::end(limit_inputs),
                                  [&](const LimitInput& i) { return i.column == name; });
  if (input == std::end(limit_inputs)) return false;
  m_limits.emplace_back(index, &*input);
  return true;
}

std::string LimitColumns::names() {
  std::string out = "units";
  for (const LimitInput& i : limit_inputs) out += ", " + std::string(i.column);
  return out;
}

LimitInputs LimitColumns::read(const csv::Row& row, Units units, const std::string& file) const {
  const auto fail = [&](const std::string& message) {
    throw io::ParseError(io::ParseErrc::bad_value, io::SourceLocation{file, row.line, 0, -1},
                         message);
  };
  if (m_units && row.cells[*m_units].find_first_not_of(" \t") != std::string::npos) {
    const std::optional<Units> given = parse_units(row.cells[*m_units]);
    if (!given) fail("bad units '" + row.cells[*m_units] + "' (expected metric or imperial)");
    units = *given;
  }
  LimitInputs out;
  std::vector<const LimitInput*> given;  // the column each member came from
  for (const auto& [cell, input] : m_limits) {
    const std::string& text = row.cells[cell];
    if (text.find_first_not_of(" \t") == std::string::npos) continue;  // empty: absent
    const std::optional<double> v = parse_limit(*input, text, units);
    if (!v)
      fail("bad " + std::string(input->column) + " '" + text + "' (expected " +
           std::string(input->expected) + ")");
    // (The member by value: clang 14, which builds the fuzz targets, cannot capture a
    // structured binding.)
    const auto twice =
        std::find_if(given.begin(), given.end(),
                     [member = input->member](const LimitInput* g) { return g->member == member; });
    if (twice != given.end())
      fail("both " + std::string((*twice)->column) + " and " + std::string(input->column) +
           " given (one value each)");
    given.push_back(input);
    out.*input->member = *v;
  }
  return out;
}

}  // namespace runaudit::audit
