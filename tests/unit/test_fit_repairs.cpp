// Unit tests for how parse_fit repairs what real devices write, on FIT files built byte by byte
// (support/fit_bytes.hpp) with known truth: a second split over two records (Suunto Ambit 3,
// Strava's app), a track with a few stray positions, a last record decades ahead (a damaged
// file), a forward jump of the device's clock mid-run (Forerunner 225) and a step back along a
// continuing track (a fast clock set from GPS time), a pool swim without
// timed records, and chained files overlapping in time.
//
// Times: FIT date_time t_fit = 1'000'000'000 is t_unix_ms = 1'631'065'600'000 ms
// (2021-09-08T01:46:40Z). 20 days = 1'728'000 s.

#include <GeographicLib/Geodesic.hpp>
#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runaudit/io/error.hpp"
#include "runaudit/io/fit.hpp"
#include "runaudit/model.hpp"
#include "runaudit/signal/series.hpp"
#include "support/fit_bytes.hpp"
#include "support/printers.hpp"

using runaudit::Activity;
using runaudit::NoteCode;
using runaudit::io::ParseErrc;

namespace {

using namespace testing::fit_bytes;
using testing::error_of;
using testing::find_note;
using testing::val;

constexpr std::uint16_t lap = 19;
constexpr std::uint32_t twenty_days_s = 20 * 86'400;

// The count of @p a's note of @p code, 0 without one.
std::size_t count(const Activity& a, NoteCode code) {
  const runaudit::Note* n = find_note(a, code);
  return n ? n->count : 0;
}

std::vector<Activity> parse(const std::string& bytes) {
  return runaudit::io::parse_fit(bytes, "test.fit");
}

// Position-only and HR/distance/cadence-only record layouts, on local types 1 and 2.
const std::vector<Field> position_fields{{253, 4, uint32_t_}, {0, 4, sint32_t_}, {1, 4, sint32_t_}};
const std::vector<Field> channel_fields{
    {253, 4, uint32_t_}, {3, 1, uint8_t_}, {5, 4, uint32_t_}, {4, 1, uint8_t_}};

double latitude(std::size_t i) {
  return 48 + double(i) * 1e-5;
}

// A session (local type 5): timestamp, start_time, sport, sub_sport, elapsed and timer (ms).
FitBytes& add_session(FitBytes& b, std::uint32_t end, std::uint32_t start, std::uint64_t sport,
                      std::uint64_t sub_sport, std::uint64_t elapsed_ms) {
  return b
      .define(5, session,
              {{253, 4, uint32_t_},
               {2, 4, uint32_t_},
               {5, 1, enum_t},
               {6, 1, enum_t},
               {7, 4, uint32_t_},
               {8, 4, uint32_t_}})
      .data(5, {end, start, sport, sub_sport, elapsed_ms, elapsed_ms});
}

}  // namespace

TEST_CASE("FIT repairs: a second written as two records at one time is one sample") {
  // 120 s; each second a position record and a heart rate/distance/cadence record.
  const bool position_first = GENERATE(true, false);
  INFO("position record first: " << position_first);
  FitBytes b;
  activity_file(b).define(1, record, position_fields).define(2, record, channel_fields);
  for (std::uint32_t i = 0; i < 120; ++i) {
    const auto position = [&] {
      b.data(1, {t_fit + i, semicircles(latitude(i)), semicircles(11)});
    };
    if (position_first) position();
    b.data(2, {t_fit + i, 140 + i % 10, 300 * i, 85});
    if (!position_first) position();
  }
  const Activity a = parse(b.file()).at(0);
  CHECK(a.trackpoints == 240u);
  REQUIRE(a.samples.size() == 120);
  for (std::size_t i = 0; i < 120; ++i) {
    INFO("sample " << i);
    CHECK(a.samples[i].time_ms == t_unix_ms + 1000 * std::int64_t(i));
    CHECK(val(a.samples[i].latitude_deg) == degrees(latitude(i)));
    CHECK(val(a.samples[i].heart_rate_bpm) == double(140 + i % 10));
    CHECK(val(a.samples[i].distance_m) == Approx(3.0 * double(i)));
    CHECK(val(a.samples[i].cadence_spm) == 170);
  }
  const auto* merged = find_note(a, NoteCode::merged_time);
  REQUIRE(merged);
  CHECK(merged->count == 120u);
  CHECK_FALSE(find_note(a, NoteCode::no_position));
  CHECK_FALSE(find_note(a, NoteCode::duplicate_time));
  CHECK_FALSE(find_note(a, NoteCode::conflicting_value));
}

TEST_CASE("FIT repairs: a value both records of one time hold keeps the first, with a note") {
  FitBytes b;
  activity_file(b)
      .define(1, record,
              {{253, 4, uint32_t_}, {0, 4, sint32_t_}, {1, 4, sint32_t_}, {3, 1, uint8_t_}})
      .define(2, record, channel_fields);
  for (std::uint32_t i = 0; i < 90; ++i) {
    // The position record says 150 bpm at second 30 and 160 at 60, the channel record
    // 140 + i % 10 everywhere; elsewhere the position record's HR is invalid (0xFF: absent).
    const std::uint64_t hr = i == 30 ? 150 : i == 60 ? 160 : 0xFF;
    b.data(1, {t_fit + i, semicircles(latitude(i)), semicircles(11), hr});
    b.data(2, {t_fit + i, 140 + i % 10, 300 * i, 85});
  }
  const Activity a = parse(b.file()).at(0);
  REQUIRE(a.samples.size() == 90);
  CHECK(val(a.samples[30].heart_rate_bpm) == 150);
  CHECK(val(a.samples[60].heart_rate_bpm) == 160);
  CHECK(val(a.samples[31].heart_rate_bpm) == 141);
  const auto* conflict = find_note(a, NoteCode::conflicting_value);
  REQUIRE(conflict);
  CHECK(conflict->count == 2u);
  CHECK(val(a.samples[60].distance_m) == Approx(180));  // filled from the second record
}

