#pragma once
// Private: order statistics of a sample (a median, a quartile), found in linear time by
// partial sorting, as the signal, the audit, the readers and the charts take them.

#include <algorithm>
#include <cstddef>
#include <span>

namespace runaudit::detail {

/// The @p k-th smallest of @p values (0-based: 0 the least), found with std::nth_element in
/// O(n) on average; reorders @p values. Requires k < values.size().
inline double nth_smallest(std::span<double> values, std::size_t k) {
  const auto at = values.begin() + static_cast<std::ptrdiff_t>(k);
  std::nth_element(values.begin(), at, values.end());
  return *at;
}

/// The upper median of @p values (the (n/2)-th smallest, 0-based: of an even count, the larger
/// of the middle two); reorders @p values. Requires values not empty.
inline double upper_median(std::span<double> values) {
  return nth_smallest(values, values.size() / 2);
}

}  // namespace runaudit::detail
