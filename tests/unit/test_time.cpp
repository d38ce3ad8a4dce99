// Unit tests for runaudit/time.hpp: RFC 3339 parsing and formatting.
//
// Every epoch value below was computed independently with Python 3's datetime module, e.g.
//   int(datetime.fromisoformat("2024-05-01T06:30:00+00:00").timestamp() * 1000)
// and is written here as a literal; none is derived from the code under test.

#include <catch2/catch.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runaudit/time.hpp"

using runaudit::format_rfc3339;
using runaudit::parse_rfc3339;

namespace {

// 2024-05-01T06:30:00Z (python3: datetime(2024,5,1,6,30,tzinfo=timezone.utc).timestamp()*1000)
constexpr std::int64_t may_first_0630_ms = 1714545000000;

std::optional<std::int64_t> ms(const std::string& text) {
  const auto parsed = parse_rfc3339(text);
  if (!parsed) return std::nullopt;
  return parsed->utc_ms;
}

}  // namespace

TEST_CASE("time: known epoch values, computed independently", "[time]") {
  // 1970-01-01T00:00:00Z is the epoch itself.
  CHECK(ms("1970-01-01T00:00:00Z") == std::int64_t{0});
  // python3: 2000-01-01T00:00:00+00:00 -> 946684800000
  CHECK(ms("2000-01-01T00:00:00Z") == std::int64_t{946684800000});
  CHECK(ms("2024-05-01T06:30:00Z") == may_first_0630_ms);
  // python3: 1969-12-31T23:59:59+00:00 -> -1000 (before the epoch)
  CHECK(ms("1969-12-31T23:59:59Z") == std::int64_t{-1000});
  // python3: 1900-01-01T00:00:00+00:00 -> -2208988800000 (lowest accepted year)
  CHECK(ms("1900-01-01T00:00:00Z") == std::int64_t{-2208988800000});
  // python3: 2200-12-31T23:59:59+00:00 -> 7289654399000 (highest accepted year)
  CHECK(ms("2200-12-31T23:59:59Z") == std::int64_t{7289654399000});
  // python3: 2038-01-19T03:14:08+00:00 -> 2147483648000 (past the 32-bit time_t limit)
  CHECK(ms("2038-01-19T03:14:08Z") == std::int64_t{2147483648000});
  // python3: 2024-12-31T23:59:59+00:00 -> 1735689599000
  CHECK(ms("2024-12-31T23:59:59Z") == std::int64_t{1735689599000});
}

