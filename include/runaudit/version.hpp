#pragma once
/// @file
/// The program's version, from one place: CMake's `project(VERSION)` (CMakeLists.txt), compiled
/// into src/core/version.cpp.

#include <string_view>

namespace runaudit {

/// @return the version ("MAJOR.MINOR.PATCH"): what `--version` prints and what every JSON
///         report (`runaudit_version`) and JSONL report (its first line) carries.
std::string_view version() noexcept;

}  // namespace runaudit