TEST_CASE("FIT repairs: a track where few records have a position keeps every record") {
  // 2000 records a second apart with heart rate and distance; positions on some of them. The
  // device's distance rises 1.11 m a second, as the positions do (1e-5 degrees of latitude at
  // 48 N is 1.1127 m): the two agree, so the fixes are measured by the track.
  const auto build = [](const auto& has_position) {
    FitBytes b;
    activity_file(b)
        .define(1, record, record_fields)
        .define(2, record, {{253, 4, uint32_t_}, {3, 1, uint8_t_}, {5, 4, uint32_t_}});
    for (std::uint32_t i = 0; i < 2000; ++i) {
      if (has_position(i))
        b.data(1, {t_fit + i, semicircles(latitude(i)), semicircles(11), 140, 111 * i, 85});
      else
        b.data(2, {t_fit + i, 140, 111 * i});
    }
    return parse(b.file()).at(0);
  };
  SECTION("one stray fix (a bike computer indoors): the position is dropped") {
    const Activity a = build([](std::uint32_t i) { return i == 700; });
    REQUIRE(a.samples.size() == 2000);
    CHECK_FALSE(a.samples[700].has_position());
    CHECK(val(a.samples[1999].distance_m) == Approx(1.11 * 1999));
    const auto* stray = find_note(a, NoteCode::stray_position);
    REQUIRE(stray);
    CHECK(stray->count == 1u);
    CHECK_FALSE(find_note(a, NoteCode::no_position));
  }
  SECTION("the first 40 % without fix (GPS found late): kept, measured by the device") {
    // The watch recorded 800 s before its first fix (a runner who starts before the GPS has
    // locked): those records keep their time and heart rate, their distance the device's.
    const Activity a = build([](std::uint32_t i) { return i >= 800; });
    REQUIRE(a.samples.size() == 2000);
    CHECK_FALSE(a.samples[799].has_position());
    CHECK(a.samples[800].has_position());
    CHECK(a.start_time_ms() == t_unix_ms);
    CHECK(count(a, NoteCode::blind_kept) == 800u);
    CHECK_FALSE(find_note(a, NoteCode::no_position));
    CHECK_FALSE(find_note(a, NoteCode::stray_position));
    // Truth: 800 s of the device's 1.11 m/s up to the first fix, then the fixes' meridian arc.
    double arc = 0;
    GeographicLib::Geodesic::WGS84().Inverse(latitude(800), 11, latitude(1999), 11, arc);
    const runaudit::signal::Prepared p = runaudit::signal::prepare(a);
    CHECK(p.distance_source == "gps");
    CHECK(p.metrics.moving_time_s == Approx(1999).margin(1));
    REQUIRE(p.metrics.distance_m);
    CHECK(*p.metrics.distance_m == Approx(1.11 * 800 + arc).epsilon(0.005));
  }
  SECTION(
      "the first 800 s without fix, the first two records without distance: kept from the "
      "third") {
    // A Suunto counts its distance from its third record: the two before it hold time and heart
    // rate only. The 798 records after them are measured by the device (1.11 m/s) and kept.
    FitBytes b;
    activity_file(b)
        .define(1, record, record_fields)
        .define(2, record, {{253, 4, uint32_t_}, {3, 1, uint8_t_}, {5, 4, uint32_t_}})
        .define(3, record, {{253, 4, uint32_t_}, {3, 1, uint8_t_}});
    for (std::uint32_t i = 0; i < 2000; ++i) {
      if (i < 2)
        b.data(3, {t_fit + i, 140});
      else if (i < 800)
        b.data(2, {t_fit + i, 140, 111 * i});
      else
        b.data(1, {t_fit + i, semicircles(latitude(i)), semicircles(11), 140, 111 * i, 85});
    }
    const Activity a = parse(b.file()).at(0);
    REQUIRE(a.samples.size() == 1998);
    CHECK(count(a, NoteCode::blind_kept) == 798u);
    CHECK(count(a, NoteCode::no_position) == 2u);
    CHECK(a.start_time_ms() == t_unix_ms);  // the two still start the recording
    double arc = 0;
    GeographicLib::Geodesic::WGS84().Inverse(latitude(800), 11, latitude(1999), 11, arc);
    const runaudit::signal::Prepared p = runaudit::signal::prepare(a);
    REQUIRE(p.metrics.distance_m);
    CHECK(*p.metrics.distance_m == Approx(1.11 * 798 + arc).epsilon(0.005));
    CHECK(p.metrics.moving_time_s == Approx(1997).margin(1));
  }
  SECTION("GPS lost for the last 10 minutes: kept, measured by the device") {
    const Activity a = build([](std::uint32_t i) { return i < 1400; });
    REQUIRE(a.samples.size() == 2000);
    CHECK(count(a, NoteCode::blind_kept) == 600u);
    double arc = 0;
    GeographicLib::Geodesic::WGS84().Inverse(latitude(0), 11, latitude(1399), 11, arc);
    const runaudit::signal::Prepared p = runaudit::signal::prepare(a);
    REQUIRE(p.metrics.distance_m);
    CHECK(*p.metrics.distance_m == Approx(arc + 1.11 * 600).epsilon(0.005));
    CHECK(p.metrics.moving_time_s == Approx(1999).margin(1));
  }
  SECTION("fixes without the device's distance around a blind stretch: no pause at the cuts") {
    // Positions carry no distance here (0xFFFFFFFF: invalid), so nothing measures the step
    // from a fix to the blind stretch: it is still no pause of the watch.
    FitBytes b;
    activity_file(b)
        .define(1, record, record_fields)
        .define(2, record, {{253, 4, uint32_t_}, {3, 1, uint8_t_}, {5, 4, uint32_t_}});
    for (std::uint32_t i = 0; i < 2000; ++i) {
      if (i < 900 || i >= 1100)
        b.data(1, {t_fit + i, semicircles(latitude(i)), semicircles(11), 140, 0xFFFFFFFF, 85});
      else
        b.data(2, {t_fit + i, 140, 300 * i});
    }
    const Activity a = parse(b.file()).at(0);
    REQUIRE(count(a, NoteCode::blind_kept) == 200u);
    const runaudit::signal::Prepared p = runaudit::signal::prepare(a);
    CHECK(p.metrics.paused_time_s == 0);
    CHECK(p.metrics.moving_time_s == Approx(1999).margin(1));
  }
  SECTION("the first 20 s without fix: kept, nothing else measures them") {
    const Activity a = build([](std::uint32_t i) { return i >= 20; });
    REQUIRE(a.samples.size() == 2000);
    CHECK(count(a, NoteCode::blind_kept) == 20u);
    CHECK(a.start_time_ms() == t_unix_ms);
  }
  SECTION("a lone record before the first fix: dropped, no rise of its own to measure") {
    const Activity a = build([](std::uint32_t i) { return i >= 1; });
    REQUIRE(a.samples.size() == 1999);
    CHECK(count(a, NoteCode::no_position) == 1u);
    CHECK_FALSE(find_note(a, NoteCode::blind_kept));
  }
  SECTION("no fix for 20 s, under the 30 s a blind stretch needs: dropped") {
    const Activity a = build([](std::uint32_t i) { return i < 1000 || i >= 1020; });
    REQUIRE(a.samples.size() == 1980);
    CHECK(count(a, NoteCode::no_position) == 20u);
    CHECK_FALSE(find_note(a, NoteCode::blind_kept));
  }
  SECTION("a fix every 5 s through the whole run: the records between are placed between them") {
    // The track has positions; the four records between two fixes lie on the line between them,
    // linear in time; the four after the last fix (1995 s), which nothing else measures, are
    // kept with the device's distance (rising 1.11 m/s: the watch went on).
    const Activity a = build([](std::uint32_t i) { return i % 5 == 0; });
    REQUIRE(a.samples.size() == 2000);
    CHECK(count(a, NoteCode::between_fixes) == 1596u);
    CHECK(count(a, NoteCode::blind_kept) == 4u);
    CHECK_FALSE(find_note(a, NoteCode::no_position));
    CHECK_FALSE(find_note(a, NoteCode::stray_position));
    const runaudit::Sample& s = a.samples[7];
    CHECK(s.time_ms == t_unix_ms + 7000);
    CHECK(s.position_interpolated);
    CHECK_FALSE(a.samples[10].position_interpolated);
    const double from = degrees(latitude(5)), to = degrees(latitude(10));
    CHECK(val(s.latitude_deg) == Approx(from + 0.4 * (to - from)).epsilon(1e-12));
    CHECK(val(s.longitude_deg) == Approx(degrees(11)).epsilon(1e-12));
    // Distance: the fixes' meridian arc (the records between are no measurements of it), then
    // the device's 4 s at 1.11 m/s.
    double arc = 0;
    GeographicLib::Geodesic::WGS84().Inverse(latitude(0), 11, latitude(1995), 11, arc);
    const runaudit::signal::Prepared p = runaudit::signal::prepare(a);
    REQUIRE(p.metrics.distance_m);
    CHECK(*p.metrics.distance_m == Approx(arc + 4 * 1.11).epsilon(0.002));
    CHECK(p.metrics.moving_time_s == Approx(1999).margin(1));
  }
  SECTION("a fix every 5 s, but for a hole of 15 s (placed) and one of 16 s (dropped)") {
    // The limit is half the shortest surge judged (30 s), so that no track becomes fine enough
    // for surges by positions placed between its fixes.
    const Activity a = build([](std::uint32_t i) {
      return (i % 5 == 0 && !(i > 1000 && i < 1015) && !(i > 1500 && i < 1516)) || i == 1516;
    });
    const auto at = [&](std::int64_t s) {
      return std::find_if(a.samples.begin(), a.samples.end(), [&](const runaudit::Sample& x) {
        return x.time_ms == t_unix_ms + s * 1000;
      });
    };
    REQUIRE(at(1007) != a.samples.end());
    CHECK(at(1007)->position_interpolated);
    CHECK(at(1507) == a.samples.end());
    CHECK(at(1516) != a.samples.end());
    CHECK(count(a, NoteCode::no_position) == 15u);  // the 16 s hole's (the last 4 are kept)
  }
  SECTION("a fix every 5 s in the first third only: positions dropped") {
    const Activity a = build([](std::uint32_t i) { return i < 660 && i % 5 == 0; });
    REQUIRE(a.samples.size() == 2000);
    CHECK(count(a, NoteCode::stray_position) == 132u);
  }
}