TEST_CASE("time: zone designators Z, +hh:mm, +hhmm and -hh:mm", "[time]") {
  SECTION("Z and lowercase z") {
    const auto t = parse_rfc3339("2024-05-01T06:30:00Z");
    REQUIRE(t);
    CHECK(t->utc_ms == may_first_0630_ms);
    CHECK(t->had_zone);
    const auto lower = parse_rfc3339("2024-05-01T06:30:00z");
    REQUIRE(lower);
    CHECK(lower->utc_ms == may_first_0630_ms);
    CHECK(lower->had_zone);
  }
  SECTION("positive offset with colon: 08:30+02:00 is 06:30Z") {
    const auto t = parse_rfc3339("2024-05-01T08:30:00+02:00");
    REQUIRE(t);
    CHECK(t->utc_ms == may_first_0630_ms);
    CHECK(t->had_zone);
  }
  SECTION("positive offset without colon: 08:30+0200 is 06:30Z") {
    CHECK(ms("2024-05-01T08:30:00+0200") == may_first_0630_ms);
  }
  SECTION("negative offset: 01:30-05:00 is 06:30Z") {
    CHECK(ms("2024-05-01T01:30:00-05:00") == may_first_0630_ms);
    CHECK(ms("2024-05-01T01:30:00-0500") == may_first_0630_ms);
  }
  SECTION("offset with minutes: 12:15+05:45 (Nepal) is 06:30Z") {
    CHECK(ms("2024-05-01T12:15:00+05:45") == may_first_0630_ms);
  }
  SECTION("the offset written is kept (local time minus UTC, s)") {
    CHECK(parse_rfc3339("2024-05-01T12:15:00+05:45")->utc_offset_s == 5 * 3600 + 45 * 60);
    CHECK(parse_rfc3339("2024-05-01T01:30:00-0500")->utc_offset_s == -5 * 3600);
    CHECK(parse_rfc3339("2024-05-01T06:30:00+00:00")->utc_offset_s == 0);
    CHECK_FALSE(parse_rfc3339("2024-05-01T06:30:00Z")->utc_offset_s);  // UTC, local unknown
    CHECK_FALSE(parse_rfc3339("2024-05-01T06:30:00-00:00")->utc_offset_s);
    CHECK_FALSE(parse_rfc3339("2024-05-01T06:30:00")->utc_offset_s);
  }
  SECTION("+00:00 and -00:00 equal Z") {
    CHECK(ms("2024-05-01T06:30:00+00:00") == may_first_0630_ms);
    CHECK(ms("2024-05-01T06:30:00-00:00") == may_first_0630_ms);
  }
  SECTION("an offset moves the date across midnight and the year end") {
    // 2024-01-01T00:30:00+01:00 is 2023-12-31T23:30:00Z; python3 -> 1704065400000
    CHECK(ms("2024-01-01T00:30:00+01:00") == std::int64_t{1704065400000});
  }
  SECTION("largest offsets accepted: +23:59 and -23:59") {
    // 2024-05-02T06:29:00+23:59 is 2024-05-01T06:30:00Z
    CHECK(ms("2024-05-02T06:29:00+23:59") == may_first_0630_ms);
    // 2024-04-30T06:31:00-23:59 is 2024-05-01T06:30:00Z
    CHECK(ms("2024-04-30T06:31:00-23:59") == may_first_0630_ms);
  }
}

TEST_CASE("time: no zone designator is taken as UTC with had_zone false", "[time]") {
  const auto t = parse_rfc3339("2024-05-01T06:30:00");
  REQUIRE(t);
  CHECK(t->utc_ms == may_first_0630_ms);
  CHECK_FALSE(t->had_zone);

  const auto frac = parse_rfc3339("2024-05-01T06:30:00.5");
  REQUIRE(frac);
  CHECK(frac->utc_ms == may_first_0630_ms + 500);
  CHECK_FALSE(frac->had_zone);
}

TEST_CASE("time: fractions of 1 to 9 digits are truncated to milliseconds", "[time]") {
  CHECK(ms("2024-05-01T06:30:00.1Z") == may_first_0630_ms + 100);
  CHECK(ms("2024-05-01T06:30:00.12Z") == may_first_0630_ms + 120);
  CHECK(ms("2024-05-01T06:30:00.123Z") == may_first_0630_ms + 123);
  CHECK(ms("2024-05-01T06:30:00.1239Z") == may_first_0630_ms + 123);       // truncated, not rounded
  CHECK(ms("2024-05-01T06:30:00.12399Z") == may_first_0630_ms + 123);      // 5 digits
  CHECK(ms("2024-05-01T06:30:00.123999Z") == may_first_0630_ms + 123);     // 6 digits (micro)
  CHECK(ms("2024-05-01T06:30:00.1239999Z") == may_first_0630_ms + 123);    // 7 digits (.NET)
  CHECK(ms("2024-05-01T06:30:00.12399999Z") == may_first_0630_ms + 123);   // 8 digits
  CHECK(ms("2024-05-01T06:30:00.999999999Z") == may_first_0630_ms + 999);  // 9 digits (nano)
  CHECK(ms("2024-05-01T06:30:00.000Z") == may_first_0630_ms);
  CHECK(ms("2024-05-01T06:30:00.007Z") == may_first_0630_ms + 7);
  // A fraction combines with an offset.
  CHECK(ms("2024-05-01T08:30:00.250+02:00") == may_first_0630_ms + 250);
  SECTION("a dot without digits is rejected") {
    CHECK_FALSE(parse_rfc3339("2024-05-01T06:30:00.Z"));
    CHECK_FALSE(parse_rfc3339("2024-05-01T06:30:00."));
  }
}

