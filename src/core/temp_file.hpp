#pragma once
// Private: the unnamed temporary files a batch and a report write what they cannot hold in
// memory to (the audit's spill of staged runs, a report's JUnit and Markdown text).

#include <string>
#include <string_view>

namespace runaudit::detail {

/// @return the folder temporary files go to: `$TMPDIR` when set and not empty, else `/tmp`.
std::string temp_folder();

/// Creates a file in temp_folder() named @p prefix plus a unique suffix (mkostemp, O_CLOEXEC)
/// and unlinks it at once: it is gone from the folder and freed when closed, also after a
/// crash. @return its descriptor, or -1 with errno set.
int open_unlinked_temp(std::string_view prefix);

}  // namespace runaudit::detail