TEST_CASE("FIT repairs: heart rate written between sparse fixes counts") {
  // A Suunto writes a fix every 1-20 s and heart rate every second between them. Here a fix
  // every 5 s with 130 bpm, four records of 120 bpm between: time-weighted, the mean is
  // (130 + 4 x 120) / 5 = 122 bpm (the fixes alone said 130).
  FitBytes b;
  activity_file(b)
      .define(1, record, record_fields)
      .define(2, record, {{253, 4, uint32_t_}, {3, 1, uint8_t_}, {5, 4, uint32_t_}});
  for (std::uint32_t i = 0; i <= 1000; ++i) {
    if (i % 5 == 0)
      b.data(1, {t_fit + i, semicircles(latitude(i)), semicircles(11), 130, 111 * i, 85});
    else
      b.data(2, {t_fit + i, 120, 111 * i});
  }
  const Activity a = parse(b.file()).at(0);
  REQUIRE(a.samples.size() == 1001);
  const runaudit::signal::Prepared p = runaudit::signal::prepare(a);
  REQUIRE(p.metrics.avg_hr_bpm);
  CHECK(*p.metrics.avg_hr_bpm == Approx(122).margin(0.1));
  CHECK(p.metrics.moving_time_s == Approx(1000).margin(1));
}

TEST_CASE("FIT repairs: a pause without a fix either side lasts as long as the timer stopped") {
  // Fixes at 1.11 m/s; the timer stopped 161 s; 600 s without a fix while the device's
  // distance rises 0.2 m/s (a runner standing, shuffling: a stop) after the pause, or before
  // it; fixes at 1.11 m/s again. (An FR920XT's interval session read 16:30 paused where its
  // timer stopped 2:41.) 2360 s in all: 161 paused, 600 stopped, 1599 moving.
  const auto build = [](std::uint32_t stop_s, std::uint32_t blind_from_s) {
    FitBytes b;
    activity_file(b)
        .define(1, record, record_fields)
        .define(2, record, {{253, 4, uint32_t_}, {3, 1, uint8_t_}, {5, 4, uint32_t_}})
        .define(3, event, {{253, 4, uint32_t_}, {0, 1, enum_t}, {1, 1, enum_t}});
    b.data(3, {t_fit, 0, 0});  // event timer start
    std::uint32_t cm = 0, fix = 0;
    for (std::uint32_t t = 0; t < 2360; ++t) {
      if (t > stop_s && t < stop_s + 161) continue;
      if (t == stop_s + 161) b.data(3, {t_fit + stop_s, 0, 4}).data(3, {t_fit + t, 0, 0});
      const bool blind = t >= blind_from_s && t < blind_from_s + 600;
      if (blind)
        b.data(2, {t_fit + t, 120, cm});
      else
        b.data(1, {t_fit + t, semicircles(latitude(fix++)), semicircles(11), 140, cm, 85});
      cm += blind ? 20 : 111;
    }
    return parse(b.file()).at(0);
  };
  const auto check = [](const Activity& a) {
    CHECK(count(a, NoteCode::no_position) == 599u);  // all but the one at the pause
    CHECK(count(a, NoteCode::blind_kept) == 1u);
    const runaudit::signal::Prepared p = runaudit::signal::prepare(a);
    CHECK(p.metrics.paused_time_s == Approx(161));  // the timer's, not 761 s between fixes
    CHECK(p.metrics.stopped_time_s == Approx(600).margin(2));
    CHECK(p.metrics.moving_time_s == Approx(1599).margin(2));
    CHECK(p.metrics.elapsed_time_s == 2359);
  };
  SECTION("no fix after the pause") {
    check(build(999, 1160));
  }
  SECTION("no fix before the pause") {
    check(build(1599, 1000));
  }
}

