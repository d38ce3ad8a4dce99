// Unit tests for athletes' local time (src/core/local_time.cpp): local days at an offset, date
// windows, IANA zones across daylight-saving changes. Expected values are from the calendar
// (python3's datetime / zoneinfo gives the same) and the EU / US daylight-saving rules.

#include <catch2/catch.hpp>

#include "runaudit/local_time.hpp"
#include "runaudit/time.hpp"

using runaudit::DayRange;
using runaudit::format_day;
using runaudit::format_day_range;
using runaudit::local_day;
using runaudit::parse_day_range;
using runaudit::parse_rfc3339;
using runaudit::TimeZone;

namespace {

std::int64_t utc(const char* text) {
  const auto t = parse_rfc3339(text);
  REQUIRE(t);
  return t->utc_ms;
}

std::int64_t day(const char* yyyy_mm_dd) {
  const auto r = parse_day_range(yyyy_mm_dd, 0);
  REQUIRE(r);
  REQUIRE(r->first == r->last);
  return r->first;
}

}  // namespace

TEST_CASE("local time: a Sunday 22:30 run at -08:00 is on Sunday, not Monday", "[time][local]") {
  const std::int64_t t = utc("2026-11-22T22:30:00-08:00");  // 06:30 UTC on Monday the 23rd
  CHECK(format_day(local_day(t, 0)) == "2026-11-23");
  CHECK(format_day(local_day(t, -8 * 3600)) == "2026-11-22");
  CHECK(runaudit::format_local_rfc3339(t, -8 * 3600) == "2026-11-22T22:30:00-08:00");
  CHECK(runaudit::format_local_rfc3339(t, 0) == "2026-11-23T06:30:00+00:00");  // known: London's
  CHECK(runaudit::format_local_rfc3339(t, 5 * 3600 + 45 * 60) == "2026-11-23T12:15:00+05:45");
  // Before the epoch, days still count down.
  CHECK(local_day(-1, 0) == -1);
  CHECK(format_day(0) == "1970-01-01");
}

TEST_CASE("local time: date windows", "[time][local]") {
  // ISO week 48 of 2026 is Monday 23 to Sunday 29 November (1 January 2026 is a Thursday).
  const auto w48 = parse_day_range("2026-W48", 0);
  REQUIRE(w48);
  CHECK(format_day(w48->first) == "2026-11-23");
  CHECK(format_day(w48->last) == "2026-11-29");
  // Week 1 of 2026 begins on Monday 29 December 2025; 2026 has a week 53, 2025 does not.
  CHECK(format_day(parse_day_range("2026-W01", 0)->first) == "2025-12-29");
  CHECK(format_day(parse_day_range("2026-W53", 0)->last) == "2027-01-03");
  CHECK_FALSE(parse_day_range("2025-W53", 0));
  // A day, and the last N days up to today.
  CHECK(parse_day_range("2026-11-23", 0)->first == w48->first);
  const std::int64_t today = day("2026-12-04");
  const auto week = parse_day_range("7d", today);
  REQUIRE(week);
  CHECK(format_day(week->first) == "2026-11-28");
  CHECK(week->last == today);
  CHECK(parse_day_range("1d", today)->first == today);
  // The whole ISO weeks before this one: on Friday 4 December 2026 (W49), 1w is W48, and so it
  // is on Monday 30 November and Sunday 6 December; 4w is W45..W48 (2 to 29 November).
  for (const char* in_w49 : {"2026-11-30", "2026-12-04", "2026-12-06"})
    CHECK(parse_day_range("1w", day(in_w49)) == w48);
  CHECK(parse_day_range("1W", day("2026-12-07")) == parse_day_range("2026-W49", 0));
  const auto four = parse_day_range("4w", today);
  REQUIRE(four);
  CHECK(format_day(four->first) == "2026-11-02");
  CHECK(format_day(four->last) == "2026-11-29");
  // Before 1970 too: Monday 29 December 1969 began the week before that of 1 January 1970.
  CHECK(format_day(parse_day_range("1w", 0)->first) == "1969-12-22");
  for (const char* bad : {"", "0d", "-3d", "7", "d", "0w", "w", "1.5w", "2026-02-29", "2026-13-01",
                          "2026-W00", "2026-W4", "2026-11-23T00:00", "26-11-23", "1899-12-31"})
    CHECK_FALSE(parse_day_range(bad, today));
  CHECK(DayRange{}.contains(today));  // open at both ends
  // As an ISO 8601 interval (a late run's window in a history), open ends as "..".
  CHECK(format_day_range(*w48) == "2026-11-23/2026-11-29");
  CHECK(format_day_range(DayRange{.first = w48->first}) == "2026-11-23/..");
  CHECK(format_day_range(DayRange{}) == "../..");
}

TEST_CASE("local time: IANA zones follow daylight saving", "[time][local]") {
  const auto berlin = TimeZone::find("Europe/Berlin");
  REQUIRE(berlin);
  CHECK(berlin->name() == "Europe/Berlin");
  // EU summer time starts at 01:00 UTC on the last Sunday of March (29 March 2026).
  CHECK(berlin->utc_offset_s(utc("2026-03-29T00:59:59Z")) == 3600);
  CHECK(berlin->utc_offset_s(utc("2026-03-29T01:00:00Z")) == 7200);
  // ... and ends at 01:00 UTC on the last Sunday of October (25 October 2026).
  CHECK(berlin->utc_offset_s(utc("2026-10-25T00:59:59Z")) == 7200);
  CHECK(berlin->utc_offset_s(utc("2026-10-25T01:00:00Z")) == 3600);
  // A run at 00:30 local on the night of the change is on that Sunday; one at 23:30 the
  // evening before is on Saturday.
  const std::int64_t after = utc("2026-03-28T23:30:00Z");  // 00:30 CET on the 29th
  CHECK(format_day(local_day(after, berlin->utc_offset_s(after))) == "2026-03-29");
  const std::int64_t before = utc("2026-03-28T22:30:00Z");  // 23:30 CET on the 28th
  CHECK(format_day(local_day(before, berlin->utc_offset_s(before))) == "2026-03-28");
  // US Pacific: standard time from 1 November 2026 (first Sunday of November, 09:00 UTC).
  const auto la = TimeZone::find("America/Los_Angeles");
  REQUIRE(la);
  CHECK(la->utc_offset_s(utc("2026-11-22T06:30:00Z")) == -8 * 3600);
  CHECK(la->utc_offset_s(utc("2026-07-01T12:00:00Z")) == -7 * 3600);
  CHECK(TimeZone::find("Asia/Kathmandu")->utc_offset_s(utc("2026-01-01T00:00:00Z")) == 20700);
  // A wall-clock reading (its digits given as if UTC): Berlin in September is UTC+2, in January
  // UTC+1; 02:30 on 25 October
  // 2026 happens twice (summer time first), 02:30 on 29 March 2026 never (the clocks skip to
  // 03:00: the offset before, +1).
  CHECK(berlin->local_utc_offset_s(utc("2021-09-08T01:46:40Z")) == 7200);
  CHECK(berlin->local_utc_offset_s(utc("2026-01-15T12:00:00Z")) == 3600);
  CHECK(berlin->local_utc_offset_s(utc("2026-10-25T02:30:00Z")) == 7200);
  CHECK(berlin->local_utc_offset_s(utc("2026-03-29T02:30:00Z")) == 3600);
  CHECK(la->local_utc_offset_s(utc("2026-07-01T05:00:00Z")) == -7 * 3600);
  CHECK_FALSE(TimeZone::find("Mars/Olympus_Mons"));
  CHECK_FALSE(TimeZone::find(""));
}
