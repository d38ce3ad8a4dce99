#pragma once
// Private: the limit columns of a CSV file (the athletes file, the plan): the header's columns
// that give a limit (limit_inputs) or the row's `units`, and a row's LimitInputs read from them
// (parse_limit), so both files take the same columns the same way.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "csv.hpp"
#include "runaudit/audit/limits.hpp"
#include "runaudit/format.hpp"

namespace runaudit::audit {

class LimitColumns {
 public:
  /// Takes header cell @p index when @p name (lower-case, trimmed) is `units` or a column of
  /// limit_inputs; @return whether it did.
  bool take(std::size_t index, std::string_view name);
  /// @return the names take() knows, for messages: "units, threshold_pace, max_hr, ...".
  static std::string names();
  /// @return @p row's limits, SI: its non-empty cells in the columns taken, values without a
  ///         unit in the row's `units`, else in @p units.
  /// @throws io::ParseError bad_value at @p file and the row's line, naming the column and the
  ///         cell: a value parse_limit refuses, units other than metric or imperial, a member
  ///         given in two columns (max_distance and max_distance_km).
  LimitInputs read(const csv::Row& row, Units units, const std::string& file) const;

 private:
  std::optional<std::size_t> m_units;                               // its cell, if any
  std::vector<std::pair<std::size_t, const LimitInput*>> m_limits;  // cell, what it gives
};

}  // namespace runaudit::audit
