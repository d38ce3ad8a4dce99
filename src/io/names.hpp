#pragma once
// Private: file-name tests shared by discovery and the containers.

#include <string_view>

namespace runaudit::io::detail {

/// True when @p name ends with @p suffix (ASCII letters in any case; @p suffix lower-case).
constexpr bool ends_with_icase(std::string_view name, std::string_view suffix) noexcept {
  if (name.size() < suffix.size()) return false;
  const std::string_view tail = name.substr(name.size() - suffix.size());
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    const char c =
        tail[i] >= 'A' && tail[i] <= 'Z' ? static_cast<char>(tail[i] - 'A' + 'a') : tail[i];
    if (c != suffix[i]) return false;
  }
  return true;
}

}  // namespace runaudit::io::detail