TEST_CASE("time: separators t, space, and surrounding white space", "[time]") {
  CHECK(ms("2024-05-01t06:30:00Z") == may_first_0630_ms);
  CHECK(ms("2024-05-01 06:30:00Z") == may_first_0630_ms);
  CHECK(ms("2024-05-01t06:30:00z") == may_first_0630_ms);
  CHECK(ms("  2024-05-01T06:30:00Z") == may_first_0630_ms);
  CHECK(ms("2024-05-01T06:30:00Z   ") == may_first_0630_ms);
  CHECK(ms("\n\t 2024-05-01T06:30:00Z \r\n") == may_first_0630_ms);
}

TEST_CASE("time: leap years", "[time]") {
  // python3: 2024-02-29T12:00:00+00:00 -> 1709208000000
  CHECK(ms("2024-02-29T12:00:00Z") == std::int64_t{1709208000000});
  // python3: 2000-02-29T00:00:00+00:00 -> 951782400000 (divisible by 400: leap)
  CHECK(ms("2000-02-29T00:00:00Z") == std::int64_t{951782400000});
  // 1900 is divisible by 100 but not 400: no 29 February.
  CHECK_FALSE(parse_rfc3339("1900-02-29T00:00:00Z"));
  CHECK_FALSE(parse_rfc3339("2100-02-29T00:00:00Z"));
  CHECK_FALSE(parse_rfc3339("2023-02-29T00:00:00Z"));
  // The day after 28 February: python3 2023-03-01 -> 1677628800000, 2024-03-01 -> 1709251200000,
  // 2100-03-01 -> 4107542400000
  CHECK(ms("2023-03-01T00:00:00Z") == std::int64_t{1677628800000});
  CHECK(ms("2024-03-01T00:00:00Z") == std::int64_t{1709251200000});
  CHECK(ms("2100-03-01T00:00:00Z") == std::int64_t{4107542400000});
}

TEST_CASE("time: impossible dates and times are rejected", "[time]") {
  const char* const impossible[] = {
      "2023-02-29T00:00:00Z",       // not a leap year
      "2024-02-30T00:00:00Z",       // 30 February
      "2024-04-31T00:00:00Z",       // April has 30 days
      "2024-13-01T00:00:00Z",       // month 13
      "2024-00-01T00:00:00Z",       // month 0
      "2024-05-00T00:00:00Z",       // day 0
      "2024-05-32T00:00:00Z",       // day 32
      "2024-05-01T24:00:00Z",       // hour 24
      "2024-05-01T06:60:00Z",       // minute 60
      "2024-05-01T06:30:61Z",       // second 61
      "2024-05-01T06:30:00+24:00",  // offset beyond +23:59
      "2024-05-01T06:30:00-24:00",  // offset beyond -23:59
      "2024-05-01T06:30:00+12:60",  // offset minute 60
      "1899-12-31T23:59:59Z",       // before 1900
      "2201-01-01T00:00:00Z",       // after 2200
  };
  for (const char* text : impossible) {
    INFO(text);
    CHECK_FALSE(parse_rfc3339(text));
  }
}

TEST_CASE("time: text that is not an RFC 3339 date-time is rejected", "[time]") {
  const char* const garbage[] = {
      "",
      "   ",
      "garbage",
      "2024-05-01",                  // date only
      "06:30:00Z",                   // time only
      "2024-05-01T06:30Z",           // no seconds
      "2024-5-1T06:30:00Z",          // one-digit month and day
      "24-05-01T06:30:00Z",          // two-digit year
      "2024/05/01T06:30:00Z",        // slashes
      "2024-05-01X06:30:00Z",        // unknown separator
      "2024-05-01T06:30:00ZZ",       // trailing junk
      "2024-05-01T06:30:00Z junk",   // trailing word
      "2024-05-01T06:30:00+02:00x",  // junk after the offset
      "2024-05-01T06:30:00+02",      // offset without minutes
      "2024-05-01T06:30:00+2:00",    // one-digit offset hour
      "2024-05-01T06:30:00 +02:00",  // space before the offset
      "2024-05-01T06:30:00UTC",      // zone name
      "2024-05-01T06:30:00.12a3Z",   // letter inside the fraction
      "2024-05-01T06:3O:00Z",        // letter O for zero
      "1714545000",                  // epoch seconds
  };
  for (const char* text : garbage) {
    INFO("'" << text << "'");
    CHECK_FALSE(parse_rfc3339(text));
  }
  SECTION("an embedded NUL is junk, not an end of text") {
    const std::string with_nul("2024-05-01T06:30:00Z\0", 21);
    CHECK_FALSE(parse_rfc3339(with_nul));
  }
}