TEST_CASE(
    "FIT repairs: a record at the second the timer starts again, written before the start "
    "event, is the running timer's") {
  // An Edge 500 writes the record of the resume, then the timer start, at one second. Here: the
  // timer runs 0-100 s (a record a second, the last at the stop's own second), stops 60 s (one
  // record at 130 s written while stopped), and runs again from 160 s to 299 s, the record at
  // 160 s first. Truth: 101 + 140 samples, 60 s paused (the timer's), one record dropped.
  FitBytes b;
  activity_file(b)
      .define(1, record, record_fields)
      .define(3, event, {{253, 4, uint32_t_}, {0, 1, enum_t}, {1, 1, enum_t}});
  b.data(3, {t_fit, 0, 0});  // timer start
  std::uint32_t fix = 0;
  const auto at = [&](std::uint32_t t) {
    b.data(1, {t_fit + t, semicircles(latitude(fix)), semicircles(11), 140, 111 * fix, 85});
    ++fix;
  };
  for (std::uint32_t t = 0; t <= 100; ++t) at(t);
  b.data(3, {t_fit + 100, 0, 4});  // timer stop_all
  at(130);
  at(160);
  b.data(3, {t_fit + 160, 0, 0});  // timer start, after the record of its second
  for (std::uint32_t t = 161; t < 300; ++t) at(t);
  const Activity a = parse(b.file()).at(0);
  CHECK(a.samples.size() == 241u);
  CHECK(count(a, NoteCode::timer_stopped) == 1u);
  REQUIRE(a.segment_starts.size() == 2);
  CHECK(a.samples[a.segment_starts[1]].time_ms == t_unix_ms + 160'000);
  const runaudit::signal::Prepared p = runaudit::signal::prepare(a);
  CHECK(p.metrics.paused_time_s == Approx(60));
  CHECK(p.metrics.elapsed_time_s == Approx(299));
}

TEST_CASE("FIT repairs: a last record far ahead of the run is a clock glitch, dropped") {
  // A 2-minute run, then one record: 2 billion s ahead (a damaged file's last record decoding
  // to 2085), 7 h ahead, or 5 h ahead (not further than 6 h: kept, a pause before it).
  const auto with_last = [](std::uint32_t after_s) {
    FitBytes b;
    activity_file(b).define(1, record, record_fields);
    for (std::uint32_t i = 0; i < 120; ++i)
      b.data(1, {t_fit + i, semicircles(latitude(i)), semicircles(11), 140, 300 * i, 85});
    b.data(1, {t_fit + 119 + after_s, semicircles(latitude(120)), semicircles(11), 140, 36000, 85});
    return parse(b.file()).at(0);
  };
  for (const std::uint32_t after_s : {2'000'000'000u, 7u * 3600}) {
    INFO("after " << after_s << " s");
    const Activity a = with_last(after_s);
    REQUIRE(a.samples.size() == 120);
    CHECK(a.samples.back().time_ms == t_unix_ms + 119'000);
    CHECK(count(a, NoteCode::time_backwards) == 1u);
  }
  const Activity kept = with_last(5 * 3600);
  REQUIRE(kept.samples.size() == 121);
  CHECK(kept.samples.back().time_ms == t_unix_ms + (119 + 5 * 3600) * std::int64_t{1000});
}

TEST_CASE("FIT repairs: a few records days apart from the run, the timer left paused, dropped") {
  // A Magellan's ride: 3 records, a timer stop, 27 days later a timer start and the ride (600
  // records); the session begins with the 3 and lasts the 27 days. Or the ride, then 4 records
  // 8 h later; or two walks of 300 records a night (10 h) apart: a pause, both kept.
  constexpr std::uint32_t gap_s = 27 * 86'400;
  const auto build = [](std::uint32_t before, std::uint32_t after, std::uint32_t gap) {
    FitBytes b;
    activity_file(b)
        .define(1, record, record_fields)
        .define(2, event, {{253, 4, uint32_t_}, {0, 1, enum_t}, {1, 1, enum_t}});
    b.data(2, {t_fit, 0, 0});  // timer start
    std::uint32_t i = 0, t = t_fit;
    for (; i < before; ++i, ++t)
      b.data(1, {t, semicircles(latitude(i)), semicircles(11), 140, 300 * i, 85});
    b.data(2, {t - 1, 0, 4});  // stop_all
    t += gap - 1;
    b.data(2, {t, 0, 0});
    for (; i < before + after; ++i, ++t)
      b.data(1, {t, semicircles(latitude(i)), semicircles(11), 140, 300 * i, 85});
    add_session(b, t - 1, t_fit, 1, 0, std::uint64_t{t - t_fit} * 1000);
    return parse(b.file()).at(0);
  };
  SECTION("3 records 27 days before the run") {
    const Activity a = build(3, 600, gap_s);
    REQUIRE(a.samples.size() == 600);
    const std::int64_t start_ms = t_unix_ms + (std::int64_t{gap_s} + 2) * 1000;
    CHECK(a.samples.front().time_ms == start_ms);
    CHECK(a.start_time_ms() == start_ms);
    CHECK(a.segment_starts == std::vector<std::size_t>{0});
    CHECK(count(a, NoteCode::stray_fragment) == 3u);
  }
  SECTION("4 records 8 h after the run") {
    const Activity a = build(600, 4, 8 * 3600);
    REQUIRE(a.samples.size() == 600);
    CHECK(a.samples.back().time_ms == t_unix_ms + 599'000);
    CHECK(count(a, NoteCode::stray_fragment) == 4u);
  }
  SECTION("two walks a night apart: a pause") {
    const Activity a = build(300, 300, 10 * 3600);
    REQUIRE(a.samples.size() == 600);
    CHECK(a.segment_starts == std::vector<std::size_t>{0, 300});
    CHECK(count(a, NoteCode::stray_fragment) == 0u);
  }
}

TEST_CASE("FIT repairs: one record dated far earlier mid-run is dropped, not the rest of the run") {
  // A 4-minute run whose record 120 reads a year, 7 h or 2 h early, or 0x10000000 (a damaged
  // time): only that record is dropped; every other keeps its time, without a clock change.
  for (const std::uint32_t record_120 : {t_fit + 120 - 365u * 86'400, t_fit + 120 - 7u * 3600,
                                         t_fit + 120 - 2u * 3600, 0x10000000u}) {
    INFO("record 120 at " << record_120);
    FitBytes b;
    activity_file(b).define(1, record, record_fields);
    for (std::uint32_t i = 0; i < 240; ++i)
      b.data(1, {i == 120 ? record_120 : t_fit + i, semicircles(latitude(i)), semicircles(11), 140,
                 300 * i, 85});
    const Activity a = parse(b.file()).at(0);
    REQUIRE(a.samples.size() == 239);
    CHECK(a.samples[119].time_ms == t_unix_ms + 119'000);
    CHECK(a.samples[120].time_ms == t_unix_ms + 121'000);
    CHECK(a.samples.back().time_ms == t_unix_ms + 239'000);
    CHECK(count(a, NoteCode::time_backwards) == 1u);
    CHECK_FALSE(find_note(a, NoteCode::clock_jump));
  }
}

TEST_CASE("FIT repairs: a forward clock jump without timer pause is moved back") {
  // 200 records a second apart; from record 100 on the device's clock reads 20 days ahead.
  // Laps at 0 and 100 s (the second written on the new clock), a session of 200 s.
  const auto build = [](bool pause_events, std::uint64_t session_elapsed_ms) {
    FitBytes b;
    activity_file(b)
        .define(1, record, record_fields)
        .define(2, event, {{253, 4, uint32_t_}, {0, 1, enum_t}, {1, 1, enum_t}})
        .define(3, lap, {{253, 4, uint32_t_}, {2, 4, uint32_t_}, {8, 4, uint32_t_}});
    b.data(2, {t_fit, 0, 0});  // timer start
    for (std::uint32_t i = 0; i < 200; ++i) {
      const std::uint32_t t = t_fit + i + (i >= 100 ? twenty_days_s : 0);
      if (i == 100 && pause_events)
        b.data(2, {t_fit + 99, 0, 4}).data(2, {t, 0, 0});  // stop_all, start
      if (i == 100) b.data(3, {t_fit + 99, t_fit, 100'000});
      b.data(1, {t, semicircles(latitude(i)), semicircles(11), 140, 300 * i, 85});
    }
    b.data(3, {t_fit + twenty_days_s + 199, t_fit + twenty_days_s + 100, 100'000});
    add_session(b, t_fit + twenty_days_s + 199, t_fit, 1, 0, session_elapsed_ms);
    return parse(b.file()).at(0);
  };
  SECTION("no timer pause, a session of 200 s: the later times move back") {
    const Activity a = build(false, 200'000);
    REQUIRE(a.samples.size() == 200);
    for (std::size_t i = 0; i < 200; ++i) {
      INFO("sample " << i);
      CHECK(a.samples[i].time_ms == t_unix_ms + 1000 * std::int64_t(i));
    }
    REQUIRE(a.laps.size() == 2);
    CHECK(a.laps[1].start_time_ms == t_unix_ms + 100'000);
    CHECK(a.laps[1].first_sample == 100u);
    CHECK(a.laps[1].sample_count == 100u);
    CHECK(a.segment_starts == std::vector<std::size_t>{0});
    const auto* jump = find_note(a, NoteCode::clock_jump);
    REQUIRE(jump);
    CHECK(jump->message ==
          "the device's clock jumped 480.0 h forward after 2021-09-08T01:48:19Z without a timer "
          "pause (the watch setting its clock): the later times moved back");
  }
  SECTION("a timer pause before it: a real pause, times as written") {
    const Activity a = build(true, 200'000);
    REQUIRE(a.samples.size() == 200);
    CHECK(a.samples[100].time_ms == t_unix_ms + (100 + std::int64_t{twenty_days_s}) * 1000);
    CHECK(a.segment_starts == std::vector<std::size_t>{0, 100});
    CHECK_FALSE(find_note(a, NoteCode::clock_jump));
  }
  SECTION("a session that lasted the 20 days: the device counted the gap, times as written") {
    const Activity a = build(false, (std::uint64_t{twenty_days_s} + 200) * 1000);
    REQUIRE(a.samples.size() == 200);
    CHECK(a.samples[100].time_ms == t_unix_ms + (100 + std::int64_t{twenty_days_s}) * 1000);
    CHECK_FALSE(find_note(a, NoteCode::clock_jump));
  }
}

TEST_CASE("FIT repairs: a step back of the clock along a continuing track is moved forward") {
  // 300 records a second apart; from record 150 on the device's clock reads 120 s earlier (a
  // watch setting a fast clock from GPS time). Laps written at 100 s (before the step), at 200 s
  // (begun before it) and at the end (begun after it); the session written at the end.
  const bool with_distance = GENERATE(true, false);
  INFO("device distance: " << with_distance);
  FitBytes b;
  activity_file(b)
      .define(1, record, with_distance ? record_fields : position_fields)
      .define(3, lap, {{253, 4, uint32_t_}, {2, 4, uint32_t_}, {8, 4, uint32_t_}});
  const auto t = [](std::uint32_t i) { return t_fit + i - (i >= 150 ? 120 : 0); };
  for (std::uint32_t i = 0; i < 300; ++i) {
    if (i == 100 || i == 200) b.data(3, {t(i - 1), t(i - 100), 100'000});
    if (with_distance)
      b.data(1, {t(i), semicircles(latitude(i)), semicircles(11), 140, 300 * i, 85});
    else
      b.data(1, {t(i), semicircles(latitude(i)), semicircles(11)});
  }
  b.data(3, {t(299), t(200), 100'000});
  add_session(b, t(299), t_fit, 1, 0, 300'000);
  const Activity a = parse(b.file()).at(0);
  REQUIRE(a.samples.size() == 300);
  for (std::size_t i = 0; i < 300; ++i) {
    INFO("sample " << i);
    CHECK(a.samples[i].time_ms == t_unix_ms + 1000 * std::int64_t(i));
  }
  REQUIRE(a.laps.size() == 3);
  for (std::size_t l = 0; l < 3; ++l) {
    INFO("lap " << l);
    CHECK(a.laps[l].start_time_ms == t_unix_ms + 100'000 * std::int64_t(l));
    CHECK(a.laps[l].first_sample == 100 * l);
    CHECK(a.laps[l].sample_count == 100u);
  }
  CHECK(a.segment_starts == std::vector<std::size_t>{0});
  CHECK(count(a, NoteCode::time_backwards) == 0u);
  const auto* step = find_note(a, NoteCode::clock_jump);
  REQUIRE(step);
  CHECK(step->message ==
        "the device's clock jumped 120 s back after 2021-09-08T01:49:09Z without a timer pause "
        "(the watch setting its clock): the later times moved forward");
  // The run is 299 s of moving, not 179 s with 120 s of running missing.
  CHECK(runaudit::signal::prepare(a).metrics.elapsed_time_s == Approx(299));
}

TEST_CASE("FIT repairs: a step back of the clock soon after a timer pause is moved forward") {
  // 100 records, a 5-minute timer pause, 200 more; 50 s after the pause the clock goes back
  // 120 s. The records later than the step's new time begin with the pause's jump, which is no
  // group of damaged times.
  FitBytes b;
  activity_file(b)
      .define(1, record, record_fields)
      .define(2, event, {{253, 4, uint32_t_}, {0, 1, enum_t}, {1, 1, enum_t}});
  b.data(2, {t_fit, 0, 0});  // timer start
  const auto t = [](std::uint32_t i) {
    return t_fit + i + (i >= 100 ? 300 : 0) - (i >= 150 ? 120 : 0);
  };
  for (std::uint32_t i = 0; i < 300; ++i) {
    if (i == 100) b.data(2, {t_fit + 99, 0, 4}).data(2, {t(100), 0, 0});  // stop_all, start
    b.data(1, {t(i), semicircles(latitude(i)), semicircles(11), 140, 300 * i, 85});
  }
  const Activity a = parse(b.file()).at(0);
  REQUIRE(a.samples.size() == 300);
  for (std::size_t i = 0; i < 300; ++i) {
    INFO("sample " << i);
    CHECK(a.samples[i].time_ms == t_unix_ms + 1000 * std::int64_t(i + (i >= 100 ? 300 : 0)));
  }
  CHECK(a.segment_starts == std::vector<std::size_t>{0, 100});
  CHECK(find_note(a, NoteCode::clock_jump));
}

namespace {

// A run whose device's clock is set mid-run, as real files have it, and its truth: record i
// happened at true_s(i) (one per interval, a timer pause adding its length), and is written at
// that time plus every clock change at or before it, plus its own glitch.
struct ClockCase {
  std::string name;
  std::uint32_t records = 1800, interval_s = 1;
  std::vector<std::pair<std::uint32_t, std::int64_t>> changes;   // from record i on: +s
  std::vector<std::pair<std::uint32_t, std::int64_t>> glitches;  // record i alone: +s
  std::uint32_t pause_at = 0, pause_s = 0;  // a timer pause before record pause_at
  std::vector<std::uint32_t> laps;          // a lap ends before each of these records
  bool laps_at_end = false;                 // laps written after the records (COROS, Suunto)
  bool multisport = false;  // run, ride, run of a third each; sessions written at the end
  std::uint32_t still_from = 0, still_to = 0;  // standing still, heart rate changing

  std::int64_t true_s(std::uint32_t i) const {
    return std::int64_t{i} * interval_s + (pause_s && i >= pause_at ? pause_s : 0);
  }
  std::uint32_t written(std::uint32_t i) const {
    std::int64_t t = true_s(i);
    for (const auto& [at, s] : changes)
      if (i >= at) t += s;
    for (const auto& [at, s] : glitches)
      if (i == at) t += s;
    return static_cast<std::uint32_t>(t_fit + t);
  }
  std::string file() const {
    FitBytes b;
    activity_file(b)
        .define(1, record, record_fields)
        .define(2, event, {{253, 4, uint32_t_}, {0, 1, enum_t}, {1, 1, enum_t}})
        .define(3, lap, {{253, 4, uint32_t_}, {2, 4, uint32_t_}, {8, 4, uint32_t_}});
    b.data(2, {written(0), 0, 0});                        // timer start
    std::vector<std::array<std::uint32_t, 2>> lap_times;  // end, start (as written)
    std::uint32_t lap_begin = 0;
    for (std::uint32_t i = 0; i < records; ++i) {
      if (pause_s && i == pause_at)
        b.data(2, {written(i - 1), 0, 4}).data(2, {written(i), 0, 0});  // stop_all, start
      if (std::find(laps.begin(), laps.end(), i) != laps.end()) {
        lap_times.push_back({written(i - 1), written(lap_begin)});
        if (!laps_at_end) b.data(3, {written(i - 1), written(lap_begin), 100'000});
        lap_begin = i;
      }
      const std::uint32_t moved = i >= still_from && i < still_to ? still_from : i;
      const std::uint64_t hr = i >= still_from && i < still_to ? 100 + i % 40 : 140;
      b.data(1,
             {written(i), semicircles(48 + moved * 2.7e-5), semicircles(11), hr, 300 * moved, 85});
    }
    lap_times.push_back({written(records - 1), written(lap_begin)});
    if (laps_at_end || !laps.empty())
      for (std::size_t l = laps_at_end ? 0 : lap_times.size() - 1; l < lap_times.size(); ++l)
        b.data(3, {lap_times[l][0], lap_times[l][1], 100'000});
    b.define(5, session,
             {{253, 4, uint32_t_}, {2, 4, uint32_t_}, {5, 1, enum_t}, {7, 4, uint32_t_}});
    const auto elapsed_ms = [&](std::uint32_t from, std::uint32_t to) {
      return static_cast<std::uint64_t>(true_s(to - 1) - true_s(from)) * 1000;
    };
    if (multisport)
      for (std::uint32_t leg = 0; leg < 3; ++leg) {
        const std::uint32_t from = leg * records / 3, to = (leg + 1) * records / 3;
        b.data(5, {written(to - 1), written(from), leg == 1 ? 2u : 1u, elapsed_ms(from, to)});
      }
    else
      b.data(5, {written(records - 1), written(0), 1, elapsed_ms(0, records)});
    return b.file();
  }
};

}  // namespace

TEST_CASE("FIT repairs: clocks set mid-run, every sample at its true time") {
  const auto changes = [](std::uint32_t at, std::int64_t s) {
    return std::vector<std::pair<std::uint32_t, std::int64_t>>{{at, s}};
  };
  std::vector<ClockCase> cases;
  const auto add = [&](ClockCase c) { cases.push_back(std::move(c)); };
  // Laps written at the end of the file: a lap that ended before the step is on the old clock.
  add({.name = "18 s back, laps at the end",
       .changes = changes(900, -18),
       .laps = {600, 1200},
       .laps_at_end = true});
  add({.name = "1 h back, laps at the end",
       .changes = changes(900, -3600),
       .laps = {600, 1200},
       .laps_at_end = true});
  add({.name = "18 s back, laps as they end", .changes = changes(900, -18), .laps = {600, 1200}});
  // Multisport, sessions written at the end: each leg keeps its records.
  add({.name = "1 h back in the third leg", .changes = changes(1500, -3600), .multisport = true});
  add({.name = "1 h back in the ride", .changes = changes(900, -3600), .multisport = true});
  // A lone time 1 h ahead just before or just after the step.
  add({.name = "glitch before 60 s back", .changes = changes(900, -60), .glitches = {{899, 3600}}});
  add({.name = "glitch after 60 s back", .changes = changes(900, -60), .glitches = {{901, 3600}}});
  // A 12-hour run at 5 s whose clock jumps 7 h forward halfway: the session's span minus its
  // elapsed time shows the device did not count the gap.
  add({.name = "7 h forward in a 12 h run",
       .records = 8640,
       .interval_s = 5,
       .changes = changes(4320, 7 * 3600)});
  add({.name = "8 h forward, then 2 h back", .changes = {{600, 8 * 3600}, {1200, -10 * 3600}}});
  // Small steps back, at 1 s and at 5 s. (1 s back writes two records at one time, which is
  // how a second split over two records looks: merged, a second lost.)
  add({.name = "2 s back", .changes = changes(900, -2)});
  add({.name = "3 s back", .changes = changes(900, -3)});
  add({.name = "12 s back at 5 s", .interval_s = 5, .changes = changes(900, -12)});
  // Standing still across the step: the same position and distance, not the same heart rate.
  add({.name = "18 s back standing still",
       .changes = changes(900, -18),
       .still_from = 850,
       .still_to = 1000});
  for (const ClockCase& c : cases) {
    INFO(c.name);
    const std::vector<Activity> activities = parse(c.file());
    std::vector<const runaudit::Sample*> samples;
    for (const Activity& a : activities)
      for (const runaudit::Sample& s : a.samples) samples.push_back(&s);
    REQUIRE(samples.size() == c.records - c.glitches.size());
    // The first record at a wrong time, if any.
    std::optional<std::uint32_t> wrong;
    for (std::uint32_t i = 0, k = 0; i < c.records && !wrong; ++i) {
      if (std::any_of(c.glitches.begin(), c.glitches.end(),
                      [&](const auto& g) { return g.first == i; }))
        continue;
      if (samples[k++]->time_ms != t_unix_ms + 1000 * c.true_s(i)) wrong = i;
    }
    CHECK_FALSE(wrong);
    if (c.multisport) {
      REQUIRE(activities.size() == 3);
      for (const Activity& a : activities) CHECK(a.samples.size() == c.records / 3);
    }
    const Activity& a = activities.front();
    CHECK(find_note(a, NoteCode::clock_jump));
    if (!c.laps.empty()) {
      REQUIRE(a.laps.size() == c.laps.size() + 1);
      for (std::size_t l = 1; l < a.laps.size(); ++l) {
        INFO("lap " << l);
        CHECK(a.laps[l].start_time_ms == t_unix_ms + 1000 * c.true_s(c.laps[l - 1]));
        CHECK(a.laps[l].first_sample == c.laps[l - 1]);
      }
    }
  }
}

TEST_CASE("FIT repairs: a step back across a timer pause counts the pause as one interval") {
  // 600 s, a 300 s timer pause, during which the watch set its clock 1 h back, then 900 s more:
  // the pause's length is in no record (the session's totals only), so it becomes one interval.
  ClockCase c{.name = "1 h back across a pause",
              .records = 1500,
              .changes = {{600, -3600}},
              .pause_at = 600,
              .pause_s = 300};
  const Activity a = parse(c.file()).at(0);
  REQUIRE(a.samples.size() == 1500);
  for (std::uint32_t i = 0; i < 1500; ++i) {
    INFO("record " << i);
    CHECK(a.samples[i].time_ms == t_unix_ms + 1000 * std::int64_t{i});
  }
  CHECK(a.segment_starts == std::vector<std::size_t>{0, 600});
  const auto* step = find_note(a, NoteCode::clock_jump);
  REQUIRE(step);
  CHECK_THAT(step->message, Catch::Matchers::Contains("across a timer pause") &&
                                Catch::Matchers::Contains("its length is unknown"));
}

TEST_CASE("FIT repairs: 40 chunks written twice, then a step back: the step is still found") {
  // 3600 records at 1 s, positions only; 40 chunks of 10 records written again each 80 s, and
  // the clock 600 s back at record 3400.
  FitBytes b;
  activity_file(b).define(1, record, position_fields);
  const auto at = [](std::uint32_t i) { return t_fit + i - (i >= 3400 ? 600 : 0); };
  for (std::uint32_t i = 0; i < 3600; ++i) {
    b.data(1, {at(i), semicircles(latitude(i)), semicircles(11)});
    if (i % 80 == 79 && i < 3300)
      for (std::uint32_t j = i - 9; j <= i; ++j)
        b.data(1, {at(j), semicircles(latitude(j)), semicircles(11)});
  }
  const Activity a = parse(b.file()).at(0);
  REQUIRE(a.samples.size() == 3600);
  CHECK(a.samples.back().time_ms == t_unix_ms + 3'599'000);
  CHECK(find_note(a, NoteCode::clock_jump));
}

TEST_CASE("FIT repairs: a step back in a chained file without session is noted on the run") {
  // A file of 100 records with its session, then a chained file of 200 more without one (its
  // records continue the run), whose clock goes 120 s back at its 100th record.
  FitBytes first;
  activity_file(first).define(1, record, record_fields);
  for (std::uint32_t i = 0; i < 100; ++i)
    first.data(1, {t_fit + i, semicircles(latitude(i)), semicircles(11), 140, 300 * i, 85});
  add_session(first, t_fit + 99, t_fit, 1, 0, 100'000);
  FitBytes second;
  second.define(1, record, record_fields);
  for (std::uint32_t i = 100; i < 300; ++i)
    second.data(1, {t_fit + i - (i >= 200 ? 120 : 0), semicircles(latitude(i)), semicircles(11),
                    140, 300 * i, 85});
  const std::vector<Activity> activities = parse(first.file() + second.file());
  REQUIRE(activities.size() == 1);
  const Activity& a = activities[0];
  REQUIRE(a.samples.size() == 300);
  CHECK(a.samples.back().time_ms == t_unix_ms + 299'000);
  const auto* step = find_note(a, NoteCode::clock_jump);
  REQUIRE(step);
  CHECK_THAT(step->message, Catch::Matchers::Contains("120 s back"));
}

TEST_CASE("FIT repairs: a clock and a lap per record (hostile) are repaired, laps kept") {
  // 20 000 records each 7 h after the one before (each a forward jump), and a lap per record
  // written at the end: the records back at one a second, every lap there.
  FitBytes b;
  activity_file(b)
      .define(1, record, record_fields)
      .define(3, lap, {{253, 4, uint32_t_}, {2, 4, uint32_t_}, {8, 4, uint32_t_}});
  constexpr std::uint32_t n = 20'000, jump_s = 7 * 3600;
  const auto at = [](std::uint32_t i) { return t_fit + i * jump_s; };
  for (std::uint32_t i = 0; i < n; ++i)
    b.data(1, {at(i), semicircles(latitude(i)), semicircles(11), 140, 300 * i, 85});
  for (std::uint32_t i = 0; i < n; ++i) b.data(3, {at(i), at(i), 1000});
  const Activity a = parse(b.file()).at(0);
  // The last record has no record after it on its clock: a lone time far ahead, dropped.
  REQUIRE(a.samples.size() == n - 1);
  CHECK(a.samples.back().time_ms - a.samples.front().time_ms == (n - 2) * std::int64_t{1000});
  CHECK(a.laps.size() == n);
  const auto* jump = find_note(a, NoteCode::clock_jump);
  REQUIRE(jump);
  CHECK(jump->count == n - 2);
}

TEST_CASE("FIT repairs: earlier times that are no step of the clock keep their times") {
  // 150 records a second apart, then what follows record 149 instead of 150 s more on one clock.
  FitBytes b;
  activity_file(b)
      .define(1, record, record_fields)
      .define(2, record, {{253, 4, uint32_t_}, {3, 1, uint8_t_}})
      .define(3, record, position_fields);
  const auto full = [&](std::uint32_t i, std::uint32_t at) {
    b.data(1, {at, semicircles(latitude(i)), semicircles(11), 140, 300 * i, 85});
  };
  for (std::uint32_t i = 0; i < 150; ++i) full(i, t_fit + i);
  std::size_t samples = 300;  // 0: not known exactly
  std::int64_t last_s = 299;
  bool rest = true;  // records 150-299 at their times follow
  NoteCode dropped = NoteCode::time_backwards;
  SECTION("a second pass of heart-rate-only records from the start (a separate strap's)") {
    for (std::uint32_t i = 0; i < 150; ++i) b.data(2, {t_fit + i, 150});
    samples = 150, last_s = 149, rest = false;
    dropped = NoteCode::second_pass_merged;  // into the track's records at their times
  }
  SECTION("records 140-149 written again") {
    for (std::uint32_t i = 140; i < 150; ++i) full(i, t_fit + i);
  }
  SECTION("records 140-149 written again, positions only") {
    for (std::uint32_t i = 140; i < 150; ++i)
      b.data(3, {t_fit + i, semicircles(latitude(i)), semicircles(11)});
  }
  SECTION("one record 120 s early, then the old clock again") {
    full(150, t_fit + 30);
    samples = 299;
    for (std::uint32_t i = 151; i < 300; ++i) full(i, t_fit + i);
    rest = false;
  }
  SECTION("one record 2 years ahead (a damaged time), then the clock runs on") {
    full(150, t_fit + 150 + 63'000'000);
    samples = 299;
    for (std::uint32_t i = 151; i < 300; ++i) full(i, t_fit + i);
    rest = false;
  }
  SECTION("a step back whose position and distance are 1 km on: not the same track") {
    b.data(1, {t_fit + 30, semicircles(latitude(150) + 0.01), semicircles(11), 140, 150'000, 85});
    for (std::uint32_t i = 151; i < 300; ++i) full(i, t_fit + i - 120);
    // Dropped until the clock passes 149 s again: of records 270-299 (150-179 s), those the
    // GPS-jump filter keeps after their 134 m leap.
    samples = 0, last_s = 179, rest = false;
  }
  if (rest)
    for (std::uint32_t i = 150; i < 300; ++i) full(i, t_fit + i);
  const Activity a = parse(b.file()).at(0);
  CHECK_FALSE(find_note(a, NoteCode::clock_jump));
  if (samples > 0) CHECK(a.samples.size() == samples);
  REQUIRE(a.samples.size() >= 150);
  CHECK(a.samples[149].time_ms == t_unix_ms + 149'000);
  CHECK(a.samples.back().time_ms == t_unix_ms + 1000 * last_s);
  CHECK(count(a, dropped) > 0u);
}

TEST_CASE("FIT repairs: a group of records 2 years ahead is the clock's jump, not a step back") {
  // An Edge 500 ride (GoldenCheetah's test ride of 2013-04-11) has 14 records dated 2015 between
  // two of 2013: moved back with that forward jump, the records after them keep their times.
  FitBytes b;
  activity_file(b).define(1, record, record_fields);
  constexpr std::uint32_t ahead_s = 63'000'000;
  for (std::uint32_t i = 0; i < 300; ++i)
    b.data(1, {t_fit + i + (i >= 150 && i < 164 ? ahead_s : 0), semicircles(latitude(i)),
               semicircles(11), 140, 300 * i, 85});
  const Activity a = parse(b.file()).at(0);
  REQUIRE(a.samples.size() == 300);
  for (std::size_t i = 0; i < 300; ++i) {
    INFO("sample " << i);
    CHECK(a.samples[i].time_ms == t_unix_ms + 1000 * std::int64_t(i));
  }
  const auto* jump = find_note(a, NoteCode::clock_jump);
  REQUIRE(jump);
  CHECK(jump->message.find("h forward") != std::string::npos);
  CHECK(jump->count == 1u);  // back on the run's own clock is no second change
}

TEST_CASE("FIT repairs: a pool swim without timed records is an activity of its sport") {
  // Lengths as records with a distance and no timestamp, as a Forerunner 910XT writes them.
  const auto untimed = [](std::uint64_t sport, std::uint64_t sub_sport) {
    FitBytes b;
    activity_file(b).define(1, record, {{5, 4, uint32_t_}});
    for (std::uint32_t i = 1; i <= 78; ++i) b.data(1, {2500 * i});
    add_session(b, t_fit + 2354, t_fit, sport, sub_sport, 2'354'113);
    return b.file();
  };
  const auto activities = parse(untimed(5, 17));  // swimming, lap_swimming
  REQUIRE(activities.size() == 1);
  const Activity& a = activities[0];
  CHECK(a.samples.empty());
  CHECK(a.trackpoints == 78u);
  CHECK(a.sport == runaudit::Sport::other);
  CHECK(a.sport_raw == "swimming");
  CHECK(a.sub_sport == "lap_swimming");
  CHECK(val(a.device_elapsed_s) == Approx(2354.113));
  // A run without timed records is still unreadable.
  const auto e = error_of([&] { parse(untimed(1, 0)); });
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::no_timestamps);
}

TEST_CASE("FIT repairs: chained files overlapping in time keep their records to their sessions") {
  // Two recordings of the same minutes chained: a run of 100 s at HR 140..149 with its
  // session, then a swim of 60 s from the same start, HR 100, with its own session.
  FitBytes run;
  activity_file(run).define(1, record, record_fields);
  for (std::uint32_t i = 0; i < 100; ++i)
    run.data(1, {t_fit + i, semicircles(latitude(i)), semicircles(11), 140 + i % 10, 300 * i, 85});
  add_session(run, t_fit + 99, t_fit, 1, 0, 99'000);
  FitBytes swim;
  activity_file(swim).define(1, record, {{253, 4, uint32_t_}, {3, 1, uint8_t_}, {5, 4, uint32_t_}});
  for (std::uint32_t i = 0; i < 60; ++i) swim.data(1, {t_fit + i, 100, 100 * i});
  add_session(swim, t_fit + 59, t_fit, 5, 17, 59'000);
  const auto activities = parse(run.file() + swim.file());
  REQUIRE(activities.size() == 2);
  const Activity& r = activities[0];
  const Activity& s = activities[1];
  CHECK(r.sport_raw == "running");
  REQUIRE(r.samples.size() == 100);
  CHECK(val(r.samples[99].heart_rate_bpm) == 149);
  CHECK(s.sport_raw == "swimming");
  REQUIRE(s.samples.size() == 60);
  CHECK(s.samples[0].time_ms == t_unix_ms);
  CHECK(val(s.samples[59].heart_rate_bpm) == 100);
  CHECK(val(s.samples[59].distance_m) == Approx(59));
}
