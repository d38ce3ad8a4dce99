#include "bytes.hpp"

namespace runaudit::io::detail {

std::string format_bytes(std::size_t bytes) {
  constexpr const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
  std::string best = std::to_string(bytes) + " bytes";
  std::size_t scale = 1024;
  for (const char* unit : units) {
    if (bytes == 0 || bytes % scale != 0) break;
    best = std::to_string(bytes / scale) + " " + unit;
    scale *= 1024;
  }
  return best;
}

}  // namespace runaudit::io::detail
