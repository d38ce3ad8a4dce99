#pragma once
// The program's version: CMake's project(VERSION), passed as RUNAUDIT_VERSION (src/CMakeLists.txt).

#ifndef RUNAUDIT_VERSION
#error "RUNAUDIT_VERSION must be defined by the build (project(VERSION) in CMakeLists.txt)"
#endif

namespace runaudit::cli {

inline constexpr const char* version = RUNAUDIT_VERSION;

}  // namespace runaudit::cli
