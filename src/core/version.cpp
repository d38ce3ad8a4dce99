#include "runaudit/version.hpp"

#ifndef RUNAUDIT_VERSION
#error "RUNAUDIT_VERSION must be defined by the build (project(VERSION) in CMakeLists.txt)"
#endif

namespace runaudit {

std::string_view version() noexcept {
  return RUNAUDIT_VERSION;
}

}  // namespace runaudit
