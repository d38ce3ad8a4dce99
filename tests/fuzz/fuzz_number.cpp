// libFuzzer target: the parsers' number reader (io::detail::to_double: a fast exact path for
// plain decimals, an x87 path for 16-19 digits, std::from_chars for the rest) on arbitrary text,
// differentially against glibc's strtod, which rounds correctly: whatever to_double accepts,
// strtod must read as the whole text, to the same double bit for bit (NaN to a NaN).

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "io/xml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto value = runaudit::io::detail::to_double(text);
  if (!value) return 0;
  char* end = nullptr;
  const double expected = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) __builtin_trap();  // accepted more than a number
  if (std::isnan(expected) != std::isnan(*value)) __builtin_trap();
  if (!std::isnan(expected) && std::memcmp(&expected, &*value, sizeof expected) != 0)
    __builtin_trap();
  return 0;
}
