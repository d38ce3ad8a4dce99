// Unit tests for the parsers' shared helpers (src/io/xml.hpp): the line index behind every
// error's line and column, checked against counting newlines one byte at a time; the number
// reader's fast paths, checked against glibc's strtod (correctly rounded).

#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "io/xml.hpp"

using runaudit::io::detail::LineIndex;
using runaudit::io::detail::to_double;

namespace {

struct LineColumn {
  std::size_t line = 1, column = 1;
};

// Line and column of byte @p offset, the obvious way.
LineColumn count(const std::string& doc, std::size_t offset) {
  LineColumn at;
  for (std::size_t i = 0; i < offset && i < doc.size(); ++i) {
    if (doc[i] == '\n') {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
  }
  at.column += offset > doc.size() ? offset - doc.size() : 0;
  return at;
}

}  // namespace

TEST_CASE("LineIndex: line and column of every byte match counting newlines", "[xml]") {
  // Lengths around the 16-byte compare blocks, the 64-byte words and the 4 KiB blocks of the
  // newline counts; newlines at the first and last byte of a word, runs of them, none at all.
  std::uint64_t state = 7;  // xorshift64
  for (const std::size_t length :
       {0u, 1u, 15u, 16u, 63u, 64u, 65u, 127u, 128u, 200u, 1000u, 4095u, 4096u, 4097u, 9000u}) {
    for (const int density : {0, 2, 30, 100}) {
      std::string doc(length, 'x');
      for (char& c : doc) {
        state ^= state << 13, state ^= state >> 7, state ^= state << 17;
        if (static_cast<int>(state % 100) < density) c = '\n';
      }
      const LineIndex index(doc);
      // Every offset for short documents; for long ones every 7th, in a shuffled order (the
      // block counts are made by whichever lookup comes first).
      std::vector<std::size_t> offsets;
      for (std::size_t offset = 0; offset <= length + 2; offset += length > 1000 ? 7 : 1)
        offsets.push_back(offset);
      for (std::size_t i = offsets.size(); i > 1; --i) {
        state ^= state << 13, state ^= state >> 7, state ^= state << 17;
        std::swap(offsets[i - 1], offsets[state % i]);
      }
      for (const std::size_t offset : offsets) {
        INFO("length " << length << ", density " << density << "%, offset " << offset);
        const LineColumn expected = count(doc, offset);
        CHECK(index.line(static_cast<std::ptrdiff_t>(offset)) == expected.line);
        CHECK(index.column(static_cast<std::ptrdiff_t>(offset)) == expected.column);
      }
    }
  }
}

TEST_CASE("LineIndex: a negative offset (unknown) is line and column 0", "[xml]") {
  const LineIndex index("a\nb");
  CHECK(index.line(-1) == 0u);
  CHECK(index.column(-1) == 0u);
}

namespace {

std::uint64_t next(std::uint64_t& state) {  // xorshift64
  state ^= state << 13, state ^= state >> 7, state ^= state << 17;
  return state;
}

// Checks to_double against strtod, bit for bit (== also tells 0 from -0 apart via signbit).
void check_as_strtod(const std::string& text) {
  INFO(text);
  const std::optional<double> value = to_double(text);
  REQUIRE(value);
  const double expected = std::strtod(text.c_str(), nullptr);
  CHECK(*value == expected);
  CHECK(std::signbit(*value) == std::signbit(expected));
}

}  // namespace

TEST_CASE("to_double: exact float32 decimals (Garmin elevations) are correctly rounded", "[xml]") {
  // Garmin Connect writes float32 elevations in full: 355.4f is "355.399993896484375".
  check_as_strtod("355.399993896484375");
  check_as_strtod("-12.19999980926513671875");  // 22 digits: from_chars
  std::uint64_t state = 11;
  for (int i = 0; i < 20000; ++i) {
    const auto bits = static_cast<std::uint32_t>(next(state));
    float f;
    std::memcpy(&f, &bits, sizeof f);
    if (!std::isfinite(f)) continue;
    char text[96];
    std::snprintf(text, sizeof text, "%.60g", static_cast<double>(f));  // exact expansion
    if (std::string(text).find('e') != std::string::npos) continue;
    check_as_strtod(text);
  }
}

TEST_CASE("to_double: 16 to 19 digits, halfway cases included, are correctly rounded", "[xml]") {
  // 2^53 + 1 and its neighbours are exactly halfway between two doubles, as are their tenths;
  // 10^19 - 1 is the largest 19-digit integer.
  for (const char* text : {"9007199254740993", "9007199254740995", "900719925474099.3",
                           "0.9007199254740993", "18014398509481985", "18014398509481986",
                           "9999999999999999999", "999999999.9999999999", "1844674407370955161",
                           "-4611686018427387905", "0.0000000000000000001", "1000000000000000000"})
    check_as_strtod(text);
  std::uint64_t state = 3;
  for (int i = 0; i < 200000; ++i) {
    const std::size_t digits = 16 + next(state) % 4;  // 16..19
    std::string text;
    for (std::size_t d = 0; d < digits; ++d) text += static_cast<char>('0' + next(state) % 10);
    if (text[0] == '0') text[0] = '1';
    const std::size_t point = next(state) % (digits + 1);
    if (point < text.size()) text.insert(point, ".");
    if (next(state) % 2) text.insert(0, "-");
    check_as_strtod(text);
  }
  // 19-digit integers at and next to a halfway point between two doubles (spacing 2^11 above
  // 2^63), also with a decimal point put in.
  for (std::uint64_t k = 1; k < 2000; ++k)
    for (std::uint64_t j = 0; j <= 6; ++j) {
      const std::uint64_t m = (std::uint64_t{1} << 63) + k * 2048 + 1024 + j - 3;
      check_as_strtod(std::to_string(m));
      std::string text = std::to_string(m);
      text.insert(k % text.size(), ".");
      check_as_strtod(text);
    }
}

TEST_CASE("to_double: not a whole number is nullopt", "[xml]") {
  for (const char* text : {"", "-", ".", "1.2.3", " 1", "1 ", "+-45", "1e", "0x10", "12a"}) {
    INFO(text);
    CHECK_FALSE(to_double(text));
  }
  CHECK(to_double("+45") == 45.0);
  CHECK(to_double("1e3") == 1000.0);
}

TEST_CASE("to_double: beyond a double's range reads as strtod does (infinity or zero)", "[xml]") {
  const std::string nines(400, '9');
  const std::string tiny = "0." + std::string(400, '0') + "1";
  for (const std::string& text :
       {std::string("1e400"), std::string("-1e400"), std::string("1.7976931348623159e308"),
        std::string("1e-400"), std::string("-1e-400"), std::string("2.4e-324"), nines, "-" + nines,
        tiny, "-" + tiny, std::string("123e-400"), std::string("0.001e310"),
        std::string("1000e-330"), std::string("1e99999999999999999999999"),
        std::string("1E-99999999999999999999999"), std::string("+1e400")}) {
    INFO(text);
    const auto value = to_double(text);
    REQUIRE(value);
    const double expected = std::strtod(text.c_str(), nullptr);    // HUGE_VAL or 0, ERANGE
    CHECK(std::memcmp(&*value, &expected, sizeof expected) == 0);  // bit for bit: -0 too
  }
  CHECK(*to_double("1e400") == std::numeric_limits<double>::infinity());
  CHECK(std::signbit(*to_double("-1e-400")));
  CHECK_FALSE(to_double("1e400x"));
  CHECK_FALSE(to_double("1e400 "));
}

TEST_CASE("estimated_points: trackpoints from byte offsets, at most one per 60 bytes", "[xml]") {
  using runaudit::io::detail::estimated_points;
  // Ten trackpoints of 70 bytes each, then </trkseg>: 700 / 70 = 10, plus 5 % (0) plus 1.
  const std::string point = R"(<trkpt lat="1.000000" lon="2.000000"><ele>3.0</ele></trkpt>)";
  std::string xml = "<trkseg>";
  std::string padded = point + std::string(70 - point.size(), ' ');
  for (int i = 0; i < 10; ++i) xml += padded;
  // Callers pass the next element's offset_debug(): its name, one byte past its '<' (as the
  // first trackpoint's offset is).
  const std::ptrdiff_t end = static_cast<std::ptrdiff_t>(xml.size()) + 1;
  xml += "</trkseg>";
  pugi::xml_document doc;
  REQUIRE(doc.load_buffer_inplace(xml.data(), xml.size(), pugi::parse_default));
  const pugi::xml_node first = doc.first_child().first_child();
  REQUIRE(std::string(first.name()) == "trkpt");
  CHECK(estimated_points(first, end) == 11);
  // A 1 000-byte span after a 20-byte first point: 1000 / 60 = 16 (not 50), plus 0, plus 1.
  std::string tiny = "<t><p/>" + std::string(13, ' ') + "<p/>";
  tiny += std::string(1000 - (tiny.size() - 3), ' ') + "</t>";
  pugi::xml_document small;
  REQUIRE(small.load_buffer_inplace(tiny.data(), tiny.size(), pugi::parse_default));
  const pugi::xml_node p = small.first_child().first_child();
  CHECK(estimated_points(p, p.offset_debug() + 1000) == 17);
  // Nothing to estimate.
  CHECK(estimated_points(pugi::xml_node(), 1000) == 0);
  CHECK(estimated_points(first, first.offset_debug()) == 0);
}

TEST_CASE("shortened: at most 40 bytes, cut on a character boundary", "[xml]") {
  using runaudit::io::detail::shortened;
  CHECK(shortened("91") == "91");
  CHECK(shortened(std::string(40, '9')) == std::string(40, '9'));
  CHECK(shortened(std::string(41, '9')) == std::string(40, '9') + "...");
  // Fullwidth digits (3 bytes each, U+FF19): 13 whole ones fit in 40 bytes (39), not 13 and a
  // third.
  std::string fullwidth;
  for (int i = 0; i < 20; ++i) fullwidth += "\xEF\xBC\x99";
  std::string expected;
  for (int i = 0; i < 13; ++i) expected += "\xEF\xBC\x99";
  CHECK(shortened(fullwidth) == expected + "...");
}
