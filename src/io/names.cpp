#include "names.hpp"

#include <array>

namespace runaudit::io::detail {
namespace {

// ASCII case-insensitive equality; @p lower is lower-case.
bool equals_icase(std::string_view name, std::string_view lower) noexcept {
  return name.size() == lower.size() && ends_with_icase(name, lower);
}

}  // namespace

const char* system_litter(std::string_view name, bool folder) noexcept {
  if (!folder) {
    return name.size() > 2 && name.substr(0, 2) == "._"
               ? "macOS metadata (an AppleDouble '._' file), not an activity"
               : nullptr;
  }
  static constexpr std::array<std::string_view, 5> mac_system{
      ".spotlight-v100", ".fseventsd", ".temporaryitems", "__macosx", ".appledouble"};
  static constexpr std::array<std::string_view, 3> trash{".trashes", ".trash", "$recycle.bin"};
  for (const std::string_view t : trash)
    if (equals_icase(name, t)) return "a trash folder: its files were deleted";
  if (name.size() > 7 && equals_icase(name.substr(0, 7), ".trash-"))  // .Trash-UID
    return "a trash folder: its files were deleted";
  for (const std::string_view m : mac_system)
    if (equals_icase(name, m)) return "macOS metadata, not activities";
  if (equals_icase(name, "system volume information")) return "a Windows system folder";
  return nullptr;
}

}  // namespace runaudit::io::detail
