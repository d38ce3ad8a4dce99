#pragma once
// Shared test helpers: Catch2 printers for our enums (so failures show names, not numbers) and
// small accessors used across the parser tests.

#include <catch2/catch.hpp>
#include <cstdint>
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
    constexpr const char* names[] = {"gpx",  "tcx",   "fit",    "unknown_xml",
                                     "html", "empty", "binary", "text"};
    return names[static_cast<std::size_t>(k)];
  }
};
}  // namespace Catch

namespace testing {

/// The value of an optional channel, NaN when absent (a comparison with Approx then fails).
inline double val(const std::optional<double>& o) {
  return o.value_or(std::numeric_limits<double>::quiet_NaN());
}

/// The ParseError @p parse throws, or nullopt when it parses.
template <class Parse>
std::optional<runaudit::io::ParseError> error_of(Parse parse) {
  try {
    parse();
  } catch (const runaudit::io::ParseError& e) {
    return e;
  }
  return std::nullopt;
}

/// Milliseconds of 2024-05-01T06:30:00Z (python3: datetime(2024,5,1,6,30,tzinfo=utc).timestamp()),
/// the start of the inline test documents, and one second in ms.
inline constexpr std::int64_t t0 = 1714545000000;
inline constexpr std::int64_t s_ms = 1000;

/// The note of @p code on @p a, or nullptr.
inline const runaudit::Note* find_note(const runaudit::Activity& a, runaudit::NoteCode code) {
  for (const runaudit::Note& n : a.notes)
    if (n.code == code) return &n;
  return nullptr;
}

}  // namespace testing
