#pragma once
// Shared test helpers: Catch2 printers for our enums (so failures show names, not numbers) and
// small accessors used across the parser tests.

#include <catch2/catch.hpp>
#include <limits>
#include <optional>
#include <string>

#include "runaudit/io/error.hpp"
#include "runaudit/io/read.hpp"
#include "runaudit/model.hpp"

namespace Catch {
template <>
struct StringMaker<runaudit::io::ParseErrc> {
  static std::string convert(runaudit::io::ParseErrc c) {
    return std::string(runaudit::io::to_string(c));
  }
};
template <>
struct StringMaker<runaudit::Sport> {
  static std::string convert(runaudit::Sport s) { return std::string(runaudit::to_string(s)); }
};
template <>
struct StringMaker<runaudit::NoteCode> {
  static std::string convert(runaudit::NoteCode c) { return std::string(runaudit::to_string(c)); }
};
template <>
struct StringMaker<runaudit::io::DocumentKind> {
  static std::string convert(runaudit::io::DocumentKind k) {
    constexpr const char* names[] = {"gpx",   "tcx",    "unknown_xml", "html",
                                     "empty", "binary", "text"};
    return names[static_cast<std::size_t>(k)];
  }
};
}  // namespace Catch

namespace testing {

/// The value of an optional channel, NaN when absent (a comparison with Approx then fails).
inline double val(const std::optional<double>& o) {
  return o.value_or(std::numeric_limits<double>::quiet_NaN());
}

/// The note of @p code on @p a, or nullptr.
inline const runaudit::Note* find_note(const runaudit::Activity& a, runaudit::NoteCode code) {
  for (const runaudit::Note& n : a.notes)
    if (n.code == code) return &n;
  return nullptr;
}

}  // namespace testing
