#pragma once
// Writing a report to stdout or, atomically, to a file.

#include <functional>
#include <ostream>
#include <string>

namespace runaudit::cli {

/// Calls @p write with stdout when @p target is "-", else with a temporary file in the target's
/// folder that is renamed over @p target once complete, so an interrupted run never leaves a
/// half-written report.
/// @throws std::runtime_error naming the file when it cannot be created, written or renamed
///         (the temporary file is removed).
void write_output(const std::string& target, const std::function<void(std::ostream&)>& write);

}  // namespace runaudit::cli
