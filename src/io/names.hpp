#pragma once
// Private: file-name tests shared by discovery and the containers (names.cpp).

#include <cstddef>
#include <string>
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

/// @return the length of the UTF-8 sequence starting at byte @p i of @p s (1-4), or 0 when no
/// valid one starts there (RFC 3629 §4: no overlong forms, no surrogates, nothing above
/// U+10FFFF, not cut off by the end of @p s). @pre i < s.size().
std::size_t utf8_length(std::string_view s, std::size_t i) noexcept;

/// @return whether @p s is valid UTF-8 throughout (utf8_length()).
bool valid_utf8(std::string_view s) noexcept;

/// @return @p raw, bytes of the 8-bit character set @p charset (as glibc's iconv names it:
/// "CP437", "WINDOWS-1252", "ISO-8859-1"), as UTF-8; as they are when that character set has no
/// character for one of them or no converter is installed (the name is then shown with \xHH and
/// refused as not UTF-8: clean_member_name(), unsafe_member_name()).
std::string legacy_to_utf8(std::string_view raw, const char* charset);

/// Why a file or archive member is passed over by its name: not an activity file
/// (is_activity_file_name()), archive or export index.
inline constexpr const char* not_activity_name =
    "not an activity file (.gpx, .tcx, .fit, each optionally .gz), archive or export index";

/// Why a file or folder name is one an operating system or a file manager leaves beside a
/// user's files, never an activity of theirs; nullptr when it is not one of them:
/// - macOS: AppleDouble files (`._run.fit`, holding a file's Finder metadata, written on
///   non-Mac disks and into zips as `__MACOSX/`; a Netatalk file server keeps them in
///   `.AppleDouble/` under the files' own names), the `.Trashes`/`.Trash` folders, Spotlight's
///   and FSEvents' `.Spotlight-V100`, `.fseventsd`, `.TemporaryItems`;
/// - Windows: the recycle bin (`$RECYCLE.BIN`; not the `RECYCLER` of Windows XP, a name an
///   athlete's folder may have), `System Volume Information`;
/// - freedesktop.org desktops: the trash of a removable disk (`.Trash-1000`).
/// A file in the trash was deleted by its owner: auditing it would count a run they removed.
/// @param name    one path component (file or folder name), compared without regard to case.
/// @param folder  true when @p name is a folder's.
const char* system_litter(std::string_view name, bool folder) noexcept;

}  // namespace runaudit::io::detail