TEST_CASE("time: a leap second is read as the next second", "[time]") {
  // python3: 2017-01-01T00:00:00+00:00 -> 1483228800000 (after the 2016-12-31 leap second)
  CHECK(ms("2016-12-31T23:59:60Z") == std::int64_t{1483228800000});
  // python3: 2016-12-31T23:59:59+00:00 -> 1483228799000
  CHECK(ms("2016-12-31T23:59:59Z") == std::int64_t{1483228799000});
}

TEST_CASE("time: format_rfc3339 writes Z and shows milliseconds only when not zero", "[time]") {
  CHECK(format_rfc3339(0) == "1970-01-01T00:00:00Z");
  CHECK(format_rfc3339(946684800000) == "2000-01-01T00:00:00Z");
  CHECK(format_rfc3339(may_first_0630_ms) == "2024-05-01T06:30:00Z");
  CHECK(format_rfc3339(may_first_0630_ms + 250) == "2024-05-01T06:30:00.250Z");
  CHECK(format_rfc3339(may_first_0630_ms + 7) == "2024-05-01T06:30:00.007Z");
  CHECK(format_rfc3339(1709208000000) == "2024-02-29T12:00:00Z");
  SECTION("before the epoch") {
    CHECK(format_rfc3339(-1) == "1969-12-31T23:59:59.999Z");
    CHECK(format_rfc3339(-1000) == "1969-12-31T23:59:59Z");
    CHECK(format_rfc3339(-2208988800000) == "1900-01-01T00:00:00Z");
  }
  SECTION("the ends of the documented range, years 0 and 9999") {
    // python3: datetime(9999,12,31,23,59,59,tzinfo=utc) -> 253402799999 s; + 999 ms
    CHECK(format_rfc3339(253402300799999) == "9999-12-31T23:59:59.999Z");
    // python3: datetime(1,1,1,tzinfo=utc) -> -62135596800000; year 0 is a leap year (366 days
    // = 31622400000 ms) in the proleptic Gregorian calendar: -62167219200000
    CHECK(format_rfc3339(-62135596800000) == "0001-01-01T00:00:00Z");
    CHECK(format_rfc3339(-62167219200000) == "0000-01-01T00:00:00Z");
  }
}

TEST_CASE("time: format(parse(x)) gives x back for canonical UTC text", "[time]") {
  const char* const canonical[] = {
      "1970-01-01T00:00:00Z",     "2000-01-01T00:00:00Z",     "2000-02-29T23:59:59Z",
      "2024-02-29T12:00:00Z",     "2024-05-01T06:30:00.250Z", "2024-12-31T23:59:59.999Z",
      "1900-01-01T00:00:00Z",     "2200-12-31T23:59:59Z",     "1969-12-31T23:59:59.001Z",
      "2038-01-19T03:14:08.500Z",
  };
  for (const char* text : canonical) {
    INFO(text);
    const auto t = parse_rfc3339(text);
    REQUIRE(t);
    CHECK(format_rfc3339(t->utc_ms) == text);
  }
  SECTION("non-canonical spellings format to the canonical UTC text") {
    const auto t = parse_rfc3339(" 2024-05-01t08:30:00.250999+0200 ");
    REQUIRE(t);
    CHECK(format_rfc3339(t->utc_ms) == "2024-05-01T06:30:00.250Z");
  }
  SECTION("parse(format(ms)) gives ms back across a year, in odd steps") {
    // Start 2024-01-01T00:00:00Z (python3: 1704067200000); step 7 h 13 min 1.337 s.
    constexpr std::int64_t start = 1704067200000;
    constexpr std::int64_t step = ((7 * 60 + 13) * 60 + 1) * 1000 + 337;
    for (std::int64_t t = start; t < start + 366 * std::int64_t{86400000}; t += step) {
      const auto back = parse_rfc3339(format_rfc3339(t));
      REQUIRE(back);
      REQUIRE(back->utc_ms == t);
    }
  }
}

