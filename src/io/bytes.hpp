#pragma once
// Private: byte counts in messages.

#include <cstddef>
#include <string>

namespace runaudit::io::detail {

/// "64 MiB" when @p bytes is a whole number of a binary unit, else "70000123 bytes": exact, so a
/// value just over a limit never reads as the limit itself.
std::string format_bytes(std::size_t bytes);

}  // namespace runaudit::io::detail