TEST_CASE("time: ISO weeks, checked against python3's date.isocalendar()", "[time]") {
  // (date, ISO year, ISO week) from python3: datetime.date(Y, M, D).isocalendar()
  const struct {
    const char* when;
    int year, week;
  } cases[] = {{"2026-11-16T06:30:00Z", 2026, 47}, {"2026-11-29T23:59:59Z", 2026, 48},
               {"2027-01-01T00:00:00Z", 2026, 53}, {"2021-01-03T12:00:00Z", 2020, 53},
               {"2021-01-04T00:00:00Z", 2021, 1},  {"2024-12-30T00:00:00Z", 2025, 1},
               {"1969-12-31T00:00:00Z", 1970, 1},  {"2008-12-29T00:00:00Z", 2009, 1}};
  for (const auto& c : cases) {
    INFO(c.when);
    const auto w = runaudit::iso_week(runaudit::parse_rfc3339(c.when)->utc_ms);
    CHECK(w.year == c.year);
    CHECK(w.week == c.week);
  }
}

// TimestampParser must answer exactly as parse_rfc3339 whatever came before: a recording's
// texts (1 s steps across minute, hour, day and year ends, in several zones and fraction styles)
// interleaved with texts that share the cached minute but differ after it, and invalid ones.
TEST_CASE("time: TimestampParser gives parse_rfc3339's answer for every text", "[time]") {
  std::vector<std::string> texts;
  const char* const zones[] = {"Z", "+02:00", "-0530", "", "z"};
  const char* const fractions[] = {"", ".000", ".5", ",123456"};
  for (const char* zone : zones)
    for (const char* fraction : fractions)
      for (const char* minute : {"2025-12-31T23:59", "2024-02-29T09:15", "2026-11-29 06:30"})
        for (const char* second : {"00", "01", "58", "59", "60", "61", "5", "5x"})
          texts.push_back(std::string(minute) + ":" + second + fraction + zone);
  texts.insert(texts.end(),
               {"2025-12-31T23:59:59.Z", "2025-12-31T23:59:59+02", " 2025-12-31T23:59:01Z ",
                "2025-12-31T23:59", "2025-12-31T23:59:", "2025-12-31T23:59:0", "",
                "2025-12-31T23:59:01+02:00x", "2025-12-31T23:59:01Zextra"});
  // Every text after every other one (so the cache holds each possible minute and zone).
  runaudit::TimestampParser parser;
  std::size_t checked = 0;
  for (const std::string& before : texts)
    for (const std::string& text : texts) {
      parser.parse(before);
      const auto expected = parse_rfc3339(text);
      const auto got = parser.parse(text);
      INFO(before << " then " << text);
      REQUIRE(got.has_value() == expected.has_value());
      if (expected) {
        REQUIRE(got->utc_ms == expected->utc_ms);
        REQUIRE(got->had_zone == expected->had_zone);
        REQUIRE(got->utc_offset_s == expected->utc_offset_s);
      }
      ++checked;
    }
  CHECK(checked == texts.size() * texts.size());
  // And the cache really is used and right across a minute change: 23:59:59 then 00:00:00.
  runaudit::TimestampParser p;
  CHECK(p.parse("2025-12-31T23:59:58Z")->utc_ms == 1767225598000);  // python3 datetime
  CHECK(p.parse("2025-12-31T23:59:59.250Z")->utc_ms == 1767225599250);
  CHECK(p.parse("2026-01-01T00:00:00Z")->utc_ms == 1767225600000);
}
